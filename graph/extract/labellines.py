""""Label: value" lines and key-figure blocks.

"Gross margin: 23.1%, up 1.2 ppts QoQ", "Net sales: SEK 1,184 million (1,117)", "Operating revenue: 4,812 (2022:
4,236; 2021: 3,655)", "Return on net worth: 16.0% (FY2022-23: 14.9%)", "Revenue from operations: FY2023-24 –
38,420.6; FY2022-23 – 32,915.3", "Employees at year-end: 1,634 (2022: 1,512)", "**Paid subscribers:** 4.82
million", "Price target: $212 (from $196)", several pairs on one line ("Rating: Overweight | Price target: ...").

The label is the measure ("Gross margin"), or an entity and its measure ("Subscription revenue", when
"Subscription" is a segment the document names); a label that names no measure (a person's role, a spec, a
market's price) is not read here. The value is the figure right after the colon, with what is attached to it:

- a bare number in parentheses is the prior period's value (European reports): "SEK 1,184 million (1,117)";
- "(2022: 4,236; 2021: 3,655)", "(FY2022-23: 14.9%)", "(March 31, 2023: 8,675.5)" are values of named periods;
- "(from $196)" is the value before (an earlier value of the same figure);
- ", +14.6% QoQ, -4.4% YoY", ", up 12% Y/Y", ", up 1.2 ppts QoQ and down 0.8 ppts YoY" are its changes.

Anything else on the line ("a non-GAAP operating margin of 7.8%") is left to the prose reader. What the pair is
about (measure, subject, block unit, segment-review lines) is ``labelcontext.py``'s. Figures without their own
unit take the block's unit note ("(NOK million unless otherwise stated)") or the label's ("Earnings per share
(NOK)"); a per-share figure takes no scale and a count ("Employees") no currency; a loss measure is its profit
below zero. The period is the label's instant ("at 31 December", "at year-end"), else the section's or the
document's, else the document's date (a research note's "Last close").
"""
from __future__ import annotations

import re
from decimal import Decimal
from typing import Optional

from ..records import EntityRef, Period
from .context import ExtractionContext
from .discourse import Discourse
from .figures import Figure
from .framemodel import Frame, FrameRules
from .labelmeaning import LabelReader, MetricRef, context_period
from .periods import day, shift
from .quantities import Quantity, scaled
from .marketslot import doc_market
from .labelcontext import LabelContext, Meaning
from .tablecells import CellValue, FigureReader, figure_reader
from .tableheads import COUNT_METRIC_UNITS
from .text import Sentence

_LABEL = re.compile(r"[ \t]*(?:(?:[•\-*–·▪●]|\(?\d{1,2}[.)])[ \t]+)?(?P<label>[^\s:|•][^:|\n]{0,80}?)[ \t]*:[ \t]+(?=\S)")
_PERIOD_DASH = re.compile(r"[ \t]*[–—-][ \t]*")
_CHANGE = re.compile(r"[ \t]*(?:,|;|and)[ \t]*(?:(?P<w>up|down|an?\s+increase\s+of|an?\s+decrease\s+of|a\s+rise\s+of|"
                     r"a\s+decline\s+of)[ \t]+(?:by[ \t]+)?)?(?=[+\-−–]?\d)", re.I)
_BASIS_AFTER = re.compile(r"[ \t]*(?P<b>y/y|yoy|q/q|qoq|m/m|mom|year[- ]on[- ]year|year[- ]over[- ]year|"
                          r"quarter[- ]on[- ]quarter|quarter[- ]over[- ]quarter|sequentially)(?![\w])", re.I)
_WHEN = re.compile(r"[ \t]+(?:in|for|at|as[ \t]+(?:of|at)|during)[ \t]+(?:the[ \t]+)?(?=[A-Z0-9])")
_COMPARED = re.compile(r"[ \t]*[,;]?[ \t]*(?:compared[ \t]+(?:with|to)|versus|vs\.?|against)[ \t]+", re.I)
_BASES = {"y/y": "YoY", "yoy": "YoY", "q/q": "QoQ", "qoq": "QoQ", "m/m": "MoM", "mom": "MoM"}


