"""Which periods written in a figure's sentence are not the figure's: a comparison's ("compared with the
October-December quarter", "up 35% on 2022"), an earlier figure's ("compared with EUR 35.0 million in 2022, and net
income was ..."), a beginning ("Founded in 2019", "since 2018" for a change), an event's date ("launched in
October"), an outlook clause's ("For 2024 we expect ..., supported by a backlog that is 23 per cent higher"), a
finished period before a present perfect ("last year ... it has installed 35,000"). Used by ``periodslot.py``."""
from __future__ import annotations

import re

from .context import ExtractionContext, Mentions
from .figures import Figure
from .patterns import per_document, phrase_alternation
from .periods import PeriodMention


# what may stand between a figure and the period it is for: "$5B in the third quarter", "27.6 million units in
# the second quarter of 2023", "12% year on year in Q2", "18% of the market last year", "$3.84 billion for fiscal
# 2024", "4.1 million monthly active users ("MAU") in June" (an abbreviation in parentheses, not a prior value)
PERIOD_GAP = re.compile(r"(?:\s*\([^()\d]{1,24}\))?[\s,]*(?:(?:units?|shipments?|(?:year[- ](?:on|over)[- ]year|yoy|y/y|sequentially|"
                        r"quarter[- ](?:on|over)[- ]quarter)|of\s+(?:the\s+)?(?:[a-z][\w-]*\s+){0,2}?(?:market|industry|"
                        r"category))[\s,]+)?(?:(?:in|for|during|over|of|at|on|as\s+of|as\s+at|"
                        r"through|throughout|by|ended|ending|to|from|since|within)\s+)?(?:the\s+)?", re.I)


# what stands before the period of a comparison, not of the figure: "compared with the October-December quarter",
# "up 35% on 2022", "flat on 2021"
COMPARISON = re.compile(r"(?:\b(?:than|compared\s+(?:with|to)|versus|vs\.?|from|against|over|since)|"
                        r"(?:\d\s*%|\bper\s+cent|\bpercent|\bflat|\bunchanged|\bup|\bdown)\s+on)\s+(?:the\s+|in\s+)?$",
                        re.I)


LOOK = 24      # how far before a period its comparison word may start


def compared(ctx: ExtractionContext, lo: int, p: PeriodMention) -> bool:
    """The period is a comparison's ("compared with the October-December quarter", "from 2022") -- not when "From"
    opens the sentence: "From 2026, Valtera targets cash conversion of more than 80 per cent" (from then on)."""
    c = COMPARISON.search(ctx.text, max(lo, p.start - LOOK), p.start)
    if c is None:
        return False
    return not (c.group(0)[:4].casefold() == "from" and not ctx.text[lo:c.start()].strip(" \t\n\"“‘'("))


def owned_by_earlier(ctx: ExtractionContext, m: Mentions, fig: Figure, s_start: int, p: PeriodMention) -> bool:
    """The period is written right after an earlier figure of the sentence, and is that figure's ("compared with
    EUR 35.0 million in 2022, and net income was EUR 12.6 million", "revenue tripled to EUR 48 million last year, and
    it has now installed 21,000"): not the period of a later figure."""
    return any(s_start <= q.start and q.end <= p.start and q.start != fig.q.start and q.end <= fig.q.start and
               PERIOD_GAP.fullmatch(ctx.text, q.end, p.start) is not None and
               (_COMPARED.search(ctx.text, max(s_start, q.start - LOOK), q.start) is not None or
                _NEW_CLAUSE.search(ctx.text, p.end, fig.q.start) is not None) for q in m.quantities)


# before an earlier figure: it is a comparison's ("compared with EUR 35.0 million in 2022"), and so is its period
_COMPARED = re.compile(r"\b(?:than|compared\s+(?:with|to)|versus|vs\.?|from|against)\s+"
                       r"(?:about\s+|around\s+|some\s+)?$", re.I)


# between a period and a later figure: a new clause with its own subject in the present or present perfect ("last
# year, and it has now installed 21,000"), not one in the same past ("grew 18% last year, and the firm sold around
# 410,000 sets": that year's) nor a list sharing the period ("for 2024, up 0.8 per cent, and revenue of")
_NEW_CLAUSE = re.compile(r"(?:,\s*and|\band|\bbut|\bwhile|\bwhereas)\s+"
                         r"(?:it|we|they|he|she|the\s+(?:company|group|firm))\s+"
                         r"(?:(?:now|also|already|still)\s+)?(?:has|have|is|are|now)\b", re.I)


def future_for_present(ctx: ExtractionContext, fig: Figure, p: PeriodMention) -> bool:
    """A period not yet over, written before a figure stated in the present tense, is the outlook's of its own clause:
    "For 2024 we expect revenue growth of 8-10 per cent, supported by an order backlog that is 23 per cent higher
    than a year ago" -- the backlog is as it stands, not as it will be in 2024."""
    if p.period.end is None or not ctx.doc.date or len(ctx.doc.date) < 10 or \
            p.period.end.isoformat() <= ctx.doc.date[:10]:
        return False
    return _PRESENT_IS.search(ctx.text, max(0, fig.q.start - 40), fig.q.start) is not None


