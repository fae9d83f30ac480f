"""Parts of a company a figure belongs to (a geographic part, a business part named before or after the
measure) and the product category written before a measure."""
from __future__ import annotations

import re
from typing import Optional

from ..iris import slugify
from .matcher import normalise
from ..records import EntityRef
from .context import ExtractionContext, Mentions
from .framemodel import FrameRules
from .metricslot import verbish as _verbish
from .slotrules import Slot


def _geographic_part(ctx: ExtractionContext, rules: FrameRules,
                     subject: Optional[Slot]) -> tuple[Optional[Slot], Optional[Slot]]:
    """"Overseas markets contributed 54.3% of revenue": a geographic part of the company is the company's figure
    in that market (the subject is the company, the market the part)."""
    if subject is None or not isinstance(subject.value, EntityRef) or subject.value.kind != "segment":
        return subject, None
    ref = subject.value
    entry = ctx.gazetteer.get(ref.key)
    words = ref.label.split()
    geo = "GeographicSegment" in ref.types or (entry is not None and "GeographicSegment" in entry.types)
    head = next((w for w in words if w.casefold() in rules.geographic_words), None)
    if not (geo or head) or ctx.issuer is None:
        return subject, None
    owner = ref.owner or (entry.props.get("partOf") if entry is not None else None)
    if owner is not None and owner != ctx.issuer.key:
        return subject, None
    name = head or words[-2 if len(words) > 2 else -1]
    return Slot(ctx.issuer, subject.how, subject.start, subject.end), Slot(_region(name), "explicit", subject.start,
                                                                          subject.end)


def geographic_frames(ctx: ExtractionContext, rules: FrameRules, frames: list) -> None:
    """A region of the company's own sales is no segment, whichever reader named it ("Overseas revenue: RMB62.5
    billion" on a label line, "Revenue from overseas markets and from IoT ... respectively"): the figure is the
    company's, in that market (the frame reader's own rule, applied again after the label and "respectively" readers
    set their subjects)."""
    for fr in frames:
        if fr.subject is None or fr.subject.kind != "segment":
            continue
        subject, place = _geographic_part(ctx, rules, Slot(fr.subject, fr.subject_how))
        if place is None or subject is None:
            continue
        fr.subject = subject.value
        if fr.market is None:
            fr.market, fr.market_how = place.value, "explicit"


def _region(name: str) -> EntityRef:
    """The market a geographic part of a company names ("overseas" -> Overseas)."""
    return EntityRef(slugify(name), "market", name[:1].upper() + name[1:].lower(), ("Region",))


_GEO_AFTER = re.compile(r"\s+(?:from|in|of)\s+(?:the\s+)?(?:(?:Group|Company)['’]s\s+|our\s+|its\s+|their\s+)?"
                        r"(?P<geo>[A-Za-z]+)(?:\s+(?:markets?|sales|business(?:es)?|operations|regions?))?\b", re.I)


def geographic_after(ctx: ExtractionContext, rules: FrameRules, pos: int, hi: int,
                     subject: Optional[Slot]) -> Optional[Slot]:
    """"revenue from the overseas markets", "sales in international markets": the measure of the company in a
    geographic part of its business, named after the measure (``frames.yaml`` geographic_parts): the subject stays
    the company, this is the figure's market."""
    if subject is None or not isinstance(subject.value, EntityRef) or subject.value.kind != "organisation":
        return None
    mm = _GEO_AFTER.match(ctx.text, pos, min(hi, pos + 60))
    if mm is None or mm.group("geo").casefold() not in rules.geographic_words:
        return None
    return Slot(_region(mm.group("geo")), "explicit", mm.start("geo"), mm.end("geo"))


# "13.1 million units shipped", "368 million monthly active users": a scale word ends a figure, it names no part
_SCALE_WORDS = frozenset(("thousand", "million", "billion", "trillion", "mn", "bn", "crore", "crores", "lakh", "lakhs"))


