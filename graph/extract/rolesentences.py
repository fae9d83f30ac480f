"""Roles stated in prose, one sentence at a time (vocabulary in ``mappings/patterns/people.yaml``).

- an appositive: "Ada Chen, Founder, President and CEO of Acme", "Jane Roe, a hardware analyst at Northgate
  Securities in Hong Kong", "Mr. Ada Chen, our Chairman and CEO", "Roe, its chief executive, told ...", "Jo Park,
  who is chief executive of Acme", "Jo Park (CFO, Acme)", "Jo Park, Corporate Communications, Acme Inc.", two
  roles "X, T1 of O1 and T2 of O2";
- a title before the name: "Acme Founder, Chairman and CEO Mr. Ada Chen said", "President Li Wei told", "Acme
  partner Jo Park will join", "Acme's CEO Jo Park", "CEO Jo Park and CFO Bo Lind guided", "our CFO, Jo Park.",
  "Analyst Jo Park of Kite Securities"; after a reporting verb: "said chief executive Lei Jun", "according to Acme
  spokesperson Jo Park";
- a list of names given one title: "Mr. A and Ms. B as executive directors", "appointed Jo Park as CFO";
- founders: "Founded in 2019 by former engineers A and B, Acme has grown", "Acme was co-founded by A";
- joining a board: "A will join Acme's board of directors".

Each reader looks at a bounded window around a name, so reading a sentence is linear in its length.
"""
from __future__ import annotations

import re
from typing import Optional

from .patterns import alternation
from .peoplegrammar import NameSpan, PeopleGrammar, RoleItem

_CAP = r"[A-Z][\w&’'.-]*"
_WINDOW = 160


class SentenceRules:
    """The prose patterns of ``people.yaml``, compiled."""

    def __init__(self, g: PeopleGrammar, not_leads: frozenset[str], legal_suffixes: tuple[str, ...] = ()):
        d = g.data
        self.g = g
        self.app_end = re.compile(d["appositive_end"])
        self.org_link = re.compile(d["org_link"])
        self.org_end = re.compile(d["org_end"])
        self.issuer_words = re.compile(d["issuer_words"], re.IGNORECASE)
        self.pronoun_words = re.compile(d["pronoun_words"], re.IGNORECASE)
        self.article = re.compile(d["article"], re.IGNORECASE)
        self.functions = {str(f).casefold() for f in d.get("functions") or []}
        titles = alternation([str(t) for t in d.get("title_words") or []] + g.departments)
        modifiers = alternation(str(m) for m in d.get("title_modifiers") or [])
        mods = rf"(?:[A-Z][\w-]*|(?i:{modifiers}))"
        tw = rf"(?:{mods}\s){{0,3}}?(?i:{titles})"
        lead_word = rf"(?!(?i:{titles}|{modifiers})(?![\w-])){_CAP}"
        self.org_then_title = re.compile(rf"(?P<org>{lead_word}(?:\s(?:&\s)?{lead_word}){{0,3}})\s(?={tw}(?![\w-]))")
        self.titles_before = re.compile(
            rf"(?:(?P<lead>{lead_word}(?:\s{lead_word}){{0,2}}|(?i:the\s)?(?i:company|group|firm)[’']s)\s)?"
            rf"(?P<titles>{tw}(?:(?:,\s|\s(?:and|&)\s){tw}){{0,3}}),?\s$")
        self.after_name = re.compile(d["name_after_title_end"])
        heads = [str(w) for w in d.get("title_words") or []] + g.departments
        self.title_heads = {t.split()[-1].casefold() for t in heads}
        self.prev_word = re.compile(r"([\w-]+),?\s$")
        self.after_org = re.compile(rf"\s(?:of|at|with|from)\s(?P<org>{_CAP}(?:\s(?:&\s)?{_CAP}){{0,4}})")
        self.bracket = re.compile(r"\s\((?P<body>[^()\n]{2,80})\)")
        self.who = re.compile(d["appositive_who"])
        self.verbs = re.compile(rf"\s(?:{alternation(d.get('reporting_verbs') or [])})\b")
        self.reported = re.compile(d["reported_title"])
        self.as_title = re.compile(d["as_title"])
        self.list_join = re.compile(d["list_join"])
        self.title_phrase = re.compile(r"(?P<title>[A-Za-z][\w&’'-]*(?:\s(?!and\s|&\s)[A-Za-z][\w&’'-]*){0,6})")
        self.founded = re.compile(d["founded_by"])
        self.board = re.compile(d["board_join"])
        self.not_leads = not_leads
        sfx = alternation(legal_suffixes)
        self.company_tail = re.compile(rf",\s(?P<org>{_CAP}(?:\s{_CAP}){{0,5}},?\s(?:{sfx}))$") \
            if legal_suffixes else None
        self.company_noun = re.compile(d["company_after_founded"])
        self.founded_after = re.compile(rf",\s(?:(?i:the\s)?)(?P<org>{_CAP}(?:\s{_CAP}){{0,3}})")
        self.founded_before = re.compile(
            rf"(?P<org>{_CAP}(?:\s{_CAP}){{0,3}})"
            rf"(?:,(?:\swhich\s(?:was|is|has\sbeen))?|\s(?:was|is|has\sbeen|were))?\s$")

    def is_function(self, org: str) -> bool:
        return org.strip().casefold() in self.functions


