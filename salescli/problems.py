"""Every kind of problem `salescli check` lists, declared once: its code, severity, message
and hint (in the way of frictionless' error classes).

A problem is made where it is found as `problem("bad-date", column=..., value=...)`: the
kind's code and severity, and its message and hint as ids (salescli.i18n) filled with the
parameters given (a parameter a template does not name is ignored). The code is stable
(`check`'s `code` column, which BI users filter on) and `docs/codes.md` lists every kind,
written from `KINDS` by `scripts/codes_doc.py`.

A severity given at the call overrides the kind's where the same thing weighs differently
(a figure warning is an error with --strict; a cached Excel error in free text only a
warning); a hint given at the call (itself an id) replaces the kind's where the advice
depends on the case.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from salescli import i18n
from salescli.i18n import Msg

SEVERITIES = ("error", "warning")


def _(id: str) -> str:
    """Marks an id for the catalogue (Babel extracts `_("…")`); `problem()` fills it."""
    return id


def n_(singular: str, plural: str) -> tuple[str, str]:
    """Marks a message whose form follows the parameter `n` (Babel extracts `n_("…", "…")`)."""
    return (singular, plural)


@dataclass(frozen=True)
class Kind:
    code: str
    severity: str
    message: str | tuple[str, str]
    hint: str
    meaning: str  # one line for docs/codes.md


@dataclass(frozen=True)
class Found:
    """One problem's code, severity, message and hint, before its place is known."""

    code: str
    severity: str
    problem: Msg
    hint: Msg | str
    params: dict[str, Any]


KINDS: dict[str, Kind] = {}


def kind(code: str, severity: str, message: str | tuple[str, str], hint: str, meaning: str) -> None:
    if code in KINDS:
        raise ValueError(f"problem code {code!r} declared twice")
    if severity not in SEVERITIES:
        raise ValueError(f"problem code {code!r}: severity {severity!r}")
    KINDS[code] = Kind(code, severity, message, hint, meaning)


def problem(
    code: str, /, severity: str | None = None, hint: Msg | None = None, **params: Any
) -> Found:
    """The problem of kind `code` with its parameters (KeyError for a code not declared)."""
    declared = KINDS[code]
    if isinstance(declared.message, tuple):
        singular, plural = declared.message
        message = i18n.n_(singular, plural, params.pop("n"), **params)
        params = dict(message.params)
    else:
        message = i18n._(declared.message, **params)
    if hint is None:
        hint = i18n._(declared.hint, **params) if declared.hint else ""
    return Found(code, severity or declared.severity, message, hint, params)


# --- reading a file: headers and columns ------------------------------------------------------

kind(
    "unknown-column",
    "error",
    _("column {column!r} {why}, and no setting says how to read it"),
    _("{advice}"),
    "a column that could change a figure, which no setting maps or ignores",
)
kind(
    "reps-in-unread-column",
    "error",
    _(
        "column {column!r} holds names of reps ({names}): it {why}, and no setting says how to "
        "read it"
    ),
    _("{advice}"),
    "an unread column whose values are the reps' names: the seller may be there",
)
kind(
    "sheets-named-for-reps",
    "error",
    _("the sheets are named for reps ({names}) and no column names who sold each line"),
    _(
        "if each sheet holds one rep's sales, set rep_from_sheet = true under [inputs.{table}] "
        "in salescli.toml; if not, map the salesperson column"
    ),
    "a workbook with a sheet per rep and no rep column",
)
kind(
    "rep-not-sheet",
    "error",
    _("the line's rep is not its sheet's ({sheet}), and rep_from_sheet is set"),
    _("correct the line, or remove rep_from_sheet to read the rep column"),
    "rep_from_sheet is set and a line names another rep than its sheet",
)

# --- values --------------------------------------------------------------------------------------

