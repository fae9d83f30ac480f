"""Vendor tables of research notes in layouts the development documents lack (issue 8): "Vendor | 2Q24
Shipments | 2Q24 Market Share | 2Q23 Shipments | 2Q23 Market Share | Y/Y Growth" aligned, as Markdown pipes,
flattened and as HTML, with "Others" (no company) and "Total" (the market) rows; tab-separated tables; share
changes in points; group headers over the periods; and the columns no header tells apart, not read."""
from __future__ import annotations

import pytest

from layout_support import D, laid, read, row

NOTE_HEAD = """Tallis Research: worldwide smartwatch shipments rise 6% in 2Q24

Boston, 25 July 2024 -- Worldwide smartwatch shipments grew 6% year over year in the second quarter of 2024,
according to Tallis Research.

"""
VENDOR_ROWS = [("Orrin", "12.4", "30.1%", "11.0", "28.4%", "12.7%"), ("Vashti", "8.2", "19.9%", "8.9", "23.0%", "-7.9%"),
               ("Others", "15.5", "37.6%", "14.4", "37.2%", "7.6%"), ("Total", "41.2", "100.0%", "38.7", "100.0%", "6.5%")]
VENDOR_HEAD = ("Vendor", "2Q24 Shipments", "2Q24 Market Share", "2Q23 Shipments", "2Q23 Market Share", "Y/Y Growth")


def _vendor_table(style: str) -> tuple[str, str]:
    if style == "aligned":
        lines = ["   ".join(c.ljust(18) if i == 0 else c.rjust(18) for i, c in enumerate(r))
                 for r in [VENDOR_HEAD] + VENDOR_ROWS]
        return NOTE_HEAD + "Worldwide smartwatch vendors, 2Q24 (shipments in millions)\n\n" + "\n".join(lines) + \
            "\n\nSource: Tallis Research Wearables Tracker, July 2024\n", "note.txt"
    if style == "pipe":
        lines = ["| " + " | ".join(r) + " |" for r in [VENDOR_HEAD] + VENDOR_ROWS]
        lines.insert(1, "|---" * 6 + "|")
        return "# " + NOTE_HEAD + "Shipments in millions\n\n" + "\n".join(lines) + "\n", "note.md"
    if style == "flat":
        lines = [" ".join(r) for r in [VENDOR_HEAD] + VENDOR_ROWS]
        return NOTE_HEAD + "Worldwide smartwatch shipments, shipments in millions\n" + "\n".join(lines) + "\n", "note.txt"
    cells = lambda r, t: "<tr>" + "".join(f"<{t}>{c}</{t}>" for c in r) + "</tr>"   # noqa: E731
    body = "\n".join([cells(VENDOR_HEAD, "th")] + [cells(r, "td") for r in VENDOR_ROWS])
    head = NOTE_HEAD.strip().split("\n\n")
    return (f"<html><head><title>{head[0]}</title></head><body><h1>{head[0]}</h1><p>{head[1]}</p>\n"
            f"<table><caption>Worldwide smartwatch shipments (millions of units)</caption>\n{body}\n</table>\n"
            "<p>Tallis Research is an independent market research company.</p></body></html>\n"), "note.html"


@pytest.mark.parametrize("style", ["aligned", "pipe", "flat", "html"])
def test_vendor_table_of_a_research_note_in_every_written_form(tmp_path, style):
    text, name = _vendor_table(style)
    fs = laid(read(tmp_path, text, name=name), "table")
    got = {(f.kind, f.subject.kind, f.subject.label if f.subject.kind != "market" else "market", f.metric, f.value,
            f.unit, f.period.label) for f in fs}
    want = set()
    for label, s24, sh24, s23, sh23, yoy in VENDOR_ROWS:
        kind = {"Others": "group", "Total": "market"}.get(label, "organisation")
        who = "market" if label == "Total" else label
        want |= {("metric", kind, who, "shipments", D(s24) * 1000000, "units", "2024-Q2"),
                 ("market_share", kind, who, "market-share", D(sh24[:-1]), "percent", "2024-Q2"),
                 ("metric", kind, who, "shipments", D(s23) * 1000000, "units", "2023-Q2"),
                 ("market_share", kind, who, "market-share", D(sh23[:-1]), "percent", "2023-Q2"),
                 ("change", kind, who, "shipments", D(yoy[:-1]), "percent", "2024-Q2")}
    assert got == want
    assert {f.market.label for f in fs} == {"World"}
    assert {f.basis for f in fs if f.kind == "change"} == {"YoY"}


