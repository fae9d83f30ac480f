"""Tables in the shapes real filings print them (issue 8), written with invented companies and figures: an SEC
exhibit 99.1 statement in plain text ("$" in a column of its own, "--------" rules under the columns, "Three
Months Ended" over "September 30," over the years, indented sub-rows under "Net income (loss) per share:"), the
same statement as HTML ("$" and ")" in cells of their own, the years spanning three cells), "(In millions)" and
"(Unaudited)" as paragraphs of their own, a Nordic segment table ("Q3/2024", "Change, %", "Total"), an HKEX
highlights table (RMB'000 under the years, "RMB cents" per share). Each cell is read exactly or not at all."""
from __future__ import annotations

from layout_support import D, laid, read, row

HEAD = """Harrowgate Devices, Inc. Reports Third Quarter 2024 Results

SAN JOSE, Calif., October 30, 2024 -- Harrowgate Devices, Inc. (NASDAQ: HGDV) today reported financial results
for its third quarter ended September 30, 2024.

"""

SEC_TEXT = HEAD + """                         HARROWGATE DEVICES, INC.
          CONDENSED CONSOLIDATED STATEMENTS OF OPERATIONS
             (In millions, except per share amounts)
                              (Unaudited)

                                        Three Months Ended      Nine Months Ended
                                           September 30,          September 30,
                                        -------------------    -------------------
                                          2024       2023        2024       2023
                                        --------   --------    --------   --------
Revenue                                 $  512.4   $  470.9    $1,488.2   $1,372.5
Cost of revenue                            301.7      285.3       880.4      842.0
                                        --------   --------    --------   --------
Gross profit                               210.7      185.6       607.8      530.5
Operating expenses:
  Research and development                  88.1       80.2       259.9      236.4
                                        --------   --------    --------   --------
Operating income (loss)                     51.1       35.5       133.6       88.3
Net income (loss)                       $   39.8   $   (4.7)   $  104.1   $   61.0
                                        ========   ========    ========   ========
Net income (loss) per share:
  Basic                                 $   0.41   $  (0.05)   $   1.07   $   0.63
  Diluted                               $   0.40   $  (0.05)   $   1.05   $   0.62
Shares used in computing per share amounts:
  Basic                                     97.1       95.8        97.0       95.5
  Diluted                                   99.0       95.8        98.9       97.4
"""


def _got(fs) -> set[tuple]:
    return {(f.kind, f.metric, f.value, f.unit, f.period.label if f.period else None) for f in fs}


def _rows(spec: str) -> set[tuple]:
    """Expected (kind, metric, value, unit, period) tuples written one a line: "metric revenue 512400000 USD 2024-Q3"."""
    out = set()
    for line in spec.strip().splitlines():
        kind, metric, value, unit, period = line.split()
        out.add((kind, metric, D(value), unit, period))
    return out


def test_sec_statement_in_plain_text_with_dollar_columns_rules_and_sub_rows(tmp_path):
    fs = laid(read(tmp_path, SEC_TEXT), "table")
    got = _got(fs)
    for want in [("metric", "revenue", D("512400000"), "USD", "2024-Q3"),
                 ("metric", "revenue", D("470900000"), "USD", "2023-Q3"),
                 ("metric", "gross-profit", D("185600000"), "USD", "2023-Q3"),
                 ("metric", "operating-profit", D("51100000"), "USD", "2024-Q3"),
                 ("metric", "net-profit", D("-4700000"), "USD", "2023-Q3"),        # "$   (4.7)"
                 ("metric", "basic-eps", D("0.41"), "USD", "2024-Q3"),            # "Basic" under "... per share:"
                 ("metric", "diluted-eps", D("-0.05"), "USD", "2023-Q3")]:
        assert want in got, want
    # the nine-month columns are read as nine months, never as the quarter
    assert ("metric", "revenue", D("1488200000"), "USD", "2024-Q3") not in got
    assert all(f.period.label in ("2024-Q3", "2023-Q3", "2024-9M", "2023-9M") for f in fs)
    # share counts under "Shares used ...:" are no earnings per share and no measure named "Basic"
    assert not any(f.value in (D("97.1"), D("97100000"), D("99.0"), D("99000000")) for f in fs)
    assert not {f.metric for f in fs} & {"basic", "diluted"}
    assert {f.subject.label for f in fs} == {"Harrowgate Devices, Inc."}


