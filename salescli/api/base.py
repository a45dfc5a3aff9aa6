"""What every API function shares: the `Result` it returns and the period it is asked for."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from salescli.errors import UsageError
from salescli.i18n import _
from salescli.periods import EXAMPLES, RELATIVE, Kind, Period, parse_period

if TYPE_CHECKING:
    import pandas as pd

    from salescli.data.workspace import Workspace
    from salescli.output.model import Output

PeriodArg = str | int | Period | None
Today = date | str | None  # a day, or one written as the CLI's --today takes it: "2024-06-03"


@dataclass
class Result:
    """What a command computes: its tables (keyed by the names `--section` takes), the notes
    and warnings that go with them, and the period. `output` is the same, with the titles and
    column kinds the writers use; `files` lists files written besides the tables (scorecards,
    notices)."""

    output: Output
    warnings: list[str] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)

    @property
    def tables(self) -> dict[str, pd.DataFrame]:
        return {table.name: table.frame for table in self.output.tables}

    @property
    def period(self) -> Period | None:
        return self.output.period

    @property
    def notes(self) -> list[str]:
        """Every table's notes, the output's, then the warnings (`warning: …`), in the order
        the CLI writes them under "Notes"."""
        tables = [note for table in self.output.tables for note in table.notes]
        warned = (_("warning: {message}", message=w) for w in self.warnings)
        every = [*tables, *self.output.notes, *warned]
        return list(dict.fromkeys(every))  # a note two tables share, once

    def __getitem__(self, name: str) -> pd.DataFrame:
        return self.output.table(name).frame

    def __repr__(self) -> str:
        shapes = ", ".join(f"{name}: {len(frame)} rows" for name, frame in self.tables.items())
        label = f" {self.period}" if self.period is not None else ""
        return f"<Result {self.output.command}{label}: {shapes}; {len(self.notes)} notes>"


def named(output: Output, workspace: Workspace) -> Output:
    """The output with its workspace, as every sheet's and page's title line names it."""
    output.workspace = output.workspace or workspace_name(workspace)
    return output


def workspace_name(workspace: Workspace) -> str:
    """The workspace as title lines name it: its folder's name."""
    root = workspace.root.resolve()
    return root.name or str(root)


@contextmanager
def computing(workspace: Workspace) -> Iterator[list[str]]:
    """The warnings a call raises on its workspace (see Workspace.recording)."""
    with workspace.recording() as heard:
        yield heard


def as_day(today: Today) -> date | None:
    """`today=` as a day: a date, or ISO text as --today takes it ("2024-06-03")."""
    if isinstance(today, datetime):
        return today.date()
    if today is None or isinstance(today, date):
        return today
    try:
        return date.fromisoformat(str(today).strip())
    except ValueError:
        raise UsageError(
            _("today={today!r} is not a day", today=today),
            hint=_("write it as YYYY-MM-DD, e.g. today='2024-06-03'"),
        ) from None


def _need(workspace: Workspace, period: Period) -> None:
    """A table read from a database or data lake fetches only the days the period needs."""
    from salescli.data.sources import need

    need(workspace, period)


def period_of(
    workspace: Workspace, allowed: tuple[Kind, ...], today: Today, **given: PeriodArg
) -> Period:
    """Exactly one of the period keywords, parsed as its own kind (`"2024-05"`, `"2024年5月"`,
    `2024` for a year, a `Period`, or `"last"`/`"this"`, counted from `today`, else from
    today in the policy's time zone)."""
    day = as_day(today)  # a day that is not one is refused whatever the period
    chosen = {kind: value for kind, value in given.items() if value not in (None, "")}
    if len(chosen) != 1:
        names = " or ".join(f"{kind}=" for kind in allowed)
        raise UsageError(
            _("give exactly one of {names}", names=names),
            hint=_(
                "e.g. {kind}={example!r} or {kind}='last'",
                kind=allowed[0],
                example=EXAMPLES[allowed[0]],
            ),
        )
    kind, value = next(iter(chosen.items()))
    if isinstance(value, Period):
        if value.kind != kind:
            raise UsageError(
                _(
                    "{kind}={label!r} is a {actual}",
                    kind=kind,
                    label=value.label,
                    actual=value.kind,
                ),
                hint=_("pass a {kind}", kind=kind),
            )
        _need(workspace, value)
        return value
    text = str(value)
    reference = None
    if text.strip().lower() in RELATIVE:
        reference = day or datetime.now(ZoneInfo(workspace.policy.timezone)).date()
    period = parse_period(text, (kind,), reference)  # type: ignore[arg-type]
    _need(workspace, period)
    return period