FLAT_NO_PERIODS = NOTE_HEAD + """Worldwide smartwatch vendors, 2Q24 and 2Q23 (shipments in millions)
Vendor Shipments Share Shipments Share Growth
Orrin 12.4 30.1% 11.0 28.4% 12.7%
Vashti 8.2 19.9% 8.9 23.0% -7.9%
Pelmo 5.1 12.4% 4.4 11.4% 15.9%
"""

NO_HEADER = NOTE_HEAD + """Smartwatch shipments (millions)

Orrin            12.4      11.0
Vashti            8.2       8.9
Pelmo             5.1       4.4
"""


def test_columns_no_header_tells_apart_are_not_read(tmp_path):
    fs = laid(read(tmp_path, FLAT_NO_PERIODS), "table")
    # two "Shipments" and two "Share" columns, no period over them: only the one growth column is read
    assert {(f.kind, f.subject.label, f.value) for f in fs} == {
        ("change", "Orrin", D("12.7")), ("change", "Vashti", D("-7.9")), ("change", "Pelmo", D("15.9"))}
    assert laid(read(tmp_path, NO_HEADER), "table") == []


TABS = NOTE_HEAD + ("Smartwatch shipments (millions)\n\nVendor\t2Q24\t2Q23\tY/Y\nOrrin\t12.4\t11.0\t12.7%\n"
                    "Vashti Wearables Corporation\t8.2\t8.9\t-7.9%\nPelmo\t\t5.1\t4.4\t15.9%\n")


def test_tab_separated_table_cells_by_index_not_by_position(tmp_path):
    # a long label pushes its cells to the right and "Pelmo" is padded with two tabs: the index still holds
    fs = laid(read(tmp_path, TABS), "table")
    assert {(f.kind, f.subject.label, f.value, f.period.label) for f in fs} == {
        ("metric", "Orrin", D("12400000"), "2024-Q2"), ("metric", "Orrin", D("11000000"), "2023-Q2"),
        ("change", "Orrin", D("12.7"), "2024-Q2"),
        ("metric", "Vashti Wearables Corporation", D("8200000"), "2024-Q2"),
        ("metric", "Vashti Wearables Corporation", D("8900000"), "2023-Q2"),
        ("change", "Vashti Wearables Corporation", D("-7.9"), "2024-Q2"),
        ("metric", "Pelmo", D("5100000"), "2024-Q2"), ("metric", "Pelmo", D("4400000"), "2023-Q2"),
        ("change", "Pelmo", D("15.9"), "2024-Q2")}


def test_a_tab_header_of_another_width_is_not_matched(tmp_path):
    text = NOTE_HEAD + "Smartwatch shipments (millions)\n\n2Q24\t2Q23\nOrrin\t12.4\t11.0\nPelmo\t5.1\t4.4\n"
    assert laid(read(tmp_path, text), "table") == []


SHARE_CHANGE = NOTE_HEAD + """Smartwatch vendors, 2Q24 (shipments in millions)

Vendor         Shipments    Share     Share change (pp)    Shipment growth
Orrin             12.4      30.1%          +1.7                 12.7%
Vashti             8.2      19.9%          -3.1                 -7.9%
Top 5 total       30.0      72.8%          +0.9                  8.0%
"""


