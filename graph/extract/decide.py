"""From frames to facts: publish what the text resolves, report the rest, and flag contradictions.

A frame is published only when its subject, period and metric are resolved with evidence; the subject's
``how`` sets a confidence. Anything else becomes an ``Unresolved`` candidate with the reason, kept with the
document (shown by ``marketgraph extract`` and on the document page) but never written as a fact.

Cross-checks, within one document: a segment's figure larger than its company's total for the same metric,
period and unit; two different values for one subject, metric, period, basis and modality. Both facts of a
contradiction carry a ``check`` qualifier; the one that rests on a weaker subject reading is not published.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Optional

from ..records import EntityRef, Evidence, Fact
from .framemodel import Frame

CONFIDENCE = {"explicit": 0.95, "possessive": 0.95, "of": 0.9, "respectively": 0.9, "table": 0.96, "list": 0.96,
              "first-person": 0.9, "market": 0.85, "pronoun": 0.8, "heading": 0.8, "level": 0.9,
              "carried": 0.7, "issuer-default": 0.75, "part": 0.85, "sentence": 0.85}
PUBLISHABLE = frozenset(CONFIDENCE)


@dataclass(frozen=True)
class Unresolved:
    """A figure the text does not resolve: what is known and why it was not published."""

    doc_id: str
    evidence: Evidence
    value: Optional[Decimal]
    unit: Optional[str]
    reason: str                      # "no subject" | "no period" | "no metric" | "weaker duplicate" ...
    metric: Optional[str] = None
    subject: Optional[EntityRef] = None
    period: Optional[str] = None


def to_fact(doc_id: str, fr: Frame, evidence: Evidence) -> Fact:
    q = list(fr.qualifiers)
    q.append(("subject_how", fr.subject_how))
    q.append(("confidence", f"{CONFIDENCE.get(fr.subject_how, 0.5):.2f}"))
    if fr.period_how:
        q.append(("period_how", fr.period_how))
    if fr.metric_label and (fr.metric_minted or fr.metric_how in ("per-share", "minted")):   # a label line's or cell's
        q.append(("metric_label", fr.metric_label))
    if fr.modality:
        q.append(("modality", fr.modality))
    if fr.accounting:
        q.append(("accounting", fr.accounting))
    if fr.kind == "change" and not fr.basis_stated:
        q.append(("basis_stated", "no"))
    if fr.period is not None and fr.period.fiscal_label:
        q.append(("fiscal_label", fr.period.fiscal_label))
    if fr.subject is not None and fr.subject.kind == "market" and fr.subject.key:
        q.append(("market_total", "yes"))
    return Fact(fr.kind, doc_id, fr.subject, evidence, metric=fr.metric, value=fr.value, unit=fr.unit,  # type: ignore[arg-type]
                period=fr.period, market=fr.market, source=fr.source, basis=fr.basis if fr.kind == "change" else None,
                hedge=fr.hedge, qualifiers=tuple(q))


FORWARD = frozenset({"guidance", "forecast", "target", "plan"})
# readings that name nothing in the figure's clause: the subject by default or from an earlier sentence, the period
# the document's (docs/decisions/2026-12-07-abstain-on-weak-subjects.md). A period carried from an earlier sentence
# was stated in the text ("Revenue for the third quarter was $1.84 billion. Billings were $1.97 billion."), so it
# does not count as guessed: counting it cost 5 right broad figures for 1 wrong seed figure and 1 wrong fresh one.
GUESSED_SUBJECT = frozenset({"issuer-default", "carried", "pronoun"})
GUESSED_PERIOD = frozenset({"document"})


def only_value_read(fr: Frame) -> bool:
    """The text gives the figure's value and nothing else: its subject and period are guessed and its measure is
    words minted on the spot, not a measure the engine knows ("3 principles", "can produce nearly 10 million"). A
    stock dated by its present tense ("sells in 40 countries": the document's date) and a per-share figure of a known
    measure ("or $0.71 per diluted share") are read from the text."""
    minted = bool(fr.metric_label) and fr.metric_how != "per-share" and (fr.metric_minted or fr.metric_how == "minted")
    # a measure's ratio to revenue is named from the measure the same sentence states ("R&D expenses were $1.2
    # billion, or 5.8% of revenue": framemeasures._ratio_to_revenue), not minted from loose words
    ratio = (fr.metric or "").endswith("-share-of-revenue")
    return minted and not ratio and fr.subject_how in GUESSED_SUBJECT and fr.period_how in GUESSED_PERIOD


def decide(doc_id: str, frames: list[tuple[Frame, Evidence]]) -> tuple[list[Fact], list[Unresolved]]:
    facts: list[tuple[Fact, Frame]] = []
    unresolved: list[Unresolved] = []
    for fr, ev in frames:
        reason = None
        if fr.subject_how == "analyst":
            reason = "an analyst's figure, not confirmed by the company"
        elif fr.period_how == "not-over":
            reason = "stated as a result for a period not yet over (no outlook word)"
        elif fr.subject is None or fr.subject_how not in PUBLISHABLE:
            reason = "no subject"
        elif fr.period is None and not (fr.modality == "target" and fr.period_how == "standing") and \
                not (fr.kind == "ranking" and fr.period_how == "benchmark") and fr.period_how != "window":
            # (a standing target states no period: "an EBITA margin of at least 12 per cent over a business cycle";
            # nor does a product's place in a benchmark's ranking, nor a figure for a window from a launch: "sold
            # 1.8 million units in its first six months")
            reason = "no period"
        elif fr.modality in FORWARD and fr.period_how == "document":
            # "we expect revenue of $420 million to $440 million": an outlook is for a period after the one the
            # document reports, which the text did not name here
            reason = "no period (an outlook's period is not stated)"
        elif fr.metric is None and fr.kind != "ranking":
            reason = "no metric"
        elif only_value_read(fr):
            reason = "only the value is read: subject and period guessed, measure not known"
        elif fr.value is None:
            reason = "no value"
        if reason is not None:
            unresolved.append(Unresolved(doc_id, ev, fr.value, fr.unit, reason, fr.metric, fr.subject,
                                         fr.period.label if fr.period else None))
            continue
        facts.append((to_fact(doc_id, fr, ev), fr))
    kept, dropped = cross_check(facts)
    for f in dropped:
        unresolved.append(Unresolved(doc_id, f.evidence, f.value if isinstance(f.value, Decimal) else None, f.unit,
                                     "weaker of two conflicting values", f.metric, f.subject,
                                     f.period.label if f.period else None))
    return kept, unresolved


def _key(f: Fact) -> tuple:
    return (f.kind, f.subject.key, f.metric, f.period.label if f.period else None, f.unit, f.basis,
            f.qualifier("accounting"), f.qualifier("modality"), f.market.key if f.market else None,
            f.qualifier("comparison"), f.qualifier("low") is not None)


def _flag(f: Fact, why: str) -> Fact:
    from dataclasses import replace
    return replace(f, qualifiers=f.qualifiers + (("check", why),))


ROUNDING = Decimal("0.0005")


def _agree(a: object, b: object) -> bool:
    """Two values of one key that are the same figure, one rounded: within 0.05% of each other."""
    if not (isinstance(a, Decimal) and isinstance(b, Decimal)):
        return a == b
    return abs(a - b) <= max(abs(a), abs(b)) * ROUNDING


def cross_check(facts: list[tuple[Fact, Frame]]) -> tuple[list[Fact], list[Fact]]:
    out = [f for f, _ in facts]
    dropped: list[Fact] = []
    # two values for one subject/metric/period/basis/modality
    groups: dict[tuple, list[int]] = {}
    for i, f in enumerate(out):
        if isinstance(f.value, Decimal):
            groups.setdefault(_key(f), []).append(i)
    for idx in groups.values():
        values = [out[i].value for i in idx]
        if all(_agree(values[0], v) for v in values[1:]):
            continue        # one value, or the same value rounded ("S$281.5 million" and "281,470" thousand)
        best = max(CONFIDENCE.get(out[i].qualifier("subject_how") or "", 0) for i in idx)
        for i in idx:
            out[i] = _flag(out[i], "conflicting values in one document")
        # the weaker readings are set aside, unless they state the value the strongest reading states
        strong = {out[i].value for i in idx if CONFIDENCE.get(out[i].qualifier("subject_how") or "", 0) >= best}
        weak = [i for i in idx if CONFIDENCE.get(out[i].qualifier("subject_how") or "", 0) < best
                and not any(_agree(out[i].value, v) for v in strong)]
        for i in weak:
            dropped.append(out[i])
    # a segment's figure above its company's total
    totals = {(f.subject.key, f.metric, f.period.label if f.period else None, f.unit, f.qualifier("modality")): f
              for f in out if f.kind == "metric" and f.subject.kind == "organisation" and isinstance(f.value, Decimal)}
    for i, f in enumerate(out):
        if f.kind != "metric" or f.subject.kind != "segment" or not f.subject.owner or not isinstance(f.value, Decimal):
            continue
        t = totals.get((f.subject.owner, f.metric, f.period.label if f.period else None, f.unit, f.qualifier("modality")))
        if t is not None and isinstance(t.value, Decimal) and f.value > t.value and f.unit not in ("percent", "pp"):
            out[i] = _flag(f, "segment figure exceeds the company total")
            if (f.qualifier("subject_how") or "") in ("carried", "issuer-default", "pronoun"):
                dropped.append(out[i])
    drop_ids = {id(f) for f in dropped}
    return [f for f in out if id(f) not in drop_ids], dropped
