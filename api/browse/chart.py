"""Time-series charts of metric facts, rendered server-side as inline SVG (works offline, no script).

The x axis is time: each point sits at the middle of its period (a quarter, a half, a year, a month, a day), so
2019-Q3 → 2020-Q2 → 2020-Q3 are spaced as the calendar spaces them; the y axis has round tick values with
labels in the series' unit and scale.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from html import escape

from .facts import FactRow, format_value

SERIES_KINDS = ("metric", "market_share", "count", "investment", "change")
_PERIOD = re.compile(r"^(\d{4})(?:-(Q[1-4]|H[12]|9M|\d{2})(?:-(\d{2}))?)?$")


def period_span(label: str) -> tuple[date, date] | None:
    """Calendar span of a canonical period label (2020-Q2, 2020-H1, 2020-9M, 2019, 2020-07, 2020-06-30)."""
    m = _PERIOD.match(label)
    if not m:
        return None
    year, part, day = int(m.group(1)), m.group(2), m.group(3)
    if part is None:
        return date(year, 1, 1), date(year, 12, 31)
    if part.startswith("Q"):
        q = int(part[1])
        return date(year, 3 * q - 2, 1), _month_end(year, 3 * q)
    if part.startswith("H"):
        h = int(part[1])
        return date(year, 6 * h - 5, 1), _month_end(year, 6 * h)
    if part == "9M":
        return date(year, 1, 1), date(year, 9, 30)
    month = int(part)
    if not 1 <= month <= 12:
        return None
    if day:
        try:
            d = date(year, month, int(day))
        except ValueError:
            return None
        return d, d
    return date(year, month, 1), _month_end(year, month)


def _month_end(year: int, month: int) -> date:
    nxt = date(year + (month == 12), month % 12 + 1, 1)
    return date.fromordinal(nxt.toordinal() - 1)


def midpoint(label: str) -> float | None:
    span = period_span(label)
    return None if span is None else (span[0].toordinal() + span[1].toordinal()) / 2


@dataclass
class Series:
    title: str
    unit: str
    points: list[tuple[str, Decimal, str]]  # (period label, value, fact id) in time order

    def svg(self, width: int = 560, height: int = 240) -> str:
        return render_svg(self, width, height)


def series_from(rows: list[FactRow], period_order: dict[str, str] | None = None) -> list[Series]:
    """One series per (kind, metric, subject, market, unit, basis, period granularity) with two or more periods
    that have calendar dates."""
    groups: dict[tuple, dict[str, FactRow]] = {}
    for r in rows:
        if r.kind not in SERIES_KINDS or r.value is None or r.period is None or r.metric is None:
            continue
        if midpoint(r.period.label) is None:
            continue
        subject = r.entity("subject")
        grain = re.sub(r"\d", "9", r.period.label)   # same label shape = same granularity (2019 vs 2019-Q3)
        key = (r.kind, r.metric.label, subject.label if subject else "", r.market.label if r.market else "",
               r.unit_text, tuple(v for k, v in r.literals if k.lower() == "basis"), grain)
        groups.setdefault(key, {}).setdefault(r.period.label, r)
    out = []
    for key, by_period in groups.items():
        if len(by_period) < 2:
            continue
        kind, metric, subject, market, unit, basis, _ = key
        pts = sorted(((p, r.value, r.fact_id) for p, r in by_period.items()), key=lambda t: midpoint(t[0]) or 0)
        parts = [metric + (" (change)" if kind == "change" else "")]
        parts += [x for x in (subject, market, " ".join(basis)) if x]
        out.append(Series(" · ".join(parts), unit, pts))
    return sorted(out, key=lambda s: s.title)


def nice_ticks(lo: float, hi: float, count: int = 5) -> list[float]:
    """Round tick values covering [lo, hi] (1, 2 or 5 times a power of ten apart)."""
    if hi <= lo:
        hi = lo + 1.0
    raw = (hi - lo) / max(count - 1, 1)
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    start = math.floor(lo / step) * step
    ticks = []
    v = start
    while v <= hi + step * 1e-9:
        ticks.append(round(v, 12))
        v += step
    if ticks[-1] < hi:
        ticks.append(round(ticks[-1] + step, 12))
    return ticks


def render_svg(s: Series, width: int, height: int) -> str:
    left, right, top, bottom = 100, 24, 16, 44
    vals = [float(v) for _, v, _ in s.points]
    ticks = nice_ticks(min(vals + [0.0]), max(vals + [0.0]))
    lo, hi = ticks[0], ticks[-1]
    xs_time = [midpoint(p) or 0.0 for p, _, _ in s.points]
    t0, t1 = min(xs_time), max(xs_time)
    span = (t1 - t0) or 1.0
    plot_w, plot_h = width - left - right, height - top - bottom
    x_of = lambda t: left + plot_w * (t - t0) / span  # noqa: E731
    y_of = lambda v: top + plot_h * (1 - (v - lo) / (hi - lo))  # noqa: E731
    title = escape(s.title)
    el = [f'<svg class="chart" role="img" aria-label="{title}" viewBox="0 0 {width} {height}" '
          f'width="{width}" height="{height}" xmlns="http://www.w3.org/2000/svg">', f'<title>{title}</title>']
    for v in ticks:   # horizontal grid lines with labelled values
        y = y_of(v)
        el.append(f'<line class="{"axis" if v == 0 else "grid"}" x1="{left}" y1="{y:.1f}" x2="{width - right}" '
                  f'y2="{y:.1f}"/>')
        el.append(f'<text class="tick y" x="{left - 6}" y="{y + 4:.1f}" text-anchor="end">'
                  f'{escape(format_value(Decimal(repr(v)), s.unit))}</text>')
    for year in range(date.fromordinal(int(t0)).year + 1, date.fromordinal(int(t1)).year + 1):
        x = x_of(date(year, 1, 1).toordinal())   # a year boundary, where the calendar puts it
        el.append(f'<line class="year" x1="{x:.1f}" y1="{top}" x2="{x:.1f}" y2="{height - bottom}"/>')
        el.append(f'<text class="tick year" x="{x:.1f}" y="{height - 4}" text-anchor="middle">{year}</text>')
    points = [(x_of(t), y_of(v)) for t, v in zip(xs_time, vals)]
    el.append('<polyline class="line" fill="none" points="' + " ".join(f"{x:.1f},{y:.1f}" for x, y in points) + '"/>')
    for (period, value, fid), (x, y) in zip(s.points, points):
        label = escape(f"{period}: {format_value(value, s.unit)}")
        el.append(f'<a href="#fact-{escape(fid)}"><circle class="point" cx="{x:.1f}" cy="{y:.1f}" r="4">'
                  f'<title>{label}</title></circle></a>')
        el.append(f'<text class="tick x" x="{x:.1f}" y="{height - bottom + 16}" text-anchor="middle">'
                  f'{escape(period)}</text>')
    el.append("</svg>")
    return "".join(el)
