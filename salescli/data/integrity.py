"""What a table read from its files must be before a rule uses it: one row per key, reps
named as the targets name them, and every warning that changes a figure said out loud.

Called once for each table `Workspace.read` loads, after its files are read, cached or not:

- keys written twice in one file (`data/duplicates.py`; order lines by their number are
  settled as their files are read, before a command narrows them to its columns);
- rep names: the width is folded when a file is read (`Ａｌｉｃｅ` is `Alice`); a rep written
  in another case (`alice`) that is exactly one rep of the targets (or of the customer file's
  owners) becomes that rep, with a note; one that is two (`Alice` and `ALICE`) stops (65),
  naming both;
- warnings that change a figure (an empty cost, a total word kept as a line, a row read once)
  reach stderr also in pipes and cron jobs.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

import pandas as pd

from salescli.data import duplicates
from salescli.data.normalise import EMPTY_EFFECTS, Problem
from salescli.data.parts import Named, listed, row_list, table_named
from salescli.errors import SalescliError
from salescli.i18n import _, n_
from salescli.problems import problem

if TYPE_CHECKING:
    from salescli.data.workspace import Loaded, Workspace


def settle(workspace: Workspace, loaded: Loaded) -> Loaded:
    """The table with reps matched and repeated keys resolved; problems and notes added."""
    loaded = _reps(workspace, loaded)
    found = duplicates.find(loaded.name, loaded.frame)
    loud = [*found.notes, *_empty_notes(loaded), *_kept_total_words(loaded)]
    return replace(
        loaded,
        frame=found.frame,
        problems=[*loaded.problems, *found.problems],
        notes=[*loaded.notes, *found.read],
        warnings=[*loaded.warnings, *(w for w in loud if w not in loaded.warnings)],
    )


# --- rep names -------------------------------------------------------------------------------


def _known_reps(workspace: Workspace, table: str) -> list[str]:
    """The reps a rep name of `table` is matched to: the targets' (they pay the bonus), and
    for tables other than the customer file, the customers' owners too."""
    sources = [] if table == "targets" else ["targets"] if table == "customers" else None
    if sources is None:
        sources = ["targets", "customers"]
    known: list[str] = []
    for name in sources:
        try:
            read = workspace.read(name, _COLUMNS[name])
        except SalescliError:  # an unreadable table is reported where it is read
            continue
        if read is not None and "rep" in read.frame:
            known += read.frame["rep"].dropna().astype(str).unique().tolist()
    return sorted(set(known))


# customers are read with the columns `Workspace._customers_by_name` reads them with: one read
_COLUMNS = {"targets": ["rep"], "customers": ["customer_id", "customer_name", "rep"]}


def _reps(workspace: Workspace, loaded: Loaded) -> Loaded:
    frame = loaded.frame
    if "rep" not in frame or not frame["rep"].notna().any():
        return loaded
    if loaded.name == "targets":
        return _one_spelling(workspace, loaded)
    known = _known_reps(workspace, loaded.name)
    if not known:
        return loaded
    by_case: dict[str, list[str]] = {}
    for rep in known:
        by_case.setdefault(rep.casefold(), []).append(rep)
    written = frame["rep"].dropna().astype(str).unique()
    taken: dict[str, str] = {}
    problems: list[Problem] = []
    for rep in sorted(set(written) - set(known)):
        matches = by_case.get(rep.casefold(), [])
        if len(matches) == 1:
            taken[rep] = matches[0]
        elif len(matches) > 1:  # placed on its rows, which a narrowed read does not carry
            placed = loaded if "_row" in frame else workspace.read(loaded.name) or loaded
            problems.append(_two_reps(placed, rep, matches))
        elif len(named := _reps_named(rep, by_case)) > 1:  # 李娜,张伟: whose is it?
            placed = loaded if "_row" in frame else workspace.read(loaded.name) or loaded
            problems.append(_two_reps(placed, rep, named, "rep-several"))
    if not taken and not problems:
        return loaded
    warnings = list(loaded.warnings)
    if taken:
        counts = frame["rep"].value_counts()
        shown = ", ".join(f"{k} -> {v} x{int(counts[k])}" for k, v in sorted(taken.items()))
        note = _(
            "{table}: rep names written in another case read as the rep of the targets or "
            "customer file they match: {reps}",
            table=table_named(loaded.name),
            reps=shown,
        )
        warnings.append(note)
        frame = frame.assign(rep=frame["rep"].replace(taken))
    return replace(loaded, frame=frame, problems=[*loaded.problems, *problems], warnings=warnings)


def _one_spelling(workspace: Workspace, loaded: Loaded) -> Loaded:
    """The targets name the reps every other table is matched to: one rep written in two
    cases there (ABC, abc) would be two reps, one of them with a target and no sales."""
    spellings: dict[str, list[str]] = {}
    for rep in sorted(loaded.frame["rep"].dropna().astype(str).unique()):
        spellings.setdefault(rep.casefold(), []).append(rep)
    twice = [reps for reps in spellings.values() if len(reps) > 1]
    if not twice:
        return loaded
    placed = loaded if "_row" in loaded.frame else workspace.read(loaded.name) or loaded
    fetched = workspace.fetched.get(loaded.name)
    source = fetched.source.label if fetched is not None and fetched.source else None
    problems = [_two_spellings(placed, reps, source) for reps in twice]
    return replace(loaded, problems=[*loaded.problems, *problems])