# -- appositives -------------------------------------------------------------------------------------------------

def split_org(app: str, r: SentenceRules) -> tuple[str, Optional[tuple[int, int]]]:
    """``app`` ("General Manager of the IoT department of Acme") -> (title, span of the organisation in ``app``
    or None; an empty span for an organisation named in lower case)."""
    for link in reversed(list(r.org_link.finditer(app))):
        org = app[link.end():]
        if r.g.is_title(org) or r.is_function(org):
            continue              # "Director of Board Finance and Company Secretary": all title
        a, b = link.end(), len(app)
        cut = r.org_end.search(org)
        if cut:
            b = a + cut.start()
        for poss in ("’s", "'s"):
            pos = app.find(poss, a, b)
            if pos >= 0:
                b = pos
        if r.is_function(app[a:b]):
            continue
        if not app[a:a + 1].isupper():
            caps = re.search(r"(?:[A-Z][\w&-]*\s?){1,6}$", app[a:b])
            if caps is None:
                if app[link.start():link.end()].strip() == "of":
                    return app, (len(app), len(app))     # "head of the institute": one title, organisation unknown
                return app[:link.start()], (a, a)        # "an analyst at a local brokerage": organisation unknown
            a = a + caps.start()
        return app[:link.start()], (a, b)
    return app, None


def _item(base: int, name: NameSpan, title: str, start: int, end: int, text: str,
          org: Optional[tuple[int, int]] = None, **kw) -> RoleItem:
    if org is not None:
        oa, ob = org
        return RoleItem(name.name, base + name.start, base + name.end, title, base + min(start, name.start),
                        base + max(end, ob), " ".join(text[oa:ob].split()), base + oa, base + ob, **kw)
    return RoleItem(name.name, base + name.start, base + name.end, title, base + min(start, name.start),
                    base + end, **kw)


def appositive(text: str, base: int, name: NameSpan, r: SentenceRules) -> list[RoleItem]:
    e = name.end
    if not text.startswith(", ", e):
        return []
    a = e + 2
    who = r.who.match(text, a)
    if who is not None:
        a = who.end()                           # "Jo Park, who is chief executive of Acme"
    end = r.app_end.search(text, a, min(len(text), a + 200))
    b = end.start() if end else min(len(text), a + 200)
    app = text[a:b]
    issuer = r.issuer_words.match(app)
    pronoun = r.pronoun_words.match(app)
    lead = issuer or pronoun or r.article.match(app)
    off = lead.end() if lead else 0
    body = app[off:].rstrip(" ,")
    if not body or not body[:1].isalpha() or not r.g.starts_with_title(body):
        return []
    parts = re.split(r"\sand\s(?=[A-Z])", body)
    if len(parts) >= 2 and all(r.org_link.search(p) for p in parts) and not issuer and not pronoun:
        items, pos = [], a + off
        for p in parts:
            pstart = text.find(p, pos)
            title, org = split_org(p, r)
            if org is None or not r.g.is_title(title):
                return []
            items.append(_item(base, name, title.strip(), pstart, pstart + len(p), text,
                               (pstart + org[0], pstart + org[1])))
            pos = pstart + len(p)
        return items
    tail = r.company_tail.search(body) if r.company_tail is not None else None
    front = r.org_then_title.match(body) if not (issuer or pronoun) else None
    if front is not None and front.group("org").split()[0] not in r.not_leads:
        # "Jo Park, Kite Securities analyst": the organisation before the title
        title, _ = split_org(body[front.end():], r)
        o_end = front.end("org") - (2 if re.search(r"[’']s$", front.group("org")) else 0)
        o = (a + off + front.start("org"), a + off + o_end)
        return [_item(base, name, title.strip().rstrip(","), name.start, a + off + front.end() + len(title.rstrip()),
                      text, o)]
    if tail is not None and r.g.is_title(body[:tail.start()]):
        # "Jo Park, Corporate Communications, Acme Inc.": the company closes the appositive
        title, org = body[:tail.start()], (tail.start("org"), tail.end("org"))
    else:
        title, org = split_org(body, r)
    title = title.strip().rstrip(",")
    if not r.g.is_title(title):
        return []
    if issuer or pronoun:
        return [_item(base, name, title, name.start, a + off + len(body), text, pronoun=bool(pronoun),
                      issuer=bool(issuer))]
    span = (a + off + org[0], a + off + org[1]) if org is not None else None
    return [_item(base, name, title, name.start, a + off + len(body), text, span)]


