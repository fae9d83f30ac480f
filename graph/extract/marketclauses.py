"""A market's own figure: the subject of a market measure that a market-total phrase marks (``market_subject``:
"global shipments", "the industry's revenue", a note on a market), and a figure whose clause names the market by
its noun phrase: "the European market for premium home speakers contracted by
around 10 per cent", "India's room air conditioner market is estimated at about 11.5 million units", "We estimate
the global market for fishery sonar at around USD 1.1 billion".

The clause is read only when the market's noun phrase is the subject of the figure's predicate (nothing but an
aside between them, no company, pronoun or "we" in between) and the phrase does not follow a preposition ("our
share of the RAC market", "revenue from overseas markets" are a company's figures). The measure is the verb's
(``installed about 1.2 GWh``: installations), else the main measure of a note on a market (shipments), else the
market's size. Words live in ``frames.yaml`` (market_nouns, market_clause_openers, market_size_predicates,
market_not_category_words)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from ..records import EntityRef
from .context import ExtractionContext, Mentions
from .figures import Figure
from .marketslot import doc_category, doc_market, market_subject_ref
from .patterns import alternation, per_document
from .slotrules import SOURCE_TYPES, Slot, SlotRules

# entities that make a figure someone's, not the market's
_OWNERS = ("organisation", "brand", "product", "series", "group", "segment", "person")


@dataclass(frozen=True)
class MarketClause:
    start: int                      # the market's noun phrase
    end: int
    place: Optional[EntityRef]      # the geography the phrase names (None: the paragraph's or document's)
    category: str                   # the product category the phrase names ("" when it names none)
    metric: Optional[str]           # the measure the predicate's verb names (None: the market's size)
    estimate_opener: bool           # "we estimate the market at": the bare "at" of an estimate


def market_clause(ctx: ExtractionContext, m: Mentions, fig: Figure, lo: int,
                  verbs: dict[str, str]) -> Optional[MarketClause]:
    """The market noun phrase whose figure this is, when the clause's predicate joins the two (``verbs``: the
    metric scheme's verbs, "installed" -> installations)."""
    if fig.role not in ("level", "change"):
        return None
    rx = _rules(ctx)
    before = ctx.text[lo:fig.q.start]
    flat = fig.role == "change" and re.match(r"[A-Za-z]", ctx.text[fig.q.start:fig.end] or " ") is not None
    pred = next((h for p in rx["predicates"] for h in [p.search(before)] if h is not None), None)
    if pred is None and not flat:
        return None
    head = before[:pred.start()] if pred is not None else before
    np = _noun_phrase(rx, head)
    if np is None:
        return None
    a, b, mods, cat = lo + np[0], lo + np[1], np[2], np[3]
    opener = ctx.text[lo:a]
    if not rx["opener"].search(opener):
        return None             # "our share of the RAC market", "revenue from overseas markets": not the subject
    estimate = rx["estimate"].search(opener) is not None
    if pred is not None and pred.groupdict().get("bare") and not estimate:
        return None             # a bare "at" only after "we estimate the market"
    if rx["exclusion"].search(ctx.text, lo, b):
        return None             # "Outside China, the market contracted": a market less a part
    words = re.findall(r"[\w'’.-]+", mods + " " + cat)
    if any(w.casefold() in rx["not_np"] for w in words):
        return None             # "its market", "this market": someone's
    for e in m.entities:
        if a <= e.start < fig.q.start and e.kind in _OWNERS:
            return None         # a company (or its part or product) in the clause: the company's figure
    if rx["person"].search(ctx.text, a, fig.q.start):
        return None             # "the market, where we hold 38%": the aside names someone's figure
    place = _place(ctx, m, a, b)
    category = " ".join(w for w in words if w.casefold() not in rx["not_category"] and not _names_place(ctx, m, w, a, b))
    verb = pred.groupdict().get("verb") if pred is not None else None
    metric = verbs.get(verb.casefold()) if verb else None
    return MarketClause(a, b, place, category.strip(), metric, estimate)


