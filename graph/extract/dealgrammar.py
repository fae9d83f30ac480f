"""The deal grammar of ``mappings/patterns/deals.yaml``, compiled, and the token view of a sentence it reads.

A reading's pattern runs over a ``Shadow`` of the sentence: the sentence's text with every figure the quantity
grammar found replaced by a token (``¤M3¤`` money, ``¤P3¤`` a percentage, ``¤N3¤`` anything else) and every name
the engine found replaced by ``¤E5¤``. Patterns therefore name slots (``{money:price}``, ``{party:target}``) and
never re-parse numbers or names; the shadow keeps, for every character, its offset in the source, so a match maps
back to a verbatim quote. Every repetition in the grammar is bounded: a pattern costs time linear in the sentence.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

from .context import ExtractionContext, Mentions
from .matcher import Match
from .patterns import Patterns, alternation
from .quantities import Quantity
from .text import Sentence

_NAME = r"[A-Z][\w&'’.-]{0,30}(?:[ \t]{1,3}(?:&[ \t]{1,3})?[A-Z][\w&'’.-]{0,30}){0,4}"
_SLOT = re.compile(r"\{(?P<kind>money|pct|party|np):(?P<group>\w+)\}")
_WORDS = re.compile(r"\{(?P<name>\w+)\}")


@dataclass(frozen=True)
class FactSpec:
    """One fact a reading states."""

    figure: str          # the pattern group holding the figure's token
    metric: str          # metric-scheme key
    label: str           # the measure in words, with {target} {object} {fund} {series} {which} slots
    aspect: str          # event | state | prior
    subject: str         # agent | target | fund | commitment
    object: Optional[str] = None   # target | fund | object


@dataclass(frozen=True)
class Reading:
    name: str
    rx: re.Pattern[str]
    facts: tuple[FactSpec, ...]
    requires: Optional[re.Pattern[str]] = None
    object_after: bool = False
    company_target: bool = False
    issuer_default: bool = False


@dataclass
class DealGrammar:
    readings: list[Reading]
    triggers: re.Pattern[str]
    object_after: re.Pattern[str]
    horizon: re.Pattern[str]
    plan: re.Pattern[str]
    spend_objects: re.Pattern[str]
    not_objects: re.Pattern[str]
    ago_months: dict[str, int]
    first_person: frozenset[str]
    pronouns: frozenset[str]
    fund_words: frozenset[str]
    object_words: re.Pattern[str]
    company_nouns: re.Pattern[str]
    not_names: frozenset[str]
    legal_suffixes: tuple[str, ...]
    org_final: frozenset[str]
    number_words: dict[str, int] = field(default_factory=dict)

    @classmethod
    def load(cls, patterns: Patterns) -> "DealGrammar":
        cfg = patterns["deals"]
        words = {k: _alternation(v) for k, v in (cfg.get("words") or {}).items()}
        hedges = alternation(list((patterns["cues"].get("hedges") or {}).keys())).replace(r"\ ", r"\s+")
        slots = {
            "money": lambda g: rf"(?:(?:{hedges})\s+)?¤M(?P<{g}>\d+)¤",
            "pct": lambda g: rf"(?:(?:{hedges})\s+)?¤P(?P<{g}>\d+)¤",
            "party": lambda g: rf"(?P<{g}>¤E\d+¤|{_NAME})(?:\.(?=[\s,;(]))?",
            "np": lambda g: (rf"(?P<{g}>(?:[^,.;:()¤\"“”]|¤E\d+¤){{1,80}}?)(?=\s*(?:[,.;:()\"“”]|$)|\s+(?:which|where|"
                             rf"with|that|over|between|by|from)\b)"),
        }
        macros = dict(words)
        macros["conv"] = r"(?:\s*\(\s*[^()¤]{0,20}¤M\d+¤\s*\))?"
        macros["horizon"] = str(cfg.get("horizon") or r"(?!)")
        macros["prior"] = _expand(str(cfg.get("prior") or ""), macros, slots)

        def compile_(text: str, flags: int = 0) -> re.Pattern[str]:
            return re.compile(_expand(text, macros, slots), flags)

        readings = []
        for r in cfg.get("readings") or []:
            facts = tuple(FactSpec(str(f["figure"]), str(f["metric"]), str(f["label"]), str(f["aspect"]),
                                   str(f["subject"]), f.get("object")) for f in r.get("facts") or [])
            req = r.get("requires")
            readings.append(Reading(str(r["name"]), compile_(str(r["pattern"])), facts,
                                    re.compile(str(req), re.I) if req else None,
                                    bool(r.get("object_after")), bool(r.get("company_target")),
                                    bool(r.get("issuer_default"))))
        trig = "|".join(re.escape(str(t)).replace(r"\ ", r"\s+") for t in cfg.get("triggers") or [])
        names = patterns["names"]
        numbers = {str(k).casefold(): int(v) for k, v in (patterns["quantities"].get("number_words") or {}).items()}
        return cls(
            readings=readings,
            triggers=re.compile(rf"(?<![\w])(?:{trig or '(?!)'})", re.I),
            object_after=compile_(str(cfg.get("object_after") or r"(?!)")),
            horizon=compile_(str(cfg.get("horizon") or r"(?!)"), re.I),
            plan=re.compile(rf"(?<![\w])(?:{'|'.join(str(p) for p in cfg.get('plan_cues') or []) or '(?!)'})(?![\w])",
                            re.I),
            spend_objects=re.compile(rf"^(?:{'|'.join(str(p) for p in cfg.get('spend_objects') or []) or '(?!)'})\b",
                                     re.I),
            not_objects=re.compile(rf"^(?:{'|'.join(str(p) for p in cfg.get('not_objects') or []) or '(?!)'})$", re.I),
            ago_months={str(k).casefold(): int(v) for k, v in (cfg.get("ago_months") or {}).items()},
            first_person=frozenset(str(w) for w in cfg.get("first_person") or []),
            pronouns=frozenset(str(w).casefold() for w in cfg.get("pronouns") or []),
            fund_words=frozenset(str(w).casefold() for w in cfg.get("fund_words") or []),
            object_words=re.compile(rf"(?<![\w])(?:{_alternation(cfg.get('object_words') or [])})\s*$", re.I),
            company_nouns=re.compile(rf"\s*,\s*(?:an?|the|its)\s+(?:[\w-]{{1,20}}\s+){{0,4}}?"
                                     rf"(?:{_alternation(cfg.get('company_nouns') or [])})\b", re.I),
            not_names=frozenset(str(w) for w in cfg.get("not_names") or []),
            legal_suffixes=tuple(str(s) for s in names.get("legal_suffixes") or []),
            org_final=frozenset(str(w) for w in names.get("org_final_words") or []),
            number_words=numbers,
        )


def grammar(ctx: ExtractionContext) -> DealGrammar:
    """The compiled grammar, built once per engine."""
    g = ctx.engine.__dict__.get("_deal_grammar")
    if g is None:
        g = DealGrammar.load(ctx.patterns)
        ctx.engine.__dict__["_deal_grammar"] = g
    return g


def _alternation(items) -> str:
    """Regex fragments (a space matches any run of blanks), longest first."""
    parts = sorted({str(i) for i in items if str(i)}, key=lambda w: (-len(w), w))
    return "|".join(p.replace(" ", r"\s+") for p in parts) or "(?!)"


def _expand(text: str, macros: dict[str, str], slots: dict) -> str:
    text = _SLOT.sub(lambda m: slots[m.group("kind")](m.group("group")), text)
    def word(m: re.Match[str]) -> str:
        name = m.group("name")
        if name not in macros:
            return m.group(0)
        if name in ("conv", "prior", "horizon"):
            return f"(?:{macros[name]})"
        return rf"(?<![\w'’-])(?i:{macros[name]})(?![\w'’-])"
    return _WORDS.sub(word, text)


# ---------------------------------------------------------------------------------------------- the token view

@dataclass
class Shadow:
    """A sentence with its figures and names as tokens; character ``i`` stands for ``source[starts[i]:ends[i]]``."""

    text: str
    starts: list[int]
    ends: list[int]
    figures: list[Quantity]
    names: list[Match]

    def span(self, a: int, b: int) -> tuple[int, int]:
        """Source offsets of shadow span [a, b): a token maps to its whole figure or name."""
        if b <= a:
            p = self.starts[a] if a < len(self.starts) else self.ends[-1]
            return p, p
        return self.starts[a], self.ends[b - 1]

    def figure(self, group: Optional[str]) -> Optional[Quantity]:
        return self.figures[int(group)] if group is not None else None

    def name_at(self, token: str) -> Optional[Match]:
        m = re.fullmatch(r"¤E(\d+)¤", token)
        return self.names[int(m.group(1))] if m else None


def shadow(ctx: ExtractionContext, s: Sentence, m: Mentions) -> Shadow:
    text = ctx.text
    items: list[tuple[int, int, str]] = []
    for i, q in enumerate(m.quantities):
        kind = "M" if q.kind == "money" else "P" if q.kind == "percent" else "N"
        items.append((q.start, q.end, f"¤{kind}{i}¤"))
    names = [e for e in m.entities if not any(e.start < q.end and q.start < e.end for q in m.quantities)]
    for i, e in enumerate(names):
        items.append((e.start, e.end, f"¤E{i}¤"))
    items.sort(key=lambda t: (t[0], -(t[1] - t[0])))
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    cur = s.start
    for a, b, tok in items:
        if a < cur or b > s.end:
            continue
        out.append(text[cur:a].replace("¤", " "))
        starts.extend(range(cur, a))
        ends.extend(range(cur + 1, a + 1))
        out.append(tok)
        starts.extend([a] * len(tok))
        ends.extend([b] * len(tok))
        cur = b
    out.append(text[cur:s.end].replace("¤", " "))
    starts.extend(range(cur, s.end))
    ends.extend(range(cur + 1, s.end + 1))
    return Shadow("".join(out), starts, ends, list(m.quantities), names)
