"""The query service's lane when the store is a remote SPARQL 1.1 server (``MARKETGRAPH_REMOTE_*``).

The guard, the dataset check, negotiation, the row cap and the per-client limits stay in the service
(api/sparql/service.py); what changes is where the checked canonical text runs: it is sent to the server through
the SPARQL 1.1 Protocol in the negotiated format, and the answer is counted and cut like the embedded engine's.
The server does the work, so no worker processes are kept; the query timeout is the HTTP request's (and
`oxigraph serve --timeout-s` stops the query on the server's side too).
"""
from __future__ import annotations

import time
from typing import Optional

import httpx
import pyoxigraph as ox

from marketgraph.graph.remote_read import RemoteQueryError, RemoteReadStore, RemoteUnavailable

from .execute import syntax_reply
from .jobs import QueryJob, Reply, UpdateJob
from .negotiation import format_by_key
from .results import count_and_cut, take, write_triples

RETRY = {"Retry-After": "1"}


def _refusal(job: QueryJob, exc: RemoteQueryError) -> Reply:
    """The server said 400. If pyoxigraph cannot parse the text either, the same syntax error reply (line and
    column) as the embedded engine gives; else the server's own reason."""
    try:
        ox.Store().query(job.text, base_iri=job.base_iri)   # an empty store: parsing is all it costs
    except SyntaxError as err:
        return syntax_reply(err)
    except (ValueError, RuntimeError):
        pass
    return Reply.fail(400, "query could not be evaluated", f"the SPARQL server refused it: {exc}")


class RemoteGraphs:
    """The service's store handle for a remote server: ``get`` gives the reading store (no request), ``graphs``
    the server's named graphs (what FROM / default-graph-uri may name), asked only when a query names a dataset,
    and again at most every ``poll`` seconds."""

    def __init__(self, store: RemoteReadStore, poll: float = 1.0):
        self.store = store
        self.poll = poll
        self._graphs: frozenset[str] = frozenset()
        self._at = float("-inf")

    def get(self, epoch: int) -> RemoteReadStore:
        return self.store

    @property
    def graphs(self) -> frozenset[str]:
        if time.monotonic() - self._at >= self.poll:
            self._graphs = frozenset(g.value for g in self.store.named_graphs() if isinstance(g, ox.NamedNode))
            self._at = time.monotonic()
        return self._graphs


class RemoteQueries:
    def __init__(self, store: RemoteReadStore, update_url: Optional[str], prefixes: dict[str, str]):
        self.store = store
        self.update_url = update_url
        self.prefixes = prefixes

    def run(self, job: QueryJob, timeout: float) -> Reply:
        fmt = format_by_key(job.fmt)
        graph_form = job.form in ("construct", "describe")
        accept = "application/n-triples" if graph_form else fmt.media_type
        text = f"BASE <{job.base_iri}>\n{job.text}"
        try:
            r = self.store.request(text, accept, union=job.union_default and not job.use_dataset,
                                   default_graphs=job.default_graphs if job.use_dataset else (),
                                   named_graphs=job.named_graphs if job.use_dataset else (), timeout=timeout)
        except httpx.TimeoutException:
            return Reply.fail(503, "query timeout", f"the query ran longer than {timeout:g} s and was stopped",
                              timeout=timeout)
        except RemoteQueryError as exc:
            return _refusal(job, exc)
        except RemoteUnavailable as exc:
            return Reply.fail(503, "store unavailable", str(exc), headers=RETRY)
        if graph_form:
            triples, cut = take((ox.Triple(q.subject, q.predicate, q.object)
                                 for q in ox.parse(r.content, format=ox.RdfFormat.N_TRIPLES)), job.max_rows)
            return Reply(200, fmt.media_type, write_triples(triples, job.fmt, self.prefixes), cut, len(triples))
        if job.form == "ask":
            return Reply(200, fmt.media_type, r.content, False, 1)
        body, rows, cut = count_and_cut(r.content, job.fmt, job.max_rows if job.cap_checked else 1 << 62)
        return Reply(200, fmt.media_type, body, cut, rows)

    def update(self, job: UpdateJob, timeout: float) -> Reply:
        if not self.update_url:
            return Reply.fail(403, "updates disabled", "the remote store has no update endpoint "
                                                       "(MARKETGRAPH_REMOTE_UPDATE_URL)")
        try:
            r = self.store.client.post(self.update_url, data={"update": f"BASE <{job.base_iri}>\n{job.text}"},
                                       timeout=timeout)
        except httpx.TimeoutException:
            return Reply.fail(503, "query timeout", f"the update ran longer than {timeout:g} s", timeout=timeout)
        except httpx.HTTPError as exc:
            return Reply.fail(503, "store unavailable", f"the SPARQL server cannot be reached: {exc}",
                              headers=RETRY)
        if 400 <= r.status_code < 500:
            return Reply.fail(400, "update could not be applied", f"the SPARQL server refused it: {r.text[:300]}")
        if r.status_code >= 300:
            return Reply.fail(503, "store unavailable", f"the SPARQL server answered {r.status_code}",
                              headers=RETRY)
        return Reply(204)
