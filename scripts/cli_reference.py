"""Write docs/cli-reference.md from the commands' own help (a test checks it is current).

Usage: python scripts/cli_reference.py > docs/cli-reference.md
"""

from __future__ import annotations

import typer.main

from salescli.cli import app


def main() -> str:
    group = typer.main.get_command(app)
    lines = [
        "# salescli command reference",
        "",
        "Generated from the commands' help by `python scripts/cli_reference.py`.",
        "",
    ]
    lines += ["## Global options", "", *_options(group.params), ""]
    for name, command in group.commands.items():
        lines += [
            f"## salescli {name}",
            "",
            (command.help or "").strip(),
            "",
            *_options(command.params),
            "",
        ]
    return "\n".join(lines).rstrip() + "\n"


def _options(params) -> list[str]:
    rows = ["| option | help | default |", "| --- | --- | --- |"]
    for param in params:
        if param.name == "help":
            continue
        names = ", ".join(f"`{o}`" for o in [*param.opts, *param.secondary_opts]) or param.name
        if param.param_type_name == "argument":
            names = f"`{param.name.upper()}`"
        default = param.default
        shown = "" if default in (None, False) or callable(default) else f"`{default}`"
        if isinstance(default, list) or (hasattr(default, "value") and not default):
            shown = ""
        if hasattr(default, "value"):
            shown = f"`{default.value}`"
        help_text = (getattr(param, "help", None) or "").replace("|", "\\|")
        rows.append(f"| {names} | {help_text} | {shown} |")
    return rows


if __name__ == "__main__":
    print(main(), end="")
