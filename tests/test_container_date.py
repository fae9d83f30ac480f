"""An HTML page's own publication date (its metadata, read by trafilatura/htmldate) dates a document whose text
states none -- for `marketgraph add` and `marketgraph eval` alike -- and the reporting period is read with it; a
date the text states wins over the container's."""
from __future__ import annotations

from pathlib import Path

from marketgraph.graph.read import read_bytes
from marketgraph.graph.segment import documents_for_file
from marketgraph.graph.segmenting import container_metadata
from marketgraph.graph.settings import Settings

PAGE = """<html><head><title>Tennick lifts second-quarter revenue</title>
<meta property="article:published_time" content="2026-07-24T07:02:00Z"></head><body>
<nav><a href="/">Home</a> <a href="/markets">Markets</a></nav>
<article><h1>Tennick lifts second-quarter revenue</h1>
{dateline}<p>Tennick Group said on Wednesday that revenue for the second quarter rose 8% to $2.1 billion, helped by
demand for its storage systems in Europe and North America. Operating margin widened to 12.4%, the company said.</p>
</article><footer>Copyright Vantor Daily</footer></body></html>"""


def _docs(html: str):
    src = read_bytes(html.encode(), name="tennick.html")
    c = container_metadata(src)
    return c, documents_for_file(Settings(), Path("tennick.html"), src.text, container_date=c.date, title=c.title)


def test_the_pages_metadata_dates_a_text_without_a_date_and_its_period():
    c, docs = _docs(PAGE.format(dateline=""))
    assert c.date == "2026-07-24"
    assert [(d.date, d.period.label if d.period else None) for d in docs] == [("2026-07-24", "2026-Q2")]


def test_a_date_the_text_states_wins_over_the_containers():
    c, docs = _docs(PAGE.format(dateline="<p>Published 3 August 2026</p>"))
    assert c.date is not None and [d.date for d in docs] == ["2026-08-03"]


def test_a_page_dated_after_today_and_a_json_ld_date_are_read():
    page = ('<html><head><title>Pellham raises money</title><script type="application/ld+json">{"@type": '
            '"NewsArticle", "datePublished": "2031-03-02T10:00:00+00:00"}</script></head><body><article>'
            "<h1>Pellham raises money</h1>\n<p>Pellham AB said it had raised $85 million in a round led by Halvard "
            "Capital, and will hire forty engineers this year to build its battery software.</p></article></body></html>")
    assert container_metadata(read_bytes(page.encode(), name="p.html")).date == "2031-03-02"
