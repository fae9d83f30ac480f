"""The strict scorer (graph/evaluation/) on hand-made facts and gold rows over a hand-made text.

A fact is right only when value, unit, subject, metric and period (and market, change basis and modality where
the gold states them) are all right; each rule has a test that a wrong field fails it.
"""
from __future__ import annotations

import json
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from rich.console import Console

from marketgraph.graph.evaluate import GoldFormatError, GoldRow, evaluate, load_gold
from marketgraph.graph.evaluation.criteria import unit_class, unit_ok
from marketgraph.graph.evaluation.periods import fact_interval, gold_intervals, same_interval
from marketgraph.graph.gazetteer import load_gazetteer
from marketgraph.graph.records import EntityRef, Evidence, Fact, Period

DOC = "t1_acme.txt"
TEXT = (
    "Acme Corp reported results. Revenue rose 12.5% to RMB40.2 billion in the second quarter. "
    "Phone and TV revenue grew 10% and 20%, respectively. "
    "The AcmePhone X ranked first in Ruritania. "
    "Anna Berg, Chief Financial Officer of Acme. "
    "Global tablet shipments fell 3% to 30.1 million units, while Beta and Gamma held a combined 41% share. "
    "Acme expects revenue of RMB42 billion to RMB44 billion next quarter. "
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
         source_file=f"seeds/{DOC}", qualifiers=(), basis=None) -> Fact:
    start = TEXT.find(quote)
    assert start >= 0, quote
    return Fact(kind=kind, doc_id="acme-doc", subject=subject,
                evidence=Evidence(source_file, start, start + len(quote), quote),
                metric=metric, value=None if value is None else (Decimal(value) if kind != "role" else value),
                unit=unit, period=period, market=market, qualifiers=tuple(qualifiers), basis=basis)


ACME = EntityRef("acme", "organisation", "Acme Corporation")
BETA = EntityRef("beta", "organisation", "Beta Industries")
PHONES = EntityRef("acme-phones", "segment", "Acme phones", owner="acme")
PHONE_X = EntityRef("acmephone-x", "product", "AcmePhone X")
RURITANIA = EntityRef("ruritania", "market", "Ruritania")
Q2 = Period("2020-Q2", "quarter")
Q3 = Period("2020-Q3", "quarter")

REVENUE = row("T-1", "metric", "Acme Corporation", "revenue", "40.2", "CNY", "billion", "Q2 2020",
              "class=subject-explicit", "RMB40.2 billion in the second quarter")
CHANGE = row("T-2", "change", "Acme Corporation", "revenue", "12.5", "%", "", "Q2 2020", "basis=YoY",
             "Revenue rose 12.5%")
RESP_PHONE = row("T-3", "change", "Acme Corporation / phones", "revenue", "10", "%", "", "Q2 2020",
                 "class=respectively", "Phone and TV revenue grew 10% and 20%, respectively")
RESP_TV = row("T-4", "change", "Acme Corporation / TV", "revenue", "20", "%", "", "Q2 2020", "",
              "Phone and TV revenue grew 10% and 20%, respectively")
RANK = row("T-5", "ranking", "AcmePhone X", "rank", "1", "rank", "", "", "market=Ruritania",
           "The AcmePhone X ranked first in Ruritania")
PERSON = row("T-6", "person", "Anna Berg", "role", "Chief Financial Officer", "", "", "", "org=Acme",
             "Anna Berg, Chief Financial Officer of Acme")
CHROME = row("T-7", "count", "Acme Corporation", "companies invested in", "12", "companies", "", "",
             "note=page chrome", "Acme Invested In 12 Companies")
MARKET = row("T-20", "metric", "market", "shipments", "30.1", "units", "million", "Q2 2020",
             "market=World; category=tablets; class=subject-market", "tablet shipments fell 3% to 30.1 million units")
GROUP = row("T-21", "market_share", "Beta + Gamma", "market share", "41", "%", "", "Q2 2020",
            "class=subject-group", "Beta and Gamma held a combined 41% share")
GUIDE = row("T-22", "metric", "Acme Corporation", "revenue", "42..44", "CNY", "billion", "Q3 2020",
            "modality=guidance; class=modality,vocab-range", "revenue of RMB42 billion to RMB44 billion next quarter")


