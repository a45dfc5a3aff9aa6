"""What every command does around its rules: open the workspace, write, report warnings."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from salescli.options import Format, parse_inputs
from salescli.state import State

if TYPE_CHECKING:  # the data and output layers import pandas: only when a command runs
    from salescli.data.workspace import Workspace
    from salescli.output import Output


def state_of(ctx: typer.Context) -> State:
    return ctx.find_root().obj if isinstance(ctx.find_root().obj, State) else State()


def open_workspace(ctx: typer.Context, inputs: list[str] | None = None) -> Workspace:
    from salescli.data.workspace import Workspace

    state = state_of(ctx)
    workspace = Workspace(
        state.workspace, state.config, parse_inputs(inputs), use_cache=not state.no_cache
    )
    workspace.lock()
    state.opened.append(workspace)
    return workspace


def reading(ctx: typer.Context, what: str):
    """A spinner on stderr while a terminal user waits; nothing for pipes and cron."""
    from contextlib import nullcontext

    state = state_of(ctx)
    if not state.interactive or state.quiet:
        return nullcontext()
    from rich.console import Console

    return Console(stderr=True).status(what)


def emit(
    ctx: typer.Context,
    workspace: Workspace,
    output: Output,
    target: str | None,
    fmt: Format | None,
    section: str | None = None,
    extra_warnings: list[str] | None = None,
) -> list[Path]:
    from salescli.output import write

    state = state_of(ctx)
    warnings = [*workspace.warnings, *(extra_warnings or [])]
    output.notes = [*output.notes, *(f"warning: {w}" for w in warnings)]
    written = write(
        output,
        target,
        fmt.value if fmt else None,
        state.lang,
        section,
        protected=workspace.input_paths(),
        template_dir=state.template_dir,
    )
    for message in warnings:
        state.warn(message)
    if state.verbose:
        for detail in workspace.details:
            print(f"salescli: {detail}", file=sys.stderr)
    for path in written:
        state.say(f"wrote {path}")
    sys.stdout.flush()
    return written
