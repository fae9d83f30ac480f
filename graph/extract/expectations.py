"""The measure of an expectation stated without one: analysts' consensus or an estimate that refers to a figure the
text has just stated ("Adjusted earnings came to $1.12 a share, against a consensus of $1.03"; "... reported revenue
of $14.6 billion. Analysts had expected $14.2 billion") or to the company's own outlook ("we expect revenue between
$3.95 billion and $4.15 billion ... On the fourth quarter, I had $4.0 billion in my model"; "The Street is at $1.17
billion for June, right at your midpoint").

The expectation takes that figure's measure (and an outlook's period) only when its unit is the same and its value
close to it (within ``_CLOSE``): an expectation is compared with what it expected, never with a figure of another
size. Anything else stays without a measure (unresolved).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Optional

from ..records import Period
from .context import ExtractionContext, Mentions
from .figures import Figure
from .framemodel import Frame, FrameRules
from .patterns import alternation, per_document

_CLOSE = Decimal("1.5")         # an expectation within a factor of 1.5 of the figure it refers to


@dataclass(frozen=True)
class Stated:
    """A figure stated earlier in the document that a later expectation may refer to."""

    metric: str
    label: str
    unit: Optional[str]
    low: Decimal
    high: Decimal
    period: Optional[Period]


def stated_of(fr: Frame) -> Optional[Stated]:
    """The figure a frame states, for ``Discourse.actual`` (the paragraph's last actual) and ``Discourse.outlooks``."""
    q = fr.figure.q
    if fr.metric is None or fr.kind != "metric" or not isinstance(q.value, Decimal):
        return None
    low = fr.figure.low if fr.figure.low is not None else q.value
    high = fr.figure.high if fr.figure.high is not None else q.value
    return Stated(fr.metric, fr.metric_label or fr.metric, q.unit, low, high, fr.period)


def _close(fig: Figure, st: Stated) -> bool:
    v = fig.q.value
    if not isinstance(v, Decimal) or v <= 0 or st.low <= 0:
        return False
    if fig.q.unit != st.unit and (fig.q.kind == "money" or (fig.q.unit is not None and st.unit is not None)):
        return False        # "42 million" after "39 million to 41 million units": a count of the same things
    return st.low / _CLOSE <= v <= st.high * _CLOSE


def _cues(ctx: ExtractionContext, rules: FrameRules) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(an expectation's cue: consensus or an estimate; a comparison's lead word before it: "against", "versus")."""
    def build() -> tuple[re.Pattern[str], re.Pattern[str]]:
        f = ctx.patterns["frames"]
        words = [str(w) for k in ("consensus", "estimate") for w in (f.get("modality") or {}).get(k) or []]
        lead = [str(w) for w in f.get("expectation_comparison") or []]
        return (re.compile(rf"(?<![\w])(?:{alternation(words)})(?![\w])", re.I),
                re.compile(rf"(?<![\w])(?:{alternation(lead)})(?![\w])", re.I) if lead else re.compile(r"(?!)"))
    return per_document(ctx, "_expectation_cues", build)


def compared_expectation(ctx: ExtractionContext, rules: FrameRules, fig: Figure,
                         level: Optional[Frame]) -> Optional[tuple[str, str]]:
    """"$1.12 a share, against a consensus of $1.03": the expectation the clause's figure before it is compared
    with is of that figure's measure (metric, label)."""
    if fig.role != "level" or level is None or level.metric is None or level.figure.q.kind != fig.q.kind:
        return None
    gap = ctx.text[level.figure.end:fig.q.start]
    cue, lead = _cues(ctx, rules)
    if len(gap) > 60 or re.search(r"[\d;]", gap) or not lead.search(gap) or not cue.search(gap):
        return None
    st = stated_of(level)
    if st is None or not _close(fig, st):
        return None
    return level.metric, level.metric_label or level.metric


def expected_measure(ctx: ExtractionContext, rules: FrameRules, fig: Figure, lo: int, actual: Optional[Stated],
                     outlooks: list[Stated]) -> Optional[tuple[str, str, Optional[Period]]]:
    """An expectation with no measure of its own ("Analysts had expected $14.2 billion on average", "The Street is at
    $1.17 billion for June"): the measure of the paragraph's last actual figure it is close to, else of the
    document's last outlook it is close to, with that outlook's period (metric, label, period or None)."""
    if fig.role != "level" or fig.q.kind == "percent" or re.match(r"\s+of\s", ctx.text[fig.end:fig.end + 4]):
        return None     # "at around 27% of U.S. mesh retail": a part of a total, not an amount expected
    cue, _ = _cues(ctx, rules)
    if not cue.search(ctx.text, lo, fig.q.start):
        return None
    if actual is not None and _close(fig, actual):
        return actual.metric, actual.label, None
    for st in reversed(outlooks):
        if _close(fig, st):
            return st.metric, st.label, st.period
    return None


def expected_period(stated: Optional[Period], how: str, outlook: Optional[Period]) -> bool:
    """Whether the expectation takes its outlook's period: when it states none of its own, or only a month inside
    the outlook's period ends ("The Street is at $1.17 billion for June" on the quarter to June)."""
    if outlook is None:
        return False
    if stated is None or how != "explicit":
        return True
    # (a month named without its year may have been read in the wrong year: its month decides)
    return stated.kind == "month" and stated.end is not None and outlook.end is not None and \
        stated.end.month == outlook.end.month and abs(stated.end.year - outlook.end.year) <= 1


def parallel_outlook(ctx: ExtractionContext, rules: FrameRules, m: Mentions, fig: Figure,
                     level: Optional[Frame]) -> Optional[tuple[str, str]]:
    """"Norrsken sold 1.04 million phones in 2023 and targets more than 1.3 million units in 2024": an outlook verb
    coordinated with the clause's actual takes the actual's measure for a figure of the same unit, when nothing
    between them names another measure."""
    if fig.role != "level" or level is None or level.metric is None or level.modality is not None or \
            level.figure.q.kind != fig.q.kind or level.figure.q.unit != fig.q.unit:
        return None
    gap = ctx.text[level.figure.end:fig.q.start]
    if len(gap) > 80 or ";" in gap or not re.search(r"\band\b", gap):
        return None
    after_and = gap[gap.rfind(" and ") if " and " in gap else 0:]
    if not any(rules.slots.modality[k].search(after_and) for k in ("target", "guidance")):
        return None
    if any(level.figure.end <= x.start < fig.q.start for x in m.metrics):
        return None
    return level.metric, level.metric_label or level.metric
