"""The products one document names, learnt from the document itself (open-world product names).

A product the gazetteer has never heard of ("Fjord 5 Lite", "Stellar Edge", "Sora Plus", "Aero 14") is learnt
from the places a text introduces a product, all data in the ``open_world`` section of
mappings/patterns/products.yaml:

- a brand of the document (the issuer's short name, companies the document names, gazetteer brands) followed by
  model tokens, also after a possessive ("Lumeo Stellar Edge", "Ambrel Canvas 11", "Quillon's Nimbus Air Pro");
- the object of a launch verb and the names listed after it ("unveiled three new smartphones, the Fjord 5 Lite,
  the Fjord 5 Pro and the Fjord 5 Ultra", "took the wraps off the Aero 14");
- an apposition after a category noun ("its flagship Mini LED range, the Lumina MX");
- "the" and a name of two or more tokens ending in a digit or a variant word ("the Talon Flux 2");
- a spec-sheet heading: a short heading line made of a name, followed by "Label: value" lines.

A name is a sequence of model tokens (capitalised words, tokens with digits, short capitals, variant words); a
name ending in a variant word is a variant of its family ("Fjord 5 Lite" of "Fjord 5", "Sora Plus" of "Sora").
Every learnt name is then found everywhere in the document, with and without its brand, and "the Pro" names the
one product of the document whose name ends in that variant word.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterable, Optional

from ..iris import slugify
from ..records import EntityRef

_WINDOW = 240          # characters after a launch cue in which listed names are read


@dataclass(frozen=True)
class LexiconRules:
    """Compiled ``open_world`` section of mappings/patterns/products.yaml."""

    token: str
    variant_words: frozenset[str]
    stop_tokens: frozenset[str]
    corporate_words: frozenset[str]
    launch_cue: re.Pattern[str]
    list_link: re.Pattern[str]
    apposition: re.Pattern[str]
    component_after: re.Pattern[str]
    component_before: re.Pattern[str]
    category_after: re.Pattern[str]
    heading_skip: re.Pattern[str]
    tech_phrases: re.Pattern[str]
    not_product: re.Pattern[str]
    determiner: re.Pattern[str] = re.compile(r"(?!)")
    own_determiner: re.Pattern[str] = re.compile(r"(?!)")
    introduced_after: re.Pattern[str] = re.compile(r"(?!)")
    not_after_noun: re.Pattern[str] = re.compile(r"(?!)")
    series_after: re.Pattern[str] = re.compile(r"(?!)")
    family_determiner: re.Pattern[str] = re.compile(r"(?!)")

    @classmethod
    def from_data(cls, data: dict) -> "LexiconRules":
        ow = data.get("open_world") or {}
        variants = [str(w) for w in data.get("variant_words") or []] + [str(w) for w in ow.get("variant_words") or []]
        return cls(
            token=str(ow["token"]),
            variant_words=frozenset(variants),
            stop_tokens=frozenset(str(w).casefold() for w in ow.get("stop_tokens") or []),
            corporate_words=frozenset(str(w) for w in ow.get("corporate_words") or []),
            launch_cue=re.compile(ow["launch_cue"]),
            list_link=re.compile(ow["list_link"]),
            apposition=re.compile(ow["apposition"]),
            tech_phrases=re.compile(r"(?:^|\s)(?:%s)\b" % "|".join(re.escape(t) for t in ow.get("tech_phrases") or ["(?!)"])),
            component_after=re.compile(ow["component_after"], re.IGNORECASE),
            component_before=re.compile(ow["component_before"], re.IGNORECASE),
            category_after=re.compile(r"[ \t]{1,3}(?:[a-z-]{1,20}[ \t]){0,2}(?:%s)\b" % "|".join(
                [c["cue"] for c in data.get("categories") or [{"cue": "(?!)"}]] +
                [r"\b(?:%s)\b" % "|".join(ow.get("product_nouns") or ["(?!)"])]), re.IGNORECASE),
            determiner=re.compile(ow.get("determiner") or r"(?!)"),
            own_determiner=re.compile(ow.get("own_determiner") or r"(?!)"),
            introduced_after=re.compile(ow.get("introduced_after") or r"(?!)"),
            not_after_noun=re.compile(ow.get("not_after_noun") or r"(?!)", re.IGNORECASE),
            series_after=re.compile(r"[ \t]{1,3}(?:%s)\b" % "|".join(
                re.escape(str(w)) for w in data.get("series_words") or ["(?!)"])),
            heading_skip=re.compile(ow["heading_skip"], re.IGNORECASE),
            family_determiner=re.compile(ow.get("family_determiner") or r"(?!)"),
            not_product=re.compile(ow["not_product"]),
        )

    @property
    def name(self) -> str:
        """A name: one to four tokens separated by single spaces; a single capital letter may end it ("Aster X",
        "Hikari R")."""
        return rf"(?:{self.token})(?:[ \t]{{1,2}}(?:{self.token})){{0,3}}(?:[ \t](?:[A-Z](?![\w'’.&-])))?"


@dataclass
class ProductLexicon:
    """The products of one document: surface form -> product, families and variant words."""

    rules: LexiconRules
    brands: dict[str, Optional[str]] = field(default_factory=dict)    # brand surface -> owner key
    refs: dict[str, EntityRef] = field(default_factory=dict)          # key -> product
    forms: dict[str, str] = field(default_factory=dict)               # surface form -> key
    family: dict[str, tuple[str, str]] = field(default_factory=dict)  # variant key -> family key, label
    _rx: Optional[re.Pattern[str]] = None
    _short: dict[str, str] = field(default_factory=dict)

    def add(self, name: str, owner: Optional[str] = None) -> Optional[EntityRef]:
        """Learn a product name as written; a brand of the document in front of it is split off (its owner is the
        product's owner), else ``owner`` is."""
        brand = next((b for b in sorted(self.brands, key=len, reverse=True) if name.startswith(b + " ")), None)
        if brand is not None:
            owner = self.brands[brand] or owner
            name = name[len(brand):]
        tokens = name.split()
        if not _plausible(tokens, self.rules) or " ".join(tokens) in self.brands:
            return None
        model = " ".join(tokens)
        if model in self.forms:
            return self.refs[self.forms[model]]
        if brand is None:
            # "the Pods Max" after "the Aurelo Pods Max", "the Aria Max" after "the Nagi Aria Max": the same product
            tails = {key for form, key in self.forms.items() if form.split()[1:] == tokens}
            if len(tails) == 1:
                key = tails.pop()
                self.forms[model] = key
                self._rx = None
                return self.refs[key]
            # "the Nimbus Air" after "Quillon's Nimbus Air Pro": the family of a learnt variant has its brand
            fam = next((lab[:-len(model) - 1] for _, lab in self.family.values() if lab.endswith(" " + model)
                        and lab[:-len(model) - 1] in self.brands), None)
            # "the Canvas Pen" beside "Ambrel Canvas 11": a name opening with a brand's product line is the brand's
            lines = {lab.split()[0] for r in self.refs.values() if r.owner for lab in [r.label]
                     if len(lab.split()) > 2 and lab.split()[0] in self.brands and lab.split()[1] == tokens[0]}
            if fam is None and len(lines) == 1:
                fam = lines.pop()
            if fam is not None:
                brand, owner = fam, self.brands[fam] or owner
        brand = brand or self.brand_of(owner)
        label = f"{brand} {model}" if brand else model
        key = slugify(label)
        ref = self.refs.get(key)
        if ref is None:
            ref = EntityRef(key, "product", label, (), owner)
            self.refs[key] = ref
        self.forms[model] = key
        self.forms.setdefault(label, key)
        if len(tokens) >= 2 and tokens[-1] in self.rules.variant_words:
            fam = " ".join(tokens[:-1])
            self.family[key] = (slugify(f"{brand} {fam}" if brand else fam), f"{brand} {fam}" if brand else fam)
        self._rx = None
        return ref

    def brand_of(self, owner: Optional[str]) -> Optional[str]:
        """The shortest brand of the document that stands for ``owner``."""
        forms = [b for b, o in self.brands.items() if o == owner and owner is not None]
        return min(forms, key=len) if forms else None

    def typed(self, key: str, category: str) -> None:
        ref = self.refs.get(key)
        if ref is not None and not ref.types:
            self.refs[key] = EntityRef(ref.key, ref.kind, ref.label, (category,), ref.owner)

    def family_ref(self, key: str) -> Optional[EntityRef]:
        """The family of a variant: a product of the document, else a series named by the family's words."""
        fam = self.family.get(key)
        if fam is None:
            return None
        if fam[0] in self.refs:
            return self.refs[fam[0]]
        return EntityRef(fam[0], "series", fam[1], ("ProductSeries",), self.refs[key].owner)

    def by_variant_word(self, word: str) -> Optional[EntityRef]:
        """The one product of the document whose name ends in ``word`` ("the Pro"), else None."""
        found = {k for k in self.refs if k in self.family and self.refs[k].label.split()[-1] == word}
        return self.refs[found.pop()] if len(found) == 1 else None

    def short_forms(self) -> dict[str, str]:
        """A learnt name without its first word stands for it when no other product shares it ("Aria Max" for
        "Nagi Aria Max", "Aria" for "Nagi Aria"); a lone variant word, a stop token or a short token does not."""
        found: dict[str, set[str]] = {}
        for form, key in self.forms.items():
            tokens = form.split()
            rest = tokens[1:]
            if not rest or " ".join(rest) in self.forms or " ".join(rest) in self.brands:
                continue
            if len(rest) == 1 and (rest[0] in self.rules.variant_words or rest[0] in self.rules.stop_tokens or
                                   len(rest[0]) < 3 or not rest[0][:1].isupper() or any(c.isdigit() for c in rest[0])):
                continue
            found.setdefault(" ".join(rest), set()).add(key)
        return {f: next(iter(keys)) for f, keys in found.items() if len(keys) == 1}

    @property
    def regex(self) -> Optional[re.Pattern[str]]:
        if self._rx is None and self.forms:
            self._short = self.short_forms()
            alt = "|".join(re.escape(f).replace(r"\ ", r"[ \t\n]{1,3}")
                           for f in sorted({*self.forms, *self._short}, key=len, reverse=True))
            self._rx = re.compile(rf"(?<![\w.@/-])(?:{alt})(?![\w+]|-\w)")
        return self._rx

    def find(self, text: str, start: int, end: int) -> list[tuple[int, int, EntityRef]]:
        """Products named in text[start:end]: learnt forms (longest first) and their short forms, then "the Pro"
        variant references."""
        out: list[tuple[int, int, EntityRef]] = []
        rx = self.regex
        if rx is not None:
            for m in rx.finditer(text, start, end):
                surface = " ".join(m.group(0).split())
                key = self.forms.get(surface) or self._short.get(surface)
                if key is not None:
                    out.append((m.start(), m.end(), self.refs[key]))
        if self.family:
            words = "|".join(sorted({re.escape(r.label.split()[-1]) for k, r in self.refs.items() if k in self.family}))
            for m in re.finditer(rf"\b[Tt]he[ \t]{{1,2}}({words})\b(?![ \t]?(?:[A-Z0-9]))", text[start:end]):
                ref = self.by_variant_word(m.group(1))
                s = start + m.start(1)
                if ref is not None and not any(a <= s < b for a, b, _ in out):
                    out.append((s, start + m.end(1), ref))
        return sorted(out, key=lambda x: x[0])


def _plausible(tokens: list[str], rules: LexiconRules) -> bool:
    """A product name: not made of stop tokens only, not opening with a stop or corporate word, not a period."""
    if not tokens or len(tokens) > 5:
        return False
    if tokens[0].casefold() in rules.stop_tokens or tokens[0] in rules.corporate_words or \
            tokens[0] in rules.variant_words:
        return False
    if any(t in rules.corporate_words for t in tokens):
        return False
    return rules.not_product.search(" ".join(tokens)) is None


def _strong(tokens: list[str], rules: LexiconRules) -> bool:
    """A name that looks like a model by itself: a token with a digit, a variant word, or short capitals."""
    if not tokens:
        return False
    return any(re.search(r"\d", t) or t in rules.variant_words or re.fullmatch(r"[A-Z]{2,4}", t) for t in tokens[1:]) \
        or bool(re.search(r"\d", tokens[0]))


def _trim(name: str, rules: LexiconRules) -> str:
    """A name read by a greedy pattern, cut before a stop token ("Aero 14 Orders" -> "Aero 14")."""
    tech = rules.tech_phrases.search(name)
    tokens = (name[:tech.start()] if tech else name).split()
    for i, t in enumerate(tokens):
        if i and t.casefold() in rules.stop_tokens:
            return " ".join(tokens[:i])
    return " ".join(tokens)


def learn(lexicon: ProductLexicon, text: str, start: int, end: int, headings: Iterable[tuple[int, int]],
          issuer: Optional[str], companies: frozenset[str] = frozenset()) -> None:
    """Learn the document's product names from text[start:end] (see the module doc). ``headings`` are the spans
    of spec-sheet headings; ``issuer`` is the issuer's key (the owner of what a launch cue introduces)."""
    rules = lexicon.rules
    name = rules.name
    brands = sorted((b for b in lexicon.brands if len(b) >= 2), key=len, reverse=True)
    weak: list[str] = []        # brand + a name that is no model by itself ("Acme Finance")
    if brands:
        alt = "|".join(re.escape(b).replace(r"\ ", r"[ \t]") for b in brands)
        brand_rx = re.compile(rf"(?<![\w.@/-])(?P<brand>{alt})(?:['’]s)?[ \t]{{1,3}}(?P<name>{name})(?![\w'’-])")
        for m in brand_rx.finditer(text, start, end):
            n = _trim(m.group("name"), rules)
            after = m.start("name") + len(n)
            if not n or rules.component_after.match(text, after) or \
                    rules.component_before.search(text, max(start, m.start() - 30), m.start()):
                continue
            if _strong(n.split(), rules) or rules.category_after.match(text, after):
                lexicon.add(f"{m.group('brand')} {n}")
            else:
                weak.append(f"{m.group('brand')} {n}")
    item = re.compile(rf"[ \t]{{0,3}}[\"“”*]{{0,2}}[ \t]{{0,2}}(?P<name>{name})")
    for cue in rules.launch_cue.finditer(text, start, end):
        pos, limit = cue.end(), min(end, cue.end() + _WINDOW)
        while pos < limit:
            m = item.match(text, pos, limit)
            if m is None:
                break
            n = _trim(m.group("name"), rules)
            if rules.component_after.match(text, m.start("name") + len(n)):
                break
            if lexicon.add(n, issuer) is None:
                break
            pos = m.start("name") + len(n)
            link = rules.list_link.match(text, pos, limit)
            if link is None or n != m.group("name").strip():
                break
            pos = link.end()
    for m in re.finditer(rf"{rules.apposition.pattern}(?P<name>{name})", text[start:end]):
        lexicon.add(_trim(m.group("name"), rules), issuer)
    _learn_introduced(lexicon, text, start, end, issuer, companies)
    lines = {r.label.split()[1] for r in lexicon.refs.values() if r.owner and len(r.label.split()) > 1}
    for m in re.finditer(rf"(?<![\w-])[Tt]he[ \t]{{1,2}}(?P<name>{name})", text[start:end]):
        n = _trim(m.group("name"), rules)
        if len(n.split()) >= 2 and (_strong(n.split(), rules) or n.split()[0] in lines) and \
                not rules.component_after.match(text, start + m.start("name") + len(n)) and \
                not rules.component_before.search(text, max(start, start + m.start() - 30), start + m.start()):
            lexicon.add(n)
    families = {label for _, label in lexicon.family.values()}
    for w in weak:                  # "Lumeo Stellar" is a product when "Lumeo Stellar Edge" is its variant
        if " ".join(w.split()) in families:
            lexicon.add(w)
    _learn_families(lexicon, text, start, end, families)
    _learn_variants(lexicon, text, start, end)
    for a, b in headings:
        line = " ".join(text[a:b].split())
        if rules.heading_skip.search(line) or not re.fullmatch(name, line):
            continue
        if _strong(line.split(), rules) or line in lexicon.forms:
            lexicon.add(line, issuer)


def _learn_families(lexicon: ProductLexicon, text: str, start: int, end: int, families: set[str]) -> None:
    """The family of a learnt variant named by itself after a determiner ("the cheaper Nimbus Air" beside "Quillon's
    Nimbus Air Pro") is a product, not a series: no model token or series word follows it."""
    rules = lexicon.rules
    for label in families:
        brand = next((b for b in lexicon.brands if label.startswith(b + " ")), None)
        model = label[len(brand) + 1:] if brand else label
        if not model or " ".join(model.split()) in lexicon.forms:
            continue
        body = r"[ \t]{1,3}".join(re.escape(t) for t in model.split())
        rx = re.compile(rf"(?<![\w'’-]){body}(?![\w'’+-]|[ \t]{{1,3}}(?:{rules.token}))")
        for m in rx.finditer(text, start, end):
            if rules.family_determiner.search(text, max(start, m.start() - 40), m.start()) and \
                    not rules.series_after.match(text, m.end()):
                lexicon.add(label)
                break


def _learn_variants(lexicon: ProductLexicon, text: str, start: int, end: int) -> None:
    """A learnt name followed by a variant word is that name's variant ("last year's Stellar Pro" beside "Lumeo
    Stellar"), with the learnt name's brand."""
    rules = lexicon.rules
    words = sorted((w for w in rules.variant_words if len(w) >= 2 and " " not in w), key=len, reverse=True)
    if not lexicon.forms or not words:
        return
    forms = sorted(lexicon.forms, key=len, reverse=True)
    alt = "|".join(re.escape(f).replace(r"\ ", r"[ \t]{1,2}") for f in forms)
    rx = re.compile(rf"(?<![\w.@/-])(?P<form>{alt})[ \t](?P<word>{'|'.join(map(re.escape, words))})(?![\w+'’-]|[ \t][A-Z0-9])")
    found = {(" ".join(m.group("form").split()), m.group("word")) for m in rx.finditer(text, start, end)}
    for form, word in sorted(found):
        ref = lexicon.refs[lexicon.forms[form]]
        if f"{form} {word}" not in lexicon.forms and not ref.label.endswith(" " + word):
            lexicon.add(f"{ref.label} {word}", ref.owner)


def _learn_introduced(lexicon: ProductLexicon, text: str, start: int, end: int, issuer: Optional[str],
                      companies: frozenset[str] = frozenset()) -> None:
    """Names without a digit that the text introduces as products: a determiner, then the name, then a product
    noun ("the Skagen 2 soundbar", "Our Nimbus earbuds", "its Tessera handheld console"), or a name followed by a
    launch or sale verb ("the Seorin Vela, which went on sale", "Sonaro launched in November", "The Hearth Mini, a
    compact hub, went on sale"). "our"/"its" make the issuer the owner; a name that is the first word of a company
    the document names ("the Kaito phones" of Kaito Mobile) is the maker, not a product."""
    rules = lexicon.rules
    rx = re.compile(rf"(?P<det>{rules.determiner.pattern})(?P<name>{rules.name})")
    for m in rx.finditer(text, start, end):
        n = _trim(m.group("name"), rules)
        after = m.start("name") + len(n)
        tech = rules.tech_phrases.match(text, after)
        if n and tech is not None and rules.series_after.match(text, tech.end()):
            n, after = n + tech.group(0), tech.end()         # "The Meghna QLED range": the range's name
        if not n or n in companies or rules.component_after.match(text, after):
            continue
        noun = rules.category_after.match(text, after)
        if noun is not None and rules.not_after_noun.match(text, noun.end()):
            continue
        if noun is not None or rules.introduced_after.match(text, after):
            own = rules.own_determiner.fullmatch(m.group("det").strip()) is not None
            lexicon.add(n, issuer if own else None)
    opener = re.compile(rf"(?:(?<=[.!?:;][ \t])|(?<=\n)|(?<=^))(?P<name>{rules.name})")
    for m in opener.finditer(text, start, end):
        n = _trim(m.group("name"), rules)
        after = m.start("name") + len(n)
        if n and n not in companies and len(n.split()) <= 3 and rules.introduced_after.match(text, after):
            lexicon.add(n)
