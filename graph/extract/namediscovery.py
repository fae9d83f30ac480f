"""Discovering the names a document uses that the gazetteer does not know (the shapes are listed in ``names.py``):
companies by a legal suffix or a ticker, parts of the issuer set off by commas, and capitalised phrases in a
subject's place -- before a verb, a possessive, a segment noun or a measure. Words live in
``mappings/patterns/names.yaml``.
"""
from __future__ import annotations

import re
from typing import Iterable, Optional

from ..records import EntityRef
from .matcher import normalise
from .names import DocumentNames, NameContext, NameRules, clean_phrase


def _known(ctx: NameContext, a: int, b: int) -> bool:
    """The gazetteer knows the phrase: all of it, or a company's name at its start ("Lenovo Group" is Lenovo). A
    shorter name inside a longer phrase that is not a company does not count ("Gaming" in "Gaming Peripherals")."""
    return any((h.start <= a and b <= h.end and h.kind != "metric") or
               (h.start == a and h.kind in ("organisation", "brand")) for h in ctx.known.find(ctx.text, a, b))


def discover_companies(names: DocumentNames, ctx: NameContext) -> None:
    """Names with a legal suffix or a ticker: companies, each with its short forms."""
    rules = names.rules
    for rx in (rules.ticker_rx, rules.suffix_rx):
        for m in rx.finditer(ctx.text, ctx.start, ctx.end):
            raw = clean_phrase(rules, m.group("name"))
            if raw is None:
                continue
            a = m.start("name") + m.group("name").find(raw.split()[0])
            poss = re.match(r".{1,30}?['’]s\s+(?=\S)", raw)
            if poss is not None and _after_place(ctx, a, a + poss.end()):
                raw, a = raw[poss.end():], a + poss.end()     # "Japan's Kurose Devices Ltd.": not the name's
            full = f"{raw} {m.group('sfx')}" if m.groupdict().get("sfx") else raw
            if _known(ctx, a, a + len(raw)):
                continue
            types = ("ResearchFirm",) if rules.research_name(raw) else ()
            ref = names.add(full, "organisation", "suffix" if rx is rules.suffix_rx else "ticker", types)
            for form in names.short_forms(full):
                if form == raw or _used_alone(ctx, form):
                    names.alias(form, ref.key)
            if m.groupdict().get("ticker"):
                names.alias(m.group("ticker").strip(), ref.key)


def _after_place(ctx: NameContext, a: int, s0: int) -> bool:
    """"South Korea's Sangwon Electronics ranked second": a name after a place's possessive opens its clause."""
    pm = re.search(r"['’]s\s+$", ctx.text[max(a, s0 - 4):s0])
    if pm is None:
        return False
    end = s0 - len(pm.group(0))
    return any(h.kind == "market" and h.end == end for h in ctx.known.find(ctx.text, max(a, end - 30), end))


def _used_alone(ctx: NameContext, form: str) -> bool:
    """The short form occurs on its own (not as the start of its longer name) somewhere in the document."""
    for m in re.finditer(rf"(?<![\w]){re.escape(form)}(?![\w])", ctx.text[ctx.start:ctx.end]):
        after = ctx.text[ctx.start + m.end():ctx.start + m.end() + 2]
        if not re.match(r"\s[A-Z]", after) or re.match(r"['’]", after):
            return True
    return False


_FINANCIAL = ("revenue", "operating-profit", "gross-margin", "operating-margin", "profit", "net-profit",
              "gross-profit", "ebitda", "ebit", "adjusted-ebitda", "adjusted-operating-profit", "operating-loss",
              "net-sales", "sales", "orders", "order-intake", "backlog", "ebita", "adjusted-ebita")


def _metric_follows(ctx: NameContext, pos: int, end: int) -> bool:
    """A financial measure's phrase starts right after ``pos`` ("Displays revenue", "Audio operating income")."""
    if not re.match(r"[ \t]{1,2}\S", ctx.text[pos:pos + 3]):
        return False
    for h in ctx.known.find(ctx.text, pos, min(end, pos + 40)):
        if h.kind == "metric" and re.fullmatch(r"[ \t]{1,2}", ctx.text[pos:h.start]):
            return h.target in _FINANCIAL or "revenue" in h.target or "profit" in h.target or "margin" in h.target
    return False


