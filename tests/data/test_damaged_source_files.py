"""A file of a lake folder that is there but cannot be read (cut short by a failed copy, or
not a Parquet file at all) is bad data: exit 65 naming the file, as a damaged export is, not
66, "the table is missing". Moving the file out, as the hint says, gives the figures of the
other files, those of a CSV of their lines."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.data.test_review6 import MISFILED, _figures, _from_csv, _lake, _workspace
from tests.data.test_spark import _spark_engine, spark  # noqa: F401  (a fixture)
from tests.helpers import run

DAMAGED = {
    "not parquet": b"order lines, 2024-05\n",  # a text file named .parquet
    "cut short": b"PAR1\x15\x04\x15\x80PAR1",  # the magic bytes around no footer
}


@pytest.mark.parametrize("content", list(DAMAGED.values()), ids=list(DAMAGED))
def test_a_damaged_file_in_a_lake_folder_is_bad_data_named_and_moving_it_out_is_right(
    content: bytes, tmp_path: Path
) -> None:
    folder = _workspace(tmp_path / "lake")
    _lake(MISFILED, "parquet")(folder)
    damaged = folder / "lake" / "month=2024-05" / "part-1.parquet"
    damaged.write_bytes(content)
    for command in (["appraise", "--month", "2024-05"], ["check", "--table", "orders"]):
        done = run("--no-cache", "-w", str(folder), *command)
        assert done.exit_code == 65, done.stderr
        assert str(damaged) in done.stdout + done.stderr
    said = run("--no-cache", "-w", str(folder), "appraise", "--month", "2024-05").stderr
    assert said.startswith(f"salescli: error: {damaged}: "), said
    assert "hint: export the file again, or move it out of the source's folder" in said

    damaged.rename(tmp_path / "part-1.parquet")  # the hint, followed
    expected = _from_csv(tmp_path / "csv", [line for rows in MISFILED.values() for line in rows])
    assert _figures(folder) == expected
    assert expected["appraise"][0] == 0


def test_spark_names_a_damaged_file_of_a_lake_folder_as_bad_data(
    spark: object,  # noqa: F811
    tmp_path: Path,
) -> None:
    """Spark said 66 and only "corrupted file: the footer index is not within the file",
    naming no file; now 65 naming it, and the hint followed gives the other files' figures."""
    folder = _workspace(tmp_path / "lake")
    _lake(MISFILED, "parquet")(folder)
    _spark_engine(folder)
    damaged = folder / "lake" / "month=2024-05" / "part-1.parquet"
    damaged.write_bytes(DAMAGED["cut short"])
    done = run("--no-cache", "-w", str(folder), "appraise", "--month", "2024-05")
    assert done.exit_code == 65, done.stderr
    assert done.stderr.startswith(f"salescli: error: {damaged}: "), done.stderr
    assert "hint: export the file again, or move it out of the source's folder" in done.stderr
    damaged.unlink()
    expected = _from_csv(tmp_path / "csv", [line for rows in MISFILED.values() for line in rows])
    assert _figures(folder) == expected
