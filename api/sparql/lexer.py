"""SPARQL read token by token the way pyoxigraph 0.5 reads it (api/sparql/canonical.py writes the tokens back).

pyoxigraph's parser (spargebra, a PEG parser without a separate lexer) decides what a character is by where it
stands. The rules copied here, because the guard must see what the engine will run:

- ``\\uXXXX`` / ``\\UXXXXXXXX`` escapes are decoded **only** inside IRIs and string literals (SPARQL 1.1's
  "decode escapes everywhere first" is off in pyoxigraph); a backslash anywhere else is an error.
- Keywords are matched case-insensitively (ASCII only) **without a word boundary**: ``SELECTDISTINCT``,
  ``FROMNAMED<g>`` and ``5SERVICE<u>{}`` are read as two keywords. ``a``, ``true`` and ``false`` are lower-case only.
- ``<`` after an operand inside an expression is the less-than operator; anywhere else it opens an IRI.
- A long string ends at the first ``'''`` / ``\"\"\"``; a local name has at most one run of inner dots.
- ``#`` starts a comment wherever whitespace may stand (not inside IRIs, strings or escaped local names).

Every step is a single pass over the text (no backtracking regular expression runs over unbounded input).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional


class SparqlSyntaxError(ValueError):
    def __init__(self, message: str, line: int, column: int):
        super().__init__(f"{message} at line {line}, column {column}")
        self.message, self.line, self.column = message, line, column


# Every bare word pyoxigraph 0.5 knows (its grammar's case-insensitive literals), plus the three lower-case ones.
KEYWORDS = frozenset("""
ABS ADD ADJUST ALL AS ASC ASK AVG BASE BIND BNODE BOUND BY CEIL CLEAR COALESCE CONCAT CONSTRUCT CONTAINS COPY COUNT
CREATE DATA DATATYPE DAY DEFAULT DELETE DESC DESCRIBE DISTINCT DROP ENCODE_FOR_URI EXISTS FILTER FLOOR FROM GRAPH
GROUP GROUP_CONCAT HAVING HOURS IF IN INSERT INTO IRI LANG LANGDIR LANGMATCHES LATERAL LCASE LIMIT LOAD MAX MD5 MIN
MINUS MINUTES MONTH MOVE NAMED NOT NOW OBJECT OFFSET OPTIONAL ORDER PREDICATE PREFIX RAND REDUCED REGEX REPLACE ROUND
SAMPLE SECONDS SELECT SEPARATOR SERVICE SHA1 SHA256 SHA384 SHA512 SILENT STR STRAFTER STRBEFORE STRDT STRENDS STRLANG
STRLANGDIR STRLEN STRSTARTS STRUUID SUBJECT SUBSTR SUM TIMEZONE TO TRIPLE TZ UCASE UNDEF UNION URI USING UUID VALUES
VERSION WHERE WITH YEAR HASLANG HASLANGDIR ISBLANK ISIRI ISLITERAL ISNUMERIC ISTRIPLE ISURI SAMETERM
""".split())
LOWER_WORDS = frozenset({"a", "true", "false"})
# Words after which "(" opens an expression (function calls, aggregates, constraints, projections).
EXPRESSION_OPENERS = (KEYWORDS - {"VALUES", "GRAPH", "SERVICE", "SILENT", "WHERE", "OPTIONAL", "MINUS", "UNION",
                                  "NAMED", "FROM", "USING", "WITH", "INTO", "TO", "DATA", "DEFAULT", "ALL",
                                  "INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY",
                                  "PREFIX", "BASE", "VERSION", "UNDEF", "LIMIT", "OFFSET", "CONSTRUCT", "DESCRIBE",
                                  "ASK", "EXISTS", "LATERAL"}) | {"BY"}

_BASE = ("A-Za-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u02FF\u0370-\u037D\u037F-\u1FFF\u200C-\u200D\u2070-\u218F"
         "\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD\U00010000-\U000EFFFF")
_U = _BASE + "_"
_CHARS = _U + r"\-0-9\u00B7\u0300-\u036F\u203F-\u2040"
_PLX = r"%[0-9A-Fa-f]{2}|\\[_~.\-!$&'()*+,;=/?#@%]"
_PREFIX = rf"[{_BASE}][{_CHARS}]*(?:\.+[{_CHARS}]+)*"
_LOCAL = rf"(?:[{_U}:0-9]|{_PLX})(?:[{_CHARS}:]|{_PLX})*(?:\.+(?:[{_CHARS}:]|{_PLX})+)?"
_VARNAME = rf"[{_U}0-9][{_U}0-9\u00B7\u0300-\u036F\u203F-\u2040]*"

SPACE = re.compile(r"(?:[ \t\r\n]+|#[^\r\n]*)+")
PNAME = re.compile(rf"((?:{_PREFIX})?):({_LOCAL})?")
VAR = re.compile(rf"[?$]({_VARNAME})")
BNODE = re.compile(rf"_:((?:[{_U}0-9])[{_CHARS}]*(?:\.+[{_CHARS}]+)*)")
LANGTAG = re.compile(r"@[a-zA-Z]+(?:-[a-zA-Z0-9]+)*(?:--[a-zA-Z]+)?")
NUMBER = re.compile(r"(?:[0-9]+\.[0-9]*[eE][+-]?[0-9]+|\.[0-9]+[eE][+-]?[0-9]+|[0-9]+[eE][+-]?[0-9]+"
                    r"|[0-9]*\.[0-9]+|[0-9]+)")
WORD = re.compile(r"[A-Za-z][A-Za-z0-9_]*")
IRI_BODY = re.compile(r"[^>]*")
PUNCT = ("<<(", ")>>", "<<", ">>", "{|", "|}", "^^", "&&", "||", "!=", "<=", ">=",
         "{", "}", "(", ")", "[", "]", ".", ",", ";", "*", "/", "|", "^", "!", "=", "<", ">", "+", "-", "?", "~")
PUNCT_RE = re.compile("|".join(re.escape(p) for p in PUNCT))  # in that order: longest first
PUNCT_START = frozenset(p[0] for p in PUNCT)
# Characters an IRI may not hold once its escapes are decoded (oxiri refuses them too).
IRI_FORBIDDEN = re.compile(r'[\x00-\x20<>"{}|^`\\]')
HEX4, HEX8 = re.compile(r"[0-9A-Fa-f]{4}"), re.compile(r"[0-9A-Fa-f]{8}")
ECHARS = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f", '"': '"', "'": "'", "\\": "\\"}
OPERAND_END = {"VAR", "IRI", "PNAME", "STRING", "LANGTAG", "NUMBER"}


@dataclass
class Token:
    kind: str            # IRI PNAME VAR BNODE STRING LANGTAG NUMBER WORD PUNCT
    text: str            # as written (WORD: as written; PUNCT: the operator)
    value: str           # IRI: decoded IRI; PNAME: "prefix:local" unescaped; STRING: decoded; WORD: upper case
    line: int
    column: int
    end_line: int = 0
    context: str = ""    # the bracket the token stands in: group, expr, list, bnode, triple, or "" at top level
    glued: bool = False  # written right after the previous token, with no space or comment between


def _decode_hex(text: str, i: int, size: int, line: int, col: int) -> tuple[str, int]:
    pattern = HEX4 if size == 4 else HEX8
    if not pattern.fullmatch(text, i, i + size):
        raise SparqlSyntaxError(f"\\{'u' if size == 4 else 'U'} must be followed by {size} hexadecimal digits",
                                line, col)
    code = int(text[i:i + size], 16)
    if code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
        raise SparqlSyntaxError(f"\\{'u' if size == 4 else 'U'}{text[i:i + size]} is not a Unicode character",
                                line, col)
    return chr(code), i + size


def _unescape_iri(body: str, line: int, col: int) -> str:
    if "\\" not in body:
        return body
    out, i = [], 0
    while True:
        j = body.find("\\", i)
        if j < 0:
            out.append(body[i:])
            return "".join(out)
        out.append(body[i:j])
        kind = body[j + 1:j + 2]
        if kind not in ("u", "U"):
            raise SparqlSyntaxError("IRIs may only hold the escapes \\uXXXX and \\UXXXXXXXX", line, col)
        ch, i = _decode_hex(body, j + 2, 4 if kind == "u" else 8, line, col)
        out.append(ch)


def _string(text: str, i: int, line: int, col: int) -> tuple[str, int]:
    """A string literal starting at ``i``: (decoded value, end index). PEG semantics: a long string closes at
    the first run of three quotes; a short one may hold no line break."""
    q = text[i]
    long_form = text.startswith(q * 3, i)
    j = i + (3 if long_form else 1)
    out: list[str] = []
    n = len(text)
    while True:
        if j >= n:
            raise SparqlSyntaxError("unterminated string", line, col)
        c = text[j]
        if c == q:
            if not long_form:
                return "".join(out), j + 1
            run = 1
            while run < 3 and j + run < n and text[j + run] == q:
                run += 1
            if run == 3:
                return "".join(out), j + 3
            if j + run >= n:
                raise SparqlSyntaxError("unterminated string", line, col)
            out.append(q * run)
            j += run
            continue
        if c == "\\":
            kind = text[j + 1:j + 2]
            if kind in ECHARS:
                out.append(ECHARS[kind])
                j += 2
            elif kind in ("u", "U"):
                ch, j = _decode_hex(text, j + 2, 4 if kind == "u" else 8, line, col)
                out.append(ch)
            else:
                raise SparqlSyntaxError("the characters that can be escaped in strings are tbnrf\"'\\ and "
                                        "\\uXXXX / \\UXXXXXXXX", line, col)
            continue
        if not long_form and c in "\r\n":
            raise SparqlSyntaxError("a line break inside a short string (use \\n or a long string)", line, col)
        k = j
        stop = q + "\\" + ("" if long_form else "\r\n")
        while k < n and text[k] not in stop:
            k += 1
        out.append(text[j:k])
        j = k


class _Scanner:
    """Tokenises, tracking the brackets that decide what ``<`` and ``(`` mean."""

    def __init__(self, text: str):
        self.text = text
        self.tokens: list[Token] = []
        self.stack: list[str] = []
        self.clause = ""          # "projection" after SELECT, "modifiers" after GROUP/ORDER BY or HAVING
        self.line, self.line_start = 1, 0
        self.spaced = True

    def position(self, i: int) -> tuple[int, int]:
        return self.line, i - self.line_start + 1

    def advance_lines(self, start: int, end: int) -> None:
        k = self.text.rfind("\n", start, end)
        if k >= 0:
            self.line += self.text.count("\n", start, end)
            self.line_start = k + 1

    def prev(self, back: int = 1) -> Optional[Token]:
        return self.tokens[-back] if len(self.tokens) >= back else None

    def expects_operator(self) -> bool:
        """Inside an expression right after an operand: ``<`` is less-than there."""
        if not self.stack or self.stack[-1] != "expr":
            return False
        p = self.prev()
        if p is None:
            return False
        if p.kind in OPERAND_END:
            return True
        return (p.kind == "PUNCT" and p.text in (")", "]")) or (p.kind == "WORD" and p.text in ("true", "false"))

    def paren_kind(self) -> str:
        """What the "(" just read opens (it is the last token; the ones before it decide)."""
        top = self.stack[-1] if self.stack else ""
        p, pp = self.prev(2), self.prev(3)
        if top == "expr":
            return "expr"
        if p is None:
            return "list"
        if p.kind == "WORD":
            if p.value == "VALUES":
                return "list"
            if p.value in EXPRESSION_OPENERS:
                return "expr"
        if self.clause in ("projection", "modifiers") and top in ("", "group") and (
                p.kind in ("VAR", "IRI", "PNAME") or (p.kind == "PUNCT" and p.text == ")")):
            return "expr"
        if p.kind in ("IRI", "PNAME") and pp is not None and pp.kind == "WORD" and pp.value == "FILTER":
            return "expr"
        return "list"

    def push(self, kind: str, value: str, i: int, end: int, line: int, col: int, raw: Optional[str] = None) -> None:
        tok = Token(kind, raw if raw is not None else self.text[i:end], value, line, col, line,
                    self.stack[-1] if self.stack else "", not self.spaced)
        self.tokens.append(tok)

    def run(self) -> list[Token]:
        text, n, i = self.text, len(self.text), 0
        while True:
            m = SPACE.match(text, i)
            self.spaced = bool(m) or not self.tokens
            if m:
                self.advance_lines(i, m.end())
                i = m.end()
            if i >= n:
                break
            line, col = self.position(i)
            c = text[i]
            if c in "\"'":
                value, end = _string(text, i, line, col)
                self.push("STRING", value, i, end, line, col)
                self.advance_lines(i, end)
                self.tokens[-1].end_line = self.line
                i = end
                continue
            if c == "<" and self.expects_operator():  # less-than: never the start of an IRI here
                op = "<=" if text.startswith("<=", i) else "<"
                self.push("PUNCT", op, i, i + len(op), line, col)
                i += len(op)
                continue
            if c == "<" and not text.startswith("<<", i):
                body = IRI_BODY.match(text, i + 1)
                end = body.end() if body else i + 1
                if end < n:  # found the closing ">"
                    raw = text[i + 1:end]
                    if not IRI_FORBIDDEN.search(raw.replace("\\u", "").replace("\\U", "")):
                        self.push("IRI", check_iri(_unescape_iri(raw, line, col), line, col), i, end + 1,
                                  line, col)
                        i = end + 1
                        continue
                if not self.stack or self.stack[-1] != "expr":
                    raise SparqlSyntaxError("an IRI was expected after '<' (IRIs may not hold spaces, quotes, "
                                            "braces or <>|^`\\)", line, col)
            if c in "?$":
                m = VAR.match(text, i)
                if m:
                    self.push("VAR", m.group(1), i, m.end(), line, col)
                    i = m.end()
                    continue
            if c == "_" and text.startswith("_:", i):
                m = BNODE.match(text, i)
                if not m:
                    raise SparqlSyntaxError("a blank node label was expected after '_:'", line, col)
                self.push("BNODE", m.group(1), i, m.end(), line, col)
                i = m.end()
                continue
            if c == "@":
                m = LANGTAG.match(text, i)
                if not m:
                    raise SparqlSyntaxError("a language tag was expected after '@'", line, col)
                self.push("LANGTAG", m.group(0), i, m.end(), line, col)
                i = m.end()
                continue
            if c in PUNCT_START and not (c == "." and text[i + 1:i + 2].isdigit()):
                m = PUNCT_RE.match(text, i)
                if m:
                    p = m.group(0)
                    self.push("PUNCT", p, i, i + len(p), line, col)
                    self.after_punct(p)
                    i += len(p)
                    continue
            m = PNAME.match(text, i)
            if m:
                local = (m.group(2) or "").replace("\\", "")
                self.push("PNAME", f"{m.group(1)}:{local}", i, m.end(), line, col)
                i = m.end()
                continue
            if c.isdigit() or (c == "." and text[i + 1:i + 2].isdigit()):
                m = NUMBER.match(text, i)
                assert m is not None
                self.push("NUMBER", m.group(0), i, m.end(), line, col)
                i = m.end()
                continue
            m = WORD.match(text, i)
            if m:
                word = m.group(0)
                if word not in LOWER_WORDS and word.upper() not in KEYWORDS:
                    raise SparqlSyntaxError(f"{word!r} is not a SPARQL keyword (keywords must be written apart, "
                                            f"names need a prefix: ex:{word})", line, col)
                value = word if word in LOWER_WORDS else word.upper()
                self.push("WORD", value, i, m.end(), line, col)
                self.after_word(value)
                i = m.end()
                continue
            for p in PUNCT:
                if text.startswith(p, i):
                    break
            else:
                raise SparqlSyntaxError(f"unexpected character {c!r}", line, col)
            if p == "<" and text.startswith("<=", i):
                p = "<="
            self.push("PUNCT", p, i, i + len(p), line, col)
            self.after_punct(p)
            i += len(p)
        return self.tokens

    def after_word(self, w: str) -> None:
        if w == "SELECT":
            self.clause = "projection"
        elif w in ("WHERE", "FROM"):
            self.clause = ""
        elif w in ("BY", "HAVING"):
            self.clause = "modifiers"
        elif w in ("LIMIT", "OFFSET", "VALUES"):
            self.clause = ""

    def after_punct(self, p: str) -> None:
        tok = self.tokens[-1]
        if p in ("{", "{|"):
            self.clause = ""
            self.stack.append("group")
        elif p == "(":
            kind = self.paren_kind()
            tok.context = kind  # the token records what it opens
            self.stack.append(kind)
        elif p in ("[", "<<", "<<("):
            self.stack.append("bnode" if p == "[" else "triple")
        elif p in ("}", "|}", ")", "]", ">>", ")>>"):
            if p in ("}", "|}"):
                self.clause = ""
            if not self.stack:
                raise SparqlSyntaxError(f"{p!r} closes nothing", tok.line, tok.column)
            self.stack.pop()


def check_iri(iri: str, line: int, col: int) -> str:
    """``iri`` unless it holds a character no IRI may hold."""
    if IRI_FORBIDDEN.search(iri):
        raise SparqlSyntaxError(f"the IRI <{iri[:60]}> holds a character IRIs may not hold", line, col)
    return iri


def tokenize(text: str) -> list[Token]:
    """The tokens of a query or update, as pyoxigraph 0.5 delimits them; :class:`SparqlSyntaxError` otherwise."""
    if "\x00" in text:
        k = text.index("\x00")
        line = text.count("\n", 0, k) + 1
        raise SparqlSyntaxError("a NUL character", line, k - (text.rfind("\n", 0, k) + 1) + 1)
    return _Scanner(text).run()
