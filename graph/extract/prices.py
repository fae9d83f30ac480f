"""Product prices (kind price): amount, currency, variant, market and hedge, with the product they belong to.

A money amount (the engine's quantity grammar) is a price when a price cue of mappings/patterns/prices.yaml
stands before it in its segment ("priced at", "retails at", "costs", "sells for", "starting from", "– at")
or right after it ("RMB 1,500 price range"). In each segment (sentence cut at ";", "while") prices are paired:

- with products, in order, when there are as many products as prices ("A and B ... at X and Y respectively");
- with variants (memory configurations, screen sizes, "base model"), in order, when the counts agree, or with
  the variant in parentheses right after each price ("₹29,999 (6GB+128GB)"); a conversion ("€649 (£569)")
  has the variant of the price it converts;
- with the product right after it ("EUR 129 for the Canvas Pen", graph/extract/productrefs.py);
- otherwise each price goes to the nearest product named before it (after it for "discount of X on P") or to a
  descriptor resolved against the products just named ("the cheaper variant costs"), else to a product class
  named in the sentence ("premium phones"), else to the passage's topic product. A price after products
  coordinated as one subject ("The Lite and the Pro start at"), after a descriptor that picks no one product, or
  with no product while the last sentence named two as one subject, is unresolved.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from typing import Optional

from ..iris import slugify
from ..records import EntityRef, Fact, Period
from .context import ExtractionContext
from .products import ProductTracker, main_product, products_in
from .productrefs import NO_PRODUCT, UNRESOLVED, owner_after, reference_rules, shares_subject, subjects_in, topic, unresolved
from .producttables import currency_market, market_ref, product_tables
from .quantities import Quantity
from .text import Sentence


_LOOK_BACK = 200        # characters before an amount in which an average ("average selling price of") is looked for


@dataclass(frozen=True)
class PriceCue:
    regex: re.Pattern[str]
    metric: str
    hedge: Optional[str] = None
    product_after: bool = False
    adjacent: bool = False
    continues: bool = False
    product_before: bool = False       # the amount is the price of the product named right before the cue


@dataclass(frozen=True)
class Variant:
    start: int
    end: int
    label: str


def _cues(raw: list[dict], anchor: str = "") -> list[PriceCue]:
    return [PriceCue(re.compile(c["cue"] if c.get("adjacent") or anchor else c["cue"], re.IGNORECASE),
                     c["metric"], c.get("hedge"), bool(c.get("product_after")), bool(c.get("adjacent")),
                     bool(c.get("continues")), bool(c.get("product_before"))) for c in raw or ()]


class PriceRules:
    """Compiled mappings/patterns/prices.yaml."""

    def __init__(self, data: dict):
        self.segment = re.compile(data["segment_separators"])
        self.continuation = re.compile(data["list_continuation"])
        self.current = re.compile(data["current_period"], re.IGNORECASE)
        self.before = _cues(data.get("cues_before"))
        self.after = _cues(data.get("cues_after"), anchor="^")
        self.reject_after = re.compile(data["reject_after"], re.IGNORECASE)
        self.hedges_after = [(re.compile(h["cue"], re.IGNORECASE), h["hedge"]) for h in data.get("hedges_after") or ()]
        self.hedges_before = [(re.compile(h["cue"], re.IGNORECASE), h["hedge"])
                              for h in data.get("hedges_before") or ()]
        v = data.get("variants") or {}
        self.variant_rx = {k: re.compile(p) for k, p in v.items()}
        self.same_variant = re.compile(data["same_variant"], re.IGNORECASE)
        self.product_classes = re.compile(data["product_classes"], re.IGNORECASE)
        self.market_words = {k.lower(): v for k, v in (data.get("market_words") or {}).items()}
        self.market_word_rx = re.compile(r"\b(" + "|".join(map(re.escape, self.market_words)) + r")\b",
                                         re.IGNORECASE) if self.market_words else None
        self.currency_markets = dict(data.get("currency_markets") or {})
        self.conversion = re.compile(data.get("conversion") or r"(?!)", re.IGNORECASE)
        self.label_line = re.compile(data.get("label_line") or r"(?!)")
        self.own_clause = re.compile(data.get("own_clause") or r"(?!)", re.IGNORECASE)
        self.not_price_before = re.compile(data.get("not_price_before") or r"(?!)", re.IGNORECASE)
        self.scaled = re.compile(data.get("scaled_amount") or r"(?!)")


def variant_label(kind: str, text: str) -> str:
    """Canonical variant text: "8GB+128GB", "55-inch", "base model"."""
    t = " ".join(text.split())
    if kind == "memory":
        return re.sub(r"\s", "", t)
    if kind == "size":
        return re.match(r"\d+", t).group(0) + "-inch"
    return t.lower()


def find_variants(text: str, base: int, rules: PriceRules) -> list[Variant]:
    out: list[Variant] = []
    for kind, rx in rules.variant_rx.items():
        for m in rx.finditer(text):
            if not any(base + m.start() < v.end and v.start < base + m.end() for v in out):
                out.append(Variant(base + m.start(), base + m.end(), variant_label(kind, m.group(0))))
    return sorted(out, key=lambda v: v.start)


def _segments(s: Sentence, rules: PriceRules) -> list[tuple[int, int]]:
    cuts = [0]
    for m in rules.segment.finditer(s.text):
        cuts += [m.start(), m.end()]
    cuts.append(len(s.text))
    return [(s.start + a, s.start + b) for a, b in zip(cuts[::2], cuts[1::2]) if b > a]


def _cue_for(text: str, seg_start: int, q: Quantity, prev: Optional[Quantity], rules: PriceRules,
             last: Optional[PriceCue]) -> Optional[PriceCue]:
    """The price cue that makes ``q`` a price: the list it continues ("at A, B and C"), a cue between the
    previous amount and this one, or a cue right after it."""
    near = text[prev.end if prev is not None else seg_start:q.start]
    if last is not None and rules.continuation.fullmatch(near):
        return last
    best: Optional[tuple[int, PriceCue]] = None
    for cue in rules.before:
        if cue.adjacent:
            if cue.regex.search(near) and (not cue.continues or last is not None):
                return last if cue.continues and last is not None else cue
            continue
        for m in cue.regex.finditer(near):
            if best is None or m.end() > best[0]:
                best = (m.end(), cue)
    if best is not None:
        return best[1]
    after = text[q.end:q.end + 40]
    for cue in rules.after:
        if cue.regex.search(after):
            return cue
    return None


def _market(ctx: ExtractionContext, sentence: Sentence, windows: list[tuple[int, int]], rules: PriceRules,
            currency: Optional[str], converted: Optional[EntityRef] = None) -> Optional[EntityRef]:
    """The country of a currency used in one country only when the markets listed after the amount include it,
    else the market named nearest the amount: the windows are tried in order (after it, before it, its segment), then the sentence,
    then the currency's country."""
    ents = [e for e in ctx.mentions(sentence).entities if e.kind == "market"]
    home = rules.currency_markets.get(currency or "")
    lo0, hi0 = windows[0] if windows else (0, 0)
    for e in ents:         # "€649 (£569) in Germany, Ghana and the UK": the pound price is the UK's
        if home and lo0 <= e.start < hi0 and ctx.entity(e).key == home:
            return ctx.entity(e)
    for k, (lo, hi) in enumerate(windows):
        if k == 2 and converted is not None:     # a conversion with no market of its own: the converted price's
            return converted
        inside = [e for e in ents if lo <= e.start < hi]
        word = rules.market_word_rx.search(ctx.text, lo, hi) if rules.market_word_rx is not None else None
        if inside and (word is None or inside[0].start < word.start()):
            return ctx.entity(inside[0])
        if word is not None:
            return market_ref(ctx, rules.market_words[word.group(1).lower()])
    if converted is not None:
        return converted
    if ents:
        return ctx.entity(ents[0])
    return currency_market(ctx, currency)


