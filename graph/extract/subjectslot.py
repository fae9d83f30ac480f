"""The subject slot of a figure: whose figure it is.

The subject's ``how`` is what publishing rests on: ``explicit`` (named in the clause), ``possessive``, ``of``
("revenue of Acme"), ``pronoun`` (resolved to the last-named entity of a fitting kind), ``first-person`` ("we":
the issuer in its own document), ``market`` (a whole market's figure), ``heading`` (a heading or label line
above), ``carried`` (the previous sentence's subject), ``sentence`` (the part fronted at the head of the
sentence: "In Mobility, revenue fell 3%, while segment profit declined 9%"), ``issuer-default`` (no subject words
in the issuer's own document, and no unknown name in the subject's place) — or nothing, and the figure is reported as unresolved instead of guessed.
"""
from __future__ import annotations

import re
from typing import Optional

from ..records import EntityRef
from .context import ExtractionContext, Mentions
from .discourse import Discourse
from .figures import Figure
from .marketclauses import market_subject
from .matcher import Match
from .patterns import per_document
from .productmentions import compared_figure, named_as_cause, product_in_measure, subject_place
from .slotrules import SOURCE_TYPES, SUBJECT_KINDS, Slot, SlotRules
from .subjectcontext import (ANAPHOR_AFTER, PLACE_DESCRIBED, UNNAMED_GROUP, _sentence_start, group_subject,
                             part_in_context, unnamed_subject)
from .subjectguard import (category_word, index_move, part_where, product_after_measure, pronoun_ambiguous,
                          with_us)


_COMPETITOR = re.compile(r"\b(?:than|ahead\s+of|behind|followed\s+by|compared\s+(?:with|to)|versus|vs\.?|over|"
                         r"overtaking|overtook|surpassing|surpassed|trailing|trailed|against|unlike|from|beating|"
                         r"beat|outpacing|outpaced|passing|passed|including|such\s+as|like|rivals?|with)\s+"
                         r"(?:the\s+|its\s+|rival\s+|rivals?\s+)?$", re.I)
_WITH_PLACE = re.compile(r"\s+(?:a\s+(?:distant|close|clear)\s+)?(?:second|third|fourth|fifth|sixth|seventh|eighth|"
                         r"ninth|tenth)\b", re.I)
_SOURCE_BEFORE = re.compile(r"\b(?:according\s+to|data\s+from|figures\s+from|estimates\s+from|said|says|per|"
                            r"by|from)\s+(?:the\s+)?(?:research\s+firm\s+|analyst\s+firm\s+|market\s+tracker\s+)?$",
                            re.I)

# a name cited as the source of figures: "according to X", "per X", "X's retail panel", "X estimates"
_CITED_BEFORE = re.compile(r"\b(?:according\s+to|data\s+from|figures\s+from|estimates\s+from|per|source:)\s+(?:the\s+)?"
                           r"(?:research\s+firm\s+|market\s+tracker\s+|analyst\s+firm\s+)?$", re.I)
_CITED_AFTER = re.compile(r"['’]s\s+(?:retail\s+)?(?:panel|data|tracker|estimates?|figures|research)\b|"
                          r"\s+(?:estimates|estimated|data\s+show(?:s|ed)?)\b", re.I)


def _entities(ctx: ExtractionContext, m: Mentions, lo: int, hi: int) -> list[Match]:
    out = []
    for e in m.entities:
        if not (lo <= e.start < hi) or e.kind not in SUBJECT_KINDS:
            continue
        entry = ctx.entry(e)
        if entry is not None and any(t in SOURCE_TYPES for t in entry.types):
            continue
        if entry is not None and entry.kind == "segment" and entry.props.get("concept") and (
                not _own_segment(ctx, entry) or re.match(r"\s+markets?\b", ctx.text[e.end:e.end + 10])):
            continue          # a category word ("smartphone") in another company's or a market's text
        ref = ctx.entity(e)
        if any(t in SOURCE_TYPES for t in ref.types) or _is_research_firm(ctx, ref) or \
                (ref.kind == "organisation" and category_word(ctx, ref.label)):
            continue
        if _SOURCE_BEFORE.search(ctx.text[max(lo, e.start - 30):e.start]):
            continue
        out.append(e)
    return out


