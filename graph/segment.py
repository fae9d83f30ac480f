"""Segmentation: split a source file into its documents and read each document's context.

A file may bundle several documents joined without separators. A document starts at an *anchor* — a dateline
("City, Country, Month DD YYYY –") or a letter salutation ("Dear shareholders") — extended upwards over its
headline block (short, non-sentence lines: headline, deck, bullets, byline). Page chrome is recognised by
patterns and kept as spans (offsets into the whole file). All patterns live in mappings/segmentation.yaml.

Entry points: ``load_documents(settings_or_paths, corpora)`` for the registered corpus and
``documents_for_file(settings, path, text, ...)`` for any other text file.
"""
from __future__ import annotations

import dataclasses
import hashlib
import re
from dataclasses import dataclass
from datetime import date as Date
from pathlib import Path
from typing import Any, Optional, Pattern, Union

from . import doccontext as dc
from .docmodel.context import read_context, reporting_period
from .docmodel.rules import DocModelRules, compile_docmodel
from .docmodel.templates import Templates as _Templates
from .extract.layout import LayoutRules, unwrapped
from .extract.patterns import Patterns
from .chrome import (AboutRule, ChromeMark, ChromeRule, about_marks, boilerplate_spans, clip, find_chrome,
                     is_chrome, mask, merge_spans, overlaps_any)
from .gazetteer import Gazetteer, load_gazetteer
from .iris import slugify
from .knowledgecache import KnowledgeCache
from .issuer import IssuerRules, find_issuer, load_issuer_rules, organisation_by_name
from .paths import ProjectPaths
from .records import Document
from .settings import Settings
from .sources import SourceFile, load_registry, read_source, verify
from .yamlload import load_file

__all__ = ["SegmentationRules", "load_rules", "segment", "load_documents", "documents_for_file", "is_chrome"]


@dataclass
class SegmentationRules:
    chrome: list[ChromeRule]
    about: AboutRule
    context: dc.ContextRules
    self_published: frozenset[str]
    gazetteer: Optional[Gazetteer] = None
    issuer: IssuerRules = dataclasses.field(default_factory=IssuerRules)
    docmodel: Optional[DocModelRules] = None
    layout: Optional[LayoutRules] = None   # mappings/patterns/layout.yaml: which line breaks only wrap a paragraph


# ---------------------------------------------------------------- loading the patterns

def _rules_from(raw: dict[str, Any], gazetteer: Optional[Gazetteer],
                docmodel: Optional[dict[str, Any]] = None) -> SegmentationRules:
    t = _Templates(raw)
    chrome = [ChromeRule(str(c["name"]), t.one(str(c["regex"])), bool(c.get("skip", True)),
                         bool(c.get("boilerplate", False)), int(c.get("min_repeats", 1)))
              for c in raw.get("chrome") or []]
    ab = raw.get("about_block") or {}
    about = AboutRule(t.one(str(ab.get("heading", r"^About[ ](?P<name>[A-Z][^\n]{1,60}?)[ \t]*$"))),
                      bool(ab.get("skip_when_repeated", True)), bool(ab.get("skip_single", False)))
    header = raw.get("header") or {}
    genre = raw.get("genre") or {}
    period = raw.get("period") or {}
    ctx = dc.ContextRules(
        months=t.months,
        dateline=[p for d in raw.get("datelines") or [] for p in t.dated(str(d))],
        letter_openings=[t.one(str(p)) for p in raw.get("letter_openings") or []],
        date_line=t.dated(str(raw["date_line"])),
        publication_lines=[p for s in raw.get("publication_lines") or [] for p in t.dated(str(s))],
        call_date=[p for s in raw.get("call_date") or [] for p in t.dated(str(s))],
        header_max_lines=int(header.get("max_lines", 10)),
        header_max_chars=int(header.get("max_chars", 200)),
        bullet=t.one(str(header.get("bullet", r"^[ \t]*[-–•*·▪][ \t]"))),
        prose_end=t.one(str(header.get("prose_end", r"[.!?][\"”’)]?[ \t]*$"))),
        not_title=[q for p in raw.get("not_title") or [] for q in t.dated(str(p))],
        weak_title=[t.one(str(p)) for p in raw.get("weak_title") or []],
        title_suffix=t.one(str(raw.get("title_suffix", r"(?!x)x"))),
        title_continued=t.one(str(raw.get("title_continued", r"(?!x)x"))),
        shouted_title=t.one(str(raw.get("shouted_title", r"(?!x)x"))),
        masthead=t.one(str(raw.get("masthead", r"(?!x)x"))),
        masthead_max_words=int(raw.get("masthead_max_words", 6)),
        slug_stopwords=frozenset(str(w).lower() for w in raw.get("slug_stopwords") or []),
        slug_words=int(raw.get("slug_words", 4)),
        genre_rules=[dc.GenreRule(str(g["genre"]), tuple(t.one(str(c)) for c in g.get("cues") or []),
                                  str(g.get("where", "head")), g.get("min_turns"), bool(g.get("requires_dateline")))
                     for g in genre.get("rules") or []],
        genre_head_chars=int(genre.get("head_chars", 1500)),
        genre_default=str(genre.get("default", "news")),
        period_rules=[dc.PeriodRule(str(p["kind"]), t.one(str(p["regex"])), p.get("half"), bool(p.get("needs_date")),
                                    frozenset(p.get("genres") or []))
                      for p in period.get("patterns") or []],
        period_head_chars=int(period.get("head_chars", 2000)),
        period_genres=frozenset(period.get("genres") or []),
        ordinals={str(k).lower(): int(v) for k, v in (period.get("ordinals") or {}).items()},
        legal_suffixes=frozenset(str(w).lower() for w in raw.get("legal_suffixes") or []),
        issuer_exclude_types=frozenset(str(w) for w in raw.get("issuer_exclude_types") or []),
        top_chars=int(genre.get("top_chars", 400)),
        abbreviation_end=t.one(str(header.get("abbreviation_end", r"(?!x)x"))),
        period_head_by_genre={str(k): int(v) for k, v in (period.get("head_chars_by_genre") or {}).items()},
        no_period_titles=[t.one(str(p)) for p in period.get("no_period_titles") or []],
    )
    issuer = load_issuer_rules(raw.get("issuer") or {}, t.fill, ctx.legal_suffixes, ctx.issuer_exclude_types)
    return SegmentationRules(chrome, about, ctx, frozenset(raw.get("self_published") or []), gazetteer, issuer,
                             compile_docmodel(docmodel or {}, raw))


