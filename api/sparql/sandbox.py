"""Query workers run without a network: a process of their own in an empty network namespace (Linux
``unshare(CLONE_NEWNET)``), so even a request the guard misjudged cannot open a connection — there is no
interface to open it on, not even loopback. The guard (api/sparql/guard.py) stays the first line: it refuses such
requests with a reason; this is the second.

Needs CAP_SYS_ADMIN (root, as on the project's machines) or unprivileged user namespaces; where neither is
available the worker says so in its ready message and runs with the guard alone.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import os

CLONE_NEWNET = 0x40000000
CLONE_NEWUSER = 0x10000000


def isolate_network() -> str:
    """Move this process into a new, empty network namespace. Returns "isolated" or why it could not."""
    if not hasattr(os, "fork") or os.uname().sysname != "Linux":
        return "not Linux: no network namespace"
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)
    except OSError as exc:
        return f"no libc: {exc}"
    for flags in (CLONE_NEWNET, CLONE_NEWUSER | CLONE_NEWNET):
        if libc.unshare(flags) == 0:
            return "isolated"
    return f"unshare failed: {os.strerror(ctypes.get_errno())}"
