"""Markdown: every table under its heading, as people read it, then the notes."""

from __future__ import annotations

from pathlib import Path
from typing import IO

from salescli.output.cells import display_frame
from salescli.output.model import Output


def write_md(path: Path, output: Output, lang: str) -> None:
    path.write_text(markdown(output, lang), encoding="utf-8")


def print_md(stream: IO[str], output: Output, lang: str) -> None:
    stream.write(markdown(output, lang))


def markdown(output: Output, lang: str) -> str:
    parts = [f"# {output.heading(lang)}\n", f"{output.title_line(lang)}\n"]
    for table in output.tables:
        frame = display_frame(table, lang)
        body = frame.to_markdown(index=False, disable_numparse=True)
        if table.frame.empty:  # an empty table says why under its header
            body += "".join(f"\n\n_{note}_" for note in table.note_lines(lang))
        parts.append(f"## {table.heading(lang)}\n\n{body}\n")
    notes = output.note_lines(lang)
    if notes:
        parts.append(f"## {'说明' if lang == 'zh' else 'Notes'}\n")
        parts += [f"- {note}" for note in notes]
    return "\n".join(parts) + "\n"
