"""Match extracted facts to gold rows and count (criteria: ``graph/evaluation/criteria.py``).

Only documents that have gold rows are scored; ``qa_turn`` facts are left out. Gold rows marked page chrome are
dropped, so a fact read from chrome counts as wrong. A pair is a candidate when the fact's evidence overlaps the
gold quote; each gold row matches at most one fact and each fact at most one row, greedily by largest overlap. A
fact that would match a row already credited to another fact of the same document, at a place that does not
overlap that fact, restates it (a headline repeating the body): listed, counted neither way. A fact whose quote
overlaps a gold row but gets a field wrong is a false positive (the fields are reported), and the row a miss.
"""
from __future__ import annotations

from pathlib import Path
from typing import Optional

from ..gazetteer import Gazetteer, load_gazetteer
from ..paths import ProjectPaths
from ..records import Evidence, Fact
from .criteria import FACT_KIND_AS_GOLD, Context, mismatches
from .gold import GoldFormatError, GoldRow, locate
from .measures import Measures
from .names import NameResolver, maker_names, name_words
from .report import EvalReport, FalsePositive, Miss, Score

UNSCORED_FACT_KINDS = frozenset({"qa_turn"})


def _basename(path: str) -> str:
    return path.replace("\\", "/").rsplit("/", 1)[-1]


def _overlaps(a: Evidence, b: Evidence) -> bool:
    return a.source_file == b.source_file and min(a.end, b.end) > max(a.start, b.start)


def _converted(doc: str) -> bool:
    """A document read through a converter (HTML, PDF): its text as read may leave out what a reader sees."""
    return doc.lower().endswith((".html", ".htm", ".pdf"))


def default_measures(paths: Optional[ProjectPaths] = None) -> Measures:
    return Measures.load((paths or ProjectPaths.default()).root / "tests" / "gold" / "equivalences.yaml")


def _makers(rows: list[GoldRow], facts: list[Fact], names: NameResolver) -> frozenset:
    found = []
    for r in rows:
        s = r.subject.split(" / ")[0]
        if s.casefold() != "market" and r.kind not in ("person",):
            for part in s.split(" + "):
                found.append(name_words(part))
    for f in facts:
        for ref in (f.subject, f.object):
            if ref is not None and ref.kind in ("organisation", "brand"):
                found.append(name_words(ref.label))
                found.extend(names._entry_names(ref.key))
    for e in names.entities.values():
        if e.kind in ("organisation", "brand"):
            found.extend(names._entry_names(e.key))
    return maker_names([n for n in found if n])


def evaluate(facts: list[Fact], gold: list[GoldRow], source_texts: dict[str, str],
             gazetteer: Optional[Gazetteer] = None, measures: Optional[Measures] = None) -> EvalReport:
    """Match ``facts`` to ``gold`` rows and count. ``source_texts`` maps source files (relative path or bare file
    name) to the normalised text the facts' offsets index; a gold quote is located in it (``locate``)."""
    if gazetteer is None:
        folder = ProjectPaths.default().gazetteer
        gazetteer = load_gazetteer(folder) if folder.is_dir() else None
    names = NameResolver(gazetteer)
    texts = {_basename(k): v for k, v in source_texts.items()}
    report = EvalReport()
    rows = [r for r in gold if not r.is_chrome]
    report.chrome_rows = len(gold) - len(rows)
    report.gold_rows = rows
    docs = sorted({r.doc for r in gold})
    report.docs = tuple(docs)
    spans: dict[str, tuple[int, int]] = {}
    for r in rows:
        if r.doc not in texts:
            raise KeyError(f"{r.where}: no source text for {r.doc}")
        span = locate(texts[r.doc], r.quote)
        if span is None:
            if not _converted(r.doc):
                raise GoldFormatError(f"{r.where}: quote of {r.id} not found in {r.doc}")
            span = (-1, -1)          # not in the main content as read (an HTML byline, a PDF header): a miss
            report.unreadable_rows += 1
        spans[r.id] = span

    scored: list[Fact] = []
    for f in facts:
        if _basename(f.evidence.source_file) in docs and f.kind not in UNSCORED_FACT_KINDS:
            scored.append(f)
        else:
            report.unscored_facts += 1
    report.scored_facts = scored
    ctx = Context(names, measures or default_measures(), _makers(rows, scored, names),
                  {k: m.label for k, m in (gazetteer.metrics.items() if gazetteer else ())})

    for r in rows:
        report.kinds.setdefault(r.kind, Score(r.kind)).gold += 1
    for f in scored:
        k = FACT_KIND_AS_GOLD.get(f.kind, f.kind)
        report.kinds.setdefault(k, Score(k)).predicted += 1

    by_doc: dict[str, list[int]] = {}
    for i, f in enumerate(scored):
        by_doc.setdefault(_basename(f.evidence.source_file), []).append(i)
    candidates: list[tuple[int, int, int]] = []          # (-overlap, gold index, fact index)
    failed: dict[tuple[int, int], list[str]] = {}
    for gi, r in enumerate(rows):
        gs, ge = spans[r.id]
        for fi in by_doc.get(r.doc, []):
            ev = scored[fi].evidence
            overlap = min(ge, ev.end) - max(gs, ev.start)
            if overlap <= 0:
                continue
            bad = mismatches(r, scored[fi], ctx)
            failed[(gi, fi)] = bad
            if not bad:
                candidates.append((-overlap, gi, fi))
    candidates.sort()
    used_g: set[int] = set()
    used_f: set[int] = set()
    for _, gi, fi in candidates:
        if gi in used_g or fi in used_f:
            continue
        used_g.add(gi)
        used_f.add(fi)
        report.matches.append((rows[gi], scored[fi]))
        report.kinds[rows[gi].kind].matched_gold += 1
        report.kinds[FACT_KIND_AS_GOLD.get(scored[fi].kind, scored[fi].kind)].matched_predicted += 1

    for gi, r in enumerate(rows):
        if gi not in used_g:
            near = tuple((scored[fi].fact_id, tuple(bad) or ("taken",))
                         for (g, fi), bad in failed.items() if g == gi)
            report.misses.append(Miss(r, near))
    credited = {id(g): f for g, f in report.matches}
    for fi, f in enumerate(scored):
        if fi in used_f:
            continue
        if _restates(f, rows, credited, ctx):
            report.restatements.append(f)
            report.kinds[FACT_KIND_AS_GOLD.get(f.kind, f.kind)].predicted -= 1
            continue
        near = tuple((rows[gi].id, tuple(bad) or ("taken",)) for (gi, f2), bad in failed.items() if f2 == fi)
        report.false_positives.append(FalsePositive(f, near))
    return report


def _restates(f: Fact, rows: list[GoldRow], credited: dict[int, Fact], ctx: Context) -> bool:
    name = _basename(f.evidence.source_file)
    for r in rows:
        other = credited.get(id(r))
        if other is None or r.doc != name or other.doc_id != f.doc_id or _overlaps(other.evidence, f.evidence):
            continue
        if not mismatches(r, f, ctx):
            return True
    return False
