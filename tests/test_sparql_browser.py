"""The query editor in a real browser (Debian's chromium through Playwright), with every non-loopback request
blocked: the vendored YASGUI loads, an example (named query) opens in a tab, runs against /sparql and shows
rows; prefix completion offers the graph's own prefixes; nothing is fetched from outside."""
from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.server]
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"


@pytest.fixture(scope="module")
def editor(server, chromium):
    page = chromium.new_page(viewport={"width": 1280, "height": 900})
    page.problems = []
    page.outside = []
    page.on("pageerror", lambda e: page.problems.append(str(e)))
    page.on("console", lambda m: page.problems.append(m.text) if m.type == "error" else None)

    def route(r):
        if r.request.url.startswith(server.url):
            r.continue_()
        else:
            page.outside.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    page.goto(server.sparql, wait_until="networkidle")
    yield page
    page.close()


def test_editor_loads_offline(editor):
    editor.locator(".yasqe .CodeMirror").first.wait_for(timeout=15_000)
    assert editor.outside == [], f"the editor tried to reach outside: {editor.outside}"
    assert editor.problems == []


def test_an_example_runs_and_shows_rows(editor):
    editor.locator("#examples button[data-name='price-list']").click()
    editor.locator(".yasqe_queryButton").last.click()
    cell = editor.locator(".yasr table td", has_text="8GB+128GB").first
    cell.wait_for(timeout=15_000)
    editor.screenshot(path=str(ARTIFACTS / "sparql-editor.png"), full_page=True)
    assert editor.outside == [] and editor.problems == []


def test_prefix_completion_uses_the_graphs_prefixes(editor):
    prefixes = editor.evaluate("Yasgui.Yasqe.Autocompleters.localPrefixes.get()")
    assert any(p.startswith("mg: <https://w3id.org/marketgraph/ontology#>") for p in prefixes)


def test_a_query_link_opens_in_the_editor(editor, server):
    from urllib.parse import quote

    editor.goto(f"{server.sparql}?query={quote('SELECT ?m WHERE { ?f <https://w3id.org/marketgraph/ontology#market> ?m }')}",
                wait_until="networkidle")
    editor.locator(".yasqe .CodeMirror").first.wait_for(timeout=15_000)
    text = editor.evaluate("document.querySelector('.yasqe .CodeMirror').CodeMirror.getValue()")
    assert "ontology#market" in text
    assert editor.outside == [] and editor.problems == []
