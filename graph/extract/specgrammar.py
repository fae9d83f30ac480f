"""The product-specification grammar: text -> spec values with offsets (pure functions, no document context).

The rules are data (mappings/patterns/specs.yaml): a value pattern per spec (camera MP, mAh, W, inch, Hz,
nits, SoC names ...), cue tables that pick the spec key from nearby words ("telephoto", "wireless", "rear
display"), and reject/require patterns. ``find_specs`` reads one sentence; ``find_benchmark_scores`` reads camera
benchmark scores ("a benchmark score of 138 for overall camera performance"). The adapter that attaches values
to products is graph/extract/specs.py.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Optional, Union

from ..yamlload import load_file

_CLAUSE_BREAK = re.compile(r"[;\n•]")


@dataclass(frozen=True)
class Cue:
    regex: re.Pattern[str]
    key: str


@dataclass(frozen=True)
class SpecRule:
    name: str
    regex: re.Pattern[str]
    metric: str
    unit: Optional[str] = None
    roles: tuple[Cue, ...] = ()
    metric_suffix: str = ""
    kind_metric: dict[str, str] = field(default_factory=dict, hash=False, compare=False)
    value_text: Optional[str] = None
    reject_before: Optional[re.Pattern[str]] = None
    reject_after: Optional[re.Pattern[str]] = None
    requires_before: Optional[re.Pattern[str]] = None
    requires_near: Optional[re.Pattern[str]] = None
    requires_role: bool = False
    not_in_price_sentence: bool = False
    strip: Optional[re.Pattern[str]] = None
    kind_unit: bool = False      # the unit is the counted noun ("modes", "apps")
    unit_groups: dict[str, str] = field(default_factory=dict, hash=False, compare=False)  # group matched -> unit


@dataclass(frozen=True)
class SpecItem:
    """One specification value read from text; ``start``/``end`` are absolute offsets of the value mention."""

    metric: str
    value: Union[Decimal, str]
    unit: Optional[str]
    start: int
    end: int
    hedge: Optional[str] = None
    rule: str = ""
    specific: bool = False   # the spec key came from a cue (not the rule's default)
    versus: Optional[str] = None   # what a relative value is compared with ("than stainless steel")
    low: Optional[Decimal] = None  # the low end of a range ("1-120Hz": low 1, value 120)


@dataclass(frozen=True)
class ScoreItem:
    """A camera benchmark score: ``aspect`` is overall / video / zoom ..."""

    value: Decimal
    aspect: str
    start: int
    end: int


@dataclass(frozen=True)
class BenchmarkGrammar:
    names: re.Pattern[str]
    organisation_key: str
    metric: str
    unit: str
    scores: tuple[re.Pattern[str], ...]
    aspects: tuple[Cue, ...]
    aspect_metrics: tuple[tuple[str, str], ...] = ()   # aspect -> the measure its score is ("video" -> video-score)

    def metric_of(self, aspect: str) -> str:
        return dict(self.aspect_metrics).get(aspect, self.metric)


@dataclass(frozen=True)
class ColourGrammar:
    listing: re.Pattern[str]
    phrase: re.Pattern[str]
    cue: re.Pattern[str]
    after_in: re.Pattern[str]
    metric: str


@dataclass(frozen=True)
class SpecGrammar:
    rules: tuple[SpecRule, ...]
    separators: re.Pattern[str]
    hedge: re.Pattern[str]
    benchmark: BenchmarkGrammar
    colours: Optional[ColourGrammar] = None
    number_words: dict[str, Decimal] = field(default_factory=dict, hash=False, compare=False)
    compared: Optional[re.Pattern[str]] = None     # right before another product's value ("up from 4,500mAh")


def _cues(raw: list[dict]) -> tuple[Cue, ...]:
    return tuple(Cue(re.compile(c["cue"], re.IGNORECASE), str(c["key"])) for c in raw or ())


def _opt(pattern: Optional[str]) -> Optional[re.Pattern[str]]:
    return re.compile(pattern) if pattern else None


def load_spec_grammar(path: Path) -> SpecGrammar:
    """Read mappings/patterns/specs.yaml."""
    return build_spec_grammar(load_file(path))


def build_spec_grammar(data: dict) -> SpecGrammar:
    """Compile the parsed mappings/patterns/specs.yaml."""
    num = data["num"]
    tables = {name: _cues(cues) for name, cues in (data.get("roles") or {}).items()}
    rules = []
    for raw in data["rules"]:
        flags = re.IGNORECASE if "i" in str(raw.get("flags", "")) else 0
        rules.append(SpecRule(
            name=raw["name"], regex=re.compile(raw["pattern"].replace("{num}", num), flags),
            metric=raw["metric"], unit=raw.get("unit"), roles=tables.get(raw.get("roles", ""), ()),
            metric_suffix=raw.get("metric_suffix", ""), kind_metric=dict(raw.get("kind_metric") or {}),
            value_text=raw.get("value_text"), reject_before=_opt(raw.get("reject_before")),
            reject_after=_opt(raw.get("reject_after")), requires_before=_opt(raw.get("requires_before")),
            requires_near=_opt(raw.get("requires_near")), requires_role=bool(raw.get("requires_role")),
            not_in_price_sentence=bool(raw.get("not_in_price_sentence")), strip=_opt(raw.get("strip")),
            kind_unit=bool(raw.get("kind_unit")), unit_groups=dict(raw.get("unit_groups") or {}),
        ))
    hedges = sorted(data.get("hedges") or [], key=len, reverse=True)
    hedge = re.compile(r"\b(" + "|".join(re.escape(h) for h in hedges) + r")\s+$", re.IGNORECASE)
    b = data["benchmarks"]
    bench = BenchmarkGrammar(
        names=re.compile("|".join(re.escape(n) for n in b["names"]), re.IGNORECASE),
        organisation_key=b["organisation_key"], metric=b["metric"], unit=b["unit"],
        scores=tuple(re.compile(p.replace("{num}", num), re.IGNORECASE) for p in b["score"]),
        aspects=_cues(b["aspects"]),
        aspect_metrics=tuple((str(k), str(v)) for k, v in (b.get("aspect_metrics") or {}).items()),
    )
    colours = None
    c = data.get("colours")
    if c:
        words = "|".join(re.escape(w) for w in c["words"])
        phrase = rf"(?:[A-Z][a-z]+\s){{0,2}}(?:{words})\b"
        listing = re.compile(rf"{phrase}(?:(?:,\s(?:and\s|or\s)?|\s(?:and|or)\s){phrase})*")
        colours = ColourGrammar(listing, re.compile(phrase), re.compile(c["cue"]), re.compile(c["after_in"]),
                                c["metric"])
    words = {" ".join(str(k).lower().split()): Decimal(str(v)) for k, v in (data.get("number_words") or {}).items()}
    return SpecGrammar(tuple(rules), re.compile(data["separators"]), hedge, bench, colours, words,
                       _opt(data.get("compared_before")))


def _number(text: str) -> Decimal:
    return Decimal(text.replace(",", ""))


# Every scan around a value is bounded: the separators, the clause and the line are looked for within this many
# characters of the value, so the work per value is constant and a sentence's work linear in its length.
CONTEXT = 160
# Texts are read in chunks of at most this many characters (cut at a separator): each rule's regex sees one
# chunk at a time, so even a rule that backtracks costs at most a constant per chunk.
CHUNK = 2000


@dataclass
class WorkMeter:
    """Counts the work ``find_specs`` does: characters handed to a regex (``scanned``) and values considered
    (``matches``). Tests assert that it grows linearly with the text (issue 9, item 7)."""

    scanned: int = 0
    matches: int = 0

    def scan(self, n: int) -> None:
        self.scanned += max(0, n)


def chunks(text: str, size: int = CHUNK) -> list[tuple[int, int]]:
    """``text`` cut into spans of at most ``size`` characters, each cut at the last separator (newline, sentence
    end, semicolon, else a space) before the limit."""
    out: list[tuple[int, int]] = []
    i, n = 0, len(text)
    while i < n:
        j = min(n, i + size)
        if j < n:
            window = text[i:j]
            cut = max(window.rfind("\n"), window.rfind(". "), window.rfind("; "))
            if cut < size // 2:
                cut = window.rfind(" ")
            if cut > 0:
                j = i + cut + 1
        out.append((i, j))
        i = j
    return out


def _segment(text: str, s: int, e: int, seps: re.Pattern[str], meter: Optional[WorkMeter] = None) -> tuple[int, int]:
    """The span between the separators around [s, e) (a list item, a phrase), looked for within ``CONTEXT``."""
    a, b = max(0, s - CONTEXT), min(len(text), e + CONTEXT)
    lo, hi = a, b
    if meter is not None:
        meter.scan(b - a)
    for m in seps.finditer(text, a, b):
        if m.end() <= s:
            lo = m.end()
        elif m.start() >= e:
            hi = m.start()
            break
    return lo, hi


def _clause(text: str, s: int, e: int, meter: Optional[WorkMeter] = None) -> tuple[int, int]:
    a, b = max(0, s - CONTEXT), min(len(text), e + CONTEXT)
    if meter is not None:
        meter.scan(b - a)
    lo = max((m.end() for m in _CLAUSE_BREAK.finditer(text, a, s)), default=a)
    nxt = _CLAUSE_BREAK.search(text, e, b)
    return lo, nxt.start() if nxt else b


def pick_cue(cues: tuple[Cue, ...], text: str, lo: int, s: int, e: int, hi: int,
             nearest: bool = False) -> Optional[str]:
    """The cue found in text[lo:s] or text[e:hi]: the first table entry that matches (table order is
    priority), or with ``nearest`` the cue closest to the value."""
    best: Optional[tuple[int, str]] = None
    for cue in cues:
        hits = [m.start() - e for m in cue.regex.finditer(text, e, max(e, hi))]
        hits += [s - m.end() for m in cue.regex.finditer(text, lo, s)]
        if hits and not nearest:
            return cue.key
        if hits and (best is None or min(hits) < best[0]):
            best = (min(hits), cue.key)
    return best[1] if best else None


def _role(rule: SpecRule, text: str, s: int, e: int, seps: re.Pattern[str],
          meter: Optional[WorkMeter] = None) -> Optional[str]:
    if not rule.roles:
        return None
    lo, hi = _segment(text, s, e, seps, meter)
    key = pick_cue(rule.roles, text, lo, s, e, hi)
    if key is None:   # a parenthesis or list item inherits the cue of its clause's head ("main sensor (f/1.9)")
        clo, _ = _clause(text, s, e, meter)
        key = pick_cue(rule.roles, text, clo, s, e, e)
    return key


def _metric(rule: SpecRule, role: Optional[str], m: re.Match[str]) -> tuple[str, bool]:
    if rule.kind_metric and m.groupdict().get("kind"):
        kind = m.group("kind")
        for k, v in rule.kind_metric.items():
            if k.lower() == kind.lower():
                return v, True
    if role is None:
        return rule.metric, False
    return (role + rule.metric_suffix if rule.metric_suffix else role), True


def _value(rule: SpecRule, m: re.Match[str],
           number_words: dict[str, Decimal]) -> tuple[Union[Decimal, str], int, int]:
    groups = m.groupdict()
    if groups.get("num") is not None:
        return _number(m.group("num")), m.start(), m.end()
    if groups.get("word") is not None:          # "twice", "three times"
        return number_words[" ".join(m.group("word").lower().split())], m.start(), m.end()
    if rule.value_text:
        return rule.value_text, m.start(), m.end()
    name = "text" if groups.get("text") is not None else next(k for k, v in groups.items() if v is not None)
    raw = rule.strip.sub("", m.group(name)) if rule.strip else m.group(name)
    return " ".join(raw.split()), m.start(), m.end()


def find_specs(text: str, base: int, grammar: SpecGrammar, *, price_sentence: bool = False,
               skip: tuple[tuple[int, int], ...] = (), meter: Optional[WorkMeter] = None) -> list[SpecItem]:
    """All specification values in ``text`` (one sentence). ``base`` is the file offset of text[0];
    ``skip`` are absolute spans (e.g. product names such as "Nova TV LUX 65-inch OLED") where no value is read.
    Linear in the text: rules run over chunks of at most ``CHUNK`` characters and every look around a value is
    bounded by ``CONTEXT`` (``meter`` counts the work)."""
    items: list[SpecItem] = []
    n = len(text)
    taken = bytearray(n + 1)          # characters already part of a value
    blocked = bytearray(n + 1)        # characters of skipped spans
    for a, b in skip:
        for i in range(max(0, a - base), min(n, b - base)):
            blocked[i] = 1
    for lo_chunk, hi_chunk in chunks(text):
        for rule in grammar.rules:
            if rule.not_in_price_sentence and price_sentence:
                continue
            if meter is not None:
                meter.scan(hi_chunk - lo_chunk)
            for m in rule.regex.finditer(text, lo_chunk, hi_chunk):
                item = _item(text, base, grammar, rule, m, taken, blocked, meter)
                if item is not None:
                    items.append(item)
                    for i in range(m.start(), m.end()):
                        taken[i] = 1
    items.sort(key=lambda i: i.start)
    return items


def _item(text: str, base: int, grammar: SpecGrammar, rule: SpecRule, m: re.Match[str], taken: bytearray,
          blocked: bytearray, meter: Optional[WorkMeter]) -> Optional[SpecItem]:
    """The value of one rule match, or None when a check of the rule rejects it (bounded work)."""
    if meter is not None:
        meter.matches += 1
        meter.scan(2 * CONTEXT)
    s, e = m.start(), m.end()
    own_end = m.start("versus") if m.groupdict().get("versus") else e   # a compared product may follow
    if any(blocked[s:own_end]) or any(taken[s:e]):
        return None
    line_start = max(text.rfind("\n", max(0, s - CONTEXT), s) + 1, s - CONTEXT, 0)
    line_end = text.find("\n", e, e + CONTEXT)
    line_end = min(len(text), e + CONTEXT) if line_end < 0 else line_end
    if rule.reject_before and rule.reject_before.search(text[line_start:s]):
        return None
    if grammar.compared is not None and grammar.compared.search(text[max(line_start, s - 30):s]):
        return None         # "a 5,000mAh battery, up from 4,500mAh on last year's Nimbus": the older model's
    if rule.reject_after and rule.reject_after.search(text[e:line_end]):
        return None
    clo, chi = _clause(text, s, e, meter)
    if rule.requires_before and not rule.requires_before.search(text[clo:s]):
        return None
    if rule.requires_near and not rule.requires_near.search(text[clo:chi]):
        return None
    role = _role(rule, text, s, e, grammar.separators, meter)
    if rule.requires_role and role is None:
        return None
    metric, specific = _metric(rule, role, m)
    value, vs, ve = _value(rule, m, grammar.number_words)
    h = grammar.hedge.search(text[max(line_start, s - 20):s])
    hedge = m.groupdict().get("hedge") or (h.group(1) if h else None)
    if m.groupdict().get("plus"):
        hedge = hedge or "more than"
    unit = " ".join(m.group("kind").split()) if rule.kind_unit else rule.unit
    unit = next((u for g, u in rule.unit_groups.items() if m.groupdict().get(g)), unit)
    versus = m.groupdict().get("versus")
    low = _number(m.group("low")) if m.groupdict().get("low") else None
    return SpecItem(metric, value, unit, base + vs, base + ve, hedge.strip().lower() if hedge else None, rule.name,
                    specific, " ".join(versus.split()) if versus else None, low)


def find_benchmark_scores(text: str, base: int, grammar: SpecGrammar) -> list[ScoreItem]:
    """Camera benchmark scores in a sentence that names a benchmark; empty when it names none."""
    bench = grammar.benchmark
    if not bench.names.search(text):
        return []
    out: list[ScoreItem] = []
    seen: set[int] = set()
    for rx in bench.scores:
        for m in rx.finditer(text):
            s, e = m.start("num"), m.end("num")
            if s in seen:
                continue
            seen.add(s)
            clo, chi = _clause(text, m.start(), m.end())
            aspect = pick_cue(bench.aspects, text, clo, m.start(), m.end(), m.start(), nearest=True)
            if aspect is None:
                aspect = pick_cue(bench.aspects, text, m.end(), m.end(), m.end(), chi,
                                  nearest=True) or bench.aspects[0].key
            out.append(ScoreItem(_number(m.group("num")), aspect, base + m.start(), base + m.end()))
    out.sort(key=lambda i: i.start)
    return out


def find_colours(text: str, base: int, grammar: SpecGrammar) -> list[SpecItem]:
    """Colour names listed in a sentence that talks about colours, or right after "in" ("in Ceramic Black")."""
    cg = grammar.colours
    if cg is None:
        return []
    has_cue = bool(cg.cue.search(text))
    out: list[SpecItem] = []
    for m in cg.listing.finditer(text):
        if not has_cue and not cg.after_in.search(text[max(0, m.start() - 4):m.start()]):
            continue
        for p in cg.phrase.finditer(text, m.start(), m.end()):
            out.append(SpecItem(cg.metric, p.group(0), None, base + p.start(), base + p.end(), rule="colour",
                                specific=True))
    return out
