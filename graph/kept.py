"""What a publication keeps beside the data for the server, brought up to date from what it changes: the home
page's counts (graph/headlines.py, in the catalogue) and the lookup index's records (graph/lookupdata.py, a file
beside the generation). Both start from the generation the publication builds on; each dropped or replaced
document graph is read once before it goes, each new one parsed once from its N-Triples. When the base kept
nothing usable (a fresh store, new rules or shapes, a catalogue from before, a damaged file), they are made from
the whole new generation instead.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Optional

import pyoxigraph as ox

from . import headlines, lookupdata
from .catalog import Catalog
from .headlines import Headlines
from .iris import Iris
from .lookupdata import Changes, Records

NT = ox.RdfFormat.N_TRIPLES


@dataclass
class Kept:
    counts: Optional[Headlines]      # None: count the whole new generation
    records: Optional[Records]       # None: read every record from the new generation
    changes: Changes = field(default_factory=Changes)

    @classmethod
    def before(cls, store: ox.Store, iris: Iris, old: Catalog, drop: Iterable[str], base: Optional[Path],
               fresh: bool, static: bool) -> "Kept":
        """Start from the base generation's counts and records, less what the graphs of ``drop`` (documents
        dropped or replaced) held, read from ``store`` before they go."""
        if fresh:   # the entity and ontology graphs are written too: every record is read afresh
            return cls(headlines.empty(), None)
        counts = dict(old.headlines) if headlines.valid(old.headlines) else None   # type: ignore[arg-type]
        records = None if static or base is None else lookupdata.read(base, old.lookup)
        kept = cls(counts, records)
        if counts is None and records is None:
            return kept
        for doc_id in sorted(set(drop) & set(old.documents)):
            quads = list(store.quads_for_pattern(None, None, None, ox.NamedNode(str(iris.graph(doc_id)))))
            kept.changes.note(quads)
            if kept.counts is not None:
                kept.counts = headlines.combine(kept.counts, headlines.of_triples(quads), -1)
        return kept

    def added(self, graphs: Iterable[bytes]) -> None:
        """The new document graphs (N-Triples), each parsed once for both."""
        for nt in graphs:
            triples = list(ox.parse(nt, format=NT))
            self.changes.note(triples)
            if self.counts is not None:
                self.counts = headlines.combine(self.counts, headlines.of_triples(triples))

    def counts_after(self, store: ox.Store) -> Headlines:
        return self.counts if self.counts is not None else headlines.of_store(store)

    def records_after(self, store: ox.Store, base_iri: str) -> Records:
        if self.records is None:
            return lookupdata.of_store(store, base_iri)
        return lookupdata.update(self.records, store, base_iri, self.changes)