SEC_HTML = """<html><head><title>Harrowgate Devices Reports Third Quarter 2024 Results</title></head><body>
<h1>Harrowgate Devices, Inc. Reports Third Quarter 2024 Results</h1>
<p>SAN JOSE, Calif., October 30, 2024 -- Harrowgate Devices, Inc. (NASDAQ: HGDV) today reported financial results
for its third quarter ended September 30, 2024.</p>
<p>HARROWGATE DEVICES, INC.<br>CONDENSED CONSOLIDATED STATEMENTS OF OPERATIONS<br>(In millions, except per share amounts)<br>(Unaudited)</p>
<table>
<tr><td></td><td colspan="7">Three Months Ended September 30,</td></tr>
<tr><td></td><td colspan="3">2024</td><td></td><td colspan="3">2023</td></tr>
<tr><td>Revenue</td><td>$</td><td>512.4</td><td></td><td></td><td>$</td><td>470.9</td><td></td></tr>
<tr><td>Net income (loss)</td><td>$</td><td>39.8</td><td></td><td></td><td>$</td><td>(4.7</td><td>)</td></tr>
<tr><td>Diluted net income (loss) per share</td><td>$</td><td>0.40</td><td></td><td></td><td>$</td><td>(0.05</td><td>)</td></tr>
</table>
</body></html>
"""


def test_sec_statement_as_html_with_dollar_and_parenthesis_cells_and_spanning_years(tmp_path):
    fs = laid(read(tmp_path, SEC_HTML, name="q3.html"), "table")
    assert _got(fs) == _rows("""
        metric revenue 512400000 USD 2024-Q3
        metric revenue 470900000 USD 2023-Q3
        metric net-profit 39800000 USD 2024-Q3
        metric net-profit -4700000 USD 2023-Q3
        metric diluted-eps 0.40 USD 2024-Q3
        metric diluted-eps -0.05 USD 2023-Q3
    """)


SEGMENTS = """Vireo Instruments Oyj: Interim report January-September 2024

HELSINKI, October 24, 2024 -- Vireo Instruments Oyj (Nasdaq Helsinki: VIREO) today reported its results for the
third quarter of 2024.

Net sales by segment
EUR million                 Q3/2024    Q3/2023    Change, %
Industrial Sensing            212.4      198.0          7.3
Medical Imaging               144.9      150.2         -3.5
Total                         357.3      348.2          2.6
"""


def test_nordic_segment_table_slash_quarters_and_a_total_that_is_the_company(tmp_path):
    fs = laid(read(tmp_path, SEGMENTS), "table")
    got = {(f.kind, f.subject.label, f.metric, f.value, f.unit, f.period.label) for f in fs}
    assert ("metric", "Industrial Sensing", "revenue", D("212400000"), "EUR", "2024-Q3") in got
    assert ("metric", "Industrial Sensing", "revenue", D("198000000"), "EUR", "2023-Q3") in got
    assert ("change", "Medical Imaging", "revenue", D("-3.5"), "percent", "2024-Q3") in got
    assert ("metric", "Vireo Instruments Oyj", "revenue", D("357300000"), "EUR", "2024-Q3") in got
    assert not any(f.subject.kind == "market" for f in fs)          # the segments' total is no market


def test_a_segment_table_of_no_company_named_is_not_read(tmp_path):
    # a news item quoting a segment table with no issuer: the rows are parts of no company the text names
    text = SEGMENTS.replace("Vireo Instruments Oyj (Nasdaq Helsinki: VIREO) today reported its results for the\n"
                            "third quarter of 2024.", "Analysts had expected weaker industrial demand.")
    text = text.replace("Vireo Instruments Oyj: Interim report January-September 2024", "Nordic sensor makers, Q3 2024")
    fs = laid(read(tmp_path, text), "table")
    assert not any(f.subject.kind in ("market", "group") or f.subject.label == "Total" for f in fs)


HKEX = """Qinghe Smart Living Holdings Limited
ANNOUNCEMENT OF ANNUAL RESULTS FOR THE YEAR ENDED 31 DECEMBER 2023

The board of directors (the "Board") of Qinghe Smart Living Holdings Limited (the "Company") announces the audited
consolidated results of the Company and its subsidiaries (the "Group") for the year ended 31 December 2023.

FINANCIAL HIGHLIGHTS

                                          For the year ended 31 December
                                              2023           2022     Change
                                           RMB'000        RMB'000
Revenue                                  2,418,306      2,105,770      14.8%
Profit for the year                        131,442        (22,617)       N/A
Basic earnings per share (RMB cents)         10.52          (1.83)       N/A
Gross profit margin                          29.0%          27.9%   1.1 ppt
"""


