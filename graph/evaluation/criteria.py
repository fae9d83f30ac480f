"""The strict criteria of a (gold row, fact) pair: which fields are wrong.

A fact is right only when every field is: kind, value, unit, subject, metric (the measure, with its segment,
category and accounting basis), period, and — where the gold states them — market, change basis and modality.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Optional

from ..records import Fact
from .gold import GoldRow
from .measures import Measures, same_measure
from .names import Identity, NameResolver, name_words, same_subject
from .periods import fact_interval, gold_intervals, is_instant, same_interval

SLACK_DAYS_INSTANT = 7

REL_TOL = Decimal("0.0001")
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
FACT_KIND_AS_GOLD = {"role": "person"}
PERIOD_FREE_KINDS = frozenset({"price", "spec", "product", "launch", "person", "organisation", "event"})
MEASURED_KINDS = frozenset({"metric", "change", "market_share", "count", "investment"})
TEXT_QUALIFIERS = frozenset({"status", "variant", "title", "role", "name", "value", "text"})
CURRENCIES = {"cny": "CNY", "rmb": "CNY", "yuan": "CNY", "renminbi": "CNY", "usd": "USD", "us$": "USD",
              "$": "USD", "dollar": "USD", "dollars": "USD", "hkd": "HKD", "hk$": "HKD", "eur": "EUR", "€": "EUR",
              "euro": "EUR", "euros": "EUR", "inr": "INR", "₹": "INR", "rupee": "INR", "rupees": "INR",
              "krw": "KRW", "won": "KRW", "gbp": "GBP", "£": "GBP", "jpy": "JPY", "yen": "JPY", "¥": "JPY"}
PERCENT = {"%", "percent", "per cent", "pct"}
POINTS = {"pp", "percentage point", "percentage points", "ppt", "ppts", "pts", "points"}
BPS = {"bps", "bp", "basis points", "basis point"}
MODALITY_ALIASES = {"plan": "target", "pledge": "target", "goal": "target", "outlook": "guidance",
                    "expected": "forecast", "projection": "forecast", "projected": "forecast",
                    "estimates": "estimate", "estimated": "estimate"}
UNIT_SYNONYMS = {"um": "μm", "µm": "μm", "micron": "μm", "inches": "inch", "in": "inch", "\"": "inch",
                 "hertz": "hz", "watt": "w", "watts": "w", "megapixel": "mp", "megapixels": "mp",
                 "minute": "minutes", "min": "minutes", "mins": "minutes", "hour": "hours", "h": "hours",
                 "hrs": "hours", "degree": "degrees", "°": "degrees", "grams": "g", "gram": "g", "nit": "nits",
                 "kilometres": "km", "kilometers": "km", "kilometre": "km", "kilometer": "km", "kph": "km/h",
                 "kilograms": "kg", "kilogram": "kg", "terabyte": "tb", "terabytes": "tb", "gigabyte": "gb",
                 "gigabytes": "gb", "seconds": "s", "second": "s", "sec": "s", "miles": "mi", "mile": "mi"}
PHYSICAL = {"mp", "mah", "w", "kw", "hz", "ghz", "inch", "nits", "g", "kg", "nm", "μm", "mm", "cm", "fps", "x",
            "degrees", "minutes", "hours", "gb", "tb", "pixels", "ppi", "bit", "km", "km/h", "kwh", "wh", "s",
            "mi", "mph", "l", "db", "v", "a"}


def unit_class(unit: Optional[str]) -> Optional[str]:
    """``currency:CNY``, ``percent``, ``pp``, ``bps``, ``date``, ``rank``, ``phys:<unit>``, ``count`` or None."""
    if unit is None or not unit.strip():
        return None
    u = unit.strip().casefold()
    u = UNIT_SYNONYMS.get(u, u)
    if u in CURRENCIES:
        return f"currency:{CURRENCIES[u]}"
    if re.fullmatch(r"[a-z]{3}", u) and unit.strip().isupper():
        return f"currency:{unit.strip()}"
    if u in PERCENT:
        return "percent"
    if u in POINTS:
        return "pp"
    if u in BPS:
        return "bps"
    if u in ("date", "rank"):
        return u
    if u in PHYSICAL:
        return f"phys:{u}"
    return "count"


@dataclass
class Context:
    names: NameResolver
    measures: Measures
    makers: frozenset[tuple[str, ...]] = frozenset()
    metric_labels: dict[str, str] = None  # type: ignore[assignment]   # metric key -> its label

    def __post_init__(self) -> None:
        if self.metric_labels is None:
            self.metric_labels = {}


def _num(x) -> Optional[Decimal]:
    if x is None:
        return None
    try:
        return Decimal(str(x).replace(",", ""))
    except InvalidOperation:
        return None


def _close(a: Decimal, b: Decimal) -> bool:
    return abs(a - b) <= abs(b) * REL_TOL + Decimal("1e-9")


def _normalise_text(s: str) -> str:
    s = s.casefold().replace("’", "'")
    s = re.sub(r"[^\w\s+/.%-]", " ", s)
    return " ".join(s.split())


def value_ok(row: GoldRow, fact: Fact) -> bool:
    gold_class, fact_class = unit_class(row.unit), unit_class(fact.unit)
    rng = row.range
    if rng is not None:
        lo, hi = _num(fact.qualifier("low")), _num(fact.qualifier("high"))
        if lo is None:
            lo = _num(fact.value)
        return lo is not None and hi is not None and _close(lo, rng[0]) and _close(hi, rng[1])
    gold_num = row.number
    if row.unit.strip().casefold() == "date" and gold_num is None:
        wanted = row.value.strip()
        return (fact.value is not None and str(fact.value).strip() == wanted) or \
            (fact.period is not None and fact.period.label == wanted)
    if gold_num is not None:
        fv = _num(fact.value)
        if fv is None:
            return False
        if gold_class == "bps" and fact_class == "pp":
            gold_num = gold_num / 100
        elif gold_class == "pp" and fact_class == "bps":
            fv = fv / 100
        return _close(fv, gold_num)
    candidates = [] if isinstance(fact.value, Decimal) or fact.value is None else [str(fact.value)]
    if fact.object is not None:
        candidates.append(fact.object.label)
    candidates.extend(v for k, v in fact.qualifiers if k in TEXT_QUALIFIERS)
    g = _normalise_text(row.value)
    for c in map(_normalise_text, candidates):
        if not c or not g:
            continue
        shorter = min(c, g, key=len)
        if c == g or ((c in g or g in c) and len(shorter) >= 3 and re.search(r"[^\W\d_]", shorter)):
            return True
    return False


def unit_ok(row: GoldRow, fact: Fact) -> bool:
    g, f = unit_class(row.unit), unit_class(fact.unit)
    if g is None or g == "date":
        return True
    if f is None:
        return g == "count" or (g == "rank" and fact.kind == "ranking")
    if {g, f} == {"pp", "bps"}:
        return True
    if g == "rank":
        return fact.kind == "ranking"
    return g == f


def period_ok(row: GoldRow, fact: Fact) -> bool:
    if row.kind in PERIOD_FREE_KINDS and (not row.period.strip() or fact.period is None):
        return True
    wanted = gold_intervals(row.period)
    if wanted is None:
        if row.period.strip():          # free-form ("at launch"): any
            return True
        return fact.period is None or is_instant(fact.period)
    got = fact_interval(fact.period)
    if got is None:
        return False
    if any(same_interval(w, got) for w in wanted):
        return True
    # a stock stated at a period's end ("as of July 31") read as that period's figure
    day = wanted[0]
    return day[0] == day[1] and abs((got[1] - day[1]).days) <= SLACK_DAYS_INSTANT and row.kind in MEASURED_KINDS


MODALITIES = frozenset({"actual", "guidance", "forecast", "target", "consensus", "estimate"})


def modality_of_fact(fact: Fact) -> str:
    """The fact's ``modality`` qualifier; an older ``status`` qualifier counts when it names a modality."""
    m = (fact.qualifier("modality") or "").casefold()
    if not m:
        s = (fact.qualifier("status") or "").casefold()
        m = MODALITY_ALIASES.get(s, s) if MODALITY_ALIASES.get(s, s) in MODALITIES else "actual"
    return MODALITY_ALIASES.get(m, m)


