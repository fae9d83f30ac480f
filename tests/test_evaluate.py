"""The scorer (graph/evaluate.py) on hand-made facts and gold rows over a hand-made text."""
from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from rich.console import Console

from marketgraph.graph.evaluate import (GoldFormatError, GoldRow, evaluate, load_gold, period_labels,
                                        units_compatible)
from marketgraph.graph.gazetteer import load_gazetteer
from marketgraph.graph.records import EntityRef, Evidence, Fact, Period

DOC = "t1_acme.txt"
TEXT = (
    "Acme Corp reported results. Revenue rose 12.5% to RMB40.2 billion in the second quarter. "
    "Phone and TV revenue grew 10% and 20%, respectively. "
    "The AcmePhone X ranked first in Ruritania. "
    "Anna Berg, Chief Financial Officer of Acme. "
    "Related posts: Acme Invested In 12 Companies"
)

GAZ = """
entities:
  - key: acme
    kind: organisation
    label: Acme Corporation
    aliases: [Acme Corp, Acme]
  - key: acme-phones
    kind: segment
    label: Acme phones
    props: {partOf: acme}
  - key: acmephone-x
    kind: product
    label: AcmePhone X
    props: {manufacturer: acme}
  - key: acme-cloud
    kind: platform
    label: Acme Cloud
    props: {developer: acme}
  - key: acme-overseas
    kind: segment
    label: Acme overseas markets
    aliases: [overseas]
    props: {partOf: acme}
  - key: ruritania
    kind: market
    label: Ruritania
    aliases: [Ruritanian market]
  - key: beta
    kind: organisation
    label: Beta Industries
"""

HEADER = "id\tdoc\tkind\tsubject\tpredicate\tvalue\tunit\tscale\tperiod\tqualifier\tquote"


def row(id, kind, subject, predicate, value, unit, scale, period, qualifier, quote) -> GoldRow:
    return GoldRow(id, DOC, kind, subject, predicate, value, unit, scale, period, qualifier, quote)


def fact(kind, subject, quote, value=None, unit=None, period=None, market=None, metric=None,
         source_file=f"seeds/{DOC}", occurrence=0) -> Fact:
    start = -1
    for _ in range(occurrence + 1):
        start = TEXT.find(quote, start + 1)
    assert start >= 0, quote
    return Fact(kind=kind, doc_id="acme-doc", subject=subject,
                evidence=Evidence(source_file, start, start + len(quote), quote),
                metric=metric, value=None if value is None else (Decimal(value) if kind != "role" else value),
                unit=unit, period=period, market=market)


ACME = EntityRef("acme", "organisation", "Acme Corporation")
BETA = EntityRef("beta", "organisation", "Beta Industries")
PHONES = EntityRef("acme-phones", "segment", "Acme phones")
PHONE_X = EntityRef("acmephone-x", "product", "AcmePhone X")
RURITANIA = EntityRef("ruritania", "market", "Ruritania")
Q2 = Period("2020-Q2", "quarter")
Q3 = Period("2020-Q3", "quarter")

REVENUE = row("T-1", "metric", "Acme Corporation", "revenue", "40.2", "CNY", "billion", "Q2 2020", "",
              "RMB40.2 billion in the second quarter")
CHANGE = row("T-2", "change", "Acme Corporation", "revenue change", "12.5", "%", "", "Q2 2020", "basis=YoY",
             "Revenue rose 12.5%")
RESP_PHONE = row("T-3", "change", "Acme phones", "revenue change", "10", "%", "", "", "construction=respectively",
                 "Phone and TV revenue grew 10% and 20%, respectively")
RESP_TV = row("T-4", "change", "Acme TV", "revenue change", "20", "%", "", "", "construction=respectively",
              "Phone and TV revenue grew 10% and 20%, respectively")
RANK = row("T-5", "ranking", "AcmePhone X", "rank", "1", "rank", "", "", "market=Ruritania",
           "The AcmePhone X ranked first in Ruritania")
