"""HTML through jinja2 templates (autoescape on), self-contained: inline CSS and SVG charts,
nothing fetched from anywhere, printable on A4."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import jinja2

from salescli.labels import Kind, declared_kind, label
from salescli.messages import translate
from salescli.output.formats import shown
from salescli.output.model import Output

PACKAGED = Path(__file__).resolve().parent.parent / "templates"
SOURCE_TREE = Path(__file__).resolve().parents[2] / "templates"


def template_folders(user: Path | None = None) -> list[Path]:
    folders = [user] if user else []
    folders += [p for p in (PACKAGED, SOURCE_TREE) if p.is_dir()]
    return folders


@cache
def environment(user: Path | None = None) -> jinja2.Environment:
    from salescli.output.write import display_cells, numeric_columns

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(p) for p in template_folders(user)]),
        autoescape=jinja2.select_autoescape(["html", "j2", "html.j2"], default=True),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["cell"] = lambda value, figure, lang="en": shown(value, _figure_kind(figure), lang)
    env.filters["label"] = label
    env.filters["say"] = translate
    env.filters["money"] = lambda v: shown(v, "money")
    env.filters["percent"] = lambda v: shown(v, "ratio")
    env.filters["score"] = lambda v: shown(v, "score")
    env.globals["cells"] = display_cells
    env.globals["numeric"] = numeric_columns
    return env


def _figure_kind(figure: str) -> Kind:
    kind = declared_kind(str(figure))
    return "text" if kind in (None, "row") else kind


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
