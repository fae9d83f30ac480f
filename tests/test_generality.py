"""Is the extraction general? The corpora with every figure changed, with the issuer renamed, and documents written
apart from the rules.

Run on seeds, dev and broad (45 documents of other issuers, genres and layouts: the most varied); each corpus is
read as `marketgraph eval` reads it (tests/quality_support.py) and scored by the strict scorer.

1. Figures changed (tests/generality/perturb.py): each text (as read: an HTML page's main content) with every
   stated figure changed by a seeded rule, the gold rows following their figures. The statements do not change,
   so the scores must not either: per kind, precision and recall may move by at most ``TOL`` (0.03) or one item
   (1/n for a kind of n rows or facts), whichever is larger. Why not zero: a new figure can legitimately read
   differently — a share of 31.4% that becomes 8.7% no longer exceeds a segment total, a range's ends swap
   order, a three-digit figure becomes a four-digit year-like one, a "2x" becomes "7x" — so a kind of 20 rows
   may lose or gain one; a rule fitted to the numbers of seen sentences loses many more. The one row the
   tolerance would hide is named by its own test: a gold row found with the original figures and lost under
   every seed hangs on its numbers.
2. The issuer renamed: in each file, the first distinctive word of its issuers' names replaced by an invented
   company name in the text and in the gold (a research note has no issuer and is left as it is). The
   gazetteer does not know the new name, as it will not know the next company: the documents must still be
   issued by it, and precision and recall over all kinds may fall by at most ``RENAME_TOL`` (0.05): names the
   gazetteer spells with the old word ("Acme Cloud") are new to it after renaming and may lose a few rows; a
   fall beyond that means the issuer was found from the gazetteer rather than from the text.
3. Unseen documents (tests/fixtures/unseen/, gold tests/gold/unseen/): invented companies, written for this test
   (the rules were later improved against them, so they are "seen" now); their strict scores must stay above
   the floors of tests/gold/floors.yaml like the other corpora.
"""
from __future__ import annotations

import functools
import re
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest
from rich.console import Console
from rich.table import Table

from generality.perturb import (Perturbed, document_names, entity_names, perturb_row, perturb_text, rename_row,
                                rename_text)
from marketgraph.graph.evalrun import run_files
from marketgraph.graph.evaluate import EvalReport, GoldRow
from marketgraph.graph.evaluation.gold import locate
from marketgraph.graph.evaluation.report import Score
from quality_support import MEASURES, Baseline, baseline, gazetteer, load_floors, measured, settings

CORPORA = [pytest.param("seeds"), pytest.param("dev"), pytest.param("broad", marks=pytest.mark.slow)]
SEEDS = (11, 29, 83)
TOL = 0.03
RENAME_TOL = 0.05
# invented names (no gazetteer entry), one per issuer of a file
NEW_NAMES = ("Corvexa", "Tavrindel", "Quosmere", "Belvarrow")
GENERIC_FIRST_WORDS = frozenset({"The", "China", "Global", "International", "United", "General", "First", "New"})
CONSOLE = Console(width=150)

pytestmark = pytest.mark.slow


def _name(path: str) -> str:
    return path.replace("\\", "/").rsplit("/", 1)[-1]


# ---------------------------------------------------------------- the runs (cached per corpus and seed)

class Perturbation:
    """One corpus under one seed: the perturbed texts, the gold rows both ways, the run and the two reports."""

    def __init__(self, base: Baseline, seed: int):
        names = entity_names(gazetteer())
        self.seed = seed
        self.perturbed: dict[str, Perturbed] = {f.name: perturb_text(base.run.texts[f.name], seed, names)
                                                for f in base.files}
        self.kept: list[GoldRow] = []                 # original rows that can follow their figures
        self.rows: list[GoldRow] = []                 # the same rows for the perturbed texts
        self.dropped: list[tuple[GoldRow, str]] = []
        for row in base.gold:
            new, why = perturb_row(row, self.perturbed[row.doc])
            if new is None:
                self.dropped.append((row, why))
            else:
                self.kept.append(row)
                self.rows.append(new)
        self.run = run_files(settings(), base.files, gazetteer(),
                             texts={f: self.perturbed[f.name].text for f in base.files})
        self.before = base.run.score(self.kept, gazetteer())
        self.after = self.run.score(self.rows, gazetteer())


@functools.lru_cache(maxsize=None)
def perturbation(corpus: str, seed: int) -> Perturbation:
    p = Perturbation(baseline(corpus), seed)
    CONSOLE.print(_side_by_side(p.before, p.after, f"{corpus}, seed {seed}: original | figures changed "
                                                   f"({len(p.rows)} rows, {len(p.dropped)} dropped)"))
    _print_differences(p)
    return p