PERSON = row("T-6", "person", "Anna Berg", "role", "Chief Financial Officer", "", "", "", "org=Acme",
             "Anna Berg, Chief Financial Officer of Acme")
CHROME = row("T-7", "count", "Acme Corporation", "companies invested in", "12", "companies", "", "",
             "note=page chrome", "Acme Invested In 12 Companies")


@pytest.fixture()
def gaz(tmp_path: Path):
    (tmp_path / "entities.yaml").write_text(GAZ, encoding="utf-8")
    return load_gazetteer(tmp_path)


def score(facts, gold, gaz):
    return evaluate(facts, gold, {f"seeds/{DOC}": TEXT}, gaz)


def test_exact_match(gaz):
    f = fact("metric", ACME, "Revenue rose 12.5% to RMB40.2 billion in the second quarter", "40200000000", "CNY", Q2)
    r = score([f], [REVENUE], gaz)
    assert r.kind("metric").matched_gold == 1 and r.kind("metric").precision == 1.0
    assert r.misses == [] and r.false_positives == []


def test_wrong_value_is_a_false_positive_and_a_miss(gaz):
    f = fact("metric", ACME, "RMB40.2 billion", "40200000", "CNY", Q2)      # scaled by million, not billion
    r = score([f], [REVENUE], gaz)
    assert r.kind("metric").recall == 0.0 and r.kind("metric").precision == 0.0
    assert [m.row.id for m in r.misses] == ["T-1"]
    assert r.false_positives[0].near == (("T-1", ("value",)),)


def test_wrong_period(gaz):
    f = fact("metric", ACME, "RMB40.2 billion", "40200000000", "CNY", Q3)
    r = score([f], [REVENUE], gaz)
    assert r.kind("metric").matched_gold == 0
    assert r.misses[0].near[0][1] == ("period",)


def test_missing_period_fails_when_gold_names_one(gaz):
    f = fact("metric", ACME, "RMB40.2 billion", "40200000000", "CNY", None)
    assert score([f], [REVENUE], gaz).kind("metric").matched_gold == 0


def test_prices_may_leave_the_period_out_metrics_may_not(gaz):
    price = row("T-14", "price", "AcmePhone X", "price", "40.2", "CNY", "billion", "2020", "", "RMB40.2 billion")
    no_period = fact("price", PHONE_X, "RMB40.2 billion", "40200000000", "CNY", None)
    assert score([no_period], [price], gaz).kind("price").recall == 1.0
    wrong = fact("price", PHONE_X, "RMB40.2 billion", "40200000000", "CNY", Period("2019", "year"))
    assert score([wrong], [price], gaz).kind("price").recall == 0.0


def test_wrong_subject(gaz):
    f = fact("metric", BETA, "RMB40.2 billion", "40200000000", "CNY", Q2)
    r = score([f], [REVENUE], gaz)
    assert r.kind("metric").matched_gold == 0
    assert r.misses[0].near[0][1] == ("subject",)


def test_subject_reachable_through_part_of_and_manufacturer(gaz):
    seg = fact("metric", PHONES, "RMB40.2 billion", "40200000000", "CNY", Q2)
    assert score([seg], [REVENUE], gaz).kind("metric").matched_gold == 1
    # the other way round (gold names the part, fact names the whole) does not match
    whole = fact("change", ACME, "grew 10%", "10", "percent")
    assert score([whole], [RESP_PHONE], gaz).kind("change").matched_gold == 0


def test_gold_subject_with_company_prefix_resolves_to_the_product(gaz):
    gold = row("T-10", "ranking", "Acme AcmePhone X", "rank", "1", "rank", "", "", "", "ranked first in Ruritania")
    ok = fact("ranking", PHONE_X, "ranked first", "1")
    assert score([ok], [gold], gaz).kind("ranking").recall == 1.0
    company = fact("ranking", ACME, "ranked first", "1")
    assert score([company], [gold], gaz).kind("ranking").recall == 0.0


