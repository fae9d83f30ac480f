"""Entities the gazetteer does not know, found by their shape: "<Name> (<ABBR>) division", "the semiconductor
division", "the <Name> platform", a CamelCase word before a metric ("HarrierOS monthly active users").

They belong to the issuer (``props.partOf`` is implied by the key prefix) and are returned as ``Match``es with
``kind`` segment/platform whose ``target`` is a key in ``ctx.discovered``. Nouns come from
``mappings/patterns/discovery.yaml``.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..iris import slugify
from .matcher import GazetteerMatcher, Match
from .patterns import alternation

if TYPE_CHECKING:
    from .context import ExtractionContext

_CAP = r"(?:[A-Z][\w&'-]*|&)"


def discover(ctx: "ExtractionContext", start: int, end: int, metrics: list[Match]) -> list[Match]:
    cfg = ctx.patterns["discovery"]
    issuer = ctx.issuer
    if issuer is None or ctx.engine.name_rules.research_name(issuer.label):
        return []       # a research firm's "OLED segment" is a market's, not a part of the firm
    text = ctx.text
    out: list[Match] = []
    seg = alternation(cfg.get("segment_nouns") or [])
    plat = alternation(cfg.get("platform_nouns") or [])
    nmax = int(cfg.get("segment_words_max") or 4)
    # (not "its TV unit sales": a part noun that opens a measure's name, frames.yaml part_noun_measures)
    measure = alternation(ctx.patterns["frames"].get("part_noun_measures") or []) or "(?!x)x"
    rx_named = re.compile(rf"\b(?P<name>{_CAP}(?:\s+{_CAP}){{0,{nmax}}})\s+(?:\((?P<abbr>[A-Z]{{2,6}})\)\s+)?"
                          rf"(?P<noun>{seg})\b(?!\s+(?:{measure})\b)")
    # "the semiconductor division", "the displays and peripherals unit"
    # ("our automotive lens business": a "business" is a part only after "our", the issuer speaking of its own;
    # "its hearing business" may be a rival's)
    lower = alternation(cfg.get("lower_segment_nouns") or []) or "(?!x)x"
    rx_lower = re.compile(rf"\b(?:(?:[Tt]he|[Ii]ts|[Oo]ur)\s+(?P<name>[a-z][a-z-]+(?:\s+(?:and|&)\s+[a-z][a-z-]+)?)"
                          rf"\s+(?P<noun>{seg})|[Oo]ur\s+(?P<ours>[a-z][a-z-]+(?:\s+(?:and|&)\s+[a-z][a-z-]+|\s+[a-z][a-z-]+)?)"
                          rf"\s+(?P<ournoun>{lower}))\b(?!\s+(?:{measure})\b)")
    rx_plat = re.compile(rf"\b(?:[Tt]he|[Ii]ts|[Oo]ur)\s+(?P<name>{_CAP}(?:\s+{_CAP}){{0,3}})\s+(?P<noun>{plat})\b")
    issuer_words = {w.lower() for w in re.findall(r"\w+", issuer.label)}
    not_names = {str(w).casefold() for w in cfg.get("not_segment_names") or []}
    openers = {str(w) for w in ctx.patterns["names"].get("leading_words") or []} | {"The", "Its", "Our"}
    for rx, kind in ((rx_named, "segment"), (rx_lower, "segment"), (rx_plat, "platform")):
        for m in rx.finditer(text, start, end):
            g, gn = ("name", "noun") if m.group("name") is not None else ("ours", "ournoun")
            name, noun = m.group(g), m.group(gn)
            words = name.split()
            while words and (words[0] in openers or re.fullmatch(r"[A-Z]\w*['’]s", words[0])):
                words = words[1:]  # "The Company's IoT platform" is the issuer's "IoT platform"; "By segment, …"
                #                    names none (names.yaml leading_words)
            if not words or all(w.lower() in issuer_words for w in words):
                continue
            if rx is rx_lower and (words[0].endswith("est") or words[0] in not_names):
                continue    # "our largest segment", "its other businesses": a description, not a name
            name = " ".join(words)
            # a segment is a part of the issuer ("Acme Data Center segment"); a platform is a product with a name of
            # its own ("the HL Link platform" is "HL Link", typed Platform -- as "HyperOS" is -- not "<issuer> HL Link
            # platform", which reads as a part of its maker)
            label = f"{issuer.label} {name} {noun}" if kind == "segment" else name
            ref = ctx.discover(f"{issuer.key}-{name}-{noun}", kind, label,
                               ("BusinessSegment",) if kind == "segment" else ("Platform",))
            s0 = m.start(g) + (len(m.group(g)) - len(name))
            out.append(Match(s0, m.end(), kind, ref.key, text[s0:m.end()]))
    fac = alternation(cfg.get("facility_nouns") or [])
    rx_fac = re.compile(rf"\b(?:[Ii]ts|[Oo]ur|[Tt]heir)\s+(?:own\s+)?(?P<name>(?:[\w-]+\s+){{0,2}}?(?P<noun>{fac}))"
                        rf"(?:\s+in\s+(?P<place>[A-Z][\w-]+))?")
    for m in rx_fac.finditer(text, start, end):
        name = m.group("name")
        place = m.group("place")
        label = f"{issuer.label} {name}" + (f" in {place}" if place else "")
        ref = ctx.discover(f"{issuer.key}-{(place + '-') if place else ''}{name}", "organisation", label, ())
        out.append(Match(m.start("name"), m.end(), "organisation", ref.key, text[m.start("name"):m.end()]))
    fund = alternation(cfg.get("fund_nouns") or [])
    rx_fund = re.compile(rf"\b(?:[Tt]he|[Ii]ts|[Oo]ur|an?)\s+(?P<name>(?:[a-z0-9][\w.-]*\s+){{1,3}}?)(?P<noun>{fund})\b")
    for m in rx_fund.finditer(text, start, end):
        name = m.group("name").strip()
        ref = ctx.discover(f"{issuer.key}-{name}-{m.group('noun')}", "fund", f"{issuer.label} {name} {m.group('noun')}",
                           ("Fund",))
        out.append(Match(m.start("name"), m.end(), "fund", ref.key, text[m.start("name"):m.end()]))
    if cfg.get("camelcase_before_metric"):
        for mm in metrics:
            w = re.search(r"\b([A-Z][a-z]+(?:[A-Z][A-Za-z]*)+|[A-Z][a-z]+[A-Z]{2,})\s+$", text[max(start, mm.start - 40):mm.start])
            if w and len(w.group(1)) >= 5:
                s0 = mm.start - len(w.group(0))
                name = w.group(1)
                ref = ctx.discover(f"{issuer.key}-{slugify(name)}", "platform", name, ("Platform",))
                out.append(Match(s0, s0 + len(name), "platform", ref.key, name))
            # "monthly active users of HyperOS"
            a = re.match(r"\s+(?:of|on|for)\s+(?:our\s+|its\s+|the\s+)?([A-Z][a-z]+(?:[A-Z][A-Za-z]*)+|[A-Z][a-z]+[A-Z]{2,})\b",
                         text[mm.end:end])  # "monthly active users of (our) HalvoCloud"
            if a and len(a.group(1)) >= 5:
                s0 = mm.end + a.start(1)
                name = a.group(1)
                ref = ctx.discover(f"{issuer.key}-{slugify(name)}", "platform", name, ("Platform",))
                out.append(Match(s0, s0 + len(name), "platform", ref.key, name))
    known = [h for h in ctx.engine.matcher.find(text, start, end) if h.kind != "metric"]
    return [d for d in out if not any(d.start < k.end and k.start < d.end for k in known)]


def document_names(ctx: "ExtractionContext") -> dict[str, tuple[str, str]]:
    """Names of the issuer's segments found anywhere in the document (divisions named in prose, row labels of
    tables), so that a later bare mention ("Consumer electronics profit ...") finds the same segment.
    Returns normalised name -> (kind, key)."""
    from .matcher import normalise

    issuer = ctx.issuer
    if issuer is None:
        return {}
    out: dict[str, tuple[str, str]] = {}
    for d in discover(ctx, ctx.doc.start, ctx.doc.end, []):
        if d.kind != "segment":
            continue
        ref = ctx.discovered.get(d.target)
        if ref is None:
            continue
        noun = d.surface.split()[-1]
        name = re.sub(rf"\s+(?:\([A-Z]{{2,6}}\)\s+)?{re.escape(noun)}$", "", d.surface)
        norm = normalise(name)[0].strip()
        if len(norm) >= 3:
            out[norm] = ("segment", ref.key)
    return out


def after_parts(matcher: GazetteerMatcher, text: str, mets: list[Match], named: list[Match]) -> list[Match]:
    """A part's name whose last word opens a measure's phrase ("Tools & Services revenue rose 12%": the part
    "Tools & Services", then "revenue"): the measure is read from after the name, so that the figure is the
    part's revenue and not the company's "services revenue"."""
    parts = [n for n in named if n.kind == "segment"]
    if not parts:
        return mets
    out: list[Match] = []
    for h in mets:
        part = next((n for n in parts if n.start < h.start < n.end < h.end), None)
        if part is None:
            out.append(h)
            continue
        out += [r for r in matcher.find(text, part.end, h.end) if r.kind == "metric" and r.end == h.end]
    return out