def _noun_phrase(rx: dict, head: str) -> Optional[tuple[int, int, str, str]]:
    """The market's noun phrase that ends ``head`` (before an aside in commas): its span, the words before the
    head noun (up to four, after "the" or a place's possessive) and the category after "for"."""
    tail = rx["tail"].search(head)
    if tail is None:
        return None
    start, mods = tail.start(), []
    for w in reversed(list(re.finditer(r"[\w.'’-]+", head[:tail.start()]))):
        if head[w.end():start].strip():
            break               # punctuation between: the phrase ends there
        word = w.group(0)
        if word.casefold() == "the" or (re.search(r"['’]s$", word) and word[:1].isupper()):
            start = w.start()   # "the", "India's": the phrase's first word
            break
        if len(mods) == 4 or word.casefold() in rx["stop"] or not re.fullmatch(r"[\w.-]+", word):
            break
        mods.insert(0, word)
        start = w.start()
    return start, tail.end("np"), " ".join(mods), tail.group("cat") or ""


def _place(ctx: ExtractionContext, m: Mentions, a: int, b: int) -> Optional[EntityRef]:
    """The geography the noun phrase names: a place ("India's", "worldwide"), a demonym ("European")."""
    for e in m.entities:
        if a <= e.start < b and e.kind == "market":
            return ctx.entity(e)
    table = ctx.patterns["frames"].get("demonyms") or {}
    for w in re.findall(r"[\w.]+(?:\s+[A-Z][\w.]*)?", ctx.text[a:b]):
        key = table.get(w) or table.get(w.split()[0])
        if key:
            entry = ctx.gazetteer.get(str(key))
            if entry is not None:
                return entry.ref()
    return None


def _names_place(ctx: ExtractionContext, m: Mentions, word: str, a: int, b: int) -> bool:
    if word in (ctx.patterns["frames"].get("demonyms") or {}):
        return True
    return any(a <= e.start < b and e.kind == "market" and word in ctx.text[e.start:e.end] for e in m.entities)


def _rules(ctx: ExtractionContext) -> dict:
    def build() -> dict:
        f = ctx.patterns["frames"]
        nouns = alternation([str(w) for w in f.get("market_nouns") or ["market"]])
        hedge = alternation([str(w) for w in f.get("verb_object_hedges") or []])
        verbs = [str(v) for v in (f.get("change_verbs_up") or []) + (f.get("change_verbs_down") or [])
                 if re.fullmatch(r"[a-z]+(?: [a-z]+)?", str(v))]
        change = alternation(verbs)
        metric_verbs = alternation([str(v) for v in f.get("market_clause_verbs") or []])
        preds = []
        for p in f.get("market_size_predicates") or []:
            p = str(p).replace("{change}", change).replace("{hedge}", hedge).replace("{verb}", metric_verbs)
            preds.append(re.compile(rf"(?<![\w-])(?:{p})\s+(?:(?:{hedge})\s+)*$", re.I))
        # the noun phrase: "the European market for premium home speakers", "India's room air conditioner market"
        tail = re.compile(rf"(?<![\w-])(?P<np>(?:{nouns})(?:\s+for\s+(?P<cat>[\w-]+(?:\s+[\w-]+){{0,4}}?))?)"
                          rf"(?:\s*,[^,;]{{1,40}},)?\s*$", re.I)
        opener_words = [str(w) for w in f.get("market_clause_openers") or []]
        openers = alternation(opener_words)
        estimates = alternation([str(w) for w in f.get("market_estimate_verbs") or []])
        cats = {str(w).casefold(): str(k) for k, ws in (f.get("categories") or {}).items() for w in ws}
        excl = alternation([str(w) for w in ctx.patterns["cues"].get("market_exclusions") or []])
        return {
            "predicates": preds,
            "tail": tail,
            "stop": frozenset(w.casefold() for w in opener_words + [str(x) for x in f.get("market_np_stop_words") or []]),
            "opener": re.compile(rf"(?:^[\s\W]*|(?:^|[\s\W])(?:{openers})[\s,]*|[,;:–—(]\s*)$", re.I),
            "estimate": re.compile(rf"(?:^|\W)(?:{estimates})\s+(?:that\s+)?$", re.I),
            "exclusion": re.compile(rf"\b(?:{excl})\b", re.I) if excl else re.compile(r"(?!)"),
            "not_np": frozenset(str(w).casefold() for w in f.get("market_not_np_words") or []),
            "not_category": frozenset(str(w).casefold() for w in f.get("market_not_category_words") or []),
            "person": re.compile(r"\b(?:we|our|us|it|its|they|their)\b", re.I),
            "category": re.compile(rf"(?<![\w-])(?:{alternation(list(cats))})(?![\w-])", re.I),
            "category_of": cats,
            "kind_of": {str(w).casefold(): str(k) for w, k in (f.get("category_kinds") or {}).items()},
            "not_kind": frozenset(str(w).casefold() for w in f.get("market_kind_stop_words") or []),
        }
    return per_document(ctx, "_market_clause_rules", build)


