"""The parsed-input cache: reused when nothing changed, rebuilt when anything did."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from salescli.data import workspace as workspace_module
from salescli.data.workspace import Workspace
from tests.helpers import ORDER_HEADER, order_row, run, write_csv, write_xlsx

ROWS = [
    ORDER_HEADER,
    order_row("SO1", "2024-05-03", "C1", 100),
    ["合计", None, None, None, None, None, None, None, None, 100],
]


def cache_files(folder: Path) -> list[Path]:
    return sorted((folder / ".salescli" / "cache").glob("*.parquet"))


def no_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args, **kwargs):
        raise AssertionError("parsed again")

    monkeypatch.setattr(workspace_module, "read_raw", refuse)


def test_second_read_comes_from_the_cache_and_equals_the_first(tmp_path: Path, monkeypatch) -> None:
    write_xlsx(tmp_path / "orders.xlsx", ROWS)
    first = Workspace(tmp_path, cache=True).read("orders")
    assert len(cache_files(tmp_path)) == 1
    no_parsing(monkeypatch)
    second = Workspace(tmp_path, cache=True).read("orders")
    pd.testing.assert_frame_equal(first.frame, second.frame)
    assert first.notes == second.notes and "1 total row dropped" in second.notes[0]
    uncached = Workspace(tmp_path, cache=False)
    with pytest.raises(AssertionError, match="parsed again"):
        uncached.read("orders")


def test_problems_survive_the_cache(tmp_path: Path) -> None:
    write_csv(tmp_path / "orders.csv", [ORDER_HEADER, order_row("SO1", "bad", "C1", 1)])
    first = Workspace(tmp_path, cache=True).read("orders")
    second = Workspace(tmp_path, cache=True).read("orders")
    assert first.problems == second.problems and first.problems[0].value == "bad"


def test_a_cached_problem_keeps_its_code_and_says_itself_in_chinese(
    tmp_path: Path, monkeypatch
) -> None:
    from salescli.i18n import Msg, render

    rows = [ORDER_HEADER, order_row("SO1", "bad", "C1", 1), order_row("SO2", "2024-05-03", "C2", 5)]
    write_csv(tmp_path / "orders.csv", [*rows, order_row("SO3", "2024-05-04", "C3", "x")])
    Workspace(tmp_path, cache=True).read("orders")
    no_parsing(monkeypatch)
    cached = Workspace(tmp_path, cache=True).read("orders").problems
    assert {p.code for p in cached} == {"bad-date", "bad-number"}
    assert all(isinstance(p.problem, Msg) and isinstance(p.hint, Msg) for p in cached)
    said = {p.code: p for p in cached}
    assert render(said["bad-date"].problem, "zh") == "不是日期"
    assert render(said["bad-number"].hint, "zh") == "请写成 1234.50、¥1,234.50 或 12% 这样的形式"


def test_a_changed_file_is_read_again(tmp_path: Path) -> None:
    write_csv(tmp_path / "orders.csv", [ORDER_HEADER, order_row("SO1", "2024-05-03", "C1", 100)])
    assert Workspace(tmp_path, cache=True).table("orders")["amount"].tolist() == [100.0]
    write_csv(tmp_path / "orders.csv", [ORDER_HEADER, order_row("SO1", "2024-05-03", "C1", 200)])
    assert Workspace(tmp_path, cache=True).table("orders")["amount"].tolist() == [200.0]


def test_a_changed_mapping_is_read_again(tmp_path: Path) -> None:
    rows = [
        ["单据号", "日期", "客户编号", "金额", "含税金额"],
        ["SO1", "2024-05-03", "C1", "1", "2"],
    ]
    write_csv(tmp_path / "orders.csv", rows)
    config = tmp_path / "salescli.toml"
    config.write_text('[inputs.orders]\norder_id = "单据号"\n', encoding="utf-8")
    # net by default
    assert Workspace(tmp_path, cache=True).table("orders")["amount"].tolist() == [1.0]
    config.write_text(
        '[inputs.orders]\norder_id = "单据号"\namount = "含税金额"\ncost = "金额"\n',
        encoding="utf-8",
    )
    assert Workspace(tmp_path, cache=True).table("orders")["amount"].tolist() == [2.0]
    config.write_text('amount_basis = "gross"\n[inputs.orders]\norder_id = "单据号"\n', "utf-8")
    assert Workspace(tmp_path, cache=True).table("orders")["amount"].tolist() == [2.0]


@pytest.mark.parametrize("damage", ["garbage", "truncated", "missing_meta"])
def test_a_corrupt_entry_is_ignored_and_rebuilt(tmp_path: Path, damage: str) -> None:
    write_xlsx(tmp_path / "orders.xlsx", ROWS)
    expected = Workspace(tmp_path, cache=True).table("orders")
    entry = cache_files(tmp_path)[0]
    if damage == "garbage":
        entry.write_bytes(b"not parquet at all")
    elif damage == "truncated":
        entry.write_bytes(entry.read_bytes()[: len(entry.read_bytes()) // 2])
    else:
        entry.with_suffix(".json").unlink()
    again = Workspace(tmp_path, cache=True).table("orders")
    pd.testing.assert_frame_equal(expected, again)
    assert pd.read_parquet(cache_files(tmp_path)[0]).shape[0] == 1  # rebuilt


def test_no_cache_option_and_cache_clear(tmp_path: Path) -> None:
    write_csv(tmp_path / "orders.csv", [ORDER_HEADER, order_row("SO1", "2024-05-03", "C1", 1)])
    assert run("--no-cache", "-w", str(tmp_path), "classify", "--quarter", "2024Q2").exit_code == 0
    assert cache_files(tmp_path) == []
    assert run("-w", str(tmp_path), "classify", "--quarter", "2024Q2").exit_code == 0
    assert len(cache_files(tmp_path)) == 1
    assert run("-w", str(tmp_path), "cache", "clear").exit_code == 0
    assert cache_files(tmp_path) == []


def amounts_by_customer(folder: Path, *options: str) -> tuple[dict[str, float], str]:
    import json

    result = run(*options, "-w", str(folder), "classify", "--quarter", "2024Q2", "--format", "json")
    assert result.exit_code == 0, result.stderr
    return {r["customer_id"]: r["amount"] for r in json.loads(result.stdout)}, result.stderr


def test_an_edit_that_keeps_size_and_modification_time_is_read_again(tmp_path: Path) -> None:
    """The cache is keyed by content: a same-size edit with its mtime put back (a copy with
    `cp -p`, a restore, a clock) used to serve the old parse."""
    import os

    path = write_csv(
        tmp_path / "orders.csv", [ORDER_HEADER, order_row("SO1", "2024-05-03", "C1", 100)]
    )
    assert amounts_by_customer(tmp_path)[0] == {"C1": 100.0}
    status = path.stat()
    write_csv(path, [ORDER_HEADER, order_row("SO1", "2024-05-03", "C1", 900)])
    os.utime(path, ns=(status.st_atime_ns, status.st_mtime_ns))
    assert path.stat().st_size == status.st_size
    assert path.stat().st_mtime_ns == status.st_mtime_ns
    assert amounts_by_customer(tmp_path)[0] == {"C1": 900.0}


def test_a_damaged_parquet_entry_that_still_parses_is_dropped_and_rebuilt_with_a_note(
    tmp_path: Path,
) -> None:
    """A flipped bit in a cached file can leave valid Parquet holding another amount: the
    entry's checksum catches it (rows and columns alone did not)."""
    write_csv(tmp_path / "orders.csv", [ORDER_HEADER, order_row("SO1", "2024-05-03", "C1", 1234.5)])
    assert amounts_by_customer(tmp_path)[0] == {"C1": 1234.5}
    entry = cache_files(tmp_path)[0]
    frame = pd.read_parquet(entry)
    frame["amount"] = frame["amount"] + 1.0  # what the flipped bit did to R33
    frame.to_parquet(entry, index=False)
    found, stderr = amounts_by_customer(tmp_path, "-v")
    assert found == {"C1": 1234.5}
    assert "the cache entry of orders.csv was damaged" in stderr
    assert "dropped and rebuilt from the export" in stderr
    assert amounts_by_customer(tmp_path)[0] == {"C1": 1234.5}  # the rebuilt entry is good


