"""A hostile read of the visit chapters' figures (POLICY.md 2.3): `plan-visits` and
`audit-visits`, end to end through the CLI, against an independent computation written here
with plain Python, pandas and the chinese_calendar package directly (never salescli's own
window, calendar or plan functions).

The policy restated: visit periods are whole ISO weeks, a week belongs to the month holding
its Thursday; A: one visit in each week, B: one in each consecutive pair (1-2, 3-4, a fifth
alone), C: one in the month's weeks; a window with no working day is not required; working
days are China's (statutory holidays and 调休 make-up days); the plan gives every required
window one visit on a working day, at most `max_per_day` (default 8) per rep and day, and
lists what does not fit; the audit counts per customer the required windows with a visit.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

import chinese_calendar
import pandas as pd
import pytest

from tests.helpers import read_sheet, run, write_csv

FREQUENCY = {"A": 1, "B": 2, "C": 0}  # weeks per window; 0: the month's weeks
CUSTOMER_HEADER = ["customer_id", "customer_name", "rep", "class"]
VISIT_HEADER = ["visit_date", "rep", "customer_id", "purpose", "summary", "next_step"]


# --- the independent computation --------------------------------------------------------


def workday(day: date) -> bool:
    return bool(chinese_calendar.is_workday(day))


def month_weeks(month: str) -> list[date]:
    """The Mondays of the ISO weeks whose Thursday falls in the month."""
    year, number = int(month[:4]), int(month[5:7])
    day = date(year, number, 1)
    mondays = []
    while day.month == number:
        if day.weekday() == 3:
            mondays.append(day - timedelta(3))
        day += timedelta(1)
    return mondays


def week_label(monday: date) -> str:
    year, week, _ = monday.isocalendar()
    return f"{year}-W{week:02d}"


def required_windows(month: str, customer_class: str) -> dict[str, list[date]]:
    """label -> the working days of each required window of the class in the month."""
    weeks = month_weeks(month)
    size = FREQUENCY[customer_class] or len(weeks)
    out = {}
    for i in range(0, len(weeks), size):
        group = weeks[i : i + size]
        days = [m + timedelta(k) for m in group for k in range(7)]
        working = [d for d in days if workday(d)]
        first, last = week_label(group[0]), week_label(group[-1])
        label = first if first == last else f"{first}..{last[5:]}"
        if working:
            out[label] = working
    return out


def most_placed(tasks: list[list[date]], limit: int) -> int:
    """How many of the tasks (each: the days it may take) fit at most `limit` a day: a
    maximum matching by augmenting paths."""
    holders: dict[date, list[int]] = {}

    def place(task: int, seen: set[date]) -> bool:
        for day in tasks[task]:
            if day in seen:
                continue
            seen.add(day)
            taken = holders.setdefault(day, [])
            if len(taken) < limit:
                taken.append(task)
                return True
            for other in list(taken):
                if place(other, seen):
                    taken.remove(other)
                    taken.append(task)
                    return True
        return False

    return sum(place(task, set()) for task in range(len(tasks)))


# --- workspaces ------------------------------------------------------------------------


def workspace(
    folder: Path,
    customers: list[list[str]],
    visits: list[list[str]] | None = None,
    settings: str = "",
) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    write_csv(folder / "customers.csv", [CUSTOMER_HEADER, *customers])
    write_csv(folder / "visits.csv", [VISIT_HEADER, *(visits or [])])
    write_csv(
        folder / "orders.csv",
        [
            ["order_id", "order_date", "customer_id", "rep", "amount"],
            ["SO1", "2024-01-05", "C1", "张三", "100"],
        ],
    )
    (folder / "salescli.toml").write_text('calendar = "cn"\n' + settings, encoding="utf-8")
    return folder


def book(reps: dict[str, tuple[int, int, int]]) -> list[list[str]]:
    """Customers per rep: (A, B, C) counts, ids in the order written."""
    rows = []
    for rep, counts in reps.items():
        for customer_class, count in zip("ABC", counts, strict=True):
            for _ in range(count):
                n = len(rows) + 1
                rows.append([f"K{n:03d}", f"客户{n}", rep, customer_class])
    return rows


def table(*args: str, code: int = 0) -> pd.DataFrame:
    result = run("--no-cache", "-q", *args, "--format", "csv")
    assert result.exit_code == code, result.stderr
    return pd.read_csv(io.StringIO(result.stdout), dtype=str, keep_default_na=False)


def check_plan(
    plan: pd.DataFrame,
    unscheduled: pd.DataFrame,
    customers: pd.DataFrame,
    month: str,
    limit: int,
) -> None:
    """The plan keeps every rule of 2.3, against the independent windows."""
    due = {
        (row.rep, row.customer_id, label): days
        for row in customers.itertuples()
        for label, days in required_windows(month, row.customer_class).items()
    }
    planned = Counter(zip(plan["rep"], plan["customer_id"], plan["window"], strict=True))
    left = Counter(
        zip(unscheduled["rep"], unscheduled["customer_id"], unscheduled["window"], strict=True)
    )
    assert max(planned.values(), default=1) == 1, "a window planned twice"
    assert not set(planned) & set(left), "a window both planned and unscheduled"
    assert set(planned) | set(left) == set(due), "a required window neither planned nor listed"
    for row in plan.itertuples():
        day = date.fromisoformat(row.date)
        assert workday(day), f"{row.customer_id} planned on {day}, not a working day"
        assert day in due[(row.rep, row.customer_id, row.window)], f"{day} outside {row.window}"
    per_day = Counter(zip(plan["rep"], plan["date"], strict=True))
    assert max(per_day.values(), default=0) <= limit
    # spread evenly: within a week, a rep's working days differ by at most one visit
    first, last = min(plan["date"], default="9999"), max(plan["date"], default="0000")
    for rep in sorted(set(plan["rep"])):
        loads: dict[tuple[int, int], list[int]] = {}
        day = date.fromisoformat(first)
        while day.isoformat() <= last:
            if workday(day):
                loads.setdefault(day.isocalendar()[:2], []).append(per_day[(rep, day.isoformat())])
            day += timedelta(1)
        assert all(max(v) - min(v) <= 1 for v in loads.values()), f"{rep}: {loads}"
    for rep in sorted(set(customers["rep"])):
        tasks = [days for key, days in due.items() if key[0] == rep]
        fits = most_placed(tasks, limit)
        assert (plan["rep"] == rep).sum() == fits, f"{rep}: fewer planned than fit"


def customers_frame(rows: list[list[str]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=CUSTOMER_HEADER).rename(columns={"class": "customer_class"})


# --- the plan keeps the policy ---------------------------------------------------------

# 2024-02 春节 (Feb 10-17, make-up Sun 4 and Sat 18); 2024-05 劳动节 (May 1-5, make-up Sat 11,
# and Sun 28 April in the month before); 2024-10 starts on 国庆 (Oct 1-7, make-up Sat 12, and its
# first week W40 has one working day, Monday 30 September); 2025-01 W01 starts in 2024 and its
# last week holds 春节 2025 (Jan 28-Feb 4, make-up Sun 26 Jan); 2025-10 国庆+中秋 (Oct 1-8, make-up
# Sun 28 Sep and Sat 11 Oct); 2026-01 starts on New Year's Day (Thu); 2026-02 春节 (Feb 15-23).
MONTHS = ["2024-02", "2024-05", "2024-10", "2024-12", "2025-01", "2025-10", "2026-01", "2026-02"]


@pytest.mark.parametrize("month", MONTHS)
@pytest.mark.parametrize("limit", [8, 3])
def test_the_plan_keeps_every_rule_of_the_policy(tmp_path: Path, month: str, limit: int) -> None:
    rows = book({"张三": (10, 6, 12), "李四": (2, 3, 30), "王五": (0, 0, 1)})
    ws = workspace(tmp_path, rows, settings=f"[visits]\nmax_per_day = {limit}\n")
    plan = table("-w", str(ws), "plan-visits", "--month", month)
    left = table("-w", str(ws), "plan-visits", "--month", month, "--section", "unscheduled")
    check_plan(plan, left, customers_frame(rows), month, limit)


def test_an_a_customer_is_never_planned_less_often_than_a_b_nor_a_b_than_a_c(
    tmp_path: Path,
) -> None:
    rows = book({"张三": (3, 3, 3)})
    ws = workspace(tmp_path, rows)
    for month in MONTHS:
        plan = table("-w", str(ws), "plan-visits", "--month", month)
        per_class = (
            plan.groupby("customer_id").size().groupby(plan.groupby("customer_id")["class"].first())
        )
        assert per_class.min()["A"] >= per_class.max()["B"] >= 1, month
        assert per_class.min()["B"] >= per_class.max()["C"] == 1, month


def test_frequencies_that_visit_a_less_often_than_b_are_refused(tmp_path: Path) -> None:
    ws = workspace(tmp_path, book({"张三": (1, 1, 1)}), settings='[visits]\nA = "month"\n')
    result = run("-w", str(ws), "plan-visits", "--month", "2024-06")
    assert result.exit_code == 78, result.stderr
    assert "visits.A" in result.stderr and "visits.B" in result.stderr


# --- the audit counts what the policy counts -------------------------------------------


def audit_by_hand(
    customers: pd.DataFrame, visits: list[list[str]], month: str
) -> dict[str, tuple[int, int, str]]:
    """customer -> (required, done, missed labels): a window is done by a visit to the customer
    (by any rep) on any day of its weeks, a holiday too (README: a visit on the 劳动节 holiday
    counts for its week)."""
    days: dict[str, set[date]] = {}
    for row in visits:
        days.setdefault(row[2], set()).add(date.fromisoformat(row[0]))
    out = {}
    for row in customers.itertuples():
        windows = required_windows(month, row.customer_class)
        missed = []
        for label in windows:
            first = date.fromisocalendar(int(label[:4]), int(label[6:8]), 1)
            weeks = int(label[-2:]) - int(label[6:8]) + 1 if ".." in label else 1
            end = first + timedelta(7 * weeks - 1)
            if not any(first <= d <= end for d in days.get(row.customer_id, ())):
                missed.append(label)
        out[row.customer_id] = (len(windows), len(windows) - len(missed), ", ".join(missed))
    return out


AUDIT_CUSTOMERS = [
    ["C1", "甲", "张三", "A"],
    ["C2", "乙", "张三", "B"],
    ["C3", "丙", "张三", "C"],
    ["C4", "丁", "李四", "A"],
    ["C5", "戊", "李四", "C"],
]
OCTOBER_2024 = [
    ["2024-09-30", "张三", "C1", "回访", "交期", "跟进"],  # Monday of W40, October's week
    ["2024-10-01", "张三", "C1", "回访", "交期", "跟进"],  # 国庆: the same window again
    ["2024-10-12", "张三", "C1", "回访", "交期", "跟进"],  # 调休 Saturday of W41
    ["2024-10-12", "张三", "C1", "报价", "价格", "跟进"],  # twice that day: one window
    ["2024-10-20", "李四", "C1", "回访", "交期", "跟进"],  # Sunday of W42, by another rep
    ["2024-11-01", "张三", "C2", "回访", "交期", "跟进"],  # W44 is October's (Thu 31 Oct)
    ["2024-09-29", "张三", "C3", "回访", "交期", "跟进"],  # 调休 Sunday, W39: September's
    ["2024-10-15", "张三", "C9", "回访", "交期", "跟进"],  # a customer not on file
    ["2024-11-04", "李四", "C4", "回访", "交期", "跟进"],  # W45: November's
    ["2024-10-31", "李四", "C5", "", "", ""],  # an incomplete record still counts as a visit
]


def test_the_audit_counts_windows_as_the_policy_does(tmp_path: Path) -> None:
    ws = workspace(tmp_path, AUDIT_CUSTOMERS, OCTOBER_2024)
    audit = table("-w", str(ws), "audit-visits", "--month", "2024-10")
    expected = audit_by_hand(customers_frame(AUDIT_CUSTOMERS), OCTOBER_2024, "2024-10")
    got = {
        row.customer_id: (int(row.required), int(row.done), row.missed)
        for row in audit.itertuples()
    }
    assert got == expected
    assert expected["C1"] == (5, 3, "2024-W43, 2024-W44")  # the hand count, said plainly
    assert expected["C3"] == (1, 0, "2024-W40..W44")
    by_rep = table("-w", str(ws), "audit-visits", "--month", "2024-10", "--by", "rep")
    for row in by_rep.itertuples():
        own = [expected[c[0]] for c in AUDIT_CUSTOMERS if c[2] == row.rep]
        required, done = sum(v[0] for v in own), sum(v[1] for v in own)
        assert (int(row.required), int(row.done)) == (required, done)
        assert float(row.compliance) == pytest.approx(done / required, abs=1e-6)
    others = table("-w", str(ws), "audit-visits", "--month", "2024-10", "--section", "other_rep")
    assert list(others["customer_id"]) == ["C1"] and list(others["owner"]) == ["张三"]
    strangers = table(
        "-w", str(ws), "audit-visits", "--month", "2024-10", "--section", "unknown_customers"
    )
    assert list(strangers["customer_id"]) == ["C9"]


def test_a_visit_on_30_december_counts_for_januarys_first_week_not_for_december(
    tmp_path: Path,
) -> None:
    visits = [
        ["2024-12-30", "张三", "C1", "回访", "交期", "跟进"],  # 2025-W01 (Thursday 2 January)
        ["2024-12-27", "张三", "C2", "回访", "交期", "跟进"],  # 2024-W52
        ["2025-01-27", "张三", "C1", "回访", "交期", "跟进"],  # W05: 春节 week, one working day
    ]
    ws = workspace(tmp_path, AUDIT_CUSTOMERS[:3], visits)
    for month in ("2024-12", "2025-01"):
        audit = table("-w", str(ws), "audit-visits", "--month", month)
        expected = audit_by_hand(customers_frame(AUDIT_CUSTOMERS[:3]), visits, month)
        got = {r.customer_id: (int(r.required), int(r.done), r.missed) for r in audit.itertuples()}
        assert got == expected, month
    assert expected["C1"] == (5, 2, "2025-W02, 2025-W03, 2025-W04")


# --- a class the customer file writes in full width ------------------------------------


def test_a_class_written_in_full_width_is_the_class_in_the_plan_and_the_audit(
    tmp_path: Path,
) -> None:
    # Chinese input methods type Ａ (U+FF21); the customer file's check folds it to A, so the
    # plan and the audit must too: C1 is an A customer with five required weeks in October
    rows = [["C1", "甲", "张三", "Ａ"], ["C2", "乙", "张三", "Ｂ"], ["C3", "丙", "张三", "C"]]
    ws = workspace(tmp_path, rows, OCTOBER_2024)
    plan = table("-w", str(ws), "plan-visits", "--month", "2024-10")
    assert plan.groupby("customer_id").size().to_dict() == {"C1": 5, "C2": 3, "C3": 1}
    audit = table("-w", str(ws), "audit-visits", "--month", "2024-10")
    assert list(audit["class"]) == ["A", "B", "C"]
    assert list(audit["required"].astype(int)) == [5, 3, 1]


# --- a customer the --classes file does not hold ---------------------------------------


def test_a_customer_left_out_of_the_classes_file_is_said_not_silently_required_nothing(
    tmp_path: Path,
) -> None:
    # a classify output made before C3 and C4 were filed: they have no class, so the audit
    # requires no visit of them; 李四's compliance is then no figure at all, and that must be
    # said (and stop a --strict run), as the plan says it of the visits it cannot place
    visits = [
        ["2024-10-08", "张三", "C1", "回访", "交期", "跟进"],
        ["2024-11-01", "张三", "C2", "回访", "交期", "跟进"],  # October's last week, W44
    ]
    ws = workspace(tmp_path, AUDIT_CUSTOMERS[:4], visits)
    classes = write_csv(
        tmp_path / "classes.csv", [["customer_id", "class"], ["C1", "A"], ["C2", "B"]]
    )
    args = ["--no-cache", "-w", str(ws), "audit-visits", "--month", "2024-10"]
    result = run(*args, "--classes", str(classes))
    assert result.exit_code == 0, result.stderr
    warning = next(line for line in result.stderr.splitlines() if "no class" in line)
    assert "2 customers" in warning and "C3" in warning and "C4" in warning
    strict = run(*args, "--classes", str(classes), "--strict")
    assert strict.exit_code == 65 and "no class" in strict.stderr
    assert run(*args, "--strict").exit_code == 0  # the customer file's classes: all known


# --- every output format shows the same figures ----------------------------------------


def text_rows(text: str, heading: str) -> list[list[str]]:
    """The rows of the table under `heading` in Markdown (`| a | b |`) or on a terminal
    (`┃ a ┃ b ┃` then `│ a │ b │`), header row first."""
    lines = [line.strip() for line in text.splitlines()]
    for start in [i for i, line in enumerate(lines) if line.lstrip("# ") == heading]:
        rows: list[list[str]] = []
        for line in lines[start + 1 :]:
            if line[:1] in ("┏", "┡") or (line[:1] == "|" and set(line) <= set("|:- ")):
                continue
            if line[:1] in ("|", "│", "┃"):
                rows.append([cell.strip() for cell in line.strip(line[0]).split(line[0])])
            elif rows or line.startswith("#"):
                break
        if rows:
            return rows
    raise AssertionError(f"no table under {heading!r}")


def shown_percent(value: float) -> str:
    return f"{100 * value:.1f}%"


def test_every_format_shows_the_same_plan_and_audit(tmp_path: Path) -> None:
    ws = workspace(tmp_path / "ws", AUDIT_CUSTOMERS, OCTOBER_2024)
    base = ["--no-cache", "-q", "-w", str(ws)]
    plan_args = [*base, "plan-visits", "--month", "2024-10"]
    audit_args = [*base, "audit-visits", "--month", "2024-10"]
    plan = table(*plan_args[2:])
    key = ["rep", "date", "customer_id", "class", "window"]
    expected = sorted(map(tuple, plan[key].to_numpy().tolist()))
    assert len(expected) == 5 + 3 + 1 + 5 + 1  # C1 A, C2 B, C3 C, C4 A, C5 C

    json_plan = json.loads(run(*plan_args, "--format", "json").stdout)
    assert (
        sorted(tuple(str(r[k])[:10] if k == "date" else r[k] for k in key) for r in json_plan)
        == expected
    )
    run(*plan_args, "-o", str(tmp_path / "plan.xlsx"))
    sheet = read_sheet(tmp_path / "plan.xlsx", "plan")
    sheet["date"] = pd.to_datetime(sheet["date"]).dt.strftime("%Y-%m-%d")
    assert sorted(map(tuple, sheet[key].astype(str).to_numpy().tolist())) == expected
    for fmt in ("md", "table"):
        shown = text_rows(run(*plan_args, "--format", fmt).stdout, "Visit plan 2024-10")
        header = shown[0]
        at = [header.index(h) for h in ("Rep", "Date", "Customer ID", "Class", "Window")]
        assert sorted(tuple(r[i] for i in at) for r in shown[1:]) == expected, fmt

    audit = table(*audit_args[2:], "--by", "rep")
    figures = {
        r.rep: (r.customers, r.required, r.done, shown_percent(float(r.compliance)))
        for r in audit.itertuples()
    }
    json_rep = json.loads(run(*audit_args, "--by", "rep", "--format", "json").stdout)
    assert {
        r["rep"]: (
            str(r["customers"]),
            str(r["required"]),
            str(r["done"]),
            shown_percent(r["compliance"]),
        )
        for r in json_rep
    } == figures
    run(*audit_args, "-o", str(tmp_path / "audit.xlsx"))
    sheet = read_sheet(tmp_path / "audit.xlsx", "by_rep")
    assert {
        r.rep: (str(r.customers), str(r.required), str(r.done), shown_percent(r.compliance))
        for r in sheet.itertuples()
    } == figures
    for fmt in ("md", "table"):
        shown = text_rows(
            run(*audit_args, "--by", "rep", "--format", fmt).stdout,
            "Visit compliance by rep 2024-10",
        )
        assert {r[0]: tuple(r[1:5]) for r in shown[1:]} == figures, fmt


# --- the demo ----------------------------------------------------------------------------

DEMO = Path(__file__).resolve().parents[2] / "examples" / "demo"


def demo_customers() -> pd.DataFrame:
    """The demo's customer file read by hand: header on row 3."""
    raw = pd.read_excel(DEMO / "customers.xlsx", header=2, dtype=str, engine="openpyxl")
    raw = raw.rename(
        columns={"客户编号": "customer_id", "销售代表": "rep", "客户分类": "customer_class"}
    )
    assert raw["customer_class"].isin(["A", "B", "C"]).all()
    return raw[["customer_id", "rep", "customer_class"]]


