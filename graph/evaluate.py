"""Score extracted facts against gold files (tests/gold/*/*.tsv): per-kind precision and recall.

Gold format: see tests/gold/README.md (11 tab-separated columns, one header line).

Only documents that have gold rows are scored; facts from other files and ``qa_turn`` facts are left out.
Gold rows whose qualifier says ``page chrome`` are not facts: they are dropped, so a fact read from chrome
counts as a false positive.

A gold row and a fact match when all of these hold:

- same source file (gold ``doc`` = the file name; the fact's ``evidence.source_file`` ends with it);
- compatible kind (``KIND_COMPAT``: gold ``person`` <-> fact ``role``, gold ``count`` <-> ``count`` or
  ``metric``, gold ``market_share`` <-> ``market_share`` or ``metric``, ...);
- the fact's evidence span [start, end) overlaps the gold quote's span (the quote's unique position in the file);
- value: numbers are compared after scaling (gold value x scale vs the fully scaled ``Fact.value``) within a
  relative tolerance of ``REL_TOL`` (decimal rounding only); text values are compared normalised (case,
  punctuation, spaces) with the fact's text value, object label or ``TEXT_QUALIFIERS`` values: equal, or one contains the
  other when the shorter has 3+ characters and a letter (a numeric fact value is never "contained" in a text);
  a gold ``date`` value may also equal the fact's period label;
- unit compatible: empty on either side matches; currencies must be the same ISO code (CNY = RMB = yuan);
  ``%`` = percent; ``pp`` = percentage points; physical units (MP, mAh, W, Hz ...) must be equal; other nouns
  (units, users, devices, companies ...) are counts and match each other;
- period: a gold row without a period, or with a free-form one ("at launch", "per year"), matches any; otherwise
  both sides are normalised ("Q3 2020" / "3Q2020" -> "2020-Q3", "FY2020" -> "2020", "H1 2020" -> "2020-H1",
  "9M 2020" -> "2020-9M", "as of 2020-06-30" -> "2020-06-30" or "2020-Q2" (a quarter's last day also accepts
  the quarter), "2021-2025" -> "2021/2025", "FY2020 (year-end)" -> "2020" or "2020-12-31") and must be equal;
  prices, specs, products and launches hold from the document's date, so a fact of those kinds without a period
  is accepted (one with a period must match);
- market: when the gold row names one (``market=``), the fact's market must be the same gazetteer entity
  (resolved by label or alias, case-insensitive) or carry the same label; a gold market that the gazetteer
  models as a segment ("overseas") may instead be the fact's subject;
- subject: the gold subject resolved through the gazetteer (label or alias; a leading organisation name is
  dropped when the rest is a known name: "Acme Nova 7 Pro" -> "Nova 7 Pro") equals the fact's subject, or is
  reachable from it through the props ``partOf`` / ``manufacturer`` / ``brand`` / ``developer``; an unknown gold subject only
  requires that the fact's subject label shares a word with it, not counting the words of the names of the
  organisation the fact's subject belongs to ("Acme TV" does not match the fact subject "Acme phones"); when the
  fact's subject is that organisation itself, the words of its metric count too ("Acme shares" matches subject
  Acme with metric share-price).
- metric (observations, changes and market shares only): the gold predicate and the fact's metric (its key,
  label and aliases in the metric scheme, plus the words of the fact's subject: "smartphone revenue" ~ subject
  smartphones + metric revenue) share a content word. A figure read right but labelled with the wrong metric
  ("3.2 million paid subscribers" as monthly active users) is a wrong fact. Rank movements ("up 46 places") are
  not checked: the gold names the list, the fact the position.

Each gold row matches at most one fact and each fact at most one gold row: candidate pairs are taken greedily,
largest overlap first. Gold has one row for a fact stated several times in a document (headline and body), so
an unmatched fact that meets every criterion but the overlap for a gold row already credited to another fact of
the same document (``Fact.doc_id``), at a place that does not overlap that fact, is a restatement: it is listed
in ``restatements`` and counted neither way (a duplicate at an overlapping place stays a false positive). A fact whose quote overlaps a gold row but whose value, period, subject ... differ is a
false positive, and that gold row a miss. Precision of a kind = matched facts of that kind / facts of that kind;
recall = matched gold rows of that kind / gold rows of that kind (fact kind ``role`` is reported as ``person``).
Kinds with gold rows but no facts are reported as "not produced" (recall only).
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Optional, Union

from .gazetteer import EntityEntry, Gazetteer, load_gazetteer
from .paths import ProjectPaths
from .records import Evidence, Fact

COLUMNS = ("id", "doc", "kind", "subject", "predicate", "value", "unit", "scale", "period", "qualifier", "quote")
GOLD_KINDS = ("metric", "change", "ranking", "market_share", "product", "spec", "price", "launch", "investment",
              "person", "organisation", "count", "event")
SCALES = {"": Decimal(1), "thousand": Decimal(10) ** 3, "million": Decimal(10) ** 6,
          "billion": Decimal(10) ** 9, "trillion": Decimal(10) ** 12}
REL_TOL = Decimal("0.0001")
CHROME_MARK = "page chrome"
UNSCORED_FACT_KINDS = frozenset({"qa_turn"})
# a price, spec or launch holds from the document's date: a fact may leave its period out
PERIOD_OPTIONAL_KINDS = frozenset({"price", "spec", "product", "launch"})

# gold kind -> fact kinds that may state it
KIND_COMPAT: dict[str, frozenset[str]] = {
    "metric": frozenset({"metric"}),
    "change": frozenset({"change"}),
    "ranking": frozenset({"ranking"}),
    "market_share": frozenset({"market_share", "metric"}),
    "count": frozenset({"count", "metric"}),
    "investment": frozenset({"investment", "metric"}),
    "price": frozenset({"price"}),
    "spec": frozenset({"spec"}),
    "launch": frozenset({"launch", "event"}),
    "event": frozenset({"event", "launch", "attribute"}),
    "person": frozenset({"role"}),
    "organisation": frozenset({"relation", "attribute", "event"}),
    "product": frozenset({"attribute", "relation"}),
}
# fact kind -> the gold kind its precision is reported under
FACT_KIND_AS_GOLD = {"role": "person"}

CURRENCIES = {"cny": "CNY", "rmb": "CNY", "yuan": "CNY", "renminbi": "CNY", "usd": "USD", "us$": "USD",
              "$": "USD", "dollar": "USD", "dollars": "USD", "hkd": "HKD", "hk$": "HKD", "eur": "EUR", "€": "EUR",
              "euro": "EUR", "euros": "EUR", "inr": "INR", "₹": "INR", "rupee": "INR", "rupees": "INR",
              "krw": "KRW", "won": "KRW", "gbp": "GBP", "£": "GBP", "jpy": "JPY", "yen": "JPY"}
PERCENT = {"%", "percent", "per cent", "pct"}
POINTS = {"pp", "percentage point", "percentage points", "ppt", "ppts", "pts"}
PHYSICAL = {"mp", "mah", "w", "hz", "ghz", "inch", "inches", "nits", "g", "kg", "nm", "μm", "um", "mm", "cm", "fps",
            "x", "degrees", "minutes", "gb", "tb", "points", "pixels", "ppi", "bit"}
TEXT_QUALIFIERS = frozenset({"status", "variant", "title", "role", "name", "value", "text"})
UNIT_SYNONYMS = {"um": "μm", "µm": "μm", "micron": "μm", "inches": "inch", "in": "inch", "\"": "inch",
                 "hertz": "hz", "watt": "w", "watts": "w", "megapixel": "mp", "megapixels": "mp", "pixel": "pixels",
                 "minute": "minutes", "min": "minutes", "degree": "degrees", "°": "degrees", "point": "points",
                 "grams": "g", "gram": "g", "nit": "nits"}
SUBJECT_LINKS = ("partOf", "manufacturer", "brand", "developer")
# kinds whose gold predicate names a metric the fact must share a word with (see _metric_ok)
METRIC_CHECKED_KINDS = frozenset({"metric", "change", "market_share"})
PREDICATE_GENERIC = frozenset({"change", "rank", "ranking", "value", "total", "number", "amount", "conversion",
                               "usd", "inr", "estimated", "position"})
STOPWORDS = frozenset({"the", "of", "and", "a", "an", "in", "on", "for", "to", "its", "corporation", "corp",
                       "group", "inc", "ltd", "limited", "co", "company", "holdings"})

_NUM = re.compile(r"^[-+]?\d+(\.\d+)?$")
_QUARTER = re.compile(r"^(?:q([1-4])\s*(\d{4})|([1-4])q\s*(\d{4})|(\d{4})\s*-?\s*q([1-4]))$")
_HALF = re.compile(r"^(?:h([12])\s*(\d{4})|([12])h\s*(\d{4})|(\d{4})\s*-?\s*h([12]))$")
_NINE = re.compile(r"^(?:9m\s*(\d{4})|(\d{4})\s*-?\s*9m)$")
_YEAR = re.compile(r"^(?:fy\s*)?(\d{4})$")
_YEAR_END = re.compile(r"^(?:fy\s*)?(\d{4})\s*\(year-end\)$")
_RANGE = re.compile(r"^(\d{4})\s*[-/–]\s*(\d{4})$")
_MONTH = re.compile(r"^(\d{4}-\d{2})$")
_QUARTER_ENDS = {"03-31": "Q1", "06-30": "Q2", "09-30": "Q3", "12-31": "Q4"}
_DAY = re.compile(r"^(?:as of\s+)?(\d{4}-\d{2}-\d{2})$")


class GoldFormatError(ValueError):
    pass


@dataclass(frozen=True)
class GoldRow:
    """One line of a gold file. ``value`` stays as written; ``scale`` separate."""

    id: str
    doc: str
    kind: str
    subject: str
    predicate: str
    value: str
    unit: str
    scale: str
    period: str
    qualifier: str
    quote: str
    where: str = ""                       # "file:line" for messages

    @property
    def qualifiers(self) -> tuple[tuple[str, str], ...]:
        pairs = []
        for part in self.qualifier.split(";"):
            part = part.strip()
            if not part:
                continue
            k, _, v = part.partition("=")
            pairs.append((k.strip(), v.strip()))
        return tuple(pairs)

    def qualifier_value(self, key: str) -> Optional[str]:
        for k, v in self.qualifiers:
            if k == key:
                return v
        return None

    @property
    def is_chrome(self) -> bool:
        return CHROME_MARK in self.qualifier.lower()

    @property
    def number(self) -> Optional[Decimal]:
        """The value fully scaled, or None when the value is not a number."""
        v = self.value.replace(",", "").strip()
        if not _NUM.match(v):
            return None
        return Decimal(v) * SCALES.get(self.scale.strip().lower(), Decimal(1))


def load_gold(paths: Union[str, Path, Iterable[Union[str, Path]]]) -> list[GoldRow]:
    """Read gold rows from TSV files or folders of them (``*.tsv``). Bad lines raise ``GoldFormatError``."""
    if isinstance(paths, (str, Path)):
        paths = [paths]
    files: list[Path] = []
    for p in map(Path, paths):
        files.extend(sorted(p.glob("*.tsv")) if p.is_dir() else [p])
    rows: list[GoldRow] = []
    for f in files:
        lines = f.read_text(encoding="utf-8").splitlines()
        if not lines or tuple(lines[0].split("\t")) != COLUMNS:
            raise GoldFormatError(f"{f}:1: header must be {' '.join(COLUMNS)}")
        for n, line in enumerate(lines[1:], start=2):
            if not line.strip():
                continue
            cells = line.split("\t")
            if len(cells) != len(COLUMNS):
                raise GoldFormatError(f"{f}:{n}: {len(cells)} columns, expected {len(COLUMNS)}")
            rows.append(GoldRow(*cells, where=f"{f.name}:{n}"))
    return rows


# ---------------------------------------------------------------- normalisation

def normalise_text(s: str) -> str:
    s = s.casefold().replace("’", "'")
    s = re.sub(r"[^\w\s+/.%-]", " ", s)
    return " ".join(s.split())


def _words(s: str) -> set[str]:
    """Content words, lower-case, a plural "s" dropped ("shares" = "share")."""
    words = {w for w in re.findall(r"[^\W_]+", s.casefold()) if w not in STOPWORDS and len(w) > 1}
    return {w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w for w in words}


def unit_class(unit: Optional[str]) -> Optional[str]:
    """``currency:CNY``, ``percent``, ``pp``, ``date``, ``phys:<unit>``, ``count`` or None (no unit)."""
    if unit is None or not unit.strip():
        return None
    u = unit.strip().casefold()
    u = UNIT_SYNONYMS.get(u, u)
    if u in CURRENCIES:
        return f"currency:{CURRENCIES[u]}"
    if u in PERCENT:
        return "percent"
    if u in POINTS:
        return "pp"
    if u == "date":
        return "date"
    if u in PHYSICAL:
        return f"phys:{u}"
    if re.fullmatch(r"[a-z]{3}", u) and unit.strip().isupper():
        return f"currency:{unit.strip()}"
    return "count"


def units_compatible(gold_unit: str, fact_unit: Optional[str]) -> bool:
    g, f = unit_class(gold_unit), unit_class(fact_unit)
    if g is None or f is None or g == "date":
        return True
    return g == f


def period_labels(text: Optional[str]) -> Optional[frozenset[str]]:
    """Canonical labels a period may carry, or None when the text names no comparable period (matches any)."""
    if text is None:
        return None
    t = " ".join(text.strip().casefold().split())
    if not t:
        return None
    for rx, groups in ((_QUARTER, ((2, 1), (4, 3), (5, 6))), (_HALF, ((2, 1), (4, 3), (5, 6)))):
        m = rx.match(t)
        if m:
            tag = "Q" if rx is _QUARTER else "H"
            for yi, ni in groups:
                if m.group(yi):
                    return frozenset({f"{m.group(yi)}-{tag}{m.group(ni)}"})
    m = _NINE.match(t)
    if m:
        return frozenset({f"{m.group(1) or m.group(2)}-9M"})
    m = _YEAR.match(t)
    if m:
        return frozenset({m.group(1)})
    m = _YEAR_END.match(t)
    if m:
        return frozenset({m.group(1), f"{m.group(1)}-12-31"})
    m = _RANGE.match(t)
    if m:
        return frozenset({f"{m.group(1)}/{m.group(2)}"})
    m = _MONTH.match(t)
    if m:
        return frozenset({m.group(1)})
    m = _DAY.match(t)
    if m:
        day = m.group(1)
        quarter = _QUARTER_ENDS.get(day[5:])
        return frozenset({day, f"{day[:4]}-{quarter}"} if quarter else {day})
    return None


def _fact_period_label(fact: Fact) -> Optional[str]:
    if fact.period is None:
        return None
    labels = period_labels(fact.period.label)
    return next(iter(labels)) if labels and len(labels) == 1 else fact.period.label


# ---------------------------------------------------------------- matching

class _Resolver:
    """Gold names -> gazetteer entries, by label or alias, case-insensitive."""

    def __init__(self, gazetteer: Optional[Gazetteer]):
        self.entities: dict[str, EntityEntry] = dict(gazetteer.entities) if gazetteer else {}
        self.by_name: dict[str, str] = {}
        for e in self.entities.values():
            for name in (e.label, *e.aliases):
                self.by_name.setdefault(normalise_text(name), e.key)

        self.org_names = sorted({normalise_text(n) for e in self.entities.values() if e.kind == "organisation"
                                 for n in (e.label, *e.aliases)}, key=len, reverse=True)

        self.metric_words: dict[str, set[str]] = {}
        for m in (gazetteer.metrics.values() if gazetteer else ()):
            words = _words(m.key.replace("-", " ").replace("_", " ")) | _words(m.label)
            for a in m.aliases:
                words |= _words(a)
            self.metric_words[m.key] = words

    def resolve(self, name: str) -> Optional[str]:
        """By label or alias; "Acme Nova 7 Pro" (company + model, the gold convention) also tries "Nova 7 Pro"."""
        n = normalise_text(name)
        if n in self.by_name:
            return self.by_name[n]
        for org in self.org_names:
            if n.startswith(org + " ") and n[len(org) + 1:] in self.by_name:
                return self.by_name[n[len(org) + 1:]]
        return None

    def reachable(self, key: str) -> set[str]:
        seen, todo = {key}, [key]
        while todo:
            entry = self.entities.get(todo.pop())
            if entry is None:
                continue
            for link in SUBJECT_LINKS:
                targets = entry.props.get(link)
                for t in targets if isinstance(targets, list) else [targets]:
                    if isinstance(t, str) and t not in seen:
                        seen.add(t)
                        todo.append(t)
        return seen


def _value_ok(row: GoldRow, fact: Fact) -> bool:
    gold_num = row.number
    if row.unit.strip().casefold() == "date" and gold_num is None:
        wanted = row.value.strip()
        return (str(fact.value).strip() == wanted if fact.value is not None else False) or \
            (fact.period is not None and fact.period.label == wanted)
    if gold_num is not None:
        try:
            fv = Decimal(str(fact.value).replace(",", "")) if fact.value is not None else None
        except InvalidOperation:
            fv = None
        if fv is None:
            return False
        return abs(fv - gold_num) <= abs(gold_num) * REL_TOL + Decimal("1e-9")
    candidates = [str(fact.value)] if fact.value is not None else []
    if fact.object is not None:
        candidates.append(fact.object.label)
    candidates.extend(v for k, v in fact.qualifiers if k in TEXT_QUALIFIERS)
    g = normalise_text(row.value)
    if isinstance(fact.value, Decimal):             # a number never matches a text value by containment
        candidates = candidates[1:]
    for c in candidates:
        c = normalise_text(c)
        if not c or not g:
            continue
        shorter = min(c, g, key=len)
        if c == g or ((c in g or g in c) and len(shorter) >= 3 and re.search(r"[^\W\d_]", shorter)):
            return True
    return False


def _period_ok(row: GoldRow, fact: Fact) -> bool:
    wanted = period_labels(row.period)
    if wanted is None or (fact.period is None and row.kind in PERIOD_OPTIONAL_KINDS):
        return True
    return _fact_period_label(fact) in wanted


def _market_ok(row: GoldRow, fact: Fact, res: _Resolver) -> bool:
    name = row.qualifier_value("market")
    if not name:
        return True
    key = res.resolve(name)
    if key is not None and fact.subject.key == key and res.entities[key].kind == "segment":
        return True                     # "overseas markets" modelled as the fact's subject segment
    if fact.market is None:
        return False
    if key is not None and fact.market.key == key:
        return True
    return normalise_text(fact.market.label) == normalise_text(name) or fact.market.key == normalise_text(name)


def _subject_ok(row: GoldRow, fact: Fact, res: _Resolver) -> bool:
    key = res.resolve(row.subject)
    if key is not None:
        if fact.subject.key == key or key in res.reachable(fact.subject.key):
            return True
        return normalise_text(fact.subject.label) == normalise_text(row.subject)
    gold_words = _words(row.subject)
    owner_words: set[str] = set()
    owner_keys: set[str] = set()
    for k in res.reachable(fact.subject.key):
        entry = res.entities.get(k)
        if entry is not None and entry.kind == "organisation":
            owner_keys.add(k)
            for name in (entry.label, *entry.aliases):
                owner_words |= _words(name)
    distinctive = (gold_words - owner_words) or gold_words
    fact_words = _words(fact.subject.label)
    if fact.subject.key in owner_keys and fact.metric:
        fact_words |= _words(fact.metric.replace("-", " "))   # "Acme shares" ~ subject acme, metric share-price
    return bool(distinctive & fact_words)


def _metric_ok(row: GoldRow, fact: Fact, res: _Resolver) -> bool:
    """The fact's metric names what the gold predicate names: they share a content word, counting the metric's
    key, label and aliases and the words of the subject ("smartphone revenue" ~ subject smartphones + revenue).
    A figure read with the right value but labelled with the wrong metric is a wrong fact."""
    if fact.metric is None or row.kind not in METRIC_CHECKED_KINDS or fact.unit == "places":
        return True                     # a rank movement's measure is the list it moves on, named by the gold
    gold = _words(row.predicate) - PREDICATE_GENERIC
    if not gold:
        return True
    words = set(res.metric_words.get(fact.metric, set()))
    words |= _words(fact.metric.replace("-", " ").replace("_", " ")) | _words(fact.subject.label)
    return bool(gold & words)


def mismatches(row: GoldRow, fact: Fact, res: _Resolver) -> list[str]:
    """Names of the criteria a (gold row, fact) pair fails; empty when they match."""
    bad = []
    if fact.kind not in KIND_COMPAT.get(row.kind, frozenset()):
        bad.append("kind")
    if not _value_ok(row, fact):
        bad.append("value")
    if not units_compatible(row.unit, fact.unit):
        bad.append("unit")
    if not _period_ok(row, fact):
        bad.append("period")
    if not _market_ok(row, fact, res):
        bad.append("market")
    if not _subject_ok(row, fact, res):
        bad.append("subject")
    if not _metric_ok(row, fact, res):
        bad.append("metric")
    return bad


# ---------------------------------------------------------------- report

@dataclass
class KindScore:
    kind: str
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


@dataclass(frozen=True)
class Miss:
    row: GoldRow
    near: tuple[tuple[str, tuple[str, ...]], ...] = ()   # (fact_id, failed criteria) of overlapping facts


@dataclass(frozen=True)
class FalsePositive:
    fact: Fact
    near: tuple[tuple[str, tuple[str, ...]], ...] = ()   # (gold id, failed criteria) of overlapping gold rows


@dataclass
class EvalReport:
    kinds: dict[str, KindScore] = field(default_factory=dict)
    matches: list[tuple[GoldRow, Fact]] = field(default_factory=list)
    misses: list[Miss] = field(default_factory=list)
    false_positives: list[FalsePositive] = field(default_factory=list)
    docs: tuple[str, ...] = ()
    restatements: list[Fact] = field(default_factory=list)
    unscored_facts: int = 0
    chrome_rows: int = 0

    def _total(self, kinds: Iterable[KindScore]) -> KindScore:
        t = KindScore("all")
        for k in kinds:
            t.gold += k.gold
            t.predicted += k.predicted
            t.matched_gold += k.matched_gold
            t.matched_predicted += k.matched_predicted
        return t

    @property
    def total(self) -> KindScore:
        """All gold rows and all scored facts."""
        return self._total(self.kinds.values())

    @property
    def total_produced(self) -> KindScore:
        """Only the kinds the pipeline produced at least one fact of."""
        return self._total(k for k in self.kinds.values() if k.produced)

    def kind(self, name: str) -> KindScore:
        return self.kinds.get(name, KindScore(name))

    def as_dict(self) -> dict[str, Any]:
        def score(k: KindScore) -> dict[str, Any]:
            return {"kind": k.kind, "gold": k.gold, "predicted": k.predicted, "matched": k.matched_gold,
                    "precision": k.precision, "recall": k.recall, "produced": k.produced}
        by_doc: dict[str, dict[str, int]] = {d: {"gold": 0, "matched": 0, "false_positives": 0, "misses": 0}
                                             for d in self.docs}
        for g, _ in self.matches:
            by_doc[g.doc]["matched"] += 1
        for m in self.misses:
            by_doc[m.row.doc]["misses"] += 1
        for fp in self.false_positives:
            by_doc[_basename(fp.fact.evidence.source_file)]["false_positives"] += 1
        for d in by_doc.values():
            d["gold"] = d["matched"] + d["misses"]
        return {
            "docs": list(self.docs),
            "by_doc": by_doc,
            "kinds": [score(k) for k in self.kinds.values()],
            "total": score(self.total),
            "total_produced_kinds": score(self.total_produced),
            "chrome_rows_ignored": self.chrome_rows,
            "unscored_facts": self.unscored_facts,
            "restatements": len(self.restatements),
            "misses": [{"id": m.row.id, "doc": m.row.doc, "kind": m.row.kind, "subject": m.row.subject,
                        "predicate": m.row.predicate, "value": m.row.value, "scale": m.row.scale,
                        "period": m.row.period, "quote": m.row.quote,
                        "near": [{"fact": f, "failed": list(c)} for f, c in m.near]} for m in self.misses],
            "false_positives": [{"fact": fp.fact.fact_id, "kind": fp.fact.kind, "subject": fp.fact.subject.key,
                                 "metric": fp.fact.metric, "value": None if fp.fact.value is None else str(fp.fact.value),
                                 "unit": fp.fact.unit,
                                 "period": fp.fact.period.label if fp.fact.period else None,
                                 "market": fp.fact.market.key if fp.fact.market else None,
                                 "file": fp.fact.evidence.source_file, "quote": fp.fact.evidence.quote,
                                 "near": [{"gold": g, "failed": list(c)} for g, c in fp.near]}
                                for fp in self.false_positives],
        }

    def as_json(self, indent: Optional[int] = 2) -> str:
        return json.dumps(self.as_dict(), indent=indent, ensure_ascii=False)

    def as_table(self, title: str = "extraction vs gold"):
        """A Rich table: kind, gold, predicted, matched, precision, recall."""
        from rich.table import Table

        def pct(x: Optional[float]) -> str:
            return "—" if x is None else f"{x:.3f}"

        table = Table(title=title)
        for col in ("kind", "gold", "predicted", "matched", "precision", "recall"):
            table.add_column(col, justify="left" if col == "kind" else "right")
        for k in sorted(self.kinds.values(), key=lambda k: k.kind):
            precision = pct(k.precision) if k.produced else "not produced"
            table.add_row(k.kind, str(k.gold), str(k.predicted), str(k.matched_gold), precision, pct(k.recall))
        for name, k in (("ALL", self.total), ("ALL (produced kinds)", self.total_produced)):
            table.add_row(name, str(k.gold), str(k.predicted), str(k.matched_gold), pct(k.precision),
                          pct(k.recall))
        return table


def _restates(f: Fact, rows: list[GoldRow], credited: dict[int, Fact], res: _Resolver) -> bool:
    """True when ``f`` states a gold fact already credited to another fact of the same document, elsewhere."""
    name = _basename(f.evidence.source_file)
    for r in rows:
        other = credited.get(id(r))
        if other is None or r.doc != name or other.doc_id != f.doc_id or _overlaps(other.evidence, f.evidence):
            continue
        if not mismatches(r, f, res):
            return True
    return False


def _overlaps(a: Evidence, b: Evidence) -> bool:
    return a.source_file == b.source_file and min(a.end, b.end) > max(a.start, b.start)


def _basename(path: str) -> str:
    return path.replace("\\", "/").rsplit("/", 1)[-1]


def evaluate(facts: list[Fact], gold: list[GoldRow], source_texts: dict[str, str],
             gazetteer: Optional[Gazetteer] = None) -> EvalReport:
    """Match ``facts`` to ``gold`` rows (rules in the module docstring) and count per kind.

    ``source_texts`` maps source files (relative path or bare file name) to their whole text; a gold quote is
    located with ``str.find`` in it. A gold doc with no text raises ``KeyError``; a quote not found raises
    ``GoldFormatError``. ``gazetteer`` defaults to the project's (``mappings/gazetteer``).
    """
    if gazetteer is None:
        folder = ProjectPaths.default().gazetteer
        gazetteer = load_gazetteer(folder) if folder.is_dir() else None
    res = _Resolver(gazetteer)
    texts = {_basename(k): v for k, v in source_texts.items()}
    report = EvalReport()
    rows = [r for r in gold if not r.is_chrome]
    report.chrome_rows = len(gold) - len(rows)
    docs = sorted({r.doc for r in gold})
    report.docs = tuple(docs)
    spans: dict[str, tuple[int, int]] = {}
    for r in rows:
        if r.doc not in texts:
            raise KeyError(f"{r.where}: no source text for {r.doc}")
        start = texts[r.doc].find(r.quote)
        if start < 0:
            raise GoldFormatError(f"{r.where}: quote of {r.id} not found in {r.doc}")
        spans[r.id] = (start, start + len(r.quote))

    scored: list[Fact] = []
    for f in facts:
        if _basename(f.evidence.source_file) in docs and f.kind not in UNSCORED_FACT_KINDS:
            scored.append(f)
        else:
            report.unscored_facts += 1

    for r in rows:
        report.kinds.setdefault(r.kind, KindScore(r.kind)).gold += 1
    for f in scored:
        k = FACT_KIND_AS_GOLD.get(f.kind, f.kind)
        report.kinds.setdefault(k, KindScore(k)).predicted += 1

    by_doc: dict[str, list[int]] = {}
    for i, f in enumerate(scored):
        by_doc.setdefault(_basename(f.evidence.source_file), []).append(i)
    candidates: list[tuple[int, int, int]] = []          # (-overlap, gold index, fact index)
    failed: dict[tuple[int, int], list[str]] = {}
    for gi, r in enumerate(rows):
        gs, ge = spans[r.id]
        for fi in by_doc.get(r.doc, []):
            ev = scored[fi].evidence
            overlap = min(ge, ev.end) - max(gs, ev.start)
            if overlap <= 0:
                continue
            bad = mismatches(r, scored[fi], res)
            failed[(gi, fi)] = bad
            if not bad:
                candidates.append((-overlap, gi, fi))
    candidates.sort()
    used_g: set[int] = set()
    used_f: set[int] = set()
    for _, gi, fi in candidates:
        if gi in used_g or fi in used_f:
            continue
        used_g.add(gi)
        used_f.add(fi)
        report.matches.append((rows[gi], scored[fi]))
        report.kinds[rows[gi].kind].matched_gold += 1
        report.kinds[FACT_KIND_AS_GOLD.get(scored[fi].kind, scored[fi].kind)].matched_predicted += 1

    for gi, r in enumerate(rows):
        if gi not in used_g:
            near = tuple((scored[fi].fact_id, tuple(bad) or ("taken",))
                         for (g, fi), bad in failed.items() if g == gi)
            report.misses.append(Miss(r, near))
    credited = {id(g): f for g, f in report.matches}
    for fi, f in enumerate(scored):
        if fi in used_f:
            continue
        if _restates(f, rows, credited, res):
            report.restatements.append(f)
            k = report.kinds[FACT_KIND_AS_GOLD.get(f.kind, f.kind)]
            k.predicted -= 1
            continue
        near = tuple((rows[gi].id, tuple(bad) or ("taken",)) for (gi, f2), bad in failed.items() if f2 == fi)
        report.false_positives.append(FalsePositive(f, near))
    return report
