"""The catalogue's JSON: what every add reads and writes next to a generation."""
from __future__ import annotations

import json
from dataclasses import asdict

from marketgraph.graph.catalog import Catalog, DocEntry, SourceEntry


def _catalog() -> Catalog:
    cat = Catalog(rules="r1", shapes="s1", graphs={"http://x/graph/shared": 12})
    cat.sources["ab" * 32] = SourceEntry("ab" * 32, "q1.txt", "/home/u/q1.txt", "text/plain",
                                         {"issuer": "Quillfeather Devices Ltd", "date": "2021-05-10"}, None,
                                         "2026-12-07T10:00:00", 812)
    cat.documents["quillfeather-q1"] = DocEntry("quillfeather-q1", "ab" * 32, "Quillfeather reports Q1", "2021-05-10",
                                                "results_release", 5, 1, "published", "r1", "s1", "k1", url=None,
                                                triples=240)
    cat.documents["quillfeather-q1-2"] = DocEntry("quillfeather-q1-2", "ab" * 32, "Notes", None, "news", 0, 0,
                                                  "rejected", "r1", "s1", "k1", reason="breaks the shapes")
    return cat


def test_the_json_is_what_the_dataclasses_hold_and_reads_back_equal():
    cat = _catalog()
    data = json.loads(cat.to_json())
    assert data["sources"] == [asdict(s) for s in cat.sources.values()]
    assert data["documents"] == [asdict(d) for d in cat.documents.values()]
    assert data["documents"][1]["date"] is None and data["sources"][0]["meta"]["issuer"] == "Quillfeather Devices Ltd"
    again = Catalog.from_json(cat.to_json())
    assert again == cat and again.triples == 240 + 12


def test_a_copy_does_not_share_entries_with_the_original():
    cat = _catalog()
    copy = cat.copy()
    copy.sources["ab" * 32].meta["issuer"] = "Other Ltd"
    copy.documents["quillfeather-q1"].status = "rejected"
    assert cat.sources["ab" * 32].meta["issuer"] == "Quillfeather Devices Ltd"
    assert cat.documents["quillfeather-q1"].status == "published" and copy != cat
