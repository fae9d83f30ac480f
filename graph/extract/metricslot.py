"""The metric slot of a figure: the measure it states, from a verb, a known metric phrase or a minted noun phrase."""
from __future__ import annotations

import re
from typing import Optional

from ..iris import slugify
from .context import ExtractionContext, Mentions
from .figures import Figure
from .matcher import Match
from .patterns import per_document
from .slotrules import Slot, SlotRules
from .clausebinding import another_figures_noun, component_of_figure, own_noun


def unit_fits_figure(ctx: ExtractionContext, metric: str, fig: Figure) -> bool:
    """A measure can take this figure: money for a currency measure, a percent for a rate, a count or a scaled
    number for a volume; a percent change fits any measure, a change in points only a rate; a share fits only
    "share" measures."""
    entry = ctx.gazetteer.metrics.get(metric)
    unit = entry.unit if entry is not None else None
    q = fig.q
    if fig.role == "change" and q.kind == "pp":
        return unit in (None, "percent", "ratio", "points")    # points change a rate, never an amount
    if fig.role == "change" and q.kind in ("percent", "multiple"):
        return True
    if unit is None:
        return True
    if unit == "currency":
        # (a per-share amount is never millions: "$0.33 for EPS and ... $610 million for ... revenue")
        per_share = metric in ("eps", "dividend-per-share") or entry.broader == "eps" or "per share" in entry.label
        return q.kind == "money" and not (per_share and q.scale >= 1_000_000)
    if unit in ("percent", "ratio"):
        return q.kind in ("percent", "number")
    if unit == "rank":
        return False
    if q.kind == "count" and counts_own_thing(ctx, q.unit, unit):
        return False        # "sells through 2,300 stores": a count of stores is never shipments
    return q.kind in ("count", "number") or (fig.role == "change" and fig.absolute)


def counts_own_thing(ctx: ExtractionContext, fig_unit: Optional[str], unit: Optional[str]) -> bool:
    """A count of places, outlets, companies or kinds (``frames.yaml`` ``own_measure_units``) states a measure
    counted in its own unit, never one counted in another (shipments in units, users, employees)."""
    own = per_document(ctx, "_own_measure_units", lambda: frozenset(
        str(u) for u in ctx.patterns["frames"].get("own_measure_units") or []))
    return fig_unit in own and unit != fig_unit


def metric_slot(ctx: ExtractionContext, m: Mentions, fig: Figure, lo: int, hi: int,
                rules: Optional["SlotRules"] = None) -> Optional[Slot]:
    """The metric phrase of a figure: the verb whose object it is ("employs about 3,400 people"), else the nearest
    phrase before it in its chunk whose unit fits the figure, else one right after it ("a 1.4% decline in
    shipments", "9.3 million units shipped")."""
    if rules is not None and rules.stock_move is not None and fig.q.kind == "percent" and fig.role == "change":
        v = rules.stock_move.search(ctx.text, max(lo, fig.q.start - 60), fig.q.start)
        if v is not None:       # "Sorano shares rose 5.8 per cent", "Lanxi shares closed 4.2 per cent higher"
            return Slot("share-price", "verb", v.start(), v.end())
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
    # "3.5 million monthly active users": the unit noun of the figure names the measure
    inside = [x for x in m.metrics if (fig.q.number_end or fig.q.end) <= x.start < fig.q.end
              and unit_fits_figure(ctx, x.target, fig)]
    # the nearest fitting phrase before the figure; a clause break blocks it and every phrase before it
    for x in reversed(m.metrics):
        if x.end > fig.q.start:
            continue
        if x.start < lo:
            break
        if fig.role == "level" and fig.q.kind in ("number", "count") and _figure_between(m, x.end, fig) and \
                own_noun(ctx, fig):
            # "MAU ... rose 50% to 23.9 million, with more than 3.2 million paid subscribers": a figure with a noun
            # of its own after another figure of the clause does not take the measure named before that one
            return Slot(inside[0].target, "explicit", inside[0].start, inside[0].end) if inside else None
        if another_figures_noun(ctx, m, x, fig):
            # "142 million connected devices and 58 million monthly active users": the measure right after another
            # figure is that figure's; this one has its own noun (its measure, or a minted one) after it
            if inside:
                return Slot(inside[0].target, "explicit", inside[0].start, inside[0].end)
            if own_noun(ctx, fig):
                return None
        if _PER_UNIT.match(ctx.text, x.end):
            break       # "revenue per paying subscriber was $9.86": a measure per unit, not revenue (minted)
        volume = _volume_of(ctx, x, fig)
        if volume is not None:
            return Slot(volume, "explicit", x.start, x.end)     # "sales of 8.6 million units": unit sales
        if unit_fits_figure(ctx, x.target, fig):
            if _metric_blocked(ctx, x, fig):
                break
            return Slot(x.target, "explicit", x.start, x.end)
    if inside:
        return Slot(inside[0].target, "explicit", inside[0].start, inside[0].end)
    after = [_of_measure(ctx, x, fig) for x in m.metrics if fig.end <= x.start < min(hi, fig.end + 45)]
    # ("Net adds were 310,000 and monthly churn was 1.8%": a measure after a conjunction is the next clause's)
    after = [x for x in after if x is not None and re.fullmatch(r"[\s,]*(?:(?:in|of|for|on|to)\s+)?(?:the\s+|its\s+|our\s+|their\s+)?(?:(?!(?:and|or|but|while|whereas)\s)[\w-]+\s+){0,2}",
                              ctx.text[fig.end:x.start])]
    if after:
        x = after[0]
        return Slot(x.target, "explicit", x.start, x.end)
    return None


