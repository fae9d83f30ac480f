"""Time-series charts of metric facts, rendered server-side as inline SVG (works offline, no script)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from html import escape

from .facts import FactRow, format_value

SERIES_KINDS = ("metric", "market_share", "count", "investment", "change")


@dataclass
class Series:
    title: str
    unit: str
    points: list[tuple[str, Decimal, str]]  # (period label, value, fact id) in period order

    def svg(self, width: int = 560, height: int = 220) -> str:
        return render_svg(self, width, height)


def series_from(rows: list[FactRow], period_order: dict[str, str] | None = None) -> list[Series]:
    """One series per (kind, metric, subject, market, unit, basis, period granularity) with two or more periods."""
    groups: dict[tuple, dict[str, FactRow]] = {}
    for r in rows:
        if r.kind not in SERIES_KINDS or r.value is None or r.period is None or r.metric is None:
            continue
        subject = r.entity("subject")
        grain = re.sub(r"\d", "9", r.period.label)   # same label shape = same granularity (2019 vs 2019-Q3)
        key = (r.kind, r.metric.label, subject.label if subject else "", r.market.label if r.market else "",
               r.unit_text, tuple(v for k, v in r.literals if k.lower() == "basis"), grain)
        groups.setdefault(key, {}).setdefault(r.period.label, r)
    out = []
    order = period_order or {}
    for key, by_period in groups.items():
        if len(by_period) < 2:
            continue
        kind, metric, subject, market, unit, basis, _ = key
        pts = sorted(((p, r.value, r.fact_id) for p, r in by_period.items()), key=lambda t: order.get(t[0], t[0]))
        parts = [metric + (" (change)" if kind == "change" else "")]
        parts += [x for x in (subject, market, " ".join(basis)) if x]
        out.append(Series(" · ".join(parts), unit, pts))
    return sorted(out, key=lambda s: s.title)


def render_svg(s: Series, width: int, height: int) -> str:
    left, right, top, bottom = 96, 40, 24, 40
    vals = [float(v) for _, v, _ in s.points]
    lo, hi = min(vals + [0.0]), max(vals + [0.0])
    if hi == lo:
        hi = lo + 1.0
    n = len(s.points)
    xs = [left + (width - left - right) * (i / (n - 1) if n > 1 else 1 / 2) for i in range(n)]
    ys = [top + (height - top - bottom) * (1 - (v - lo) / (hi - lo)) for v in vals]
    zero_y = top + (height - top - bottom) * (1 - (0 - lo) / (hi - lo))
    title = escape(s.title)
    el = [f'<svg class="chart" role="img" aria-label="{title}" viewBox="0 0 {width} {height}" '
          f'width="{width}" height="{height}" xmlns="http://www.w3.org/2000/svg">',
          f'<title>{title}</title>',
          f'<line class="axis" x1="{left}" y1="{zero_y:.1f}" x2="{width - right}" y2="{zero_y:.1f}"/>',
          f'<text class="tick" x="{left - 6}" y="{top + 4}" text-anchor="end">'
          f'{escape(format_value(Decimal(str(hi)), s.unit))}</text>',
          f'<text class="tick" x="{left - 6}" y="{height - bottom + 4}" text-anchor="end">'
          f'{escape(format_value(Decimal(str(lo)), s.unit))}</text>',
          '<polyline class="line" fill="none" points="' + " ".join(f"{x:.1f},{y:.1f}" for x, y in zip(xs, ys))
          + '"/>']
    for (period, value, fid), x, y in zip(s.points, xs, ys):
        label = escape(f"{period}: {format_value(value, s.unit)}")
        el.append(f'<a href="#fact-{escape(fid)}"><circle class="point" cx="{x:.1f}" cy="{y:.1f}" r="4">'
                  f'<title>{label}</title></circle></a>')
        el.append(f'<text class="tick" x="{x:.1f}" y="{height - bottom + 18}" text-anchor="middle">'
                  f'{escape(period)}</text>')
    el.append("</svg>")
    return "".join(el)
