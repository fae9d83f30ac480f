"""Finding a compact list in the text: its items ("Acme, 78.2M (23.4% / -2.4% Y/Y)", "1. Hollin — 13.7 / 22.9%",
"• Acme: 22.0 million units (+5%)") and its lead-in, and what the lead-in says each figure of an item is.

An item is a name followed by figures and nothing else (no verb of its own: "up", "down" and "flat" mark a
change, not a clause). Items are cut at semicolons, bars, commas before the next name, line breaks and numbered
markers; one item alone is a list when it fills its line under a lead-in or after a marker. The lead-in is the
words before the items, or the line above them ending with ":"; its last parentheses may name each figure's role
("(shipments / share / YoY)", "(units; share; Y/Y)"). What the items' figures become is ``listreader.py``'s
business.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Optional

from .context import ExtractionContext
from .tablecells import CellValue, figure_reader
from .text import Sentence

_MARK = r"(?:\(?\d{1,2}[.)]|[•\-*–·▪●])"
_NAME = (r"(?P<name>(?:[A-Z][\w&.'’-]{0,30}|[Oo]thers?)(?:[ \t]{1,2}(?:&[ \t]{1,2}|and[ \t]{1,2})?"
         r"[A-Z][\w&.'’-]{0,30}){0,4})")
_ITEM = re.compile(rf"[ \t]*(?:(?P<mark>{_MARK})[ \t]+)?{_NAME}(?:[ \t]+(?:together|combined|alone))?"
                   r"(?P<sep>[ \t]*(?:,|:|—|–|-)[ \t]*|[ \t]+)(?=[(~≈$€£¥₹+\-−–\d]|[A-Z]{3}[ \t]?\d)")
_NEXT = r"(?=(?:\(?\d{1,2}[.)][ \t]+)?(?:[A-Z]|others?\b)[\w&.'’ -]{0,40}?[,:—–-]?[ \t]*[(~$€£¥₹\d])"
_CUT = re.compile(rf"\||\n|;[ \t]*{_NEXT}|:[ \t]+{_NEXT}|(?<=[)%\dMBKmk])[ \t]*,[ \t]+{_NEXT}"
                  r"|(?=\s\(?\d{1,2}[.)]\s+[A-Z])")
_FILLER = re.compile(r"[ \t,;/()|]*(?:(?P<w>up|down|rose|fell|flat|unchanged|units?|million\s+units|y/y|yoy|q/q|qoq|"
                     r"share|growth|change|vs\.?|from\s+a\s+year\s+(?:earlier|ago))(?![\w])[ \t,;/()|]*)?", re.I)
_VERB = re.compile(r"\b(?:was|were|is|are|has|have|had|shipped|led|took|kept|held|increased|decreased|declined|"
                   r"jumped|dropped|slipped|reached|posted|reported|recorded|climbed|gained|lost|said|expects?|"
                   r"accounted|grew|will|would)\b", re.I)
_ROLE_WORDS = (("change", re.compile(r"\b(?:y/y|yoy|q/q|qoq|change|growth|chg|from\s+a\s+year)", re.I)),
               ("share", re.compile(r"\bshare\b", re.I)))


@dataclass
class Item:
    start: int
    end: int
    name: str
    name_start: int
    rank: Optional[int] = None
    figures: list[tuple[CellValue, Optional[str]]] = field(default_factory=list)   # (figure, "up"/"down"/"flat")


@dataclass
class LeadIn:
    start: int
    end: int
    roles: list[tuple[str, Optional[str], int]] = field(default_factory=list)    # (role, metric key, scale)


def items(ctx: ExtractionContext, a: int, b: int) -> list[Item]:
    """The list items of [a, b): a name followed by figures only."""
    text = ctx.text
    fr = figure_reader(ctx)
    cuts = [a] + [m.end() for m in _CUT.finditer(text, a, b)] + [b]
    out: list[Item] = []
    for x, y in zip(cuts, cuts[1:]):
        m = _ITEM.match(text, x, y)
        if m is None:
            continue
        name = m.group("name").strip(" .,:")
        if len(name) < 2 or name.split()[0] in ctx.engine.name_rules.leading or _VERB.search(text, m.end(), y) or \
                _names_a_measure(ctx, name):
            continue
        it = Item(x, y, name, m.start("name"))
        mark = m.group("mark")
        if not mark:                        # a numbered marker the sentence splitter left before the sentence
            ls = text.rfind("\n", 0, x) + 1
            before = re.fullmatch(r"[ \t]*(\(?\d{1,2}[.)])[ \t]*", text[ls:m.start("name")])
            mark = before.group(1) if before else None
        if mark and re.match(r"\(?\d", mark):
            it.rank = int(re.sub(r"\D", "", mark))
        pos = m.end()
        word: Optional[str] = None
        while pos < y:
            f = _FILLER.match(text, pos, y)
            if f is not None and f.end() > pos:
                w = (f.group("w") or "").casefold()
                if w in ("up", "rose", "down", "fell"):
                    word = "down" if w in ("down", "fell") else "up"
                elif w in ("flat", "unchanged"):
                    it.figures.append((CellValue(f.start("w"), f.end("w"), Decimal(0), percent=True), "flat"))
                pos = f.end()
                continue
            v = fr.at(text, pos, y)
            if v is None or v.end <= pos:
                break
            it.figures.append((v, word))
            word = None
            pos = v.end
        if it.figures and (not text[pos:y].strip(" \t.,;)|") or _tail_ok(text[pos:y])):
            it.end = y
            out.append(it)
    return out


def _names_a_measure(ctx: ExtractionContext, name: str) -> bool:
    """"EPS: $0.42", "Net sales: ...": a measure's label, not an item's name."""
    if any(h.kind == "metric" for h in ctx.engine.matcher.find(name)):
        return True
    words = ctx.patterns["layout"].get("measure_words") or []
    return bool(words) and re.search(r"(?<![\w])(?:%s)(?![\w])" % "|".join(re.escape(str(w)) for w in words),
                                     name, re.I) is not None


def _tail_ok(tail: str) -> bool:
    """What may follow an item's figures: an aside without figures ("the region's biggest market")."""
    return bool(re.fullmatch(r"[\s,;]*(?:the|a|an|its|their)\b[^\d;|]{0,60}[.]?\s*", tail))


