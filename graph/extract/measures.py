"""The measures extractor: every figure of the document — in prose, tables and compact lists — as a frame, then a
fact (kinds metric, change, market_share, ranking, count, investment) or an unresolved candidate.

It walks the layout view's lines in order, keeping the discourse state: a heading sets its section's period,
modality and subject; a "Label: value" line whose label names an entity sets the subject of that line; a blank
line ends a paragraph (and the period a sentence opened it with). Tables are read by ``tablereader.py`` and
compact vendor lists by ``listreader.py``, "Label: value" lines by ``labellines.py`` (its figures taken from the
prose reader's frames), prose sentences by ``frames.py``; rankings by ``rankframes.py``; a bare "(N)" after a
figure is its prior-period value (``priorvalues.py``).
"""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Optional

from ..records import EntityRef, Fact, Period
from .context import ExtractionContext
from .decide import FORWARD, decide
from .discourse import Discourse, closing_quarter
from .framemodel import Frame, FrameRules
from .frameparts import geographic_frames
from .frames import sentence_frames
from .layout import Line
from .labellines import label_frames
from .listitems import is_list
from .listreader import list_frames
from .marketslot import set_note_market
from .periodslot import resolve_mention
from .periodclauses import parenthesised_own
from .priorvalues import prior_values
from .rankframes import rank_frames
from .text import Sentence

COUNT_UNITS_AS_COUNT = ("companies", "countries", "markets", "stores", "patents", "SKUs", "funds", "models",
                        "products", "categories", "variants", "colours", "customers")


def _heading_state(ctx: ExtractionContext, line: Line, rules: FrameRules, d: Discourse) -> None:
    s = Sentence(line.start, line.end, ctx.text[line.start:line.end])
    m = ctx.mentions(s)
    periods = [p.period for p in m.periods if p.how == "explicit" and
               p.period.kind in ("quarter", "half", "ninemonths", "year", "month")]
    text = ctx.text[line.start:line.end].strip().casefold()
    modality = None
    for mod, words in rules.slots.modality_headings.items():
        if any(re.search(rf"(?<![\w]){re.escape(w)}(?![\w])", text) for w in words):
            modality = mod
    subject = None
    ents = [e for e in m.entities if e.kind in ("segment", "organisation", "product", "platform")]
    words = len(text.split())
    # a heading that is (almost) only a name sets the subject of its section ("Consumer Audio", "Displays
    # segment"); a headline that mentions one ("Overseas business developed rapidly") does not
    if ents and words <= 5 and sum(len(ctx.text[e.start:e.end].split()) for e in ents) * 4 >= words * 3:
        subject = ctx.entity(ents[0])
    if periods and periods[0] != ctx.doc.period and not d.period_headings:
        # "SECOND QUARTER 2023 (APRIL-JUNE)" under the title of a report on the first half: the quarter the report
        # leads with is what its sections without a period of their own speak of ("CEO COMMENT", "SEGMENTS")
        d.lead_period = periods[0] if closing_quarter(periods[0], ctx.doc.period) else None
        d.period_headings += 1
    d.heading(line.start, periods[0] if periods else d.lead_period, modality, subject,
              keep_note=ctx.doc.speaks_for_issuer)


def _label_subject(ctx: ExtractionContext, line: Line, rules: FrameRules) -> Optional[EntityRef]:
    lm = ctx.engine.layout_rules.label.match(ctx.text, line.start, line.end)
    if lm is None:
        return None
    a, b = line.start + lm.start("label"), line.start + lm.end("label")
    s = Sentence(a, b, ctx.text[a:b])
    m = ctx.mentions(s)
    ents = [e for e in m.entities if e.kind in ("segment", "organisation", "product", "platform")]
    if ents and (ents[0].end - ents[0].start) * 2 >= (b - a):
        return ctx.entity(ents[0])
    return None


