"""Shared setup for the linked-data page, lookup and reconciliation tests: the fixture graph in a store, an app
over it, and a small HTML element parser. (Real servers come from tests/conftest.py ``start_server``.)"""
from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from marketgraph.graph.settings import Settings

FIXTURE = Path(__file__).parent / "fixtures" / "browse" / "store.nq"
BASE = "http://localhost:8000"


def fixture_store(folder: Path) -> Path:
    """Load tests/fixtures/browse/store.nq (regenerate with its make_store.py) into an on-disk store."""
    folder.mkdir(parents=True, exist_ok=True)
    store = ox.Store(str(folder))
    store.load(path=str(FIXTURE), format=ox.RdfFormat.N_QUADS)
    store.flush()
    del store
    return folder


def fixture_settings(folder: Path) -> Settings:
    return Settings(store=fixture_store(folder), base_iri=BASE)


def fixture_dataset() -> ox.Store:
    store = ox.Store()
    store.load(path=str(FIXTURE), format=ox.RdfFormat.N_QUADS)
    return store


class Element:
    def __init__(self, tag: str, attrs: dict[str, str]):
        self.tag, self.attrs, self.text, self.children = tag, attrs, "", []

    def __repr__(self) -> str:
        return f"<{self.tag} {self.attrs} {self.text[:40]!r}>"


def parse_html(html: str) -> list[Element]:
    """Every element of an HTML page in document order, each with its attributes and full inner text."""
    from html.parser import HTMLParser

    void = {"meta", "link", "br", "img", "input", "hr", "circle", "line", "polyline"}
    out: list[Element] = []
    stack: list[Element] = []

    class P(HTMLParser):
        def handle_starttag(self, tag, attrs):
            el = Element(tag, {k: v or "" for k, v in attrs})
            out.append(el)
            if stack:
                stack[-1].children.append(el)
            if tag not in void:
                stack.append(el)

        def handle_startendtag(self, tag, attrs):
            el = Element(tag, {k: v or "" for k, v in attrs})
            out.append(el)
            if stack:
                stack[-1].children.append(el)

        def handle_endtag(self, tag):
            for i in range(len(stack) - 1, -1, -1):
                if stack[i].tag == tag:
                    del stack[i:]
                    break

        def handle_data(self, data):
            for el in stack:
                el.text += data

    P(convert_charrefs=True).feed(html)
    return out
