"""Segmentation: registry, document boundaries, chrome, golden output for every bundled file, synthetic variants.

Golden files (tests/golden/segments/<file>.json) hold each document's span, title, genre, date, period,
publisher, issuer key, chrome spans and turns. They are compared exactly. To regenerate after a deliberate rule
change: ``.venv/bin/python tests/test_segment.py --write-golden``, then read the diff line by line before committing.
"""
from __future__ import annotations

import csv
import json
import re
import sys
from pathlib import Path

import pytest

from marketgraph.graph.chrome import is_chrome
from marketgraph.graph.gazetteer import load_gazetteer
from marketgraph.graph.paths import ProjectPaths
from marketgraph.graph.records import Document
from marketgraph.graph.segment import load_documents, load_rules, segment
from marketgraph.graph.sources import (SourceFile, file_sha256, load_registry, read_source)

from segments_support import summarise

PATHS = ProjectPaths.default()
GOLDEN = PATHS.root / "tests" / "golden" / "segments"
FIXTURE_GAZETTEER = GOLDEN / "gazetteer"
BUNDLE = "seeds/001_6a0d47116308af19.txt"


@pytest.fixture(scope="module")
def rules():
    return load_rules(PATHS, load_gazetteer(FIXTURE_GAZETTEER))


@pytest.fixture(scope="module")
def corpus(rules):
    return load_documents(PATHS, ["seeds", "dev"], rules=rules)


def _source(rel: str) -> SourceFile:
    return next(s for s in load_registry(PATHS) if s.path == rel)


def _adhoc(name: str = "synthetic.txt") -> SourceFile:
    return SourceFile(path=f"synthetic/{name}", corpus="synthetic", sha256="0" * 64)


def golden_for(rel: str, docs: list[tuple[Document, str]]) -> list[dict]:
    return [summarise(d, t) for d, t in docs if d.source_file == rel]


# ---------------------------------------------------------------- registry and sources

def test_registry_lists_every_bundled_source_file_with_its_sha256():
    registry = load_registry(PATHS)
    listed = {s.path for s in registry}
    on_disk = {str(p.relative_to(PATHS.sources)) for d in ("seeds", "dev")
               for p in (PATHS.sources / d).iterdir() if p.is_file() and p.suffix != ".md"}
    assert listed == on_disk
    for s in registry:
        assert s.corpus == s.path.split("/")[0]
        assert file_sha256(PATHS, s.path) == s.sha256, s.path


def test_registry_holds_only_what_the_text_does_not_say():
    raw = (PATHS.registry).read_text(encoding="utf-8")
    assert not re.search(r"^\s+(title|date|genre|issuer|period):", raw, re.M)
    assert [s.path for s in load_registry(PATHS) if s.bundle] == [BUNDLE]


def test_read_source_keeps_the_bytes_as_they_are(tmp_path):
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "crlf.txt").write_bytes("A\r\nB’\r\n".encode("utf-8"))
    assert read_source(ProjectPaths(tmp_path), "crlf.txt") == "A\r\nB’\r\n"
    with pytest.raises(ValueError):
        read_source(ProjectPaths(tmp_path), "../outside.txt")


# ---------------------------------------------------------------- the bundled corpus

def test_the_bundle_splits_into_its_five_documents(corpus):
    docs = [d for d, _ in corpus if d.source_file == BUNDLE]
    assert [(d.date, d.genre) for d in docs] == [
        ("2019-09-24", "product_release"), ("2019-11-27", "results_release"), ("2019-11-19", "product_release"),
        ("2019-11-05", "product_release"), ("2020-03-31", "shareholder_letter")]
    assert docs[1].period and docs[1].period.label == "2019-Q3"
    assert docs[4].period and docs[4].period.label == "2019"


def test_single_document_files_yield_one_document(corpus):
    for rel in {d.source_file for d, _ in corpus} - {BUNDLE}:
        assert len([d for d, _ in corpus if d.source_file == rel]) == 1, rel


