"""The home page's counts are kept at publish time (graph/headlines.py, ``Catalog.headlines``) and read by the home
page, which then runs no query over the facts (issue 12: a COUNT and four GROUP BY scans over every fact)."""
from __future__ import annotations

import pyoxigraph as ox
import pytest
from fastapi.testclient import TestClient

from ingest_support import press_release
from marketgraph.api.app import create_app
from marketgraph.api.browse.graphview import GraphView
from marketgraph.api.browse.site import home_data
from marketgraph.graph.generations import current_catalog
from marketgraph.graph.ingest import ingest, remove
from marketgraph.graph.inputs import Input
from marketgraph.graph.settings import Settings
from marketgraph.graph.store import open_read_only

MG = "https://w3id.org/marketgraph/ontology#"
COUNTS = f"""PREFIX mg: <{MG}>
SELECT ?role ?e (COUNT(DISTINCT ?f) AS ?n) WHERE {{
  GRAPH ?g {{ ?f mg:factKind ?k . {{ ?f mg:subject ?e BIND("subject" AS ?role) }} UNION
              {{ ?f mg:market ?e BIND("market" AS ?role) }} UNION {{ ?f mg:metric ?e BIND("metric" AS ?role) }} }}
}} GROUP BY ?role ?e"""


class RecordingStore:
    """The store, recording the text of every query and counting pattern lookups."""

    def __init__(self, store: ox.Store):
        self.store, self.queries, self.lookups = store, [], 0

    def query(self, text, **kwargs):
        self.queries.append(text)
        return self.store.query(text, **kwargs)

    def quads_for_pattern(self, *args):
        self.lookups += 1
        return self.store.quads_for_pattern(*args)


def recount(store: ox.Store) -> dict:
    """What the counts must be: counted over the store's document graphs."""
    out: dict = {"facts": 0, "subject": {}, "market": {}, "metric": {}}
    for r in store.query(COUNTS):
        out[r["role"].value][r["e"].value] = int(r["n"].value)
    out["facts"] = int(next(iter(store.query(
        f"SELECT (COUNT(DISTINCT ?f) AS ?n) WHERE {{ GRAPH ?g {{ ?f <{MG}factKind> ?k }} }}")))["n"].value)
    return out


def add(settings: Settings, i: int, company: str) -> None:
    report = ingest(settings, [Input(f"release-{i}.txt", f"release-{i}", press_release(i, company).encode("utf-8"))])
    assert report.count("added") == 1


def kept_and_stored(settings: Settings) -> tuple[dict, dict]:
    _, catalog = current_catalog(settings.store)
    store = open_read_only(settings.store)
    try:
        return catalog.headlines, recount(store)
    finally:
        del store


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> Settings:
    settings = Settings(store=tmp_path_factory.mktemp("home") / "store")
    add(settings, 1, "Quillfeather Devices Ltd")
    return settings


def test_publish_keeps_the_counts_of_the_facts_it_publishes(published: Settings) -> None:
    kept, stored = kept_and_stored(published)
    assert kept == stored and kept["facts"] > 0 and kept["subject"] and kept["metric"]
    add(published, 2, "Marvento Devices Ltd")          # an add adds the new graph's counts
    kept2, stored2 = kept_and_stored(published)
    assert kept2 == stored2 and kept2["facts"] > kept["facts"]
    gone = next(d.doc_id for d in current_catalog(published.store)[1].published() if "release-1" in d.doc_id
                or d.title.startswith("Quillfeather"))
    remove(published, [gone])                            # a removal takes its graph's counts away
    kept3, stored3 = kept_and_stored(published)
    assert kept3 == stored3 and kept3["facts"] == kept2["facts"] - kept["facts"]
    add(published, 1, "Quillfeather Devices Ltd")        # back again: the counts are the two documents' again
    assert kept_and_stored(published)[0] == stored2


def test_home_page_reads_the_kept_counts_and_scans_no_fact(published: Settings) -> None:
    kept, _ = kept_and_stored(published)
    store = open_read_only(published.store)
    try:
        recording = RecordingStore(store)
        home = home_data(GraphView(recording, published.base_iri), kept)   # type: ignore[arg-type]
        assert not any("factKind" in q or "COUNT" in q.upper() for q in recording.queries), recording.queries
        assert len(recording.queries) + recording.lookups <= 12
        assert home.facts == kept["facts"]
        leader = max(kept["subject"].items(), key=lambda kv: kv[1])
        assert (home.companies + home.products)[0].facts == leader[1]
        # without kept counts (a store loaded from a file) the same page is counted from the facts
        counted = home_data(GraphView(store, published.base_iri))
        assert counted.facts == home.facts and [h.iri for h in counted.metrics] == [h.iri for h in home.metrics]
    finally:
        del store
    client = TestClient(create_app(published))
    page = client.get("/", headers={"Accept": "text/html"}).text
    assert f"{kept['facts']} facts" in page


def test_a_catalogue_without_counts_is_counted_once_at_the_next_publication(tmp_path) -> None:
    from marketgraph.graph.catalog import write_atomic
    from marketgraph.graph.generations import catalog_path

    settings = Settings(store=tmp_path / "store")
    add(settings, 3, "Quillfeather Devices Ltd")
    gen, catalog = current_catalog(settings.store)
    catalog.headlines = None                              # as written before counts were kept
    write_atomic(catalog_path(gen), catalog.to_json().encode("utf-8"))
    add(settings, 4, "Marvento Devices Ltd")
    kept, stored = kept_and_stored(settings)
    assert kept == stored and len(kept["subject"]) >= 2