def _fronted_period(ctx: ExtractionContext, s: Sentence) -> Optional[Period]:
    """A period phrase that opens a sentence ("In the second half, ...", "For fiscal 2023, ...") sets the
    paragraph's period."""
    m = ctx.mentions(s)
    for p in m.periods:
        if p.start - s.start <= 12 and p.how == "explicit" and p.period.kind != "range" and \
                re.match(r"\s*(?:(?:in|for|during|over|throughout|as\s+of|at\s+the\s+end\s+of)\s+)?(?:the\s+)?$",
                         ctx.text[s.start:p.start], re.I) and re.match(r"[\s\w-]*,", ctx.text[p.end:p.end + 30]):
            return p.period
    return None


def headline_end(ctx: ExtractionContext) -> int:
    """Where the document's headline block ends: its first lines up to the first line of prose, a bullet or a
    table row (a dateline ends it too). Figures there restate the body and are not read."""
    first = True
    for ln in ctx.layout.lines:
        if ln.kind == "blank":
            continue
        if not first and (ln.kind in ("prose", "bullet", "row", "label") or (ln.end - ln.start) > 160):
            return ln.start
        if first and (ln.end - ln.start) > 160:
            return ln.start
        first = False
    return ctx.doc.start


def frames_of(ctx: ExtractionContext) -> list[Frame]:
    rules = FrameRules.load(ctx)
    d = Discourse()
    out: list[Frame] = []
    head_end = headline_end(ctx)
    sentences = ctx.sentences
    si = 0
    from .tablereader import TableReader
    tables = TableReader(ctx, rules)
    handled_rows: set[int] = set()
    lead: Optional[tuple[Optional[Period], Optional[str]]] = None    # the section state a lead-in line overrode
    months: dict[str, Period] = {}     # the measures the sentence before stated for a month (``_month_carried``)
    for line in ctx.layout.lines:
        if ctx.in_chrome(line.start, max(line.end, line.start + 1)):
            while si < len(sentences) and sentences[si].start < line.end:
                si += 1
            continue
        if line.kind == "blank":
            d.new_paragraph()
            months = {}
            continue
        if lead is not None and line.kind != "bullet":
            d.section_period, d.section_modality = lead     # the list under the lead-in has ended
            lead = None
        if line.end <= head_end:
            while si < len(sentences) and sentences[si].start < line.end:
                si += 1
            if line.kind == "heading":
                _heading_state(ctx, line, rules, d)
            continue
        if line.start in handled_rows:
            while si < len(sentences) and sentences[si].start < line.end:
                si += 1
            continue
        if line.kind == "row":
            frames, rows = tables.read_at(line, d)
            if line.start in rows:
                out.extend(frames)
                handled_rows.update(rows)
                while si < len(sentences) and sentences[si].start < line.end:
                    si += 1
                continue
            # not a table after all (a compact list written with bars or wide spaces): read it as text
        if line.kind == "heading" and not re.search(r"\d[\d,.]*\s*(?:%|million|billion|bn|m\b)", ctx.text[line.start:line.end]):
            _heading_state(ctx, line, rules, d)
        label_subject = _label_subject(ctx, line, rules) if line.kind in ("label", "bullet") else None
        saved = d.section_subject
        if label_subject is not None:
            d.section_subject = label_subject
        while si < len(sentences) and sentences[si].start < line.end:
            s = sentences[si]
            si += 1
            if s.end <= line.start:
                continue
            fronted = _fronted_period(ctx, s)
            if fronted is not None and fronted.kind in ("quarter", "half", "ninemonths", "year"):
                # "In the second half, ..." holds for the paragraph; "In August, ..." only for its sentence; a
                # period not yet over ("For the January quarter, we are guiding to ...") only for its outlooks
                if _ahead(ctx, fronted):
                    d.outlook_period = fronted
                else:
                    d.front(fronted, ctx.doc.period)
            labelled, claimed = label_frames(ctx, s, d, rules)
            if labelled:
                # the pairs' own figures are read there; the rest of the line by the prose reader
                frames = labelled + [f for f in sentence_frames(ctx, s, d, rules) + rank_frames(ctx, s, d, rules)
                                     if not any(a <= f.figure.q.start < b for a, b in claimed)]
            elif is_list(ctx, s):
                frames = list_frames(ctx, s, d, rules) + rank_frames(ctx, s, d, rules)
            else:
                frames = sentence_frames(ctx, s, d, rules) + rank_frames(ctx, s, d, rules)
            frames = prior_values(ctx, s, frames)
            _part_carried_in_sentence(ctx, frames)
            geographic_frames(ctx, rules, frames)
            months = _month_carried(frames, months)
            if not frames:
                _outlook_sentence(ctx, s, rules, d)
            out.extend(frames)
            if line.kind not in ("bullet", "label"):
                set_note_market(ctx, d, frames)
            for fr in frames:
                d.stated(fr)
                if fr.subject is not None and fr.subject_how in ("explicit", "possessive", "of", "pronoun",
                                                                 "respectively", "part"):
                    d.subject_set(fr.subject, fr.subject_how, fr.metric)
                elif fr.subject is not None and fr.subject_how == "market" and fr.market is not None and \
                        not ctx.doc.speaks_for_issuer:
                    # "Global smartphone shipments fell 9% ... In Southeast Asia, shipments dropped 13%": in another's
                    # text the next figure of the measure with no subject named is the market's too
                    d.subject_set(fr.subject, "market", fr.metric)
                if fr.figure.role in ("level", "change", "share") and fr.period_how == "explicit" and \
                        fr.modality is None and fr.period is not None and \
                        fr.period.kind in ("quarter", "half", "ninemonths", "year") and \
                        not _in_parentheses(ctx, s.start, fr.figure.q.start) and \
                        not parenthesised_own(ctx, fr.figure.end, *fr.period_at):
                    d.carry(fr.period, ctx.doc.period)
                if fr.modality in FORWARD and fr.period is not None and fr.period_how in ("explicit", "sentence"):
                    d.outlook_period = fr.period     # "For 2024 we target ... We plan capex of": the next outlook's
                if fr.market is not None and fr.market_how == "explicit" and fr.metric is not None:
                    d.paragraph_market_named(fr.market)
        if label_subject is not None:
            d.section_subject = saved
        outlook = _outlook_lead_in(ctx, line, rules) if line.kind != "bullet" else None
        if outlook is not None:
            # "For the third quarter of fiscal 2024, Lumenfold expects:" and a list: each item is an outlook
            # for that period
            lead = (d.section_period, d.section_modality)
            d.section_period, d.section_modality = outlook[0] or d.section_period, outlook[1]
    return out


