"""The global options, handed to every command through the Typer context."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class State:
    """The global options, handed to every command through the Click context."""

    workspace: Path = Path(".")
    config: Path | None = None
    lang: str = "en"
    quiet: bool = False
    verbose: bool = False
    no_cache: bool = False
    template_dir: Path | None = None
    warnings: list[str] = field(default_factory=list)
    opened: list = field(default_factory=list)  # workspaces whose lock ends with the command

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
            print(message, file=sys.stderr)

    def warn(self, message: str) -> None:
        """Warnings: on a terminal or with -v; cron stays quiet (they are in the notes)."""
        if not self.quiet and (self.interactive or self.verbose):
            print(f"salescli: warning: {message}", file=sys.stderr)
