"""Messages as ids with parameters, rendered once, at output, through gettext catalogues.

A message is made where something happens, as `_("no rep open in {month}", month=month)`: its
id is its English, with named parameters in braces (format specs allowed: `{amount:,.2f}`). A
`Msg` is a `str` (its English), so it can be logged, compared and tested as text, and it keeps
its id and parameters so that the output can say it in the user's language:
`render(message, "zh")` looks the id up in the `zh` catalogue and fills in the parameters.
Parameters are data and never translated (a rep named "open" stays "open"), except a parameter
that is itself a message, rendered in the same language. `n_(singular, plural, n)` is
`ngettext`: the form follows `n`, in each language by its own rule.

The catalogues: `salescli/locale/<lang>/*.po`, one file per part of salescli, kept with Babel
(`scripts/catalogue.py` extracts the ids from the code, and compiles the `.po` files into
`salescli/locale/<lang>/LC_MESSAGES/salescli.mo`, which the wheel ships and the standard
library's `gettext` reads). `tests/test_catalogue.py` fails on an id without its Chinese.
"""

from __future__ import annotations

import gettext
import string
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

DOMAIN = "salescli"
LOCALE = Path(__file__).parent / "locale"
LANGUAGES = ("en", "zh")


class Msg(str):
    """A message: its English as the `str`, its id, plural form and parameters beside it."""

    id: str
    plural: str | None
    n: int | None
    params: dict[str, Any]

    def __new__(
        cls, id: str, params: dict[str, Any], plural: str | None = None, n: int | None = None
    ) -> Msg:
        template = plural if plural is not None and n != 1 else id
        self = super().__new__(cls, _fill(template, params, "en"))
        self.id, self.plural, self.n, self.params = id, plural, n, params
        return self

    def __reduce__(self) -> tuple[Any, ...]:  # pickles (the cache, worker processes) keep it
        return (Msg, (self.id, self.params, self.plural, self.n))

    def render(self, lang: str) -> str:
        if lang == "en":
            return str.__str__(self)
        catalogue = translations(lang)
        if self.plural is not None:
            template = catalogue.ngettext(self.id, self.plural, self.n or 0)
        else:
            template = catalogue.gettext(self.id)
        return _fill(template, self.params, lang)


def _(id: str, /, **params: Any) -> Msg:
    """The message `id` (its English, parameters named in braces) with its parameters."""
    return Msg(id, params)


def n_(singular: str, plural: str, n: int, /, **params: Any) -> Msg:
    """The message in the form `n` takes (`n` is a parameter too: `{n}`)."""
    return Msg(singular, {"n": n, **params}, plural, n)


def render(text: object, lang: str) -> str:
    """`text` as the user reads it in `lang`: a message through its catalogue; other text
    (a name, a value, a path) as it is."""
    if isinstance(text, Msg):
        return text.render(lang)
    return str(text)


@cache
def translations(lang: str) -> gettext.NullTranslations:
    """The compiled catalogue of `lang` (English, the ids themselves, needs none)."""
    if lang == "en":
        return gettext.NullTranslations()
    return gettext.translation(DOMAIN, LOCALE, languages=[lang])


_FORMATTER = string.Formatter()


def _fill(template: str, params: dict[str, Any], lang: str) -> str:
    shown = {k: v.render(lang) if isinstance(v, Msg) else v for k, v in params.items()}
    return _FORMATTER.vformat(template, (), shown)


def ids(template: str) -> list[str]:
    """The parameter names a template uses, in order (a catalogue entry must use the same)."""
    return [name for _, name, _, _ in _FORMATTER.parse(template) if name]


def listed(items: Iterable[object]) -> Msg | str:
    """Items one after another, as a message: `a, b, c` in English, `a、b、c` in Chinese (the
    items as they are, or rendered when they are messages)."""
    out: object = ""
    for i, item in enumerate(items):
        out = item if i == 0 else _("{first}, {second}", first=out, second=item)
    return out if isinstance(out, Msg) else str(out)