def _part_before(ctx: ExtractionContext, rules: FrameRules, m: Mentions, pos: int, lo: int,
                 subject: Slot, money: bool = False) -> Optional[Slot]:
    """"internet services revenue was flat", "automotive backlog is up 50%": words right before the measure that
    neither qualify it (``measure_modifiers``), nor name a period, market or known entity, name a part of the
    company the figure belongs to -- the figure is that part's, not the whole company's. A product category names
    a part only before a money measure ("Consumer PC revenue slipped 2%": a reporting line; "smartphone shipments"
    are the company's shipments of a category)."""
    ref = subject.value
    if not isinstance(ref, EntityRef) or ref.kind != "organisation":
        return None
    mm = re.search(r"(?:^|[\s(\"“])(?P<np>(?:[A-Za-z][\w&-]*\s+){0,3}[A-Za-z][\w&-]*)\s+$", ctx.text[max(lo, pos - 60):pos])
    if mm is None:
        return None
    base = max(lo, pos - 60)
    words = mm.group("np").split()
    # keep the words after the last modifier, determiner or possessive
    cut = max((i + 1 for i, w in enumerate(words) if w.casefold().rstrip("'’s") in rules.measure_modifiers
               or w.casefold() in rules.measure_modifiers or w.endswith(("'s", "’s", "'", "’"))
               or any(ch.isdigit() for ch in w) or w.casefold() in _SCALE_WORDS), default=0)
    words = words[cut:]
    change = rules.figures.up | rules.figures.down
    verb = max((i + 1 for i, w in enumerate(words) if w.casefold() in rules.measure_verbs or w.casefold() in change
                or _verbish(w) or w.casefold() in ("we", "i", "they", "you")), default=0)
    # "we expect revenue of", "we guide revenue", "to grow revenue": a verb, not a part; "we expect marine radar
    # revenue of": only a part the document names after the verb (never a new one)
    named_only = verb > 0
    words = words[verb:]
    if not words or len(words) > 3:
        return None
    start = base + mm.end("np") - len(" ".join(words))
    end = base + mm.end("np")
    # "Cloud Services revenue": a segment the document names, whose last word the metric phrase also took
    seg = next((e for e in m.entities if e.start < end and start < e.end and e.kind in ("segment", "platform")
                and e.start >= start), None)
    if seg is not None:
        entry = ctx.entry(seg)
        if entry is not None and entry.props.get("concept") and not money:
            return None     # "Kestrel Mobile smartphone shipments": a category of the company's, not a segment
        return Slot(ctx.entity(seg), "part", seg.start, seg.end)
    minted: set[str] = ctx.__dict__.setdefault("_parts_before_measures", set())
    if named_only:
        key = slugify(f"{ref.key}-{ctx.text[start:end]}")
        if key in minted:
            return Slot(EntityRef(key, "segment", ctx.text[start:end], ("BusinessSegment",), owner=ref.key), "part",
                        start, end)
        names = ctx.__dict__.get("names")     # a part the document named ("Automotive revenue was ...") in lower case
        known = names.get(names.surfaces.get(normalise(ctx.text[start:end])[0].strip(), "")) if names else None
        return Slot(known, "part", start, end) if known is not None and known.kind == "segment" and \
            known.owner == ref.key else None
    if any(e.start < end and start < e.end for e in m.entities) or \
            any(p.start < end and start < p.end for p in m.periods) or \
            (not money and _category_before(ctx, pos) is not None) or \
            any(x.start < end and start < x.end for x in m.metrics):
        return None
    label = ctx.text[start:end]
    if label.casefold() in rules.measure_modifiers or len(label) < 3:
        return None
    key = slugify(f"{ref.key}-{label}")
    minted.add(key)
    part = EntityRef(key, "segment", label, ("BusinessSegment",), owner=ref.key)
    return Slot(part, "part", start, end)


_PART_AFTER = re.compile(r"\s+(?:from|of|at|in|for)\s+(?:the\s+)?(?:(?:Group|Company)['’]s\s+|our\s+|its\s+|their\s+)?"
                         r"(?P<np>(?:[\w&-]+\s+){0,3}?[\w&-]+)\s+(?:segment|business|division|unit|operations|"
                         r"business\s+unit|business\s+group)\b", re.I)


def _part_after(ctx: ExtractionContext, m: Mentions, pos: int, hi: int, subject: Slot) -> Optional[Slot]:
    """"revenue from the Group's internet services segment", "sales of its mobile division": the part named after
    the measure, with a segment noun."""
    ref = subject.value
    if not isinstance(ref, EntityRef) or ref.kind != "organisation":
        return None
    mm = _PART_AFTER.match(ctx.text, pos, min(hi, pos + 80))
    if mm is None:
        return None
    start, end = mm.start("np"), mm.end("np")
    if mm.group("np").casefold() in ("the", "this", "that", "its", "our", "their", "each", "every"):
        return None         # "Orders in the division grew 6%": an anaphor, which the subject slot resolves
    not_parts = {str(w).casefold() for w in ctx.patterns["frames"].get("not_parts") or []}
    if any(w.casefold() in not_parts for w in mm.group("np").split()):
        return None         # "revenue from continuing operations", "sales of its core business": the whole's
    named = next((e for e in m.entities if e.start <= start and end <= e.end and e.kind in ("segment", "platform")), None)
    if named is not None:
        return Slot(ctx.entity(named), "part", start, end)
    if any(e.start < end and start < e.end for e in m.entities):
        return None
    label = ctx.text[start:end]
    return Slot(EntityRef(slugify(f"{ref.key}-{label}"), "segment", label, ("BusinessSegment",), owner=ref.key),
                "part", start, end)


