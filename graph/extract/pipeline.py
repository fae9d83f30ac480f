"""Run the extractors listed in ``mappings/patterns/extractors.yaml`` over one document.

Each extractor is a module of this package exposing ``extract(ctx: ExtractionContext) -> list[Fact]``.
``extract_document`` builds the context, runs them in order, drops exact duplicates and marks, within one
document, a figure stated twice (a headline bullet restating the body) with the qualifier ``restates``.
"""
from __future__ import annotations

import importlib
import logging
from dataclasses import replace
from pathlib import Path
from typing import Callable, Optional

from ..gazetteer import Gazetteer
from ..knowledgecache import KnowledgeCache
from ..paths import ProjectPaths
from ..records import Document, ExtractionResult, Fact
from ..regexwarm import widen_re_cache
from ..yamlload import load_file
from .context import Engine, ExtractionContext
from .patterns import Patterns, load_patterns

log = logging.getLogger(__name__)

Extractor = Callable[[ExtractionContext], list[Fact]]
_STATEMENT_KINDS = ("metric", "change", "ranking", "market_share", "count", "investment")
_ENGINES: dict[tuple[int, str], Engine] = {}


def patterns_dir(paths: Optional[ProjectPaths] = None) -> Path:
    return (paths or ProjectPaths.default()).mappings / "patterns"


def engine_for(gazetteer: Gazetteer, paths: Optional[ProjectPaths] = None,
               cache: Optional[KnowledgeCache] = None) -> Engine:
    """A compiled engine for this gazetteer (cached per gazetteer object and patterns folder); its patterns and
    grammars come from the knowledge cache on disk when ``cache`` is given."""
    folder = patterns_dir(paths)
    key = (id(gazetteer), str(folder))
    eng = _ENGINES.get(key)
    if eng is None or eng.gazetteer is not gazetteer:
        widen_re_cache()
        eng = _cached_engine(gazetteer, folder, cache) if cache is not None else Engine.load(gazetteer, folder)
        _ENGINES.clear()
        _ENGINES[key] = eng
    return eng


def _cached_engine(gazetteer: Gazetteer, folder: Path, cache: KnowledgeCache) -> Engine:
    """The engine with the grammars an earlier process compiled (``save_engine``), else with the parsed patterns."""
    grammars = cache.read("engine", dict, {"gazetteer": gazetteer})
    if grammars is not None and isinstance(grammars.get("patterns"), Patterns):
        eng = Engine(gazetteer, grammars["patterns"])
        eng.__dict__.update(grammars)
        return eng
    return Engine(gazetteer, cache.get("patterns", lambda: load_patterns(folder), Patterns))


def save_engine(engine: Engine, cache: KnowledgeCache) -> None:
    """Keep what the engine has compiled so far (its grammars over the patterns and the gazetteer: all of it
    knowledge, nothing of a document) for the next process; the gazetteer itself is referred to, not copied."""
    cache.put("engine", {k: v for k, v in engine.__dict__.items() if k != "gazetteer"}, {"gazetteer": engine.gazetteer})


def load_extractors(folder: Path) -> list[tuple[str, Extractor]]:
    """The extractor functions named in ``extractors.yaml``; a module not present yet is skipped."""
    cfg = load_file(folder / "extractors.yaml") or {}
    out: list[tuple[str, Extractor]] = []
    for name in cfg.get("extractors") or []:
        modname = f"{__package__}.{name}"
        try:
            mod = importlib.import_module(modname)
        except ModuleNotFoundError as exc:
            if exc.name == modname:
                log.warning("extractor %s is listed but not present; skipped", name)
                continue
            raise
        out.append((name, getattr(mod, "extract")))
    return out


def _restatement_key(f: Fact) -> tuple:
    return (f.kind, f.subject.key, f.metric, str(f.value), f.unit, f.period.label if f.period else None,
            f.market.key if f.market else None, f.basis)


def _is_headline(ctx: ExtractionContext, f: Fact) -> bool:
    """A headline or bullet line: a short line that does not end a sentence."""
    text = ctx.text
    ls = text.rfind("\n", 0, f.evidence.start) + 1
    le = text.find("\n", f.evidence.end)
    le = len(text) if le < 0 else le
    line = text[ls:le].strip()
    return len(line) < 160 and (not line.endswith(".") or line[:1] in "-•*")


def mark_restatements(ctx: ExtractionContext, facts: list[Fact]) -> list[Fact]:
    """The same figure stated twice in one document: the headline copy (else the later one) gets ``restates``."""
    first: dict[tuple, Fact] = {}
    out: list[Fact] = []
    for f in sorted(facts, key=lambda f: f.evidence.start):
        if f.value is None or f.kind not in _STATEMENT_KINDS:
            out.append(f)
            continue
        k = _restatement_key(f)
        prev = first.get(k)
        if prev is None:
            first[k] = f
            out.append(f)
        elif _is_headline(ctx, prev) and not _is_headline(ctx, f):
            i = out.index(prev)
            out[i] = replace(prev, qualifiers=prev.qualifiers + (("restates", f.evidence.quote),))
            first[k] = f
            out.append(f)
        else:
            out.append(replace(f, qualifiers=f.qualifiers + (("restates", prev.evidence.quote),)))
    return out