@pytest.mark.parametrize("month", ["2024-06", "2024-10", "2025-01", "2025-02"])
def test_the_demos_plan_keeps_every_rule_of_the_policy(month: str) -> None:
    plan = table("-w", str(DEMO), "plan-visits", "--month", month)
    left = table("-w", str(DEMO), "plan-visits", "--month", month, "--section", "unscheduled")
    check_plan(plan, left, demo_customers(), month, 8)


@pytest.mark.parametrize("month", ["2024-05", "2024-10"])
def test_the_demos_audit_is_the_hand_count(month: str) -> None:
    visits = pd.read_csv(DEMO / "visits.csv", dtype=str)
    rows = visits[["visit_date", "rep", "customer_id"]].to_numpy().tolist()
    customers = demo_customers()
    expected = audit_by_hand(customers, rows, month)
    audit = table("-w", str(DEMO), "audit-visits", "--month", month)
    got = {r.customer_id: (int(r.required), int(r.done), r.missed) for r in audit.itertuples()}
    assert got == expected
    by_rep = table("-w", str(DEMO), "audit-visits", "--month", month, "--by", "rep")
    owner = dict(zip(customers["customer_id"], customers["rep"], strict=True))
    for row in by_rep.itertuples():
        own = [v for c, v in expected.items() if owner[c] == row.rep]
        required, done = sum(v[0] for v in own), sum(v[1] for v in own)
        assert (int(row.customers), int(row.required), int(row.done)) == (len(own), required, done)
        assert float(row.compliance) == pytest.approx(done / required, abs=1e-6)


