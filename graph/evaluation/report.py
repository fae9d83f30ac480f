"""The evaluation report: per-kind precision and recall, the numeric subset, wrong facts by field, and recall by
failure class (the ``class=`` tags of the gold rows)."""
from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Iterable, Optional

from ..records import Fact
from .gold import GoldRow

FIELDS = ("kind", "value", "unit", "subject", "metric", "period", "market", "basis", "modality")


@dataclass
class Score:
    name: str
    gold: int = 0
    predicted: int = 0
    matched_gold: int = 0
    matched_predicted: int = 0

    @property
    def produced(self) -> bool:
        return self.predicted > 0

    @property
    def precision(self) -> Optional[float]:
        return self.matched_predicted / self.predicted if self.predicted else None

    @property
    def recall(self) -> Optional[float]:
        return self.matched_gold / self.gold if self.gold else None

    def as_dict(self) -> dict[str, Any]:
        return {"kind": self.name, "gold": self.gold, "predicted": self.predicted, "matched": self.matched_gold,
                "precision": self.precision, "recall": self.recall, "produced": self.produced}


# kept for callers that knew the per-kind score by this name
KindScore = Score


@dataclass(frozen=True)
class Miss:
    row: GoldRow
    near: tuple[tuple[str, tuple[str, ...]], ...] = ()   # (fact_id, failed fields) of overlapping facts


@dataclass(frozen=True)
class FalsePositive:
    fact: Fact
    near: tuple[tuple[str, tuple[str, ...]], ...] = ()   # (gold id, failed fields) of overlapping gold rows

    @property
    def fields(self) -> tuple[str, ...]:
        """The fields wrong against the closest gold row (fewest failures); ``("no gold row",)`` when the fact
        overlaps none (a figure the gold does not state)."""
        if not self.near:
            return ("no gold row",)
        return min((f for _, f in self.near), key=len)


def is_numeric_fact(f: Fact) -> bool:
    return isinstance(f.value, Decimal) and f.kind not in ("launch", "event", "role", "qa_turn", "relation",
                                                            "attribute")


