"""Guards of the subject slot: readings the text leaves open, so that a figure goes to the unresolved list rather
than to a wrong subject (a wrong figure is worse than a missing one).

- ``pronoun_ambiguous``: "it"/"its"/"the company" resolved to a known company while the text names another
  candidate the engine does not know between them ("Gwangmyeong remained first. Huaxin Display of China placed
  third; its revenue share slipped": Huaxin's, not Gwangmyeong's), or while the antecedent is one of coordinated
  names ("Miyabi Sound and Orrin ranked fourth and fifth, ... where it holds 38%").
- ``product_after_measure``: the measure's "of" phrase names a product or platform ("Shipments of its Vistara
  periscope module", "MAUs of the Yunqiao app", "Monthly active users of HyOS, the Group's mobile operating
  system"): the figure is the product's, not the company's; when the engine does not know the product as an
  entity the figure is left unresolved. A plural kind names a category, not one product ("its share of Wi-Fi
  chips"), and a kind before "market" a market ("revenue of the European smartwatch market"): no guard.

- ``part_where``: the measure opens a "where" clause about a part named by a common noun ("Our take rate rose,
  driven by advertising, where revenue grew 31% to $268 million"): the part's figure, not the company's total, and
  the engine knows no such part; a place before "where" ("in Germany, where revenue grew 20%") is the market.
- ``index_move``: the clause before the figure is about a stock index or the market's move ("while the benchmark
  KOSPI was up 0.4%"): no company's figure, and no market total the engine models.

Cue words are data: ``mappings/patterns/frames.yaml`` (``product_heads``) and ``cues.yaml`` (``sentence_openers``,
``not_names``, ``index_words``). Used by ``subjectslot.py``.
"""
from __future__ import annotations

import re
from typing import Optional

from ..records import EntityRef
from .context import ExtractionContext, Mentions
from .discourse import Discourse
from .patterns import alternation, per_document
from .subjectcontext import _sentence_at


# a clause head inside a sentence: its start, after ";" or ":", or after a conjunction
_CLAUSE_HEAD = re.compile(r"(?:^|[;:]\s+|,?\s+(?:and|but|while|whereas)\s+)(?P<name>[A-Z][\w&'’.-]*(?:[ \t]+[A-Z][\w&'’.-]*){0,3})"
                          r"(?=(?:[ \t]+of[ \t]+[A-Z][\w-]*)?[ \t]+[a-z])")
_SPEAKER_VERB = re.compile(r"[ \t]+(?:said|says|told|noted|added|explained|commented|stated|wrote)\b")
_COORDINATED_BEFORE = re.compile(r"[A-Z][\w&.'’-]*[ \t]*(?:\band|&)[ \t]*$")
_COORDINATED_AFTER = re.compile(r"[ \t]*(?:,[ \t]*(?:[A-Z][\w&.-]*[ \t]+){1,3}(?:and|&)[ \t]+|(?:and|&)[ \t]+)"
                                r"(?:the[ \t]+)?[A-Z]")


def _not_names(ctx: ExtractionContext) -> frozenset[str]:
    return per_document(ctx, "_guard_not_names", lambda: frozenset(
        str(w).casefold() for key in ("sentence_openers", "not_names")
        for w in ctx.patterns["cues"].get(key) or []))


def _known_spans(ctx: ExtractionContext, a: int, b: int) -> list[tuple[int, int]]:
    """The spans the mentions of the sentences between ``a`` and ``b`` cover (names, measures, periods)."""
    out: list[tuple[int, int]] = []
    for s in ctx.sentences:
        if s.end <= a or s.start >= b:
            continue
        m = ctx.mentions(s)
        out.extend((x.start, x.end) for x in (*m.entities, *m.metrics, *m.periods))
    return out