# --- a year the installed chinese-calendar does not know -------------------------------


def test_a_month_of_a_year_chinese_calendar_does_not_know_is_checked_said_and_strict_stops(
    tmp_path: Path,
) -> None:
    with pytest.raises(NotImplementedError):  # the installed package's coverage ends in 2026
        chinese_calendar.is_workday(date(2027, 2, 8))
    import holidays  # the package salescli falls back on, read here directly

    statutory = {d for d in holidays.China(years=2027) if d.year == 2027}
    ws = workspace(tmp_path / "ws", book({"张三": (4, 4, 4)}))
    args = ["--no-cache", "-w", str(ws), "plan-visits", "--month", "2027-02"]
    result = run(*args, "--format", "csv")
    assert result.exit_code == 0, result.stderr
    warning = next(line for line in result.stderr.splitlines() if "2027" in line)
    assert "chinese-calendar" in warning and "make-up working days unknown" in warning
    plan = pd.read_csv(io.StringIO(result.stdout), dtype=str)
    planned = {date.fromisoformat(d) for d in plan["date"]}
    assert not planned & statutory  # never planned as if 2027 had no holidays
    assert all(d.weekday() < 5 for d in planned)  # make-up Saturdays unknown: none assumed
    assert len(plan) == 4 * 4 + 4 * 2 + 4  # 2027-02 has four weeks, each with working days
    strict = run(*args, "--strict")
    assert strict.exit_code == 65 and "2027" in strict.stderr

    # the State Council's arrangement, once listed, settles it: no warning, its days used
    told = workspace(
        tmp_path / "told",
        book({"张三": (4, 4, 4)}),
        settings="holidays = [2027-02-11, 2027-02-12]\nworkdays = [2027-02-20]\n",
    )
    settled = run("--no-cache", "-w", str(told), "plan-visits", "--month", "2027-02", "--strict")
    assert settled.exit_code == 0, settled.stderr
    days = set(pd.read_csv(io.StringIO(settled.stdout), dtype=str)["date"])
    assert not days & {"2027-02-11", "2027-02-12"}
    assert not {date.fromisoformat(d) for d in days} & statutory


