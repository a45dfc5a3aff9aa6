"""`--lang zh` is Chinese in what goes wrong too (#17): errors, hints, warnings, notes, check's
problems table, click's own usage errors, and what `run`, `init` and `cache` print. Each
scenario builds a tiny workspace of real files, runs one command in Chinese and fails on any
English word outside ids, names, file names, paths, options, config keys and the data's own
values. Exit codes are those of the English run."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from salescli.schema import TABLES
from tests.helpers import ORDER_HEADER, order_row, run, write_csv, write_xlsx
from tests.test_zh import ALLOWED, WORD, _english, _html_text, _xlsx_text

MAY = [
    order_row("SO-1", "2024-05-06", "C1", 1200.0),
    order_row("SO-2", "2024-05-20", "C2", 800.0, rep="李四"),
]
# names a message may keep: tables and options as the user types them, formats, encodings
KEPT = (
    ALLOWED
    | set(TABLES)
    | {
        "inputs",
        "statuses",
        "checks",
        "path",
        "toml",
        "FILE",
        "DIR",
        "NAME",
        "PATH",
        "YYYY",
        "MM",
        "DD",
        "GBK",
        "UTF",
        "Excel",
        "Sheet",
        "xls",
        "fr",
        "SO",
        "YE",
        # names of products and formats, and values as typed: [statuses] counted, --month last
        "SAP",
        "Salesforce",
        "CSV",
        "Windows",
        "TOML",
        "ISO",
        "counted",
        "appraise",
        "classify",
        "report",
        "check",
        "map",
        "last",
        "this",
    }
)


def _stripped(text: str) -> str:
    """Without what is not prose: commands in backticks, settings (`key = "value"`, [table]),
    file names, quoted values, snake_case ids."""
    text = re.sub(r"`[^`]*`", " ", text)
    text = re.sub(r"\[[\w.…]+\]", " ", text)
    # (a table cell may wrap after the `=`)
    text = re.sub(r"[\w.]+ =\s+(\"[^\"]*\"|'[^']*'|\[[^\]]*\]|\S+)", " ", text)
    text = re.sub(r"\S+\.(?:xlsx|xls|csv|toml|html|md|json|jsonl|parquet|db|ics)\b", " ", text)
    text = re.sub(r"'[^'\n]*'|\"[^\"\n]*\"", " ", text)
    text = re.sub(r"\b\w*_\w*\b", " ", text)
    text = re.sub(r"\b[a-z]+(?:-[a-z]+)+\b", " ", text)  # jobs and values: weekly-report
    text = re.sub(
        r"(?:可选部分|--section 选择)：.*|标准输出为 \w+ 表", " ", text
    )  # --section names
    text = re.sub(r"\{\w+\}", " ", text)  # -o placeholders: {period}
    return text


def english(text: str) -> list[str]:
    return _english(_stripped(text), KEPT)


# --- the workspaces ---------------------------------------------------------------------------


def orders_may(ws: Path) -> None:
    write_xlsx(ws / "orders.xlsx", [ORDER_HEADER, *MAY])


def gbk_bad_cells(ws: Path) -> None:
    rows = [ORDER_HEADER, *MAY, order_row("SO-3", "2024-13-45", "C3", "约一千")]
    write_csv(ws / "订单.csv", rows, encoding="gbk")


def unknown_status(ws: Path) -> None:
    rows = [ORDER_HEADER, *MAY, order_row("SO-3", "2024-05-21", "C3", 500.0, 状态="挂起")]
    write_xlsx(ws / "orders.xlsx", rows)


def overlap(ws: Path) -> None:
    write_xlsx(ws / "orders-a.xlsx", [ORDER_HEADER, *MAY])
    write_xlsx(ws / "orders-b.xlsx", [ORDER_HEADER, *MAY])


def toml(text: str) -> Callable[[Path], None]:
    def make(ws: Path) -> None:
        orders_may(ws)
        (ws / "salescli.toml").write_text(text, encoding="utf-8")

    return make


def no_date_column(ws: Path) -> None:
    header = [h for h in ORDER_HEADER if h != "下单日期"]
    rows = [[v for h, v in zip(ORDER_HEADER, r, strict=True) if h != "下单日期"] for r in MAY]
    write_xlsx(ws / "orders.xlsx", [header, *rows])


def damaged(ws: Path) -> None:
    (ws / "orders.xlsx").write_bytes(b"PK\x03\x04 not a whole archive")


def undecidable_encoding(ws: Path) -> None:
    header = ",".join(ORDER_HEADER).encode("utf-8")
    (ws / "orders.csv").write_bytes(header + b"\r\nSO-1,2024-05-06,C1,\xc4\xe3\xba\xc3\xe9,1\r\n")


def ambiguous_dates(ws: Path) -> None:
    rows = [
        ORDER_HEADER,
        order_row("SO-1", "05/06/2024", "C1", 1.0),
        order_row("SO-2", "06/07/2024", "C2", 1.0),
    ]
    write_csv(ws / "orders.csv", rows)


def decimals(*amounts: str) -> Callable[[Path], None]:
    def make(ws: Path) -> None:
        rows = [ORDER_HEADER]
        rows += [order_row(f"SO-{i}", "2024-05-06", "C1", a) for i, a in enumerate(amounts)]
        write_csv(ws / "orders.csv", rows, delimiter=";")

    return make


def password(ws: Path) -> None:
    import io

    from msoffcrypto.format.ooxml import OOXMLFile

    orders_may(ws)
    locked = io.BytesIO()
    OOXMLFile(io.BytesIO((ws / "orders.xlsx").read_bytes())).encrypt("secret", locked)
    (ws / "orders.xlsx").write_bytes(locked.getvalue())


def two_formats(ws: Path) -> None:
    orders_may(ws)
    write_csv(ws / "orders.csv", [ORDER_HEADER, *MAY])


def report_warnings(ws: Path) -> None:
    """A status outside the vocabulary, a line without rep or owner, a line twice in one file,
    a customer file with a header only, a month the orders do not reach the end of."""
    rows = [
        ORDER_HEADER,
        *MAY,
        MAY[0],
        order_row("SO-3", "2024-05-21", "C3", 500.0, 状态="挂起"),
        order_row("SO-4", "2024-05-22", "C4", 500.0, 销售代表=None),
    ]
    write_xlsx(ws / "orders.xlsx", rows)
    write_xlsx(ws / "customers.xlsx", [["客户编号", "客户名称"]])


def conflict(ws: Path) -> None:
    write_xlsx(ws / "orders-a.xlsx", [ORDER_HEADER, *MAY])
    later = [order_row("SO-1", "2024-05-06", "C1", 999.0)]
    write_xlsx(ws / "orders-b.xlsx", [ORDER_HEADER, *later])


def other_targets(ws: Path) -> None:
    orders_may(ws)
    write_csv(ws / "targets.csv", [["销售代表", "期间", "目标"], ["张三", "2023-05", "1000"]])


def nothing(ws: Path) -> None:
    pass


def cut_last_line(ws: Path) -> None:
    write_csv(ws / "orders.csv", [ORDER_HEADER, *MAY])
    data = (ws / "orders.csv").read_bytes()
    (ws / "orders.csv").write_bytes(data.rstrip(b"\r\n")[:-2])


def hidden_month(ws: Path) -> None:
    write_xlsx(
        ws / "orders.xlsx",
        [ORDER_HEADER, *MAY],
        "5月",
        hidden={"4月": [ORDER_HEADER, order_row("SO-0", "2024-04-06", "C1", 5.0)]},
    )


def dangling_month(ws: Path) -> None:
    write_csv(ws / "orders-2024-05.csv", [ORDER_HEADER, *MAY])
    (ws / "orders-2024-04.csv").symlink_to(ws / "gone.csv")


# name: (workspace, arguments, exit code, streams to look at)
SCENARIOS: dict[str, tuple[Callable[[Path], None], list[str], int]] = {
    "empty-workspace": (nothing, ["report", "--month", "2024-05"], 66),
    "period-not-covered": (orders_may, ["report", "--month", "2026-05"], 65),
    "no-targets": (orders_may, ["appraise", "--month", "2024-05"], 66),
    "gbk-bad-cells-check": (gbk_bad_cells, ["check", "--format", "table"], 65),
    "gbk-bad-cells-stdout": (gbk_bad_cells, ["check"], 65),
    "gbk-bad-cells-command": (gbk_bad_cells, ["classify", "--quarter", "2024Q2"], 65),
    "report-warnings": (report_warnings, ["-v", "report", "--month", "2024-05"], 0),
    "unknown-status-check": (unknown_status, ["-v", "check", "--format", "table"], 0),
    "overlap": (overlap, ["classify", "--quarter", "2024Q2"], 65),
    "overlap-check": (overlap, ["check", "--format", "table"], 65),
    "column-missing": (no_date_column, ["classify", "--quarter", "2024Q2"], 65),
    "damaged-xlsx": (damaged, ["classify", "--quarter", "2024Q2"], 65),
    "encoding-undecidable": (undecidable_encoding, ["classify", "--quarter", "2024Q2"], 65),
    "ambiguous-dates": (ambiguous_dates, ["classify", "--quarter", "2024Q2"], 65),
    "toml-unknown-key": (toml("[classify]\nwindow = 4\n"), ["check"], 78),
    "toml-bad-syntax": (toml("[classify\n"), ["check"], 78),
    "toml-contradiction": (toml("[grades]\nS = 50\nA = 80\n"), ["check"], 78),
    "toml-out-of-range": (toml("[classify]\nscore_a = 7\n"), ["check"], 78),
    "toml-unknown-table": (toml("[inputs.order]\npath = 'x.xlsx'\n"), ["check"], 78),
    "bad-month": (orders_may, ["report", "--month", "2024-13"], 2),
    "bad-format": (orders_may, ["classify", "--quarter", "2024Q2", "--format", "xls"], 2),
    "no-such-option": (orders_may, ["classify", "--quarter", "2024Q2", "--nosuch"], 2),
    "no-such-command": (orders_may, ["clasify"], 2),
    "option-needs-value": (orders_may, ["classify", "--quarter"], 2),
    "two-periods": (orders_may, ["report", "--month", "2024-05", "--quarter", "2024Q2"], 2),
    "no-total": (orders_may, ["split-targets", "--year", "2025"], 2),
    "bad-total": (orders_may, ["split-targets", "--year", "2025", "--total", "1,2"], 2),
    "bad-today": (orders_may, ["--today", "someday", "run", "--dry-run"], 2),
    "overwrite-input": (
        orders_may,
        ["classify", "--quarter", "2024Q2", "-o", "WS/orders.xlsx"],
        73,
    ),
    "decimal-undecidable": (decimals("1.234", "5.678"), ["classify", "--quarter", "2024Q2"], 65),
    "decimal-both-ways": (decimals("1,234.50", "12,5"), ["classify", "--quarter", "2024Q2"], 65),
    "password-protected": (password, ["classify", "--quarter", "2024Q2"], 65),
    "partial-period": (
        toml('[checks]\npartial_period = "error"\n'),
        ["report", "--month", "2024-05"],
        65,
    ),
    "input-no-file": (
        orders_may,
        ["classify", "--quarter", "2024Q2", "--input", "orders=x.xlsx"],
        66,
    ),
    "input-not-name-path": (orders_may, ["classify", "--quarter", "2024Q2", "--input", "x"], 2),
    "unknown-placeholder": (orders_may, ["classify", "--quarter", "2024Q2", "-o", "{x}.xlsx"], 2),
    "stray-brace": (orders_may, ["classify", "--quarter", "2024Q2", "-o", "a{.xlsx"], 2),
    "placeholder-format": (
        orders_may,
        ["classify", "--quarter", "2024Q2", "-o", "{today:%Y}.csv"],
        2,
    ),
    "cut-last-line": (cut_last_line, ["classify", "--quarter", "2024Q2"], 65),
    "hidden-month": (hidden_month, ["classify", "--quarter", "2024Q2"], 65),
    "dangling-month": (dangling_month, ["classify", "--quarter", "2024Q2"], 66),
    "since-after-today": (orders_may, ["--today", "2024-06-03", "run", "--since", "2024-07-01"], 2),
    "no-workspace": (nothing, ["-w", "WS/missing", "report", "--month", "2024-05"], 66),
    "sheet-not-found": (toml('[inputs.orders]\nsheet = "明细"\n'), ["check"], 65),
    "two-formats": (two_formats, ["classify", "--quarter", "2024Q2"], 65),
    "conflict": (conflict, ["classify", "--quarter", "2024Q2"], 65),
    "targets-of-another-period": (other_targets, ["appraise", "--month", "2024-05"], 66),
    "format-needs-file": (orders_may, ["classify", "--quarter", "2024Q2", "--format", "xlsx"], 2),
    "schema-of-nothing": (nothing, ["schema", "nope"], 2),
    "no-section": (orders_may, ["classify", "--quarter", "2024Q2", "--section", "nope"], 2),
    "run-dry-run": (orders_may, ["--today", "2024-06-03", "run", "--dry-run"], 0),
    "run": (orders_may, ["--today", "2024-06-03", "run"], 66),
    "run-unreadable-orders": (gbk_bad_cells, ["--today", "2024-06-03", "run", "--dry-run"], 0),
    "init": (nothing, ["init", "WS/new", "--force"], 0),
    "init-exists": (toml(""), ["init"], 73),
    "cache-clear": (orders_may, ["cache", "clear"], 0),
}


@pytest.fixture
def interactive(monkeypatch: pytest.MonkeyPatch) -> None:
    """A person at a terminal: "wrote …", progress and warnings are printed."""
    from salescli.state import State

    monkeypatch.setattr(State, "interactive", property(lambda self: True))


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_zh_messages_have_no_english(name: str, tmp_path: Path, interactive: None) -> None:
    make, args, code = SCENARIOS[name]
    ws = tmp_path / "ws"
    ws.mkdir()
    make(ws)
    args = [a.replace("WS/", f"{ws}/") for a in args]
    result = run("--lang", "zh", "-w", str(ws), *args)
    assert result.exit_code == code, result.stderr  # the English run's code
    # CSV on stdout (not a terminal) is a machine format: canonical names and values
    machine = re.fullmatch(r"[a-z_]+(,[a-z_]+)+", result.stdout.split("\n", 1)[0])
    shown = result.stderr if machine else result.stdout + result.stderr
    assert shown.strip(), "nothing printed"
    assert english(shown) == [], shown


@pytest.mark.parametrize("suffix", ["xlsx", "html", "md"])
def test_zh_problems_table_in_files(suffix: str, tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    ws.mkdir()
    gbk_bad_cells(ws)
    # an amount "lost": the value is shown as the export has it, not as the outcome 输单
    lost = order_row("SO-9", "2024-05-07", "C1", "lost")
    with (ws / "订单.csv").open("ab") as file:
        file.write(",".join(str(v or "") for v in lost).encode("gbk") + b"\r\n")
    # a customer file without most of the record's columns: "column missing from the file"
    write_xlsx(ws / "customers.xlsx", [["客户编号", "客户名称"], ["C1", "C1公司"]])
    out = tmp_path / f"problems.{suffix}"
    result = run("--lang", "zh", "-w", str(ws), "check", "-o", str(out))
    assert result.exit_code == 65, result.stderr
    text = {"xlsx": _xlsx_text, "html": _html_text}.get(suffix, lambda p: p.read_text("utf-8"))(out)
    assert "不是数字" in text and "不是日期" in text and "文件中缺少此列" in text
    assert re.search(r"\blost\b", text) and "输单" not in text
    assert "订单数" not in text  # the orders table is 订单 (not the count of orders' label)
    assert english(text.replace("lost", "").replace("工作区：ws", "")) == [], text  # its name


def test_machine_formats_keep_the_problems_canonical(tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    ws.mkdir()
    gbk_bad_cells(ws)
    result = run("--lang", "zh", "-w", str(ws), "check", "--format", "csv")
    assert result.exit_code == 65
    assert "not a number" in result.stdout and "不是数字" not in result.stdout
    assert result.stdout.splitlines()[1].startswith("orders,订单.csv,")


def test_the_word_check_finds_english() -> None:
    assert english("salescli：错误：no order lines in 2026-05") == ["in", "lines", "no", "order"]
    assert english("值 'abc'：订单.csv 第 3 行 `salescli check --table orders`") == []
    assert WORD.findall("abc") == ["abc"]


def test_init_in_chinese_writes_the_same_settings_with_chinese_comments(tmp_path: Path) -> None:
    import tomllib

    from salescli.commands.init import config_template

    result = run("--lang", "zh", "init", str(tmp_path))
    assert result.exit_code == 0, result.stderr
    text = (tmp_path / "salescli.toml").read_text(encoding="utf-8")
    assert tomllib.loads(text) == tomllib.loads(config_template())  # the keys and values
    comments = [line for line in text.splitlines() if line.startswith("#")]
    examples = [line for line in comments if line.startswith("#     ")]  # [inputs.orders] …
    prose = "\n".join(line for line in comments if line not in examples)
    assert "每周第一个工作日" in prose and "订单" in prose
    # what stays as salescli reads it: keys (`#   sheet:`), values glossed in Chinese
    # (week（每周）, （history）), the values true/false/auto, and names of products
    prose = re.sub(r"^#   \w+:|[A-Za-z][\w-]*(?=（)|（[\w-]+）", " ", prose, flags=re.M)
    names = {"true", "false", "auto", "ABC", "BI", "Odoo", "Shopify"}
    assert [w for w in english(prose) if w not in names] == [], prose


def test_every_setting_has_its_chinese_description() -> None:
    from pydantic import BaseModel

    from salescli.config import InputSpec, Policy, described

    def descriptions(model: type[BaseModel], value: object) -> list[tuple[str, str]]:
        found = []
        for name, info in model.model_fields.items():
            found.append((info.description or "", described(info, "zh")))
            sub = getattr(value, name, None)
            if isinstance(sub, BaseModel):
                found += descriptions(type(sub), sub)
        return found

    every = descriptions(InputSpec, None) + descriptions(Policy, Policy())
    assert [en for en, zh in every if not en or zh == en] == []  # declared beside the field


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (
            ["--format", "xlsx"],
            ["salescli：错误：--format xlsx 需要 -o FILE", "  建议：例如 -o out.xlsx"],
        ),
        (
            ["--section", "nope"],
            ["salescli：错误：没有 'nope' 这一部分", "  建议：可选部分：classes、summary、moves"],
        ),
    ],
)
def test_output_usage_errors_in_chinese_keep_the_data(
    args: list[str], said: list[str], tmp_path: Path
) -> None:
    """The option's value and the section names are data: as typed, inside the Chinese."""
    orders_may(tmp_path)
    english_run = run("-w", str(tmp_path), "classify", "--quarter", "2024Q2", *args)
    result = run("--lang", "zh", "-w", str(tmp_path), "classify", "--quarter", "2024Q2", *args)
    assert result.exit_code == english_run.exit_code == 2
    assert result.stderr.splitlines() == said
    assert english_run.stderr.splitlines()[0] in (
        "salescli: error: --format xlsx needs -o FILE",
        "salescli: error: no section 'nope'",
    )