@pytest.fixture()
def gaz(tmp_path: Path):
    (tmp_path / "entities.yaml").write_text(GAZ, encoding="utf-8")
    return load_gazetteer(tmp_path)


def score(facts, gold, gaz):
    return evaluate(facts, gold, {f"seeds/{DOC}": TEXT}, gaz)


def only_failures(report) -> tuple[str, ...]:
    return report.misses[0].near[0][1]


def test_exact_match(gaz):
    f = fact("metric", ACME, "Revenue rose 12.5% to RMB40.2 billion in the second quarter", "40200000000", "CNY",
             Q2, metric="revenue")
    r = score([f], [REVENUE], gaz)
    assert r.kind("metric").matched_gold == 1 and r.kind("metric").precision == 1.0
    assert r.misses == [] and r.false_positives == []
    assert r.numeric.recall == 1.0 and r.numeric.precision == 1.0


@pytest.mark.parametrize("change,failed", [
    (dict(value=Decimal("40200000")), "value"),                     # scaled by million, not billion
    (dict(period=Q3), "period"),
    (dict(period=None), "period"),
    (dict(subject=BETA), "subject"),
    (dict(metric="gross-profit"), "metric"),
    (dict(unit="USD"), "unit"),
    (dict(qualifiers=(("modality", "forecast"),)), "modality"),
])
def test_each_wrong_field_is_named(gaz, change, failed):
    right = fact("metric", ACME, "RMB40.2 billion", "40200000000", "CNY", Q2, metric="revenue")
    r = score([replace(right, **change)], [REVENUE], gaz)
    assert r.kind("metric").matched_gold == 0 and r.kind("metric").precision == 0.0
    assert [m.row.id for m in r.misses] == ["T-1"]
    assert r.false_positives[0].near == (("T-1", (failed,)),)
    assert r.wrong_by_field()[failed] == 1


def test_a_segment_figure_is_not_the_company_figure(gaz):
    """The issue's complaint: a segment's revenue read as the group's is wrong, and the reverse too."""
    seg = fact("metric", PHONES, "RMB40.2 billion", "40200000000", "CNY", Q2, metric="revenue")
    assert only_failures(score([seg], [REVENUE], gaz)) == ("metric",)
    whole = fact("change", ACME, "grew 10%", "10", "percent", Q2, metric="revenue", basis="YoY")
    assert only_failures(score([whole], [RESP_PHONE], gaz)) == ("metric",)
    right = fact("change", PHONES, "grew 10%", "10", "percent", Q2, metric="revenue", basis="YoY")
    assert score([right], [RESP_PHONE], gaz).kind("change").matched_gold == 1


def test_segment_in_the_subject_or_in_the_measure_is_the_same_figure(gaz):
    """"Acme / phones" + revenue = "Acme" + "phone revenue" = fact (segment Acme phones, revenue)."""
    gold = replace(RESP_PHONE, subject="Acme Corporation", predicate="phone revenue")
    f = fact("change", PHONES, "grew 10%", "10", "percent", Q2, metric="revenue")
    assert score([f], [gold], gaz).kind("change").matched_gold == 1
    # a segment discovered in text (not in the gazetteer) with its owner recorded
    tv = EntityRef("acme-tv", "segment", "Acme TV", owner="acme")
    f_tv = fact("change", tv, "Phone and TV revenue grew 10% and 20%", "20", "percent", Q2, metric="revenue")
    assert score([f_tv], [RESP_TV], gaz).kind("change").matched_gold == 1
    swapped = fact("change", PHONES, "Phone and TV revenue grew 10% and 20%", "20", "percent", Q2, metric="revenue")
    assert score([swapped], [RESP_PHONE, RESP_TV], gaz).kind("change").matched_gold == 0