_WHOLE_WORDS = re.compile(r"\b(?:group|total|overall|consolidated|company|companywide|company-wide|we|our|us)\b",
                          re.I)


_WHOLE_MEASURE = re.compile(r"\b(?:total|group|consolidated|overall|company-?wide)\s+(?:[a-z-]+\s+){0,2}?"
                            r"(?:revenues?|sales|turnover|income|profit|earnings|ebitda|ebit)\b", re.I)


def _part_carried_in_sentence(ctx: ExtractionContext, frames: list[Frame]) -> None:
    """"Tools & Services revenue rose 23%, and net revenue retention stood at 118%": a later clause of the sentence
    that names no subject goes on about the part the sentence named; the company default would publish a part's
    figure as the group's. Words of the whole ("group", "total", "we") between the two keep the company's."""
    part: Optional[Frame] = None
    for fr in sorted(frames, key=lambda f: f.figure.q.start):
        if part is not None and fr.subject == part.subject and fr.subject_how == "explicit" and ctx.issuer is not None:
            clause = re.split(r"[,;]", ctx.text[part.figure.q.end:fr.figure.q.start])[-1]
            if _WHOLE_MEASURE.search(clause):
                # "Harbour Meters revenue rose 9% to $410 million, bringing total revenue to $950 million": the
                # whole's figure in a later clause is the company's, not the part's
                fr.subject, fr.subject_how = ctx.issuer, "explicit"
                continue
        if fr.subject is not None and fr.subject.kind == "segment" and \
                fr.subject_how in ("explicit", "possessive", "of", "pronoun", "part", "sentence"):
            part = fr
        elif fr.subject_how == "issuer-default" and part is not None and part.subject is not None and \
                _WHOLE_WORDS.search(ctx.text, part.figure.q.start, fr.figure.q.start) is None:
            fr.subject, fr.subject_how = part.subject, "carried"


