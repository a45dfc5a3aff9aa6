"""HTML through jinja2 templates (autoescape on), self-contained: inline CSS and SVG charts,
nothing fetched from anywhere, printable on A4."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from salescli.labels import Kind, declared_kind, label
from salescli.messages import translate
from salescli.output.cells import display_cells, numeric_columns
from salescli.output.formats import shown
from salescli.output.model import Output, Table

PACKAGED = Path(__file__).resolve().parent.parent / "templates"
SOURCE_TREE = Path(__file__).resolve().parents[2] / "templates"


def template_folders(user: Path | None = None) -> list[Path]:
    folders = [user] if user else []
    folders += [p for p in (PACKAGED, SOURCE_TREE) if p.is_dir()]
    return folders


@cache
def environment(user: Path | None = None) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(p) for p in template_folders(user)]),
        autoescape=jinja2.select_autoescape(["html", "j2", "html.j2"], default=True),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["cell"] = lambda value, figure, lang="en": translate(
        shown(value, _figure_kind(figure), lang), lang
    )
    env.filters["label"] = label
    env.filters["say"] = translate
    env.filters["money"] = lambda v: shown(v, "money")
    env.filters["percent"] = lambda v: shown(v, "ratio")
    env.filters["score"] = lambda v: shown(v, "score")
    env.globals["cells"] = display_cells
    env.globals["numeric"] = numeric_columns
    env.globals["table_parts"] = table_parts
    env.filters["breakable"] = breakable
    return env


# the printable width of an A4 page inside the margins of base.html.j2, in CSS pixels
PORTRAIT_PX, LANDSCAPE_PX = 700, 1020
CHAR_PX = 6.4  # one narrow character at the tables' 8.5pt; a Chinese character counts two
CELL_PX = 10  # padding and border


@dataclass
class Part:
    """A table, or one group of its columns, as printed: on a portrait or landscape page."""

    table: Table
    layout: str  # "portrait" or "landscape"
    count: int = 1


def table_parts(table: Table, lang: str = "en") -> list[Part]:
    """A table as it prints: portrait when it fits, landscape when that fits, otherwise split
    into column groups that fit a landscape page, each repeating the key (leading text)
    columns."""
    table = printed_rows(table)
    widths = column_widths(table, lang)
    total = sum(widths)
    if total <= PORTRAIT_PX:
        return [Part(table, "portrait")]
    if total <= LANDSCAPE_PX:
        return [Part(table, "landscape")]
    columns = [str(c) for c in table.frame.columns]
    keys = []
    for column in columns[:2]:
        if table.kind(column) in ("text", "id", "date") and not _is_figure(table, column):
            keys.append(column)
        else:
            break
    key_px = sum(widths[columns.index(k)] for k in keys)
    groups: list[list[str]] = [[]]
    room = LANDSCAPE_PX - key_px
    for column, width in zip(columns, widths, strict=True):
        if column in keys:
            continue
        used = sum(widths[columns.index(c)] for c in groups[-1])
        if groups[-1] and used + width > room:
            groups.append([])
        groups[-1].append(column)
    return [
        Part(replace(table, frame=table.frame[keys + group]), "landscape", len(groups))
        for group in groups
    ]


def printed_rows(table: Table) -> Table:
    """A long list cut to its `print_rows` largest by `print_sort`, for a printed page."""
    if table.print_rows is None or len(table.frame) <= table.print_rows:
        return table
    frame = table.frame
    if table.print_sort in frame:
        frame = frame.sort_values(table.print_sort, ascending=False, kind="stable")
    return replace(table, frame=frame.head(table.print_rows))


def _is_figure(table: Table, column: str) -> bool:
    return table.kind(column) == "row"


def column_widths(table: Table, lang: str) -> list[float]:
    """Each column's printed width: the widest cell (long text wraps at 36 characters), the
    header wrapping at 12."""
    sample = replace(table, frame=table.frame.head(300))
    rows = display_cells(sample, lang)
    widths = []
    for j, column in enumerate(table.frame.columns):
        header = min(_units(label(str(column), lang)), 12)
        cells = max((_units(row[j]) for row in rows), default=0)
        widths.append(max(header, min(cells, 36)) * CHAR_PX + CELL_PX)
    return widths


def _units(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def breakable(text: str) -> Markup:
    """A header that may wrap after its underscores (amount_<wbr>last_<wbr>year)."""
    return Markup("_<wbr>").join(str(text).split("_"))


def _figure_kind(figure: str) -> Kind:
    kind = declared_kind(str(figure))
    return "text" if kind in (None, "row") else kind


def render(template: str, template_dir: Path | None = None, **context: Any) -> str:
    """A template filled in; a broken one of yours is a configuration error naming its file
    and line, never a traceback."""
    from salescli.errors import ConfigError

    try:
        return environment(template_dir).get_template(template).render(**context)
    except jinja2.TemplateSyntaxError as exc:
        raise ConfigError(
            f"template {template}, line {exc.lineno}: {exc.message}",
            file=exc.filename or template,
            hint="fix the template in --template-dir, or remove it to use salescli's own",
        ) from None
    except jinja2.TemplateError as exc:
        raise ConfigError(
            f"template {template}: {exc}",
            file=_found(template, template_dir),
            hint="fix the template in --template-dir, or remove it to use salescli's own",
        ) from None


def _found(template: str, template_dir: Path | None) -> str:
    for folder in template_folders(template_dir):
        if (folder / template).is_file():
            return str(folder / template)
    return template


def write_html(path: Path, output: Output, lang: str, template_dir: Path | None) -> None:
    from salescli.output.svg import chart_svg

    charts = [
        (chart, chart_svg(chart, output.table(chart.table).frame, lang))
        for chart in output.charts
        if any(t.name == chart.table for t in output.tables)
    ]
    page = render("page.html.j2", template_dir, output=output, lang=lang, charts=charts)
    path.write_text(page, encoding="utf-8")
