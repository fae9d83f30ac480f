"""Running one prepared job against a store: the same code in a worker process and on the app's inline path."""
from __future__ import annotations

import re
from typing import Optional

import pyoxigraph as ox

from .jobs import QueryJob, Reply, UpdateJob
from .negotiation import format_by_key
from .results import take, write_boolean, write_solutions, write_triples

OX_POSITION = re.compile(r"(\d+):(\d+)")


def syntax_reply(exc: Exception) -> Reply:
    """A 400 for the engine's syntax error; ``line``/``column`` are in the canonical text (the app maps them)."""
    m = OX_POSITION.search(str(exc))
    line, column = (int(m.group(1)), int(m.group(2))) if m else (None, None)
    return Reply.fail(400, "SPARQL syntax error", str(exc).split("\n")[0], line=line, column=column,
                      canonical_position=True)


def _kwargs(job: QueryJob) -> dict:
    kwargs: dict = {"base_iri": job.base_iri}
    if job.use_dataset:  # the protocol's dataset replaces the query's
        kwargs["default_graph"] = [ox.NamedNode(g) for g in job.default_graphs]
        kwargs["named_graphs"] = [ox.NamedNode(g) for g in job.named_graphs]
    elif job.union_default:
        kwargs["use_default_graph_as_union"] = True
    return kwargs


def run_query(store: ox.Store, job: QueryJob, prefixes: Optional[dict[str, str]] = None) -> Reply:
    fmt = format_by_key(job.fmt)
    try:
        result = store.query(job.text, **_kwargs(job))
        if isinstance(result, ox.QuerySolutions):
            body, rows, cut = write_solutions(result, job.fmt, job.max_rows, job.cap_checked)
            return Reply(200, fmt.media_type, body, cut, rows)
        if isinstance(result, ox.QueryBoolean):
            return Reply(200, fmt.media_type, write_boolean(result, job.fmt), False, 1)
        triples, cut = take(result, job.max_rows)
        return Reply(200, fmt.media_type, write_triples(triples, job.fmt, prefixes), cut, len(triples))
    except SyntaxError as exc:
        return syntax_reply(exc)
    except (ValueError, RuntimeError) as exc:  # the engine refused to evaluate what the query asks
        return Reply.fail(400, "query could not be evaluated", f"{type(exc).__name__}: {exc}")


def run_update(store_path: str, job: UpdateJob) -> Reply:
    writable = ox.Store(store_path)
    try:
        writable.update(job.text, base_iri=job.base_iri)
        writable.flush()
    except SyntaxError as exc:
        return syntax_reply(exc)
    except (ValueError, RuntimeError) as exc:
        return Reply.fail(400, "update could not be applied", f"{type(exc).__name__}: {exc}")
    finally:
        del writable
    return Reply(204)
