"""The issuer of a document: the organisation it is about, named by cues or counted in mentions.

Cues (``issuer.cues`` in mappings/segmentation.yaml) name a candidate wherever a genre convention puts the
company's name: a defined term (``NAME ("Short" or the "Company")``), a title ``NAME (TICKER)``, "welcome to the
NAME ... call", "NAME today announced", an "About NAME" heading, a letter's signature. A candidate the gazetteer
knows (by a name or its first word) is the gazetteer's entity; any other becomes a new organisation keyed by its
short name. Every candidate then competes on mentions (title and lead count extra) plus its cue weights.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional, Pattern, Sequence

from .gazetteer import Gazetteer
from .iris import slugify
from .records import EntityRef


@dataclass(frozen=True)
class IssuerCue:
    name: str
    regex: Pattern[str]
    where: tuple[str, ...]          # title | lead | head | body | tail
    weight: int
    raw: bool = False               # search the unmasked text (boilerplate headings are masked chrome)
    genres: frozenset[str] = frozenset()


@dataclass(frozen=True)
class IssuerRules:
    cues: tuple[IssuerCue, ...] = ()
    company_terms: frozenset[str] = frozenset()   # defined terms that stand for the company itself
    legal_suffixes: frozenset[str] = frozenset()
    exclude_types: frozenset[str] = frozenset()
    masthead_weight: int = 3
    lead_chars: int = 400
    head_chars: int = 1500
    tail_chars: int = 600
    bare_suffix: Optional[Pattern[str]] = None   # a legal suffix alone ("Ltd.") is no name


@dataclass(frozen=True)
class Zones:
    """Where cues look, as [start, end) spans of one document."""

    title: Optional[tuple[int, int]]
    lead: tuple[int, int]
    head: tuple[int, int]
    body: tuple[int, int]
    tail: tuple[int, int]

    def get(self, name: str) -> Optional[tuple[int, int]]:
        return getattr(self, name, None)


@dataclass
class Candidate:
    """An organisation named by cues: its entity, the names it goes by and the summed weight of its cues."""

    ref: EntityRef
    names: list[str] = field(default_factory=list)
    weight: int = 0
    known: bool = False


# ---------------------------------------------------------------- names

def clean_name(raw: str, legal_suffixes: frozenset[str]) -> str:
    """A name as written, without a leading "the" and a sentence's full stop (a suffix keeps its own: "Ltd.");
    a name in capitals is capitalised word by word."""
    name = re.sub(r"\s+", " ", raw).strip(" ,;:")
    name = re.sub(r"^(?:the|The)\s+", "", name)
    if name.endswith(".") and name.split()[-1].lower() not in legal_suffixes:
        name = name[:-1]
    if len(name.split()) > 1 and name.upper() == name:    # a shouted name: "ACME WIDGETS N.V." -> "Acme Widgets N.V."
        name = " ".join(w if w.count(".") > 1 or len(w) <= 2 else w.capitalize() for w in name.split())
    return name


def short_names(name: str, legal_suffixes: frozenset[str]) -> list[str]:
    """"Acme Devices Holdings Limited" -> [the name, "Acme Devices", "Acme"]: legal suffixes dropped, then the
    first word (how a company is called in its own text)."""
    words = name.split()
    out = [name]
    while len(words) > 1 and (words[-1].lower().strip(",") in legal_suffixes
                              or words[-1].lower().strip(".,") in legal_suffixes):
        words = words[:-1]
        out.append(" ".join(words).rstrip(","))
    if len(words) > 1 and len(words[0]) >= 4 and words[0][:1].isupper():
        out.append(words[0])
    return list(dict.fromkeys(out))


def fallback_issuer(name: str, legal_suffixes: frozenset[str], short: Optional[str] = None) -> EntityRef:
    """An organisation the gazetteer does not know: keyed by its defined short name, else by its name without
    legal suffixes (its first word when it has none); labelled with the full name."""
    names = short_names(name, legal_suffixes)
    core = short or (names[-2] if len(names) > 2 else names[-1])
    return EntityRef(slugify(core), "organisation", name, ("Company",))


def organisation_by_name(name: str, gazetteer: Optional[Gazetteer]) -> Optional[EntityRef]:
    """The gazetteer organisation whose label or alias is ``name`` (case-insensitive)."""
    kinds = named_kinds(name, gazetteer)
    return kinds.get("organisation")


def named_kinds(name: str, gazetteer: Optional[Gazetteer]) -> dict[str, EntityRef]:
    """Kind -> the first gazetteer entity of that kind whose label or alias is ``name`` (case-insensitive)."""
    out: dict[str, EntityRef] = {}
    if gazetteer is None:
        return out
    low = name.strip().lower()
    for e in gazetteer.entities.values():
        if e.kind not in out and low in {a.lower() for a in (e.label, *e.aliases)}:
            out[e.kind] = e.ref()
    return out


def _alias_regex(alias: str, case_sensitive: bool = False) -> Pattern[str]:
    flags = 0 if case_sensitive or len(alias) <= 3 else re.IGNORECASE
    return re.compile(rf"(?<!\w){re.escape(alias)}(?!\w)", flags)


# ---------------------------------------------------------------- cues

def _accepts(m: re.Match[str], name: str, rules: IssuerRules) -> tuple[bool, Optional[str]]:
    """A defined-term cue names the company only when a term is "the Company"/"the Group" or the short name is
    a word of the name; returns (accepted, defined short name)."""
    groups = m.groupdict()
    if "short" not in groups and "term" not in groups:
        return True, None
    terms = [t.strip() for t in (groups.get("short"), groups.get("term")) if t]
    company = [t for t in terms if t.lower() in rules.company_terms]
    words = {w.lower() for w in re.findall(r"[\w&-]+", name)}
    own = [t for t in terms if t.lower() not in rules.company_terms and t.lower() in words]
    others = [t for t in terms if t.lower() not in rules.company_terms and t.lower() not in words]
    if own:
        return True, own[0]
    if company and not others:
        return True, None
    if company and others:
        return True, others[0]           # an abbreviation: ("KDH" or the "Company")
    return False, None


def cue_hits(text: str, masked: str, zones: Zones, genre: str,
             rules: IssuerRules) -> list[tuple[str, Optional[str], int, int]]:
    """(name, defined short name, weight, offset) of every cue match in the document's zones."""
    hits: list[tuple[str, Optional[str], int, int]] = []
    for cue in rules.cues:
        if cue.genres and genre not in cue.genres:
            continue
        source = text if cue.raw else masked
        seen: set[int] = set()
        for zone in cue.where:
            span = zones.get(zone)
            if span is None or span[1] <= span[0]:
                continue
            for m in cue.regex.finditer(source, span[0], span[1]):
                if m.start("name") in seen:
                    continue
                name = clean_name(m.group("name"), rules.legal_suffixes)
                if not name or (rules.bare_suffix is not None and rules.bare_suffix.match(name)):
                    continue
                ok, short = _accepts(m, name, rules)
                if ok:
                    seen.add(m.start("name"))
                    hits.append((name, short, cue.weight, m.start("name")))
    return hits


