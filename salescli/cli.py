"""The Typer application: global options, error translation, command registration.

Heavy libraries (pandas, pyarrow, jinja2) are imported inside the commands, so `--help` is fast.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sys
import traceback
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from typer.core import TyperGroup, TyperOption

from salescli.clicktext import usage_hint, usage_message
from salescli.errors import (
    EXIT_CANT_CREATE,
    EXIT_INTERNAL,
    EXIT_OK,
    MissingInputError,
    NotCoveredError,
    SalescliError,
    UsageError,
)
from salescli.helptext import command_help, help_lang, lang_asked, localise
from salescli.i18n import _, render
from salescli.state import State, click_module
from salescli.version import __version__

click = click_module()


class Lang(StrEnum):
    en = "en"
    zh = "zh"


class SalescliGroup(TyperGroup):
    """Translates domain errors into one line plus hint on stderr and a documented exit code."""

    def main(self, *args: Any, standalone_mode: bool = True, **kwargs: Any) -> Any:
        """Click's own usage errors (a bad --format, a misspelt option) as one line plus a
        hint, like every other error, instead of typer's boxed panel."""
        localise(self, help_lang(kwargs.get("args", args[0] if args else None)))
        if not standalone_mode:
            return super().main(*args, standalone_mode=False, **kwargs)
        try:
            code = super().main(*args, standalone_mode=False, **kwargs)
        except click.exceptions.NoArgsIsHelpError as exc:
            sys.exit(exc.exit_code)  # the help is printed already
        except click.ClickException as exc:
            lang = _lang_asked(kwargs.get("args", args[0] if args else None))
            error = _("salescli: error: {message}", message=usage_message(exc))
            hint = _("  hint: {hint}", hint=usage_hint(exc))
            print(render(error, lang), file=sys.stderr)
            print(render(hint, lang), file=sys.stderr)
            sys.exit(exc.exit_code)
        except typer.Abort:
            lang = _lang_asked(kwargs.get("args", args[0] if args else None))
            print(render(_("salescli: aborted"), lang), file=sys.stderr)
            sys.exit(1)
        sys.exit(code if isinstance(code, int) else EXIT_OK)

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        """The global options are taken wherever they stand, as users type them:
        `salescli appraise --month 2024-05 -w DIR` is `salescli -w DIR appraise --month
        2024-05`."""
        return super().parse_args(ctx, globals_first(self, ctx, list(args)))

    def invoke(self, ctx: typer.Context) -> Any:
        try:
            return self._invoke(ctx)
        finally:
            if isinstance(ctx.obj, State):
                ctx.obj.close()

    def _invoke(self, ctx: typer.Context) -> Any:
        try:
            return super().invoke(ctx)
        except SalescliError as exc:
            state = ctx.obj if isinstance(ctx.obj, State) else State()
            if state.verbose:
                traceback.print_exc(file=sys.stderr)
            for line in exc.lines(state.lang):
                print(line, file=sys.stderr)
            if isinstance(exc, (NotCoveredError, MissingInputError)):
                _heard_before(state)
            ctx.exit(exc.exit_code)
        except BrokenPipeError:
            # the reader of a pipe (head, less) stopped early: not an error of ours
            _discard_stdout()
            ctx.exit(EXIT_OK)
        except (typer.Exit, typer.Abort, typer.TyperException):
            raise
        except KeyboardInterrupt:
            state = ctx.obj if isinstance(ctx.obj, State) else State()
            print(render(_("salescli: interrupted"), state.lang), file=sys.stderr)
            ctx.exit(130)
        except Exception as exc:  # a bug: say so plainly, trace only with -v
            state = ctx.obj if isinstance(ctx.obj, State) else State()
            if state.verbose:
                traceback.print_exc(file=sys.stderr)
            lang = state.lang
            error = _(
                "salescli: internal error: {kind}: {error}", kind=type(exc).__name__, error=exc
            )
            hint = _("  hint: run again with -v for the traceback and report it")
            print(render(error, lang), file=sys.stderr)
            print(render(hint, lang), file=sys.stderr)
            ctx.exit(EXIT_INTERNAL)