def market_subject(ctx: ExtractionContext, rules: SlotRules, m: Mentions, fig: Figure, lo: int, hi: int,
                   metric_key: Optional[str], s0: Optional[int] = None) -> Optional[Slot]:
    """A whole market's figure: a market measure, no company, and a market named or implied ("the market",
    "global", "shipments in Western Europe", a research note about a market), or a market named in a sentence
    that opens by citing market data ("According to industry data, European heat pump sales fell": in a company's
    own letter too, the market's figure)."""
    if metric_key not in rules.market_metrics:
        return None
    research = ctx.issuer is None or ctx.doc.genre == "research_note"
    # "total revenue" in a news story about a company is the company's; in a note on a market, the market's
    patterns = rules.market_total + ([] if ctx.doc.speaks_for_issuer else rules.market_total_3p) + \
        (rules.market_total_research if research else [])
    chunk_total = next((x for rx in patterns for x in [rx.search(ctx.text, lo, fig.q.start) or
                                                       rx.search(ctx.text, fig.end, min(hi, fig.end + 40))]
                        if x and not _SOURCE_MARKET.search(ctx.text, max(lo, x.start() - 8), x.end())), None)
    geo = [e for e in m.entities if e.kind == "market" and lo <= e.start < hi]
    cited = s0 is not None and _cites_market_data(ctx, m, s0, fig.q.start)
    if cited and not geo:
        # "CPCA data show that China's retail sales ... reached 1.31 million units, and the penetration rate
        # reached 30.2%": the place the cited sentence named before the figure
        geo = [e for e in m.entities if e.kind == "market" and s0 <= e.start < fig.q.start][:1]
    cited = cited and bool(geo)
    if not (chunk_total or (geo and research) or (research and doc_market(ctx) is not None) or cited):
        return None
    market = ctx.entity(geo[0]) if geo else doc_market(ctx)
    where = (geo[0].start, geo[0].end) if geo else (chunk_total.start(), chunk_total.end()) if chunk_total else (-1, -1)
    return Slot(market_subject_ref(ctx, market, narrower_category(ctx, m, lo, fig.q.start)), "market", *where)


def narrower_category(ctx: ExtractionContext, m: Mentions, lo: int, pos: int) -> Optional[str]:
    """The kind of product a market figure's clause names with words before its category noun ("Detachable tablet
    shipments rose 12%", "shipments of foldable smartphones doubled", "5G smartphone sales"): "detachable tablets",
    the market of that kind, not the whole category's. None when the clause names no category or only a place or a
    whole ("Worldwide tablet shipments", "Global smartphone sales": frames.yaml market_not_category_words), unless the
    category is another than the document's."""
    rx = _rules(ctx)
    hits = list(rx["category"].finditer(ctx.text, lo, pos))
    if not hits:
        return None
    hit = hits[-1]
    mods: list[str] = []
    end = hit.start()
    for w in reversed(list(re.finditer(r"[\w$€£¥+.'’-]+", ctx.text[lo:hit.start()]))):
        a, b = lo + w.start(), lo + w.end()
        if ctx.text[b:end].strip() or len(mods) == 3:
            break               # punctuation between: the phrase starts after it
        word = w.group(0)
        if word.casefold() in rx["stop"] or word.casefold() in rx["not_category"] or word.casefold() in rx["not_kind"] or \
                re.search(r"['’]s$|quarter|half|year|month|annual|^\d+$", word, re.I) or \
                word in (ctx.patterns["frames"].get("demonyms") or {}) or \
                any(e.start < b and a < e.end for e in m.entities) or any(p.start < b and a < p.end for p in m.periods):
            break
        mods.insert(0, word)
        end = a
    key = rx["category_of"][hit.group(0).casefold()]
    if not mods and hit.group(0).casefold() in rx["kind_of"]:
        # "Smartwatches grew 9.8% to 36.9 million units" in a note on wearables: the narrower kind's own market --
        # unless another clause opens between ("smartwatches grew while wrist bands fell by a third")
        if _OTHER_CLAUSE.search(ctx.text, hit.end(), pos):
            return None
        return rx["kind_of"][hit.group(0).casefold()]
    if not mods:
        # "Shipments of smart speakers in China totaled ..." in a note that opened on another category: the one named
        return key if key != doc_category(ctx) else None
    return " ".join(mods + [key])


_OTHER_CLAUSE = re.compile(r";|\b(?:while|whereas|but|although|though)\b", re.I)


