"""The lookup index's records are kept beside each generation at publish time (graph/lookupdata.py), brought up
to date from what the publication changed, and the server reads them instead of indexing the store when it
starts (issue 12: 26 s at a million triples, and again after every publication). A file that does not match the
catalogue's stamp is never used."""
from __future__ import annotations

import os

import pyoxigraph as ox
import pytest
from fastapi.testclient import TestClient

from ingest_support import press_release
from marketgraph.api.app import create_app
from marketgraph.api.browse.context import browse
from marketgraph.graph import generations, lookupdata
from marketgraph.graph.generations import current_catalog, current_generation
from marketgraph.graph.ingest import ingest, remove
from marketgraph.graph.inputs import Input
from marketgraph.graph.settings import Settings
from marketgraph.graph.store import open_read_only

SKOS = "http://www.w3.org/2004/02/skos/core#"
SCHEMA = "https://schema.org/"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


def add(settings: Settings, i: int, company: str) -> None:
    report = ingest(settings, [Input(f"release-{i}.txt", f"release-{i}", press_release(i, company).encode("utf-8"))])
    assert report.count("added") == 1


def kept_and_stored(settings: Settings) -> tuple[lookupdata.Records, lookupdata.Records]:
    """The records kept beside the served generation, and the records read from its store now."""
    gen, catalog = current_catalog(settings.store)
    assert gen is not None
    kept = lookupdata.read(gen, catalog.lookup)
    assert kept is not None, "no lookup records kept beside the generation"
    store = open_read_only(settings.store)
    try:
        return kept, lookupdata.of_store(store, settings.base_iri)
    finally:
        del store


class CountingReads:
    """Counts the records a publication reads from the store (``record_of`` calls)."""

    def __init__(self, monkeypatch):
        self.n = 0
        real = lookupdata.record_of

        def counted(store, iri, kind):
            self.n += 1
            return real(store, iri, kind)
        monkeypatch.setattr(lookupdata, "record_of", counted)


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> Settings:
    settings = Settings(store=tmp_path_factory.mktemp("lookup") / "store")
    add(settings, 1, "Quillfeather Devices Ltd")
    return settings


def test_each_publication_keeps_the_records_the_store_would_give(published: Settings, monkeypatch) -> None:
    kept, stored = kept_and_stored(published)
    assert kept == stored and any(r.label == "Quillfeather Devices Ltd" for r in kept.values())
    reads = CountingReads(monkeypatch)
    add(published, 2, "Marvento Devices Ltd")
    second = reads.n
    kept2, stored2 = kept_and_stored(published)
    assert kept2 == stored2 and len(kept2) > len(kept)
    # an add reads the records its own graph names, not the whole index again
    assert 0 < second < len(kept2)
    reads.n = 0
    add(published, 5, "Tarnwick Devices Ltd")
    assert reads.n == second                    # the same work for the same kind of document, at any size
    gone = next(d.doc_id for d in current_catalog(published.store)[1].published() if "release-2" in d.doc_id
                or d.title.startswith("Marvento"))
    remove(published, [gone])                   # a removal takes the records only its graph named
    kept3, stored3 = kept_and_stored(published)
    assert kept3 == stored3
    assert not any(r.label == "Marvento Devices Ltd" for r in kept3.values())


def test_the_server_reads_the_kept_records_and_finds_the_same(published: Settings) -> None:
    app = create_app(published)
    with TestClient(app) as client:
        hits = client.get("/api/entities", params={"q": "quillfeather"}).json()["hits"]
        ctx = browse(app)
        assert ctx.index_source == "kept"
        assert hits and hits[0]["label"] == "Quillfeather Devices Ltd"
        from marketgraph.api.browse.lookup_index import LookupIndex
        rebuilt = LookupIndex.from_view(ctx.view, ctx.describe_record)
        assert [(e.iri, e.label, e.description, e.names) for e in rebuilt.entries] == \
               [(e.iri, e.label, e.description, e.names) for e in ctx.index.entries]


