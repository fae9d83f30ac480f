"""What a row label, a column header, a list lead-in or a "Label:" names: a measure, a period, an accounting basis.

A label names a known measure when the vocabulary's phrases cover all its words (besides accounting words,
units in parentheses, period phrases and filler such as "total"): "Gross profit margin", "Non-IFRS adjusted net
profit", "Basic earnings per share (RMB)". Otherwise the label itself is the measure, minted as a new concept
from its words ("Order backlog at 31 December" -> "order backlog", "Return on net worth"). A label that is a
period ("Jul-23", "Q2 FY24", "FY2023-24") is read by the document's period grammars, with the month-year form
"Jul-23" read here from the months of ``periods.yaml``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Optional

from ..iris import slugify
from ..records import EntityRef, Period
from .context import ExtractionContext
from .patterns import accounting_regex
from .periods import PeriodMention, day, month
from .marketslot import doc_category, doc_market
from .text import Sentence

_FILLER = {"total", "group", "consolidated", "reported", "the", "of", "for", "and", "in", "at", "as", "on", "to",
           "a", "an", "its", "our", "company", "company's", "group's", "attributable", "owners", "parent", "year",
           "period", "quarter", "end", "year-end", "full", "per", "share", "basic", "diluted", "unaudited"}
_FOOTNOTE = re.compile(r"(?:\*+\d{0,2}|\(\d{1,2}\)|\[\d{1,2}\]|[¹²³⁴⁵⁶⁷⁸⁹])\s*$")
_PAREN = re.compile(r"\([^()\n]{0,60}\)")
_MON_YY = re.compile(r"(?P<m>[A-Za-z]{3,9})[-'’ ](?P<y>\d{2}|\d{4})")
_SPAN_FY = re.compile(r"(FY[ \t]?)(\d{2})(\d{2})[-–/](\d{2})(?!\d)")
_AT = re.compile(r"\s*(?:as\s+(?:at|of|on)|at|on|by|end\s+of|for)\s*$", re.I)


@dataclass(frozen=True)
class MetricRef:
    key: str
    label: str
    how: str            # "known" (a concept of the vocabulary) | "minted" (a new concept from the label)


def clean_label(raw: str) -> str:
    """A label without footnote marks, units in parentheses, markup and a trailing colon."""
    s = _FOOTNOTE.sub("", raw.strip())
    s = _PAREN.sub(" ", s)
    s = re.sub(r"[*_#:|•]+", " ", s)
    return " ".join(s.split()).strip(" -–—,;")


class LabelReader:
    """Reads labels of one document (its periods, vocabulary and accounting words)."""

    def __init__(self, ctx: ExtractionContext):
        self.ctx = ctx
        months = ctx.patterns["periods"].get("months") or {}
        self.months = {str(k).casefold(): int(v) for k, v in months.items()}
        f = ctx.patterns["frames"]
        self.accounting_words = {str(k): str(v) for k, v in (f.get("accounting") or {}).items()}
        self.accounting_rx = accounting_regex(f)
        abbr = {str(k).casefold(): str(v) for k, v in (ctx.patterns["layout"].get("label_abbreviations") or {}).items()}
        self.abbreviations = abbr
        self.label_metrics = {str(k).casefold(): str(v) for k, v in
                              (ctx.patterns["layout"].get("label_metrics") or {}).items()}
        alt = "|".join(re.escape(w) for w in sorted(abbr, key=len, reverse=True)) or "(?!)"
        self.abbr_rx = re.compile(rf"(?<![\w.])(?:{alt})(?![\w])", re.I)

    def expand(self, text: str) -> str:
        """The label with its abbreviations written out ("op. margin" -> "operating margin")."""
        return self.abbr_rx.sub(lambda m: self.abbreviations[m.group(0).casefold()], text)

    # -- periods ------------------------------------------------------------------------------------------------
    def periods(self, text: str) -> list[PeriodMention]:
        """Explicit periods of a standalone text (a column header joined from several lines)."""
        ctx = self.ctx
        t = re.sub(r"(?<=\d)[EeAaFf](?![A-Za-z])", " ", text)           # "FY27E", "2023e", "FY23A"
        # "FY2023-24" is the fiscal year that ends in 2024 (the same length, so offsets hold)
        t = _SPAN_FY.sub(lambda m: f"{m.group(1)}{m.group(2)}{m.group(4)}" + " " * (len(m.group(3)) + 2), t)
        fiscal = ctx.engine.fiscal_periods.find(t, 0, len(t), ctx.doc.fiscal, ctx.doc.period, ctx.doc.date)
        plain = ctx.engine.periods.find(t, 0, len(t), ctx.doc.period, ctx.doc.date)
        found = fiscal + [p for p in plain if not any(p.start < f.end and f.start < p.end for f in fiscal)]
        found = [p for p in found if p.how == "explicit"]
        for m in _MON_YY.finditer(t):
            mo = self.months.get(m.group("m").casefold())
            if mo and not any(p.start < m.end() and m.start() < p.end for p in found):
                y = int(m.group("y"))
                found.append(PeriodMention(m.start(), m.end(), month(y + 2000 if y < 100 else y, mo)))
        return sorted(found, key=lambda p: p.start)

    def label_period(self, label: str) -> Optional[Period]:
        """The period a whole label is ("Jul-23", "Q2 2023", "FY2023-24"), or None."""
        s = clean_label(label)
        ps = self.periods(s)
        if len(ps) == 1 and not re.search(r"[A-Za-z]{3,}", s[:ps[0].start] + s[ps[0].end:]):
            return ps[0].period
        return None

    def year_end(self) -> Optional[Period]:
        """The end of the document's reporting period, as an instant ("at year-end", "at 31 December")."""
        p = self.ctx.doc.period
        if p is None or p.end is None:
            return None
        return day(p.end.year, p.end.month, p.end.day, instant=True)

    def instant_in(self, a: int, b: int) -> Optional[Period]:
        """An instant a label states ("Net worth as at March 31, 2024", "Order backlog at 31 December",
        "Employees at year-end")."""
        ctx = self.ctx
        t = ctx.text[a:b]
        if re.search(r"\b(?:at|as\s+(?:at|of))\s+(?:the\s+)?(?:year[- ]end|end\s+of\s+(?:the\s+)?(?:year|period))", t, re.I):
            return self.year_end()
        for p in ctx.mentions(Sentence(a, b, t)).periods:
            if p.how == "explicit" and p.period.kind in ("day", "instant"):
                end = p.period.end
                if end is not None and ctx.doc.period is not None and ctx.doc.period.end is not None and \
                        not re.search(r"\d{4}", ctx.text[p.start:p.end]):
                    end = _in_year(end, ctx.doc.period.end.year)     # "31 December" of the reporting year
                return day(end.year, end.month, end.day, instant=True) if end else p.period
        return None

    # -- measures -----------------------------------------------------------------------------------------------
    def metric(self, a: int, b: int, mint: bool = True) -> Optional[MetricRef]:
        """The measure the label in [a, b) names: a known concept when the vocabulary covers its words, else
        (``mint``) a new concept from them."""
        return self.metric_of(self.ctx.text[a:b], mint)

    def metric_of(self, label: str, mint: bool = True) -> Optional[MetricRef]:
        """The measure a label's words name (``metric`` of a label not written in one piece)."""
        ctx = self.ctx
        # words in parentheses are a unit or a sign note, never the measure's: "Diluted earnings (loss) per share"
        raw = _PAREN.sub(lambda m: " " * len(m.group(0)), self.expand(label))
        named = self.label_metrics.get(clean_label(raw).casefold())
        if named is not None:
            entry = ctx.gazetteer.metrics.get(named)
            return MetricRef(named, entry.label if entry is not None else named, "known")
        hits = [h for h in ctx.engine.matcher.find(raw) if h.kind == "metric"]
        rest = raw
        for h in sorted(hits, key=lambda h: -h.start):
            rest = rest[:h.start] + " " + rest[h.end:]
        for m in sorted(self.accounting_rx.finditer(rest), key=lambda m: -m.start()):
            rest = rest[:m.start()] + " " + rest[m.end():]
        rest = _PAREN.sub(" ", rest)
        for p in self.periods(rest):
            rest = rest[:p.start] + " " * (p.end - p.start) + rest[p.end:]
        words = [w for w in re.findall(r"[^\W\d_][\w'’&/-]*", rest) if w.casefold() not in _FILLER]
        if hits and not words:
            best = max(hits, key=lambda h: h.end - h.start)
            entry = ctx.gazetteer.metrics.get(best.target)
            return MetricRef(best.target, entry.label if entry is not None else best.surface, "known")
        if not mint:
            return None
        label = self.minted_label(raw)
        if not label:
            return None
        return MetricRef(slugify(label), label, "minted")

    def minted_label(self, raw: str) -> str:
        s = clean_label(self.expand(raw))
        for m in sorted(self.accounting_rx.finditer(s), key=lambda m: -m.start()):
            s = s[:m.start()] + s[m.end():]
        ps = self.periods(s)
        if ps:
            head = s[:ps[0].start]
            at = _AT.search(head)
            s = head[:at.start()] if at else head
        s = re.sub(r"\b(?:at|as\s+(?:at|of))\s+(?:the\s+)?(?:year[- ]end|end\s+of\s+(?:the\s+)?(?:year|period))\b.*$",
                   "", s, flags=re.I)
        words = [w for w in s.split() if w]
        while words and words[0].casefold() in ("total", "the", "proposed", "reported"):
            words = words[1:]
        label = " ".join(words[:7]).strip(" -–—,;").lower()
        if not re.search(r"[a-z]{2}", label) or len(label) < 2:
            return ""
        return label

    def names_metric(self, label: str) -> bool:
        """The label is one of the known measures in other words ("Last close")."""
        return clean_label(self.expand(label)).casefold() in self.label_metrics

    def is_measure_word(self, surface: str) -> bool:
        """A word that qualifies a measure ("Consolidated", "Adjusted"), not a name."""
        w = surface.strip().casefold()
        return w in _FILLER or w in {k.casefold() for k in self.accounting_words}

    def accounting(self, a: int, b: int) -> Optional[str]:
        m = self.accounting_rx.search(self.ctx.text, a, b)
        return self.accounting_words[m.group(0)] if m else None

    def accounting_of(self, text: str) -> Optional[str]:
        m = self.accounting_rx.search(text)
        return self.accounting_words[m.group(0)] if m else None


