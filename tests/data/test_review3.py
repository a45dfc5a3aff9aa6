"""Review 3: the parsed-input cache read with hostile eyes. Each test fills the cache with a
first run, changes a setting or a file, and holds the cached run to a `--no-cache` run over
the same files and settings (exit code and every figure), and to the first run where the change
must show."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from salescli.data import cache as cache_module
from salescli.data import workspace as workspace_module
from tests.helpers import ORDER_HEADER, order_row, run, write_csv

CLASSIFY = ("classify", "--quarter", "2024Q2", "--format", "json")
CUSTOMER_HEADER = ["客户编号", "客户名称", "销售代表"]


def classify(folder: Path, *options: str) -> tuple[int, str]:
    result = run(*options, "-w", str(folder), *CLASSIFY)
    return result.exit_code, result.stdout


def amounts(stdout: str) -> dict[str, float]:
    return {row["customer_id"]: row["amount"] for row in json.loads(stdout)}


def entries(folder: Path) -> list[Path]:
    return sorted((folder / ".salescli" / "cache").glob("*.parquet"))


def settings(text: str) -> Callable[[Path], None]:
    def change(folder: Path) -> None:
        (folder / "salescli.toml").write_text(text, encoding="utf-8")

    return change


def orders(*lines: list, settings: str = "") -> Callable[[Path], None]:
    def write(folder: Path) -> None:
        write_csv(folder / "orders.csv", [ORDER_HEADER, *lines])
        if settings:
            (folder / "salescli.toml").write_text(settings, encoding="utf-8")

    return write


def by_name(folder: Path) -> None:
    """Orders naming the customer by name alone (a lone 客户 column, as Kingdee writes it)."""
    header = [*ORDER_HEADER[:2], "客户", *ORDER_HEADER[4:]]
    lines = [order_row("SO1", "2024-05-03", "C1", 100), order_row("SO2", "2024-05-04", "C2", 300)]
    write_csv(folder / "orders.csv", [header, *[[*r[:2], r[3], *r[4:]] for r in lines]])
    customers = [CUSTOMER_HEADER, ["K1", "C1公司", "张三"], ["K2", "C2公司", "李四"]]
    write_csv(folder / "customers.csv", customers)


def customer_renumbered(folder: Path) -> None:
    customers = [CUSTOMER_HEADER, ["K9", "C1公司", "张三"], ["K2", "C2公司", "李四"]]
    write_csv(folder / "customers.csv", customers)


def in_dollars(folder: Path) -> None:
    lines = [order_row("SO1", "2024-05-03", "C1", 100), order_row("SO2", "2024-05-04", "C2", 300)]
    write_csv(folder / "orders.csv", [[*ORDER_HEADER, "币种"], *[[*r, "USD"] for r in lines]])
    write_csv(folder / "rates.csv", [["month", "currency", "rate"], ["2024-05", "USD", "7.1"]])


def rate_corrected(folder: Path) -> None:
    write_csv(folder / "rates.csv", [["month", "currency", "rate"], ["2024-05", "USD", "7.3"]])


TWO = [order_row("SO1", "2024-05-03", "C1", 100), order_row("SO2", "2024-05-04", "C2", 300)]
CASES = {
    "a status moved to not_counted": (
        orders(*TWO),
        settings('[statuses]\nnot_counted = ["已完成"]\n'),
    ),
    "date_format": (
        orders(
            order_row("SO1", "06/07/2024", "C1", 100),  # 7 June, or 6 July
            order_row("SO2", "05/04/2024", "C2", 3),
            settings='[inputs.orders]\ndate_format = "MDY"\n',
        ),
        settings('[inputs.orders]\ndate_format = "DMY"\n'),
    ),
    "timezone": (
        orders(order_row("SO1", "2024-06-30T20:00:00+00:00", "C1", 100), TWO[1]),
        settings('timezone = "UTC"\n'),
    ),
    "decimal": (
        orders(
            order_row("SO1", "2024-05-03", "C1", "1.234"),
            TWO[1],
            settings='[inputs.orders]\ndecimal = "."\n',
        ),
        settings('[inputs.orders]\ndecimal = ","\n'),
    ),
    "a mapping": (
        orders(order_row("SO1", "2024-05-03", "C1", 100, 成本=40), TWO[1]),
        settings('[inputs.orders]\namount = "成本"\ncost = "金额"\n'),
    ),
    "a customer renumbered in the customer file (orders by name)": (by_name, customer_renumbered),
    "a corrected exchange rate": (in_dollars, rate_corrected),
}


@pytest.mark.parametrize("case", CASES)
def test_a_cached_run_after_a_change_gives_what_a_run_without_the_cache_gives(
    tmp_path: Path, case: str
) -> None:
    build, change = CASES[case]
    build(tmp_path)
    before = classify(tmp_path)
    assert entries(tmp_path)
    change(tmp_path)
    cached, fresh = classify(tmp_path), classify(tmp_path, "--no-cache")
    assert cached == fresh
    assert fresh != before  # the change shows in the figures (or refuses what was read)


def test_a_policy_setting_changes_the_figure_without_parsing_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A setting of the rules (the classes' thresholds), not of the reading: the cached parse
    serves, and the classes follow the new setting."""
    orders(*TWO)(tmp_path)
    settings('[classify]\nmethod = "thresholds"\n')(tmp_path)
    code, before = classify(tmp_path)
    assert code == 0

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("parsed again")

    monkeypatch.setattr(workspace_module, "read_raw", refuse)
    lower = "[classify.A]\namount = 50\nfrequency = 1\n[classify.B]\namount = 10\nfrequency = 1\n"
    settings(f'[classify]\nmethod = "thresholds"\n{lower}')(tmp_path)
    code, after = classify(tmp_path)
    assert code == 0
    classes = {row["customer_id"]: row["class"] for row in json.loads(after)}
    assert (
        classes
        == {"C1": "A", "C2": "A"}
        != {row["customer_id"]: row["class"] for row in json.loads(before)}
    )
    monkeypatch.undo()
    assert classify(tmp_path, "--no-cache") == (0, after)


