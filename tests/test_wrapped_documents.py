"""A document hard-wrapped by a mail client or a PDF-to-text tool is the same document: the document model
(issuer, date, genre, reporting period, market) reads its wrapped paragraphs re-joined
(graph/extract/layout.py ``unwrapped``), and a document that is not wrapped is read exactly as written.

The wrapped copies are made here, with ``textwrap``, from development documents: each one-line prose paragraph
is cut at 72 columns, headings, lists and tables are left as they are."""
from __future__ import annotations

import re
import textwrap

import pytest

from marketgraph.graph.extract.layout import unwrapped
from marketgraph.graph.segment import documents_for_file, load_rules
from marketgraph.graph.settings import Settings

_ROW = re.compile(r"\S(?: {2,}|\t|\|)\S")


def hard_wrap(text: str, width: int = 72) -> str:
    out = []
    for para in re.split(r"(\n\s*\n)", text):
        lines = para.split("\n")
        if len(lines) != 1 or _ROW.search(para) or para.lstrip().startswith(("<", "|", "[", "•", "-", "*")) \
                or not re.search(r"[.!?:;\"”)]\s*$", para):
            out.append(para)
            continue
        out.append(textwrap.fill(para, width, break_on_hyphens=False, break_long_words=False))
    return "".join(out)


@pytest.fixture(scope="module")
def settings():
    return Settings()


@pytest.fixture(scope="module")
def rules(settings):
    return load_rules(settings.paths)


def _model(settings, path, text):
    (doc,) = documents_for_file(settings, path, text)
    return {"issuer": doc.issuer.key if doc.issuer else None, "date": doc.date, "genre": doc.genre,
            "period": doc.period.label if doc.period else None, "market": doc.market.key if doc.market else None}


# each was read wrongly once wrapped: "Hong\nKong Limited" of an exchange's disclaimer as the issuer; the news
# story's buyer replaced by its target; the letter's and the brief's dates and the brief's market lost
@pytest.mark.parametrize("name", ["broad/b03_hengyu_fy2023_annual_results.txt",
                                  "broad/b26_ostara_lumenpeak_stake_news.txt",
                                  "broad/b37_radwerk_europe_ebike_2022.txt",
                                  "dev/d4_kestrel_devices_2020_investor_letter.txt"])
def test_a_hard_wrapped_copy_has_the_same_document_model(settings, name):
    path = settings.paths.sources / name
    text = path.read_text(encoding="utf-8")
    wrapped = hard_wrap(text)
    assert wrapped.count("\n") > text.count("\n") + 5      # several paragraphs were cut
    assert _model(settings, path, wrapped) == _model(settings, path, text)


def test_the_wrapped_paragraphs_read_as_written(settings, rules):
    text = (settings.paths.sources / "broad/b26_ostara_lumenpeak_stake_news.txt").read_text(encoding="utf-8")
    joined = unwrapped(hard_wrap(text), rules.layout)
    assert len(joined) == len(hard_wrap(text))           # same offsets
    assert "British component maker Ostara Group plc (LSE: OSTR) said on Monday" in joined


@pytest.mark.parametrize("name", ["seeds/000_211954ba01ca0d49.txt", "broad/b16_velmora_q2_2023_call.txt",
                                  "broad/b18_vestholm_q4_2022_call.txt", "broad/b20_hoshizora_q2_fy2024_call.txt",
                                  "broad/b21_quillon_q3_fy24_call.txt", "broad/b06_tenglun_3q23_results.txt"])
def test_a_document_that_is_not_wrapped_is_read_unchanged(settings, rules, name):
    """Speaker lines ("Jane Roe\\nexecutive", "Jane Roe -- Chief Executive Officer") and headlines over a byline
    are lines of their own, never joined."""
    text = (settings.paths.sources / name).read_text(encoding="utf-8")
    assert unwrapped(text, rules.layout) == text


def test_a_dateline_or_a_title_cased_heading_is_not_joined_to_the_line_before(rules):
    body = " ".join(["Unit sales of the product line rose again in the year, helped by lower prices."] * 8)
    text = ("Market brief: volume growth slows in the second half while value keeps rising\n"
            "Cologne, 14 September 2023\n\n" + textwrap.fill(body, 72) + "\n")
    joined = unwrapped(text, rules.layout)
    assert "rising\nCologne, 14 September 2023\n" in joined
    assert joined.count("\n") < text.count("\n") - 5       # the paragraph itself is re-joined
