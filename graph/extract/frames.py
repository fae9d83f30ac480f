"""Clause frames: every figure of the document's prose becomes a frame — what it measures, whom it is about,
when, where, by whose count, whether it is a result or a plan — and then a fact or an unresolved candidate.

The document is walked line by line in its layout view (``layout.py``), keeping a discourse state
(``discourse.py``): headings set a section's period, modality and subject; a blank line ends a paragraph.
Each sentence is cut into chunks where a new subject starts a new predication ("..., Displays rose 12% to $780
million, and Gaming Peripherals climbed 21%"); each figure's role comes from ``figures.py`` and its slots from
the slot readers (``slotrules.py``, ``metricslot.py``, ``subjectslot.py``, ``periodslot.py``, ``marketslot.py``,
``qualifierslots.py``). "respectively" lists are aligned in order. Tables and compact lists are read by
``tablereader.py`` and ``listreader.py`` into the same frames.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Optional

from ..iris import slugify
from ..records import EntityRef, Period
from .context import ExtractionContext, Mentions
from .discourse import Discourse
from .figures import Figure, FigureRules, classify
from .quantities import Quantity
from .docmarket import doc_market
from .marketslot import market_slot, source_slot
from .metricslot import metric_slot, minted_metric, verbish as _verbish
from .periodslot import period_slot
from .qualifierslots import accounting_slot, basis_of, hedge_of, modality_slot
from .slotrules import Slot, SlotRules
from .subjectslot import subject_slot
from .text import Sentence
from . import respectively


@dataclass
class Frame:
    """One figure with its slots. ``kind`` is the fact kind it becomes."""

    kind: str
    figure: Figure
    span: tuple[int, int]
    metric: Optional[str] = None
    metric_label: Optional[str] = None
    metric_how: str = ""
    metric_minted: bool = False        # a measure named from the text's own noun phrase (not in the scheme)
    subject: Optional[EntityRef] = None
    subject_how: str = ""
    period: Optional[Period] = None
    period_how: str = ""
    market: Optional[EntityRef] = None
    market_how: str = ""
    source: Optional[EntityRef] = None
    basis: Optional[str] = None
    basis_stated: bool = True
    accounting: Optional[str] = None
    modality: Optional[str] = None
    hedge: Optional[str] = None
    value: Optional[Decimal] = None
    unit: Optional[str] = None
    qualifiers: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class FrameRules:
    figures: FigureRules
    slots: SlotRules
    unit_metrics: dict[str, str]
    unit_names: dict[str, str]
    measure_modifiers: frozenset[str]
    measure_verbs: frozenset[str]
    stock_units: frozenset[str]
    geographic_words: frozenset[str]
    verbs: frozenset[str]
    per_share: list[tuple[re.Pattern[str], str]]
    margin_of: dict[str, str]
    multipliers: dict[str, Decimal]

    @classmethod
    def load(cls, ctx: ExtractionContext) -> "FrameRules":
        f = ctx.patterns["frames"]
        per_share = sorted(((str(k), str(v)) for k, v in (f.get("per_share") or {}).items()), key=lambda kv: -len(kv[0]))
        return cls(FigureRules(ctx.patterns), SlotRules.load(ctx),
                   {str(k): str(v) for k, v in (f.get("unit_metrics") or {}).items()},
                   {str(k): str(v) for k, v in (f.get("unit_names_measure") or {}).items()},
                   frozenset(str(w).casefold() for w in f.get("measure_modifiers") or []),
                   frozenset(str(w).casefold() for w in f.get("measure_verbs") or []),
                   frozenset(str(w) for w in f.get("stock_units") or []),
                   frozenset(str(w).casefold() for w in f.get("geographic_parts") or []),
                   frozenset(str(v).casefold() for v in ctx.patterns["names"].get("subject_verbs") or []),
                   [(re.compile(rf"\s*,?\s*{re.escape(k)}\b", re.I), v) for k, v in per_share],
                   {str(k): str(v) for k, v in (f.get("margin_of") or {}).items()},
                   {str(k).casefold(): Decimal(str(v)) for k, v in
                    (ctx.patterns["cues"].get("multipliers") or {}).items()})


# ---------------------------------------------------------------- chunks

def chunks(ctx: ExtractionContext, m: Mentions, s: Sentence, rules: FrameRules) -> list[tuple[int, int]]:
    """Cut a sentence where a new predication starts: at ";", a dash, ", while/whereas/but/although", and at a
    comma or "and" followed by a new subject (an entity, a pronoun or a metric phrase) and a verb."""
    text = ctx.text
    cuts = {s.start}
    for sep in re.finditer(r";|\s[–—]\s|,\s+(?:while|whereas|but|although|though)\b", text[s.start:s.end]):
        cuts.add(s.start + sep.end())
    heads = [(e.start, e.end) for e in m.entities] + [(x.start, x.end) for x in m.metrics]
    heads += [(s.start + p.start(), s.start + p.end()) for p in re.finditer(
        r"\b(?:its|it|their|they|we|our|the\s+company|the\s+firm|the\s+vendor|the\s+segment|the\s+division)\b",
        text[s.start:s.end], re.I)]
    for a, b in sorted(heads):
        if a <= s.start:
            continue
        before = text[max(s.start, a - 8):a]
        if not re.search(r"(?:,|\band|,\s*and)\s+(?:the\s+)?$", before, re.I):
            continue
        if any(e.end <= a and re.fullmatch(r"\s*(?:,|,?\s*and|&)\s*", text[e.end:a]) for e in m.entities):
            continue            # "Kestrel and Varo's combined share": coordinated names are one subject
        nxt = next((q.start for q in m.quantities if q.start >= b), s.end)
        words = re.findall(r"[A-Za-z]+", text[b:nxt])
        if any(w.casefold() in rules.verbs for w in words[:6]):
            cut = a - len(re.search(r"(?:the\s+)?$", before, re.I).group(0))
            cuts.add(cut)
    edges = sorted(cuts) + [s.end]
    return [(x, y) for x, y in zip(edges, edges[1:]) if y > x]


# ---------------------------------------------------------------- frames of a sentence

def sentence_frames(ctx: ExtractionContext, s: Sentence, d: Discourse, rules: FrameRules) -> list[Frame]:
    m = ctx.mentions(s)
    for e in m.entities:
        if e.kind not in ("market", "person", "metric"):
            d.mention(ctx.entity(e), e.start)
    qs = [q for q in m.quantities if not ctx.in_chrome(q.start, q.end)]
    if not qs and not m.cues_of("multiplier"):
        return []
    vendor = ctx.doc.genre == "research_note" or not ctx.doc.speaks_for_issuer
    out: list[Frame] = []
    # a measure carries over between the clauses of one sentence, never to the next sentence (measured: 22% of
    # the figures read that way were right)
    inherited: Optional[tuple[str, str, str]] = None
    for lo, hi in chunks(ctx, m, s, rules):
        cq = [q for q in qs if lo <= q.start < hi]
        if not cq and not any(lo <= c.start < hi for c in m.cues_of("multiplier")):
            continue
        figs = [f for f in classify(ctx.text, (lo, hi), cq, rules.figures, vendor_clause=vendor)
                if f.role != "skip"] + _multiplier_figures(ctx, m, lo, hi, cq)
        # levels (and shares) first; a change, baseline or prior value then leans on the nearest level
        levels: list[Frame] = []
        for fig in figs:
            if fig.role in ("level", "share"):
                fr = _frame(ctx, m, s, fig, lo, hi, d, rules, inherited, levels[-1] if levels else None)
                if fr is not None:
                    levels.append(fr)
        rest: list[Frame] = []
        for fig in figs:
            if fig.role not in ("level", "share"):
                near = _nearest_level(levels, fig)
                fr = _frame(ctx, m, s, fig, lo, hi, d, rules, inherited, near)
                if fr is not None:
                    rest.append(fr)
        _parallel_bases(levels, rest)
        _coordinated_measure(ctx, levels)
        for fr in rest:
            near = _nearest_level(levels, fr.figure)
            if near is not None and fr.period_how in ("document", "carried", "sentence") and \
                    near.period_how == "explicit" and fr.figure.role == "change":
                fr.period, fr.period_how = near.period, "level"     # "fell 9% to 27.6 million units in Q2"
        chunk_frames = sorted(levels + rest, key=lambda f: f.figure.q.start)
        chunk_frames += _flat_changes(ctx, rules, lo, hi, levels)
        out.extend(chunk_frames)
        metric_levels = [f for f in levels if f.kind == "metric" and f.metric and f.metric_how != "minted"]
        if metric_levels:
            inherited = (metric_levels[-1].metric, metric_levels[-1].metric_label or "", "parallel")
    respectively.assign(ctx, m, s, out, rules.figures.up | rules.figures.down | _LINKING)
    named = [e for e in m.entities if e.kind == "market"]
    if named:
        d.last_market = ctx.entity(named[-1])
    return out


WINDOW = 400
_LINKING = frozenset({"were", "was", "contributed", "accounted", "represented", "made", "reached", "totalled",
                      "totaled", "amounted", "came", "stood", "recorded", "generated", "brought"})


def _coordinated_measure(ctx: ExtractionContext, levels: list[Frame]) -> None:
    """"contributed 58%, 24% and 18% of revenue": figures coordinated with a later one share its measure."""
    for i in range(len(levels) - 2, -1, -1):
        f, g = levels[i], levels[i + 1]
        if f.metric is None and g.metric is not None and f.figure.q.kind == g.figure.q.kind and \
                f.figure.role == g.figure.role and \
                re.fullmatch(r"\s*(?:,|,?\s*and|,?\s*or)\s*", ctx.text[f.figure.end:g.figure.q.start]):
            f.metric, f.metric_label, f.metric_how = g.metric, g.metric_label, "coordinated"
            f.metric_minted = g.metric_minted


def _parallel_bases(levels: list[Frame], rest: list[Frame]) -> None:
    """"46.1% on a GAAP basis and 48.3% on a non-GAAP basis, compared with 43.9% and 45.0%": as many earlier
    values as levels of one measure, each takes its level's accounting basis in order."""
    for metric in {f.metric for f in levels if f.metric}:
        lv = [f for f in levels if f.metric == metric]
        bs = [f for f in rest if f.metric == metric and f.figure.role == "baseline"]
        if len(lv) > 1 and len(bs) == len(lv) and len({f.accounting for f in lv}) == len(lv):
            for level, b in zip(lv, bs):
                b.accounting = level.accounting


