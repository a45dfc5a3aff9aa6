"""What every command does around its rules: open the workspace, write, report warnings."""

from __future__ import annotations

import sys
from contextlib import nullcontext
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from salescli.errors import OutputError, UsageError
from salescli.i18n import Msg, _, render
from salescli.options import Format, parse_inputs
from salescli.progress import stage
from salescli.state import State

if TYPE_CHECKING:  # the data and output layers import pandas: only when a command runs
    from salescli.api.base import Result
    from salescli.data.workspace import Workspace
    from salescli.output import Output


def state_of(ctx: typer.Context) -> State:
    return ctx.find_root().obj if isinstance(ctx.find_root().obj, State) else State()


def open_workspace(ctx: typer.Context, inputs: list[str] | None = None) -> Workspace:
    from salescli.data.workspace import Workspace

    state = state_of(ctx)
    given = parse_inputs(inputs)
    workspace = Workspace(
        state.workspace, state.config, given, cache=not state.no_cache, strict=state.strict
    )
    if state.config is None and not given:
        refuse_non_workspace(workspace)
    if not state.lock_held:  # `run` holds the lock for all of its jobs
        workspace.lock()
    workspace.shared_reads = state.shared_reads  # `run`'s jobs share what sources gave
    if workspace.sourced():  # large tables: the memory freed is given back (salescli/memory.py)
        from salescli import memory

        memory.return_freed()
    state.opened.append(workspace)
    return workspace


def refuse_non_workspace(workspace: Workspace) -> None:
    """A folder with no salescli.toml and no export of any table is not a workspace (the
    command was run in the wrong folder, or without -w): say so, before anything is written
    there (no .salescli/ lock, cache or run record)."""
    from salescli.config import CONFIG_NAME
    from salescli.errors import MissingInputError
    from salescli.schema import TABLES

    if (workspace.root / CONFIG_NAME).exists():
        return
    if any(workspace.locate(name, strict=False) for name in TABLES):
        return
    raise MissingInputError(
        _(
            "{folder} is not a salescli workspace: it has no {config} and no exports "
            "(orders.xlsx, 订单*.xlsx, customers.csv …)",
            folder=workspace.root.resolve(),
            config=CONFIG_NAME,
        ),
        hint=_(
            "pass the workspace with -w DIR, or make this folder one with `salescli init` "
            "(`salescli init --demo` for the demo company)"
        ),
    )


def reading(ctx: typer.Context, what: Msg):
    """While a terminal user waits: on stderr, a bar per table read (files and rows of the
    whole, time left) and checked, then the rules' time (salescli/output/progress.py);
    nothing for pipes, cron or -q."""
    return _progress(ctx, what)


def _progress(ctx: typer.Context, what: str | None = None, rules: bool = True):
    state = state_of(ctx)
    if not state.interactive or state.quiet:
        return nullcontext()
    from salescli.output.progress import Bars

    return Bars(state.lang, what, rules)