def test_the_same_bytes_under_another_name_are_said_under_the_new_name(tmp_path: Path) -> None:
    """The key is the content's hash and the file's place: a problem read from the cache
    names the file as it is called now."""
    write_csv(tmp_path / "orders.csv", [ORDER_HEADER, order_row("SO1", "bad", "C1", 1)])
    first = run("-w", str(tmp_path), "check", "--format", "json")
    assert first.exit_code == 65 and "orders.csv" in first.stdout
    (tmp_path / "orders.csv").rename(tmp_path / "订单.csv")
    cached = run("-w", str(tmp_path), "check", "--format", "json")
    fresh = run("--no-cache", "-w", str(tmp_path), "check", "--format", "json")
    assert (cached.exit_code, cached.stdout) == (fresh.exit_code, fresh.stdout)
    assert "订单.csv" in cached.stdout and "orders.csv" not in cached.stdout


def test_two_files_with_the_same_bytes_are_an_overlap_from_the_cache_too(tmp_path: Path) -> None:
    orders(*TWO)(tmp_path)
    settings('[inputs.orders]\npath = "orders*.csv"\n')(tmp_path)
    assert classify(tmp_path)[0] == 0
    shutil.copy(tmp_path / "orders.csv", tmp_path / "orders-2.csv")
    cached = run("-w", str(tmp_path), *CLASSIFY)
    fresh = run("--no-cache", "-w", str(tmp_path), *CLASSIFY)
    assert cached.exit_code == fresh.exit_code == 65
    assert cached.stderr == fresh.stderr and "orders-2.csv" in cached.stderr


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_cache_filled_in_one_language_speaks_the_other(tmp_path: Path, lang: str) -> None:
    write_csv(tmp_path / "orders.csv", [ORDER_HEADER, order_row("SO1", "bad", "C1", 1)])
    other = "en" if lang == "zh" else "zh"
    assert run("--lang", other, "-w", str(tmp_path), "check", "--format", "md").exit_code == 65
    cached = run("--lang", lang, "-w", str(tmp_path), "check", "--format", "md")
    fresh = run("--no-cache", "--lang", lang, "-w", str(tmp_path), "check", "--format", "md")
    assert (cached.exit_code, cached.stdout, cached.stderr) == (
        fresh.exit_code,
        fresh.stdout,
        fresh.stderr,
    )
    assert ("不是日期" in cached.stdout) == (lang == "zh")


def test_an_entry_of_another_salescli_version_is_not_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    orders(*TWO)(tmp_path)
    assert classify(tmp_path)[0] == 0
    assert len(entries(tmp_path)) == 1
    monkeypatch.setattr(cache_module, "__version__", "0.0.0-another")
    assert classify(tmp_path) == classify(tmp_path, "--no-cache")
    assert len(entries(tmp_path)) == 2  # parsed again, beside the other version's entry


def test_a_cache_folder_that_cannot_be_made_costs_only_speed(tmp_path: Path) -> None:
    """(Tests run as root here, so a read-only folder would not stop a write: the cache's
    place is taken by a file instead.)"""
    orders(*TWO)(tmp_path)
    (tmp_path / ".salescli").mkdir()
    (tmp_path / ".salescli" / "cache").write_text("not a folder", encoding="utf-8")
    code, stdout = classify(tmp_path)
    assert code == 0 and amounts(stdout) == {"C1": 100.0, "C2": 300.0}
    assert (code, stdout) == classify(tmp_path, "--no-cache")


