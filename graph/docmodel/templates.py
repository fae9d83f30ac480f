"""Pattern templates shared by mappings/segmentation.yaml and mappings/docmodel.yaml.

``{MONTH}`` ``{MONTHNAME}`` ``{DAY}`` ``{YEAR}`` ``{WEEKDAY}`` ``{PLACE}`` expand to regex pieces; ``{DATE}`` is one
compiled pattern per date shape (``dated``). Months, weekdays, place and date shapes come from segmentation.yaml.
"""
from __future__ import annotations

import re
from typing import Any, Optional, Pattern


class Templates:
    """Expands {MONTH} {MONTHNAME} {DAY} {YEAR} {WEEKDAY} {PLACE} {DATE} in pattern strings."""

    def __init__(self, raw: dict[str, Any], extra: Optional[dict[str, str]] = None):
        self.months: dict[str, int] = {}
        for num, names in (raw.get("months") or {}).items():
            for n in names:
                self.months[str(n).lower()] = int(num)
        names = sorted(self.months, key=len, reverse=True)
        weekdays = sorted((str(w).lower() for w in raw.get("weekdays") or []), key=len, reverse=True)
        self.tokens = {
            "{MONTH}": "(?P<month>(?i:" + "|".join(map(re.escape, names)) + "))",
            "{MONTHNAME}": "(?i:" + "|".join(map(re.escape, names)) + ")",
            "{DAY}": r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?",
            "{YEAR}": r"(?P<year>(?:19|20)\d{2})",
            "{WEEKDAY}": "(?i:" + "|".join(map(re.escape, weekdays)) + ")",
            "{PLACE}": "(?:" + str(raw.get("place") or r"[A-Z][\w .'-]*") + ")",
        }
        self.tokens.update(extra or {})
        self.dates = [self.fill(d) for d in raw.get("dates") or []]

    def fill(self, pattern: str) -> str:
        for token, value in self.tokens.items():
            pattern = pattern.replace(token, value)
        return pattern

    def one(self, pattern: str, flags: int = 0) -> Pattern[str]:
        return re.compile(self.fill(pattern), re.MULTILINE | flags)

    def dated(self, pattern: str) -> list[Pattern[str]]:
        """One compiled regex per date shape when the pattern holds {DATE}."""
        if "{DATE}" not in pattern:
            return [self.one(pattern)]
        return [re.compile(self.fill(pattern).replace("{DATE}", "(?:" + d + ")"), re.MULTILINE) for d in self.dates]
