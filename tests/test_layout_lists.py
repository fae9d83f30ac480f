"""Compact lists (graph/extract/listreader.py) on documents of our own: a lead-in that says what each figure is,
numbered vendor lines under a lead-in with a blank line between, comma lists inside a sentence, geographies and
combined geographies, and lists that are not vendor lists (prices, measures)."""
from __future__ import annotations

from layout_support import D, laid, read, row

HEAD = ("VANTAGE POINT RESEARCH\n\nLatin American smartphone market, third quarter of 2024\n\n"
        "Lima, 21 October 2024 — Smartphone shipments in Latin America fell 2% year on year to 9.4 million "
        "units in the third quarter of 2024, according to Vantage Point Research.\n\n")


def test_semicolon_list_with_roles_in_the_lead_in(tmp_path):
    text = HEAD + ("- Top vendors, Q3 2024 (shipments / share / Y/Y): Corvo, 2.9M (30.9% / +4.1% Y/Y); "
                   "Lumina Mobile, 1.8M (19.1% / -3.0% Y/Y); Pallas, 1.1M (11.7% / +12.6% Y/Y).\n")
    fs = laid(read(tmp_path, text), "list")
    got = {row(f) for f in fs}
    assert got == {
        ("metric", "Corvo", "shipments", D("2900000"), "units", "2024-Q3"),
        ("market_share", "Corvo", "market-share", D("30.9"), "percent", "2024-Q3"),
        ("change", "Corvo", "shipments", D("4.1"), "percent", "2024-Q3"),
        ("metric", "Lumina Mobile", "shipments", D("1800000"), "units", "2024-Q3"),
        ("market_share", "Lumina Mobile", "market-share", D("19.1"), "percent", "2024-Q3"),
        ("change", "Lumina Mobile", "shipments", D("-3.0"), "percent", "2024-Q3"),
        ("metric", "Pallas", "shipments", D("1100000"), "units", "2024-Q3"),
        ("market_share", "Pallas", "market-share", D("11.7"), "percent", "2024-Q3"),
        ("change", "Pallas", "shipments", D("12.6"), "percent", "2024-Q3")}
    assert all(f.basis == "YoY" for f in fs if f.kind == "change")
    assert all(f.market is not None and f.market.label == "Latin America" for f in fs)


def test_numbered_lines_under_a_lead_in_rank_their_vendors(tmp_path):
    text = HEAD + ("Vantage Point's ranking of the top vendors for 3Q24 (shipments in millions, market share, change "
                   "from a year earlier):\n\n"
                   "1. Corvo — 2.9 / 30.9% / +4.1%\n"
                   "2. Lumina Mobile — 1.8 / 19.1% / -3.0%\n"
                   "3. Pallas — 1.1 / 11.7% / +12.6%\n")
    fs = laid(read(tmp_path, text), "list")
    got = {row(f) for f in fs}
    assert ("metric", "Lumina Mobile", "shipments", D("1800000"), "units", "2024-Q3") in got   # "in millions"
    assert ("change", "Lumina Mobile", "shipments", D("-3.0"), "percent", "2024-Q3") in got
    ranks = {(f.subject.label, f.value) for f in fs if f.kind == "ranking"}
    assert ranks == {("Corvo", D(1)), ("Lumina Mobile", D(2)), ("Pallas", D(3))}
    assert len(fs) == 12


def test_comma_list_after_a_colon_inside_a_sentence(tmp_path):
    text = HEAD + ("The research firm's vendor table for the quarter read: Corvo 2.9M (30.9%), Lumina 1.8M (19.1%), "
                   "Pallas 1.1M (11.7%), others 3.6M (38.3%).\n")
    fs = laid(read(tmp_path, text), "list")
    got = {(f.kind, f.subject.label, f.value) for f in fs}
    assert got == {("metric", "Corvo", D("2900000")), ("market_share", "Corvo", D("30.9")),
                   ("metric", "Lumina", D("1800000")), ("market_share", "Lumina", D("19.1")),
                   ("metric", "Pallas", D("1100000")), ("market_share", "Pallas", D("11.7")),
                   ("metric", "Others", D("3600000")), ("market_share", "Others", D("38.3"))}


def test_geographies_are_markets_and_flat_is_a_change_of_zero(tmp_path):
    text = HEAD + ("By country:\n"
                   "Peru — 3.6M units, up 1.9% Y/Y, the region's largest market\n"
                   "Ecuador — 1.2M, down 4.4%\n"
                   "Paraguay — 0.8M, flat Y/Y\n"
                   "Chile and Argentina together — 3.8M, down 3.0%\n")
    fs = laid(read(tmp_path, text), "list")
    got = {(f.kind, f.market.label, f.value, f.unit) for f in fs}
    assert ("metric", "Peru", D("3600000"), "units") in got
    assert ("change", "Peru", D("1.9"), "percent") in got
    assert ("change", "Ecuador", D("-4.4"), "percent") in got
    assert ("change", "Paraguay", D("0"), "percent") in got      # not in the gazetteer: a place by its lead-in
    assert ("metric", "Chile and Argentina", D("3800000"), "units") in got
    assert all(f.subject.kind == "market" for f in fs)


def test_a_lead_in_with_semicolons_and_bars_between_numbered_items(tmp_path):
    text = HEAD + ("Vendor ranking, 3Q24 (units; share; Y/Y): 1) Corvo 2.9M; 30.9%; +4.1% | 2) Lumina Mobile 1.8M; "
                   "19.1%; -3.0%\n")
    fs = laid(read(tmp_path, text), "list")
    got = {row(f) for f in fs}
    assert ("market_share", "Lumina Mobile", "market-share", D("19.1"), "percent", "2024-Q3") in got
    assert ("change", "Corvo", "shipments", D("4.1"), "percent", "2024-Q3") in got
    assert {(f.subject.label, f.value) for f in fs if f.kind == "ranking"} == {("Corvo", D(1)), ("Lumina Mobile", D(2))}


def test_prices_and_measures_are_not_vendor_lists(tmp_path):
    text = ("Sonique launches the Aria Buds\n\nBerlin, 2 May 2024 — Sonique GmbH today launched the Aria Buds.\n\n"
            "Pricing and availability:\n"
            "- US: $149.99, available May 20\n"
            "- UK: £139, same date\n"
            "- EPS: $0.42\n")
    assert laid(read(tmp_path, text), "list") == []


def test_sentences_with_verbs_are_prose_not_lists(tmp_path):
    text = HEAD + "Corvo shipped 2.9M units, and Lumina Mobile rose 3% to 1.8M.\n"
    assert laid(read(tmp_path, text), "list") == []
