"""Product specifications (kind spec) and camera benchmark scores (kind metric, source = the benchmark).

Values come from the spec grammar (graph/extract/specgrammar.py, rules in mappings/patterns/specs.yaml); this
module decides which product each value belongs to:

1. "respectively": N products and N values of one spec in the sentence are paired in order;
2. a product right after the value that names its owner ("7 hours for the Sora Plus", "22 hours (Nimbus Buds)");
3. the nearest product or descriptor named before the value in the sentence (not one named as a comparison;
   "the larger model" resolved against the products just named); products coordinated as a clause's subject
   share a value stated once ("The Pro and the Ultra are rated IP68");
4. a group reference ("Both scooters", "All three models"): the products named recently;
5. otherwise the passage's topic product (``ProductTracker``: a spec-sheet bullet, "It supports OIS"), unless the
   last sentence naming products named two as one subject.

Rules 2-5 are graph/extract/productrefs.py; a value they leave open is reported unresolved ("ambiguous product").

A relative value ("three times stronger than stainless steel") carries what it is compared with as qualifier
``compared_to``.

A value stated again later in the document (headline, then body) is kept and marked ``restates`` on the copy.
"""
from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal
from typing import Optional

from ..records import EntityRef, Fact
from .context import ExtractionContext
from .products import ProductMention, ProductTracker, main_product, products_in
from .productrefs import (group_of, owner_after, reference_rules, shares_subject, subjects_in, topic,
                          unresolved)
from .producttables import product_tables
from .specgrammar import (SpecGrammar, SpecItem, build_spec_grammar, find_benchmark_scores, find_colours,
                          find_specs)
from .text import Sentence

_CACHE: dict[int, SpecGrammar] = {}


def spec_grammar(ctx: ExtractionContext) -> SpecGrammar:
    key = id(ctx.engine)
    if key not in _CACHE:
        _CACHE.clear()
        _CACHE[key] = build_spec_grammar(ctx.patterns["specs"])
    return _CACHE[key]


def _subjects(ctx: ExtractionContext, sentence: Sentence, items: list[SpecItem], products: list[ProductMention],
              tracker: ProductTracker, sizes: dict[str, float],
              respectively: Optional[re.Pattern[str]]) -> list[tuple[SpecItem, Optional[EntityRef]]]:
    """Each value with its product (graph/extract/productrefs.py), None when the text does not resolve it."""
    rules = reference_rules(ctx)
    own = [p for p in products if not p.compared]
    out: list[tuple[SpecItem, Optional[EntityRef]]] = []
    if respectively is not None and respectively.search(sentence.text) and len(own) >= 2:
        by_metric: dict[str, list[SpecItem]] = {}
        for it in items:
            by_metric.setdefault(it.metric, []).append(it)
        paired: set[int] = set()
        for group in by_metric.values():
            if len(group) == len(own):
                for it, p in zip(group, own):
                    out.append((it, p.ref))
                    paired.add(id(it))
        items = [it for it in items if id(it) not in paired]
    same_before = ctx.patterns["specs"].get("same_as_before")
    same_between = ctx.patterns["specs"].get("same_as_between")
    if same_before and same_between:
        for it in items:
            for p in products:
                if p.compared and p.start >= it.end \
                        and re.search(same_before, ctx.text[sentence.start:it.start]) \
                        and re.match(same_between, ctx.text[it.end:p.start]):
                    out.append((replace(it, end=p.end), p.ref))     # the quote names the other product
    named = subjects_in(ctx, sentence.start, sentence.end, products, tracker, sizes, rules)
    group = None if named else group_of(sentence.text, tracker, rules)
    for it in items:
        owner = owner_after(ctx, it.end, sentence.end, products, rules)
        before = [x for x in named if x.end <= it.start]
        if owner is not None:
            out.append((it, owner))
        elif before:
            x = before[-1]
            if x.run:       # "The Pro and the Ultra are rated IP68": each of them, when the value is stated once
                nxt = min([y.start for y in named if y.start >= it.end] + [sentence.end])
                alike = [j for j in items if j.metric == it.metric and x.end <= j.start < nxt]
                out += [(it, r) for r in x.run] if x.opens and len(alike) == 1 else [(it, None)]
            else:
                out.append((it, x.ref))
        elif named:        # "Featuring X, the Nova Watch Special Edition adds ..."
            out.append((it, named[0].ref))
        elif group is not None:
            out += [(it, r) for r in group] if len(group) >= 2 else [(it, None)]
        elif tracker.topic is not None:
            out.append((it, topic(tracker)))
    return out