def test_hkex_highlights_units_under_the_years_cents_per_share_and_the_change_of_the_year(tmp_path):
    fs = laid(read(tmp_path, HKEX), "table")
    assert _got(fs) == _rows("""
        metric revenue 2418306000 CNY 2023
        metric revenue 2105770000 CNY 2022
        change revenue 14.8 percent 2023
        metric net-profit 131442000 CNY 2023
        metric net-profit -22617000 CNY 2022
        metric basic-eps 0.1052 CNY 2023
        metric basic-eps -0.0183 CNY 2022
        metric gross-margin 29.0 percent 2023
        metric gross-margin 27.9 percent 2022
        change gross-margin 1.1 pp 2023
    """)


PDF_FLAT = HEAD + """Summary financial results (in millions, except per share data)
Q3 2024 Q3 2023 Y/Y
Revenue $ 512.4 $ 470.9 9%
Gross margin 41.1% 39.4% 1.7 pts
Diluted EPS $ 0.40 $ (0.05) n/m
"""


def test_pdf_text_collapsed_to_single_spaces_with_dollar_signs_apart_and_a_placeholder(tmp_path):
    fs = read(tmp_path, PDF_FLAT)
    assert _got(laid(fs, "table")) == _rows("""
        metric revenue 512400000 USD 2024-Q3
        metric revenue 470900000 USD 2023-Q3
        change revenue 9 percent 2024-Q3
        metric gross-margin 41.1 percent 2024-Q3
        metric gross-margin 39.4 percent 2023-Q3
        change gross-margin 1.7 pp 2024-Q3
        metric diluted-eps 0.40 USD 2024-Q3
        metric diluted-eps -0.05 USD 2023-Q3
    """)
    # no other reader takes the rows as prose: "$ 470.9" is never the current quarter's, nor unscaled
    assert not any(f.value in (D("470.9"), D("512.4")) for f in fs)


NORDIC_KEYS = """Solvent Mobility AB Interim report January-June 2024

STOCKHOLM, July 18, 2024 -- Solvent Mobility AB (publ) today published its interim report for the second quarter
of 2024.

Key figures
SEK million Q2 2024 Q2 2023 Change
Net sales 4,812 4,390 10%
Earnings per share, SEK 2.14 1.87 14%
"""


def test_a_unit_after_a_comma_in_the_row_label_is_the_unit_not_the_measure(tmp_path):
    fs = laid(read(tmp_path, NORDIC_KEYS), "table")
    got = _got(fs)
    assert ("metric", "eps", D("2.14"), "SEK", "2024-Q2") in got        # no table scale for a per-share row
    assert ("metric", "eps", D("1.87"), "SEK", "2023-Q2") in got
    assert ("metric", "revenue", D("4812000000"), "SEK", "2024-Q2") in got
    assert not any("sek" in f.metric for f in fs)


HK_HTML = """<html><head><title>Qinghe Smart Living: annual results 2023</title></head><body>
<h1>Qinghe Smart Living Holdings Limited</h1>
<h2>ANNOUNCEMENT OF ANNUAL RESULTS FOR THE YEAR ENDED 31 DECEMBER 2023</h2>
<p>The board of directors of Qinghe Smart Living Holdings Limited (the "Company") announces the audited consolidated
results of the Company and its subsidiaries (the "Group") for the year ended 31 December 2023.</p>
<p>CONSOLIDATED STATEMENT OF PROFIT OR LOSS</p>
<p>For the year ended 31 December 2023</p>
<table>
<thead><tr><th></th><th>Notes</th><th>2023<br>RMB'000</th><th>2022<br>RMB'000</th></tr></thead>
<tbody>
<tr><td>Revenue</td><td>4</td><td>2,418,306</td><td>2,105,770</td></tr>
<tr><td>Cost of sales</td><td></td><td>(1,716,191)</td><td>(1,517,680)</td></tr>
<tr><td>Profit/(loss) for the year</td><td></td><td>131,442</td><td>(22,617)</td></tr>
</tbody></table>
</body></html>
"""


def test_hkex_statement_as_html_a_notes_column_and_costs_in_parentheses(tmp_path):
    fs = laid(read(tmp_path, HK_HTML, name="results.html"), "table")
    assert _got(fs) == _rows("""
        metric revenue 2418306000 CNY 2023
        metric revenue 2105770000 CNY 2022
        metric cost-of-sales 1716191000 CNY 2023
        metric cost-of-sales 1517680000 CNY 2022
        metric net-profit 131442000 CNY 2023
        metric net-profit -22617000 CNY 2022
    """)                                                                  # the "Notes" column ("4") is no figure


LEADERS = HEAD + """                                                 Three Months Ended September 30,
(in millions, except per share data)                  2024             2023
Net sales..........................................  $ 512.4          $ 470.9
Gross profit.......................................    210.7            185.6

Operating income...................................     51.1             35.5
Net income attributable to common
  stockholders.......................................     39.8             22.1

Diluted earnings per share.........................  $  0.40          $  0.23
"""


