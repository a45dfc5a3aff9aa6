"""Charts as inline SVG for the HTML pages (no JavaScript, nothing fetched)."""

from __future__ import annotations

from html import escape

import pandas as pd

from salescli.labels import label
from salescli.output.model import Chart

WIDTH, HEIGHT, LEFT, BOTTOM, TOP = 720, 300, 70, 60, 30
COLOURS = ["#2f6db5", "#e0883a", "#4a9a5b", "#b54a4a"]


def chart_svg(chart: Chart, frame: pd.DataFrame, lang: str) -> str:
    categories = [str(v) for v in frame[chart.category].tolist()]
    values = frame[chart.series].astype("float64")
    top = max(float(values.fillna(0.0).to_numpy().max(initial=0.0)), 1e-9)
    plot_w, plot_h = WIDTH - LEFT - 20, HEIGHT - BOTTOM - TOP
    step = plot_w / max(len(categories), 1)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'role="img" class="chart"><title>{escape(_title(chart, lang))}</title>',
        f'<line x1="{LEFT}" y1="{TOP + plot_h}" x2="{WIDTH - 20}" y2="{TOP + plot_h}" '
        'stroke="#444"/>',
    ]
    for tick in range(5):
        value = top * tick / 4
        y = TOP + plot_h - plot_h * tick / 4
        text = f"{value:.0%}" if chart.percent else f"{value:,.0f}"
        parts.append(
            f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end" font-size="10">{text}</text>'
        )
        parts.append(
            f'<line x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - 20}" y2="{y:.1f}" stroke="#ddd"/>'
        )
    for s, series in enumerate(chart.series):
        colour = COLOURS[s % len(COLOURS)]
        runs: list[list[str]] = [[]]
        for i, value in enumerate(values[series].tolist()):
            if value != value:  # a missing value draws no bar and breaks the line
                runs.append([])
                continue
            height = plot_h * max(value, 0.0) / top
            x = LEFT + step * i
            if chart.kind == "bar":
                bar_w = step * 0.8 / len(chart.series)
                bx = x + step * 0.1 + bar_w * s
                parts.append(
                    f'<rect x="{bx:.1f}" y="{TOP + plot_h - height:.1f}" '
                    f'width="{bar_w:.1f}" height="{height:.1f}" fill="{colour}"/>'
                )
            else:
                runs[-1].append(f"{x + step / 2:.1f},{TOP + plot_h - height:.1f}")
        for points in runs:
            if len(points) > 1:
                parts.append(
                    f'<polyline fill="none" stroke="{colour}" stroke-width="2" '
                    f'points="{" ".join(points)}"/>'
                )
            elif points:
                x, y = points[0].split(",")
                parts.append(f'<circle cx="{x}" cy="{y}" r="3" fill="{colour}"/>')
        parts.append(
            f'<rect x="{LEFT + 150 * s}" y="8" width="10" height="10" fill="{colour}"/>'
            f'<text x="{LEFT + 150 * s + 14}" y="17" font-size="11">'
            f"{escape(label(series, lang))}</text>"
        )
    for i, category in enumerate(categories):
        x = LEFT + step * i + step / 2
        parts.append(
            f'<text x="{x:.1f}" y="{TOP + plot_h + 14}" font-size="10" '
            f'text-anchor="end" transform="rotate(-35 {x:.1f} {TOP + plot_h + 14})">'
            f"{escape(category)}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)


def _title(chart: Chart, lang: str) -> str:
    return chart.title_zh if lang == "zh" and chart.title_zh else chart.title
