"""Store generations on disk: one served at a time, published by swapping a link, never changed once published.

Layout, for ``settings.store = var/store``::

    var/store                         symbolic link -> the served generation
    var/store.generations/<stamp>     a generation: an Oxigraph (RocksDB) directory
    var/store.generations/<stamp>.json   its catalogue (graph/catalog.py), written before it is published
    var/store.generations/<stamp>.hold   readers hold a shared flock on it while they have the generation open
    var/store.generations/<stamp>.lookup.json   the lookup index's records (graph/lookupdata.py), written before
                                         it is published, checked against the catalogue when read
    var/store.generations/<stamp>.tmp    a generation being written (removed at the next writer's start if
                                         its writer died)

A new generation starts as a RocksDB checkpoint of the served one (``Store.backup``: hard links to the immutable
table files, so its cost does not grow with the store) and receives only the changed named graphs; the link swap
(``os.replace``) publishes it. Readers never see a half-written graph; a killed writer leaves the served
generation as it was. See docs/decisions/2026-12-07-incremental-generations.md.
"""
from __future__ import annotations

import fcntl
import logging
import os
import shutil
import time
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Optional

import pyoxigraph as ox

from .catalog import Catalog, load_catalog, write_atomic
from .storeerrors import NoStoreError, StoreError, os_error

log = logging.getLogger(__name__)
TMP = ".tmp"
LOOKUP_SUFFIX = ".lookup.json"
SIDECARS = (LOOKUP_SUFFIX,)   # files kept beside a generation, written before it is published


def generations_dir(store: Path) -> Path:
    return store.with_name(store.name + ".generations")


def catalog_path(gen: Path) -> Path:
    return gen.with_name(gen.name + ".json")


def hold_path(gen: Path) -> Path:
    return gen.with_name(gen.name + ".hold")


def sidecar_path(gen: Path, suffix: str) -> Path:
    assert suffix in SIDECARS, suffix
    return gen.with_name(gen.name + suffix)


def _looks_complete(gen: Path) -> bool:
    """A published generation: a RocksDB directory with its CURRENT file, not a temporary one."""
    return gen.is_dir() and not gen.name.endswith(TMP) and (gen / "CURRENT").is_file()


def _stamp() -> str:
    return time.strftime("%Y%m%dT%H%M%S") + f"-{time.time_ns() % 10**9:09d}-{os.getpid()}"


def complete_generations(store: Path) -> list[Path]:
    """Published generations, newest first (by stamp, which sorts by time)."""
    gens = generations_dir(store)
    if not gens.is_dir():
        return []
    return sorted((p for p in gens.iterdir() if _looks_complete(p)), key=lambda p: p.name, reverse=True)


def _linked(store: Path) -> Optional[Path]:
    if store.is_symlink():
        return Path(os.path.realpath(store))
    if store.is_dir() and (store / "CURRENT").is_file():
        return store   # a plain store directory (built elsewhere, or by an older version)
    return None


def _usable(gen: Path) -> bool:
    if not _looks_complete(gen):
        return False
    path = catalog_path(gen)
    try:
        st = path.stat()
    except FileNotFoundError:
        return True   # a store built before catalogues existed
    except OSError:
        return False
    return _catalog_readable(str(path), st.st_ino, st.st_mtime_ns, st.st_size)


@lru_cache(maxsize=64)
def _catalog_readable(path: str, inode: int, mtime_ns: int, size: int) -> bool:
    """Whether the catalogue file (this inode, time and size: a published catalogue is never rewritten in place)
    reads; remembered, because a writer asks it of every generation several times (~0.01 s per read at 1,000
    documents)."""
    try:
        load_catalog(Path(path))
    except ValueError:
        return False
    return True


def current_generation(store: Path) -> Optional[Path]:
    """The generation to serve: the linked one, or — when it is missing or damaged — the newest good one before
    it (with a logged warning). None when nothing was ever published."""
    linked = _linked(store)
    if linked is not None and _usable(linked):
        return linked
    for gen in complete_generations(store):
        if gen != linked and _usable(gen):
            if linked is not None or store.is_symlink():
                log.warning("store generation %s is missing or damaged; serving the previous good one, %s",
                            linked, gen.name)
            return gen
    return None


def current_catalog(store: Path) -> tuple[Optional[Path], Catalog]:
    """The served generation and its catalogue (an empty one for a store built before catalogues existed)."""
    gen = current_generation(store)
    if gen is None:
        return None, Catalog()
    return gen, load_catalog(catalog_path(gen)) or Catalog()


def open_read_only(store: Path) -> ox.Store:
    gen = current_generation(store)
    if gen is None:
        raise NoStoreError(f"no graph has been built at {store}; run `marketgraph build` or `marketgraph add`")
    try:
        return ox.Store.read_only(str(gen))
    except OSError as err:
        raise StoreError(f"the store at {gen} cannot be opened: {err}") from None


# ---------------------------------------------------------------------------------------------- writing