def _measure_follows(ctx: NameContext, rules: NameRules, pos: int, end: int) -> bool:
    """A measure's phrase, after at most two category words, follows ``pos`` and has a figure after it in the clause
    ("Orsk Mobile smartphone shipments reached 9.6 million", "Tarvo Motors EV deliveries rose 12%")."""
    gap = re.match(r"[ \t]{1,2}((?:[\w-]+[ \t]+){0,2})", ctx.text[pos:pos + 40])
    if gap is None:
        return False
    words = gap.group(1).split()
    for h in ctx.known.find(ctx.text, pos, min(end, pos + 60)):
        if h.kind != "metric":
            continue
        between = ctx.text[pos:h.start].split()
        if all(w.casefold() in rules.category_words or w.casefold() in rules.category_nouns for w in between) and \
                len(between) <= len(words) and re.search(r"\d", ctx.text[h.end:min(end, h.end + 60)]):
            return True
        return False
    return False


def discover_appositive_segments(names: DocumentNames, ctx: NameContext, issuer: Optional[EntityRef]) -> None:
    """"Merchant Marine, our largest segment, had revenue of ...": a part the text defines as the issuer's (or a
    named company's) segment."""
    rules = names.rules
    for m in rules.appositive_rx.finditer(ctx.text, ctx.start, ctx.end):
        # the apposition makes it a name even when its words are common ("Commercial PCs")
        words = m.group("name").split()
        while words and words[0] in rules.leading:
            words = words[1:]
        raw = " ".join(words)
        if not raw or _known(ctx, m.end("name") - len(raw), m.end("name")):
            continue
        owner: Optional[str] = None
        if m.group("org"):
            key = names.surfaces.get(normalise(m.group("org"))[0].strip())
            hit = [h for h in ctx.known.find(ctx.text, m.start("org"), m.end("org")) if h.kind == "organisation"]
            owner = key or (hit[0].target if hit else None)
            if owner is None and issuer is not None and issuer.label.split()[0] == m.group("org").split()[0]:
                owner = issuer.key
        elif issuer is not None:
            owner = issuer.key
        if owner is None:
            continue
        names.add(raw, "segment", "appositive", ("BusinessSegment",), owner=owner)


_FRONTED_PART = re.compile(r"(?:In|Within|At|For)[ \t]+(?:the[ \t]+|our[ \t]+)?(?P<name>[A-Z][\w&-]*(?:[ \t]+(?:and[ \t]+|&[ \t]+)?"
                           r"[A-Z][\w&-]*){0,3})(?:[ \t]+(?:segment|division|business|unit))?,[ \t]")
_RIVAL_BEFORE = re.compile(r"\b(?:behind|ahead\s+of|than|after|followed\s+by|trailing|overtaking|overtook|surpassing|"
                           r"beating|beat|outpacing)\s+(?:the\s+)?(?:[A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*){0,3}\s*"
                           r"(?:,\s*(?:and\s+)?|and\s+|&\s*))*$")
# "behind Miravo and Quent, which held 21.4% and 17.8%": names a relative clause gives figures to are vendors
_RELATIVE_HOLDER = re.compile(r"\s*(?:(?:,\s*|\s+and\s+)[A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*){0,3})*\s*,\s*(?:which|who)\s+"
                              r"(?:held|had|took|accounted|controlled|commanded|captured|slipped|fell|dropped|slid|"
                              r"climbed|rose|moved|remained|was)\b")
# "ahead of Oskin on 26%", "behind Miravo at 31%": a share right after a name in another's text is a vendor's
_SHARE_AFTER_NAME = re.compile(r"[ \t]+(?:on|at)[ \t]+(?:about[ \t]+|around[ \t]+|roughly[ \t]+|nearly[ \t]+)?"
                               r"\d{1,2}(?:\.\d{1,2})?[ \t]?(?:%|per[ \t]?cent)")
_SHARE_IN_PARENTHESES = re.compile(r"[ \t]?\([ \t]?\d{1,2}(?:\.\d{1,2})?[ \t]?(?:%|per[ \t]?cent)[ \t]?\)")


# "Market leader Brenner took 22%", "The leader, Vistaar Electronics, shipped": a name after "leader"
_LEADER_BEFORE = re.compile(r"\b(?:[Tt]he\s+)?(?:(?:[Mm]arket|[Cc]ategory|[Ss]egment|[Ii]ndustry)\s+)?[Ll]eader\s*,?\s*$")
_SECOND_ONLY_TO = re.compile(r"\bsecond\s+only\s+(?:to|behind)\s+$", re.I)
_COORDINATED = re.compile(r"(?:\s*,\s*[A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*){0,3})*\s*,?\s+(?:and|&)\s+"
                          r"[A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*){0,3}\s*(?:,[^,]{1,60},\s*|,\s*)?(?P<verb>[a-z]+)\b")


