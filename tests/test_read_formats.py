"""What the read stage does so that an HTML page or a PDF reads as the text it was made from (see
tests/test_format_invariance.py for the facts): an HTML <br> is a line end and a paragraph end a blank line, the
page's title is not written twice; a PDF's paragraph gaps are blank lines, its page numbers are left out, a
paragraph running on to the next page is one paragraph, a large headline set on two lines is one line, widened word
spacing is one space, and the file's creation date does not date the document. Pages and PDFs are made here."""
from __future__ import annotations

import pytest

from marketgraph.graph.read import read_bytes
from marketgraph.graph.read.html import _same_block

PAGE = """<!doctype html><html><head><title>Corvell Labs lifts third-quarter sales 12%</title></head><body>
<nav><a href="/">Home</a> | <a href="/news">News</a></nav><article>
<p>CORVELL LABS NEWSROOM<br>
Press release<br>
<span class="when">Published 6 November 2025</span></p>
<h1>Corvell Labs lifts third-quarter sales 12%</h1>
<p>ARNHOLT, 6 November 2025 &ndash; Corvell Labs said third-quarter sales rose 12% to EUR 84 million as hospitals
bought more of its imaging software. Operating profit was EUR 9.1 million.</p>
<p>The company kept its outlook for the year and expects sales of EUR 330 million to EUR 345 million.</p>
</article><footer>Copyright Corvell Labs</footer></body></html>"""


def test_html_line_breaks_stay_in_their_paragraph_and_the_title_is_written_once():
    src = read_bytes(PAGE.encode("utf-8"), name="corvell.html")
    assert src.text.startswith("CORVELL LABS NEWSROOM\nPress release\nPublished 6 November 2025\n\n"
                               "Corvell Labs lifts third-quarter sales 12%\n\nARNHOLT, 6 November 2025")
    assert src.text.count("Corvell Labs lifts third-quarter sales 12%") == 1
    assert "Operating profit was EUR 9.1 million.\n\nThe company kept" in src.text
    i = src.text.index("Press release")
    assert PAGE[src.offsets.to_original(i):].startswith("Press release")


def test_the_title_is_written_first_when_the_page_does_not_show_it():
    page = PAGE.replace("<h1>Corvell Labs lifts third-quarter sales 12%</h1>", "")
    src = read_bytes(page.encode("utf-8"), name="corvell.html")
    assert src.text.startswith("Corvell Labs lifts third-quarter sales 12%\n\nCORVELL LABS NEWSROOM\n")


@pytest.mark.parametrize("between, same", [
    ("<br>\n", True), ("<br/><span>", True), ("</b><br>", True),
    ("</p>\n<p>", False), ("</li><li>", False), ("<br></p><p>", False), (" ", False),   # a space alone: no break
])
def test_a_line_break_is_told_from_a_block_end_by_the_source_between(between, same):
    html = "<p>first line" + between + "second line</p>"
    end, start = html.index("first line") + len("first line") - 1, html.index("second line")
    assert _same_block(html, end, start) is same


def _typeset(blocks: list[tuple[str, str]], page: tuple[float, float] = (105, 148)) -> bytes:
    """Blocks of (kind, text): "h" a headline (large, bold), "p" a paragraph (justified, space after it)."""
    from fpdf import FPDF

    class Pdf(FPDF):
        def footer(self) -> None:
            self.set_y(-12)
            self.set_font("helvetica", size=7)
            self.cell(0, 6, f"Page {self.page_no()}", align="C")

    pdf = Pdf(format=page)
    pdf.set_auto_page_break(True, margin=16)
    pdf.add_page()
    for kind, text in blocks:
        if kind == "h":
            pdf.set_font("helvetica", "B", size=14)
            pdf.multi_cell(0, 7, text, new_x="LMARGIN", new_y="NEXT")
        else:
            pdf.set_font("helvetica", size=9)
            pdf.multi_cell(0, 4.5, text, new_x="LMARGIN", new_y="NEXT", align="J")
        pdf.ln(3)
    return bytes(pdf.output())


LONG = ("Tallmarsh Freight said its container volumes rose in every month of the quarter, and that rates on its "
        "routes to northern Europe held up better than it had expected when it set its budget. ")


def test_pdf_paragraphs_page_numbers_and_page_breaks():
    blocks = [("h", "Tallmarsh Freight raises its volume forecast for the year"),
              ("p", "HALDEN, 3 March 2026 - Tallmarsh Freight moved 1.2 million containers in the fourth quarter."),
              ("p", LONG * 7), ("p", "The next report is due on 28 April 2026.")]
    src = read_bytes(_typeset(blocks), name="tallmarsh.pdf")
    assert len(src.pages) >= 2
    text = src.text
    assert text.startswith("Tallmarsh Freight raises its volume forecast for the year\n\nHALDEN, 3 March 2026")
    assert "fourth quarter.\n\nTallmarsh Freight said" in text             # a gap between paragraphs: a blank line
    assert "Page 1" not in text and "Page 2" not in text                   # page numbers are left out
    long = text[text.index("Tallmarsh Freight said"):text.index("The next report")]
    assert "\n\n" not in long.strip()                                       # the paragraph over the page break is one
    assert long.count("\n") >= 10 and "  " not in long                     # its lines kept, word gaps one space
    assert text.endswith("The next report is due on 28 April 2026.")
    assert "date" not in src.meta and "created" in src.meta               # the file's date is not the document's
    assert src.page_at(text.index("HALDEN")) == 1 and src.page_at(text.index("28 April 2026")) == len(src.pages)


def test_pdf_page_ending_on_a_paragraphs_end_keeps_the_paragraph_break():
    blocks = [("p", LONG * 3), ("p", "Second paragraph, on the same page. " * 3)] * 4
    text = read_bytes(_typeset(blocks), name="t.pdf").text
    assert text.count("\n\nSecond paragraph") == 4 and text.count("\n\nTallmarsh Freight said") == 3
