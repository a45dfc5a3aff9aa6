"""Rich tables on a terminal."""

from __future__ import annotations

from typing import IO

from rich.console import Console
from rich.markup import escape
from rich.table import Table as RichTable

from salescli.i18n import _, render
from salescli.labels import header
from salescli.output.cells import display_cells, numeric_columns
from salescli.output.model import Output


def print_tables(output: Output, lang: str, stream: IO[str], max_rows: int) -> None:
    width = None if stream.isatty() else 240  # a pipe or file gets the whole table unwrapped
    data = Console(file=stream, soft_wrap=False, width=width)
    summaries = Console(stderr=True, soft_wrap=False)
    for table in output.tables:
        console = summaries if table.aside else data
        frame = table.frame
        shown = RichTable(title=table.heading(lang), title_justify="left", show_lines=False)
        for column, numeric in zip(frame.columns, numeric_columns(table), strict=True):
            shown.add_column(
                header(str(column), lang),
                justify="right" if numeric else "left",
                no_wrap=numeric,
                overflow="fold",
            )
        head = type(table)(**{**table.__dict__, "frame": frame.head(max_rows)})
        for row in display_cells(head, lang):
            # cells are data, never markup: `[statuses]` in a hint is shown as written
            shown.add_row(*(escape(cell) if isinstance(cell, str) else cell for cell in row))
        console.print(shown)
        if len(frame) > max_rows:
            more = len(frame) - max_rows
            console.print(render(_("… {n} more rows: use -o FILE for all of them", n=more), lang))
        for note in table.notes:
            console.print(f"[dim]{escape(render(note, lang))}[/dim]", highlight=False)