@dataclass
class EvalReport:
    kinds: dict[str, Score] = field(default_factory=dict)
    matches: list[tuple[GoldRow, Fact]] = field(default_factory=list)
    misses: list[Miss] = field(default_factory=list)
    false_positives: list[FalsePositive] = field(default_factory=list)
    docs: tuple[str, ...] = ()
    restatements: list[Fact] = field(default_factory=list)
    unscored_facts: int = 0
    chrome_rows: int = 0
    unreadable_rows: int = 0           # gold quotes the reader left out of a converted document (HTML, PDF)
    gold_rows: list[GoldRow] = field(default_factory=list)
    scored_facts: list[Fact] = field(default_factory=list)

    # -- totals -----------------------------------------------------------------------------------------------
    def _total(self, name: str, kinds: Iterable[Score]) -> Score:
        t = Score(name)
        for k in kinds:
            t.gold += k.gold
            t.predicted += k.predicted
            t.matched_gold += k.matched_gold
            t.matched_predicted += k.matched_predicted
        return t

    @property
    def total(self) -> Score:
        return self._total("all", self.kinds.values())

    @property
    def total_produced(self) -> Score:
        return self._total("all (produced kinds)", (k for k in self.kinds.values() if k.produced))

    @property
    def numeric(self) -> Score:
        """Strict figures only: gold rows with a number (or range) and facts with a numeric value."""
        s = Score("numeric")
        s.gold = sum(1 for r in self.gold_rows if r.is_numeric)
        s.matched_gold = sum(1 for r, _ in self.matches if r.is_numeric)
        facts = self.numeric_facts()
        s.predicted = len(facts)
        matched = {id(f) for _, f in self.matches}
        s.matched_predicted = sum(1 for f in facts if id(f) in matched)
        return s

    def kind(self, name: str) -> Score:
        return self.kinds.get(name, Score(name))

    # -- breakdowns -------------------------------------------------------------------------------------------
    def wrong_by_field(self, numeric_only: bool = False) -> Counter:
        """How many false positives got each field wrong (a fact may count under several)."""
        c: Counter = Counter()
        for fp in self.false_positives:
            if numeric_only and not is_numeric_fact(fp.fact):
                continue
            c.update(fp.fields)
        return c

    def numeric_facts(self) -> list[Fact]:
        """The figures the numeric row counts: numeric facts of scored documents, restatements left out."""
        restated = {id(f) for f in self.restatements}
        return [f for f in self.scored_facts if is_numeric_fact(f) and id(f) not in restated]

    def precision_by(self, qualifier: str) -> dict[str, Score]:
        """Numeric precision per value of one of the facts' qualifiers (``subject_how``: how the subject was
        reached; ``period_how``: how the period was): predicted and right figures per reading, ``(none)`` for a
        fact that does not record it. Which readings are mostly wrong is what this shows."""
        out: dict[str, Score] = {}
        matched = {id(f) for _, f in self.matches}
        for f in self.numeric_facts():
            how = f.qualifier(qualifier) or "(none)"
            s = out.setdefault(how, Score(how))
            s.predicted += 1
            s.matched_predicted += id(f) in matched
        return dict(sorted(out.items(), key=lambda kv: (-kv[1].predicted, kv[0])))

    def recall_by_class(self, numeric_only: bool = False) -> dict[str, Score]:
        out: dict[str, Score] = {}
        matched = {id(r) for r, _ in self.matches}
        for r in self.gold_rows:
            if numeric_only and not r.is_numeric:
                continue
            for c in r.classes or ("(untagged)",):
                s = out.setdefault(c, Score(c))
                s.gold += 1
                s.matched_gold += id(r) in matched
        return dict(sorted(out.items()))

    # -- output -----------------------------------------------------------------------------------------------
    def as_dict(self) -> dict[str, Any]:
        by_doc: dict[str, dict[str, int]] = {d: {"gold": 0, "matched": 0, "false_positives": 0, "misses": 0}
                                             for d in self.docs}
        for g, _ in self.matches:
            by_doc[g.doc]["matched"] += 1
        for m in self.misses:
            by_doc[m.row.doc]["misses"] += 1
        for fp in self.false_positives:
            name = fp.fact.evidence.source_file.replace("\\", "/").rsplit("/", 1)[-1]
            if name in by_doc:
                by_doc[name]["false_positives"] += 1
        for d in by_doc.values():
            d["gold"] = d["matched"] + d["misses"]
        return {
            "docs": list(self.docs),
            "by_doc": by_doc,
            "kinds": [k.as_dict() for k in self.kinds.values()],
            "total": self.total.as_dict(),
            "total_produced_kinds": self.total_produced.as_dict(),
            "numeric": self.numeric.as_dict(),
            "wrong_by_field": dict(self.wrong_by_field()),
            "recall_by_class": {k: v.as_dict() for k, v in self.recall_by_class().items()},
            "precision_by_subject_how": {k: _precision_dict(v) for k, v in self.precision_by("subject_how").items()},
            "precision_by_period_how": {k: _precision_dict(v) for k, v in self.precision_by("period_how").items()},
            "chrome_rows_ignored": self.chrome_rows,
            "rows_not_in_text_as_read": self.unreadable_rows,
            "unscored_facts": self.unscored_facts,
            "restatements": len(self.restatements),
            "misses": [{"id": m.row.id, "doc": m.row.doc, "kind": m.row.kind, "subject": m.row.subject,
                        "predicate": m.row.predicate, "value": m.row.value, "scale": m.row.scale,
                        "period": m.row.period, "quote": m.row.quote,
                        "near": [{"fact": f, "failed": list(c)} for f, c in m.near]} for m in self.misses],
            "false_positives": [{"fact": fp.fact.fact_id, "kind": fp.fact.kind, "subject": fp.fact.subject.key,
                                 "subject_label": fp.fact.subject.label,
                                 "metric": fp.fact.metric, "value": None if fp.fact.value is None else str(fp.fact.value),
                                 "unit": fp.fact.unit,
                                 "period": fp.fact.period.label if fp.fact.period else None,
                                 "market": fp.fact.market.key if fp.fact.market else None,
                                 "subject_how": fp.fact.qualifier("subject_how"),
                                 "period_how": fp.fact.qualifier("period_how"),
                                 "file": fp.fact.evidence.source_file, "quote": fp.fact.evidence.quote,
                                 "near": [{"gold": g, "failed": list(c)} for g, c in fp.near]}
                                for fp in self.false_positives],
        }

    def as_json(self, indent: Optional[int] = 2) -> str:
        return json.dumps(self.as_dict(), indent=indent, ensure_ascii=False)

    def as_table(self, title: str = "extraction vs gold (strict)"):
        """A Rich table: kind, gold, predicted, matched, precision, recall; then all and numeric rows."""
        from rich.table import Table

        def pct(x: Optional[float]) -> str:
            return "—" if x is None else f"{x:.3f}"

        table = Table(title=title)
        for col in ("kind", "gold", "predicted", "matched", "precision", "recall"):
            table.add_column(col, justify="left" if col == "kind" else "right")
        for k in sorted(self.kinds.values(), key=lambda k: k.name):
            precision = pct(k.precision) if k.produced else "not produced"
            table.add_row(k.name, str(k.gold), str(k.predicted), str(k.matched_gold), precision, pct(k.recall))
        for k in (self.total, self.numeric):
            table.add_row(f"[b]{k.name.upper()}[/b]", str(k.gold), str(k.predicted), str(k.matched_gold),
                          pct(k.precision), pct(k.recall))
        return table

    def breakdown_tables(self):
        """Wrong facts by field, recall by failure class (numeric rows), and numeric precision by how the subject
        and the period were reached."""
        from rich.table import Table

        fields = Table(title="wrong facts by field (a fact may be wrong in several)")
        fields.add_column("field")
        fields.add_column("all facts", justify="right")
        fields.add_column("numeric facts", justify="right")
        allc, numc = self.wrong_by_field(), self.wrong_by_field(numeric_only=True)
        for f in (*FIELDS, "no gold row"):
            if allc.get(f) or numc.get(f):
                fields.add_row(f, str(allc.get(f, 0)), str(numc.get(f, 0)))
        classes = Table(title="recall by failure class (numeric gold rows)")
        for col in ("class", "gold", "matched", "recall"):
            classes.add_column(col, justify="left" if col == "class" else "right")
        for name, s in self.recall_by_class(numeric_only=True).items():
            classes.add_row(name, str(s.gold), str(s.matched_gold), "—" if s.recall is None else f"{s.recall:.3f}")
        return fields, classes, *(self._precision_table(q, what) for q, what in
                                  (("subject_how", "the subject"), ("period_how", "the period")))

    def _precision_table(self, qualifier: str, what: str):
        from rich.table import Table

        t = Table(title=f"numeric precision by how {what} was reached ({qualifier})")
        for col in (qualifier, "predicted", "right", "precision"):
            t.add_column(col, justify="left" if col == qualifier else "right")
        for name, s in self.precision_by(qualifier).items():
            t.add_row(name, str(s.predicted), str(s.matched_predicted),
                      "—" if s.precision is None else f"{s.precision:.3f}")
        return t


def _precision_dict(s: Score) -> dict[str, Any]:
    return {"predicted": s.predicted, "right": s.matched_predicted, "precision": s.precision}