# --- the same inputs give byte-identical plans -----------------------------------------


def test_the_same_inputs_give_byte_identical_plans_and_calendars_whatever_the_hash_seed(
    tmp_path: Path,
) -> None:
    ws = workspace(tmp_path / "ws", book({"张三": (10, 6, 12), "李四": (2, 3, 30)}), OCTOBER_2024)
    root = Path(__file__).resolve().parents[2]
    outputs = []
    for n, seed in enumerate(["0", "0", "12345", "random"]):
        out = tmp_path / f"run{n}"
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(root)}
        for args in (
            ["plan-visits", "--month", "2024-10", "--ics", str(out / "ics"), "-o", f"{out}/plan/"],
            ["audit-visits", "--month", "2024-10", "-o", f"{out}/audit/"],
        ):
            done = subprocess.run(
                [sys.executable, "-m", "salescli", "--no-cache", "-q", "-w", str(ws), *args],
                env=env,
                capture_output=True,
                check=False,
            )
            assert done.returncode == 0, done.stderr.decode()
        files = sorted(p for p in out.rglob("*") if p.is_file())
        outputs.append({p.relative_to(out).as_posix(): p.read_bytes() for p in files})
    assert len(outputs[0]) >= 2 + 2 + 6  # two calendars, plan and unscheduled, six audit tables
    assert all(o == outputs[0] for o in outputs[1:])
    # each calendar holds the plan's visits of its rep, on the plan's days
    plan = pd.read_csv(tmp_path / "run0" / "plan" / "plan.csv", dtype=str)
    for rep, own in plan.groupby("rep"):
        text = outputs[0][f"ics/{rep}.ics"].decode()
        starts = sorted(
            line.split(":")[1] for line in text.splitlines() if line.startswith("DTSTART")
        )
        assert starts == sorted(d.replace("-", "") for d in own["date"])


