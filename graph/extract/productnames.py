"""Product-name grammar: finds product and series names in text, known or not (pure functions).

Known names come from the gazetteer (kinds product/series, matched by the engine); unknown ones are
discovered here: a brand from the gazetteer ("Mi", "Zeta", "Orbit") followed by model tokens, at least one of
which carries a digit ("Mi 11 Ultra", "Orbit S21 series"). The grammar is data in
mappings/patterns/products.yaml. Discovered names become EntityRefs keyed by the slug of their label.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Optional

from ..iris import slugify
from ..records import EntityRef
from ..yamlload import load_file


@dataclass(frozen=True)
class ProductGrammar:
    name: re.Pattern[str]
    digit: re.Pattern[str]
    series: re.Pattern[str]
    categories: tuple[tuple[re.Pattern[str], str], ...]
    product_kinds: tuple[str, ...]
    reject_after: Optional[re.Pattern[str]] = None
    not_models: frozenset[str] = frozenset()


@dataclass(frozen=True)
class ProductName:
    """A product name found in text: absolute span, label as written (spaces normalised), series or not."""

    start: int
    end: int
    label: str
    kind: str           # "product" | "series"
    brand: str          # the brand surface form


def _alt(words: Iterable[str]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=len, reverse=True))


def build_product_grammar(data: dict, brands: Iterable[str]) -> ProductGrammar:
    """Compile the grammar from the parsed mappings/patterns/products.yaml and the brand surface forms."""
    brands = tuple(sorted(set(brands)))
    words = list(data.get("variant_words") or []) + list(data.get("model_words") or [])
    token = rf"(?:(?:{_alt(words)})\+?|{data['model_token']})(?![\w+])"
    series = _alt(data.get("series_words") or [])
    name = re.compile(
        rf"(?<![\w.@/-])(?P<brand>{_alt(brands)})(?P<model>(?:\s+{token})+)(?:\s+(?P<series>{series})\b)?")
    cats = tuple((re.compile(c["cue"], re.IGNORECASE), c["type"]) for c in data.get("categories") or ())
    rej = data.get("reject_after")
    return ProductGrammar(name, re.compile(r"\d"), re.compile(series), cats,
                          tuple(data.get("product_kinds") or ("product", "series")),
                          re.compile(rej, re.IGNORECASE) if rej else None,
                          frozenset(data.get("not_models") or ()))


def load_product_grammar(path: Path, brands: Iterable[str]) -> ProductGrammar:
    """Read mappings/patterns/products.yaml; ``brands`` are the brand surface forms (gazetteer labels/aliases)."""
    return build_product_grammar(load_file(path), brands)


def find_product_names(text: str, base: int, grammar: ProductGrammar,
                       known: Iterable[tuple[int, int]] = ()) -> list[ProductName]:
    """Product names discovered in ``text`` (file offset ``base``) that do not overlap ``known`` spans
    (absolute spans of gazetteer matches, which take precedence)."""
    known = list(known)
    out: list[ProductName] = []
    for m in grammar.name.finditer(text):
        if not grammar.digit.search(m.group("model")) and len(m.group("model").split()) < 2:
            continue      # "Mi Home" is no product; "Zeta Pad SE" and "Mi 11" are
        s, e = base + m.start(), base + m.end()
        if any(s < b and a < e for a, b in known):
            continue
        if grammar.reject_after is not None and grammar.reject_after.match(text, m.end()):
            continue
        if set(m.group("model").split()) <= grammar.not_models:
            continue
        label = " ".join(m.group(0).split())
        out.append(ProductName(s, e, label, "series" if m.group("series") else "product", m.group("brand")))
    return out


def category_of(sentence: str, grammar: ProductGrammar, default: Optional[str] = None) -> Optional[str]:
    """The product category class named by a cue word in the sentence, else ``default``."""
    for rx, typ in grammar.categories:
        if rx.search(sentence):
            return typ
    return default


def discovered_ref(name: ProductName, category: Optional[str]) -> EntityRef:
    """The EntityRef of a discovered product: key = slug of its label, types = its category if known."""
    types: tuple[str, ...] = ()
    if name.kind == "series":
        types = ("ProductSeries",)
    elif category:
        types = (category,)
    return EntityRef(slugify(name.label), name.kind, name.label, types)
