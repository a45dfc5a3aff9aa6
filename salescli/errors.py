"""One hierarchy of domain errors, translated once into a message and exit code by the CLI.

Each error carries what a user needs to find the problem: file, sheet, the row number the user
sees in Excel, column, value, and a hint saying what to do about it.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote

from salescli.i18n import Msg, _, render

EXIT_OK = 0
EXIT_USAGE = 2
EXIT_DATA = 65
EXIT_NO_INPUT = 66
EXIT_INTERNAL = 70
EXIT_CANT_CREATE = 73
EXIT_BUSY = 75
EXIT_NOPERM = 77  # a table's source refused the login (data/sources.py)
EXIT_CONFIG = 78


# a password in a URI's user part (postgresql://user:PASSWORD@host, a `#` or `@` in it
# included), and a password=… or sslpassword=… in a URI's query or a libpq keyword string
_URI_PASSWORD = re.compile(r"(?i)\b([a-z][a-z0-9+.-]*://[^\s:/?@'\"]*:)([^\s'\"]*)(@)")
_KEY_PASSWORD = re.compile(
    r"(?i)\b((?:ssl)?password\s*=\s*)('(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|[^&\s'\"]*)"
)
MASK = "***"


def mask_credentials(text: str, secrets: tuple[str, ...] = ()) -> str:
    """`text` with every password it holds replaced by ***: those of any database URI or
    connection string in it, and each of `secrets` (also as written inside other text)."""
    masked = _URI_PASSWORD.sub(lambda m: f"{m.group(1)}{MASK}{m.group(3)}", text)
    masked = _KEY_PASSWORD.sub(lambda m: f"{m.group(1)}{MASK}" if m.group(2) else m[0], masked)
    for secret in sorted({s for s in secrets if s}, key=len, reverse=True):
        masked = masked.replace(secret, MASK)
    return masked


def url_secrets(url: str) -> tuple[str, ...]:
    """The passwords a database URI or connection string holds, as written and decoded."""
    found = [m.group(2) for m in _URI_PASSWORD.finditer(url)]
    found += [m.group(2).strip("'\"") for m in _KEY_PASSWORD.finditer(url)]
    return tuple(dict.fromkeys(v for s in found for v in (s, unquote(s)) if v and v != MASK))


class SalescliError(Exception):
    """Base of every error salescli reports to a user."""

    exit_code = EXIT_INTERNAL

    def __init__(
        self,
        message: str,
        *,
        hint: str | None = None,
        file: str | Path | None = None,
        sheet: str | None = None,
        row: int | None = None,
        column: str | None = None,
        value: object = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.file = str(file) if file is not None else None
        self.sheet = sheet
        self.row = row
        self.column = column
        self.value = value

    def location(self, lang: str = "en") -> str:
        """File, sheet, row, column and value, as far as they are known, in `lang` (the
        file, sheet, column and value as they are)."""
        parts: list[Msg | str] = [self.file] if self.file else []
        if self.sheet:
            parts.append(_("sheet {sheet}", sheet=self.sheet))
        if self.row is not None:
            parts.append(_("row {row}", row=self.row))
        if self.column:
            parts.append(_("column {column}", column=self.column))
        if self.value is not None:
            parts.append(_("value {value!r}", value=self.value))
        if not parts:
            return ""
        place = parts[0]
        for part in parts[1:]:
            place = _("{place}, {part}", place=place, part=part)
        return render(place, lang)

    def text(self, lang: str = "en") -> str:
        """`WHERE: WHAT` in the language asked (the file, sheet, column and value as they are),
        any password in it masked."""
        where, what = self.location(lang), render(self.message, lang)
        return mask_credentials(
            render(_("{where}: {what}", where=where, what=what), lang) if where else what
        )

    def hint_text(self, lang: str = "en") -> str | None:
        return mask_credentials(render(self.hint, lang)) if self.hint else None

    def lines(self, lang: str = "en") -> list[str]:
        """What the CLI prints: `salescli: error: WHERE: WHAT` and `  hint: …`."""
        lines = [render(_("salescli: error: {message}", message=self.text(lang)), lang)]
        hint = self.hint_text(lang)
        return lines + ([render(_("  hint: {hint}", hint=hint), lang)] if hint else [])

    def __str__(self) -> str:
        """Where and what, with any password a message holds masked (a database URI)."""
        where, what = mask_credentials(self.location()), mask_credentials(self.message)
        return f"{where}: {what}" if where else what


class UsageError(SalescliError):
    """The command line asks for something impossible (bad period, bad option value)."""

    exit_code = EXIT_USAGE


class BadDataError(SalescliError):
    """An input file holds a value, row or layout that cannot be used. `headers`: the header
    row's lines as read (role, samples), when what is missing is a column (`map` shows them:
    they say which header it is)."""

    exit_code = EXIT_DATA
    headers: list[dict] | None = None


class NotCoveredError(BadDataError):
    """The exports hold no rows for the period asked about (its figures would all be zero)."""


class MissingInputError(SalescliError):
    """A table the command needs is not in the workspace."""

    exit_code = EXIT_NO_INPUT


class OutputError(SalescliError):
    """An output cannot be written (not writable, disk full, would overwrite an input)."""

    exit_code = EXIT_CANT_CREATE


class BusyError(SalescliError):
    """Another salescli run holds the workspace lock."""

    exit_code = EXIT_BUSY


class InputChangedError(SalescliError):
    """An input file changed while it was read (an export still being written): its rows
    would be a mix of two versions, or a part of one."""

    exit_code = EXIT_BUSY


class ConfigError(SalescliError):
    """salescli.toml (or --config) holds an unknown key or a value out of range."""

    exit_code = EXIT_CONFIG