def test_a_cached_read_still_says_its_figure_changing_warning_and_strict_stops(
    tmp_path: Path,
) -> None:
    header = [h for h in ORDER_HEADER if h != "金额"]
    lines = [[v for h, v in zip(ORDER_HEADER, line, strict=True) if h != "金额"] for line in TWO]
    write_csv(tmp_path / "orders.csv", [header, *lines])
    for _ in range(2):  # the second from the cache
        said = run("-w", str(tmp_path), *CLASSIFY)
        assert said.exit_code == 0
        assert "warning: orders.csv: amount computed as quantity x unit_price" in said.stderr
        assert len(entries(tmp_path)) == 1
        assert run("--strict", "-w", str(tmp_path), *CLASSIFY).exit_code == 65


def two_sheets_sharing_a_line(folder: Path) -> None:
    from tests.helpers import write_xlsx

    shared = order_row("SO2", "2024-04-30", "C2", 300)
    april = [ORDER_HEADER, order_row("SO1", "2024-04-03", "C1", 100), shared]
    may = [ORDER_HEADER, shared, order_row("SO3", "2024-05-06", "C1", 50)]
    write_xlsx(folder / "orders.xlsx", april, sheet="4月", extra={"5月": may})


@pytest.mark.parametrize("command", [CLASSIFY, ("check", "--format", "json")])
def test_a_line_in_two_sheets_of_a_workbook_is_an_overlap_from_the_cache_too(
    tmp_path: Path, command: tuple[str, ...]
) -> None:
    """The cache keeps a workbook's sheets as one entry: read back as one part, the line in
    both sheets was no longer an overlap. The first run stopped (65) and stored the entry;
    the second summed the line twice (C2: 600 instead of 300) and exited 0."""
    two_sheets_sharing_a_line(tmp_path)
    first = run("-w", str(tmp_path), *command)
    assert first.exit_code == 65 and "sheet 4月" in first.stderr + first.stdout
    assert entries(tmp_path)
    cached = run("-w", str(tmp_path), *command)
    fresh = run("--no-cache", "-w", str(tmp_path), *command)
    assert (cached.exit_code, cached.stdout, cached.stderr) == (
        fresh.exit_code,
        fresh.stdout,
        fresh.stderr,
    )
    assert cached.exit_code == 65


@pytest.mark.parametrize("overlap", ["keep-first", "keep-last"])
def test_a_workbooks_sheets_settle_their_overlap_from_the_cache_as_when_parsed(
    tmp_path: Path, overlap: str
) -> None:
    two_sheets_sharing_a_line(tmp_path)
    settings(f'[inputs.orders]\noverlap = "{overlap}"\n')(tmp_path)
    first = classify(tmp_path)
    assert first[0] == 0 and amounts(first[1]) == {"C1": 150.0, "C2": 300.0}
    assert classify(tmp_path) == first == classify(tmp_path, "--no-cache")


def test_an_entry_parsed_by_other_reading_code_is_not_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A commit between two releases (or a patched install) that changes how a file is read
    keeps the version: the entry is keyed by the reading modules' code too."""
    orders(*TWO)(tmp_path)
    assert classify(tmp_path)[0] == 0
    assert len(entries(tmp_path)) == 1
    monkeypatch.setattr(cache_module, "reading_code", lambda: "other code")
    assert classify(tmp_path) == classify(tmp_path, "--no-cache")
    assert len(entries(tmp_path)) == 2  # parsed again, beside the other code's entry


def test_the_reading_code_s_digest_changes_with_any_reading_module(tmp_path: Path) -> None:
    package = tmp_path / "salescli"
    (package / "data").mkdir(parents=True)
    for name in ("data/normalise.py", "data/values.py", "schema.py", "config.py", "cli.py"):
        (package / name).write_text(f"# {name}\n", encoding="utf-8")
    before = cache_module.reading_code.__wrapped__(package)
    (package / "cli.py").write_text("# not a reading module\n", encoding="utf-8")
    assert cache_module.reading_code.__wrapped__(package) == before
    for name in ("data/values.py", "schema.py", "config.py"):
        (package / name).write_text("# edited\n", encoding="utf-8")
        after = cache_module.reading_code.__wrapped__(package)
        assert after != before, name
        before = after
    (package / "data" / "new.py").write_text("", encoding="utf-8")
    assert cache_module.reading_code.__wrapped__(package) != before