# --- --strict stops on every warning that changes a figure -----------------------------

FULL_OCTOBER = [  # each customer's every window done; the records reach 1 November, the
    # last working day of October's last visit week (W44, Monday 28 October to Sunday 3 November)
    *[[f"2024-10-{d:02d}", "张三", "C1", "回访", "交期", "跟进"] for d in (8, 14, 21, 28)],
    ["2024-09-30", "张三", "C1", "回访", "交期", "跟进"],
    *[[f"2024-10-{d:02d}", "张三", "C2", "回访", "交期", "跟进"] for d in (8, 21, 31)],
    ["2024-10-31", "张三", "C3", "回访", "交期", "跟进"],
    ["2024-11-01", "张三", "C2", "回访", "交期", "跟进"],
]


@pytest.mark.parametrize(
    ("case", "command"),
    [
        ("clean", "plan-visits"),
        ("clean", "audit-visits"),
        ("a visit the plan cannot place", "plan-visits"),
        ("a visit to a customer not on file", "audit-visits"),
        ("visit records ending before the month", "audit-visits"),
    ],
)
def test_strict_stops_on_every_warning_that_changes_a_figure(
    tmp_path: Path, case: str, command: str
) -> None:
    customers, visits, settings = AUDIT_CUSTOMERS[:3], list(FULL_OCTOBER), ""
    if case == "a visit the plan cannot place":  # W40 has one working day, for three A's
        customers = [*customers, ["C6", "己", "张三", "A"], ["C7", "庚", "张三", "A"]]
        settings = "[visits]\nmax_per_day = 2\n"
    elif case == "a visit to a customer not on file":
        visits.append(["2024-10-15", "张三", "C9", "回访", "交期", "跟进"])
    elif case == "visit records ending before the month":
        visits = [v for v in visits if v[0] < "2024-10-25"]
    ws = workspace(tmp_path, customers, visits, settings)
    args = ["--no-cache", "-w", str(ws), command, "--month", "2024-10"]
    loose, strict = run(*args), run(*args, "--strict")
    if case == "clean":
        assert (loose.exit_code, strict.exit_code) == (0, 0), strict.stderr
        assert "warning" not in loose.stderr
    else:
        assert loose.exit_code == 0 and "warning" in loose.stderr, loose.stderr
        assert strict.exit_code == 65, strict.stderr
        assert "--strict" in strict.stderr


