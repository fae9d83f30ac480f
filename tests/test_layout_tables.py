"""Tables read cell by cell (graph/extract/tablegrid.py, tablereader.py), on documents of our own: vendor tables
with headers over two lines and a scale in the header, the issuer's segment tables under group headers, statement
tables with a change column, Markdown and HTML pipe tables, flattened tables with run-together headers, month
tables, plan tables (targets, estimates, ranges, hedges), and spec sheets left alone."""
from __future__ import annotations

from decimal import Decimal

import pytest

from layout_support import D, laid, read, row

VENDOR_NOTE = """CORALINE INSIGHTS | PRESS ROOM

Latin American tablet shipments recover in the first quarter of 2024

Santiago – Tuesday, 14 May 2024

Tablet shipments in Latin America rose 4% year on year to 6.2 million units in the first quarter of 2024.

Latin America tablet shipments by vendor, Q1 2024

Brand          Q1 2024      Q1 2024      Q1 2023      Q1 2023      YoY
               units (k)    share        units (k)    share        change
Ostrava          1,840        29.7%        1,610        26.9%       +14.3%
Pelican Tab      1,120        18.1%        1,205        20.1%        -7.1%
Marula             905        14.6%          870        14.5%        +4.0%
Others           2,335        37.7%        2,285        38.2%        +2.2%
Total            6,200       100.0%        5,970       100.0%        +3.9%

Source: Coraline Insights Tablet Tracker, May 2024.
"""


def test_vendor_table_headers_over_two_lines_scale_and_totals(tmp_path):
    fs = laid(read(tmp_path, VENDOR_NOTE), "table")
    got = {row(f) for f in fs}
    assert ("metric", "Ostrava", "shipments", D("1840000"), "units", "2024-Q1") in got
    assert ("market_share", "Ostrava", "market-share", D("29.7"), "percent", "2024-Q1") in got
    assert ("metric", "Ostrava", "shipments", D("1610000"), "units", "2023-Q1") in got
    assert ("market_share", "Pelican Tab", "market-share", D("20.1"), "percent", "2023-Q1") in got
    assert ("change", "Pelican Tab", "shipments", D("-7.1"), "percent", "2024-Q1") in got
    assert ("change", "Marula", "shipments", D("4.0"), "percent", "2024-Q1") in got
    assert ("metric", "Others", "shipments", D("2335000"), "units", "2024-Q1") in got
    totals = [f for f in fs if f.subject.kind == "market"]
    assert {(f.metric, f.value, f.period.label) for f in totals if f.kind == "metric"} == {
        ("shipments", D("6200000"), "2024-Q1"), ("shipments", D("5970000"), "2023-Q1")}
    assert len(fs) == 25                        # 5 rows x 5 columns, nothing from the note or the caption
    assert all(f.market is not None and f.market.label == "Latin America" for f in fs)
    assert {f.basis for f in fs if f.kind == "change"} == {"YoY"}
    # the cell quote runs from the row label to the cell
    f = next(f for f in fs if f.kind == "change" and f.subject.label == "Ostrava")
    assert f.evidence.quote.startswith("Ostrava") and f.evidence.quote.endswith("+14.3%")


SEGMENT_RELEASE = """Vireo Instruments Oyj reports results for 2023

Espoo, 8 February 2024 – Vireo Instruments Oyj (Nasdaq Helsinki: VIREO) today reported its results for the year 2023.

RESULTS BY SEGMENT (EUR million)

                          Net sales            Operating profit
                       2023      2022          2023      2022
Sensing                 412.6     388.1          61.2      55.0
Weather Systems         233.9     241.5          18.7      22.4
Group functions            -         -          (9.8)     (8.1)
Total                   646.5     629.6          70.1      69.3

Vireo Instruments designs measurement equipment for industry and meteorology.
"""


def test_segment_table_group_headers_placeholders_and_negative_parentheses(tmp_path):
    fs = laid(read(tmp_path, SEGMENT_RELEASE), "table")
    got = {(f.subject.kind, f.subject.label, f.metric, f.value, f.unit, f.period.label) for f in fs}
    assert ("segment", "Sensing", "revenue", D("412600000"), "EUR", "2023") in got or \
        ("segment", "Sensing", "net-sales", D("412600000"), "EUR", "2023") in got
    assert any(f.subject.label == "Sensing" and f.metric == "operating-profit" and f.value == D("55000000")
               and f.period.label == "2022" for f in fs)
    assert any(f.subject.label == "Weather Systems" and f.metric == "operating-profit" and f.value == D("18700000")
               for f in fs)
    # "-" holds its column: the group functions' parentheses are operating losses, not sales
    group = [f for f in fs if f.subject.label == "Group functions"]
    assert {(f.metric, f.value, f.period.label) for f in group} == {
        ("operating-profit", D("-9800000"), "2023"), ("operating-profit", D("-8100000"), "2022")}
    total = [f for f in fs if f.subject.kind == "organisation"]
    assert {(f.metric, f.value, f.period.label) for f in total if f.metric == "operating-profit"} == {
        ("operating-profit", D("70100000"), "2023"), ("operating-profit", D("69300000"), "2022")}
    assert all(f.subject.owner == total[0].subject.key for f in fs if f.subject.kind == "segment")


