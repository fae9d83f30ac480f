"""Clause frames: every figure of the document's prose becomes a frame — what it measures, whom it is about,
when, where, by whose count, whether it is a result or a plan — and then a fact or an unresolved candidate.

The document is walked line by line in its layout view (``layout.py``), keeping a discourse state
(``discourse.py``): headings set a section's period, modality and subject; a blank line ends a paragraph.
Each sentence is cut into chunks where a new subject starts a new predication ("..., Displays rose 12% to $780
million, and Gaming Peripherals climbed 21%"); each figure's role comes from ``figures.py`` and its frame is
filled by ``framefill.py`` from the slot readers (``slotrules.py``, ``metricslot.py``, ``subjectslot.py``,
``periodslot.py``, ``marketslot.py``, ``qualifierslots.py``). "respectively" lists are aligned in order. Tables
and compact lists are read by ``tablereader.py`` and ``listreader.py`` into the same frames
(``framemodel.py``).

This module: a sentence's chunks and its frames, and how the frames of one chunk lean on each other
(coordinated measures, parallel bases, changes by a factor, "flat").
"""
from __future__ import annotations

import re
from decimal import Decimal
from typing import Optional

from .context import ExtractionContext, Mentions
from .discourse import Discourse
from .figures import Figure, classify
from .framefill import _frame
from .framemodel import Frame, FrameRules
from .marketslot import topic_market
from .metricqualifiers import narrow_metric
from .patterns import per_document
from .productmentions import with_products
from .quantities import Quantity
from .slotrules import Slot
from .text import Sentence
from . import respectively


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
    m = with_products(ctx, s, ctx.mentions(s))     # the products the document knows are subjects too
    for e in m.entities:
        if e.kind not in ("market", "person", "metric"):
            d.mention(ctx.entity(e), e.start)
    # "translated at RMB7.10 = US$1.00": the two sides of an exchange rate are no figures of a measure
    qs = [q for q in m.quantities if not ctx.in_chrome(q.start, q.end) and
          not re.search(r"=\s*$", ctx.text[max(s.start, q.start - 3):q.start]) and
          not re.match(r"\s*=", ctx.text[q.end:q.end + 3]) and not _rank_number(m, q) and not _benchmark_score(ctx, q)]
    flat = rules.figures.flat.search(ctx.text, s.start, s.end) if not qs else None
    if not qs and not m.cues_of("multiplier") and not (flat and (m.metrics or _head_before(ctx, s.start, flat.start()))):
        _last_market(ctx, m, d)   # "China was the weakest large market." names the market "there" refers to
        topic_market(ctx, m, s, d)
        return []
    vendor = ctx.doc.genre == "research_note" or not ctx.doc.speaks_for_issuer
    out: list[Frame] = []
    # a measure carries over between the clauses of one sentence, never to the next sentence (measured: 22% of
    # the figures read that way were right)
    inherited: Optional[tuple[str, str, str]] = None
    for lo, hi in chunks(ctx, m, s, rules):
        cq = [q for q in qs if lo <= q.start < hi]
        lone_flat = _lone_flat_figure(ctx, m, rules, lo, hi) if not cq else None
        if not cq and not any(lo <= c.start < hi for c in m.cues_of("multiplier")) and lone_flat is None:
            continue
        figs = [f for f in classify(ctx.text, (lo, hi), cq, rules.figures, vendor_clause=vendor)
                if f.role != "skip"] + _multiplier_figures(ctx, m, lo, hi, cq) + ([lone_flat] if lone_flat else [])
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
                near = _nearest_level(levels, fig, ctx.text)
                fr = _frame(ctx, m, s, fig, lo, hi, d, rules, inherited, near)
                if fr is not None:
                    rest.append(fr)
        for fr in rest:
            if fr.figure.flat:
                fr.value, fr.unit = Decimal(0), "percent"
                fr.qualifiers.append(("flat", "yes"))
                if not fr.basis:
                    fr.basis, fr.basis_stated = "YoY", False
        _parallel_bases(levels, rest)
        _coordinated_measure(ctx, levels)
        _shared_verb_measure(ctx, rules, m, levels, lo, hi)
        for fr in rest:
            near = _nearest_level(levels, fr.figure, ctx.text)
            if near is not None and (fr.period is None or fr.period_how in ("document", "carried", "sentence")) and \
                    near.period_how == "explicit" and fr.figure.role == "change" and \
                    (near.metric == fr.metric or near.modality is None):
                # "fell 9% to 27.6 million units in Q2"; an outlook's horizon is no other measure's ("growth of more
                # than 6% ... and an EBITA margin of 13% by 2027")
                fr.period, fr.period_how = near.period, "level"
        chunk_frames = sorted(levels + rest, key=lambda f: f.figure.q.start)
        chunk_frames += _flat_changes(ctx, rules, lo, hi, levels)
        out.extend(chunk_frames)
        metric_levels = [f for f in levels if f.kind == "metric" and f.metric and f.metric_how != "minted"]
        # "Gaming revenue fell 3%, while Creator Tools grew 3%": a change's measure carries over when no level does
        metric_levels = metric_levels or [f for f in rest if f.kind == "change" and f.metric and
                                          f.metric_how not in ("minted", "parallel")]
        if metric_levels:
            inherited = (metric_levels[-1].metric, metric_levels[-1].metric_label or "", "parallel")
    respectively.assign(ctx, m, s, out, rules.figures.up | rules.figures.down | _LINKING)
    _last_market(ctx, m, d)
    return out