def modality_ok(row: GoldRow, fact: Fact) -> bool:
    if row.kind not in MEASURED_KINDS and row.kind not in ("ranking", "price"):
        return True
    g = (row.qualifier_value("modality") or "actual").casefold()
    g = MODALITY_ALIASES.get(g, g)
    return g == modality_of_fact(fact)


def basis_ok(row: GoldRow, fact: Fact) -> bool:
    """A change's basis (YoY, QoQ) when the gold states it without "(implied)"."""
    if row.kind != "change":
        return True
    g = row.qualifier_value("basis")
    if not g or "implied" in g.casefold():
        return True
    g = g.casefold().replace("-", "").replace("/", "")
    f = (fact.basis or "").casefold().replace("-", "").replace("/", "")
    for a, b in (("yearonyear", "yoy"), ("yearoveryear", "yoy"), ("quarteronquarter", "qoq"),
                 ("quarteroverquarter", "qoq"), ("sequential", "qoq")):
        g, f = g.replace(a, b), f.replace(a, b)
    return g == f or (g in ("yoy", "qoq") and f.startswith(g))


def market_ok(row: GoldRow, fact: Fact, ctx: Context) -> bool:
    name = row.qualifier_value("market")
    if not name:
        return True
    candidates = []
    if fact.market is not None:
        candidates.append(fact.market)
    if fact.subject.kind in ("market", "segment"):
        candidates.append(fact.subject)
    g = name_words(name)
    world = ctx.measures.world
    for ref in candidates:
        names = {name_words(ref.label)} | {n for n in ctx.names._entry_names(ref.key)}
        if g in world and names & world:
            return True
        if any(n == g or (n[:len(g)] == g and all(w in ("market", "markets", "region") for w in n[len(g):]))
               or (g[:len(n)] == n and all(w in ("market", "markets", "region") for w in g[len(n):]))
               for n in names):
            return True
        if ref.kind == "market" and ref.key.replace("-", " ") == " ".join(g):
            return True
    return False


