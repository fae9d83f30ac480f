"""What ``marketgraph add PATH…`` was given, as a list of files to read: files, folders (recursively), globs and
``-`` for standard input. Each input keeps where it came from (its origin), so adding a changed version of the same
file replaces the old one."""
from __future__ import annotations

import glob
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, Optional

from .metadata import Meta, is_sidecar, load_sidecar
from .read import MEDIA_TYPES


@dataclass
class Input:
    name: str              # the file name (what messages and `list` show)
    origin: str            # absolute path, "stdin", "upload:<name>" or "sources/<path>"
    data: bytes
    meta: Meta = field(default_factory=Meta)
    corpus: Optional[str] = None   # a bundled corpus


@dataclass
class Skipped:
    name: str
    reason: str


def _files_under(folder: Path) -> list[Path]:
    out = []
    for p in sorted(folder.rglob("*")):
        if p.is_file() and not is_sidecar(p) and not any(part.startswith(".") for part in p.relative_to(folder).parts):
            if p.suffix.lower() in MEDIA_TYPES:
                out.append(p)
    return out


def expand(paths: list[str]) -> tuple[list[Path | str], list[Skipped]]:
    """Files named by ``paths`` in order, without duplicates; ``-`` stays ``-``. Missing paths are skipped with a
    reason."""
    found: list[Path | str] = []
    skipped: list[Skipped] = []
    seen: set[str] = set()

    def take(p: Path | str) -> None:
        key = str(p if p == "-" else Path(p).resolve())
        if key not in seen:
            seen.add(key)
            found.append(p)

    for raw in paths:
        if raw == "-":
            take("-")
            continue
        p = Path(raw).expanduser()
        if p.is_dir():
            files = _files_under(p)
            if not files:
                skipped.append(Skipped(raw, "folder holds no .txt, .md, .html, .htm or .pdf file"))
            for f in files:
                take(f)
        elif p.is_file():
            take(p)
        elif glob.has_magic(raw):
            matches = sorted(Path(m) for m in glob.glob(str(p), recursive=True))
            files = [m for m in matches if m.is_file() and not is_sidecar(m)]
            for m in matches:
                if m.is_dir():
                    files.extend(_files_under(m))
            if not files:
                skipped.append(Skipped(raw, "no file matches this pattern"))
            for f in files:
                take(f)
        else:
            skipped.append(Skipped(raw, "no such file or folder"))
    return found, skipped


def load(item: Path | str, flags: Meta, max_bytes: int, stdin: Optional[BinaryIO] = None,
         stdin_name: str = "stdin.txt") -> Input:
    """Read one expanded item's bytes and metadata (flags over its sidecar). Raises OSError, MetadataError or
    ValueError (too large) with a message for one line."""
    if item == "-":
        assert stdin is not None
        data = stdin.read(max_bytes + 1)
        if len(data) > max_bytes:
            raise ValueError(f"standard input is over the {_mb(max_bytes)} limit (MARKETGRAPH_MAX_DOCUMENT_BYTES)")
        return Input(stdin_name, "stdin", data, flags)
    path = Path(item)
    size = path.stat().st_size
    if size > max_bytes:
        raise ValueError(f"{path}: {_mb(size)}, over the {_mb(max_bytes)} limit (MARKETGRAPH_MAX_DOCUMENT_BYTES)")
    meta = flags.over(load_sidecar(path))
    return Input(path.name, str(path.resolve()), path.read_bytes(), meta)


def _mb(n: int) -> str:
    return f"{n / 1_048_576:.1f} MB"
