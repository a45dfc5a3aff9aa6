"""The parsed-input cache: a normalised file kept as Parquet, so a second command over the
same exports does not parse them again.

Entries live in WORKSPACE/.salescli/cache/, keyed by the SHA-256 of the file's bytes, hashed
on every run (an edit that keeps the size and modification time is still a new key), the
input settings that shape its reading (sheet, header row, encoding, column mapping, time
zone), the schema version and the reading code (`reading_code`). Each entry carries the
SHA-256 of its Parquet file and of its own description, checked when it is read: an entry
that cannot be read back or does not match is dropped and rebuilt (`Cache.damaged` says
which, for -v). Writing one is best effort.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import io
import json
import os
import tempfile
import threading
from collections.abc import Callable
from dataclasses import fields
from pathlib import Path
from typing import Any

import pandas as pd

from salescli.data.normalise import Normalised, Problem
from salescli.data.parts import Named
from salescli.i18n import Msg, _
from salescli.version import __version__

FORMAT = "11"  # bump when normalisation changes what it produces or entries change shape


def schema_version() -> str:
    from salescli.schema import TABLES

    mark = f"{FORMAT}|{__version__}|{TABLES!r}|{reading_code()}"
    return hashlib.sha256(mark.encode()).hexdigest()[:16]


# the modules whose code shapes what a parse gives: the data layer, the schema, the settings
# and the problems; any edit of them (a commit between two releases, a patched install) is a
# new key, so no entry parsed by other code is read back (a version bump is not needed)
READING = ("data/*.py", "schema.py", "config.py", "problems.py")


@functools.cache
def reading_code(package: Path | None = None) -> str:
    """The SHA-256 of the reading modules' source, in a fixed order (about 1 ms)."""
    root = package or Path(__file__).resolve().parent.parent
    digest = hashlib.sha256()
    for pattern in READING:
        for file in sorted(root.glob(pattern)):
            digest.update(file.name.encode() + b"\0")
            with contextlib.suppress(OSError):  # a module installed without its source
                digest.update(file.read_bytes())
    return digest.hexdigest()


class Cache:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.damaged: list[str] = []  # entries dropped because they did not match, for -v
        self._lock = threading.Lock()  # files are read side by side

    def key(self, digest: str, settings: str) -> str:
        """The entry of a file whose bytes have this SHA-256, read with these settings."""
        return hashlib.sha256(f"{digest}|{settings}|{schema_version()}".encode()).hexdigest()

    def load(
        self, key: str, columns: list[str] | None = None, source: str = ""
    ) -> Normalised | None:
        """The entry, or None; with `columns`, only those of them the entry has are read. An
        entry whose checksums do not match is removed (and named in `damaged`)."""
        frame_path, meta_path = self._paths(key)
        if not meta_path.exists() and not frame_path.exists():
            return None
        try:
            meta = _checked_meta(meta_path.read_bytes())
            data = frame_path.read_bytes()
            if hashlib.sha256(data).hexdigest() != meta["sha256"]:
                raise ValueError(_("the Parquet file does not match its checksum"))
            wanted = None if columns is None else [c for c in meta["columns"] if c in columns]
            frame = pd.read_parquet(io.BytesIO(data), columns=wanted)
            if meta["rows"] != len(frame):
                raise ValueError(_("the Parquet file holds another number of rows"))
            return Normalised(
                meta["table"],
                frame,
                [Problem(**_loaded(p)) for p in meta["problems"]],
                _loaded(meta["notes"]),
                _loaded(meta["unmatched"]),
                _loaded(meta.get("headers", [])),
                warnings=_loaded(meta.get("warnings", [])),
            )
        except Exception as exc:  # a bad entry of any kind is rebuilt
            self._drop(key, source, exc)
            return None

    def store(self, key: str, part: Normalised) -> None:
        frame_path, meta_path = self._paths(key)
        try:
            buffer = io.BytesIO()
            part.frame.to_parquet(buffer, index=False)
            data = buffer.getvalue()
            meta: dict[str, Any] = {
                "table": part.table,
                "rows": len(part.frame),
                "columns": [str(c) for c in part.frame.columns],
                "notes": _stored(part.notes),
                "unmatched": _stored(part.unmatched),
                "headers": _stored(part.headers),
                "warnings": _stored(part.warnings),
                "problems": [
                    _stored({f.name: getattr(p, f.name) for f in fields(p)}) for p in part.problems
                ],
                "sha256": hashlib.sha256(data).hexdigest(),
            }
            text = json.dumps({**meta, "check": _meta_checksum(meta)}, ensure_ascii=False)
            self.folder.mkdir(parents=True, exist_ok=True)
            _atomic(frame_path, lambda p: p.write_bytes(data))
            _atomic(meta_path, lambda p: p.write_text(text, encoding="utf-8"))
        except Exception:  # a cache that cannot be written only costs speed
            return

    def _drop(self, key: str, source: str, exc: Exception) -> None:
        with self._lock:
            self.damaged.append(
                _(
                    "the cache entry of {source} was damaged ({why}): dropped and rebuilt from "
                    "the export",
                    source=source or key[:12],
                    why=exc.args[0] if exc.args and isinstance(exc.args[0], Msg) else str(exc),
                )
            )
        for path in self._paths(key):
            with contextlib.suppress(OSError):
                path.unlink(missing_ok=True)

    def _paths(self, key: str) -> tuple[Path, Path]:
        return self.folder / f"{key}.parquet", self.folder / f"{key}.json"


def _stored(value: Any) -> Any:
    """`value` as JSON holds it, a message (salescli.i18n) as its id and parameters, so that
    a cached read says its problems and notes in every language as a fresh one does."""
    if isinstance(value, Named):
        return {"named": [str.__str__(value), value.zh]}
    if isinstance(value, Msg):
        held = {"id": value.id, "params": _stored(value.params)}
        return {"message": held | {"plural": value.plural, "n": value.n}}
    if isinstance(value, dict):
        return {str(k): _stored(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_stored(v) for v in value]
    if hasattr(value, "item"):  # a numpy number
        return value.item()
    return value


def _loaded(value: Any) -> Any:
    if isinstance(value, dict):
        if set(value) == {"named"}:
            return Named(*value["named"])
        if set(value) == {"message"}:
            held = value["message"]
            return Msg(held["id"], _loaded(held["params"]), held["plural"], held["n"])
        return {k: _loaded(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_loaded(v) for v in value]
    return value


def _meta_checksum(meta: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(meta, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def _checked_meta(data: bytes) -> dict[str, Any]:
    """An entry's description, which must be a JSON object whose checksum matches."""
    meta = json.loads(data.decode("utf-8"))
    if not isinstance(meta, dict):
        raise ValueError(
            _("its description is a JSON {kind}, not an object", kind=type(meta).__name__)
        )
    check = meta.pop("check", None)
    if check != _meta_checksum(meta):
        raise ValueError(_("its description does not match its checksum"))
    return meta


def _atomic(path: Path, produce: Callable[[Path], object]) -> None:
    handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    os.close(handle)
    try:
        produce(Path(name))
        os.replace(name, path)
    finally:
        Path(name).unlink(missing_ok=True)


def clear(folder: Path) -> int:
    """Remove every cache entry; returns how many files went."""
    removed = 0
    if folder.is_dir():
        for path in folder.iterdir():
            if path.is_file():
                path.unlink()
                removed += 1
    return removed
