"""A source's lines hold only the columns the command asks for: the others are let go once
the lines are checked (a 10M-line month's lines hold 270 MB in columns an appraisal does not
read). Each command reads the orders once; a program asking the same workspace for a column
let go reads the source again, and gets the same rows, or a refusal (75) when the source gave
other rows in between: never the first read's rows mixed with the second's."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from salescli.data.workspace import Workspace
from salescli.errors import EXIT_BUSY, InputChangedError
from tests.data.test_review6 import MISFILED, _lake, _workspace

NARROW = ["order_id", "amount"]


def _lake_workspace(tmp_path: Path) -> Path:
    folder = _workspace(tmp_path / "lake")
    _lake(MISFILED, "parquet")(folder)
    return folder


def test_a_column_let_go_is_read_again_when_asked_for_and_is_the_sources(tmp_path: Path) -> None:
    folder = _lake_workspace(tmp_path)
    workspace = Workspace(folder)
    narrow = workspace.table("orders", columns=NARROW)
    assert narrow is not None
    assert list(narrow.columns) == NARROW
    assert workspace.fetched["orders"].rows == 4

    whole = workspace.table("orders")
    fresh = Workspace(folder).table("orders")
    assert whole is not None and fresh is not None
    assert {"rep", "customer_id", "status", "order_date"} <= set(whole.columns)
    pd.testing.assert_frame_equal(whole, fresh)
    # kept whole from then on: another narrowing is taken from it, not read a third time
    reps = workspace.table("orders", columns=["order_id", "rep"])
    assert reps is not None
    assert reps["rep"].tolist() == fresh["rep"].tolist()


def test_a_source_that_gives_other_rows_when_read_again_is_refused(tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    folder = _lake_workspace(tmp_path)
    workspace = Workspace(folder)
    workspace.table("orders", columns=NARROW)
    part = next((folder / "lake").glob("month=2024-05/*.parquet"))
    table = pq.read_table(part)
    pq.write_table(
        table.set_column(4, "金额", table.column("金额").cast("double")).slice(0, 0), part
    )

    with pytest.raises(InputChangedError) as refused:
        workspace.table("orders", columns=["order_id", "rep"])
    assert refused.value.exit_code == EXIT_BUSY
    assert str(refused.value).startswith(str(folder / "lake"))
    assert str(refused.value).endswith("gave other rows when read again in this run")
    # a run started afresh reads the source as it now is
    again = Workspace(folder).table("orders", columns=["order_id", "rep"])
    assert again is not None and len(again) == 3


def test_columns_asked_for_that_were_kept_do_not_read_the_source_again(tmp_path: Path) -> None:
    folder = _lake_workspace(tmp_path)
    workspace = Workspace(folder)
    workspace.table("orders", columns=[*NARROW, "rep"])
    for part in (folder / "lake").rglob("*.parquet"):
        part.unlink()  # a second read would fail: none is made
    again = workspace.table("orders", columns=["order_id", "rep"])
    assert again is not None
    assert sorted(again["rep"]) == ["张三", "张三", "张三", "李四"]


@pytest.mark.parametrize("rows", [0, 1, 65_536, 65_537, 200_000])
def test_a_label_on_every_row_is_the_text_written_out_and_its_bytes_are_held_once(
    rows: int,
) -> None:
    """Each line's file and sheet: the same as the label written on every row (dtype, values,
    a frame holding it), its bytes held once per 65,536 rows."""
    from salescli.data.values import repeated_text

    label = "lake/orders (a Parquet folder, month=…)"
    given = pd.DataFrame({"amount": range(rows)})
    given.insert(0, "_file", repeated_text(label, rows))
    written = pd.DataFrame({"amount": range(rows)})
    written.insert(0, "_file", label)
    pd.testing.assert_frame_equal(given, written)
    chunks = given["_file"].array._pa_array.chunks  # how it is held
    buffers = {chunk.buffers()[2].address for chunk in chunks}
    assert len(buffers) <= 1
    assert sum(len(c) for c in chunks) == rows


def test_a_source_read_whole_first_stays_whole(tmp_path: Path) -> None:
    """A table first asked for whole (as `check` asks) keeps every column: a narrowed request
    after it is taken from it, and asking whole again does not read the source again."""
    folder = _lake_workspace(tmp_path)
    workspace = Workspace(folder)
    whole = workspace.table("orders")
    narrow = workspace.table("orders", columns=NARROW)
    assert narrow is not None and list(narrow.columns) == NARROW
    for part in (folder / "lake").rglob("*.parquet"):
        part.unlink()  # a second read would fail: none is made
    assert workspace.table("orders") is whole


def test_a_later_period_s_read_lets_go_afresh_after_a_read_kept_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A source read again whole (a column let go was asked for) is kept whole for that
    period; a later period's read (`run` does several) lets go the columns it is not asked
    for, as a first read does: asking for them reads the source again, with the same rows."""
    from salescli.data import sources
    from salescli.periods import parse_period

    folder = _lake_workspace(tmp_path)
    workspace = Workspace(folder)
    fetched: list[object] = []
    fetch = sources.fetch
    monkeypatch.setattr(sources, "fetch", lambda *a, **k: fetched.append(a[3]) or fetch(*a, **k))
    sources.need(workspace, parse_period("2024-04", ("month",)))
    workspace.table("orders", columns=NARROW)
    workspace.table("orders")  # a column let go: read again, then kept whole
    assert len(fetched) == 2
    sources.need(workspace, parse_period("2024-07", ("month",)))
    july = workspace.table("orders", columns=NARROW)
    assert len(fetched) == 3 and july is not None and list(july.columns) == NARROW
    whole = workspace.table("orders")
    assert len(fetched) == 4  # the columns were let go: read again for the days it held
    fresh = Workspace(folder)
    sources.need(fresh, parse_period("2024-07", ("month",)))
    expected = fresh.table("orders")
    assert whole is not None and expected is not None
    pd.testing.assert_frame_equal(whole, expected)
