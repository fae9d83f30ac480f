"""Transcript speaker turns in the common layouts (patterns in mappings/docmodel.yaml ``turns``).

A layout is a speaker marker: an initial / name / role block, a "Name - Title:" line, "Q - Name" / "A - Name",
"**Name:**" in Markdown, or — when the transcript lists its participants first ("Corporate Participants",
"Conference Call Participants") — a listed name alone on a line or at a line start before a colon. A turn runs
from the end of its marker to the next marker. Each turn has its speaker, role (executive, analyst, operator),
firm and job title when the text gives them: from the marker, the participant list, the operator's
introduction ("our next question comes from NAME with FIRM") or the analyst's own ("NAME, FIRM.").
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Optional, Pattern

from ..records import Turn


@dataclass(frozen=True)
class TurnLayout:
    name: str
    marker: Pattern[str]          # groups: name; optional role, title, initial, qa
    roster_only: bool = False     # the marker is built from the participant list ({ROSTER} in the pattern)
    raw: str = ""
    after_operator: bool = False  # read only in a text where an operator or moderator has turns of their own

    @staticmethod
    def compile(raw: dict[str, Any], t: Any) -> "TurnLayout":
        pattern = str(raw["marker"])
        roster = "{ROSTER}" in pattern
        return TurnLayout(str(raw["name"]), t.one(pattern.replace("{ROSTER}", "(?!x)x")), roster, t.fill(pattern),
                          bool(raw.get("after_operator")))


@dataclass(frozen=True)
class LayoutRules:
    layouts: tuple[TurnLayout, ...]
    analyst: Pattern[str]          # a title that makes the speaker an analyst
    operator: Pattern[str]         # the operator's name
    title_split: Pattern[str]      # splits "Analyst, Firm" / "Firm -- Analyst"
    firm_intro: Pattern[str]       # the operator introduces the next questioner (groups name, firm)
    name_correction: Pattern[str]  # "NAME [ CORRECTED NAME ]"
    firm_place: Pattern[str]       # " in London" after a firm
    roster_heading: Pattern[str]   # "Corporate Participants" …; group "analysts" when the list is of analysts
    roster_entry: tuple[Pattern[str], ...]   # groups name; optional firm, title
    roster_analysts: Pattern[str]  # a roster heading whose people are analysts
    min_turns: int = 3
    self_intro: Optional[Pattern[str]] = None


@dataclass(frozen=True)
class Participant:
    name: str
    role: str
    firm: Optional[str]
    title: Optional[str]


def _title_parts(title: str, rules: LayoutRules) -> tuple[str, Optional[str], Optional[str]]:
    """(role, firm, title) from a marker's or list's title text."""
    title = title.strip().rstrip(":").strip()
    if rules.analyst.search(title):
        parts = [p.strip() for p in rules.title_split.split(title) if p.strip()]
        job = next((p for p in parts if rules.analyst.search(p)), title)
        firm = next((p for p in parts if not rules.analyst.search(p)), None)
        return "analyst", firm, job
    return "executive", None, title or None


_SMALL_WORDS = frozenset(("and", "of", "the", "for", "in", "on", "at", "to", "a", "an"))


def _title_case(words: str) -> str:
    """A name or title written in capitals, in title case ("MANAGING DIRECTOR AND CHIEF EXECUTIVE OFFICER" ->
    "Managing Director and Chief Executive Officer"); anything else as written."""
    if not words.isupper() or len(words) < 4:
        return words
    out = [w.capitalize() if i == 0 or w.lower() not in _SMALL_WORDS else w.lower()
           for i, w in enumerate(words.split(" "))]
    return " ".join(out)


def roster(text: str, start: int, end: int, rules: LayoutRules) -> dict[str, Participant]:
    """The participant lists at the head of a transcript: name -> participant."""
    return roster_blocks(text, start, end, rules)[0]


def roster_blocks(text: str, start: int, end: int,
                  rules: LayoutRules) -> tuple[dict[str, Participant], list[tuple[int, int]]]:
    """The participant lists at the head of a transcript (name -> participant) and the spans of their entries
    (a listed "Jane Roe - Chief Financial Officer" is no speaker's turn)."""
    out: dict[str, Participant] = {}
    spans: list[tuple[int, int]] = []
    for h in rules.roster_heading.finditer(text, start, end):
        analysts = bool(rules.roster_analysts.search(h.group(0)))
        pos = h.end() if h.end() < end and text[h.end()] not in "\r\n" else h.end() + 1
        while pos < end:
            nl = text.find("\n", pos, end)
            stop = end if nl < 0 else nl
            line = text[pos:stop]
            if not line.strip():
                if out and pos > h.end() + 1:
                    break
                pos = stop + 1
                continue
            m = next((m for p in rules.roster_entry for m in [p.fullmatch(line)] if m), None)
            if m is None:
                break
            g = m.groupdict()
            name = _title_case(g["name"].strip())
            title = _title_case((g.get("title") or "").strip())
            role, firm, job = _title_parts(title, rules) if title else ("executive", None, None)
            if analysts and role != "analyst":
                role, firm, job = "analyst", job, None    # "Jo Park - Harwick Securities" in a list of analysts
            firm = (g.get("firm") or "").strip() or firm
            out[name] = Participant(name, role, firm, job)
            spans.append((pos, stop))
            pos = stop + 1
    return out, spans


def _roster_layouts(layouts: tuple[TurnLayout, ...], names: list[str]) -> list[Pattern[str]]:
    alt = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return [re.compile(lay.raw.replace("{ROSTER}", f"(?:{alt})"), re.MULTILINE) for lay in layouts if lay.roster_only]


def _markers(text: str, start: int, end: int, rules: LayoutRules,
             people: dict[str, Participant]) -> list[tuple[int, int, str, Optional[str], Optional[str]]]:
    """(start, end, name, role or None, title or None) of every speaker marker, first layout first at a place."""
    found: list[tuple[int, int, str, Optional[str], Optional[str]]] = []
    patterns = [lay.marker for lay in rules.layouts if not lay.roster_only and not lay.after_operator]
    if people:
        patterns += _roster_layouts(rules.layouts, [*people, "Operator"])
    late = [lay.marker for lay in rules.layouts if lay.after_operator]
    taken: set[int] = set()
    for p in patterns + late:
        if p in late and not any(rules.operator.fullmatch(f[2]) for f in found):
            break
        for m in p.finditer(text, start, end):
            if any(i in taken for i in range(m.start(), m.end())):
                continue
            g = m.groupdict()
            name = re.sub(r"\s+", " ", g["name"]).strip()
            if g.get("initial") and name[:1].upper() != g["initial"]:
                continue
            role = (g.get("role") or "").lower() or None
            if g.get("qa"):
                role = "analyst" if g["qa"] == "Q" else "executive"
            found.append((m.start(), m.end(), name, role, g.get("title")))
            taken.update(range(m.start(), m.end()))
    found.sort()
    return found


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def find_turns(text: str, start: int, end: int, rules: LayoutRules) -> tuple[Turn, ...]:
    """Speaker turns of a transcript in [start, end) (none when fewer than ``min_turns`` markers are found)."""
    people, listed_at = roster_blocks(text, start, end, rules)
    markers = [m for m in _markers(text, start, end, rules, people)
               if not any(a <= m[0] < b for a, b in listed_at)]
    turns: list[Turn] = []
    firm_by_name: dict[str, str] = {}
    pending: Optional[str] = None
    for i, (m_start, m_end, name, role, title) in enumerate(markers):
        t_start, t_end = _trim(text, m_end, markers[i + 1][0] if i + 1 < len(markers) else end)
        if t_end <= t_start:
            continue
        firm: Optional[str] = None
        job: Optional[str] = None
        listed = people.get(name)
        if rules.operator.fullmatch(name):
            role = "operator"
        elif title:
            role, firm, job = _title_parts(title, rules)
        elif listed:
            role, firm, job = role or listed.role, listed.firm, listed.title
        if role is None and name in firm_by_name:
            role = "analyst"          # the operator introduced them as the next questioner
        role = role or "executive"
        if listed and role == listed.role:
            firm, job = firm or listed.firm, job or listed.title
        if role == "operator":
            intro = rules.firm_intro.search(text, t_start, t_end)
            if intro:
                raw_name = intro.group("name")
                corr = rules.name_correction.search(raw_name)
                who = (corr.group("name") if corr else raw_name).strip()
                pending = rules.firm_place.sub("", intro.group("firm").strip()).strip() or None
                if pending:
                    firm_by_name[who] = pending
        elif role == "analyst":
            if firm is None and rules.self_intro is not None:
                own = rules.self_intro.search(text, t_start, min(t_end, t_start + 160))
                if own and own.group("name").split()[-1] in name.split():
                    firm = own.group("firm").strip()
            firm = firm or firm_by_name.get(name) or pending
            if firm:
                firm_by_name[name] = firm
            pending = None
        turns.append(Turn(name, role, t_start, t_end, firm, job))  # type: ignore[arg-type]
    return tuple(turns) if len(turns) >= rules.min_turns else ()