def _multiplier_figures(ctx: ExtractionContext, m: Mentions, lo: int, hi: int, qs: list) -> list[Figure]:
    """"Workspace doubled its revenue", "profit more than tripled": a change by a factor (doubled = +100%)."""
    out = []
    for c in m.cues_of("multiplier"):
        if lo <= c.start < hi and not any(q.start <= c.start < q.end for q in qs):
            k = Decimal(str(c.value))
            q = Quantity(c.start, c.end, k, k, "multiple", "x", 1, number_end=c.end)
            out.append(Figure(q, "change", sign=1, multiple=k, start=c.start, end=c.end))
    return out


def _nearest_level(levels: list[Frame], fig: Figure) -> Optional[Frame]:
    """The level a change or comparison refers to: the one before it, else the one right after it ("rose 12% to
    $780 million")."""
    before = [f for f in levels if f.figure.q.start < fig.q.start and f.kind == "metric"]
    if before:
        return before[-1]
    after = [f for f in levels if f.figure.q.start > fig.q.start and f.kind == "metric"]
    return after[0] if after else None


def _flat_changes(ctx: ExtractionContext, rules: FrameRules, lo: int, hi: int, levels: list[Frame]) -> list[Frame]:
    """"Vantro's volume was flat at 1.9 million": a change of zero of the level it names."""
    hit = rules.figures.flat.search(ctx.text, lo, hi)
    if hit is None:
        return []
    after = [f for f in levels if f.figure.q.start >= hit.end() and f.kind == "metric"]
    before = [f for f in levels if f.figure.q.end <= hit.start() and f.kind == "metric"]
    base = after[0] if after and after[0].figure.q.start - hit.end() <= 12 else (before[-1] if before else None)
    if base is None:
        return []
    fig = Figure(base.figure.q, "change", start=hit.start(), end=hit.end(), flat=True)
    fr = Frame("change", fig, (min(base.span[0], hit.start()), max(hit.end(), base.span[0] + 1)), metric=base.metric,
               metric_label=base.metric_label, metric_how=base.metric_how, subject=base.subject,
               subject_how=base.subject_how, period=base.period, period_how=base.period_how, market=base.market,
               source=base.source, basis="YoY", basis_stated=False, modality=base.modality, value=Decimal(0),
               unit="percent", qualifiers=[("flat", "yes")])
    return [fr]