def range_qualifiers(it: SpecItem) -> tuple[tuple[str, str], ...]:
    """Qualifiers ``low`` and ``high`` of a range ("1-120Hz")."""
    return (("low", str(it.low)), ("high", str(it.value))) if it.low is not None else ()


def _as_written(ctx: ExtractionContext, it: SpecItem) -> tuple[tuple[str, str], ...]:
    """Qualifier ``text``: the words as written when the value is a canonical form of them ("optical image
    stabilisation" read as OIS)."""
    surface = " ".join(ctx.text[it.start:it.end].split())
    if isinstance(it.value, str) and surface.casefold() != it.value.casefold() and it.value not in surface:
        return (("text", surface),)
    return ()


def _is_headline(ctx: ExtractionContext, f: Fact) -> bool:
    """A fact read from a headline or subtitle: a short line that does not end a sentence."""
    ls = ctx.text.rfind("\n", 0, f.evidence.start) + 1
    le = ctx.text.find("\n", f.evidence.end)
    line = ctx.text[ls:le if le >= 0 else len(ctx.text)].strip()
    return len(line) < 160 and not line.endswith(".") and not line.startswith(("•", "-", "*"))


def _mark_restatements(ctx: ExtractionContext, facts: list[Fact]) -> list[Fact]:
    first: dict[tuple, int] = {}
    out: list[Fact] = []
    for f in facts:
        key = (f.kind, f.subject.key, f.metric, str(f.value), f.unit, f.hedge)
        if key not in first:
            first[key] = len(out)
            out.append(f)
            continue
        prev = out[first[key]]
        if _is_headline(ctx, prev) and not _is_headline(ctx, f):
            out[first[key]] = replace(prev, qualifiers=prev.qualifiers + (("restates", f.evidence.quote),))
            first[key] = len(out)
            out.append(f)
        else:
            out.append(replace(f, qualifiers=f.qualifiers + (("restates", prev.evidence.quote),)))
    return out


def _unify_roles(facts: list[Fact], generic: set[str]) -> list[Fact]:
    """A value first read without its role ("a 108MP camera") takes the role it has elsewhere for the same
    product ("the main 108MP camera"), so both say the same thing."""
    specific: dict[tuple, str] = {}
    for f in facts:
        if f.metric not in generic:
            specific.setdefault((f.subject.key, f.unit, str(f.value)), f.metric or "")
    return [replace(f, metric=specific.get((f.subject.key, f.unit, str(f.value)), f.metric))
            if f.metric in generic else f for f in facts]


def _text_specs(s: Sentence, data: dict, skip: tuple[tuple[int, int], ...]) -> list[SpecItem]:
    """Text values stated in prose (``text_specs`` of specs.yaml), not inside a product's name."""
    out = []
    for item in data.get("text_specs") or ():
        for m in re.finditer(item["pattern"], s.text):
            a, b = s.start + m.start("text"), s.start + m.end("text")
            if not any(x < b and a < y for x, y in skip):
                out.append(SpecItem(item["metric"], " ".join(m.group("text").split()), None, a, b,
                                    rule=f"text_{item['metric']}"))
    return out


def _text_labels(ctx: ExtractionContext, s: Sentence, data: dict) -> list[tuple[str, int, int]]:
    """Text specs of spec-sheet labels ("Processor: Velar V9 (10 cores)" -> processor "Velar V9")."""
    out = []
    for item in data.get("text_labels") or ():
        for m in re.finditer(item["pattern"], s.text):
            out.append((item["metric"], s.start + m.start("text"), s.start + m.end("text")))
    return out


