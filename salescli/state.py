"""The global options, handed to every command through the Typer context."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any


@dataclass
class State:
    """The global options, handed to every command through the Typer context (`ctx.obj`)."""

    workspace: Path = Path(".")
    config: Path | None = None
    lang: str = "en"
    quiet: bool = False
    verbose: bool = False
    no_cache: bool = False
    template_dir: Path | None = None
    no_bom: bool = False  # CSV files without the UTF-8 byte order mark
    strict: bool = False  # --strict: a warning that changes a figure is an error
    warnings: list[str] = field(default_factory=list)
    opened: list = field(default_factory=list)  # workspaces whose lock ends with the command
    today: date | None = None  # --today: "today" for last/this, {today} and `run`
    period: Any = None  # the period the command was asked for, for -o {period}
    lock_held: bool = False  # `run` holds the workspace lock for the jobs it calls
    targets: list[str] | None = None  # `run`: where a job's output goes instead of -o
    shared_reads: list | None = None  # `run`: the sources' reads its jobs share

    def today_date(self) -> date:
        """--today, else today in the policy's time zone."""
        if self.today is not None:
            return self.today
        from datetime import datetime
        from zoneinfo import ZoneInfo

        from salescli.config import CONFIG_NAME, load_config

        zone = load_config(self.config or self.workspace / CONFIG_NAME).policy.timezone
        return datetime.now(ZoneInfo(zone)).date()

    def heard(self) -> list[str]:
        """The warnings that change a figure the workspaces opened so far heard."""
        return [m for w in self.opened for m in w.warnings if m in w.loud]

    def close(self) -> None:
        for workspace in self.opened:
            workspace.unlock()
        self.opened.clear()

    @property
    def interactive(self) -> bool:
        return sys.stderr.isatty()

    def say(self, message: str) -> None:
        """Progress and success messages: only for a person at a terminal."""
        if self.interactive and not self.quiet:
            from salescli.i18n import render

            print(render(message, self.lang), file=sys.stderr)

    def warn(self, message: str, always: bool = False) -> None:
        """Warnings: on a terminal or with -v; cron stays quiet (they are in the notes),
        except for those it must not miss (`always`: a partial period, sales without a
        target). -q silences every one."""
        if not self.quiet and (self.interactive or self.verbose or always):
            from salescli.i18n import _, render

            warning = _("salescli: warning: {message}", message=message)
            print(render(warning, self.lang), file=sys.stderr)


def click_module() -> Any:
    """The click that typer runs on: typer 0.29 carries its own copy (`typer._click`), whose
    contexts and exceptions are not the `click` package's."""
    try:
        import typer._click as click
    except ImportError:  # an older typer, on the click package
        import click  # type: ignore[no-redef]
    return click


def current_state() -> State:
    """The global options of the command being run (defaults outside one)."""
    from importlib import import_module

    globals_ = import_module(f"{click_module().__name__}.globals")
    ctx = globals_.get_current_context(silent=True)
    root = ctx.find_root().obj if ctx is not None else None
    return root if isinstance(root, State) else State()
