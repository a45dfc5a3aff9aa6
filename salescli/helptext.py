"""`--help` in the language asked: `salescli --lang zh appraise --help`, or with the
environment's language (`LANG=zh_CN.UTF-8`) when --lang is not given.

The commands' and options' help texts are message ids (`help=_("…")`), rendered in that
language before typer formats them; the words typer and its click add around them ("Usage:",
"Options", "Show this message and exit.", "[default: …]") are ids of the same catalogue
(help.po), set in typer's help module for the run. The language is known before click parses
the command line: it is read from the arguments as they were typed.
"""

from __future__ import annotations

import inspect
import os
from typing import Any

from typer import rich_utils
from typer.core import TyperArgument, TyperCommand, TyperGroup, TyperOption

from salescli.i18n import LANGUAGES, Msg, _, render
from salescli.state import click_module

# the words typer's help puts around ours, by the name typer's help module gives them
FRAME = {
    "ARGUMENTS_PANEL_TITLE": _("Arguments"),
    "OPTIONS_PANEL_TITLE": _("Options"),
    "COMMANDS_PANEL_TITLE": _("Commands"),
    "DEFAULT_STRING": _("[default: {default}]", default="{}"),
    "REQUIRED_LONG_STRING": _("[required]"),
    "DEPRECATED_STRING": _("(deprecated) "),
}
USAGE = _("Usage: ")
HELP_OPTION = _("Show this message and exit.")

_usage_prefix = str(USAGE)
_fold = False  # a Chinese help text has no spaces to wrap at: folded, not cut with "…"

# a command's help, by its English as typer cleans it (typer hands click a plain `str`)
COMMAND_HELP: dict[str, Msg] = {}


def command_help(message: Msg) -> Msg:
    """`app.command(help=command_help(_("…")))`: the command's help, said in the language of
    the run's --help."""
    COMMAND_HELP[inspect.cleandoc(message)] = message
    return message


def lang_asked(args: Any) -> str:
    """--lang as given on the command line (`--lang zh`, `--lang=zh`), else "en"."""
    import sys

    words = [str(a) for a in (sys.argv[1:] if args is None else args)]
    lang = "en"
    for i, word in enumerate(words):
        if word == "--":
            break
        if word == "--lang" and i + 1 < len(words):
            lang = words[i + 1]
        elif word.startswith("--lang="):
            lang = word.removeprefix("--lang=")
    from salescli.i18n import LANGUAGES

    return lang if lang in LANGUAGES else "en"  # --lang fr is refused, in English


def help_lang(args: Any) -> str:
    """The language of the help: --lang when given, else the environment's (LC_ALL,
    LC_MESSAGES, LANG: `zh_CN.UTF-8` is Chinese), else English."""
    import sys

    words = [str(a) for a in (sys.argv[1:] if args is None else args)]
    if any(w == "--lang" or w.startswith("--lang=") for w in words):
        lang = lang_asked(words)
        return lang if lang in LANGUAGES else "en"
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name)
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"


def localise(group: Any, lang: str) -> None:
    """Every help text of `group` and its commands, and typer's own words, in `lang`."""
    global _usage_prefix, _fold
    for name, message in FRAME.items():
        setattr(rich_utils, name, render(message, lang))
    _usage_prefix = render(USAGE, lang)
    _fold = lang != "en"
    if lang != "en":
        _localise_command(group, lang, None)


def _localise_command(command: Any, lang: str, parent: Any) -> None:
    click = click_module()
    message = getattr(command, "help_message", None)
    if not isinstance(message, Msg):
        message = COMMAND_HELP.get(command.help or "")
    if message is not None:
        command.help = render(message, lang)
    for param in command.params:
        if isinstance(getattr(param, "help_message", None), Msg):
            param.help = render(param.help_message, lang)
    settings = getattr(command, "context_settings", None) or {}
    ctx = click.Context(command, parent=parent, info_name=command.name, **settings)
    option = command.get_help_option(ctx)
    if option is not None:
        option.help = render(HELP_OPTION, lang)
    for sub in getattr(command, "commands", {}).values():
        _localise_command(sub, lang, ctx)


def _keeping_the_message(cls: Any) -> None:
    """click cleans a help text into a plain `str`: the class keeps the message beside it
    (`help_message`), to render in the language asked."""
    plain_init = cls.__init__

    def __init__(self: Any, *args: Any, **kwargs: Any) -> None:
        plain_init(self, *args, **kwargs)
        self.help_message = kwargs.get("help")

    cls.__init__ = __init__


def _rich_text(**kwargs: Any) -> Any:
    text = _plain_rich_text(**kwargs)
    if _fold and hasattr(text, "overflow"):
        text.overflow = "fold"
    return text


def _write_usage(self: Any, prog: str, args: str = "", prefix: str | None = None) -> None:
    _plain_write_usage(self, prog, args, _usage_prefix if prefix is None else prefix)


_formatting = __import__(f"{click_module().__name__}.formatting", fromlist=["HelpFormatter"])
_plain_write_usage = _formatting.HelpFormatter.write_usage
_formatting.HelpFormatter.write_usage = _write_usage

_plain_rich_text = rich_utils._make_rich_text
rich_utils._make_rich_text = _rich_text
for _cls in (TyperArgument, TyperCommand, TyperGroup, TyperOption):
    _keeping_the_message(_cls)
