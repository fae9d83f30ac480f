"""The CLI as a new analyst uses it: named queries with parameters, every query form, one-line errors, --version,
a busy port."""
from __future__ import annotations

import socket
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from ingest_support import press_release
from marketgraph.graph.cli import app
from marketgraph.graph.cli.render import fit, scaled
from marketgraph.graph.ingest import ingest
from marketgraph.graph.inputs import Input
from marketgraph.graph.settings import Settings


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    path = tmp_path_factory.mktemp("cli") / "store"
    ingest(Settings(store=path, extract_workers=1),
           [Input("q.txt", "q.txt", press_release(3, "Quillfeather Query Ltd").encode())])
    return str(path)


def run(*args: str):
    return CliRunner().invoke(app, list(args))


def test_version():
    res = run("--version")
    assert res.exit_code == 0 and res.output.startswith("marketgraph ")


def test_named_query_parameters_and_defaults(store):
    everything = run("query", "metric-time-series", "--store", store, "--format", "csv",
                     "--param", "subject=organisation/nobody-at-all")
    assert everything.exit_code == 0 and everything.stdout.count("\n") == 1   # header only: the parameter applied
    default = run("query", "metric-time-series", "--store", store, "--format", "csv")
    assert default.exit_code == 0 and default.stdout.startswith("subject,metric,period,value")


def test_a_bound_parameter_is_written_in_and_selects_what_the_unbound_query_shows_for_it(store):
    """Named queries run with their parameters written in as constants (as the endpoint does), not as a
    substitutions map the optimiser cannot see; the rows must be those the unbound query gives for that subject."""
    from marketgraph.graph.querying import resolve, written_in

    mg = "https://w3id.org/marketgraph/ontology#"
    written = (f"SELECT ?subject ?metric ?value WHERE {{ ?f <{mg}subject> ?subject ; <{mg}metric> ?metric ; "
               f"<{mg}value> ?value FILTER NOT EXISTS {{ ?f a <{mg}Change> }} }}")
    rows = [r.split(",") for r in run("query", written, "--store", store, "--format", "csv").stdout.splitlines()[1:]]
    revenue = [r for r in rows if r[1].endswith("/metric/revenue")]
    subject = revenue[0][0]
    one = run("query", "metric-time-series", "--store", store, "--format", "csv", "--param", f"subject={subject}",
              "--param", "metric=metric/revenue")
    assert one.exit_code == 0, one.output
    got = [r.split(",") for r in one.stdout.splitlines()[1:]]
    assert got and {r[0] for r in got} == {subject}
    assert sorted(r[3] for r in got) == sorted(r[2] for r in revenue if r[0] == subject)
    other = run("query", "metric-time-series", "--store", store, "--format", "csv", "--param", f"subject={subject}",
                "--param", "metric=metric/no-such-metric")
    assert other.exit_code == 0 and other.stdout.count("\n") == 1   # header only: the metric applied
    q = resolve(Settings(store=store), "metric-time-series", {"subject": subject})
    assert f"<{subject}>" in written_in(q.text, q.terms) and f"<{subject}>" not in q.text


def test_ask_construct_and_describe(store):
    res = run("query", "ASK { ?s ?p ?o }", "--store", store)
    assert res.exit_code == 0 and res.stdout.strip() == "true"
    res = run("query", "CONSTRUCT { ?d a <http://example.test/Doc> } WHERE { ?d a ?t } LIMIT 2", "--store", store)
    assert res.exit_code == 0 and "example.test/Doc" in res.stdout
    res = run("query", "DESCRIBE ?d WHERE { ?d a <https://w3id.org/marketgraph/ontology#Document> }", "--store", store,
              "--format", "nt")
    assert res.exit_code == 0 and res.stdout.count(" .\n") > 3


@pytest.mark.parametrize("args,words", [
    (["query", "no-such-query"], "no named query 'no-such-query'"),
    (["query", "facts", "--param", "x=1"], "unknown parameter 'x'"),
    (["query", "facts", "--param", "novalue"], "expected name=value"),
    (["query", "SELECT * WHERE { ?s ?p }"], "syntax error"),
    (["query", "facts", "--format", "yaml"], "--format 'yaml'"),
    (["query", "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }"], "SERVICE"),
])
def test_user_mistakes_are_one_line(store, args, words):
    res = run(*args, "--store", store)
    assert res.exit_code == 2, res.output
    lines = [line for line in res.output.splitlines() if line.strip()]
    assert len(lines) == 1 and words in lines[0] and "Traceback" not in res.output


def test_a_missing_store_is_one_line(tmp_path):
    res = run("query", "facts", "--store", str(tmp_path / "none"))
    assert res.exit_code == 2 and "no graph has been built" in res.output and "Traceback" not in res.output


def test_debug_shows_the_traceback(tmp_path):
    res = run("--debug", "query", "facts", "--store", str(tmp_path / "none"))
    assert res.exit_code != 0 and res.exception is not None


def test_table_shows_labels_and_scaled_values(store):
    res = run("query", "SELECT ?s ?value ?unit WHERE { ?f <https://w3id.org/marketgraph/ontology#subject> ?s ; "
                       "<https://w3id.org/marketgraph/ontology#value> ?value ; "
                       "<https://w3id.org/marketgraph/ontology#unitLabel> ?unit FILTER(?value > 1000000000) }",
              "--store", store)
    assert res.exit_code == 0, res.output
    assert "CNY 13.3 bn" in res.stdout and "http://" not in res.stdout


def test_scaling_and_fitting():
    assert scaled("53500000000", "CNY") == "CNY 53.5 bn"
    assert scaled("12.5", "percent") == "12.5 %"
    assert scaled("3100000", "units") == "3.1 m units"
    widths = fit([10, 200, 8, 120], 100)
    assert sum(widths) + 3 * 4 + 1 <= 100 and widths[0] == 10 and widths[2] == 8


def test_serve_on_a_busy_port_fails_before_starting(store):
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(1)
    port = sock.getsockname()[1]
    try:
        r = subprocess.run([sys.executable, "-m", "marketgraph.graph.cli", "serve", "--port", str(port),
                            "--store", store], capture_output=True, text=True, timeout=120)
    finally:
        sock.close()
    assert r.returncode == 2
    assert "cannot listen" in r.stderr and "startup complete" not in (r.stdout + r.stderr)
    assert "Traceback" not in r.stderr


def test_help_paragraphs_are_reflowed_and_examples_kept():
    from marketgraph.graph.cli.helptext import reflow
    doc = """First line
    goes on.

    Second paragraph
    wraps in the source.

    Examples:
      marketgraph eval seeds
      marketgraph eval broad
    """
    assert reflow(doc) == ("First line goes on.\n\nSecond paragraph wraps in the source.\n\n"
                           "Examples:\n  marketgraph eval seeds\n  marketgraph eval broad")
    res = CliRunner().invoke(app, ["add", "--help"], env={"COLUMNS": "300", "TERMINAL_WIDTH": "300"})
    assert res.exit_code == 0
    lines = [line.strip() for line in res.output.splitlines()]
    assert any(line.startswith("Exit status: 0 when all went well") and line.endswith("others failed.")
               for line in lines), res.output   # one paragraph, one line on a wide terminal