def gold_measure(row: GoldRow, ctx: Context, gold_id: Identity) -> frozenset[str]:
    parts = [row.predicate, " ".join(gold_id.segment), row.qualifier_value("accounting") or ""]
    return ctx.measures.canonical(parts, drop_change=row.kind == "change")


def fact_measures(fact: Fact, ctx: Context, fact_id: Identity) -> list[frozenset[str]]:
    """The fact's measure words, once from its metric's label and once from its key (either may match)."""
    names = [fact.qualifier("metric_label") or ctx.metric_labels.get(fact.metric or "") or "",
             (fact.metric or "").replace("-", " ").replace("_", " ")]
    rest = [" ".join(fact_id.segment), fact.qualifier("category") or "",
            fact.qualifier("accounting") or (fact.basis if fact.kind != "change" else "") or ""]
    return [ctx.measures.canonical([n, *rest], drop_change=fact.kind == "change") for n in dict.fromkeys(names) if n]


LOOSE_MEASURE_KINDS = frozenset({"count", "investment"})


def metric_ok(row: GoldRow, fact: Fact, ctx: Context, gold_id: Identity, fact_id: Identity) -> bool:
    if row.kind not in MEASURED_KINDS:
        return True
    if fact.unit == "places":       # a rank movement: the gold names the list
        return True
    g = set(gold_measure(row, ctx, gold_id))
    if row.kind == "market_share":
        g.add("<market-share>")
    context = set(ctx.measures.lenient_words(frozenset(g)))
    if fact.market is not None:
        context |= ctx.measures.canonical([fact.market.label])
    # the gold's category= describes the market the figure is measured in: the fact may leave it out or say it
    gold_category = ctx.measures.canonical([row.qualifier_value("category") or ""])
    context |= gold_category
    if gold_id.kind == "any" and fact_id.segment and gold_id.names and \
            set(fact_id.segment) <= set(gold_id.names[0]):
        # the gold names the part as its subject ("Acme smart TV and TV box"), the fact as a segment of Acme
        fact_id = Identity(fact_id.kind, fact_id.names, ())
    # a market measure whose gold names no category: the fact may name the one it is measured in
    free_category = bool(g & ctx.measures.market_measures) and not (g & ctx.measures.categories) and not gold_category
    for f in fact_measures(fact, ctx, fact_id) or [frozenset()]:
        f = set(f) - (gold_category - g)
        if free_category:
            f -= ctx.measures.categories
        if row.kind == "market_share" and fact.kind == "market_share":
            f.add("<market-share>")
        if row.kind in LOOSE_MEASURE_KINDS:
            # counts and investments name what is counted in free words: one shared word is enough
            if not g or not f or g & f:
                return True
        elif same_measure(frozenset(g), frozenset(f), frozenset(context)):
            return True
    return _same_segment_measure(row, fact, ctx, gold_id, fact_id, frozenset(context))


def _same_segment_measure(row: GoldRow, fact: Fact, ctx: Context, gold_id: Identity, fact_id: Identity,
                          context: frozenset[str]) -> bool:
    """Both name a segment, its names overlap ("smart TV and Mi Box" ~ "smart TV and TV box": at least half of the
    shorter name's words) and the measures themselves are equal."""
    gs = ctx.measures.canonical([" ".join(gold_id.segment)])
    fs = ctx.measures.canonical([" ".join(fact_id.segment)])
    if not gs or not fs or len(gs & fs) * 2 < min(len(gs), len(fs)):
        return False
    g = ctx.measures.canonical([row.predicate, row.qualifier_value("accounting") or ""],
                               drop_change=row.kind == "change")
    for names in fact_measures(fact, ctx, Identity(fact_id.kind, fact_id.names, ())):
        if same_measure(g, names, context):
            return True
    return False


def mismatches(row: GoldRow, fact: Fact, ctx: Context) -> list[str]:
    """Names of the fields a (gold row, fact) pair gets wrong; empty when the fact is right."""
    bad = []
    if fact.kind not in KIND_COMPAT.get(row.kind, frozenset()):
        bad.append("kind")
    if not value_ok(row, fact):
        bad.append("value")
    if not unit_ok(row, fact):
        bad.append("unit")
    gold_id = ctx.names.of_gold(row.subject, row.kind)
    fact_id = ctx.names.of_fact(fact.subject, makers=ctx.makers)
    if not same_subject(gold_id, fact_id, ctx.makers):
        bad.append("subject")
    if not metric_ok(row, fact, ctx, gold_id, fact_id):
        bad.append("metric")
    if not period_ok(row, fact):
        bad.append("period")
    if not market_ok(row, fact, ctx):
        bad.append("market")
    if not basis_ok(row, fact):
        bad.append("basis")
    if not modality_ok(row, fact):
        bad.append("modality")
    return bad