kind(
    "bad-number",
    "error",
    _("not a number"),
    _("write it like 1234.50, ¥1,234.50 or 12%"),
    "a number column holds a value that is not a number",
)
kind(
    "bad-date",
    "error",
    _("not a date"),
    _("write it like 2024-05-03, 2024/5/3 or 2024年5月3日"),
    "a date column holds a value that is not a date",
)
kind(
    "class-not-abc",
    "error",
    _("not a class: a customer's class is A, B or C"),
    _(
        "write A, B or C in {header}; or, if it is another grading, add ignore = "
        '["{header}"] under [inputs.customers]: the customers are then classified from the '
        "orders, or by the classes of --classes FILE"
    ),
    "a customer file's class column holds a value that is not A, B or C",
)
kind(
    "bad-period",
    "error",
    _("not a period"),
    _("write it like 2024-05, 2024年5月 or 2024Q2"),
    "a period column holds a value that is not a month, quarter or year",
)
kind(
    "cached-excel-error",
    "error",
    _("a cached Excel error, not a value"),
    _(
        "correct the formula in Excel (or the cells it refers to), save, and export again; "
        "`salescli check` lists every such cell"
    ),
    "a cell holds a failed formula's error (#DIV/0!, #N/A); a warning in free text",
)
kind(
    "required-value-empty",
    "error",
    _("required value is empty"),
    _("fill in {label} ({column})"),
    "a required column is empty on a line that counts",
)
kind(
    "empty-amount",
    "error",
    _("empty: {effect}"),
    _("fill in {label} ({column})"),
    "a line's amount is empty: the line's amount is unknown",
)
kind(
    "empty-value",
    "warning",
    _("empty: {effect}"),
    _("fill in {label} ({column})"),
    "a column the policy lets be empty is empty: the problem says what the figure does",
)
kind(
    "empty-amount-source",
    "error",
    _("empty: the line's amount (quantity x unit price) is unknown"),
    _("fill in {label} ({column})"),
    "the quantity or unit price an amount is computed from is empty",
)
kind(
    "not-above-zero",
    "error",
    _("{column} must be above 0"),
    _(
        "correct it; a rep without a target is left out of the targets table (attainment is "
        "then empty and said so)"
    ),
    "a target or budget of 0 or below (attainment would be infinite or negative)",
)
kind(
    "negative-value",
    "error",
    _("{column} must be 0 or above"),
    _(
        "correct it; a rep without a target is left out of the targets table (attainment is "
        "then empty and said so)"
    ),
    "a negative base bonus",
)
kind(
    "return-with-negative-amount",
    "error",
    _(
        "a return or refund status on a line with a negative amount: a return to subtract, or "
        "a sale that was returned?"
    ),
    _(
        "if the column holds document types (returns are documents of their own), map it as "
        'one: document_type = "<its header>" under [inputs.orders]; if the lines are sales '
        "that were returned, export their amounts as they were sold"
    ),
    "a line whose status says returned and whose amount is negative",
)
kind(
    "cancel-flag-takes-all",
    "error",
    _("the cancel flag's words take every line out: every value is a yes word"),
    _(
        "say which of its words mean the line counts: [statuses] flag_no = [...] in "
        "salescli.toml (a word listed there leaves flag_yes)"
    ),
    "a cancel flag that would take every line out (read the wrong way round)",
)
kind(
    "return-of-both-signs",
    "error",
    _(
        "return documents {orders} ({words}) hold lines of both signs: an exchange (换货) takes "
        "goods back and gives others, and as a return its sale would be subtracted"
    ),
    _(
        "list its word under [documents] sale instead of returns: its lines are then read with "
        "their own signs (the goods taken back negative)"
    ),
    "a return document with positive and negative lines (an exchange)",
)
kind(
    "cancel-flag-unread",
    "error",
    _("no value of the cancel flag is a yes or a no word: it would take no line out"),
    _(
        "say which of its words take a line out and which count: [statuses] flag_yes = [...] "
        "and flag_no = [...] in salescli.toml"
    ),
    "a cancel flag none of whose values is a yes or no word (every line would count)",
)
kind(
    "cancel-flag-letters",
    "error",
    _(
        "the cancel flag holds Y beside other one-letter yes words ({letters}): letters that "
        "are a system's status codes (鼎捷's 状态码: Y confirmed, N unconfirmed, X void), not yes "
        "and no"
    ),
    _(
        "say which letters take a line out and which count: [statuses] flag_yes = [...] and "
        "flag_no = [...] in salescli.toml (a letter listed in one leaves the other)"
    ),
    "a cancel flag of status letters, Y among them, that would read Y (confirmed) as void",
)
kind(
    "opposite-signs",
    "error",
    n_(
        "a negative quantity beside a positive amount, and nothing says whether the line is a "
        "return (row {rows})",
        "{n} lines have a negative quantity beside a positive amount, and nothing says whether "
        "they are returns (rows {rows})",
    ),
    _(
        "map the export's document type or return flag column; if these lines are returns, "
        '[inputs.orders] negative_quantity = "return" subtracts them; else correct the export'
    ),
    "a line with a negative quantity and a positive amount, not said to be a return",
)
kind(
    "refund-of-the-order",
    "error",
    n_(
        "the refund column looks like each order's refund written on its lines: the same on "
        "every line of an order whose lines differ in amount, or above its line's amount "
        "({n} order; order {order}, rows {rows})",
        "the refund column looks like each order's refund written on its lines: the same on "
        "every line of an order whose lines differ in amount, or above its line's amount "
        "({n} orders; order {order}, rows {rows})",
    ),
    _(
        'say which it is: [inputs.orders] refund_level = "order" (each order\'s refund, taken '
        'once and shared over its lines by their amounts) or refund_level = "line" (each line\'s '
        "own refund) in salescli.toml"
    ),
    "a refund column whose values look like the order's refund repeated on its lines",
)
kind(
    "two-refunds-of-an-order",
    "error",
    _("two different refunds on the lines of order {order} (rows {rows}), read as the order's"),
    _(
        'a refund on each line is the line\'s own: [inputs.orders] refund_level = "line"; or '
        "correct the export"
    ),
    'an order with two refunds where refund_level = "order" reads one per order',
)
kind(
    "closed-status",
    "error",
    _(
        "关闭 (closed) means finished in some systems and cancelled in others: 金蝶 K/3 closes "
        "an order line by itself once every unit is delivered (业务关闭), 抖店 when the buyer "
        "cancels (已关闭)"
    ),
    _(
        'say what it means in your system: [statuses] closed = "sale" (closed when finished) or '
        'closed = "not_sale" (closed = cancelled) in salescli.toml'
    ),
    "a closed status or close column, not said by [statuses] closed to be a sale or not",
)
kind(
    "ambiguous-status",
    "error",
    _(
        "a status word that systems use for opposite things: 开立 is a document saved but not "
        "yet approved in 用友 (no sale yet), and an invoice issued in Taiwan (開立, a sale)"
    ),
    _(
        "say what it is in your system: add it to [statuses] not_counted (a draft) or counted "
        "(issued) in salescli.toml"
    ),
    "a status word that means a draft in one system and a sale in another, not listed in "
    "[statuses]",
)
kind(
    "status-code",
    "error",
    _(
        "a status written as a one-letter code, which says nothing salescli can read (MYOB's "
        "Sale Status: O an order, Q a quote, I or any other letter an invoice)"
    ),
    _(
        "say what each code is in your system: add it to [statuses] counted (a sale) or "
        "not_counted (a quote, an order not yet invoiced) in salescli.toml"
    ),
    "a status of one letter, not listed in [statuses]: neither counted nor left out on a guess",
)
kind(
    "unknown-status",
    "warning",
    _("status not in the vocabulary: counted as a sale"),
    _("add it to [statuses] counted or not_counted in salescli.toml"),
    "a status word outside [statuses]: the line is counted",
)
kind(
    "unknown-cancel-flag",
    "warning",
    _("status value not in the vocabulary: not taken as a cancel flag"),
    _("add it to [statuses] flag_yes or flag_no in salescli.toml"),
    "a cancel flag word that is neither a yes nor a no word: the line counts",
)
kind(
    "unknown-outcome",
    "error",
    _(
        "an opportunity's outcome or stage in none of [statuses] won, lost, open and voided: "
        "not taken as open on a guess"
    ),
    _(
        "say what it is: add it to [statuses] open, won, lost or voided in salescli.toml "
        '(e.g. [statuses] open = ["<the word>"]; voided: neither open nor in the conversion rate)'
    ),
    "an opportunity outcome or stage outside [statuses] won, lost, open and voided",
)

