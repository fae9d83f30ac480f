"""`marketgraph add/remove/list/status/rebuild` and the incremental store behind them, as a new user would use them."""
from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

from ingest_support import html_page, mixed_folder, pdf_bytes, press_release
from marketgraph.graph.cli import app
from marketgraph.graph.docstore import DocumentArea, sha_of_source_file
from marketgraph.graph.generations import current_catalog, current_generation
from marketgraph.graph.ingest import ingest
from marketgraph.graph.inputs import Input
from marketgraph.graph.iris import Iris
from marketgraph.graph.settings import Settings
from marketgraph.graph.store import open_read_only

QUOTES = """
PREFIX mg: <https://w3id.org/marketgraph/ontology#>
PREFIX oa: <http://www.w3.org/ns/oa#>
SELECT ?source ?start ?end ?exact WHERE {
  ?fact a mg:Fact ; mg:evidence/oa:hasTarget ?t .
  ?t oa:hasSource/mg:path ?source ; oa:hasSelector ?q , ?p .
  ?q a oa:TextQuoteSelector ; oa:exact ?exact .
  ?p a oa:TextPositionSelector ; oa:start ?start ; oa:end ?end .
}"""


def cli(*args: str, input: bytes | None = None):
    return CliRunner().invoke(app, list(args), input=input)


@pytest.fixture(scope="module")
def folder_store(tmp_path_factory):
    root = tmp_path_factory.mktemp("ingest")
    folder = mixed_folder(root / "docs")
    store = root / "store"
    res = cli("add", str(folder), "--store", str(store))
    return folder, store, res


def test_a_mixed_folder_is_added_with_one_command(folder_store):
    folder, store, res = folder_store
    assert res.exit_code == 0, res.output
    assert "10 added" in res.output
    listing = cli("list", "--store", str(store), "--format", "json")
    rows = json.loads(listing.stdout)
    assert len(rows) == 10 and {r["status"] for r in rows} == {"published"}
    assert {Path(r["file"]).suffix for r in rows} == {".txt", ".md", ".html", ".pdf"}
    assert all(r["facts"] > 0 for r in rows)


def test_every_quote_is_verbatim_in_the_kept_normalised_text(folder_store):
    _, store, _ = folder_store
    area = DocumentArea.for_store(store)
    rows = list(open_read_only(store).query(QUOTES, use_default_graph_as_union=True))
    assert len(rows) >= 30
    pdf_pages = 0
    for r in rows:
        text = area.source_text(r["source"].value)
        assert text is not None, r["source"].value
        start, end = int(r["start"].value), int(r["end"].value)
        assert text[start:end] == r["exact"].value
        sha = sha_of_source_file(r["source"].value)
        if area.source(sha).media_type == "application/pdf":
            assert area.page_at(r["source"].value, start) == 1
            pdf_pages += 1
        assert area.original(sha) is not None
    assert pdf_pages > 0, "the PDF documents' quotes have their page"


def test_the_same_content_twice_is_one_document_and_nothing_is_extracted(folder_store):
    folder, store, _ = folder_store
    before = current_generation(store)
    res = cli("add", str(folder / "r0.txt"), str(folder / "sub"), "--store", str(store))
    assert res.exit_code == 0, res.output
    assert "unchanged" in res.output and "0 document(s) extracted" in res.output
    assert current_generation(store) == before


def test_adding_one_document_extracts_only_that_one(tmp_path, folder_store):
    _, store, _ = folder_store
    new = tmp_path / "extra.txt"
    new.write_text(press_release(42, "Quillfeather Extra Ltd"), encoding="utf-8")
    s = Settings(store=store)
    report = ingest(s, [Input(new.name, str(new), new.read_bytes())])
    assert report.extracted == 1 and report.count("added") == 1
    assert report.published == 11
    report = ingest(s, [Input(new.name, str(new), b"")] * 0)   # nothing given: nothing happens
    assert report.extracted == 0 and report.generation is None
    res = cli("remove", "quillfeather-extra-ltd", "--store", str(store))
    assert res.exit_code != 0  # not an id; the id comes from the text
    _, cat = current_catalog(store)
    doc_id = next(d.doc_id for d in cat.documents.values() if cat.sources[d.source].name == "extra.txt")
    res = cli("remove", doc_id, "--store", str(store))
    assert res.exit_code == 0, res.output
    assert len(current_catalog(store)[1].published()) == 10