def test_platform_reaches_its_developer_and_segment_market_may_be_the_subject(gaz):
    cloud = EntityRef("acme-cloud", "platform", "Acme Cloud")
    f = fact("metric", cloud, "RMB40.2 billion", "40200000000", "CNY", Q2)
    assert score([f], [REVENUE], gaz).kind("metric").recall == 1.0
    overseas = row("T-11", "change", "Acme Corporation", "revenue change", "12.5", "%", "", "Q2 2020",
                   "market=overseas", "Revenue rose 12.5%")
    seg = fact("change", EntityRef("acme-overseas", "segment", "Acme overseas markets"), "rose 12.5%", "12.5",
               "percent", Q2)
    assert score([seg], [overseas], gaz).kind("change").recall == 1.0
    plain = fact("change", ACME, "rose 12.5%", "12.5", "percent", Q2)      # no market at all
    assert score([plain], [overseas], gaz).misses[0].near[0][1] == ("market",)


def test_wrong_unit_and_wrong_market(gaz):
    usd = fact("metric", ACME, "RMB40.2 billion", "40200000000", "USD", Q2)
    assert score([usd], [REVENUE], gaz).misses[0].near[0][1] == ("unit",)
    other = EntityRef("elbonia", "market", "Elbonia")
    wrong = fact("ranking", PHONE_X, "ranked first", "1", None, None, other)
    assert score([wrong], [RANK], gaz).misses[0].near[0][1] == ("market",)
    alias = fact("ranking", PHONE_X, "ranked first", "1", None, None, RURITANIA)
    assert score([alias], [RANK], gaz).kind("ranking").recall == 1.0


def test_no_overlap_no_match(gaz):
    f = fact("metric", ACME, "Acme Corp reported results", "40200000000", "CNY", Q2)
    r = score([f], [REVENUE], gaz)
    assert r.kind("metric").matched_gold == 0 and r.false_positives[0].near == ()


def test_other_file_is_not_scored(gaz):
    f = fact("metric", ACME, "RMB40.2 billion", "40200000000", "CNY", Q2, source_file="seeds/other.txt")
    r = score([f], [REVENUE], gaz)
    assert r.kind("metric").predicted == 0 and r.unscored_facts == 1


def test_duplicate_predictions_count_once(gaz):
    a = fact("metric", ACME, "RMB40.2 billion", "40200000000", "CNY", Q2)
    b = fact("metric", ACME, "Revenue rose 12.5% to RMB40.2 billion", "40200000000", "CNY", Q2)
    r = score([a, b], [REVENUE], gaz)
    m = r.kind("metric")
    assert (m.gold, m.predicted, m.matched_gold, m.matched_predicted) == (1, 2, 1, 1)
    assert m.precision == 0.5 and m.recall == 1.0
    assert len(r.false_positives) == 1 and r.false_positives[0].near == (("T-1", ("taken",)),)


def test_restatement_elsewhere_is_not_counted_but_overlapping_duplicate_is(gaz):
    body = fact("change", ACME, "Revenue rose 12.5%", "12.5", "percent", Q2)
    again = fact("change", ACME, "Acme Corp reported results", "12.5", "percent", Q2)   # a second place
    r = score([body, again], [CHANGE], gaz)
    c = r.kind("change")
    assert (c.predicted, c.matched_predicted, c.precision) == (1, 1, 1.0)
    assert r.restatements == [again] and r.false_positives == []
    different = fact("change", ACME, "Acme Corp reported results", "13", "percent", Q2)
    r = score([body, different], [CHANGE], gaz)
    assert r.kind("change").precision == 0.5 and r.restatements == []
    # a headline copy naming the segment instead of the company still restates the credited row
    segment = fact("change", PHONES, "Acme Corp reported results", "12.5", "percent", Q2)
    assert score([body, segment], [CHANGE], gaz).restatements == [segment]
    # ... but not when it comes from another document of a bundled file
    from dataclasses import replace
    other_doc = replace(again, doc_id="another-doc")
    r = score([body, other_doc], [CHANGE], gaz)
    assert r.restatements == [] and r.kind("change").precision == 0.5


