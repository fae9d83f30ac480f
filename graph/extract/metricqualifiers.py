"""The kind of product a measure is stated for, and measures named inside another noun's modifier.

A figure stated for a narrower thing never becomes the broader measure (issue 8, class 5):

- "handset shipments", "its commercial PC shipments", "shipments of Acme's smart TVs", "the average selling price
  of our smartwatches", "Acme shipped 0.9 million smart TVs": the product kind the text names (a word of
  ``frames.yaml`` ``categories``, with up to two modifiers of its own) narrows the measure. When the words are the
  category's own name ("smartphone shipments", "shipments of its tablets") the figure keeps its measure and takes
  the category (qualifier ``category``, as before); any other words ("smartwatch" is no name of the wearables
  category, "smart TV" says more than TVs) make a measure of their own, the scheme's concept when it has one, else
  one minted from the text's words ("smart TV shipments", ``skos:broader`` shipments by its head noun:
  graph/metricheads.py) -- never the broader category.
- "the number of households that own three or more devices connected to the platform reached 2.2 million": the known
  measure ("devices connected") sits inside a modifier of another head noun (``frames.yaml``
  ``measure_inside_modifier``); the figure counts that head, not the measure, and the frame abstains on its metric.

A market's figure (its category is the market's: graph/extract/marketclauses.py) and a share of a total are left
alone: there the category names where the figure is measured.
"""
from __future__ import annotations

import re
from typing import Optional

from ..iris import slugify
from .context import ExtractionContext, Mentions
from .framemodel import Frame, FrameRules
from .frameparts import _category_before
from .metricslot import verbish
from .patterns import per_document
from .slotrules import Slot

_NOT_NARROWED = frozenset({"market-share", "revenue-share", "share-of-total"})
_SCALES = frozenset({"thousand", "million", "billion", "trillion", "mn", "bn", "m", "k", "crore", "lakh"})
_STOP = frozenset({"the", "a", "an", "its", "our", "their", "his", "her", "this", "that", "these", "those", "and",
                   "or", "of", "in", "for", "on", "at", "by", "with", "to", "from", "as", "than", "per", "all"})
# the noun after a product kind that makes it no product kind ("shipments of the smartphone market")
_NOT_KIND_AFTER = re.compile(r"[\s-]+(?:market|markets|segment|segments|business|businesses|division|unit|units|"
                             r"industry|category|categories|sector|space|vendors?|makers?|brands?|players?)\b", re.I)


class _Kinds:
    """The category words, longest first, each with its category and its singular form."""

    def __init__(self, table: dict) -> None:
        self.category: dict[str, str] = {}
        self.singular: dict[str, str] = {}
        self.own: set[str] = set()
        for cat, words in table.items():
            names = [str(w) for w in words]
            for w in names:
                self.category[w.casefold()] = str(cat)
                sing = next((s for s in names if w.casefold() in (s.casefold() + "s", s.casefold() + "es")), w)
                self.singular[w.casefold()] = sing
            key = str(cat).casefold()
            self.own |= {key, key[:-1] if key.endswith("s") else key + "s"}
        alternation = "|".join(re.escape(w) for w in sorted(self.category, key=len, reverse=True))
        self.word = re.compile(rf"(?<![\w-])(?P<cat>{alternation})(?![\w-])", re.I)
        self.before = re.compile(rf"(?<![\w-])(?P<cat>{alternation})[\s-]+$", re.I)


def _kinds(ctx: ExtractionContext) -> _Kinds:
    return per_document(ctx, "_metric_kinds", lambda: _Kinds(ctx.patterns["frames"].get("categories") or {}))


def _inside_modifier(ctx: ExtractionContext) -> Optional[re.Pattern[str]]:
    def build() -> Optional[re.Pattern[str]]:
        rxs = [str(r) for r in ctx.patterns["frames"].get("measure_inside_modifier") or []]
        return re.compile("|".join(f"(?:{r})" for r in rxs), re.I) if rxs else None
    return per_document(ctx, "_measure_inside_modifier", build)