def _is_research_firm(ctx: ExtractionContext, ref: EntityRef) -> bool:
    """A firm whose name says research or data, or the document's source: it counts figures, it is not their
    subject (in the issuer's own documents too: "Brightline's retail panel puts our share at 34%")."""
    if ref.kind != "organisation" or (ctx.issuer is not None and ref.key == ctx.issuer.key):
        return False
    if ctx.doc.source is not None and ref.key == ctx.doc.source.key:
        return True
    return ctx.engine.name_rules.research_name(ref.label) or any(t in SOURCE_TYPES for t in ref.types) or \
        ref.key in _citations(ctx)[0]


def _cited_at(ctx: ExtractionContext, ref: EntityRef, pos: int) -> bool:
    """The name at ``pos`` is cited as the source of a figure ("according to Brightline", "Brightline data show"): a
    pronoun after it does not refer to it."""
    return ref.kind == "organisation" and (ctx.issuer is None or ref.key != ctx.issuer.key) and \
        pos in _citations(ctx)[1]


def _research_issuer(ctx: ExtractionContext) -> bool:
    """The document is a research firm's own note: its issuer counts and forecasts markets."""
    if ctx.issuer is None:
        return False
    if ctx.doc.source is not None and ctx.doc.source.key == ctx.issuer.key:
        return True
    return ctx.doc.genre == "research_note" and (
        ctx.engine.name_rules.research_name(ctx.issuer.label) or
        any(t in SOURCE_TYPES for t in ctx.issuer.types))


def _citations(ctx: ExtractionContext) -> tuple[frozenset[str], frozenset[int]]:
    """The companies the document cites for figures, and where each citation stands (once per document)."""
    def build() -> tuple[frozenset[str], frozenset[int]]:
        keys, starts = set(), set()
        for s in ctx.sentences:
            for e in ctx.mentions(s).entities:
                if e.kind == "organisation" and (_CITED_BEFORE.search(ctx.text, max(s.start, e.start - 40), e.start) or
                                                 _CITED_AFTER.match(ctx.text, e.end, e.end + 30)):
                    keys.add(ctx.entity(e).key)
                    starts.add(e.start)
        return frozenset(keys), frozenset(starts)
    return per_document(ctx, "_citations", build)


def _own_segment(ctx: ExtractionContext, entry) -> bool:
    """A generic segment of the gazetteer ("smartphones") is a segment only in its issuer's own documents."""
    if ctx.doc.speaks_for_issuer:
        return True
    owner = entry.props.get("company") or entry.props.get("partOf")
    return ctx.issuer is not None and owner == ctx.issuer.key


# a clause that opens with a capitalised name and a comma: what follows is an appositive about the name
_APPOSITIVE_OPEN = re.compile(r"\s*[A-Z][\w&.-]*(?:\s+[A-Z&][\w&.-]*){0,4},\s*")


