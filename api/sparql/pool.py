"""A pool of query worker processes that can be stopped: a job that overruns its time is ended by killing its
worker, which is then replaced; the other workers keep answering meanwhile.

Blocking API, meant to be called from a thread (the router uses Starlette's thread pool).
"""
from __future__ import annotations

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
    def __init__(self, store_link: Path, size: int, prefixes: dict[str, str]):
        self.store_link, self.size, self.prefixes = store_link, max(1, size), prefixes
        self._ctx = mp.get_context("spawn")  # never fork a process that runs threads
        self._idle: "queue.Queue[_Worker]" = queue.Queue()
        self._all: list[_Worker] = []
        self._lock = threading.Lock()
        self._started = False
        self._closed = False
        self.killed = 0  # workers stopped for overrunning
        self.start_failures = 0  # workers that died before saying ready

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
        proc = self._ctx.Process(target=serve, args=(child, str(self.store_link), self.prefixes),
                                 daemon=True, name="marketgraph-sparql-worker")
        proc.start()
        child.close()
        w = _Worker(proc, parent)
        with self._lock:
            self._all = [x for x in self._all if x.process.is_alive()] + [w]
        return w

    def _await_ready(self, w: _Worker) -> None:
        try:
            ready = w.conn.poll(START_TIMEOUT) and w.conn.recv() == "ready"
        except (EOFError, OSError):
            ready = False
        if ready and not self._closed:
            self._idle.put(w)
            return
        self.start_failures += 1
        w.kill()

    def _replace(self) -> None:
        if self._closed:
            return
        threading.Thread(target=lambda: self._await_ready(self._launch()), daemon=True).start()

    def run(self, job: Union[QueryJob, UpdateJob], timeout: float) -> Reply:
        """Run ``job`` in a free worker; :class:`QueryTimeout` after ``timeout`` seconds of running."""
        self.start()
        try:
            w = self._idle.get(timeout=timeout)
        except queue.Empty:
            if self.start_failures:
                raise PoolBusy(f"query workers failed to start ({self.start_failures} times); see the server log") \
                    from None
            raise PoolBusy(f"all {self.size} query workers stayed busy for {timeout:g} s") from None
        try:
            w.conn.send(job)
            if w.conn.poll(timeout):
                reply = w.conn.recv()
                self._idle.put(w)
                return reply
        except (EOFError, OSError, BrokenPipeError) as exc:
            w.kill()
            self._replace()
            return Reply.fail(500, "query worker died", f"{type(exc).__name__}: {exc}")
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