# --- a customer filed during the month, or after it ------------------------------------


# C1 filed on Wednesday 16 October 2024 (W42), C2 in December, C3 long before
FILED = [
    [*CUSTOMER_HEADER, "created_on"],
    ["C1", "甲", "张三", "A", "2024-10-16"],
    ["C2", "乙", "张三", "B", "2024-12-02"],
    ["C3", "丙", "张三", "C", "2020-03-01"],
]


def test_no_visit_is_required_or_planned_before_the_customer_was_filed(tmp_path: Path) -> None:
    # C1 is filed on Wednesday 16 October (W42), C2 in December: the October audit cannot ask
    # for visits in the weeks before they were customers, nor can the plan place them there
    visits = [
        ["2024-10-17", "张三", "C1", "回访", "交期", "跟进"],
        ["2024-10-22", "张三", "C1", "回访", "交期", "跟进"],
        ["2024-10-31", "张三", "C3", "回访", "交期", "跟进"],
    ]
    ws = workspace(tmp_path, [], visits)
    write_csv(ws / "customers.csv", FILED)
    audit = table("-w", str(ws), "audit-visits", "--month", "2024-10")
    got = {r.customer_id: (int(r.required), int(r.done), r.missed) for r in audit.itertuples()}
    assert got == {"C1": (3, 2, "2024-W44"), "C3": (1, 1, "")}
    by_rep = table("-w", str(ws), "audit-visits", "--month", "2024-10", "--by", "rep")
    assert by_rep[["customers", "required", "done"]].to_numpy().tolist() == [["2", "4", "3"]]
    plan = table("-w", str(ws), "plan-visits", "--month", "2024-10")
    assert set(plan["customer_id"]) == {"C1", "C3"}
    first = plan[plan["customer_id"] == "C1"]
    assert list(first["window"]) == ["2024-W42", "2024-W43", "2024-W44"]
    assert min(first["date"]) >= "2024-10-16"


def test_the_weekly_reports_visit_windows_start_when_the_customer_was_filed(
    tmp_path: Path,
) -> None:
    """The weekly report's visit progress counts the windows open in the week as the audit
    requires them: none of C1's before it was filed (Wednesday 16 October, W42), none of C2's
    (filed in December). It counted C1's W41 window and C2's fortnight as open and not done."""
    visits = [
        ["2024-10-17", "张三", "C1", "回访", "交期", "跟进"],
        ["2024-10-31", "张三", "C3", "回访", "交期", "跟进"],
    ]
    ws = workspace(tmp_path, [], visits)
    write_csv(ws / "customers.csv", FILED)
    write_csv(
        ws / "orders.csv",
        [["order_id", "order_date", "customer_id", "rep", "amount"]]
        + [[f"SO{d}", f"2024-10-{d:02d}", "C3", "张三", "100"] for d in range(8, 32)],
    )
    # here: each week's windows open (A: its week; B: its fortnight; C: the month) of the
    # customers filed by then, and those with a visit up to the week's end
    expected = {"2024-W41": (1, 0), "2024-W42": (2, 1), "2024-W44": (2, 1)}
    for week, (opened, done) in expected.items():
        shown = table("-w", str(ws), "report", "--week", week, "--section", "by_rep")
        row = shown[shown["rep"] == "张三"].iloc[0]
        assert (int(row["windows_open"]), int(row["windows_done"])) == (opened, done), week


# --- --rep -----------------------------------------------------------------------------


def test_one_reps_audit_does_not_call_the_other_reps_customers_unknown(tmp_path: Path) -> None:
    visits = [*OCTOBER_2024[:8], ["2024-10-31", "李四", "C4", "回访", "交期", "跟进"]]
    ws = workspace(tmp_path, AUDIT_CUSTOMERS, visits)
    args = ["--no-cache", "-w", str(ws), "audit-visits", "--month", "2024-10"]
    whole = table(*args[1:], "--by", "rep")
    result = run(*args, "--by", "rep", "--rep", "李四", "--strict")
    # 张三's customers C1..C3 are on file: only C9 (visited by 张三) is unknown, and that is
    # none of 李四's business
    assert result.exit_code == 0, result.stderr
    assert "not in the customer file" not in result.stderr
    one = pd.read_csv(io.StringIO(result.stdout), dtype=str, keep_default_na=False)
    assert one.to_numpy().tolist() == whole[whole["rep"] == "李四"].to_numpy().tolist()
    others = table(*args[1:], "--rep", "李四", "--section", "other_rep")
    assert list(others["rep"]) == ["李四"]  # 李四's visit to 张三's C1 is still said