def candidates(hits: Sequence[tuple[str, Optional[str], int, int]], gazetteer: Optional[Gazetteer],
               rules: IssuerRules) -> list[Candidate]:
    """Cue hits grouped by the entity they name; an organisation of an excluded type (a research firm) is none."""
    by_key: dict[str, Candidate] = {}
    weight_of_name: dict[tuple[str, str], int] = {}
    defined = {name: short for name, short, _, _ in hits if short}   # a name's defined short name keys every hit
    for name, short, weight, _ in sorted(hits, key=lambda h: h[3]):
        short = short or defined.get(name)
        known = next((r for n in [*short_names(name, rules.legal_suffixes), *([short] if short else [])]
                      for r in [organisation_by_name(n, gazetteer)] if r is not None), None)
        if known is None and any(named_kinds(name, gazetteer)):
            continue           # a product, brand or market the gazetteer knows is no company
        if known is not None:
            entry = gazetteer.get(known.key) if gazetteer is not None else None
            if entry is not None and rules.exclude_types & set(entry.types):
                continue
            ref = known
        else:
            ref = fallback_issuer(name, rules.legal_suffixes, short)
        c = by_key.setdefault(ref.key, Candidate(ref, known=known is not None))
        c.weight += weight
        for n in [*short_names(name, rules.legal_suffixes), *([short] if short else [])]:
            if n not in c.names:
                c.names.append(n)
        weight_of_name[(ref.key, name)] = weight_of_name.get((ref.key, name), 0) + weight
    _merge_short_into_legal(by_key, weight_of_name, rules)
    for c in by_key.values():
        if not c.known:    # the label: its legal name (the longest cued with a legal suffix), else the longest it was cued by
            named = [(len(n), w, n) for (k, n), w in weight_of_name.items() if k == c.ref.key]
            legal = [t for t in named if _has_suffix(t[2], rules.legal_suffixes)]
            label = max(legal)[2] if legal else max(named)[2]
            c.ref = EntityRef(c.ref.key, c.ref.kind, label, c.ref.types)
    return list(by_key.values())


