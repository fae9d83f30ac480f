"""The pieces under the table, list and label readers: one figure pattern for cells and items
(graph/extract/tablecells.py), unit notes of headers and captions, a run-together header cut into columns, and
the layout view's line kinds around tables, lead-ins and key-figure lines (graph/extract/layout.py)."""
from __future__ import annotations

from decimal import Decimal

import pytest

from marketgraph.graph.extract.layout import LayoutRules, LayoutView
from marketgraph.graph.extract.patterns import load_patterns
from marketgraph.graph.extract.pipeline import patterns_dir
from marketgraph.graph.extract.tablecells import FigureReader
from marketgraph.graph.extract.tablecolumns import _grouped

PATTERNS = load_patterns(patterns_dir())
FR = FigureReader(PATTERNS)


@pytest.mark.parametrize("raw,number,high,extra", [
    ("12.5", "12.5", None, {}),
    ("-3.1%", "-3.1", None, {"percent": True, "signed": True}),
    ("+17.0%", "17.0", None, {"percent": True, "signed": True}),
    ("(7.4)", "7.4", None, {"paren": True}),
    ("$(2.6)", "2.6", None, {"paren": True, "currency": "USD"}),
    ("2.4–3.0", "2.4", "3.0", {}),
    ("55–65 %", "55", "65", {"percent": True}),
    ("≥18", "18", None, {"hedge": "at least"}),
    ("~4.0", "4.0", None, {"hedge": "approximately"}),
    ("approx. €1.9 bn", "1.9", None, {"currency": "EUR", "scale": 10**9, "hedge": "approximately"}),
    ("< 2.0x", "2.0", None, {"multiple": True, "hedge": "less than"}),
    ("1.2 ppts", "1.2", None, {"points": "pp"}),
    ("-35 bps", "-35", None, {"points": "bps"}),
    ("3.7M", "3.7", None, {"scale": 10**6}),
    ("NOK 2,960 million", "2960", None, {"currency": "NOK", "scale": 10**6}),
    ("4,125 kronor", "4125", None, {"currency": "SEK"}),
    ("+2.2% Q/Q", "2.2", None, {"percent": True, "basis": "QoQ"}),
])
def test_one_pattern_reads_every_cell_form(raw, number, high, extra):
    v = FR.cell(raw)
    assert v is not None
    assert v.number == Decimal(number) and v.high == (Decimal(high) if high else None)
    for k, want in extra.items():
        assert getattr(v, k) == want, k


@pytest.mark.parametrize("raw", ["72.4 kWh", "16GB / 512GB", "Overweight", "Q2 2024", "5.1 g per bud"])
def test_specs_words_and_periods_are_not_figures(raw):
    assert FR.cell(raw) is None


@pytest.mark.parametrize("raw", ["-", "—", "n/a", "n.m."])
def test_placeholders_hold_a_column(raw):
    assert FR.is_empty(raw) and FR.cell(raw) is None


@pytest.mark.parametrize("text,currency,scale,percent", [
    ("(in millions of U.S. dollars, unaudited)", "USD", 10**6, False),
    ("(billions of yen)", "JPY", 10**9, False),
    ("SEK million", "SEK", 10**6, False),
    ("(NT$ million)", "TWD", 10**6, False),
    ("Revenue ($bn)", "USD", 10**9, False),
    ("Paid members (m)", None, 10**6, False),
    ("Gross margin (%)", None, 1, True),
    ("Earnings per share (CHF)", "CHF", 1, False),
    ("(DKK million unless otherwise stated)", "DKK", 10**6, False),
    ("units (k)", None, 10**3, False),
])
def test_unit_notes_of_headers_and_captions(text, currency, scale, percent):
    note = FR.unit_note(text)
    assert (note.currency, note.scale, note.percent) == (currency, scale, percent)


def test_a_bare_m_is_a_scale_only_where_a_unit_stands():
    assert FR.unit_note("Team m results").scale == 1
    assert FR.unit_note("US$ m").scale == 10**6


def test_a_run_together_header_is_cut_at_periods_and_measures():
    P, M = "P", "M"
    units = [[0, 1, P], [1, 2, M], [2, 3, P], [3, 4, M], [4, 5, M]]        # 3Q22 Units 3Q21 Units Y/Y Change
    assert [len(g) for g in _grouped(units, P)] == [2, 2, 1]
    units = [[0, 1, M], [1, 2, P], [2, 3, M], [3, 4, P]]                   # Units 3Q22 Share 3Q22
    assert [len(g) for g in _grouped(units, M)] == [2, 2]


def _kinds(text: str) -> list[tuple[str, str]]:
    view = LayoutView(text, 0, len(text), LayoutRules(PATTERNS))
    return [(ln.kind, view.view[ln.start:ln.end].strip()) for ln in view.lines if ln.kind != "blank"]


def test_a_key_figure_line_is_a_label_not_a_heading():
    assert _kinds("KEY FIGURES\n\nEBITDA: 786 (2023: 611)\nEBIT MARGIN: 9.1%\n")[1:] == [
        ("label", "EBITDA: 786 (2023: 611)"), ("label", "EBIT MARGIN: 9.1%")]


def test_table_headers_and_lead_ins_are_not_joined_into_paragraphs():
    text = ("Tablet shipments in the region rose again in the third quarter as schools and governments bought "
            "devices for classrooms, the firm said in its report.\n"
            "Top vendors, 3Q24 (units in millions)\n"
            "Vendor 3Q24 Units 3Q24 Share\n"
            "Corvo 2.9 30.9%\n"
            "Pallas 1.1 11.7%\n\n"
            "Southeast Asia shipments, 3Q24 (units; share; Y/Y):\n"
            "Corvo 2.9M (30.9%, +4.1%)\n")
    lines = [t for _, t in _kinds(text)]
    assert "Top vendors, 3Q24 (units in millions)" in lines
    assert "Vendor 3Q24 Units 3Q24 Share" in lines
    assert "Southeast Asia shipments, 3Q24 (units; share; Y/Y):" in lines


def test_aligned_header_lines_stay_lines():
    text = ("Brand          2024 units   2024\n"
            "               (m)          share\n"
            "Arvo             12.1       18.2%\n")
    assert [k for k, _ in _kinds(text)][:2] != ["prose"]
    assert "(m)          share" in [t for _, t in _kinds(text)]
