"""`salescli init`: a workspace with every policy setting documented, and the demo company."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from salescli.commands.common import state_of
from salescli.errors import OutputError
from salescli.helptext import command_help
from salescli.i18n import Msg, _, render

HELP = _(
    """Write salescli.toml with every policy setting and its description as comments (in
Chinese with --lang zh; the keys and values stay as salescli reads them).

Policy: docs/policy.md, "Every setting and its default".

Example: salescli init my-workspace --demo
"""
)


def init(
    ctx: typer.Context,
    directory: Annotated[
        Path | None, typer.Argument(help=_("Folder to set up (default: the -w workspace)."))
    ] = None,
    demo: Annotated[
        bool, typer.Option("--demo", help=_("Also write the demo company's exports."))
    ] = False,
    force: Annotated[
        bool, typer.Option("--force", help=_("Replace an existing salescli.toml."))
    ] = False,
) -> None:
    from salescli.config import CONFIG_NAME
    from salescli.output.safe import atomic_write

    if directory is None:
        directory = state_of(ctx).workspace
    target = directory / CONFIG_NAME
    if target.exists() and not force:
        raise OutputError(
            _("{path} already exists", path=target), hint=_("pass --force to replace it")
        )
    text = config_template(state_of(ctx).lang)
    atomic_write(target, lambda p: p.write_text(text, encoding="utf-8"), set())
    state_of(ctx).say(_("wrote {path}", path=target))
    if demo:
        from salescli.demo import write_demo

        for path in write_demo(directory):
            state_of(ctx).say(_("wrote {path}", path=path))


def config_template(lang: str = "en") -> str:
    """salescli.toml with every setting at its default, each described in a comment (the
    descriptions in `lang`, as each setting declares them in salescli.config)."""
    from salescli.config import InputSpec, Policy

    def say(text: Msg) -> str:
        return render(text, lang)

    lines = [
        say(
            _("# salescli.toml: the sales policy's settings. Every key is shown with its default;")
        ),
        say(
            _("# delete what you do not change. Input files can be pointed to with [inputs.NAME]:")
        ),
        '#   [inputs.orders]  path = "exports/订单*.xlsx"  sheet = "明细"  header_row = 3',
        '#                    order_date = "制单日期"   # '
        + say(_('canonical_name = "header in the file"')),
        '#                    ignore = ["含税单价"]  date_format = "M/D/Y"  fill_down = true',
        say(_("# The settings of an [inputs.NAME] table:")),
        *_input_settings(InputSpec, lang, 46 if lang == "zh" else 92),
        "",
    ]
    lines += _section(Policy(), "", lang)
    return "\n".join(lines).rstrip() + "\n"


def _input_settings(spec: Any, lang: str, width: int) -> list[str]:
    """One comment per input setting, from the same descriptions `salescli.config` holds."""
    from textwrap import wrap

    from salescli.config import described

    lines = []
    for key, info in spec.model_fields.items():
        said = described(info, lang)
        text = said if key == "columns" else f"{key}: {said}"
        wrapped = wrap(text, width, subsequent_indent="  ", break_on_hyphens=False)
        lines += [f"#   {line}" for line in wrapped]
    return lines


def _section(settings: Any, prefix: str, lang: str) -> list[str]:
    from pydantic import BaseModel

    from salescli.config import described

    scalars, tables = [], []
    for name, info in type(settings).model_fields.items():
        value = getattr(settings, name)
        if isinstance(value, BaseModel):
            tables.append((name, value, described(info, lang)))
        else:
            scalars += [f"# {described(info, lang)}", f"{name} = {_toml(value)}"]
    out = [*scalars]
    for name, sub, description in tables:
        out += ["", f"# {description}", f"[{prefix}{name}]"]
        out += _section(sub, f"{prefix}{name}.", lang)
    return out


def _toml(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, list):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    return repr(value)


def register(app: typer.Typer) -> None:
    app.command("init", help=command_help(HELP))(init)
