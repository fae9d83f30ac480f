"""Unresolved candidates (figures whose subject, period or metric the text does not resolve) are never published as
facts, but they are not lost: `marketgraph extract` prints them after the facts, and the build puts them in the
document's graph, whose page (a real server, Debian's chromium) lists them.

The candidates compared are whatever the engine reports for an invented note (with figures the text gives no
measure for); the test holds the CLI, the store and the page to the same list, not to the engine's judgement."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import FIXTURE_BASE
from marketgraph.graph.cli import app
from marketgraph.graph.generations import open_read_only
from marketgraph.graph.iris import Iris

NOTE = ("Brindlewick Devices Reports Third Quarter 2031 Results\n\n"
        "HALDEN, November 4, 2031 -- Brindlewick Devices Ltd. today reported results for the third quarter of "
        "2031.\n\nRevenue was $412.5 million, up 8.2% year over year. Gross margin was 41.3%.\n\n"
        "Some 2,300 were added in the quarter, with 18% coming in its last month.\n")
MG = "https://w3id.org/marketgraph/ontology#"


@pytest.fixture(scope="module")
def note(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("note") / "brindlewick_q3_2031.txt"
    path.write_text(NOTE, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def extracted(note) -> dict:
    res = CliRunner().invoke(app, ["extract", "--format", "json", str(note)])
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert data["unresolved"], "the note's figures without a measure should be unresolved candidates"
    return data


@pytest.fixture(scope="module")
def store(note, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("added") / "store"
    res = CliRunner().invoke(app, ["add", str(note), "--store", str(path)], env={"MARKETGRAPH_BASE_IRI": FIXTURE_BASE})
    assert res.exit_code == 0, res.output
    return path


def _key(c: dict) -> tuple:
    return c["quote"], c["reason"], int(c["start"]), int(c["end"])


def test_extract_prints_the_candidates_after_the_facts_with_what_was_resolved(note, extracted):
    res = CliRunner().invoke(app, ["extract", str(note)])
    assert res.exit_code == 0, res.output
    rows = list(csv.DictReader(io.StringIO(res.stdout)))
    assert rows and all(r["fact"].startswith("http") for r in rows)          # the CSV holds facts only
    assert f"Unresolved candidates ({len(extracted['unresolved'])})" in res.stderr
    for c in extracted["unresolved"]:
        assert c["reason"] in res.stderr and c["quote"] in res.stderr
        assert NOTE[int(c["start"]):int(c["end"])] == c["quote"]
    # "what was resolved": the note names its issuer and quarter, so those are known though the measure is not
    assert any(c["subject"] and c["period"] for c in extracted["unresolved"]), extracted["unresolved"]
    assert set(extracted["unresolved_columns"]) >= {"reason", "quote", "value", "unit", "metric", "subject",
                                                    "period"}


def test_extract_ttl_carries_the_candidates_and_no_fact_for_them(note, extracted):
    from rdflib import RDF, Graph, URIRef

    res = CliRunner().invoke(app, ["extract", "--format", "ttl", str(note)])
    assert res.exit_code == 0, res.output
    g = Graph().parse(data=res.stdout, format="turtle")
    cands = set(g.subjects(RDF.type, URIRef(MG + "UnresolvedCandidate")))
    assert len(cands) == len({_key(c) for c in extracted["unresolved"]})
    assert not cands & set(g.subjects(RDF.type, URIRef(MG + "Fact")))


def test_the_build_keeps_the_candidates_in_the_documents_graph(store, extracted):
    doc_id = extracted["unresolved"][0]["document"]
    doc = Iris(FIXTURE_BASE).document(doc_id)
    st = open_read_only(store)
    q = ("PREFIX mg: <%s> SELECT ?quote ?reason ?start ?end WHERE { <%s> mg:unresolvedCandidate ?c . "
         "?c mg:quote ?quote ; mg:reason ?reason ; mg:start ?start ; mg:end ?end }" % (MG, doc))
    found = {(r["quote"].value, r["reason"].value, int(r["start"].value), int(r["end"].value))
             for r in st.query(q, use_default_graph_as_union=True)}
    assert found == {_key(c) for c in extracted["unresolved"]}
    ask = st.query("PREFIX mg: <%s> ASK { ?c a mg:UnresolvedCandidate , mg:Fact }" % MG,
                   use_default_graph_as_union=True)
    assert not bool(ask)
    graphs = {g.value for g in st.named_graphs()}
    in_doc_graph = st.query("PREFIX mg: <%s> SELECT (COUNT(?c) AS ?n) WHERE { GRAPH <%s> { ?c a "
                            "mg:UnresolvedCandidate } }" % (MG, Iris(FIXTURE_BASE).graph(doc_id)))
    assert str(Iris(FIXTURE_BASE).graph(doc_id)) in graphs and int(next(iter(in_doc_graph))["n"].value) == len(found)


@pytest.mark.browser
@pytest.mark.server
def test_the_document_page_lists_the_candidates(store, extracted, start_server, chromium):
    live = start_server(store)
    doc_id = extracted["unresolved"][0]["document"]
    ctx = chromium.new_context(viewport={"width": 1280, "height": 900})
    page = ctx.new_page()
    page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(live.url) else route.abort())
    try:
        page.goto(f"{live.url}/id/document/{doc_id}")
        section = page.locator("section.candidates")
        assert section.count() == 1
        assert "Not published" in section.locator("h2").inner_text()
        items = section.locator("li").all_inner_texts()
        want = {_key(c) for c in extracted["unresolved"]}
        assert len(items) == len(want)
        for quote, reason, _, _ in want:
            assert any(quote in item and reason in item for item in items), (quote, reason, items)
    finally:
        ctx.close()
