"""The messages between the app and a query worker (plain picklable dataclasses).

Jobs carry the canonical text the guard judged (api/sparql/guard.py), never the text as the client sent it, and a
format already negotiated: a worker only executes and serialises.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Optional


@dataclass(frozen=True)
class QueryJob:
    text: str
    form: str                              # select | ask | construct | describe
    fmt: str                               # key of the negotiated format (api/sparql/negotiation.py)
    base_iri: str
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()
    use_dataset: bool = False              # the protocol named a dataset: it replaces the query's
    union_default: bool = True             # no FROM and no protocol dataset: the default graph is the union
    max_rows: int = 10000
    cap_checked: bool = False              # the text asks for max_rows + 1 rows: one more means "truncated"
    epoch: int = 0


@dataclass(frozen=True)
class UpdateJob:
    text: str
    base_iri: str
    epoch: int = 0


@dataclass
class Reply:
    status: int = 200
    media_type: str = ""
    body: bytes = b""
    truncated: bool = False
    rows: int = 0
    error: Optional[dict[str, Any]] = field(default=None)
    headers: dict[str, str] = field(default_factory=dict)

    @classmethod
    def fail(cls, status: int, title: str, detail: str = "", headers: Optional[dict[str, str]] = None,
             **extra: Any) -> "Reply":
        return cls(status=status, error={"title": title, "detail": detail, **extra}, headers=headers or {})