def test_respectively_quotes_pair_each_value(gaz):
    tv = EntityRef("acme-tv", "segment", "Acme TV")
    phone = fact("change", PHONES, "Phone and TV revenue grew 10% and 20%, respectively", "10", "percent")
    tv_f = fact("change", tv, "Phone and TV revenue grew 10% and 20%, respectively", "20", "percent")
    r = score([tv_f, phone], [RESP_PHONE, RESP_TV], gaz)
    assert r.kind("change").matched_gold == 2 and r.kind("change").precision == 1.0
    swapped = fact("change", PHONES, "Phone and TV revenue grew 10% and 20%, respectively", "20", "percent")
    r = score([swapped], [RESP_PHONE, RESP_TV], gaz)
    assert r.kind("change").matched_gold == 0


def test_chrome_rows_are_ignored_and_chrome_facts_are_false_positives(gaz):
    f = fact("count", ACME, "Invested In 12 Companies", "12", "companies")
    r = score([f], [REVENUE, CHROME], gaz)
    assert r.chrome_rows == 1 and r.kind("count").gold == 0
    assert r.kind("count").predicted == 1 and r.kind("count").precision == 0.0
    assert r.kind("metric").recall == 0.0


def test_person_matches_role_and_not_produced_kinds(gaz):
    anna = EntityRef("anna-berg", "person", "Anna Berg")
    role = Fact(kind="role", doc_id="acme-doc", subject=anna,
                evidence=Evidence(f"seeds/{DOC}", TEXT.find("Anna"), TEXT.find("Anna") + 9, "Anna Berg"),
                value="Chief Financial Officer", object=ACME)
    r = score([role], [PERSON, REVENUE, CHANGE], gaz)
    assert r.kind("person").recall == 1.0 and r.kind("person").precision == 1.0
    assert not r.kind("metric").produced and r.kind("metric").precision is None
    assert r.total.gold == 3 and r.total.matched_gold == 1
    assert r.total_produced.gold == 1
    table = Console(width=120, record=True)
    table.print(r.as_table())
    out = table.export_text()
    assert "not produced" in out and "person" in out
    data = json.loads(r.as_json())
    assert {m["id"] for m in data["misses"]} == {"T-1", "T-2"}
    assert data["total"]["recall"] == pytest.approx(1 / 3)
    assert data["by_doc"] == {DOC: {"gold": 3, "matched": 1, "false_positives": 0, "misses": 2}}


def test_text_values(gaz):
    spec = row("T-12", "spec", "AcmePhone X", "display", "6.7-inch AMOLED panel", "", "", "", "",
               "The AcmePhone X ranked first")
    number = fact("spec", PHONE_X, "AcmePhone X", "6.7", "inch")
    assert score([number], [spec], gaz).kind("spec").recall == 0.0      # 6.7 is not "contained" in the text
    words = Fact(kind="spec", doc_id="d", subject=PHONE_X, evidence=number.evidence, value="AMOLED panel")
    assert score([words], [spec], gaz).kind("spec").recall == 1.0
    rule = Fact(kind="spec", doc_id="d", subject=PHONE_X, evidence=number.evidence, qualifiers=(("rule", "panel"),))
    assert score([rule], [spec], gaz).kind("spec").recall == 0.0       # only status/variant/... qualifiers count
    launch = row("T-13", "launch", "AcmePhone X", "launch", "launched", "", "", "", "", "The AcmePhone X ranked")
    status = Fact(kind="launch", doc_id="d", subject=PHONE_X, evidence=number.evidence,
                  qualifiers=(("status", "launched"),))
    assert score([status], [launch], gaz).kind("launch").recall == 1.0


def test_qa_turns_are_not_scored(gaz):
    f = fact("qa_turn", ACME, "Acme Corp reported results")
    r = score([f], [REVENUE], gaz)
    assert r.unscored_facts == 1 and r.false_positives == []


