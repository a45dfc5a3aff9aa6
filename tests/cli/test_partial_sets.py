"""A run for some reps (`--rep`) writes their scorecards or calendars into a folder that holds
every rep's from an earlier run: it replaces theirs and keeps the others' (it removed every
other rep's file as no longer in the set: a corrected card for one rep cost the team theirs).
A run of every rep still removes the files of a rep no longer in it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import DEMO
from tests.helpers import run


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("demo") / "ws"
    shutil.copytree(DEMO, folder, ignore=shutil.ignore_patterns(".salescli"))
    return folder


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.name[0] != "."}


def _run_ok(*args: str) -> None:
    done = run(*args)
    assert done.exit_code == 0, done.stderr


@pytest.mark.parametrize(
    ("command", "option", "one"),
    [
        (["plan-visits", "--month", "2024-06"], "--ics", "{rep}.ics"),
        (["appraise", "--month", "2024-05"], "--scorecards", "{rep}.html"),
    ],
)
def test_a_run_for_one_rep_keeps_the_other_reps_files(
    demo: Path, tmp_path: Path, command: list[str], option: str, one: str
) -> None:
    folder = tmp_path / "out"
    base = ["-w", str(demo), *command, "-o", str(tmp_path / "table.csv")]
    _run_ok(*base, option, str(folder))
    whole = _files(folder)
    reps = sorted(name.removesuffix(".ics").removesuffix(".html") for name in whole)
    rep = next(r for r in reps if one.format(rep=r) in whole)
    others = {n: b for n, b in whole.items() if n != one.format(rep=rep)}
    assert len(others) > 2

    _run_ok(*base, option, str(folder), "--rep", rep)
    after = _files(folder)
    assert set(after) == set(whole)  # nobody's file removed, no workbook of one rep
    assert {n: after[n] for n in others} == others  # the others' bytes as they were
    assert after[one.format(rep=rep)] == whole[one.format(rep=rep)]  # the same inputs

    # the whole set again: as written the first time, the manifest listing every file
    _run_ok(*base, option, str(folder))
    assert _files(folder) == whole
    manifest = next(folder.glob(".salescli-*")).read_text(encoding="utf-8").split()
    assert sorted(manifest) == sorted(whole)
