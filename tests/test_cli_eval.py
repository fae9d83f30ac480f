"""`marketgraph eval`: the strict report over a corpus name or a folder of documents with its gold, and one line
with exit code 2 (never a traceback) for a user's mistake."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from marketgraph.graph.cli import app
from marketgraph.graph.evaluate import load_gold
from marketgraph.graph.settings import Settings

ROOT = Settings().paths.root
HEADER = "id\tdoc\tkind\tsubject\tpredicate\tvalue\tunit\tscale\tperiod\tqualifier\tquote"
NOTE = ("Brindlewick Devices Reports Third Quarter 2031 Results\n\n"
        "HALDEN, November 4, 2031 -- Brindlewick Devices Ltd. today reported results for the third quarter of "
        "2031.\n\nRevenue was $412.5 million, up 8.2% year over year. Gross margin was 41.3%.\n")
ROWS = [
    ("N-1", "metric", "revenue", "412.5", "USD", "million", "Revenue was $412.5 million"),
    ("N-2", "change", "revenue", "8.2", "%", "", "up 8.2% year over year"),
    ("N-3", "metric", "gross margin", "41.3", "%", "", "Gross margin was 41.3%"),
]


@pytest.fixture
def folder(tmp_path: Path) -> tuple[Path, Path]:
    docs, gold = tmp_path / "docs", tmp_path / "gold"
    docs.mkdir()
    gold.mkdir()
    (docs / "note.txt").write_text(NOTE, encoding="utf-8")
    lines = [HEADER] + [f"{i}\tnote.txt\t{k}\tBrindlewick Devices\t{p}\t{v}\t{u}\t{s}\tQ3 2031\t"
                        f"{'basis=YoY; ' if k == 'change' else ''}class=subject-issuer,period-explicit\t{q}"
                        for i, k, p, v, u, s, q in ROWS]
    (gold / "note.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return docs, gold


def _invoke(*args: str):
    return CliRunner().invoke(app, list(args))


def test_a_folder_and_its_gold_give_the_strict_tables_and_the_json(folder, tmp_path):
    docs, gold = folder
    out = tmp_path / "report.json"
    res = _invoke("eval", str(docs), str(gold), "--json", str(out))
    assert res.exit_code == 0, res.output
    for title in ("(strict)", "wrong facts by field", "recall by failure class", "NUMERIC"):
        assert title in res.stdout
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["total"]["gold"] == 3 and report["numeric"]["gold"] == 3
    assert {k["kind"]: k["gold"] for k in report["kinds"] if k["gold"]} == {"metric": 2, "change": 1}
    assert report["total"]["matched"] + len(report["misses"]) == 3
    assert report["total"]["predicted"] >= report["total"]["matched"]
    # the plainest statement there is (the issuer's revenue of the quarter it reports) is found
    assert "N-1" not in {m["id"] for m in report["misses"]}, report["misses"]
    assert report["recall_by_class"]["subject-issuer"]["gold"] == 3


def test_kinds_restrict_the_gold_and_the_facts(folder, tmp_path):
    docs, gold = folder
    out = tmp_path / "report.json"
    res = _invoke("eval", str(docs), str(gold), "--kinds", "change", "--json", str(out))
    assert res.exit_code == 0, res.output
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["kinds_scored"] == ["change"] and report["total"]["gold"] == 1
    assert {f["kind"] for f in report["false_positives"]} <= {"change"}
    assert [k["kind"] for k in report["kinds"]] == ["change"]


def test_json_to_standard_output_keeps_the_tables_off_it(folder):
    docs, gold = folder
    res = _invoke("eval", str(docs), str(gold), "--json", "-")
    assert res.exit_code == 0, res.output
    report = json.loads(res.stdout)
    assert report["target"] == str(docs) and report["total"]["gold"] == 3
    assert "wrong facts by field" in res.stderr


def test_a_corpus_name_finds_its_documents_and_gold():
    res = _invoke("eval", "dev", "--kinds", "ranking", "--json", "-")
    assert res.exit_code == 0, res.output
    report = json.loads(res.stdout)
    rankings = [r for r in load_gold(ROOT / "tests" / "gold" / "dev") if r.kind == "ranking"]
    assert rankings and report["total"]["gold"] == len(rankings)
    assert set(report["docs"]) == {r.doc for r in rankings}
    assert report["total"]["predicted"] > 0


@pytest.mark.parametrize("case", ["unknown corpus", "missing folder", "folder without gold", "missing gold",
                                  "malformed gold", "gold names a missing document", "unknown kind", "empty gold"])
def test_a_users_mistake_is_one_line_and_exit_2(folder, tmp_path, case):
    docs, gold = folder
    bad = tmp_path / "bad"
    bad.mkdir()
    args = {
        "unknown corpus": ["nosuchcorpus"],
        "missing folder": [str(tmp_path / "nowhere"), str(gold)],
        "folder without gold": [str(docs)],
        "missing gold": [str(docs), str(tmp_path / "nogold")],
        "malformed gold": [str(docs), str(bad)],
        "gold names a missing document": [str(bad), str(gold)],
        "unknown kind": [str(docs), str(gold), "--kinds", "metric,bogus"],
        "empty gold": [str(docs), str(bad)],
    }[case]
    if case == "malformed gold":
        (bad / "x.tsv").write_text("id\tdoc\nN-1\tnote.txt\n", encoding="utf-8")
    if case == "empty gold":
        (bad / "x.tsv").write_text(HEADER + "\n", encoding="utf-8")
    res = _invoke("eval", *args)
    assert res.exit_code == 2, res.output
    lines = [line for line in res.output.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error:"), res.output
    assert "Traceback" not in res.output


def test_the_report_gives_numeric_precision_by_how_the_subject_was_reached(folder, tmp_path):
    docs, gold = folder
    out = tmp_path / "report.json"
    res = _invoke("eval", str(docs), str(gold), "--json", str(out))
    assert res.exit_code == 0, res.output
    assert "precision by how the subject" in res.stdout and "period_how" in res.stdout
    report = json.loads(out.read_text(encoding="utf-8"))
    by_how = report["precision_by_subject_how"]
    # every numeric fact is counted under one reading, and the right ones add up to the numeric matches
    assert sum(v["predicted"] for v in by_how.values()) == report["numeric"]["predicted"]
    assert sum(v["right"] for v in by_how.values()) == report["numeric"]["matched"]
    assert all(v["right"] <= v["predicted"] for v in by_how.values())
    # the headline names the issuer and the body says nothing else, so its revenue is read from what the text says
    assert "(none)" not in by_how, by_how