def test_dot_leaders_blank_lines_between_row_groups_and_a_label_cut_over_two_lines(tmp_path):
    fs = laid(read(tmp_path, LEADERS), "table")
    # each measure in both quarters: (2024-Q3, 2023-Q3)
    both = {"revenue": ("512400000", "470900000"), "gross-profit": ("210700000", "185600000"),
            "operating-profit": ("51100000", "35500000"),           # after a blank line: the same columns
            "profit-attributable-to-owners": ("39800000", "22100000"), "diluted-eps": ("0.40", "0.23")}
    assert _got(fs) == {("metric", m, D(v), "USD", p) for m, vs in both.items()
                        for v, p in zip(vs, ("2024-Q3", "2023-Q3"))}
    cut = [f for f in fs if f.metric == "profit-attributable-to-owners"]
    assert all(f.evidence.quote.startswith("Net income attributable to common") for f in cut)


def test_rows_after_a_blank_line_under_other_columns_are_another_table(tmp_path):
    # the lines after the blank do not end where the rows above end: no header reaches them, nothing is read
    text = LEADERS.replace("Operating income...................................     51.1             35.5",
                           "Headcount                          4,120     3,980     3,870")
    fs = laid(read(tmp_path, text), "table")
    assert not any(f.value in (D("4120"), D("3980"), D("3870")) for f in fs)


RANKED = """# Kestrel Data: Global smartwatch shipments rise 5% in Q3 2024

LONDON, October 28, 2024 -- Global smartwatch shipments rose 5% year on year to 42.6 million units in the third
quarter of 2024, according to Kestrel Data.

Global smartwatch shipments and market share, Q3 2024 (millions of units)

| Rank | Vendor | Q3 2024 shipments | Q3 2024 market share | Q3 2023 shipments | Q3 2023 market share | Annual growth |
|---|---|---|---|---|---|---|
| 1 | Orrin* | 12.4 | 29.1% | 11.0 | 27.1% | 12.7% |
| 2 | Vashti | 8.2 | 19.2% | 8.9 | 21.9% | -7.9% |
| | Others | 16.9 | 39.7% | 16.4 | 40.4% | 3.0% |
| | Total | 42.6 | 100.0% | 40.6 | 100.0% | 4.9% |

*Orrin includes its Brava sub-brand.
"""


def test_a_rank_column_before_the_vendor_others_and_total_rows_without_a_rank(tmp_path):
    fs = laid(read(tmp_path, RANKED, name="note.md"), "table")
    got = {(f.kind, f.subject.label, f.metric, f.value, f.period.label) for f in fs}
    for want in [("metric", "Orrin", "shipments", D("12400000"), "2024-Q3"),
                 ("market_share", "Orrin", "market-share", D("29.1"), "2024-Q3"),
                 ("metric", "Orrin", "shipments", D("11000000"), "2023-Q3"),
                 ("change", "Vashti", "shipments", D("-7.9"), "2024-Q3"),
                 ("market_share", "Others", "market-share", D("39.7"), "2024-Q3")]:
        assert want in got, want
    assert {f.subject.kind for f in fs if f.value == D("42600000")} == {"market"}     # "Total" is the market
    assert not any(f.subject.label in ("1", "2", "Rank") for f in fs)
    assert not any(f.value in (D("1"), D("2")) for f in fs)                        # the ranks are no figures
    assert next(f for f in fs if f.subject.label == "Others").subject.kind == "group"  # "Others" is no company


SECTIONS = HEAD + """THIRD QUARTER 2024 FINANCIAL SUMMARY
(in millions, except per share data and percentages)

                                   Q3 2024        Q3 2023        Y/Y
GAAP
  Revenue                        $     512      $     471         9%
  Gross margin                        41.1%          39.4%     1.7 pts
  Diluted EPS                    $    0.40      $   (0.05)        n/m
Non-GAAP (1)
  Gross margin                        44.0%          42.2%     1.8 pts
  Diluted EPS                    $    0.71      $    0.52         37%

(1) See the reconciliation below.
"""


def test_gaap_and_non_gaap_section_lines_give_their_rows_the_basis(tmp_path):
    fs = laid(read(tmp_path, SECTIONS), "table")
    got = {(f.kind, f.metric, f.value, f.period.label, f.qualifier("accounting")) for f in fs}
    assert ("metric", "revenue", D("512000000"), "2024-Q3", "GAAP") in got       # the header over "GAAP" is found
    assert ("metric", "gross-margin", D("41.1"), "2024-Q3", "GAAP") in got
    assert ("metric", "gross-margin", D("44.0"), "2024-Q3", "adjusted") in got   # under "Non-GAAP (1)"
    assert ("metric", "diluted-eps", D("0.71"), "2024-Q3", "adjusted") in got
    assert ("change", "diluted-eps", D("37"), "2024-Q3", "adjusted") in got
    # never a non-GAAP figure as the plain (GAAP) measure
    assert not any(f.value in (D("44.0"), D("0.71")) and f.qualifier("accounting") != "adjusted" for f in fs)