# --- total rows ----------------------------------------------------------------------------------

kind(
    "total-word-kept",
    "warning",
    _("holds a total word, but its amounts are not the sum of the rows above: read as a line"),
    _(
        "nothing to do if it is a line (a customer or product named Total); if it is a total "
        "row, delete it or correct its amounts"
    ),
    "a row with a total word that is read as a line",
)
kind(
    "total-or-line",
    "error",
    _(
        "holds a total word and every column of a line, and its amounts are the sum of "
        "{span}: a total row or a line?"
    ),
    _(
        "delete the row if it is a total; if it is a line (a customer named TOTAL), move it so "
        "that it does not follow rows that add up to it"
    ),
    "a row that could be a line or the total of the rows above it",
)
kind(
    "total-row-mismatch",
    "error",
    _(
        "holds a total word but is not a line, and its amounts are not the sum of the rows it "
        "closes ({sums})"
    ),
    _(
        "correct the total or delete the row: a total row is dropped only when its amounts "
        "add up to the rows above it"
    ),
    "a total row whose amounts are not the sum of the rows it closes",
)

# --- documents, currencies, order totals ---------------------------------------------------------

kind(
    "unknown-document-type",
    "error",
    _(
        "document type not in the vocabulary: not known whether the line is a sale, an "
        "invoice, a return or no sale"
    ),
    _(
        "add the word to [documents] sale, order, delivery, invoice, returns or not_counted "
        "in salescli.toml"
    ),
    "a document type outside [documents]",
)
kind(
    "empty-document-type",
    "error",
    _("document type is empty: not known whether the line is a sale or a return"),
    _("fill in the document type of these lines"),
    "an empty document type where other lines have one",
)
kind(
    "counted-documents-absent",
    "error",
    _('[documents] count = "{count}", but the export lists no {noun} (it lists {listed})'),
    _("choose a kind the export lists, or export the documents you count"),
    "[documents] count names a kind of document the export does not list",
)
kind(
    "several-document-kinds",
    "error",
    _(
        "the export lists {listed}: an order, its delivery and its invoice are one sale, and "
        "counting two of them counts it twice"
    ),
    _("{choices} in salescli.toml says which to count (sales and returns count either way)"),
    "orders, deliveries and invoices in one export, and no setting says which counts",
)
kind(
    "unknown-return-flag",
    "error",
    _("return flag is neither a yes nor a no word"),
    _("add the word to [statuses] flag_yes or flag_no in salescli.toml"),
    "a return flag word outside [statuses] flag_yes and flag_no",
)
kind(
    "bad-currency",
    "error",
    _("not a currency"),
    _("write an ISO code such as CNY, USD or EUR"),
    "a currency cell that is no currency",
)
kind(
    "empty-currency",
    "error",
    _("currency is empty: not known what the amount is in"),
    _("fill in the line's currency ({base} for the base currency)"),
    "an empty currency where other lines have one",
)
kind(
    "mixed-currency-signs",
    "error",
    _("{column} is written in several currencies ({signs}): they cannot be summed"),
    _(
        "give each line's currency in a currency column (converted with a rates table) and "
        "write the amounts without signs, or export the lines of one currency"
    ),
    "money written with the signs of several currencies in one column",
)
kind(
    "no-rates-table",
    "error",
    _("order lines in {listed}: no rates table to convert them to {base}"),
    _(
        "add rates.csv (columns month, currency, rate: {base} for one unit) to the workspace, "
        "or set [currency] base in salescli.toml if the figures are in another currency"
    ),
    "lines in a foreign currency and no rates table",
)
kind(
    "missing-rate",
    "error",
    n_(
        "no rate in the rates table for {pairs} ({n} order line)",
        "no rate in the rates table for {pairs} ({n} order lines)",
    ),
    _("add a row for each (month, currency, rate: {base} for one unit) to the rates table"),
    "a foreign currency and month the rates table has no rate for",
)
kind(
    "order-discount-twice",
    "error",
    _(
        "the discount on the whole order differs between the lines of order {order} (rows "
        "{rows}): one order has one such discount"
    ),
    _(
        "if each line holds a discount of its own, the lines' amounts may already take it off: "
        "remove order_discount and add the column to ignore = [...] under [inputs.orders]; "
        "else correct the export"
    ),
    "two different order_discount values on the lines of one order",
)
kind(
    "order-total-on-lines",
    "error",
    n_(
        "the amount is the same on every line of {n} order whose lines differ (e.g. order "
        "{order}, rows {rows}): it looks like the order's total repeated on each line, which "
        "would be counted once per line",
        "the amount is the same on every line of {n} orders whose lines differ (e.g. order "
        "{order}, rows {rows}): it looks like the order's total repeated on each line, which "
        "would be counted once per line",
    ),
    _(
        'if it is the order\'s total, set amount_level = "order" under [inputs.orders] (the '
        "line amount is then quantity x unit price){line}; if each line's amount only happens "
        'to be equal, set amount_level = "line"'
    ),
    "the same amount on every line of orders whose lines differ: the order's total",
)

