"""Roles stated by a line's layout (vocabulary in ``mappings/patterns/people.yaml``):

- bylines: "By NAME", "By NAME, TITLE", "By NAME | TITLE", "By NAME and NAME" (a byline with no title makes its
  writer a reporter; the organisation is the publisher);
- credits: "(Reporting by A in London and B in Taipei; Editing by C)" (read even inside page chrome);
- label lines: "Media contact: NAME, TITLE", "Spokesperson: NAME, TITLE", "Analyst: NAME, CFA | Associate: NAME",
  "Chief Executive Officer: NAME.", and a label line ("Media Contact:") followed by a "NAME, ..." line;
- signatures: a line with only a name, then a line with only a title ("Jo Park\\nChief Executive Officer"), after
  an optional company line ("By order of the Board\\nAcme Holdings Limited\\n..."); "Jo Park / Chairman";
- speaker and participant lines: "Jo Park - Chief Financial Officer:", "Jo Park -- Analyst, Kite Securities",
  "Jo Park, Kite Securities - Analyst", "Jo Park     Acme AB - Head of Investor Relations" (in a transcript the
  document model's turns read these too; one reading per statement is kept, see people.py).

Lines are read from the layout view (markup blanked); each rule scans one line or two, so reading is linear.
"""
from __future__ import annotations

import re
from typing import Optional

from .patterns import alternation
from .peoplegrammar import NameSpan, PeopleGrammar, RoleItem


class LineRules:
    """The line patterns of ``people.yaml``, compiled."""

    def __init__(self, g: PeopleGrammar, legal_suffixes: list[str]):
        d = g.data
        self.g = g
        self.byline = re.compile(d["byline"], re.MULTILINE)
        self.byline_title = str(d.get("byline_title") or "reporter")
        self.agency = re.compile(r"[A-Z][\w&.’'-]*(?:\s[A-Z][\w&.’'-]*){0,3}")
        self.credits = re.compile(d["credits"])
        self.credit_roles = {str(k): str(v) for k, v in (d.get("credit_roles") or {}).items()}
        self.credit_place = re.compile(d["credit_place"])
        self.secondary = {str(s) for s in d.get("secondary_credits") or []}
        self.label_roles = {str(w).casefold() for w in d.get("label_roles") or []}
        self.noise = re.compile(d["contact_noise"])
        self.sig_words = int(d.get("signature_title_max_words") or 9)
        self.list_join = re.compile(d["list_join"])
        self.company_line = re.compile(rf"(?:^|\s)(?:{alternation(legal_suffixes)})\s*$") if legal_suffixes else None
        self.label = re.compile(r"[ \t]*(?P<label>[^:\n|]{1,60}?)[ \t]*:[ \t]*")
        self.parts = re.compile(r"\s[—–·|]\s|,\s|;\s|\s{2,}")
        self.bar = re.compile(r"\s\|\s")
        self.dash = re.compile(d["dash_line"])
        self.department = re.compile(rf"(?:{alternation(g.departments)}),\s", re.IGNORECASE)


def _lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out, pos = [], start
    while pos < end:
        nl = text.find("\n", pos, end)
        le = end if nl < 0 else nl
        out.append((pos, le))
        pos = le + 1
    return out


def _strip(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a] in " \t*_#>-•":
        a += 1
    while b > a and text[b - 1] in " \t*_:.":
        b -= 1
    return a, b


def _name_list(text: str, a: int, b: int, g: PeopleGrammar, join: re.Pattern[str],
               place: Optional[re.Pattern[str]] = None) -> Optional[list[tuple[NameSpan, int]]]:
    """``text[a:b]`` read as names joined by ", " / " and " (each optionally followed by " in PLACE"):
    [(name, end of its part)], or None when something else is there."""
    out: list[tuple[NameSpan, int]] = []
    pos = a
    while pos < b:
        n = g.name_at(text, pos, b)
        if n is None:
            return None
        end = n.end
        if place is not None:
            p = place.match(text, end, b)
            if p:
                end = p.end()
        out.append((n, end))
        j = join.match(text, end, b)
        if j is None:
            return out if text[end:b].strip(" \t.") == "" else None
        pos = j.end()
    return out or None