SPLIT_YEAR = """Halden Messtechnik AG
Quarterly Statement Q3 2023/24
(April 1 to June 30, 2024)

Munich, August 6, 2024

Halden at a glance
€ million                        Q3 2023/24   Q3 2022/23   Change   9M 2023/24   9M 2022/23   Change
Revenue                               412.4        397.6      3.7%      1,241.0      1,162.9      6.7%
EBIT                                   39.2         35.5     10.4%        114.6        106.2      7.9%

Halden's fiscal year begins on October 1 and ends on September 30.
"""


def test_columns_of_a_split_fiscal_year_are_its_quarter_and_nine_months(tmp_path):
    fs = laid(read(tmp_path, SPLIT_YEAR), "table")
    got = {(f.kind, f.metric, f.value, f.period.start.isoformat(), f.period.end.isoformat()) for f in fs}
    assert ("metric", "revenue", D("412400000"), "2024-04-01", "2024-06-30") in got      # Q3 of FY 2023/24
    assert ("metric", "revenue", D("397600000"), "2023-04-01", "2023-06-30") in got
    assert ("change", "revenue", D("3.7"), "2024-04-01", "2024-06-30") in got
    assert ("metric", "revenue", D("1241000000"), "2023-10-01", "2024-06-30") in got     # 9M 2023/24
    assert ("metric", "ebit", D("106200000"), "2022-10-01", "2023-06-30") in got
    assert not any(f.period.start.isoformat() == "2023-07-01" for f in fs)               # never calendar Q3 2023


SGX = """TEMBARA PRECISION LTD.
(Company Registration No. 200104417K)
(Incorporated in the Republic of Singapore)

UNAUDITED CONDENSED INTERIM FINANCIAL STATEMENTS FOR THE SIX MONTHS AND
FULL YEAR ENDED 30 JUNE 2024

A. Condensed interim consolidated statement of profit or loss

                                        Group                               Group
                              2H FY2024   2H FY2023   % change    FY2024      FY2023   % change
                                 S$'000      S$'000                S$'000      S$'000
Revenue                         148,236     131,905       12.4    281,470     266,318        5.7
Cost of sales                  (118,004)   (106,711)      10.6   (225,812)   (215,240)       4.9
Earnings per share (cents)
  - Basic and diluted              3.31        2.45                   5.75        5.50
"""


def test_sgx_half_year_columns_a_capitals_heading_issuer_and_cents_under_a_measure_line(tmp_path):
    fs = laid(read(tmp_path, SGX), "table")
    got = {(f.kind, f.metric, f.value, f.unit, f.period.start.isoformat(), f.period.end.isoformat()) for f in fs}
    assert ("metric", "revenue", D("148236000"), "SGD", "2024-01-01", "2024-06-30") in got      # 2H FY2024
    assert ("metric", "revenue", D("281470000"), "SGD", "2023-07-01", "2024-06-30") in got      # FY2024
    assert ("change", "revenue", D("12.4"), "percent", "2024-01-01", "2024-06-30") in got
    assert ("metric", "cost-of-sales", D("118004000"), "SGD", "2024-01-01", "2024-06-30") in got
    eps = {(f.value, f.period.end.isoformat()) for f in fs if f.metric.endswith("eps")}
    assert eps == {(D("0.0331"), "2024-06-30"), (D("0.0245"), "2023-06-30"), (D("0.0575"), "2024-06-30"),
                   (D("0.0550"), "2023-06-30")}                                                # cents, no S$'000
    assert {f.subject.label for f in fs} == {"Tembara Precision Ltd."}     # not "Group Group" over the columns


TANSHIN = """Summary of Consolidated Financial Results
for the Six Months Ended September 30, 2024 (Under Japanese GAAP)
                                                                         November 7, 2024
Company name:     Karasawa Instruments Co., Ltd.
Listing:          Tokyo Stock Exchange

1. Consolidated financial results for the six months ended September 30, 2024
   (from April 1, 2024 to September 30, 2024)

(1) Consolidated operating results (cumulative)    (Percentages indicate year-on-year changes.)

                      Net sales           Operating profit     Ordinary profit
Six months ended      Millions of yen  %  Millions of yen  %   Millions of yen  %
September 30, 2024      184,312     6.2      15,208    (3.4)     16,911     1.8
September 30, 2023      173,553    11.0      15,743    24.5      16,612    20.1

                      Basic earnings      Diluted earnings
                      per share           per share
Six months ended      Yen                 Yen
September 30, 2024         92.41               92.18
September 30, 2023        101.27              100.95
"""


