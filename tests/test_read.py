"""The read stage: text, HTML and PDF files become one normalised text with an offset map back to the original.

The HTML and PDF files are made here (a page with navigation and a footer; PDFs written by fpdf2 from text)."""
from __future__ import annotations

import hashlib

import html as htmllib
import re

import pytest

from marketgraph.graph.read import ReadError, read_bytes

ARTICLE = """<!doctype html><html><head><title>Quillfeather Ltd reports first half results</title>
<meta property="og:url" content="https://example.test/news/h1">
<meta property="article:published_time" content="2019-08-14T08:00:00Z"></head>
<body><nav><a href="/">Home</a> | <a href="/about">About us</a> | Investors | Careers</nav>
<article><h1>Quillfeather Ltd reports first half results</h1>
<p>NORTHTON, Aug. 14, 2031 &mdash; Quillfeather Ltd today reported revenue of
GBP 310 million for the first half, up 9% year over year.</p>
<p>Inkwell shipments reached 2.7 million units &amp; gross margin was 38.5%.</p>
<ul><li>Revenue: GBP 310 million</li><li>Net profit: GBP 21 million</li></ul>
</article><footer>Copyright 2031 Quillfeather. Privacy policy | Terms of use | Contact the press office</footer>
</body></html>"""


def _pdf(*pages: str, password: str | None = None) -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    if password:
        pdf.set_encryption(owner_password="owner", user_password=password)
    for text in pages:
        pdf.add_page()
        pdf.set_font("helvetica", size=11)
        if text:
            pdf.multi_cell(0, 6, text)
    return bytes(pdf.output())


def test_plain_text_is_its_own_normalised_text():
    data = "Quillfeather Ltd said revenue rose.\nSecond line.\n".encode("utf-8")
    src = read_bytes(data, name="note.txt")
    assert src.text == data.decode("utf-8") and src.media_type == "text/plain"
    assert src.offsets.to_original(10) == 10


def test_windows_and_old_mac_line_ends_become_newlines_and_map_back():
    original = "Quillfeather Ltd said revenue rose.\r\nSecond line: 12%.\rThird line.\r\n\r\nLast 7.1%"
    src = read_bytes(original.encode("utf-8"), name="note.txt")
    assert src.text == "Quillfeather Ltd said revenue rose.\nSecond line: 12%.\nThird line.\n\nLast 7.1%"
    assert src.sha256 == hashlib.sha256(original.encode("utf-8")).hexdigest()   # the file's own bytes
    for quote in ("Second line: 12%", "Third line.", "Last 7.1%", "revenue rose."):
        start = src.text.index(quote)
        begin, end = src.offsets.to_original(start), src.offsets.to_original(start + len(quote) - 1) + 1
        assert original[begin:end] == quote


def test_html_keeps_the_article_and_drops_navigation_and_footer():
    src = read_bytes(ARTICLE.encode("utf-8"), name="page.html")
    assert src.media_type == "text/html"
    assert "revenue of GBP 310 million for the first half" in src.text.replace("\n", " ")
    assert "About us" not in src.text and "Privacy policy" not in src.text
    assert src.title == "Quillfeather Ltd reports first half results"
    assert src.meta["url"] == "https://example.test/news/h1" and src.meta["date"] == "2019-08-14"


VENDOR_TABLES = """<!doctype html><html><head><title>Tablet shipments, 3Q25</title></head><body><article>
<h1>Tablet shipments rise 4% in the third quarter as schools restock</h1>
<p>HARROW, Oct. 30, 2025 &mdash; Worldwide tablet shipments grew 4.1% year over year in 3Q25, according to the
Harrow Data tracker. Education demand lifted the low end of the market in most regions.</p>
<p>Company 3Q25 Shipments 3Q25 Share 3Q24 Shipments<br>Orvane 14.2 33.1% 13.0<br>Kestral 8.8 20.5% 9.1<br>
Others 19.9 46.4% 19.1</p>
<pre>
Region        3Q25 units    YoY
Europe             7.1      2.0%
Asia/Pacific      16.0      6.2%
</pre>
<p>Vendors with the same shipments are ranked together. Figures are preliminary and may be revised later.</p>
</article></body></html>"""


