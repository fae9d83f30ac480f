"""Period phrases read against the document's fiscal calendar.

"Q3 FY24", "Q3 fiscal 2024", "FY '21 Q3", "the fourth quarter of fiscal 2023", "Fourth Quarter Fiscal 2023",
"the first half of fiscal 2024", "H1 FY24", "fiscal 2023", "FY23", "the first nine months of fiscal 2024" are
fiscal periods: with a fiscal calendar (``graph/fiscal.py``) they become the calendar dates they cover, keeping
the fiscal label. In a document whose company has a non-calendar fiscal year, a bare "the fourth quarter", "Q4",
"the first half" is a fiscal period too, of the document's fiscal year. "The June quarter" is the quarter that
ends in June. These mentions take precedence over the calendar grammar's (``periods.py``) where they overlap.
"""
from __future__ import annotations

import re
from datetime import date
from typing import Optional

from ..fiscal import FiscalCalendar, add_months
from ..records import Period
from .patterns import Patterns, alternation, phrase_alternation
from .periods import PeriodMention, quarter

_Y = r"(?:(?:19|20)\d{2}|'?\d{2}(?!\d))"


def _year(raw: str) -> int:
    raw = raw.strip("'’ ")
    return int(raw) if len(raw) == 4 else 2000 + int(raw)