def _class_subject(ctx: ExtractionContext, sentence: Sentence, before: int,
                   rules: PriceRules) -> Optional[EntityRef]:
    """A class of products named before the amount ("premium phones - models retailing at ...")."""
    m = None
    for m in rules.product_classes.finditer(ctx.text, sentence.start, before):
        pass
    if m is None:
        return None
    owner = ctx.issuer
    label = " ".join(m.group(0).split())
    key = f"{owner.key}-{slugify(label)}" if owner else slugify(label)
    return ctx.discover(key, "series", f"{owner.label} {label}" if owner else label)


def _doc_period(ctx: ExtractionContext, current: bool) -> Optional[Period]:
    """A price holds in the year of the document ("at current rates": in its month)."""
    if not ctx.doc.date:
        return None
    y = int(ctx.doc.date[:4])
    m = int(ctx.doc.date[5:7]) if ctx.doc.date[5:7].isdigit() else 0
    if current and m:
        return Period(f"{y}-{m:02d}", "month", date(y, m, 1), date(y, m, calendar.monthrange(y, m)[1]))
    return Period(str(y), "year", date(y, 1, 1), date(y, 12, 31))


def _drop_restated(facts: list[Fact]) -> list[Fact]:
    """A price already stated in the document (same product, amount, currency, variant) is not repeated."""
    seen: set[tuple] = set()
    out = []
    for f in facts:
        key = (f.subject.key, f.metric, str(f.value), f.unit, f.qualifier("variant"))
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out