def pronoun_ambiguous(ctx: ExtractionContext, d: Discourse, ref: EntityRef, pos: int) -> bool:
    """The organisation pronoun at ``pos`` resolved to ``ref``: whether the text leaves it open (see the module
    doc). Only the pronoun's own sentence is searched for an unknown name at a clause head."""
    named = [n for n in d.named if n.ref.key == ref.key and n.pos < pos]
    if not named:
        return False
    at = named[-1].pos
    sentence = _sentence_at(ctx, at)
    ents = ctx.mentions(sentence).entities if sentence is not None else ()
    end = next((e.end for e in ents if e.start == at), at)
    s0 = max(sentence.start if sentence is not None else at, at - 60)
    if _COORDINATED_BEFORE.search(ctx.text, s0, at) or _COORDINATED_AFTER.match(ctx.text, end, min(pos, end + 40)):
        return True
    own = _sentence_at(ctx, pos)
    a = max(end, own.start if own is not None else end)
    if a >= pos:
        return False
    known = _known_spans(ctx, a, pos)
    skip = _not_names(ctx)
    titles = ctx.engine.name_rules.titles
    for h in _CLAUSE_HEAD.finditer(ctx.text[a:pos]):
        x0 = a + h.start("name")
        words = [(x0 + w.start(), w.group(0)) for w in re.finditer(r"\S+", h.group("name"))]
        first = own is not None and x0 == own.start
        if first and len(words) == 1:
            continue        # a sentence's first word alone is no sure name ("Demand rose")
        if _SPEAKER_VERB.match(ctx.text, a + h.end("name")) or any(w.casefold() in titles for _, w in words):
            continue        # a person who speaks is not what "it" refers to
        for x, w in words:
            bare = w.rstrip("’'s.").casefold() if w.endswith(("'s", "’s")) else w.rstrip(".").casefold()
            if bare in skip or re.search(r"-[a-z]", w) or any(p < x + len(w) and x < q for p, q in known):
                continue
            return True
    return _unknown_speaker(ctx, a, pos, known, skip, titles)


def _speaker_rx(ctx: ExtractionContext) -> re.Pattern[str]:
    """A capitalised name, an optional appositive between commas, and a verb of reporting (``cues.yaml``
    report_verbs): "Rival Arcton, which reported a day earlier, said", "the market leader Valdane told"."""
    def build() -> re.Pattern[str]:
        verbs = [str(w) for w in ctx.patterns["cues"].get("report_verbs") or []]
        if not verbs:
            return re.compile(r"(?!)")
        return re.compile(r"(?P<name>[A-Z][\w&'’.-]*(?:[ \t]+[A-Z][\w&'’.-]*){0,3})(?:,[^,.;:]{1,80},)?[ \t]+"
                          rf"(?:{alternation(verbs)})\b")
    return per_document(ctx, "_guard_speaker_rx", build)


def _unknown_speaker(ctx: ExtractionContext, a: int, pos: int, known: list[tuple[int, int]], skip: frozenset[str],
                     titles: set[str]) -> bool:
    """Between the antecedent and the pronoun, in the pronoun's sentence, a name the engine does not know reports
    something ("Rival Arcton, which reported a day earlier, said its deliveries fell 6%"): "its" is most likely that
    name's, so the known company is no sure antecedent. A person (a title word in or right before the name) is not."""
    for h in _speaker_rx(ctx).finditer(ctx.text, a, pos):
        x0 = h.start("name")
        words = [(x0 + w.start(), w.group(0)) for w in re.finditer(r"\S+", h.group("name"))]
        before = ctx.text[max(a, x0 - 40):x0].casefold().split()
        if any(w.rstrip(",").casefold() in titles for _, w in words) or any(w.strip(",") in titles for w in before[-3:]):
            continue
        for x, w in words:
            bare = w.rstrip("’'s.").casefold() if w.endswith(("'s", "’s")) else w.rstrip(".").casefold()
            if bare in skip or re.search(r"-[a-z]", w) or any(p < x + len(w) and x < q for p, q in known):
                continue
            return True
    return False


def with_us(ctx: ExtractionContext, lo: int, pos: int) -> bool:
    """A name coordinated with the speaker before the figure ("Brightvolt and ourselves now hold about 38%", "we and
    Haldor together"): the figure is the pair's, which the text does not name as one group -- neither the name's
    nor the issuer's alone (``cues.yaml`` first_person_partners; "and we" is left out, it opens a new clause)."""
    def build() -> re.Pattern[str]:
        cfg = ctx.patterns["cues"].get("first_person_partners") or {}
        after = alternation(str(w) for w in cfg.get("after_name") or [])
        before = alternation(str(w) for w in cfg.get("before_name") or [])
        return re.compile(rf"[A-Z][\w&.'’-]*[ \t]+(?:and|&)[ \t]+(?:{after})\b|\b(?:{before})[ \t]+(?:and|&)[ \t]+[A-Z]")
    return per_document(ctx, "_guard_with_us", build).search(ctx.text, lo, pos) is not None