def _coordinated_subject(rules: NameRules, after: str) -> bool:
    """The name is the first of coordinated subjects of a verb ("Tarvel and Oskin followed, with 18.1% and 12.4%",
    "Miravo and Quent, which held 7.2% and 6.5%, ...")."""
    c = _COORDINATED.match(after)
    return c is not None and (c.group("verb") in rules.verbs or c.group("verb") in ("which", "who"))


def _not_a_part(rules: NameRules, name: str) -> bool:
    """A fronted phrase that is a period ("July", "Q3", "FY2024") or a discourse opener ("Addition")."""
    first = name.split()[0]
    return first.casefold() in rules.not_fronted or re.fullmatch(r"(?:Q[1-4]|H[12]|FY\d*)", first) is not None or \
        re.split(r"[-\s]", first)[0].casefold() in rules.period_ordinals


def discover_subjects(names: DocumentNames, ctx: NameContext, issuer: Optional[EntityRef],
                      clauses: Iterable[tuple[int, int]]) -> None:
    """Capitalised phrases that open a clause before a verb, or stand before a possessive or a segment noun."""
    rules = names.rules
    clauses = list(clauses)
    # the issuer's own parts are named in its own text -- not in a research firm's, whose "segments" are markets'
    own_parts = issuer is not None and ctx.role == "first_party" and \
        not rules.research_name(issuer.label)
    if own_parts:
        for a, b in clauses:
            f = _FRONTED_PART.match(ctx.text, a, b)
            if f is None or _not_a_part(rules, f.group("name")) or \
                    _known(ctx, f.start("name"), f.end("name")) or normalise(f.group("name"))[0].strip() in names.surfaces:
                continue
            # "In Devices, revenue declined 3%": a part of the issuer fronted as the sentence's topic
            names.add(f.group("name"), "segment", "fronted", ("BusinessSegment",), owner=issuer.key)
    for a, b in clauses:
        for m in rules.phrase_rx.finditer(ctx.text, a, b):
            raw = clean_phrase(rules, m.group("name"))
            if raw is None:
                continue
            s0 = m.start("name") + m.group("name").rfind(raw)
            norm = normalise(raw)[0].strip()
            if _known(ctx, s0, s0 + len(raw)) or norm in names.surfaces:
                continue
            longer = next((k for surf, k in names.surfaces.items() if surf.startswith(norm + " ")), None)
            if longer is not None:          # "Kirishima" after "Kirishima Computing": the same company
                names.alias(raw, longer)
                continue
            words = {w.casefold() for w in raw.split()}
            if words & rules.titles or raw.split()[-1].casefold() in rules.category_nouns or \
                    (len(words) == 1 and raw.endswith("ing") and
                     not rules.rank_after_rx.match(ctx.text, m.end(), min(b, m.end() + 120))):
                continue            # a person's title ("VP and Chairman"), a product ("Mi TVs"), a gerund (not
                #                     "Kitewing climbed to third place": a name before its place)
            before = ctx.text[max(a, s0 - 12):s0]
            leader = _LEADER_BEFORE.search(ctx.text, max(a, s0 - 30), s0) is not None
            opens = s0 == a or bool(re.search(r"(?:^|[,;:(]|\band|\bwhile|\bbut|\bwhereas|\bthan|\bwith|\bby)\s*$",
                                              before)) or _after_place(ctx, a, s0) or leader
            after = ctx.text[m.end():m.end() + 60]
            # ("The leader, Vistaar Electronics, shipped ...": a name in apposition to "the leader" before its verb)
            verb = re.match(r"\s*(?:,[^,]{1,60},\s*)?(?P<stock>(?:shares|stock|share\s+price|stock\s+price)\s+)?([a-z]+)",
                            after) or (re.match(r"\s*,\s*(?P<stock>)([a-z]+)", after) if leader else None)
            seg = rules.segment_rx.match(ctx.text, m.start("name"))
            poss = bool(m.group("poss"))
            starts_sentence = s0 == a or re.search(r"[.!?]\s+$", ctx.text[max(a, s0 - 3):s0]) is not None
            if seg and seg.end("name") == m.end("name") and own_parts:
                names.add(raw, "segment", "segment-noun", ("BusinessSegment",), owner=issuer.key)
                continue
            if any(h.kind == "metric" and h.start <= s0 < h.end for h in ctx.known.find(ctx.text, s0, min(b, s0 + 60))):
                continue            # "Order backlog", "Net sales": the first words of a measure's name
            if not poss and own_parts and _metric_follows(ctx, m.end("name"), b):
                if all(w.casefold() in rules.modifiers for w in raw.split()) or raw.casefold() in rules.category_words \
                        or _not_a_part(rules, raw):
                    continue        # "Quarterly revenue", "Smartphone revenue", "Fourth-quarter revenue"
                # "Personal Computing revenue was ...": a part of the issuer named before its measure
                names.add(raw, "segment", "before-metric", ("BusinessSegment",), owner=issuer.key)
                continue
            if not poss and ctx.role != "first_party" and opens and _measure_follows(ctx, rules, m.end("name"), b) and \
                    not all(w.casefold() in rules.modifiers for w in raw.split()) and \
                    raw.casefold() not in rules.category_words and not _not_a_part(rules, raw) and \
                    not (starts_sentence and len(raw.split()) == 1):
                # "Orsk Mobile smartphone shipments reached 9.6 million": in another's text, a name before its measure
                names.add(raw, "organisation", "before-metric")
                continue
            coordinated = re.match(r"\s*(?:,\s*|\s+and\s+|\s*&\s*)[A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*){0,3}['’]s\s+"
                                   r"(?:combined|joint|collective)\b|\s+and\s+[A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*){0,3}\s+"
                                   r"(?:together|jointly|between\s+them)\b", after) or \
                rules.ranked_list_rx.match(ctx.text, m.end(), min(b, m.end() + 120))   # "Norvik, Pavo and Taiyo placed"
            # "Tarvel and Oskin followed, with 18.1% and 12.4%": the first of coordinated subjects of a verb
            co_subject = opens and _coordinated_subject(rules, after)
            if opens and verb and verb.group("stock") and verb.group(2) in rules.verbs and \
                    re.search(r"\d", ctx.text[m.end():min(b, m.end() + 90)]):
                names.add(raw, "organisation", "listed")      # "Ostara shares closed down 3.1%": a listed company
                continue
            if _SECOND_ONLY_TO.search(ctx.text, max(a, s0 - 24), s0):
                names.add(raw, "organisation", "leader")      # "second only to Kaiyo Denki": the leader
                continue
            rival = _RIVAL_BEFORE.search(ctx.text, max(a, s0 - 70), s0) is not None
            if (ctx.role != "first_party" and _SHARE_IN_PARENTHESES.match(ctx.text, m.end())) or \
                    ((ctx.role != "first_party" or rival) and (_SHARE_AFTER_NAME.match(ctx.text, m.end()) or
                                                                _RELATIVE_HOLDER.match(after))):
                # (in the issuer's own text too, after "behind", "ahead of": a rival's share)
                names.add(raw, "organisation", "share-in-parentheses")   # "ahead of Zhiqing (21%)": a vendor
                continue
            elliptic = opens and not starts_sentence and rules.elliptic_rank_rx.match(ctx.text, m.end()) is not None
            if not (opens and verb and (verb.group(2) in rules.verbs or verb.group(2) in rules.speaking)) and \
                    not poss and not coordinated and not co_subject and not elliptic:
                continue
            if starts_sentence and len(raw.split()) == 1 and raw.casefold() in rules.generic and \
                    not (ctx.role == "first_party" and issuer is not None):
                continue
            if not elliptic and not rules.figure_rx.search(ctx.text, m.end(), min(b, m.end() + 90)) and \
                    not rules.rank_after_rx.match(ctx.text, m.end(), min(b, m.end() + 120)):
                continue            # a subject of a figure has its figure (or its rank in words) in the clause
            clause = ctx.text[a:b].casefold()
            competitive = any(w in clause for w in (" share", "rank", " place", "vendor", "leader", " leads",
                                                    "competitor", "rival"))
            # "Halvard Capital", "Kaito Mobile": a name ending in a company word; "Mobile" alone names a part
            org_like = (raw.split()[-1] in rules.org_final and len(raw.split()) > 1) or coordinated is not None or \
                re.search(r"\b(?:with|&)\s+$" if ctx.role == "first_party" else r"\b(?:and|with|&)\s+$",
                          ctx.text[max(a, s0 - 6):s0]) is not None
            speaks = bool(opens and verb and verb.group(2) in rules.speaking)     # "Veltrix said its revenue fell"
            if ctx.role == "first_party" and issuer is not None and not competitive and not org_like and not speaks:
                names.add(raw, "segment", "subject", ("BusinessSegment",), owner=issuer.key)
            else:
                names.add(raw, "organisation", "subject")
