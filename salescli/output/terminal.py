"""Rich tables on a terminal."""

from __future__ import annotations

from typing import IO

import pandas as pd
from rich.console import Console
from rich.table import Table as RichTable

from salescli.labels import kind_of, label
from salescli.output.model import Output


def print_tables(output: Output, lang: str, stream: IO[str], max_rows: int) -> None:
    from salescli.output.write import display_value

    width = None if stream.isatty() else 240  # a pipe or file gets the whole table unwrapped
    data = Console(file=stream, soft_wrap=False, width=width)
    summaries = Console(stderr=True, soft_wrap=False)
    for table in output.tables:
        console = summaries if table.aside else data
        frame = table.frame
        shown = RichTable(title=table.heading(lang), title_justify="left", show_lines=False)
        for column in frame.columns:
            numeric = kind_of(str(column)) != "text" or pd.api.types.is_numeric_dtype(frame[column])
            shown.add_column(
                label(str(column), lang),
                justify="right" if numeric else "left",
                no_wrap=numeric,
                overflow="fold",
            )
        for row in frame.head(max_rows).itertuples(index=False, name=None):
            shown.add_row(
                *(display_value(v, str(c)) for v, c in zip(row, frame.columns, strict=True))
            )
        console.print(shown)
        if len(frame) > max_rows:
            console.print(f"… {len(frame) - max_rows} more rows: use -o FILE for all of them")
        for note in table.notes:
            console.print(f"[dim]{note}[/dim]", highlight=False)
