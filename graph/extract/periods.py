"""Period phrases -> ``Period`` records, resolved against the document's period and date.

Shapes read: ``Q2 2020``, ``2Q``, ``3Q2019``, ``third-quarter``, ``the second quarter of 2019``,
``July-September``, ``first half``, ``H1 2020``, ``first three quarters``/``first nine months``, ``first ten
months``, ``as of June 30, 2020``, ``On 9 July``, ``In July``, ``In September 2019``, ``for the year ended 31
December 2020``, ``FY2019``, ``in 2019``, ``2021 to 2025``, ``last year``, ``this year``, ``at year-end``,
``the quarter``/``the Period`` (the document's own period). Vocabulary in ``mappings/patterns/periods.yaml``.

The periods themselves (``quarter``, ``year``, ``shift``, ``following`` ...) are made by ``periodcalendar.py``; this
module imports them and so still offers them to the modules that import them from here.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Optional

from ..records import Period
from .patterns import Patterns, alternation, phrase_alternation
from .periodcalendar import day, following, half, month, months_range, quarter, shift, year


# the rules whose phrase may leave the year out ("the second quarter", "first half", "first nine months")
_YEARLESS = frozenset(("q", "oq", "oh", "h", "9m", "firstn"))


# the rules whose phrase without a year is read in the document date's year (the year before when that is later)
_DATED = frozenset(("day", "month", "instant", "named_day"))


def _fold(name: str) -> str:
    """A named day's key: lower case, apostrophes dropped ("Singles’ Day" = "singles day")."""
    return re.sub(r"['’]", "", " ".join(name.casefold().split()))


@dataclass(frozen=True)
class PeriodMention:
    start: int
    end: int
    period: Period
    how: str = "explicit"   # explicit | current (the document's period) | relative
    yearless: bool = False  # a quarter, half or months written without a year ("in the second quarter")


