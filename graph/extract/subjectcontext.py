"""The context a subject word stands in, beyond its clause: the part fronted at the head of the sentence ("In
Mobility, revenue fell 3%, while segment profit declined 9%"), an anaphor after the measure ("Orders in the division"),
a company described by its place ("the Shenzhen-based company"), an unnamed group ("the top five together"), and an
unknown capitalised name in the subject's place ("At Tarvo Nordic, revenue rose 12%"). Used by ``subjectslot.py``;
words in ``mappings/patterns/cues.yaml`` (sentence_openers).
"""
from __future__ import annotations

import bisect
import re
from typing import Optional

from .context import ExtractionContext, Mentions
from .discourse import Discourse
from .patterns import per_document
from ..records import EntityRef
from .slotrules import Slot, SlotRules


def part_in_context(ctx: ExtractionContext, m: Mentions, lo: int, d: Discourse) -> Optional[Slot]:
    """The part of the company a clause with no subject words is about: the one fronted at the head of its sentence
    ("In Mobility, revenue fell 3%, while segment profit declined 9%"), else, for a measure only parts report, the
    part the paragraph's last figure was stated for."""
    sentence = _sentence_at(ctx, lo)
    s0 = sentence.start if sentence is not None else lo
    fronted = _FRONTED_PART.match(ctx.text, s0, lo) if s0 < lo else None
    if fronted is not None:
        named = [e for e in ctx.mentions(sentence).entities if fronted.start("name") <= e.start and
                 e.end <= fronted.end("name") and e.kind in ("segment", "platform")]
        if named:
            return Slot(ctx.entity(named[0]), "sentence", named[0].start, named[0].end)
    if d.last_subject is not None and d.last_subject.kind == "segment" and d.last_subject_paragraph == d.paragraph:
        return Slot(d.last_subject, "carried")
    return None


ANAPHOR_AFTER = re.compile(r"\s+(?:in|within|at|of|for|from|across)\s+(?P<np>(?:the|that|this)\s+(?:segment|division|unit|business))\b",
                            re.I)
_FRONTED_PART = re.compile(r"\s*(?:In|Within|At|For|Across)\s+(?:the\s+|our\s+|its\s+)?(?P<name>[^,;.]{2,60}?)\s*,")


def _sentence_at(ctx: ExtractionContext, pos: int):
    starts = per_document(ctx, "_sentence_starts", lambda: [x.start for x in ctx.sentences])
    i = bisect.bisect_right(starts, pos) - 1
    return ctx.sentences[i] if i >= 0 else None


def _sentence_start(ctx: ExtractionContext, pos: int) -> int:
    sentence = _sentence_at(ctx, pos)
    return sentence.start if sentence is not None else pos


PLACE_DESCRIBED = re.compile(r"\b[Tt]he\s+[A-Z][\w.&'’]*(?:[ -][A-Z][\w.&'’]*)?-(?:based|listed|headquartered|registered)\s+"
                              r"(?:company|group|firm|maker|manufacturer|vendor|brand|chipmaker|carmaker|start-?up|"
                              r"retailer|operator|conglomerate)\b")
UNNAMED_GROUP = re.compile(r"(?<!\bour\s)(?<!\bits\s)\b[Tt]he\s+(?:top|leading|largest|biggest)[- ](?:two|three|four|five|six|"
                            r"seven|eight|nine|ten|\d{1,2})\s+(?:(?:vendors|brands|makers|players|companies|suppliers|"
                            r"manufacturers)\s+)?(?:together|combined|collectively|between\s+them|shipped|sold|"
                            r"accounted|held|took|made)\b|"
                            # "Together, the two companies account for over half": a plural the clause does not name
                            r"(?<!\bour\s)(?<!\bits\s)\b(?:[Tt]he\s+(?:two|three|four|five)|[Bb]oth)\s+(?:[\w-]+\s+)?"
                            r"(?:companies|firms|vendors|brands|makers|players|suppliers|manufacturers|rivals)\b")
_FRONTED_NAME = re.compile(r"\s*(?:At|For|Among|With|Over\s+at)\s+(?:the\s+)?(?P<name>[^,;.]{2,60}?)\s*,")
_CAPITALISED_RUN = re.compile(r"(?<![\w&.-])[A-Z][a-z][\w&'’-]*(?:[ \t]+(?:[A-Z][\w&'’-]*|&))*")


