"""The concept of a measure the metric scheme lacks, minted from the text's own noun phrase ("fulfilment cost per
order", "share of deliveries", "new registered users").

Its label is the phrase the fact states (the fact's ``metric_label`` qualifier), else its key's words. Its
skos:broader is the scheme's concept that the phrase's head names: the head is the words before "of" or "per"
("share of deliveries" -> "share", "cost per order" -> "cost"), else the whole phrase; the concept is the one
whose label or alias is the longest run of the head's last words ("new registered users" -> registered users),
or the one the scheme's ``minted_heads`` table gives for a head word that names no concept of its own
(mappings/gazetteer/metrics.yaml). A ratio of two measures ("net debt to EBITDA") is a kind of neither: none.
"""
from __future__ import annotations

import re
from typing import Optional

from .gazetteer import Gazetteer
from .records import Fact

_WORD = re.compile(r"[^\W_]+(?:[&'’-][^\W_]+)*")


def minted_label(fact: Fact, gazetteer: Gazetteer) -> Optional[str]:
    """The label of the fact's metric: the scheme's, else the phrase the text named it with, else its key's words."""
    if fact.metric is None:
        return None
    entry = gazetteer.metrics.get(fact.metric)
    if entry is not None:
        return entry.label
    stated = next((v for k, v in fact.qualifiers if k == "metric_label" and v), None)
    return " ".join(str(stated).split()) if stated else fact.metric.replace("_", " ").replace("-", " ")


def _names(gazetteer: Gazetteer) -> dict[str, str]:
    out: dict[str, str] = {}
    for entry in gazetteer.metrics.values():
        for name in (entry.label, *entry.aliases):
            out.setdefault(" ".join(_WORD.findall(name.casefold())), entry.key)
    return out


def broader_of(label: str, gazetteer: Gazetteer, names: Optional[dict[str, str]] = None) -> Optional[str]:
    """The scheme's concept a minted measure is a kind of (its head's), or None."""
    words = _WORD.findall(label.casefold())
    if not words or "to" in words:
        return None
    for i, w in enumerate(words):
        if w in ("of", "per") and i > 0:
            words = words[:i]
            break
    names = names if names is not None else _names(gazetteer)
    for i in range(len(words)):
        tail = " ".join(words[i:])
        if tail in gazetteer.minted_heads:
            return gazetteer.minted_heads[tail]
        if tail in names:
            return names[tail]
    return None


def minted_concepts(facts: list[Fact], gazetteer: Gazetteer) -> dict[str, tuple[str, Optional[str]]]:
    """key -> (label, broader key) of each metric the facts name that the scheme lacks (the first label stated)."""
    out: dict[str, tuple[str, Optional[str]]] = {}
    names = _names(gazetteer)
    for fact in facts:
        if fact.metric and fact.metric not in gazetteer.metrics and fact.metric not in out:
            label = minted_label(fact, gazetteer) or fact.metric
            out[fact.metric] = (label, broader_of(label, gazetteer, names))
    return out