# --- across files and tables ---------------------------------------------------------------------

kind(
    "customer-ids-mismatch",
    "error",
    _(
        "the orders' customer ids are not the customer file's ids ({file} is keyed by other "
        "values) but its column {column!r}: the customers would not be joined to their sales"
    ),
    _('map it: [inputs.customers] customer_id = "{column}" in salescli.toml'),
    "the orders name customers by another column of the customer file than its id",
)
kind(
    "visited-customer-ids-mismatch",
    "error",
    _(
        "the {table}' customer ids are not the customer file's ids ({file} is keyed by other "
        "values) but its column {column!r}: they would count for no customer"
    ),
    _('map it: [inputs.customers] customer_id = "{column}" in salescli.toml'),
    "visits or opportunities name customers by another column of the customer file than its id",
)
kind(
    "rep-case",
    "error",
    _("rep {rep!r} is {matches} of the targets or customer file, case aside{rows}"),
    _("write the rep exactly as the targets name the one meant"),
    "a rep written as two reps of the targets or customer file, case aside",
)
kind(
    "rep-case-targets",
    "error",
    _("the targets write one rep in two cases: {reps}"),
    _(
        "write the rep one way in the targets, as the orders name it: two spellings are two "
        "reps, each with its own target"
    ),
    "one rep written in two cases in the targets (ABC, abc): two reps, each with a target",
)
kind(
    "rep-several",
    "error",
    _("rep {rep!r} names several reps of the targets or customer file: {matches}{rows}"),
    _(
        "write the one rep its figures count for (a customer's owner, a line's seller); "
        "the others are no owner of it"
    ),
    "a rep cell naming two or more reps (李娜,张伟): whose figures they are is not said",
)
kind(
    "duplicate-conflict",
    "error",
    _("{noun} {key} is listed twice with different values, rows {rows} ({shown})"),
    _(
        "keep the right row and delete the other: salescli does not choose a {noun} by its "
        "place in the file"
    ),
    "one key on two rows of a file with different values",
)
kind(
    "line-number-twice",
    "error",
    n_(
        "order {key}: line {line} is written {n} time with different values{rows} ({shown})",
        "order {key}: line {line} is written {n} times with different values{rows} ({shown})",
    ),
    _(
        "keep the right row and delete the others: one line number names one line; if the "
        "rows are lines of their own (one line delivered in parts), {header} numbers no "
        'line: [inputs.orders] ignore = ["{header}"] in salescli.toml counts each of them'
    ),
    "one line number of one order on rows of a file (or source) with different values",
)
kind(
    "line-number-copy",
    "warning",
    n_(
        "order {key}: line {line} is written {n} time, the same each time: read once{rows}",
        "order {key}: line {line} is written {n} times, the same each time: read once{rows}",
    ),
    _(
        "delete the copies from the export; if they are lines of their own, {header} numbers "
        'no line: [inputs.orders] ignore = ["{header}"] in salescli.toml counts each of them'
    ),
    "one line of an order written twice, identical (its line number says so): read once",
)
kind(
    "line-number-more",
    "warning",
    n_(
        "and {n:,} more order line written more than once with one line number",
        "and {n:,} more order lines written more than once with one line number",
    ),
    _("see the lines listed before this one: the same holds for these"),
    "the count of numbered lines written twice beyond the first thousand listed",
)
kind(
    "duplicate-copy",
    "warning",
    _("listed twice, differing only in {columns}: the first row is read (rows {rows})"),
    _("delete the copy from the export"),
    "one key on two rows differing only in columns no figure reads: the first is read",
)
kind(
    "duplicate-identical",
    "warning",
    _("listed twice, the same both times: read once (rows {rows})"),
    _("delete the copy from the export"),
    "one row listed twice, identical: read once",
)
kind(
    "overlap-identical",
    "error",
    _(
        "{n:,} {noun} are also in {first} (identical, counted twice): rows {rows} here, "
        "rows {there} there"
    ),
    _(
        "remove the overlap from one export, or set [inputs.{table}] "
        'overlap = "keep-first" to drop the later copies'
    ),
    "lines of one export repeated in another: counted twice",
)
kind(
    "overlap-conflict",
    "error",
    _(
        "{n:,} {noun} have the key of a line in {first} but other values (first: {keys} "
        "{key}, row {row} here, row {there} there; rows {rows} here)"
    ),
    _(
        "keep the right version in one export, or set [inputs.{table}] "
        'overlap = "keep-last" when later files are corrected re-exports'
    ),
    "a line's key in two exports with different values",
)
kind(
    "overlap-source",
    "error",
    n_(
        "{n:,} of the {noun} is also in the source {first} (identical, counted twice): row "
        "{rows} here; the first: {keys} {key}",
        "{n:,} {noun} are also in the source {first} (identical, counted twice): rows {rows} "
        "here; the first: {keys} {key}",
    ),
    _(
        "remove them from the file (the source holds them), or set [inputs.{table}] "
        'overlap = "keep-first" to read the source\'s copy once'
    ),
    "lines of a file beside a source that the source holds too: counted twice",
)
kind(
    "overlap-source-conflict",
    "error",
    n_(
        "{n:,} of the {noun} has the key of a line in the source {first} but other values "
        "(first: {keys} {key}, row {row} here)",
        "{n:,} {noun} have the key of a line in the source {first} but other values (first: "
        "{keys} {key}, row {row} here; rows {rows} here)",
    ),
    _(
        'correct the file or the source, or set [inputs.{table}] overlap = "keep-last" when '
        "the file's lines correct the source's"
    ),
    "a line's key in a file beside a source and in the source, with different values",
)
kind(
    "repeated-line",
    "warning",
    _("{n:,} {noun} repeat an identical line of the same file (rows {rows}): both are counted"),
    _("fine when the order really has two equal lines; otherwise remove the copy"),
    "an identical line twice in one file: both are counted",
)