class FiscalPeriodGrammar:
    def __init__(self, patterns: Patterns):
        cfg = patterns["periods"]
        self.ords = {str(k).lower(): int(v) for k, v in (cfg.get("ordinals") or {}).items()}
        self.months = {k.lower(): int(v) for k, v in (cfg.get("months") or {}).items()}
        self.halves = {str(k).lower(): int(v) for k, v in (cfg.get("halves") or {"first": 1, "second": 2}).items()}
        O = alternation(self.ords)
        HW = alternation(self.halves)
        M = alternation(self.months)
        FY = r"(?:FY|F|fiscal(?:\s+year)?|financial\s+year)"
        I = re.IGNORECASE
        self.rules: list[tuple[re.Pattern[str], str]] = [
            # "FY3/24", "FY3/2028": the fiscal year that ends in March 2024 (Japanese companies' way)
            (re.compile(r"\bFY\s?(?P<mo>1[0-2]|[1-9])/(?P<y>(?:19|20)\d\d|\d{2})(?![\d/])", I), "fym"),
            # "Q3 2023/24", "9M 2023/24", "H1 FY2024/25": a part of a split fiscal year (the year that ends in y2)
            (re.compile(r"\b(?:Q(?P<n>[1-4])|H(?P<h>[12])|(?P<nm>9M|6M))\s*(?:FY\s?)?(?P<y1>(?:19|20)\d\d)[/–-]"
                        r"(?P<y2>\d{2})\b(?![/–-]?\d)", I), "splitpart"),
            # "fiscal Q3 2024", "FY Q3", "the fiscal third quarter", "our third fiscal quarter": a fiscal quarter, of
            # the year it names, else of the fiscal year the document reports in
            # (not "the third fiscal quarter ending June 30, 2024": that quarter, by its end date)
            (re.compile(rf"\b(?:fiscal|FY)\s?Q(?P<n>[1-4])(?:\s+(?:of\s+)?(?P<y>(?:19|20)\d\d|'\d{{2}}))?\b"
                        rf"(?!\s+(?:ending|ended|to|through)\b)", I), "fq"),
            # "the back half of the fiscal year", "the first half of this year": a half of the year under report
            (re.compile(rf"\b(?P<o>{HW})[- ]half\s+of\s+(?:the|this|our)\s+(?:(?:fiscal|financial|current)\s+)?year\b", I),
             "fh"),
            (re.compile(rf"\b(?:fiscal\s+(?P<o>{O})[- ]quarter|(?P<o2>{O})\s+fiscal\s+quarter)"
                        rf"(?:\s+(?:of\s+)?(?P<y>(?:19|20)\d\d|'\d{{2}}))?\b(?!\s+(?:ending|ended|to|through)\b)", I),
             "fq"),
            (re.compile(rf"\bcalendar(?:\s+year)?\s+(?:(?P<o>{O})[- ]quarter|Q(?P<n>[1-4]))(?:\s+(?:of\s+)?(?P<y>(?:19|20)\d\d))?\b", I), "cq"),
            # "the first half of calendar 2023": a calendar half, whatever the company's fiscal year
            (re.compile(rf"\b(?:the\s+)?(?P<o>{O})[- ]half\s+(?:of\s+)?(?:the\s+)?calendar(?:\s+year)?\s+"
                        r"(?P<y>(?:19|20)\d\d)\b", I), "ch"),
            (re.compile(r"\bcalendar(?:\s+year)?\s+(?P<y>(?:19|20)\d\d)\b", I), "cy"),
            (re.compile(r"\b(?:1-)?9M\s?'?(?P<y>\d{2}|(?:19|20)\d\d)\b", I), "9m"),
            (re.compile(r"(?:\b(?:for\s+)?the\s+(?:full|whole|entire)\s+(?:fiscal\s+|financial\s+)?year\b|\bfull[- ](?:fiscal[- ])?year\b)"
                        r"(?!\s+(?:of\s+)?(?:fiscal\s+|FY\s*)?(?:19|20)\d\d)(?!\s+(?:FY|fiscal)\b)", I), "fullyear"),
            (re.compile(rf"\b(?:Q|quarter\s+)(?P<n>[1-4])\s*(?:of\s+)?{FY}\s?(?P<y>{_Y})\b", I), "q"),
            (re.compile(rf"\b(?P<n>[1-4])Q\s*{FY}\s?(?P<y>{_Y})\b", I), "q"),
            (re.compile(rf"\b{FY}\s?(?P<y>{_Y})\s*[-/ ]?\s*Q(?P<n>[1-4])\b", I), "q"),
            (re.compile(rf"\b(?:the\s+)?(?P<o>{O})[- ]quarter\s+(?:of\s+|in\s+)?(?:the\s+)?{FY}\s?(?P<y>{_Y})\b", I), "oq"),
            (re.compile(rf"\b{FY}\s?(?P<y>{_Y})\s+(?P<o>{O})[- ]quarter\b", I), "oq"),
            (re.compile(rf"\b(?:the\s+)?(?P<o>{HW})[- ]half\s+(?:of\s+)?(?:the\s+)?{FY}\s?(?P<y>{_Y})\b", I), "oh"),
            (re.compile(rf"\bH(?P<n>[12])\s*{FY}\s?(?P<y>{_Y})\b|\b{FY}\s?(?P<y2>{_Y})\s*H(?P<n2>[12])\b", I), "h"),
            (re.compile(rf"\b(?P<n>[12])H\s*{FY}\s?(?P<y>{_Y})\b", I), "h"),          # "2H FY2024"
            (re.compile(rf"\b(?:the\s+)?first\s+(?:nine\s+months|three\s+quarters|9\s+months)\s+(?:of\s+)?{FY}\s?(?P<y>{_Y})\b", I), "9m"),
            (re.compile(rf"\b(?:full[- ])?{FY}\s?(?P<y>{_Y})\b(?![/–-]\d{{2}}\b)", I), "fy"),   # not "FY2027-28"
            (re.compile(rf"\b(?:the|its|our|their)\s+(?P<m>{M})\s+quarter\b", I), "mq"),
            # "the second quarter of its financial year to March 2024": a quarter of the year that ends then
            (re.compile(rf"\b(?:the\s+)?(?P<o>{O})[- ]quarter\s+of\s+(?:the|its|our|their)\s+(?:financial|fiscal)\s+year\s+"
                        rf"(?:ended|ending|to)\s+(?:on\s+)?(?:\d{{1,2}}(?:st|nd|rd|th)?\s+(?P<m>{M})\.?|(?P<m2>{M})\.?"
                        rf"(?:\s+\d{{1,2}}(?:st|nd|rd|th)?)?),?\s+(?P<y>(?:19|20)\d\d)\b", I), "oqye"),
            # "the year ended 31 March 2025", "the twelve months to June 30, 2024", "the financial year to March 2024"
            (re.compile(rf"(?<!half\s)(?<!half-)\b(?:(?:financial|fiscal)\s+)?(?:year|twelve\s+months|12\s+months)\s+"
                        rf"(?:ended|ending|to)\s+(?:on\s+)?(?:\d{{1,2}}(?:st|nd|rd|th)?\s+(?P<m>{M})\.?|(?P<m2>{M})\.?"
                        rf"(?:\s+\d{{1,2}}(?:st|nd|rd|th)?)?),?\s+(?P<y>(?:19|20)\d\d)\b", I), "ye"),
            # "2023/24", "FY2023-24": a split fiscal year, in a document whose fiscal year is not the calendar one
            (re.compile(r"\b(?:FY\s?)?(?P<y1>(?:19|20)\d\d)[/–-](?P<y2>\d{2})\b(?![/–-]?\d)", I), "split"),
        ]
        # "the third quarter of fiscal 2023, which ended October 31, 2022": the period by the end date the text gives
        self.ended = re.compile(rf",?\s*(?:which|that)\s+ended\s+(?:on\s+)?(?:(?P<d1>\d{{1,2}})\s+(?P<m1>{M})|"
                                rf"(?P<m2>{M})\.?\s+(?P<d2>\d{{1,2}})),?\s+(?P<y>(?:19|20)\d\d)\b", I)
        self.bare = [
            (re.compile(rf"\b(?:the\s+)?(?P<o>{O})[- ]quarter\b(?!\s+(?:of\s+)?(?:19|20)\d\d)", I), "oq"),
            (re.compile(r"\bQ(?P<n>[1-4])\b(?!\s*'?\d)", I), "q"),
            (re.compile(rf"\b(?:the\s+)?(?P<o>{HW})[- ]half\b(?!\s+(?:of\s+)?(?:19|20)\d\d)", I), "oh"),
            # "For the nine months, revenue from operations stood at ...": the fiscal year's first nine months
            (re.compile(r"\b(?:for|in|over|during|after)\s+the\s+(?:first\s+)?(?:nine|9)\s+months\b"
                        r"(?!\s+(?:ended|ending|to|through|of)\b)", I), "9m"),
        ]
        # "the year-ago quarter", "the same quarter last year": the reported fiscal period a fiscal year back
        # (``periods.yaml`` year_ago_words, same_period_nouns, year_back)
        back = phrase_alternation(cfg.get("year_back") or [])
        nouns = alternation(cfg.get("same_period_nouns") or ["quarter"])
        self.year_ago = re.compile(
            rf"\bthe\s+(?:(?:{phrase_alternation(cfg.get('year_ago_words') or []) or '(?!)'})[- ](?:{nouns})|"
            rf"same\s+(?:{nouns})\s+(?:{back or '(?!)'}))\b", I)
        # "the second quarter of last year" after a bare quarter or half: the same part of the fiscal year before
        self.back_after = re.compile(rf"\s+(?:of\s+|in\s+)?(?:{back or '(?!)'})\b", I)
        # "at year-end", "by the end of the year" in a fiscal report: the end of the fiscal year under report, not
        # 31 December (``periods.yaml`` year_end)
        self.year_end = re.compile(rf"\b(?:{alternation(cfg.get('year_end') or []) or '(?!)'})\b", I)

    def find(self, text: str, start: int, end: int, calendar: Optional[FiscalCalendar],
             ref: Optional[Period], doc_date: Optional[str]) -> list[PeriodMention]:
        cal = calendar or FiscalCalendar()
        out: list[PeriodMention] = []

        def free(a: int, b: int) -> bool:
            return not any(a < p.end and p.start < b for p in out)

        for rx, rule in self.rules:
            for m in rx.finditer(text, start, end):
                if not free(m.start(), m.end()):
                    continue
                p = self._period(m, rule, cal, ref, doc_date)
                if p is not None:
                    out.append(PeriodMention(m.start(), m.end(), p))
        if calendar is not None and not calendar.is_calendar and ref is not None and ref.fiscal_label:
            fy = calendar.fiscal_year_of(ref.end or ref.start or date.today())
            for m in self.year_end.finditer(text, start, end):
                last = calendar.year_interval(fy)[1]
                if free(m.start(), m.end()):
                    out.append(PeriodMention(m.start(), m.end(), Period(last.isoformat(), "instant", last, last)))
            for m in self.year_ago.finditer(text, start, end):
                prior = calendar.shift(ref, years=-1)
                if prior is not None and free(m.start(), m.end()):
                    out.append(PeriodMention(m.start(), m.end(), prior))
            for rx, rule in self.bare:
                for m in rx.finditer(text, start, end):
                    if not free(m.start(), m.end()):
                        continue
                    back = self.back_after.match(text, m.end(), end)
                    p = self._bare(m, rule, calendar, fy - 1 if back else fy)
                    if p is not None:
                        out.append(PeriodMention(m.start(), back.end() if back else m.end(), p))
        out.sort(key=lambda p: p.start)
        return [self._ended(text, p, end) for p in out]

    def _ended(self, text: str, p: PeriodMention, end: int) -> PeriodMention:
        """A quarter, half or year followed by ", which ended <date>": the months that end on that date (another
        company's fiscal quarter, whatever the document's calendar)."""
        e = self.ended.match(text, p.end, end)
        months = {"quarter": 3, "half": 6, "ninemonths": 9, "year": 12}.get(p.period.kind)
        if e is None or months is None:
            return p
        try:
            last = date(int(e.group("y")), self.months[(e.group("m1") or e.group("m2")).lower()],
                        int(e.group("d1") or e.group("d2")))
        except ValueError:
            return p
        y, m = add_months(last.year, last.month, -(months - 1))
        first = date(y, m, 1)
        return PeriodMention(p.start, e.end(), Period(f"{first.isoformat()}/{last.isoformat()}", p.period.kind,
                                                     first, last), p.how)

    def _n(self, m: re.Match[str]) -> Optional[int]:
        g = m.groupdict()
        if g.get("n") or g.get("n2"):
            return int(g.get("n") or g.get("n2"))
        o = (g.get("o") or g.get("o2") or "").lower()
        return self.ords.get(o) or self.halves.get(o)

    def _period(self, m: re.Match[str], rule: str, cal: FiscalCalendar, ref: Optional[Period],
                doc_date: Optional[str]) -> Optional[Period]:
        g = m.groupdict()
        if rule == "fullyear":
            anchor = (ref.end if ref and ref.end else None) or (date.fromisoformat(doc_date[:10]) if doc_date and
                                                               len(doc_date) >= 10 else None)
            if anchor is None:
                return None
            return cal.period("year", cal.fiscal_year_of(anchor))
        if rule == "fym":
            mon, y = int(g["mo"]), _year(g["y"])
            own = cal if cal.end_month == mon else FiscalCalendar(end_month=mon)
            return own.period("year", own.fiscal_year_of_month(y, mon))
        if rule in ("ye", "oqye"):
            from .periods import year as cal_year
            mon = self.months[(g.get("m") or g.get("m2") or "").lower()]
            y = int(g["y"])
            n = self._n(m) if rule == "oqye" else None
            if rule == "oqye" and not (n and 1 <= n <= 4):
                return None
            if mon == 12:
                return cal_year(y) if n is None else quarter(y, n)
            own = cal if cal.end_month == mon else FiscalCalendar(end_month=mon)
            fy = own.fiscal_year_of_month(y, mon)
            return own.period("year", fy) if n is None else own.period("quarter", fy, n)
        if rule in ("split", "splitpart"):
            y1, y2 = int(g["y1"]), int(g["y1"][:2] + g["y2"])
            if cal.is_calendar or y2 != y1 + 1:
                return None
            fy = cal.fiscal_year_of_month(y2, cal.end_month)
            if rule == "split":
                return cal.period("year", fy)
            if g.get("n"):
                return cal.period("quarter", fy, int(g["n"]))
            if g.get("h") or (g.get("nm") or "").upper() == "6M":
                return cal.period("half", fy, int(g.get("h") or 1))
            return cal.period("ninemonths", fy)
        if rule in ("cq", "cy", "ch"):
            from .periods import half as cal_half, year as cal_year
            if rule == "cy":
                return cal_year(int(g["y"]))
            if rule == "ch":
                n = self._n(m)
                return cal_half(int(g["y"]), n) if n in (1, 2) else None
            n = self._n(m)
            y = int(g["y"]) if g.get("y") else (ref.end.year if ref and ref.end else
                                                 int(doc_date[:4]) if doc_date else None)
            if y is None or not n:
                return None
            p = quarter(y, n)
            if not g.get("y") and doc_date and p.start and p.start.isoformat() > doc_date[:10]:
                p = quarter(y - 1, n)
            return p
        if rule == "mq":
            return self._month_quarter(self.months[g["m"].lower()], cal, ref, doc_date)
        if rule in ("fq", "fh"):
            n = self._n(m)
            anchor = (ref.end if ref and ref.end else None) or (date.fromisoformat(doc_date[:10]) if doc_date and
                                                               len(doc_date) >= 10 else None)
            fy = _year(g["y"]) if g.get("y") else (cal.fiscal_year_of(anchor) if anchor else None)
            if rule == "fh":
                return cal.period("half", fy, n) if fy and n in (1, 2) else None
            return cal.period("quarter", fy, n) if fy and n and 1 <= n <= 4 else None
        fy = _year(g.get("y") or g.get("y2") or "")
        n = self._n(m)
        if rule in ("q", "oq"):
            return cal.period("quarter", fy, n) if n and 1 <= n <= 4 else None
        if rule in ("oh", "h"):
            return cal.period("half", fy, n) if n and n in (1, 2) else None
        if rule == "9m":
            return cal.period("ninemonths", fy)
        if rule == "fy":
            return cal.period("year", fy)
        return None

    def _month_quarter(self, mon: int, cal: FiscalCalendar, ref: Optional[Period],
                       doc_date: Optional[str]) -> Optional[Period]:
        """"The June quarter": the quarter that ends in June, of the year that puts its end nearest the document
        (no more than half a year ahead). A quarter of the company's fiscal calendar when its quarters end in that
        month ("the January quarter" of a year ending in January), a calendar quarter when the month ends one; else
        none (a fiscal calendar the text does not give)."""
        fiscal = not cal.is_calendar and (cal.end_month - mon) % 3 == 0
        if mon % 3 and not fiscal:
            return None
        anchor = (ref.end if ref and ref.end else None) or (date.fromisoformat(doc_date[:10]) if doc_date and
                                                           len(doc_date) >= 10 else None)
        if anchor is None:
            return None
        doc = date.fromisoformat(doc_date[:10]) if doc_date and len(doc_date) >= 10 else anchor
        y = doc.year
        end = date(y, mon, 28)
        if (end - doc).days > 190:       # more than half a year ahead: last year's
            y -= 1
        elif (doc - end).days > 280:     # long past: next year's
            y += 1
        if not fiscal:
            return quarter(y, mon // 3)
        fy = cal.fiscal_year_of_month(y, mon)
        return cal.period("quarter", fy, 4 - ((cal.end_month - mon) % 12) // 3)

    def _bare(self, m: re.Match[str], rule: str, cal: FiscalCalendar, fy: int) -> Optional[Period]:
        n = self._n(m)
        if rule in ("q", "oq"):
            return cal.period("quarter", fy, n) if n and 1 <= n <= 4 else None
        if rule == "oh":
            return cal.period("half", fy, n) if n in (1, 2) else None
        if rule == "9m":
            return cal.period("ninemonths", fy)
        return None
