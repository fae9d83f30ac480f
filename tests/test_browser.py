"""A real browser (Debian's chromium via Playwright) over a real server on loopback: search from the home page,
open the product page, follow a quote to the document and see it highlighted; a metric chart renders; no console
errors. Screenshots go to test-artifacts/."""
from __future__ import annotations

from pathlib import Path

import pytest

from pages_support import BASE, fixture_store

pytestmark = [pytest.mark.browser, pytest.mark.server]
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"


@pytest.fixture(scope="module")
def live(start_server, tmp_path_factory):
    return start_server(fixture_store(tmp_path_factory.mktemp("browser") / "store"), base_iri=BASE)


@pytest.fixture(scope="module")
def page(live, chromium):
    ctx = chromium.new_context(viewport={"width": 1280, "height": 900})
    pg = ctx.new_page()
    pg.errors = []
    pg.on("console", lambda m: pg.errors.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    pg.on("requestfailed", lambda r: pg.errors.append(f"failed {r.url}"))
    pg.route("**/*", lambda route: route.continue_() if route.request.url.startswith(live.url)
             else route.abort())   # loopback only
    yield pg
    ctx.close()


def test_search_product_quote_to_highlighted_document(page, live):
    page.goto(live.url + "/")
    page.fill("#home-search", "mix alpha")
    first = page.locator("#home-search-hits li a").first
    first.wait_for(timeout=10_000)
    assert first.inner_text() == "Mi MIX Alpha"
    page.screenshot(path=str(ARTIFACTS / "browse-1-search.png"))
    first.click()
    page.wait_for_url("**/id/product/mi-mix-alpha")
    assert page.locator("h1").inner_text() == "Mi MIX Alpha"
    page.screenshot(path=str(ARTIFACTS / "browse-2-product.png"), full_page=True)
    quote = page.locator("a.quote").first
    href = quote.get_attribute("href")
    fragment = href.split("#", 1)[1]
    quoted = quote.inner_text().strip().strip("“”")
    quote.click()
    page.wait_for_url(f"**{href}")
    mark = page.locator(f"mark#{fragment}")
    assert mark.is_visible()
    assert mark.inner_text() == quoted
    assert page.evaluate(f"document.querySelector(':target') === document.getElementById('{fragment}')")
    bg = page.evaluate(f"getComputedStyle(document.getElementById('{fragment}')).backgroundColor")
    plain = page.evaluate("getComputedStyle(document.querySelector('mark:not(:target)')).backgroundColor")
    assert bg != plain                      # the target quote stands out from the other marks
    assert page.evaluate(f"document.getElementById('{fragment}').getBoundingClientRect().top") < 900
    page.screenshot(path=str(ARTIFACTS / "browse-3-document.png"))
    assert page.errors == []


def test_metric_chart_renders(page, live):
    page.goto(live.url + "/id/metric/revenue")
    chart = page.locator("svg.chart").first
    chart.wait_for()
    box = chart.bounding_box()
    assert box and box["width"] > 200 and box["height"] > 100
    assert page.locator("svg.chart circle.point").count() >= 2
    page.screenshot(path=str(ARTIFACTS / "browse-4-chart.png"), full_page=True)
    assert page.errors == []


def test_keyboard_search_opens_the_chosen_hit(page, live):
    page.goto(live.url + "/ontology/terms")
    page.fill("#search", "xiaomi corp")
    page.locator("#search-hits li").first.wait_for()
    page.press("#search", "Enter")
    page.wait_for_url("**/id/organisation/*")
    assert page.errors == []


def test_walk_home_search_entity_named_query_document(page, live):
    """An analyst's path: home (documents first) → search → entity → its named query, re-run with another parameter
    from the form → a document from the results, with the facts marked; no console errors anywhere."""
    page.goto(live.url + "/")
    assert page.locator("main h2").first.inner_text() == "Documents"
    page.fill("#home-search", "mix alpha")
    hit = page.locator("#home-search-hits li a").first
    hit.wait_for(timeout=10_000)
    hit.click()
    page.wait_for_url("**/id/product/mi-mix-alpha")
    page.locator("p.query-link a").click()
    page.wait_for_url(lambda url: "/queries/entity-facts-with-quotes" in url)
    assert page.locator("div.results table tbody tr").count() >= 1
    form = page.locator("form.params")
    form.locator("input[name=entity]").fill("organisation/xiaomi")
    form.locator("button[type=submit]").click()
    page.wait_for_url(lambda url: "entity=organisation%2Fxiaomi" in url)
    page.screenshot(path=str(ARTIFACTS / "walk-named-query.png"), full_page=True)
    rows = page.locator("div.results table tbody tr")
    assert rows.count() >= 2
    assert page.locator("form.params input[name=entity]").input_value() == "organisation/xiaomi"
    doc_link = page.locator("div.results table a[href^='/id/document/']").first
    doc_link.click()
    page.wait_for_url("**/id/document/*")
    assert page.locator("mark").count() >= 1
    assert page.errors == []


def test_api_docs_work_offline(page, live):
    """Swagger UI loads its script and styles from this server (every other host is blocked in this browser)."""
    page.goto(live.url + "/docs")
    page.locator(".swagger-ui .opblock").first.wait_for(timeout=20_000)
    assert page.locator(".swagger-ui .opblock").count() > 10
    page.screenshot(path=str(ARTIFACTS / "docs-swagger.png"))
    assert page.errors == []


def test_long_entity_page_has_a_contents_bar_and_a_time_true_chart(page, live):
    page.goto(live.url + "/id/organisation/xiaomi")
    toc = page.locator("nav.toc")
    assert toc.is_visible() and toc.locator("a").count() >= 3
    target = toc.locator("a").nth(1).get_attribute("href")
    toc.locator("a").nth(1).click()
    assert page.evaluate(f"document.querySelector('{target}').getBoundingClientRect().top") < 200
    page.goto(live.url + "/id/metric/revenue")
    ticks = page.locator("svg.chart text.tick.y")
    assert ticks.count() >= 3
    assert page.errors == []
