"""salescli: a sales department's written management policy, as a command-line toolkit.

The same work as a library (imported on first use, so `salescli --help` stays fast):
`from salescli import Workspace, appraise`; see salescli/api/__init__.py.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from salescli.version import __version__

API = (
    "Workspace",
    "Result",
    "classify",
    "plan_visits",
    "audit_visits",
    "split_targets",
    "appraise",
    "report",
    "check",
)
__all__ = [*API, "__version__"]

if TYPE_CHECKING:
    from salescli.api import *  # noqa: F403


def __getattr__(name: str) -> Any:
    if name in API:
        from salescli import api

        return getattr(api, name)
    raise AttributeError(f"module 'salescli' has no attribute {name!r}")