def test_a_part_named_as_the_subject_matches_the_same_part_read_as_a_segment(gaz):
    """Gold "Acme phones" (a part named as the subject, unknown to the scorer's names) and a fact on the segment
    Acme phones measure the same thing; a fact on another part does not."""
    gold = replace(RESP_PHONE, subject="Acme phones", predicate="revenue")
    right = fact("change", PHONES, "grew 10%", "10", "percent", Q2, metric="revenue")
    assert score([right], [gold], gaz).kind("change").matched_gold == 1
    tv = EntityRef("acme-tv", "segment", "Acme TV", owner="acme")
    other = fact("change", tv, "grew 10%", "10", "percent", Q2, metric="revenue")
    assert score([other], [gold], gaz).kind("change").matched_gold == 0


def test_unknown_companies_match_by_name_not_by_a_shared_word(gaz):
    gold = row("T-9", "metric", "Halden Micro Systems Inc.", "revenue", "40.2", "CNY", "billion", "Q2 2020", "",
               "RMB40.2 billion")
    for label, ok in (("Halden Micro Systems", True), ("Halden", True), ("HMS", True), ("Halden Micro", True),
                      ("Micro Systems", False), ("Inc.", False), ("Systems Holdings Ltd", False)):
        f = fact("metric", EntityRef("x", "organisation", label), "RMB40.2 billion", "40200000000", "CNY", Q2,
                 metric="revenue")
        assert (score([f], [gold], gaz).kind("metric").matched_gold == 1) is ok, label


def test_products_need_the_whole_model_name(gaz):
    gold = row("T-10", "ranking", "Veloce Aurora Max", "rank", "1", "rank", "", "", "",
               "The AcmePhone X ranked first in Ruritania")
    veloce = row("T-11", "metric", "Veloce Mobility AB", "revenue", "40.2", "CNY", "billion", "Q2 2020", "",
                 "RMB40.2 billion")
    for label, ok in (("Aurora Max", True), ("Veloce Aurora Max", True), ("Aurora", False),
                      ("Aurora Max Pro", False), ("Nova Max", False)):
        f = fact("ranking", EntityRef("p", "product", label), "ranked first", "1")
        assert (score([f], [gold, veloce], gaz).kind("ranking").matched_gold == 1) is ok, label
    company = fact("ranking", ACME, "ranked first", "1")
    assert score([company], [gold], gaz).kind("ranking").recall == 0.0


def test_market_totals_and_combined_figures(gaz):
    world = EntityRef("world", "market", "World")
    total = fact("metric", EntityRef("world-tablets", "market", "global tablets market"),
                 "shipments fell 3% to 30.1 million units", "30100000", "units", Q2, world, metric="shipments")
    assert score([total], [MARKET], gaz).kind("metric").matched_gold == 1
    as_issuer = replace(total, subject=ACME)
    assert "subject" in only_failures(score([as_issuer], [MARKET], gaz))
    group = fact("market_share", EntityRef("beta+gamma", "group", "Beta + Gamma"), "combined 41% share", "41",
                 "percent", Q2, metric="market-share")
    assert score([group], [GROUP], gaz).kind("market_share").matched_gold == 1
    one = replace(group, subject=BETA)
    assert only_failures(score([one], [GROUP], gaz)) == ("subject",)


def test_category_of_a_market_measure_may_be_left_out_but_not_contradicted(gaz):
    world = EntityRef("world", "market", "World")
    market = EntityRef("world-tablets", "market", "global tablets market")
    plain = fact("metric", market, "30.1 million units", "30100000", "units", Q2, world, metric="shipments")
    assert score([plain], [MARKET], gaz).kind("metric").matched_gold == 1
    other = replace(plain, qualifiers=(("category", "smartphones"),))
    assert only_failures(score([other], [MARKET], gaz)) == ("metric",)
    # a gold that names no category: the fact may name the category it measured
    no_category = replace(MARKET, qualifier="market=World; class=subject-market")
    assert score([other], [no_category], gaz).kind("metric").matched_gold == 1
    # ...but not another measure
    revenue = replace(other, metric="revenue")
    assert only_failures(score([revenue], [no_category], gaz)) == ("metric",)


def test_ranges_and_modality(gaz):
    f = fact("metric", ACME, "RMB42 billion to RMB44 billion", "42000000000", "CNY", Q3, metric="revenue",
             qualifiers=(("low", "42000000000"), ("high", "44000000000"), ("modality", "guidance")))
    assert score([f], [GUIDE], gaz).kind("metric").matched_gold == 1
    actual = replace(f, qualifiers=(("low", "42000000000"), ("high", "44000000000")))
    assert only_failures(score([actual], [GUIDE], gaz)) == ("modality",)
    point = replace(f, qualifiers=(("modality", "guidance"),))
    assert only_failures(score([point], [GUIDE], gaz)) == ("value",)


