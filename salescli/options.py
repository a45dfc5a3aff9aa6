"""Options shared by every command, declared once."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from salescli.errors import UsageError
from salescli.i18n import Msg, _
from salescli.periods import EXAMPLES, RELATIVE, Kind, Period, parse_period
from salescli.state import current_state


class Format(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"
    jsonl = "jsonl"
    parquet = "parquet"
    xlsx = "xlsx"
    html = "html"
    md = "md"


OutputOpt = Annotated[
    str | None,
    typer.Option(
        "-o",
        "--output",
        help=_(
            "Write here; the extension picks the format (.xlsx .csv .json .jsonl .parquet "
            ".html .md). A folder (ending in /) gets one file per table; sqlite:///FILE or "
            "postgresql://… writes each table into a database, replacing the period's rows."
        ),
    ),
]
FormatOpt = Annotated[
    Format | None,
    typer.Option("--format", help=_("Force a format (default: a table on a terminal, else CSV).")),
]
SectionOpt = Annotated[
    str | None,
    typer.Option("--section", help=_("Only this table of the output (e.g. for a pipe).")),
]
InputOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--input",
        metavar="NAME=PATH",
        help=_("Read table NAME from PATH instead of the workspace (repeatable; PATH - is stdin)."),
    ),
]
RepOpt = Annotated[list[str] | None, typer.Option("--rep", help=_("Only these reps (repeatable)."))]
MonthOpt = Annotated[
    str | None,
    typer.Option("--month", help=_("A month: 2024-05, 2024/05, 2024年5月, last or this.")),
]
QuarterOpt = Annotated[
    str | None,
    typer.Option("--quarter", help=_("A quarter: 2024Q2, 2024年第2季度, last or this.")),
]
YearOpt = Annotated[str | None, typer.Option("--year", help=_("A year: 2024, last or this."))]
WeekOpt = Annotated[
    str | None,
    typer.Option(
        "--week",
        help=_("An ISO week: 2024-W19, 2024年第19周, a day in it (2024-05-06), last or this."),
    ),
]


def one_period(allowed: tuple[Kind, ...], **given: str | None) -> Period:
    """Exactly one of --month/--quarter/--year/--week, parsed as its own kind; `last` and
    `this` count from --today (else today in the policy's time zone)."""
    chosen = {kind: text for kind, text in given.items() if text}
    if len(chosen) != 1:
        options = [f"--{kind}" for kind in allowed]
        flags: Msg | str = options[0]
        for option in options[1:]:
            flags = _("{first} or {second}", first=flags, second=option)
        option = options[0]
        raise UsageError(
            _("give exactly one of {options}", options=flags),
            hint=_(
                "e.g. {option} {example} or {option} last",
                option=option,
                example=EXAMPLES[allowed[0]],
            ),
        )
    kind, text = next(iter(chosen.items()))
    state = current_state()
    today = state.today_date() if text.strip().lower() in RELATIVE else None
    period = parse_period(text, (kind,), today)  # type: ignore[arg-type]
    state.period = period
    return period


def parse_inputs(values: list[str] | None) -> dict[str, str]:
    out = {}
    for value in values or []:
        name, sep, path = value.partition("=")
        if not sep or not name or not path:
            raise UsageError(
                _("{option} {value!r} is not NAME=PATH", option="--input", value=value),
                hint=_("e.g. {example}", example="--input orders=may.xlsx"),
            )
        out[name.strip()] = path.strip()
    return out
