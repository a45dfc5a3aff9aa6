"""HTML through jinja2 templates (autoescape on), self-contained: inline CSS and SVG charts,
nothing fetched from anywhere, printable on A4."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
import pandas as pd
from markupsafe import Markup

from salescli import i18n
from salescli.i18n import _, n_
from salescli.labels import Kind, declared_kind, label, phrase
from salescli.labels import header as heading
from salescli.output.cells import cell_text, display_cells, numeric_columns
from salescli.output.formats import NUMERIC, missing, shown
from salescli.output.model import Output, Table
from salescli.rounding import percent

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
    env.filters["cell"] = cell
    env.filters["label"] = label
    env.filters["say"] = i18n.render  # a message (a title, a note) in the page's language
    env.globals["_"] = say
    env.globals["n_"] = say_n
    env.filters["phrase"] = phrase
    env.filters["money"] = lambda v: shown(v, "money")
    # `value | percent(limit, …)`: on the limit's side, 59.996% beside a 60.0% floor
    env.filters["percent"] = lambda v, *beside: (
        percent(v, beside) if beside and not missing(v) else shown(v, "ratio")
    )
    env.filters["score"] = lambda v: shown(v, "points")  # an appraisal score
    env.filters["css_string"] = css_string
    env.globals["cells"] = display_cells
    env.globals["numeric"] = numeric_columns
    env.globals["table_parts"] = table_parts
    env.filters["breakable"] = breakable
    return env


@jinja2.pass_context
def cell(context: Any, value: Any, figure: str, lang: str = "en") -> str:
    """`{{ value | cell(figure, lang) }}`: a figure as a table shows it, a ratio on its side
    of the limits the page was given for it (`limits`, {figure: limits}: a scorecard's)."""
    beside = (context.get("limits") or {}).get(str(figure), ())
    return cell_text(shown(value, _figure_kind(figure), lang, beside), lang, figure)


@jinja2.pass_context
def say(context: Any, id: str, **params: Any) -> str:
    """`{{ _("Notes and warnings") }}` in a template: the message in the page's `lang` (the
    ids are extracted from the templates by scripts/catalogue.py, like the code's)."""
    return i18n.render(_(id, **params), context.get("lang", "en"))


@jinja2.pass_context
def say_n(context: Any, singular: str, plural: str, n: int, **params: Any) -> str:
    """`{{ n_("{n} order was late.", "{n} orders were late.", count) }}`: the form `n` takes."""
    return i18n.render(n_(singular, plural, n, **params), context.get("lang", "en"))


def css_string(text: object) -> Markup:
    """Text as a quoted CSS string, safe inside a <style> element (a printed page's title)."""
    escaped = "".join(
        ch if ch.isalnum() or ch in " ·:.,-_()/（）：" or ord(ch) > 0x2E7F else f"\\{ord(ch):x} "
        for ch in str(text)
    )
    return Markup(f'"{escaped}"')


# the printable width of an A4 page inside the margins of base.html.j2, in CSS pixels
PORTRAIT_PX, LANDSCAPE_PX = 700, 1020
CHAR_PX = 6.0  # one narrow character at the tables' 8pt; a Chinese character counts two
CELL_PX = 8  # padding and border


SHORT_ROWS = 15  # a wide table this short prints as portrait column groups, flowing on
SIDE_BY_SIDE_ROWS = 12  # a narrow table longer than this prints as two halves side by side
GAP_PX = 24  # between the halves


@dataclass
class Part:
    """A table, or one group of its columns, as printed: on a portrait or landscape page;
    `halves` when a narrow long table prints as two tables side by side; `notes` what the
    printed page leaves out, as (sentence, command giving every row)."""

    table: Table
    layout: str  # "portrait" or "landscape"
    count: int = 1
    halves: list[Table] = field(default_factory=list)
    notes: list[tuple[str, str]] = field(default_factory=list)


def table_parts(table: Table, lang: str = "en", rerun: str = "") -> list[Part]:
    """A table as it prints: portrait when it fits (two halves side by side when it is narrow
    and long), landscape when that fits and the table is long, otherwise split into column
    groups, each repeating the key (leading text) columns: on portrait pages when the table is
    short (it flows with the sections around it instead of taking a landscape page), else on
    landscape pages. `rerun` is the command that made the report, for the notes saying where
    the rows a printed page leaves out are."""
    table, notes = printed(table, lang, rerun)
    widths = column_widths(table, lang)
    total = sum(widths)
    rows = len(table.frame)
    if total <= PORTRAIT_PX:
        part = Part(table, "portrait")
        if rows > SIDE_BY_SIDE_ROWS and 2 * total + GAP_PX <= PORTRAIT_PX:
            half = (rows + 1) // 2
            part.halves = [
                replace(table, frame=table.frame.iloc[:half]),
                replace(table, frame=table.frame.iloc[half:]),
            ]
        parts = [part]
    elif total <= LANDSCAPE_PX and rows > SHORT_ROWS:
        parts = [Part(table, "landscape")]
    else:
        parts = _column_groups(table, widths, "portrait" if rows <= SHORT_ROWS else "landscape")
    parts[-1].notes = notes
    return parts


def _column_groups(table: Table, widths: list[float], layout: str) -> list[Part]:
    columns = [str(c) for c in table.frame.columns]
    keys = []
    for column in columns[:2]:
        if table.kind(column) in ("text", "id", "date") and not _is_figure(table, column):
            keys.append(column)
        else:
            break
    key_px = sum(widths[columns.index(k)] for k in keys)
    room = (PORTRAIT_PX if layout == "portrait" else LANDSCAPE_PX) - key_px
    rest = [(c, w) for c, w in zip(columns, widths, strict=True) if c not in keys]
    count = len(_fill(rest, room))
    groups = _fill(rest, _balanced(rest, count, room))
    return [
        Part(replace(table, frame=table.frame[keys + group]), layout, len(groups))
        for group in groups
    ]


def _fill(columns: list[tuple[str, float]], room: float) -> list[list[str]]:
    """Columns in order, a new group whenever the next would overflow `room`."""
    groups: list[list[str]] = [[]]
    used = 0.0
    for column, width in columns:
        if groups[-1] and used + width > room:
            groups.append([])
            used = 0.0
        groups[-1].append(column)
        used += width
    return groups


def _balanced(columns: list[tuple[str, float]], count: int, room: float) -> float:
    """The narrowest room that still fills `count` groups: groups of even widths, not full
    ones and a last one of a column or two."""
    low = max((w for _, w in columns), default=0.0)
    while low < room and len(_fill(columns, low)) > count:
        low += 4
    return min(low, room)


def _whole(rows: int) -> int:
    """The longest list printed whole: cutting a few rows would save less than its note."""
    return rows + rows // 2


def printed(table: Table, lang: str = "en", rerun: str = "") -> tuple[Table, list[tuple[str, str]]]:
    """A table as a printed page shows it, and the notes saying what it leaves out and where
    every row is (xlsx, csv, Markdown, and `rerun --section NAME`); nothing is left out
    without a note. A per-rep table (`print_zero`) leaves out its rows of nothing but zeros,
    naming them; a grouped table (`print_group`) keeps each group's `print_rows` largest by
    |print_sort| and sums the rest into one row; a long list keeps its `print_rows` largest by
    `print_sort`. A list at most half as long again as `print_rows` prints whole."""
    frame = table.frame
    notes: list[tuple[str, str]] = []
    command = f"{rerun} --section {table.name}".strip()
    figures = [str(c) for c in frame.columns if table.kind(str(c)) in NUMERIC]
    texts = [str(c) for c in frame.columns if str(c) not in figures]
    if table.print_zero and figures and texts:
        zero = frame[figures].fillna(0).eq(0).all(axis=1)
        if zero.any() and not zero.all():
            key = texts[0]
            names = ("、" if lang == "zh" else ", ").join(
                cell_text(str(v), lang, key) for v in frame.loc[zero, key]
            )
            unlisted = n_(
                "{n} row not listed, every figure zero ({column}: {names})",
                "{n} rows not listed, every figure zero ({column}: {names})",
                int(zero.sum()),
                column=phrase(key, lang),
                names=names,
            )
            notes.append((i18n.render(unlisted, lang), ""))
            frame = frame[~zero]
    rows, sort, group = table.print_rows, table.print_sort, table.print_group
    if rows is not None and group in frame and sort in frame:
        key = next((c for c in texts if c != group), None)
        kept = []
        for value, members in frame.groupby(group, sort=False, dropna=False):
            if len(members) <= _whole(rows) or key is None:
                kept.append(members)
                continue
            order = members[sort].abs().sort_values(ascending=False, kind="stable").index
            rest = members.loc[order[rows:]]
            other: dict[str, Any] = {c: "" for c in texts}
            other |= {c: rest[c].sum() for c in figures}
            other[group] = value
            other[key] = i18n.render(_("(the other {n})", n=len(rest)), lang)
            kept += [members.loc[order[:rows]], pd.DataFrame([other])]
            message = _(
                "{group}: the {rows} largest {figure} of {n} shown, the other {rest} summed in "
                "one row; every row is in the xlsx, csv and markdown outputs and from:",
                group=cell_text(str(value), lang, group) if lang == "zh" else value,
                rows=rows,
                figure=phrase(sort, lang),
                n=len(members),
                rest=len(rest),
            )
            notes.append((i18n.render(message, lang), command))
        frame = pd.concat(kept, ignore_index=True) if kept else frame
    elif rows is not None and len(frame) > _whole(rows):
        if sort in frame:
            frame = frame.sort_values(sort, ascending=False, kind="stable")
        message = _(
            "{rows} of {n} rows shown, largest {figure} first; every row is in the xlsx, csv "
            "and markdown outputs and from:",
            rows=rows,
            n=len(frame),
            figure=phrase(sort or "", lang),
        )
        notes.append((i18n.render(message, lang), command))
        frame = frame.head(rows)
    if frame is table.frame:
        return table, notes
    return replace(table, frame=frame.reset_index(drop=True)), notes


def _is_figure(table: Table, column: str) -> bool:
    return table.kind(column) == "row"


def column_widths(table: Table, lang: str) -> list[float]:
    """Each column's printed width: the widest cell (long text wraps at 36 characters), the
    header wrapping at 12."""
    sample = replace(table, frame=table.frame.head(300))
    rows = display_cells(sample, lang)
    widths = []
    for j, column in enumerate(table.frame.columns):
        header = min(_units(heading(str(column), lang)), 12)
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
            _(
                "template {template}, line {line}: {reason}",
                template=template,
                line=exc.lineno,
                reason=exc.message,
            ),
            file=exc.filename or template,
            hint=_("fix the template in --template-dir, or remove it to use salescli's own"),
        ) from None
    except jinja2.TemplateError as exc:
        raise ConfigError(
            _("template {template}: {reason}", template=template, reason=str(exc)),
            file=_found(template, template_dir),
            hint=_("fix the template in --template-dir, or remove it to use salescli's own"),
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
    rerun = ""
    if output.command and output.period is not None:
        rerun = f"salescli {output.command} --{output.period.kind} {output.period.label}"
    page = render(
        "page.html.j2", template_dir, output=output, lang=lang, charts=charts, rerun=rerun
    )
    path.write_text(page, encoding="utf-8")