def _frame(ctx: ExtractionContext, m: Mentions, s: Sentence, fig: Figure, lo: int, hi: int, d: Discourse,
           rules: FrameRules, inherited: Optional[tuple[str, str, str]], level: Optional[Frame]) -> Optional[Frame]:
    # every slot looks at most WINDOW characters around its figure: work per figure is bounded, so a long run of
    # figures in one clause costs linear time (a clause's subject is never further away than that)
    lo, hi = max(lo, fig.q.start - WINDOW), min(hi, fig.end + WINDOW)
    # metric
    ms = metric_slot(ctx, m, fig, lo, hi, rules.slots)
    metric = metric_label = None
    how = ""
    minted_from_level = False
    per_share = _per_share(ctx, fig, rules, ms) if fig.q.kind == "money" else None
    margin = _margin_of(ctx, fig, rules, level, inherited) if fig.q.kind == "percent" else None
    if per_share is not None:
        metric, metric_label, how = per_share[0], per_share[1], "per-share"
    elif margin is not None:
        metric, metric_label, how = margin, margin.replace("-", " "), "margin-of"
    elif fig.role == "share":
        metric, metric_label, how = "market-share", "market share", "share"
    elif ms is not None:
        metric, how = str(ms.value), ms.how
        metric_label = ctx.gazetteer.metrics[metric].label if how == "verb" else ctx.text[ms.start:ms.end]
    elif fig.role in ("change", "baseline", "prior") and level is not None:
        metric, metric_label, how = level.metric, level.metric_label, "level"
        minted_from_level = level.metric_minted
    elif fig.role in ("level", "change") and _market_opens(ctx, m, lo, fig) and _main_measure(ctx, rules) and \
            _fits(ctx, _main_measure(ctx, rules) or "", fig):
        # "The UK fell 14% to 5.2 million" in a note on a market: the note's measure, for that market
        metric = _main_measure(ctx, rules)
        metric_label, how = ctx.gazetteer.metrics[metric].label if metric in ctx.gazetteer.metrics else metric, "note"
    elif fig.q.unit in rules.unit_names and fig.role == "level" and _fits(ctx, rules.unit_names[fig.q.unit], fig):
        metric, how = rules.unit_names[fig.q.unit], "unit"
        metric_label = ctx.gazetteer.metrics[metric].label if metric in ctx.gazetteer.metrics else metric
    elif fig.q.unit in rules.unit_metrics and (_doc_speaks_of(ctx, rules.unit_metrics[fig.q.unit]) or
                                               ctx.doc.genre == "research_note"):
        metric, metric_label, how = rules.unit_metrics[fig.q.unit], rules.unit_metrics[fig.q.unit], "unit"
    else:
        minted = minted_metric(ctx, fig, lo)
        if minted is not None:
            metric, how = str(minted.value), "minted"
            metric_label = ctx.text[minted.start:minted.end].lower()
            ms = minted
        elif inherited is not None and fig.role in ("level", "change") and _fits(ctx, inherited[0], fig):
            metric, metric_label, how = inherited[0], inherited[1], "parallel"
    # subject
    if fig.role in ("change", "baseline", "prior") and level is not None and level.subject is not None and \
            (ms is None or ms.how == "level"):
        subject: Optional[Slot] = Slot(level.subject, level.subject_how)
    else:
        subject = subject_slot(ctx, rules.slots, m, fig, ms if ms is not None and ms.start >= 0 else None, lo, hi,
                               d, metric)
    if subject is not None and ms is not None and how == "explicit" and ms.start >= 0:
        part = _part_before(ctx, rules, m, ms.start, lo, subject) or _part_after(ctx, m, ms.end, hi, subject)
        if part is not None:
            subject = part
    subject, place = _geographic_part(ctx, rules, subject)
    # period
    basis, stated = basis_of(ctx, m, fig, lo, hi)
    period = period_slot(ctx, m, fig, lo, hi, s.start, d,
                         baseline_of=(level.period if level is not None else None) or (d.period or ctx.doc.period),
                         basis=basis, instant=(metric in rules.slots.instant_metrics and (
                             fig.role == "level" or (fig.role == "change" and metric in rules.slots.day_metrics))) or
                         (fig.role == "level" and fig.q.kind == "count" and fig.q.unit in rules.stock_units))
    kind = {"level": "metric", "baseline": "metric", "prior": "metric", "change": "change",
            "share": "market_share"}[fig.role]
    if fig.role == "change" and fig.q.kind == "number" and not fig.absolute:
        return None
    fr = Frame(kind, fig, (min(x for x in (fig.start, ms.start if ms is not None and ms.start >= 0 else fig.start,
                                           subject.start if subject is not None and subject.start >= 0 else fig.start)),
                           fig.end),
               metric=metric, metric_label=metric_label, metric_how=how,
               metric_minted=how == "minted" or minted_from_level or (how == "parallel" and metric is not None and
                                                                      metric not in ctx.gazetteer.metrics))
    if subject is not None:
        fr.subject, fr.subject_how = subject.value, subject.how  # type: ignore[assignment]
    if period is not None:
        fr.period, fr.period_how = period.value, period.how  # type: ignore[assignment]
    mk = place or market_slot(ctx, m, lo, hi, subject, d, fig.q.start, metric)
    fr.market = mk.value if mk is not None else None  # type: ignore[assignment]
    fr.market_how = mk.how if mk is not None else ""
    if fr.subject is not None and fr.subject.kind == "market" and fr.market is None:
        fr.market = doc_market(ctx)
    fr.source = source_slot(ctx, m, s.start, s.end)
    fr.modality = modality_slot(ctx, rules.slots, lo, hi, fig, subject, d, fr.period)
    fr.accounting = accounting_slot(ctx, rules.slots, ms, fig, lo, hi, s.start)
    fr.hedge = hedge_of(ctx, m, fig)
    _value(fr, fig, basis, stated)
    if fr.unit is None and fr.kind in ("metric", "count") and metric is not None:
        entry = ctx.gazetteer.metrics.get(metric)
        if entry is not None and entry.unit not in (None, "currency", "percent", "ratio", "rank"):
            fr.unit = entry.unit          # "0.1 million MAU": the measure's own unit (users)
    cat = _category_before(ctx, ms.start) if ms is not None and ms.start >= 0 and how == "explicit" else None
    if cat:
        fr.qualifiers.append(("category", cat))
    return fr


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
    market = EntityRef(slugify(name), "market", name[:1].upper() + name[1:].lower(), ("Region",))
    return Slot(ctx.issuer, subject.how, subject.start, subject.end), Slot(market, "explicit", subject.start,
                                                                          subject.end)