def load_rules(paths: ProjectPaths, gazetteer: Optional[Gazetteer] = None,
               rules_file: Optional[Path] = None, cache: Optional[KnowledgeCache] = None) -> SegmentationRules:
    """Compile mappings/segmentation.yaml (or ``rules_file``); ``gazetteer`` resolves issuers. With ``cache``, the
    compiled rules come from (or go to) the knowledge cache; the gazetteer is attached after."""
    if cache is not None and rules_file is None:
        rules = cache.get("segmentation", lambda: load_rules(paths), SegmentationRules)
        return dataclasses.replace(rules, gazetteer=gazetteer)
    path = rules_file or paths.mappings / "segmentation.yaml"
    model = load_file(paths.mappings / "docmodel.yaml") or {}
    layout = LayoutRules(Patterns({stem: load_file(paths.mappings / "patterns" / f"{stem}.yaml") or {}
                                   for stem in ("layout", "periods")}))
    return dataclasses.replace(_rules_from(load_file(path) or {}, gazetteer, model), layout=layout)


# ---------------------------------------------------------------- document boundaries

def _anchors(masked: str, ctx: dc.ContextRules) -> list[int]:
    found: set[int] = set()
    for p in ctx.dateline:
        for m in p.finditer(masked):
            if dc.parse_date(m, ctx.months):
                found.add(m.start())
    found.update(m.start() for p in ctx.letter_openings for m in p.finditer(masked))
    return sorted(found)


def _is_prose(line: str, ctx: dc.ContextRules) -> bool:
    return dc.is_prose(line, ctx)


def _has_prose(masked: str, start: int, end: int, ctx: dc.ContextRules) -> bool:
    return any(_is_prose(masked[a:b].strip(), ctx) for a, b in dc.lines_of(masked, start, end)
               if masked[a:b].strip())