def test_japanese_summary_rows_of_periods_ended_pairs_of_amount_and_change_and_per_share_columns(tmp_path):
    fs = laid(read(tmp_path, TANSHIN), "table")
    got = {(f.kind, f.metric, f.value, f.unit, f.period.start.isoformat(), f.period.end.isoformat()) for f in fs}
    h1 = ("2024-04-01", "2024-09-30")
    assert ("metric", "revenue", D("184312000000"), "JPY") + h1 in got       # six months ended, not the day
    assert ("change", "revenue", D("6.2"), "percent") + h1 in got             # the "%" right of its amount
    assert ("change", "operating-profit", D("-3.4"), "percent") + h1 in got
    assert ("metric", "ordinary-profit", D("16911000000"), "JPY") + h1 in got  # not "profit"
    assert ("metric", "basic-eps", D("92.41"), "JPY") + h1 in got
    assert ("metric", "diluted-eps", D("100.95"), "JPY", "2023-04-01", "2023-09-30") in got
    assert not any(f.kind == "market_share" for f in fs)                      # "per share" is no share
    assert not any(f.period.kind in ("day", "instant") for f in fs)


def test_without_the_note_a_percent_column_beside_an_amount_is_not_read(tmp_path):
    fs = laid(read(tmp_path, TANSHIN.replace("    (Percentages indicate year-on-year changes.)", "")), "table")
    assert not any(f.value in (D("6.2"), D("-3.4"), D("1.8")) for f in fs)


RATIO_COLUMN = HEAD.replace("Harrowgate Devices, Inc. Reports", "Harrowgate Devices, Inc. Reports") + """Selected results
(in millions of US dollars)

                              Q3 2024   % of revenue
Revenue                         412.6         100.0%
Gross profit                    169.5          41.1%
"""


def test_a_percent_of_revenue_column_is_no_figure_of_the_row_s_measure(tmp_path):
    fs = laid(read(tmp_path, RATIO_COLUMN), "table")
    assert _got(fs) == {("metric", "revenue", D("412600000"), "USD", "2024-Q3"),
                        ("metric", "gross-profit", D("169500000"), "USD", "2024-Q3")}   # no "gross profit 41.1%"


KEY_FIGURES = """Lumisalo Networks Oyj   Interim Report   24 October 2024 at 8:00 EEST

Lumisalo Networks Oyj's Interim Report January–September 2024

HELSINKI, October 24, 2024 -- Lumisalo Networks Oyj (Nasdaq Helsinki: LUMI) today published its interim report.

Key figures
EUR million                     7–9/2024   7–9/2023   Change %   1–9/2024   1–9/2023   Change %   1–12/2023
Net sales                          198.3      211.0         -6      571.2      627.7         -9       861.5
Order backlog at end of period     318.4      341.2         -7      318.4      341.2         -7       294.7
Comparable EBITA, %                 10.8       10.8                   9.8       11.0                  11.3
Personnel at end of period         3,208      3,377         -5      3,208      3,377         -5      3,341
"""


def test_nordic_key_figures_month_run_columns_balances_at_period_end_and_ratio_rows(tmp_path):
    fs = laid(read(tmp_path, KEY_FIGURES), "table")
    got = {(f.kind, f.metric, f.value, f.unit, f.period.label) for f in fs}
    assert ("metric", "revenue", D("198300000"), "EUR", "2024-Q3") in got        # 7–9/2024
    assert ("metric", "revenue", D("571200000"), "EUR", "2024-9M") in got        # 1–9/2024
    assert ("metric", "revenue", D("861500000"), "EUR", "2023") in got           # 1–12/2023
    assert ("change", "revenue", D("-9"), "percent", "2024-9M") in got
    backlog = [f for f in fs if f.metric == "backlog" and f.kind == "metric"]
    assert {(f.value, f.period.label) for f in backlog} == {
        (D("318400000"), "2024-09-30"), (D("341200000"), "2023-09-30"), (D("294700000"), "2023-12-31")}
    assert len(backlog) == 3                                   # the same balance under Q3 and 9M: one fact
    # "Comparable EBITA, %": "comparable" is a basis (adjusted), so the row is EBITA in per cent, its margin; never
    # EBITA itself, and the basis is a qualifier, not a word of the measure
    ratio = [f for f in fs if f.value in (D("10.8"), D("9.8"), D("11.3"))]
    assert ratio and {(f.metric, f.unit, f.qualifier("accounting")) for f in ratio} == {
        ("ebita-margin", "percent", "adjusted")}
    # a headcount takes no "EUR million"
    assert not any(f.value == D("3208000000") for f in fs)
    assert {(f.value, f.unit) for f in fs if f.value == D("3208")} <= {(D("3208"), "employees")}


