"""A query worker process: leaves the network (api/sparql/sandbox.py), lowers its CPU priority if it serves the
slow lane, opens the store read-only, then answers jobs from its pipe until told to stop.

Jobs arrive already guarded and negotiated (api/sparql/service.py): a worker executes and writes bytes. A worker
that takes too long is killed by its pool (api/sparql/pool.py); nothing here has to cooperate for that.
"""
from __future__ import annotations

import os
from multiprocessing.connection import Connection
from pathlib import Path

from .execute import run_query, run_update
from .handle import StoreHandle
from .jobs import QueryJob, Reply, UpdateJob
from .sandbox import isolate_network


def answer(handle: StoreHandle, job: object, prefixes: dict[str, str]) -> Reply:
    from marketgraph.graph.store import NoStoreError

    try:
        if isinstance(job, QueryJob):
            return run_query(handle.get(job.epoch), job, prefixes)
        if isinstance(job, UpdateJob):
            handle.get(job.epoch)
            assert handle.generation is not None
            return run_update(str(handle.generation), job)
        return Reply.fail(400, "unknown job", type(job).__name__)
    except NoStoreError as exc:
        return Reply.fail(503, "no graph built", str(exc))
    except OSError as exc:  # the store could not be read (a generation removed under us, a full disk)
        return Reply.fail(503, "store unavailable", f"{type(exc).__name__}: {exc}", headers={"Retry-After": "1"})
    except Exception as exc:  # a bug of ours, not the client's: said as such, and the worker stays up
        return Reply.fail(500, "query failed", f"{type(exc).__name__}: {exc}")


def serve(conn: Connection, store_link: str, prefixes: dict[str, str], niceness: int = 0,
          sandbox: bool = True) -> None:
    """Entry point of a worker process."""
    network = isolate_network() if sandbox else "not isolated (MARKETGRAPH_QUERY_SANDBOX=false)"
    if niceness:
        try:
            os.nice(niceness)
        except OSError:
            pass
    parent = os.getppid()
    handle = StoreHandle(Path(store_link))
    conn.send(("ready", network))
    while True:
        if not conn.poll(1.0):
            if os.getppid() != parent:  # the app died: do not linger
                return
            continue
        try:
            job = conn.recv()
        except EOFError:
            return
        if job is None:
            return
        conn.send(answer(handle, job, prefixes))
