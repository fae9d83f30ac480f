"""Layout invariance: the same document saved with Windows line ends, typeset with no-break spaces, or hard-wrapped at 72 columns by a mail
client or a PDF-to-text tool, gives the same facts (kind, subject, metric, value, unit, period, market, basis,
modality) as the document as written. The copies are made here from development documents and read through the
read stage as a user's files are (``marketgraph add``). Measured on 2026-12-07 before the read stage made "\r\n"
and "\r" line ends "\n" and the document model read wrapped paragraphs re-joined: 61, 335 and 71 facts differed
(of ~470); with no-break spaces before the read stage made them spaces, 7; now none."""
from __future__ import annotations

import re
import textwrap

import pytest

from marketgraph.graph.evalrun import run_files
from marketgraph.graph.settings import Settings

DOCS = ["dev/d1_xiaomi_3q2020_results_news.txt", "dev/d3_samsung_q1_2021_results_news.txt",
        "dev/d4_kestrel_devices_2020_investor_letter.txt", "broad/b03_hengyu_fy2023_annual_results.txt",
        "broad/b26_ostara_lumenpeak_stake_news.txt", "broad/b30_aurelian_q1_2021_tablets_news.txt",
        "broad/b37_radwerk_europe_ebike_2022.txt", "broad/b13_kroonhaven_h1_2024_letter.txt"]
_ROW = re.compile(r"\S(?: {2,}|\t|\|)\S")


def hard_wrap(text: str, width: int = 72) -> str:
    out = []
    for para in re.split(r"(\n\s*\n)", text):
        if "\n" in para.strip("\n") or _ROW.search(para) or para.lstrip().startswith(("<", "|", "[", "•", "-", "*")) \
                or not re.search(r"[.!?:;\"”)]\s*$", para):
            out.append(para)
            continue
        out.append(textwrap.fill(para, width, break_on_hyphens=False, break_long_words=False))
    return "".join(out)


def _facts(settings, folder) -> set[tuple]:
    run = run_files(settings, sorted(folder.iterdir()))
    return {(f.doc_id.split("-")[0], f.kind, f.subject.key, f.metric, str(f.value), f.unit,
             f.period.label if f.period else None, f.market.key if f.market else None, f.basis,
             f.qualifier("modality")) for r in run.results for f in r.facts if f.kind != "qa_turn"}


@pytest.fixture(scope="module")
def settings():
    return Settings()


@pytest.fixture(scope="module")
def written(settings, tmp_path_factory):
    folder = tmp_path_factory.mktemp("as-written")
    for name in DOCS:
        (folder / name.split("/")[1]).write_bytes((settings.paths.sources / name).read_bytes())
    return _facts(settings, folder)


@pytest.mark.parametrize("transform, floor", [
    (lambda t: t.replace("\n", "\r\n"), 0),     # Windows line ends: the read stage makes them "\n"
    (lambda t: t.replace("\n", "\r"), 0),       # old Mac line ends
    (hard_wrap, 0),
    # typeset spaces between a figure and its unit or currency: no-break, narrow no-break and thin spaces
    (lambda t: re.sub(r"(?<=\d) (?=(?:million|billion|bn|per cent|percent|units)\b)", "\u00a0",
                      re.sub(r"(?<=[$€£¥]) (?=\d)", "\u202f", t.replace(" %", "\u2009%"))), 0),
])
def test_the_same_document_laid_out_otherwise_gives_the_same_facts(settings, written, tmp_path, transform, floor):
    assert len(written) > 300
    for name in DOCS:
        text = (settings.paths.sources / name).read_text(encoding="utf-8")
        changed = transform(text)
        assert changed != text
        (tmp_path / name.split("/")[1]).write_bytes(changed.encode("utf-8"))
    other = _facts(settings, tmp_path)
    differ = len(written ^ other)
    assert differ <= floor, sorted(written ^ other)[:10]
