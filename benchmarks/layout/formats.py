"""Format invariance (a metamorphic measure, not a timed test): a document's facts must not depend on whether it
arrives as text, as a simple HTML page or as a PDF.

Every text of the seeds, dev and broad corpora (as the read stage reads it) is rendered mechanically

- as a **simple HTML page**: the title line in ``<title>`` and, where it stands, in ``<h1>``; each paragraph in a
  ``<p>`` (the lines of a several-line paragraph kept, broken by ``<br>``); a block of bullets as ``<ul>``; a block of
  column-aligned or pipe rows as a ``<table>``;
- as a **PDF** written by fpdf2: the title line larger and bold, prose wrapped to the page width by fpdf2 (ranged
  left; ``--justify`` justifies it), table rows in a fixed-width font, a page number at the foot of every page;

and each rendering is read through the read stage and segmented as ``marketgraph add`` reads a file
(``evalrun.run_files``). Facts are compared by kind, subject, metric, value, unit and period; every quote is
checked verbatim at its offsets in the normalised text.

    .venv/bin/python benchmarks/layout/formats.py [--corpora seeds dev broad] [--show 20] [--only html|pdf]
"""
from __future__ import annotations

import argparse
import html as htmllib
import pickle
import re
import sys
import tempfile
from collections import Counter
from pathlib import Path

from marketgraph.graph.evalrun import run_files
from marketgraph.graph.read import read_path
from marketgraph.graph.settings import Settings

_ROW = re.compile(r"\S(?: {2,}|\t+)\S.*\d|^\s*\|.*\|\s*$")
_BULLET = re.compile(r"^\s*(?:[-*•·▪●◦–—]|\(?\d{1,2}[.)])\s+\S")
_FONT = Path("/usr/share/fonts/truetype/dejavu")


def corpus_files(settings: Settings, corpora: list[str]) -> list[Path]:
    out = []
    for c in corpora:
        folder = settings.paths.sources / c
        out += sorted(p for p in folder.iterdir() if p.suffix in (".txt", ".md", ".html") and
                      not p.name.startswith("MANIFEST"))
    return out


def blocks(text: str) -> list[list[str]]:
    """The text's paragraphs (runs of non-blank lines), each as its lines."""
    out: list[list[str]] = []
    cur: list[str] = []
    for line in text.split("\n"):
        if line.strip():
            cur.append(line.rstrip())
        elif cur:
            out.append(cur)
            cur = []
    if cur:
        out.append(cur)
    return out


def _cells(line: str) -> list[str]:
    s = line.strip()
    if s.startswith("|"):
        return [c.strip() for c in s.strip("|").split("|")]
    return [c for c in re.split(r" {2,}|\t+", s) if c]


def title_line(text: str) -> str:
    """The line a web page or a PDF would show as the document's title: among the first paragraphs, the first of
    one line that reads as a headline (3 to 20 words, no sentence or clause end; not a row or a bullet), else the
    document's first line."""
    for b in blocks(text)[:8]:
        if len(b) == 1 and not _ROW.search(b[0]) and not _BULLET.match(b[0]) and 3 <= len(b[0].split()) <= 20 \
                and not re.search(r"[.,;:]\s*$", b[0]):
            return b[0].strip()
    return next(line.strip() for line in text.split("\n") if line.strip())


def is_table(block: list[str]) -> bool:
    """A block of two or more rows (column-aligned or pipe lines with figures), at least half its lines rows: a
    header over the columns, on one line or several, goes with them."""
    rows = sum(bool(_ROW.search(x)) for x in block)
    return rows >= 2 and rows * 2 >= len(block)


def render_html(text: str) -> str:
    title = title_line(text)
    e = htmllib.escape
    body: list[str] = []
    h1_done = False
    for b in blocks(text):
        if is_table(b):
            rows = []
            for x in b:
                if re.fullmatch(r"\s*\|?[\s:|-]+\|?\s*", x):
                    continue
                lead = ["<td></td>"] if x[:1].isspace() and not x.lstrip().startswith("|") else []
                rows.append("<tr>" + "".join(lead + [f"<td>{e(c)}</td>" for c in _cells(x)]) + "</tr>")
            body.append("<table>\n" + "\n".join(rows) + "\n</table>")
        elif all(_BULLET.match(x) for x in b):
            items = [re.sub(r"^\s*(?:[-*•·▪●◦–—])\s+", "", x) for x in b]
            body.append("<ul>\n" + "\n".join(f"<li>{e(i)}</li>" for i in items) + "\n</ul>")
        elif not h1_done and len(b) == 1 and b[0].strip() == title:
            body.append(f"<h1>{e(title)}</h1>")
            h1_done = True
        else:
            body.append("<p>" + "<br>\n".join(e(x.strip()) for x in b) + "</p>")
    return (f"<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>{e(title)}</title></head>\n<body>\n"
            f"<article>\n" + "\n".join(body) + "\n</article>\n</body></html>\n")


