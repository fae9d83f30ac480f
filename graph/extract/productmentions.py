"""Products as entities of the measure frames: a sentence's mentions (``context.py``) plus the products the
document knows -- gazetteer products, names of the product grammar and products and lines learnt by the
document's product lexicon (``products.py``, ``productlexicon.py``, ``productlines.py``) -- so that a figure
whose clause names a product ("The Lianjie S7 sedan made up 62% of deliveries") is that product's, with the
product's owner kept on its ``EntityRef``.

A product is a subject only where a subject stands (``subject_place``): opening its clause, after its
determiner or owner ("Its Quill e-reader line", "The company's Aurelo Watch line", "said that the Nimbus Air"),
or as the object of a measure at the clause's head ("Sales of the Nimbus Air"). A product named as a point of
comparison ("than the Nimbus Pro") or as a cause ("driven by the Nimbus Air", ``frames.yaml`` cause_before) is
not, and a company's own total stays the company's (the subject slot prefers the name right before a measure).
"""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Optional

from .context import ExtractionContext, Mentions
from .discourse import Discourse
from .matcher import Match
from .patterns import alternation, per_document
from ..records import EntityRef
from .products import lexicon, products_in
from .slotrules import Slot, SlotRules
from .text import Sentence

PRODUCT_KINDS = ("product", "series")


def with_products(ctx: ExtractionContext, s: Sentence, m: Mentions) -> Mentions:
    """``m`` with the sentence's products as entities. A product's span wins over a shorter name inside it (the
    brand "Lianjie" in "Lianjie S7") and over an open-world name of the same span ("Lumi" read as a part of the
    company); a gazetteer entity of the same span, or a longer one, stays."""
    found = [p for p in products_in(ctx, s) if p.ref.kind in PRODUCT_KINDS and not p.compared]
    if not found:
        return m
    ents = list(m.entities)
    for p in found:
        if any(q.start <= p.start < q.number_end for q in m.quantities):
            continue
        over = [e for e in ents if e.start < p.end and p.start < e.end]
        if any(e.kind in PRODUCT_KINDS or (e.end - e.start) > (p.end - p.start) or
               ((e.end - e.start) == (p.end - p.start) and ctx.gazetteer.get(e.target) is not None)
               for e in over):
            continue
        if any(not (p.start <= e.start and e.end <= p.end) for e in over):
            continue        # crossing spans: neither reading is sure, keep the sentence's own
        ents = [e for e in ents if e not in over]
        ents.append(Match(p.start, p.end, p.ref.kind, p.ref.key, ctx.text[p.start:p.end]))
        if ctx.gazetteer.get(p.ref.key) is None:
            ref = ctx.discovered.get(p.ref.key, p.ref)
            ctx.discovered[p.ref.key] = ref if ref.owner else _with_owner(ctx, ref, ctx.text[p.start:p.end])
    return replace(m, entities=sorted(ents, key=lambda e: e.start))


def _with_owner(ctx: ExtractionContext, ref: EntityRef, surface: str) -> EntityRef:
    """A product the name grammar found ("the Vero 5") keeps the owner the lexicon learnt for the same name
    ("Quillon launched the Vero 5": Quillon's)."""
    lex = lexicon(ctx)
    key = lex.forms.get(" ".join(surface.split()))
    owner = lex.refs[key].owner if key is not None else None
    return EntityRef(ref.key, ref.kind, ref.label, ref.types, owner) if owner else ref


# the text before a product that stands in a subject's place: the clause's head, optional determiner or owner
# and modifiers ("The", "Its", "The company's", "Kaito's budget"), or a measure's head noun with "of"/"for"
_HEAD = r"(?:^|[,;:(]|\b(?:that|and|but|while|whereas|where|as|when|said|says))\s*"
_OWNER = r"(?:(?:[Tt]he|[Ii]ts|[Oo]ur|[Tt]heir|[Tt]his|[A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*){0,2}['’]s?|[Tt]he\s+[a-z]+['’]s)\s+)?"
_NOT_MODIFIER = ("by", "than", "to", "from", "of", "for", "against", "versus", "over", "like", "unlike", "after",
                 "before", "since", "following", "including", "despite", "about", "on", "in", "at", "into", "with",
                 "the", "its", "our", "their", "and", "or", "said", "says", "that", "which", "who")


def _place_rx(ctx: ExtractionContext) -> re.Pattern[str]:
    def build() -> re.Pattern[str]:
        mod = rf"(?:(?!(?:{alternation(_NOT_MODIFIER)})\b)[a-z][\w-]*\s+){{0,2}}"
        of = r"(?:[A-Za-z][\w-]*\s+){1,3}(?:of|for|from)\s+(?:[Tt]he|[Ii]ts|[Oo]ur|[Tt]heir)\s+"
        return re.compile(rf"(?:{_HEAD}{_OWNER}{mod}|{_HEAD}{of})$")
    return per_document(ctx, "_product_place_rx", build)