def qualify_metric(ctx: ExtractionContext, rules: FrameRules, m: Mentions, fr: Frame, ms: Optional[Slot],
                   lo: int, hi: int) -> None:
    """The frame's measure as narrow as its clause states it: none when a known measure sits in another noun's
    modifier, a product kind's measure or the category, the verb's count ("shares repurchased")."""
    how = fr.metric_how
    if measure_inside_modifier(ctx, lo, ms):
        fr.metric = fr.metric_label = None      # "households that own three or more devices connected": not the devices
    cat = narrow_metric(ctx, rules, m, fr, ms, lo, hi)
    counted_object(ctx, fr, lo)
    counted_noun(ctx, fr)
    if cat is None and ms is not None and ms.start >= 0 and how == "explicit":
        cat = _category_before(ctx, ms.start)
        if cat and fr.subject is not None and fr.subject.kind == "market":
            cat = _market_kind_before(ctx, ms.start) or cat    # "smartwatch shipments" of a market: the kind's
    if cat:
        fr.qualifiers.append(("category", cat))


def _market_kind_before(ctx: ExtractionContext, pos: int) -> Optional[str]:
    """A narrower kind of a category (``frames.yaml`` ``category_kinds``, "smartwatch") written right before the
    measure: the kind a market figure is measured for."""
    kinds = {str(w).casefold(): str(k) for w, k in (ctx.patterns["frames"].get("category_kinds") or {}).items()}
    hit = re.search(r"([\w-]+(?:\s[\w-]+)?)[\s-]+$", ctx.text[max(0, pos - 40):pos])
    if hit is None:
        return None
    words = hit.group(1).casefold()
    return kinds.get(words) or kinds.get(words.split()[-1])


def measure_inside_modifier(ctx: ExtractionContext, lo: int, ms: Optional[Slot]) -> bool:
    """The measure phrase sits in a modifier of another noun, in the clause before it ("users who have five or
    more devices connected ...", "customers with two or more connected devices")."""
    if ms is None or ms.start < 0 or ms.how != "explicit":
        return False
    rx = _inside_modifier(ctx)
    # ("the average number of connected devices": the name's own "number of" is the average's)
    lead = re.match(r"number\s+of\s+", ctx.text[ms.start:ms.end], re.I)
    return rx is not None and rx.search(ctx.text[max(lo, ms.start - 80):ms.start + (lead.end() if lead else 0)]) \
        is not None


def _modifiers(ctx: ExtractionContext, rules: FrameRules, m: Mentions, end: int, lo: int) -> int:
    """Where the modifiers of a product kind ending at ``end`` begin: up to two plain words right before it that
    name no entity, period, market or measure and are no determiner, measure modifier or verb ("premium", "smart",
    "commercial")."""
    start = end
    for _ in range(2):
        mm = re.search(r"(?:^|(?<=[\s(]))(?P<w>[A-Za-z][\w-]*)\s+$", ctx.text[max(lo, start - 30):start])
        if mm is None:
            break
        w = mm.group("w")
        ws = start - len(ctx.text[max(lo, start - 30):start]) + mm.start("w")
        lw = w.casefold()
        if lw in _STOP or lw in _SCALES or lw in rules.measure_modifiers or lw in rules.geographic_words or verbish(w) or \
                lw in rules.measure_verbs or w.isupper() or \
                any(x.start < start and ws < x.end for x in (*m.entities, *m.periods, *m.metrics)):
            break
        start = ws
    return start


def _kind_before(ctx: ExtractionContext, rules: FrameRules, m: Mentions, pos: int,
                 lo: int) -> Optional[tuple[int, int, str]]:
    """"premium smartphone shipments": (start, end of the product kind's words, the category word)."""
    mm = _kinds(ctx).before.search(ctx.text, max(lo, pos - 40), pos)
    if mm is None:
        return None
    return _modifiers(ctx, rules, m, mm.start("cat"), lo), mm.end("cat"), mm.group("cat")


_OF_KIND = re.compile(r"(?:[\u201d\"\u2019']?\s*\([^()]{1,16}\)|[\u201d\"\u2019']?\))?\s+of\s+(?:(?:the|its|our|their)\s+)?(?:(?:[A-Z][\w&.-]*\s+){0,2}?(?:[A-Z][\w&.-]*|Group|"
                      r"Company|firm|company|group|brand)['’]s?\s+)?")


