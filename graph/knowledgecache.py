"""A disk cache of the compiled knowledge, so that one `marketgraph add` process reads one file instead of parsing
the mapping YAML and compiling its regular expressions again.

What is cached, by :class:`KnowledgeCache` under ``<store>.cache/`` (``Settings.knowledge_cache``): the
segmentation rules (mappings/segmentation.yaml and docmodel.yaml compiled; the gazetteer is attached after
loading), the extraction patterns (mappings/patterns/*.yaml parsed) and the extraction engine's grammars (what
an ``extract.context.Engine`` compiled from the patterns and the gazetteer, written after a process's first
document that compiled something new; the gazetteer itself is written as a reference and read back as the
reading process's own). Grammars that extractors keep elsewhere (per document, or in their own modules) are
not cached.

Python's ``re`` cache lives only as long as a process, and a pickled ``re.Pattern`` is compiled again when it is
loaded -- which would save nothing, since compiling is most of what building the rules costs. So patterns are
pickled with the regular-expression engine's compiled code and rebuilt from it (``_sre.compile``), which skips
parsing and compiling; the cache key holds the Python version and the engine's ``MAGIC``, so a code from another
Python is never read. When this interpreter does not support it, patterns are pickled the ordinary way.

Key: the rules version (graph/versions.py: every mapping file), a digest of this package's code (the pickled
classes; it stands in for the package version, which an editable install does not change on an edit) and the
Python version. A file whose key differs is never read; a file that is short,
damaged, fails its checksum, does not unpickle or holds the wrong type is ignored and rebuilt. Writing is atomic
(temporary file and rename) and best-effort: a read-only store only means no cache.
See docs/decisions/2026-12-07-knowledge-cache.md.
"""
from __future__ import annotations

import hashlib
import io
import logging
import os
import pickle
import re
import sys
import weakref
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Optional, TypeVar

if TYPE_CHECKING:
    from .settings import Settings
    from .versions import Versions

log = logging.getLogger(__name__)
T = TypeVar("T")
FORMAT = b"marketgraph-knowledge-cache 1\n"


@lru_cache(maxsize=1)
def _known_code() -> "weakref.WeakKeyDictionary[re.Pattern, tuple]":
    """The compiled code of patterns this process already has it for (rebuilt from a cache file, or reduced once):
    writing them again needs no second parse, so a save costs what the new patterns cost, not all of them."""
    return weakref.WeakKeyDictionary()


def _rebuild_pattern(pattern: Any, flags: int, code: list[int], groups: int, groupindex: dict[str, int],
                     indexgroup: tuple) -> re.Pattern:
    import _sre

    p = _sre.compile(pattern, flags, code, groups, groupindex, indexgroup)
    _known_code()[p] = (pattern, flags, code, groups, groupindex, indexgroup)
    return p


def _reduce_pattern(p: re.Pattern) -> tuple:
    """``p`` as its compiled code (what ``re._compiler.compile`` hands to ``_sre.compile``)."""
    from re import _compiler, _parser   # type: ignore[attr-defined]

    known = _known_code().get(p)
    if known is not None:
        return _rebuild_pattern, known
    code = [int(c) for c in _compiler._code(_parser.parse(p.pattern, p.flags), p.flags)]
    groupindex = dict(p.groupindex)
    indexgroup: list[Optional[str]] = [None] * (p.groups + 1)
    for name, i in groupindex.items():
        indexgroup[i] = name
    args = (p.pattern, p.flags, code, p.groups, groupindex, tuple(indexgroup))
    _known_code()[p] = args
    return _rebuild_pattern, args


def _code_pickling_works() -> bool:
    probe = re.compile(r"(?P<a>x+)\s*(y|z)?\b", re.IGNORECASE | re.MULTILINE)
    try:
        fn, args = _reduce_pattern(probe)
        again = fn(*args)
    except Exception:   # an interpreter whose internals differ: pickle patterns the ordinary way
        return False
    return again == probe and again.groupindex == probe.groupindex and again.match("XX z").groups() == ("XX", "z")


class _Pickler(pickle.Pickler):
    """Pickles patterns as their compiled code, and the objects of ``live`` by name (not their content)."""

    def __init__(self, file: io.BytesIO, live: dict[str, Any]):
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self._live = {id(v): k for k, v in live.items()}
        if _code_pickling_works():
            self.dispatch_table = {re.Pattern: _reduce_pattern}   # type: ignore[assignment]

    def persistent_id(self, obj: Any) -> Optional[str]:
        return self._live.get(id(obj)) if self._live else None


