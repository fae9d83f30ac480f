"""One writer per store: builds, adds, removals and updates take an exclusive lock on ``<store>.lock``.

A second writer waits (up to ``settings.write_wait`` seconds) and then gets :class:`StoreBusy`, which the CLI
prints as one line and the HTTP API answers with 503 and ``Retry-After``. The lock is an ``flock``: the kernel
releases it when its holder dies, so a killed build never leaves the store locked.
"""
from __future__ import annotations

import errno
import fcntl
import os
import time
from pathlib import Path
from typing import Callable, Optional

from .storeerrors import StoreBusy, os_error


def lock_path(store: Path) -> Path:
    return store.with_name(store.name + ".lock")


class WriterLock:
    def __init__(self, store: Path, wait: float = 30.0, on_wait: Optional[Callable[[], None]] = None):
        self.path = lock_path(store)
        self.wait = wait
        self.on_wait = on_wait
        self.fd: Optional[int] = None

    def __enter__(self) -> "WriterLock":
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as err:
            raise os_error(err, self.path.parent) from None
        deadline = time.monotonic() + max(0.0, self.wait)
        told = False
        while True:
            try:
                fcntl.flock(self.fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return self
            except OSError as err:
                if err.errno not in (errno.EWOULDBLOCK, errno.EAGAIN):
                    raise
            if time.monotonic() >= deadline:
                os.close(self.fd)
                self.fd = None
                raise StoreBusy(f"another build, add or update is writing to {self.path.with_suffix('')}; "
                                f"try again when it has finished")
            if not told and self.on_wait is not None:
                self.on_wait()
                told = True
            time.sleep(0.05)

    def __exit__(self, *exc) -> None:
        if self.fd is not None:
            fcntl.flock(self.fd, fcntl.LOCK_UN)
            os.close(self.fd)
            self.fd = None