def _two_spellings(loaded: Loaded, reps: list[str], source: str | None) -> Problem:
    """The problem naming each spelling with its rows, and their file when the spellings are
    in two; a source's lines have no row to name: the spelling alone."""
    frame = loaded.frame
    lines = frame[frame["rep"].isin(reps)]
    files = lines["_file"].astype(str) if "_file" in lines else pd.Series("", lines.index)
    several = files.nunique() > 1
    shown: list[str] = []
    for rep in reps:
        mine = lines["rep"].eq(rep)
        mine &= files.ne(source) if source else True
        rows = lines.loc[mine, "_row"].drop_duplicates() if "_row" in lines else pd.Series()
        said: str = ""
        if len(rows) and several:
            file = files[mine].iloc[0]
            said = n_(
                " ({file}, row {rows})",
                " ({file}, rows {rows})",
                len(rows),
                file=file,
                rows=_list(rows),
            )
        elif len(rows):  # a row of months is one row, however many targets it holds
            said = n_(" (row {rows})", " (rows {rows})", len(rows), rows=_list(rows))
        shown.append(_("{rep!r}{rows}", rep=rep, rows=said))
    last = lines[lines["rep"] == reps[-1]].iloc[0]
    sheet = last.get("_sheet")
    placed = "_row" in last and (source is None or str(last.get("_file")) != source)
    return Problem.at(
        problem("rep-case-targets", reps=listed(shown)),
        loaded.name,
        str(last.get("_file", ", ".join(loaded.files))),
        str(sheet) if sheet else None,
        int(last["_row"]) if placed else None,
        "rep",
        reps[-1],
    )


def _reps_named(rep: str, by_case: dict[str, list[str]]) -> list[str]:
    """The reps a cell names when it lists several (`李娜,张伟`, `Ann / Bob`), each exactly
    one known rep; [] when any part is no rep (a name with a slash in it)."""
    parts = [p for p in re.split(r"\s*[,，、/;；&＆+]\s*", rep.strip()) if p]
    if len(parts) == 1:  # 张三 李四: names apart, each a rep (Li Na is one, no rep Li)
        parts = rep.split()
    found = [by_case.get(p.casefold(), []) for p in parts]
    return [m[0] for m in found] if len(parts) > 1 and all(len(m) == 1 for m in found) else []


def _two_reps(loaded: Loaded, rep: str, matches: list[str], code: str = "rep-case") -> Problem:
    frame = loaded.frame
    rows = frame[frame["rep"] == rep]
    first = rows.iloc[0]
    sheet = first.get("_sheet")
    shown = ", ".join(repr(m) for m in matches)
    more = _(" (rows {rows})", rows=_list(rows["_row"])) if "_row" in rows else ""
    return Problem.at(
        problem(code, rep=rep, matches=shown, rows=more),
        loaded.name,
        str(first.get("_file", ", ".join(loaded.files))),
        str(sheet) if sheet else None,
        int(first["_row"]) if "_row" in first else None,
        "rep",
        rep,
    )


# --- warnings that change a figure -----------------------------------------------------------


def _empty_notes(loaded: Loaded) -> list[str]:
    """One note per file for each column POLICY lets be empty that is: what the figure does
    without it. Cancelled lines count nowhere and are left out. A frame narrowed to the
    columns a command uses may lack the rows' places: the note then names the files."""
    frame = loaded.frame
    notes: list[str] = []
    counted = frame["status"] != "cancelled" if "status" in frame else True
    files = frame.get("_file")  # None: one label for all the rows, built when used
    for name, (severity, effect) in EMPTY_EFFECTS.get(loaded.name, {}).items():
        if severity != "warning" or name not in frame:
            continue
        empty = frame[name].isna() & counted
        if not empty.any() or empty.all():
            continue  # a column absent from every file is no column: nothing is missing
        if files is None:
            by_file = [(", ".join(loaded.files), frame[empty])]
        else:
            by_file = frame[empty].groupby(files[empty], sort=False)
        for file, rows in by_file:
            said = {"file": file, "column": Named(name), "effect": effect}
            if "_row" in rows:
                said["rows"] = _list(rows["_row"])
                notes.append(
                    n_(
                        "{file}: {column} is empty on {n} row (row {rows}): {effect}",
                        "{file}: {column} is empty on {n} rows (rows {rows}): {effect}",
                        len(rows),
                        **said,
                    )
                )
            else:
                notes.append(
                    n_(
                        "{file}: {column} is empty on {n} row: {effect}",
                        "{file}: {column} is empty on {n} rows: {effect}",
                        len(rows),
                        **said,
                    )
                )
    return notes


def _kept_total_words(loaded: Loaded) -> list[str]:
    kept = [p for p in loaded.problems if p.code == "total-word-kept"]
    by_place: dict[tuple[str, str | None], list[Problem]] = {}
    for total in kept:
        by_place.setdefault((total.file, total.sheet), []).append(total)
    notes: list[str] = []
    for (file, sheet), problems in by_place.items():
        where = _("{file}, sheet {sheet}", file=file, sheet=sheet) if sheet else file
        words = sorted({p.value or "" for p in problems})
        rows = pd.Series([p.row for p in problems])
        notes.append(
            n_(
                "{where}: {n} row holding a total word ({words}) read as a line, since its "
                "amounts are not the sum of the rows above (row {rows})",
                "{where}: {n} rows holding a total word ({words}) read as lines, since their "
                "amounts are not the sum of the rows above (rows {rows})",
                len(problems),
                where=where,
                words=", ".join(words),
                rows=_list(rows),
            )
        )
    return notes


def _list(rows: pd.Series) -> str:
    return row_list([int(r) for r in rows])
