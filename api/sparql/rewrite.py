"""Edits of the canonical text a guard inspection holds (api/sparql/guard.py), made on its tokens:

- :func:`with_row_cap`: the top-level SELECT asks for at most ``cap + 1`` rows, so the engine stops early and
  one extra row tells that the answer was cut;
- :func:`with_using`: the protocol's ``using-graph-uri`` / ``using-named-graph-uri`` written into each
  DELETE/INSERT ... WHERE operation as USING clauses;
- :func:`substitute`: a named query's parameters written in as constants (validated IRIs and typed literals),
  so the optimiser plans with them, as if the client had typed them.

Every result is text that goes through the guard again before it runs.
"""
from __future__ import annotations

import re
from typing import Optional

from .guard import Inspection
from .shape import CLOSERS, OPENERS
from .lexer import IRI_FORBIDDEN, Token


class RewriteError(ValueError):
    pass


def _splice(text: str, edits: list[tuple[int, int, str]]) -> str:
    for start, end, new in sorted(edits, reverse=True):
        text = text[:start] + new + text[end:]
    return text


def _offsets(insp: Inspection) -> list[int]:
    """Character offset of each token in the canonical text."""
    starts, lines = [], insp.text.split("\n")
    line_offset = [0]
    for ln in lines:
        line_offset.append(line_offset[-1] + len(ln) + 1)
    for cl, cc, _, _ in insp.canon.positions:
        starts.append(line_offset[cl - 1] + cc - 1)
    return starts


def _top_level(tokens: list[Token]) -> list[int]:
    """Depth of each token (0 = outside every bracket)."""
    depth, out = 0, []
    for t in tokens:
        if t.kind == "PUNCT" and t.text in CLOSERS:
            depth -= 1
        out.append(depth)
        if t.kind == "PUNCT" and t.text in OPENERS:
            depth += 1
    return out


def with_row_cap(insp: Inspection, cap: int) -> tuple[str, bool]:
    """(text, cap_checked): a SELECT asks for ``cap + 1`` rows unless its own LIMIT is already within the cap."""
    if insp.form != "select" or (insp.limit is not None and insp.limit <= cap):
        return insp.text, False
    tokens, offsets, depths = insp.tokens, _offsets(insp), _top_level(insp.tokens)
    seen_group = False
    for k, t in enumerate(tokens):
        if depths[k] == 0 and t.kind == "PUNCT" and t.text == "{":
            seen_group = True
        if not seen_group or depths[k] != 0 or t.kind != "WORD":
            continue
        if t.value == "LIMIT":
            num = tokens[k + 1]
            start = offsets[k + 1]
            return _splice(insp.text, [(start, start + len(num.text), str(cap + 1))]), True
        if t.value == "VALUES":
            return _splice(insp.text, [(offsets[k], offsets[k], f"LIMIT {cap + 1} ")]), True
    return insp.text + f"\nLIMIT {cap + 1}", True


def _iri(value: str) -> str:
    if not value or IRI_FORBIDDEN.search(value) or not re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", value):
        raise RewriteError(f"{value!r} is not an absolute IRI")
    return "<" + value.replace("'", "\\u0027") + ">"


def with_using(insp: Inspection, using: tuple[str, ...], using_named: tuple[str, ...]) -> str:
    """The update with USING / USING NAMED clauses for the protocol's dataset; a conflict raises RewriteError."""
    if not using and not using_named:
        return insp.text
    if insp.has_dataset_clause:
        raise RewriteError("using-graph-uri / using-named-graph-uri cannot be combined with USING, USING NAMED or "
                           "WITH in the update itself (SPARQL 1.1 Protocol, 2.2.3)")
    clause = " ".join([f"USING {_iri(g)}" for g in using] + [f"USING NAMED {_iri(g)}" for g in using_named]) + " "
    tokens, offsets, depths = insp.tokens, _offsets(insp), _top_level(insp.tokens)
    edits = []
    for k, t in enumerate(tokens):
        if depths[k] == 0 and t.kind == "WORD" and t.value == "WHERE" and k and tokens[k - 1].kind == "PUNCT" \
                and tokens[k - 1].text == "}":
            edits.append((offsets[k], offsets[k], clause))
    return _splice(insp.text, edits)


def render_term(spec: tuple) -> str:
    """SPARQL text of a bound parameter: ("iri", value) or ("literal", value, datatype, language)."""
    if spec[0] == "iri":
        return _iri(spec[1])
    _, value, datatype, language = spec
    quoted = '"' + value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r") + '"'
    if language:
        if not re.fullmatch(r"[a-zA-Z]+(?:-[a-zA-Z0-9]+)*", language):
            raise RewriteError(f"{language!r} is not a language tag")
        return f"{quoted}@{language}"
    return f"{quoted}^^{_iri(datatype)}" if datatype else quoted


def substitution_problem(insp: Inspection, names: set[str]) -> Optional[str]:
    """Why these variables cannot be written in as constants (None when they can)."""
    tokens = insp.tokens
    in_values = False
    for k, t in enumerate(tokens):
        if t.kind == "WORD" and t.value == "VALUES":
            in_values = True
        elif in_values and t.kind == "PUNCT" and t.text == "{":
            in_values = False
        if t.kind != "VAR" or t.value not in names:
            continue
        before = tokens[k - 1] if k else None
        if before is not None and before.kind == "WORD" and before.value == "AS":
            return f"?{t.value} is computed (AS ?{t.value}); a parameter must be an input"
        if in_values:
            return f"?{t.value} is listed in a VALUES clause"
        if before is not None and before.text == "(" and k >= 2 and tokens[k - 2].kind == "WORD" \
                and tokens[k - 2].value == "BOUND":
            return f"BOUND(?{t.value}) cannot take a constant"
    return None


def substitute(insp: Inspection, terms: dict[str, str]) -> str:
    """Write each parameter's term (SPARQL text from :func:`render_term`) where its variable stands: in a
    projection as ``(term AS ?v)``, after ORDER/GROUP BY as ``(term)``, elsewhere as the term itself."""
    tokens, offsets = insp.tokens, _offsets(insp)
    edits: list[tuple[int, int, str]] = []
    clause = ""
    for k, t in enumerate(tokens):
        if t.kind == "WORD":
            if t.value == "SELECT":
                clause = "projection"
            elif t.value in ("WHERE", "FROM"):
                clause = ""
            elif t.value == "BY":
                clause = "modifiers"
            elif t.value in ("HAVING", "LIMIT", "OFFSET", "VALUES"):
                clause = ""
        elif t.kind == "PUNCT" and t.text in ("{", "}"):
            clause = ""
        if t.kind != "VAR" or t.value not in terms:
            continue
        term = terms[t.value]
        plain = t.context not in ("", "group") or not clause
        if clause == "projection" and not plain:
            new = f"({term} AS ?{t.value})"
        elif clause == "modifiers" and not plain:
            new = f"({term})"
        else:
            new = term
        edits.append((offsets[k], offsets[k] + 1 + len(t.value), new))  # canonical text writes "?name"
    return _splice(insp.text, edits)
