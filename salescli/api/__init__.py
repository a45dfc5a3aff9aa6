"""salescli as a library: every command is one call that returns a `Result`.

    from salescli import Workspace, appraise
    ws = Workspace("examples/demo")
    result = appraise(ws, month="2024-05")
    result.tables["appraisal"]      # a DataFrame, as `--section appraisal` writes it
    result.notes                    # the notes and warnings the CLI prints and writes

Nothing is written into the workspace unless `Workspace(path, cache=True)`. Errors are the
`SalescliError` classes (salescli.errors) whose `exit_code` the CLI exits with.
"""

from salescli.api.appraisal import appraise
from salescli.api.base import Result
from salescli.api.checks import check
from salescli.api.classification import classify
from salescli.api.reports import report
from salescli.api.targets import split_targets
from salescli.api.visits import audit_visits, plan_visits
from salescli.data.workspace import Workspace

__all__ = [
    "Result",
    "Workspace",
    "appraise",
    "audit_visits",
    "check",
    "classify",
    "plan_visits",
    "report",
    "split_targets",
]
