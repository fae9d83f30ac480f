"""The messages between the app and a query worker (plain picklable dataclasses)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Optional

# A bound value for a named-query parameter: ("iri", value) or ("literal", value, datatype, language).
TermSpec = tuple


@dataclass(frozen=True)
class QueryJob:
    text: str
    accept: Optional[str] = None
    fmt: tuple[str, ...] = ()
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()
    substitutions: tuple[tuple[str, TermSpec], ...] = ()
    max_rows: int = 10000
    epoch: int = 0


@dataclass(frozen=True)
class UpdateJob:
    text: str
    epoch: int = 0


@dataclass
class Reply:
    status: int = 200
    media_type: str = ""
    body: bytes = b""
    truncated: bool = False
    rows: int = 0
    error: Optional[dict[str, Any]] = field(default=None)

    @classmethod
    def fail(cls, status: int, title: str, detail: str = "", **extra: Any) -> "Reply":
        return cls(status=status, error={"title": title, "detail": detail, **extra})
