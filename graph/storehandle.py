"""The readers' side of the generations: one handle per process that every reader goes through.

``GenerationHandle.refresh()`` (a ``readlink``, cheap enough for every request) notices a newly published
generation, opens it, and switches the handle's ``store`` in one assignment, so every reader that asks after the
switch gets the same new generation; subscribers (a lookup index, a page cache) are told once. While the handle
has a generation open it holds a shared ``flock`` on the generation's hold file, and it keeps holding the previous
one until the next switch, so requests that started before a switch finish on a generation the writer's pruning
will not remove (graph/generations.py removes only generations nobody holds).
"""
from __future__ import annotations

import fcntl
import logging
import os
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Optional

import pyoxigraph as ox

from .generations import current_generation, hold_path
from .storeerrors import NoStoreError

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Snapshot:
    """One generation as a reader sees it: the path, the open store and the handle's epoch when it was opened."""

    path: Path
    store: ox.Store
    epoch: int


def _hold(gen: Path) -> Optional[int]:
    try:
        fd = os.open(hold_path(gen), os.O_RDONLY | os.O_CREAT, 0o644)
    except OSError:
        return None   # a read-only store: nobody can prune it either
    try:
        fcntl.flock(fd, fcntl.LOCK_SH)
    except OSError:
        os.close(fd)
        return None
    return fd


def _release(fd: Optional[int]) -> None:
    if fd is not None:
        try:
            fcntl.flock(fd, fcntl.LOCK_UN)
        finally:
            os.close(fd)


class GenerationHandle:
    def __init__(self, link: Path):
        self.link = link
        self._lock = threading.Lock()
        self._snap: Optional[Snapshot] = None
        self._holds: list[int] = []        # current (last) and previous generation
        self._subscribers: list[Callable[[Snapshot], None]] = []
        self._epoch = 0
        self._linked: Optional[str] = None

    # -------------------------------------------------------------- reading

    @property
    def snapshot(self) -> Snapshot:
        snap = self._snap
        if snap is None:
            snap = self.refresh()
        return snap

    @property
    def store(self) -> ox.Store:
        return self.snapshot.store

    @property
    def epoch(self) -> int:
        return self._epoch

    def subscribe(self, fn: Callable[[Snapshot], None]) -> None:
        """Call ``fn(snapshot)`` after every switch to a new generation."""
        self._subscribers.append(fn)

    def _link_text(self) -> Optional[str]:
        try:
            return os.readlink(self.link)
        except OSError:
            return None

    def refresh(self) -> Snapshot:
        """Switch to the served generation if it changed (or the open one was removed); return the snapshot."""
        linked = self._link_text()
        snap = self._snap
        if snap is not None and linked == self._linked and snap.path.is_dir():
            return snap
        with self._lock:
            snap = self._snap
            if snap is not None and linked == self._linked and snap.path.is_dir():
                return snap
            new = self._open()
            self._linked = linked
            if snap is not None and new.path == snap.path:
                return snap
            self._snap = new
        for fn in list(self._subscribers):
            try:
                fn(new)
            except Exception:   # a subscriber's failure must not stop the switch for the others
                log.exception("generation subscriber failed")
        return new

    def _open(self) -> Snapshot:
        for _ in range(3):   # the generation may be pruned between resolving and holding it: resolve again
            gen = current_generation(self.link)
            if gen is None:
                raise NoStoreError(f"no graph has been built at {self.link}; run `marketgraph build` or "
                                   f"`marketgraph add`")
            fd = _hold(gen)
            if not gen.is_dir():
                _release(fd)
                continue
            try:
                store = ox.Store.read_only(str(gen))
            except OSError as err:
                _release(fd)
                log.warning("store generation %s cannot be opened (%s)", gen, err)
                raise NoStoreError(f"the store at {gen} cannot be opened: {err}") from None
            if fd is not None:
                self._holds.append(fd)
                while len(self._holds) > 2:
                    _release(self._holds.pop(0))
            self._epoch += 1
            return Snapshot(gen, store, self._epoch)
        raise NoStoreError(f"the store at {self.link} keeps changing; try again")

    def close(self) -> None:
        with self._lock:
            for fd in self._holds:
                _release(fd)
            self._holds.clear()
            self._snap = None