def prefer_deals(facts: list[Fact], deals: list[Fact], measured: list[Fact]) -> list[Fact]:
    """A figure the deal grammar read (extractor ``deals``: a stake, a round, a fund's size) is not also a measure
    of the frame engine (extractor ``measures``): a measure with the same value and unit, quoted over the deal's
    words, is dropped — the deal reading is the more specific one. So for a product's specification (kind spec, of
    any extractor): "a foldable phone with a screen-to-body ratio of 93.4%" is the phone's spec, not also a level of a
    measure of the company or its segment."""
    read = [(d.value, d.unit, d.evidence.start, d.evidence.end) for d in deals]
    drop = {id(f) for f in measured if any(f.value == v and f.unit == u and f.evidence.start < e and
                                           s < f.evidence.end for v, u, s, e in read)}
    return [f for f in facts if id(f) not in drop] if drop else facts


def _dedupe(facts: list[Fact]) -> list[Fact]:
    seen: set[str] = set()
    out = []
    for f in facts:
        if f.fact_id not in seen:
            seen.add(f.fact_id)
            out.append(f)
    return out


def extract_document(doc: Document, text: str, gazetteer: Gazetteer, *, paths: Optional[ProjectPaths] = None,
                     only: Optional[list[str]] = None, engine: Optional[Engine] = None) -> ExtractionResult:
    """All facts of one document. ``only`` restricts to some extractor names (tests); ``engine``: one made by
    ``engine_for`` for this gazetteer."""
    engine = engine or engine_for(gazetteer, paths)
    ctx = ExtractionContext(doc, text, engine)
    facts: list[Fact] = []
    deals: list[Fact] = []
    specs: list[Fact] = []
    measured: list[Fact] = []
    for name, fn in load_extractors(patterns_dir(paths)):
        if only is not None and name not in only:
            continue
        for f in fn(ctx):
            if text[f.evidence.start:f.evidence.end] != f.evidence.quote:
                raise ValueError(f"extractor {name}: evidence quote is not the text at its offsets: {f}")
            facts.append(f)
            if name in ("deals", "measures"):
                (deals if name == "deals" else measured).append(f)
            elif f.kind == "spec":
                specs.append(f)
    facts = mark_restatements(ctx, _dedupe(prefer_deals(prefer_deals(facts, deals, measured), specs, measured)))
    facts = [_speaker(ctx, f) for f in facts]
    entities = list(ctx.discovered.values()) + [r for r in ctx.__dict__.get("names").refs.values()
                                                if r.kind != "person"] if "names" in ctx.__dict__ else \
        list(ctx.discovered.values())
    return ExtractionResult(doc, facts, entities, list(ctx.__dict__.get("unresolved", [])))


def _speaker(ctx: ExtractionContext, f: Fact) -> Fact:
    """In a transcript, who stated the figure: qualifiers ``speaker`` and ``speaker_role`` (an analyst's figure is
    the analyst's claim, not the company's)."""
    if f.kind not in _STATEMENT_KINDS:
        return f
    turn = ctx.turn_at(f.evidence.start)
    if turn is None or f.qualifier("speaker") is not None:
        return f
    return replace(f, qualifiers=f.qualifiers + (("speaker", turn.speaker), ("speaker_role", turn.role)))


def extract_file(path: Path, gazetteer: Gazetteer, *, settings=None, genre: Optional[str] = None,
                 date: Optional[str] = None, title: Optional[str] = None,
                 publisher: Optional[str] = None) -> list[ExtractionResult]:
    """Segment a text file (graph/segment.py ``documents_for_file``) and extract every document in it."""
    from ..segment import documents_for_file
    from ..settings import Settings

    settings = settings or Settings()
    text = path.read_text(encoding="utf-8")
    docs = documents_for_file(settings, path, text, genre=genre, date=date, title=title, publisher=publisher)
    return [extract_document(d, text, gazetteer, paths=settings.paths) for d in docs]


def extract_text(text: str, gazetteer: Gazetteer, *, issuer: Optional[str] = None, period: Optional[str] = None,
                 date: Optional[str] = None, genre: str = "results_release", only: Optional[list[str]] = None,
                 paths: Optional[ProjectPaths] = None) -> ExtractionResult:
    """Extract from a plain string read as one document (tests, previews): ``issuer`` is a gazetteer key,
    ``period`` a label such as ``2020-Q2``, ``2020-H1`` or ``2020``."""
    from .periods import half, quarter, year

    p = None
    if period:
        y, _, rest = period.partition("-")
        p = quarter(int(y), int(rest[1])) if rest.startswith("Q") else \
            half(int(y), int(rest[1])) if rest.startswith("H") else year(int(y))
    doc = Document(doc_id="text", source_file="text.txt", start=0, end=len(text), title="text", genre=genre,  # type: ignore[arg-type]
                   date=date, issuer=gazetteer.ref(issuer) if issuer else None, period=p)
    return extract_document(doc, text, gazetteer, paths=paths, only=only)
