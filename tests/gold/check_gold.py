"""Check a gold file against its document (conventions: tests/gold/STRICT.md).

Usage: python tests/gold/check_gold.py GOLD.tsv DOC [GOLD.tsv DOC ...]
Prints one line per problem and exits 1 when there is any. Each quote must be in the document as the pipeline
reads it (graph/read: an HTML page's main content, a PDF's text layer) exactly once — verbatim for text and
Markdown, whitespace-insensitively for converted documents. A quote the reader leaves out of a converted document
(a byline outside the main content) is a note, not a problem, when the file shows it exactly once: the scorer
counts it as a miss; page chrome may be left out silently. Runs with the standard library alone (HTML then read by
a simple visible-text parser, PDF not at all), so a gold file can be checked before the project is installed.
"""
from __future__ import annotations

import html
import re
import sys
from dataclasses import dataclass
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

COLUMNS = ("id", "doc", "kind", "subject", "predicate", "value", "unit", "scale", "period", "qualifier", "quote")
KINDS = {"metric", "change", "market_share", "ranking", "count", "investment", "price", "spec", "launch",
         "person", "organisation", "product", "event"}
SCALES = {"", "thousand", "million", "billion", "trillion"}
QUALIFIER_KEYS = {"market", "category", "source", "basis", "accounting", "modality", "hedge", "variant", "multiple",
                  "rank_type", "fiscal", "note", "class", "org", "alias", "flag", "status", "year", "unit"}
MODALITIES = {"guidance", "forecast", "target", "consensus", "estimate"}
ACCOUNTING = {"GAAP", "non-GAAP", "IFRS", "adjusted", "constant currency", "non-IFRS"}
CLASSES = {
    "subject-explicit", "subject-issuer", "subject-pronoun", "subject-carried", "subject-market", "subject-group",
    "subject-segment", "subject-unknown-company", "subject-product", "period-explicit", "period-carried",
    "period-fiscal", "period-forecast", "period-prior", "layout-table", "layout-list", "layout-label",
    "layout-wrapped", "layout-markup", "layout-headline", "names-product-new", "names-person", "vocab-new-metric",
    "vocab-range", "vocab-multiple", "vocab-rank-words", "vocab-flat", "vocab-absolute-change", "vocab-noun-change",
    "vocab-bps", "modality", "basis-accounting", "respectively", "conversion",
}
NUMERIC_KINDS = {"metric", "change", "market_share", "ranking", "count", "investment", "price"}
_NUMBER = re.compile(r"^-?\d+(?:\.\d+)?$")
_RANGE = re.compile(r"^-?\d+(?:\.\d+)?\.\.-?\d+(?:\.\d+)?$")
_PERIOD = re.compile(
    r"^(?:Q[1-4] \d{4}|H[12] \d{4}|9M \d{4}|FY\d{4}|\d{4}-\d{2}|\d{4}-\d{2}-\d{2}|\d{4}-\d{4}|"
    r"\d{4}-\d{2}-\d{2}/\d{4}-\d{2}-\d{2})$")
_ISO = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")
_CURRENCY = re.compile(r"^[A-Z]{3}$")


class _Visible(HTMLParser):
    """Visible text of an HTML page: script/style/head content dropped, block elements separated."""

    BLOCKS = {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "th", "table",
              "section", "article", "header", "footer", "nav", "aside", "blockquote", "pre", "dt", "dd"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "head", "template"):
            self.skip += 1
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in ("script", "style", "head", "template"):
            self.skip = max(0, self.skip - 1)
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


CONVERTED = (".html", ".htm", ".pdf")


def visible_text(path: Path) -> str:
    """The file's text as a reader sees it: HTML without markup (script/style/head dropped), others as they are."""
    raw = path.read_text(encoding="utf-8")
    if path.suffix.lower() in (".html", ".htm"):
        p = _Visible()
        p.feed(raw)
        raw = html.unescape("".join(p.parts))
    return raw


def text_as_read(path: Path) -> str:
    """The text the pipeline reads (graph/read) when the project is installed, else ``visible_text``."""
    try:
        from marketgraph.graph.read import read_path
    except ImportError:
        if path.suffix.lower() == ".pdf":
            raise SystemExit(f"{path}: reading a PDF needs the project installed (pip install -e .)")
        return visible_text(path)
    return read_path(path).text


def occurrences(text: str, quote: str, exact: bool) -> int:
    """How many times ``quote`` is in ``text``: verbatim, or with any run of whitespace (or table bars) where the
    quote has whitespace (how the scorer locates a quote in a converted document)."""
    if exact:
        return text.count(quote)
    words = quote.split()
    if not words:
        return 0
    return sum(1 for _ in re.finditer(r"[\s|]+".join(re.escape(w) for w in words), text))


@dataclass(frozen=True)
class Problem:
    """One finding: ``where`` is file:line, ``row`` the row id; ``detail`` may quote the row (left out of
    ``public``, which names no content: for the sealed set). A note does not fail the check."""

    where: str
    row: str
    message: str
    detail: str = ""
    note: bool = False

    @property
    def public(self) -> str:
        return f"{self.where} {self.row}: {self.message}".replace(" : ", ": ")

    def __str__(self) -> str:
        return f"{'note: ' if self.note else ''}{self.where}: {self.message}" + (f": {self.detail}" if self.detail
                                                                                else "")


