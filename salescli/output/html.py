"""HTML through jinja2 templates (autoescape on), self-contained: inline CSS and SVG charts,
nothing fetched from anywhere, printable on A4."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import jinja2

from salescli.labels import kind_of, label
from salescli.output.model import Output

PACKAGED = Path(__file__).resolve().parent.parent / "templates"
SOURCE_TREE = Path(__file__).resolve().parents[2] / "templates"


def template_folders(user: Path | None = None) -> list[Path]:
    folders = [user] if user else []
    folders += [p for p in (PACKAGED, SOURCE_TREE) if p.is_dir()]
    return folders


@cache
def environment(user: Path | None = None) -> jinja2.Environment:
    from salescli.output.write import display_value

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(p) for p in template_folders(user)]),
        autoescape=jinja2.select_autoescape(["html", "j2", "html.j2"], default=True),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["cell"] = lambda value, column: display_value(value, column)
    env.filters["label"] = label
    env.filters["kind"] = kind_of
    env.filters["money"] = lambda v: display_value(v, "amount")
    env.filters["percent"] = lambda v: display_value(v, "rate")
    env.filters["score"] = lambda v: display_value(v, "score")
    return env


def render(template: str, template_dir: Path | None = None, **context: Any) -> str:
    return environment(template_dir).get_template(template).render(**context)


def write_html(path: Path, output: Output, lang: str, template_dir: Path | None) -> None:
    from salescli.output.svg import chart_svg

    charts = [
        (chart, chart_svg(chart, output.table(chart.table).frame, lang))
        for chart in output.charts
        if any(t.name == chart.table for t in output.tables)
    ]
    page = render("page.html.j2", template_dir, output=output, lang=lang, charts=charts)
    path.write_text(page, encoding="utf-8")
