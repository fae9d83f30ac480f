"""Results tables in layouts the development documents lack (issue 8): the unit in a caption line, "Three months
ended" group headers, "% change" and "Q/Q | Y/Y" columns, parentheses for negatives, em-dash cells and footnote
markers; fiscal columns with "RMB'000"; HTML group headers (colspan) and units rows; glued unit notes; spans
("YTD", "LTM"). Each layout is read exactly or, where a cell's column, period or unit cannot be told, not read at
all (a wrong figure is worse than a missing one). Vendor tables: test_layout_tables_vendors.py."""
from __future__ import annotations

import pytest

from layout_support import D, laid, read, row

US_RESULTS = """Brindlewood Systems, Inc. Reports Third Quarter 2024 Results

AUSTIN, Texas, October 29, 2024 -- Brindlewood Systems, Inc. (NASDAQ: BRDW) today announced financial results for
the third quarter ended September 30, 2024.

Condensed results
(in millions of US dollars, except per-share data)

                                   Three months ended September 30,
                                      2024        2023      % change
Revenue(1)                           412.6       380.2          8.5%
Gross margin                          41.2%       39.8%       1.4 pts
Operating income (loss)               (12.4)       6.1            —
Diluted earnings per share            (0.21)      0.03            —

(1) Revenue includes services.
"""


def test_results_table_caption_unit_per_share_margin_parentheses_and_dashes(tmp_path):
    fs = laid(read(tmp_path, US_RESULTS), "table")
    assert {row(f)[:1] + row(f)[2:] for f in fs} == {
        ("metric", "revenue", D("412600000"), "USD", "2024-Q3"),
        ("metric", "revenue", D("380200000"), "USD", "2023-Q3"),
        ("change", "revenue", D("8.5"), "percent", "2024-Q3"),
        ("metric", "gross-margin", D("41.2"), "percent", "2024-Q3"),
        ("metric", "gross-margin", D("39.8"), "percent", "2023-Q3"),
        ("change", "gross-margin", D("1.4"), "pp", "2024-Q3"),
        ("metric", "operating-profit", D("-12400000"), "USD", "2024-Q3"),
        ("metric", "operating-profit", D("6100000"), "USD", "2023-Q3"),
        ("metric", "diluted-eps", D("-0.21"), "USD", "2024-Q3"),          # per share: no table scale
        ("metric", "diluted-eps", D("0.03"), "USD", "2023-Q3"),
    }
    assert {f.subject.label for f in fs} == {"Brindlewood Systems, Inc."}
    assert {f.basis for f in fs if f.kind == "change"} == {"YoY"}


FISCAL_RESULTS = """Kestrel Cloud Ltd. announces Q3 FY25 results

BENGALURU, January 22, 2025 -- Kestrel Cloud Ltd. (NSE: KESTREL) today announced results for the third quarter of
fiscal 2025, the quarter ended December 31, 2024. Kestrel's fiscal year ends on March 31.

Financial highlights (RMB'000)

                         Q3 FY25      Q3 FY24      Change
Revenue                  1,284,511    1,102,330    16.5%
Operating margin             16.3%        17.1%   (0.8) pp
"""


def test_fiscal_columns_thousands_glued_to_the_currency_and_a_negative_change_in_parentheses(tmp_path):
    fs = laid(read(tmp_path, FISCAL_RESULTS), "table")
    got = {(f.kind, f.metric, f.value, f.unit, f.period.start.isoformat(), f.period.fiscal_label) for f in fs}
    assert got == {
        ("metric", "revenue", D("1284511000"), "CNY", "2024-10-01", "Q3 FY2025"),
        ("metric", "revenue", D("1102330000"), "CNY", "2023-10-01", "Q3 FY2024"),
        ("change", "revenue", D("16.5"), "percent", "2024-10-01", "Q3 FY2025"),
        ("metric", "operating-margin", D("16.3"), "percent", "2024-10-01", "Q3 FY2025"),
        ("metric", "operating-margin", D("17.1"), "percent", "2023-10-01", "Q3 FY2024"),
        ("change", "operating-margin", D("-0.8"), "pp", "2024-10-01", "Q3 FY2025"),
    }