PDF_BROKEN = """Indus Device Research: India smartphone shipments grow 8.8% in 3Q24

NEW DELHI, November 14, 2024 - Smartphone shipments in India rose 8.8% year over year in the third quarter of
2024 (3Q24), according to preliminary data from Indus Device Research.

Top 5 Smartphone Companies, India Shipments, Market Share, and Year-Over-Year Growth, 3Q24
(Preliminary) (Shipments in millions of units)

Company
3Q24
Shipments
3Q24
Market
Share
3Q23
Shipments
3Q23
Market
Share
Year-over-
Year
Growth
1. Tarang 9.1 18.9% 8.4 19.0% 8.3%
2. Helion Mobile 8.0 16.6% 7.9 17.8% 1.3%
Others 14.6 30.3% 13.4 30.2% 9.0%
Total 48.2 100.0% 44.3 100.0% 8.8%
Source: Indus Device Research Quarterly Handset Monitor, November 14, 2024
"""


def test_a_header_a_pdf_broke_into_a_word_a_line_and_numbered_vendor_rows(tmp_path):
    fs = read(tmp_path, PDF_BROKEN)
    got = {(f.kind, f.subject.label, f.metric, f.value, f.period.label) for f in laid(fs, "table")}
    assert ("metric", "Tarang", "shipments", D("9100000"), "2024-Q3") in got
    assert ("market_share", "Tarang", "market-share", D("18.9"), "2024-Q3") in got
    assert ("metric", "Tarang", "shipments", D("8400000"), "2023-Q3") in got      # the prior year's column
    assert ("change", "Helion Mobile", "shipments", D("1.3"), "2024-Q3") in got
    assert ("metric", "Others", "shipments", D("14600000"), "2024-Q3") in got
    # the numbered rows are no list: no reader takes 3Q23's 8.4 as the quarter's, nor a bare 9.1 units
    assert not any(f.value == D("8.4") or f.value == D("9.1") for f in fs)
    assert not any(f.subject.label in ("1. Tarang", "1") for f in fs)


KPI_LETTER = """<html><head><title>Q3 2024 Investor Letter</title></head><body>
<h1>Q3 2024 Investor Letter</h1>
<p>October 29, 2024</p>
<p>Dear investors,</p>
<p>Brisa Social, Inc. (NYSE: BRSA) grew revenue 19% year-over-year to $1.58 billion in Q3, our fastest growth in
two years.</p>
<h2>Key metrics</h2>
<table>
<thead><tr><th></th><th>Q3'24</th><th>Q2'24</th><th>Q3'23</th><th>Y/Y</th></tr></thead>
<tbody>
<tr><td>DAU (millions)</td><td>487</td><td>479</td><td>456</td><td>7%</td></tr>
<tr><td>North America</td><td>102</td><td>101</td><td>101</td><td>1%</td></tr>
<tr><td>Europe</td><td>98</td><td>97</td><td>95</td><td>3%</td></tr>
<tr><td>Rest of World</td><td>287</td><td>281</td><td>260</td><td>10%</td></tr>
<tr><td>ARPU<sup>3</sup></td><td>$3.24</td><td>$3.06</td><td>$2.91</td><td>11%</td></tr>
</tbody></table>
<p><sup>3</sup> ARPU is quarterly revenue divided by average DAU.</p>
</body></html>
"""


def test_regions_under_a_measure_row_are_that_measure_there_and_a_glued_footnote_is_no_word(tmp_path):
    fs = laid(read(tmp_path, KPI_LETTER, name="letter.html"), "table")
    got = {(f.kind, f.metric, f.value, f.period.label, f.market.label if f.market else None) for f in fs}
    assert ("metric", "daily-active-users", D("487000000"), "2024-Q3", None) in got
    assert ("metric", "daily-active-users", D("102000000"), "2024-Q3", "North America") in got
    assert ("metric", "daily-active-users", D("95000000"), "2023-Q3", "Europe") in got
    assert ("change", "daily-active-users", D("3"), "2024-Q3", "Europe") in got
    assert ("metric", "arpu", D("3.24"), "2024-Q3", None) in got
    # "Rest of World" is no measure: nothing named after it, no bare 287
    assert not any(f.value in (D("287"), D("287000000")) and f.market is None for f in fs)
    assert not any("rest" in f.metric for f in fs)


