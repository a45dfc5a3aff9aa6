"""How far long work has got, told to whoever watches it.

The data layer says what it is doing as it does it: reading a table (its files and their
bytes in all, then each file as it is done, with its rows), fetching a table from its source
(its queries in all, then each query as it is done, with its rows), checking a table, writing
the outputs. Between the reads the rules are applied. By default nobody listens and each call
costs a function call; the CLI, on a terminal, installs a listener that draws a bar per stage
(salescli/output/progress.py), and pipes, cron and -q install none. No rich here: a program
using the API may install its own listener with `watching(listener)`.

A file is read in steps (its bytes, their parse into rows, the check of every cell); a step
credits its share of the file's bytes (`parsed_share`), so a single large export moves its bar
before it is done, and the time left is counted from the bytes.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Literal, Protocol

Stage = Literal["reading", "fetching", "checking", "writing"]

# the share of a file's work done once its bytes are parsed into rows, the checks of its cells
# and their normalisation being the rest: measured (benchmarks/README.md, #26) at 0.46 for the
# demo's xlsx exports and 0.05-0.10 for a 200k-line CSV (its parse is pyarrow's, in threads)
PARSED = {".xlsx": 0.45, ".xlsm": 0.45, ".xls": 0.45, ".ods": 0.45}
PARSED_TEXT = 0.1


def parsed_share(file: str) -> float:
    """How much of reading `file` its parse is, by its kind."""
    from pathlib import Path

    return PARSED.get(Path(file).suffix.lower(), PARSED_TEXT)


class Step(Protocol):
    """One stage of one table (or of the outputs) under way."""

    def advance(self, files: int = 0, rows: int = 0, size: int = 0) -> None:
        """`files` more files (a source's queries) done, `rows` more rows read, `size` more
        bytes' worth of work."""

    def end(self) -> None:
        """The stage is done."""


class Listener(Protocol):
    def begin(self, stage: Stage, subject: str, files: int = 0, size: int = 0) -> Step:
        """A stage begins: `subject` is a table's name, or the output for "writing"; `files`
        (for "fetching", the source's queries) and `size` (bytes) are its whole work, 0 when
        unknown."""


class _Silent:
    def begin(self, stage: Stage, subject: str, files: int = 0, size: int = 0) -> Step:
        return SILENT_STEP

    def advance(self, files: int = 0, rows: int = 0, size: int = 0) -> None:
        pass

    def end(self) -> None:
        pass


SILENT: Listener = _Silent()
SILENT_STEP: Step = _Silent()
_listener: Listener = SILENT


@contextmanager
def watching(listener: Listener) -> Iterator[Listener]:
    """`listener` hears every stage begun inside the block (threads included)."""
    global _listener
    before, _listener = _listener, listener
    try:
        yield listener
    finally:
        _listener = before


@contextmanager
def stage(stage: Stage, subject: str, files: int = 0, size: int = 0) -> Iterator[Step]:
    """A stage of work, told to the listener when it begins and when it ends (an error
    included: the bar stops where the work did)."""
    step = _listener.begin(stage, subject, files, size)
    try:
        yield step
    finally:
        step.end()