class _Unpickler(pickle.Unpickler):
    def __init__(self, file: io.BytesIO, live: dict[str, Any]):
        super().__init__(file)
        self._live = live

    def persistent_load(self, pid: Any) -> Any:
        return self._live[pid]   # a name this process does not give: KeyError, the file is not used


def dumps(obj: Any, live: Optional[dict[str, Any]] = None) -> bytes:
    buf = io.BytesIO()
    _Pickler(buf, live or {}).dump(obj)
    return buf.getvalue()


def loads(data: bytes, live: Optional[dict[str, Any]] = None) -> Any:
    return _Unpickler(io.BytesIO(data), live or {}).load()


@lru_cache(maxsize=1)
def _code_digest() -> str:
    """A digest of this package's Python files (the code cannot change under a running process)."""
    h = hashlib.sha256()
    root = Path(__file__).resolve().parent
    for path in sorted(root.rglob("*.py")):
        h.update(str(path.relative_to(root)).encode("utf-8") + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


@dataclass(frozen=True)
class KnowledgeCache:
    """Compiled knowledge kept in ``directory`` for the rules version ``rules`` (``Versions.rules``)."""

    directory: Path
    rules: str

    @classmethod
    def of(cls, settings: "Settings", versions: "Versions") -> "KnowledgeCache":
        return cls(settings.knowledge_cache_dir, versions.rules)

    def path(self, kind: str) -> Path:
        import _sre

        key = hashlib.sha256("\0".join([kind, self.rules, _code_digest(), sys.version, str(_sre.MAGIC)])
                             .encode("utf-8")).hexdigest()[:24]
        return self.directory / f"{kind}-{key}.pickle"

    def get(self, kind: str, build: Callable[[], T], expect: type) -> T:
        """The cached ``kind`` when its file is whole and of type ``expect``; else ``build()``, written back."""
        found = self.read(kind, expect)
        if found is not None:
            return found
        value = build()
        self.put(kind, value)
        return value

    def read(self, kind: str, expect: type, live: Optional[dict[str, Any]] = None) -> Any:
        """The cached ``kind``, or None when there is none, or it is damaged or not an ``expect``. ``live`` gives
        the objects it was written with by name (:meth:`put`)."""
        path = self.path(kind)
        try:
            data = path.read_bytes()
        except OSError:
            return None
        head, digest, payload = data[:len(FORMAT)], data[len(FORMAT):len(FORMAT) + 32], data[len(FORMAT) + 32:]
        if head != FORMAT or hashlib.sha256(payload).digest() != digest:
            log.info("knowledge cache %s is damaged; rebuilding it", path.name)
            return None
        try:
            value = loads(payload, live)
        except Exception as err:   # written by another version of a class, or by an interpreter that differs
            log.info("knowledge cache %s does not load (%s); rebuilding it", path.name, type(err).__name__)
            return None
        return value if isinstance(value, expect) else None

    def put(self, kind: str, value: Any, live: Optional[dict[str, Any]] = None) -> None:
        """Keep ``value`` as ``kind`` (atomically; best-effort). The objects of ``live`` (the process's gazetteer)
        are written as references by name, for :meth:`read` to fill in with its own."""
        path = self.path(kind)
        try:
            payload = dumps(value, live)
            self.directory.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
            tmp.write_bytes(FORMAT + hashlib.sha256(payload).digest() + payload)
            os.replace(tmp, path)   # no fsync: a torn file after a crash fails the checksum and is rebuilt
            for old in self.directory.glob(f"{kind}-*.pickle"):
                if old != path:
                    old.unlink(missing_ok=True)
            for stray in self.directory.glob(f".{kind}-*.tmp-*"):
                if not _alive(stray.name.rsplit("-", 1)[-1]):   # left by a writer killed mid-write
                    stray.unlink(missing_ok=True)
        except Exception as err:   # a cache that cannot be written only costs the next process time
            log.info("knowledge cache %s not written (%s: %s)", path.name, type(err).__name__, err)


def _alive(pid: str) -> bool:
    try:
        os.kill(int(pid), 0)
    except (ValueError, ProcessLookupError):
        return False
    except PermissionError:
        return True
    return True
