"""What a "Label: value" pair is about (``labellines.py`` reads its value): the measure and the entity its label
names, the unit note of its block, its subject and how it was found, and the segment-review form ("Home
Appliances (air conditioners ...): revenue of ₹19,871.5 million").

A label names a measure when the vocabulary has its phrase, a measure word is in it ("Net debt / EBITDA"), it
counts something ("Employees"), or it is one of the known measures in other words ("Last close"); a label that
names a market ("US: $149.99"), a person ("Analyst: Jane Roe") or a spec ("Battery: 9 hours") is not read. The
subject is the entity the label opens with, else the section's (never a research note's own firm in its
masthead), else the issuer (or, in a research note about a company, that company), else the market of a market
measure. The block's unit note is a line such as "(NOK million unless otherwise stated)" above the block.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from ..records import EntityRef, Period
from .context import ExtractionContext
from .discourse import Discourse
from .framemodel import FrameRules
from .labelmeaning import LabelReader, MetricRef, whole_market
from .periods import day
from .marketslot import doc_market
from .tablecells import FigureReader, UnitNote
from .text import Sentence

_LABEL_START = re.compile(r"[ \t]*(?:(?:[•\-*–·▪●]|\(?\d{1,2}[.)])[ \t]+)?[^\s:|•][^:|\n]{0,80}?[ \t]*:[ \t]+(?=\S)")


@dataclass
class Meaning:
    subject: Optional[EntityRef]
    metric: MetricRef
    instant: Optional[Period]
    unit: UnitNote
    accounting: Optional[str]
    modality: Optional[str]



class LabelContext:
    """What a "Label: value" pair is about, from the label and its surroundings."""

    def __init__(self, ctx: ExtractionContext, rules: FrameRules, fr: FigureReader, labels: LabelReader):
        self.ctx = ctx
        self.rules = rules
        self.fr = fr
        self.labels = labels
        lay = ctx.patterns["layout"]
        words = lambda key: re.compile(r"(?<![\w/])(?:%s)(?![\w/])" % "|".join(  # noqa: E731
            re.escape(str(w)) for w in sorted(lay.get(key) or ["(?!)"], key=len, reverse=True)), re.I)
        self.spec = words("spec_words")
        self.measure = words("measure_words")
        self.estimates = words("estimate_labels")
        self.mods = {str(k).casefold(): str(v) for k, v in (lay.get("column_modalities") or {}).items()}
        self._blocks: dict[int, UnitNote] = {}
        links = "|".join(re.escape(str(w)) for w in lay.get("segment_value_links") or ["of"])
        self.segment_value = re.compile(rf"[ \t]*(?P<m>[a-z][a-z &/-]{{1,40}}?)[ \t]+(?:{links})[ \t]+(?=\S)")
        names = ctx.patterns["names"]
        self.segment_context = re.compile(r"(?<![\w])(?:%s)(?![\w])" % "|".join(
            re.escape(str(w)) for w in names.get("segment_context") or ["segment"]), re.I)

    def meaning(self, a: int, b: int, d: Discourse) -> Optional[Meaning]:
        ctx = self.ctx
        label = ctx.text[a:b]
        named = bool(self.estimates.search(label)) or self.labels.names_metric(label)
        if self.spec.search(label) and not self.measure.search(label) and not named:
            return None
        m = ctx.mentions(Sentence(a, b, label))
        subject = None
        ma = a
        lead = [e for e in m.entities if e.start <= a + 1 and e.kind in ("organisation", "segment", "product", "brand",
                                                                        "series", "platform")
                and not self.labels.is_measure_word(ctx.text[e.start:e.end])]
        if lead:
            subject = ctx.entity(lead[0])
            ma = lead[0].end
        if any(e.kind in ("market", "person") and e.start <= a + 1 for e in m.entities):
            return None                        # "US: $149.99" is a price; "Analyst: Jane Roe" a role
        measure_like = bool(self.measure.search(ctx.text, ma, b)) or any(
            x.kind == "metric" for x in ctx.engine.matcher.find(ctx.text, ma, b)) or named
        unit = self.fr.unit_note(" ".join(re.findall(r"\([^()]{1,40}\)", label)))
        count = self.fr.unit_note(re.sub(r"\([^()]*\)", " ", ctx.text[ma:b])).count
        if not measure_like and count is None:
            return None
        metric = self.labels.metric(ma, b)
        if metric is None:
            return None
        if count is not None and unit.count is None:
            unit = UnitNote(unit.currency, unit.scale, unit.percent, count)
        mods = {self.mods[w.group(0).casefold()] for w in re.finditer(r"[A-Za-z.]+", label)
                if w.group(0).casefold() in self.mods}
        modality = mods.pop() if len(mods) == 1 else None
        if self.estimates.search(label) and not ctx.doc.speaks_for_issuer:
            modality = "estimate"
        return Meaning(subject, metric, self.labels.instant_in(a, b), unit, self.labels.accounting(a, b), modality)

    def segment_line(self, a: int, b: int, vs: int, ve: int) -> tuple[Optional[Meaning], int]:
        """"Home Appliances (air conditioners ...): revenue of ₹19,871.5 million" in a segment review of the
        issuer's own document: the label is a segment, the words before the figure its measure."""
        ctx = self.ctx
        if not ctx.doc.speaks_for_issuer or ctx.issuer is None or not self._in_segment_section(a):
            return None, vs
        name = re.sub(r"\s*\([^()]*\)\s*$", "", ctx.text[a:b]).strip()
        if not re.fullmatch(r"[A-Z][\w&'’.-]*(?:[ \t](?:&[ \t])?[A-Z][\w&'’.-]*){0,4}", name):
            return None, vs
        m = self.segment_value.match(ctx.text, vs, ve)
        if m is None or self.fr.at(ctx.text, m.end(), ve) is None:
            return None, vs
        hits = [h for h in ctx.engine.matcher.find(ctx.text, m.start("m"), m.end("m")) if h.kind == "metric"]
        if not hits or hits[0].end - hits[0].start < len(m.group("m").strip()) - 1:
            return None, vs
        entry = ctx.gazetteer.metrics.get(hits[0].target)
        metric = MetricRef(hits[0].target, entry.label if entry is not None else hits[0].surface, "known")
        segment = ctx.names.add(name, "segment", "label", ("BusinessSegment",), owner=ctx.issuer.key)
        return Meaning(segment, metric, None, UnitNote(), None, None), m.end()

    def _in_segment_section(self, pos: int) -> bool:
        """The nearest heading above names segments ("SEGMENT REVIEW", "Results by division")."""
        lines = self.ctx.layout.lines
        for ln in reversed(lines):
            if ln.start >= pos:
                continue
            t = self.ctx.text[ln.start:ln.end].strip()
            body = re.sub(r"^\(?\d{1,2}[.)]\s+", "", t)
            if ln.kind == "heading" or (ln.kind == "bullet" and body and len(body.split()) <= 8 and
                                        not re.search(r"[\d:]|[.!?]$", body)):
                return self.segment_context.search(self.ctx.text, ln.start, ln.end) is not None
            if pos - ln.start > 3000:
                break
        return False

    # -- the value --------------------------------------------------------------------------------------------------
    def block_unit(self, pos: int) -> UnitNote:
        """The unit note of the block of label lines around ``pos``: "(NOK million unless otherwise stated)"."""
        text = self.ctx.text
        ls = text.rfind("\n", 0, pos) + 1
        if ls in self._blocks:
            return self._blocks[ls]
        p, blanks, note = ls, 0, UnitNote()
        for _ in range(40):
            if p <= self.ctx.doc.start:
                break
            prev = text.rfind("\n", 0, p - 1) + 1
            line = text[prev:p - 1].strip()
            p = prev
            if not line:
                blanks += 1
                if blanks > 1:
                    break
                continue
            if _LABEL_START.match(line):
                if blanks:
                    break
                continue
            tail = re.search(r"\(([^()]{1,80})\)\s*$", line)
            if tail or re.search(r"unless otherwise (?:stated|noted|indicated)", line, re.I):
                note = self.fr.unit_note(tail.group(0) if tail else line)
            break
        self._blocks[ls] = note
        return note

    def subject(self, d: Discourse, metric: MetricRef) -> Optional[EntityRef]:
        ctx = self.ctx
        src = ctx.doc.source
        if d.section_subject is not None and not (src is not None and d.section_subject.key == src.key) and \
                not any(t in ("ResearchFirm", "RankingBody") for t in d.section_subject.types):
            return d.section_subject            # not the note's own firm in its masthead
        if ctx.issuer is not None and (ctx.doc.speaks_for_issuer or ctx.doc.issuer is None):
            return ctx.issuer
        if not ctx.doc.speaks_for_issuer and metric.key in self.rules.slots.market_metrics:
            market = doc_market(ctx)
            if market is not None:
                return whole_market(ctx, market)
        return None

    def how(self, subject: EntityRef, mn: Meaning, d: Discourse) -> str:
        ctx = self.ctx
        if mn.subject is not None:
            return "explicit"
        if d.section_subject is not None and subject is d.section_subject:
            return "heading"
        if subject is ctx.issuer:
            return "first-person" if ctx.doc.speaks_for_issuer else "carried"
        return "market"

    def doc_day(self) -> Optional[Period]:
        date = self.ctx.doc.date
        if not date or len(date) < 10:
            return None
        return day(int(date[:4]), int(date[5:7]), int(date[8:10]), instant=True)