def test_unknown_gold_subject_needs_a_shared_word(gaz):
    gold = row("T-9", "metric", "Acme premium phones", "revenue", "40.2", "CNY", "billion", "Q2 2020", "",
               "RMB40.2 billion")
    ok = fact("metric", PHONES, "RMB40.2 billion", "40200000000", "CNY", Q2)
    assert score([ok], [gold], gaz).kind("metric").recall == 1.0
    for other in (ACME, BETA):      # the company's own name is not a distinctive shared word
        no = fact("metric", other, "RMB40.2 billion", "40200000000", "CNY", Q2, metric="revenue")
        assert score([no], [gold], gaz).kind("metric").recall == 0.0
    # the company itself matches when its metric names what the gold subject adds ("phones")
    by_metric = fact("metric", ACME, "RMB40.2 billion", "40200000000", "CNY", Q2, metric="phone-revenue")
    assert score([by_metric], [gold], gaz).kind("metric").recall == 1.0


@pytest.mark.parametrize("gold,fact_label", [
    ("Q3 2020", "2020-Q3"), ("3Q2020", "2020-Q3"), ("FY2020", "2020"), ("H1 2020", "2020-H1"),
    ("as of 2020-06-30", "2020-06-30"), ("2020-07", "2020-07"), ("2021-2025", "2021/2025"),
    ("9M 2020", "2020-9M"), ("FY2020 (year-end)", "2020-12-31"), ("as of 2020-06-30", "2020-Q2"),
])
def test_period_normalisation(gold, fact_label):
    assert fact_label in period_labels(gold)
    assert period_labels(fact_label) & period_labels(gold)


def test_an_instant_inside_a_quarter_is_not_that_quarter():
    assert "2020-Q2" not in period_labels("as of 2020-05-31")
    assert period_labels("Q2 2020") == frozenset({"2020-Q2"})


def test_free_form_periods_match_anything():
    assert period_labels("at launch") is None and period_labels("") is None


@pytest.mark.parametrize("gold,fact_unit,ok", [
    ("CNY", "CNY", True), ("CNY", "RMB", True), ("CNY", "yuan", True), ("CNY", "USD", False),
    ("%", "percent", True), ("pp", "percent", False), ("%", "pp", False), ("units", "devices", True),
    ("MP", "MP", True), ("MP", "mAh", False), ("", "CNY", True), ("%", None, True),
])
def test_unit_compatibility(gold, fact_unit, ok):
    assert units_compatible(gold, fact_unit) is ok


def test_load_gold_reads_files_and_folders(tmp_path: Path):
    line = "\t".join(["T-1", DOC, "metric", "Acme", "revenue", "40.2", "CNY", "billion", "Q2 2020", "", "RMB40.2"])
    (tmp_path / "a.tsv").write_text(HEADER + "\n" + line + "\n", encoding="utf-8")
    assert [r.id for r in load_gold(tmp_path)] == ["T-1"]
    assert load_gold(tmp_path / "a.tsv")[0].number == Decimal("40200000000")
    (tmp_path / "b.tsv").write_text(HEADER + "\nT-2\tonly three\tcolumns\n", encoding="utf-8")
    with pytest.raises(GoldFormatError, match="b.tsv:2"):
        load_gold(tmp_path)


def test_missing_quote_is_an_error(gaz):
    bad = row("T-8", "metric", "Acme", "revenue", "1", "CNY", "", "", "", "not in the text")
    with pytest.raises(GoldFormatError, match="T-8"):
        score([], [bad], gaz)


# ---------------------------------------------------------------- the real gold files against an oracle

def _oracle_facts(rows, texts, gazetteer):
    """One fact per gold row, built the way a perfect extractor would state it."""
    from marketgraph.graph.evaluate import KIND_COMPAT, _Resolver, period_labels

    res = _Resolver(gazetteer)
    units = {"%": "percent", "pp": "pp"}
    facts = []
    for r in rows:
        kinds = sorted(KIND_COMPAT[r.kind])
        if not kinds or r.is_chrome:
            continue
        key = res.resolve(r.subject)
        subject = gazetteer.ref(key) if key else EntityRef(r.subject.casefold().replace(" ", "-"), "organisation",
                                                           r.subject)
        market = None
        if r.qualifier_value("market"):
            mkey = res.resolve(r.qualifier_value("market"))
            market = gazetteer.ref(mkey) if mkey else EntityRef("m", "market", r.qualifier_value("market"))
        labels = period_labels(r.period)
        period = Period(sorted(labels)[0], "quarter") if labels else None
        value = r.number if r.number is not None else r.value
        start = texts[r.doc].find(r.quote)
        facts.append(Fact(kind=("role" if r.kind == "person" else kinds[0]), doc_id=r.doc, subject=subject,
                          evidence=Evidence(r.doc, start, start + len(r.quote), r.quote), value=value,
                          unit=units.get(r.unit, r.unit or None), period=period, market=market))
    return facts


