"""Format invariance: a document's facts do not depend on whether it arrives as a text file, as a simple HTML page
(headline in <title> and <h1>, paragraphs in <p>, a header block's lines broken by <br>, a bulleted list, a <table>)
or as a PDF (typeset by fpdf2 on A6 pages: the headline large and bold, prose wrapped and justified to the page,
paragraphs set apart by space instead of blank lines, a page number at every page's foot, paragraphs running on to
the next page). The documents are invented here; each rendering is read by the read stage and segmented as
``marketgraph add`` reads a file. Before the read stage told a <br> from a paragraph end, kept the page's title
once and read a PDF's paragraph gaps, page numbers, page breaks and headline lines (2026-12-07), 7 and 31 of these
documents' 57 facts differed as HTML and as PDF (on the corpora, ``benchmarks/layout/formats.py``: 750 and 664 of
3,343; after, 335 and 104)."""
from __future__ import annotations

import html as htmllib
import re
from pathlib import Path

import pytest

from marketgraph.graph.evalrun import run_files
from marketgraph.graph.settings import Settings

RELEASE = """Brackenfield Audio AB
Interim report January–June 2025
Published 17 July 2025, 07:30 CET

Brackenfield Audio reports record second-quarter sales as headphone demand recovers

STOCKHOLM, 17 July 2025 – Brackenfield Audio AB (publ) today reported net sales of SEK 412 million for the second quarter of 2025, an increase of 14% compared with the same quarter last year. Operating profit rose 22% to SEK 58 million, and the operating margin improved to 14.1% from 13.0%.

Headphone shipments grew 9% to 1.3 million units in the quarter, with the strongest demand in Germany and the Nordic countries. Sales of the company's portable speakers fell 6% to SEK 71 million as retailers held smaller stocks ahead of the autumn range.

Second quarter in brief
- Net sales increased by 14% to SEK 412 million (361)
- Operating profit increased by 22% to SEK 58 million (47)
- Earnings per share were SEK 1.84 (1.41)

Key figures            Q2 2025    Q2 2024    Change
Net sales                  412        361       14%
Operating profit            58         47       22%
Gross margin, %           41.2       39.8

"We gained share in every region we sell in, and the new over-ear range has started well," said chief executive Maja Lindqvist. The company will publish its report for the third quarter on 23 October 2025.
"""

NOTE = """Harrowgate Insight
Research note | 4 November 2025

Smartwatch shipments in the Nordics rose 11% in the third quarter of 2025

Smartwatch shipments in the Nordic countries grew 11% year on year to 612,000 units in the third quarter of 2025, according to Harrowgate Insight. Fitness-focused models drove the growth while premium models were flat.

Vendor      3Q25 Shipments   3Q25 Share   3Q24 Shipments
Tallwick               204        33.3%              181
Orvane                 141        23.0%              139
Kestrand                88        14.4%               70
Others                 179        29.2%              161
Total                  612       100.0%              551

Tallwick kept the lead with 204,000 units, up 13% from a year earlier. Orvane was second with shipments almost unchanged, while Kestrand grew 26% after it cut the price of its entry model.
"""

LETTER = """Fennmoor Mobility Holdings Limited
2024 Annual Report

Letter to Shareholders

Dear Shareholders,

2024 was a year of hard choices for Fennmoor. Demand for electric scooters in our home markets cooled in the first half, and we decided to close two of our smaller assembly lines rather than discount our way through the slowdown.

For the year ended 31 December 2024, revenue was EUR 286.4 million, an increase of 7.2% from EUR 267.1 million in 2023. Gross profit rose 11.5% to EUR 74.8 million and our gross margin widened by 1.0 percentage points to 26.1%. Net profit attributable to shareholders was EUR 12.3 million, compared with EUR 9.6 million a year earlier.

We delivered 412,000 scooters during the year, up 5.1% year on year, and the share of deliveries sold through our own stores reached 38%. Our fleet business, which rents scooters to cities and campuses, grew revenue by 19.4% to EUR 41.7 million and now runs in 23 cities.

The Board recommends a final dividend of EUR 0.12 per share, our first since listing. Research and development expenses were EUR 18.9 million, or 6.6% of revenue, and at year-end 412 of our 2,140 employees worked in engineering.

Looking ahead, we expect the market to recover slowly in 2025. We will keep our costs in line with demand and invest in the battery platform that our next generation of scooters will share.

Thank you for your continued support.

Aino Karvonen
Chair of the Board and Chief Executive Officer
Fennmoor Mobility Holdings Limited
"""

DOCS = {"brackenfield_q2_2025": RELEASE, "harrowgate_nordic_watches_3q25": NOTE, "fennmoor_2024_letter": LETTER}
_ROW = re.compile(r"\S(?: {2,}|\t)\S.*\d")