def _has_suffix(name: str, legal_suffixes: frozenset[str]) -> bool:
    last = name.split()[-1].lower() if name.split() else ""
    return last.strip(",") in legal_suffixes or last.strip(".,") in legal_suffixes


def _merge_short_into_legal(by_key: dict[str, Candidate], weight_of_name: dict[tuple[str, str], int],
                            rules: IssuerRules) -> None:
    """A candidate named only without a legal suffix ("Acme Nova launches …") whose short name is the first word
    of a company named with one ("Acme Devices Ltd.") is that company (its product or its short name)."""
    legal = [c for c in by_key.values() if not c.known and any(_has_suffix(n, rules.legal_suffixes) for n in c.names)]
    for key, c in list(by_key.items()):
        if c.known or c in legal or any(_has_suffix(n, rules.legal_suffixes) for n in c.names):
            continue
        core = c.names[-1]
        owner = next((d for d in legal if d is not c and core in d.names), None)
        if owner is None:
            continue
        owner.weight += c.weight
        owner.names.extend(n for n in c.names if n not in owner.names)
        for (k, n), w in list(weight_of_name.items()):
            if k == key:
                del weight_of_name[(k, n)]
        del by_key[key]


# ---------------------------------------------------------------- choosing

def organisation_mentions(text: str, start: int, end: int, gazetteer: Optional[Gazetteer],
                          extra: Sequence[Candidate] = (),
                          exclude_types: frozenset[str] = frozenset()) -> list[tuple[int, int, str]]:
    """Non-overlapping organisation mentions (longest first at each position): (start, end, key).

    ``extra`` are organisations not in the gazetteer; a name the gazetteer already knows is left to it, and a
    one-word name is matched in its own case only ("Global" is not "global")."""
    names: list[tuple[str, str, bool]] = []
    known: set[str] = set()
    if gazetteer is not None:
        for e in gazetteer.entities.values():
            if e.kind != "organisation":
                continue
            aliases = {a for a in (e.label, *e.aliases) if a}
            known |= {a.lower() for a in aliases}
            if exclude_types & set(e.types):
                continue
            names.extend((a, e.key, False) for a in aliases)
    claimed: set[str] = set()
    for c in sorted(extra, key=lambda c: -c.weight):
        for n in c.names:
            if n.lower() not in known and n.lower() not in claimed:
                claimed.add(n.lower())
                names.append((n, c.ref.key, len(n.split()) == 1))
    found: list[tuple[int, int, str]] = []
    for alias, key, case in names:
        found.extend((m.start(), m.end(), key) for m in _alias_regex(alias, case).finditer(text, start, end))
    found.sort(key=lambda t: (t[0], -(t[1] - t[0])))
    out, last_end = [], -1
    for s, e, k in found:
        if s >= last_end:
            out.append((s, e, k))
            last_end = e
    return out