@pytest.mark.parametrize("corpus", ["seeds", "dev"])
def test_every_gold_row_can_be_matched_by_a_perfect_extractor(corpus):
    """Guards the gold files and the scorer together: no row is unmatchable, no fact matches two rows."""
    from marketgraph.graph.paths import ProjectPaths

    paths = ProjectPaths.default()
    gazetteer = load_gazetteer(paths.gazetteer)
    rows = load_gold(paths.root / "tests" / "gold" / corpus)
    texts = {p.name: p.read_text(encoding="utf-8") for p in (paths.sources / corpus).glob("*.txt")}
    report = evaluate(_oracle_facts(rows, texts, gazetteer), rows, texts, gazetteer)
    produced = report.total_produced
    assert [m.row.id for m in report.misses if report.kind(m.row.kind).produced] == []
    assert report.false_positives == [] and produced.recall == 1.0 and produced.precision == 1.0


@pytest.mark.parametrize("corpus", ["seeds", "dev"])
def test_a_wrong_value_or_subject_never_matches_any_gold_row(corpus):
    """The same oracle with every value (then every subject) changed scores nothing."""
    from dataclasses import replace

    from marketgraph.graph.paths import ProjectPaths

    paths = ProjectPaths.default()
    gazetteer = load_gazetteer(paths.gazetteer)
    rows = load_gold(paths.root / "tests" / "gold" / corpus)
    texts = {p.name: p.read_text(encoding="utf-8") for p in (paths.sources / corpus).glob("*.txt")}
    wrong = [replace(f, value=(f.value * Decimal("1.37") + Decimal("0.011") if isinstance(f.value, Decimal)
                               else "zzz unrelated"))       # (x2+1 collides: 4999 -> 9999 in one price list)
             for f in _oracle_facts(rows, texts, gazetteer)]
    assert evaluate(wrong, rows, texts, gazetteer).matches == []
    stranger = EntityRef("zeta", "organisation", "Zeta Unrelated")
    others = [replace(f, subject=stranger) for f in _oracle_facts(rows, texts, gazetteer)]
    assert evaluate(others, rows, texts, gazetteer).matches == []


def test_wrong_metric_is_a_false_positive_and_a_miss(gaz):
    """The right figure at the right place, labelled with another metric, is a wrong fact."""
    right = fact("metric", ACME, "RMB40.2 billion", "40200000000", "CNY", Q2, metric="revenue")
    wrong = fact("metric", ACME, "RMB40.2 billion", "40200000000", "CNY", Q2, metric="gross-profit")
    assert score([right], [REVENUE], gaz).kind("metric").matched_gold == 1
    r = score([wrong], [REVENUE], gaz)
    assert r.kind("metric").matched_gold == 0
    assert r.false_positives[0].near == (("T-1", ("metric",)),)


def test_the_subject_words_complete_the_metric(gaz):
    """Gold "smartphone revenue" of the company is the fact "revenue" of the smartphones segment."""
    phones = EntityRef("acme-phones", "segment", "Acme phones")
    gold = row("T-9", "metric", "Acme Corporation", "phone revenue", "40.2", "CNY", "billion", "Q2 2020", "",
               "RMB40.2 billion in the second quarter")
    f = fact("metric", phones, "RMB40.2 billion", "40200000000", "CNY", Q2, metric="revenue")
    assert score([f], [gold], gaz).kind("metric").matched_gold == 1