STATEMENT = """Hollowmere Audio Holdings Limited
ANNUAL RESULTS ANNOUNCEMENT FOR THE YEAR ENDED 31 DECEMBER 2023

The board of directors of Hollowmere Audio Holdings Limited (the "Company") announces the audited results of the
Company for the year ended 31 December 2023.

KEY FIGURES

                                           2023          2022     Change
                                    HKD million   HKD million
Revenue                                 9,482.0       8,811.4      7.6%
Gross profit margin                       31.4%         29.9%    1.5 ppt
Profit for the year                       702.3         655.0      7.2%
Basic earnings per share (HKD)            0.412         0.385      7.0%
"""


def test_statement_table_rows_are_measures_of_the_issuer(tmp_path):
    fs = laid(read(tmp_path, STATEMENT), "table")
    got = {row(f)[2:] for f in fs}
    assert ("revenue", D("9482000000"), "HKD", "2023") in got
    assert ("revenue", D("8811400000"), "HKD", "2022") in got
    assert ("gross-margin", D("31.4"), "percent", "2023") in got
    assert ("gross-margin", D("1.5"), "pp", "2023") in got               # "ppt" in the change column
    assert ("net-profit", D("655000000"), "HKD", "2022") in got
    assert ("basic-eps", D("0.412"), "HKD", "2023") in got                     # per share: the row's unit, no scale
    assert {f.subject.label for f in fs} == {"Hollowmere Audio Holdings Limited"}
    eps = next(f for f in fs if f.metric == "basic-eps" and f.kind == "metric")
    assert eps.metric == "basic-eps" and eps.unit == "HKD"
    assert all(f.basis == "YoY" for f in fs if f.kind == "change")


MARKDOWN = """# Tessaline Reports Third Quarter 2024 Results

**DENVER — October 30, 2024** — Tessaline, Inc. (NASDAQ: TSLN) today reported results for the third quarter of
2024.

### Revenue by product line

| (in millions, unaudited) | Q3 2024 | Q3 2023 | Change |
|---|---:|---:|---:|
| Cameras | $88.4 | $80.1 | 10% |
| Doorbells | $41.7 | $45.0 | (7)% |
| **Total revenue** | **$130.1** | **$125.1** | **4%** |
"""


def test_markdown_pipe_table_with_rule_line_and_markup(tmp_path):
    fs = laid(read(tmp_path, MARKDOWN, name="tessaline.md"), "table")
    got = {(f.kind, f.subject.label, f.value, f.unit, f.period.label) for f in fs}
    assert ("metric", "Cameras", D("88400000"), "USD", "2024-Q3") in got
    assert ("metric", "Doorbells", D("45000000"), "USD", "2023-Q3") in got
    assert ("change", "Cameras", D("10"), "percent", "2024-Q3") in got
    assert ("metric", "Tessaline, Inc.", D("130100000"), "USD", "2024-Q3") in got
    assert all(f.metric == "revenue" for f in fs)
    assert {f.subject.kind for f in fs} == {"segment", "organisation"}


HTML = """<html><body><article>
<h1>Brightfold Reports Second-Quarter Results</h1>
<p>OSAKA, Japan – August 6, 2024 – Brightfold Corporation (TSE: 6999) today announced consolidated results for the
second quarter ended June 30, 2024.</p>
<table>
<tr><td>Net sales by business (JPY billion)</td><td></td><td></td></tr>
<tr><th>Business</th><th>Q2 2024</th><th>Q2 2023</th></tr>
<tr><td>Printers</td><td>84.2</td><td>80.0</td></tr>
<tr><td>Scanners</td><td>21.5</td><td>23.9</td></tr>
<tr><td>Total</td><td>105.7</td><td>103.9</td></tr>
</table>
<p>Brightfold makes printers and scanners for offices.</p>
</article></body></html>
"""


def test_html_table_rendered_as_pipes_with_a_caption_row(tmp_path):
    fs = laid(read(tmp_path, HTML, name="brightfold.html"), "table")
    got = {(f.subject.label, f.metric, f.value, f.unit, f.period.label) for f in fs}
    assert ("Printers", "revenue", D("84200000000"), "JPY", "2024-Q2") in got
    assert ("Scanners", "revenue", D("23900000000"), "JPY", "2023-Q2") in got
    assert any(f.subject.kind == "organisation" and f.value == D("105700000000") for f in fs)