_GOODS_AFTER = re.compile(r"\s+(?:of|from)\s+(?:its\s+|our\s+)?(?P<np>[a-z][a-z-]+(?:\s+[A-Za-z][\w-]*){0,3}?\s*"
                          r"[a-z][a-z-]*s)\b(?=\s*(?:[,;.]|\s(?:climbed|rose|fell|grew|increased|decreased|declined|"
                          r"jumped|slipped|dropped|was|were|reached|totalled|totaled|came|amounted)\b))")


def goods_after(ctx: ExtractionContext, rules: FrameRules, m: Mentions, pos: int, hi: int) -> bool:
    """"Sales of automotive LCD panels climbed 27%", "Revenue from cloud subscriptions, our fastest-growing line,
    reached": a money measure of a line of goods or services the text does not resolve as a known part -- a part's
    figure, not the company's (``frames.yaml`` whole_of_nouns: "revenue from operations", "from customers" are the
    whole's)."""
    mm = _GOODS_AFTER.match(ctx.text, pos, min(hi, pos + 80))
    if mm is None:
        return False
    words = [w.casefold() for w in mm.group("np").split()]
    whole = {str(w).casefold() for w in ctx.patterns["frames"].get("whole_of_nouns") or []}
    if words[-1] in whole or words[0] in rules.measure_modifiers or words[0] in rules.not_parts:
        return False
    a, b = mm.start("np"), mm.end("np")
    return not any(e.start < b and a < e.end for e in m.entities) and not any(p.start < b and a < p.end
                                                                             for p in m.periods)


def per_unit(ctx: ExtractionContext, metric: Optional[str]) -> bool:
    """A money measure counted per unit ("average selling price"), or narrower than one (``frames.yaml``
    per_unit_measures): a figure of it "of our tablets" is the company's for that category, not a line's total."""
    listed = {str(k) for k in ctx.patterns["frames"].get("per_unit_measures") or []}
    seen = set()
    while metric and metric not in seen:
        if metric in listed:
            return True
        seen.add(metric)
        entry = ctx.gazetteer.metrics.get(metric)
        metric = entry.broader if entry is not None else None
    return False


def _category_before(ctx: ExtractionContext, pos: int) -> Optional[str]:
    """A product category written right before the measure ("smartphone shipments", "TV revenue"): the
    category the figure is measured for."""
    before = ctx.text[max(0, pos - 40):pos]
    cats = ctx.__dict__.get("_category_rx")
    if cats is None:
        table = ctx.patterns["frames"].get("categories") or {}
        cats = [(re.compile(rf"(?<![\w-])(?:{'|'.join(re.escape(str(w)) for w in sorted(words, key=len, reverse=True))})"
                            rf"[\s-]+$", re.I), str(cat)) for cat, words in table.items()]
        ctx.__dict__["_category_rx"] = cats
    for rx, cat in cats:
        if rx.search(before):
            return cat
    return None


_RELATIVE_BETWEEN = re.compile(r",\s*(?:which|who|that)\b[^;.]*,\s*")
_NOT_OWNING = re.compile(r"\b(?:thanks\s+to|through|via|driven\s+by|led\s+by|helped\s+by|boosted\s+by|hurt\s+by|due\s+to|"
                         r"because\s+of|despite|excluding|except|including|such\s+as|like|with|by|than|unlike|"
                         r"outside)\s+$", re.I)