class Renaming:
    """One corpus with, in each file, its issuers' first distinctive name word replaced by an invented name."""

    def __init__(self, base: Baseline):
        self.renamed: dict[str, dict[str, str]] = {}          # file name -> {old word: new name}
        for f in base.files:
            issuers = Counter(d.issuer.label for d in base.run.documents
                              if d.issuer is not None and _name(d.source_file) == f.name)
            words = [w for w in (_distinctive(label) for label, _ in issuers.most_common()) if w]
            words = [w for i, w in enumerate(words) if w not in words[:i]][:len(NEW_NAMES)]
            self.renamed[f.name] = {w: NEW_NAMES[i] for i, w in enumerate(words)}
        texts = {f.name: self._rename(f.name, base.run.texts[f.name]) for f in base.files}
        pairs = [(r, self._rename_row(r)) for r in base.gold]
        pairs = [(a, b) for a, b in pairs if _count(texts[b.doc], b.quote) == 1]
        self.dropped = len(base.gold) - len(pairs)
        self.run = run_files(settings(), base.files, gazetteer(), texts={f: texts[f.name] for f in base.files})
        self.before = base.run.score([a for a, _ in pairs], gazetteer())
        self.after = self.run.score([b for _, b in pairs], gazetteer())

    def _rename(self, name: str, text: str) -> str:
        for old, new in self.renamed[name].items():
            text = rename_text(text, old, new)
        return text

    def _rename_row(self, row: GoldRow) -> GoldRow:
        for old, new in self.renamed[row.doc].items():
            row = rename_row(row, old, new)
        return row


def _distinctive(label: str) -> str:
    """The first word of an organisation's name that names it ("Lysekil" of "Lysekil Audio AB (publ)")."""
    for w in re.findall(r"[A-Za-z][\w-]*", label):
        if w[0].isupper() and len(w) >= 4 and w not in GENERIC_FIRST_WORDS:
            return w
    return ""


def _count(text: str, quote: str) -> int:
    if text.count(quote):
        return text.count(quote)
    return 1 if locate(text, quote) is not None else 0


@functools.lru_cache(maxsize=None)
def renaming(corpus: str) -> Renaming:
    r = Renaming(baseline(corpus))
    names = sorted({f"{o}->{n}" for m in r.renamed.values() for o, n in m.items()})
    CONSOLE.print(_side_by_side(r.before, r.after, f"{corpus}: original | issuer renamed ({len(names)} names, "
                                                   f"{r.dropped} rows dropped)"))
    return r


def _side_by_side(before: EvalReport, after: EvalReport, title: str) -> Table:
    def pct(x):
        return "—" if x is None else f"{x:.3f}"

    table = Table(title=title)
    for col in ("kind", "gold", "P before", "P after", "R before", "R after"):
        table.add_column(col, justify="left" if col == "kind" else "right")
    for kind in sorted(set(before.kinds) | set(after.kinds)):
        b, a = before.kind(kind), after.kind(kind)
        table.add_row(kind, str(b.gold), pct(b.precision), pct(a.precision), pct(b.recall), pct(a.recall))
    for b, a in ((before.total, after.total), (before.numeric, after.numeric)):
        table.add_row(b.name.upper(), str(b.gold), pct(b.precision), pct(a.precision), pct(b.recall), pct(a.recall))
    return table


def _print_differences(p: Perturbation) -> None:
    missed_before = {m.row.id for m in p.before.misses}
    for m in p.after.misses:
        if m.row.id not in missed_before:
            CONSOLE.print(f"  newly missed {m.row.id} {m.row.kind} {m.row.value!r}: {m.row.quote[:100]!r} "
                          f"near={list(m.near)}")
    missed_after = {m.row.id for m in p.after.misses}
    for m in p.before.misses:
        if m.row.id not in missed_after:
            CONSOLE.print(f"  newly found {m.row.id} {m.row.kind} {m.row.value!r}: {m.row.quote[:100]!r}")


def _allowed(score: Score, measure: str) -> float:
    n = score.predicted if measure == "precision" else score.gold
    return max(TOL, 1.0 / n + 1e-9) if n else TOL


# ---------------------------------------------------------------- the perturbation itself