@pytest.mark.parametrize("header", [
    "Vendor 2Q24 Units 2Q24 Share 2Q23 Units 2Q23 Share Y/Y Growth",       # period first
    "Vendor Units 2Q24 Share 2Q24 Units 2Q23 Share 2Q23 Y/Y Growth",       # measure first
])
def test_flattened_table_header_cut_into_columns(tmp_path, header):
    text = ("NORTHWIND DEVICE RESEARCH\n\nGlobal smartwatch shipments, 2Q24\n\n"
            "Worldwide smartwatch shipments grew 3% in the second quarter of 2024, Northwind Device Research said.\n\n"
            "Top vendors, 2Q24 (units in millions)\n"
            f"{header}\n"
            "Quillon 11.2 24.1% 10.1 22.4% 10.9%\n"
            "Tamsu 8.0 17.2% 8.6 19.1% -7.0%\n"
            "Others 27.3 58.7% 26.3 58.5% 3.8%\n")
    fs = laid(read(tmp_path, text), "table")
    got = {row(f) for f in fs}
    assert ("metric", "Quillon", "shipments", D("11200000"), "units", "2024-Q2") in got
    assert ("market_share", "Quillon", "market-share", D("22.4"), "percent", "2023-Q2") in got
    assert ("metric", "Tamsu", "shipments", D("8600000"), "units", "2023-Q2") in got
    assert ("change", "Tamsu", "shipments", D("-7.0"), "percent", "2024-Q2") in got
    assert len(fs) == 15


def test_rows_that_are_months_with_month_on_month_and_year_on_year_columns(tmp_path):
    text = ("Kaisheng Optics Corp. reports March 2024 revenue\n\n"
            "Hsinchu, Taiwan – April 10, 2024 – Kaisheng Optics Corp. (TWSE: 3017) today reported its revenue for "
            "March 2024.\n\n"
            "Monthly revenue (NT$ million, unaudited)\n\n"
            "Month        2024     MoM      YoY\n"
            "Jan-24      2,104   -12.5%    +8.0%\n"
            "Feb-24      1,977    -6.0%    +2.3%\n"
            "Mar-24      2,468   +24.8%   +11.4%\n")
    fs = laid(read(tmp_path, text), "table")
    got = {(f.kind, f.value, f.unit, f.period.label, f.basis) for f in fs}
    assert ("metric", D("2104000000"), "TWD", "2024-01", None) in got
    assert ("change", D("-6.0"), "percent", "2024-02", "MoM") in got
    assert ("change", D("11.4"), "percent", "2024-03", "YoY") in got
    assert {f.subject.label for f in fs} == {"Kaisheng Optics Corp."}
    assert {f.metric for f in fs} == {"revenue"}


def test_plan_table_targets_estimates_ranges_and_hedges(tmp_path):
    text = ("Corporate News\n\nOrlen Drives SE presents its strategy \"Summit 2030\"\n\n"
            "Hamburg, 12 March 2025 – Orlen Drives SE (Frankfurt: ORD), a maker of electric motors, today presented "
            "its targets for 2030.\n\n"
            "Financial framework\n"
            "                                   2025e              2030 target\n"
            "Revenue                            €1.84 bn           approx. €2.9 bn\n"
            "Adjusted EBIT margin               8.1 %              ≥ 12 %\n"
            "Net debt / EBITDA                  2.2x               < 1.5x\n"
            "Dividend payout ratio              30 %               35–45 %\n")
    fs = laid(read(tmp_path, text), "table")
    got = {(f.metric, f.value, f.unit, f.period.label, f.qualifier("modality")) for f in fs}
    assert ("revenue", D("1840000000"), "EUR", "2025", "guidance") in got       # "e" in the issuer's own table
    assert ("revenue", D("2900000000"), "EUR", "2030", "target") in got
    assert ("leverage-ratio", D("1.5"), "x", "2030", "target") in got
    payout = next(f for f in fs if f.metric == "dividend-payout-ratio" and f.period.label == "2030")
    assert (payout.qualifier("low"), payout.qualifier("high")) == ("35", "45")
    margin = next(f for f in fs if f.period.label == "2030" and "margin" in f.metric)
    assert margin.hedge == "at least" and margin.qualifier("accounting") == "adjusted"


def test_a_spec_sheet_gives_no_figures_here(tmp_path):
    text = ("Hayabusa Mobility launches the Kaze scooter\n\nTokyo, 3 June 2024 – Hayabusa Mobility K.K. today "
            "launched two electric scooters.\n\n"
            "| Model | Battery | Range | UK price | US price |\n"
            "|---|---|---|---|---|\n"
            "| Kaze | 468 | 45 | £799 | $899 |\n"
            "| Kaze Plus | 720 | 70 | £1,099 | $1,249 |\n")
    assert laid(read(tmp_path, text, name="kaze.md"), "table") == []


def test_a_heading_with_two_years_is_not_a_table(tmp_path):
    text = ("Results 2023 2022\n\nMarrowfield Ltd said revenue rose 5% to £120 million in 2023.\n")
    assert laid(read(tmp_path, text), "table") == []


def test_a_wrapped_prose_line_ending_in_figures_is_not_a_table(tmp_path):
    text = ("Marrowfield Ltd said its revenue per store in the north rose to\n"
            "Stores in the south reached 12.5 14.0\n\n"
            "Marrowfield Ltd operates 120 stores.\n")
    assert laid(read(tmp_path, text), "table") == []
