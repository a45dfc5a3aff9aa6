"""How the process keeps the memory it frees (salescli/memory.py): a command reading exports
keeps freed blocks for reuse (a faster read); one reading a table from a source gives them
back (a lower peak: the 10M-line month's 1 GB, benchmarks/README.md). The figures are the
same either way."""

from __future__ import annotations

import json
import signal
import sys
from pathlib import Path

import pyarrow as pa
import pytest

from salescli import cli, memory
from tests.cli.test_run_sources import _lake
from tests.helpers import ORDER_HEADER, order_row, run, write_csv
from tests.output.test_source_record import _lines, _targets


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> list[tuple[int, int]]:
    """Every mallopt call made, glibc's own left as it is; and Arrow's pool put back."""
    made: list[tuple[int, int]] = []

    def mallopt(param: int, value: int) -> int:
        made.append((param, value))
        return 1

    monkeypatch.setattr(memory, "_mallopt", lambda: mallopt)
    pool = pa.default_memory_pool()
    yield made
    pa.set_memory_pool(pool)


def test_a_command_reading_a_source_gives_freed_memory_back(
    tmp_path: Path, calls: list[tuple[int, int]]
) -> None:
    folder = tmp_path / "ws"
    _lake(folder, _lines())
    pa.set_memory_pool(pa.mimalloc_memory_pool())
    done = run("-w", str(folder), "appraise", "--month", "2024-05", "--format", "json")
    assert done.exit_code == 0, done.stderr
    assert (memory.M_MMAP_THRESHOLD, 1 << 20) in calls
    assert (memory.M_TRIM_THRESHOLD, memory.DEFAULT_TRIM) in calls
    assert pa.default_memory_pool().backend_name == "system"

    # the same lines as an export: nothing changed, and the same figures
    calls.clear()
    pa.set_memory_pool(pa.mimalloc_memory_pool())
    files = tmp_path / "files"
    _targets(files)
    _lines().to_csv(files / "orders.csv", index=False)
    alone = run("-w", str(files), "appraise", "--month", "2024-05", "--format", "json")
    assert alone.exit_code == 0, alone.stderr
    assert calls == []
    assert pa.default_memory_pool().backend_name == "mimalloc"
    assert json.loads(alone.stdout) == json.loads(done.stdout)


def test_a_source_overridden_by_a_file_on_the_command_line_is_no_source(
    tmp_path: Path, calls: list[tuple[int, int]]
) -> None:
    folder = tmp_path / "ws"
    _lake(folder, _lines())
    export = tmp_path / "orders.csv"
    write_csv(export, [ORDER_HEADER, order_row("SO1", "2024-05-06", "C1", 100)])
    done = run("-w", str(folder), "appraise", "--month", "2024-05", "--input", f"orders={export}")
    assert done.exit_code == 0, done.stderr
    assert calls == []


def test_every_command_keeps_freed_memory_from_its_start(
    calls: list[tuple[int, int]], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(signal, "signal", lambda *a: None)  # the worker's SIGTERM left as is
    monkeypatch.setattr(sys, "argv", ["salescli", "--version"])
    with pytest.raises(SystemExit):
        cli.main()
    assert calls == [
        (memory.M_MMAP_THRESHOLD, 32 << 20),
        (memory.M_TRIM_THRESHOLD, (1 << 31) - 1),
        (memory.M_TOP_PAD, 256 << 20),
    ]
    calls.clear()
    monkeypatch.setattr(sys, "argv", ["salescli", "--help"])
    with pytest.raises(SystemExit):
        cli.main()
    assert calls == []  # --help is answered before anything is allocated
