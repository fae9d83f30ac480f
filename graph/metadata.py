"""Metadata a user gives for a document (flags ``--issuer --date --genre --title --publisher --url``, or a sidecar
``NAME.meta.yaml`` with the same keys), checked with one-line errors naming the flag and the expected form.

Precedence: a flag, then the sidecar, then what the file says of itself (HTML ``<title>``/``og:url``, PDF info),
then what the segmenter reads from the text. The date is the exception: a date the text states (a dateline, a
"Published" line) wins over the page's published-time metadata, which dates only a text that states none.
"""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass, replace
from datetime import date as Date
from pathlib import Path
from typing import Any, Mapping, Optional, get_args

import yaml

from .records import Genre

GENRES: tuple[str, ...] = get_args(Genre)
DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
URL = re.compile(r"https?://[^\s/$.?#][^\s]*", re.I)
KEYS = ("issuer", "date", "genre", "title", "publisher", "url")


class MetadataError(ValueError):
    """A bad metadata value; ``str(err)`` is one line naming the flag and the expected form."""


@dataclass(frozen=True)
class Meta:
    issuer: Optional[str] = None
    date: Optional[str] = None
    genre: Optional[str] = None
    title: Optional[str] = None
    publisher: Optional[str] = None
    url: Optional[str] = None

    def given(self) -> dict[str, str]:
        return {k: v for k, v in asdict(self).items() if v is not None}

    def over(self, other: "Meta") -> "Meta":
        """These values where given, else ``other``'s."""
        return replace(other, **self.given())


def check_date(value: str, flag: str = "--date") -> str:
    value = value.strip()
    if not DATE.fullmatch(value):
        raise MetadataError(f"{flag} {value!r}: expected a date as YYYY-MM-DD (or YYYY-MM, YYYY)")
    parts = [int(p) for p in value.split("-")]
    try:
        Date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError:
        raise MetadataError(f"{flag} {value!r}: no such date; expected YYYY-MM-DD") from None
    return value


def check(meta: Mapping[str, Any], where: str = "") -> Meta:
    """Validate raw values (flags or a sidecar's keys); ``where`` prefixes the error (a sidecar's path)."""
    pre = f"{where}: " if where else ""
    unknown = sorted(set(meta) - set(KEYS))
    if unknown:
        raise MetadataError(f"{pre}unknown key {unknown[0]!r}; expected one of {', '.join(KEYS)}")
    out: dict[str, str] = {}
    for key in KEYS:
        raw = meta.get(key)
        if raw is None:
            continue
        if isinstance(raw, Date):
            raw = raw.isoformat()
        if not isinstance(raw, (str, int)):
            raise MetadataError(f"{pre}--{key}: expected text, got {type(raw).__name__}")
        value = str(raw).strip()
        if not value or "\n" in value or len(value) > 500:
            raise MetadataError(f"{pre}--{key}: expected one line of text (at most 500 characters)")
        if key == "date":
            value = check_date(value, f"{pre}--date")
        elif key == "genre" and value not in GENRES:
            raise MetadataError(f"{pre}--genre {value!r}: expected one of {', '.join(GENRES)}")
        elif key == "url" and not URL.fullmatch(value):
            raise MetadataError(f"{pre}--url {value!r}: expected an http:// or https:// URL")
        out[key] = value
    return Meta(**out)


def sidecar_for(path: Path) -> Path:
    return path.with_name(path.name + ".meta.yaml")


def is_sidecar(path: Path) -> bool:
    return path.name.endswith(".meta.yaml")


def load_sidecar(path: Path) -> Meta:
    """The sidecar of ``path`` (``NAME.meta.yaml``), or empty metadata when there is none."""
    side = sidecar_for(path)
    if not side.is_file():
        return Meta()
    try:
        raw = yaml.safe_load(side.read_text(encoding="utf-8")) or {}
    except (yaml.YAMLError, UnicodeDecodeError) as err:
        mark = getattr(err, "problem_mark", None)
        at = f" at line {mark.line + 1}, column {mark.column + 1}" if mark is not None else ""
        raise MetadataError(f"{side}: not valid YAML{at}") from None
    if not isinstance(raw, dict):
        raise MetadataError(f"{side}: expected a mapping of {', '.join(KEYS)}")
    return check(raw, str(side))
