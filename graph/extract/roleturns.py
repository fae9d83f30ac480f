"""Roles of a transcript's speakers (the document model's turns: ``Turn.speaker``, ``role``, ``firm``, ``title``).

- a speaker whose title the transcript gives (participant list, "Name - Title:" marker, "Name -- Analyst, Firm")
  has that role; the quote is the first line naming both the speaker and the title;
- a questioner is an analyst only when the transcript says so (a marker or list calling them analyst); the
  quote is where the firm is named with them: the operator's introduction ("question comes from NAME with
  FIRM", "Next is NAME of FIRM", "NAME (sic) [ NAME ] with FIRM"), or their own ("NAME, FIRM.", "SURNAME from
  FIRM.");
- a speaker introducing themself: "I'm NAME, TITLE", "I am SURNAME from Investor Relations".

A speaker named by surname or given name only is the turn's speaker. Every search is bounded (a line, the
start of a turn, a window before a firm's name), so reading is linear in the transcript.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from ..records import Turn
from .peoplegrammar import PeopleGrammar, RoleItem

_TURN_HEAD = 240


@dataclass
class Speaker:
    name: str
    analyst: bool = False          # the transcript calls them an analyst
    title: Optional[str] = None
    firm: Optional[str] = None
    questioner: bool = False       # the document model made them a questioner


class TurnRules:
    """The transcript patterns of ``people.yaml``, compiled."""

    def __init__(self, g: PeopleGrammar):
        d = g.data
        self.g = g
        self.analyst_word = re.compile(d["analyst_word"])
        self.analyst_title = str(d.get("analyst_title") or "analyst")
        self.firm_link = re.compile(d["firm_link"])
        self.intro = re.compile(d["analyst_intro"].replace("{name}", g.name_src))
        self.self_intro = re.compile(d["self_intro"].replace("{name_or_word}",
                                                              rf"(?:{g.name_src}|[A-Z][^\W\d_]{{1,30}})"))
        self.org_end = re.compile(d["org_end"])
        self.sic = r"(?:\s\(sic\)\s\[\s[^\]\n]{1,60}\])?"


def speakers(turns: tuple[Turn, ...], text: str, r: TurnRules) -> dict[str, Speaker]:
    """Each speaker's title, firm and whether the transcript calls them an analyst (marker, title, list)."""
    out: dict[str, Speaker] = {}
    prev_end = turns[0].start if turns else 0
    for i, t in enumerate(turns):
        if t.role == "operator":
            prev_end = t.end
            continue
        sp = out.setdefault(t.speaker, Speaker(t.speaker))
        marker = text[prev_end if i else max(0, t.start - 120):t.start]
        sp.title = sp.title or t.title
        sp.firm = sp.firm or t.firm
        if t.role == "analyst":
            sp.questioner = True
            if (t.title and r.analyst_word.search(t.title)) or (
                    t.speaker.split()[-1] in marker and r.analyst_word.search(marker)):
                sp.analyst = True
        prev_end = t.end
    return out


def _line_of(text: str, pos: int, start: int, end: int) -> tuple[int, int]:
    a = text.rfind("\n", start, pos) + 1 or start
    b = text.find("\n", pos, end)
    return max(a, start), end if b < 0 else b


def titled(text: str, start: int, end: int, sp: Speaker, r: TurnRules) -> Optional[RoleItem]:
    """The first line naming the speaker with their title (a participant list, a speaker marker)."""
    if not sp.title:
        return None
    pos = start
    while True:
        k = text.find(sp.name, pos, end)
        if k < 0:
            return None
        la, lb = _line_of(text, k, start, end)
        t = text.find(sp.title, k + len(sp.name), lb)
        if t >= 0:
            stop = t + len(sp.title)
            if sp.firm:
                f = text.find(sp.firm, k + len(sp.name), lb)
                if f >= 0:
                    stop = max(stop, f + len(sp.firm))
            firm_named = bool(sp.firm) and text.find(sp.firm, la, lb) >= 0
            org = sp.firm if sp.analyst or firm_named else None
            f = text.find(org, la, lb) if org else -1
            listed = text[la:k].strip(" \t*-•#_>") == ""
            return RoleItem(sp.name, k, k + len(sp.name), sp.title, k, stop, org, f, f + len(org) if f >= 0 else -1,
                            how="roster" if listed else "speaker")
        pos = k + len(sp.name)