@dataclass
class GenerationWriter:
    """A new generation being written; call :meth:`commit` to publish it or :meth:`abort` to drop it.

    Only one may exist per store at a time: create it while holding the :class:`~.writelock.WriterLock`."""

    link: Path
    path: Path          # the .tmp directory being written
    store: ox.Store
    base: Optional[Path]

    @classmethod
    def begin(cls, link: Path, base: Optional[Path]) -> "GenerationWriter":
        gens = generations_dir(link)
        path = gens / (_stamp() + TMP)
        try:
            gens.mkdir(parents=True, exist_ok=True)
            if base is not None:
                ox.Store.read_only(str(base)).backup(str(path))
                store = ox.Store(str(path))
            else:
                store = ox.Store(str(path))
        except OSError as err:
            shutil.rmtree(path, ignore_errors=True)
            raise os_error(err, gens) from None
        return cls(link, path, store, base)

    def commit(self, catalog: Catalog, optimize: bool = False, sidecars: Optional[dict[str, bytes]] = None) -> Path:
        """Flush, close, write the side files (``{suffix: data}``, each atomically) and then the catalogue, and
        publish by swapping the link. Returns the published generation. Nothing is visible under the generation's
        final name before every file is whole: a crash before the rename leaves only a ``.tmp`` directory.

        The caller must hold no other reference to :attr:`store`: RocksDB closes when the last one goes, and a
        store still open when its directory is renamed goes on compacting into the old path, and its close then
        waits for that compaction after the new generation is already served."""
        final = self.path.with_name(self.path.name[: -len(TMP)])
        try:
            self.store.flush()
            if optimize:
                self.store.optimize()
            del self.store
            for suffix, data in (sidecars or {}).items():
                write_atomic(sidecar_path(final, suffix), data)
            write_atomic(catalog_path(final), catalog.to_json().encode("utf-8"))
            os.rename(self.path, final)
            _fsync_dir(final.parent)
            _swap_link(self.link, final)
        except OSError as err:
            catalog_path(final).unlink(missing_ok=True)
            for suffix in sidecars or {}:
                sidecar_path(final, suffix).unlink(missing_ok=True)
            shutil.rmtree(self.path, ignore_errors=True)
            if final.exists() and _linked(self.link) != final:
                shutil.rmtree(final, ignore_errors=True)
            raise os_error(err, self.path.parent) from None
        prune(self.link)
        return final

    def abort(self) -> None:
        if hasattr(self, "store"):
            try:
                del self.store
            except AttributeError:
                pass
        shutil.rmtree(self.path, ignore_errors=True)


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _swap_link(link: Path, target: Path) -> None:
    if link.exists() and not link.is_symlink():
        # a plain store directory from an older version: keep it as an old generation instead of deleting data
        link.rename(generations_dir(link) / f"adopted-{_stamp()}")
    tmp = link.with_name(f".{link.name}.link-{os.getpid()}")
    if tmp.is_symlink() or tmp.exists():
        tmp.unlink()
    os.symlink(target, tmp)
    os.replace(tmp, link)
    _fsync_dir(link.parent)


# ---------------------------------------------------------------------------------------------- cleaning


def clean_unfinished(link: Path) -> int:
    """Remove generations whose writer died before publishing them (call while holding the writer lock)."""
    gens = generations_dir(link)
    if not gens.is_dir():
        return 0
    n = 0
    for p in gens.iterdir():
        if p.name.endswith(TMP) and p.is_dir():
            shutil.rmtree(p, ignore_errors=True)
            n += 1
        elif p.name.startswith(".") and ".tmp-" in p.name:
            p.unlink(missing_ok=True)
    for p in gens.iterdir():   # side files a writer killed between writing them and its rename left behind
        for suffix in SIDECARS:
            if p.name.endswith(suffix) and p.is_file() and not (gens / p.name[: -len(suffix)]).is_dir():
                p.unlink(missing_ok=True)
    return n


def _held(gen: Path) -> bool:
    """True when a reader holds the generation (a shared flock on its hold file)."""
    try:
        fd = os.open(hold_path(gen), os.O_RDWR | os.O_CREAT, 0o644)
    except OSError:
        return True   # cannot tell: keep it
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(fd)
        return True
    os.close(fd)
    return False


def prune(link: Path, keep: int = 2) -> list[Path]:
    """Remove published generations beyond the ``keep`` newest good ones (the served one always stays), unless a
    reader holds them. Returns what was removed."""
    served = current_generation(link)
    good = complete_generations(link)
    kept = {served}
    for g in good:
        if len(kept) >= keep:
            break
        if _usable(g):
            kept.add(g)
    removed = []
    for g in good:
        if g in kept or _held(g):
            continue
        shutil.rmtree(g, ignore_errors=True)
        catalog_path(g).unlink(missing_ok=True)
        for suffix in SIDECARS:
            sidecar_path(g, suffix).unlink(missing_ok=True)
        hold_path(g).unlink(missing_ok=True)
        removed.append(g)
    return removed