def _rank_number(m: Mentions, q) -> bool:
    """"our market share was top 5 in 50 countries", "shipments ranked #2": the number of a rank the rank grammar
    read (``rankings.yaml``) is a place, never a level of the clause's measure (the rank reader reads it)."""
    return any(r.start <= q.start and q.end <= r.end and r.form in ("hash", "top", "topof", "number")
               for r in m.ranks)


def benchmark_names(ctx: ExtractionContext) -> re.Pattern[str]:
    """The published benchmarks' names (``specs.yaml`` benchmarks), compiled once per document."""
    def build() -> re.Pattern[str]:
        names = [str(n) for n in (ctx.patterns["specs"].get("benchmarks") or {}).get("names") or []]
        return re.compile("|".join(map(re.escape, names)) if names else "(?!)", re.I)
    return per_document(ctx, "_benchmark_names", build)


def _benchmark_score(ctx: ExtractionContext, q) -> bool:
    """"reached a Lumiscore rating of 97" (an invented benchmark): a published benchmark's score (``specs.yaml``
    benchmarks) is read by the spec reader as the product's score of its aspect; the prose reader minting the
    benchmark's "score" would state it again with no unit and the report's period."""
    rx = per_document(ctx, "_benchmark_score_rx", lambda: re.compile(
        r"(?:%s)(?:['’]s)?\s+(?:[\w-]+\s+){0,2}score\s+(?:of\s+|was\s+|is\s+)?$" % benchmark_names(ctx).pattern,
        re.I))
    return rx.search(ctx.text[max(0, q.start - 60):q.start]) is not None


def _last_market(ctx: ExtractionContext, m: Mentions, d: Discourse) -> None:
    named = [e for e in m.entities if e.kind == "market"]
    if named:
        d.last_market = ctx.entity(named[-1])


_LINKING = frozenset({"were", "was", "contributed", "accounted", "represented", "made", "reached", "totalled",
                      "totaled", "amounted", "came", "stood", "recorded", "generated", "brought"})


def _coordinated_measure(ctx: ExtractionContext, levels: list[Frame]) -> None:
    """"contributed 58%, 24% and 18% of revenue": figures coordinated with a later one share its measure."""
    run = [f for f in levels if f.kind != "market_share"]
    for i in range(len(run) - 2, -1, -1):
        f, g = run[i], run[i + 1]
        # ("6.4 million (9.8%), 4.5 million (6.9%) and 4.1 million units (6.3%)": scaled numbers before a count,
        # each with its share in brackets, count what the last one names)
        scaled_count = f.figure.q.kind == "number" and f.figure.q.scale > 1 and g.figure.q.kind == "count"
        if f.metric is None and g.metric is not None and (f.figure.q.kind == g.figure.q.kind or scaled_count) and \
                f.figure.role == g.figure.role and re.fullmatch(r"\s*(?:\([^()]{1,24}\)\s*)?(?:,|,?\s*and|,?\s*or)\s*",
                                                                ctx.text[f.figure.end:g.figure.q.start]):
            f.metric, f.metric_label, f.metric_how = g.metric, g.metric_label, "coordinated"
            f.metric_minted = g.metric_minted
            f.unit = f.unit or (g.unit if scaled_count else None)


def _shared_verb_measure(ctx: ExtractionContext, rules: FrameRules, m: Mentions, levels: list[Frame], lo: int,
                         hi: int) -> None:
    """"We shipped 3.9 million smartwatches and 4.6 million earbuds": counts coordinated after one verb are all the
    verb's measure (each narrowed to the kind its own noun names), not a measure minted from the second noun."""
    for f, g in zip(levels, levels[1:]):
        if f.metric_how != "verb" or g.metric_how != "minted" or f.kind != "metric" or g.kind != "metric" or \
                g.figure.q.kind not in (f.figure.q.kind, "number") or g.figure.q.unit not in (f.figure.q.unit, None) or \
                not re.fullmatch(r"(?:\s+[\w-]+){0,3}\s*(?:,|,?\s+and)\s+", ctx.text[f.figure.end:g.figure.q.start]):
            continue
        base = g.figure.q.number_end or g.figure.q.end
        if g.metric_label is None or not re.match(rf"\s+{re.escape(g.metric_label)}\b", ctx.text[base:base + 60], re.I):
            continue        # minted from the count noun after the figure, nothing else
        verb = rules.slots.verb_rx.search(ctx.text, max(lo, f.figure.q.start - 60), f.figure.q.start) \
            if rules.slots.verb_rx is not None else None
        key = rules.slots.verb_metrics.get(verb.group("v").casefold()) if verb is not None else None
        if key is None:
            continue        # (the verb's own measure, not the one the first figure's noun narrowed it to)
        entry = ctx.gazetteer.metrics.get(key)
        g.metric, g.metric_how, g.metric_minted = key, "verb", False
        g.metric_label = entry.label if entry is not None else key
        g.unit = g.unit or f.unit
        g.qualifiers = [q for q in g.qualifiers if q[0] != "category"]
        cat = narrow_metric(ctx, rules, m, g, Slot(key, "verb", verb.start("v"), verb.end("v")), lo, hi)
        if cat:
            g.qualifiers.append(("category", cat))


