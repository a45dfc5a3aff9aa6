"""Placeholder: filled in by the branch that moves this command's work here."""

from __future__ import annotations

from typing import Any

from salescli.api.base import Result


def report(workspace: Any, **options: Any) -> Result:
    raise NotImplementedError
