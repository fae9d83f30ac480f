"""Measures of a token list's shape (api/sparql/lexer.py tokens): bracket depth, triple patterns, and the
triple patterns themselves read loosely — enough for budgets (guard) and lanes, not a parser."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from .lexer import Token

OPENERS = {"{", "(", "[", "<<", "<<(", "{|"}
CLOSERS = {"}", ")", "]", ">>", ")>>", "|}"}
TERMS = {"IRI", "PNAME", "VAR", "BNODE", "STRING", "NUMBER"}
PATH_OPS = {"/", "|", "^", "*", "+", "?", "!"}


def depth_of(tokens: list[Token]) -> int:
    depth = deepest = 0
    for t in tokens:
        if t.kind == "PUNCT":
            if t.text in OPENERS:
                depth += 1
                deepest = max(deepest, depth)
            elif t.text in CLOSERS:
                depth -= 1
    return deepest


def patterns_of(tokens: list[Token]) -> int:
    """Triple patterns, counted as the parser groups them: one per subject, one more per ';' and ','."""
    count = 0
    prev: Optional[Token] = None
    for t in tokens:
        if t.context in ("group", "bnode"):
            if t.kind == "PUNCT" and t.text in (";", ","):
                count += 1
            elif (t.kind in TERMS or (t.kind == "WORD" and t.value in ("true", "false"))) and (
                    prev is None or (prev.kind == "PUNCT" and prev.text in ("{", ".", "}", "[", "{|"))):
                count += 1
        prev = t
    return count


@dataclass(frozen=True)
class Triple:
    subject: Token
    verb: Token
    obj: Token
    path: bool          # the verb is a property path with an operator
    group: int          # which group (counted by its opening brace) the pattern stands in


def triples(tokens: list[Token]) -> list[Triple]:
    """Triple patterns of the groups, read loosely (enough to judge their shape; nested brackets are opaque)."""
    out: list[Triple] = []
    state, subject, verb, path = "S", None, None, False
    group = -1
    for t in tokens:
        if t.kind == "PUNCT" and t.text == "{":
            group += 1
        if t.context not in ("group", "bnode") or (t.kind == "PUNCT" and t.text in ("{", "}")):
            state = "S" if t.kind == "PUNCT" and t.text in ("{", "}") else state
            continue
        term = t.kind in ("IRI", "VAR", "BNODE", "STRING", "NUMBER") or (t.kind == "WORD" and t.value in (
            "true", "false")) or (t.kind == "PUNCT" and t.text in ("[", "("))
        if t.kind == "WORD" and t.value not in ("a", "true", "false"):
            state = "S"
        elif state == "S" and term:
            subject, state = t, "V"
        elif state == "V" and (term or (t.kind == "WORD" and t.value == "a")):
            verb, path, state = t, False, "O"
        elif state == "O" and t.kind == "PUNCT" and t.text in PATH_OPS:
            path = True
            state = "P"
        elif state == "P":
            state = "P" if t.kind == "PUNCT" and t.text in PATH_OPS else "O"
            if state == "O" and not term:
                state = "S"
        elif state == "O" and term and subject is not None and verb is not None:
            out.append(Triple(subject, verb, t, path, group))
            state = "E"
        elif state == "E" and t.kind == "PUNCT" and t.text == ",":
            state = "O"
        elif state == "E" and t.kind == "PUNCT" and t.text == ";":
            state = "V"
        elif t.kind == "PUNCT" and t.text == ".":
            state = "S"
    return out