def _part_before(ctx: ExtractionContext, rules: FrameRules, m: Mentions, pos: int, lo: int,
                 subject: Slot) -> Optional[Slot]:
    """"internet services revenue was flat", "automotive backlog is up 50%": words right before the measure that
    neither qualify it (``measure_modifiers``), nor name a period, market, category or known entity, name a part
    of the company the figure belongs to -- the figure is that part's, not the whole company's."""
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
               or any(ch.isdigit() for ch in w)), default=0)
    words = words[cut:]
    if not words or len(words) > 3:
        return None
    change = rules.figures.up | rules.figures.down
    if any(w.casefold() in rules.measure_verbs or w.casefold() in change or _verbish(w) for w in words):
        return None         # "we expect revenue of", "we guide revenue", "to grow revenue": a verb, not a part
    start = base + mm.end("np") - len(" ".join(words))
    end = base + mm.end("np")
    if any(e.start < end and start < e.end for e in m.entities) or \
            any(p.start < end and start < p.end for p in m.periods) or _category_before(ctx, pos) is not None or \
            any(x.start < end and start < x.end for x in m.metrics):
        return None
    label = ctx.text[start:end]
    if label.casefold() in rules.measure_modifiers or len(label) < 3:
        return None
    key = slugify(f"{ref.key}-{label}")
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
    named = next((e for e in m.entities if e.start <= start and end <= e.end and e.kind in ("segment", "platform")), None)
    if named is not None:
        return Slot(ctx.entity(named), "part", start, end)
    if any(e.start < end and start < e.end for e in m.entities):
        return None
    label = ctx.text[start:end]
    return Slot(EntityRef(slugify(f"{ref.key}-{label}"), "segment", label, ("BusinessSegment",), owner=ref.key),
                "part", start, end)


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