# -- titles before names -----------------------------------------------------------------------------------------

def title_before(text: str, base: int, name: NameSpan, r: SentenceRules) -> list[RoleItem]:
    prev = r.prev_word.search(text, max(0, name.start - 40), name.start)
    if prev is None or prev.group(1).casefold() not in r.title_heads:
        return []             # no title word right before the name: nothing to read (and no window search)
    w0 = max(0, name.start - _WINDOW)
    m = r.titles_before.search(text, w0, name.start)
    if m is None:
        return []
    after = r.after_org.match(text, name.end)
    if after is None and not r.after_name.match(text, name.end):
        return []
    if text[m.end("titles"):name.start].startswith(",") and not re.match(r"[,.;:)]", text[name.end:name.end + 1]):
        return []             # "Analyst, Calder Hayes": a title then a comma takes a name set off by punctuation
    titles, lead = m.group("titles"), m.group("lead")
    start = m.start("titles")
    org: Optional[tuple[int, int]] = None
    said_issuer = False
    if lead and r.issuer_words.match(lead + " "):
        start = m.start("lead")              # "Our President, Mr. Wang": the issuer's, quoted from "Our"
        lead, said_issuer = None, True
    elif lead and lead.split()[0] in r.not_leads:
        lead = None
    if lead and r.g.is_title(lead):
        titles, start, lead = text[m.start("lead"):m.end("titles")], m.start("lead"), None
    if lead and not r.issuer_words.match(lead + " ") and not re.search(r"(?i)\b(?:company|group|firm)[’']s$", lead):
        lead_end = m.end("lead") - (2 if re.search(r"[’']s$", lead) else 0)      # "Acme's CEO Jo Park"
        org = (m.start("lead"), lead_end)
    if lead:
        start = m.start("lead")
    end = name.end
    if org is None and after is not None:
        org, end = (after.start("org"), after.end("org")), after.end("org")     # "Analyst Jo Park of Kite Securities"
    if titles[:1].islower() and org is None and not r.verbs.match(text, name.end):
        return []             # "the analyst Jo Park": a lower-case title needs its organisation or a reporting verb
    title = titles.rstrip(", ")
    for art in ("the ", "a ", "an "):
        if title.casefold().startswith(art):
            title = title[len(art):]
    return [_item(base, name, title, start, end, text, org, how="title_before", issuer=said_issuer)]


def parenthetical(text: str, base: int, name: NameSpan, r: SentenceRules) -> list[RoleItem]:
    """"Jo Park (Chief Executive Officer, Acme) said": a title in brackets after the name."""
    m = r.bracket.match(text, name.end)
    if m is None:
        return []
    body = m.group("body")
    if not r.g.starts_with_title(body):
        return []
    first, _, rest = body.partition(", ")
    if rest and not r.g.is_title(rest) and rest[:1].isupper() and r.g.starts_with_title(first):
        a = m.start("body") + len(first) + 2
        return [_item(base, name, first, name.start, m.end(), text, (a, m.end("body")), how="appositive")]
    title, org = split_org(body, r)
    span = (m.start("body") + org[0], m.start("body") + org[1]) if org is not None else None
    return [_item(base, name, title.strip(), name.start, m.end(), text, span, how="appositive")]


