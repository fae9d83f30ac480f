"""Time of the people and Q&A extractors per document, and their growth with the text (not a timed test).

Builds each document's extraction context once (layout view, sentences: shared with every extractor, so not
counted here), then times ``people.extract`` and ``qa.extract`` on every document of sources/ (seeds, dev, broad),
best of --rounds. Growth: an invented transcript-and-release text full of names, titles and contact lines, repeated
4, 8, 16 and 32 times, should take about 1x, 2x, 4x and 8x; so should a 100k-character adversarial text of
capitalised words, dashes and commas.

    .venv/bin/python benchmarks/people/run.py [--rounds 3] [--write]
"""
from __future__ import annotations

import argparse
import time
from datetime import datetime, timezone
from pathlib import Path

from marketgraph.graph.extract import people, qa
from marketgraph.graph.extract.context import ExtractionContext
from marketgraph.graph.extract.pipeline import engine_for
from marketgraph.graph.gazetteer import load_gazetteer
from marketgraph.graph.paths import ProjectPaths
from marketgraph.graph.read import read_path
from marketgraph.graph.records import Document
from marketgraph.graph.segment import documents_for_file

SAMPLE = """Corporate Participants
  Ada Lind          Orvik Sensors AB - President and Chief Executive Officer
  Jon Berg          Orvik Sensors AB - Chief Financial Officer

Operator: The first question comes from Paul Roux, Banque Solene.
Paul Roux -- Analyst, Banque Solene
Thanks. With me are Mira Costa, our CEO, and Felix Brandt, Chief Financial Officer of Orbel Robotics Inc.
"Demand is broad," said Ravi Menon, a principal analyst at Tallgrass Insight in Mumbai. CEO Dana Roe and CFO
Theo Lind guided to growth. Northvale partner Ilse Maas will join Orbel's board of directors.
Media contact: Rhys Moor, Head of Global Communications, +44 20 0000 0000
By Lena Vos, Markets Correspondent
(Reporting by Hana Ito in London and Omar Reyes in Taipei; Editing by Lise Berg)
Lin Wei
Chairman and Chief Executive Officer

"""
ADVERSARIAL = "Aaaa Bbbb, Cccc - Dddd -- Eeee / Ffff: Gggg (Hhhh, Iiii) Mr. Jjjj Kkkk as Llll and "


def _contexts(paths: ProjectPaths, gaz) -> list[ExtractionContext]:
    engine = engine_for(gaz, paths)
    out = []
    for corpus in ("seeds", "dev", "broad"):
        folder = paths.sources / corpus
        for p in sorted(folder.iterdir()) if folder.is_dir() else []:
            if p.suffix not in (".txt", ".md", ".html") or p.name.startswith("MANIFEST"):
                continue
            text = read_path(p).text
            for d in documents_for_file(paths, p, text):
                ctx = ExtractionContext(d, text, engine)
                ctx.sentences                       # the shared context, built before the clock starts
                out.append(ctx)
    return out


def _plain(text: str, gaz, paths: ProjectPaths) -> ExtractionContext:
    doc = Document(doc_id="bench", source_file="bench.txt", start=0, end=len(text), title="bench", genre="news")
    ctx = ExtractionContext(doc, text, engine_for(gaz, paths))
    ctx.sentences
    return ctx


def _best(rounds: int, work) -> float:
    best = float("inf")
    for _ in range(rounds):
        t0 = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - t0)
    return best


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--write", action="store_true")
    args = ap.parse_args()
    paths = ProjectPaths.default()
    gaz = load_gazetteer(paths.gazetteer)
    ctxs = _contexts(paths, gaz)
    chars = sum(c.doc.end - c.doc.start for c in ctxs)

    def run_all() -> None:
        for c in ctxs:
            c._mentions.clear()
            people.extract(c)
            qa.extract(c)

    secs = _best(args.rounds, run_all)
    lines = [f"- {len(ctxs)} documents of seeds, dev and broad, {chars} characters: people + qa {secs * 1000:.0f} ms "
             f"({secs * 1000 / len(ctxs):.1f} ms per document, {secs * 1e4 * 1000 / chars:.1f} ms per 10k characters)"]
    for name, unit, counts in (("name-heavy sample", SAMPLE, (4, 8, 16, 32)),
                               ("adversarial text", ADVERSARIAL, (300, 600, 1200))):
        base = None
        for k in counts:
            ctx = _plain(unit * k, gaz, paths)
            t = _best(args.rounds, lambda: people.extract(ctx))
            base = base or t
            lines.append(f"- {name} x{k} ({len(unit) * k} characters): {t * 1000:.0f} ms ({t / base:.1f}x)")
    print("\n".join(lines))
    if args.write:
        stamp = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
        Path(__file__).with_name("RESULTS.md").write_text(
            "# People and Q&A extraction\n\nBest of %d rounds on the shared 2-core machine, project gazetteer; the "
            "extraction context (layout view, sentences) is built before timing.\n\nProduced %s by\n\n"
            "    .venv/bin/python benchmarks/people/run.py --write\n\n%s\n" % (args.rounds, stamp, "\n".join(lines)),
            encoding="utf-8")


if __name__ == "__main__":
    main()