def _month_carried(frames: list[Frame], months: dict[str, Period]) -> dict[str, Period]:
    """"In July, our app's MAU rose to 88 million. The MAU of our TV platform, meanwhile, rose 42% to 32
    million.": a measure the sentence right before stated for a month keeps that month in the next sentence's
    figures of the same measure that name no period of their own (a month frames only its sentence otherwise).
    Returns the measures this sentence states for a month."""
    for fr in frames:
        if fr.metric in months and fr.modality is None and fr.period_how in ("carried", "document", "level"):
            fr.period, fr.period_how = months[fr.metric], "carried"
    return {fr.metric: fr.period for fr in frames if fr.metric and fr.modality is None and fr.period is not None
            and fr.period.kind == "month" and fr.figure.role in ("level", "change")}


def _ahead(ctx: ExtractionContext, period: Period) -> bool:
    """The period ends after the document was written (an outlook's, never an actual's)."""
    return period.end is not None and ctx.doc.date is not None and len(ctx.doc.date) >= 10 and \
        period.end.isoformat() > ctx.doc.date[:10]


def _outlook_sentence(ctx: ExtractionContext, s: Sentence, rules: FrameRules, d: Discourse) -> None:
    """A sentence with no figure that names an outlook and its period ("The company has raised its full-year
    forecast.") gives the paragraph's next outlooks that period."""
    text = ctx.text[s.start:s.end]
    if not any(rules.slots.modality[k].search(text) for k in ("target", "guidance", "forecast")):
        return
    periods = [p for p in ctx.mentions(s).periods if p.period.kind in ("quarter", "half", "ninemonths", "year")]
    if periods:
        d.outlook_period = resolve_mention(ctx, periods[0], d)


def _outlook_lead_in(ctx: ExtractionContext, line: Line, rules: FrameRules) -> Optional[tuple[Optional[Period], str]]:
    """A line that ends with a colon, states no figure and has an outlook word: its period and modality."""
    text = ctx.text[line.start:line.end]
    if not text.rstrip().endswith(":"):
        return None
    m = ctx.mentions(Sentence(line.start, line.end, text))
    if any(not any(p.start <= q.start < p.end for p in m.periods) for q in m.quantities):
        return None
    for mod in ("target", "guidance", "forecast"):
        if rules.slots.modality[mod].search(text):
            periods = [p.period for p in m.periods if p.how != "current" and
                       p.period.kind in ("quarter", "half", "ninemonths", "year")]
            return (periods[0] if periods else None), mod
    return None


def _kind(fr: Frame) -> str:
    if fr.kind == "metric" and fr.unit in COUNT_UNITS_AS_COUNT:
        return "count"
    return fr.kind


def extract(ctx: ExtractionContext) -> list[Fact]:
    frames = [replace(fr, kind=_kind(fr)) for fr in frames_of(ctx)]
    pairs = [(fr, ctx.evidence(*fr.span)) for fr in frames]
    facts, unresolved = decide(ctx.doc.doc_id, pairs)
    ctx.__dict__.setdefault("unresolved", []).extend(unresolved)
    return facts


def _in_parentheses(ctx: ExtractionContext, start: int, pos: int) -> bool:
    """"(2022: NOK 2,380 million)": a figure in an aside, whose period the next sentences do not take."""
    before = ctx.text[max(start, pos - 40):pos]
    return before.rfind("(") > before.rfind(")")
