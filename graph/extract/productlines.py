"""Product lines a document names ("the Tessa line", "Kaito's budget Tessa range", "The company's Aurelo Watch
line", "Its Quill e-reader line", "our Halo headset family"): a determiner or an owner, up to two modifiers, a
name of model tokens, an optional lower-case product noun and a line word (``products.yaml`` open_world
line_words).

Each is learnt into the document's product lexicon (``productlexicon.py``) as a ``series`` (type ProductSeries)
unless the lexicon already knows the name as a product; a brand's possessive makes the brand's owner the
line's owner, "our"/"its"/"the company's" the issuer's in the issuer's own document (``own``), else the owner is
not known. A name that is a company or a part of one the document names (``not_names``) is not a line.
"""
from __future__ import annotations

import re
from typing import Optional

from ..records import EntityRef
from .productlexicon import ProductLexicon, _trim


def learn_lines(lexicon: ProductLexicon, text: str, start: int, end: int, own: Optional[str],
                line_words: list[str], not_names: frozenset[str] = frozenset()) -> None:
    rules = lexicon.rules
    if not line_words:
        return
    brands = sorted((b for b in lexicon.brands if len(b) >= 2), key=len, reverse=True)
    brand_alt = "|".join(re.escape(b).replace(r"\ ", r"[ \t]") for b in brands) or "(?!)"
    nouns = "|".join(re.escape(w) for w in sorted(set(line_words), key=len, reverse=True))
    rx = re.compile(
        rf"(?:(?<![\w-])(?P<det>[Tt]he|[Ii]ts|[Oo]ur|[Tt]heir)[ \t]{{1,3}}(?P<poss>(?:company|group|firm|brand)['’]s"
        rf"[ \t]{{1,3}})?|(?<![\w.-])(?P<brand>{brand_alt})['’]s[ \t]{{1,3}})"
        rf"(?:(?!(?:and|or|of|the)\b)[a-z][\w-]{{1,15}}[ \t]{{1,3}}){{0,2}}"
        rf"(?P<name>{rules.name})(?P<noun>(?:[ \t]{{1,3}}[a-z][\w-]{{1,15}})?[ \t]{{1,3}}(?:{nouns}))(?![\w-])")
    for m in rx.finditer(text, start, end):
        n = _trim(m.group("name"), rules)
        if not n or n != " ".join(m.group("name").split()) or n in not_names or \
                rules.tech_phrases.search(" " + n) or rules.component_after.match(text, m.end("name")):
            continue
        brand = m.group("brand")
        owner = lexicon.brands.get(brand) if brand else own if m.group("det") in ("our", "Our", "its", "Its") or \
            m.group("poss") else None
        before = set(lexicon.refs)
        ref = lexicon.add(f"{brand} {n}" if brand else n, owner)
        if ref is not None and ref.key not in before:
            lexicon.refs[ref.key] = EntityRef(ref.key, "series", ref.label, ("ProductSeries",), ref.owner)