@pytest.mark.parametrize("damage", ["truncated", "changed", "missing"])
def test_a_file_that_does_not_match_the_catalogue_is_never_used(tmp_path, damage: str) -> None:
    settings = Settings(store=tmp_path / "store")
    add(settings, 3, "Quillfeather Devices Ltd")
    gen = current_generation(settings.store)
    path = lookupdata.sidecar(gen)
    data = path.read_bytes()
    if damage == "truncated":      # as a writer that died half-way would leave it
        path.write_bytes(data[: len(data) // 2])
    elif damage == "changed":      # whole JSON, but not the file the publication wrote
        path.write_bytes(data.replace(b"Quillfeather Devices Ltd", b"Quillfeather Devices Plc"))
    else:
        path.unlink()
    assert lookupdata.read(gen, current_catalog(settings.store)[1].lookup) is None
    app = create_app(settings)
    with TestClient(app) as client:
        hits = client.get("/api/entities", params={"q": "quillfeather"}).json()["hits"]
        assert browse(app).index_source == "store"
        assert hits[0]["label"] == "Quillfeather Devices Ltd"
    add(settings, 4, "Marvento Devices Ltd")   # the next publication reads every record afresh
    kept, stored = kept_and_stored(settings)
    assert kept == stored


def test_a_publication_that_fails_before_its_rename_leaves_no_records_under_a_served_name(tmp_path,
                                                                                          monkeypatch) -> None:
    settings = Settings(store=tmp_path / "store")
    add(settings, 3, "Quillfeather Devices Ltd")
    before = current_generation(settings.store)
    files = sorted(p.name for p in generations.generations_dir(settings.store).iterdir())

    def failing_rename(src, dst):
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(generations.os, "rename", failing_rename)
    with pytest.raises(Exception):
        add(settings, 4, "Marvento Devices Ltd")
    monkeypatch.setattr(generations.os, "rename", os.rename)
    assert current_generation(settings.store) == before
    after = sorted(p.name for p in generations.generations_dir(settings.store).iterdir()
                   if not p.name.startswith("."))
    assert after == [f for f in files if not f.startswith(".")]   # no new generation, catalogue or records file


def _records(store: ox.Store, base: str) -> lookupdata.Records:
    return lookupdata.of_store(store, base)


def test_a_makers_new_label_updates_the_things_it_makes() -> None:
    base = "http://example.test"
    maker, phone = ox.NamedNode(f"{base}/id/organisation/brightwell"), ox.NamedNode(f"{base}/id/product/lumo-7")
    g = ox.NamedNode(f"{base}/graph/entities")
    old_label = ox.Quad(maker, ox.NamedNode(SKOS + "prefLabel"), ox.Literal("Brightwell"), g)
    store = ox.Store()
    store.extend([old_label,
                  ox.Quad(phone, ox.NamedNode(SKOS + "prefLabel"), ox.Literal("Lumo 7"), g),
                  ox.Quad(phone, ox.NamedNode(SCHEMA + "manufacturer"), maker, g),
                  ox.Quad(phone, ox.NamedNode(RDF_TYPE), ox.NamedNode(SCHEMA + "Product"), g)])
    old = _records(store, base)
    assert old[phone.value].maker_label == "Brightwell"
    new_label = ox.Quad(maker, ox.NamedNode(SKOS + "prefLabel"), ox.Literal("Brightwell Mobile"), g)
    store.remove(old_label)
    store.add(new_label)
    changes = lookupdata.Changes()
    changes.note([old_label, new_label])         # only the maker's triples changed
    updated = lookupdata.update(old, store, base, changes)
    assert updated == _records(store, base)
    assert updated[phone.value].maker_label == "Brightwell Mobile"
    assert updated[maker.value].label == "Brightwell Mobile"


def test_records_a_killed_writer_left_without_their_generation_are_cleaned(tmp_path) -> None:
    settings = Settings(store=tmp_path / "store")
    add(settings, 3, "Quillfeather Devices Ltd")
    served = current_generation(settings.store)
    orphan = served.with_name("20991231T000000-000000001-1" + lookupdata.SUFFIX)   # its rename never happened
    orphan.write_bytes(lookupdata.sidecar(served).read_bytes())
    generations.clean_unfinished(settings.store)
    assert not orphan.exists() and lookupdata.sidecar(served).exists()