def _figure_between(m: Mentions, a: int, fig: Figure) -> bool:
    return any(q is not fig.q and a <= q.start and q.end <= fig.q.start for q in m.quantities)


def _volume_of(ctx: ExtractionContext, x: Match, fig: Figure) -> Optional[str]:
    """A money measure stated right before a count of units ("sales of 8.6 million units", "expects full-year 2023
    sales of 4.7-4.9 million units") is its volume (``frames.yaml`` ``volume_measures``)."""
    if fig.q.kind not in ("count", "number") or unit_fits_figure(ctx, x.target, fig):
        return None
    key = (ctx.patterns["frames"].get("volume_measures") or {}).get(x.target)
    if key is None or not re.fullmatch(r"\s+of\s+(?:(?:about|around|roughly|nearly|approximately|some|over|more\s+than|"
                                       r"almost|up\s+to|at\s+least)\s+)?", ctx.text[x.end:fig.q.start]):
        return None
    return str(key) if unit_fits_figure(ctx, str(key), fig) else None


def _of_measure(ctx: ExtractionContext, x: Match, fig: Figure) -> Optional[Match]:
    """A phrase after the figure whose measure fits it; "SEK 18.9 billion of sales": "of sales" names a share of
    sales for a percent, but after an amount the noun after "of" is the measure (the alias it is of another)."""
    if unit_fits_figure(ctx, x.target, fig):
        return x
    words = re.match(r"of\s+(.+)$", ctx.text[x.start:x.end], re.I)
    if words is None:
        return None
    key = _aliases(ctx).get(words.group(1).casefold())
    if key is None or not unit_fits_figure(ctx, key, fig):
        return None
    return Match(x.start + words.start(1), x.end, "metric", key, words.group(1))


def _aliases(ctx: ExtractionContext) -> dict[str, str]:
    def build() -> dict[str, str]:
        out: dict[str, str] = {}
        for key, e in ctx.gazetteer.metrics.items():
            for a in (e.label,) + tuple(e.aliases):
                out.setdefault(str(a).casefold(), key)
        return out
    return per_document(ctx, "_metric_aliases", build)


def _metric_blocked(ctx: ExtractionContext, x: Match, fig: Figure) -> bool:
    """A metric phrase separated from the figure by a figure-free clause break is not the figure's."""
    gap = ctx.text[x.end:fig.q.start]
    return bool(re.search(r";|\s[–—]\s|\bwhile\b|\bwhereas\b|\bbut\b", gap)) or component_of_figure(ctx, fig)