def detect_issuer(text: str, start: int, end: int, gazetteer: Optional[Gazetteer],
                  title_span: Optional[tuple[int, int]], lead_end: int,
                  cued: Sequence[Candidate] = (),
                  exclude_types: frozenset[str] = frozenset()) -> Optional[EntityRef]:
    """The organisation with the highest score: its mentions (title +2, lead +1 each) plus its cue weights."""
    unknown = [c for c in cued if not c.known]
    mentions = organisation_mentions(text, start, end, gazetteer, unknown, exclude_types)
    score: dict[str, int] = {c.ref.key: c.weight for c in cued}
    first: dict[str, int] = {c.ref.key: end for c in cued}
    for s, _, k in mentions:
        w = 1
        if title_span and title_span[0] <= s < title_span[1]:
            w += 2
        if s < lead_end:
            w += 1
        score[k] = score.get(k, 0) + w
        first[k] = min(first.get(k, s), s)
    if not score:
        return None
    key = min(score, key=lambda k: (-score[k], first[k]))
    for c in cued:
        if c.ref.key == key:
            return c.ref
    return gazetteer.ref(key) if gazetteer is not None else None


def find_issuer(text: str, masked: str, start: int, end: int, title_span: Optional[tuple[int, int]],
                lead_start: int, genre: str, masthead: Optional[str], gazetteer: Optional[Gazetteer],
                rules: IssuerRules) -> Optional[EntityRef]:
    """The issuer of the document [start, end): cue candidates (and ``masthead``, a name the document is
    published under) scored with every organisation's mentions in the chrome-masked text."""
    lead_end = lead_start + rules.lead_chars
    zones = Zones(title=title_span, lead=(lead_start, min(end, lead_end)),
                  head=(start, min(end, start + rules.head_chars)), body=(start, end),
                  tail=(max(start, end - rules.tail_chars), end))
    hits = cue_hits(text, masked, zones, genre, rules)
    if masthead:
        hits.append((masthead, None, rules.masthead_weight, start))
    cued = candidates(hits, gazetteer, rules)
    return detect_issuer(masked, start, end, gazetteer, title_span, lead_end, cued, rules.exclude_types)


# ---------------------------------------------------------------- loading the rules

def load_issuer_rules(raw: dict, fill, legal_suffixes: frozenset[str],
                      exclude_types: frozenset[str]) -> IssuerRules:
    """Compile the ``issuer`` section: ``{ORG}`` in a cue becomes a capitalised name of up to ``org_words`` words
    (group ``name``; ``{ORGWORDS}`` the same without the group) none of which is in ``not_name`` or ``verbs``,
    then ``name_tail`` (a lower-case legal suffix);
    ``{VERB}`` an announcing verb; ``fill`` expands the date placeholders of segmentation.yaml."""
    stop = sorted({str(w) for w in raw.get("not_name") or []}, key=len, reverse=True)
    verbs = sorted({str(w) for w in raw.get("verbs") or []}, key=len, reverse=True)
    stop_alt = "|".join(map(re.escape, stop + verbs)) or "(?!x)x"
    word = rf"(?!(?i:{stop_alt})(?![\w]))" + str(raw.get("name_word") or r"[A-Z][\w&.-]*")
    n = int(raw.get("org_words") or 6)
    joiner = str(raw.get("name_joiner") or "[ ]")
    words = rf"{word}(?:{joiner}(?:&[ ])?{word}){{0,{n - 1}}}" + str(raw.get("name_tail") or "")
    verb = "(?i:" + ("|".join(map(re.escape, verbs)) or "(?!x)x") + r")(?![\w])"
    cues = []
    for c in raw.get("cues") or []:
        pattern = fill(str(c["regex"])).replace("{ORG}", f"(?P<name>{words})").replace("{ORGWORDS}", words)
        pattern = pattern.replace("{VERB}", verb)
        where = c.get("where", "body")
        cues.append(IssuerCue(str(c["name"]), re.compile(pattern, re.MULTILINE),
                              tuple([where] if isinstance(where, str) else where), int(c.get("weight", 1)),
                              bool(c.get("raw", False)), frozenset(c.get("genres") or [])))
    return IssuerRules(tuple(cues), frozenset(str(t).lower() for t in raw.get("company_terms") or []),
                       legal_suffixes, exclude_types, int(raw.get("masthead_weight", 3)),
                       int(raw.get("lead_chars", 400)), int(raw.get("head_chars", 1500)),
                       int(raw.get("tail_chars", 600)),
                       re.compile(str(raw["bare_suffix"])) if raw.get("bare_suffix") else None)
