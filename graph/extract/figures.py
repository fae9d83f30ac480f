"""What each figure of a clause is: a level, a change, a market share, a prior-period value, or a part of a range.

Rules read only the figure's neighbourhood in its clause (bounded windows), with the words of
``mappings/patterns/frames.yaml`` and ``cues.yaml``:

- a range: two figures of one kind joined by "to", "-", "–" or "between ... and" ("$640 million to $670 million",
  "$2.40-2.50 billion", "25.5% to 26.5%") is one figure with a low and a high;
- a change: a percent, pp or multiple after a change verb ("rose 12%", "up 80 bps"), before a change noun
  ("a 1.4% increase") or a basis ("7% Y/Y"); a money or count figure right after a change verb without "to" is
  an absolute change ("up $2 billion"); "flat" is a change of zero;
- a share: a percent next to a share word ("33.7% share", "its share slipped to 33.7%"), or after
  "with"/"on"/"at" in a ranking or vendor clause ("leads with 22.0%"), or in parentheses after a company name;
- a baseline: a figure after "from", "compared with", "against" is the earlier value of a comparison (a bare
  number in parentheses after a figure, "SEK 1,184 million (1,117)", is read by ``priorvalues.py``);
- otherwise a level (money, counts, scaled numbers, percents of a measure such as a margin).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Optional

from .patterns import Patterns, alternation
from .quantities import Quantity, scaled

Role = str   # "level" | "change" | "share" | "baseline" | "prior" | "skip"


@dataclass(frozen=True)
class Figure:
    q: Quantity
    role: Role
    sign: int = 1
    low: Optional[Decimal] = None
    high: Optional[Decimal] = None
    multiple: Optional[Decimal] = None
    flat: bool = False
    absolute: bool = False           # a change stated in money or units ("up $2 billion")
    start: int = 0                   # span of the figure with its range partner / change words
    end: int = 0

    @property
    def value(self) -> Decimal:
        return self.q.value


class FigureRules:
    def __init__(self, patterns: Patterns):
        f, c = patterns["frames"], patterns["cues"]
        self.share_after = re.compile(rf"\s*(?:{alternation(f.get('share_after') or [])})\b", re.I)
        self.part_of_after = [re.compile(p, re.I) for p in f.get("part_of_after") or []]
        self.share_before = [re.compile(p, re.I) for p in f.get("share_before") or []]
        self.share_context = [str(w).casefold() for w in f.get("share_context") or []]
        self.up_nouns = re.compile(rf"\s+(?:year-over-year\s+|yoy\s+|y/y\s+|annual\s+|sequential\s+)?"
                                   rf"(?:{alternation(f.get('change_nouns_up') or [])})\b", re.I)
        self.down_nouns = re.compile(rf"\s+(?:year-over-year\s+|yoy\s+|y/y\s+|annual\s+|sequential\s+)?"
                                     rf"(?:{alternation(f.get('change_nouns_down') or [])})\b", re.I)
        # "a YoY increase in shipments of 63.7%": a change noun, the measure after "in", the figure after "of"
        self.noun_in_of = re.compile(rf"\b(?P<n>{alternation(list(f.get('change_nouns_up') or []) + list(f.get('change_nouns_down') or []))})"
                                     rf"\s+in\s+(?:(?!of\b)[\w'’&-]+\s+){{1,4}}of\s+"
                                     rf"(?:(?:about|around|roughly|nearly|approximately|almost|over|more\s+than)\s+)?$", re.I)
        self.down_noun_words = {str(w).casefold() for w in f.get("change_nouns_down") or []}
        self.up = {str(w).casefold() for w in f.get("change_verbs_up") or []}
        self.down = {str(w).casefold() for w in f.get("change_verbs_down") or []}
        verbs = sorted(self.up | self.down, key=len, reverse=True)
        not_before = "".join(rf"(?<!\b{re.escape(str(w))}\s)" for w in f.get("not_change_before") or [])
        hedges = alternation(list((c.get("hedges") or {}).keys()) + ["by", "of", "an", "a", "a further",
                                                                     "an additional", "an estimated", "some"] +
                             [str(w) for w in f.get("change_gap_adverbs") or []])
        self.change_verb = re.compile(rf"(?:^|\W){not_before}(?P<v>{alternation(verbs)})\s+(?P<gap>(?:(?:{hedges})"
                                      rf"\s+){{0,4}})$", re.I)
        self.level_prep = re.compile(rf"\b(?:{alternation(f.get('level_prepositions') or [])})\s+"
                                     rf"(?:(?:about|around|roughly|nearly|approximately|some|over|more\s+than|"
                                     rf"almost|a\s+record|an?\s+)\s+)*$", re.I)
        self.basis_alt = alternation((c.get('bases') or {}).keys())
        self.bases = re.compile(rf"\s*(?:{self.basis_alt})\b", re.I)
        self.change_gap = re.compile(rf"\s*(?:(?:{self.basis_alt})\s*)?,?\s*(?:and|or)?\s*", re.I)
        # "more than 70 countries" is a hedge on the figure, not a comparison with it
        # "from $3.1 billion", "against a loss of ₹12 crore": the earlier value a figure is compared with
        nouns = alternation(c.get("baseline_measure_nouns") or [])
        # ("41.5% more than the 17.4 million phones it shipped": "than the" compares with an earlier value; "more than
        # 5 million" is a hedge)
        self.baseline = re.compile(rf"(?:(?:^|\W)(?<!more\s)(?<!less\s)(?<!fewer\s)(?<!greater\s)(?<!no\s)"
                                   rf"(?:{alternation(c.get('baseline_openers') or [])})|\b(?:more|less|fewer|higher|"
                                   rf"lower|greater)\s+than(?=\s+the\s))\s+(?:the\s+|an?\s+)?"
                                   rf"(?:(?:net\s+|operating\s+|pre-tax\s+)?(?:{nouns})\s+of\s+)?"
                                   rf"(?:(?:about|around|roughly|nearly|approximately|some)\s+)?$", re.I)
        self.loss_before = re.compile(rf"\b(?:{alternation(c.get('loss_nouns') or [])})\s+(?:of\s+)?"
                                      rf"(?:(?:about|around|roughly|nearly|approximately|some)\s+)?$", re.I)
        self.flat = re.compile(rf"\b(?:{alternation(f.get('flat_words') or [])})\b", re.I)
        # "the debt ratio stood at 38%": a rate's own level, never a share held "at" a percent
        self.rate_before = re.compile(rf"\b(?:{alternation(f.get('rate_heads') or ['rate'])})\s+(?:[a-z]+\s+){{0,2}}$",
                                      re.I)
        self.comparative = [str(w) for w in c.get("comparative_after") or []]
        self.threshold = [re.compile(p, re.I) for p in f.get("threshold_before") or []]
        self.day_measures = [re.compile(p, re.I) for p in f.get("day_measures") or []]
        self.corrections = [re.compile(p, re.I) for p in f.get("inline_corrections") or []]
        self.rejected = [re.compile(p, re.I) for p in (f.get("rejected_figures") or []) + (f.get("tolerances") or [])]
        up_t = [str(w) for w in f.get("transitive_change_up") or []]
        down_t = [str(w) for w in f.get("transitive_change_down") or []]
        self.transitive_down = {w.casefold() for w in down_t}
        # "grew revenue 18%", "increased its shipments by 12%": a verb, its object (no "to"/"from"), the figure
        self.transitive = re.compile(rf"\b(?P<v>{alternation(up_t + down_t)})\s+(?:(?:its|our|their|the)\s+)?"
                                     rf"(?:(?!(?:to|from|at|in|of|and|with)\b)[A-Za-z][\w&-]*\s+){{1,4}}?(?:by\s+)?"
                                     rf"(?:(?:about|around|roughly|nearly|almost|some|more\s+than|over)\s+)?$",
                                     re.I) if up_t or down_t else None
        months = alternation((patterns["periods"].get("months") or {}).keys())
        # "December 31, 2019", "31 Dec 2023": the day of a date is no figure
        self.day_before = re.compile(rf"\b(?:{months})\.?\s+$", re.I)
        self.day_after = re.compile(rf"\s*(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{months})\b", re.I)


def _between(text: str, a: int, b: int) -> str:
    return text[a:b] if a <= b else ""


def merge_ranges(text: str, qs: list[Quantity], change_verb: Optional[re.Pattern[str]] = None
                 ) -> list[tuple[Quantity, Optional[Quantity], int]]:
    """Pairs (low, high) of figures joined as a range, and singles (q, None); with the end of the pair. After a
    change verb, "to" introduces the new level, not a range's end ("rose $2.1 billion to $14.2 billion")."""
    out: list[tuple[Quantity, Optional[Quantity], int]] = []
    i = 0
    while i < len(qs):
        q = qs[i]
        nxt = qs[i + 1] if i + 1 < len(qs) else None
        if nxt is not None:
            gap = _between(text, q.end, nxt.start)
            between_and = re.search(r"\bbetween\s+(?:\S+\s+){0,2}$", text[max(0, q.start - 30):q.start], re.I)
            joined = re.fullmatch(r"\s*(?:to|-|–|—|and)\s*" if between_and else r"\s*(?:to|-|–|—)\s*", gap, re.I)
            if between_and and not joined and q.kind in ("money", "percent") and re.fullmatch(r"[ ]+", gap):
                joined = re.fullmatch(r"[ ]+", gap)   # "between $2,100,000,000 $2,200,000,000": a transcript lost "and"
            dash = re.fullmatch(r"\s*[-–—]\s*", gap) is not None
            same = (q.kind == nxt.kind and q.unit == nxt.unit and q.scale == nxt.scale) or \
                (q.kind == "number" and q.scale == 1 and q.unit is None and nxt.kind in ("money", "percent", "count",
                                                                                        "number")) or \
                (q.kind == "money" and q.scale == 1 and nxt.kind == "number" and nxt.scale > 1 and dash) or \
                (q.kind == "number" and q.unit is None and q.scale == nxt.scale and nxt.kind == "count")
            if re.search(r"\bfrom\s+(?:\S+\s+)?$", text[max(0, q.start - 20):q.start], re.I):
                same = False
            if change_verb is not None and q.kind in ("money", "count") and re.fullmatch(r"\s*to\s*", gap, re.I) and \
                    change_verb.search(text[max(0, q.start - 40):q.start]) and \
                    not re.search(r"\bto\s+(?:about\s+|around\s+|approximately\s+)?[$€£¥₹]?$",
                                  text[max(0, q.start - 20):q.start], re.I):
                # ("raised its outlook to $4.72 billion to $4.77 billion": the level the verb goes to is a range)
                same = False
            if joined and same and not re.search(r"\d\s*$", gap):
                low = q
                if q.kind == "number" and nxt.kind != "number":         # "25.5-26.5%", "4.3-4.5 billion"
                    low = replace(q, kind=nxt.kind, unit=nxt.unit, scale=nxt.scale, value=scaled(q.number, nxt.scale))
                elif q.kind == "money" and nxt.kind == "number":         # "$2.40-2.50 billion"
                    low = replace(q, scale=nxt.scale, value=scaled(q.number, nxt.scale))
                    nxt = replace(nxt, kind="money", unit=q.unit)
                if low.value <= nxt.value:
                    out.append((low, nxt, nxt.end))
                    i += 2
                    continue
        out.append((q, None, q.end))
        i += 1
    return out