def bylines(text: str, lines: list[tuple[int, int]], r: LineRules) -> list[RoleItem]:
    """"By NAME[ and NAME][, TITLE | | TITLE | , AGENCY]": a part after the names that is not a title and looks
    like a name of its own ("By Jo Park, Reuters") is the writers' organisation."""
    out = []
    for a, b in lines:
        m = r.byline.match(text, a, b)
        if m is None or m.end() != b:
            continue
        title = (m.group("title") or "").strip()
        org: Optional[tuple[int, int]] = None
        if title and not r.g.is_title(title):
            if not r.agency.fullmatch(title):
                continue
            org, title = (m.start("title"), m.end("title")), ""
        names = _name_list(text, m.start("names"), m.end("names"), r.g, r.list_join)
        if not names:
            continue
        start = _strip(text, m.start(), b)[0]
        end = m.end("title") if m.group("title") else m.end("names")
        for n, _ in names:
            if org is not None:
                out.append(RoleItem(n.name, n.start, n.end, r.byline_title, start, end, text[org[0]:org[1]], org[0],
                                    org[1], how="byline", credit=True, title_explicit=False))
            else:
                out.append(RoleItem(n.name, n.start, n.end, title or r.byline_title, start, end, how="byline",
                                    credit=True, title_explicit=bool(title)))
    return out


def credits(text: str, start: int, end: int, r: LineRules) -> list[RoleItem]:
    out = []
    for m in r.credits.finditer(text, start, end):
        stop = end
        for ch in ";)\n":
            k = text.find(ch, m.end(), end)
            if k >= 0:
                stop = min(stop, k)
        names = _name_list(text, m.end(), stop, r.g, r.list_join, r.credit_place)
        for n, part_end in names or []:
            title = m.group("title")
            first = n is names[0][0]
            out.append(RoleItem(n.name, n.start, n.end, title, m.start() if first else n.start, part_end,
                                how="credit", role=r.credit_roles.get(title, title), credit=True))
    return out


def _title_parts(text: str, a: int, b: int, r: LineRules, first_ok) -> tuple[Optional[str], int]:
    """The title at ``text[a:b]`` ("Vice President, Investor Relations — ir@..."): consecutive parts that are
    titles or departments, up to a telephone number, an address or anything else. (title, its end)."""
    parts: list[tuple[int, int]] = []
    pos = a
    for sep in list(r.parts.finditer(text, a, b)) + [None]:
        pe = sep.start() if sep is not None else b
        seg = text[pos:pe].strip()
        ok = first_ok(seg) if not parts else (r.g.is_title(seg) or seg.casefold() in r.g.departments)
        if not seg or r.noise.search(seg) or not ok:
            break
        parts.append((pos, pe))
        if sep is None or text[sep.start():sep.end()].strip() in ("—", "–", "·", "|", ";"):
            break
        pos = sep.end()
    if not parts:
        return None, a
    return text[parts[0][0]:parts[-1][1]].strip(), parts[-1][1]


def _after_name(text: str, n: NameSpan, b: int, r: LineRules) -> tuple[Optional[str], int]:
    if not text.startswith(", ", n.end):
        return None, n.end
    return _title_parts(text, n.end + 2, b, r, r.g.starts_with_title)


def labels(text: str, spans: list[tuple[int, int]], r: LineRules) -> list[RoleItem]:
    """Label lines (and sentences) naming a person: the title after the name, else the label. ``spans`` are
    lines or sentences; a label alone on its line takes the name from the next span."""
    out = []
    for i, (a, b) in enumerate(spans):
        segs, pos = [], a
        for bar in r.bar.finditer(text, a, b):
            segs.append((pos, bar.start()))
            pos = bar.end()
        segs.append((pos, b))
        for sa, sb in segs:
            m = r.label.match(text, sa, sb)
            if m is None:
                continue
            label = text[m.start("label"):m.end("label")].strip(" *_")
            words = label.casefold().split()
            if not words or not (words[-1] in r.label_roles or r.g.is_title(label)):
                continue
            na, nb, same_line = m.end(), sb, True
            if na >= nb:
                if i + 1 >= len(spans):
                    continue
                (na, nb), same_line = spans[i + 1], False      # "Media Contact:" then the name on the next line
            na = _strip(text, na, nb)[0]
            dept = r.department.match(text, na, nb)
            if dept:
                na = dept.end()
            n = r.g.name_at(text, na, nb)
            if n is None:
                continue
            title, tend = _after_name(text, n, nb, r)
            value = title or (label if len(words) <= 3 else words[-1])
            out.append(RoleItem(n.name, n.start, n.end, value, m.start("label") if same_line else n.start,
                                tend if title else n.end, how="label"))
    return out