def check(gold: Path, doc: Path) -> list[Problem]:
    lines = gold.read_text(encoding="utf-8").splitlines()
    if not lines or tuple(lines[0].split("\t")) != COLUMNS:
        return [Problem(f"{gold.name}:1", "", f"header must be: {' '.join(COLUMNS)} (tab-separated)")]
    converted = doc.suffix.lower() in CONVERTED
    text = text_as_read(doc)
    shown: str | None = None                      # the converted file's visible text, read when needed
    problems: list[Problem] = []
    ids: set[str] = set()
    for n, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        cells = line.split("\t")
        where = f"{gold.name}:{n}"
        if len(cells) != len(COLUMNS):
            problems.append(Problem(where, "", f"{len(cells)} columns, expected {len(COLUMNS)}"))
            continue
        row = dict(zip(COLUMNS, cells))
        rid = row["id"]

        def bad(message: str, detail: str = "", note: bool = False) -> None:
            problems.append(Problem(where, rid, message, detail, note))

        for k, v in row.items():
            if v != v.strip():
                bad(f"{k} has leading/trailing spaces")
        if rid in ids:
            bad("duplicate id")
        ids.add(rid)
        if row["doc"] != doc.name:
            bad("doc is not the document's file name", f"{row['doc']!r} is not {doc.name!r}")
        kind = row["kind"]
        if kind not in KINDS:
            bad("unknown kind", repr(kind))
        if not row["subject"]:
            bad("empty subject")
        if row["scale"] not in SCALES:
            bad("unknown scale", repr(row["scale"]))
        value, unit = row["value"], row["unit"]
        if not value:
            bad("empty value")
        if unit == "date":
            if not _ISO.match(value):
                bad("date is not ISO", repr(value))
            else:
                parts = [int(x) for x in value.split("-")] + [1, 1]
                try:
                    date(*parts[:3])
                except ValueError:
                    bad("date does not exist", repr(value))
        elif kind in NUMERIC_KINDS or unit in ("%", "pp", "bps", "rank") or _CURRENCY.match(unit) or row["scale"]:
            if not (_NUMBER.match(value) or _RANGE.match(value)):
                bad("value is not a number or a range a..b", repr(value))
        if kind in ("metric", "change", "market_share", "count", "investment", "price") and not unit:
            bad(f"a {kind} needs a unit")
        if kind == "ranking" and unit != "rank":
            bad("a ranking's unit is 'rank'")
        if kind == "market_share" and unit not in ("%",):
            bad("a market share's unit is '%'")
        if row["period"] and not _PERIOD.match(row["period"]):
            bad("period is not one of the forms of STRICT.md", repr(row["period"]))
        quals: dict[str, str] = {}
        for part in filter(None, (p.strip() for p in row["qualifier"].split(";"))):
            k, sep, v = part.partition("=")
            if not sep or not k.strip() or not v.strip():
                bad("qualifier is not key=value", repr(part))
                continue
            quals[k.strip()] = v.strip()
            if k.strip() not in QUALIFIER_KEYS:
                bad("unknown qualifier key", repr(k.strip()))
        if "modality" in quals and quals["modality"] not in MODALITIES:
            bad(f"modality not in {sorted(MODALITIES)}", repr(quals["modality"]))
        if "accounting" in quals and quals["accounting"] not in ACCOUNTING:
            bad(f"accounting not in {sorted(ACCOUNTING)}", repr(quals["accounting"]))
        if "/" in row["period"] and "fiscal" not in quals:
            bad("an interval period needs fiscal=")
        chrome = "page chrome" in quals.get("note", "")
        classes = [c.strip() for c in quals.get("class", "").split(",") if c.strip()]
        if not classes and not chrome:
            bad("no class=")
        for c in classes:
            if c not in CLASSES:
                bad("unknown class", repr(c))
        if row["subject"] == "market" and "market" not in quals:
            bad("a market total needs market=")
        quote = row["quote"]
        if not quote:
            bad("empty quote")
            continue
        count = occurrences(text, quote, exact=not converted)
        if count == 1:
            continue
        if count > 1 or not converted:
            bad(f"quote found {count} times in the text as read (must be exactly once)", repr(quote))
            continue
        if shown is None:
            shown = visible_text(doc) if doc.suffix.lower() != ".pdf" else text
        in_file = occurrences(shown, quote, exact=False)
        if in_file != 1:
            bad(f"quote found {in_file} times in the file (must be exactly once)", repr(quote))
        elif not chrome:
            bad("not in the main content as read (the reader leaves it out; scored as a miss)", repr(quote),
                note=True)
    return problems


def main(argv: list[str]) -> int:
    if len(argv) < 2 or len(argv) % 2:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    problems: list[Problem] = []
    for gold, doc in zip(argv[::2], argv[1::2]):
        problems += check(Path(gold), Path(doc))
    for p in problems:
        print(p)
    errors = [p for p in problems if not p.note]
    if not errors:
        print("ok")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
