"""Cue words around figures: hedges, change verbs, change bases, baselines, relative periods, statuses,
issuer words, "respectively", source attributions, streaks and "for the first time".

All words come from ``mappings/patterns/cues.yaml``; each cue is a ``Cue`` with its span and canonical value.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .patterns import Patterns, word_regex


@dataclass(frozen=True)
class Cue:
    start: int
    end: int
    kind: str     # hedge | up | down | multiplier | basis | baseline | relative | status | issuer | respectively
    #               | source_cue | streak | first_time | record
    value: Any
    surface: str


class CueFinder:
    """One regex per cue family, compiled from the patterns."""

    def __init__(self, patterns: Patterns):
        c = patterns["cues"]
        self.maps: dict[str, dict[str, Any]] = {
            "hedge": {k.lower(): v for k, v in (c.get("hedges") or {}).items()},
            "up": {str(w).lower(): 1 for w in c.get("change_up") or []},
            "down": {str(w).lower(): -1 for w in c.get("change_down") or []},
            "multiplier": {k.lower(): v for k, v in (c.get("multipliers") or {}).items()},
            "basis": {k.lower(): v for k, v in (c.get("bases") or {}).items()},
            "baseline": {str(w).lower(): True for w in c.get("baseline_openers") or []},
            "relative": {k.lower(): v for k, v in (c.get("relative_periods") or {}).items()},
            "status": {k.lower(): v for k, v in (c.get("status") or {}).items()},
            "issuer": {str(w).lower(): True for w in c.get("issuer_words") or []},
            "respectively": {str(w).lower(): True for w in c.get("respectively") or []},
            "source_cue": {str(w).lower(): True for w in c.get("source_cues") or []},
            "streak": {str(w).lower(): True for w in c.get("streak_words") or []},
            "first_time": {str(w).lower(): True for w in c.get("first_time") or []},
            "record": {str(w).lower(): True for w in c.get("record_words") or []},
        }
        self.rx = {k: word_regex(v.keys()) for k, v in self.maps.items() if v}

    def find(self, text: str, start: int, end: int, kinds: tuple[str, ...] | None = None) -> list[Cue]:
        out: list[Cue] = []
        for kind, rx in self.rx.items():
            if kinds and kind not in kinds:
                continue
            for m in rx.finditer(text, start, end):
                out.append(Cue(m.start(), m.end(), kind, self.maps[kind][m.group(0).lower()], m.group(0)))
        out.sort(key=lambda c: (c.start, -(c.end - c.start)))
        return out
