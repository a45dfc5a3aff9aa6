"""`salescli cache clear`: forget the parsed exports kept in WORKSPACE/.salescli/cache."""

from __future__ import annotations

import typer

from salescli.commands.common import state_of
from salescli.helptext import command_help
from salescli.i18n import _, n_

cache_app = typer.Typer(
    help=command_help(
        _(
            "The parsed-input cache in WORKSPACE/.salescli/cache.\n\n"
            "Example: salescli -w examples/demo cache clear"
        )
    ),
    no_args_is_help=True,
)


@cache_app.command(
    "clear",
    help=command_help(
        _(
            "Remove every cached parse; the next command reads the exports again.\n\n"
            "Example: salescli -w examples/demo cache clear"
        )
    ),
)
def clear(ctx: typer.Context) -> None:
    from salescli.data.cache import clear as clear_folder

    folder = state_of(ctx).workspace / ".salescli" / "cache"
    removed = clear_folder(folder)
    state_of(ctx).say(
        n_(
            "removed {n} cache file from {folder}",
            "removed {n} cache files from {folder}",
            removed,
            folder=folder,
        )
    )


def register(app: typer.Typer) -> None:
    app.add_typer(cache_app, name="cache")
