"""Charts as inline SVG for the HTML pages (no JavaScript, nothing fetched), and the data both
the SVG and the native xlsx charts draw: bars sorted by the figure they show, many categories
as horizontal bars (ratios) or the top ones and the rest summed (amounts), ticks on 1-2-5
steps, a target line where there is a target."""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass
from html import escape

import pandas as pd

from salescli.i18n import _, render
from salescli.labels import label
from salescli.output.model import Chart

WIDTH, LEFT, RIGHT, BOTTOM, TOP = 720, 78, 24, 64, 34
COLOURS = ["#2f6db5", "#e0883a", "#4a9a5b", "#b54a4a"]
TARGET_COLOUR = "#c0392b"
ROW_PX = 15  # one horizontal bar


@dataclass
class ChartData:
    categories: list[str]
    series: dict[str, list[float]]  # name -> values (NaN: no value)
    horizontal: bool
    target: list[float] | None  # a target per category (a line), or None
    target_name: str
    rest: bool = False  # the last category sums the rest


def chart_data(chart: Chart, frame: pd.DataFrame, lang: str) -> ChartData:
    """What a chart draws, in the order it draws it."""
    frame = frame.reset_index(drop=True)
    categories = [str(v) for v in frame[chart.category].tolist()]
    values = {s: frame[s].astype("float64").tolist() for s in chart.series}
    target = None
    if chart.target and chart.target in frame:
        target = frame[chart.target].astype("float64").tolist()
    elif chart.target_value is not None:
        target = [float(chart.target_value)] * len(categories)
    order = list(range(len(categories)))
    if chart.sort and chart.kind == "bar":
        first = values[chart.series[0]]
        order.sort(key=lambda i: (-(first[i] if first[i] == first[i] else -math.inf), i))
    categories = [categories[i] for i in order]
    values = {s: [v[i] for i in order] for s, v in values.items()}
    target = [target[i] for i in order] if target else None
    horizontal, rest = False, False
    if chart.kind == "bar" and len(categories) > chart.top:
        if chart.percent:  # ratios do not add up: every category, as horizontal bars
            horizontal = True
        else:  # amounts: the top ones and the rest summed
            keep = chart.top - 1
            rest = _("the rest ({n})", n=len(categories) - keep)
            categories = [*categories[:keep], render(rest, lang)]
            values = {
                s: [*v[:keep], float(pd.Series(v[keep:]).sum(min_count=1))]
                for s, v in values.items()
            }
            target = None
            rest = True
    name = label("target", lang)
    return ChartData(categories, values, horizontal, target, name, rest)


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Ticks on 1-2-5 steps covering low..high (0 always included)."""
    low, high = min(low, 0.0), max(high, 0.0)
    if high - low <= 1e-9:  # nothing to scale (all zero): a plain 0..1 axis
        high = low + 1.0
    raw = (high - low) / count
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw * 0.999)
    start = math.floor(low / step + 1e-9) * step
    ticks = []
    value = start
    while value < high - 1e-9 * step:
        ticks.append(round(value, 12))
        value += step
    ticks.append(round(value, 12))
    return ticks


def tick_text(value: float, percent: bool) -> str:
    if percent:
        return f"{value:.0%}"
    return f"{value:,.0f}" if abs(value) >= 1 or value == 0 else f"{value:,.2g}"


def chart_svg(chart: Chart, frame: pd.DataFrame, lang: str) -> str:
    data = chart_data(chart, frame, lang)
    if data.horizontal:
        return _horizontal(chart, data, lang)
    return _vertical(chart, data, lang)


def _extent(data: ChartData) -> tuple[float, float]:
    numbers = [v for vs in data.series.values() for v in vs if v == v]
    numbers += [v for v in data.target or [] if v == v]
    return (min(numbers, default=0.0), max(numbers, default=1.0))


def _legend(chart: Chart, data: ChartData, lang: str) -> list[str]:
    parts = []
    x = LEFT
    for s, series in enumerate(chart.series):
        colour = COLOURS[s % len(COLOURS)]
        text = escape(label(series, lang))
        if chart.kind == "line":  # a line's sample, dashed like the target's line
            dash = ' stroke-dasharray="6,4"' if series == chart.target else ""
            sample = (
                f'<line x1="{x}" y1="13" x2="{x + 16}" y2="13" stroke="{colour}" '
                f'stroke-width="2"{dash}/>'
            )
            width = 20
        else:
            sample = f'<rect x="{x}" y="8" width="10" height="10" fill="{colour}"/>'
            width = 14
        parts.append(f'{sample}<text x="{x + width}" y="17" font-size="11">{text}</text>')
        # a Chinese character is one em (11px) wide, a Latin one about half of that
        x += width + 10 + sum(11 if unicodedata.east_asian_width(ch) in "WF" else 7 for ch in text)
    if data.target and chart.kind == "bar":
        parts.append(
            f'<line x1="{x}" y1="13" x2="{x + 16}" y2="13" stroke="{TARGET_COLOUR}" '
            f'stroke-width="2" stroke-dasharray="5,3"/>'
            f'<text x="{x + 20}" y="17" font-size="11">{escape(data.target_name)}</text>'
        )
    return parts


def _vertical(chart: Chart, data: ChartData, lang: str) -> str:
    height = 300
    low, high = _extent(data)
    ticks = nice_ticks(low, high)
    bottom, top = ticks[0], ticks[-1]
    plot_w, plot_h = WIDTH - LEFT - RIGHT, height - BOTTOM - TOP
    n = max(len(data.categories), 1)
    step = plot_w / n

    def y_of(value: float) -> float:
        return TOP + plot_h - plot_h * (value - bottom) / (top - bottom)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
        f'role="img" class="chart"><title>{escape(_title(chart, lang))}</title>'
    ]
    for tick in ticks:
        y = y_of(tick)
        parts.append(
            f'<line x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" y2="{y:.1f}" '
            f'stroke="{"#444" if tick == 0 else "#ddd"}"/>'
            f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end" font-size="10">'
            f"{tick_text(tick, chart.percent)}</text>"
        )
    zero = y_of(0.0)
    for s, series in enumerate(chart.series):
        colour = COLOURS[s % len(COLOURS)]
        runs: list[list[str]] = [[]]
        for i, value in enumerate(data.series[series]):
            if value != value:  # a missing value draws no bar and breaks the line
                runs.append([])
                continue
            x = LEFT + step * i
            if chart.kind == "bar":
                bar_w = step * 0.8 / len(chart.series)
                bx = x + step * 0.1 + bar_w * s
                y = y_of(value)
                parts.append(
                    f'<rect x="{bx:.1f}" y="{min(y, zero):.1f}" width="{bar_w:.1f}" '
                    f'height="{abs(zero - y):.1f}" fill="{colour}"/>'
                )
            else:
                runs[-1].append(f"{x + step / 2:.1f},{y_of(value):.1f}")
        dash = ' stroke-dasharray="6,4"' if chart.kind == "line" and series == chart.target else ""
        for points in runs:
            if len(points) > 1:
                parts.append(
                    f'<polyline fill="none" stroke="{colour}" stroke-width="2"{dash} '
                    f'points="{" ".join(points)}"/>'
                )
            elif points:
                x, y = points[0].split(",")
                parts.append(f'<circle cx="{x}" cy="{y}" r="3" fill="{colour}"/>')
    if data.target and chart.kind == "bar":
        for i, value in enumerate(data.target):
            if value == value:
                x = LEFT + step * i
                parts.append(
                    f'<line x1="{x + step * 0.05:.1f}" y1="{y_of(value):.1f}" '
                    f'x2="{x + step * 0.95:.1f}" y2="{y_of(value):.1f}" '
                    f'stroke="{TARGET_COLOUR}" stroke-width="2" stroke-dasharray="5,3"/>'
                )
    parts += _legend(chart, data, lang)
    every = max(1, math.ceil(n / 24))  # never more labels than fit
    for i, category in enumerate(data.categories):
        if i % every:
            continue
        x = LEFT + step * i + step / 2
        parts.append(
            f'<text x="{x:.1f}" y="{TOP + plot_h + 14}" font-size="10" '
            f'text-anchor="end" transform="rotate(-35 {x:.1f} {TOP + plot_h + 14})">'
            f"{escape(category)}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)


def _horizontal(chart: Chart, data: ChartData, lang: str) -> str:
    """One row per category, largest at the top, names at the left, a target line across."""
    n = len(data.categories)
    left = 96
    top_margin, bottom_margin = 30, 24
    height = top_margin + ROW_PX * n + bottom_margin
    low, high = _extent(data)
    ticks = nice_ticks(low, high)
    first, last = ticks[0], ticks[-1]
    plot_w = WIDTH - left - RIGHT

    def x_of(value: float) -> float:
        return left + plot_w * (value - first) / (last - first)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
        f'role="img" class="chart"><title>{escape(_title(chart, lang))}</title>'
    ]
    axis_y = top_margin + ROW_PX * n
    for tick in ticks:
        x = x_of(tick)
        parts.append(
            f'<line x1="{x:.1f}" y1="{top_margin}" x2="{x:.1f}" y2="{axis_y}" '
            f'stroke="{"#444" if tick == 0 else "#ddd"}"/>'
            f'<text x="{x:.1f}" y="{axis_y + 14}" text-anchor="middle" font-size="10">'
            f"{tick_text(tick, chart.percent)}</text>"
        )
    zero = x_of(0.0)
    bar_h = ROW_PX * 0.75 / len(chart.series)
    for i, category in enumerate(data.categories):
        y = top_margin + ROW_PX * i
        parts.append(
            f'<text x="{left - 6}" y="{y + ROW_PX * 0.72:.1f}" text-anchor="end" '
            f'font-size="10">{escape(category)}</text>'
        )
        for s, series in enumerate(chart.series):
            value = data.series[series][i]
            if value != value:
                continue
            x = x_of(value)
            parts.append(
                f'<rect x="{min(x, zero):.1f}" y="{y + ROW_PX * 0.125 + bar_h * s:.1f}" '
                f'width="{abs(x - zero):.1f}" height="{bar_h:.1f}" '
                f'fill="{COLOURS[s % len(COLOURS)]}"/>'
            )
    if data.target:
        values = {v for v in data.target if v == v}
        if len(values) == 1:  # one target for all: one line across
            x = x_of(values.pop())
            parts.append(
                f'<line x1="{x:.1f}" y1="{top_margin - 4}" x2="{x:.1f}" y2="{axis_y}" '
                f'stroke="{TARGET_COLOUR}" stroke-width="2" stroke-dasharray="5,3"/>'
            )
        else:
            for i, value in enumerate(data.target):
                if value == value:
                    y = top_margin + ROW_PX * i
                    parts.append(
                        f'<line x1="{x_of(value):.1f}" y1="{y:.1f}" x2="{x_of(value):.1f}" '
                        f'y2="{y + ROW_PX:.1f}" stroke="{TARGET_COLOUR}" stroke-width="2"/>'
                    )
    parts += _legend(chart, data, lang)
    parts.append("</svg>")
    return "".join(parts)


def _title(chart: Chart, lang: str) -> str:
    return render(chart.title, lang)
