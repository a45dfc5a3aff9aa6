"""The parsed-input cache: a normalised file kept as Parquet, so a second command over the
same exports does not parse them again.

Entries live in WORKSPACE/.salescli/cache/, keyed by the file's content hash, the input
settings that shape its reading (sheet, header row, encoding, column mapping, time zone) and
the schema version. Size and modification time are a cheap first check before hashing. Any
entry that cannot be read back is ignored and rebuilt; writing one is best effort.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import threading
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path

import pandas as pd

from salescli.data.normalise import Normalised, Problem
from salescli.version import __version__

FORMAT = "5"  # bump when normalisation changes what it produces


def schema_version() -> str:
    from salescli.schema import TABLES

    return hashlib.sha256(f"{FORMAT}|{__version__}|{TABLES!r}".encode()).hexdigest()[:16]


class Cache:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._index_path = folder / "index.json"
        self._index: dict[str, list] | None = None
        self._lock = threading.Lock()  # files are read side by side

    def key(self, path: Path, settings: str) -> str:
        digest = self._digest(path)
        return hashlib.sha256(f"{digest}|{settings}|{schema_version()}".encode()).hexdigest()

    def load(self, key: str, columns: list[str] | None = None) -> Normalised | None:
        """The entry, or None; with `columns`, only those of them the entry has are read."""
        frame_path, meta_path = self._paths(key)
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
            wanted = None if columns is None else [c for c in meta["columns"] if c in columns]
            frame = pd.read_parquet(frame_path, columns=wanted)
        except (OSError, ValueError, KeyError, TypeError):
            return None
        except Exception:  # a corrupt Parquet file raises pyarrow's own types
            return None
        if meta.get("rows") != len(frame):
            return None
        return Normalised(
            meta["table"],
            frame,
            [Problem(**p) for p in meta["problems"]],
            meta["notes"],
            meta["unmatched"],
            meta.get("headers", []),
            warnings=meta.get("warnings", []),
        )

    def store(self, key: str, part: Normalised) -> None:
        frame_path, meta_path = self._paths(key)
        meta = {
            "table": part.table,
            "rows": len(part.frame),
            "columns": [str(c) for c in part.frame.columns],
            "notes": part.notes,
            "unmatched": part.unmatched,
            "headers": part.headers,
            "warnings": part.warnings,
            "problems": [asdict(p) for p in part.problems],
        }
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            _atomic(frame_path, lambda p: part.frame.to_parquet(p, index=False))
            _atomic(
                meta_path,
                lambda p: p.write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8"),
            )
        except Exception:  # a cache that cannot be written only costs speed
            return

    def _paths(self, key: str) -> tuple[Path, Path]:
        return self.folder / f"{key}.parquet", self.folder / f"{key}.json"

    def _digest(self, path: Path) -> str:
        """The content hash, reused while size and modification time are unchanged."""
        status = path.stat()
        where = str(path.resolve())
        with self._lock:
            known = self._load_index().get(where)
        if known and known[0] == status.st_size and known[1] == status.st_mtime_ns:
            return known[2]
        with open(path, "rb") as stream:
            digest = hashlib.file_digest(stream, "sha256").hexdigest()
        with self._lock:
            index = self._load_index()
            index[where] = [status.st_size, status.st_mtime_ns, digest]
            try:
                self.folder.mkdir(parents=True, exist_ok=True)
                text = json.dumps(index, sort_keys=True)
                _atomic(self._index_path, lambda p: p.write_text(text, "utf-8"))
            except OSError:
                pass
        return digest

    def _load_index(self) -> dict[str, list]:
        if self._index is None:
            try:
                self._index = json.loads(self._index_path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                self._index = {}
        return self._index


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
