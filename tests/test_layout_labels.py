""""Label: value" lines and key-figure blocks (graph/extract/labellines.py) on documents of our own: prior values
in parentheses (bare, per named period, "from"), attached changes with their basis, period series, the block's
unit note, per-share and count labels, loss labels, segment review lines, research-note labels, and labels that
name no measure."""
from __future__ import annotations

from layout_support import D, laid, read, row

KEY_FIGURES = """SKAGERAK MARINE SYSTEMS ASA
Annual Report 2024 — excerpt

KEY FIGURES
(DKK million unless otherwise stated)

Revenue: 7,305 (2023: 6,880; 2022: 6,102)
EBITDA margin: 14.1% (2023: 12.9%)
Earnings per share (DKK): 9.62 (2023: 8.10)
Order backlog at 31 December: 4,410 (2023: 3,975)
Employees at year-end: 2,118 (2023: 1,996)

CHAIR'S STATEMENT

Dear shareholders, 2024 was a good year for Skagerak Marine Systems.
"""


def test_key_figure_block_with_prior_years_and_the_block_unit(tmp_path):
    fs = laid(read(tmp_path, KEY_FIGURES, date="2025-03-18"), "label")
    got = {row(f)[2:] for f in fs}
    assert ("revenue", D("7305000000"), "DKK", "2024") in got
    assert ("revenue", D("6880000000"), "DKK", "2023") in got
    assert ("revenue", D("6102000000"), "DKK", "2022") in got
    assert ("ebitda-margin", D("12.9"), "percent", "2023") in got
    assert ("eps", D("9.62"), "DKK", "2024") in got                     # the label's unit, no block scale
    assert ("backlog", D("4410000000"), "DKK", "2024-12-31") in got
    assert ("backlog", D("3975000000"), "DKK", "2023-12-31") in got
    assert ("employees", D("2118"), "employees", "2024-12-31") in got   # a count: no currency, no scale
    assert len(fs) == 11                        # nothing from "31 December" or the "(2023: ...)" years
    assert {f.subject.label.casefold() for f in fs} == {"skagerak marine systems asa"}
    priors = [f for f in fs if f.qualifier("comparison") == "prior period"]
    assert len(priors) == 6


def test_european_bullets_bare_prior_value_and_attached_changes(tmp_path):
    text = ("Fjordline Audio AB (publ) – Interim report January–March 2024\n\nGothenburg, 25 April 2024\n\n"
            "FIRST QUARTER 2024 (JANUARY–MARCH)\n"
            "• Net sales: SEK 2,310 million (2,045), up 13 per cent\n"
            "• Gross margin: 41.2 per cent (39.8), up 1.4 ppts Y/Y\n"
            "• Operating loss: SEK (42) million (-65)\n")
    fs = laid(read(tmp_path, text), "label")
    got = {(f.kind, f.metric, f.value, f.unit, f.period.label) for f in fs}
    assert ("metric", "net-sales", D("2310000000"), "SEK", "2024-Q1") in got or \
        ("metric", "revenue", D("2310000000"), "SEK", "2024-Q1") in got
    assert any(f.value == D("2045000000") and f.period.label == "2023-Q1" for f in fs)   # "(2,045)": a year before
    assert ("change", "gross-margin", D("1.4"), "pp", "2024-Q1") in got
    assert ("metric", "gross-margin", D("39.8"), "percent", "2023-Q1") in got
    assert ("metric", "operating-profit", D("-42000000"), "SEK", "2024-Q1") in got        # a loss below zero
    assert ("metric", "operating-profit", D("-65000000"), "SEK", "2023-Q1") in got


