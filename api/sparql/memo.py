"""Small bounded caches the query service keeps per process, each keyed by a query's text: what the guard judged
(so the event loop can tell a text it has seen from one it would have to tokenise) and the text with a row cap
written in (so the rewrite is paid once per distinct text and cap)."""
from __future__ import annotations

import threading
from typing import Generic, Hashable, Optional, TypeVar

from .guard import Inspection
from .rewrite import with_row_cap

V = TypeVar("V")


class Memo(Generic[V]):
    """A dictionary that forgets its oldest entries past ``size``; safe to share between threads."""

    def __init__(self, size: int = 4096):
        self.size = size
        self._items: dict[Hashable, V] = {}
        self._lock = threading.Lock()

    def get(self, key: Hashable) -> Optional[V]:
        return self._items.get(key)

    def add(self, key: Hashable, value: V) -> None:
        with self._lock:
            self._items[key] = value
            while len(self._items) > self.size:
                del self._items[next(iter(self._items))]

    def __len__(self) -> int:
        return len(self._items)


class CappedTexts:
    """:func:`rewrite.with_row_cap` once per (canonical text, cap)."""

    def __init__(self, size: int = 4096):
        self._memo: Memo[tuple[str, bool]] = Memo(size)

    def get(self, insp: Inspection, cap: int) -> tuple[str, bool]:
        key = (insp.text, cap)
        found = self._memo.get(key)
        if found is None:
            found = with_row_cap(insp, cap)
            self._memo.add(key, found)
        return found
