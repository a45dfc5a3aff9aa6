"""The Typer application: global options, error translation, command registration.

Heavy libraries (pandas, pyarrow, jinja2) are imported inside the commands, so `--help` is fast.
"""

from __future__ import annotations

import sys
import traceback
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from salescli import __version__
from salescli.errors import EXIT_INTERNAL, SalescliError
from salescli.state import State


class Lang(StrEnum):
    en = "en"
    zh = "zh"


class SalescliGroup(TyperGroup):
    """Translates domain errors into one line plus hint on stderr and a documented exit code."""

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
            print(f"salescli: error: {exc}", file=sys.stderr)
            if exc.hint:
                print(f"  hint: {exc.hint}", file=sys.stderr)
            ctx.exit(exc.exit_code)
        except (typer.Exit, typer.Abort, typer.TyperException, BrokenPipeError):
            raise
        except KeyboardInterrupt:
            print("salescli: interrupted", file=sys.stderr)
            ctx.exit(130)
        except Exception as exc:  # a bug: say so plainly, trace only with -v
            state = ctx.obj if isinstance(ctx.obj, State) else State()
            if state.verbose:
                traceback.print_exc(file=sys.stderr)
            print(f"salescli: internal error: {type(exc).__name__}: {exc}", file=sys.stderr)
            print("  hint: run again with -v for the traceback and report it", file=sys.stderr)
            ctx.exit(EXIT_INTERNAL)


app = typer.Typer(
    cls=SalescliGroup,
    name="salescli",
    help="Turn a sales department's management policy into classifications, visit plans, "
    "target splits, appraisals and reports, from CRM/ERP exports.",
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
        Path, typer.Option("-w", "--workspace", help="Workspace folder (salescli.toml + exports).")
    ] = Path("."),
    config: Annotated[
        Path | None,
        typer.Option("--config", help="Policy file (default: WORKSPACE/salescli.toml)."),
    ] = None,
    lang: Annotated[
        Lang, typer.Option("--lang", help="Labels in xlsx, html and tables.")
    ] = Lang.en,
    quiet: Annotated[bool, typer.Option("-q", "--quiet", help="Only errors on stderr.")] = False,
    verbose: Annotated[
        bool, typer.Option("-v", "--verbose", help="Warnings, unmatched headers, tracebacks.")
    ] = False,
    template_dir: Annotated[
        Path | None,
        typer.Option("--template-dir", help="Your own jinja2 templates, tried before ours."),
    ] = None,
    no_cache: Annotated[
        bool, typer.Option("--no-cache", help="Parse every export again; skip .salescli/cache.")
    ] = False,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    ctx.obj = State(
        workspace, config, lang.value, quiet, verbose, no_cache=no_cache, template_dir=template_dir
    )


COMMAND_MODULES = [
    "init",
    "check",
    "classify",
    "plan-visits",
    "audit-visits",
    "split-targets",
    "appraise",
    "report",
    "cache",
]


def _register() -> None:
    import importlib

    for name in COMMAND_MODULES:
        importlib.import_module(f"salescli.commands.{name.replace('-', '_')}").register(app)


_register()


def _terminate(signum: int, frame: object) -> None:
    # cron's timeout and `kill` send SIGTERM: unwind, so half-written files are removed
    raise SystemExit(128 + signum)


def _keep_freed_memory() -> None:
    """Reading exports allocates and frees arrays of many MB over and over; glibc hands each one
    back to the system and the next is faulted in afresh. Keeping freed memory for reuse made
    first runs at a million lines about 9 % faster (alternating runs, benchmarks/README.md) and
    raises the peak by about 200 MB; cached runs are unchanged."""
    import ctypes
    import platform

    if platform.system() != "Linux" or platform.libc_ver()[0] != "glibc":
        return
    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):
        return
    m_trim_threshold, m_top_pad, m_mmap_threshold = -1, -2, -3
    mallopt(m_mmap_threshold, 32 << 20)  # the largest glibc allows; bigger blocks are mapped
    mallopt(m_trim_threshold, (1 << 31) - 1)
    mallopt(m_top_pad, 256 << 20)


def main() -> None:
    import signal

    signal.signal(signal.SIGTERM, _terminate)
    if len(sys.argv) > 1 and "--help" not in sys.argv:
        _keep_freed_memory()
    try:
        app(prog_name="salescli")
    except BrokenPipeError:
        # the reader of a pipe (head, less) stopped early: not an error of ours
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(0)
