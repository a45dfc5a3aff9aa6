"""Making outside text safe where it becomes a file name, a sheet name or a spreadsheet cell."""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Callable
from pathlib import Path

from salescli.errors import OutputError

_WINDOWS_RESERVED = re.compile(r"^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$", re.IGNORECASE)
_UNSAFE_FILE = re.compile(r'[<>:"/\\|?*\x00-\x1f]')
_UNSAFE_SHEET = re.compile(r"[\[\]:*?/\\\x00-\x1f]")
_NUMBER_LIKE = re.compile(r"^[+-]?[\d\s().\-]+$")


def safe_filename(name: str, max_chars: int = 60) -> str:
    """A file name that stays in its folder on every system and keeps Chinese text."""
    cleaned = _UNSAFE_FILE.sub("_", name).strip().lstrip(".").strip() or "_"
    cleaned = cleaned[:max_chars].rstrip(". ")
    if _WINDOWS_RESERVED.match(cleaned) or not cleaned:
        cleaned = f"_{cleaned}"
    return cleaned


def unique_names(
    names: list[str], make: Callable[[str], str], limit: int | None = None
) -> list[str]:
    """Apply `make` and number repeats (case-insensitively), keeping within `limit` chars."""
    out: list[str] = []
    taken: set[str] = set()
    for name in names:
        base = make(name)
        candidate, n = base, 1
        while candidate.lower() in taken:
            n += 1
            suffix = f"~{n}"
            candidate = (base[: limit - len(suffix)] if limit else base) + suffix
        taken.add(candidate.lower())
        out.append(candidate)
    return out


def safe_sheet_name(name: str) -> str:
    cleaned = _UNSAFE_SHEET.sub("_", name).strip("' ") or "Sheet"
    if cleaned.lower() == "history":
        cleaned = "History_"
    return cleaned[:31]


def neutralise(text: str) -> str:
    """Defuse text a spreadsheet would run as a formula; numbers and phone numbers stay."""
    if not text or text[0] not in "=+-@\t\r":
        return text
    if text[0] in "+-" and _NUMBER_LIKE.match(text):
        return text
    return "'" + text


def atomic_write(path: Path, produce: Callable[[Path], None], protected: set[Path]) -> Path:
    """Write through a temporary file in the target folder, then rename: no partial file ever."""
    path = Path(path)
    if path.resolve() in protected:
        raise OutputError(
            "refusing to overwrite an input file", file=path, hint="choose another output path"
        )
    if path.exists() and not path.is_file() and not path.is_dir():
        return _write_through(path, produce)  # /dev/null, /dev/stdout, a FIFO: never replaced
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        for stale in path.parent.glob(f".{glob_escape(path.name)}.*.part"):
            stale.unlink(missing_ok=True)  # left by a run that was killed (SIGKILL) mid-write
        handle, temp_name = tempfile.mkstemp(
            prefix=f".{path.name}.", suffix=".part", dir=path.parent
        )
        os.close(handle)
    except OSError as exc:
        raise OutputError(
            f"cannot write here: {exc.strerror}", file=path, hint="choose a folder you can write to"
        ) from None
    temp = Path(temp_name)
    try:
        produce(temp)
        with open(temp, "rb+") as stream:
            os.fsync(stream.fileno())
        os.chmod(temp, 0o666 & ~_umask())
        os.replace(temp, path)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise OutputError(
            f"cannot write the file: {exc.strerror or exc}",
            file=path,
            hint="check free disk space and permissions",
        ) from None
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return path


def _write_through(path: Path, produce: Callable[[Path], None]) -> Path:
    """A device or pipe cannot be renamed over: build the file aside, then copy it in with
    one open (a writer that opens its target twice would hang on a pipe)."""
    import shutil

    handle, temp_name = tempfile.mkstemp(suffix=".part")
    os.close(handle)
    temp = Path(temp_name)
    try:
        produce(temp)
        with open(temp, "rb") as source, open(path, "wb") as target:
            shutil.copyfileobj(source, target)
    except OSError as exc:
        raise OutputError(
            f"cannot write the file: {exc.strerror or exc}",
            file=path,
            hint="check free disk space and permissions",
        ) from None
    finally:
        temp.unlink(missing_ok=True)
    return path


def glob_escape(name: str) -> str:
    import glob

    return glob.escape(name)


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
