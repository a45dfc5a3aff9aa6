"""Messages whose parameters are salescli's own names: a canonical column named in a sentence
(`rep`, shown as 销售代表 in Chinese) and a list of such parameters, joined the way each
language lists things (`region, rep` and 区域、销售代表). Data in a parameter (a rep, a file)
is never translated; these are the exceptions a message names on purpose."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from salescli.i18n import Msg, _, render


class ColumnName(Msg):
    """A canonical column (or target level) named in a message: its name in English, as the
    sentence always said it, and its label in other languages."""

    def __new__(cls, name: str) -> ColumnName:
        self = str.__new__(cls, name)
        self.id, self.plural, self.n, self.params = name, None, None, {}
        return self

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (str.__str__(self),))

    def render(self, lang: str) -> str:
        from salescli.labels import label

        return str.__str__(self) if lang == "en" else label(str.__str__(self), lang)


class ColumnLabel(ColumnName):
    """A canonical column shown as a cell shows a column: by its label in every language
    (`basis` as Basis, 依据), as a request's missing parts are listed."""

    def render(self, lang: str) -> str:
        from salescli.labels import label

        return label(str.__str__(self), lang)


class Listed(Msg):
    """Items said one after the other: `a, b` in English, `a、b` in Chinese (`a; b`: `a；b`);
    each item a message (rendered in the language) or data (as it is)."""

    def __new__(cls, items: Iterable[object], separator: str = ", ") -> Listed:
        kept = tuple(items)
        self = str.__new__(cls, separator.join(map(str, kept)))
        self.id, self.plural, self.n = str(self), None, None
        self.params = {"items": kept, "separator": separator}
        return self

    def __reduce__(self) -> tuple[Any, ...]:
        return (Listed, (self.params["items"], self.params["separator"]))

    def render(self, lang: str) -> str:
        separator = self.params["separator"]
        if lang == "zh":
            separator = {", ": "、", "; ": "；"}.get(separator, separator)
        return separator.join(render(item, lang) for item in self.params["items"])


def columns(names: Iterable[str]) -> Listed:
    """Canonical columns as a list: `region, rep`, 区域、销售代表."""
    return Listed(ColumnName(name) for name in names)


def either(names: list[str]) -> Msg:
    """Canonical columns as alternatives: `rep or region`, 销售代表 或 区域."""
    said: Msg = ColumnName(names[0])
    for name in names[1:]:
        said = _("{first} or {second}", first=said, second=ColumnName(name))
    return said


# the classification methods (2.1), as a note names them
METHODS: dict[str, Msg] = {
    "score": _("score"),
    "pareto": _("pareto"),
    "thresholds": _("thresholds"),
}