def render_pdf(text: str, justify: bool = False) -> bytes:
    from fpdf import FPDF

    class Pdf(FPDF):
        def footer(self) -> None:
            self.set_y(-15)
            self.set_font("dv", size=8)
            self.cell(0, 10, str(self.page_no()), align="C")

    title = title_line(text)
    pdf = Pdf()
    pdf.add_font("dv", fname=str(_FONT / "DejaVuSans.ttf"))
    pdf.add_font("dv", style="B", fname=str(_FONT / "DejaVuSans-Bold.ttf"))
    pdf.add_font("mono", fname=str(_FONT / "DejaVuSansMono.ttf"))
    pdf.set_auto_page_break(True, margin=20)
    pdf.add_page()
    title_done = False
    for b in blocks(text):
        table = is_table(b)
        for x in b:
            if table:
                pdf.set_font("mono", size=7)
                pdf.multi_cell(0, 4, x, new_x="LMARGIN", new_y="NEXT")
            elif not title_done and x.strip() == title:
                pdf.set_font("dv", "B", size=14)
                pdf.multi_cell(0, 7, x.strip(), new_x="LMARGIN", new_y="NEXT")
                title_done = True
            else:
                pdf.set_font("dv", size=10)
                pdf.multi_cell(0, 5, x.strip(), new_x="LMARGIN", new_y="NEXT", align="J" if justify else "L")
        pdf.ln(4)
    return bytes(pdf.output())


def _key(f) -> tuple:
    return (f.kind, f.subject.key, f.metric, str(f.value), f.unit, f.period.label if f.period else None)


def facts(settings: Settings, files: list[Path]) -> tuple[dict[str, Counter], int]:
    """Facts per original file stem (a multiset of keys), and the number of quotes not verbatim at their offsets."""
    run = run_files(settings, files)
    by_name = {f.name: f.stem for f in files}
    out: dict[str, Counter] = {f.stem: Counter() for f in files}
    bad = 0
    for r in run.results:
        name = Path(r.document.source_file).name
        stem = by_name.get(name, Path(name).stem)
        text = run.texts.get(name, "")
        for f in r.facts:
            if f.kind == "qa_turn":
                continue
            out.setdefault(stem, Counter())[_key(f)] += 1
            if text[f.evidence.start:f.evidence.end] != f.evidence.quote:
                bad += 1
    return out, bad


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpora", nargs="+", default=["seeds", "dev", "broad"])
    ap.add_argument("--only", choices=["html", "pdf"])
    ap.add_argument("--show", type=int, default=0, help="list this many differing facts per document")
    ap.add_argument("--justify", action="store_true", help="justify the PDF's prose (word gaps widened)")
    ap.add_argument("--cache", type=Path, help="keep the text's facts in this file and reuse them (while only the "
                    "HTML or PDF reading changes)")
    ap.add_argument("--keep", type=Path, help="write the renderings to this folder")
    args = ap.parse_args()
    settings = Settings()
    files = corpus_files(settings, args.corpora)
    tmp = Path(tempfile.mkdtemp(prefix="formats-")) if args.keep is None else args.keep
    folders = {k: tmp / k for k in ("txt", "html", "pdf")}
    for d in folders.values():
        d.mkdir(parents=True, exist_ok=True)
    for f in files:
        text = read_path(f).text
        (folders["txt"] / f"{f.stem}.txt").write_text(text, encoding="utf-8")
        (folders["html"] / f"{f.stem}.html").write_text(render_html(text), encoding="utf-8")
        (folders["pdf"] / f"{f.stem}.pdf").write_bytes(render_pdf(text, args.justify))
    if args.cache and args.cache.exists():
        base, bad = pickle.loads(args.cache.read_bytes())
    else:
        base, bad = facts(settings, sorted(folders["txt"].iterdir()))
        if args.cache:
            args.cache.write_bytes(pickle.dumps((base, bad)))
    total = sum(sum(c.values()) for c in base.values())
    print(f"text: {total} facts in {len(files)} files ({bad} quotes not at their offsets)")
    for fmt in ("html", "pdf"):
        if args.only and fmt != args.only:
            continue
        other, bad = facts(settings, sorted(folders[fmt].iterdir()))
        lost = gained = 0
        per_doc = []
        for stem in sorted(set(base) | set(other)):
            a, b = base.get(stem, Counter()), other.get(stem, Counter())
            lo, ga = a - b, b - a
            lost += sum(lo.values())
            gained += sum(ga.values())
            if lo or ga:
                per_doc.append((stem, lo, ga))
        print(f"{fmt}: {lost} of {total} text facts lost, {gained} facts not in the text's; "
              f"{lost + gained} differ; {bad} quotes not at their offsets")
        for stem, lo, ga in sorted(per_doc, key=lambda x: -sum(x[1].values()) - sum(x[2].values())):
            print(f"   {stem}: -{sum(lo.values())} +{sum(ga.values())}")
            for k in sorted(lo)[:args.show]:
                print(f"      - {k}")
            for k in sorted(ga)[:args.show]:
                print(f"      + {k}")
    print(f"(renderings in {tmp})", file=sys.stderr)


if __name__ == "__main__":
    main()
