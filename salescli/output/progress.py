"""Progress on a terminal: a line per stage of the work, with a bar, counts and time left.

It hears what salescli/progress.py is told (a table read file by file, a table checked, the
outputs written) and draws it on stderr with rich, for a person at a terminal only (the
commands decide: never for pipes, cron or -q). Between the reads the rules are applied: that
line has no count, only the time it has taken. The lines are erased when the work is done,
so what stays on the terminal is what was there without them.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.progress import BarColumn, Progress, ProgressColumn, SpinnerColumn, TextColumn
from rich.text import Text

from salescli import progress
from salescli.i18n import Msg, _, n_, render

if TYPE_CHECKING:
    from rich.progress import Task, TaskID


class Bars:
    """A context manager: while it is open, every stage begun is a line on stderr. `headline`
    (what the command is doing, e.g. "Reading the exports…") shows until the first stage;
    `rules`: the time between the stages is the rules' (not while writing)."""

    IDLE = 0.15  # seconds without a stage before the rules' line shows (not between two)

    def __init__(
        self,
        lang: str = "en",
        headline: object = None,
        rules: bool = True,
        console: Console | None = None,  # stderr's; a test gives its own
    ) -> None:
        self.lang = lang
        self.rules = rules
        self.bars = Progress(
            SpinnerColumn(finished_text="✓"),
            TextColumn("{task.description}"),
            BarColumn(bar_width=24),
            TextColumn("{task.fields[counts]}"),
            _Time(lang),
            console=console or Console(stderr=True),
            transient=True,
            redirect_stdout=False,  # the data written to stdout never passes through rich
            redirect_stderr=False,
            refresh_per_second=8,
        )
        self.lock = threading.RLock()
        self.lines: dict[tuple[str, str], _Line] = {}
        # the commands' words, once they are message ids, are said in the user's language;
        # English words are not shown to a reader of Chinese
        said = headline is not None and (lang == "en" or isinstance(headline, Msg))
        self.headline = self._add(headline) if said else None
        self.applying: TaskID | None = None
        self.timer: threading.Timer | None = None
        self._watching: Any = None

    def __enter__(self) -> Bars:
        self.bars.start()
        self._watching = progress.watching(self)
        self._watching.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        with self.lock:
            if self.timer is not None:
                self.timer.cancel()
            self.rules = False
        try:
            self._watching.__exit__(None, None, None)  # the error, if any, goes on as it was
        finally:
            self.bars.stop()

    def begin(
        self, stage: progress.Stage, subject: str, files: int = 0, size: int = 0
    ) -> progress.Step:
        """A table's line is its reading, then its checking (the same line, its counts
        kept); read again (other columns), it counts again."""
        with self.lock:
            if self.headline is not None:
                self.bars.remove_task(self.headline)
                self.headline = None
            key = ("outputs" if stage == "writing" else "table", subject)
            line = self.lines.get(key)
            if line is None:
                line = _Line(self, self._add(_label(stage, subject, self.lang)))
                self.lines[key] = line
            if not line.open or (stage in ("reading", "fetching") and line.stage != stage):
                line.start(stage, _label(stage, subject, self.lang), files, size)
            line.open += 1
            return line

    def ended(self) -> None:
        """A stage ended: when none is open a moment later, the rules are at work."""
        with self.lock:
            if self.rules and self.applying is None and not self._busy():
                if self.timer is not None:
                    self.timer.cancel()
                self.timer = threading.Timer(self.IDLE, self._idle)
                self.timer.daemon = True
                self.timer.start()

    def _idle(self) -> None:
        with self.lock:
            if self.rules and self.applying is None and not self._busy():
                self.applying = self._add(_("Applying the rules"))

    def _busy(self) -> bool:
        return any(line.open for line in self.lines.values())

    def _add(self, text: object, total: float | None = None) -> TaskID:
        """A line; its bar counts `total` (bytes or files), or pulses without one."""
        return self.bars.add_task(render(text, self.lang), total=total, counts="")


@dataclass
class _Line:
    """One table's line (or the outputs'): its counts, updated from the threads that read
    the files."""

    owner: Bars
    task: TaskID
    stage: str = ""
    open: int = 0
    total_files: int = 0
    size: int = 0  # the bar counts bytes when the files' sizes are known, else files
    files: int = 0
    rows: int = 0

    def start(self, stage: str, description: Msg, files: int, size: int) -> None:
        """Reading counts files and bytes from nought; fetching counts a source's queries
        and rows, its bar pulsing (one query can be nearly all the time: no time left is
        guessed); checking has no count of its own: its bar pulses beside the reading's
        counts, its time runs on from the reading's."""
        self.stage, bars = stage, self.owner.bars
        shown = render(description, self.owner.lang)
        total = None
        if stage == "checking":
            bars.update(self.task, description=shown)
        else:
            self.total_files, self.size, self.files, self.rows = files, size, 0, 0
            if stage != "fetching":
                total = size or files or None  # bytes, else files, else it pulses
            bars.reset(self.task, description=shown, counts=self._counts())
        task = next(task for task in bars.tasks if task.id == self.task)
        task.total = total  # update() and reset() leave a total of None unset

    def advance(self, files: int = 0, rows: int = 0, size: int = 0) -> None:
        with self.owner.lock:
            self.files += files
            self.rows += rows
            step = size if self.size else files
            self.owner.bars.update(self.task, advance=step, counts=self._counts())

    def end(self) -> None:
        with self.owner.lock:
            self.open -= 1
            if not self.open:
                total = self.size or self.total_files or 1
                self.owner.bars.update(self.task, total=total, completed=total)
            self.owner.ended()

    def _counts(self) -> str:
        """Files and rows of a table; an output's files are said when written."""
        said: list[Msg] = []
        if self.stage == "writing":
            return ""
        if self.total_files and self.stage == "fetching":
            n = self.total_files
            said.append(n_("{done}/{n} query", "{done}/{n} queries", n, done=self.files))
        elif self.total_files:
            n = self.total_files
            said.append(n_("{done}/{n} file", "{done}/{n} files", n, done=self.files))
        if self.rows:
            said.append(n_("{n:,} row", "{n:,} rows", self.rows))
        return " · ".join(render(s, self.owner.lang) for s in said)


def _label(stage: progress.Stage, subject: str, lang: str) -> Msg:
    if stage == "writing":
        return _("Writing the outputs")
    table = subject
    if lang == "zh":  # the table as `check` names it in Chinese: 订单, 客户
        from salescli.schema import TABLES

        table = TABLES[subject].zh if subject in TABLES else subject
    if stage == "reading":
        return _("Reading {table}", table=table)
    if stage == "fetching":
        return _("Fetching {table} from its source", table=table)
    return _("Checking {table}", table=table)


class _Time(ProgressColumn):
    """The time left while a count runs; the time taken for what has no count or is done."""

    def __init__(self, lang: str) -> None:
        super().__init__()
        self.lang = lang

    def render(self, task: Task) -> Text:
        left = task.time_remaining
        if task.finished or task.total is None or not task.completed or left is None:
            return Text(_clock(task.finished_time or task.elapsed or 0), style="progress.elapsed")
        shown = _("{time} left", time=_clock(left))
        return Text(render(shown, self.lang), style="progress.remaining")


def _clock(seconds: float) -> str:
    minutes, second = divmod(int(seconds), 60)
    hours, minute = divmod(minutes, 60)
    return f"{hours}:{minute:02d}:{second:02d}" if hours else f"{minute}:{second:02d}"