def test_change_basis_and_accounting_basis(gaz):
    yoy = fact("change", ACME, "Revenue rose 12.5%", "12.5", "percent", Q2, metric="revenue", basis="YoY")
    assert score([yoy], [CHANGE], gaz).kind("change").matched_gold == 1
    assert only_failures(score([replace(yoy, basis="QoQ")], [CHANGE], gaz)) == ("basis",)
    adjusted = replace(REVENUE, predicate="revenue", qualifier="accounting=non-GAAP")
    plain = fact("metric", ACME, "RMB40.2 billion", "40200000000", "CNY", Q2, metric="revenue")
    assert only_failures(score([plain], [adjusted], gaz)) == ("metric",)
    marked = replace(plain, qualifiers=(("accounting", "adjusted"),))
    assert score([marked], [adjusted], gaz).kind("metric").matched_gold == 1
    named = replace(REVENUE, predicate="adjusted revenue")      # the basis written in the predicate
    assert score([marked], [named], gaz).kind("metric").matched_gold == 1


def test_market_qualifier(gaz):
    other = EntityRef("elbonia", "market", "Elbonia")
    wrong = fact("ranking", PHONE_X, "ranked first", "1", None, None, other)
    assert only_failures(score([wrong], [RANK], gaz)) == ("market",)
    alias = fact("ranking", PHONE_X, "ranked first", "1", None, None, RURITANIA)
    assert score([alias], [RANK], gaz).kind("ranking").recall == 1.0


def test_synonyms_come_from_the_scorers_own_table(gaz):
    gold = replace(REVENUE, predicate="net sales")
    f = fact("metric", ACME, "RMB40.2 billion", "40200000000", "CNY", Q2, metric="revenue")
    assert score([f], [gold], gaz).kind("metric").matched_gold == 1
    narrower = replace(REVENUE, predicate="hardware revenue")
    assert only_failures(score([f], [narrower], gaz)) == ("metric",)


def test_no_overlap_no_match_and_other_files_unscored(gaz):
    f = fact("metric", ACME, "Acme Corp reported results", "40200000000", "CNY", Q2, metric="revenue")
    r = score([f], [REVENUE], gaz)
    assert r.kind("metric").matched_gold == 0 and r.false_positives[0].near == ()
    assert r.false_positives[0].fields == ("no gold row",)
    elsewhere = replace(f, evidence=replace(f.evidence, source_file="seeds/other.txt"))
    r = score([elsewhere], [REVENUE], gaz)
    assert r.kind("metric").predicted == 0 and r.unscored_facts == 1


def test_duplicate_predictions_count_once(gaz):
    a = fact("metric", ACME, "RMB40.2 billion", "40200000000", "CNY", Q2, metric="revenue")
    b = fact("metric", ACME, "Revenue rose 12.5% to RMB40.2 billion", "40200000000", "CNY", Q2, metric="revenue")
    r = score([a, b], [REVENUE], gaz)
    m = r.kind("metric")
    assert (m.gold, m.predicted, m.matched_gold, m.matched_predicted) == (1, 2, 1, 1)
    assert len(r.false_positives) == 1 and r.false_positives[0].near == (("T-1", ("taken",)),)


def test_restatement_elsewhere_is_not_counted_but_overlapping_duplicate_is(gaz):
    body = fact("change", ACME, "Revenue rose 12.5%", "12.5", "percent", Q2, metric="revenue", basis="YoY")
    again = replace(body, evidence=Evidence(body.evidence.source_file, 0, 26, TEXT[:26]))
    r = score([body, again], [CHANGE], gaz)
    c = r.kind("change")
    assert (c.predicted, c.matched_predicted, c.precision) == (1, 1, 1.0)
    assert r.restatements == [again] and r.false_positives == []
    different = replace(again, value=Decimal("13"))
    r = score([body, different], [CHANGE], gaz)
    assert r.kind("change").precision == 0.5 and r.restatements == []
    other_doc = replace(again, doc_id="another-doc")
    assert score([body, other_doc], [CHANGE], gaz).restatements == []