HTML_GROUPS = """<html><head><title>Brindlewood Systems reports Q3 2024 results</title></head><body>
<h1>Brindlewood Systems, Inc. Reports Third Quarter 2024 Results</h1>
<p>AUSTIN, Texas, October 29, 2024 -- Brindlewood Systems, Inc. (NASDAQ: BRDW) today announced financial results
for the third quarter ended September 30, 2024.</p>
<p>(in millions of US dollars, except per-share data)</p>
<table>
<tr><th></th><th colspan="2">Three months ended September 30,</th><th colspan="2">Nine months ended September 30,</th></tr>
<tr><th></th><th>2024</th><th>2023</th><th>2024</th><th>2023</th></tr>
<tr><td>Revenue</td><td>412.6</td><td>380.2</td><td>1,190.4</td><td>1,101.7</td></tr>
<tr><td>Diluted earnings per share</td><td>(0.21)</td><td>0.03</td><td>(0.55)</td><td>0.12</td></tr>
</table>
<p>Brindlewood makes network test equipment.</p>
</body></html>
"""


def test_html_group_header_spans_its_columns(tmp_path):
    fs = laid(read(tmp_path, HTML_GROUPS, name="brindlewood.html"), "table")
    assert {row(f)[2:] for f in fs} == {
        ("revenue", D("412600000"), "USD", "2024-Q3"), ("revenue", D("380200000"), "USD", "2023-Q3"),
        ("revenue", D("1190400000"), "USD", "2024-9M"), ("revenue", D("1101700000"), "USD", "2023-9M"),
        ("diluted-eps", D("-0.21"), "USD", "2024-Q3"), ("diluted-eps", D("0.03"), "USD", "2023-Q3"),
        ("diluted-eps", D("-0.55"), "USD", "2024-9M"), ("diluted-eps", D("0.12"), "USD", "2023-9M"),
    }


SHIFTED_PIPES = """# Solvik Group Q2 2024 interim report

**Oslo, 12 July 2024** -- Solvik Group ASA (OSE: SOLV) today reported results for the second quarter of 2024.

EUR million

| Q2 2024 | Q2 2023 | Y/Y |
|---|---|---|
| Revenue | 812.4 | 790.1 | 3% |
| EBITDA | 120.3 | 131.0 | (8)% |
"""


def test_a_pipe_header_without_the_label_cell_cannot_be_matched_to_its_columns(tmp_path):
    assert laid(read(tmp_path, SHIFTED_PIPES, name="solvik.md"), "table") == []


CHANGE_COLUMNS = """Brindlewood Systems, Inc. Reports Third Quarter 2024 Results

AUSTIN, Texas, October 29, 2024 -- Brindlewood Systems, Inc. (NASDAQ: BRDW) today announced financial results for
the third quarter ended September 30, 2024.

($ in millions, except per share)     Q3 2024     Q3 2023     Change     % Change
Revenue                               $412.6      $380.2      $32.4        8.5%
Adjusted EBITDA                         88.1        79.0        9.1       11.5%
"""


def test_a_bare_figure_in_a_change_column_that_may_hold_amounts_is_not_read(tmp_path):
    fs = laid(read(tmp_path, CHANGE_COLUMNS), "table")
    changes = {(f.metric, f.value, f.unit) for f in fs if f.kind == "change"}
    assert changes == {("revenue", D("8.5"), "percent"), ("adjusted-ebitda", D("11.5"), "percent")}
    assert len(fs) == 6


SEQUENTIAL = """Brindlewood Systems, Inc. Reports Third Quarter 2024 Results

AUSTIN, Texas, October 29, 2024 -- Brindlewood Systems, Inc. (NASDAQ: BRDW) today announced financial results for
the third quarter ended September 30, 2024.

(in millions)         Q3 2024    Q2 2024    Q/Q    Q3 2023    Y/Y
Revenue                 412.6      398.0     4%      380.2     9%
Gross profit            170.0      160.2     6%      151.3    12%
"""


def test_q_on_q_and_y_on_y_columns_are_changes_of_the_latest_quarter_and_money_needs_a_currency(tmp_path):
    fs = laid(read(tmp_path, SEQUENTIAL), "table")
    # "(in millions)" and no currency anywhere in the document: the levels are not read
    assert {(f.kind, f.metric, f.value, f.basis, f.period.label) for f in fs} == {
        ("change", "revenue", D("4"), "QoQ", "2024-Q3"), ("change", "revenue", D("9"), "YoY", "2024-Q3"),
        ("change", "gross-profit", D("6"), "QoQ", "2024-Q3"), ("change", "gross-profit", D("12"), "YoY", "2024-Q3"),
    }