def test_changes_with_their_bases_and_a_measure_the_prose_reads(tmp_path):
    text = ("Hanjin Optronics Corp. Reports 2Q24 Results\n\n"
            "Taipei, Taiwan – August 8, 2024 – Hanjin Optronics Corp. (TWSE: 3552) today reported results for the "
            "second quarter of 2024.\n\n"
            "2Q24 highlights\n"
            "- Net revenue: NT$8.41 billion, +6.2% QoQ, -1.5% YoY\n"
            "- Gross margin: 27.3%, up 0.9 ppts QoQ and down 1.8 ppts YoY\n"
            "- EPS: NT$2.07\n")
    fs = laid(read(tmp_path, text), "label")
    got = {(f.kind, f.metric, f.value, f.unit, f.basis) for f in fs}
    assert ("metric", "revenue", D("8410000000"), "TWD", None) in got or \
        ("metric", "net-revenue", D("8410000000"), "TWD", None) in got
    assert any(f.kind == "change" and f.value == D("6.2") and f.basis == "QoQ" for f in fs)
    assert any(f.kind == "change" and f.value == D("-1.5") and f.basis == "YoY" for f in fs)
    assert ("change", "gross-margin", D("0.9"), "pp", "QoQ") in got
    assert ("change", "gross-margin", D("-1.8"), "pp", "YoY") in got
    assert ("metric", "eps", D("2.07"), "TWD", None) in got
    assert all(f.period.label == "2024-Q2" for f in fs)


def test_a_series_of_periods_on_one_line(tmp_path):
    text = ("KAVERI APPLIANCES LIMITED\n\nAnnual Report 2024\n\n1. FINANCIAL PERFORMANCE\n(₹ million, standalone)\n\n"
            "Revenue from operations: 2024 – 12,406.2; 2023 – 11,028.9; 2022 – 9,774.0\n"
            "EBITDA margin: 2024 – 9.3%; 2023 – 8.8%\n")
    fs = laid(read(tmp_path, text, date="2025-05-20"), "label")
    got = {row(f)[2:] for f in fs}
    assert ("operating-revenue", D("12406200000"), "INR", "2024") in got
    assert ("operating-revenue", D("9774000000"), "INR", "2022") in got
    assert ("ebitda-margin", D("8.8"), "percent", "2023") in got
    assert len(fs) == 5


def test_segment_review_lines_name_the_segment(tmp_path):
    text = ("KAVERI APPLIANCES LIMITED\n\nAnnual Report 2024\n\n"
            "Kaveri Appliances Limited (the \"Company\") reports its results for the year ended December 31, 2024.\n\n"
            "3. SEGMENT REVIEW\n"
            "Cooling Products (air conditioners and coolers): revenue of ₹6,820.4 million. Volumes grew strongly.\n"
            "Kitchen & Home: revenue of ₹3,115.0 million.\n")
    fs = laid(read(tmp_path, text, date="2025-05-20"), "label")
    got = {(f.subject.kind, f.subject.label, f.metric, f.value, f.unit) for f in fs}
    assert got == {("segment", "Cooling Products", "revenue", D("6820400000"), "INR"),
                   ("segment", "Kitchen & Home", "revenue", D("3115000000"), "INR")}


def test_research_note_labels_are_the_analysts_estimates_at_the_note_date(tmp_path):
    text = ("MERIDIAN SECURITIES EQUITY RESEARCH                                   9 September 2024\n\n"
            "Tolland Robotics Inc. (NYSE: TLRB)\nFirst take: orders beat, margins lag\n\n"
            "Rating: Buy   |   Price target: $64 (from $58)   |   Last close: $51.30\n\n"
            "What happened. Tolland reported orders of $412 million for the quarter.\n")
    fs = laid(read(tmp_path, text), "label")
    got = {(f.metric, f.value, f.qualifier("modality"), f.period.label if f.period else None) for f in fs}
    assert ("price-target", D("64"), "estimate", "2024-09-09") in got
    assert ("price-target", D("58"), "estimate", "2024-09-09") in got
    assert ("share-price", D("51.30"), None, "2024-09-09") in got
    assert {f.subject.label for f in fs} == {"Tolland Robotics Inc."}