_PRESENT_IS = re.compile(r"\b(?:that|which)\s+(?:is|are)\s+(?:now\s+)?(?:(?:about|around|roughly|some|nearly|almost|"
                         r"more\s+than|over)\s+)?$", re.I)


def past_for_perfect(ctx: ExtractionContext, fig: Figure, lo: int, p: PeriodMention) -> bool:
    """A finished period is not the time of a present perfect ("raised $120 million last year and says it has
    installed 35,000 systems": the total is as of now, not last year's)."""
    if fig.role == "change" or p.period.end is None or not ctx.doc.date or len(ctx.doc.date) < 10 or \
            p.period.end.isoformat() >= ctx.doc.date[:10]:
        return False
    return cumulative(ctx).search(ctx.text, max(lo, fig.q.start - 60), fig.q.start) is not None


def cumulative(ctx: ExtractionContext) -> re.Pattern[str]:
    """A present perfect right before a figure: a running total as of the document's date ("it has now installed
    21,000", ``cues.yaml`` cumulative_participles)."""
    return per_document(ctx, "cumulative", lambda: re.compile(
        r"\b(?:has|have)\s+(?:(?:now|already|so\s+far|to\s+date)\s+)?"
        rf"(?:{phrase_alternation(ctx.patterns['cues'].get('cumulative_participles') or [])})\s+"
        r"(?:(?:about|around|approximately|nearly|almost|more\s+than|over|some|roughly|at\s+least)\s+)?$", re.I))


def event_date(ctx: ExtractionContext, s_start: int, p: PeriodMention) -> bool:
    """The date of an event the clause mentions ("Our Nimbus earbuds, launched in October, sold 1.1 million units"):
    not the period of the figure (``cues.yaml`` event_date_cues)."""
    rx = per_document(ctx, "event_date", lambda: re.compile(
        rf"\b(?:{phrase_alternation(ctx.patterns['cues'].get('event_date_cues') or [])})\s+(?:(?:in|on|at)\s+)?"
        r"(?:the\s+)?$", re.I))
    word = re.search(r"\w", ctx.text[p.start:p.end])
    at = p.start + (word.start() if word else 0)
    if rx.search(ctx.text, max(s_start, at - 30), at) is not None:
        return True
    # "confirmed in February 2024": these verbs only with "in"/"on" (the mention's own or written before it)
    rx_in = per_document(ctx, "event_date_in", lambda: re.compile(
        rf"\b(?:{phrase_alternation(ctx.patterns['cues'].get('event_date_cues_before_in') or [])})\s+(?:(?:in|on)\s+)?$",
        re.I))
    m = rx_in.search(ctx.text, max(s_start, at - 30), at)
    if p.period.kind in ("day", "instant") and _statement_day(ctx, s_start, p.start):
        return True
    return m is not None and (re.search(r"\b(?:in|on)\s+$", m.group(0), re.I) is not None or
                              re.match(r"(?:in|on)\b", ctx.text[at:at + 3], re.I) is not None)


def _statement_day(ctx: ExtractionContext, s_start: int, at: int) -> bool:
    """A day after a verb of saying and "on" ("said on Wednesday", "reported on 4 March"): the statement's date
    (``cues.yaml`` statement_date_cues)."""
    rx = per_document(ctx, "statement_date", lambda: re.compile(
        rf"\b(?:{phrase_alternation(ctx.patterns['cues'].get('statement_date_cues') or [])})\s+(?:on\s+)?$", re.I))
    m = rx.search(ctx.text, max(s_start, at - 30), at)
    return m is not None and (m.group(0).rstrip().casefold().endswith(" on") or
                              re.match(r"on\b", ctx.text[at:at + 3], re.I) is not None)


def start_of(ctx: ExtractionContext, fig: Figure, s_start: int, p: PeriodMention) -> bool:
    """A period written before the figure that is when something began, not what the figure is for: "Founded in
    2019, Kelvra has now installed 21,000 systems"; "Since 2018, revenue has almost doubled" (a change counted from
    it; a flow since a year -- "Since 2013 we have invested in 312 companies" -- is over the years since)."""
    if not began_before(ctx, s_start, p):
        return False
    return fig.role == "change" or not re.match(r"since\b", ctx.text[p.start:p.end], re.I)


def began_before(ctx: ExtractionContext, s_start: int, p: PeriodMention) -> bool:
    """The period is the year something began ("founded in 2012", "since 2016"): the words before its number."""
    digit = re.search(r"\d", ctx.text[p.start:p.end])
    at = p.start + (digit.start() if digit else 0)
    return _began(ctx).search(ctx.text, max(s_start, at - 30), at) is not None