def _kind_after(ctx: ExtractionContext, rules: FrameRules, m: Mentions, pos: int,
                hi: int) -> Optional[tuple[int, int, str]]:
    """"shipments of Acme's smart TVs", "the average selling price of our smartwatches": the product kind after
    "of" and an optional owner."""
    of = _OF_KIND.match(ctx.text, pos, min(hi, pos + 60))
    if of is None:
        return None
    mm = re.compile(r"(?:[a-z][\w-]*\s+){0,2}").match(ctx.text, of.end(), min(hi, of.end() + 40))
    at = of.end()
    kinds = _kinds(ctx)
    for cand in [at] + [at + x.end() for x in re.finditer(r"[a-z][\w-]*\s+", ctx.text[at:mm.end()])] if mm else [at]:
        k = kinds.word.match(ctx.text, cand)
        if k is not None:
            if _NOT_KIND_AFTER.match(ctx.text, k.end()):
                return None
            start = _modifiers(ctx, rules, m, k.start(), at)
            return (start, k.end(), k.group("cat")) if start == at else None
    return None


def _kind_of_count(ctx: ExtractionContext, rules: FrameRules, m: Mentions, fr: Frame) -> Optional[tuple[int, int, str]]:
    """"shipped 0.9 million smart TVs", "sold 260,000 premium phones": the product kind the count names."""
    q = fr.figure.q
    base = q.number_end or q.end
    mm = re.match(r"\s+(?:(?:thousand|million|billion|mn|bn|m|k)\s+)?(?:units\s+of\s+)?", ctx.text[base:base + 30])
    at = base + (mm.end() if mm else 0)
    k = re.compile(r"(?:[a-z][\w-]*\s+){0,2}").match(ctx.text, at, at + 40)
    for cand in [at] + [at + x.end() for x in re.finditer(r"[a-z][\w-]*\s+", ctx.text[at:k.end()])] if k else [at]:
        c = _kinds(ctx).word.match(ctx.text, cand)
        if c is not None and not _NOT_KIND_AFTER.match(ctx.text, c.end()):
            start = _modifiers(ctx, rules, m, c.start(), at)
            return (start, c.end(), c.group("cat")) if start == at else None
    return None


def _covered(fr: Frame, words: list[str]) -> bool:
    """The subject already says the product kind ("Acme / notebooks" for "notebook revenue")."""
    label = (fr.subject.label if fr.subject is not None else "").casefold()
    return bool(words) and all(re.search(rf"\b{re.escape(w.casefold().rstrip('s'))}", label) for w in words)


def narrow_metric(ctx: ExtractionContext, rules: FrameRules, m: Mentions, fr: Frame, ms: Optional[Slot],
                  lo: int, hi: int) -> Optional[str]:
    """Narrow the frame's measure to the product kind its clause states it for (see the module's docstring).
    Returns the category the figure keeps ("smartphone shipments"), "" when the measure was narrowed or the
    subject already names the kind (no broader category is added), None when the clause names no product kind."""
    if fr.metric is None or fr.metric in _NOT_NARROWED or fr.metric_minted or \
            (fr.subject is not None and fr.subject.kind == "market") or ms is None or ms.start < 0:
        return None
    if fr.metric_how == "explicit":
        found = _kind_before(ctx, rules, m, ms.start, lo) or _kind_after(ctx, rules, m, ms.end, hi)
    elif fr.metric_how == "verb":
        found = _kind_of_count(ctx, rules, m, fr)
    else:
        return None
    if found is None:
        return None
    start, end, cat = found
    kinds = _kinds(ctx)
    mods = ctx.text[start:end - len(cat)].split()
    if not mods and cat.casefold() in kinds.own:
        if start >= ms.start and fr.subject is not None and fr.subject.kind != "organisation":
            return ""       # "Sales of tablets, which it reports as its Slate segment": the part says what it is
        return kinds.category[cat.casefold()]       # "smartphone shipments": shipments, category smartphones
    phrase = [*mods, kinds.singular.get(cat.casefold(), cat)]
    if _covered(fr, phrase):
        return ""
    entry = ctx.gazetteer.metrics.get(fr.metric)
    measure = entry.label if entry is not None else (fr.metric_label or fr.metric.replace("-", " "))
    label = " ".join([*phrase, measure])
    key = slugify(label)
    known = _known(ctx).get(label.casefold())
    fr.metric, fr.metric_label = (known, None) if known else (key, label)
    fr.metric_minted = known is None
    fr.span = (min(fr.span[0], start), max(fr.span[1], end if end <= fr.figure.end + 40 else fr.span[1]))
    return ""