def test_share_change_in_points_by_its_header_and_a_top_five_row_is_no_company(tmp_path):
    fs = laid(read(tmp_path, SHARE_CHANGE), "table")
    assert {(f.kind, f.subject.label, f.metric, f.value, f.unit) for f in fs} == {
        ("metric", "Orrin", "shipments", D("12400000"), "units"),
        ("market_share", "Orrin", "market-share", D("30.1"), "percent"),
        ("change", "Orrin", "market-share", D("1.7"), "pp"),
        ("change", "Orrin", "shipments", D("12.7"), "percent"),
        ("metric", "Vashti", "shipments", D("8200000"), "units"),
        ("market_share", "Vashti", "market-share", D("19.9"), "percent"),
        ("change", "Vashti", "market-share", D("-3.1"), "pp"),
        ("change", "Vashti", "shipments", D("-7.9"), "percent")}


GROUPED = NOTE_HEAD + """Worldwide smartwatch shipments (millions of units)

                       2Q24                    2Q23
Vendor         Shipments     Share     Shipments     Share      Y/Y
Orrin               12.4     30.1%          11.0     28.4%    12.7%
Vashti               8.2     19.9%           8.9     23.0%    -7.9%
"""


@pytest.mark.parametrize("style", ["aligned", "pipe"])
def test_a_year_on_year_column_under_the_prior_period_s_group_header_is_the_later_period_s(tmp_path, style):
    text, name = GROUPED, "note.txt"
    if style == "pipe":
        text = "# " + NOTE_HEAD + ("Worldwide smartwatch shipments (millions of units)\n\n| | 2Q24 | | 2Q23 | | |\n"
                                   "|---|---|---|---|---|---|\n| Vendor | Shipments | Share | Shipments | Share | Y/Y |\n"
                                   "| Orrin | 12.4 | 30.1% | 11.0 | 28.4% | 12.7% |\n| Vashti | 8.2 | 19.9% | 8.9 | 23.0% | -7.9% |\n")
        name = "note.md"
    fs = laid(read(tmp_path, text, name=name), "table")
    assert {(f.subject.label, f.value, f.period.label) for f in fs if f.kind == "change"} == {
        ("Orrin", D("12.7"), "2024-Q2"), ("Vashti", D("-7.9"), "2024-Q2")}
    assert ("metric", "Orrin", "shipments", D("11000000"), "units", "2023-Q2") in {row(f) for f in fs}
    assert len(fs) == 10


def test_a_tab_indented_table_with_an_empty_label_header(tmp_path):
    text = NOTE_HEAD + ("Smartwatch shipments (millions)\n\n\t\t2Q24\t2Q23\n\tOrrin\t12.4\t11.0\n"
                        "\tVashti Wearables Corporation\t8.2\t8.9\n")
    fs = laid(read(tmp_path, text), "table")
    assert {(f.subject.label, f.value, f.period.label) for f in fs} == {
        ("Orrin", D("12400000"), "2024-Q2"), ("Orrin", D("11000000"), "2023-Q2"),
        ("Vashti Wearables Corporation", D("8200000"), "2024-Q2"),
        ("Vashti Wearables Corporation", D("8900000"), "2023-Q2")}


def test_a_share_column_with_no_period_is_the_latest_period_s_when_that_is_the_note_s(tmp_path):
    text = NOTE_HEAD + """Worldwide smartwatch shipments (millions of units)

Vendor          2Q24      2Q23      Y/Y      Share
Orrin           12.4      11.0    12.7%      30.1%
Vashti           8.2       8.9    -7.9%      19.9%
"""
    fs = laid(read(tmp_path, text), "table")
    assert {(f.subject.label, f.value, f.period.label) for f in fs if f.kind == "market_share"} == {
        ("Orrin", D("30.1"), "2024-Q2"), ("Vashti", D("19.9"), "2024-Q2")}
    assert len(fs) == 8