def _label_prices(ctx: ExtractionContext, s: Sentence, rules: PriceRules, products: list,
                  topic: Optional[EntityRef], period: Optional[Period]) -> Optional[list[Fact]]:
    """A "Label: amount" line whose label names a product ("Sora Plus: ¥158,400 / EUR 1,199") or a market
    ("UK: £139"): its amounts are prices of that product, or of the document's main product in that market. None when
    the line is no such label line."""
    m = rules.label_line.match(s.text)
    if m is None:
        return None
    a, b = s.start + m.start("label"), s.start + m.end("label")
    named = [p for p in products if a <= p.start and p.end <= b and not p.compared]
    markets = [e for e in ctx.mentions(s).entities if e.kind == "market" and a <= e.start and e.end <= b]
    word = rules.market_word_rx.search(ctx.text, a, b) if rules.market_word_rx is not None else None
    if named:
        subject, market = named[0].ref, None
    elif (markets or word) and topic is not None:
        subject = topic
        market = ctx.entity(markets[0]) if markets else market_ref(ctx, rules.market_words[word.group(1).lower()])
    else:
        return None
    money = [q for q in ctx.mentions(s).quantities if q.kind == "money" and q.start >= b]
    if not money or ctx.text[b:money[0].start].strip(" \t:*") or \
            rules.reject_after.search(ctx.text[money[0].end:money[0].end + 30]):
        return None             # the amount must open the value ("Revenue: up $2 million" is no price)
    out: list[Fact] = []
    for i, q in enumerate(money):
        if i and not re.fullmatch(r"[\s/|,;]*(?:\([^()]{0,40}\)[\s/|,;]*)?", ctx.text[money[i - 1].end:q.start]):
            break
        mk = market or currency_market(ctx, _currency(ctx, q))
        out.append(Fact(kind="price", doc_id=ctx.doc.doc_id, subject=subject,
                        evidence=ctx.evidence(a, q.end), metric="price", value=q.value, unit=_currency(ctx, q),
                        market=mk, period=period, qualifiers=(("layout", "label"),)))
    return out