class PeriodGrammar:
    """Compiled period regexes; ``find`` resolves each phrase against a reference period and date."""

    def __init__(self, patterns: Patterns):
        cfg = patterns["periods"]
        self.months = {k.lower(): int(v) for k, v in (cfg.get("months") or {}).items()}
        self.ords = {str(k).lower(): int(v) for k, v in (cfg.get("ordinals") or {}).items()}
        M = rf"(?:{alternation(self.months)})\.?"
        O = alternation(self.ords)
        self.halves = {str(k).lower(): int(v) for k, v in (cfg.get("halves") or {"first": 1, "second": 2}).items()}
        HW = alternation(self.halves)
        Y = r"(?:19|20)\d{2}"
        I = re.IGNORECASE
        self.counts = {str(k).lower(): int(v) for k, v in (cfg.get("month_counts") or {}).items()}
        ENDED = alternation(k for k, v in self.counts.items() if v in (3, 6, 9, 12))
        FIRSTN = alternation(k for k, v in self.counts.items() if v not in (1, 3, 6, 9, 12))
        MP = alternation(cfg.get("month_prepositions") or ["in"])
        NMP = alternation(cfg.get("nine_months_prepositions") or ["for"])
        ended_with = [str(w) for w in cfg.get("ended_with_verbs") or []]
        ENDED_BEFORE = "|".join(rf"(?<=\b{re.escape(w)} )" for w in ended_with) or "(?!)"
        self.end_of = re.compile(rf"\b(?:{phrase_alternation(cfg.get('end_of_openers') or [])})?\s*(?:the\s+)?end\s+"
                                 r"(?:of\s+)?(?:the\s+)?$", I)
        self.ended_with = re.compile(rf"\b(?:{alternation(ended_with)})\s+(?:the\s+)?$", I)
        named = {str(k): v for k, v in (cfg.get("named_days") or {}).items()}
        self.named_days = {_fold(k): (int(v[0]), int(v[1])) for k, v in named.items()}
        ND = "|".join(sorted((r"\s+".join(re.escape(w).replace("'", "['’]?") for w in k.split()) for k in named),
                             key=len, reverse=True))
        self.rules: list[tuple[re.Pattern[str], str]] = [
            # "the Singles' Day shopping festival in 2019": a day named by its festival (``named_days``)
            (re.compile(rf"\b(?P<nd>{ND})(?:\s+(?:{alternation(cfg.get('named_day_nouns') or ['festival'])}))?"
                        rf"(?:\s+(?:of|in)\s+(?P<y>{Y}))?\b", I) if ND else re.compile("(?!)"), "named_day"),
            (re.compile(rf"\bQ(?P<q>[1-4])\s*(?:of\s+)?(?:FY|fiscal\s+(?:year\s+)?)\s?'?(?P<y>{Y}|\d{{2}}(?!\d))\b", I), "q"),
            (re.compile(rf"\b(?:for|in|during)\s+the\s+(?:financial\s+|fiscal\s+)?year\s+ended\s+(?:\d{{1,2}}\s+{M}|{M}\s+\d{{1,2}}),?\s+(?P<y>{Y})\b", I), "year"),
            # "the nine months ended September 30, 2023", "the six months to June 2024", "the six months to September"
            (re.compile(rf"\b(?:the\s+)?(?:(?P<n>{ENDED}|3|6|9|12)\s+months|(?:(?:{O})\s+)?(?:fiscal\s+|financial\s+)?"
                        rf"quarter)\s+(?:ended|ending|to|through)\s+"
                        rf"(?:(?P<d1>\d{{1,2}})\s+(?P<m1>{M})|(?P<m2>{M})(?:\s+(?P<d2>\d{{1,2}}))?)(?:,?\s+(?P<y>{Y}))?\b", I),
             "months_ended"),
            (re.compile(rf"\bthe\s+same\s+(?:period|quarter)\s+(?:of|in)\s+(?P<y>{Y})\b", I), "same_period"),
            # "in the same period last year", "the same quarter a year earlier": the reported period a year back
            (re.compile(rf"\bthe\s+same\s+(?:{alternation(cfg.get('same_period_nouns') or [])})\s+"
                        rf"(?:{phrase_alternation(cfg.get('year_back') or [])})\b", I), "same_back"),
            (re.compile(rf"\b(?:as\s+(?:of|at)\s+)(?:(?P<d1>\d{{1,2}})\s+(?P<m1>{M})|(?P<m2>{M})\s+(?P<d2>\d{{1,2}})),?\s*(?P<y>{Y})?\b", I), "instant"),
            # "Sep-24", "Mar-28": a month and a two-digit year, as slides and tables write them
            (re.compile(rf"\b(?P<m1>{M})[-–'’](?P<y>\d{{2}})(?![\d/.-])", I), "month"),
            (re.compile(rf"\b(?P<m1>{M})\s*[-–]\s*(?P<m2>{M})(?:\s+(?:of\s+)?(?P<y>{Y}))?\b", I), "mrange"),
            (re.compile(rf"\b(?:(?P<d1>\d{{1,2}})\s+(?P<m1>{M})|(?P<m2>{M})\s+(?P<d2>\d{{1,2}})(?!\d))(?:,?\s+(?P<y>{Y}))?\b", I), "day"),
            # "7–9/2024", "1-12/2023": a run of months of a year, as Nordic reports head their columns
            (re.compile(rf"(?<![\d/.])(?P<n1>1[0-2]|0?[1-9])\s?[–-]\s?(?P<n2>1[0-2]|0?[1-9])/(?P<y>{Y}|\d{{2}})(?![\d/])"), "nrange"),
            (re.compile(rf"\bQ(?P<q>[1-4])(?:/|\s?'?)(?P<y>{Y}|\d{{2}}(?!\d))?\b|\b(?P<q2>[1-4])Q\s?'?(?P<y2>{Y}|\d{{2}}(?!\d))?\b", I), "q"),   # "Q3/2024" too
            (re.compile(rf"\b(?:the\s+)?(?P<o>{O})[- ]quarters?(?:\s+(?:of\s+)?(?:(?P<y>{Y})|(?P<this>this\s+year|last\s+year)))?\b", I), "oq"),
            (re.compile(rf"\b(?:(?P<y0>{Y})\s+)?(?:the\s+)?(?P<o>{HW})[- ]half(?:\s+(?:of\s+)?(?P<y>{Y}))?\b", I), "oh"),
            (re.compile(rf"\b(?:H(?P<h>[12])\s?(?P<y>{Y})|(?P<h2>[12])H\s?(?P<y2>{Y}|\d{{2}}(?!\d)))\b", I), "h"),
            (re.compile(rf"\b(?:the\s+)?first\s+(?:three\s+quarters|nine\s+months|3\s+quarters|9\s+months)(?:\s+of\s+(?P<y>{Y}))?\b", I), "9m"),
            # "For the nine months, revenue ...": the nine months to the end of the reported quarter
            (re.compile(rf"\b(?:{NMP})\s+the\s+(?:nine|9)\s+months\b(?!\s+(?:ended|ending|to|through|of)\b)", I), "9m"),
            (re.compile(rf"\b(?:the\s+)?first\s+(?P<n>{FIRSTN}|\d{{1,2}})\s+months(?:\s+of\s+(?:the\s+year|(?P<y>{Y})))?\b", I), "firstn"),
            (re.compile(rf"\b(?:FY|fiscal\s+(?:year\s+)?|full[- ]year\s+)(?P<y>{Y})\b", I), "fy"),
            (re.compile(r"\bFY\s?'?(?P<y>\d{2})(?!\d)\b"), "fy2"),
            (re.compile(rf"\b(?:from\s+)?(?P<y1>{Y})\s*(?:[-–]|to|through)\s*(?P<y2>{Y})\b", I), "yrange"),
            (re.compile(rf"\bbetween\s+(?P<y1>{Y})\s+and\s+(?P<y2>{Y})\b", I), "yrange"),   # a span of years
            (re.compile(rf"\bsince\s+(?P<y1>{Y})\b", I), "since"),
            (re.compile(rf"\b(?:{MP})\s+(?P<m1>{M})(?:\s+(?P<y>{Y}))?\b", I), "month"),
            # "September revenue of ...": a capitalised month name (not the verb "may") before a measure noun
            (re.compile(rf"\b(?P<m1>(?:{alternation(m.capitalize() for m in self.months)})\.?)(?:\s+(?P<y>{Y}))?"
                        rf"(?=\s+(?:{alternation(cfg.get('month_modified_nouns') or [])})\b)"), "month"),
            # "The group ended June with net cash of ...": the month a balance is at the end of (``_at_end``)
            (re.compile(rf"(?:{ENDED_BEFORE})(?P<m1>{M})(?:\s+(?P<y>{Y}))?(?=\s+with\b)", I), "month"),
            (re.compile(rf"\b(?<![-\d])(?P<y>{Y})(?![-\d%])\b", I), "year"),
        ]
        self.current = re.compile(rf"\b(?:{alternation(cfg.get('current_period') or [])})\b", I)
        self.this_year = re.compile(rf"\b(?:{alternation(cfg.get('this_year') or [])})\b", I)
        self.following = {how: re.compile(rf"\b(?:{alternation(cfg.get(key) or [])})\b", I)
                          for how, key in (("current-year", "current_year"), ("date-quarter", "date_quarter"),
                                           ("date-year", "date_year"),
                                           ("next-quarter", "next_quarter"),
                                           ("next-year", "next_year"))}
        self.last_year = re.compile(rf"\b(?:{alternation(cfg.get('last_year') or [])})\b", I)
        self.years_ago_n = {str(k).lower(): int(v) for k, v in (cfg.get("years_ago") or {}).items()}
        self.years_ago = re.compile(rf"\b(?P<n>{alternation(self.years_ago_n)})\s+years\s+ago\b", I) \
            if self.years_ago_n else None
        self.of_last_year = re.compile(rf"\s*(?:of\s+|in\s+)?(?:{alternation(cfg.get('last_year') or [])})\b", I)
        self.future = re.compile(rf"\b(?:{alternation(cfg.get('future_cues') or [])})\b", I)
        self.year_end = re.compile(rf"\b(?:{alternation(cfg.get('year_end') or [])})\b", I)
        self.dateline_before = re.compile(str(cfg.get("dateline_before") or "(?!)"))
        self.dateline_after = re.compile(str(cfg.get("dateline_after") or "(?!)"))
        days = cfg.get("weekdays") or {}
        self.weekdays = {k.lower(): int(v) for k, v in days.items()}
        self.weekday_rx = re.compile(rf"\b(?:on|last)\s+(?P<wd>{alternation(self.weekdays)})\b", I)

    def _at_end(self, text: str, start: int, p: PeriodMention) -> PeriodMention:
        """"at the end of June", "by the end of the second quarter": the last day of the period, an instant
        (``end_of_openers``); "We closed June with $455.6 million in cash", "ended the year with net cash of": a
        balance at its end (``ended_with_verbs``)."""
        per = p.period
        if per.kind not in ("quarter", "half", "year", "month", "ninemonths") or per.end is None:
            return p
        m = self.end_of.search(text, max(start, p.start - 25), p.start)
        if m is None:
            m = self.ended_with.search(text, max(start, p.start - 12), p.start)
            if m is None or not re.match(r"\s+with\b", text[p.end:p.end + 6]):
                return p
            return PeriodMention(p.start, p.end, Period(per.end.isoformat(), "instant", per.end, per.end), p.how)
        end = per.end
        return PeriodMention(m.start() + (len(m.group(0)) - len(m.group(0).lstrip())), p.end,
                             Period(end.isoformat(), "instant", end, end), p.how)

    def in_dateline(self, text: str, p: PeriodMention) -> bool:
        """Whether a day date is a dateline's ("LONDON, Oct. 21, 2024 -- ..."): it dates the document (and the
        dateline's own event), never a figure of the sentence it opens (``periodslot.period_slot``)."""
        if p.period.kind not in ("day", "instant"):
            return False
        line = text.rfind("\n", 0, p.start) + 1
        return self.dateline_before.match(text[line:p.start]) is not None and \
            self.dateline_after.match(text, p.end, min(len(text), p.end + 48)) is not None

    def _y(self, raw: Optional[str], ref_year: int) -> int:
        if not raw:
            return ref_year
        return int(raw) if len(raw) == 4 else 2000 + int(raw)

    def _one(self, m: re.Match[str], rule: str, ref_year: int) -> Optional[Period]:
        g = m.groupdict()
        if rule == "year":
            return year(int(g["y"]))
        if rule == "fy":
            return year(int(g["y"]))
        if rule == "fy2":
            return year(2000 + int(g["y"]))
        if rule == "instant":
            mon = self.months[(g["m1"] or g["m2"]).lower().rstrip(".")]
            return day(self._y(g["y"], ref_year), mon, int(g["d1"] or g["d2"]), instant=True)
        if rule == "named_day":
            mon, d = self.named_days[_fold(g["nd"])]
            return day(self._y(g["y"], ref_year), mon, d)
        if rule == "day":
            mon = self.months[(g["m1"] or g["m2"]).lower().rstrip(".")]
            return day(self._y(g["y"], ref_year), mon, int(g["d1"] or g["d2"]))
        if rule == "mrange":
            m0, m1 = self.months[g["m1"].lower().rstrip(".")], self.months[g["m2"].lower().rstrip(".")]
            return months_range(self._y(g["y"], ref_year), m0, m1) if m0 < m1 else None
        if rule == "nrange":
            m0, m1 = int(g["n1"]), int(g["n2"])
            return months_range(self._y(g["y"], ref_year), m0, m1) if m0 < m1 else None
        if rule == "q":
            q = int(g["q"] or g["q2"])
            return quarter(self._y(g["y"] or g["y2"], ref_year), q)
        if rule == "oq":
            q = self.ords[g["o"].lower()]
            if q > 4:
                return None
            y = self._y(g["y"], ref_year)
            if g.get("this") and g["this"].lower().startswith("last"):
                y = ref_year - 1
            return quarter(y, q)
        if rule == "oh":
            h = self.halves[g["o"].lower()]
            return half(self._y(g["y"] or g["y0"], ref_year), h)
        if rule == "h":
            return half(self._y(g["y"] or g["y2"], ref_year), int(g["h"] or g["h2"]))
        if rule == "9m":
            y = self._y(g.get("y"), ref_year)
            return Period(f"{y}-9M", "ninemonths", date(y, 1, 1), date(y, 9, 30))
        if rule == "firstn":
            n = int(g["n"]) if g["n"].isdigit() else self.counts[g["n"].lower()]
            return months_range(self._y(g["y"], ref_year), 1, n) if 1 < n <= 12 else None
        if rule == "yrange":
            y1, y2 = int(g["y1"]), int(g["y2"])
            return Period(f"{y1}/{y2}", "range", date(y1, 1, 1), date(y2, 12, 31)) if y1 < y2 else None
        if rule == "months_ended":
            n = (self.counts.get(g["n"].lower()) or int(g["n"])) if g["n"] else 3
            end_m = self.months[(g["m1"] or g["m2"]).lower().rstrip(".")]
            y = self._y(g["y"], ref_year)
            if end_m - n + 1 < 1:
                return None
            return months_range(y, end_m - n + 1, end_m)
        if rule in ("same_period", "same_back"):
            return None  # resolved in find(): the reference period moved to that year, or a year back
        if rule == "since":
            y1 = int(g["y1"])
            return Period(f"{y1}/{ref_year}", "range", date(y1, 1, 1), date(ref_year, 12, 31)) if y1 < ref_year else None
        if rule == "month":
            return month(self._y(g["y"], ref_year), self.months[g["m1"].lower().rstrip(".")])
        return None

    def _explicit_only(self, text: str, start: int, end: int) -> list[PeriodMention]:
        """Without a document period or date, only phrases that carry their own year are read."""
        out: list[PeriodMention] = []
        for rx, rule in self.rules:
            for m in rx.finditer(text, start, end):
                g = m.groupdict()
                has_year = any(g.get(k) for k in ("y", "y0", "y1", "y2")) and not g.get("this")
                if not has_year or any(m.start() < p.end and p.start < m.end() for p in out):
                    continue
                p = self._one(m, rule, 0)
                if p is not None:
                    out.append(PeriodMention(m.start(), m.end(), p))
        out.sort(key=lambda p: p.start)
        return [self._at_end(text, start, p) for p in out]

    def find(self, text: str, start: int, end: int, ref: Optional[Period], ref_date: Optional[str]) -> list[PeriodMention]:
        """Period phrases in ``text[start:end]``; years default to the reference period's (else the date's) year.

        A month or day written without a year that would fall after the document's date is read in the year
        before ("in December" in a letter of March 2021 is December 2020)."""
        if ref is None and not ref_date:
            return self._explicit_only(text, start, end)
        ref_year = ref.start.year if ref and ref.start else int(ref_date[:4])  # type: ignore[index]
        date_year = int(ref_date[:4]) if ref_date else ref_year
        doc_day = date.fromisoformat(ref_date[:10]) if ref_date and len(ref_date) >= 10 else None
        out: list[PeriodMention] = []
        taken: list[tuple[int, int]] = []

        def free(a: int, b: int) -> bool:
            return not any(a < tb and ta < b for ta, tb in taken)

        for rx, rule in self.rules:
            for m in rx.finditer(text, start, end):
                if not free(m.start(), m.end()):
                    continue
                ry = date_year if rule in _DATED else ref_year
                p = self._one(m, rule, ry)
                if rule == "same_period" and ref is not None and ref.start is not None:
                    p = shift(ref, years=int(m.group("y")) - ref.start.year)
                if rule == "same_back" and ref is not None and ref.start is not None and not ref.fiscal_label:
                    p = shift(ref, years=-1)
                yearless = rule in _YEARLESS and not any(v for k, v in m.groupdict().items() if k.startswith("y") or k == "this")
                if p is not None and doc_day is not None and (rule in _DATED or
                                                              (yearless and ref is None)) \
                        and not m.groupdict().get("y") and p.start and p.start > doc_day and \
                        not self.future.search(text, start, m.start()):
                    # "in December" in a letter of March is last December, "the fourth quarter" in a story of
                    # February last year's -- unless the clause looks ahead ("the bikes go on sale on 1 May",
                    # "deliveries will begin in June")
                    p = self._one(m, rule, ry - 1)
                stop = m.end()
                back = self.of_last_year.match(text, m.end(), end) if yearless else None
                if p is not None and back is not None and p.start is not None:
                    # "Q2 of last year", "the first half of the previous year": the year before the document's
                    p, stop, yearless = shift(p, years=date_year - 1 - p.start.year), back.end(), False
                if p is not None:
                    out.append(PeriodMention(m.start(), stop, p, yearless=yearless))
                    taken.append((m.start(), stop))
        if doc_day is not None:
            from datetime import timedelta
            for m in self.weekday_rx.finditer(text, start, end):
                if free(m.start(), m.end()):
                    back = (doc_day.weekday() - self.weekdays[m.group("wd").lower()]) % 7
                    d = doc_day - timedelta(days=back)
                    out.append(PeriodMention(m.start(), m.end(), Period(d.isoformat(), "day", d, d), "relative"))
                    taken.append((m.start(), m.end()))
        for m in self.year_end.finditer(text, start, end):
            if free(m.start(), m.end()):
                y = ref.end.year if ref and ref.end else date_year
                p = day(y, 12, 31, instant=True)
                if p:
                    out.append(PeriodMention(m.start(), m.end(), p))
                    taken.append((m.start(), m.end()))
        for m in self.this_year.finditer(text, start, end):
            if free(m.start(), m.end()):
                out.append(PeriodMention(m.start(), m.end(), year(date_year), "relative"))
                taken.append((m.start(), m.end()))
        for m in self.last_year.finditer(text, start, end):
            if free(m.start(), m.end()):
                out.append(PeriodMention(m.start(), m.end(), year(date_year - 1), "relative"))
                taken.append((m.start(), m.end()))
        for m in (self.years_ago.finditer(text, start, end) if self.years_ago else ()):
            if free(m.start(), m.end()):
                out.append(PeriodMention(m.start(), m.end(), year(date_year - self.years_ago_n[m.group("n").lower()]),
                                         "relative"))
                taken.append((m.start(), m.end()))
        for how, rx in self.following.items():
            if ref is None or ref.start is None:
                if how != "date-year" or doc_day is None:
                    continue          # "the current year" needs only the date; the others the reported period
            for m in rx.finditer(text, start, end):
                if ref is None or ref.start is None:
                    p = year(doc_day.year)       # type: ignore[union-attr]
                else:
                    p = following(ref, how, doc_day) if not ref.fiscal_label else ref   # fiscal: the slot moves it
                if free(m.start(), m.end()) and p is not None:
                    out.append(PeriodMention(m.start(), m.end(), p, how))
                    taken.append((m.start(), m.end()))
        if ref is not None:
            for m in self.current.finditer(text, start, end):
                if free(m.start(), m.end()):
                    out.append(PeriodMention(m.start(), m.end(), _last_quarter(ref, m.group(0)), "current"))
                    taken.append((m.start(), m.end()))
        out.sort(key=lambda p: p.start)
        return [self._at_end(text, start, p) for p in out]


def _last_quarter(ref: Period, phrase: str) -> Period:
    """"in the quarter" in a report on a half or a year (calendar): the last quarter of it, the one the report
    closes with ("Our second quarter ... contracted by 10 per cent in the quarter" in a half-year report)."""
    words = phrase.casefold().split()
    if "quarter" not in words or "same" in words or ref.fiscal_label or ref.end is None or \
            ref.kind not in ("half", "year") or ref.end.month % 3:
        return ref
    return quarter(ref.end.year, ref.end.month // 3)