def test_a_changed_file_replaces_the_version_added_before(tmp_path):
    store = tmp_path / "store"
    f = tmp_path / "note.txt"
    f.write_text(press_release(1, "Quillfeather Alpha Ltd"), encoding="utf-8")
    assert cli("add", str(f), "--store", str(store)).exit_code == 0
    _, first = current_catalog(store)
    f.write_text(press_release(2, "Quillfeather Alpha Ltd"), encoding="utf-8")
    res = cli("add", str(f), "--store", str(store))
    assert res.exit_code == 0 and "replaced" in res.output, res.output
    _, second = current_catalog(store)
    assert len(second.sources) == 1 and set(second.sources) != set(first.sources)
    graphs = {g.value for g in open_read_only(store).named_graphs()}
    assert len([g for g in graphs if "/graph/quillfeather" in g]) == 1


def test_bad_files_are_one_line_each_and_cost_no_data(tmp_path, folder_store):
    _, store, _ = folder_store
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "binary.txt").write_bytes(b"\x00\x01\x02 not text")
    (bad / "empty.md").write_bytes(b"")
    (bad / "latin.txt").write_bytes("Caf\u00e9 r\u00e9sultats".encode("latin-1"))
    (bad / "nav.html").write_text("<html><body><nav>Home | About | Contact</nav></body></html>")
    (bad / "scan.pdf").write_bytes(pdf_bytes(""))
    (bad / "huge.txt").write_bytes(b"word " * (4 * 1024 * 1024))   # 20 MB
    before = current_generation(store)
    res = cli("add", str(bad), "--store", str(store))
    assert res.exit_code == 1, res.output
    assert "Traceback" not in res.output
    for name in ("binary.txt", "empty.md", "latin.txt", "nav.html", "scan.pdf", "huge.txt"):
        assert name in res.output
    assert current_generation(store) == before
    assert len(current_catalog(store)[1].published()) >= 10


@pytest.mark.parametrize("flag,value,expected", [
    ("--date", "18/11/2021", "--date"), ("--genre", "memo", "--genre"), ("--url", "ftp://x", "--url"),
])
def test_a_bad_flag_value_is_one_line_naming_the_flag(tmp_path, flag, value, expected):
    f = tmp_path / "a.txt"
    f.write_text(press_release(3), encoding="utf-8")
    res = cli("add", str(f), flag, value, "--store", str(tmp_path / "store"))
    assert res.exit_code == 2
    lines = [line for line in res.output.splitlines() if line.strip()]
    assert len(lines) == 1 and expected in lines[0] and "Traceback" not in res.output
    assert not (tmp_path / "store").exists()


def test_flags_and_sidecar_give_metadata(tmp_path):
    store = tmp_path / "store"
    f = tmp_path / "memo.txt"
    f.write_text(press_release(5, "Quillfeather Beta Ltd"), encoding="utf-8")
    (tmp_path / "memo.txt.meta.yaml").write_text("title: Beta first quarter memo\ngenre: results_release\n"
                                                 "url: https://example.test/beta/q1\n", encoding="utf-8")
    res = cli("add", str(f), "--date", "2021-05-12", "--store", str(store))
    assert res.exit_code == 0, res.output
    doc = next(iter(current_catalog(store)[1].documents.values()))
    assert (doc.title, doc.date, doc.genre, doc.url) == ("Beta first quarter memo", "2021-05-12", "results_release",
                                                         "https://example.test/beta/q1")
    ask = f"ASK {{ ?d <https://schema.org/url> <https://example.test/beta/q1> ; <https://schema.org/sha256> ?h }}"
    assert open_read_only(store).query(ask, use_default_graph_as_union=True)


def test_standard_input_is_a_document(tmp_path):
    store = tmp_path / "store"
    res = cli("add", "-", "--name", "piped.md", "--store", str(store),
              input=press_release(7, "Quillfeather Gamma Ltd").encode())
    assert res.exit_code == 0, res.output
    assert next(iter(current_catalog(store)[1].sources.values())).name == "piped.md"


def test_missing_paths_and_unknown_corpus_are_errors_that_change_nothing(tmp_path, folder_store):
    _, store, _ = folder_store
    before = current_generation(store)
    res = cli("add", str(tmp_path / "nope.txt"), "--store", str(store))
    assert res.exit_code == 1 and "no such file" in res.output
    res = cli("build", "--corpus", "nosuch", "--store", str(store))
    assert res.exit_code == 2 and "unknown corpus 'nosuch'" in res.output and "Traceback" not in res.output
    assert current_generation(store) == before


def test_removing_the_last_documents_needs_force(tmp_path):
    store = tmp_path / "store"
    f = tmp_path / "only.txt"
    f.write_text(press_release(8, "Quillfeather Delta Ltd"), encoding="utf-8")
    assert cli("add", str(f), "--store", str(store)).exit_code == 0
    doc_id = next(iter(current_catalog(store)[1].documents))
    res = cli("remove", doc_id, "--store", str(store))
    assert res.exit_code == 2 and "--force" in res.output
    assert doc_id in current_catalog(store)[1].documents
    res = cli("remove", doc_id, "--force", "--store", str(store))
    assert res.exit_code == 0 and not current_catalog(store)[1].documents