def _heard_before(state: State) -> None:
    """The warnings that change a figure heard before a refusal for a period or table the
    exports do not hold, after it: what they say (an export beside the table's file left
    unread, and the setting that reads it) may be what settles it, whose own hint (add the
    export) alone would be followed in vain."""
    for message in state.heard():
        state.warn(message, always=True)


def _option_names(command: Any) -> dict[str, bool]:
    """Each option name of a command (and of its subcommands) -> whether it takes a value."""
    names: dict[str, bool] = {}
    for param in getattr(command, "params", []):
        if getattr(param, "param_type_name", "") == "option":
            for name in [*param.opts, *param.secondary_opts]:
                names[name] = not (param.is_flag or param.count)
    for sub in getattr(command, "commands", {}).values():
        names.update(_option_names(sub))
    return names


def _option_of(word: str, names: dict[str, bool]) -> tuple[str | None, bool]:
    """The option a word is (`--lang`, `--lang=zh`, `-wDIR`) and whether its value is in it."""
    if word in names:
        return word, False
    if word.startswith("--") and "=" in word:
        name = word.split("=", 1)[0]
        return (name, True) if name in names else (None, False)
    if word.startswith("-") and not word.startswith("--") and word[:2] in names and len(word) > 2:
        return word[:2], names[word[:2]]
    return None, False


def globals_first(group: Any, ctx: Any, args: list[str]) -> list[str]:
    """The arguments with every global option found after the command moved before it (a
    later one wins, as on the command line); a subcommand's own options and their values, and
    everything after `--`, stay where they are."""
    own = _option_names(group)
    at = 0
    while at < len(args) and args[at] != "--":
        name, inline = _option_of(args[at], own)
        if name is None:
            if args[at].startswith("-"):
                at += 1
                continue
            break
        at += 1 if inline or not own[name] else 2
    if at >= len(args) or args[at] == "--":
        return args
    command = group.get_command(ctx, args[at])
    if command is None:
        return args
    theirs = _option_names(command)
    moved: list[str] = []
    kept: list[str] = []
    rest = args[at + 1 :]
    i = 0
    while i < len(rest):
        word = rest[i]
        if word == "--":
            kept += rest[i:]
            break
        mine, inline = _option_of(word, own)
        if mine is not None and _option_of(word, theirs)[0] is None:
            width = 1 if inline or not own[mine] else 2
            moved += rest[i : i + width]
            i += width
            continue
        sub, inline = _option_of(word, theirs)
        width = 2 if sub is not None and theirs[sub] and not inline else 1
        kept += rest[i : i + width]
        i += width
    return [*args[:at], *moved, args[at], *kept]


def _lang_asked(args: Any) -> str:
    """--lang as given on the command line, for an error found before the options are read."""
    return lang_asked(args)


