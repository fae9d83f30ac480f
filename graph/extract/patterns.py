"""Load the statement patterns (cue words, grammars' vocabularies) from ``mappings/patterns/*.yaml``.

All corpus-facing words live in those files; modules ask for a file by its stem (``patterns["cues"]``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Iterable, TypeVar

from ..yamlload import load_file

T = TypeVar("T")


@dataclass
class Patterns:
    """The parsed YAML files of a patterns folder, keyed by file stem."""

    files: dict[str, dict[str, Any]] = field(default_factory=dict)

    def __getitem__(self, stem: str) -> dict[str, Any]:
        return self.files.get(stem) or {}

    def words(self, stem: str, key: str) -> list[str]:
        """A list of cue words, or the keys of a mapping."""
        value = self[stem].get(key) or []
        return list(value.keys()) if isinstance(value, dict) else [str(v) for v in value]


def load_patterns(folder: Path) -> Patterns:
    """Read every ``*.yaml`` in ``folder``."""
    files: dict[str, dict[str, Any]] = {}
    for path in sorted(folder.glob("*.yaml")):
        files[path.stem] = load_file(path) or {}
    return Patterns(files)


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of literal words, longest first (so "more than" wins over "more"). Extractors ask for the
    same lists sentence after sentence; the sorted, escaped string is made once per distinct list."""
    return _alternation(tuple(words))


@lru_cache(maxsize=4096)
def _alternation(words: tuple[str, ...]) -> str:
    uniq = sorted({w for w in words if w}, key=lambda w: (-len(w), w))
    return "|".join(re.escape(w) for w in uniq) or "(?!)"


def word_regex(words: Iterable[str], flags: int = re.IGNORECASE) -> re.Pattern[str]:
    """Match any of ``words`` as whole words (no letter or digit glued on either side)."""
    return re.compile(rf"(?<![\w$]){'(?:' + alternation(words) + ')'}(?![\w])", flags)


def phrase_alternation(words: Iterable[str]) -> str:
    """``alternation`` where a space of a phrase matches any whitespace ("went on sale" across a wrapped line)."""
    uniq = sorted({str(w) for w in words if w}, key=lambda w: (-len(w), w))
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in uniq) or "(?!)"


def per_document(holder: Any, name: str, build: Callable[[], T]) -> T:
    """``build()`` once per extraction context (``holder``): rules compiled from mappings are reused by every figure
    of the document."""
    cached = holder.__dict__.get(name)
    if cached is None:
        cached = holder.__dict__[name] = build()
    return cached


def accounting_regex(frames: dict[str, Any]) -> re.Pattern[str]:
    """The accounting basis words of ``frames.yaml`` (``accounting``) as whole words, except before a word of
    ``accounting_not_before`` ("comparable EBITA" is adjusted; "the comparable quarter", "comparable store sales"
    state no basis)."""
    words = (frames.get("accounting") or {}).keys()
    nots = alternation(str(w) for w in frames.get("accounting_not_before") or [])
    return re.compile(rf"(?<![\w-])(?:{alternation(words)})(?![\w-])(?![\s-]+(?i:{nots})\b)")