def _parallel_bases(levels: list[Frame], rest: list[Frame]) -> None:
    """"46.1% on a GAAP basis and 48.3% on a non-GAAP basis, compared with 43.9% and 45.0%": as many earlier
    values as levels of one measure, each takes its level's accounting basis in order."""
    for metric in {f.metric for f in levels if f.metric}:
        lv = [f for f in levels if f.metric == metric]
        bs = [f for f in rest if f.metric == metric and f.figure.role == "baseline"]
        if len(lv) > 1 and len(bs) == len(lv) and len({f.accounting for f in lv}) == len(lv):
            for level, b in zip(lv, bs):
                b.accounting = level.accounting


def _lone_flat_figure(ctx: ExtractionContext, m: Mentions, rules: FrameRules, lo: int, hi: int) -> Optional[Figure]:
    """"Hanwei's shipments were flat year on year", "Services revenue was unchanged": a change of zero stated without
    any figure, after the measure it is of."""
    hit = rules.figures.flat.search(ctx.text, lo, hi)
    if hit is None or hit.group(0).casefold().endswith("level") or \
            not (any(lo <= x.start and x.end <= hit.start() for x in m.metrics) or _head_before(ctx, lo, hit.start())):
        return None
    q = Quantity(hit.start(), hit.end(), Decimal(0), Decimal(0), "percent", "percent", 1, number_end=hit.end())
    return Figure(q, "change", start=hit.start(), end=hit.end(), flat=True)


def _head_before(ctx: ExtractionContext, lo: int, at: int) -> bool:
    """"Vantro's volume was flat": the word before the flat words (and their copula) is a measure's head noun
    (``frames.yaml`` ``change_measure_heads``), so the minted measure has a name."""
    w = re.search(r"([A-Za-z]+)\s+(?:(?:was|were|is|are|remained|stayed|held)\s+)?(?:(?:roughly|broadly|nearly|almost|"
                  r"essentially|largely|basically|virtually)\s+)?$", ctx.text[max(lo, at - 60):at])
    heads = {str(h).casefold() for h in ctx.patterns["frames"].get("change_measure_heads") or []}
    return w is not None and w.group(1).casefold() in heads


def _multiplier_figures(ctx: ExtractionContext, m: Mentions, lo: int, hi: int, qs: list) -> list[Figure]:
    """"Workspace doubled its revenue", "profit more than tripled": a change by a factor (doubled = +100%)."""
    out = []
    for c in m.cues_of("multiplier"):
        if lo <= c.start < hi and not any(q.start <= c.start < q.end for q in qs):
            k = Decimal(str(c.value))
            a = c.start + c.surface.rfind(" ") + 1      # "aims to double": the verb, after its "to"
            q = Quantity(a, c.end, k, k, "multiple", "x", 1, number_end=c.end)
            out.append(Figure(q, "change", sign=1, multiple=k, start=a, end=c.end))
    return out


def _nearest_level(levels: list[Frame], fig: Figure, text: str = "") -> Optional[Frame]:
    """The level a change or comparison refers to: the one before it, else the one right after it ("rose 12% to
    $780 million") -- never a prior-period value in parentheses closed before it ("revenue of €318.0m (Q3 2022/23:
    €322.6m), a decline of 1.4%": the decline is the €318.0m's)."""
    before = [f for f in levels if f.figure.q.start < fig.q.start and f.kind == "metric" and
              not _aside_before(text, f.figure.q.start, fig.q.start)]
    if before:
        return before[-1]
    after = [f for f in levels if f.figure.q.start > fig.q.start and f.kind == "metric"]
    return after[0] if after else None


def _aside_before(text: str, a: int, b: int) -> bool:
    """``text[a]`` stands in parentheses that close before ``b``."""
    close = text.find(")", a, b)
    return close != -1 and "(" not in text[a:close] and text.rfind("(", max(0, a - 40), a) > text.rfind(")", max(0, a - 40), a)


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
