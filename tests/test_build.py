"""The build end to end on the bundled seeds: named graphs, atomic publication, rejection of bad documents, CLI."""
from __future__ import annotations

import csv
import io
from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

from marketgraph.graph.build import build
from marketgraph.graph.cli import app
from marketgraph.graph.iris import Iris
from marketgraph.graph.records import Evidence, Fact
from marketgraph.graph.segment import load_documents
from marketgraph.graph.settings import Settings
from marketgraph.graph.store import current_generation, open_read_only

FACT_COLUMNS = ["fact", "kind", "subject", "subjectLabel", "metric", "value", "unit", "period", "market", "source",
                "quote"]


EVIDENCE_QUERY = """
PREFIX mg: <https://w3id.org/marketgraph/ontology#>
PREFIX oa: <http://www.w3.org/ns/oa#>
SELECT ?fact ?source ?start ?end ?exact WHERE {
  ?fact a mg:Fact ; mg:evidence/oa:hasTarget ?t .
  ?t oa:hasSource/mg:path ?source ; oa:hasSelector ?q , ?p .
  ?q a oa:TextQuoteSelector ; oa:exact ?exact .
  ?p a oa:TextPositionSelector ; oa:start ?start ; oa:end ?end .
}"""


@pytest.fixture(scope="module")
def seed_build(tmp_path_factory):
    store = tmp_path_factory.mktemp("build") / "store"
    settings = Settings(store=store)
    report = build(settings, dump_dir=store.with_name("dumps"))
    return settings, report


def _graphs(store_path: Path) -> set[str]:
    return {g.value for g in open_read_only(store_path).named_graphs()}


def test_every_seed_document_gets_its_own_named_graph(seed_build):
    settings, report = seed_build
    assert report.ok, [(r.name, r.reason) for r in report.rejections]
    docs = load_documents(settings, ["seeds"])
    assert len(docs) == 7  # 000 (call), 001 (five documents), 002 (news)
    iris = Iris(settings.base_iri)
    graphs = _graphs(settings.store)
    for doc, _ in docs:
        assert str(iris.graph(doc.doc_id)) in graphs
    assert str(iris.entities_graph) in graphs
    assert sum(report.facts_by_kind.values()) > 100


def test_the_summary_counts_match_the_store(seed_build):
    settings, report = seed_build
    store = open_read_only(settings.store)
    n_quads = sum(1 for _ in store)
    assert n_quads == report.triples


def test_dumps_are_written_and_parse(seed_build):
    settings, report = seed_build
    names = {p.name for p in report.dumps}
    assert {"marketgraph.nq", "marketgraph.trig", "marketgraph.ttl"} <= names
    nq = next(p for p in report.dumps if p.name == "marketgraph.nq")
    assert sum(1 for _ in ox.parse(path=str(nq), format=ox.RdfFormat.N_QUADS)) == report.triples


def test_every_fact_quote_is_verbatim_at_its_offsets(seed_build):
    settings, _ = seed_build
    store = open_read_only(settings.store)
    rows = list(store.query(EVIDENCE_QUERY, use_default_graph_as_union=True))
    assert rows, "facts have evidence"
    texts: dict[str, str] = {}
    bad = []
    for r in rows:
        src = r["source"].value
        if src not in texts:
            texts[src] = (settings.paths.sources / src).read_text(encoding="utf-8")
        start, end, exact = int(r["start"].value), int(r["end"].value), r["exact"].value
        if texts[src][start:end] != exact:
            bad.append((src, start, end, exact[:40]))
    assert not bad, bad[:5]


def test_a_rebuild_swaps_atomically_and_old_readers_keep_their_generation(tmp_path):
    from marketgraph.graph.ingest import rebuild

    settings = Settings(store=tmp_path / "store")
    build(settings)
    first = current_generation(settings.store)
    old_reader = ox.Store.read_only(str(first))
    before = sum(1 for _ in old_reader)
    again = build(settings)   # nothing changed: nothing extracted, nothing published
    assert again.extracted == 0 and current_generation(settings.store) == first
    report = rebuild(settings)
    second = current_generation(settings.store)
    assert report.extracted == 7 and second != first and settings.store.is_symlink()
    assert sum(1 for _ in old_reader) == before  # the old generation was not touched while it was read
    assert sum(1 for _ in open_read_only(settings.store)) == before  # same rules, same graph