def _per_share(ctx: ExtractionContext, fig: Figure, rules: FrameRules,
               ms: Optional[Slot]) -> Optional[tuple[str, str]]:
    """"$0.71 per diluted share": earnings per share (a dividend when the measure named before is one)."""
    for rx, label in rules.per_share:
        if rx.match(ctx.text, fig.end):
            if ms is not None and "dividend" in str(ms.value):
                return "dividend-per-share", "dividend per share"
            return "eps", label
    return None


def _margin_of(ctx: ExtractionContext, fig: Figure, rules: FrameRules, level: Optional[Frame],
               inherited: Optional[tuple[str, str, str]]) -> Optional[str]:
    """"operating income of $76.0 million, or 12.4% of revenue": the operating margin."""
    if not re.match(r"\s+of\s+(?:total\s+|net\s+)?(?:revenue|revenues|sales|net\s+sales|turnover)\b",
                    ctx.text[fig.end:fig.end + 30], re.I):
        return None
    base = level.metric if level is not None else (inherited[0] if inherited else None)
    return rules.margin_of.get(base or "")


def _fits(ctx: ExtractionContext, metric: str, fig: Figure) -> bool:
    """A figure can carry a measure inherited from a parallel clause only when its form fits the measure's unit:
    money for a currency measure, a scaled number or count for a volume, a percent for a rate."""
    entry = ctx.gazetteer.metrics.get(metric)
    unit = entry.unit if entry is not None else None
    q = fig.q
    if fig.role == "change":
        return q.kind in ("percent", "pp")
    if unit == "currency":
        return q.kind == "money"
    if unit == "percent":
        return q.kind == "percent"
    if unit in ("units", "users", "devices"):
        return q.kind == "count" or (q.kind == "number" and q.scale > 1)
    if unit is not None and q.kind == "count" and q.unit == unit:
        return True                      # "2,300 employees" for the number of employees
    return q.kind == "number" and q.scale > 1