def part_owned(ctx: ExtractionContext, rules: FrameRules, m: Mentions, lo: int, pos: int,
               subject: Optional[Slot], s_start: Optional[int] = None) -> Optional[Slot]:
    """"Our TV business recorded revenue of", "Revenue of Orvane's Mobility Solutions segment rose 24%", "revenue at
    its Personal Computing Group": a part of the company named with its owner in the clause before the figure makes
    the figure the part's (``frames.yaml`` part_nouns, not_parts)."""
    if subject is not None and (not isinstance(subject.value, EntityRef) or
                                subject.value.kind not in ("organisation", "segment")):
        return None
    found = None
    for mm in rules.part_owned.finditer(ctx.text, lo, pos):
        if not _NOT_OWNING.search(ctx.text[max(lo, mm.start() - 16):mm.start()]):
            found = mm
    if found is None:
        found = _opening_part(ctx, rules, lo, pos, s_start)
    relative = _RELATIVE_BETWEEN.match(ctx.text, found.end(), pos) if found is not None else None
    if relative is not None and subject is not None and relative.start() <= subject.start < relative.end():
        subject = None      # a category named inside the relative clause is not the clause's subject
    if subject is not None and subject.value.kind == "segment" and subject.how not in ("carried", "heading"):
        return None
    if found is None or (subject is not None and subject.how in ("explicit", "first-person", "pronoun") and
                          subject.start >= found.end()):
        return None     # "Through its Internet of Things arm, Xiaomi shipped": the name after it is the subject
    if re.search(r",\s*$", ctx.text[max(lo, found.start() - 2):found.start()]) and \
            ctx.text[found.end():found.end() + 1] == ",":
        # "Home Entertainment, our TV business, recorded": the part is the name the appositive describes
        named = next((e for e in m.entities if e.kind in ("segment", "platform") and
                      re.fullmatch(r",\s*", ctx.text[e.end:found.start()])), None)
        return Slot(ctx.entity(named), "part", named.start, named.end) if named is not None else None
    words = found.group("np").split()
    while words and (words[0].casefold() in rules.not_parts or words[0].casefold() in rules.measure_modifiers):
        words.pop(0)
    if not words or any(w.casefold() in rules.not_parts for w in words) or any(ch.isdigit() for w in words for ch in w):
        return None
    start = found.end("np") - len(" ".join(words))
    end = found.end("np")
    owner = _owner_of(ctx, m, found, subject)
    if owner is None:
        return None
    named = next((e for e in m.entities if e.start <= start and end <= e.end and e.kind in ("segment", "platform")), None)
    if named is not None:
        return Slot(ctx.entity(named), "part", named.start, named.end)
    if any(e.start < end and start < e.end for e in m.entities) or any(p.start < end and start < p.end
                                                                        for p in m.periods):
        return None
    label = f"{ctx.text[start:end]} {found.group('noun')}"   # "TV business", "Personal Computing Group"
    return Slot(EntityRef(slugify(f"{owner.key}-{label}"), "segment", label, ("BusinessSegment",), owner=owner.key),
                "part", start, end)


def _opening_part(ctx: ExtractionContext, rules: FrameRules, lo: int, pos: int,
                  s_start: Optional[int]) -> Optional[re.Match[str]]:
    """"Its IoT and lifestyle unit, which sells televisions, scooters and wearables, grew revenue 18 per cent": a
    part that opens the sentence, with a relative clause between it and the clause of the figure."""
    if s_start is None or s_start >= lo:
        return None
    head = ctx.text[s_start:lo]
    mm = rules.part_owned.match(ctx.text, s_start + len(head) - len(head.lstrip()))
    rel = _RELATIVE_BETWEEN.match(ctx.text, mm.end(), pos) if mm is not None else None
    return mm if rel is not None and rel.end() >= lo else None


def _owner_of(ctx: ExtractionContext, m: Mentions, found: re.Match[str], subject: Optional[Slot]) -> Optional[EntityRef]:
    """Whose part it is: the named possessor, "its" the clause's company, "our"/"the Group's" the issuer."""
    if found.group("name"):
        e = next((e for e in m.entities if e.start <= found.start("name") < e.end and
                  e.kind in ("organisation", "brand")), None)
        return ctx.entity(e) if e is not None else None
    word = found.group("owner").casefold()
    if word.startswith(("our", "the")):
        return ctx.issuer if ctx.doc.speaks_for_issuer else None
    if subject is not None and subject.value.kind == "organisation":
        return subject.value
    return ctx.issuer if ctx.doc.speaks_for_issuer else None


def product_subject(ctx: ExtractionContext, s, fig, lo: int, subject: Slot) -> Optional[Slot]:
    """A product's own volume: named right after the figure ("sold 5.6 million Nimbus consoles") or as the clause's
    subject before it ("Our Nimbus earbuds, launched in October at $49, sold 1.1 million units") -- the product's
    figure, not its maker's (``frames.yaml`` product_measures)."""
    from .products import products_in
    names = [p for p in products_in(ctx, s) if p.ref.kind in ("product", "series")]
    for p in names:
        if fig.q.start < p.start <= fig.end + 2 and re.fullmatch(r"[\s\w.,]*?", ctx.text[fig.q.start:p.start]) and \
                not re.search(r"\b(?:of|than|versus|vs|including)\b", ctx.text[fig.q.start:p.start]):
            return Slot(p.ref, "explicit", p.start, p.end)
    for p in names:
        if lo <= p.start and p.end <= fig.q.start and (subject.start < 0 or subject.start <= p.start) and \
                re.fullmatch(r"\s*(?:(?:[Oo]ur|[Ii]ts|[Tt]heir|[Tt]he|[A-Z][\w&.-]*['’]s)\s+)?", ctx.text[lo:p.start]):
            between = ctx.text[p.end:fig.q.start]
            if re.search(r"\b(?:we|our|it|they|the\s+company)\b", between, re.I):
                continue    # "The Nimbus launched in March and we sold ...": another subject after it
            return Slot(p.ref, "explicit", p.start, p.end)
    return None