def counted_object(ctx: ExtractionContext, fr: Frame, lo: int) -> None:
    """"Acme repurchased 3.4 million shares": a count minted from its noun after a verb of ``frames.yaml``
    ``count_object_verbs`` counts what the verb did to it ("shares repurchased"), not all the shares there are."""
    verbs = ctx.patterns["frames"].get("count_object_verbs") or {}
    if not verbs or fr.metric_how != "minted" or not fr.metric_label or fr.figure.q.kind not in ("count", "number"):
        return
    q = fr.figure.q
    if fr.metric_label.casefold() not in ctx.text[q.start:q.end + 20 + len(fr.metric_label)].casefold():
        return      # the minted noun is not the figure's own count noun
    rx = per_document(ctx, "_count_object_verbs", lambda: re.compile(
        rf"\b(?P<v>{'|'.join(re.escape(str(v)) for v in sorted(verbs, key=len, reverse=True))})\s+"
        r"(?:(?:about|around|roughly|nearly|approximately|some|over|more\s+than|almost|a\s+further|another)\s+)*$",
        re.I))
    v = rx.search(ctx.text, max(lo, fr.figure.q.start - 40), fr.figure.q.start)
    if v is None:
        return
    label = f"{fr.metric_label} {verbs[v.group('v').casefold()]}"
    fr.metric, fr.metric_label = slugify(label), label
    fr.span = (min(fr.span[0], v.start("v")), fr.span[1])


def counted_noun(ctx: ExtractionContext, fr: Frame) -> None:
    """"employs 2,100 engineers", "had 5,300 permanent employees": a count whose noun the quantity grammar folds
    into a measure's unit (``employees``) counts what its own words say. The words are the measure's name or a plain
    noun of its unit (``frames.yaml`` ``plain_count_nouns``: "3,400 people", "12,000 employees"): the measure stays;
    a narrower name the scheme knows ("full-time employees") is that concept; any other words mint a measure of
    their own ("engineers", "permanent employees"), never the broader one."""
    q = fr.figure.q
    entry = ctx.gazetteer.metrics.get(fr.metric or "")
    if entry is None or fr.figure.role != "level" or fr.metric_how not in ("verb", "unit", "explicit"):
        return
    if q.kind == "count" and q.number_end and entry.unit == q.unit:
        words = ctx.text[q.number_end:q.end].split()
    elif q.kind == "number" and q.scale == 1 and fr.metric_how == "verb":
        # "employs about 1,450 analysts": a plural noun the quantity grammar does not know
        after = re.match(r"\s+((?:[a-z][\w-]*\s+)?[a-z][\w-]*s)\b", ctx.text[q.end:q.end + 40])
        words = after.group(1).split() if after else []
        if any(w.casefold() in _STOP or verbish(w) for w in words):
            return
    else:
        return
    while words and words[0].casefold() in _SCALES:
        words = words[1:]
    # ("employs about 2,300 people across 11 countries": the noun's phrase ends before a preposition or a word of
    # place, frames.yaml count_np_end_words)
    ends = per_document(ctx, "_count_np_end_words", lambda: frozenset(
        str(w).casefold() for w in ctx.patterns["frames"].get("count_np_end_words") or []))
    words = words[:next((i for i, w in enumerate(words) if w.casefold() in _STOP or w.casefold() in ends), len(words))]
    if not words or any(not re.fullmatch(r"[A-Za-z][\w-]*", w) for w in words):
        return
    phrase = " ".join(words)
    table = ctx.patterns["frames"].get("plain_count_nouns") or {}
    if entry.unit not in table:
        return      # only the units the table lists are folded from several nouns
    plain = {str(w).casefold() for w in table.get(entry.unit) or []}
    names = _known(ctx)
    if phrase.casefold() in plain or names.get(phrase.casefold()) == fr.metric:
        return
    known = names.get(phrase.casefold())
    if known is not None:
        if ctx.gazetteer.metrics[known].unit == q.unit:
            fr.metric, fr.metric_label = known, None
        return
    fr.metric, fr.metric_label = slugify(phrase.lower()), phrase.lower()
    fr.metric_minted = True
    end = q.end if q.kind == "count" else q.end + ctx.text[q.end:q.end + 60].find(words[-1]) + len(words[-1])
    fr.span = (min(fr.span[0], q.start), max(fr.span[1], end))


def _known(ctx: ExtractionContext) -> dict[str, str]:
    def build() -> dict[str, str]:
        out: dict[str, str] = {}
        for key, e in ctx.gazetteer.metrics.items():
            for a in (e.label, *e.aliases):
                out.setdefault(str(a).casefold(), key)
        return out
    return per_document(ctx, "_metric_names_casefold", build)