def dash_lines(text: str, lines: list[tuple[int, int]], r: LineRules) -> list[RoleItem]:
    """Speaker and participant lines: "NAME - TITLE:", "NAME -- Analyst, FIRM", "NAME, FIRM - TITLE",
    "NAME      FIRM - TITLE", "**NAME** – TITLE", and signatures "NAME / TITLE"."""
    out = []
    for a, b in lines:
        a, b = _strip(text, a, b)
        n = r.g.name_at(text, a, b)
        if n is None:
            continue
        m = r.dash.match(text, n.end, b)
        if m is None:
            continue
        ra = m.start("rest")
        colon = text.find(":", ra, b)
        title, tend = _title_parts(text, ra, b if colon < 0 else colon, r, r.g.starts_with_title)
        if title is None:
            continue
        firm: Optional[tuple[int, int]] = None
        key = "firm" if m.group("firm") else "firm2" if m.group("firm2") else None
        if key is not None:
            firm = (m.start(key), m.end(key))
        elif text.startswith(", ", tend) and tend + 2 < b:
            fa, fb = tend + 2, b
            while fb > fa and text[fb - 1] in " :.":
                fb -= 1
            if text[fa:fa + 1].isupper() and not r.g.is_title(text[fa:fb]):
                firm = (fa, fb)                              # "Analyst, Redfern Partners"
        end = max(tend, firm[1] if firm else tend)
        if firm is not None:
            out.append(RoleItem(n.name, n.start, n.end, title, n.start, end, " ".join(text[firm[0]:firm[1]].split()),
                                firm[0], firm[1], how="signature"))
        else:
            out.append(RoleItem(n.name, n.start, n.end, title, n.start, end, how="signature"))
    return out


def signatures(text: str, lines: list[tuple[int, int]], r: LineRules) -> list[RoleItem]:
    """A name alone on a line, its title alone on the next ("Jo Park\\nChairman of the Board")."""
    out = []
    for i in range(len(lines) - 1):
        a, b = _strip(text, *lines[i])
        n = r.g.name_at(text, a, b)
        if n is None or n.end != b:
            continue
        ta, tb = _strip(text, *lines[i + 1])
        title = text[ta:tb]
        if not title or not title[:1].isupper() or len(title.split()) > r.sig_words or re.search(r"[\d.;!?]", title) \
                or not r.g.starts_with_title(title):
            continue
        org: Optional[tuple[int, int]] = None
        if i > 0 and r.company_line is not None:
            ca, cb = _strip(text, *lines[i - 1])
            if r.company_line.search(text, ca, cb) and r.g.name_at(text, ca, cb) is None:
                org = (ca, cb)
        if org is not None:
            out.append(RoleItem(n.name, n.start, n.end, title, n.start, tb, " ".join(text[org[0]:org[1]].split()),
                                org[0], org[1], how="signature"))
        else:
            out.append(RoleItem(n.name, n.start, n.end, title, n.start, tb, how="signature"))
    return out


def read_lines(text: str, start: int, end: int, r: LineRules, transcript: bool,
               sentences: list[tuple[int, int]] = ()) -> list[RoleItem]:  # type: ignore[assignment]
    """Every role the lines of ``text[start:end]`` state (signatures not in transcripts, whose speaker markers
    look like them); label forms are also read at the start of ``sentences`` ("... (ticker: ACME). Chief Executive
    Officer: Jo Park.")."""
    lines = _lines(text, start, end)
    out = bylines(text, lines, r) + credits(text, start, end, r) + labels(text, lines, r) + \
        labels(text, list(sentences), r)
    out += dash_lines(text, lines, r)
    if not transcript:
        out += signatures(text, lines, r)
    return out