def _blocks(text: str) -> list[list[str]]:
    return [b.split("\n") for b in re.split(r"\n\s*\n", text.strip())]


def _headline(text: str) -> str:
    return next(b[0] for b in _blocks(text) if len(b) == 1 and len(b[0].split()) >= 3 and not b[0].endswith((".", ",")))


def to_html(text: str) -> str:
    e, title, out = htmllib.escape, _headline(text), []
    for b in _blocks(text):
        rows = [x for x in b if _ROW.search(x)]
        if len(rows) >= 2 and len(rows) * 2 >= len(b):
            cells = [re.split(r" {2,}", x) for x in b]
            out.append("<table>" + "".join("<tr>" + "".join(f"<td>{e(c)}</td>" for c in r) + "</tr>" for r in cells)
                       + "</table>")
        elif all(x.startswith("- ") for x in b[1:]) and len(b) > 1:
            out.append(f"<h2>{e(b[0])}</h2><ul>" + "".join(f"<li>{e(x[2:])}</li>" for x in b[1:]) + "</ul>")
        elif b == [title]:
            out.append(f"<h1>{e(title)}</h1>")
        else:
            out.append("<p>" + "<br>\n".join(e(x) for x in b) + "</p>")
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{e(title)}</title></head><body><article>\n"
            + "\n".join(out) + "\n</article></body></html>")


def to_pdf(text: str) -> bytes:
    from fpdf import FPDF

    class Pdf(FPDF):
        def footer(self) -> None:
            self.set_y(-12)
            self.set_font("dv", size=7)
            self.cell(0, 6, f"Page {self.page_no()}", align="C")

    fonts = Path("/usr/share/fonts/truetype/dejavu")
    pdf = Pdf(format=(105, 148))
    pdf.add_font("dv", fname=str(fonts / "DejaVuSans.ttf"))
    pdf.add_font("dv", style="B", fname=str(fonts / "DejaVuSans-Bold.ttf"))
    pdf.add_font("mono", fname=str(fonts / "DejaVuSansMono.ttf"))
    pdf.set_auto_page_break(True, margin=16)
    pdf.add_page()
    title = _headline(text)
    for b in _blocks(text):
        for x in b:
            if _ROW.search(x):
                pdf.set_font("mono", size=6)
                pdf.multi_cell(0, 3.5, x, new_x="LMARGIN", new_y="NEXT")
            elif x == title:
                pdf.set_font("dv", "B", size=13)
                pdf.multi_cell(0, 6.5, x, new_x="LMARGIN", new_y="NEXT")
            else:
                pdf.set_font("dv", size=9)
                pdf.multi_cell(0, 4.5, x, new_x="LMARGIN", new_y="NEXT", align="J")
        pdf.ln(3)
    return bytes(pdf.output())


def facts(folder: Path) -> dict[str, set[tuple]]:
    run = run_files(Settings(), sorted(folder.iterdir()))
    out: dict[str, set[tuple]] = {}
    for r in run.results:
        text = run.texts[Path(r.document.source_file).name]
        for f in r.facts:
            if f.kind == "qa_turn":
                continue
            assert text[f.evidence.start:f.evidence.end] == f.evidence.quote
            out.setdefault(Path(r.document.source_file).stem, set()).add(
                (f.kind, f.subject.key, f.metric, str(f.value), f.unit, f.period.label if f.period else None))
    return out


@pytest.fixture(scope="module")
def as_text(tmp_path_factory):
    folder = tmp_path_factory.mktemp("txt")
    for name, text in DOCS.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    return facts(folder)


@pytest.mark.parametrize("suffix, render, bound", [
    # an HTML page's date, when its metadata has none, is searched for in its text by htmldate (a byline the main
    # content leaves out needs it: tests/test_container_date.py); the letter states no date of its own, so the
    # page is dated by its "31 December 2024" and a fact "now" takes that day instead of the year: one fact
    (".html", lambda t: to_html(t).encode("utf-8"), 1),
    (".pdf", to_pdf, 0),
])
def test_the_same_document_as_html_or_pdf_gives_the_same_facts(as_text, tmp_path, suffix, render, bound):
    assert sum(map(len, as_text.values())) >= 30 and set(as_text) == set(DOCS)
    for name, text in DOCS.items():
        (tmp_path / f"{name}{suffix}").write_bytes(render(text))
    other = facts(tmp_path)
    differ = {name: (sorted(as_text.get(name, set()) - other.get(name, set())),
                     sorted(other.get(name, set()) - as_text.get(name, set()))) for name in DOCS}
    assert sum(len(a) + len(b) for a, b in differ.values()) <= bound * 2, differ