def subject_slot(ctx: ExtractionContext, rules: SlotRules, m: Mentions, fig: Figure, metric: Optional[Slot],
                 lo: int, hi: int, d: Discourse, metric_key: Optional[str]) -> Optional[Slot]:
    anchor = metric.start if metric is not None and 0 <= metric.start < fig.q.start else fig.q.start
    ents = _entities(ctx, m, lo, hi)
    # "ahead of Zhiqing (21%) and Hanyu Home (16%)": a share in parentheses is the name's right before it
    if fig.q.kind == "percent" and re.search(r"\([ \t]?$", ctx.text[max(lo, fig.q.start - 2):fig.q.start]) \
            and re.match(r"[ \t]?\)", ctx.text[fig.end:fig.end + 2]):
        named = [e for e in ents if e.kind in ("organisation", "brand", "product") and
                 re.fullmatch(r"[ \t]?\([ \t]?", ctx.text[e.end:fig.q.start])]
        if named:
            return Slot(ctx.entity(named[-1]), "explicit", named[-1].start, named[-1].end)
        if re.search(r"[A-Z][\w&.-]*[ \t]?\([ \t]?$", ctx.text[max(lo, fig.q.start - 40):fig.q.start]):
            return None     # the share of a name the engine does not know: not the clause's subject's
    if fig.q.kind == "percent":
        # "ahead of Samsung on 26%", "behind Everbright Semicon at 31%": a share right after a name is the name's
        named = [e for e in ents if e.kind in ("organisation", "brand", "product") and
                 re.fullmatch(r"[ \t]+(?:on|at|with)[ \t]+(?:about[ \t]+|around[ \t]+|roughly[ \t]+|nearly[ \t]+)?",
                              ctx.text[e.end:fig.q.start])]
        if named:
            return Slot(ctx.entity(named[-1]), "explicit", named[-1].start, named[-1].end)
        if re.search(r"[A-Z][\w&.-]*[ \t]+(?:on|at)[ \t]+$", ctx.text[max(lo, fig.q.start - 40):fig.q.start]) and \
                re.search(r"\b(?:ahead\s+of|behind|followed\s+by|trailing|than|and)\s+(?:[A-Z][\w&.-]*\s+){1,3}"
                          r"(?:on|at)\s+$", ctx.text[max(lo, fig.q.start - 60):fig.q.start]):
            return None     # "behind Miravo at 31%": the share of a name the engine does not know, not the subject's
    part = part_where(ctx, m, lo, metric.start) if metric is not None and 0 <= metric.start < fig.q.start else False
    if part is not False:
        return Slot(ctx.entity(part), "explicit", part.start, part.end) if part is not None else None
    if index_move(ctx, lo, fig.q.start):
        return None         # "while the benchmark KOSPI was up 0.4%": an index's move, no company's figure
    if compared_figure(ctx, lo, fig.q.start):
        return None         # "higher than the Nimbus Pro's 2.1 million units": the compared name's figure
    market_measure = metric_key in rules.market_metrics or fig.role == "share" or metric_key == "market-share"
    if market_measure and _research_issuer(ctx):
        # "Pemberton expects PC shipments to decline 6.8%" in Pemberton's own note: the firm forecasts the
        # market's figure, it is not the figure's subject
        ents = [e for e in ents if ctx.issuer.key not in (ctx.entity(e).key, ctx.entity(e).owner)]  # type: ignore[union-attr]
    group = group_subject(ctx, rules, ents, lo, fig.q.start, m.entities)
    if group is not None:
        return group
    if with_us(ctx, lo, fig.q.start):
        return None     # "Brightvolt and ourselves now hold about 38%": a pair's figure, the text names no group
    if UNNAMED_GROUP.search(ctx.text, lo, fig.q.start):
        return None     # "The top five together shipped 22.9M units": a group the clause does not name is no one's
    if re.search(rf"['’]s?\s+{rules.group_rx}\s*(?:\w+\s+){{0,2}}$", ctx.text[max(lo, fig.q.start - 60):fig.q.start]):
        return None     # "the two Korean brands' combined 46.9%": a group the clause does not name is nobody's alone
    # "Acme's revenue", "Displays revenue": an entity right before the metric phrase
    if metric is not None and metric.start >= 0:
        for e in ents:
            gap = ctx.text[e.end:metric.start]
            if e.end <= metric.start and re.fullmatch(r"(?:['’]s?)?\s*(?:(?:[a-z][\w&-]*|GAAP|non-GAAP|IFRS|"
                                                          r"[A-Z][\w-]*)\s+){0,3}", gap):
                how = "possessive" if gap[:1] in "'’" else "explicit"
                return Slot(ctx.entity(e), how, e.start, e.end)
    # the nearest subject word before the measure: a name, a pronoun or "we" ("Kaito is strong in Japan, but it
    # lost share in Europe, where we now sit second with 17.5%": we)
    candidates: list[Slot] = []
    rival_end = -1
    for e in ents:
        if _IN_APPOSITION.match(ctx.text, e.end) and re.search(r",\s*$", ctx.text[max(lo, e.start - 3):e.start]):
            continue        # "Commercial PCs, Brennard's largest business, brought in": the part, not Brennard
        # ("..., with Haneul a distant second at 14%": an absolute clause naming the figure's own subject)
        rival = bool(_COMPETITOR.search(ctx.text[max(lo, e.start - 25):e.start]) and
                     not _WITH_PLACE.match(ctx.text, e.end)) or (
            rival_end >= 0 and re.fullmatch(r"\s*(?:,|,?\s*(?:and|or|&))\s*", ctx.text[rival_end:e.start]) is not None)
        if rival:
            rival_end = e.end   # "surpassing Apple and Samsung, reaching a share of 30%": both are the rivals
        if not subject_place(ctx, e, lo, fig.q.start):
            continue        # "Quillon, which makes the Nimbus Air, sold ...": a product not in the subject's place
        if e.end <= anchor and (not rival or _RELATIVE.match(ctx.text, e.end)) and \
                not _named_part_after(ctx, e.end, anchor if metric is not None and metric.start >= 0 else -1):
            candidates.append(Slot(ctx.entity(e), "explicit", e.start, e.end))
    chunk = ctx.text[lo:anchor]
    # "The Shenzhen-based company shipped": a company described by its place is someone's -- the story's own
    # company when the text names no other here, never the market
    unresolved_owner = PLACE_DESCRIBED.search(chunk) is not None
    unresolved_part = False
    open_at = -1        # where a pronoun stands whose company the text leaves open (subjectguard.py)
    measured = market_measure or metric_key is None or metric_key in ctx.gazetteer.metrics
    for kind, rx in rules.pronoun_rx.items():
        for p in rx.finditer(chunk):
            if kind == "organisation" and _is_first_person_org(p.group(0)) and ctx.doc.speaks_for_issuer:
                continue
            if kind == "product" and re.match(r"\s+of\b", ctx.text[lo + p.end():lo + p.end() + 4]):
                continue        # "in the range of $4 billion", "the family of": no product named
            prev = re.search(r"([\w$€£-]+)\s+$", chunk[:p.start()]) if p.group(0).casefold() == "segment" else None
            if kind == "segment" and prev is not None and prev.group(1).casefold() not in _SEGMENT_DETERMINERS:
                continue        # "The mid-range segment, ...": a kind of the market named, not a segment referred to
            kinds = {"organisation": ("organisation", "group"), "segment": ("segment", "platform"),
                     "product": ("product", "series")}[kind]
            if kind == "organisation" and p.group(0).casefold() in ("it", "its") and \
                    re.fullmatch(r"(?:.*(?:[,;:]|\band|\bbut|\bwhile))?\s*", chunk[:p.start()], re.S):
                # "The Energy division posted revenue of $410 million. Its operating margin was 8.2%.", "The Medical
                # segment continued to lead growth; its revenue rose 14%": the segment named last, in the paragraph
                seg = d.last_subject if d.last_subject is not None and d.last_subject.kind == "segment" and \
                    d.last_subject_paragraph == d.paragraph and \
                    d.last_subject_how in ("explicit", "part", "possessive", "heading") else None
                same = [e for e in m.entities if e.end <= lo + p.start() and e.kind in SUBJECT_KINDS and e.kind != "market"
                        and _OPENS_SENTENCE.search(ctx.text, max(0, e.start - 40), e.start)]
                last = ctx.entity(same[-1]) if same else None
                if last is not None and last.kind == "segment" and ctx.issuer is not None and \
                        last.owner in (None, ctx.issuer.key) and ctx.doc.speaks_for_issuer:
                    seg = last
                elif last is not None and last.kind == "organisation" and seg is not None:
                    seg = None      # "Kaldor is losing share; it had about 18%": the company that opens the sentence
                named = [e for e in m.entities if e.end <= lo + p.start() and e.kind in ("segment", "platform")]
                if named and ctx.doc.speaks_for_issuer and (last is None or named[-1].start > (same[-1].start if same
                                                                                             else -1)):
                    seg = ctx.entity(named[-1])     # "In Security, revenue grew 19%, and it is now a fifth of ..."
                if seg is not None:
                    candidates.append(Slot(seg, "pronoun", lo + p.start(), lo + p.end()))
                    continue
            # in the issuer's own text "it" refers back only within the paragraph (else it is the issuer)
            ref = d.antecedent(lo + p.start(), kinds, max_paragraphs=1 if ctx.doc.speaks_for_issuer else 2,
                               # a market measure is never the research firm's own ("The company's line
                               # accounted for 11.3 million units" after "Corvane Data said")
                               skip_types=SOURCE_TYPES if market_measure else (),
                               exclude=(ctx.doc.source.key,) if ctx.doc.source is not None and market_measure
                               else (),
                               # "according to Brightline, lifting it to third place": the firm cited is not "it";
                               # nor is a research firm for a known measure ("by Ardent Research's count it shipped
                               # 2.3 million"), only for its own counts ("Its trackers are used by 300 clients")
                               skip=None if kind != "organisation" else
                               lambda r, pos: _cited_at(ctx, r, pos) or (measured and _is_research_firm(ctx, r)) or
                               category_word(ctx, r.label))
            if ref is not None and kind == "organisation" and pronoun_ambiguous(ctx, d, ref, lo + p.start()):
                open_at = max(open_at, lo + p.end())    # "Huaxin Display placed third; its share slipped": open
            elif ref is not None:
                candidates.append(Slot(ref, "pronoun", lo + p.start(), lo + p.end()))
            elif kind == "organisation":
                unresolved_owner = True     # "Boltwave said its shipments dropped": someone's, not the market's
            else:
                unresolved_part = True      # "The segment's margin rose to 8.4%" with no segment to refer to
    if ctx.issuer is not None and (ctx.doc.speaks_for_issuer or _in_executive_turn(ctx, fig.q.start)) and \
            not (market_measure and _research_issuer(ctx)):
        for fp in rules.first_person.finditer(ctx.text, lo, anchor):
            if _APPOSITIVE_OPEN.fullmatch(ctx.text, lo, fp.start()):
                continue    # "Commercial PCs, our largest business, brought in": "our" describes the part
            candidates.append(Slot(ctx.issuer, "first-person", fp.start(), fp.end()))
    if metric is not None and metric.start >= 0 and not candidates:
        after = ANAPHOR_AFTER.match(ctx.text, metric.end, fig.q.start)
        seg = d.last_subject if d.last_subject is not None and d.last_subject.kind == "segment" and \
            d.last_subject_paragraph == d.paragraph else None
        if after is not None:
            # "Orders in the division grew 6%": the segment named last; with none in the paragraph, no one's (a
            # part's figure is never the group's)
            return Slot(seg, "pronoun", after.start("np"), after.end("np")) if seg is not None else None
        own = product_in_measure(ctx, rules, m, d, metric.end, fig.q.start)
        if own is not None:
            return own          # "Cumulative unit sales since the device's launch reached 31.2 million"
    if ctx.issuer is not None and anchor < fig.q.start and \
            (ctx.doc.speaks_for_issuer or _in_executive_turn(ctx, fig.q.start)):
        # "it lost share in Europe, where we now sit second with 17.5%": a new clause of ours between the measure
        # named before and the figure
        ours = _OURS_AFTER_MEASURE.search(ctx.text, anchor, fig.q.start)
        if ours is not None:
            candidates.append(Slot(ctx.issuer, "first-person", ours.start("we"), ours.end("we")))
    named = product_after_measure(ctx, metric.end, fig.q.start) if metric is not None and metric.start >= 0 else None
    if named is not None and not (candidates and getattr(max(candidates, key=lambda c: c.end).value, "kind", "")
                                  in _PRODUCTISH):
        # "Shipments of its Vistara periscope module tripled", "devices on the Tarro Mesh platform": the product's
        # or the platform's figure (unresolved if the engine does not know it)
        own = [e for e in ents if e.start <= named[0] < e.end and e.kind in _PRODUCTISH]
        return Slot(ctx.entity(own[0]), "of", own[0].start, own[0].end) if own else None
    if candidates:
        best = max(candidates, key=lambda c: c.end)
        if best.end < open_at:
            return None
        if metric_key in rules.part_metrics and best.how == "first-person":
            return part_in_context(ctx, m, lo, d)      # "our segment profit" with no part named: not the group's
        return best
    # "revenue of Acme", "$780 million at Displays"
    for e in ents:
        if e.start >= fig.q.start or (metric is not None and e.start >= metric.end):
            prev = ctx.text[max(lo, e.start - 14):e.start]
            if re.search(r"\b(?:of|at|for|from|by)\s+(?:the\s+|its\s+|our\s+|the\s+Group['’]s\s+|the\s+"
                         r"Company['’]s\s+)?$", prev) and \
                    not re.search(r"\b(?:than|ahead\s+of|behind|versus|vs\.?|compared\s+(?:with|to))\s+(?:the\s+)?$", prev) \
                    and e.start - fig.end < 40 and not named_as_cause(ctx, e, lo):
                return Slot(ctx.entity(e), "of", e.start, e.end)
    if open_at >= 0:
        return None
    if ctx.issuer is not None and (ctx.doc.speaks_for_issuer or _in_executive_turn(ctx, fig.q.start)):
        fp = list(rules.first_person.finditer(ctx.text, max(lo, fig.end), min(hi, fig.end + 30)))
        if fp:
            return Slot(ctx.issuer, "first-person", fp[-1].start(), fp[-1].end())
    market = market_subject(ctx, rules, m, fig, lo, hi, metric_key, _sentence_start(ctx, lo)) \
        if not unresolved_owner else None
    if market is not None:
        return market
    if d.section_subject is not None:
        return Slot(d.section_subject, "heading")
    carried = d.carried_subject(metric_key)
    if carried is not None:
        return Slot(carried, "carried")
    part = part_in_context(ctx, m, lo, d)
    if part is not None and (metric_key in rules.part_metrics or part.how == "sentence"):
        return part
    if metric_key in rules.part_metrics:
        return None
    if ctx.issuer is not None and (ctx.doc.speaks_for_issuer or (_about_issuer(ctx, d, metric_key) and
                                                                 unnamed_subject(ctx, m, lo, anchor) is None)) and \
            not (market_measure and _research_issuer(ctx)) and not unresolved_part:
        # (a part or a product the clause points at and the text does not resolve is not the whole company)
        return Slot(ctx.issuer, "issuer-default")
    return None