HK_INTERIM = """                    LINGQIAO DIGITAL HOLDINGS LIMITED
                       INTERIM RESULTS ANNOUNCEMENT
                  FOR THE SIX MONTHS ENDED 30 JUNE 2024

The board of directors of Lingqiao Digital Holdings Limited (the "Company") is pleased to announce the unaudited
consolidated interim results of the Company for the six months ended 30 June 2024.

FINANCIAL HIGHLIGHTS

                                      Six months ended 30 June
                                        2024            2023     Year-on-year
                                     RMB'000         RMB'000           change
                                 (Unaudited)     (Unaudited)

Revenue                            4,382,615       3,907,204            12.2%
(Loss)/profit for the period        (126,388)         41,902              N/A
"""


def test_hkex_header_block_with_units_under_the_years_and_a_blank_line_before_the_rows(tmp_path):
    fs = laid(read(tmp_path, HK_INTERIM), "table")
    assert _got(fs) == _rows("""
        metric revenue 4382615000 CNY 2024-H1
        metric revenue 3907204000 CNY 2023-H1
        change revenue 12.2 percent 2024-H1
        metric net-profit -126388000 CNY 2024-H1
        metric net-profit 41902000 CNY 2023-H1
    """)


TARGETS = """Sakuragi Robotics Investor Day 2024

TOKYO, December 3, 2024 -- Sakuragi Robotics Co., Ltd. (TSE: 6499) today presented its medium-term plan. Its
fiscal year ends on March 31.

Reach 2028 – financial targets
                      FY3/24 actual     FY3/28 target
Revenue               ¥412.6bn          ¥600.0bn
OPM                   11.7%             15.0%
ROE                   10.2%             13% or more
"""


def test_japanese_fiscal_year_columns_targets_and_a_floor_written_after_the_figure(tmp_path):
    fs = laid(read(tmp_path, TARGETS), "table")
    assert {(f.metric, f.value, f.period.end.isoformat()) for f in fs} >= {
        ("revenue", D("412600000000"), "2024-03-31"), ("revenue", D("600000000000"), "2028-03-31"),
        ("operating-margin", D("11.7"), "2024-03-31"), ("operating-margin", D("15.0"), "2028-03-31"),
        ("return-on-equity", D("13"), "2028-03-31")}
    roe = next(f for f in fs if f.value == D("13"))
    assert roe.hedge == "at least"
    assert all(f.period.start.isoformat() in ("2023-04-01", "2027-04-01") for f in fs)   # FY3/24, FY3/28


def test_a_percent_row_of_an_amount_is_its_margin_when_the_vocabulary_names_one(tmp_path):
    text = KEY_FIGURES.replace("Comparable EBITA, %                 10.8       10.8                   9.8       11.0"
                               "                  11.3",
                               "EBITA, %                            10.8       10.6                   9.8       11.0"
                               "                  11.3")
    fs = laid(read(tmp_path, text), "table")
    got = {(f.metric, f.value, f.unit, f.period.label) for f in fs if f.value in (D("10.8"), D("10.6"))}
    assert got == {("ebita-margin", D("10.8"), "percent", "2024-Q3"), ("ebita-margin", D("10.6"), "percent", "2023-Q3")}


POSITION = """Summary of Consolidated Financial Results
for the Six Months Ended September 30, 2024 (Under Japanese GAAP)

Company name:     Karasawa Instruments Co., Ltd.

(2) Consolidated financial position

                      Total assets        Net assets           Equity ratio
As of                 Millions of yen     Millions of yen      %
September 30, 2024       512,877             318,460            61.2
March 31, 2024           498,105             309,771            61.4
"""


def test_a_position_table_whose_columns_are_measures_one_named_total(tmp_path):
    fs = laid(read(tmp_path, POSITION), "table")
    assert _got(fs) == _rows("""
        metric total-assets 512877000000 JPY 2024-09-30
        metric net-assets 318460000000 JPY 2024-09-30
        metric equity-ratio 61.2 percent 2024-09-30
        metric total-assets 498105000000 JPY 2024-03-31
        metric net-assets 309771000000 JPY 2024-03-31
        metric equity-ratio 61.4 percent 2024-03-31
    """)


def test_columns_that_are_parts_and_their_total_stay_unread(tmp_path):
    text = POSITION.replace("Total assets        Net assets           Equity ratio",
                            "Devices             Services             Total       ").replace(
        "Millions of yen     Millions of yen      %", "Millions of yen     Millions of yen      Millions of yen")
    assert laid(read(tmp_path, text), "table") == []