def reported(text: str, base: int, name: NameSpan, r: SentenceRules) -> list[RoleItem]:
    m = None
    for m in r.reported.finditer(text, max(0, name.start - _WINDOW), name.start + 1):
        pass
    if m is None or m.end() != name.start:
        return []
    org = (m.start("org"), m.end("org")) if m.group("org") is not None else None
    start = m.start("org") if org else m.start("title")
    return [_item(base, name, m.group("title"), start, name.end, text, org, how="reported")]


# -- lists, founders, boards -------------------------------------------------------------------------------------

def name_runs(text: str, names: list[NameSpan], r: SentenceRules) -> list[list[NameSpan]]:
    """Consecutive names joined by ", " / " and " ("Mr. A, Ms. B and Dr. C")."""
    runs: list[list[NameSpan]] = []
    for n in names:
        if runs and r.list_join.fullmatch(text, runs[-1][-1].end, n.start):
            runs[-1].append(n)
        else:
            runs.append([n])
    return runs


def as_lists(text: str, base: int, runs: list[list[NameSpan]], r: SentenceRules) -> list[RoleItem]:
    """"Mr. A and Ms. B as executive directors": each name of the run gets the title."""
    out = []
    for run in runs:
        m = r.as_title.match(text, run[-1].end)
        if m is None:
            continue
        t = r.title_phrase.match(text, m.end())
        if t is None:
            continue
        phrase = t.group("title")
        title, org = split_org(phrase, r)
        title = title.strip()
        if not r.g.starts_with_title(title):
            continue
        end = t.end() if org is None else t.start() + org[1]
        span = (t.start() + org[0], t.start() + org[1]) if org is not None and org[0] < org[1] else None
        for n in run:
            out.append(_item(base, n, r.g.singular(title), n.start, end, text, span, how="list"))
    return out


def founders(text: str, base: int, runs: list[list[NameSpan]], r: SentenceRules) -> list[RoleItem]:
    """"Founded in 2019 by A and B, Acme ..." / "..., the company ..." (the issuer) / "Acme, founded by A," /
    "Acme was co-founded by A"."""
    out = []
    opening = len(text) - len(text.lstrip())
    for m in r.founded.finditer(text):
        run = next((run for run in runs if run[0].start == m.end()), None)
        if run is None:
            continue
        title = r.g.data.get("co_founder_title") if m.group("verb").casefold().startswith("co") else \
            r.g.data.get("founder_title")
        org: Optional[tuple[int, int]] = None
        issuer = False
        after = r.founded_after.match(text, run[-1].end)
        before = r.founded_before.search(text, max(0, m.start() - 80), m.start())
        if m.start() <= opening and r.company_noun.match(text, run[-1].end):
            issuer = True                                   # "Founded in 1998 by Jo Park, the company ..."
        elif m.start() <= opening and after is not None:
            org = (after.start("org"), after.end("org"))
        elif before is not None and before.group("org").split()[0] not in r.not_leads:
            org = (before.start("org"), before.end("org"))
        if org is None and not issuer:
            continue
        for n in run:
            start = m.start() if org is None or org[0] > m.start() else org[0]
            out.append(_item(base, n, str(title), start, max(n.end, run[-1].end), text, org, how="founder"))
    return out


def board_joins(text: str, base: int, names: list[NameSpan], r: SentenceRules) -> list[RoleItem]:
    """"A will join Acme's board of directors" -> A is a board member of Acme."""
    out = []
    for n in names:
        m = r.board.match(text, n.end)
        if m is None:
            continue
        key = "org" if m.group("org") else "org2"
        org = (m.start(key), m.end(key))
        out.append(_item(base, n, str(r.g.data.get("board_title")), n.start, m.end(), text, org, how="board"))
    return out


def read_sentence(text: str, base: int, r: SentenceRules, singles: frozenset[str] = frozenset()) -> list[RoleItem]:
    """Every role a sentence states (``text`` is the sentence, ``base`` its offset)."""
    names = r.g.names(text, 0, len(text), singles)
    out: list[RoleItem] = []
    for n in names:
        items = appositive(text, base, n, r) or parenthetical(text, base, n, r) or title_before(text, base, n, r) \
            or reported(text, base, n, r)
        out.extend(items)
    runs = name_runs(text, names, r)
    out.extend(as_lists(text, base, runs, r))
    out.extend(founders(text, base, runs, r))
    out.extend(board_joins(text, base, names, r))
    return out