def _name_forms(sp: Speaker, g: PeopleGrammar) -> list[str]:
    words = [w for w in g.bare(sp.name).split() if w not in g.particles]
    forms = [sp.name]
    if len(words) >= 2:
        forms += [words[-1], words[0]]
    return forms


def firm_mentions(text: str, start: int, end: int, sp: Speaker, r: TurnRules) -> list[RoleItem]:
    """An analyst named with their firm: "NAME with FIRM", "NAME of FIRM", "SURNAME from FIRM.", "NAME, FIRM"."""
    if not (sp.analyst and sp.firm):
        return []
    out = []
    firm = sp.firm
    cut = r.org_end.search(firm)
    firm = firm[:cut.start()] if cut else firm
    first = firm.split()[0]
    pos = start
    while True:
        k = text.find(first, pos, end)
        if k < 0:
            break
        pos = k + len(first)
        w0 = max(start, k - 80)
        before = text[w0:k]
        for form in _name_forms(sp, r.g):
            m = re.search(rf"(?<![\w]){re.escape(form)}{r.sic}(?:{r.firm_link.pattern})$", before)
            if m is None:
                continue
            fend = _firm_end(text, k, end, firm)
            ns = w0 + m.start()
            title = sp.title if sp.title and r.analyst_word.search(sp.title) else r.analyst_title
            firm_text = text[k:fend].rstrip(" .,")
            out.append(RoleItem(sp.name, ns, ns + len(form), title, ns, fend, firm_text, k, k + len(firm_text),
                                how="firm",
                                title_explicit=bool(r.analyst_word.search(text[ns:fend]))))
            break
    return out


def _firm_end(text: str, k: int, end: int, firm: str) -> int:
    """The end of the firm's name written at ``k``: as many of its words as the text repeats ("UBS" of "UBS Hong
    Kong")."""
    pos, good = k, k
    for w in firm.split():
        if not text.startswith(w, pos) or (pos + len(w) < end and text[pos + len(w)].isalnum()):
            break
        good = pos + len(w)
        pos = good + 1
        if not text.startswith(" ", good):
            break
    return good if good > k else k + len(firm.split()[0])


def corrected_intros(text: str, start: int, end: int, speakers_: dict[str, Speaker], r: TurnRules) -> list[RoleItem]:
    """The operator's "question comes from NAME (sic) [ NAME ] with FIRM": the corrected name speaks."""
    out = []
    for m in r.intro.finditer(text, start, end):
        if not m.group("fix"):
            continue
        name = m.group("fix")
        sp = speakers_.get(name)
        if sp is None or not sp.analyst:
            continue
        org = m.group("org")
        cut = r.org_end.search(org)
        oe = m.start("org") + (cut.start() if cut else len(org))
        out.append(RoleItem(name, m.start("fix"), m.end("fix"), sp.title or r.analyst_title, m.start("name"), oe,
                            text[m.start("org"):oe], m.start("org"), oe, how="firm", spoken=m.group("name"),
                            title_explicit=False))
    return out


def self_intros(text: str, turns: tuple[Turn, ...], speakers_: dict[str, Speaker], r: TurnRules) -> list[RoleItem]:
    """"I'm NAME, TITLE" / "I am SURNAME from Investor Relations" near the start of the speaker's own turn."""
    out = []
    for t in turns:
        sp = speakers_.get(t.speaker)
        if sp is None:
            continue
        for m in r.self_intro.finditer(text, t.start, min(t.end, t.start + _TURN_HEAD)):
            said = r.g.bare(m.group("name"))
            if said not in _name_forms(sp, r.g) and said != r.g.bare(sp.name):
                continue
            rest = m.group("rest").strip()
            if not r.g.starts_with_title(rest):
                continue
            out.append(RoleItem(sp.name, m.start("name"), m.end("name"), rest, m.start(), m.end("rest"),
                                how="self"))
    return out


def read_turns(text: str, start: int, end: int, turns: tuple[Turn, ...], r: TurnRules) -> list[RoleItem]:
    """Every role the transcript's speakers are given."""
    if not turns:
        return []
    sps = speakers(turns, text, r)
    out: list[RoleItem] = []
    for sp in sps.values():
        item = titled(text, start, end, sp, r)
        if item is not None and (not sp.questioner or sp.analyst):
            out.append(item)
        out.extend(firm_mentions(text, start, end, sp, r))
    out.extend(corrected_intros(text, start, end, sps, r))
    out.extend(self_intros(text, turns, sps, r))
    return out