TRANSPOSED = """Brindlewood Systems, Inc. Reports Third Quarter 2024 Results

AUSTIN, Texas, October 29, 2024 -- Brindlewood Systems, Inc. (NASDAQ: BRDW) today announced financial results for
the third quarter ended September 30, 2024. All amounts are in US$.

Third quarter 2024 by segment (in millions)

                     Devices     Services     Total
Revenue                250.1        162.5     412.6
Operating income        20.3        (32.7)    (12.4)
"""


def test_a_table_whose_columns_are_the_parts_is_not_read_as_the_company_s(tmp_path):
    # rows are measures, but the columns say whose: "Devices" revenue is no figure of the company's
    assert laid(read(tmp_path, TRANSPOSED), "table") == []


@pytest.mark.parametrize("note, currency, scale, count", [
    ("(EURm)", "EUR", 1000000, None), ("(SEKm)", "SEK", 1000000, None), ("EUR'000", "EUR", 1000, None),
    ("RMB'000", "CNY", 1000, None), ("($000s)", "USD", 1000, None), ("$000", "USD", 1000, None),
    ("(000s)", None, 1000, None), ("Unit: RMB million", "CNY", 1000000, None),
    ("grew to 10 000 units", None, 1, "units"), ("USD 1,000 million", "USD", 1000000, None)])
def test_unit_notes_glued_codes_and_thousands(note, currency, scale, count):
    from layout_support import PATHS
    from marketgraph.graph.extract.patterns import load_patterns
    from marketgraph.graph.extract.tablecells import FigureReader
    u = FigureReader(load_patterns(PATHS.mappings / "patterns")).unit_note(note)
    assert (u.currency, u.scale, u.count) == (currency, scale, count)


LOSS_LABELS = """Brindlewood Systems, Inc. Reports Third Quarter 2024 Results

AUSTIN, Texas, October 29, 2024 -- Brindlewood Systems, Inc. (NASDAQ: BRDW) today announced financial results for
the third quarter ended September 30, 2024.

(in millions of US dollars, except per-share data)
                                        Q3 2024     Q3 2023
Net (loss) income                        (15.0)         2.3
Diluted earnings (loss) per share        (0.21)        0.03
"""


def test_a_sign_note_in_parentheses_does_not_change_the_measure(tmp_path):
    fs = laid(read(tmp_path, LOSS_LABELS), "table")
    assert {row(f)[2:] for f in fs} == {
        ("net-profit", D("-15000000"), "USD", "2024-Q3"), ("net-profit", D("2300000"), "USD", "2023-Q3"),
        ("diluted-eps", D("-0.21"), "USD", "2024-Q3"), ("diluted-eps", D("0.03"), "USD", "2023-Q3")}


SPANS = """Brindlewood Systems, Inc. Reports Second Quarter 2024 Results

AUSTIN, Texas, July 30, 2024 -- Brindlewood Systems, Inc. (NASDAQ: BRDW) today announced financial results for the
second quarter ended June 30, 2024.

(in millions of US dollars)
                         Q2 2024     YTD 2024     LTM Q2 2024     6M 2023
Revenue                    412.6        810.3         1,602.0       761.4
Gross profit               170.1        331.0           655.2       305.9
"""


def test_columns_whose_span_is_not_the_period_they_name_are_not_read(tmp_path):
    # "YTD 2024" is not the year 2024, "LTM Q2 2024" not the quarter, "6M 2023" not the year 2023
    fs = laid(read(tmp_path, SPANS), "table")
    assert {row(f)[2:] for f in fs} == {("revenue", D("412600000"), "USD", "2024-Q2"),
                                        ("gross-profit", D("170100000"), "USD", "2024-Q2")}


BARE_RATES = """Brindlewood Systems, Inc. Reports Third Quarter 2024 Results

AUSTIN, Texas, October 29, 2024 -- Brindlewood Systems, Inc. (NASDAQ: BRDW) today announced financial results for
the third quarter ended September 30, 2024.

(in millions of US dollars, except percentages)

                               Q3 2024     Q3 2023
Revenue                          412.6       380.2
Operating margin                  16.3        17.1
Employees                        4,210       3,980
"""


def test_a_percent_or_count_row_takes_no_money_unit_or_scale_from_the_caption(tmp_path):
    fs = laid(read(tmp_path, BARE_RATES), "table")
    assert {row(f)[2:] for f in fs} == {
        ("revenue", D("412600000"), "USD", "2024-Q3"), ("revenue", D("380200000"), "USD", "2023-Q3"),
        ("operating-margin", D("16.3"), "percent", "2024-Q3"), ("operating-margin", D("17.1"), "percent", "2023-Q3"),
        ("employees", D("4210"), "employees", "2024-Q3"), ("employees", D("3980"), "employees", "2023-Q3")}