def _product_after_rx(ctx: ExtractionContext) -> re.Pattern[str]:
    def build() -> re.Pattern[str]:
        heads = [str(w) for w in ctx.patterns["frames"].get("product_heads") or []]
        if not heads:
            return re.compile(r"(?!)")
        head = rf"(?:{alternation(heads)})(?!s\b)\b"     # a plural kind is a category: "its share of Wi-Fi chips"
        name = r"[A-Z][\w&+-]*(?:[ \t]+[A-Z0-9][\w&+-]*){0,3}"
        return re.compile(rf"\s+(?:of|for|on)\s+(?:the\s+|its\s+|our\s+|their\s+)?(?P<name>{name})"
                          rf"(?:\s+(?:[a-z][\w-]*\s+){{0,2}}{head}|\s*,\s*(?:the\s+[A-Z]?\w+['’]s|its|our|their|an?)\s+"
                          rf"(?:[\w-]+\s+){{0,3}}{head})")
    return per_document(ctx, "_guard_product_after", build)


def product_after_measure(ctx: ExtractionContext, metric_end: int, pos: int) -> Optional[tuple[int, int]]:
    """The span of a product or platform name in the measure's "of" phrase before the figure at ``pos`` ("Shipments
    of its Vistara periscope module, ... more than tripled"), else None."""
    hit = _product_after_rx(ctx).match(ctx.text, metric_end, pos)
    if hit is None or _market_follows(ctx, hit.end(), pos):
        return None     # "revenue of the European smartwatch market": a market's, read by the market rules
    return hit.start("name"), hit.end("name")


def _market_follows(ctx: ExtractionContext, at: int, pos: int) -> bool:
    rx = per_document(ctx, "_guard_market_follows", lambda: re.compile(
        rf"\s+(?:{alternation(str(w) for w in ctx.patterns['frames'].get('market_nouns') or ['(?!)'])})s?\b", re.I))
    return rx.match(ctx.text, at, pos) is not None


_LAST_CLAUSE = re.compile(r"(?:[;,(]|\b(?:while|whereas|and|but)\b)(?!.*(?:[;,(]|\b(?:while|whereas|and|but)\b))", re.S)


def index_move(ctx: ExtractionContext, lo: int, pos: int) -> bool:
    """The last clause before the figure at ``pos`` names a stock index or the stock market as what moved."""
    rx = per_document(ctx, "_guard_index_rx", lambda: re.compile(
        rf"\b(?:{alternation(str(w) for w in ctx.patterns['cues'].get('index_words') or ['(?!)'])})\b", re.I))
    a = max(lo, pos - 80)
    cut = _LAST_CLAUSE.search(ctx.text, a, pos)
    return rx.search(ctx.text, cut.end() if cut is not None else a, pos) is not None


_WHERE_PART = re.compile(r"\b(?P<noun>[a-z][\w-]*),?\s+where\s+(?:the\s+|its\s+|our\s+)?$")


def part_where(ctx: ExtractionContext, m: Mentions, lo: int, measure: int) -> Optional[object]:
    """The measure at ``measure`` opens a "where" clause after a common noun: the part's mention there (a segment,
    platform or product), ``False`` for a place (the usual reading holds), ``None`` for an unknown part (the
    figure is unresolved); ``False`` too when no such clause opens."""
    hit = _WHERE_PART.search(ctx.text, max(lo, measure - 60), measure)
    if hit is None:
        return False
    a, b = hit.start("noun"), hit.end("noun")
    over = [e for e in m.entities if e.start < b and a < e.end]
    if any(e.kind == "market" for e in over):
        return False
    return next((e for e in over if e.kind in ("segment", "platform", "product", "series")), None)


def category_word(ctx: ExtractionContext, label: str) -> bool:
    """A name that is only a product category's word ("Smartwatches" opening a sentence of a market note, read as a
    company by the open-world name grammar): no company (``frames.yaml`` ``categories``)."""
    words = per_document(ctx, "_guard_category_words", lambda: frozenset(
        str(w).casefold() for ws in (ctx.patterns["frames"].get("categories") or {}).values() for w in ws or []))
    return label.strip().casefold() in words
