"""A warm start for the regular expressions the extractors compile themselves.

The knowledge cache (:mod:`.knowledgecache`) keeps the patterns and grammars compiled from ``mappings/``; the
extractors' own modules still compile about 900 expressions of their own (grammars built from lexicons in their
constructors, module-level patterns, ``re.search(pattern, …)`` calls), which cost a one-document ``marketgraph
add`` about 0.15 s of CPU every time. Python's ``re`` keeps what it compiled in a per-process cache keyed by
(type of the pattern, pattern, flags); this module carries that cache across processes: after the first document
of a process it writes the compiled expressions (as their compiled code, through the knowledge cache's pickler)
under the knowledge cache's key, and a later process puts them back into ``re``'s cache before it compiles
anything, so ``re.compile`` finds them there.

It relies on ``re._cache`` and ``re._MAXCACHE`` (CPython's cache since 3.7; 3.12 added a second, smaller cache in
front of it, and a lookup that misses it still finds the first). When the interpreter lacks them, or the
knowledge cache cannot pickle compiled code, nothing is preloaded and nothing changes but the time. A preloaded
pattern is the same object ``re.compile`` would build: the cache entry holds the compiled code of the same
pattern and flags, and the key carries the rules, the code and the interpreter (``KnowledgeCache.path``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .knowledgecache import KnowledgeCache, _code_pickling_works

KIND = "regexes"
_CAPACITY = 4096   # re's cache must hold every expression of a process for them all to be written
_NEW_ENOUGH = 64   # write again only when at least this many expressions were compiled that were not preloaded


def _re_cache() -> dict | None:
    cache = getattr(re, "_cache", None)
    return cache if isinstance(cache, dict) and isinstance(getattr(re, "_MAXCACHE", None), int) else None


def widen_re_cache() -> bool:
    """Let ``re``'s cache hold every expression of a process. The extractors compile some 2,400 expressions over
    a corpus (``re.search(pattern, …)`` with strings made from the mappings' word lists); CPython keeps 512 and
    drops the oldest first, so each document compiled several hundred of them again (about a third of the
    extraction's CPU). Whether it could."""
    if _re_cache() is None:
        return False
    re._MAXCACHE = max(re._MAXCACHE, _CAPACITY)   # type: ignore[attr-defined]
    return True


@dataclass
class RegexWarmStart:
    """Preloads ``re``'s cache from the knowledge cache and writes it back when the process compiled new ones."""

    cache: KnowledgeCache
    loaded: set = field(default_factory=set)
    active: bool = False
    saved: bool = False

    @classmethod
    def start(cls, cache: KnowledgeCache) -> "RegexWarmStart":
        warm = cls(cache)
        cached = _re_cache()
        if cached is None or not _code_pickling_works():
            return warm
        widen_re_cache()
        warm.active = True
        entries = cache.read(KIND, list)
        for entry in entries or ():
            if not (isinstance(entry, tuple) and len(entry) == 2 and isinstance(entry[1], re.Pattern)):
                return warm   # not a file of ours: ignore it (it is written again)
        for flags, pattern in entries or ():
            key = (type(pattern.pattern), pattern.pattern, flags)
            cached.setdefault(key, pattern)
            warm.loaded.add(key)
        return warm

    def save(self) -> int:
        """Write ``re``'s cache when it holds enough expressions that were not preloaded; how many it wrote. Asked
        after every document, it looks once per process, after the first (what later documents add is mostly their
        own names), so a build of many documents does not scan the cache for each."""
        cached = _re_cache()
        if not self.active or self.saved or cached is None:
            return 0
        self.saved = True
        if sum(1 for k in cached if k not in self.loaded) < _NEW_ENOUGH:
            return 0
        entries: list[tuple[int, Any]] = [(k[2], p) for k, p in list(cached.items())
                                          if isinstance(p, re.Pattern) and isinstance(k[2], int)]
        self.cache.put(KIND, entries)
        self.loaded = {(type(p.pattern), p.pattern, f) for f, p in entries}
        return len(entries)
