"""`map`: what salescli does with every header of an export, before a bonus is paid from it.

Each header gets its role (used, aside, harmless, ignored, unknown, or a concern that stops the
run), sample values, and, where it decides a figure, what it does to the figures ("单据类型: 81
return lines, -2,760,297.32"). `write_settings` writes the reading into salescli.toml: each used
column mapped by its header, the unknown ones ignored, so that a later export that differs is
refused instead of read another way.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from salescli.api.base import Result, computing
from salescli.errors import BadDataError, ConfigError, MissingInputError
from salescli.i18n import Msg, _, n_
from salescli.rules.words import Listed

if TYPE_CHECKING:
    import pandas as pd

    from salescli.data.workspace import Loaded, Workspace

COLUMNS = ["file", "sheet", "header", "column", "role", "how", "samples", "effect"]


@dataclass(repr=False)
class MapResult(Result):
    """A map's `Result`: `concerns` counts the columns that stop a run until settled;
    `refused` is the error of a header row found without a column the table needs (the
    headers are shown all the same: they say which one it is)."""

    table_name: str = "orders"
    refused: BadDataError | None = None

    @property
    def concerns(self) -> int:
        return int((self["columns"]["role"] == "concern").sum())


def map_columns(
    workspace: Workspace, *, table: str = "orders", file: Path | str | None = None
) -> MapResult:
    """Every header of the table's exports (or of `file`, read as the table) with its role,
    samples and effect on the figures, and the problems found reading them."""
    import pandas as pd

    from salescli.output import Output, Table
    from salescli.rules.records import PROBLEM_COLUMNS, problem_frame

    with computing(workspace) as warnings:
        refused = None
        try:
            loaded = _loaded(workspace, table, file)
            frame, lines, found = loaded.frame, loaded.headers, loaded.problems
        except BadDataError as exc:
            if exc.headers is None:
                raise
            refused, frame, lines, found = exc, pd.DataFrame(), exc.headers, []
        effects = _effects(table, frame)
        # what the other tables say stops a run on an unread column (its values are the
        # reps' names: the seller may be there), as `check` and every command say it
        stopping = {
            (p.file, p.sheet or "", p.column): p.params.get("why", "")
            for p in found
            if p.code == "reps-in-unread-column" and p.column
        }
        rows = [_row(line, effects, stopping) for line in lines]
        columns = pd.DataFrame(rows, columns=COLUMNS)
        # map shows the problems as it did before they had codes: check is where BI filters
        problems = problem_frame([vars(p) for p in found])
        problems = problems[[c for c in PROBLEM_COLUMNS if c != "code"]]
        concerns = int((columns["role"] == "concern").sum())
        summary = n_(
            "{n} header: {used} used, {concerns} to settle before a run",
            "{n} headers: {used} used, {concerns} to settle before a run",
            len(columns),
            used=int((columns["role"] == "used").sum()),
            concerns=concerns,
        )
        tables = [
            Table(
                "columns",
                columns,
                _("How each header of the {table} is read", table=table),
                kinds={"file": "id", "sheet": "id", "header": "id", "samples": "id"},
            ),
            Table("problems", problems, _("Problems in the exports"), aside=True),
        ]
        out = Output(_("salescli map"), tables, notes=[summary], command="map")
    return MapResult(out, warnings, table_name=table, refused=refused)


def _loaded(workspace: Workspace, table: str, file: Path | str | None) -> Loaded:
    if file is not None:
        if not Path(file).is_file():
            raise MissingInputError(_("no file {file}", file=str(file)), hint=_("check the path"))
        return workspace.read_path(file, table)
    loaded = workspace.read(table)
    if loaded is None:
        raise MissingInputError(
            _("the {table} table is missing", table=table),
            hint=_(
                "looked for {where}; or pass the export: salescli map FILE --table {table}",
                where=workspace.where_looked(table),
                table=table,
            ),
        )
    return loaded


def _role(line: dict) -> str:
    how = line.get("how", "")
    if line.get("column"):
        return "used"
    if how.startswith("ignored"):
        return "ignored"
    if how.startswith("unused"):
        return "aside"
    if how.startswith("harmless"):
        return "harmless"
    if how.startswith("unknown:"):
        return "concern"
    return "unknown"


def _row(
    line: dict, effects: dict[str, str], stopping: dict[tuple[str, str, str], str] | None = None
) -> dict:
    column = line.get("column", "")
    effect: str = Listed((effects[c] for c in column.split(", ") if c in effects), "; ")
    role = _role(line)
    place = (str(line.get("file", "")), str(line.get("sheet") or ""), line.get("header", ""))
    if role == "concern":
        how = line.get("how", "")
        why = how.params["why"] if isinstance(how, Msg) else how.removeprefix("unknown: ")
        effect = _("stops the run: {why}", why=why)
    elif stopping and place in stopping:  # the reps' names in an unread column
        role, effect = "concern", _("stops the run: {why}", why=stopping[place])
    return {
        "file": line.get("file", ""),
        "sheet": line.get("sheet", ""),
        "header": line.get("header", ""),
        "column": column,
        "role": role,
        "how": line.get("how", ""),
        "samples": line.get("samples", ""),
        "effect": effect,
    }


def _effects(table: str, frame: pd.DataFrame) -> dict[str, str]:
    """What each column of the read table does to the figures, in a few words (messages,
    but for the dates)."""
    out: dict[str, str] = {}
    lines = len(frame)
    if "amount" in frame:
        out["amount"] = n_(
            "{amount:,.2f} over {n} line",
            "{amount:,.2f} over {n} lines",
            lines,
            amount=float(frame["amount"].sum()),
        )
    if "order_id" in frame:
        out["order_id"] = n_("{n} order", "{n} orders", int(frame["order_id"].nunique()))
    if "customer_id" in frame:
        out["customer_id"] = n_(
            "{n} customer", "{n} customers", int(frame["customer_id"].nunique())
        )
    if "order_date" in frame and frame["order_date"].notna().any():
        first, last = frame["order_date"].min(), frame["order_date"].max()
        out["order_date"] = f"{first:%Y-%m-%d}..{last:%Y-%m-%d}"
    if "rep" in frame:
        empty = int(frame["rep"].isna().sum())
        out["rep"] = n_("{n} rep", "{n} reps", int(frame["rep"].nunique()))
        if empty:
            out["rep"] = Listed(
                [
                    out["rep"],
                    n_(
                        "{n} line without one counts for its customer's owner",
                        "{n} lines without one count for their customer's owner",
                        empty,
                    ),
                ],
                "; ",
            )
    if "status" in frame and "amount" in frame:
        out_ = frame["status"] == "cancelled"
        out["status"] = n_(
            "{n} line not counted ({amount:,.2f})",
            "{n} lines not counted ({amount:,.2f})",
            int(out_.sum()),
            amount=float(frame.loc[out_, "amount"].sum()),
        )
    if "document_type" in frame and "amount" in frame:
        returns = frame["document_type"] == "return"
        out["document_type"] = n_(
            "{n} return line, {amount:,.2f}",
            "{n} return lines, {amount:,.2f}",
            int(returns.sum()),
            amount=float(frame.loc[returns, "amount"].sum()),
        )
    if "currency" in frame and "amount" in frame:
        sums = frame.groupby("currency")["amount"].agg(["size", "sum"])
        out["currency"] = Listed(
            n_(
                "{currency}: {n} line, {amount:,.2f}",
                "{currency}: {n} lines, {amount:,.2f}",
                int(r["size"]),
                currency=str(c),
                amount=float(r["sum"]),
            )
            for c, r in sums.iterrows()
        )
    if "refund_amount" in frame:
        out["refund_amount"] = _(
            "{amount:,.2f} subtracted", amount=float(frame["refund_amount"].abs().sum())
        )
    return out


def write_settings(workspace: Workspace, result: MapResult) -> Path:
    """Write the reading into salescli.toml under [inputs.TABLE]: each header used for one
    column mapped to it, each unknown header ignored. Comments and other settings are kept."""
    import tomlkit

    path = workspace.config.source or workspace.root / "salescli.toml"
    try:
        document = tomlkit.parse(path.read_text(encoding="utf-8")) if path.exists() else None
    except (OSError, tomlkit.exceptions.ParseError) as exc:
        raise ConfigError(
            _("cannot update {path}: {error}", path=str(path), error=str(exc)), file=path
        ) from None
    document = document if document is not None else tomlkit.document()
    inputs = document.setdefault("inputs", tomlkit.table(is_super_table=True))
    section = inputs.setdefault(result.table_name, tomlkit.table())
    columns = result["columns"]
    for line in columns[columns["role"] == "used"].itertuples():
        column = str(line.column)
        if column and "," not in column and line.header and column != "status":
            section[column] = str(line.header)
    unknown = sorted(set(columns.loc[columns["role"] == "unknown", "header"]))
    if unknown:
        ignored = list(section.get("ignore", []))
        section["ignore"] = [*ignored, *(h for h in unknown if h not in ignored)]
    from salescli.output.safe import atomic_write

    text = tomlkit.dumps(document)

    def produce(target: Path) -> None:
        target.write_text(text, encoding="utf-8")

    return atomic_write(path, produce, set())