class LabelLines:
    def __init__(self, ctx: ExtractionContext, rules: FrameRules):
        self.ctx = ctx
        self.rules = rules
        self.fr: FigureReader = figure_reader(ctx)
        self.labels = LabelReader(ctx)
        self.context = LabelContext(ctx, rules, self.fr, self.labels)
        lay = ctx.patterns["layout"]
        self.max_words = int(lay.get("label_max_words") or 7)
        self.losses = {str(k): str(v) for k, v in (lay.get("loss_metrics") or {}).items()}

    # -- the line -------------------------------------------------------------------------------------------------
    def segments(self, a: int, b: int) -> list[tuple[int, int, int]]:
        """(label start, label end, value start) of each "Label: value" pair in [a, b): pairs are cut at bars and
        at runs of three or more spaces."""
        text, src = self.ctx.text, self.ctx.source
        cuts = [0] + [m.end() for m in re.finditer(r"\||[ \t]{3,}(?=[A-Z][^:|\n]{0,80}:[ \t])", src[a:b].replace(
            "\n", " "))] + [b - a]
        out = []
        for x, y in zip(cuts, cuts[1:]):
            m = _LABEL.match(text, a + x, a + y)
            if m is None:
                continue
            label = m.group("label")
            if len(label.split()) > self.max_words + 3 or re.search(r"[.!?;]\s", label):
                continue
            if label.count("(") > label.count(")") or re.search(r"[£$€¥₹]\s?\d|\d\s?%", label):
                continue    # "Operating profit was £140 million (2023/24: £118 million)": a colon inside a clause
            out.append((m.start("label"), m.end("label"), m.end()))
        return out

    def frames(self, s: Sentence, d: Discourse) -> tuple[list[Frame], list[tuple[int, int]]]:
        """The frames of the sentence's "Label: value" pairs and the spans of the figures they read."""
        out: list[Frame] = []
        claimed: list[tuple[int, int]] = []
        for la, lb, vs in self.segments(s.start, s.end):
            if la < s.start:
                continue
            nxt = [x for x, _, _ in self.segments(s.start, s.end) if x > la]
            ve = min([x for x in nxt] + [s.end])
            meaning = self.context.meaning(la, lb, d)
            fr, spans = self._pair(la, vs, ve, meaning, d) if meaning is not None else ([], [])
            if not fr:
                meaning, vs = self.context.segment_line(la, lb, vs, ve)
                if meaning is None:
                    continue
                fr, spans = self._pair(la, vs, ve, meaning, d)
            if fr:
                spans.append((la, lb))            # a date in the label ("at 31 December") is not a figure
            out.extend(fr)
            claimed.extend(spans)
        return out, claimed

    def _pair(self, la: int, vs: int, ve: int, mn: Meaning, d: Discourse) -> tuple[list[Frame], list[tuple[int, int]]]:
        ctx = self.ctx
        text = ctx.text
        subject = mn.subject or self.context.subject(d, mn.metric)
        if subject is None:
            return [], []
        section = context_period(ctx, d) if d.section_period is not None else None
        base = mn.instant or (section if section is d.section_period or section is ctx.doc.period else None) or \
            ctx.doc.period or self.context.doc_day()
        out: list[Frame] = []
        claimed: list[tuple[int, int]] = []
        # "FY2023-24 – 38,420.6; FY2022-23 – 32,915.3"
        pos = vs
        series = False
        while pos < ve:
            ps = [p for p in self.labels.periods(text[pos:min(ve, pos + 40)]) if p.start == 0]
            if not ps:
                break
            dash = _PERIOD_DASH.match(text, pos + ps[0].end + _span_tail(text, pos + ps[0].end), ve)
            v = self.fr.at(text, dash.end(), ve) if dash else None
            if v is None:
                break
            out.append(self._frame(la, v, mn, subject, ps[0].period, d, "metric"))
            claimed.append((v.start, v.end))
            series = True
            sep = re.match(r"[ \t]*[;,][ \t]*", text[v.end:ve])
            pos = v.end + (sep.end() if sep else 0)
            if not sep:
                break
        if series:
            return [f for f in out if f is not None], claimed + [(vs, pos)]
        v = self.fr.at(text, vs, ve)
        if v is None or base is None:
            return [], []
        main = self._frame(la, v, mn, subject, base, d, "metric")
        if main is None:
            return [], []
        out.append(main)
        claimed.append((v.start, v.end))
        pos = v.end
        when = _WHEN.match(text, pos, ve)         # "296.0 million in December": the figure's own period
        if when is not None and mn.instant is None:
            w0 = when.start() + len(text[when.start():when.end()]) - len(text[when.start():when.end()].lstrip())
            ps = [p for p in self.labels.periods(text[w0:min(ve, w0 + 48)]) if p.start in (0, when.end() - w0)]
            if ps and ps[0].period.kind != "range":
                main.period = ps[0].period
                pos = w0 + ps[0].end
        pos = self._priors(la, pos, ve, mn, subject, base, main, d, out, claimed)
        pos = self._changes(la, pos, ve, mn, subject, main, d, out, claimed)
        pos = self._compared(la, pos, ve, mn, subject, main, d, out, claimed)
        return [f for f in out if f is not None], claimed + [(vs, pos)]

    def _priors(self, la: int, pos: int, ve: int, mn: Meaning, subject: EntityRef, base: Period, main: Frame,
                d: Discourse, out: list, claimed: list) -> int:
        """Values in parentheses after the figure: the prior period's, named periods', or an earlier value."""
        ctx = self.ctx
        text = ctx.text
        m = re.match(r"[ \t]*\(", text[pos:ve])
        if m is None:
            return pos
        inner_start = pos + m.end()
        close = text.find(")", inner_start, min(ve, inner_start + 160))
        if close < 0:
            return pos
        body = text[inner_start:close]
        frm = re.match(r"\s*(?:from|vs\.?|versus|previously|prev\.)\s+", body, re.I)
        if frm:
            v = self.fr.at(text, inner_start + frm.end(), close)
            if v is not None and v.end <= close:
                fr = self._frame(la, v, mn, subject, main.period, d, "metric")
                if fr is not None:
                    fr.qualifiers.append(("comparison", "earlier value"))
                    out.append(fr)
                    claimed.append((v.start, v.end))
            return close + 1
        v = self.fr.at(text, inner_start, close)
        if v is not None and not text[v.end:close].strip() and main.period is not None:
            prior = self._shift(main.period)            # "(1,117)": the same period a year before
            if prior is not None:
                fr = self._frame(la, v, mn, subject, prior, d, "metric", like=main)
                if fr is not None:
                    fr.qualifiers.append(("comparison", "prior period"))
                    out.append(fr)
                    claimed.append((v.start, v.end))
            return close + 1
        p0 = inner_start
        for part in re.finditer(r"[^;]+", body):
            a = inner_start + part.start()
            colon = text.find(":", a, inner_start + part.end())
            if colon < 0:
                continue
            ps = self.labels.periods(text[a:colon])
            v = self.fr.at(text, colon + 1, inner_start + part.end())
            if len(ps) != 1 or v is None:
                continue
            period = ps[0].period
            if main.period is not None and main.period.kind in ("instant", "day") and period.end is not None and \
                    period.kind not in ("instant", "day"):
                period = day(period.end.year, period.end.month, period.end.day, instant=True) or period
            fr = self._frame(la, v, mn, subject, period, d, "metric", like=main)
            if fr is not None:
                fr.qualifiers.append(("comparison", "prior period"))
                out.append(fr)
                claimed.append((v.start, v.end))
                p0 = v.end
        return close + 1 if p0 > inner_start else pos

    def _compared(self, la: int, pos: int, ve: int, mn: Meaning, subject: EntityRef, main: Frame, d: Discourse,
                  out: list, claimed: list) -> int:
        """", compared with $(21.7) million in Q2 FY23", "versus 38.2% a year ago": the value the figure is set
        against, for the period named (else the same period a year before)."""
        text = self.ctx.text
        m = _COMPARED.match(text, pos, ve)
        if m is None or main.period is None:
            return pos
        v = self.fr.at(text, m.end(), ve)
        if v is None:
            return pos
        end = v.end
        period = None
        after = re.match(r"[ \t]+(?:in|for)[ \t]+(?:the[ \t]+)?", text[end:ve])
        if after:
            ps = [p for p in self.labels.periods(text[end + after.end():min(ve, end + after.end() + 40)]) if p.start == 0]
            if ps:
                period, end = ps[0].period, end + after.end() + ps[0].end
        if period is None:
            ago = re.match(r"[ \t]+(?:a[ \t]+year[ \t]+(?:ago|earlier|before)|(?:in[ \t]+)?the[ \t]+prior[- ]year"
                           r"(?:[ \t]+(?:quarter|period))?)", text[end:ve], re.I)
            period = self._shift(main.period)
            end = end + ago.end() if ago else end
        fr = self._frame(la, v, mn, subject, period, d, "metric", like=main)
        if fr is None:
            return pos
        fr.qualifiers.append(("comparison", "prior period"))
        out.append(fr)
        claimed.append((v.start, end))
        return end

    def _changes(self, la: int, pos: int, ve: int, mn: Meaning, subject: EntityRef, main: Frame, d: Discourse,
                 out: list, claimed: list) -> int:
        """", +14.6% QoQ, -4.4% YoY", ", up 12% Y/Y", ", up 1.2 ppts QoQ and down 0.8 ppts YoY"."""
        text = self.ctx.text
        while pos < ve:
            m = _CHANGE.match(text, pos, ve)
            if m is None:
                return pos
            v = self.fr.at(text, m.end(), ve)
            if v is None or not v.is_rate:
                return pos
            end = v.end
            basis = v.basis
            b = _BASIS_AFTER.match(text, end, ve)
            if basis is None and b is not None:
                key = re.sub(r"[\s-]", "", b.group("b").casefold()).replace("yearonyear", "yoy").replace(
                    "yearoveryear", "yoy").replace("quarteronquarter", "qoq").replace("quarteroverquarter", "qoq")
                basis = _BASES.get(key, "QoQ" if key == "sequentially" else None)
                end = b.end()
            word = (m.group("w") or "").casefold()
            if basis is None and not v.signed and not word:
                return pos
            sign = -1 if (word.startswith("down") or "decrease" in word or "decline" in word) and v.number > 0 else 1
            fr = self._frame(la, v, mn, subject, main.period, d, "change")
            if fr is None:
                return pos
            fr.value = v.number * sign
            fr.unit = v.points or "percent"
            fr.basis, fr.basis_stated = basis or "YoY", basis is not None
            fr.span = (la, end)
            out.append(fr)
            claimed.append((v.start, end))
            pos = end
        return pos

    # -- helpers ----------------------------------------------------------------------------------------------------
    def _frame(self, la: int, v: CellValue, mn: Meaning, subject: EntityRef, period: Optional[Period], d: Discourse,
               kind: str, like: Optional[Frame] = None) -> Optional[Frame]:
        ctx = self.ctx
        metric = mn.metric
        if kind == "metric":
            value, unit = self._level(la, v, mn)
            if like is not None and unit is None:
                value, unit = scaled(v.number, _scale_of(like, v)), like.unit
            if v.paren and not v.signed:
                value = -value
            if metric.key in self.losses:       # "Operating loss: $(9.4) million" is operating profit below zero
                metric = MetricRef(self.losses[metric.key], metric.label.replace("loss", "profit"), "known")
                value = -abs(value)
            if metric.key == "market-share":
                kind = "market_share"
        else:
            value, unit = v.number, v.points or "percent"
        q = Quantity(v.start, v.end, value, v.number, "percent" if unit == "percent" else "number", unit, 1,
                     number_end=v.end)
        fig = Figure(q, "change" if kind == "change" else "level", start=v.start, end=v.end)
        how = "minted" if metric.how == "minted" else "label"
        label = metric.label
        if metric.key in ("eps", "dividend-per-share"):
            how, label = "per-share", self.labels.minted_label(ctx.text[la:la + 80].split(":")[0]) or label
        fr = Frame(kind, fig, (la, v.end), metric=metric.key, metric_label=label, metric_how=how)
        fr.subject, fr.subject_how = subject, self.context.how(subject, mn, d)
        fr.period, fr.period_how = period, "label"
        fr.value, fr.unit = value, unit
        fr.hedge = v.hedge
        fr.accounting = mn.accounting
        fr.modality = mn.modality or d.section_modality
        if subject.kind == "market":
            fr.market = doc_market(ctx)
        fr.source = ctx.doc.source
        if v.high is not None and kind != "change":
            fr.qualifiers += [("low", str(value)), ("high", str(scaled(v.high, _scale_of(fr, v))))]
        fr.qualifiers.append(("layout", "label"))
        return fr

    def _level(self, la: int, v: CellValue, mn: Meaning) -> tuple[Decimal, Optional[str]]:
        if v.percent or (mn.unit.percent and not v.currency):
            return v.number, "percent"
        if v.points:
            return v.number, v.points
        if v.multiple:
            return v.number, "x"
        entry = self.ctx.gazetteer.metrics.get(mn.metric.key)
        metric_unit = entry.unit if entry is not None else None
        per_share = mn.metric.key in ("eps", "dividend-per-share") or "per share" in mn.metric.label
        counted = mn.unit.count is not None or metric_unit in COUNT_METRIC_UNITS or metric_unit == "units"
        block = self.context.block_unit(la)
        currency = v.currency or mn.unit.currency or (None if counted else block.currency)
        if v.scale > 1:
            scale = v.scale
        elif mn.unit.scale > 1 or mn.unit.currency:
            scale = mn.unit.scale
        elif per_share or counted:
            scale = 1
        else:
            scale = block.scale
        unit = currency or mn.unit.count or (metric_unit if metric_unit in COUNT_METRIC_UNITS + ("units",) else None)
        return scaled(v.number, scale), unit

    def _shift(self, p: Period) -> Optional[Period]:
        ctx = self.ctx
        if p.fiscal_label and ctx.doc.fiscal is not None:
            return ctx.doc.fiscal.shift(p, years=-1)
        return shift(p, years=-1)


def _span_tail(text: str, pos: int) -> int:
    """The "-24" of "FY2023-24" after a period phrase read as its first year."""
    m = re.match(r"[-–/]\d{2}(?!\d)", text[pos:pos + 3])
    return m.end() if m else 0


def _scale_of(fr: Frame, v: CellValue) -> int:
    """The scale the frame's own figure was read with (the prior value in parentheses shares it)."""
    number = fr.figure.q.number
    if fr.value is None or not number:
        return 1
    ratio = abs(fr.value / number)
    return int(ratio) if ratio >= 1 and ratio == ratio.to_integral_value() else 1


def label_frames(ctx: ExtractionContext, s: Sentence, d: Discourse,
                 rules: FrameRules) -> tuple[list[Frame], list[tuple[int, int]]]:
    """Frames of the "Label: value" pairs of a sentence and the spans of the figures they read."""
    reader = ctx.__dict__.get("_label_lines")
    if reader is None:
        reader = LabelLines(ctx, rules)
        ctx.__dict__["_label_lines"] = reader
    return reader.frames(s, d)