def _began(ctx: ExtractionContext) -> re.Pattern[str]:
    """Words before a year something began in (``cues.yaml`` began_cues): "founded in", "since"."""
    return per_document(ctx, "_began", lambda: re.compile(
        rf"\b(?:{phrase_alternation(ctx.patterns['cues'].get('began_cues') or [])})(?:\s+(?:in|on))?\s+(?:the\s+)?$",
        re.I))


def expected_baseline(ctx: ExtractionContext, end: int, hi: int) -> bool:
    """"vs. $2.61B expected": an earlier value that analysts expected is no earlier period's figure; it has no period
    of its own (``frames.yaml`` baseline_expected_after) and stays unresolved (``framefill``)."""
    rx = per_document(ctx, "_baseline_expected", lambda: re.compile(
        rf"\s*(?:{phrase_alternation(ctx.patterns['frames'].get('baseline_expected_after') or [])})\b", re.I))
    return rx.match(ctx.text, end, min(hi, end + 40)) is not None


def parenthesised_apart(ctx: ExtractionContext, s_start: int, fig: Figure, p: PeriodMention) -> bool:
    """The period is written inside parentheses that close before the figure: an aside's ("revenue of €318.0m
    (Q3 2022/23: €322.6m), a decline of 1.4%" -- the prior-year value's; "share 23.6% (FY3/24) → 35%"), never the
    period of a figure after it."""
    before = ctx.text[s_start:p.start]
    if before.rfind("(") <= before.rfind(")"):
        return False
    close = ctx.text.find(")", p.end, fig.q.start)
    return close != -1 and "(" not in ctx.text[p.end:close]


def parenthesised_own(ctx: ExtractionContext, end: int, start: int, stop: int) -> bool:
    """The period (at ``start:stop``) stands alone in parentheses right after the figure (ending at ``end``): the
    figure's own label, as slides and fact sheets write it ("Revenue ¥412.6bn (FY3/24)", "share 31% (2023)",
    "installed base 38k units (Sep-24)"); it holds for that figure only, the next lines do not take it. Not a prior
    value's: "(Q2 2023: $405.0 million)" holds a figure after its period, and "(401)" no period at all."""
    return 0 <= end <= start and _OPEN_PARENTHESIS.fullmatch(ctx.text, end, start) is not None and \
        _CLOSE_PARENTHESIS.match(ctx.text, stop) is not None


_OPEN_PARENTHESIS = re.compile(r"[ \t]*\([ \t]*")
_CLOSE_PARENTHESIS = re.compile(r"[ \t]*\)")


def launch_window(ctx: ExtractionContext, end: int, hi: int) -> re.Match[str] | None:
    """A window counted from a launch right after the figure, in its clause ("sold 1.8 million units in its first
    six months", "1.2 million units in its first 100 days on sale", "within a year of launch"): the figure's period
    is that window, which no calendar date bounds (``periods.yaml`` launch_window)."""
    return _launch_window(ctx).match(ctx.text, end, hi)


def _launch_window(ctx: ExtractionContext) -> re.Pattern[str]:
    cfg = ctx.patterns["periods"]
    w = cfg.get("launch_window") or {}

    def alt(key: str) -> str:
        return phrase_alternation(w.get(key) or []) or "(?!)"

    def build() -> re.Pattern[str]:
        count = rf"(?:\d[\d,]*|{phrase_alternation(list(cfg.get('month_counts') or {}))}|{alt('counts')})"
        return re.compile(
            r"[\s,]*(?:(?:units?|pieces|copies|sets|pairs|devices)\s+)?"
            rf"(?P<w>(?:{alt('openers')})\s+(?:(?:{alt('owners')})\s+first\s+(?:{count}\s+)?(?:{alt('units')})"
            rf"(?:\s+(?:{alt('tails')}))?|(?:the\s+)?(?:first\s+)?{count}\s+(?:{alt('units')})\s+(?:of|after|since)\s+"
            rf"(?:(?:{alt('owners')})\s+)?(?:{alt('launch_words')})))\b", re.I)
    return per_document(ctx, "_launch_window", build)


def superlative_domain(ctx: ExtractionContext, s_start: int, p: PeriodMention) -> bool:
    """The period is the domain of a superlative ("Q4 was the strongest quarter of the year, with revenue of ..."):
    what the best or worst is counted among, not the figure's period (``cues.yaml`` superlative_words)."""
    rx = per_document(ctx, "_superlative_domain", lambda: re.compile(
        rf"\b(?:{phrase_alternation(ctx.patterns['cues'].get('superlative_words') or [])})\s+(?:[\w-]+\s+){{0,2}}?"
        r"(?:of|in)\s+$", re.I))
    return rx.search(ctx.text, max(s_start, p.start - 50), p.start) is not None
