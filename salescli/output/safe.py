"""Making outside text safe where it becomes a file name, a sheet name or a spreadsheet cell."""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from collections.abc import Callable
from pathlib import Path

from salescli.errors import OutputError
from salescli.i18n import _

_WINDOWS_RESERVED = re.compile(r"^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$", re.IGNORECASE)
_UNSAFE_FILE = re.compile(r'[<>:"/\\|?*\x00-\x1f]')
_UNSAFE_SHEET = re.compile(r"[\[\]:*?/\\\x00-\x1f]")
# what a spreadsheet reads as a plain number (or a phone number: digits in groups), never as a
# formula: `-500`, `+3.5`, `-1,234.50`, `+86 138 0013 8000`; but `-1-1` and `+1+1` compute
_PLAIN_NUMBER = re.compile(
    r"^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?(?:[eE][+-]?\d+)?%?$|^\+\d+(?: \d+)+$"
)


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
    """Defuse text a spreadsheet would run as a formula: a cell that begins with one of the
    characters OWASP lists (= + - @ tab, carriage return) gets a leading `'`, unless it is a
    plain signed number or a phone number, which a spreadsheet reads as a value."""
    if not text or text[0] not in "=+-@\t\r":
        return text
    if text[0] in "+-" and any(c.isdigit() for c in text) and _PLAIN_NUMBER.match(text):
        return text
    return "'" + text


def atomic_write(path: Path, produce: Callable[[Path], None], protected: set[Path]) -> Path:
    """Write through a temporary file in the target folder, then rename: no partial file ever."""
    return atomic_write_all([(Path(path), produce)], protected)[0]


def atomic_write_all(
    files: list[tuple[Path, Callable[[Path], None]]], protected: set[Path]
) -> list[Path]:
    """Write a set of files as a whole: each is produced into a temporary file beside its
    target, and only when every one is written are they renamed into place (each rename
    atomic). A failure of any writer, a full disk included, removes the temporary files and
    leaves every old file as it was (73); folders made for the set are removed again."""
    for path, _produce in files:
        if Path(path).resolve() in protected:
            raise OutputError(
                _("refusing to overwrite an input file"),
                file=path,
                hint=_("choose another output path"),
            )
    devices = [(p, f) for p, f in files if p.exists() and not p.is_file() and not p.is_dir()]
    made: list[Path] = []
    staged: list[tuple[Path, Path]] = []
    current: Path | None = None
    try:
        for path, produce in files:
            if (path, produce) not in devices:
                current = path
                staged.append((_stage(path, produce, made), path))
        for temp, path in staged:
            current = path
            os.replace(temp, path)
    except BaseException as exc:
        for temp, _path in staged:
            temp.unlink(missing_ok=True)
        for folder in reversed(made):
            _remove_if_empty(folder)
        failure = None if isinstance(exc, OutputError) else io_failure(exc)
        if failure is None:
            raise
        raise OutputError(
            _("cannot write the file: {reason}", reason=str(failure.strerror or failure)),
            file=current,
            hint=_("check free disk space and permissions; the previous output is unchanged"),
        ) from None
    for path, produce in devices:  # /dev/null, /dev/stdout, a FIFO: never replaced
        _write_through(path, produce)
    return [path for path, _produce in files]


def replace_set(
    files: list[tuple[Path, Callable[[Path], None]]], folder: Path, kind: str, whole: bool = True
) -> list[Path]:
    """Write a folder's set of files whole (`atomic_write_all`), then remove the files of the
    set written there before that this one does not hold, so that a rep no longer in it
    keeps no card or calendar of an earlier run beside the new ones. The set's file names are
    kept in the hidden `.salescli-<kind>` of the folder; no other file is ever removed.
    Not `whole` (a run for some reps, `--rep`): the files are added to the set, or replace
    theirs, and the other reps' files stay."""
    manifest = folder / f".salescli-{kind}"
    before = _names_in(manifest)
    written = atomic_write_all(files, set())
    names = sorted(p.name for p in written)
    kept = {name.casefold() for name in names}  # on Windows and macOS AB.html is ab.html
    if whole:
        for name in sorted(n for n in before if n.casefold() not in kept):
            remove_earlier(folder / name)
    else:
        names = sorted([*names, *(n for n in before if n.casefold() not in kept)])
    text = "".join(f"{name}\n" for name in names)
    atomic_write(manifest, lambda p: p.write_text(text, encoding="utf-8"), set())
    return written


def earlier_set(folder: Path, kind: str) -> list[str]:
    """The file names of the set `replace_set` wrote in `folder` before (none: [])."""
    return _names_in(folder / f".salescli-{kind}")


def remove_earlier(path: Path) -> None:
    """Remove a file an earlier run wrote and this one does not (gone already: nothing to do)."""
    try:
        path.unlink(missing_ok=True)
    except OSError as exc:
        raise OutputError(
            _("cannot remove a file of the earlier set: {reason}", reason=exc.strerror),
            file=path,
            hint=_("check the folder's permissions, or remove the file by hand"),
        ) from None


def _names_in(manifest: Path) -> list[str]:
    """The file names a set's manifest lists: plain names only, never a path elsewhere."""
    try:
        lines = manifest.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return []
    return [n for n in lines if n.strip(".") and not _UNSAFE_FILE.search(n)]


def _stage(path: Path, produce: Callable[[Path], None], made: list[Path]) -> Path:
    """`produce` the file into a temporary file beside `path` (its folders made and recorded
    in `made`), synced to disk."""
    try:
        missing = [p for p in [path.parent, *path.parent.parents] if not p.exists()]
        path.parent.mkdir(parents=True, exist_ok=True)
        made.extend(reversed(missing))
        for stale in path.parent.glob(f".{glob_escape(path.name)}.*.part"):
            stale.unlink(missing_ok=True)  # left by a run that was killed (SIGKILL) mid-write
        handle, temp_name = tempfile.mkstemp(
            prefix=f".{path.name}.", suffix=".part", dir=path.parent
        )
        os.close(handle)
    except OSError as exc:
        raise OutputError(
            _("cannot write here: {reason}", reason=exc.strerror),
            file=path,
            hint=_("choose a folder you can write to"),
        ) from None
    temp = Path(temp_name)
    try:
        produce(temp)
        with open(temp, "rb+") as stream:
            os.fsync(stream.fileno())
        os.chmod(temp, 0o666 & ~_umask())
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return temp


def io_failure(exc: BaseException) -> OSError | None:
    """The OSError behind a writer's failure: itself, or the one a library wrapped in its own
    exception (XlsxWriter's FileCreateError holds the OSError of a full disk)."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, OSError):
            return current
        wrapped = [a for a in current.args if isinstance(a, OSError)]
        if wrapped:
            return wrapped[0]
        suppressed = current.__suppress_context__
        current = current.__cause__ or (None if suppressed else current.__context__)
    return None


def _remove_if_empty(folder: Path) -> None:
    with contextlib.suppress(OSError):
        folder.rmdir()


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
    except Exception as exc:
        failure = io_failure(exc)
        if failure is None:
            raise
        raise OutputError(
            _("cannot write the file: {reason}", reason=str(failure.strerror or failure)),
            file=path,
            hint=_("check free disk space and permissions"),
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