def other_subject_named(ctx: ExtractionContext, m: Mentions) -> bool:
    """The sentence names a subject other than the issuer -- another company or brand, a platform, a product or a
    series (a firm cited for figures does not count): a figure whose subject rests only on the issuer default there
    may be that one's ("connected devices on the Kestrel Link platform reached 341 million"), so it is not published
    (``framefill``); a segment or a market of the issuer's own is read by the part and market rules instead. A name
    given as the figure's cause ("driven by the Nimbus Air", ``frames.yaml`` cause_before) is no other subject."""
    for e in m.entities:
        if e.kind not in _OTHER_SUBJECT_KINDS or named_as_cause(ctx, e, 0):
            continue
        ref = ctx.entity(e)
        if ctx.issuer is None or ref.key == ctx.issuer.key or \
                (ref.kind in ("organisation", "brand") and ref.owner == ctx.issuer.key) or \
                any(t in SOURCE_TYPES for t in ref.types) or _is_research_firm(ctx, ref):
            continue
        return True
    return False


_PRODUCTISH = frozenset(("product", "series", "platform"))
_OTHER_SUBJECT_KINDS = frozenset(("organisation", "brand", "platform", "product", "series"))

_SEGMENT_DETERMINERS = frozenset(("the", "this", "that", "its", "our", "their", "each", "every", "a", "per", "same"))
_OURS_AFTER_MEASURE = re.compile(r"[,;]?\s*\b(?:where|and|but|while|whereas)\s+(?P<we>we|our)\b", re.I)
_OPENS_SENTENCE = re.compile(r"(?:^|[.!?]\s+|\n\s*)(?:(?:The|Our|Its)\s+)?$")
_IN_APPOSITION = re.compile(r"['’]s?\s+(?:[\w-]+\s+){0,2}?(?:segment|business|division|unit|arm|business\s+area)\s*,",
                            re.I)