def extract(ctx: ExtractionContext) -> list[Fact]:
    g = spec_grammar(ctx)
    data = ctx.patterns["specs"]
    resp = re.compile(data["respectively"], re.IGNORECASE) if data.get("respectively") else None
    money_units = {"money"}
    tracker = ProductTracker()
    facts: list[Fact] = []
    bench_source = ctx.gazetteer.get(g.benchmark.organisation_key)
    label_line = re.compile(data["label_line"]) if data.get("label_line") else None
    sheet_topic: Optional[EntityRef] = None       # the product a spec sheet's heading names
    main: list[Optional[EntityRef]] = []
    tables = product_tables(ctx)
    facts.extend(tables.specs)
    for s in ctx.sentences:
        products = products_in(ctx, s)
        if tables.covers(s.start, s.end):
            continue
        m = ctx.mentions(s)
        is_label = bool(label_line and label_line.match(s.text))
        text_specs = _text_labels(ctx, s, data) if is_label else []
        if text_specs:              # "Processor: Acme X1 (4nm)": what the label names is a component
            products = [p for p in products if not any(a <= p.start < b for _, a, b in text_specs)]
        own = [p for p in products if not p.compared]
        if s.line_start and not is_label and own and len(s.text) < 60 and s.text.rstrip()[-1:] not in ".!?":
            sheet_topic = own[0].ref            # a heading naming a product opens its spec sheet
        elif not is_label and own:
            sheet_topic = None
        if is_label and not own:
            if not main:
                main.append(main_product(ctx))
            topic = sheet_topic or main[0]
            if topic is not None:
                tracker.topic = topic
            for metric, a, b in text_specs:
                if topic is not None:
                    facts.append(Fact(kind="spec", doc_id=ctx.doc.doc_id, subject=topic, evidence=ctx.evidence(a, b),
                                      metric=metric, value=" ".join(ctx.text[a:b].split()),
                                      qualifiers=(("rule", "sheet_label"),)))
        price_sentence = any(q.kind in money_units for q in m.quantities)
        skip = tuple((p.start, p.end) for p in products)
        items = find_specs(s.text, s.start, g, price_sentence=price_sentence, skip=skip)
        in_name = set(data.get("in_name_rules") or ())
        for p in products:                 # "Nova TV LUX 65-inch OLED": the name states the screen size
            for it in find_specs(ctx.text[p.start:p.end], p.start, g):
                if it.rule in in_name:
                    facts.append(Fact(kind="spec", doc_id=ctx.doc.doc_id, subject=p.ref,
                                      evidence=ctx.evidence(it.start, it.end), metric=it.metric, value=it.value,
                                      unit=it.unit, qualifiers=(("rule", it.rule), ("in_name", "true"))))
        if not is_label:                # "All three models run Fjord OS 5"
            items += _text_specs(s, data, skip)
        colours = find_colours(s.text, s.start, g)
        markets = [e for e in m.entities if e.kind == "market"]
        market = ctx.entity(markets[0]) if markets else None
        sizes = {f.subject.key: float(f.value) for f in facts if f.metric in reference_rules(ctx).size_metrics
                 and isinstance(f.value, Decimal)}
        for it, subject in _subjects(ctx, s, items, products, tracker, sizes, resp):
            if subject is None:
                unresolved(ctx, it.start, it.end, it.value, it.unit, it.metric)
                continue
            facts.append(Fact(kind="spec", doc_id=ctx.doc.doc_id, subject=subject,
                              evidence=ctx.evidence(it.start, it.end), metric=it.metric, value=it.value,
                              unit=it.unit, hedge=it.hedge,
                              qualifiers=(("rule", it.rule),) + ((("compared_to", it.versus),) if it.versus else ())
                              + _as_written(ctx, it) + range_qualifiers(it)))
        for it in colours:
            before = [p for p in products if not p.compared and p.end <= it.start]
            subject = before[-1].ref if before else tracker.topic
            if subject is not None:
                facts.append(Fact(kind="spec", doc_id=ctx.doc.doc_id, subject=subject,
                                  evidence=ctx.evidence(it.start, it.end), metric=it.metric, value=it.value,
                                  market=market, qualifiers=(("rule", it.rule),)))
        for sc in find_benchmark_scores(s.text, s.start, g):
            before = [p for p in products if not p.compared and p.end <= sc.start]
            subject = before[-1].ref if before else tracker.topic
            if subject is None:
                continue
            facts.append(Fact(kind="metric", doc_id=ctx.doc.doc_id, subject=subject,
                              evidence=ctx.evidence(sc.start, sc.end), metric=g.benchmark.metric_of(sc.aspect),
                              value=sc.value, unit=g.benchmark.unit,
                              source=bench_source.ref() if bench_source else None,
                              qualifiers=(("aspect", sc.aspect),)))
        tracker.update(products, shares_subject(ctx, own, reference_rules(ctx)))
    generic = {r.metric for r in g.rules if r.roles}
    return _mark_restatements(ctx, _unify_roles(facts, generic))