def test_labels_that_name_no_measure_are_not_read(tmp_path):
    text = ("Sonique launches the Aria Buds\n\nBerlin, 2 May 2024 — Sonique GmbH today launched the Aria Buds.\n\n"
            "Battery: 9 hours per charge\nWeight: 5.2 g per bud\nUK: £139\nAnalyst: Jane Roe, CFA\n"
            "Spokesperson: Max Weber, 2 May 2024\n")
    assert laid(read(tmp_path, text), "label") == []


def test_a_bare_number_in_parentheses_after_a_prose_figure_is_the_prior_periods_value(tmp_path):
    text = ("Nordvik Sensors Oyj – Interim report January–June 2024\n\nHelsinki, 19 July 2024\n\n"
            "SECOND QUARTER 2024 (APRIL–JUNE)\n"
            "• Net sales increased by 4 per cent to EUR 612 million (588).\n"
            "• The operating margin was 9.6 per cent (8.7).\n")
    fs = read(tmp_path, text)
    got = {(f.metric, f.value, f.unit, f.period.label) for f in fs if f.kind == "metric"}
    assert ("revenue", D("612000000"), "EUR", "2024-Q2") in got
    assert ("revenue", D("588000000"), "EUR", "2023-Q2") in got          # scaled and dated like the figure before
    assert ("operating-margin", D("8.7"), "percent", "2023-Q2") in got
    assert not any(f.value == D("588") for f in fs)


def test_a_footnote_mark_is_not_a_prior_value(tmp_path):
    text = ("Corvel Tech Inc. reports results\n\nAUSTIN, Texas, May 2, 2024 -- Corvel Tech Inc. (NASDAQ: CRVL) today "
            "reported first quarter results.\n\nRevenue was $5.2 billion (1), up 8% from a year earlier.\n")
    fs = read(tmp_path, text)
    assert not any(f.value == D("1000000000") for f in fs)     # "(1)" once in a document is no prior value


def test_a_value_compared_with_after_the_label_figure(tmp_path):
    text = ("# Pellucid Reports First Quarter Fiscal 2025 Results\n\n"
            "**SEATTLE — June 4, 2024** — Pellucid, Inc. (NYSE: PLCD) today reported results for the first quarter "
            "of fiscal 2025, which ended April 30, 2024.\n\n"
            "## Q1 FY25 at a glance\n\n"
            "- **GAAP operating loss:** $(6.1) million, compared with $(14.9) million in Q1 FY24\n"
            "- **Gross margin:** 52.4%, versus 49.0% a year ago\n")
    fs = laid(read(tmp_path, text, name="pellucid.md"), "label")
    got = {(f.metric, f.value, f.unit, f.period.fiscal_label or f.period.label) for f in fs}
    assert ("operating-profit", D("-6100000"), "USD", "Q1 FY2025") in got
    assert ("operating-profit", D("-14900000"), "USD", "Q1 FY2024") in got
    assert ("gross-margin", D("49.0"), "percent", "Q1 FY2024") in got


def test_a_period_after_the_label_figure_is_its_own(tmp_path):
    text = ("Harrow Devices Holdings Limited\nANNUAL RESULTS ANNOUNCEMENT FOR THE YEAR ENDED 31 DECEMBER 2023\n\n"
            "The board of directors of Harrow Devices Holdings Limited (the \"Company\") announces the audited "
            "consolidated results of the Company for the year ended 31 December 2023.\n\n"
            "Highlights\n"
            "• HarrowOS monthly active users: 128.4 million in December, up 19.2% YoY\n"
            "• R&D expenses: RMB4.1 billion, up 11.0% YoY\n")
    fs = laid(read(tmp_path, text, date="2024-03-20"), "label")
    got = {(f.kind, f.value, f.period.label) for f in fs}
    assert ("metric", D("128400000"), "2023-12") in got
    assert ("change", D("19.2"), "2023-12") in got
    assert ("metric", D("4100000000"), "2023") in got
