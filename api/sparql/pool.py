"""A pool of query worker processes that can be stopped: a job that overruns its time is ended by killing its
worker, which is then replaced; the other workers keep answering meanwhile. One pool per lane (quick, slow).

Blocking API, meant to be called from a thread (the service runs each request in Starlette's thread pool).
"""
from __future__ import annotations

import logging
import multiprocessing as mp
import queue
import threading
import time
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Union

from .jobs import QueryJob, Reply, UpdateJob
from .worker import serve

START_TIMEOUT = 120.0
log = logging.getLogger("marketgraph.sparql")


class QueryTimeout(RuntimeError):
    pass


class PoolBusy(RuntimeError):
    pass


@dataclass
class _Worker:
    process: mp.process.BaseProcess
    conn: Connection

    def kill(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)
        self.conn.close()


class WorkerPool:
    def __init__(self, store_link: Path, size: int, prefixes: dict[str, str], lane: str = "quick",
                 niceness: int = 0, sandbox: bool = True):
        self.store_link, self.size, self.prefixes = store_link, max(1, size), prefixes
        self.lane, self.niceness, self.sandbox = lane, niceness, sandbox
        self._ctx = mp.get_context("spawn")  # never fork a process that runs threads
        # last in, first out: under light load one worker takes every job and keeps its store cache warm (each
        # process has its own); the others join in only when jobs overlap
        self._idle: "queue.LifoQueue[_Worker]" = queue.LifoQueue()
        self._all: list[_Worker] = []
        self._lock = threading.Lock()
        self._started = False
        self._closed = False
        self.killed = 0  # workers stopped for overrunning
        self.died = 0  # workers that died while running a job
        self.start_failures = 0  # workers that died before saying ready
        self.network = "unknown"  # what the last worker said about its network isolation

    def start(self) -> None:
        with self._lock:
            if self._started:
                return
            self._started = True
        workers = [self._launch() for _ in range(self.size)]
        for w in workers:
            self._await_ready(w)

    def _launch(self) -> _Worker:
        parent, child = self._ctx.Pipe()
        proc = self._ctx.Process(target=serve, args=(child, str(self.store_link), self.prefixes, self.niceness,
                                                     self.sandbox),
                                 daemon=True, name=f"marketgraph-sparql-{self.lane}")
        proc.start()
        child.close()
        w = _Worker(proc, parent)
        with self._lock:
            self._all = [x for x in self._all if x.process.is_alive()] + [w]
        return w

    def _await_ready(self, w: _Worker) -> None:
        try:
            msg = w.conn.recv() if w.conn.poll(START_TIMEOUT) else None
        except (EOFError, OSError):
            msg = None
        if isinstance(msg, tuple) and msg[0] == "ready" and not self._closed:
            if msg[1] != self.network:
                self.network = msg[1]
                if msg[1] != "isolated":
                    log.warning("SPARQL %s worker runs with network access (%s); the guard alone stops SERVICE "
                                "and LOAD", self.lane, msg[1])
            self._idle.put(w)
            return
        self.start_failures += 1
        w.kill()

    def _replace(self) -> None:
        if self._closed:
            return
        threading.Thread(target=lambda: self._await_ready(self._launch()), daemon=True).start()

    def acquire(self, wait: float) -> _Worker:
        """A free worker within ``wait`` seconds, else :class:`PoolBusy`."""
        self.start()
        try:
            return self._idle.get(timeout=wait)
        except queue.Empty:
            if self.start_failures and not self._idle.qsize():
                raise PoolBusy(f"{self.lane} query workers failed to start ({self.start_failures} times); see the "
                               f"server log") from None
            raise PoolBusy(f"all {self.size} {self.lane}-lane query workers stayed busy for {wait:g} s") from None

    def run(self, job: Union[QueryJob, UpdateJob], timeout: float, wait: float) -> Reply:
        """Run ``job`` in a free worker (waiting at most ``wait`` for one); :class:`QueryTimeout` after
        ``timeout`` seconds of running (the worker is killed and replaced)."""
        w = self.acquire(wait)
        try:
            w.conn.send(job)
            if w.conn.poll(timeout):
                reply = w.conn.recv()
                self._idle.put(w)
                return reply
        except (EOFError, OSError) as exc:
            w.kill()
            self.died += 1
            self._replace()
            return Reply.fail(503, "query worker died",
                              f"the worker running this request ended ({type(exc).__name__}); it has been replaced. "
                              "If the request is very large or deeply nested, simplify it.",
                              headers={"Retry-After": "1"})
        w.kill()
        self.killed += 1
        self._replace()
        raise QueryTimeout(f"the query ran longer than {timeout:g} s and was stopped")

    def close(self) -> None:
        self._closed = True
        deadline = time.monotonic() + 5
        while True:
            try:
                w = self._idle.get_nowait()
            except queue.Empty:
                break
            try:
                w.conn.send(None)
            except OSError:
                pass
            w.process.join(max(0.1, deadline - time.monotonic()))
        with self._lock:
            workers, self._all = self._all, []
        for w in workers:
            w.kill()

    def idle_count(self) -> int:
        return self._idle.qsize()

    def pids(self) -> list[int]:
        with self._lock:
            return [w.process.pid for w in self._all if w.process.is_alive() and w.process.pid]
