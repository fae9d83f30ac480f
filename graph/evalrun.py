"""Extract a corpus or a folder of documents for scoring against gold files (`marketgraph eval`, the quality tests).

A target is a corpus of the registry (``seeds``), a folder under ``sources/`` that is not registered (``broad``)
or any folder of documents. Registered files are segmented as ``build`` segments them (registry metadata); any
other file is read and segmented as ``add`` reads it (``graph/read``: HTML main content, PDF text layer), so the
scores are those of the texts the graph is built from. Only the documents the gold rows name are extracted.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Optional

from .evaluate import GOLD_KINDS, EvalReport, GoldRow, evaluate
from .evaluation.criteria import FACT_KIND_AS_GOLD
from .gazetteer import Gazetteer, load_gazetteer
from .paths import ProjectPaths
from .records import Document, ExtractionResult, Fact
from .settings import Settings

__all__ = ["EvalTargetError", "EvalTarget", "CorpusRun", "resolve_target", "target_files", "run_target",
           "run_files", "filter_kinds", "known_kinds", "gold_folder"]


class EvalTargetError(ValueError):
    """A target or gold the user named that cannot be scored (one line, no traceback)."""


@dataclass(frozen=True)
class EvalTarget:
    name: str                              # what the user named (corpus name or folder)
    gold: Path                             # gold folder or file
    folder: Optional[Path] = None          # documents folder; None for a registered corpus
    corpus: Optional[str] = None           # the registered corpus, when the target is one


@dataclass
class CorpusRun:
    """What the pipeline made of a set of documents: facts, the texts their offsets index, the documents."""

    results: list[ExtractionResult] = field(default_factory=list)
    texts: dict[str, str] = field(default_factory=dict)        # file name -> text as read

    @property
    def facts(self) -> list[Fact]:
        return [f for r in self.results for f in r.facts]

    @property
    def documents(self) -> list[Document]:
        return [r.document for r in self.results]

    @property
    def unresolved(self) -> int:
        return sum(len(r.unresolved or ()) for r in self.results)

    def score(self, gold: list[GoldRow], gazetteer: Optional[Gazetteer] = None,
              kinds: Optional[Iterable[str]] = None) -> EvalReport:
        facts, rows = self.facts, gold
        if kinds is not None:
            facts, rows = filter_kinds(facts, rows, kinds)
        return evaluate(facts, rows, self.texts, gazetteer)


def gold_folder(paths: ProjectPaths, name: str) -> Path:
    return paths.root / "tests" / "gold" / name


def known_kinds() -> tuple[str, ...]:
    from typing import get_args

    from .records import FactKind

    return tuple(sorted(set(GOLD_KINDS) | set(get_args(FactKind)) - set(FACT_KIND_AS_GOLD) - {"qa_turn"}))


def filter_kinds(facts: list[Fact], rows: list[GoldRow], kinds: Iterable[str]) -> tuple[list[Fact], list[GoldRow]]:
    """Gold rows of ``kinds``, and facts counted under ``kinds`` (a ``role`` fact counts as ``person``): recall and
    precision of those kinds as the full report states them, other kinds left out."""
    wanted = set(kinds)
    unknown = sorted(wanted - set(known_kinds()))
    if unknown:
        raise EvalTargetError(f"unknown kind {unknown[0]!r}; kinds: {', '.join(known_kinds())}")
    return ([f for f in facts if FACT_KIND_AS_GOLD.get(f.kind, f.kind) in wanted],
            [r for r in rows if r.kind in wanted])


def _registered_corpora(paths: ProjectPaths) -> list[str]:
    from .sources import load_registry

    return sorted({s.corpus for s in load_registry(paths)})


def resolve_target(settings: Settings, target: str, gold: Optional[Path] = None) -> EvalTarget:
    """A corpus name (registered, or a folder of ``sources/``) or a folder of documents, with its gold (default for a
    corpus name: ``tests/gold/<name>``; a folder needs one)."""
    paths = settings.paths
    as_path = Path(target).expanduser()
    corpora = _registered_corpora(paths)
    if as_path.is_dir():
        folder: Optional[Path] = as_path
        corpus = None
    elif target in corpora:
        folder, corpus = None, target
    elif "/" not in target and (paths.sources / target).is_dir():
        folder, corpus = paths.sources / target, None
    else:
        known = corpora + sorted(p.name for p in paths.sources.iterdir() if p.is_dir() and p.name not in corpora) \
            if paths.sources.is_dir() else corpora
        raise EvalTargetError(f"{target}: neither a folder nor a corpus (corpora: {', '.join(known)})")
    if gold is None:
        if folder is not None and folder.resolve().parent != paths.sources.resolve():
            raise EvalTargetError(f"{target}: a folder of documents needs its gold folder (marketgraph eval "
                                  f"{target} GOLD)")
        gold = gold_folder(paths, corpus or folder.name)   # type: ignore[union-attr]
    if not gold.exists():
        raise EvalTargetError(f"{gold}: no such gold folder or file")
    if gold.is_dir() and not any(gold.glob("*.tsv")):
        raise EvalTargetError(f"{gold}: no gold files (*.tsv) in this folder")
    return EvalTarget(target, gold, folder, corpus)


def target_files(settings: Settings, target: EvalTarget, docs: Iterable[str]) -> list[Path]:
    """The files of ``docs`` (file names) in the target: a registered corpus' in registry order, a folder's sorted."""
    wanted = set(docs)
    if target.corpus is not None:
        from .sources import load_registry, source_path

        entries = [s for s in load_registry(settings.paths) if s.corpus == target.corpus]
        files = [source_path(settings.paths, s.path) for s in entries if Path(s.path).name in wanted]
        missing = sorted(wanted - {f.name for f in files})
        if missing:
            raise EvalTargetError(f"gold names {missing[0]}, which is not a document of corpus {target.corpus}")
        return files
    assert target.folder is not None
    for name in sorted(wanted):
        if not (target.folder / name).is_file():
            raise EvalTargetError(f"gold names {name}, which is not in {target.folder}")
    return [target.folder / name for name in sorted(wanted)]


def run_target(settings: Settings, target: EvalTarget, rows: list[GoldRow],
               gazetteer: Optional[Gazetteer] = None) -> CorpusRun:
    """Extract the documents ``rows`` name from the target (each file once)."""
    return run_files(settings, target_files(settings, target, (r.doc for r in rows)), gazetteer)


def run_files(settings: Settings, files: list[Path], gazetteer: Optional[Gazetteer] = None,
              texts: Optional[dict[Path, str]] = None) -> CorpusRun:
    """Any files: registered ones as the build segments them (checked against their registered sha256), others read
    and segmented as ``add`` does. ``texts`` replaces the text as read of some files (a perturbed or renamed copy),
    keeping their name and metadata."""
    from .extract.pipeline import extract_document
    from .read import read_path
    from .segment import documents_for_file, load_rules, segment
    from .segmenting import container_metadata
    from .sources import load_registry, read_source, source_path, verify

    paths = settings.paths
    gaz = gazetteer or load_gazetteer(paths.gazetteer)
    registered = {source_path(paths, s.path): s for s in load_registry(paths)}
    rules = None
    taken: set[str] = set()
    run = CorpusRun()
    for f in files:
        entry = registered.get(f.resolve())
        given = (texts or {}).get(f)
        if entry is not None:
            rules = rules or load_rules(paths, gaz)
            if given is None:
                verify(paths, entry)
            text = given if given is not None else read_source(paths, entry.path)
            docs = segment(entry, text, rules, taken)
        else:
            src = read_path(f)
            text = given if given is not None else src.text
            c = container_metadata(src)       # as ``add`` reads the file: the page's own date and title fill in
            docs = documents_for_file(settings, f, text, container_date=c.date, title=c.title, publisher=c.publisher)
        run.texts[f.name] = text
        run.results.extend(extract_document(d, text, gaz, paths=paths) for d in docs)
    return run
