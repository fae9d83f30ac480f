"""Products as entities: gazetteer products and series, plus product names discovered in text.

Brands come from the gazetteer and from the document itself (a brand it introduces: "launched the Aster X2").
``products_in(ctx, sentence)`` is what the spec, price and launch extractors use to find the products a
sentence names; ``ProductTracker`` follows the product a passage is about ("It supports OIS" after "Nova
7 Pro ..."). ``extract(ctx)`` registers every discovered product with ``ctx.discover`` (they end up in
ExtractionResult.entities, typed by their sentence's category words) and states no facts itself.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from ..records import EntityRef, Fact
from .context import ExtractionContext
from .productlexicon import LexiconRules, ProductLexicon, learn
from .productlines import learn_lines
from .productnames import ProductGrammar, ProductName, category_of, discovered_ref, find_product_names
from .text import Sentence

_GRAMMARS: dict[int, tuple[ProductGrammar, Optional[re.Pattern[str]]]] = {}


@dataclass(frozen=True)
class ProductMention:
    start: int
    end: int
    ref: EntityRef
    compared: bool = False    # named as a point of comparison ("as the Mi 9 Pro 5G", "Following the ...")


def _brand_forms(ctx: ExtractionContext) -> list[str]:
    """Brands, and companies of the types that also prefix product names ("Acme 12 Pro")."""
    org_types = set(ctx.patterns["products"].get("brand_organisation_types") or ())
    return [n for e in ctx.gazetteer.entities.values()
            if e.kind == "brand" or (e.kind == "organisation" and org_types & set(e.types))
            for n in (e.label, *e.aliases)]


def grammar(ctx: ExtractionContext) -> tuple[ProductGrammar, Optional[re.Pattern[str]]]:
    """The product-name grammar for this engine (built once per engine) and the comparison cue regex."""
    key = id(ctx.engine)
    if key not in _GRAMMARS:
        from .productnames import build_product_grammar
        data = ctx.patterns["products"]
        comp = data.get("comparison_before")
        _GRAMMARS.clear()
        _GRAMMARS[key] = (build_product_grammar(data, _brand_forms(ctx)),
                          re.compile(comp, re.IGNORECASE) if comp else None)
    return _GRAMMARS[key]


def learn_brands(text: str, data: dict, known: set[str]) -> list[str]:
    """Brands a document introduces itself (``learn_brands`` patterns of mappings/patterns/products.yaml), not
    already known and not in ``not_brands``."""
    banned = set(data.get("not_brands") or ()) | known
    found: list[str] = []
    for pattern in data.get("learn_brands") or ():
        for m in re.finditer(pattern, text):
            b = m.group("brand")
            if b not in banned and b not in found:
                found.append(b)
    return found


_DOC_GRAMMARS: dict[tuple, Optional[ProductGrammar]] = {}


def document_grammar(ctx: ExtractionContext) -> Optional[ProductGrammar]:
    """The product-name grammar of the brands this document introduces (None when it introduces none)."""
    key = (id(ctx.engine), ctx.doc.doc_id, ctx.doc.start, ctx.doc.end, hash(ctx.text))
    if key not in _DOC_GRAMMARS:
        if len(_DOC_GRAMMARS) > 16:
            _DOC_GRAMMARS.clear()
        from .productnames import build_product_grammar
        data = ctx.patterns["products"]
        brands = learn_brands(ctx.text[ctx.doc.start:ctx.doc.end], data, set(_brand_forms(ctx)))
        _DOC_GRAMMARS[key] = build_product_grammar(data, brands) if brands else None
    return _DOC_GRAMMARS[key]


def _brand_category(ctx: ExtractionContext, name: ProductName) -> Optional[str]:
    for e in ctx.gazetteer.entities.values():
        if e.kind == "brand" and name.brand in (e.label, *e.aliases):
            cat = e.props.get("category")
            return str(cat) if cat else None
    return None


def _whole_series(ctx: ExtractionContext, entry, start: int, end: int) -> Optional[EntityRef]:
    """The series of a product named as "All <product> variants"."""
    data = ctx.patterns["products"]
    if entry is None or not entry.props.get("series") or not data.get("series_before"):
        return None
    if re.search(data["series_before"], ctx.text[max(0, start - 12):start]) and \
            re.match(data["series_after"], ctx.text[end:end + 20]):
        series = ctx.gazetteer.get(str(entry.props["series"]))
        return series.ref() if series is not None else None
    return None


def _issuer_brands(ctx: ExtractionContext) -> dict[str, Optional[str]]:
    """The brands of this document: the issuer's short names and the companies it names (surface -> owner key)."""
    out: dict[str, Optional[str]] = {}
    refs = [ctx.issuer] if ctx.issuer is not None else []
    refs += [r for k, r in ctx.names.refs.items() if r.kind == "organisation" and ctx.names.how.get(k) in
             ("suffix", "ticker")]
    for ref in refs:
        first = ref.label.split()[0] if ref.label.split() else ""
        if len(first) >= 3 and first[0].isupper() and first[1:].islower():
            out.setdefault(first, ref.key)
    return out