def _currency(ctx: ExtractionContext, q: Quantity) -> Optional[str]:
    """The amount's currency; a sign shared by two currencies ("¥": yuan or yen) is the one of the market the
    document names most (``shared_signs`` of prices.yaml)."""
    shared = ctx.patterns["prices"].get("shared_signs") or {}
    raw = ctx.text[q.start:q.end]
    for sign, by_market in shared.items():
        if raw.startswith(sign) and q.unit in by_market.values():
            home = _home_market(ctx)
            return by_market.get(home, q.unit) if home else q.unit
    return q.unit


def _home_market(ctx: ExtractionContext) -> Optional[str]:
    cached = ctx.__dict__.get("_price_home_market", "")
    if cached == "":
        counts: dict[str, int] = {}
        for sent in ctx.sentences:
            for e in ctx.mentions(sent).entities:
                if e.kind == "market":
                    k = ctx.entity(e).key
                    counts[k] = counts.get(k, 0) + 1
        cached = max(counts, key=lambda k: counts[k]) if counts else None
        ctx.__dict__["_price_home_market"] = cached
    return cached


def extract(ctx: ExtractionContext) -> list[Fact]:
    rules = PriceRules(ctx.patterns["prices"])
    tracker = ProductTracker()
    last_variant: Optional[str] = None
    facts: list[Fact] = []
    text = ctx.text
    tables = product_tables(ctx)
    facts.extend(tables.prices)
    refs = reference_rules(ctx)
    sizes: dict[str, float] = {}
    for s in ctx.sentences:
        products = products_in(ctx, s)
        if tables.covers(s.start, s.end):
            tracker.update(products)
            continue
        labelled = _label_prices(ctx, s, rules, products, main_product(ctx) or tracker.topic,
                                 _doc_period(ctx, False))
        if labelled is not None:
            facts.extend(labelled)
            tracker.update(products)
            continue
        money = [q for q in ctx.mentions(s).quantities if q.kind == "money"]
        for lo, hi in _segments(s, rules):
            seg_money = [q for q in money if lo <= q.start < hi]
            found: list[tuple[Quantity, PriceCue]] = []
            last: Optional[PriceCue] = None
            prev: Optional[Quantity] = None
            for q in seg_money:
                cue = _cue_for(text, lo, q, prev, rules, last)
                if cue is not None and not rules.reject_after.search(text[q.end:q.end + 30]) \
                        and not rules.scaled.search(text, q.start, q.end) \
                        and not rules.not_price_before.search(text, max(lo, q.start - _LOOK_BACK), q.start):
                    found.append((q, cue))
                    last = cue
                prev = q
            variants = find_variants(text[lo:hi], lo, rules)
            if not found:
                if variants:
                    last_variant = variants[-1].label
                continue
            own = [p for p in products if not p.compared and lo <= p.start < hi]
            n = len(found)
            assigned: list[tuple[Quantity, PriceCue, Optional[EntityRef], Optional[str]]] = []
            paren = [next((v for v in variants if v.start > q.end and
                           re.fullmatch(r"\s*\(\s*", text[q.end:v.start])), None) for q, _ in found]
            # a conversion ("€649 (£569)", "RMB 6,499, or roughly ₹74,400") states the previous price again
            group = [0] * n
            for i in range(1, n):
                between = text[found[i - 1][0].end:found[i][0].start]
                group[i] = group[i - 1] + (0 if rules.conversion.fullmatch(between) else 1)
            groups = group[-1] + 1 if n else 0
            by_product = groups >= 2 and len(own) == groups and len(variants) != groups
            named = subjects_in(ctx, s.start, hi, products, tracker, sizes, refs)
            for i, (q, cue) in enumerate(found):
                owner = owner_after(ctx, q.end, hi, products, refs)
                before = [x for x in named if x.end <= q.start]
                if by_product:
                    subject: Optional[EntityRef] = own[group[i]].ref
                elif cue.product_after:
                    after = [p for p in products if not p.compared and p.start >= q.end]
                    subject = after[0].ref if after else topic(tracker)
                elif owner is not None:        # "EUR 129 for the Canvas Pen"
                    subject = owner
                elif cue.product_before:        # "undercuts the Oriel Prism Pro's CNY 4,299"
                    right = [p for p in products if p.end <= q.start and cue.regex.fullmatch(text, p.end, q.start)]
                    if not right:
                        continue               # "the company's $500 budget": no product's price
                    subject = right[-1].ref
                else:
                    subject = before[-1].ref if before else (own[0].ref if own else None)
                    if before and before[-1].run:      # "The Lite and the Pro start at EUR 349": which one?
                        subject = None
                    near = [p for p in products if lo <= p.start and p.end <= q.start]
                    if near and near[-1].compared and rules.own_clause.match(text, near[-1].end, q.start):
                        subject = near[-1].ref      # "than last year's model, the Lyra Q, which launched at £999"
                    elif subject is None and not (before and (before[-1].run or before[-1].ref is None)):
                        subject = _class_subject(ctx, s, q.start, rules) or topic(tracker)
                if subject is None:
                    open_ = tracker.shared or bool(before and (before[-1].run or before[-1].ref is None))
                    unresolved(ctx, q.start, q.end, q.value, _currency(ctx, q), cue.metric,
                               UNRESOLVED if open_ else NO_PRODUCT)
                    continue
                if paren[i] is not None:
                    variant: Optional[str] = paren[i].label
                elif len(variants) == n:
                    variant = variants[i].label
                elif groups < n and len(variants) == groups:
                    variant = variants[group[i]].label
                elif len(variants) == 1 and groups == 1:
                    variant = variants[0].label
                elif not variants and rules.same_variant.search(text, lo, hi):
                    variant = last_variant
                else:
                    variant = None
                assigned.append((q, cue, subject, variant))
            if variants:
                last_variant = variants[-1].label
            construction = (("construction", "respectively"),) if re.search(
                r"\brespectively\b", text[lo:hi]) else ()
            start = min([p.start for p in own] + [v.start for v in variants] + [found[0][0].start])
            period = _doc_period(ctx, bool(rules.current.search(text, lo, hi)))
            amounts = [q for q, _, _, _ in assigned]
            group_of = {id(q): group[i] for i, (q, _) in enumerate(found)}
            prev_market: Optional[EntityRef] = None
            for i, (q, cue, subject, variant) in enumerate(assigned):
                nxt = amounts[i + 1].start if i + 1 < len(amounts) else hi
                prv = amounts[i - 1].end if i > 0 else lo
                converts = i > 0 and group_of[id(q)] == group_of[id(amounts[i - 1])] \
                    and _currency(ctx, q) not in rules.currency_markets      # "(GBP 1,099)" is the UK's
                market = _market(ctx, s, [(q.end, nxt), (prv, q.start), (lo, hi)], rules, _currency(ctx, q),
                                 prev_market if converts else None)
                prev_market = market
                hedge = cue.hedge
                for rx, h in rules.hedges_after:
                    if rx.search(text[q.end:q.end + 20]):
                        hedge = h
                for rx, h in rules.hedges_before:
                    if rx.search(text[max(lo, q.start - 20):q.start]):
                        hedge = hedge or h
                quals = ((("variant", variant),) if variant else ()) + construction
                if hedge:
                    quals += (("hedge", hedge),)
                ev_start = min(start, q.start)
                ev_end = max([q.end] + [v.end for v in variants if v.label == variant and v.start < hi])
                facts.append(Fact(kind="price", doc_id=ctx.doc.doc_id, subject=subject,
                                  evidence=ctx.evidence(ev_start, ev_end), metric=cue.metric, value=q.value,
                                  unit=_currency(ctx, q), market=market, period=period, hedge=hedge,
                                  qualifiers=quals))
        tracker.update(products, shares_subject(ctx, [p for p in products if not p.compared], refs))
    return _drop_restated(facts)