def minted_metric(ctx: ExtractionContext, fig: Figure, lo: int, change_verbs: bool = False) -> Optional[Slot]:
    """A measure named by a noun phrase the vocabulary does not know: "<noun phrase> was/were/totalled <figure>"
    or "<figure> <count noun>", or (``change_verbs``) "<noun phrase> grew 31% to <figure>" when the phrase ends in
    a measure's head noun; the phrase becomes a new metric (key = its slug, label = the phrase)."""
    if fig.q.kind == "percent" and re.match(r"\s+of\s", ctx.text[fig.end:fig.end + 4]):
        return None     # "Commercial notebooks were 58% of our notebook units": a part of a total, not a measure
    if fig.q.kind == "multiple":
        # "the Tessa line doubled its volume", "doubles our capacity for ...": the object a multiplier verb names,
        # when it ends in a measure's head noun
        obj = re.match(r"\s+(?:its|our|their|the)\s+(?P<np>(?:[a-z][\w-]*\s+){0,2}?[a-z][\w-]*)\b(?!-)",
                       ctx.text[fig.end:fig.end + 60])
        if obj is not None and obj.group("np").split()[-1].lower() in _words(ctx, "change_measure_heads") and \
                not any(w.lower() in _NP_STOP or verbish(w) for w in obj.group("np").split()):
            return Slot(slugify(obj.group("np").lower()), "minted", fig.end + obj.start("np"), fig.end + obj.end("np"))
        return None
    before = ctx.text[lo:fig.q.start]
    change = _change_clause(ctx).search(before) if change_verbs else None   # "costs had risen 12%", "grew 31% to"
    if change_verbs and change is None and fig.flat:
        change = _FLAT_CLAUSE.search(before)        # "Vantro's volume was flat": a change of zero of the volume
    # ("Vehicle margin, closely watched by investors, rose to 17.8%": an aside between the phrase and its verb is
    # blanked, offsets kept)
    before = _ASIDE.sub(lambda a: " " * len(a.group(0)), before)
    mm = re.search(r"(?P<np>(?:(?:[A-Za-z]|\d+[A-Za-z])[\w&/'’-]*\s+){0,6}[A-Za-z][\w&/-]*)\s+(?:was|were|is|are|stood\s+at|came\s+to|"
                   r"came\s+in\s+at|totall?ed|reached|amounted\s+to|of|hit|crossed|passed|topped|surpassed|rose\s+to|fell\s+to|grew\s+to|"
                   r"climbed\s+to|dropped\s+to|increased\s+to|decreased\s+to|(?:to\s+be\s+)?between|"
                   r"(?:to\s+be\s+)?in\s+the\s+range\s+of|to\s+be)\s+(?:(?:about|around|roughly|nearly|"
                   r"approximately|some|over|more\s+than|almost|a\s+record|an?)\s+)*$", before) or change
    if mm:
        words = mm.group("np").split()
        if [w.lower() for w in words[-2:]] == ["to", "be"]:
            words = words[:-2]      # "we expect total billings to be between ...": the phrase before "to be"
        # the noun phrase ends the clause's subject: cut at the last verb, function word or pronoun before it
        # an outlook verb ends it too ("TrendForce projects global smartphone production of")
        outlook = {str(w).lower() for w in ctx.patterns["frames"].get("modality_future") or []}
        # ("revenue per paying subscriber": the words after "per" name the unit, whatever their form)
        per = next((i for i, w in enumerate(words) if w.lower() == "per" and 0 < i < len(words) - 1), len(words))
        cut = max((i + 1 for i, w in enumerate(words[:per]) if w.lower() in _NP_STOP or w.lower() in outlook or
                   verbish(w) or _POSSESSIVE.search(w)), default=0)     # ("Acme's take rate": the owner's)
        before, words = words[:cut], words[cut:]
        if len(before) >= 2 and before[-1].lower() in ("on", "in", "for", "among", "across") and \
                before[-2].lower() in _words(ctx, "rate_heads"):
            # "the subscription attach rate on new devices climbed to 31%": the rate, measured over what follows
            head = before[:-1]
            cut = max((i + 1 for i, w in enumerate(head) if w.lower() in _NP_STOP or w.lower() in outlook or
                       verbish(w)), default=0)
            before, words = head[:cut], head[cut:]
        if before and before[-1].lower() == "of" and mm is not change and _THRESHOLD_VERB.search(mm.group(0)):
            return None         # "Cumulative sales of Hayate scooters passed 150,000": the measure is before "of"
        if len(before) >= 2 and before[-1].lower() in ("in", "of") and before[-2].lower() in _change_nouns(ctx):
            return None         # "the decline in revenue was 3%": a change of a measure, not a level of one
        if words and words[-1].lower() in _change_nouns(ctx):
            return None         # "the decline was 38%": a change of a measure named elsewhere
        if mm is change and (not words or words[-1].lower() not in _words(ctx, "change_measure_heads")):
            return None         # after a change verb only a measure's head noun names one ("Services grew 8%")
        if words and not words[-1][0].isdigit() and len(" ".join(words)) >= 3 and (
                not verbish(words[-1]) or "per" in (w.lower() for w in words)):
            per = next((i for i, w in enumerate(words) if w.lower() == "per"), None)
            if per is not None and len(words) - per <= 3:
                words = words[max(0, per - 4):]     # up to four words before "per" and the unit after it
            else:
                words = words[-4 - sum(w.startswith("(") for w in words):]    # an acronym in brackets is no word
            np_start, np_end = lo + mm.start("np"), lo + mm.end("np")
            first = re.search(rf"\b{re.escape(words[0])}\b", ctx.text[np_start:np_end])
            start = np_start + (first.start() if first else 0)
            key = slugify(" ".join(words).lower())
            if key in ctx.gazetteer.metrics and not unit_fits_figure(ctx, key, fig):
                return None     # a measure the scheme knows, which this figure cannot state
            return Slot(key, "minted", start, np_end)
    if fig.q.kind == "count" and fig.q.number_end and counts_own_thing(ctx, fig.q.unit, None):
        # "sells its products in more than 70 countries and employs ...": the count noun the quantity grammar read
        # (never in a league table's clause: "top five in 40 countries" counts no places of the company's)
        noun = re.match(r"\s+(?:(?:thousand|million|billion)\s+)?(?P<np>\S.*)", ctx.text[fig.q.number_end:fig.q.end])
        if noun is not None and re.fullmatch(r"[a-z][\w-]*(?:\s+[a-z][\w-]*)*", noun.group("np")) and \
                not re.search(r"\b(?:top|ranks?|ranked|ranking)\b", ctx.text[lo:fig.q.start], re.I):
            a = fig.q.number_end + noun.start("np")
            return Slot(slugify(noun.group("np").lower()), "minted", a, fig.q.end)
    if fig.q.kind in ("number", "count"):
        base = fig.q.number_end or fig.q.end
        after = re.match(r"\s+(?P<np>(?:[a-z][\w-]*\s+){0,2}[a-z][\w-]*s)\b", ctx.text[base:base + 40])
        words = after.group("np").split() if after else []
        # ("sells through 2,300 stores across the region": the noun phrase ends before a preposition)
        stop = next((i for i, w in enumerate(words) if w.lower() in _NP_STOP or verbish(w)), len(words))
        if stop and words[stop - 1].endswith("s") and words[stop - 1] not in _words(ctx, "count_np_unit_words") \
                and (stop == len(words) or words[stop].lower() in _words(ctx, "count_np_after_words")):
            np = " ".join(words[:stop])
            return Slot(slugify(np), "minted", base + after.start("np"), base + after.start("np") + len(np))
    return None


