"""Check a gold file against its document (conventions: tests/gold/STRICT.md).

Usage: python tests/gold/check_gold.py GOLD.tsv DOC [GOLD.tsv DOC ...]
Prints one line per problem and exits 1 when there is any. Standalone: needs only the standard library, so a
gold file can be checked before any of the project is installed.
"""
from __future__ import annotations

import html
import re
import sys
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


def document_text(path: Path) -> str:
    raw = path.read_text(encoding="utf-8")
    if path.suffix.lower() in (".html", ".htm"):
        p = _Visible()
        p.feed(raw)
        raw = html.unescape("".join(p.parts))
    return raw


def _squash(s: str) -> str:
    return " ".join(s.split())


def check(gold: Path, doc: Path) -> list[str]:
    problems: list[str] = []
    lines = gold.read_text(encoding="utf-8").splitlines()
    if not lines or tuple(lines[0].split("\t")) != COLUMNS:
        return [f"{gold}:1: header must be: {' '.join(COLUMNS)} (tab-separated)"]
    text = document_text(doc)
    squashed = _squash(text)
    is_html = doc.suffix.lower() in (".html", ".htm")
    ids: set[str] = set()
    for n, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        cells = line.split("\t")
        where = f"{gold.name}:{n}"
        if len(cells) != len(COLUMNS):
            problems.append(f"{where}: {len(cells)} columns, expected 11")
            continue
        row = dict(zip(COLUMNS, cells))
        for k, v in row.items():
            if v != v.strip():
                problems.append(f"{where}: {k} has leading/trailing spaces")
        if row["id"] in ids:
            problems.append(f"{where}: duplicate id {row['id']}")
        ids.add(row["id"])
        if row["doc"] != doc.name:
            problems.append(f"{where}: doc {row['doc']!r} is not {doc.name!r}")
        kind = row["kind"]
        if kind not in KINDS:
            problems.append(f"{where}: unknown kind {kind!r}")
        if not row["subject"]:
            problems.append(f"{where}: empty subject")
        if row["scale"] not in SCALES:
            problems.append(f"{where}: unknown scale {row['scale']!r}")
        value, unit = row["value"], row["unit"]
        if not value:
            problems.append(f"{where}: empty value")
        if unit == "date":
            if not _ISO.match(value):
                problems.append(f"{where}: date {value!r} is not ISO")
            else:
                parts = [int(x) for x in value.split("-")] + [1, 1]
                try:
                    date(*parts[:3])
                except ValueError:
                    problems.append(f"{where}: date {value!r} does not exist")
        elif kind in NUMERIC_KINDS or unit in ("%", "pp", "bps", "rank") or _CURRENCY.match(unit) or row["scale"]:
            if not (_NUMBER.match(value) or _RANGE.match(value)):
                problems.append(f"{where}: value {value!r} is not a number or a range a..b")
        if kind in ("metric", "change", "market_share", "count", "investment", "price") and not unit:
            problems.append(f"{where}: a {kind} needs a unit")
        if kind == "ranking" and unit != "rank":
            problems.append(f"{where}: a ranking's unit is 'rank'")
        if kind == "market_share" and unit not in ("%",):
            problems.append(f"{where}: a market share's unit is '%'")
        if row["period"] and not _PERIOD.match(row["period"]):
            problems.append(f"{where}: period {row['period']!r} is not one of the forms of STRICT.md")
        quals: dict[str, str] = {}
        for part in filter(None, (p.strip() for p in row["qualifier"].split(";"))):
            k, sep, v = part.partition("=")
            if not sep or not k.strip() or not v.strip():
                problems.append(f"{where}: qualifier {part!r} is not key=value")
                continue
            quals[k.strip()] = v.strip()
            if k.strip() not in QUALIFIER_KEYS:
                problems.append(f"{where}: unknown qualifier key {k.strip()!r}")
        if "modality" in quals and quals["modality"] not in MODALITIES:
            problems.append(f"{where}: modality {quals['modality']!r} not in {sorted(MODALITIES)}")
        if "accounting" in quals and quals["accounting"] not in ACCOUNTING:
            problems.append(f"{where}: accounting {quals['accounting']!r} not in {sorted(ACCOUNTING)}")
        if "/" in row["period"] and "fiscal" not in quals:
            problems.append(f"{where}: an interval period needs fiscal=")
        chrome = "page chrome" in quals.get("note", "")
        classes = [c.strip() for c in quals.get("class", "").split(",") if c.strip()]
        if not classes and not chrome:
            problems.append(f"{where}: no class=")
        for c in classes:
            if c not in CLASSES:
                problems.append(f"{where}: unknown class {c!r}")
        if row["subject"] == "market" and "market" not in quals:
            problems.append(f"{where}: a market total needs market=")
        quote = row["quote"]
        if not quote:
            problems.append(f"{where}: empty quote")
            continue
        if is_html:
            count = squashed.count(_squash(quote))
        else:
            count = text.count(quote)
        if count != 1:
            problems.append(f"{where}: quote found {count} times (must be exactly once): {quote!r}")
    return problems


def main(argv: list[str]) -> int:
    if len(argv) < 2 or len(argv) % 2:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    problems: list[str] = []
    for gold, doc in zip(argv[::2], argv[1::2]):
        problems += check(Path(gold), Path(doc))
    for p in problems:
        print(p)
    if not problems:
        print("ok")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
