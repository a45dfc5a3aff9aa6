"""The visit plan's calendars when a revised plan drops a visit: a customer removed, moved to
another class (its windows, so its UIDs, change) or to another rep. A calendar client that
imported the earlier file keeps an event until a newer version of its UID says otherwise
(RFC 5545 3.8.7.4 SEQUENCE, 3.8.1.11 STATUS; RFC 5546 2.1.5, 3.2.1: a PUBLISH may carry
STATUS:CANCELLED). The revised file withdraws each dropped visit of the month it plans: its
UID, as it was, STATUS:CANCELLED and SEQUENCE one above the imported one's. The same inputs
still give the same bytes, and the events the revision keeps are what they were, byte for
byte.
"""

from __future__ import annotations

import re
from pathlib import Path

from tests.helpers import ORDER_HEADER, order_row, run, write_csv

OWNERS = [["客户编号", "客户名称", "销售代表", "客户分类"]]


def workspace(tmp_path: Path, customers: list[list[str]]) -> Path:
    ws = tmp_path / "ws"
    ws.mkdir(exist_ok=True)
    write_csv(ws / "orders.csv", [ORDER_HEADER, order_row("SO1", "2024-05-06", "C1", 100.0)])
    write_csv(ws / "customers.csv", [*OWNERS, *customers])
    return ws


def plan(ws: Path, folder: Path, month: str = "2024-06", *more: str) -> None:
    args = ["-w", str(ws), "plan-visits", "--month", month, "--ics", str(folder), *more]
    result = run(*args, "-o", str(ws.parent / "plan.csv"))
    assert result.exit_code == 0, result.stderr


def events(path: Path) -> dict[str, dict]:
    """Each event of a calendar by UID: its lines as written (unfolded) and what they say."""
    text = path.read_bytes().decode("utf-8").replace("\r\n ", "")
    found = {}
    for block in re.findall(r"BEGIN:VEVENT\r\n(.*?)END:VEVENT\r\n", text, re.S):
        said = dict(line.split(":", 1) for line in block.split("\r\n") if line)
        said["DTSTART"] = said.get("DTSTART;VALUE=DATE", said.get("DTSTART"))
        said["block"] = block
        found[said["UID"]] = said
    return found


def sequence(event: dict) -> int:
    return int(event.get("SEQUENCE", 0))


C1 = ["C1", "甲", "张三", "A"]
C2 = ["C2", "乙", "张三", "B"]
C3 = ["C3", "丙", "张三", "C"]


def test_a_dropped_customers_visits_are_cancelled_and_the_rest_unchanged(tmp_path: Path) -> None:
    """C3 leaves the customer file: its June visit stayed in the rep's calendar (the revised
    file no longer named it, and nothing withdrew it). It is cancelled with a higher
    SEQUENCE; C1's and C2's events are byte for byte what they were."""
    folder = tmp_path / "ics"
    plan(workspace(tmp_path, [C1, C2, C3]), folder)
    first = events(folder / "张三.ics")
    plan(workspace(tmp_path, [C1, C2]), folder)
    second = events(folder / "张三.ics")
    dropped = [uid for uid in first if "C3" in first[uid]["DESCRIPTION"]]
    assert dropped and set(second) == set(first)
    for uid, event in second.items():
        if uid in dropped:
            assert event["STATUS"] == "CANCELLED", event
            assert sequence(event) == sequence(first[uid]) + 1, event
            assert event["DTSTART"] == first[uid]["DTSTART"]
        else:
            assert event["block"] == first[uid]["block"], uid
            assert "STATUS" not in event
    again = (folder / "张三.ics").read_bytes()
    plan(workspace(tmp_path, [C1, C2]), folder)  # the same inputs: the same bytes
    assert (folder / "张三.ics").read_bytes() == again


def test_a_customer_moved_to_another_class_has_its_old_windows_cancelled(tmp_path: Path) -> None:
    """C2 from B (a visit a fortnight) to C (one a month): its windows, so its UIDs, change.
    The fortnight events are cancelled, the month's one is new (SEQUENCE 0)."""
    folder = tmp_path / "ics"
    plan(workspace(tmp_path, [C1, C2]), folder)
    first = events(folder / "张三.ics")
    plan(workspace(tmp_path, [C1, ["C2", "乙", "张三", "C"]]), folder)
    second = events(folder / "张三.ics")
    old = {u for u, e in first.items() if "C2" in e["DESCRIPTION"]}
    new = {u for u, e in second.items() if "C2" in e["DESCRIPTION"]} - old
    assert old and new and old <= set(second)
    assert all(second[u]["STATUS"] == "CANCELLED" and sequence(second[u]) == 1 for u in old)
    assert all("STATUS" not in second[u] and sequence(second[u]) == 0 for u in new)


def test_a_cancelled_visit_planned_again_is_confirmed_newer(tmp_path: Path) -> None:
    """C3 removed, then back: its event was cancelled (1); planned again it is a newer
    version (2) that says CONFIRMED, so a client that holds it cancelled shows it again."""
    folder = tmp_path / "ics"
    plan(workspace(tmp_path, [C1, C3]), folder)
    plan(workspace(tmp_path, [C1]), folder)
    plan(workspace(tmp_path, [C1, C3]), folder)
    back = [e for e in events(folder / "张三.ics").values() if "C3" in e["DESCRIPTION"]]
    assert back and all(e["STATUS"] == "CONFIRMED" and sequence(e) == 2 for e in back)


def test_a_rep_left_with_no_visit_has_his_calendar_cancelled_not_removed(tmp_path: Path) -> None:
    """C3 moves from 李四 to 张三, and 李四 has no customer left: his calendar was removed, and
    the visits he imported stayed in his calendar. His file now cancels them."""
    folder = tmp_path / "ics"
    plan(workspace(tmp_path, [C1, ["C3", "丙", "李四", "C"]]), folder)
    first = events(folder / "李四.ics")
    plan(workspace(tmp_path, [C1, C3]), folder)
    second = events(folder / "李四.ics")
    assert first and set(second) == set(first)
    assert all(e["STATUS"] == "CANCELLED" and sequence(e) == 1 for e in second.values())
    assert "CANCELLED" not in (folder / "张三.ics").read_text(encoding="utf-8")


def test_a_plan_for_one_rep_cancels_no_other_reps_visits(tmp_path: Path) -> None:
    """--rep 张三: 李四 is not planned, which is no reason to withdraw his visits."""
    folder = tmp_path / "ics"
    plan(workspace(tmp_path, [C1, ["C3", "丙", "李四", "C"]]), folder)
    plan(workspace(tmp_path, [C1, ["C3", "丙", "李四", "C"]]), folder, "2024-06", "--rep", "张三")
    for path in folder.glob("*.ics"):
        assert "CANCELLED" not in path.read_text(encoding="utf-8"), path


def test_the_next_months_plan_cancels_nothing_of_the_month_before(tmp_path: Path) -> None:
    """July's plan in June's folder: June's visits are not July's to withdraw (they were
    planned for June and stay as imported); July's file holds July's visits only."""
    folder = tmp_path / "ics"
    ws = workspace(tmp_path, [C1, C2, C3])
    plan(ws, folder, "2024-06")
    plan(ws, folder, "2024-07")
    july = events(folder / "张三.ics")
    assert july and all(e["DTSTART"].startswith("202407") for e in july.values())
    assert all("STATUS" not in e for e in july.values())
