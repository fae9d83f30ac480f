"""Which lane a query runs in (api/sparql/service.py), judged from its canonical tokens before it runs."""
from __future__ import annotations

from typing import TYPE_CHECKING

from .lexer import Token
from .shape import depth_of, patterns_of, triples

if TYPE_CHECKING:  # guard.py imports this module
    from .guard import Inspection

INLINE_WORDS = {"SELECT", "DISTINCT", "REDUCED", "WHERE", "ASK", "CONSTRUCT", "DESCRIBE", "LIMIT", "OFFSET",
                "BASE", "a", "true", "false"}
INLINE_GROUP_PUNCT = {"{", "}", ".", ";", ",", "^^"}
INLINE_MAX_PATTERNS = 4
CONSTANTS = {"IRI", "STRING", "NUMBER"}
ON_LOOP_ROWS = 100
ON_LOOP_SECONDS = 0.002   # CPU seconds: an on-loop answer that took longer marks its text for the thread pool
UNBOUNDED_WORDS = {"DISTINCT", "REDUCED", "OFFSET"}


def lane_of(tokens: list[Token], form: str) -> str:
    """Where a query runs.

    - ``inline``: in the app process, no worker hop. Only shapes whose work is bounded by the data around a
      constant subject: one flat group of at most four triple patterns, each with an IRI subject and a plain
      predicate, no paths, filters, aggregates, sub-queries or ordering; or DESCRIBE of IRIs only. The row cap
      bounds the rest.
    - ``slow``: nothing anchors the patterns (no triple pattern has a constant subject, or a constant object other
      than the class of ``a``), or a ``*`` / ``+`` path: runs in the slow lane, which never holds every worker.
    - ``quick``: everything else; it moves to the slow lane if it overruns the quick lane's budget.
    """
    if form == "update":
        return "slow"
    words = {t.value for t in tokens if t.kind == "WORD"}
    if form == "describe" and words <= {"DESCRIBE", "BASE"} and all(t.kind in ("IRI", "WORD") for t in tokens):
        return "inline"
    found = triples(tokens)
    where = max((tr.group for tr in found), default=-1)
    if words <= INLINE_WORDS and not any(t.kind == "BNODE" for t in tokens) and depth_of(tokens) <= 1 \
            and all(t.text in INLINE_GROUP_PUNCT for t in tokens if t.kind == "PUNCT" and t.context == "group"):
        mine = [tr for tr in found if tr.group == where]
        if len(mine) <= INLINE_MAX_PATTERNS and all(tr.subject.kind == "IRI" for tr in mine):
            return "inline"
    anchored = False
    for i, t in enumerate(tokens):
        if t.kind == "PUNCT" and t.text in ("*", "+") and t.context in ("group", "bnode") and i \
                and (tokens[i - 1].kind == "IRI" or tokens[i - 1].text == ")"):
            return "slow"
    for tr in found:
        if tr.subject.kind in CONSTANTS or (tr.obj.kind in CONSTANTS and tr.verb.value != "a"):
            anchored = True
    return "quick" if anchored else "slow"


def bounded(insp: "Inspection") -> bool:
    """Whether a query's work is bounded by its text, so the event loop may run it (api/sparql/service.py,
    ``answer_now``): an ``inline`` ASK or SELECT with at most one triple pattern (a constant subject, a plain
    predicate: see :func:`lane_of`) and no DISTINCT, REDUCED or OFFSET. Run with ``LIMIT ON_LOOP_ROWS + 1`` it
    reads at most that many rows of one index range; ASK stops at the first. DISTINCT could skip any number of
    equal rows and OFFSET any number of rows before the first it returns; a second pattern makes a join whose work
    the data decides."""
    return insp.lane == "inline" and insp.form in ("ask", "select") and insp.patterns <= 1 \
        and not any(t.kind == "WORD" and t.value in UNBOUNDED_WORDS for t in insp.tokens)
