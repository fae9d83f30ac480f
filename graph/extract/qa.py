"""Q&A turns of an earnings call (kind qa_turn): each analyst question and each executive answer.

The Q&A starts at the first analyst turn (Document.turns, from the segmenter). A question's subject is the
analyst, its object the analyst's firm; an answer's subject is the executive, its object the issuer.
Qualifiers: ``turn_type`` (question | answer: what the RDF mapping and the shapes read), ``index`` (the
question's number; an answer carries the number of the question it follows), ``order`` within the Q&A and the
speaker's ``title`` when the transcript gives it. The evidence of a question is its first sentence that asks (ends
with "?"), else its first sentence of three words or more that does not name the speaker ("Jo Park, Acme
Securities." introduces, it does not ask); an answer's is its first sentence of three words or more (for either,
the first sentence if none is that long).
"""
from __future__ import annotations

from typing import Optional

from ..iris import slugify
from ..records import EntityRef, Fact, Turn
from .context import ExtractionContext


def _person(ctx: ExtractionContext, name: str) -> EntityRef:
    for e in ctx.gazetteer.entities.values():
        if e.kind == "person" and name.lower() in (n.lower() for n in (e.label, *e.aliases)):
            return e.ref()
    return ctx.discover(slugify(name), "person", name, ("Person",))


def _firm(ctx: ExtractionContext, firm: Optional[str]) -> Optional[EntityRef]:
    """The firm named by the operator; a trailing place ("UBS Hong Kong") is not part of it."""
    if not firm:
        return None
    names = {n.lower(): e for e in ctx.gazetteer.entities.values() for n in (e.label, *e.aliases)}
    if firm.lower() in names and names[firm.lower()].kind == "organisation":
        return names[firm.lower()].ref()
    words = firm.split()
    for i in range(1, len(words)):
        tail = " ".join(words[i:]).lower()
        if tail in names and names[tail].kind == "market":
            firm = " ".join(words[:i])
            break
    return ctx.discover(slugify(firm), "organisation", firm, ("Organisation",))


def _sentences(ctx: ExtractionContext, turn: Turn) -> list[tuple[int, int]]:
    """The turn's sentences; one that starts with the speaker's marker on the same line ("Jo Park: Prices held
    up.") counts from the turn's start."""
    spans = [(max(s.start, turn.start), min(s.end, turn.end)) for s in ctx.sentences
             if s.end > turn.start and s.start < turn.end]
    return [(a, b) for a, b in spans if ctx.text[a:b].strip()]


def _evidence(ctx: ExtractionContext, turn: Turn, question: bool) -> Optional[tuple[int, int]]:
    spans = _sentences(ctx, turn)
    if not spans:
        return None
    names = [w for w in turn.speaker.split() if len(w) > 1]
    long = [(a, b) for a, b in spans if len(ctx.text[a:b].split()) >= 3]
    if question:
        asks = [(a, b) for a, b in spans if ctx.text[a:b].rstrip(" \"”’'").endswith("?")]
        if asks:
            return asks[0]
        long = [(a, b) for a, b in long if not any(w in ctx.text[a:b].split(",")[0].split() for w in names)] or long
    return (long or spans)[0]


def extract(ctx: ExtractionContext) -> list[Fact]:
    turns = [t for t in ctx.doc.turns if t.role != "operator"]
    first_q = next((i for i, t in enumerate(turns) if t.role == "analyst"), None)
    if first_q is None:
        return []
    facts: list[Fact] = []
    question = 0
    order = 0
    for t in turns[first_q:]:
        span = _evidence(ctx, t, t.role == "analyst")
        if span is None:
            continue
        if t.role == "analyst":
            question += 1
            kind, obj = "question", _firm(ctx, t.firm)
        else:
            kind, obj = "answer", ctx.issuer
        order += 1
        quals: tuple[tuple[str, str], ...] = (("turn_type", kind), ("index", str(question)), ("order", str(order)))
        if t.title:
            quals += (("title", t.title),)
        facts.append(Fact(kind="qa_turn", doc_id=ctx.doc.doc_id, subject=_person(ctx, t.speaker),
                          evidence=ctx.evidence(*span), metric="qa_turn", value=kind, object=obj,
                          period=ctx.doc.period, qualifiers=quals))
    return facts