@pytest.mark.parametrize("command", ["plan-visits", "audit-visits"])
def test_a_rep_who_owns_no_customer_is_refused_not_given_an_empty_table(
    tmp_path: Path, command: str
) -> None:
    ws = workspace(tmp_path, AUDIT_CUSTOMERS, FULL_OCTOBER)
    result = run("--no-cache", "-w", str(ws), command, "--month", "2024-10", "--rep", "张3")
    assert result.exit_code == 2, result.stdout + result.stderr
    assert "张3" in result.stderr and "张三" in result.stderr  # the reps there are, as the hint


# --- what a reader of the unscheduled list and the audit sees --------------------------

NO_OWNER = [["C1", "甲", "张三", "A"], ["C2", "乙", "张三", "A"], ["C3", "丙", "", "B"]]


@pytest.mark.parametrize(
    ("lang", "heading", "full", "no_rep"),
    [
        (
            "en",
            "Visits that could not be scheduled",
            "the window's 1 working day already has 1 visit",
            "no rep in the customer file",
        ),
        ("zh", "未能安排的拜访", "该周期的 1 个工作日已各有 1 次拜访", "客户档案中没有销售代表"),
    ],
)
def test_why_a_visit_is_unscheduled_reads_in_the_users_language(
    tmp_path: Path, lang: str, heading: str, full: str, no_rep: str
) -> None:
    ws = workspace(tmp_path, NO_OWNER, FULL_OCTOBER, "[visits]\nmax_per_day = 1\n")
    args = ["--no-cache", "-q", "--lang", lang, "-w", str(ws), "plan-visits", "--month", "2024-10"]
    shown = run(*args, "--section", "unscheduled", "--format", "md").stdout
    rows = text_rows(shown, heading)
    assert {r[1]: r[-1] for r in rows[1:]} == {"C2": full, "C3": no_rep}
    machine = json.loads(run(*args, "--section", "unscheduled", "--format", "json").stdout)
    assert machine[1]["reason"] == "the window's 1 working day already has 1 visit"  # English


def test_the_customers_of_no_rep_are_a_row_of_their_own_named_so(tmp_path: Path) -> None:
    ws = workspace(tmp_path, NO_OWNER, FULL_OCTOBER)
    by_rep = table("-w", str(ws), "audit-visits", "--month", "2024-10", "--by", "rep")
    assert by_rep[["rep", "customers", "required"]].to_numpy().tolist() == [
        ["(no rep)", "1", "3"],  # 0 % of 3: worst first
        ["张三", "2", "10"],
    ]


# --- an audit taken before the month's last visit week is over -------------------------


def test_an_audit_before_the_months_last_week_ends_says_its_windows_are_still_open(
    tmp_path: Path,
) -> None:
    # October 2024's last visit week, W44, runs to Sunday 3 November (its Thursday is 31
    # October): records that end on 31 October (a cron audit on 1 November, the first working
    # day) cannot tell a missed W44 from one visited on Friday 1 November, as the plan allows
    assert workday(date(2024, 11, 1))
    october = [v for v in FULL_OCTOBER if v[0] <= "2024-10-31"]
    ws = workspace(tmp_path / "early", AUDIT_CUSTOMERS[:3], october)
    args = ["--no-cache", "-w", str(ws), "audit-visits", "--month", "2024-10"]
    early = run(*args)
    assert early.exit_code == 0, early.stderr
    warning = next(line for line in early.stderr.splitlines() if "2024-11-03" in line)
    assert "2024-10-31" in warning and "2024-11-01" in warning
    assert run(*args, "--strict").exit_code == 65
    # records that reach Friday 1 November leave only the weekend: nothing left to say
    done = workspace(tmp_path / "later", AUDIT_CUSTOMERS[:3], FULL_OCTOBER)
    result = run("--no-cache", "-w", str(done), "audit-visits", "--month", "2024-10", "--strict")
    assert result.exit_code == 0, result.stderr
    assert "2024-11-03" not in result.stderr


# --- the user's own holidays and make-up days ------------------------------------------


def test_the_users_holidays_and_workdays_override_the_calendar_in_plan_and_audit(
    tmp_path: Path,
) -> None:
    # a company closed 30 September and 8-12 October 2024 (W40 and W41 then have no working
    # day: not required) that works Saturday 19 October instead
    closed = [date(2024, 9, 30), *[date(2024, 10, d) for d in (8, 9, 10, 11, 12)]]
    settings = f"holidays = [{', '.join(d.isoformat() for d in closed)}]\nworkdays = [2024-10-19]\n"
    ws = workspace(tmp_path, AUDIT_CUSTOMERS[:3], FULL_OCTOBER, settings)

    def working(day: date) -> bool:
        return day == date(2024, 10, 19) or (day not in closed and workday(day))

    args = ["-w", str(ws), "plan-visits", "--month", "2024-10"]
    plan = table(*args)
    assert all(working(date.fromisoformat(d)) for d in plan["date"])
    assert "2024-W40" not in set(plan["window"]) and "2024-W41" not in set(plan["window"])
    assert set(plan.loc[plan["customer_id"] == "C2", "window"]) == {"2024-W42..W43", "2024-W44"}
    notes = run("--no-cache", "-q", *args, "--format", "md").stdout
    assert "A: 2024-W40" in notes and "A: 2024-W41" in notes and "B: 2024-W40..W41" in notes
    audit = table("-w", str(ws), "audit-visits", "--month", "2024-10")
    assert audit[["customer_id", "required"]].to_numpy().tolist() == [
        ["C1", "3"],
        ["C2", "2"],
        ["C3", "1"],
    ]


