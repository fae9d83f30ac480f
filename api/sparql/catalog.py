"""Named queries: ``queries/*.rq`` files with a metadata header, and their parameters bound as RDF terms.

Header lines (before the query)::

    # title: A metric's time series for a subject
    # description: Every observation of the metric for the subject, by period, with its source.
    # param: subject iri organisation/acme The company, product or segment observed
    # param: metric iri metric/revenue The metric (SKOS concept)

A parameter is ``name type default description``; ``type`` is one of PARAM_TYPES; a default of ``-`` makes the
parameter required. An ``iri`` value without a scheme is read relative to ``{base}/id/``. Values are checked
against their type, then written into the query as constants where the variable stands (api/sparql/rewrite.py:
``(value AS ?name)`` in the projection), so the optimiser plans with them; the result is guarded like any query.
A parameter may not be computed (``AS ?name``), listed in VALUES or tested with BOUND (checked at load).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from .lexer import IRI_FORBIDDEN

# A bound value for a named-query parameter: ("iri", value) or ("literal", value, datatype, language).
TermSpec = tuple

XSD = "http://www.w3.org/2001/XMLSchema#"
PARAM_TYPES = {
    "iri": None, "string": XSD + "string", "integer": XSD + "integer", "decimal": XSD + "decimal",
    "date": XSD + "date", "year": XSD + "gYear",
}
HEADER = re.compile(r"^#\s*(title|description|param)\s*:\s*(.*)$")
NAME = re.compile(r"^[a-z][a-z0-9_]*$")
CHECKS = {
    "integer": re.compile(r"^[+-]?\d+$"), "decimal": re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$"),
    "date": re.compile(r"^\d{4}-\d{2}-\d{2}$"), "year": re.compile(r"^\d{4}$"),
}


class CatalogError(ValueError):
    pass


class ParamError(ValueError):
    pass


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    default: Optional[str]
    description: str

    def bind(self, raw: str, base: str) -> TermSpec:
        """The term for a request value (raises :class:`ParamError` if it does not fit the type)."""
        value = raw.strip()
        if self.type == "iri":
            if not re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", value):
                value = f"{base}/id/{value.lstrip('/')}"
            if IRI_FORBIDDEN.search(value) or not value:
                raise ParamError(f"{self.name}: {raw!r} is not an IRI (no spaces, control characters or "
                                 f"<>\"{{}}|^`\\)")
            return ("iri", value)
        check = CHECKS.get(self.type)
        if check and not check.match(value):
            raise ParamError(f"{self.name}: {raw!r} is not a valid {self.type}")
        return ("literal", value, PARAM_TYPES[self.type], None)


@dataclass(frozen=True)
class NamedQuery:
    name: str
    title: str
    description: str
    params: tuple[Param, ...]
    text: str
    path: Path

    def bindings(self, given: dict[str, str], base: str) -> dict[str, TermSpec]:
        unknown = sorted(set(given) - {p.name for p in self.params})
        if unknown:
            raise ParamError(f"unknown parameter {unknown[0]!r}; this query takes: "
                             + (", ".join(p.name for p in self.params) or "none"))
        out = {}
        for p in self.params:
            raw = given.get(p.name)
            if raw is None or raw == "":
                raw = p.default
            if raw is None:
                raise ParamError(f"{p.name} is required ({p.description})")
            out[p.name] = p.bind(raw, base)
        return out


def parse_named_query(path: Path) -> NamedQuery:
    text = path.read_text(encoding="utf-8")
    meta: dict[str, str] = {}
    params: list[Param] = []
    for line in text.splitlines():
        if not line.startswith("#"):
            if line.strip():
                break
            continue
        m = HEADER.match(line)
        if not m:
            continue
        key, value = m.group(1), m.group(2).strip()
        if key == "param":
            parts = value.split(None, 3)
            if len(parts) < 3 or parts[1] not in PARAM_TYPES or not NAME.match(parts[0]):
                raise CatalogError(f"{path.name}: bad param line {line!r} (want: name type default description; "
                                   f"types: {', '.join(PARAM_TYPES)})")
            params.append(Param(parts[0], parts[1], None if parts[2] == "-" else parts[2],
                                parts[3] if len(parts) > 3 else ""))
        else:
            meta[key] = value
    name = path.stem
    if not re.match(r"^[a-z0-9][a-z0-9_-]*$", name):
        raise CatalogError(f"{path.name}: query file names are lower-case slugs")
    return NamedQuery(name, meta.get("title", name), meta.get("description", ""), tuple(params), text, path)


def check_substitutable(q: NamedQuery) -> None:
    """Raise :class:`CatalogError` if a parameter cannot be written in as a constant."""
    from .guard import QuerySyntaxError, inspect_query
    from .rewrite import substitution_problem

    try:
        insp = inspect_query(q.text)
    except QuerySyntaxError as exc:
        raise CatalogError(f"{q.path.name}: {exc.message}") from None
    problem = substitution_problem(insp, {p.name for p in q.params})
    if problem:
        raise CatalogError(f"{q.path.name}: {problem}")


def load_catalog(folder: Path) -> list[NamedQuery]:
    """Every named query of ``folder``, sorted by name (each checked: it reads, its parameters can be bound)."""
    if not folder.is_dir():
        return []
    out = [parse_named_query(p) for p in sorted(folder.glob("*.rq"))]
    for q in out:
        check_substitutable(q)
    return out