def _key_figures(cells: str) -> str:
    return ("""<html><head><title>Solvik Group ASA: Interim report Q2 2024</title></head><body>
<h1>Solvik Group ASA: Interim report for the second quarter of 2024</h1>
<p>Oslo, 12 July 2024 – Solvik Group ASA (OSE: SOLV) today published its interim report for the second quarter of
2024.</p>
<table><thead>
<tr><th scope="col">Key figures</th><th>Q2 2024</th><th>Q2 2023</th><th>Change</th></tr>
<tr><th></th><th>NOK m</th><th>NOK m</th><th>%</th></tr>
</thead><tbody>
""" + cells + """
<tr><th scope="row">Net profit</th><td>&minus;41</td><td>55</td><td>n.m.</td></tr>
</tbody></table>
<p>Solvik makes heat pumps.</p>
</body></html>
""")


def test_html_units_row_and_thousands_grouped_with_spaces(tmp_path):
    cells = ("<tr><th scope=\"row\">Revenue</th><td>8&nbsp;124</td><td>7&nbsp;901</td><td>3</td></tr>\n"
             "<tr><th scope=\"row\">EBITDA</th><td>1 203</td><td>1 310</td><td>&minus;8</td></tr>")
    fs = laid(read(tmp_path, _key_figures(cells), name="solvik.html"), "table")
    assert {row(f)[:1] + row(f)[2:] for f in fs} == {
        ("metric", "revenue", D("8124000000"), "NOK", "2024-Q2"), ("metric", "revenue", D("7901000000"), "NOK", "2023-Q2"),
        ("change", "revenue", D("3"), "percent", "2024-Q2"),
        ("metric", "ebitda", D("1203000000"), "NOK", "2024-Q2"), ("metric", "ebitda", D("1310000000"), "NOK", "2023-Q2"),
        ("change", "ebitda", D("-8"), "percent", "2024-Q2"),
        ("metric", "net-profit", D("-41000000"), "NOK", "2024-Q2"), ("metric", "net-profit", D("55000000"), "NOK", "2023-Q2")}


def test_rows_of_unread_figures_are_no_header_of_the_rows_below(tmp_path):
    # decimal commas are not read: those rows are no header either, so "Net profit" has no column to take
    cells = ("<tr><th scope=\"row\">Revenue</th><td>8.124,5</td><td>7.901,0</td><td>3</td></tr>\n"
             "<tr><th scope=\"row\">EBITDA</th><td>1.203,2</td><td>1.310,9</td><td>&minus;8</td></tr>")
    assert laid(read(tmp_path, _key_figures(cells), name="solvik.html"), "table") == []


ALIGNED_UNREAD = """Solvik Group ASA: Interim report for the second quarter of 2024

Oslo, 12 July 2024 – Solvik Group ASA (OSE: SOLV) today published its interim report for the second quarter of 2024.

                       Q2 2024        Q2 2023
                         NOK m          NOK m
Revenue                  8.124,5        7.901,0
EBITDA                   1.203,2        1.310,9
Net profit                   -41             55
Order intake               2,550          2,010
"""


def test_aligned_rows_of_unread_figures_are_no_header(tmp_path):
    assert laid(read(tmp_path, ALIGNED_UNREAD), "table") == []


QUARTERS_TOTAL = """Brindlewood Systems, Inc. Reports Fourth Quarter 2024 Results

AUSTIN, Texas, February 4, 2025 -- Brindlewood Systems, Inc. (NASDAQ: BRDW) today announced financial results for
the fourth quarter and year ended December 31, 2024.

(in millions of US dollars)
                 Q1 2024    Q2 2024    Q3 2024    Q4 2024      Total
Revenue            380.1      398.0      412.6      431.9    1,622.6
Net income          12.0       14.1      (15.0)      20.2       31.3
"""


def test_a_column_with_no_period_among_dated_columns_is_not_read(tmp_path):
    # "Total" is the year, not the document's quarter: the quarters are read, the total is not guessed
    fs = laid(read(tmp_path, QUARTERS_TOTAL), "table")
    assert len(fs) == 8
    assert {f.period.label for f in fs} == {"2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4"}
    assert ("net-profit", D("20200000"), "USD", "2024-Q4") in {row(f)[2:] for f in fs}
    assert D("1622600000") not in {f.value for f in fs}