def _market_opens(ctx: ExtractionContext, m: Mentions, lo: int, fig: Figure) -> bool:
    """A third-party note's clause whose subject is a market ("The UK fell 14%", "Western Europe: down 4.0%")."""
    if ctx.doc.genre != "research_note" and ctx.doc.speaks_for_issuer:
        return False
    first = next((e for e in m.entities if lo <= e.start < fig.q.start), None)
    if first is None or first.kind != "market":
        return False
    return bool(re.fullmatch(r"[\s\W]*(?:(?:in|across|the|and)\s+)*", ctx.text[lo:first.start], re.I)) and \
        not any(e.kind in ("organisation", "brand", "product", "group") for e in m.entities
                if lo <= e.start < fig.q.start)


def _main_measure(ctx: ExtractionContext, rules: FrameRules) -> Optional[str]:
    """The market measure a third-party note is about: the one it names most (at least 40% of its mentions of
    market measures)."""
    if "_main_measure" in ctx.__dict__:
        return ctx.__dict__["_main_measure"]
    counts: dict[str, int] = {}
    for h in ctx.engine.matcher.find(ctx.text, ctx.doc.start, ctx.doc.end):
        if h.kind == "metric" and h.target in rules.slots.market_metrics:
            counts[h.target] = counts.get(h.target, 0) + 1
    best = max(counts, key=lambda k: counts[k], default=None)
    out = best if best is not None and counts[best] * 5 >= 2 * sum(counts.values()) else None
    ctx.__dict__["_main_measure"] = out
    return out


def _doc_speaks_of(ctx: ExtractionContext, metric: str) -> bool:
    """The document names this metric somewhere (a shipments note speaks of shipments)."""
    cache = ctx.__dict__.setdefault("_doc_metrics", None)
    if cache is None:
        found = {h.target for h in ctx.engine.matcher.find(ctx.text, ctx.doc.start, ctx.doc.end) if h.kind == "metric"}
        ctx.__dict__["_doc_metrics"] = cache = found
    return metric in cache


def _value(fr: Frame, fig: Figure, basis: str, stated: bool) -> None:
    q = fig.q
    if fr.kind == "change":
        fr.basis, fr.basis_stated = basis, stated
        if fig.multiple is not None:
            fr.value, fr.unit = (fig.multiple - 1) * 100, "percent"
            fr.qualifiers.append(("multiple", str(fig.multiple)))
        elif fig.absolute:
            fr.value, fr.unit = q.value * fig.sign, q.unit
        else:
            fr.value, fr.unit = q.value * fig.sign, q.unit
        if fig.low is not None and fig.high is not None:
            fr.qualifiers += [("low", str(fig.low * fig.sign)), ("high", str(fig.high * fig.sign))]
        return
    fr.value, fr.unit = q.value, q.unit if q.kind != "number" else None
    if fig.low is not None and fig.high is not None:
        fr.qualifiers += [("low", str(fig.low)), ("high", str(fig.high))]
    if fig.role == "baseline":
        fr.qualifiers.append(("comparison", "earlier value"))
    if fig.role == "prior":
        fr.qualifiers.append(("comparison", "prior period"))


