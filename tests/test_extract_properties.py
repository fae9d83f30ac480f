"""Property-based: sentences generated from templates (random metric names from the gazetteer, values, scales,
currencies, periods, word orders) must give back the values put in."""
from decimal import Decimal

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from marketgraph.graph.extract.pipeline import extract_text
from marketgraph.graph.gazetteer import load_gazetteer
from marketgraph.graph.paths import ProjectPaths

GAZ = load_gazetteer(ProjectPaths.default().gazetteer)
# stocks quoted by the day (frames.yaml day_metrics and their narrower concepts: a price target is a share price)
# take the document's day for a change with no period: not what these templates state
_DAY = set(yaml.safe_load((ProjectPaths.default().mappings / "patterns" / "frames.yaml").read_text(
    encoding="utf-8"))["day_metrics"])
# measures only a part of a company reports (frames.yaml part_metrics: "segment profit") are never the whole
# company's, which is what these templates state
_PART_ONLY = set(yaml.safe_load((ProjectPaths.default().mappings / "patterns" / "frames.yaml").read_text(
    encoding="utf-8")).get("part_metrics") or [])
MONEY_METRICS = sorted(k for k, m in GAZ.metrics.items() if m.unit == "currency" and m.key not in
                       ("share-repurchase", "dividend-per-share", "eps", "profit") and k not in _DAY and
                       getattr(m, "broader", None) not in _DAY and k not in _PART_ONLY
                       and "per share" not in m.label)   # a per-share amount in millions is no reading: unresolved
CURRENCIES = [("RMB{n} {s}", "CNY"), ("RMB {n} {s}", "CNY"), ("{n} {s} yuan", "CNY"), ("US${n} {s}", "USD"),
              ("CNY {n} {s}", "CNY"), ("KRW {n} {s}", "KRW"), ("{n} {s} won", "KRW"), ("EUR {n} {s}", "EUR"),
              ("RMB{n}{s}", "CNY"), ("HK${n} {s}", "HKD")]
SCALES = {"million": 10**6, "billion": 10**9, "trillion": 10**12}
# balances (frames.yaml instant_metrics and their narrower concepts) with no stated period are at the period's end
_INSTANT = set(yaml.safe_load((ProjectPaths.default().mappings / "patterns" / "frames.yaml").read_text(
    encoding="utf-8"))["instant_metrics"])
BALANCES = {k for k, m in GAZ.metrics.items() if k in _INSTANT or getattr(m, "broader", None) in _INSTANT}
# every period is over by the documents' date (2020-08-19): a result for a period still to come is unresolved
PERIODS = [("In the second quarter of 2020, ", "2020-Q2"), ("In Q3 2019, ", "2019-Q3"), ("In the first half of 2020, ", "2020-H1"),
           ("For the year ended 31 December 2018, ", "2018"), ("In 3Q2019, ", "2019-Q3"), ("", "2020-Q2")]
UP = ["rose", "increased by", "grew", "was up", "climbed", "jumped"]
DOWN = ["fell", "decreased by", "declined", "was down", "dropped"]
BASES = [(" year-over-year", "YoY"), (" YoY", "YoY"), (" quarter-over-quarter", "QoQ"), (" year-on-year", "YoY")]

numbers = st.decimals(min_value=Decimal("0.1"), max_value=Decimal("999.9"), places=1)
changes = st.decimals(min_value=Decimal("0.1"), max_value=Decimal("99.9"), places=1)


def label(key: str) -> str:
    m = GAZ.metrics[key]
    return m.label[0].upper() + m.label[1:]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(metric=st.sampled_from(MONEY_METRICS), n=numbers, scale=st.sampled_from(sorted(SCALES)),
       cur=st.sampled_from(CURRENCIES), period=st.sampled_from(PERIODS), ch=changes, up=st.booleans(),
       verb_i=st.integers(0, 4), basis=st.sampled_from(BASES), order=st.integers(0, 2))
def test_generated_metric_and_change(metric, n, scale, cur, period, ch, up, verb_i, basis, order):
    money = cur[0].format(n=n, s=scale)
    verb = (UP if up else DOWN)[verb_i % len(UP if up else DOWN)]
    name = label(metric)
    if order == 0:
        body = f"{name} {verb} {ch}%{basis[0]} to {money}."
    elif order == 1:
        body = f"{name} was {money}, {'up' if up else 'down'} {ch}%{basis[0]}."
    else:
        body = f"{name} reached {money}, an {'increase' if up else 'decrease'} of {ch}%{basis[0]}."
    text = period[0] + (body[0].lower() + body[1:] if period[0] else body)
    facts = extract_text(text, GAZ, issuer="xiaomi", period="2020-Q2", date="2020-08-19",
                         only=["measures"]).facts
    metrics = [(f.metric, f.value, f.unit, f.period.label) for f in facts if f.kind == "metric"]
    changes_ = [(f.metric, f.value, f.basis, f.period.label) for f in facts if f.kind == "change"]
    level_period = "2020-06-30" if metric in BALANCES and not period[0] else period[1]
    assert metrics == [(metric, n * SCALES[scale], cur[1], level_period)], text
    assert changes_ == [(metric, ch if up else -ch, basis[1], period[1])], text


@settings(max_examples=40, deadline=None)
@given(n=numbers, scale=st.sampled_from(["million", "billion"]),
       unit=st.sampled_from([("units", "units"), ("smartphones", "units"), ("monthly active users", "users"),
                             ("MAU", "users")]),
       hedge=st.sampled_from([("", None), ("approximately ", "approximately"), ("more than ", "more than"),
                              ("nearly ", "nearly"), ("about ", "about")]))
def test_generated_counts_with_units(n, scale, unit, hedge):
    metric = "shipments" if unit[1] == "units" else "monthly-active-users"
    lead = "Smartphone shipments reached" if metric == "shipments" else "MIUI had"
    text = f"{lead} {hedge[0]}{n} {scale} {unit[0]} in the quarter."
    facts = [f for f in extract_text(text, GAZ, issuer="xiaomi", period="2020-Q2", date="2020-08-19",
                                     only=["measures"]).facts if f.kind == "metric"]
    assert [(f.metric, f.value, f.unit, f.hedge) for f in facts] == \
        [(metric, n * {"million": 10**6, "billion": 10**9}[scale], unit[1], hedge[1])], text


@settings(max_examples=40, deadline=None)
@given(ranks=st.lists(st.tuples(st.integers(1, 9), st.sampled_from(["Poland", "France", "Italy", "Spain", "India",
                                                                     "Germany", "Chile", "Vietnam"])),
                      min_size=1, max_size=4, unique_by=lambda t: t[1]),
       form=st.sampled_from(["#{r}", "No. {r}", "number {w}"]))
def test_generated_coordinated_rankings(ranks, form):
    words = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine"}
    parts = [form.format(r=r, w=words[r]) + f" in {c}" for r, c in ranks]
    listed = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
    text = f"We ranked {listed} by smartphone shipments."
    facts = [f for f in extract_text(text, GAZ, issuer="xiaomi", period="2020-Q2", date="2020-08-19",
                                     only=["measures"]).facts if f.kind == "ranking"]
    assert [(int(f.value), f.market.label) for f in facts] == [(r, c) for r, c in ranks], text
