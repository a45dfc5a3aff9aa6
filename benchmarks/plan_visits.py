"""Time `plan-visits` for the demo company's 2,000 customers (issue: chapter 2).

Usage: python benchmarks/plan_visits.py [--repeat 5]
Prints the median time of the plan itself (rules only) and of the whole command.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "examples" / "demo"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    from salescli.api.inputs import customer_classes
    from salescli.data.workspace import Workspace
    from salescli.periods import parse_period
    from salescli.rules.customers import plan_visits

    workspace = Workspace(DEMO)
    month = parse_period("2024-06")
    customers = customer_classes(workspace, month, None)
    rules_times, command_times = [], []
    for _ in range(args.repeat):
        start = time.perf_counter()
        plan, unscheduled = plan_visits(
            customers, month, workspace.policy.visits, workspace.calendar
        )
        rules_times.append(time.perf_counter() - start)
        start = time.perf_counter()
        subprocess.run(
            [
                sys.executable,
                "-m",
                "salescli",
                "-w",
                str(DEMO),
                "plan-visits",
                "--month",
                "2024-06",
                "-o",
                "/dev/null",
                "--format",
                "csv",
            ],
            check=True,
        )
        command_times.append(time.perf_counter() - start)
    print(f"customers {len(customers)}, visits planned {len(plan)}, unscheduled {len(unscheduled)}")
    print(f"plan (rules only): median {statistics.median(rules_times):.2f} s")
    print(
        f"whole command (read xlsx + plan + write): median {statistics.median(command_times):.2f} s"
    )


if __name__ == "__main__":
    main()
