"""`salescli cron`: the crontab line that runs this workspace's policy calendar (`salescli run`).

cron starts jobs with a bare PATH (/usr/bin:/bin): a line that says `salescli` finds nothing when
salescli lives in a virtual environment. The line printed here names salescli by its full path
and the workspace by its absolute path.
"""

from __future__ import annotations

import re
import shlex
import shutil
import sys
from pathlib import Path
from typing import Annotated

import typer

from salescli.commands.common import state_of
from salescli.errors import UsageError
from salescli.helptext import command_help
from salescli.i18n import _

HELP = _(
    """Print the crontab line that runs `salescli run` on this workspace every day.

The line names salescli and the workspace by their full paths, so cron (whose PATH does not
hold a virtual environment) finds both. Add it with `crontab -e`, or:
(crontab -l 2>/dev/null; salescli -w /data/sales cron) | crontab -

Policy: docs/policy.md, "Unattended runs".

Example: salescli -w examples/demo cron --at 06:30
"""
)


def cron(
    ctx: typer.Context,
    at: Annotated[
        str, typer.Option("--at", metavar="HH:MM", help=_("The time of day cron runs it."))
    ] = "07:00",
) -> None:
    from salescli.commands.common import refuse_non_workspace
    from salescli.data.workspace import Workspace

    state = state_of(ctx)
    found = re.fullmatch(r"([01]?\d|2[0-3]):([0-5]\d)", at.strip())
    if found is None:
        raise UsageError(
            _("{option} {value!r} is not a time of day", option="--at", value=at),
            hint=_("e.g. {example}", example="--at 07:00"),
        )
    workspace = Workspace(state.workspace, state.config)  # reads only: nothing is written
    if state.config is None:
        refuse_non_workspace(workspace)
    print(crontab_line(workspace.root, state.config, int(found[1]), int(found[2])))


def crontab_line(root: Path, config: Path | None, hour: int, minute: int) -> str:
    """`30 6 * * * /opt/venv/bin/salescli -w /data/sales run`, every path absolute."""
    words = [*salescli_command(), "-w", str(root.resolve())]
    if config is not None:
        words += ["--config", str(config.resolve())]
    return f"{minute} {hour} * * * {shlex.join([*words, 'run'])}"


def salescli_command() -> list[str]:
    """salescli as cron can start it: the console script beside this Python (a virtual
    environment's bin/), else the one on PATH, else this Python running the package."""
    beside = Path(sys.executable).parent / "salescli"
    if beside.is_file():
        return [str(beside)]
    found = shutil.which("salescli")
    if found is not None:
        return [str(Path(found).resolve())]
    return [str(Path(sys.executable).resolve()), "-m", "salescli"]


def register(app: typer.Typer) -> None:
    app.command("cron", help=command_help(HELP))(cron)
