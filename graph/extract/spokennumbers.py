"""Percents written out in words, as call transcripts write what was said: "up eleven per cent", "twenty-three
percent of sales", "down one point five percentage points".

Read only where the words cannot be anything else: a run of number words (``quantities.yaml`` number_words, with
"hundred" and "point" and digit words after it) followed by a percent or percentage-point marker. A number word
alone ("one of the three") is left to the count grammar (a number word before a count noun). Spoken amounts with a
scale word ("four hundred and twelve million", "one point two million hubs") are recognised by the pattern but not
read: on the held-out half reading them added a wrong figure and no right one (what they measure, and which
"dollars", the clause around them says too loosely). Used by ``quantities.py``.
"""
from __future__ import annotations

import re
from decimal import Decimal
from typing import NamedTuple, Optional

from .patterns import alternation


class Spoken(NamedTuple):
    """A figure read from words: the fields of a ``Quantity`` (quantities.py builds it)."""

    start: int
    end: int
    value: Decimal
    number: Decimal
    kind: str
    unit: Optional[str]
    scale: int
    number_end: int

_DIGITS = {"zero": 0, "oh": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
           "nine": 9}


# money spoken with a currency word: left unread rather than read as a bare number ("dollars" names no one currency)
_CURRENCY_WORD = re.compile(r"[ \t]+(?:[A-Z][\w.]*[ \t]+)?(?:dollars|euros|pounds|yen|yuan|renminbi|rupees|won|kronor|"
                            r"kroner|francs|pesos|ringgit|baht|dong|reais|real)\b", re.IGNORECASE)


def spoken_rx(number_words: dict[str, int], scale_words: dict[str, int]) -> re.Pattern[str]:
    words = {w: n for w, n in number_words.items() if 0 < n < 100 and w.isalpha() and w not in ("single", "dozen")}
    w = alternation(words)
    num = rf"(?:{w})(?:-(?:{w}))?"
    scales = alternation(s for s in scale_words if len(s) > 2)
    return re.compile(
        rf"(?<![\w-])(?P<int>{num}(?:[ \t]+hundred)?(?:[ \t]+(?:and[ \t]+)?{num})?)"
        rf"(?:[ \t]+point(?P<dec>(?:[ \t]+(?:{alternation(_DIGITS)}))+))?"
        rf"(?:[ \t]+(?P<scale>{scales}))?"
        r"(?P<pct>[ \t]+(?:per[ \t]?cent|percent)(?![ \t]+points?\b))?"
        r"(?P<pp>[ \t]+(?:percentage|per[ \t]?cent(?:age)?)[ \t]+points?)?(?![\w-])", re.IGNORECASE)


def _value(number_words: dict[str, int], integer: str, decimals: Optional[str]) -> Decimal:
    total = 0
    for tok in re.split(r"[\s-]+", integer.lower()):
        if tok == "hundred":
            total *= 100
        elif tok != "and":
            total += number_words[tok]
    if decimals:
        return Decimal(f"{total}." + "".join(str(_DIGITS[t]) for t in decimals.lower().split()))
    return Decimal(total)


def spoken_quantities(rx: re.Pattern[str], number_words: dict[str, int], text: str, start: int,
                      end: int) -> list[Spoken]:
    out: list[Spoken] = []
    for m in rx.finditer(text, start, end):
        if not (m.group("pct") or m.group("pp")) or m.group("scale") or _CURRENCY_WORD.match(text, m.end(), end):
            continue        # only percents and points (see the module doc)
        n = _value(number_words, m.group("int"), m.group("dec"))
        kind = "percent" if m.group("pct") else "pp"
        out.append(Spoken(m.start(), m.end(), n, n, kind, kind, 1, m.end()))
    return out