# --- records (policy 2.2, 4.2) ---------------------------------------------------------------

kind(
    "record-column-missing",
    "error",
    _("column missing from the file"),
    _("add a {label} column to the export"),
    "a column a customer record must hold is not in the file (an order's: a warning)",
)
kind(
    "record-field-empty",
    "error",
    _("required record field is empty"),
    _("fill in {label}"),
    "a field a customer or order record must hold is empty",
)
kind(
    "bad-phone",
    "error",
    _("not a phone number"),
    _("a mobile (13800138000) or a landline with area code (021-12345678)"),
    "a phone column holds something that is not a phone number",
)
kind(
    "no-purchase-history",
    "warning",
    _("no purchase history in the orders"),
    _("a new customer, or orders exported under another customer id"),
    "a customer with no order at all",
)
kind(
    "unowned-sale",
    "warning",
    _("no rep, and the customer has no owner: counted as (unassigned)"),
    _("fill in the line's rep, or the customer's rep in the customer file"),
    "an order line with no rep whose customer has no owner",
)
kind(
    "duplicate-id",
    "error",
    _("{column} appears on more than one row"),
    _("each row must have its own number; remove the duplicate or fix the number"),
    "an id (feedback, order change) on more than one row",
)

# --- duties: feedback (2.2.4), order changes (4.2.5) -------------------------------------------