def _header_start(text: str, anchor: int, marks: list[ChromeMark], ctx: dc.ContextRules) -> int:
    """Walk up from the anchor line over the headline block; stop at prose, chrome or a closing date line.

    Bullet lines (highlights under a headline) belong to the block even when they end like sentences, but a
    block must begin with a non-bullet line: bullets above the topmost heading stay with the previous document."""
    taken: list[tuple[int, bool]] = []   # (line start, is bullet), bottom-up
    for a, b in reversed(dc.lines_of(text, 0, anchor)):
        line = text[a:b].strip()
        if not line:
            continue
        bullet = bool(ctx.bullet.match(text, a, b)) and len(line) <= ctx.header_max_chars
        if overlaps_any(marks, a, b) or (not bullet and _is_prose(line, ctx)) \
                or any(p.match(text, a, b) for p in ctx.date_line):
            break
        taken.append((a, bullet))
        if len(taken) >= ctx.header_max_lines:
            break
    while taken and taken[-1][1]:
        taken.pop()
    return taken[-1][0] if taken else anchor


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def document_spans(text: str, masked: str, marks: list[ChromeMark], ctx: dc.ContextRules) -> list[tuple[int, int]]:
    """[start, end) of every document in the file, in order; a file without anchors is one document."""
    starts: list[tuple[int, int]] = []   # (document start, anchor)
    for anchor in _anchors(masked, ctx):
        s = _header_start(text, anchor, marks, ctx)
        if starts and not _has_prose(masked, starts[-1][1], s, ctx):
            continue   # no body between the previous anchor and this one: same document
        starts.append((s, anchor))
    bounds = [s for s, _ in starts]
    if not bounds or _has_prose(masked, 0, bounds[0], ctx):
        bounds.insert(0, 0)
    else:
        bounds[0] = 0
    bounds.append(len(text))
    return [(a, _rstrip(text, a, b)) for a, b in zip(bounds, bounds[1:]) if text[a:b].strip()]


# ---------------------------------------------------------------- context of one document

def _fill_years(contexts: list[dc.DocContext]) -> None:
    """A dateline without a year takes it from the nearest bundled neighbour that has one."""
    for i, c in enumerate(contexts):
        if c.date is None or c.date.year is not None:
            continue
        order = sorted(range(len(contexts)), key=lambda j: (abs(j - i), j))
        for j in order:
            d = contexts[j].date
            if j != i and d is not None and d.year is not None:
                c.date = dc.PartialDate(c.date.month, c.date.day, d.year)
                break


def _doc_id(c: dc.DocContext, iso: Optional[str], rules: SegmentationRules, taken: set[str]) -> str:
    prefix = c.issuer.key if c.issuer else (slugify(c.publisher) if c.publisher else "doc")
    when = iso or (c.period.label.lower() if c.period else "undated")
    drop = set(prefix.split("-")) | set(when.split("-"))
    if c.issuer:
        drop |= {w for w in re.split(r"\W+", c.issuer.label.lower()) if w}
    words = dc.slug_words(c.title, rules.context, drop)
    base = slugify("-".join([prefix, when, *words]))
    doc_id, n = base, 2
    while doc_id in taken:
        doc_id, n = f"{base}-{n}", n + 1
    taken.add(doc_id)
    return doc_id


def _complete(c: dc.DocContext) -> bool:
    return bool((c.dateline_at is not None or c.genre == "shareholder_letter") and c.title and c.date is not None)


def _one_unless_bundled(spans: list[tuple[int, int]],
                        contexts: list[dc.DocContext]) -> list[tuple[int, int, tuple[int, int]]]:
    """Join the parts of a file that is not a registered bundle, unless they are complete documents one after
    another: each with its own headline and dateline, with another date or another company than the one before.
    A part without a dateline (a masthead, an e-mail header, a digest's preface) joins the part after it, whose
    headline stays the document's. Returns (start, end, where its headline is looked for)."""
    out: list[list] = []
    last: Optional[dc.DocContext] = None
    pending: Optional[int] = None
    for (s, e), c in zip(spans, contexts):
        if not out:
            if _complete(c) or len(spans) == 1:
                out.append([s if pending is None else pending, e, (s, e)])
                last, pending = c, None
            else:
                pending = s if pending is None else pending
            continue
        other = last is not None and _complete(last) and _complete(c) and (
            c.date != last.date or (c.issuer is not None and last.issuer is not None and c.issuer.key != last.issuer.key))
        if other:
            out.append([s, e, (s, e)])
            last = c
        else:
            out[-1][1] = e
    if not out:
        return [(spans[0][0], spans[-1][1], (spans[0][0], spans[-1][1]))]
    if pending is not None:
        out[-1][1] = spans[-1][1]
    return [(a, b, (t[0], b if t[1] == t[1] and t[0] == a else t[1])) for a, b, t in out]