def _cause_rx(ctx: ExtractionContext) -> re.Pattern[str]:
    def build() -> re.Pattern[str]:
        words = [str(w) for w in ctx.patterns["frames"].get("cause_before") or []]
        if not words:
            return re.compile(r"(?!)")
        return re.compile(rf"\b(?:{alternation(words)})\s+(?:(?:the|its|our|their|[\w-]+['’]s)\s+)?"
                          r"(?:[a-z][\w-]*\s+){0,2}$", re.I)
    return per_document(ctx, "_product_cause_rx", build)


def named_as_cause(ctx: ExtractionContext, e: Match, lo: int) -> bool:
    """"driven by the Nimbus Air", "thanks to its Tessa line": a name that explains a figure is not its subject."""
    return _cause_rx(ctx).search(ctx.text, max(0, lo, e.start - 50), e.start) is not None


_RELATIVE = re.compile(r"\s*,?\s*(?:which|that)\s")
_OTHER_SUBJECT = re.compile(r"\b(?:we|our|the\s+(?:company|group|firm|brand|maker)(?:['’]s)?)\b", re.I)


def subject_place(ctx: ExtractionContext, e: Match, lo: int, pos: int) -> bool:
    """A product in a subject's place of the clause that starts at ``lo``, for the figure at ``pos`` (see the
    module doc): "last year's Stellar Pro, which sold 1.8 million units" is the relative clause's subject; "the
    Mira should reach ..., and that the group is sticking to its target of 480,000" names another subject before
    the figure."""
    if e.kind not in PRODUCT_KINDS:
        return True
    if named_as_cause(ctx, e, lo) or (e.end <= pos and _OTHER_SUBJECT.search(ctx.text, e.end, pos)):
        return False
    if _RELATIVE.match(ctx.text, e.end):
        return True
    a = max(lo, e.start - 80)
    # "#": a clipped window does not open the clause
    return _place_rx(ctx).search(("" if a == lo else "#") + ctx.text[a:e.start]) is not None


# "higher than the Nimbus Pro's 2.1 million units": the figure is the compared name's, not the clause subject's
_COMPARED_OWNER = re.compile(r"\b(?:than|versus|vs\.?|compared\s+(?:with|to)|against)\s+(?:the\s+|its\s+|their\s+)?"
                             r"(?:[A-Z][\w&.+-]*\s+){0,3}[A-Z0-9][\w&.+-]*['’]s?\s+$")


def compared_figure(ctx: ExtractionContext, lo: int, pos: int) -> bool:
    """The figure at ``pos`` is stated for a name the clause compares with ("than the Nimbus Pro's 2.1 million"):
    it is no figure of the clause's subject."""
    return _COMPARED_OWNER.search(ctx.text, max(lo, pos - 60), pos) is not None


def product_in_measure(ctx: ExtractionContext, rules: SlotRules, m: Mentions, d: Discourse, a: int,
                       pos: int) -> Optional[Slot]:
    """A product's possessive in the measure's own phrase, before its figure ("Cumulative unit sales since the
    device's launch reached 31.2 million"): the product named last in the paragraphs before, when no other name
    stands between the measure and the figure."""
    rx = rules.pronoun_rx.get("product")
    if rx is None or any(a <= e.start < pos for e in m.entities):
        return None
    for p in rx.finditer(ctx.text, a, pos):
        if not p.group(0).endswith(("'s", "’s")):
            continue
        ref = d.antecedent(p.start(), PRODUCT_KINDS, max_paragraphs=2)
        if ref is not None:
            return Slot(ref, "pronoun", p.start(), p.end())
    return None


def figure_for_product(ctx: ExtractionContext, m: Mentions, end: int, hi: int) -> bool:
    """An earlier value stated for a product ("compared with 2.2 million for last year's model", "against 1.9
    million for the Nimbus Air"): it is that product's, not the level's subject's (``frames.yaml``
    earlier_product_words: the words that make a product noun an earlier product)."""
    hit = re.match(r"\s+for\s+(?:the\s+|its\s+)?", ctx.text[end:min(hi, end + 60)])
    if hit is None:
        return False
    at = end + hit.end()
    if any(e.start == at and e.kind in PRODUCT_KINDS for e in m.entities):
        return True
    words = per_document(ctx, "_earlier_product_rx", lambda: re.compile(r"(?:%s)\b" % alternation(
        str(w) for w in ctx.patterns["frames"].get("earlier_product_words") or []), re.I))
    return words.match(ctx.text, at) is not None
