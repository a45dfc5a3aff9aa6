"""Fixture builders: real files made by the tests (openpyxl, GBK bytes, title and total rows)."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
import pandas as pd
from typer.testing import CliRunner

from salescli.cli import app

Rows = Sequence[Sequence[Any]]

ORDER_HEADER = [
    "订单编号",
    "下单日期",
    "客户编号",
    "客户名称",
    "销售代表",
    "产品型号",
    "产品类别",
    "数量",
    "单价",
    "金额",
    "成本",
    "约定交货日期",
    "实际交货日期",
    "付款方式",
    "状态",
    "区域",
    "客户群体",
]

# two order lines from a source, the second's amount 12O.5 (a letter O typed for a zero, in a
# text column): a bad value the source's reading must place by its table and key
ONE_BAD_AMOUNT = {
    "订单编号": ["SO1", "SO2"],
    "产品型号": ["YE3-100", "YE3-200"],
    "下单日期": [date(2024, 5, 3), date(2024, 5, 4)],
    "客户编号": ["C1", "C2"],
    "销售代表": ["张三", "李四"],
    "金额": ["100", "12O.5"],
}


def write_xlsx(
    path: Path,
    rows: Rows,
    sheet: str = "Sheet1",
    *,
    extra: dict[str, Rows] | None = None,
    hidden: dict[str, Rows] | None = None,
    merge: list[str] | None = None,
) -> Path:
    book = openpyxl.Workbook()
    first = book.active
    for name, content in (hidden or {}).items():
        ws = book.create_sheet(name, 0)
        ws.sheet_state = "hidden"
        for row in content:
            ws.append(list(row))
    first.title = sheet
    for row in rows:
        first.append(list(row))
    for cells in merge or []:
        first.merge_cells(cells)
    for name, content in (extra or {}).items():
        ws = book.create_sheet(name)
        for row in content:
            ws.append(list(row))
    if hidden:
        book.active = list(book.sheetnames).index(sheet)
    book.save(path)
    return path


def write_csv(path: Path, rows: Rows, encoding: str = "utf-8", delimiter: str = ",") -> Path:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def order_row(
    order_id: str, day: str, customer: str, amount: Any, rep: str = "张三", **more: Any
) -> list[Any]:
    values = {
        "订单编号": order_id,
        "下单日期": day,
        "客户编号": customer,
        "客户名称": f"{customer}公司",
        "销售代表": rep,
        "产品型号": "YE3-100",
        "产品类别": "电机",
        "数量": 1,
        "单价": amount,
        "金额": amount,
        "成本": None,
        "约定交货日期": day,
        "实际交货日期": day,
        "付款方式": "月结30天",
        "状态": "已完成",
        "区域": "华东",
        "客户群体": "制造业",
    }
    values.update(more)
    return [values[h] for h in ORDER_HEADER]


def run(*args: str, input: bytes | str | None = None):
    """Run the CLI in-process; stdout and stderr apart."""
    return CliRunner().invoke(app, list(args), input=input, catch_exceptions=False)


def appraised(folder: Path, *more: str, cache: bool = False) -> tuple[int, dict[str, dict], str]:
    """`appraise --month 2024-05` of a workspace (without the cache unless `cache`; `more`:
    global options such as --strict): the exit code, each rep's row, and stderr."""
    cached = () if cache else ("--no-cache",)
    done = run(
        *cached, "-w", str(folder), *more, "appraise", "--month", "2024-05", "--format", "json"
    )
    if done.exit_code:
        return done.exit_code, {}, done.stderr
    return 0, {r["rep"]: r for r in json.loads(done.stdout)}, done.stderr


def appraised_sales(
    folder: Path, *more: str, cache: bool = False
) -> tuple[int, dict[str, float], str]:
    """`appraised`, each rep's amount alone."""
    code, rows, said = appraised(folder, *more, cache=cache)
    return code, {rep: row["amount"] for rep, row in rows.items()}, said


def customer_amounts(folder: Path) -> tuple[int, dict[str, float], str]:
    """`classify --quarter 2024Q2` of a workspace: its exit code, each customer's amount (none
    when refused) and what it said on stderr."""
    done = run(
        "--no-cache", "-w", str(folder), "classify", "--quarter", "2024Q2", "--format", "json"
    )
    if done.exit_code:
        return done.exit_code, {}, done.stderr
    return 0, {r["customer_id"]: r["amount"] for r in json.loads(done.stdout)}, done.stderr


def set_settings(path: Path, section: str, /, **values: str) -> None:
    """Set keys of one `[section]` of a salescli.toml ("" for the top level), each value as
    TOML text: the key's line is replaced where the section has it, else added under the
    section's header (the header made when missing). TOML allows a table and a key once, so a
    file that lists every setting (the demo's) cannot simply be appended to."""
    lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
    if section:
        header = f"[{section}]"
        start = next((i + 1 for i, line in enumerate(lines) if line.strip() == header), None)
        if start is None:
            lines += ["", header]
            start = len(lines)
    else:
        start = 0
    end = next((i for i in range(start, len(lines)) if lines[i].startswith("[")), len(lines))
    for key, value in values.items():
        at = [i for i in range(start, end) if re.match(rf"{re.escape(key)}\s*=", lines[i])]
        if at:
            lines[at[0]] = f"{key} = {value}"
        else:
            lines.insert(start, f"{key} = {value}")
            end += 1
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def unescape(markdown: str) -> str:
    """A note as written, from its escaped Markdown (see output.markdown.escape)."""
    return re.sub(r"\\(.)", r"\1", markdown.replace("<br>", "\n"))


# --- reading salescli's own xlsx back ------------------------------------------------------
# every sheet opens with its title line (output, table, period, workspace), then the header
# row of labels (plain English by default), then the data
HEADER_ROW = 2


def _names() -> dict[str, str]:
    """Each label salescli shows for a canonical name, in English and Chinese -> the name."""
    from salescli.labels import INPUT_ZH, WORDS, label
    from salescli.rules.columns import CATALOGUE

    names = set(CATALOGUE) | set(WORDS) | set(INPUT_ZH)
    out: dict[str, str] = {}
    for name in sorted(names, key=lambda n: (n.startswith("_"), n)):  # file before _file
        for lang in ("zh", "en"):
            out.setdefault(label(name, lang), name)
    return out


def canonical(header: object) -> str:
    """The canonical column name behind an xlsx header label (a data name stays as it is)."""
    if not hasattr(canonical, "names"):
        canonical.names = _names()  # type: ignore[attr-defined]
    return canonical.names.get(str(header), str(header))  # type: ignore[attr-defined]


def read_sheet(path: Path, sheet: str | int | None = 0, names: bool = True) -> Any:
    """A sheet salescli wrote, as a DataFrame under the canonical column names (`names`) or
    the labels it shows; `sheet=None`: every sheet, by name."""
    read = pd.read_excel(path, sheet_name=sheet, header=HEADER_ROW - 1, engine="openpyxl")
    frames = read if isinstance(read, dict) else {sheet: read}
    if names:
        for frame in frames.values():
            frame.columns = [canonical(c) for c in frame.columns]
    return read