# verbs of a level passed ("crossed 2.4 million"): read only after a phrase that is the measure itself
_THRESHOLD_VERB = re.compile(r"\s(?:crossed|passed|topped|surpassed)\s+(?:[a-z]+\s+)*$")
# a lower-case aside in commas right before the verb ("..., closely watched by investors, rose to"): no digits, no
# names, so no figure or subject is hidden in it
_ASIDE = re.compile(r"(?<=[a-z]),[ \t]+(?:[a-z][a-z-]*[ \t]+){1,5}[a-z][a-z-]*,(?=[ \t]+[a-z][\w ]{0,20}$)")


def _change_nouns(ctx: ExtractionContext) -> frozenset[str]:
    f = ctx.patterns["frames"]
    return per_document(ctx, "_change_nouns", lambda: frozenset(
        str(w).casefold() for w in (f.get("change_nouns_up") or []) + (f.get("change_nouns_down") or [])))


def _words(ctx: ExtractionContext, key: str) -> frozenset[str]:
    return per_document(ctx, f"_words_{key}", lambda: frozenset(
        str(w).casefold() for w in ctx.patterns["frames"].get(key) or []))


def _change_clause(ctx: ExtractionContext) -> re.Pattern[str]:
    """"<noun phrase> [has] <change verb> [by] [hedge] <figure>" and "... <change verb> <percent> to <figure>"."""
    def build() -> re.Pattern[str]:
        f = ctx.patterns["frames"]
        verbs = [str(v) for v in (f.get("change_verbs_up") or []) + (f.get("change_verbs_down") or [])
                 if re.fullmatch(r"[a-z]+", str(v))]
        hedge = r"(?:(?:about|around|roughly|nearly|approximately|some|over|more\s+than|almost|just|by)\s+)*"
        return re.compile(rf"(?P<np>(?:[A-Za-z(][\w&/()'’-]*\s+){{0,4}}[A-Za-z][\w&/-]*)\s+(?:(?:has|have|had)\s+)?"
                          rf"(?:{'|'.join(sorted(set(verbs), key=len, reverse=True))})\s+{hedge}"
                          rf"(?:[\d.,]+\s*(?:%|per\s?cent)\s+(?:[a-z]+\s+){{0,2}}?to\s+{hedge})?$")
    return per_document(ctx, "_minted_change_clause", build)