kind(
    "resolved-before-received",
    "error",
    _("resolved before it was received"),
    _("check resolved_on (解决日期) and received_on (反馈日期): days to resolve would be negative"),
    "feedback resolved before it was received",
)
kind(
    "returned-not-resolved",
    "warning",
    _("passed back to the rep but not resolved"),
    _("fill in resolved_on (解决日期); until then it counts as open"),
    "feedback passed back to the rep without a resolution date",
)
kind(
    "returned-before-resolved",
    "warning",
    _("passed back to the rep before it was resolved"),
    _("check returned_to_rep_on (回复销售日期) and resolved_on (解决日期)"),
    "feedback passed back to the rep before its resolution date",
)
kind(
    "no-handler",
    "warning",
    _("no handler: customer service has not taken it"),
    _("fill in handler (处理人); it is counted under (no handler)"),
    "feedback nobody in customer service has taken",
)
kind(
    "feedback-without-rep",
    "warning",
    _("no rep, and the customer has no owner: counted under (no rep)"),
    _("fill in the rep (销售代表), or add the customer to the customer file"),
    "feedback with no rep whose customer has no owner",
)
kind(
    "not-a-decision",
    "error",
    _("not a decision"),
    _("write approved/通过, rejected/驳回, or leave it empty while pending"),
    "an order change's decision that is not approved, rejected or empty",
)
kind(
    "decision-without-date",
    "error",
    _("a decision without its date"),
    _("fill in decided_on (审批日期): the period of the decision depends on it"),
    "an order change decided without a decision date",
)
kind(
    "decided-before-requested",
    "error",
    _("decided before it was requested"),
    _("check decided_on (审批日期) and requested_on (申请日期)"),
    "an order change decided before it was requested",
)
kind(
    "date-without-decision",
    "warning",
    _("a decision date without a decision: counted as pending"),
    _("fill in decision (审批结果)"),
    "an order change with a decision date and no decision",
)
kind(
    "unknown-change-type",
    "warning",
    _("not a known change type: reported as written"),
    _("quantity/数量, delivery_date/交期, price/价格, product/产品 or cancel/取消"),
    "an order change type salescli does not know",
)
kind(
    "change-of-unknown-order",
    "warning",
    _("a change on an order that is not in the orders export"),
    _("export the order too, or check the order number"),
    "an order change whose order is not in the orders",
)

# --- what check adds -------------------------------------------------------------------------

kind(
    "figure-warning",
    "warning",
    _("{warning}"),
    _("settle it in the export or salescli.toml; --strict stops on it"),
    "what changed or emptied a figure while a table was read (an error with --strict)",
)
kind(
    "unreadable-table",
    "error",
    _("{error}"),
    _("{advice}"),
    "a table that cannot be read at all (the message says why)",
)