def test_perturbation_keeps_the_format_of_each_figure():
    text = "Revenue was RMB128.4billion and RMB 53.7 billion, up 8.0% on 1,022.3 units; ranked 422nd and #1; 2x."
    for seed in SEEDS:
        new = perturb_text(text, seed).text
        m = re.fullmatch(r"Revenue was RMB(\d{2,4})\.(\d)billion and RMB (\d{2,3})\.(\d) billion, up (\d)\.(\d)% on "
                         r"(\d),(\d{3})\.(\d) units; ranked (\d{3})(st|nd|rd|th) and #(\d); (\d)x\.", new)
        assert m, new
        assert m.group(12) == "1"                               # a "#N" rank stays (perturb.py docstring)
        n = int(m.group(10))
        assert m.group(11) == ("th" if n % 100 in (11, 12, 13) else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th"))
        assert new != text


def test_perturbation_leaves_names_dates_and_years():
    text = ("On June 30, 2020 the Mi 10 with Snapdragon 855+ and 12GB+512GB ran MIUI 12; 3Q2019 and Q2 results "
            "(2020-06-30, 18:00) were hit by COVID-19 in the Fortune Global 500 list.")
    for seed in SEEDS:
        assert perturb_text(text, seed, ["Mi 10"]).text == text


def test_a_name_the_document_writes_with_a_number_keeps_it_everywhere():
    text = ("Norrsken launched the Fjord 5 today. Fjord 5 starts at EUR 499, and the new Fjord 5 sold 12,000 units. "
            "Revenue 12 percent higher. Xiaomi Invested In 34 Companies: it invested in 34 companies.")
    assert document_names(text) == ["Fjord 5"]
    for seed in SEEDS:
        new = perturb_text(text, seed).text
        assert new.count("Fjord 5") == 3 and "EUR 499" not in new and "12,000" not in new


def test_perturbation_is_deterministic_and_consistent():
    text = "Shipments were 46.6 million units. Again: 46.6 million units, 31.4% and 12th."
    a, b, c = perturb_text(text, 11), perturb_text(text, 11), perturb_text(text, 29)
    assert a.text == b.text and a.text != c.text
    assert a.edits[0].new == a.edits[1].new            # the same figure becomes the same new figure


def test_gold_rows_follow_their_figures():
    text = "Overseas revenue rose 37.9% to RMB62.5billion, 48.7% of the total, down 1.3 points from 50.0%."
    p = perturb_text(text, 11)
    row = GoldRow("X-1", "x.txt", "change", "Acme", "overseas revenue change", "-1.3", "pp", "", "", "",
                  "down 1.3 points")
    new, _ = perturb_row(row, p)
    assert new is not None and p.text.count(new.quote) == 1
    assert new.value.startswith("-") and new.value[1:] in new.quote and new.value != row.value
    derived = GoldRow("X-2", "x.txt", "metric", "Acme", "domestic share", "51.3", "%", "", "", "",
                      "48.7% of the total")                 # 100 - 48.7: not written, cannot follow
    assert perturb_row(derived, p)[0] is None


def test_a_row_follows_a_name_whose_number_changed_and_a_quote_read_with_other_whitespace():
    text = "It backed the newly listed No. 9 Robot Company, worth\n12.5 billion."
    p = perturb_text(text, 11)
    row = GoldRow("X-3", "x.txt", "metric", "No. 9 Robot Company", "valuation", "12.5", "USD", "billion", "",
                  "org=No. 9 Robot Company", "No. 9 Robot Company, worth 12.5 billion")
    new, why = perturb_row(row, p)
    assert new is not None, why
    assert new.subject in p.text and new.subject != row.subject and new.qualifier == f"org={new.subject}"
    assert locate(p.text, new.quote) is not None and new.value != row.value


def test_renaming_changes_the_name_in_every_case_and_only_as_a_word():
    text = "ACME (acme.com): Acme's revenue; Acmeville is another town."
    assert rename_text(text, "Acme", "Corvexa") == "CORVEXA (corvexa.com): Corvexa's revenue; Acmeville is " \
                                                   "another town."


# ---------------------------------------------------------------- figures changed

@pytest.mark.parametrize("corpus", CORPORA)
def test_perturbed_gold_changes_most_figures(corpus):
    for seed in SEEDS:
        p = perturbation(corpus, seed)
        texts = {k: v.text for k, v in p.perturbed.items()}
        assert all(_count(texts[r.doc], r.quote) == 1 for r in p.rows)
        numeric = [(a, b) for a, b in zip(p.kept, p.rows) if a.number is not None]
        changed = [1 for a, b in numeric if Decimal(a.value.replace(",", "")) != Decimal(b.value.replace(",", ""))]
        assert len(changed) >= 0.6 * len(numeric), f"{corpus} seed {seed}: only {len(changed)}/{len(numeric)}"
        assert len(p.dropped) <= 0.05 * (len(p.rows) + len(p.dropped)), [(r.id, why) for r, why in p.dropped]


@pytest.mark.parametrize("corpus", CORPORA)
def test_scores_hold_when_the_figures_change(corpus):
    bad = []
    for seed in SEEDS:
        p = perturbation(corpus, seed)
        for kind in sorted(set(p.before.kinds) | set(p.after.kinds)):
            for measure in ("precision", "recall"):
                b, a = p.before.kind(kind), p.after.kind(kind)
                x, y = getattr(b, measure), getattr(a, measure)
                if x is None or y is None:
                    continue
                if abs(x - y) > _allowed(b, measure):
                    bad.append(f"seed {seed} {kind} {measure}: {x:.3f} -> {y:.3f}")
    assert bad == [], f"{corpus}: {bad}"


@pytest.mark.parametrize("corpus", CORPORA)
def test_no_gold_row_is_found_only_with_its_original_figures(corpus):
    """A row found in the original text and lost under every seed hangs on its numbers (a rule or alias that
    spells a figure): the per-kind tolerance would hide one such row, this test names it."""
    runs = [perturbation(corpus, seed) for seed in SEEDS]
    found = {r.id for r, _ in runs[0].before.matches}
    lost = set.intersection(*({m.row.id for m in p.after.misses} - _contradicted(p) for p in runs)) & found
    assert lost == set(), sorted((r.id, r.quote) for r in runs[0].kept if r.id in lost)


def _contradicted(p: Perturbation) -> set[str]:
    """Rows whose new figure the run set aside as one of two conflicting values: the perturbation changed a figure
    and its restatement differently ("$2.31 billion" in the text and "2,310.4" in the table in millions; a
    currency conversion in parentheses), so the changed text contradicts itself and the weaker reading is
    rightly not published (the module docstring: a figure's arithmetic with others is not kept)."""
    conflicts = [(r.document.doc_id, u.evidence.quote) for r in p.run.results for u in (r.unresolved or ())
                 if "conflicting" in (getattr(u, "reason", "") or "")]
    return {row.id for row in p.rows
            if any(q and (q in row.quote or row.quote in q) for _, q in conflicts)}


# ---------------------------------------------------------------- the issuer renamed

@pytest.mark.parametrize("corpus", CORPORA)
def test_renamed_issuer_still_issues_its_documents(corpus):
    """Documents are compared in segmentation order (the new name's length moves every offset)."""
    r, base = renaming(corpus), baseline(corpus)
    before, after = base.run.documents, r.run.documents
    assert [d.source_file for d in before] == [d.source_file for d in after]
    wrong, renamed = [], 0
    for d, a in zip(before, after):
        names = r.renamed[_name(d.source_file)]
        word = _distinctive(d.issuer.label) if d.issuer else ""
        if word in names:
            renamed += 1
            if a.issuer is None or names[word] not in a.issuer.label:
                wrong.append((_name(d.source_file), d.issuer.label, a.issuer.label if a.issuer else None))
    assert renamed > 0
    assert wrong == [], f"{corpus}: documents whose issuer, renamed, is no longer found: {wrong}"


@pytest.mark.parametrize("corpus", CORPORA)
def test_scores_hold_when_the_issuer_is_renamed(corpus):
    r = renaming(corpus)
    bad = [f"{m} {x:.3f} -> {y:.3f}" for m in ("precision", "recall")
           for x, y in [(getattr(r.before.total, m) or 0, getattr(r.after.total, m) or 0)] if x - y > RENAME_TOL]
    assert bad == [], f"{corpus}, issuers renamed: {bad}"


# ---------------------------------------------------------------- unseen documents

def _unseen() -> Baseline:
    b = baseline("unseen")
    if not b.printed:
        CONSOLE.print(b.report.as_table(title="unseen documents: extraction vs gold (strict)"))
        for m in b.report.misses:
            CONSOLE.print(f"  missed {m.row.id} {m.row.kind} {m.row.value!r}: {m.row.quote[:100]!r} "
                          f"near={list(m.near)}")
        for d in b.run.documents:
            CONSOLE.print(f"  document {d.doc_id}: genre={d.genre} issuer={d.issuer.label if d.issuer else None} "
                          f"period={d.period.label if d.period else None} date={d.date}")
        b.printed = True
    return b


def test_unseen_documents_exist_and_have_gold():
    b = baseline("unseen")
    assert len(b.files) >= 3
    assert {r.doc for r in b.gold} == {f.name for f in Path(b.target.folder or "").glob("*.txt")}


def test_unseen_documents_get_their_issuer():
    for d in _unseen().run.documents:
        assert d.issuer is not None, f"{d.source_file}: no issuer"
        first = Path(d.source_file).stem.split("_")[1]          # files are named <n>_<company>_<what>.txt
        assert first.lower() in d.issuer.label.lower(), (d.source_file, d.issuer.label)


def test_unseen_documents_hold_their_floors():
    b = _unseen()
    floors, values = load_floors()["unseen"], measured(b.report)
    below = [f"{m} {float(values[m]):.3f} < floor {floors[m]:.2f}" for m in MEASURES if values[m] < floors[m]]
    assert below == [], below
