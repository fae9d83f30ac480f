"""The HTTP ``Accept`` header: media ranges with q-values, and the quality a media type gets from them.

Shared by the SPARQL endpoint (result formats) and the linked-data pages (representations of a resource).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional


@dataclass(frozen=True)
class MediaRange:
    type: str
    subtype: str
    q: float

    @property
    def specificity(self) -> int:
        return (self.type != "*") + (self.subtype != "*")

    def matches(self, media_type: str) -> bool:
        t, _, s = media_type.partition("/")
        return self.type in ("*", t) and self.subtype in ("*", s)


def parse_accept(header: Optional[str]) -> list[MediaRange]:
    """``Accept`` as media ranges; an absent or empty header accepts anything."""
    if not header or not header.strip():
        return [MediaRange("*", "*", 1.0)]
    out = []
    for part in header.split(","):
        fields = [f.strip() for f in part.split(";")]
        mt = fields[0].lower()
        if not mt:
            continue
        if "/" not in mt:
            mt = "*/*" if mt == "*" else mt + "/*"
        q = 1.0
        for f in fields[1:]:
            k, _, v = f.partition("=")
            if k.strip().lower() == "q":
                try:
                    q = max(0.0, min(1.0, float(v)))
                except ValueError:
                    q = 0.0
        t, _, s = mt.partition("/")
        out.append(MediaRange(t, s, q))
    return out


def quality(ranges: list[MediaRange], media_type: str) -> float:
    """q of the most specific range matching ``media_type`` (0 when none matches)."""
    best: Optional[MediaRange] = None
    for r in ranges:
        if r.matches(media_type) and (best is None or r.specificity > best.specificity):
            best = r
    return best.q if best else 0.0