def test_html_tables_without_table_tags_stay_tables():
    """A table written as lines of a paragraph (<br>) or as a <pre> block keeps its rows on consecutive lines,
    under their header, as in the text it was typeset from (each line was a paragraph of its own)."""
    text = read_bytes(VENDOR_TABLES.encode("utf-8"), name="note.html").text
    assert "Company 3Q25 Shipments 3Q25 Share 3Q24 Shipments\nOrvane 14.2 33.1% 13.0\nKestral 8.8 20.5% 9.1\n" \
           "Others 19.9 46.4% 19.1" in text
    assert re.search(r"Region +3Q25 units +YoY\nEurope +7\.1 +2\.0%\nAsia/Pacific +16\.0 +6\.2%", text)
    assert "schools restock\n\nHARROW" in text                   # paragraphs stay paragraphs


def test_html_offsets_point_at_the_same_characters_in_the_source():
    src = read_bytes(ARTICLE.encode("utf-8"), name="page.html")
    mapped = 0
    for i, ch in enumerate(src.text):
        if ch.isspace() or ch == "-":
            continue
        o = src.offsets.to_original(i)
        original = ARTICLE[o:]
        # an entity writes one character: compare with the decoded entity
        decoded = htmllib.unescape(original[:8])[:1] if original.startswith("&") else original[:1]
        assert decoded == ch, (i, ch, original[:12])
        mapped += 1
    assert mapped > 150
    quote = "gross margin was 38.5%"
    start = src.text.index(quote)
    o = src.offsets.to_original(start)
    assert ARTICLE[o:o + len(quote)] == quote


@pytest.mark.parametrize("body", [
    "<html><body><nav>Home | About | Contact</nav><footer>Copyright</footer></body></html>",
    "<html><body></body></html>",
])
def test_html_without_main_content_is_refused_in_one_line(body):
    with pytest.raises(ReadError) as err:
        read_bytes(body.encode(), name="empty.html")
    assert "no main content" in str(err.value) and "\n" not in str(err.value)


def test_pdf_pages_and_offsets():
    first = "Quillfeather Ltd reported revenue of GBP 310 million for the first half of 2031, up 9% year over year."
    second = "Gross margin was 38.5% in the period."
    src = read_bytes(_pdf(first, second), name="results.pdf")
    assert src.media_type == "application/pdf" and [p.number for p in src.pages] == [1, 2]
    at = src.text.index("Gross margin")
    assert src.page_at(at) == 2 and src.page_at(src.text.index("revenue")) == 1
    # the original position is in the concatenated text layers: page 1's text, then page 2's
    assert src.offsets.to_original(at) == src.pages[0].end - src.pages[0].start + (at - src.pages[1].start)


def test_pdf_with_empty_user_password_is_read():
    src = read_bytes(_pdf("Quillfeather Ltd reported revenue of GBP 310 million.", password=""), name="open.pdf")
    assert "GBP 310 million" in src.text


@pytest.mark.parametrize("data,name,words", [
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "image.txt", "binary"),
    ("caf\u00e9".encode("latin-1") + b" and more text", "latin.txt", "UTF-8"),
    (b"   \n\n  ", "blank.md", "empty"),
    (b"%PDF-1.4 this is not really a pdf", "broken.pdf", "PDF"),
    (b"some bytes", "table.xlsx", "unsupported"),
])
def test_unreadable_files_are_one_line_errors(data, name, words):
    with pytest.raises(ReadError) as err:
        read_bytes(data, name=name)
    assert words in str(err.value) and name in str(err.value) and "\n" not in str(err.value)


def test_encrypted_pdf_is_refused():
    with pytest.raises(ReadError, match="encrypted"):
        read_bytes(_pdf("Secret figures of Quillfeather Ltd.", password="s3cret"), name="locked.pdf")


def test_scanned_pdf_without_text_layer_is_refused():
    with pytest.raises(ReadError, match="no text layer"):
        read_bytes(_pdf("", ""), name="scan.pdf")