def classify(text: str, clause: tuple[int, int], qs: list[Quantity], rules: FigureRules,
             vendor_clause: bool = False) -> list[Figure]:
    """The figures of one clause, each with its role."""
    a, b = clause
    out: list[Figure] = []
    prev: Optional[Figure] = None
    merged = merge_ranges(text, qs, rules.change_verb)
    for i, (q, high, end) in enumerate(merged):
        nxt = merged[i + 1][0] if i + 1 < len(merged) else None
        if nxt is not None and nxt.kind == q.kind and any(p.match(_between(text, end, nxt.start))
                                                           for p in rules.corrections):
            out.append(Figure(q, "skip", start=q.start, end=end))      # corrected by the figure after it
            continue
        fig = _one(text, a, b, q, high, end, rules, prev, vendor_clause)
        out.append(fig)
        prev = fig
    return out


def _one(text: str, a: int, b: int, q: Quantity, high: Optional[Quantity], end: int, rules: FigureRules,
         prev: Optional[Figure], vendor_clause: bool) -> Figure:
    before = text[max(a, q.start - 60):q.start]
    if any(p.search(text, max(0, q.start - 40), q.start) for p in rules.rejected):
        return Figure(q, "skip", start=q.start, end=end)        # "44.6%, not 44.1%", "plus or minus 2%": no value
    if q.kind == "count" and q.unit == "points":         # "lifted its share by two points"
        q = replace(q, kind="pp", unit="pp")
    if q.kind == "count" and q.unit in ("years", "months", "quarters", "days", "weeks", "places") and not (
            q.unit == "days" and any(p.search(before) for p in rules.day_measures)):
        return Figure(q, "skip", start=q.start, end=end)    # a duration, unless a measure counted in days is named
    if re.match(r"[:.]\d\d\b|\s*(?:a\.m\.|p\.m\.|am\b|pm\b|CET|CEST|GMT|UTC|[A-Z]{1,2}T\b|hrs\b)", text[q.end:q.end + 6]):
        return Figure(q, "skip", start=q.start, end=end)        # a time of day ("at 07:00 CET")
    if q.kind == "number" and q.value == q.value.to_integral_value() and 1 <= q.value <= 31 and \
            (rules.day_before.search(text[max(a, q.start - 12):q.start]) or rules.day_after.match(text, q.end)):
        return Figure(q, "skip", start=q.start, end=end)        # the day of a date ("December 31, 2019")
    if q.kind == "money" and any(p.search(before) for p in rules.threshold):
        return Figure(q, "skip", start=q.start, end=end)
    after = text[end:min(b, end + 50)]
    rng = dict(low=q.value, high=high.value) if high is not None else {}
    base = dict(start=q.start, end=end, **rng)
    # a baseline: "from $561.8 million", "compared with 10.6%"
    if rules.baseline.search(before) and not rules.change_verb.search(before):
        return Figure(q, "baseline", **base)
    if prev is not None and prev.role == "baseline" and prev.q.kind == q.kind and \
            re.fullmatch(r"\s*(?:,|,?\s*and|,?\s*or|/)\s*", _between(text, prev.end, q.start)):
        return Figure(q, "baseline", **base)         # "compared with 43.9% and 45.0% a year ago"
    if q.kind == "multiple":
        if _COMPARATIVE.match(after):
            return Figure(q, "skip", **base)    # "grew three times faster than the market": a comparison
        verb = rules.change_verb.search(before)
        return Figure(q, "change", sign=1, multiple=q.value, **base) if verb or re.match(r"\s*(?:growth|increase)", after) \
            or _OF_EARLIER.match(after) \
            else Figure(q, "skip", **base)
    verb = rules.change_verb.search(before)
    sign = 1
    if verb:
        sign = -1 if verb.group("v").casefold() in rules.down else 1
    elif q.kind in ("percent", "pp") and rules.transitive is not None:
        # "Orvane grew revenue 18%", "we increased shipments by 12%", "cut costs by 8%": a change of the object
        verb = rules.transitive.search(before)
        if verb:
            sign = -1 if verb.group("v").casefold() in rules.transitive_down else 1
    if q.kind in ("percent", "pp"):
        if rules.share_after.match(after) and not verb:
            return Figure(q, "share", **base)
        if verb:
            return Figure(q, "change", sign=sign, **base)
        noun = rules.noun_in_of.search(before)
        if noun is not None:
            return Figure(q, "change", sign=-1 if noun.group("n").casefold() in rules.down_noun_words else 1, **base)
        if rules.up_nouns.match(after):
            return Figure(q, "change", sign=1, **base)
        if rules.down_nouns.match(after):
            return Figure(q, "change", sign=-1, **base)
        if q.kind == "pp":
            return Figure(q, "change", sign=sign, **base)
        if rules.bases.match(after) or any(after.lstrip().lower().startswith(w) for w in rules.comparative):
            down = re.match(r"\s*(?:less|lower|below|fewer|smaller|down)", after, re.I)
            return Figure(q, "change", sign=-1 if down else 1, **base)
        gap = _between(text, prev.end, q.start) if prev is not None else ""
        if prev is not None and prev.role == "change" and prev.q.kind == q.kind and rules.change_gap.fullmatch(gap):
            return Figure(q, "change", sign=prev.sign, **base)
        if prev is not None and prev.role == "share" and prev.q.kind == q.kind and rules.change_gap.fullmatch(gap):
            return Figure(q, "share", **base)       # "which held 21.4% and 17.8%, respectively": shares both
        if _share_context(text, a, b, q, before, rules, vendor_clause) and \
                not any(p.match(text, end, min(b, end + 60)) for p in rules.part_of_after):
            return Figure(q, "share", **base)
        return Figure(q, "level", **base)
    if q.kind in ("money", "count", "number"):
        if verb:
            # "up $2 billion", "rose by 300,000 units": the change itself ("rose 12% to $780 million" has no
            # change verb right before the money figure: a level)
            return Figure(q, "change", sign=sign, absolute=True, **base)
        by = rules.transitive.search(before) if rules.transitive is not None else None
        if by is not None and re.search(r"\bby\s+(?:\w+\s+){0,2}$", before):
            # "reduced headcount by 140", "cut prices by up to $300": a change of the object, not its level
            return Figure(q, "change", sign=-1 if by.group("v").casefold() in rules.transitive_down else 1,
                          absolute=True, **base)
        if _ADDED_TO.search(before) and re.match(r"\s*(?:[\w-]+\s+){0,2}to\b", text[end:min(b, end + 30)]):
            return Figure(q, "change", sign=1, absolute=True, **base)   # "added about ¥3.5 billion to operating profit"
        more = _MORE_THAN.match(text, q.number_end or end, min(b, end + 60))
        if more is not None:
            # "shipped 400,000 more units than a year earlier", "sold 12,000 fewer cars": the difference
            return Figure(q, "change", sign=-1 if more.group("w").casefold() in ("fewer", "less") else 1,
                          absolute=True, **base)
        than = _THAN_EARLIER.match(text, q.number_end or end, min(b, end + 80))
        if than is not None:
            # "net debt was $31 million lower than at the end of June": the difference from an earlier time
            return Figure(q, "change", sign=-1 if than.group("w").casefold() in _LOWER else 1, absolute=True, **base)
        return Figure(q, "level", **base)
    return Figure(q, "skip", **base)