def emit(
    ctx: typer.Context,
    workspace: Workspace,
    result: Result | Output,
    target: str | None,
    fmt: Format | None,
    section: str | None = None,
) -> list[Path]:
    """Write a command's result where -o (or `run`) says, then its warnings and files."""
    from salescli.api.base import Result
    from salescli.output import write

    state = state_of(ctx)
    output = result.output if isinstance(result, Result) else result
    if isinstance(result, Result):
        for path in result.files:
            state.say(_("wrote {path}", path=path))
        if result.period is not None:
            state.period = result.period
    output.command = output.command or (ctx.command.name or "")
    warnings = list(workspace.warnings)
    output.notes = [
        *output.notes,
        *(_("warning: {message}", message=w) for w in warnings),
        *(note for note in workspace.source_notes() if note not in output.notes),
    ]
    targets = state.targets or [expand_target(ctx, target)]
    if ctx.params.get("rep"):
        from salescli.output.write import is_database

        if any(where and is_database(str(where)) for where in targets):
            raise UsageError(
                _("--rep with a database output would replace the whole period with some reps"),
                hint=_("write every rep to the database and filter in the BI tool"),
            )
    written = []
    # the bars share the terminal with nothing: not when the data goes to stdout
    to_files = all(where is not None and where != "-" for where in targets)
    bars = _progress(ctx, rules=False) if to_files else nullcontext()
    with bars, stage("writing", output.command, files=len(targets)) as step:
        for where in targets:
            try:
                written += write(
                    output,
                    where,
                    fmt.value if fmt else None,
                    state.lang,
                    section,
                    protected=workspace.input_paths(),
                    template_dir=state.template_dir,
                    quiet=state.quiet,
                    bom=not state.no_bom,
                    sources=workspace.source_records(),
                    warnings=[render(w, "en") for w in warnings],
                )
                if where is None or where == "-":
                    sys.stdout.flush()
            except BrokenPipeError:
                raise
            except OSError as exc:
                if where is not None and where != "-":
                    raise
                raise OutputError(
                    _("cannot write to standard output: {reason}", reason=exc.strerror or str(exc)),
                    hint=_("is the disk full? or write to a file with -o"),
                ) from None
            step.advance(files=1)
    for message in warnings:
        state.warn(message, always=message in workspace.loud)
    if state.verbose and not state.quiet:
        for detail in workspace.details:
            print(render(_("salescli: {detail}", detail=detail), state.lang), file=sys.stderr)
    for path in written:
        state.say(_("wrote {path}", path=path))
    return written


PLACEHOLDERS = ("period", "command", "today")


def expand_folder(ctx: typer.Context, folder: Path | None, option: str) -> Path | None:
    """--scorecards, --ics or --notices DIR with the placeholders -o takes filled in."""
    if folder is None:
        return None
    return Path(expand_target(ctx, str(folder), option) or folder)


def expand_target(ctx: typer.Context, target: str | None, option: str = "-o") -> str | None:
    """-o with {period}, {command} and {today} filled in (folders are made when written)."""
    if target is None or "{" not in target:
        return target
    from string import Formatter

    state = state_of(ctx)
    placeholders = _("placeholders are {{period}}, {{command}} and {{today}}")
    braces = _("a literal brace is written twice ({{{{ or }}}})")
    try:
        parsed = list(Formatter().parse(target))
    except ValueError:  # `a{.csv`, `a}b`: a brace that opens or closes nothing
        raise UsageError(
            _("{option} {target}: a brace that is not a placeholder", option=option, target=target),
            hint=_("{first}; {second}", first=placeholders, second=braces),
        ) from None
    for _text, name, spec, conversion in parsed:
        if name is not None and (spec or conversion):  # `{today:%Y}`: the values are text
            field = (
                f"{{{name}{'!' + conversion if conversion else ''}{':' + spec if spec else ''}}}"
            )
            alone = _(
                "write {placeholder} alone ({{today}} is YYYY-MM-DD, {{period}} 2024-05, "
                "2024Q2, 2024-W19 or 2024)",
                placeholder="{" + name + "}",
            )
            raise UsageError(
                _(
                    "{option} {target}: a placeholder takes no format: {field!r}",
                    option=option,
                    target=target,
                    field=field,
                ),
                hint=_("{first}; {second}", first=alone, second=braces),
            )
    fields = {field[1] for field in parsed if field[1] is not None}
    unknown = sorted(fields - set(PLACEHOLDERS))
    if unknown:
        raise UsageError(
            _(
                "{option} {target}: unknown placeholder {placeholder}",
                option=option,
                target=target,
                placeholder="{" + unknown[0] + "}",
            ),
            hint=placeholders,
        )
    if "period" in fields and state.period is None:
        raise UsageError(
            _(
                "{option} {target}: this command has no period for {{period}}",
                option=option,
                target=target,
            ),
            hint=_("use {{command}} or {{today}}"),
        )
    values = {
        "period": state.period.label if state.period is not None else "",
        "command": ctx.info_name or "salescli",
        "today": state.today_date().isoformat() if "today" in fields else "",
    }
    return target.format(**values)
