"""People and their roles (kind role): subject = the person, object = the organisation, value = the title.

Shapes read (grammar in mappings/patterns/people.yaml):

- an appositive: "Ada Chen, Founder, President and CEO of Acme", "Jane Roe, a hardware analyst at
  Northgate Securities in Hong Kong", "Mr. Ada Chen, our Chairman and CEO", "I'm Sam Ortiz, Director of
  Board Finance and Company Secretary", two roles "X, T1 of O1 and T2 of O2";
- a title before the name: "Acme Founder, Chairman and CEO Mr. Ada Chen said", "President Li Wei told";
- a transcript operator's introduction: "question comes from NAME (sic) [ NAME ] with FIRM in PLACE";
- bylines and credits: "By NAME, Technology Correspondent", "Editing by NAME" (the publisher is the
  organisation; credits are read even inside page chrome, which holds them).

No organisation named (or "our ...") means the document's issuer. People not in the gazetteer become entities
keyed by the slug of their name.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from ..iris import slugify
from ..records import EntityRef, Fact
from .context import ExtractionContext
from .patterns import alternation


@dataclass(frozen=True)
class RoleItem:
    """One person-title-organisation statement; offsets absolute. ``org`` None means the issuer."""

    name: str
    name_start: int
    name_end: int
    title: str
    start: int
    end: int
    org: Optional[str] = None
    org_start: int = -1
    org_end: int = -1
    analyst: bool = False
    spoken: Optional[str] = None
    credit: bool = False


class PeopleGrammar:
    """Compiled mappings/patterns/people.yaml."""

    def __init__(self, data: dict):
        self.name_src = data["name"]
        self.name = re.compile(rf"(?=(?<![\w.])({self.name_src}))")
        self.honorific = re.compile(data["honorific"])
        self.title_word = re.compile(rf"(?<![\w-])(?:{alternation(data['title_words'])})(?![\w-])", re.IGNORECASE)
        self.not_name = set(data.get("not_name_words") or ())
        self.app_end = re.compile(data["appositive_end"])
        self.join = re.compile(data["title_join"])
        self.org_link = re.compile(data["org_link"])
        self.org_end = re.compile(data["org_end"])
        self.issuer_words = re.compile(data["issuer_words"], re.IGNORECASE)
        self.article = re.compile(data["article"], re.IGNORECASE)
        tw = rf"(?:[A-Z][\w-]*\s){{0,2}}?(?:{alternation(data['title_words'])})"
        self.titles_before = re.compile(rf"(?:(?P<lead>[A-Z][\w’']*)\s)?(?P<titles>{tw}(?:(?:,\s|\s(?:and|&)\s){tw})*),?\s$",
                                        re.IGNORECASE)
        self.after_name = re.compile(data["name_after_title_end"])
        self.analyst = re.compile(data["analyst_intro"].replace("{name}", self.name_src.replace(r"\s", " ")))
        self.analyst_title = data["analyst_title"]
        self.self_intro = re.compile(data["self_intro"])
        self.byline = re.compile(data["byline"].replace("{name}", self.name_src), re.MULTILINE)
        self.credits = re.compile(data["credits"].replace("{name}", self.name_src))
        self.secondary = set(data.get("secondary_credits") or ())
        self.reported = re.compile(data["reported_title"]) if data.get("reported_title") else None

    def is_title(self, text: str) -> bool:
        return bool(self.title_word.search(text))

    def valid_name(self, name: str) -> bool:
        words = self.honorific.sub("", name).split()
        return len(words) >= 2 and not any(w in self.not_name for w in words) and not self.is_title(name)


def _names(text: str, g: PeopleGrammar) -> list[tuple[int, int, str]]:
    """Non-overlapping valid names, leftmost first."""
    out: list[tuple[int, int, str]] = []
    for m in g.name.finditer(text):
        s, name = m.start(1), m.group(1)
        if out and s < out[-1][1]:
            continue
        # trim trailing words until the name is valid ("Li Wei President" -> no; keep it simple)
        if g.valid_name(name):
            out.append((s, s + len(name), name))
    return out


def _split_org(app: str, g: PeopleGrammar) -> tuple[str, Optional[tuple[int, int]]]:
    """``app`` -> (title, span of the organisation inside ``app`` or None)."""
    links = list(g.org_link.finditer(app))
    for link in reversed(links):
        org = app[link.end():]
        if g.is_title(org):
            continue              # "Director of Board Finance and Company Secretary": all title
        a, b = link.end(), len(app)
        cut = g.org_end.search(org)
        if cut:
            b = a + cut.start()
        pos = app.find("’s", a, b)
        pos = app.find("'s", a, b) if pos < 0 else pos
        if pos >= 0:
            b = pos
        if not app[a:a + 1].isupper():
            caps = re.search(r"(?:[A-Z][\w-]*\s?)+$", app[a:b])
            if caps is None:
                return app[:link.start()], (a, a)        # an organisation named in lower case: unknown
            a = a + caps.start()
        return app[:link.start()], (a, b)
    return app, None


def _appositive(text: str, base: int, name: tuple[int, int, str], g: PeopleGrammar) -> list[RoleItem]:
    s, e, nm = name
    if not text.startswith(", ", e):
        return []
    a = e + 2
    end = g.app_end.search(text, a)
    b = end.start() if end else len(text)
    app = text[a:b]
    art = g.article.match(app) or g.issuer_words.match(app)
    issuer = bool(g.issuer_words.match(app))
    off = art.end() if art else 0
    body = app[off:]
    if not body or not g.is_title(body.split(" of ")[0].split(" at ")[0]) or not body[:1].isalpha():
        return []
    parts = [p for p in re.split(r"\sand\s(?=[A-Z])", body)]
    items: list[RoleItem] = []
    if len(parts) >= 2 and all(g.org_link.search(p) for p in parts):
        pos = a + off
        for p in parts:
            pstart = text.find(p, pos)
            title, org = _split_org(p, g)
            items.append(_item(text, base, name, title.strip(), pstart, pstart + len(p), org, pstart))
            pos = pstart + len(p)
        return items
    title, org = _split_org(body, g)
    if issuer:
        org = None
    if not g.is_title(title):
        return []
    return [_item(text, base, name, title.strip().rstrip(","), s, b, org, a + off)]


def _item(text: str, base: int, name: tuple[int, int, str], title: str, start: int, end: int,
          org: Optional[tuple[int, int]], org_base: int) -> RoleItem:
    s, e, nm = name
    if org is not None:
        oa, ob = org_base + org[0], org_base + org[1]
        return RoleItem(nm, base + s, base + e, title, base + min(s, start), base + max(end, ob),
                        " ".join(text[oa:ob].split()), base + oa, base + ob)
    return RoleItem(nm, base + s, base + e, title, base + min(s, start), base + end)


def find_roles(text: str, base: int, g: PeopleGrammar) -> list[RoleItem]:
    """Roles stated in one sentence (appositives and titles before names)."""
    out: list[RoleItem] = []
    for name in _names(text, g):
        s, e, nm = name
        items = _appositive(text, base, name, g)
        if not items:
            m = g.titles_before.search(text[:s])
            if m and g.after_name.match(text, e) and m.group("titles")[:1].isupper():
                lead = m.group("lead")
                titles = m.group("titles")
                org = None
                if lead and not g.is_title(lead):
                    if lead[:1].isupper() and not g.issuer_words.match(lead + " "):
                        org = (m.start("lead"), m.end("lead"))      # "Acme Founder ..."; "company's" is the issuer
                elif lead:
                    titles = text[m.start("lead"):m.end("titles")]
                start = m.start("lead") if lead else m.start("titles")
                if org is not None:
                    items = [RoleItem(nm, base + s, base + e, titles, base + start, base + e,
                                      text[org[0]:org[1]], base + org[0], base + org[1])]
                else:
                    items = [RoleItem(nm, base + s, base + e, titles, base + start, base + e)]
        if not items and g.reported is not None:
            m = None
            for m in g.reported.finditer(text, 0, s + 1):
                pass
            if m is not None and m.end() == s:
                has_org = m.group("org") is not None
                items = [RoleItem(nm, base + s, base + e, m.group("title"),
                                  base + (m.start("org") if has_org else m.start("title")), base + e,
                                  m.group("org"), base + m.start("org") if has_org else -1,
                                  base + m.end("org") if has_org else -1)]
        out.extend(items)
    return out


def find_analysts(text: str, base: int, g: PeopleGrammar) -> list[RoleItem]:
    """Analysts introduced by a transcript operator, with their firm (a trailing place is not the firm)."""
    out = []
    for m in g.analyst.finditer(text):
        name = m.group("fix") or m.group("name")
        ns = m.start("fix") if m.group("fix") else m.start("name")
        org = m.group("org")
        cut = g.org_end.search(org)
        oe = m.start("org") + (cut.start() if cut else len(org))
        out.append(RoleItem(name, base + ns, base + ns + len(name), g.analyst_title, base + m.start("name"),
                            base + oe, text[m.start("org"):oe], base + m.start("org"), base + oe, analyst=True,
                            spoken=m.group("name") if m.group("fix") else None))
    return out


def find_credits(text: str, base: int, g: PeopleGrammar) -> list[RoleItem]:
    """Bylines ("By NAME, TITLE") and credits ("Editing by NAME"); the organisation is the publisher."""
    out = []
    for m in g.byline.finditer(text):
        for key in ("name", "name2"):
            if m.groupdict().get(key):
                out.append(RoleItem(m.group(key), base + m.start(key), base + m.end(key), m.group("title"),
                                    base + m.start() + (len(m.group(0)) - len(m.group(0).lstrip())), base + m.end(),
                                    credit=True))
    for m in g.credits.finditer(text):
        out.append(RoleItem(m.group("name"), base + m.start("name"), base + m.end("name"), m.group("title"),
                            base + m.start(), base + m.end(), credit=True))
    return out


# -- adapter ---------------------------------------------------------------------------------------------------

def _person(ctx: ExtractionContext, item: RoleItem, g: PeopleGrammar) -> EntityRef:
    for m in ctx.engine.matcher.find(ctx.text, item.name_start, item.name_end):
        if m.kind == "person" and m.end - m.start >= (item.name_end - item.name_start) - 5:
            return ctx.entity(m)
    label = g.honorific.sub("", item.name)
    return ctx.discover(slugify(label), "person", label, ("Person",))


def _org(ctx: ExtractionContext, item: RoleItem) -> Optional[EntityRef]:
    if item.org is None:
        if item.credit and ctx.doc.publisher:
            return ctx.discover(slugify(ctx.doc.publisher), "organisation", ctx.doc.publisher, ("Organisation",))
        return ctx.issuer
    if item.org_start == item.org_end:
        return None
    for m in ctx.engine.matcher.find(ctx.text, item.org_start, item.org_end):
        if m.kind == "organisation" and m.start <= item.org_start + 1 and m.end >= item.org_end - 1:
            return ctx.entity(m)
    if not item.org[:1].isupper():
        return None
    hits = ctx.engine.matcher.find(ctx.text, item.org_start, item.org_end)
    markets = [m for m in hits if m.kind == "market"]
    label = item.org
    if markets and markets[-1].end >= item.org_end - 1 and markets[-1].start > item.org_start \
            and not any(m.kind == "organisation" for m in hits):
        label = ctx.text[item.org_start:markets[-1].start].strip()     # "UBS Hong Kong" -> "UBS"
    known = ctx.gazetteer.get(slugify(label))
    if known is not None:
        return known.ref()
    return ctx.discover(slugify(label), "organisation", label, ("Organisation",))


def extract(ctx: ExtractionContext) -> list[Fact]:
    g = PeopleGrammar(ctx.patterns["people"])
    doc_text = ctx.text[ctx.doc.start:ctx.doc.end]
    items = find_analysts(doc_text, ctx.doc.start, g) + find_credits(doc_text, ctx.doc.start, g)
    special = [(i.start, i.end) for i in items]
    for s in ctx.sentences:
        for item in find_roles(s.text, s.start, g):
            if any(item.start < b and a < item.end for a, b in special):
                continue        # a byline read as an appositive: the byline reading wins
            places = [m for m in ctx.engine.matcher.find(ctx.text, item.name_start, item.name_end)
                      if m.kind in ("market", "organisation", "product", "series", "brand")]
            if places:
                continue        # "Hong Kong, ..." is a place, not a person
            items.append(item)
    facts: list[Fact] = []
    seen: set[tuple[str, str]] = set()
    people_with_roles: set[str] = set()
    credits_later: list[tuple[RoleItem, EntityRef]] = []
    for item in sorted(items, key=lambda i: (i.credit, i.start)):
        person = _person(ctx, item, g)
        if item.credit and item.title in g.secondary:
            credits_later.append((item, person))
            continue
        key = (person.key, item.title.lower())
        if key in seen:
            continue
        seen.add(key)
        people_with_roles.add(person.key)
        facts.append(_fact(ctx, item, person))
    for item, person in credits_later:
        if person.key not in people_with_roles:
            people_with_roles.add(person.key)
            facts.append(_fact(ctx, item, person))
    return facts


def _fact(ctx: ExtractionContext, item: RoleItem, person: EntityRef) -> Fact:
    quals: tuple[tuple[str, str], ...] = (("title", item.title),)
    if item.spoken:
        quals += (("spoken", item.spoken),)
    if item.credit:
        quals += (("credit", "true"),)
    return Fact(kind="role", doc_id=ctx.doc.doc_id, subject=person, evidence=ctx.evidence(item.start, item.end),
                metric="role", value=item.title, object=_org(ctx, item), qualifiers=quals)