_ADDED_TO = re.compile(r"\b(?:added|adds|adding|contributed|contributes)\s+(?:(?:about|around|roughly|nearly|almost|"
                       r"some|more\s+than|over)\s+)?$", re.I)
_MORE_THAN = re.compile(r"\s+(?P<w>more|fewer|less)\b(?!\s+(?:or\s+less|than\s+(?:expected|forecast|planned|"
                        r"guided|estimated)))", re.I)


def _share_context(text: str, a: int, b: int, q: Quantity, before: str, rules: FigureRules,
                   vendor_clause: bool) -> bool:
    if any(p.search(before) for p in rules.share_before[:3]):
        return True
    clause = text[a:b].casefold()
    near = any(p.search(before) for p in rules.share_before[3:]) and not rules.rate_before.search(before)
    if near and (vendor_clause or any(w in clause for w in rules.share_context)):
        return True
    # "Acme (16.1%)": a percent alone in parentheses right after a name, in a vendor clause
    if vendor_clause and re.search(r"[A-Za-z)]\s*\(\s*$", before) and re.match(r"\s*\)", text[q.end:q.end + 3]):
        return True
    return False


# "2.5x the level of a year ago", "four times its 2021 size", "three times the valuation of its last round": a
# multiple of an earlier value of the same measure is a change by that factor
_OF_EARLIER = re.compile(r"\s+(?:(?:the|its|their|our|that|this)\s+(?:[\w'’-]+\s+){0,3}?(?:level|levels|size|figure|"
                         r"amount|total|valuation|value|number|volume|count)\b|as\s+(?:many|much)\b)", re.I)


_LOWER = ("lower", "smaller", "cheaper", "below")
# a money or count figure with a comparative and an earlier time ("$31 million lower than at the end of June",
# "1,200 higher than a year earlier", "£200 cheaper than last year"): a change, never a level of the measure
_THAN_EARLIER = re.compile(
    r"\s+(?:[a-z]+\s+)?(?P<w>higher|lower|greater|smaller|larger|cheaper)\s+than\s+(?:(?:at|in|on|for|during|by)\s+)?"
    r"(?:the\s+)?(?:end\s+of|start\s+of|beginning\s+of|prior|previous|preceding|same|year[\s-]+(?:ago|earlier|before)|"
    r"last|a\s+year|a\s+quarter|(?:19|20)\d\d\b|(?:January|February|March|April|May|June|July|August|September|"
    r"October|November|December)\b)", re.I)


_COMPARATIVE = re.compile(r"\s+(?:faster|quicker|slower|more|less|higher|lower|larger|bigger|smaller|greater|"
                          r"longer|shorter|as\s+(?:fast|quickly|large|big|high|long))\b", re.I)


def is_flat(text: str, a: int, b: int, rules: FigureRules) -> Optional[re.Match[str]]:
    return rules.flat.search(text, a, b)