def test_chrome_rows_are_ignored_and_chrome_facts_are_false_positives(gaz):
    f = fact("count", ACME, "Invested In 12 Companies", "12", "companies")
    r = score([f], [REVENUE, CHROME], gaz)
    assert r.chrome_rows == 1 and r.kind("count").gold == 0
    assert r.kind("count").predicted == 1 and r.kind("count").precision == 0.0


def test_person_text_values_and_reports(gaz):
    anna = EntityRef("anna-berg", "person", "Anna Berg")
    role = Fact(kind="role", doc_id="acme-doc", subject=anna,
                evidence=Evidence(f"seeds/{DOC}", TEXT.find("Anna"), TEXT.find("Anna") + 9, "Anna Berg"),
                value="Chief Financial Officer", object=ACME)
    r = score([role], [PERSON, REVENUE, CHANGE], gaz)
    assert r.kind("person").recall == 1.0 and r.kind("person").precision == 1.0
    assert not r.kind("metric").produced
    assert r.total.gold == 3 and r.total.matched_gold == 1
    assert r.numeric.gold == 2 and r.numeric.matched_gold == 0
    console = Console(width=120, record=True)
    console.print(r.as_table())
    for t in r.breakdown_tables():
        console.print(t)
    out = console.export_text()
    assert "not produced" in out and "NUMERIC" in out and "subject-explicit" in out
    data = json.loads(r.as_json())
    assert {m["id"] for m in data["misses"]} == {"T-1", "T-2"}
    assert data["by_doc"] == {DOC: {"gold": 3, "matched": 1, "false_positives": 0, "misses": 2}}
    assert data["recall_by_class"]["subject-explicit"]["gold"] == 1


def test_recall_by_class(gaz):
    f = fact("metric", EntityRef("world-tablets", "market", "global tablets market"), "30.1 million units",
             "30100000", "units", Q2, EntityRef("world", "market", "World"), metric="shipments")
    r = score([f], [MARKET, GROUP, REVENUE], gaz)
    classes = r.recall_by_class()
    assert classes["subject-market"].recall == 1.0
    assert classes["subject-group"].recall == 0.0 and classes["subject-explicit"].recall == 0.0


@pytest.mark.parametrize("gold,fact_label", [
    ("Q3 2020", "2020-Q3"), ("3Q2020", "2020-Q3"), ("FY2020", "2020"), ("H1 2020", "2020-H1"),
    ("as of 2020-06-30", "2020-06-30"), ("2020-07", "2020-07"), ("2021-2025", "2021/2025"),
    ("9M 2020", "2020-9M"), ("FY2020 (year-end)", "2020-12-31"), ("as of 2020-06-30", "2020-Q2"),
])
def test_period_normalisation(gold, fact_label):
    got = fact_interval(Period(fact_label, "quarter"))
    assert got is not None and any(same_interval(w, got) for w in gold_intervals(gold))


def test_fiscal_periods_are_calendar_intervals_with_a_few_days_slack():
    from datetime import date
    fq = Period("FY2022-Q1", "quarter", date(2021, 9, 26), date(2021, 12, 25))
    assert same_interval(gold_intervals("2021-10-01/2021-12-31")[0], fact_interval(fq))
    assert not same_interval(gold_intervals("Q1 2022")[0], fact_interval(fq))


def test_an_instant_inside_a_quarter_is_not_that_quarter():
    q2 = fact_interval(Period("2020-Q2", "quarter"))
    assert not any(same_interval(w, q2) for w in gold_intervals("as of 2020-05-31"))
    assert gold_intervals("at launch") is None and gold_intervals("") is None