# --- a customer handed to another rep during the month ---------------------------------


def test_a_customer_handed_over_mid_month_is_audited_under_its_owner_on_file(
    tmp_path: Path,
) -> None:
    # 王五 left on 15 October and C1 is 张三's in the customer file: the policy's duty is the
    # customer's, so 王五's visits count for C1 (under 张三, its owner on file) and are listed
    visits = [
        ["2024-09-30", "王五", "C1", "回访", "交期", "跟进"],
        ["2024-10-08", "王五", "C1", "回访", "交期", "跟进"],
        ["2024-10-21", "张三", "C1", "回访", "交期", "跟进"],
        ["2024-11-01", "张三", "C1", "回访", "交期", "跟进"],
    ]
    ws = workspace(tmp_path, AUDIT_CUSTOMERS[:1], visits)
    audit = table("-w", str(ws), "audit-visits", "--month", "2024-10")
    assert audit[["rep", "required", "done", "missed"]].to_numpy().tolist() == [
        ["张三", "5", "4", "2024-W42"]
    ]
    others = table("-w", str(ws), "audit-visits", "--month", "2024-10", "--section", "other_rep")
    assert others[["visit_date", "rep", "owner"]].to_numpy().tolist() == [
        ["2024-09-30", "王五", "张三"],
        ["2024-10-08", "王五", "张三"],
    ]


# --- a --classes file that is not one --------------------------------------------------


@pytest.mark.parametrize("command", ["plan-visits", "audit-visits"])
def test_a_classes_file_without_classes_or_with_two_for_a_customer_is_refused(
    tmp_path: Path, command: str
) -> None:
    ws = workspace(tmp_path / "ws", AUDIT_CUSTOMERS[:3], FULL_OCTOBER)
    args = ["--no-cache", "-w", str(ws), command, "--month", "2024-10", "--classes"]
    scores = write_csv(tmp_path / "scores.csv", [["customer_id", "score"], ["C1", "0.9"]])
    result = run(*args, str(scores))
    assert result.exit_code == 65, result.stderr  # was 70, an internal KeyError
    assert "scores.csv" in result.stderr and "class" in result.stderr
    twice = write_csv(
        tmp_path / "twice.csv",
        [["customer_id", "class"], ["C1", "A"], ["C2", "B"], ["C3", "C"], ["C1", "B"]],
    )
    result = run(*args, str(twice))
    assert result.exit_code == 65, result.stderr  # was 0, C1 planned as B (the last row)
    assert "twice.csv" in result.stderr and "C1" in result.stderr and "A, B" in result.stderr
    same = write_csv(
        tmp_path / "same.csv",
        [["customer_id", "class"], ["C1", "A"], ["C2", "B"], ["C3", "C"], ["C1", "a"]],
    )
    assert run(*args, str(same)).exit_code == 0  # the same class twice is one class


def test_a_previous_class_written_in_full_width_is_that_class_in_the_move(tmp_path: Path) -> None:
    # the same Ａ the plan now reads as A: classify's previous class (the customer file's) must
    # read it so too, or every such customer is a "new" one in the move matrix
    rows = [["C1", "甲", "张三", "Ａ"], ["C2", "乙", "张三", "Ｂ"], ["C3", "丙", "张三", "ｃ"]]
    ws = workspace(tmp_path, rows, FULL_OCTOBER)
    write_csv(
        ws / "orders.csv",
        [
            ["order_id", "order_date", "customer_id", "rep", "amount"],
            ["SO1", "2024-05-06", "C1", "张三", "9000"],
            ["SO2", "2024-05-07", "C2", "张三", "900"],
            ["SO3", "2024-05-08", "C3", "张三", "90"],
        ],
    )
    classes = table("-w", str(ws), "classify", "--quarter", "2024Q2", "--method", "pareto")
    assert list(classes["previous_class"]) == ["A", "B", "C"]
    assert "new" not in set(classes["move"])


def test_an_a_customer_written_in_full_width_counts_in_the_a_class_completeness(
    tmp_path: Path,
) -> None:
    rows = [["C1", "甲", "张三", "Ａ"], ["C2", "乙", "张三", "A"], ["C3", "丙", "张三", "C"]]
    ws = workspace(tmp_path, rows, FULL_OCTOBER)
    out = tmp_path / "check.json"
    run("--no-cache", "-w", str(ws), "check", "-o", str(out))
    completeness = json.loads(out.read_text(encoding="utf-8"))["completeness"]
    assert [r["a_customers"] for r in completeness if r["rep"] == "张三"] == [2]


# --- the classes every figure follows from are named -----------------------------------


def test_the_plan_and_the_audit_say_where_the_classes_came_from(tmp_path: Path) -> None:
    ws = workspace(tmp_path / "ws", AUDIT_CUSTOMERS[:3], FULL_OCTOBER)
    classes = write_csv(
        tmp_path / "q3.csv", [["customer_id", "class"], ["C1", "A"], ["C2", "B"], ["C3", "C"]]
    )
    for command in ("plan-visits", "audit-visits"):
        args = ["--no-cache", "-q", "-w", str(ws), command, "--month", "2024-10", "--format", "md"]
        assert "classes from the customer file's class column" in run(*args).stdout
        assert "classes from q3.csv" in run(*args, "--classes", str(classes)).stdout