def verbish(w: str) -> bool:
    """A word that is (most likely) a verb, an auxiliary or an adverb, not part of a measure's name."""
    lw = w.lower().strip(",;:")
    return lw in _AUX or (len(lw) > 4 and lw.endswith(("ed", "ly")) and lw not in _PERIODIC) or (len(lw) > 5 and lw.endswith("ing") and
                                                                       lw not in ("earnings", "spending", "funding",
                                                                                  "financing", "pricing", "bookings",
                                                                                  "shipping", "housing"))


_PER_UNIT = re.compile(r"\s+per\s+(?!(?:diluted\s+|basic\s+|ordinary\s+|common\s+|equity\s+)?shares?\b|cent\b|annum\b)"
                       r"[A-Za-z]", re.I)
_PERIODIC = {"daily", "weekly", "monthly", "quarterly", "yearly", "hourly"}   # adjectives, not adverbs
_AUX = {"is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "will", "would", "can", "could",
        "should", "may", "might", "must", "do", "does", "did", "we", "it", "they", "this", "that", "which", "who",
        "he", "she", "i", "you", "our", "its", "their", "said", "says", "also", "now", "still", "only", "then"}
_NP_STOP = {"the", "a", "an", "its", "our", "their", "his", "her", "this", "that", "these", "those", "and", "total",
            "of", "in", "for", "on", "at", "by", "with", "to", "from", "also", "then", "while", "which", "across",
            "through", "into", "among", "via", "within", "throughout", "around", "including", "as"}
_POSSESSIVE = re.compile(r"\w['’]s?$")
_FLAT_CLAUSE = re.compile(r"(?P<np>(?:[A-Za-z(][\w&/()'’-]*\s+){0,4}[A-Za-z][\w&/-]*)\s+(?:(?:was|were|is|are|"
                          r"remained|stayed|held|has\s+been|have\s+been)\s+)?(?:(?:roughly|broadly|nearly|almost|"
                          r"essentially|largely|basically|virtually)\s+)?$", re.I)