# "behind Aurex and Tamsin, which held 21.4% and 17.8%": a relative clause makes the names its subjects
_RELATIVE = re.compile(r"[\s,]*(?:and\s+[A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*)*\s*)?,?\s*(?:which|who|that)\s", re.I)


def _about_issuer(ctx: ExtractionContext, d: Discourse, metric_key: Optional[str]) -> bool:
    """A news article about one company: its financial figures with no other subject are the company's (when
    the paragraph has not turned to another company)."""
    if ctx.doc.genre not in ("news", "investment_news") or metric_key is None or metric_key in rules_market_only:
        return False
    other = d.last_subject is not None and d.last_subject_paragraph == d.paragraph and ctx.issuer is not None and \
        d.last_subject.key != ctx.issuer.key and d.last_subject.owner != ctx.issuer.key and \
        d.last_subject.kind != "market"
    return not other


rules_market_only = frozenset({"market-share"})


_FUNCTION_WORDS = frozenset(("of", "with", "at", "in", "for", "the", "its", "our", "their", "a", "an", "to", "from", "by",
                             "on", "and", "or", "his", "her", "this", "that"))


def _named_part_after(ctx: ExtractionContext, a: int, measure: int) -> bool:
    """"Product gross margin was 58.1%, and services gross margin was 71.3%": after the name, a new clause names
    another part right before the measure (words that do not just qualify it): the name is not that figure's."""
    if measure < 0:
        return False
    m = re.search(r"(?:,\s*(?:and|but|while|whereas)|;)\s+(?P<np>(?:[a-z][\w&-]*\s+){1,2})$", ctx.text[a:measure])
    if m is None or any(w in _FUNCTION_WORDS for w in m.group("np").split()):
        return False
    modifiers = per_document(ctx, "_measure_modifiers", lambda: frozenset(
        str(w).casefold() for w in ctx.patterns["frames"].get("measure_modifiers") or []))
    return any(w.casefold() not in modifiers for w in m.group("np").split())


def _is_first_person_org(word: str) -> bool:
    return word.casefold() in ("the company", "the company's", "the group", "the group's")


def _in_executive_turn(ctx: ExtractionContext, pos: int) -> bool:
    t = ctx.turn_at(pos)
    return t is not None and t.role == "executive"