@pytest.mark.parametrize("gold,fact_unit,ok", [
    ("CNY", "CNY", True), ("CNY", "RMB", True), ("CNY", "yuan", True), ("CNY", "USD", False),
    ("%", "percent", True), ("pp", "percent", False), ("%", "pp", False), ("units", "devices", True),
    ("MP", "MP", True), ("MP", "mAh", False), ("", "CNY", True), ("%", None, False), ("bps", "pp", True),
])
def test_unit_compatibility(gold, fact_unit, ok):
    f = Fact("metric", "d", ACME, Evidence("f", 0, 1, "x"), unit=fact_unit)
    assert unit_ok(row("U", "metric", "Acme", "x", "1", gold, "", "", "", "x"), f) is ok
    assert unit_class("bps") == "bps" and unit_class("SEK") == "currency:SEK"


def test_load_gold_reads_files_and_folders(tmp_path: Path):
    line = "\t".join(["T-1", DOC, "metric", "Acme", "revenue", "40.2", "CNY", "billion", "Q2 2020", "", "RMB40.2"])
    (tmp_path / "a.tsv").write_text(HEADER + "\n" + line + "\n", encoding="utf-8")
    assert [r.id for r in load_gold(tmp_path)] == ["T-1"]
    assert load_gold(tmp_path / "a.tsv")[0].number == Decimal("40200000000")
    (tmp_path / "b.tsv").write_text(HEADER + "\nT-2\tonly three\tcolumns\n", encoding="utf-8")
    with pytest.raises(GoldFormatError, match="b.tsv:2"):
        load_gold(tmp_path)


def test_missing_quote_is_an_error_and_whitespace_may_differ(gaz):
    bad = row("T-8", "metric", "Acme", "revenue", "1", "CNY", "", "", "", "not in the text")
    with pytest.raises(GoldFormatError, match="T-8"):
        score([], [bad], gaz)
    wrapped = replace(REVENUE, quote="RMB40.2\nbillion  in the second quarter")
    f = fact("metric", ACME, "RMB40.2 billion", "40200000000", "CNY", Q2, metric="revenue")
    assert score([f], [wrapped], gaz).kind("metric").matched_gold == 1


def test_short_plurals_name_the_same_category():
    """"PC revenue" (gold) and revenue in the category "PCs" (fact) measure the same thing."""
    from marketgraph.graph.evaluation.scoring import default_measures
    m = default_measures()
    assert m.canonical(["PC revenue"]) == m.canonical(["revenue", "PCs"])
    assert m.canonical(["TV shipments"]) == m.canonical(["shipments", "TVs"])
    assert m.canonical(["PC revenue"]) != m.canonical(["revenue", "TVs"])


def test_precision_by_how_the_subject_and_period_were_reached(gaz):
    """The per-reading precision table: a right figure whose subject was stated, a wrong one whose subject was
    guessed (the issuer by default where the gold names another company), and one that records no reading."""
    right = fact("metric", ACME, "RMB40.2 billion", "40200000000", "CNY", Q2, metric="revenue",
                 qualifiers=(("subject_how", "explicit"), ("period_how", "explicit")))
    guessed = fact("market_share", ACME, "Beta and Gamma held a combined 41% share", "41", "percent", Q2,
                   metric="market-share", qualifiers=(("subject_how", "issuer-default"), ("period_how", "document")))
    bare = fact("change", ACME, "Revenue rose 12.5%", "12.5", "percent", Q3, metric="revenue", basis="YoY")
    r = score([right, guessed, bare], [REVENUE, GROUP, CHANGE], gaz)
    by_subject = r.precision_by("subject_how")
    assert {k: (s.predicted, s.matched_predicted) for k, s in by_subject.items()} == \
        {"explicit": (1, 1), "issuer-default": (1, 0), "(none)": (1, 0)}
    assert by_subject["issuer-default"].precision == 0.0 and by_subject["explicit"].precision == 1.0
    assert sum(s.predicted for s in by_subject.values()) == r.numeric.predicted
    assert r.precision_by("period_how")["document"].predicted == 1
    data = json.loads(r.as_json())
    assert data["precision_by_subject_how"]["issuer-default"] == {"predicted": 1, "right": 0, "precision": 0.0}
    assert {fp["subject_how"] for fp in data["false_positives"]} == {"issuer-default", None}
    console = Console(width=120, record=True)
    for t in r.breakdown_tables():
        console.print(t)
    out = console.export_text()
    assert "numeric precision by how the subject was reached" in out and "issuer-default" in out