@pytest.mark.parametrize("index", ["null", "[]", '"x"', "{"])
def test_an_index_of_the_wrong_shape_is_no_crash(tmp_path: Path, index: str) -> None:
    write_csv(tmp_path / "orders.csv", [ORDER_HEADER, order_row("SO1", "2024-05-03", "C1", 5)])
    folder = tmp_path / ".salescli" / "cache"
    folder.mkdir(parents=True)
    (folder / "index.json").write_text(index, encoding="utf-8")
    assert amounts_by_customer(tmp_path)[0] == {"C1": 5.0}
    assert amounts_by_customer(tmp_path)[0] == {"C1": 5.0}


@pytest.mark.parametrize("meta", ["null", "[]", "{}", '{"rows": 1}'])
def test_an_entry_description_of_the_wrong_shape_is_rebuilt(tmp_path: Path, meta: str) -> None:
    write_csv(tmp_path / "orders.csv", [ORDER_HEADER, order_row("SO1", "2024-05-03", "C1", 5)])
    assert amounts_by_customer(tmp_path)[0] == {"C1": 5.0}
    cache_files(tmp_path)[0].with_suffix(".json").write_text(meta, encoding="utf-8")
    found, stderr = amounts_by_customer(tmp_path, "-v")
    assert found == {"C1": 5.0} and "was damaged" in stderr
