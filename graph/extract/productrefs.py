"""Which product a figure of a launch article belongs to when the article names several products.

Rules are data in the ``references`` section of mappings/patterns/products.yaml; the spec and price extractors
ask, for each value, in this order:

1. ``owner_after``: a product right after the value names its owner ("about 5.5 hours for the Sora and 7 hours
   for the Sora Plus", "up to 22 hours (Nimbus Buds) and up to 19 hours (Nimbus Buds Studio)");
2. the subject before the value: the nearest product named before it in the sentence, or a descriptor ("the
   larger model", "the cheaper variant", "the smaller one") resolved against the group of products just named by
   size or price tier. Products coordinated as a clause's subject ("The Pro and the Ultra are rated IP68") share a
   value stated once; two values of one measure for such a subject without "respectively" are left unresolved;
3. a group reference ("Both scooters", "All three models"): the products named recently, as many as the number
   word says;
4. the passage's topic product, unless the last sentence that named products named two as one subject ("the Nimbus
   Air and the Nimbus Air Pro"): then "The phone has ..." is ambiguous and left unresolved.

``None`` as a subject means the text does not resolve the product: the caller reports the value as unresolved,
never as the issuer's or the last product's.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Optional, Sequence

from ..records import EntityRef
from .context import ExtractionContext
from .decide import Unresolved
from .patterns import per_document
from .products import ProductMention, ProductTracker

UNRESOLVED = "ambiguous product"     # the reason of a value whose product the text leaves open
NO_PRODUCT = "no product"            # ... of a value no product is named for


@dataclass(frozen=True)
class Descriptor:
    cue: re.Pattern[str]
    order: str        # size | price
    pick: str         # max | min


@dataclass(frozen=True)
class ReferenceRules:
    group: re.Pattern[str]
    group_sizes: dict[str, int]
    owner_after: re.Pattern[str]
    coordination: re.Pattern[str]
    clause_opening: re.Pattern[str]
    clause_break: re.Pattern[str]
    descriptors: tuple[Descriptor, ...]
    size_words: dict[str, int]
    tier_words: dict[str, int]
    size_metrics: frozenset[str]

    @classmethod
    def from_data(cls, data: dict) -> "ReferenceRules":
        never = r"(?!)"
        return cls(
            group=re.compile(data.get("group") or never),
            group_sizes={str(k).casefold(): int(v) for k, v in (data.get("group_sizes") or {}).items()},
            owner_after=re.compile(data.get("owner_after") or never),
            coordination=re.compile(data.get("coordination") or never),
            clause_opening=re.compile(data.get("clause_opening") or never),
            clause_break=re.compile(data.get("clause_break") or never),
            descriptors=tuple(Descriptor(re.compile(d["cue"]), str(d["order"]), str(d["pick"]))
                              for d in data.get("descriptors") or ()),
            size_words={str(k): int(v) for k, v in (data.get("size_words") or {}).items()},
            tier_words={str(k): int(v) for k, v in (data.get("tier_words") or {}).items()},
            size_metrics=frozenset(str(m) for m in data.get("size_metrics") or ()),
        )


def reference_rules(ctx: ExtractionContext) -> ReferenceRules:
    return per_document(ctx, "_reference_rules",
                        lambda: ReferenceRules.from_data(ctx.patterns["products"].get("references") or {}))


@dataclass(frozen=True)
class Subject:
    """A place in a sentence that names what follows: a product, or a descriptor (``ref`` None when the
    descriptor does not pick one product)."""

    start: int
    end: int
    ref: Optional[EntityRef]
    run: tuple[EntityRef, ...] = ()        # the coordinated products this one belongs to ("the X and the Y")
    opens: bool = False                    # ... which are the subject at the start of a clause


def coordinated(ctx: ExtractionContext, own: Sequence[ProductMention], rules: ReferenceRules) -> list[list[ProductMention]]:
    """Runs of products joined by "and" or commas ("the Fjord 5 Lite, the Fjord 5 Pro and the Fjord 5 Ultra")."""
    runs: list[list[ProductMention]] = []
    for p in own:
        if runs and rules.coordination.match(ctx.text[runs[-1][-1].end:p.start]):
            runs[-1].append(p)
        else:
            runs.append([p])
    return runs


def opens_clause(ctx: ExtractionContext, lo: int, run: list[ProductMention], rules: ReferenceRules) -> bool:
    """The run is the subject at the start of its clause ("The Pro and the Ultra are rated IP68")."""
    before = ctx.text[lo:run[0].start]
    breaks = list(rules.clause_break.finditer(before))
    if breaks:
        before = before[breaks[-1].end():]
    return bool(rules.clause_opening.match(before))


def shares_subject(ctx: ExtractionContext, own: Sequence[ProductMention], rules: ReferenceRules) -> bool:
    """A sentence whose first two products are one coordinated subject (the next sentence's "it" is ambiguous)."""
    runs = coordinated(ctx, own, rules)
    return bool(runs) and len({p.ref.key for p in runs[0]}) >= 2


def _rank(ref: EntityRef, words: dict[str, int]) -> int:
    return sum(words.get(t, 0) for t in ref.label.split()[1:])


def resolve_descriptor(d: Descriptor, group: Sequence[EntityRef], sizes: dict[str, float],
                       rules: ReferenceRules) -> Optional[EntityRef]:
    """The one product of ``group`` the descriptor picks, else None."""
    if len(group) < 2:
        return None
    if d.order == "size":
        if all(r.key in sizes for r in group):
            score = {r.key: sizes[r.key] for r in group}
        else:
            score = {r.key: float(_rank(r, rules.size_words)) for r in group}
    else:
        score = {r.key: float(_rank(r, rules.tier_words)) for r in group}
    best = (max if d.pick == "max" else min)(score.values())
    chosen = [r for r in group if score[r.key] == best]
    return chosen[0] if len(chosen) == 1 else None


def subjects_in(ctx: ExtractionContext, lo: int, hi: int, products: Sequence[ProductMention],
                tracker: ProductTracker, sizes: dict[str, float], rules: ReferenceRules) -> list[Subject]:
    """The products and descriptors of text[lo:hi] that name what follows them, by position."""
    own = [p for p in products if not p.compared and lo <= p.start < hi]
    out: list[Subject] = []
    for run in coordinated(ctx, own, rules):
        refs = tuple(dict.fromkeys(p.ref for p in run))
        if len(refs) < 2:
            refs = ()
        opens = bool(refs) and opens_clause(ctx, lo, run, rules)
        out += [Subject(p.start, p.end, p.ref, refs, opens) for p in run]
    group = tracker.group or tracker.named[-2:]
    for d in rules.descriptors:
        for m in d.cue.finditer(ctx.text, lo, hi):
            if not any(s.start <= m.start() < s.end for s in out):
                out.append(Subject(m.start(), m.end(), resolve_descriptor(d, group, sizes, rules)))
    return sorted(out, key=lambda s: s.start)


def owner_after(ctx: ExtractionContext, end: int, hi: int, products: Sequence[ProductMention],
                rules: ReferenceRules) -> Optional[EntityRef]:
    """The product right after a value that names its owner ("7 hours for the Sora Plus")."""
    after = [p for p in products if not p.compared and end <= p.start < hi]
    if after and rules.owner_after.match(ctx.text[end:after[0].start]):
        return after[0].ref
    return None


def group_of(sentence: str, tracker: ProductTracker, rules: ReferenceRules) -> Optional[list[EntityRef]]:
    """The products a group reference of the sentence stands for ("Both scooters" -> the two just named); None
    when the sentence has none, or when fewer products were named than it counts ("All three sets" of one TV
    range: the passage's product)."""
    m = rules.group.search(sentence)
    if m is None:
        return None
    n = next((v for w, v in rules.group_sizes.items() if re.search(rf"\b{w}\b", m.group(0), re.IGNORECASE)), None)
    if n is None:
        return list(tracker.group) or None
    if len(tracker.group) == n:
        return list(tracker.group)
    return list(tracker.named[-n:]) if len(tracker.named) >= n else None     # variants of one product


def unresolved(ctx: ExtractionContext, start: int, end: int, value: object, unit: Optional[str],
               metric: Optional[str], reason: str = UNRESOLVED) -> None:
    """Report a value whose product the text does not resolve (ExtractionResult.unresolved)."""
    ctx.__dict__.setdefault("unresolved", []).append(
        Unresolved(ctx.doc.doc_id, ctx.evidence(start, end), value if isinstance(value, Decimal) else None, unit,
                   reason, metric))


def topic(tracker: ProductTracker) -> Optional[EntityRef]:
    """The passage's product, None when the last sentence naming products named two as one subject."""
    return None if tracker.shared else tracker.topic