def test_status_lists_documents_of_older_rules_and_rebuild_renews_them(tmp_path, monkeypatch):
    from marketgraph.graph import versions

    store = tmp_path / "store"
    f = tmp_path / "s.txt"
    f.write_text(press_release(9, "Quillfeather Epsilon Ltd"), encoding="utf-8")
    assert cli("add", str(f), "--store", str(store)).exit_code == 0
    assert cli("status", "--store", str(store)).exit_code == 0
    real = versions.Versions.of.__func__
    monkeypatch.setattr(versions.Versions, "of", classmethod(lambda cls, paths: versions.Versions(
        "newer-rules", real(cls, paths).shapes)))
    res = cli("status", "--store", str(store))
    assert res.exit_code == 1 and "stale (rules)" in res.output
    res = cli("rebuild", "--stale", "--store", str(store))
    assert res.exit_code == 0, res.output
    assert cli("status", "--store", str(store)).exit_code == 0
    doc = next(iter(current_catalog(store)[1].documents.values()))
    assert doc.rules == "newer-rules"
    q = "ASK { ?d <http://www.w3.org/ns/prov#wasGeneratedBy> ?a . ?a <http://purl.org/dc/terms/hasVersion> 'newer-rules' }"
    assert open_read_only(store).query(q, use_default_graph_as_union=True)


def test_html_and_pdf_documents_read_through_the_store(tmp_path):
    store = tmp_path / "store"
    text = press_release(11, "Quillfeather Zeta Ltd")
    (tmp_path / "z.html").write_text(html_page(text.split("\n", 2)[2], "Quillfeather Zeta Ltd reports Q1 2021 results"))
    (tmp_path / "z.pdf").write_bytes(pdf_bytes(text, "Second page: Quillfeather Zeta Ltd had 1,200 employees."))
    res = cli("add", str(tmp_path / "z.html"), str(tmp_path / "z.pdf"), "--store", str(store))
    assert res.exit_code == 0, res.output
    area = DocumentArea.for_store(store)
    _, cat = current_catalog(store)
    html_sha = next(s for s, e in cat.sources.items() if e.media_type == "text/html")
    src = area.source(html_sha)
    original = area.original(html_sha).read_text(encoding="utf-8")
    at = src.text.index("Revenue reached")
    o = src.offsets.to_original(at)
    assert original[o:o + len("Revenue reached")] == "Revenue reached"
    assert "Privacy policy" not in src.text


def test_the_catalogue_counts_the_quads_the_store_holds_after_adds_one_at_a_time(tmp_path):
    """Adding only new documents grows the shared graph by what they share that it lacks, counted without reading
    the graph back; the count must stay the store's."""
    s = Settings(store=tmp_path / "store")
    shared = Iris(s.base_iri).shared_graph
    sizes = []
    for i, company in enumerate(["Quillfeather Devices Ltd", "Marvento Devices Ltd", "Quillfeather Devices Ltd"]):
        report = ingest(s, [Input(f"release-{i}.txt", f"release-{i}", press_release(i, company).encode("utf-8"))])
        assert report.count("added") == 1
        st = open_read_only(s.store)
        assert report.triples == len(st) == current_catalog(s.store)[1].triples
        sizes.append(sum(1 for _ in st.quads_for_pattern(None, None, None, ox.NamedNode(str(shared)))))
        del st
    assert sizes[0] < sizes[1]   # the second document brought shared triples of its own


def test_a_generation_is_closed_before_it_is_renamed_and_served(tmp_path, monkeypatch):
    """The new generation's RocksDB must be closed (its lock released) when its directory is renamed: a store still
    open there goes on compacting into the old path, and its close waits for that after the rename (an add that
    took ~0.9 s longer every few adds). Opening the directory for writing succeeds only when no one holds it."""
    from marketgraph.graph import generations
    s = Settings(store=tmp_path / "store")
    opened: list[str] = []
    real_rename = generations.os.rename

    def rename(src, dst):
        if str(src).endswith(generations.TMP):
            probe = ox.Store(str(src))   # raises if the writer's store is still open in this process
            del probe
            opened.append(str(src))
        return real_rename(src, dst)

    monkeypatch.setattr(generations.os, "rename", rename)
    for i, company in enumerate(["Quillfeather Devices Ltd", "Marvento Devices Ltd"]):
        report = ingest(s, [Input(f"release-{i}.txt", f"release-{i}", press_release(i, company).encode("utf-8"))])
        assert report.count("added") == 1
    assert len(opened) == 2