def _in_year(d: date, year: int) -> date:
    try:
        return d.replace(year=year)
    except ValueError:
        return d


def context_period(ctx: ExtractionContext, d) -> Optional[Period]:
    """The period the text around a figure is about: the discourse's, except that a section opened by the
    document's own title takes the document's period (the document model reads titles with their fiscal
    calendar: "Annual Report 2023-24")."""
    if d.section_period is not None and d.period is d.section_period and ctx.doc.period is not None:
        heading = ctx.text[d.section_start:ctx.text.find("\n", d.section_start, d.section_start + 300)]
        if ctx.doc.title and " ".join(heading.split()) == " ".join(ctx.doc.title.split()):
            return ctx.doc.period
    return d.period


def global_market(ctx: ExtractionContext) -> EntityRef:
    """The global market (``layout.yaml`` global_market: a gazetteer key)."""
    key = str(ctx.patterns["layout"].get("global_market") or "")
    entry = ctx.gazetteer.get(key)
    return entry.ref() if entry is not None else EntityRef(slugify(key), "market", key.title(), ("Region",))


def says_global(ctx: ExtractionContext, text: str) -> bool:
    words = ctx.patterns["layout"].get("global_words") or []
    return bool(words) and re.search(r"(?<![\w])(?:%s)(?![\w])" % "|".join(re.escape(str(w)) for w in words),
                                     text, re.I) is not None


def whole_market(ctx: ExtractionContext, geo: Optional[EntityRef] = None) -> EntityRef:
    """The whole market of a geography (else the document's, else the global one) for the document's product
    category: the subject of a "Total" row or a geography's figure."""
    market = geo or doc_market(ctx) or global_market(ctx)
    cat = doc_category(ctx)
    key = slugify(f"{market.key}-{cat or 'all'}-market")
    label = " ".join(x for x in (market.label, cat or "", "market") if x)
    return EntityRef(key, "market", label, ("Market",))