def lexicon(ctx: ExtractionContext) -> ProductLexicon:
    """The products this document names (``productlexicon.py``), learnt once per document."""
    cached = ctx.__dict__.get("_product_lexicon")
    if cached is not None:
        return cached
    data = ctx.patterns["products"]
    rules = LexiconRules.from_data(data)
    markets = {n for e in ctx.gazetteer.entities.values() if e.kind == "market"
               for n in (e.label, *e.aliases) if " " not in n}
    rules = LexiconRules(**{**rules.__dict__, "stop_tokens": rules.stop_tokens | frozenset(markets)})
    brands: dict[str, Optional[str]] = {b: None for b in _brand_forms(ctx)}
    brands.update(_issuer_brands(ctx))
    lex = ProductLexicon(rules, brands)
    lines = ctx.layout.lines
    headings = [(ln.start, ln.end) for i, ln in enumerate(lines) if ln.kind == "heading" and
                any(nxt.kind == "label" for nxt in lines[i + 1:i + 3])]
    companies = frozenset(r.label.split()[0] for r in ctx.names.refs.values()
                          if r.kind == "organisation" and len(r.label.split()) > 1)
    learn(lex, ctx.text, ctx.doc.start, ctx.doc.end, headings, ctx.issuer.key if ctx.issuer else None, companies)
    parts = frozenset(r.label for r in ctx.names.refs.values() if r.kind in ("organisation", "platform"))
    learn_lines(lex, ctx.text, ctx.doc.start, ctx.doc.end,
                ctx.issuer.key if ctx.issuer is not None and ctx.doc.speaks_for_issuer else None,
                [str(w) for w in (data.get("open_world") or {}).get("line_words") or []], companies | parts)
    ctx.__dict__["_product_lexicon"] = lex
    return lex


def products_in(ctx: ExtractionContext, sentence: Sentence) -> list[ProductMention]:
    """Products and series named in a sentence (gazetteer first, then discovered names), by position."""
    g, comparison = grammar(ctx)
    out: list[ProductMention] = []
    known: list[tuple[int, int]] = []
    orgs: list[tuple[int, int]] = []
    components = set(ctx.patterns["products"].get("component_types") or ())
    # the engine's matcher directly: the issuer's own name must not hide "Acme Nova TV ..." products
    for m in ctx.engine.matcher.find(ctx.text, sentence.start, sentence.end):
        if m.kind in g.product_kinds:
            known.append((m.start, m.end))
            entry = ctx.gazetteer.get(m.target)
            if entry is not None and components & set(entry.types):
                continue
            out.append(ProductMention(m.start, m.end, _whole_series(ctx, entry, m.start, m.end) or ctx.entity(m)))
        elif m.kind == "platform":
            known.append((m.start, m.end))
        elif m.kind == "organisation":
            orgs.append((m.start, m.end))
    names = find_product_names(sentence.text, sentence.start, g, known)
    local = document_grammar(ctx)
    if local is not None:
        names += find_product_names(sentence.text, sentence.start, local,
                                    known + [(n.start, n.end) for n in names])
    for name in names:
        if any(name.start < b and a < name.end for a, b in orgs) and \
                not any(a == name.start for a, b in orgs):
            continue          # inside an organisation's name, not a product name that starts with it
        cat = category_of(sentence.text, g, _brand_category(ctx, name))
        ref = discovered_ref(name, cat)
        known_entry = ctx.gazetteer.get(ref.key)
        if known_entry is not None:
            ref = known_entry.ref()
        else:
            old = ctx.discover(ref.key, ref.kind, ref.label, ref.types)
            if not old.types and ref.types:      # a later sentence tells the category
                ctx.discovered[ref.key] = ref
            else:
                ref = old
        out.append(ProductMention(name.start, name.end, ref))
    known += [(p.start, p.end) for p in out]
    lex = lexicon(ctx)
    cat = category_of(sentence.text, g)
    for a, b, ref in lex.find(ctx.text, sentence.start, sentence.end):
        if any(a < y and x < b for x, y in known):
            continue
        if cat:
            lex.typed(ref.key, cat)
        ref = _merged(ctx, lex.refs.get(ref.key, ref))
        ctx.discovered[ref.key] = ref if ref.key not in ctx.discovered or not ctx.discovered[ref.key].types \
            else ctx.discovered[ref.key]
        out.append(ProductMention(a, b, ctx.discovered[ref.key]))
        known.append((a, b))
    out.sort(key=lambda p: p.start)
    if comparison is not None:
        out = [ProductMention(p.start, p.end, p.ref,
                              bool(comparison.search(ctx.text[max(sentence.start, p.start - 60):p.start])))
               for p in out]
    return out


