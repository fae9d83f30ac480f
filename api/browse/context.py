"""What the browsing routes share for the life of the app: the graph view, the ontology, the lookup index.

Built when the app starts (the lookup router's lifespan calls :func:`warm`), or on first use, and kept on
``app.state``. The lookup index is read from the records the publication kept beside the served generation
(graph/lookupdata.py), or, served from a remote SPARQL server, from the copy the publication put in the server's
catalogue graph; only when there are none that match the catalogue is it read from the store.
"""
from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox
from fastapi import FastAPI, Request
from jinja2 import Environment

from marketgraph.graph import headlines, lookupdata
from marketgraph.graph.catalog import Catalog, load_catalog
from marketgraph.graph.generations import catalog_path
from marketgraph.graph.settings import Settings

from .entity_page import PageBuilder, summary
from .graphview import GraphView
from .lookup_index import LookupIndex
from .ontology_docs import ontology_docs_html
from .ontology import Ontology
from .rendering import template_env
from .site import HomeData, home_data, void_triples

if TYPE_CHECKING:
    from marketgraph.api.state import AppState
    from marketgraph.graph.storehandle import Snapshot

log = logging.getLogger(__name__)


@dataclass
class BrowseContext:
    settings: Settings
    view: GraphView
    ontology: Ontology
    builder: PageBuilder
    templates: Environment
    _index: LookupIndex | None = field(default=None, repr=False)
    _void: list[ox.Triple] | None = field(default=None, repr=False)
    _docs: str | None = field(default=None, repr=False)
    _home: HomeData | None = field(default=None, repr=False)
    counts: dict | None = field(default=None, repr=False)   # the served catalogue's home-page counts, if it kept any
    generation: Path | None = None                            # the served generation's directory (embedded store)
    kept_lookup: Any = field(default=None, repr=False)       # the catalogue's stamp of the lookup records file
    remote_lookup: bytes | None = field(default=None, repr=False)   # the records a remote catalogue graph holds
    index_source: str = ""                                   # where the index came from: "kept" or "store"
    _type_labels: dict[tuple[str, ...], str | None] = field(default_factory=dict, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _void_lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @property
    def base(self) -> str:
        return self.settings.base_iri

    @property
    def index(self) -> LookupIndex:
        if self._index is None:
            with self._lock:
                if self._index is None:
                    self._index = self._kept_index() or LookupIndex.from_view(self.view, self.describe_record)
                    self.index_source = self.index_source or "store"
        return self._index

    def _kept_index(self) -> LookupIndex | None:
        if self.kept_lookup is None:
            return None
        if self.generation is not None:
            records, where = lookupdata.read(self.generation, self.kept_lookup), f"beside {self.generation.name}"
        else:
            records, where = lookupdata.verified(self.remote_lookup, self.kept_lookup), "in the remote catalogue"
            self.remote_lookup = None   # parsed or refused: not kept for the life of the context
        if records is None:
            log.warning("the lookup records %s are missing or do not match the catalogue: the index is read "
                        "from the store", where)
            return None
        self.index_source = "kept"
        return LookupIndex.from_records(records.values(), self.describe_record)

    @property
    def void(self) -> list[ox.Triple]:
        """The VoID description, computed once per served store (aggregates over the whole graph)."""
        if self._void is None:
            with self._void_lock:
                if self._void is None:
                    self._void = void_triples(self.view, self.settings.data_license, self._store_modified())
        return self._void

    @property
    def home(self) -> HomeData:
        """The home page's documents and headline entities, computed once per served store."""
        if self._home is None:
            self._home = home_data(self.view, self.counts)
        return self._home

    @property
    def ontology_docs(self) -> str:
        """pyLODE's documentation page of the ontology (made once per ontology version, see ontology_docs.py)."""
        if self._docs is None:
            self._docs = ontology_docs_html(self.settings.paths.ontology)
        return self._docs

    def _store_modified(self) -> str | None:
        try:
            stamp = self.settings.store.resolve().stat().st_mtime
        except OSError:
            return None
        return datetime.fromtimestamp(stamp, timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")

    def describe_record(self, r: lookupdata.Record) -> str:
        """A lookup entry's one line, as :meth:`short_description` makes it, from its record (no store read)."""
        key = tuple(r.types)
        if key not in self._type_labels:
            specific = self.ontology.most_specific(r.types)
            self._type_labels[key] = self.builder.term_link(specific[0]).label if specific else None
        return summary(self._type_labels[key], r.maker_label or None, r.text or None)

    def short_description(self, iri: str, types: list[str]) -> str:
        """'<type>' or '<type> by <maker>' from the types and outgoing links (no fact reading)."""
        specific = self.ontology.most_specific(types)
        props = self.view.props(iri)
        labels = self.view.labels({o.value for v in props.values() for o in v if isinstance(o, ox.NamedNode)})
        tl = [self.builder.term_link(t) for t in specific[:1]]
        return self.builder.describe(iri, props, labels, tl, [])


def browse(app: FastAPI) -> BrowseContext:
    ctx = getattr(app.state, "browse", None)
    if ctx is None:   # two first requests racing build it twice; one wins, both are the same
        mg = app.state.mg
        snap = None if mg.remote else mg.handle.snapshot   # the store and its catalogue from one generation
        view = GraphView(mg.store if snap is None else snap.store, mg.settings.base_iri)
        ontology = Ontology.load(mg.settings.paths.ontology)
        generation, catalog, remote_lookup = served_catalog(mg, snap)
        counts = catalog.headlines if catalog is not None else None
        ctx = BrowseContext(mg.settings, view, ontology, PageBuilder(view, ontology),
                            template_env(mg.settings.paths.templates),
                            counts=counts if headlines.valid(counts) else None, generation=generation,
                            kept_lookup=catalog.lookup if catalog is not None else None, remote_lookup=remote_lookup)
        app.state.browse = ctx
    return ctx


def served_catalog(mg: AppState, snap: Snapshot | None) -> tuple[Path | None, Catalog | None, bytes | None]:
    """The served generation (None on a remote server), the catalogue it was published with, which keeps the
    home page's counts (graph/headlines.py) and the stamp of the lookup records (graph/lookupdata.py), and, on a
    remote server, those records as its catalogue graph holds them (read with the catalogue in one query; beside
    an embedded generation they are a file). The catalogue is None for a store loaded from a file, or an
    unreadable catalogue (logged: the app then counts and indexes the store itself)."""
    try:
        if mg.remote:
            text, records = mg.store.catalogue_and_lookup(str(mg.iris.catalog_graph))   # type: ignore[union-attr]
            return None, Catalog.from_json(text) if text else None, records
        assert snap is not None
        return snap.path, load_catalog(catalog_path(snap.path)), None
    except (OSError, ValueError, KeyError, TypeError) as err:
        log.warning("the served catalogue cannot be read (%s): the home page counts the facts itself", err)
        return None, None, None


def from_request(request: Request) -> BrowseContext:
    return browse(request.app)


def warm(app: FastAPI) -> None:
    """Build the context, the lookup index and the ontology documentation now (at app start, off the event loop)."""
    ctx = browse(app)
    ctx.index
    ctx.home
    ctx.ontology_docs
    # VoID aggregates the whole graph (seconds at a million triples): made in the background, ready for /void
    threading.Thread(target=lambda: ctx.void, name="void-statistics", daemon=True).start()