def is_list(ctx: ExtractionContext, s: Sentence) -> bool:
    its = items(ctx, s.start, s.end)
    if len(its) >= 2:
        return True
    if not its:
        return False
    it = its[0]
    whole = it.name_start - s.start <= 8 and it.end >= s.end - 2
    return whole and (it.rank is not None or _lead_in(ctx, it.start, s.start) is not None or _marked(ctx, s.start))


def _marked(ctx: ExtractionContext, pos: int) -> bool:
    ls = ctx.text.rfind("\n", 0, pos) + 1
    return re.match(rf"[ \t]*{_MARK}[ \t]", ctx.text[ls:pos + 4]) is not None


def _lead_in(ctx: ExtractionContext, start: int, floor: int) -> Optional[tuple[int, int]]:
    """The lead-in of a list starting at ``start``: the words before the first item in its sentence (from
    ``floor``) when they end with ":", else the nearest line above (over other items and one blank line) ending
    with ":"."""
    text = ctx.text
    ls = text.rfind("\n", 0, start) + 1
    head_start = max(ls, floor)
    head = text[head_start:start]
    if re.search(r":\s*$", head) and len(head) <= 300:
        return head_start, start
    if head.strip(" \t•-*–·▪●"):
        return None
    pos, blanks, hops = ls - 1, 0, 0
    while pos > ctx.doc.start and hops < 12:
        prev = text.rfind("\n", 0, pos) + 1
        line = text[prev:pos]
        hops += 1
        if not line.strip():
            blanks += 1
            if blanks > 1:
                return None
        elif re.search(r":\s*$", line) and len(line) <= 300:
            return prev, pos
        elif not items(ctx, prev, pos):
            return None
        pos = prev - 1
    return None


def _roles(ctx: ExtractionContext, a: int, b: int) -> LeadIn:
    """What each figure of an item is, from the lead-in's last parentheses ("(units; share; Y/Y)")."""
    lead = LeadIn(a, b)
    text = ctx.text[a:b]
    groups = re.findall(r"\(([^()]{3,120})\)", text)
    fr = figure_reader(ctx)
    for g in reversed(groups):
        parts = [p.strip() for p in re.split(r"\s*[/;,]\s*", g) if p.strip()]
        roles: list[tuple[str, Optional[str], int]] = []
        for p in parts:
            role = next((r for r, rx in _ROLE_WORDS if rx.search(p)), None)
            mets = [h for h in ctx.engine.matcher.find(p) if h.kind == "metric" and h.target != "market-share"]
            note = fr.unit_note(p if re.search(r"\bin\b", p) else "(" + p + ")")
            if role is None and (mets or re.search(r"\b(?:units?|volume|shipments?|sales|revenue)\b", p, re.I)):
                role = "level"
            if role is not None:
                roles.append((role, mets[0].target if mets else None, note.scale))
        if len(roles) >= 2:
            lead.roles = roles
            return lead
    return lead