def test_a_document_that_breaks_the_shapes_is_reported_and_not_published(tmp_path, monkeypatch):
    from marketgraph.graph.extract import pipeline

    real = pipeline.extract_document
    victim = {}

    def corrupt(doc, text, gazetteer):
        result = real(doc, text, gazetteer)
        if not victim and result.facts:
            victim["doc"] = doc.doc_id
            f = result.facts[0]
            # an observation whose evidence quote is empty and points nowhere: the shapes must refuse it
            bad = Fact(kind="metric", doc_id=f.doc_id, subject=f.subject, metric=f.metric or "revenue",
                       value=Decimal("1"), unit="CNY", evidence=Evidence(f.evidence.source_file, 5, 5, ""))
            result.facts.append(bad)
        return result

    monkeypatch.setattr(pipeline, "extract_document", corrupt)
    settings = Settings(store=tmp_path / "store", extract_workers=1)
    report = build(settings)
    assert not report.ok
    assert [r.documents for r in report.rejections] == [(victim["doc"],)]
    assert "shape" in report.rejections[0].reason, "the rejection says why"
    graphs = _graphs(settings.store)
    assert str(Iris(settings.base_iri).graph(victim["doc"])) not in graphs
    assert len([g for g in graphs if "/graph/" in g]) >= 6  # the other documents were published


def test_cli_build_then_query_facts_as_csv(tmp_path):
    runner = CliRunner()
    store = tmp_path / "store"
    res = runner.invoke(app, ["build", "--store", str(store)])
    assert res.exit_code == 0, res.output
    assert "documents published" in res.output and "3 added" in res.output
    res = runner.invoke(app, ["query", "facts", "--store", str(store), "--format", "csv"])
    assert res.exit_code == 0, res.output
    rows = list(csv.DictReader(io.StringIO(res.stdout)))
    assert list(rows[0].keys()) == FACT_COLUMNS
    kinds = {r["kind"] for r in rows}
    assert {"metric", "change"} <= kinds
    billions = [r for r in rows if r["kind"] == "metric" and r["unit"] and r["unit"].endswith("CNY")
                and "billion" in r["quote"].lower()]
    assert billions, "the seeds state revenues in billions"
    assert all(Decimal(r["value"]) >= 10**8 for r in billions), "values are stored fully scaled"


@pytest.mark.parametrize("command", ["build", "add", "remove", "list", "status", "rebuild", "query", "extract",
                                     "eval", "serve"])
def test_every_subcommand_has_help(command):
    res = CliRunner().invoke(app, [command, "--help"])
    assert res.exit_code == 0
    assert "Usage" in res.output and len(res.output) > 200


def test_query_refuses_service_without_connecting(tmp_path, seed_build):
    settings, _ = seed_build
    res = CliRunner().invoke(app, ["query", "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }",
                                   "--store", str(settings.store)])
    assert res.exit_code == 2
    assert "SERVICE" in res.output


def _check_queries():
    folder = Settings().paths.ontology / "checks"
    return sorted(folder.glob("*-violation.rq"))


@pytest.mark.parametrize("check", _check_queries(), ids=lambda p: p.stem)
def test_the_built_seed_graph_passes_every_violation_check(seed_build, check):
    settings, _ = seed_build
    store = open_read_only(settings.store)
    rows = list(store.query(check.read_text(encoding="utf-8"), use_default_graph_as_union=True))
    assert not rows, f"{check.name} found {len(rows)} rows, e.g. {[str(v) for v in rows[0]]}"


def test_no_triple_is_held_by_two_named_graphs(seed_build):
    """The union default graph would count it twice (Oxigraph does not de-duplicate across graphs)."""
    settings, _ = seed_build
    store = open_read_only(settings.store)
    rows = list(store.query("SELECT ?g ?h ?s ?p WHERE { GRAPH ?g { ?s ?p ?o } GRAPH ?h { ?s ?p ?o } "
                            "FILTER(isIRI(?s) && STR(?g) < STR(?h)) } LIMIT 5"))
    assert not rows, [[str(v) for v in r] for r in rows]