def _cites_market_data(ctx: ExtractionContext, m: Mentions, s0: int, pos: int) -> bool:
    """The sentence opens by citing market data (``cues.yaml`` market_data_openers, "According to industry data,";
    market_data_reports, "CPCA data show that") or a research firm ("According to IDC,")."""
    rx = per_document(ctx, "_market_data_openers", lambda: re.compile(
        rf"\W*(?:{alternation([str(w) for w in ctx.patterns['cues'].get('market_data_openers') or []])})\s*,", re.I))
    if rx.match(ctx.text, s0, pos):
        return True
    reports = per_document(ctx, "_market_data_reports", lambda: re.compile(
        r"\W*(?:[^,.;]{0,30},\s*)?(?:[A-Z][\w&-]*\s+)?"
        rf"(?:{alternation([str(w) for w in ctx.patterns['cues'].get('market_data_reports') or []])})\s+(?:that\s+)?",
        re.I))
    if reports.match(ctx.text, s0, pos):
        return True
    lead = re.match(r"\W*according\s+to\s+(?:the\s+)?", ctx.text[s0:pos], re.I)
    if lead is None:
        return False
    for e in m.entities:
        if e.start == s0 + lead.end():
            entry = ctx.entry(e)
            return any(t in SOURCE_TYPES for t in (entry.types if entry is not None else ctx.entity(e).types)) and \
                ctx.text[e.end:e.end + 1] == ","
    return False


# "revenue from overseas markets": the market the company's figure comes from, not the market's own total
_SOURCE_MARKET = re.compile(r"\bfrom\s+(?:the\s+)?(?:[\w-]+\s+){0,2}(?:markets?|industry)$", re.I)


def kind_of_market_part(ctx: ExtractionContext, m: Mentions, fig: Figure, lo: int, metric: Optional[str]) -> Optional[str]:
    """"Android tablets made up 71% of the quarter's shipments", "Notebooks accounted for 71% of all units shipped":
    in a note on a market, a kind of product that no one owns takes a share of the market's own volume -- the
    market's figure, of that kind (returned: "Android tablets"; "the premium segment": "premium smartphones" in a
    note on smartphones). None: not such a part (a company's, a pronoun's, a revenue share) or no kind named."""
    if ctx.doc.speaks_for_issuer or not metric or "revenue" in metric or \
            not re.search(rf"\b(?:{_market_volume_words(ctx)})\b", metric.replace("-", " "), re.I):
        return None
    verb = re.search(r"\b(?:accounted|accounts|account|made|makes|make|represented|represents|represent)\b",
                     ctx.text[lo:fig.q.start])
    if verb is None:
        return None
    rx = _rules(ctx)
    part = ctx.text[lo:lo + verb.start()]
    if not re.search(r"[A-Za-z]", part) or rx["person"].search(part) or \
            any(lo <= e.start < lo + verb.start() and e.kind in _OWNERS for e in m.entities):
        return None
    if rx["category"].search(part) is None and \
            re.search(r"\b(?:devices|models|sets|units|segment|products)\b", part, re.I) is None:
        return None
    # the phrase before an aside ("The premium segment, devices priced above $800, grew 11% and ...")
    head = re.split(r"[,(;]", part)[0] if re.match(r"\s*[A-Z]", part) else part
    # "smartwatches are forecast to make up", "wrist bands will make up": the verb group before the part verb
    head = re.sub(r"\s(?:(?:are|is|was|were)\s+(?:forecast|expected|projected|set|likely|estimated)\s+to|will|would|could|"
                  r"should|may|might|to)\s*$", " ", head, flags=re.I)
    words: list[str] = []
    for w in reversed(re.findall(r"[^\s]+", head)):
        if not re.fullmatch(r"[\w$€£¥+.'’-]+", w) or len(words) == 4:
            return None         # a bracket, a long phrase: no kind this clause names, so no figure of it
        if w.casefold() in rx["not_kind"] or w.casefold() in rx["stop"] or w.casefold() in ("by", "the"):
            break
        words.insert(0, w)
    while words and words[-1].casefold() in ("segment", "segments", "category", "tier", "band", "class"):
        words.pop()             # "the premium segment": the premium kind of the note's category
    if not words:
        return None
    if rx["category"].search(" ".join(words)) is None:
        words.append(doc_category(ctx) or "")
    return " ".join(w for w in words if w)


def _market_volume_words(ctx: ExtractionContext) -> str:
    return "shipments|shipped|units|volume|sales|sold|deliveries|installations|registrations"

