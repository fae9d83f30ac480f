"""Who a deal figure belongs to and what it is in: the doer of a deal verb, a pronoun's antecedent, the company
dealt in, the fund a figure is about.

The doer is the nearest subject word before the verb in its sentence — a name the engine found, "we" or "the
Company" in the issuer's own text, a pronoun, or a relative "which" whose antecedent is the name before it — that is
not the object of a preposition ("led by Northvale", "from Arcadia"). A pronoun ("it", "its", "the company") takes
the last company named in subject position in its sentence, else in the sentences before (same or previous
paragraph); "the fund" takes the last fund named. A capitalised name the engine did not know is taken only where
the grammar places a company: before ", which", as the doer right before the verb, or as a described target
("Holmsgaard Akustik ApS, a Danish maker of ..."). Nothing is guessed: when no rule resolves, the caller leaves the
fact out.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

from ..iris import slugify
from ..records import EntityRef, Fact
from .context import ExtractionContext, Mentions
from .dealgrammar import DealGrammar, Shadow
from .text import Sentence

PARTY_KINDS = ("organisation", "fund", "segment", "group")
_NAME_RX = re.compile(r"[A-Z][\w&'’.-]{0,30}(?:[ \t]{1,3}(?:&[ \t]{1,3})?[A-Z][\w&'’.-]{0,30}){0,5}")
_FUND_RX = re.compile(r"(?<![\w&'’-])(?:[A-Z][\w&'’-]{0,30}[ \t]{1,3}){1,5}Fund(?:[ \t]{1,3}[IVX]{1,4})?(?![\w])")
_SUBJECT_WORD = re.compile(r"¤E(?P<e>\d+)¤|(?<![\w'’])(?P<w>[Ww]e|[Oo]ur|[Uu]s|[Ii]ts?|[Tt]hey|[Tt]heir|"
                           r"[Tt]he\s+(?:[Cc]ompany|[Gg]roup|firm|start-?up|business|maker|buyer|acquirer|investor|"
                           r"target|fund|vehicle)|[Ii]ts\s+fund|which|who)(?![\w])")
_SCALE_WORDS = frozenset({"Billion", "Million", "Trillion", "Bn", "Mn"})


@dataclass
class Party:
    ref: EntityRef
    how: str            # explicit | first-person | pronoun | relative | carried
    start: int = -1     # source span of the words that name it (when in the sentence)
    end: int = -1


@dataclass
class DealState:
    """What the document has named so far: subjects of earlier sentences, the last company dealt in, the last
    fund, the last commitment (for "of the commitment, ...")."""

    subjects: list[tuple[int, EntityRef]] = field(default_factory=list)    # (paragraph, subject)
    paragraph: int = 0
    last_end: int = -1
    target: Optional[tuple[int, EntityRef]] = None
    fund: Optional[EntityRef] = None
    commitment: Optional[Fact] = None
    named_funds: list[tuple[int, str]] = field(default_factory=list)       # (offset, name) in the document

    @classmethod
    def start(cls, ctx: ExtractionContext, g: DealGrammar) -> "DealState":
        st = cls()
        for mt in _FUND_RX.finditer(ctx.text, ctx.doc.start, ctx.doc.end):
            words = mt.group(0).split()
            while words and (words[0] in g.not_names or words[0] in _SCALE_WORDS or words[0].isupper()
                             and len(words[0]) <= 3):
                words = words[1:]
            if len(words) >= 2:
                st.named_funds.append((mt.start(), " ".join(words)))
        return st

    def next_sentence(self, ctx: ExtractionContext, s: Sentence) -> None:
        if self.last_end >= 0 and re.search(r"\n[ \t]*\n", ctx.text[self.last_end:s.start]):
            self.paragraph += 1
        self.last_end = s.end

    def remember(self, ctx: ExtractionContext, g: DealGrammar, s: Sentence, m: Mentions,
                 subject: Optional[EntityRef]) -> None:
        """After a sentence: its subject (a deal's doer, else the first company in subject position), the funds
        it names."""
        if subject is None:
            for e in m.entities:
                if e.kind in ("organisation", "fund") and not g.object_words.search(ctx.text[max(s.start, e.start - 12):e.start]):
                    subject = ctx.entity(e)
                    break
        if subject is not None:
            self.subjects.append((self.paragraph, subject))
            del self.subjects[:-8]
        for pos, name in self.named_funds:
            if s.start <= pos < s.end:
                self.fund = fund_entity(ctx, self, name)

    def antecedent(self, ctx: ExtractionContext, g: DealGrammar, sh: Shadow, before: int,
                   kinds: tuple[str, ...] = ("organisation",)) -> Optional[EntityRef]:
        """The company a pronoun at shadow offset ``before`` stands for."""
        for mt in reversed(list(re.finditer(r"¤E(\d+)¤", sh.text[:before]))):
            e = sh.names[int(mt.group(1))]
            if e.kind in kinds and not g.object_words.search(sh.text[max(0, mt.start() - 12):mt.start()]):
                return ctx.entity(e)
        for para, ref in reversed(self.subjects):
            if self.paragraph - para > 1:
                break
            if ref.kind in kinds:
                return ref
        return None


def issuer_speaks(ctx: ExtractionContext, pos: int) -> bool:
    if ctx.issuer is None:
        return False
    if ctx.doc.speaks_for_issuer:
        return True
    turn = ctx.turn_at(pos)
    return turn is not None and turn.role == "executive"


def agent(ctx: ExtractionContext, g: DealGrammar, sh: Shadow, st: DealState, verb: int,
          written: Optional[tuple[int, int]] = None) -> Optional[Party]:
    """The doer of the verb at shadow offset ``verb`` (or the words ``written`` the pattern captured)."""
    if written is not None:
        return _word_party(ctx, g, sh, st, written[0], written[1])
    lo = max(0, verb - 220)
    window = sh.text[lo:verb]
    cut = max(window.rfind(";"), window.rfind(" – "), window.rfind(" — "))
    if cut >= 0:
        lo += cut + 1
    near = _name_before(ctx, g, sh, lo, verb)
    cands = list(_SUBJECT_WORD.finditer(sh.text, lo, verb))
    for mt in reversed(cands):
        if near is not None and near.start > sh.span(mt.start(), mt.end())[0]:
            return near
        gap = sh.text[mt.end():verb]
        possessive = bool(re.match(r"['’]s?\b|\s*$", gap)) or mt.group("w") in ("its", "Its", "their", "Their",
                                                                              "our", "Our")
        if g.object_words.search(sh.text[max(lo, mt.start() - 12):mt.start()]) and not (
                possessive and len(gap.split()) <= 3):
            continue
        p = _word_party(ctx, g, sh, st, mt.start(), mt.end())
        if p is not None:
            return p
        if mt.group("e") is not None and sh.names[int(mt.group("e"))].kind in ("market", "product", "person"):
            continue
        return None     # a subject word that resolves to nothing: do not look further back
    return near


def _word_party(ctx: ExtractionContext, g: DealGrammar, sh: Shadow, st: DealState, a: int, b: int) -> Optional[Party]:
    word = re.sub(r"['’]s?\s*$", "", sh.text[a:b].strip())
    s0, s1 = sh.span(a, b)
    e = sh.name_at(word)
    if e is not None:
        return Party(ctx.entity(e), "explicit", s0, s1) if e.kind in PARTY_KINDS else None
    w = " ".join(word.split())
    if w in g.first_person or w.casefold() in ("we", "our", "us"):
        return Party(ctx.issuer, "first-person", s0, s1) if issuer_speaks(ctx, s0) else None   # type: ignore[arg-type]
    if w.casefold() in ("which", "who"):
        return _relative(ctx, g, sh, a)
    if w.casefold() in g.fund_words:
        return Party(st.fund, "pronoun", s0, s1) if st.fund is not None else None
    if w.casefold() in g.pronouns:
        ref = st.antecedent(ctx, g, sh, a)
        return Party(ref, "pronoun", s0, s1) if ref is not None else None
    if _NAME_RX.fullmatch(w) and name_ok(ctx, g, w, s1):
        return Party(discovered(ctx, g, w), "explicit", s0, s1)
    return None


def _relative(ctx: ExtractionContext, g: DealGrammar, sh: Shadow, at: int) -> Optional[Party]:
    """", which manages": the name right before the comma."""
    head = sh.text[max(0, at - 80):at]
    mt = re.search(r"(¤E\d+¤|" + _NAME_RX.pattern + r")(?:\s*\([^()]{0,30}\))?\s*,\s*$", head)
    if mt is None:
        return None
    a = at - len(head) + mt.start(1)
    return _word_party(ctx, g, sh, DealState(), a, a + len(mt.group(1)))


def _name_before(ctx: ExtractionContext, g: DealGrammar, sh: Shadow, lo: int, verb: int) -> Optional[Party]:
    """A capitalised name right before the verb ("Voltaro raised", "Brightline has agreed to buy")."""
    mt = re.search(r"(" + _NAME_RX.pattern + r")\s+(?:(?:has|have|had|also|already|now|then|said\s+it|agreed\s+to|"
                   r"will|would|is|was|plans\s+to|expects\s+to)\s+){0,3}$", sh.text[lo:verb])
    if mt is None:
        return None
    name = mt.group(1)
    s0, s1 = sh.span(lo + mt.start(1), lo + mt.end(1))
    if not name_ok(ctx, g, name, s1):
        return None
    return Party(discovered(ctx, g, name), "explicit", s0, s1)


def name_ok(ctx: ExtractionContext, g: DealGrammar, name: str, end: int, described: bool = False) -> bool:
    """A capitalised phrase is a company's name when it ends in a legal suffix or an organisation word ("Capital",
    "Ventures"), or the words after it describe a company; a sentence opener never is."""
    words = name.split()
    if not words or words[0] in g.not_names or any(w in g.not_names for w in words[-1:]):
        return False
    if any(name.endswith(" " + sfx) or name == sfx for sfx in g.legal_suffixes if len(sfx) > 1) and len(words) >= 2:
        return True
    if words[-1] in g.org_final and len(words) >= 2:
        return True
    return described or bool(g.company_nouns.match(ctx.text, end, min(len(ctx.text), end + 80))) and len(words) >= 2


def discovered(ctx: ExtractionContext, g: DealGrammar, name: str) -> EntityRef:
    name = " ".join(name.split()).rstrip(".,")
    if "names" in ctx.__dict__:
        known = ctx.names.surfaces.get(name.casefold())
        if known is not None:
            return ctx.names.refs[known]
    base = name
    for sfx in sorted(g.legal_suffixes, key=len, reverse=True):
        if base.endswith(" " + sfx):
            base = base[: -len(sfx)].rstrip(" ,")
            break
    return ctx.discover(slugify(base), "organisation", name, ("Company",))


def target(ctx: ExtractionContext, g: DealGrammar, sh: Shadow, st: DealState, a: int, b: int,
           company: bool = False) -> Optional[Party]:
    """The company (or fund) a stake, price or valuation is in: a name, a pronoun, or a described company."""
    word = re.sub(r"['’]s?$", "", " ".join(sh.text[a:b].split()))
    s0, s1 = sh.span(a, b)
    e = sh.name_at(word)
    if e is not None:
        if e.kind in ("organisation", "fund") or (e.kind == "segment" and not company):
            return Party(ctx.entity(e), "explicit", s0, s1)
        return None
    if word.casefold() in g.pronouns or word.casefold() in ("them",):
        ref = st.antecedent(ctx, g, sh, a)
        return Party(ref, "pronoun", s0, s1) if ref is not None else None
    if _NAME_RX.fullmatch(word) and name_ok(ctx, g, word, s1):
        return Party(discovered(ctx, g, word), "explicit", s0, s1)
    return None


def fund_entity(ctx: ExtractionContext, st: DealState, name: str) -> EntityRef:
    """A named fund: the longest name the document gives it ("Ecosystem Fund" is "Hualing Smart Ecosystem Fund")."""
    name = " ".join(name.split())
    longer = [n for _, n in st.named_funds if n.endswith(name) and len(n) > len(name)]
    if longer:
        name = max(longer, key=len)
    return ctx.discover(slugify(name), "fund", name, ("Fund",))


def fund(ctx: ExtractionContext, st: DealState, phrase: str, owner: Optional[Party]) -> Optional[EntityRef]:
    """The fund a phrase names or describes: a named fund, a description matching a named fund of the document
    ("a smart-home ecosystem fund" ~ "Hualing Smart Ecosystem Fund"), "the fund" (the last one named), else the
    owner's fund so described."""
    words = phrase.split()
    while words and words[0].casefold() in ("the", "a", "an", "its", "their", "our", "new"):
        words = words[1:]
    if not words:
        return st.fund
    caps = [w for w in words[:-1] if w[:1].isupper()]
    if caps and words[-1][:1].isupper():
        return fund_entity(ctx, st, " ".join(words))
    if len(words) == 1:
        return st.fund
    head = words[-2].casefold().split("-")[-1]
    for _, n in st.named_funds:
        parts = n.split()
        if len(parts) >= 2 and parts[-2].casefold() == head:
            return fund_entity(ctx, st, n)
    if owner is None:
        return None
    short = owner.ref.label
    if "names" in ctx.__dict__:
        forms = ctx.names.short_forms(short)
        short = forms[-1] if forms else short
    label = f"{short} {' '.join(words)}"
    return ctx.discover(slugify(f"{owner.ref.key}-{' '.join(words)}"), "fund", label, ("Fund",))