def unnamed_subject(ctx: ExtractionContext, m: Mentions, lo: int, hi: int) -> Optional[tuple[int, int]]:
    """A capitalised name the engine does not know in the subject's place -- at the head of the clause ("Orsk
    reported revenue of"), right before the measure ("Meanwhile Orsk Mobile revenue climbed") or fronted at the head
    of the sentence ("At Tarvo Nordic, revenue rose 12%"): in another's text the figure may be that name's, so it is
    not the issuer's by default. A word that opens a sentence (``cues.yaml`` sentence_openers), a sentence's first
    word alone, an adjective ("Kyoto-based"), a person after a title and anything the mentions cover are no names."""
    openers = per_document(ctx, "_sentence_openers", lambda: frozenset(
        str(w).casefold() for w in ctx.patterns["cues"].get("sentence_openers") or []))
    covered = [(x.start, x.end) for x in (*m.entities, *m.metrics, *m.periods)]
    s0 = _sentence_start(ctx, lo)
    head = re.match(r"[\s,;:]*(?:(?:and|but|while|whereas)\s+)?", ctx.text[lo:hi])
    spans = [lo + head.end()]                                      # the head of the clause
    measure = next((x for x in m.metrics if lo <= x.start < hi), None)
    if measure is not None:                                         # right before the measure
        cat = re.search(r"((?:[A-Z][\w&'’-]*[ \t]+)+)(?:[a-z][\w-]*[ \t]+){0,2}$", ctx.text[max(lo, measure.start - 80):measure.start])
        if cat is not None:
            spans.append(max(lo, measure.start - 80) + cat.start(1))
    fronted = _FRONTED_NAME.match(ctx.text, s0, lo) if s0 < lo else None
    if fronted is not None:
        spans.append(fronted.start("name"))
    for a0 in spans:
        r = _CAPITALISED_RUN.match(ctx.text, a0, hi)
        if r is None:
            continue
        first = r.start() == s0 or re.search(r"(?:[.!?:;]\s+|\n\s*|[\"“(]\s*)$",
                                            ctx.text[max(s0, r.start() - 4):r.start()]) is not None
        words = [(r.start() + w.start(), w.group(0)) for w in re.finditer(r"\S+", r.group(0))]
        if first and words[0][1].casefold() in openers:
            words = words[1:]
        elif first and len(words) == 1:
            continue
        before = re.search(r"([A-Za-z]+)\s+$", ctx.text[max(s0, r.start() - 20):r.start()])
        if before is not None and before.group(1).casefold() in ctx.engine.name_rules.titles:
            continue        # "Chief executive Song Lei told reporters": a person, who speaks for the company
        for a, w in words:
            if w.casefold() in openers or re.search(r"-[a-z]", w) or \
                    any(x < a + len(w) and a < y for x, y in covered):
                continue
            return a, a + len(w)
    return None


# a name that opens its sentence ("The Medical segment continued …; its revenue rose"): the subject "its" refers to


def group_subject(ctx: ExtractionContext, rules: SlotRules, ents: list, lo: int, pos: int,
                  mentioned: Optional[list] = None) -> Optional[Slot]:
    """"Solvane and Brightmoor's combined 58.7%", "Hollin and Brennard together accounted for 43.1%", "A, B and C,
    whose combined share was 38.5%": a combined figure of several companies (an EntityRef of kind group, label
    "A + B"). A capitalised name coordinated with a known company ("Aldermoor and Fennic together") is a member too
    (a company the text names there for the first time); a run with any other mention in it is no group."""
    text = ctx.text
    orgs = [e for e in ents if e.end <= pos and e.kind in ("organisation", "brand")]
    if not orgs:
        return None
    others = [e for e in (mentioned if mentioned is not None else ents) if e.kind not in ("organisation", "brand")]
    for first in orgs:
        members: list[tuple[int, int, object]] = [(first.start, first.end, first)]
        before = _NAME_BEFORE.search(text, max(text.rfind(". ", 0, first.start) + 1, first.start - 60), first.start)
        if before is not None and not any(e.start < before.end(1) and before.start(1) < e.end for e in others) and \
                before.group(1).split()[0] not in _NOT_MEMBER:
            # "Tessaly, Brightmoor and Quorra together": a name before the first known one, at the list's head
            members.insert(0, (before.start(1), before.end(1), before.group(1)))
        at = first.end
        while True:
            sep = _GROUP_SEP.match(text, at, pos)
            if sep is None:
                break
            nxt = next((e for e in orgs if e.start == sep.end()), None)
            if nxt is not None:
                members.append((nxt.start, nxt.end, nxt))
                at = nxt.end
                continue
            name = _CAP_NAME.match(text, sep.end(), pos)
            if name is None or any(e.start < name.end() and name.start() < e.end for e in others) or \
                    name.group(0).split()[0] in _NOT_MEMBER:
                break
            members.append((name.start(), name.end(), name.group(0)))
            at = name.end()
        if len(members) < 2:
            continue
        tail = text[at:pos]
        if re.match(rf"(?:\s*,\s*whose\s+)?{rules.group_rx}", tail) and not re.search(r"[.;]", tail):
            refs = [ctx.entity(x) if not isinstance(x, str) else
                    ctx.discover(x, "organisation", x, ("Company",)) for _, _, x in members]
            label = " + ".join(r.label for r in refs)
            key = "+".join(r.key for r in refs)
            return Slot(EntityRef(key, "group", label, (), members=tuple(r.key for r in refs)), "explicit",
                        members[0][0], members[-1][1])
    return None


_GROUP_SEP = re.compile(r"\s*(?:,|,?\s*and|&)\s*")
_CAP_NAME = re.compile(r"[A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*){0,3}")
_NAME_BEFORE = re.compile(r"(?:^|(?<=[\s:;(]))([A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*){0,3})\s*,\s*$")
_NOT_MEMBER = frozenset({"The", "Its", "Their", "Our", "We", "They", "It", "Together", "Both", "All"})
