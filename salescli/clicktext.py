"""click's own usage errors ("No such option: --mnth", "Option '--month' requires an
argument.") as message ids with their parameters, said in the user's language like every other
error: `salescli --lang zh appraise --mnth 5` says 没有 --mnth 这个选项, the option as typed.

Why not click's gettext domain. Upstream click words these texts through `gettext.gettext`, so
a catalogue bound to the process's gettext domain (`gettext.textdomain` and `bindtextdomain`,
or the LANGUAGE variable) would translate them — for the whole process, every library that
calls `gettext.gettext` included. But the click that typer 0.29 runs on is its own copy
(`typer._click`), which builds these messages as f-strings with no gettext call at all; and
typer's own few gettext calls ("No such command {name!r}.") get English appended after them by
f-strings (". Did you mean 'appraise'?"), so a catalogue bound there would say half a sentence
in Chinese. So nothing global is bound. Each message below is the English click (or typer)
writes, as an id in salescli's catalogue (locale/zh/click.po), its parameters read from the
exception's attributes (the option name, the possibilities, the value the user typed), never
translated. The few that click and typer raise as plain text (`ctx.fail(...)`) are read back against
their fixed English templates. Every message is checked against the English click wrote:
one worded otherwise (a later click) is shown as click wrote it, in English, never guessed.
"""

from __future__ import annotations

import re
from string import Formatter
from typing import Any

from salescli.i18n import Msg, _
from salescli.state import click_module

# pydantic's words for a value typer could not read (an --year of "x"), by pydantic's error
# type, as the CLI writes them (first letter in lower case)
VALUE_ERRORS = {
    "float_parsing": _("input should be a valid number, unable to parse string as a number"),
    "int_parsing": _("input should be a valid integer, unable to parse string as an integer"),
    "int_from_float": _("input should be a valid integer, got a number with a fractional part"),
    "bool_parsing": _("input should be a valid boolean, unable to interpret input"),
}
NUMBER_ERRORS = {"float_parsing", "float_type", "int_parsing", "int_type", "int_from_float"}

# click's and typer's plain-text failures (`ctx.fail`), by their one English template (each
# made with its own fields as values: the template is the id)
PLAIN = [
    _("Got unexpected extra argument(s) ({args})", args="{args}"),
    _("No such command '{name}'.", name="{name}"),
    _(
        "No such command '{name}'. Did you mean {suggestions}?",
        name="{name}",
        suggestions="{suggestions}",
    ),
    _("Missing command."),
]


def usage_message(exc: Any) -> Msg | str:
    """What a click usage error says, as a message (click's English when it is worded in a
    way salescli does not know)."""
    param, value, error = bad_value(exc)
    if param is not None:
        name = max(param.opts, key=len)
        if repr(value) in str(error):
            return _("{option}: {message}", option=name, message=error)
        return _("{option} {value!r}: {message}", option=name, value=value, message=error)
    english = " ".join(exc.format_message().split())
    said = _click_message(exc)
    return said if said is not None and str(said) == english else english


def usage_hint(exc: Any) -> Msg:
    param, value, _error = bad_value(exc)
    if param is not None and _error_type(exc) in NUMBER_ERRORS:
        if "," in str(value):
            return _("write the number without thousands separators, e.g. 120000000")
        return _("give a plain number, e.g. 120000000 or 0.85")
    ctx = getattr(exc, "ctx", None)
    return _("see `{command} -h`", command=ctx.command_path if ctx is not None else "salescli")


def bad_value(exc: Any) -> tuple[Any, Any, Msg | str]:
    """The option, the value given and pydantic's message, when typer checked the value."""
    param = getattr(exc, "param", None)
    errors = getattr(exc.__cause__, "errors", None)
    if param is None or errors is None:
        return None, None, ""
    first = errors()[0]
    text = str(first.get("msg", "")).removeprefix("Value error, ")
    text = text[:1].lower() + text[1:]
    value = first.get("input")
    known = VALUE_ERRORS.get(first.get("type", ""))
    if known is None:
        choices = _read_back("'{value}' is not one of {choices}.", text)
        if choices is not None:
            known = _("{value!r} is not one of {choices}.", value=value, choices=choices["choices"])
    return param, value, known if known is not None and str(known) == text else text


def _error_type(exc: Any) -> str:
    return str(exc.__cause__.errors()[0].get("type", ""))


def _click_message(exc: Any) -> Msg | None:
    exceptions = click_module().exceptions
    if isinstance(exc, exceptions.NoSuchOption):
        if not exc.possibilities:
            return _("No such option: {name}", name=exc.option_name)
        possibilities = ", ".join(sorted(exc.possibilities))
        return _(
            "No such option: {name} (Possible options: {possibilities})",
            name=exc.option_name,
            possibilities=possibilities,
        )
    if isinstance(exc, exceptions.BadOptionUsage):  # click says which only in its words
        name, option = exc.option_name, _option(exc)
        nargs = option.nargs if option is not None else 2
        candidates = [
            _("Option {name!r} does not take a value.", name=name),
            _("Option {name!r} requires an argument.", name=name),  # not a plural: "an"
            _("Option {name!r} requires {nargs} arguments.", name=name, nargs=nargs),
        ]
        return next((said for said in candidates if str(said) == exc.message), None)
    if isinstance(exc, exceptions.MissingParameter) and exc.param is not None:
        hint = exc.param.get_error_hint()
        if exc.param.param_type_name == "argument":
            return _("Missing argument {name}.", name=hint)
        return _("Missing option {name}.", name=hint)
    if isinstance(exc, exceptions.BadParameter) and exc.param is not None:
        hint = exc.param.get_error_hint()
        return _("Invalid value for {name}: {message}", name=hint, message=exc.message)
    if type(exc) is exceptions.UsageError:
        for template in PLAIN:
            values = _read_back(template.id, exc.message)
            if values is not None:
                return _(template.id, **values)
    return None


def _option(exc: Any) -> Any:
    """The option a BadOptionUsage is about, as the command declares it (when click tells
    the context)."""
    ctx = getattr(exc, "ctx", None)
    for param in getattr(getattr(ctx, "command", None), "params", []):
        if exc.option_name in [*getattr(param, "opts", []), *getattr(param, "secondary_opts", [])]:
            return param
    return None


def _read_back(template: str, text: str) -> dict[str, str] | None:
    """The values that fill `template` (plain `{name}` fields) into `text`, if it does."""
    pattern = "".join(
        re.escape(literal) + (f"(?P<{name}>.+?)" if name else "")
        for literal, name, _spec, _conversion in Formatter().parse(template)
    )
    found = re.fullmatch(pattern, text, re.S)
    return found.groupdict() if found else None
