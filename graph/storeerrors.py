"""Errors of the store layer, each one line a user can act on."""
from __future__ import annotations

import errno
from pathlib import Path


class StoreError(RuntimeError):
    pass


class NoStoreError(StoreError):
    """There is no built graph at the configured location."""


class StoreBusy(StoreError):
    """Another writer holds the store."""


class EmptyReplacement(StoreError):
    """A publish would replace a non-empty graph with an empty one (allowed only with --force)."""


def os_error(err: OSError, where: Path) -> StoreError:
    """A file-system failure as one line: read-only store, disk full, no permission, or the system's words."""
    code = err.errno
    text = str(err)
    if code == errno.ENOSPC or "No space left" in text:
        return StoreError(f"disk full while writing under {where}; the published graph is unchanged")
    if code == errno.EROFS or "Read-only file system" in text:
        return StoreError(f"{where} is on a read-only file system; choose a writable --store")
    if code in (errno.EACCES, errno.EPERM) or "Permission denied" in text:
        return StoreError(f"no permission to write under {where}; choose a writable --store")
    return StoreError(f"cannot write under {where}: {err.strerror or text}")
