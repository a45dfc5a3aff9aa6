"""Markdown: every table under its heading, as people read it, then the notes.

Text from the exports reaches a Markdown file only escaped (`escape`): a `|` in a name would
add a table cell, raw HTML (`<img onerror=…>`) would run where the file is rendered, a link or
image would fetch a page, and a line break would end the table row.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import IO

import pandas as pd

from salescli.output.cells import display_frame
from salescli.output.model import Output

# the characters by which text becomes structure or code: a cell (|), HTML (< >), a link or
# image ([ ]), code (`) and the escape itself; a backslash makes each one itself (GFM: "\|"
# is a pipe inside a cell, "\<" starts no tag). Emphasis (* _) only styles the text.
_SPECIAL = re.compile(r"([\\`\[\]<>|])")
# in prose (the notices) the styling marks too, so a reason reads exactly as it was written
_SPECIAL_IN_PROSE = re.compile(r"([\\`*_\[\]<>|#])")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def escape(value: object, prose: bool = False) -> str:
    """A value as Markdown text that shows as itself: markup escaped, line breaks as <br>."""
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return ""
    special = _SPECIAL_IN_PROSE if prose else _SPECIAL
    return _LINE_BREAK.sub("<br>", special.sub(r"\\\1", str(value)))


def write_md(path: Path, output: Output, lang: str) -> None:
    path.write_text(markdown(output, lang), encoding="utf-8")


def print_md(stream: IO[str], output: Output, lang: str) -> None:
    stream.write(markdown(output, lang))


def markdown(output: Output, lang: str) -> str:
    parts = [f"# {escape(output.heading(lang))}\n", f"{escape(output.title_line(lang))}\n"]
    for table in output.tables:
        frame = display_frame(table, lang)
        frame = frame.map(escape).rename(columns=escape)
        body = frame.to_markdown(index=False, disable_numparse=True)
        if table.frame.empty:  # an empty table says why under its header
            body += "".join(f"\n\n_{escape(note)}_" for note in table.note_lines(lang))
        parts.append(f"## {escape(table.heading(lang))}\n\n{body}\n")
    notes = output.note_lines(lang)
    if notes:
        parts.append(f"## {'说明' if lang == 'zh' else 'Notes'}\n")
        parts += [f"- {escape(note)}" for note in notes]
    return "\n".join(parts) + "\n"