def _discard_stdout() -> None:
    """Later writes and the flush at exit go nowhere (the pipe's reader is gone)."""
    with contextlib.suppress(OSError, ValueError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def _flags_as_flags(self: TyperOption, ctx: Any) -> str | None:
    # typer 0.29 shows every option's type, so a flag read `--quiet <bool>` while
    # `--quiet true` is refused; a flag takes no value and shows none
    if self.is_flag:
        return None
    return _display_type_rich(self, ctx)


_display_type_rich = TyperOption.display_type_rich
TyperOption.display_type_rich = _flags_as_flags  # type: ignore[method-assign]


def _reader_gone(self: Console) -> None:
    # rich ends the process with exit 1 when the reader of a pipe goes away (a table or the
    # help piped into `head`); unwind instead, so that it ends quietly with 0 like any output
    self.quiet = True
    _discard_stdout()
    raise BrokenPipeError


Console.on_broken_pipe = _reader_gone  # type: ignore[method-assign]


app = typer.Typer(
    cls=SalescliGroup,
    name="salescli",
    help=command_help(
        _(
            "Turn a sales department's management policy into classifications, visit plans, "
            "target splits, appraisals and reports, from CRM/ERP exports.\n\n"
            "The global options below may also follow the command: "
            "salescli appraise --month 2024-05 -w DIR. The policy as salescli implements it: "
            "docs/policy.md."
        )
    ),
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        print(f"salescli {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    ctx: typer.Context,
    workspace: Annotated[
        Path,
        typer.Option("-w", "--workspace", help=_("Workspace folder (salescli.toml + exports).")),
    ] = Path("."),
    config: Annotated[
        Path | None,
        typer.Option("--config", help=_("Policy file (default: WORKSPACE/salescli.toml).")),
    ] = None,
    lang: Annotated[
        Lang, typer.Option("--lang", help=_("Labels in xlsx, html and tables."))
    ] = Lang.en,
    quiet: Annotated[bool, typer.Option("-q", "--quiet", help=_("Only errors on stderr."))] = False,
    verbose: Annotated[
        bool, typer.Option("-v", "--verbose", help=_("Warnings, unmatched headers, tracebacks."))
    ] = False,
    template_dir: Annotated[
        Path | None,
        typer.Option("--template-dir", help=_("Your own jinja2 templates, tried before ours.")),
    ] = None,
    no_cache: Annotated[
        bool, typer.Option("--no-cache", help=_("Parse every export again; skip .salescli/cache."))
    ] = False,
    today: Annotated[
        str | None,
        typer.Option(
            "--today",
            metavar="YYYY-MM-DD",
            help=_("Take this day as today: for last/this periods, -o {{today}} and `run`."),
        ),
    ] = None,
    strict: Annotated[
        bool,
        typer.Option(
            "--strict",
            help=_(
                "A warning that changes or empties a figure stops the run (exit 65), as "
                "[checks] strict = true does."
            ),
        ),
    ] = False,
    no_bom: Annotated[
        bool,
        typer.Option(
            "--no-bom",
            help=_("CSV without the UTF-8 byte order mark (Excel needs it; some tools choke)."),
        ),
    ] = False,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help=_("Show the version.")),
    ] = False,
) -> None:
    ctx.obj = State(
        workspace,
        config,
        lang.value,
        quiet,
        verbose,
        no_cache=no_cache,
        template_dir=template_dir,
        no_bom=no_bom,
        strict=strict,
    )
    if today is not None:
        try:
            ctx.obj.today = date.fromisoformat(today.strip())
        except ValueError:
            raise UsageError(
                _("{option} {value!r} is not a day", option="--today", value=today),
                hint=_("write it as YYYY-MM-DD, e.g. 2025-01-02"),
            ) from None


COMMAND_MODULES = [
    "init",
    "check",
    "map",
    "classify",
    "plan-visits",
    "audit-visits",
    "split-targets",
    "appraise",
    "report",
    "cache",
    "run",
    "cron",
    "schema",
]


def _register() -> None:
    import importlib

    for name in COMMAND_MODULES:
        importlib.import_module(f"salescli.commands.{name.replace('-', '_')}").register(app)


_register()


def _terminate(signum: int, frame: object) -> None:
    # cron's timeout and `kill` send SIGTERM: unwind, so half-written files are removed
    raise SystemExit(128 + signum)


def main() -> None:
    import signal

    signal.signal(signal.SIGTERM, _terminate)
    if len(sys.argv) > 1 and "--help" not in sys.argv:
        from salescli import memory

        memory.keep_freed()
    code: int | str | None = EXIT_OK
    try:
        app(prog_name="salescli")
    except SystemExit as exc:
        code = exc.code
    except BrokenPipeError:
        _discard_stdout()
        code = EXIT_OK
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        _discard_stdout()  # the reader stopped early: not an error of ours
    except OSError as exc:
        _discard_stdout()
        lang = _lang_asked(None)
        error = _("salescli: error: cannot write to standard output: {reason}", reason=exc.strerror)
        print(render(error, lang), file=sys.stderr)
        print(
            render(_("  hint: is the disk full? or write to a file with -o"), lang), file=sys.stderr
        )
        code = EXIT_CANT_CREATE if exc.errno != errno.EPIPE else EXIT_OK
    sys.exit(code)