def main_product(ctx: ExtractionContext) -> Optional[EntityRef]:
    """The product a launch document is about: the learnt product of the issuer named most often (ties: the
    first named), else the learnt product named most often (found once per document)."""
    if "_main_product" not in ctx.__dict__:
        ctx.__dict__["_main_product"] = _main_product(ctx)
    return ctx.__dict__["_main_product"]


def _main_product(ctx: ExtractionContext) -> Optional[EntityRef]:
    lex = lexicon(ctx)
    counts: dict[str, int] = {}
    for _, _, ref in lex.find(ctx.text, ctx.doc.start, ctx.doc.end):
        counts[ref.key] = counts.get(ref.key, 0) + 1
    if not counts:
        return None
    issuer = ctx.issuer.key if ctx.issuer else None
    own = [k for k in counts if lex.refs[k].owner == issuer] or list(counts)
    key = max(own, key=lambda k: counts[k])
    return ctx.discovered.get(key, lex.refs[key])


def _merged(ctx: ExtractionContext, ref: EntityRef) -> EntityRef:
    """A learnt product the gazetteer knows (by label or alias, with or without its brand) is the gazetteer's."""
    for form in (ref.label, ref.label.split(" ", 1)[-1]):
        for m in ctx.engine.matcher.find(form, 0, len(form)):
            if m.start == 0 and m.end == len(form) and m.kind in ("product", "series"):
                entry = ctx.gazetteer.get(m.target)
                if entry is not None:
                    return entry.ref()
    return ref


class ProductTracker:
    """The product a passage is about: the first product a sentence names (not as a comparison) becomes the
    topic of the sentences that follow, until another sentence names one. It also remembers the products named
    so far (most recent last) and the last group a sentence named together ("the Sora and the Sora Plus"), which
    "Both scooters" and "the larger model" refer to (graph/extract/productrefs.py)."""

    def __init__(self) -> None:
        self.topic: Optional[EntityRef] = None
        self.recent: list[EntityRef] = []     # the products of the last sentence that named any
        self.named: list[EntityRef] = []      # every product named so far, most recently named last
        self.group: list[EntityRef] = []      # the products of the last sentence that named two or more
        self.shared = False                   # the last naming sentence coordinated its first two products

    def update(self, mentions: list[ProductMention], shared: bool = False) -> None:
        subjects = [p.ref for p in mentions if not p.compared]
        if subjects:
            self.topic = subjects[0]
            self.recent = list(dict.fromkeys(subjects))
            self.shared = shared and len(self.recent) >= 2
            if len(self.recent) >= 2:
                self.group = self.recent
            keys = {r.key for r in self.recent}
            self.named = [r for r in self.named if r.key not in keys] + self.recent


def extract(ctx: ExtractionContext) -> list[Fact]:
    """Register the products of every sentence (discovered ones become ExtractionResult.entities); the units of
    limited editions are the only facts stated here (``productruns.py``)."""
    from .productruns import limited_runs      # productruns builds on this module
    for s in ctx.sentences:
        products_in(ctx, s)
    return limited_runs(ctx)
