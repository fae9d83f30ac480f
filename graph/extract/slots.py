"""The slots of a figure's frame: metric, subject, period, market, source, modality, accounting basis, hedge.

Each slot is filled from the figure's own clause first, then from the sentence, then from the discourse state
(``discourse.py``), then from the document, and records where it came from (``how``). The subject's ``how`` is
what publishing rests on: ``explicit`` (named in the clause), ``possessive``, ``of`` ("revenue of Acme"),
``pronoun`` (resolved to the last-named entity of a fitting kind), ``first-person`` ("we": the issuer in its own
document), ``market`` (a whole market's figure), ``heading`` (a heading or label line above), ``carried`` (the
previous sentence's subject), ``issuer-default`` (no subject words in the issuer's own document) — or nothing,
and the figure is reported as unresolved instead of guessed.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Optional

from ..iris import slugify
from ..records import EntityRef, Period
from .context import ExtractionContext, Mentions
from .discourse import Discourse
from .figures import Figure
from .matcher import Match
from .patterns import alternation
from .periods import PeriodMention, shift

SUBJECT_KINDS = ("organisation", "segment", "platform", "product", "series", "brand", "fund")
SOURCE_TYPES = ("ResearchFirm", "RankingBody")
_COMPETITOR = re.compile(r"\b(?:than|ahead\s+of|behind|followed\s+by|compared\s+(?:with|to)|versus|vs\.?|over|"
                         r"overtaking|overtook|surpassing|surpassed|trailing|trailed|against|unlike|from|beating|"
                         r"beat|outpacing|outpaced|passing|passed|including|such\s+as|like|rivals?|with)\s+"
                         r"(?:the\s+|its\s+|rival\s+|rivals?\s+)?$", re.I)
_SOURCE_BEFORE = re.compile(r"\b(?:according\s+to|data\s+from|figures\s+from|estimates\s+from|said|says|per|"
                            r"by|from)\s+(?:the\s+)?(?:research\s+firm\s+|analyst\s+firm\s+|market\s+tracker\s+)?$",
                            re.I)


@dataclass(frozen=True)
class Slot:
    value: object
    how: str
    start: int = -1
    end: int = -1


@dataclass
class SlotRules:
    pronouns: dict[str, list[str]]
    first_person: re.Pattern[str]
    market_total: list[re.Pattern[str]]
    market_total_3p: list[re.Pattern[str]]
    market_metrics: frozenset[str]
    instant_metrics: frozenset[str]
    day_metrics: frozenset[str]
    modality: dict[str, re.Pattern[str]]
    modality_headings: dict[str, list[str]]
    accounting: dict[str, str]
    accounting_rx: re.Pattern[str]
    pronoun_rx: dict[str, re.Pattern[str]]
    group_rx: str
    verb_rx: Optional[re.Pattern[str]] = None
    verb_metrics: dict[str, str] = field(default_factory=dict)
    object_verb_rx: Optional[re.Pattern[str]] = None
    object_verbs: dict[str, str] = field(default_factory=dict)

    @classmethod
    def load(cls, ctx: ExtractionContext) -> "SlotRules":
        f = ctx.patterns["frames"]
        pron = {k: [str(w) for w in v] for k, v in (f.get("pronouns") or {}).items()}
        I = re.IGNORECASE
        return cls(
            pronouns=pron,
            first_person=re.compile(rf"(?<![\w'’])(?:{alternation(f.get('first_person') or [])})(?![\w'’])", I),
            market_total=[re.compile(p, I) for p in f.get("market_total") or []],
            market_total_3p=[re.compile(p, I) for p in f.get("market_total_third_party") or []],
            market_metrics=_with_narrower(ctx, f.get("market_metrics") or []),
            instant_metrics=_with_narrower(ctx, f.get("instant_metrics") or []),
            day_metrics=_with_narrower(ctx, f.get("day_metrics") or []),
            modality={k: re.compile(rf"(?<![\w])(?:{alternation(v)})(?![\w])", I)
                      for k, v in (f.get("modality") or {}).items()},
            modality_headings={k: [str(x).casefold() for x in v] for k, v in (f.get("modality_headings") or {}).items()},
            accounting={str(k): str(v) for k, v in (f.get("accounting") or {}).items()},
            accounting_rx=re.compile(rf"(?<![\w-])(?:{alternation((f.get('accounting') or {}).keys())})(?![\w-])"),
            pronoun_rx={k: re.compile(rf"(?<![\w'’])(?:{alternation(v)})(?![\w'’])", I) for k, v in pron.items()},
            group_rx=rf"(?:['’]s?)?\s*(?:(?:\w+\s+){{0,3}}(?:{alternation(f.get('group_words') or [])})\b)",
            **_verb_rules(ctx, f),
        )


def _with_narrower(ctx: ExtractionContext, keys) -> frozenset[str]:
    """The metrics listed and every narrower one of the metric scheme (average retail price is an average
    price)."""
    listed = {str(k) for k in keys}
    out = set(listed)
    for key, entry in ctx.gazetteer.metrics.items():
        seen, up = set(), entry.broader
        while up and up not in seen:
            if up in listed:
                out.add(key)
                break
            seen.add(up)
            parent = ctx.gazetteer.metrics.get(up)
            up = parent.broader if parent is not None else None
    return frozenset(out)


def _verb_rules(ctx: ExtractionContext, f: dict) -> dict:
    """The verbs of the metric scheme that take a figure as their object ("employs about 3,400 people", "shipped
    4.4 million PCs"), with the hedges that may stand between verb and figure."""
    table: dict[str, str] = {}
    for entry in ctx.gazetteer.metrics.values():
        for v in entry.verbs:
            table.setdefault(v.casefold(), entry.key)
    if not table:
        return {}
    hedges = alternation(f.get("verb_object_hedges") or [])
    plain = [v for v in table if "*" not in v]
    rx = re.compile(rf"(?<![\w'’-])(?P<v>{alternation(plain)})\s+(?:(?:{hedges})\s+)*$", re.IGNORECASE)
    # "values Lumenpeak at about $1.24 billion": "*" in a verb stands for its object, a name or a pronoun
    obj = r"(?:it|them|the\s+(?:company|group|business|start-?up|firm)|[A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*){0,4})"
    framed, keys = [], {}
    for v, key in table.items():
        if "*" in v:
            head, _, tail = v.partition("*")
            group = f"obj_{len(framed)}"
            framed.append(rf"(?i:{re.escape(head.strip())})\s+(?P<{group}>{obj})\s+(?i:{re.escape(tail.strip())})")
            keys[group] = key
    out: dict = {"verb_rx": rx, "verb_metrics": table}
    if framed:
        out["object_verb_rx"] = re.compile(rf"(?<![\w'’-])(?P<v>{'|'.join(framed)})\s+(?i:(?:{hedges})\s+)*$")
        out["object_verbs"] = keys
    return out


# ---------------------------------------------------------------- metric

def unit_fits_figure(ctx: ExtractionContext, metric: str, fig: Figure) -> bool:
    """A measure can take this figure: money for a currency measure, a percent for a rate, a count or a scaled
    number for a volume; a change (percent or pp) fits any measure; a share fits only "share" measures."""
    entry = ctx.gazetteer.metrics.get(metric)
    unit = entry.unit if entry is not None else None
    q = fig.q
    if fig.role == "change" and q.kind in ("percent", "pp", "multiple"):
        return True
    if unit is None:
        return True
    if unit == "currency":
        return q.kind == "money"
    if unit in ("percent", "ratio"):
        return q.kind in ("percent", "number")
    if unit == "rank":
        return False
    return q.kind in ("count", "number") or (fig.role == "change" and fig.absolute)


def metric_slot(ctx: ExtractionContext, m: Mentions, fig: Figure, lo: int, hi: int,
                rules: Optional["SlotRules"] = None) -> Optional[Slot]:
    """The metric phrase of a figure: the verb whose object it is ("employs about 3,400 people"), else the nearest
    phrase before it in its chunk whose unit fits the figure, else one right after it ("a 1.4% decline in
    shipments", "9.3 million units shipped")."""
    if rules is not None and rules.verb_rx is not None and fig.role == "level":
        v = rules.verb_rx.search(ctx.text, max(lo, fig.q.start - 60), fig.q.start)
        if v is not None:
            key = rules.verb_metrics[v.group("v").casefold()]
            if unit_fits_figure(ctx, key, fig):
                return Slot(key, "verb", v.start("v"), v.end("v"))
        v = rules.object_verb_rx.search(ctx.text, max(lo, fig.q.start - 90), fig.q.start) \
            if rules.object_verb_rx is not None else None
        if v is not None:
            i = next(k for k, g in v.groupdict().items() if k.startswith("obj_") and g)
            key = rules.object_verbs[i]
            if unit_fits_figure(ctx, key, fig):
                # the slot ends where its object ends: the object is the figure's subject
                return Slot(key, "verb", v.end(i), v.end("v"))
    # the nearest fitting phrase before the figure; a clause break blocks it and every phrase before it
    for x in reversed(m.metrics):
        if x.end > fig.q.start:
            continue
        if x.start < lo:
            break
        if unit_fits_figure(ctx, x.target, fig):
            if _metric_blocked(ctx, x, fig):
                break
            return Slot(x.target, "explicit", x.start, x.end)
    # "3.5 million monthly active users": the unit noun of the figure names the measure
    inside = [x for x in m.metrics if (fig.q.number_end or fig.q.end) <= x.start < fig.q.end
              and unit_fits_figure(ctx, x.target, fig)]
    if inside:
        return Slot(inside[0].target, "explicit", inside[0].start, inside[0].end)
    after = [x for x in m.metrics if fig.end <= x.start < min(hi, fig.end + 45) and unit_fits_figure(ctx, x.target, fig)
             and re.fullmatch(r"[\s,]*(?:(?:in|of|for|on|to)\s+)?(?:the\s+|its\s+|our\s+|their\s+)?(?:[\w-]+\s+){0,2}",
                              ctx.text[fig.end:x.start])]
    if after:
        x = after[0]
        return Slot(x.target, "explicit", x.start, x.end)
    return None


def _metric_blocked(ctx: ExtractionContext, x: Match, fig: Figure) -> bool:
    """A metric phrase separated from the figure by a figure-free clause break is not the figure's."""
    gap = ctx.text[x.end:fig.q.start]
    return bool(re.search(r";|\s[–—]\s|\bwhile\b|\bwhereas\b|\bbut\b", gap))


def minted_metric(ctx: ExtractionContext, fig: Figure, lo: int) -> Optional[Slot]:
    """A measure named by a noun phrase the vocabulary does not know: "<noun phrase> was/were/totalled <figure>"
    or "<figure> <count noun>"; the phrase becomes a new metric (key = its slug, label = the phrase)."""
    before = ctx.text[lo:fig.q.start]
    mm = re.search(r"(?P<np>(?:[A-Za-z][\w&/-]*\s+){0,4}[A-Za-z][\w&/-]*)\s+(?:was|were|is|are|stood\s+at|came\s+to|"
                   r"came\s+in\s+at|totall?ed|reached|amounted\s+to|of|hit|rose\s+to|fell\s+to|grew\s+to|"
                   r"climbed\s+to|dropped\s+to|increased\s+to|decreased\s+to)\s+(?:(?:about|around|roughly|nearly|"
                   r"approximately|some|over|more\s+than|almost|a\s+record|an?)\s+)*$", before)
    if mm:
        words = mm.group("np").split()
        # the noun phrase ends the clause's subject: cut at the last verb, function word or pronoun before it
        cut = max((i + 1 for i, w in enumerate(words) if w.lower() in _NP_STOP or verbish(w)), default=0)
        words = words[cut:]
        if words and not words[-1][0].isdigit() and len(" ".join(words)) >= 3 and not verbish(words[-1]):
            words = words[-4:]
            np_start, np_end = lo + mm.start("np"), lo + mm.end("np")
            first = re.search(rf"\b{re.escape(words[0])}\b", ctx.text[np_start:np_end])
            start = np_start + (first.start() if first else 0)
            return Slot(slugify(" ".join(words).lower()), "minted", start, np_end)
    if fig.q.kind in ("number", "count"):
        base = fig.q.number_end or fig.q.end
        after = re.match(r"\s+(?P<np>(?:[a-z][\w-]*\s+){0,2}[a-z][\w-]*s)\b", ctx.text[base:base + 40])
        if after and after.group("np").split()[-1] not in _UNIT_STOP and not any(
                w.lower() in _NP_STOP or verbish(w) for w in after.group("np").split()):
            return Slot(slugify(after.group("np")), "minted", base + after.start("np"), base + after.end("np"))
    return None


def verbish(w: str) -> bool:
    """A word that is (most likely) a verb, an auxiliary or an adverb, not part of a measure's name."""
    lw = w.lower().strip(",;:")
    return lw in _AUX or (len(lw) > 4 and lw.endswith(("ed", "ly"))) or (len(lw) > 5 and lw.endswith("ing") and
                                                                       lw not in ("earnings", "spending", "funding",
                                                                                  "financing", "pricing", "bookings",
                                                                                  "shipping", "housing"))


_AUX = {"is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "will", "would", "can", "could",
        "should", "may", "might", "must", "do", "does", "did", "we", "it", "they", "this", "that", "which", "who",
        "he", "she", "i", "you", "our", "its", "their", "said", "says", "also", "now", "still", "only", "then"}
_NP_STOP = {"the", "a", "an", "its", "our", "their", "his", "her", "this", "that", "these", "those", "and", "total",
            "of", "in", "for", "on", "at", "by", "with", "to", "from", "also", "then", "while", "which"}
_UNIT_STOP = {"years", "months", "quarters", "days", "weeks", "times", "percent", "points", "cents", "units",
              "devices", "pieces", "items", "sets"}


# ---------------------------------------------------------------- subject

def _entities(ctx: ExtractionContext, m: Mentions, lo: int, hi: int) -> list[Match]:
    out = []
    for e in m.entities:
        if not (lo <= e.start < hi) or e.kind not in SUBJECT_KINDS:
            continue
        entry = ctx.entry(e)
        if entry is not None and any(t in SOURCE_TYPES for t in entry.types):
            continue
        if entry is not None and entry.kind == "segment" and entry.props.get("concept") and (
                not _own_segment(ctx, entry) or re.match(r"\s+markets?\b", ctx.text[e.end:e.end + 10])):
            continue          # a category word ("smartphone") in another company's or a market's text
        ref = ctx.entity(e)
        if any(t in SOURCE_TYPES for t in ref.types) or _is_research_firm(ctx, ref):
            continue
        if _SOURCE_BEFORE.search(ctx.text[max(lo, e.start - 30):e.start]):
            continue
        out.append(e)
    return out


def _is_research_firm(ctx: ExtractionContext, ref: EntityRef) -> bool:
    """A firm whose name says research or data, or the document's source: it counts figures, it is not their
    subject (in the issuer's own documents too: "Circana's retail panel puts our share at 34%")."""
    if ref.kind != "organisation" or (ctx.issuer is not None and ref.key == ctx.issuer.key):
        return False
    words = set(ref.label.split())
    if ctx.doc.source is not None and ref.key == ctx.doc.source.key:
        return True
    return bool(words & ctx.engine.name_rules.research_words) or any(t in SOURCE_TYPES for t in ref.types) or \
        ref.key in _cited_firms(ctx)


def _cited_firms(ctx: ExtractionContext) -> frozenset[str]:
    """Companies the document cites for figures ("according to X", "X estimates", "X's retail panel")."""
    cached = ctx.__dict__.get("_cited")
    if cached is None:
        found = set()
        rx = re.compile(r"\b(?:according\s+to|data\s+from|figures\s+from|estimates\s+from|per|source:)\s+(?:the\s+)?"
                        r"(?:research\s+firm\s+|market\s+tracker\s+|analyst\s+firm\s+)?$|^['’]s\s+(?:retail\s+)?"
                        r"(?:panel|data|tracker|estimates?|figures|research)\b|^\s+(?:estimates|estimated|data\s+show)\b",
                        re.I)
        for s in ctx.sentences:
            m = ctx.mentions(s)
            for e in m.entities:
                if e.kind == "organisation" and (rx.search(ctx.text[max(s.start, e.start - 40):e.start]) or
                                                 rx.search(ctx.text[e.end:e.end + 30])):
                    found.add(ctx.entity(e).key)
        cached = frozenset(found)
        ctx.__dict__["_cited"] = cached
    return cached


def _own_segment(ctx: ExtractionContext, entry) -> bool:
    """A generic segment of the gazetteer ("smartphones") is a segment only in its issuer's own documents."""
    if ctx.doc.speaks_for_issuer:
        return True
    owner = entry.props.get("company") or entry.props.get("partOf")
    return ctx.issuer is not None and owner == ctx.issuer.key


def subject_slot(ctx: ExtractionContext, rules: SlotRules, m: Mentions, fig: Figure, metric: Optional[Slot],
                 lo: int, hi: int, d: Discourse, metric_key: Optional[str]) -> Optional[Slot]:
    anchor = metric.start if metric is not None and 0 <= metric.start < fig.q.start else fig.q.start
    ents = _entities(ctx, m, lo, hi)
    group = group_subject(ctx, rules, ents, lo, fig.q.start)
    if group is not None:
        return group
    # "Acme's revenue", "Displays revenue": an entity right before the metric phrase
    if metric is not None and metric.start >= 0:
        for e in ents:
            gap = ctx.text[e.end:metric.start]
            if e.end <= metric.start and re.fullmatch(r"(?:['’]s?)?\s*(?:(?:[a-z][\w&-]*|GAAP|non-GAAP|IFRS|"
                                                          r"[A-Z][\w-]*)\s+){0,3}", gap):
                how = "possessive" if gap[:1] in "'’" else "explicit"
                return Slot(ctx.entity(e), how, e.start, e.end)
    # the nearest subject word before the measure: a name, a pronoun or "we" ("Kaito is strong in Japan, but it
    # lost share in Europe, where we now sit second with 17.5%": we)
    candidates: list[Slot] = []
    for e in ents:
        if _IN_APPOSITION.match(ctx.text, e.end) and re.search(r",\s*$", ctx.text[max(lo, e.start - 3):e.start]):
            continue        # "Commercial PCs, Brennard's largest business, brought in": the part, not Brennard
        if e.end <= anchor and (not _COMPETITOR.search(ctx.text[max(lo, e.start - 25):e.start]) or
                                _RELATIVE.match(ctx.text, e.end)):
            candidates.append(Slot(ctx.entity(e), "explicit", e.start, e.end))
    chunk = ctx.text[lo:anchor]
    for kind, rx in rules.pronoun_rx.items():
        for p in rx.finditer(chunk):
            if kind == "organisation" and _is_first_person_org(p.group(0)) and ctx.doc.speaks_for_issuer:
                continue
            kinds = {"organisation": ("organisation", "group"), "segment": ("segment", "platform"),
                     "product": ("product", "series")}[kind]
            # in the issuer's own text "it" refers back only within the paragraph (else it is the issuer)
            ref = d.antecedent(lo + p.start(), kinds, max_paragraphs=1 if ctx.doc.speaks_for_issuer else 2)
            if ref is not None:
                candidates.append(Slot(ref, "pronoun", lo + p.start(), lo + p.end()))
    if ctx.issuer is not None and (ctx.doc.speaks_for_issuer or _in_executive_turn(ctx, fig.q.start)):
        for fp in rules.first_person.finditer(ctx.text, lo, anchor):
            candidates.append(Slot(ctx.issuer, "first-person", fp.start(), fp.end()))
    if candidates:
        return max(candidates, key=lambda c: c.end)
    # "revenue of Acme", "$780 million at Displays"
    for e in ents:
        if e.start >= fig.q.start or (metric is not None and e.start >= metric.end):
            prev = ctx.text[max(lo, e.start - 14):e.start]
            if re.search(r"\b(?:of|at|for|from|by)\s+(?:the\s+|its\s+|our\s+|the\s+Group['’]s\s+|the\s+"
                         r"Company['’]s\s+)?$", prev) and \
                    not re.search(r"\b(?:than|ahead\s+of|behind|versus|vs\.?|compared\s+(?:with|to))\s+(?:the\s+)?$", prev) \
                    and e.start - fig.end < 40:
                return Slot(ctx.entity(e), "of", e.start, e.end)
    if ctx.issuer is not None and (ctx.doc.speaks_for_issuer or _in_executive_turn(ctx, fig.q.start)):
        fp = list(rules.first_person.finditer(ctx.text, max(lo, fig.end), min(hi, fig.end + 30)))
        if fp:
            return Slot(ctx.issuer, "first-person", fp[-1].start(), fp[-1].end())
    market = market_subject(ctx, rules, m, fig, lo, hi, metric_key)
    if market is not None:
        return market
    if d.section_subject is not None:
        return Slot(d.section_subject, "heading")
    carried = d.carried_subject(metric_key)
    if carried is not None:
        return Slot(carried, "carried")
    if ctx.issuer is not None and (ctx.doc.speaks_for_issuer or _about_issuer(ctx, d, metric_key)):
        return Slot(ctx.issuer, "issuer-default")
    return None


_IN_APPOSITION = re.compile(r"['’]s?\s+(?:[\w-]+\s+){0,2}?(?:segment|business|division|unit|arm|business\s+area)\s*,",
                            re.I)
# "behind Aurex and Tamsin, which held 21.4% and 17.8%": a relative clause makes the names its subjects
_RELATIVE = re.compile(r"[\s,]*(?:and\s+[A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*)*\s*)?,?\s*(?:which|who|that)\s", re.I)


def _about_issuer(ctx: ExtractionContext, d: Discourse, metric_key: Optional[str]) -> bool:
    """A news article about one company: its financial figures with no other subject are the company's (when
    the paragraph has not turned to another company)."""
    if ctx.doc.genre not in ("news", "investment_news") or metric_key is None or metric_key in rules_market_only:
        return False
    other = d.last_subject is not None and d.last_subject_paragraph == d.paragraph and ctx.issuer is not None and \
        d.last_subject.key != ctx.issuer.key and d.last_subject.owner != ctx.issuer.key
    return not other


rules_market_only = frozenset({"market-share"})


def group_subject(ctx: ExtractionContext, rules: SlotRules, ents: list, lo: int, pos: int) -> Optional[Slot]:
    """"Solvane and Brightmoor's combined 58.7%", "Hollin and Brennard together accounted for 43.1%": a combined
    figure of several companies (an EntityRef of kind group, label "A + B")."""
    text = ctx.text
    orgs = [e for e in ents if e.end <= pos and e.kind in ("organisation", "brand")]
    if len(orgs) < 2:
        return None
    for i in range(len(orgs) - 1):
        run = [orgs[i]]
        j = i + 1
        while j < len(orgs) and re.fullmatch(r"\s*(?:,|,?\s*and|&)\s*", text[run[-1].end:orgs[j].start]):
            run.append(orgs[j])
            j += 1
        if len(run) < 2:
            continue
        tail = text[run[-1].end:pos]
        if re.match(rules.group_rx, tail) and not re.search(r"[.;]", tail):
            refs = [ctx.entity(e) for e in run]
            label = " + ".join(r.label for r in refs)
            key = "+".join(r.key for r in refs)
            return Slot(EntityRef(key, "group", label, ("Group",), members=tuple(r.key for r in refs)), "explicit",
                        run[0].start, run[-1].end)
    return None


def _is_first_person_org(word: str) -> bool:
    return word.casefold() in ("the company", "the company's", "the group", "the group's")


def _in_executive_turn(ctx: ExtractionContext, pos: int) -> bool:
    t = ctx.turn_at(pos)
    return t is not None and t.role == "executive"


def market_subject(ctx: ExtractionContext, rules: SlotRules, m: Mentions, fig: Figure, lo: int, hi: int,
                   metric_key: Optional[str]) -> Optional[Slot]:
    """A whole market's figure: a market measure, no company, and a market named or implied ("the market",
    "global", "shipments in Western Europe", a research note about a market)."""
    if metric_key not in rules.market_metrics:
        return None
    patterns = rules.market_total + ([] if ctx.doc.speaks_for_issuer else rules.market_total_3p)
    chunk_total = next((x for rx in patterns for x in [rx.search(ctx.text, lo, fig.q.start) or
                                                       rx.search(ctx.text, fig.end, min(hi, fig.end + 40))]
                        if x and not _SOURCE_MARKET.search(ctx.text, max(lo, x.start() - 8), x.end())), None)
    geo = [e for e in m.entities if e.kind == "market" and lo <= e.start < hi]
    research = ctx.issuer is None or ctx.doc.genre == "research_note"
    if not (chunk_total or (geo and research) or (research and doc_market(ctx) is not None)):
        return None
    market = ctx.entity(geo[0]) if geo else doc_market(ctx)
    where = (geo[0].start, geo[0].end) if geo else (chunk_total.start(), chunk_total.end()) if chunk_total else (-1, -1)
    return Slot(market_subject_ref(ctx, market), "market", *where)


# "revenue from overseas markets": the market the company's figure comes from, not the market's own total
_SOURCE_MARKET = re.compile(r"\bfrom\s+(?:the\s+)?(?:[\w-]+\s+){0,2}(?:markets?|industry)$", re.I)


def global_market(ctx: ExtractionContext) -> Optional[EntityRef]:
    """The whole world as a market (``frames.yaml`` global_market: a gazetteer key)."""
    entry = ctx.gazetteer.get(str(ctx.patterns["frames"].get("global_market") or ""))
    return entry.ref() if entry is not None else None


def market_subject_ref(ctx: ExtractionContext, market: Optional[EntityRef]) -> EntityRef:
    """The subject of a market total: a geography's market for the document's product category ("Western Europe
    smartphones market"); the world's when no geography is named."""
    market = market or global_market(ctx)
    cat = doc_category(ctx)
    place = market.label if market is not None else ""
    label = " ".join(x for x in (place, cat or "", "market") if x)
    key = slugify(f"{market.key if market is not None else ''}-{cat or 'all'}-market")
    return EntityRef(key, "market", label[:1].upper() + label[1:], ("Market",))


def doc_market(ctx: ExtractionContext) -> Optional[EntityRef]:
    """The geography the document is about: the document model's, else the first market its title or lead names
    (third-party documents only)."""
    if ctx.doc.market is not None:
        return ctx.doc.market
    cached = ctx.__dict__.get("_doc_market", False)
    if cached is not False:
        return cached  # type: ignore[return-value]
    found = None
    if not ctx.doc.speaks_for_issuer:
        head = ctx.doc.start + min(600, ctx.doc.end - ctx.doc.start)
        for h in ctx.engine.matcher.find(ctx.text, ctx.doc.start, head):
            # not a masthead, a dateline's city ("SINGAPORE, Nov 22") or page chrome
            if h.kind == "market" and not h.surface.isupper() and not ctx.in_chrome(h.start, h.end) and \
                    not re.match(r"\s*(?:,|\()\s*(?:\w+\s+){0,2}\d", ctx.text[h.end:h.end + 24]):
                found = ctx.entity(h)
                break
    ctx.__dict__["_doc_market"] = found
    return found


def doc_category(ctx: ExtractionContext) -> Optional[str]:
    """The product category the document is about: the document model's, else the first category word of its
    title or lead (``frames.yaml`` categories)."""
    if ctx.doc.category:
        return ctx.doc.category
    cached = ctx.__dict__.get("_doc_category", False)
    if cached is not False:
        return cached  # type: ignore[return-value]
    head = ctx.text[ctx.doc.start:ctx.doc.start + min(600, ctx.doc.end - ctx.doc.start)]
    best = None
    for cat, words in (ctx.patterns["frames"].get("categories") or {}).items():
        for w in words:
            mm = re.search(rf"(?<![\w-]){re.escape(str(w))}(?![\w-])", head, re.I)
            if mm and (best is None or mm.start() < best[0]):
                best = (mm.start(), str(cat))
    found = best[1] if best else None
    ctx.__dict__["_doc_category"] = found
    return found


# ---------------------------------------------------------------- period

# what may stand between a figure and the period it is for: "$5B in the third quarter", "27.6 million units in
# the second quarter of 2023", "12% year on year in Q2", "$3.84 billion for fiscal 2024"
_PERIOD_GAP = re.compile(r"[\s,]*(?:(?:units?|shipments?|(?:year[- ](?:on|over)[- ]year|yoy|y/y|sequentially|"
                         r"quarter[- ](?:on|over)[- ]quarter))[\s,]+)?(?:(?:in|for|during|over|of|at|as\s+of|as\s+at|"
                         r"through|throughout|by|ended|ending|to|from|since|within)\s+)?(?:the\s+)?", re.I)
_COMPARISON = re.compile(r"\b(?:than|compared\s+(?:with|to)|versus|vs\.?|from|against|over|since)\s+(?:the\s+|in\s+)?$",
                         re.I)


def period_slot(ctx: ExtractionContext, m: Mentions, fig: Figure, lo: int, hi: int, s_start: int,
                d: Discourse, baseline_of: Optional[Period] = None, basis: Optional[str] = None,
                instant: bool = False) -> Optional[Slot]:
    """The period a figure is for: one written after it, before it in its chunk or at the front of its sentence;
    a stock (``instant``: a valuation, a stake, a headcount) with none is as of the document's date; else the
    period the discourse carries, else the document's."""
    periods = [p for p in m.periods if lo <= p.start and p.end <= hi]
    after = [p for p in periods if fig.end <= p.start <= fig.end + 70
             and not _figure_between(m, fig.end, p.start) and (_PERIOD_GAP.fullmatch(ctx.text[fig.end:p.start]) or
                                                                _gap_through_measure(ctx, m, fig.end, p.start))]
    if fig.role in ("baseline", "prior"):
        if after and not _COMPARISON.search(ctx.text[max(lo, after[0].start - 12):after[0].start]) or \
                after and fig.role == "baseline":
            return Slot(after[0].period, "explicit", after[0].start, after[0].end)
        if baseline_of is not None:
            rel = re.search(r"\b(?:a\s+year\s+(?:earlier|ago|before)|prior[- ]year|last\s+year|year[- ]ago|the\s+"
                            r"previous\s+year)|(?P<q>previous\s+quarter|prior\s+quarter|preceding\s+quarter|"
                            r"a\s+quarter\s+earlier|last\s+quarter|sequential)", ctx.text[fig.end:min(hi, fig.end + 40)],
                            re.I)
            quarterly = (rel is not None and rel.group("q")) or basis == "QoQ"
            shifted = _shift(ctx, baseline_of, quarters=-1) if quarterly else _shift(ctx, baseline_of, years=-1)
            return Slot(shifted, "shifted") if shifted else None
        return None
    if after and not _COMPARISON.search(ctx.text[max(lo, after[0].start - 12):after[0].start]):
        return Slot(after[0].period, "explicit", after[0].start, after[0].end)
    before = [p for p in periods if p.end <= fig.q.start and not _COMPARISON.search(
        ctx.text[max(lo, p.start - 12):p.start])]
    if instant:
        # "was founded in 1997 and employs around 6,800 people": the year is the other clause's
        before = [p for p in before if not re.search(r"\band\b", ctx.text[p.end:fig.q.start])]
    if before:
        p = before[-1]
        return Slot(_current(ctx, p, d), "explicit", p.start, p.end)
    fronted = [p for p in m.periods if s_start <= p.start < lo and p.end <= fig.q.start and
               not _COMPARISON.search(ctx.text[max(s_start, p.start - 12):p.start])]
    if fronted:
        return Slot(_current(ctx, fronted[0], d), "sentence", fronted[0].start, fronted[0].end)
    if (instant or _PRESENT_STOCK.search(ctx.text, lo, fig.q.start)) and ctx.doc.date and len(ctx.doc.date) >= 10:
        # "The group has about 1,900 employees", "now supplies 14 carmakers": a stock as of the document's date
        day = date.fromisoformat(ctx.doc.date[:10])
        return Slot(Period(day.isoformat(), "instant", day, day), "document-date")
    if d.period is not None:
        return Slot(d.period, "carried")
    if ctx.doc.period is not None:
        return Slot(ctx.doc.period, "document")
    return None


_PRESENT_STOCK = re.compile(r"\b(?:has|have|employs|employ|operates|operate|runs|sells|serves|counts|owns|holds|"
                            r"maintains|supplies|now\s+(?:has|have|counts|serves|supplies|sells|operates))\s+"
                            r"(?:(?:about|around|approximately|nearly|almost|more\s+than|over|some|roughly|a\s+total\s+"
                            r"of|close\s+to|at\s+least)\s+)?$", re.I)


def _gap_through_measure(ctx: ExtractionContext, m: Mentions, a: int, b: int) -> bool:
    """"a 35% drop in adjusted net profit for the September quarter": the figure's measure stands between it
    and its period."""
    for x in m.metrics:
        after = _PARENTHESIS.match(ctx.text, x.end, b)
        if a <= x.start and x.end <= b and (_CHANGE_NOUN_GAP.fullmatch(ctx.text, a, x.start) or
                                           re.fullmatch(r"\s*", ctx.text[a:x.start])) and \
                _PERIOD_GAP.fullmatch(ctx.text, after.end() if after else x.end, b):
            return True
    return False


_PARENTHESIS = re.compile(r"\s*\([^()]{1,24}\)")
_CHANGE_NOUN_GAP = re.compile(r"\s*(?:(?:year[- ](?:on|over)[- ]year|yoy|y/y)\s+)?(?:drop|decline|fall|rise|increase|"
                              r"gain|jump|growth|decrease|improvement|reduction|slump|surge)\s+in\s+"
                              r"(?:the\s+|its\s+|our\s+|their\s+)?(?:[\w-]+\s+){0,2}", re.I)


def _current(ctx: ExtractionContext, p: PeriodMention, d: Discourse) -> Period:
    if p.how == "current":
        return d.period or p.period
    return p.period


def _figure_between(m: Mentions, a: int, b: int) -> bool:
    return any(a <= q.start < b for q in m.quantities)


def _shift(ctx: ExtractionContext, p: Period, years: int = 0, quarters: int = 0) -> Optional[Period]:
    if p.fiscal_label and ctx.doc.fiscal is not None:
        return ctx.doc.fiscal.shift(p, years=years, quarters=quarters)
    return shift(p, years=years, quarters=quarters)


# ---------------------------------------------------------------- market, source, modality, accounting, hedge

def market_slot(ctx: ExtractionContext, m: Mentions, lo: int, hi: int, subject: Optional[Slot],
                d: Optional[Discourse] = None, pos: Optional[int] = None,
                metric: Optional[str] = None) -> Optional[Slot]:
    """The market a figure is measured in: one named in its chunk (the nearest before the figure, one named "in"
    or "across" preferred; else the first after it), a demonym, the paragraph's market for another company's
    figure, the document's for a market's own figure."""
    exclusions = ctx.patterns["cues"].get("market_exclusions") or []
    excl = re.compile(rf"\b(?:{alternation(exclusions)})\s+$", re.I) if exclusions else None
    found = [e for e in m.entities if e.kind == "market" and lo <= e.start < hi and not (
        excl is not None and excl.search(ctx.text[max(lo, e.start - 25):e.start]))]
    if found:
        # the market named "in"/"across" the figure's place wins over one merely mentioned ("worldwide")
        inside = [e for e in found if re.search(r"\b(?:in|across|throughout|within|for)\s+(?:the\s+)?$",
                                                ctx.text[max(lo, e.start - 12):e.start], re.I)]
        pool = inside or found
        if pos is not None:
            before = [x for x in pool if x.start < pos] or [x for x in found if x.start < pos]
            e = before[-1] if before else pool[0]
        else:
            e = pool[-1]
        return Slot(ctx.entity(e), "explicit", e.start, e.end)
    demonym = _demonym_market(ctx, lo, hi)
    if demonym is not None:
        return demonym
    there = _THERE.search(ctx.text, lo, hi)
    if there is not None and d is not None:
        # "Shipments there fell 9.2%": the market named last (in this sentence, else before it)
        earlier = [e for e in m.entities if e.kind == "market" and e.end <= there.start()]
        ref = ctx.entity(earlier[-1]) if earlier else d.last_market
        if ref is not None:
            return Slot(ref, "there", there.start(), there.end())
    own = ctx.issuer is not None and subject is not None and isinstance(subject.value, EntityRef) and \
        (subject.value.key == ctx.issuer.key or subject.value.owner == ctx.issuer.key or
         subject.value.key.startswith(ctx.issuer.key + "-"))
    other = subject is not None and isinstance(subject.value, EntityRef) and not own
    if d is not None and d.paragraph_market is not None and (other or not ctx.doc.speaks_for_issuer):
        return Slot(d.paragraph_market, "paragraph")
    market = doc_market(ctx)
    if subject is not None and isinstance(subject.value, EntityRef) and market is not None and \
            (subject.value.kind == "market" or not ctx.doc.speaks_for_issuer):
        return Slot(market, "document")
    if metric in ("market-share", None) or (metric in _market_metric_keys(ctx)):
        # a share, a rank or a market measure is measured in some market: the paragraph's, else the document's
        if d is not None and d.paragraph_market is not None:
            return Slot(d.paragraph_market, "paragraph")
        if market is not None and metric is not None:
            return Slot(market, "document")
    return None


_THERE = re.compile(r"\b(?:there|in\s+that\s+market|in\s+the\s+country|in\s+that\s+country)\b", re.I)


def _market_metric_keys(ctx: ExtractionContext) -> frozenset[str]:
    cached = ctx.__dict__.get("_market_metric_keys")
    if cached is None:
        cached = ctx.__dict__["_market_metric_keys"] = _with_narrower(ctx, ["market-share", "shipments",
                                                                            "sales-volume", "deliveries"])
    return cached


def _demonym_market(ctx: ExtractionContext, lo: int, hi: int) -> Optional[Slot]:
    """"the Dutch heat pump market", "its Spanish sales": the market an adjective of place names."""
    table = ctx.patterns["frames"].get("demonyms") or {}
    if not table:
        return None
    rx = ctx.__dict__.get("_demonym_rx")
    if rx is None:
        rx = re.compile(rf"(?<![\w])(?P<d>{alternation(table.keys())})\s+(?:[\w-]+\s+){{0,3}}?"
                        r"(?:market|markets|sales|revenue|shipments|business|customers|demand)\b")
        ctx.__dict__["_demonym_rx"] = rx
    hit = rx.search(ctx.text, lo, hi)
    if hit is None:
        return None
    entry = ctx.gazetteer.get(str(table[hit.group("d")]))
    return Slot(entry.ref(), "explicit", hit.start("d"), hit.end("d")) if entry is not None else None


def source_slot(ctx: ExtractionContext, m: Mentions, s_start: int, s_end: int) -> Optional[EntityRef]:
    for e in m.entities:
        if s_start <= e.start < s_end:
            ref = ctx.entity(e)
            entry = ctx.entry(e)
            types = entry.types if entry is not None else ref.types
            if any(t in SOURCE_TYPES for t in types):
                return entry.ref() if entry is not None else ref
    return ctx.doc.source


_PAST = re.compile(r"\b(?:was|were|rose|fell|grew|came(?:\s+in)?|reached|totall?ed|increased|decreased|declined|jumped|"
                   r"dropped|climbed|slipped|amounted|stood|posted|reported|recorded|generated|delivered|shipped|sold|"
                   r"improved|narrowed|widened|expanded|contracted|ended|finished|achieved|hit)\b", re.I)
_FUTURE = re.compile(r"\b(?:will|would|expects?|expected|expecting|forecasts?|forecasted|projects?|projected|guides?|guided|"
                     r"guidance|outlook|plans?|planned|targets?|targeted|aims?|intends?|sees|see|anticipates?|"
                     r"estimates?|should|could|may|might|consensus|street|goal|ambition)\b", re.I)


def modality_slot(ctx: ExtractionContext, rules: SlotRules, lo: int, hi: int, fig: Figure, subject: Optional[Slot],
                  d: Discourse, period: Optional[Period]) -> Optional[str]:
    """guidance | forecast | target | consensus | estimate, or None for an actual figure. The cue must govern the
    figure: it stands in the figure's own stretch of the clause, and no past-tense verb of a result stands between
    it and the figure ("Revenue rose 6% to £1.12bn, ahead of its forecast" is an actual)."""
    local = ctx.text[lo:fig.q.start]
    past = list(_PAST.finditer(local))
    future = list(_FUTURE.finditer(local))
    if past and (not future or past[-1].start() > future[-1].start()):
        return None                          # "... rose 6% to £1.12bn": a result
    own = subject is not None and isinstance(subject.value, EntityRef) and ctx.issuer is not None and \
        (subject.value.key == ctx.issuer.key or subject.value.owner == ctx.issuer.key)
    for kind in ("consensus", "target"):
        if rules.modality[kind].search(local):
            return kind
    # a period not over when the document was written
    future_period = period is not None and period.end is not None and ctx.doc.date is not None and \
        period.end.isoformat() > ctx.doc.date[:10]
    if rules.modality["guidance"].search(local) or (future_period and future):
        return "guidance" if own or d.section_modality == "guidance" else "forecast"
    if rules.modality["forecast"].search(local) or (rules.modality["forecast"].search(ctx.text[fig.end:min(hi, fig.end + 30)])
                                                    and future_period):
        return "forecast" if not own else "guidance"
    if d.section_modality is not None and not past:
        return "guidance" if own and d.section_modality == "forecast" else d.section_modality
    if rules.modality["estimate"].search(local) and not own:
        return "estimate"
    return None


def accounting_slot(ctx: ExtractionContext, rules: SlotRules, metric: Optional[Slot], fig: Figure, lo: int,
                    hi: int, s_start: int) -> Optional[str]:
    """GAAP / adjusted / IFRS / constant currency: a basis word right before the metric phrase, or "on a GAAP
    basis" in the clause, or a basis that opens the sentence ("On a non-GAAP basis, ...")."""
    if metric is not None and metric.start >= 0:
        near = list(rules.accounting_rx.finditer(ctx.text, max(lo, metric.start - 14), metric.end))
        if near:
            return rules.accounting[near[-1].group(0)]
    around = list(rules.accounting_rx.finditer(ctx.text, fig.end, min(hi, fig.end + 40)))
    if around and re.search(r"\b(?:basis|terms|currency|currencies)\b", ctx.text[around[0].start():around[0].end() + 12]) \
            and not re.search(r"\d", ctx.text[fig.end:around[0].start()]):
        return rules.accounting[around[0].group(0)]
    before = list(rules.accounting_rx.finditer(ctx.text, lo, fig.q.start))
    if before and re.search(r"\b(?:basis|terms)\b", ctx.text[before[-1].end():before[-1].end() + 12]):
        return rules.accounting[before[-1].group(0)]
    opener = re.match(r"\s*(?:On|In)\s+an?\s+(?P<w>[\w-]+(?:\s[\w-]+)?)\s+basis", ctx.text[s_start:s_start + 40])
    if opener and opener.group("w") in rules.accounting:
        return rules.accounting[opener.group("w")]
    return None


def hedge_of(ctx: ExtractionContext, m: Mentions, fig: Figure) -> Optional[str]:
    for c in m.cues_of("hedge"):
        if c.end <= fig.q.start and re.fullmatch(r"[\s,]*(?:of\s+|at\s+|to\s+)?", ctx.text[c.end:fig.q.start]):
            if c.surface.lower() == "up to" and re.search(r"\b(?:rose|climbed|grew|jumped|increased)\s*$",
                                                          ctx.text[max(0, c.start - 12):c.start]):
                continue
            return str(c.value)
    return None


def basis_of(ctx: ExtractionContext, m: Mentions, fig: Figure, lo: int, hi: int) -> tuple[str, bool]:
    """A change's basis (YoY, QoQ ...) and whether the text states it; unstated changes are year-on-year."""
    for c in m.cues_of("basis"):
        if fig.end <= c.start < min(hi, fig.end + 45) and not any(fig.end < q.start < c.start for q in m.quantities):
            return str(c.value), True
    for c in m.cues_of("basis"):
        if lo <= c.start < fig.q.start:
            return str(c.value), True
    for c in m.cues_of("basis"):
        if lo <= c.start < hi:
            return str(c.value), True
    return "YoY", False