def test_documents_tile_their_file_and_chrome_stays_inside(corpus):
    by_file: dict[str, list[Document]] = {}
    for d, text in corpus:
        by_file.setdefault(d.source_file, []).append(d)
        assert text[d.start:d.end].strip() == text[d.start:d.end]
        for s in d.chrome:
            assert d.start <= s.start < s.end <= d.end
    for rel, docs in by_file.items():
        text = read_source(PATHS, rel)
        assert docs[0].start == 0 and not text[docs[-1].end:].strip()
        for a, b in zip(docs, docs[1:]):
            assert a.end <= b.start and not text[a.end:b.start].strip()


def test_doc_ids_are_unique_slugs(corpus):
    ids = [d.doc_id for d, _ in corpus]
    assert len(set(ids)) == len(ids)
    assert all(re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", i) for i in ids)


@pytest.mark.parametrize("rel", [s.path for s in load_registry(PATHS)])
def test_golden_segmentation(rel, corpus):
    path = GOLDEN / (Path(rel).name.rsplit(".", 1)[0] + ".json")
    expected = json.loads(path.read_text(encoding="utf-8"))
    assert golden_for(rel, corpus) == expected


def _gold_quotes() -> list[tuple[str, str, str]]:
    rows = []
    for tsv in sorted((PATHS.root / "tests" / "gold").rglob("*.tsv")):
        with tsv.open(encoding="utf-8") as fh:
            for row in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
                if "page chrome" not in (row.get("qualifier") or ""):
                    rows.append((row["doc"], row["id"], row["quote"]))
    return rows


def test_chrome_never_covers_a_gold_fact(corpus):
    """Extractors skip Document.chrome: no quote of a gold fact may touch it (rows marked page chrome aside)."""
    quotes = _gold_quotes()
    assert quotes
    by_name = {Path(d.source_file).name: [] for d, _ in corpus}
    texts = {}
    for d, t in corpus:
        by_name[Path(d.source_file).name].append(d)
        texts[Path(d.source_file).name] = t
    hits = []
    for name, gid, quote in quotes:
        if name not in texts:
            continue
        pos = texts[name].find(quote)
        assert pos >= 0, (gid, quote)
        if any(is_chrome(d, pos, pos + len(quote)) for d in by_name[name]):
            hits.append((gid, quote))
    assert not hits


def test_gold_rows_marked_page_chrome_are_chrome(corpus):
    texts = {Path(d.source_file).name: t for d, t in corpus}
    docs = [d for d, _ in corpus]
    marked = []
    for tsv in sorted((PATHS.root / "tests" / "gold").rglob("*.tsv")):
        with tsv.open(encoding="utf-8") as fh:
            marked += [r for r in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
                       if "page chrome" in (r.get("qualifier") or "") and r["doc"] in texts]
    for r in marked:
        pos = texts[r["doc"]].find(r["quote"])
        assert any(Path(d.source_file).name == r["doc"] and is_chrome(d, pos, pos + len(r["quote"])) for d in docs), r["id"]


def test_is_chrome_is_about_overlap(corpus):
    d, text = next((d, t) for d, t in corpus if d.source_file == "seeds/002_52d66cf5c96518fd.txt")
    s = d.chrome[-1]
    assert text[s.start:s.end].startswith("Related posts")
    assert is_chrome(d, s.start + 3, s.start + 10) and is_chrome(d, s.start - 5, s.start + 1) and is_chrome(d, s.start)
    assert not is_chrome(d, s.start - 5, s.start)
    body = text.index("Xiaomi And AIoT")
    assert not is_chrome(d, body, body + 10)


# ---------------------------------------------------------------- synthetic variants: the rules are general

RELEASE = """{headline}

{deck}

{dateline} – {company} today announced {thing}. The device is available from {avail}.

{company} said the product line grew quickly. Sales reached 12 units in the first week.

About {company}
{company} makes gadgets. It was founded in 2001.
"""


def _release(headline: str, dateline: str, company: str, thing: str, deck: str = "A second line under the headline",
             avail: str = "next week") -> str:
    return RELEASE.format(headline=headline, deck=deck, dateline=dateline, company=company, thing=thing, avail=avail)


def test_a_bundle_of_two_other_releases_splits_by_dateline(rules):
    a = _release("Acme launches the Rocket 3", "Lisbon, Portugal, 3 March 2022", "Acme Widgets", "the Rocket 3")
    b = _release("Acme opens a store in Oslo", "OSLO, Sept. 14, 2021", "Acme Widgets", "a store")
    text = a + "\n\n" + b
    docs = segment(_adhoc(), text, rules)
    assert [(d.title, d.date) for d in docs] == [("Acme launches the Rocket 3", "2022-03-03"),
                                                 ("Acme opens a store in Oslo", "2021-09-14")]
    assert text[docs[1].start:].startswith("Acme opens a store in Oslo")
    # the About block is repeated in the bundle: it is chrome in both documents
    for d in docs:
        about = text.index("About Acme Widgets", d.start)
        assert is_chrome(d, about, about + 5)
        assert not is_chrome(d, text.index("Sales reached", d.start), text.index("Sales reached", d.start) + 5)


def test_joining_real_releases_in_another_order_with_other_datelines(corpus, rules):
    bundle = read_source(PATHS, BUNDLE)
    docs = [(d, bundle[d.start:d.end]) for d, _ in corpus if d.source_file == BUNDLE]
    midc, trio = docs[2][1], docs[3][1]
    dl = re.compile(r"^([A-Z][a-z]+), China, (\w+) (\d+), (\d{4}) –", re.M)
    assert dl.search(midc) and dl.search(trio)
    midc2 = dl.sub("Shenzhen, China, 2 February 2018 –", midc, count=1)
    trio2 = dl.sub("Chengdu, China, Dec 30, 2017 –", trio, count=1)
    text = trio2 + "\n\n\n" + midc2
    out = segment(_adhoc(), text, rules)
    assert [(d.date, d.title) for d in out] == [("2017-12-30", docs[3][0].title), ("2018-02-02", docs[2][0].title)]
    assert out[1].start == len(trio2) + 3


@pytest.mark.parametrize("written, iso", [
    ("September 24 2019", "2019-09-24"), ("Sept. 24, 2019", "2019-09-24"), ("24 Sep 2019", "2019-09-24"),
    ("SEPTEMBER 24, 2019", "2019-09-24"), ("24th September 2019", "2019-09-24"), ("Sep 24", "2018-09-24"),
])
def test_dateline_month_spellings(written, iso, rules):
    first = _release("Acme shows a phone", "Porto, Portugal, 1 June 2018", "Acme Widgets", "a phone")
    second = _release("Acme shows a watch", f"Madrid, Spain, {written}", "Acme Widgets", "a watch")
    docs = segment(_adhoc(), first + "\n" + second, rules)
    assert [d.date for d in docs] == ["2018-06-01", iso]


def test_moving_chrome_lines_changes_no_boundary(rules):
    base = _release("Acme shows a phone", "Porto, Portugal, 1 June 2018", "Acme Widgets", "a phone")
    nxt = _release("Acme shows a watch", "Madrid, Spain, 2 June 2018", "Acme Widgets", "a watch")
    chrome = "Links to product images: Acme phone\n\nMedia contact: press@acme.example\n"
    for variant in (base + chrome + "\n" + nxt,                      # chrome after the boilerplate
                    base.replace("About Acme", chrome + "\nAbout Acme") + "\n" + nxt,   # before it
                    chrome + "\n" + base + "\n" + nxt):               # at the very top
        docs = segment(_adhoc(), variant, rules)
        assert [d.title for d in docs] == ["Acme shows a phone", "Acme shows a watch"], variant
        pos = variant.index("Links to product images")
        assert any(is_chrome(d, pos, pos + 4) for d in docs)
        pos = variant.index("Media contact")     # a contact names people: boilerplate (skipped only in a repeated About)
        assert any(b.start <= pos < b.end for d in docs for b in d.boilerplate)
        assert variant[docs[1].start:].startswith("Acme shows a watch")


def test_a_headline_block_with_bullets_and_a_byline_belongs_to_the_next_document(rules):
    a = _release("Acme shows a phone", "Porto, Portugal, 1 June 2018", "Acme Widgets", "a phone")
    b = ("Acme revenue up 5% in the quarter\n\n• Revenue rose\n• Profit rose\nBy Jane Roe, Reporter\n\n"
         "Faro, Portugal, 9 August 2018 – Acme Widgets said revenue rose.\n")
    docs = segment(_adhoc(), a + "\n" + b, rules)
    assert len(docs) == 2 and docs[1].title == "Acme revenue up 5% in the quarter"


def test_headline_bullets_ending_with_full_stops_stay_with_their_headline(rules):
    a = ("Acme shows a phone\n\nPorto, Portugal, 1 June 2018 – Acme Widgets showed a phone.\n\n"
         "Highlights of the phone:\n• It is thin.\n• It is light.\n\n")
    b = ("Acme profit rises in the second quarter\n\n• Revenue rose 5% to 10 units.\n• Profit rose 3%.\n\n"
         "Faro, Portugal, 9 August 2018 – Acme Widgets announced its results for the second quarter of 2018.\n")
    text = a + b
    docs = segment(_adhoc(), text, rules)
    assert [d.title for d in docs] == ["Acme shows a phone", "Acme profit rises in the second quarter"]
    assert text[docs[0].start:docs[0].end].endswith("• It is light.")    # its own bullets stay with it
    assert text[docs[1].start:].startswith("Acme profit rises")


def test_a_file_without_anchors_is_one_document(rules):
    text = "A headline about phones\n\nPeople bought phones. They liked them.\n\nRelated posts\n\nOther story\n"
    docs = segment(_adhoc(), text, rules)
    assert len(docs) == 1 and docs[0].title == "A headline about phones" and docs[0].genre == "news"
    assert is_chrome(docs[0], text.index("Other story"))


def test_changing_every_figure_changes_no_boundary_or_context(corpus, rules):
    """The seeds are also measured with their numbers changed: figures must not steer segmentation."""
    figure = re.compile(r"(?<![\w.])\d[\d,]*\.\d+|(?<![\w.])\d+(?=%| ?(?:million|billion|units|MP|mAh|W\b))")
    for rel in (BUNDLE, "seeds/000_211954ba01ca0d49.txt", "dev/d1_xiaomi_3q2020_results_news.txt"):
        text = read_source(PATHS, rel)
        changed = figure.sub(lambda m: "".join(str((int(c) + 7) % 10) if c.isdigit() else c for c in m.group()), text)
        assert changed != text and len(changed) == len(text)
        before = [(d.start, d.end, d.genre, d.date, d.period, d.issuer, len(d.turns), d.chrome)
                  for d, _ in corpus if d.source_file == rel]
        after = [(d.start, d.end, d.genre, d.date, d.period, d.issuer, len(d.turns), d.chrome)
                 for d in segment(_source(rel), changed, rules)]
        assert after == before, rel


def _write_golden() -> None:
    """The registered corpus only (the broad set: tests/test_docmodel_golden.py --write)."""
    rules = load_rules(PATHS, load_gazetteer(FIXTURE_GAZETTEER))
    docs = load_documents(PATHS, ["seeds", "dev"], rules=rules)
    for s in load_registry(PATHS):
        path = GOLDEN / (Path(s.path).name.rsplit(".", 1)[0] + ".json")
        path.write_text(json.dumps(golden_for(s.path, docs), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print("wrote", path)


if __name__ == "__main__" and "--write-golden" in sys.argv:
    _write_golden()
