"""Chinese for the words salescli writes around its figures: notes, warnings, errors, hints.

One catalogue, `PATTERNS`: each entry is a regular expression over the English message and its
Chinese with the same groups (`{0}`, `{1}`…). Messages are written in English where they are
made (rules, readers, commands) and translated here, at the output, when `--lang zh` asks.
"""

from __future__ import annotations

import re

PATTERNS: list[tuple[str, str]] = []


def translate(text: str, lang: str) -> str:
    if lang != "zh":
        return text
    for pattern, zh in _compiled():
        match = pattern.fullmatch(text)
        if match:
            return zh.format(*(translate(g or "", lang) for g in match.groups()))
    return text


_CACHE: list[tuple[re.Pattern[str], str]] = []


def _compiled() -> list[tuple[re.Pattern[str], str]]:
    if len(_CACHE) != len(PATTERNS):
        _CACHE[:] = [(re.compile(p, re.S), zh) for p, zh in PATTERNS]
    return _CACHE