def segment(source: SourceFile, text: str, rules: SegmentationRules,
            taken_ids: Optional[set[str]] = None) -> list[Document]:
    """The documents of one source file, with context, chrome spans and (transcripts) speaker turns. The document
    model reads the text with its hard-wrapped paragraphs re-joined (same offsets): a title, dateline or cue cut
    across two lines reads as on one."""
    if rules.layout is not None:
        text = unwrapped(text, rules.layout)
    found = find_chrome(text, rules.chrome)
    masked = mask(text, merge_spans(found, text))
    spans = document_spans(text, masked, found, rules.context)

    def read(spans: list[tuple[int, int]], titles: Optional[list[tuple[int, int]]] = None
             ) -> tuple[list[ChromeMark], str, list[dc.DocContext]]:
        marks = sorted(found + about_marks(text, rules.about, spans), key=lambda m: m.start)
        masked = mask(text, merge_spans(marks, text))
        return marks, masked, [read_context(text, masked, s, e, source, rules, titles[i] if titles else None)
                               for i, (s, e) in enumerate(spans)]

    marks, masked, contexts = read(spans)
    if not source.bundle and len(spans) > 1:
        joined = _one_unless_bundled(spans, contexts)
        if [(a, b) for a, b, _ in joined] != spans:
            spans = [(a, b) for a, b, _ in joined]
            marks, masked, contexts = read(spans, [t for _, _, t in joined])
    skip = merge_spans(marks, text)
    _fill_years(contexts)
    taken = taken_ids if taken_ids is not None else set()
    docs = []
    for (s, e), c in zip(spans, contexts):
        iso = c.date.iso() if c.date else None
        if iso is None and source.date is not None:
            iso = source.date   # the page's own metadata dates it when its text does not
        d = Date.fromisoformat(iso) if iso and len(iso) == 10 else None
        if iso is None and source.year is not None:
            iso = str(source.year)  # reduced-precision ISO date from the registry: the text states no date
        reporting_period(text, masked, s, e, c, rules, d)
        docs.append(Document(
            doc_id=_doc_id(c, iso, rules, taken), source_file=source.path, start=s, end=e, title=c.title,
            genre=c.genre, date=iso, publisher=c.publisher, issuer=c.issuer, period=c.period,
            chrome=clip(skip, s, e), turns=c.turns, corpus=source.corpus, role=c.role,  # type: ignore[arg-type]
            source=c.source, market=c.market, category=c.category, fiscal=c.fiscal,
            boilerplate=clip(boilerplate_spans(marks), s, e)))
    return docs


# ---------------------------------------------------------------- entry points

def _paths(settings_or_paths: Union[Settings, ProjectPaths]) -> ProjectPaths:
    return settings_or_paths.paths if isinstance(settings_or_paths, Settings) else settings_or_paths


def _gazetteer(paths: ProjectPaths) -> Optional[Gazetteer]:
    return load_gazetteer(paths.gazetteer) if paths.gazetteer.is_dir() else None


def load_documents(settings_or_paths: Union[Settings, ProjectPaths], corpora: list[str],
                   rules: Optional[SegmentationRules] = None) -> list[tuple[Document, str]]:
    """Every document of the registered source files in ``corpora``, each with its whole source file text.

    Each file is checked against its registry sha256 first (offsets are only true for the registered bytes).
    """
    paths = _paths(settings_or_paths)
    rules = rules or load_rules(paths, _gazetteer(paths))
    taken: set[str] = set()
    out: list[tuple[Document, str]] = []
    for source in load_registry(paths):
        if source.corpus not in corpora:
            continue
        verify(paths, source)
        text = read_source(paths, source.path)
        out.extend((doc, text) for doc in segment(source, text, rules, taken))
    return out


def documents_for_file(settings: Union[Settings, ProjectPaths], path: Path, text: str, *,
                       genre: Optional[str] = None, date: Optional[str] = None, title: Optional[str] = None,
                       publisher: Optional[str] = None, container_date: Optional[str] = None) -> list[Document]:
    """Segment an unregistered text file; given genre/date/title/publisher override what the text says, the
    container's date (an HTML page's metadata) fills in when the text states none."""
    paths = _paths(settings)
    rules = load_rules(paths, _gazetteer(paths))
    try:
        rel = str(path.resolve().relative_to(paths.sources.resolve()))
    except ValueError:
        rel = path.name
    source = SourceFile(path=rel, corpus="adhoc", sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
                        publisher=publisher, date=container_date)
    docs = segment(source, text, rules)
    overrides: dict[str, Any] = {k: v for k, v in
                                 (("genre", genre), ("date", date), ("title", title), ("publisher", publisher))
                                 if v is not None}
    return [dataclasses.replace(d, **overrides) for d in docs] if overrides else docs
