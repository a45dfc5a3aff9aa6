"""What a sale is (POLICY, all chapters), as an export says it: which documents count, which are
returns, refunds on the line, the currency of each line, and whether an amount is the line's.

Each step works on a file's normalised order lines (`normalise.Normalised`) after its values are
parsed, and leaves them in the canonical form the rules read: `status` "cancelled" for a line
that counts nowhere, `document_type` "return" for a line subtracted and never an order (its
amount, volume, cost and profit negative whatever sign the export wrote), amounts net of
refunds, and `currency` as an ISO code (converted to the base currency by the workspace, which
holds the rates table).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from salescli.data import parts as base
from salescli.data.roles import currency_code
from salescli.data.values import as_text, clean_text
from salescli.i18n import _, n_
from salescli.problems import Found, problem

if TYPE_CHECKING:
    from salescli.config import DocumentSettings, StatusSettings
    from salescli.data.parts import Normalised
    from salescli.data.readers import RawSheet

# an order, its delivery and its invoice are one sale: only one of the three may count
STAGES = ("order", "delivery", "invoice")
NOUNS = {"order": _("orders"), "delivery": _("deliveries"), "invoice": _("invoices")}
# the figures of a line that a return takes away
SIGNED = ["amount", "quantity", "cost", "profit", "gross_amount", "net_amount", "original_amount"]
# a line's money, held in whole cents: every sum of them is exact, whatever the rows' order
CENTS = [*(c for c in SIGNED if c != "quantity"), "refund_amount"]


def documents(
    result: Normalised,
    raw: RawSheet,
    settings: DocumentSettings,
    statuses: StatusSettings,
    returned: bool = False,
    negative_quantity: str = "ask",
) -> None:
    """Sort the lines by document type: returns and credit notes (or lines a return flag
    marks, or every line of a sheet or file `[inputs.orders] returns` names: `returned`)
    subtracted and never orders; not_counted documents, and the kinds not chosen when the
    export lists several (orders and the invoices raised from them), out. Without either
    column, an order whose every line is negative is a return."""
    flagged = np.full(len(result.frame), returned, dtype=bool)
    if "return_flag" in result.frame:
        flagged |= _return_flags(result, raw, statuses)
    frame = result.frame
    if "document_type" in frame:
        kinds = _kinds(result, raw, frame["document_type"], settings)
        excluded = kinds == "not_counted"
        present = [k for k in STAGES if (kinds == k).any()]
        chosen = _chosen(result, raw, frame["document_type"], kinds, present, settings)
        excluded |= kinds.isin(STAGES) & ~kinds.isin(chosen)
        returns = (kinds == "returns").to_numpy(bool) | flagged
        _exchanges(result, raw, kinds == "returns")
        _say_documents(result, raw, kinds, excluded, present, chosen)
        # a sale's own document type on a document whose every line is negative (金蝶云星空's
        # red 应收单 keeps 标准应收单): it is a return, not an order
        red = _negative_orders(frame) & ~returns & ~excluded.to_numpy(bool)
        if red.any():
            returns |= red
            _say_negative(result, raw, red)
        if excluded.any():
            status = frame["status"] if "status" in frame else pd.Series("active", frame.index)
            frame["status"] = status.where(~excluded, "cancelled").astype("string")
    elif flagged.any():
        returns = flagged
        result.notes.append(
            n_(
                "{where}: {n} return line subtracted",
                "{where}: {n} return lines subtracted",
                int(returns.sum()),
                where=base.where(raw),
            )
        )
    else:
        returns = _negative_orders(frame)
        if returns.any():
            _say_negative(result, raw, returns)
        returns = returns | _opposite_signs(result, raw, negative_quantity)
    if returns.any() or "document_type" in frame:
        for column in [c for c in SIGNED if c in frame]:
            values = frame[column]
            frame[column] = values.where(~returns, -values.abs())
        frame["document_type"] = pd.Series(
            np.where(returns, "return", "sale"), index=frame.index
        ).astype("string")


def _opposite_signs(result: Normalised, raw: RawSheet, setting: str) -> np.ndarray:
    """Lines that count, with no document type or return flag to say what they are, whose
    quantity is negative and amount positive (金蝶's 退货 written with its goods negative
    and its money positive): counted as written they add the money and take the goods
    away. Asked (a problem) unless `negative_quantity = "return"` says they are returns;
    the returns, as an array."""
    frame = result.frame
    none = np.zeros(len(frame), bool)
    if not {"quantity", "amount"} <= set(frame):
        return none
    opposite = ((frame["quantity"] < 0) & (frame["amount"] > 0)).fillna(False)
    if "status" in frame:
        opposite &= (frame["status"] != "cancelled").fillna(True)
    opposite = opposite.to_numpy(bool)
    if not opposite.any():
        return none
    if setting == "return":
        result.notes.append(
            n_(
                "{where}: {n} line with a negative quantity read as a return, as "
                'negative_quantity = "return" says',
                "{where}: {n} lines with a negative quantity read as returns, as "
                'negative_quantity = "return" says',
                int(opposite.sum()),
                where=base.where(raw),
            )
        )
        return opposite
    rows = frame.loc[opposite, "_row"].astype(int).tolist()
    found = problem("opposite-signs", n=len(rows), rows=base.row_list(rows))
    at = int(np.flatnonzero(opposite)[0])
    result.problems.append(
        base.Problem.at(
            found,
            result.table,
            raw.file,
            raw.sheet,
            rows[0],
            "quantity",
            format(float(frame["quantity"].iloc[at]), "g"),
        )
    )
    return none


def _exchanges(result: Normalised, raw: RawSheet, returns: pd.Series) -> None:
    """A return document with lines of both signs (管家婆's 销售换货单 listed as a return: the
    goods taken back negative, the goods given positive) is an exchange: made all negative,
    its sale would be subtracted. Refused, naming the documents."""
    frame = result.frame
    if "amount" not in frame or "order_id" not in frame or not returns.any():
        return
    amount = frame["amount"].where(returns)
    signs = pd.DataFrame({"plus": amount > 0, "minus": amount < 0, "order": frame["order_id"]})
    both = signs.groupby("order", dropna=True)[["plus", "minus"]].any().all(axis=1)
    if not both.any():
        return
    orders = sorted(str(o) for o in both[both].index)
    words = sorted({str(w) for w in frame.loc[frame["order_id"].isin(orders), "document_type"]})
    found = problem(
        "return-of-both-signs", orders=base.listed(orders[:3]), words=", ".join(words[:3])
    )
    _file_problem(result, raw, found)


def _say_negative(result: Normalised, raw: RawSheet, returns: np.ndarray) -> None:
    result.notes.append(
        n_(
            "{where}: {n} line of orders whose every line is negative read as a return "
            "(subtracted, not counted as an order)",
            "{where}: {n} lines of orders whose every line is negative read as returns "
            "(subtracted, not counted as orders)",
            int(returns.sum()),
            where=base.where(raw),
        )
    )


def _kinds(
    result: Normalised, raw: RawSheet, written: pd.Series, settings: DocumentSettings
) -> pd.Series:
    words = base.words(written)
    kinds = pd.Series(pd.NA, index=written.index, dtype="object")
    for kind in settings.KINDS:
        kinds = kinds.where(~words.isin(base.vocabulary(getattr(settings, kind))), kind)
    unknown = words.notna() & kinds.isna()
    if unknown.any():
        frame = result.frame
        base.report(
            result,
            raw,
            "document_type",
            frame.loc[unknown, "_row"],
            written[unknown],
            problem("unknown-document-type"),
        )
    empty = written.isna()
    if empty.any() and not empty.all():
        frame = result.frame
        base.report(
            result,
            raw,
            "document_type",
            frame.loc[empty, "_row"],
            written[empty],
            problem("empty-document-type"),
        )
    return kinds


def _chosen(
    result: Normalised,
    raw: RawSheet,
    written: pd.Series,
    kinds: pd.Series,
    present: list[str],
    settings: DocumentSettings,
) -> list[str]:
    """The one of orders, deliveries and invoices that counts: the only one present, or the
    one `count` names; several present and no choice is an error naming their words."""

    def listed(kind: str) -> str:
        words = sorted({str(w) for w in written[kinds == kind].dropna()})[:3]
        return _("{noun} ({words})", noun=NOUNS[kind], words=", ".join(words))

    if settings.count != "auto":
        if present and settings.count not in present:
            found = problem(
                "counted-documents-absent",
                count=settings.count,
                noun=NOUNS[settings.count],
                listed=base.listed([listed(k) for k in present]),
            )
            _file_problem(result, raw, found)
        return [settings.count]
    if len(present) > 1:
        found = problem(
            "several-document-kinds",
            listed=base.together([listed(k) for k in present]),
            choices=base.either([f'[documents] count = "{k}"' for k in present]),
        )
        _file_problem(result, raw, found)
    return present


def _say_documents(
    result: Normalised,
    raw: RawSheet,
    kinds: pd.Series,
    excluded: pd.Series,
    present: list[str],
    chosen: list[str],
) -> None:
    frame = result.frame
    returns = kinds == "returns"
    if returns.any():
        amount = frame.loc[returns, "amount"].abs().sum() if "amount" in frame else 0.0
        result.notes.append(
            n_(
                "{where}: {n} return or credit line subtracted ({amount:,.2f}), not counted as "
                "an order",
                "{where}: {n} return or credit lines subtracted ({amount:,.2f}), not counted as "
                "orders",
                int(returns.sum()),
                where=base.where(raw),
                amount=amount,
            )
        )
    if excluded.any():
        skipped = sorted({str(k) for k in kinds[excluded]})
        said = {"where": base.where(raw), "kinds": ", ".join(skipped)}
        note = n_(
            "{where}: {n} line of documents not counted ({kinds})",
            "{where}: {n} lines of documents not counted ({kinds})",
            int(excluded.sum()),
            **said,
        )
        if len(present) > 1:
            note = n_(
                "{where}: {n} line of documents not counted ({kinds}); {counted} counted",
                "{where}: {n} lines of documents not counted ({kinds}); {counted} counted",
                int(excluded.sum()),
                counted=base.listed([NOUNS[k] for k in chosen]),
                **said,
            )
        result.notes.append(note)


def _return_flags(result: Normalised, raw: RawSheet, statuses: StatusSettings) -> np.ndarray:
    """A yes/no return flag (U8's 退货标志): its yes lines are returns; a word that is
    neither yes nor no is an error (it decides a sign)."""
    frame = result.frame
    words = base.words(frame["return_flag"])
    yes = words.isin(base.vocabulary(statuses.flag_yes))
    known = yes | words.isin(base.vocabulary(statuses.flag_no)) | words.isna()
    if not known.all():
        base.report(
            result,
            raw,
            "return_flag",
            frame.loc[~known, "_row"],
            frame.loc[~known, "return_flag"],
            problem("unknown-return-flag"),
        )
    result.frame = frame.drop(columns="return_flag")
    return yes.to_numpy(bool)


def _negative_orders(frame: pd.DataFrame) -> np.ndarray:
    if "amount" not in frame or "order_id" not in frame:
        return np.zeros(len(frame), bool)
    amount = frame["amount"]
    negative = (amount < 0).fillna(False)
    if not negative.any():
        return np.zeros(len(frame), bool)
    every = negative.groupby(frame["order_id"], dropna=False).transform("all")
    return (every & frame["order_id"].notna()).to_numpy(bool)


def _file_problem(
    result: Normalised, raw: RawSheet, found: Found, column: str = "document_type"
) -> None:
    result.problems.append(
        base.Problem.at(found, result.table, raw.file, raw.sheet, None, column, None)
    )


def refunds(result: Normalised, raw: RawSheet, level: str = "auto") -> None:
    """A refund on the line (Taobao's 退款金额) comes off its amount; a line refunded whole is
    no sale, so it is never an order, and its quantity, cost and profit go with it (a
    refund counts in volume negatively: sold 6, refunded 6, none sold). A refund column
    may hold each order's refund repeated on its lines (WooCommerce, Magento, Taobao):
    subtracted per line it is taken once per line, so `refund_level` says which it is;
    "auto" refuses a refund the same on every line of an order whose lines differ in
    amount, or above its line's amount; "order" takes it once, shared over the order's
    lines by their amounts to the cent."""
    frame = result.frame
    if "refund_amount" not in frame or "amount" not in frame:
        return
    refund = frame["refund_amount"].abs().fillna(0)
    if not (refund > 0).any():
        return
    order = frame["order_id"] if "order_id" in frame else pd.Series(frame.index, frame.index)
    if level == "order":
        refund = _order_refunds(result, raw, frame, refund, order)
    elif level == "auto" and _refunds_of_orders(result, raw, frame, refund, order):
        return
    if refund is None:
        return
    gross = frame["amount"]
    # rounded to the cent once, by in_cents or, for a line in another currency, by conversion
    frame["amount"] = gross - refund
    whole = ((refund > 0) & (refund >= gross.abs())).to_numpy(bool)
    if whole.any():
        kind = frame.get("document_type", pd.Series("sale", index=frame.index))
        frame["document_type"] = kind.where(~whole, "return").astype("string")
        for column in [c for c in ("quantity", "cost", "profit") if c in frame]:
            frame[column] = frame[column].mask(whole, 0)
    result.notes.append(
        n_(
            "{where}: refunds subtracted from {n} line ({amount:,.2f}); {whole} refunded whole, "
            "not counted as orders, with no quantity or cost",
            "{where}: refunds subtracted from {n} lines ({amount:,.2f}); {whole} refunded whole, "
            "not counted as orders, with no quantity or cost",
            int((refund > 0).sum()),
            where=base.where(raw),
            amount=float(refund.sum()),
            whole=int(whole.sum()),
        )
    )


def _refunds_of_orders(
    result: Normalised, raw: RawSheet, frame: pd.DataFrame, refund: pd.Series, order: pd.Series
) -> bool:
    """Whether the refund column looks like each order's refund written on its lines (the
    same on every line of an order whose lines differ in amount) or holds a refund above its
    line's amount: a problem, and True."""
    # only lines that count: a Refunded or cancelled order's refund (BigCommerce's, tax and
    # shipping in) decides nothing
    if "status" in frame:
        refund = refund.where((frame["status"] != "cancelled").fillna(True).astype(bool), 0.0)
    over = ((refund > 0) & (refund > frame["amount"].abs() + 0.005)).to_numpy(bool)
    grouped = pd.DataFrame({"order": order, "refund": refund, "amount": frame["amount"]})
    grouped = grouped[order.notna().to_numpy(bool)].groupby("order", sort=False)
    lines = grouped["amount"].transform("size")
    same = grouped["refund"].transform("nunique") == 1
    differ = grouped["amount"].transform("nunique") > 1
    repeated = pd.Series(False, index=frame.index)
    repeated.loc[lines.index] = ((lines > 1) & same & differ).to_numpy(bool)
    repeated &= refund > 0
    asked = over | repeated.to_numpy(bool)
    if not asked.any():
        return False
    at = int(np.flatnonzero(asked)[0])
    first = order.iloc[at]
    rows = frame.loc[(order == first).to_numpy(bool), "_row"].astype(int).tolist()
    found = problem(
        "refund-of-the-order",
        n=int(order[asked].nunique()),
        order=str(first),
        rows=base.row_list(rows),
    )
    value = str(frame["refund_amount"].iloc[at])
    result.problems.append(
        base.Problem.at(
            found, result.table, raw.file, raw.sheet, int(rows[0]), "refund_amount", value
        )
    )
    return True


def _order_refunds(
    result: Normalised, raw: RawSheet, frame: pd.DataFrame, refund: pd.Series, order: pd.Series
) -> pd.Series | None:
    """`refund_level = "order"`: each order's refund (the same on its lines, or on one of
    them) counted once, shared over its lines by their amounts to the cent (the rounding's
    cents on the first line). Two refunds on one order: a problem, and None."""
    written = refund.where(refund > 0)
    by_order = written.groupby(order, dropna=False)
    least, most = by_order.transform("min"), by_order.transform("max")
    two = ((least != most) & least.notna()).to_numpy(bool)
    if two.any():
        at = int(np.flatnonzero(two)[0])
        first = order.iloc[at]
        rows = frame.loc[(order == first).to_numpy(bool), "_row"].astype(int).tolist()
        found = problem("two-refunds-of-an-order", order=str(first), rows=base.row_list(rows))
        result.problems.append(
            base.Problem.at(found, result.table, raw.file, raw.sheet, int(rows[0]), None, None)
        )
        return None
    return _by_line_amounts(most.fillna(0.0), frame["amount"], order)


def _by_line_amounts(total: pd.Series, amount: pd.Series, order: pd.Series) -> pd.Series:
    """An order's `total` (on each of its lines) shared over its lines by their amounts, to
    the cent: the shares add up to the total, the rounding's cents on the order's first line
    (all of it there when the lines' amounts are 0)."""
    size = amount.abs().fillna(0.0)
    whole = size.groupby(order, dropna=False).transform("sum")
    first = ~order.duplicated() | order.isna()
    cut = to_cents(total * (size / whole).where(whole != 0, first.astype(float)))
    rest = to_cents(total - cut.groupby(order, dropna=False).transform("sum"))
    return to_cents(cut + rest.where(first, 0.0))


def currencies(result: Normalised, raw: RawSheet, base_currency: str) -> None:
    """The currency column as ISO codes; a word that is no currency is an error."""
    frame = result.frame
    if "currency" not in frame:
        return
    written = frame["currency"]
    codes = {w: currency_code(str(w)) for w in written.dropna().unique()}
    parsed = written.map(codes).astype("string")
    bad = written.notna() & parsed.isna()
    if bad.any():
        base.report(
            result,
            raw,
            "currency",
            frame.loc[bad, "_row"],
            written[bad],
            problem("bad-currency"),
        )
    empty = written.isna()
    if empty.all():
        result.frame = frame.drop(columns="currency")
        return
    if empty.any():
        base.report(
            result,
            raw,
            "currency",
            frame.loc[empty, "_row"],
            written[empty],
            problem("empty-currency", base=base_currency),
        )
    frame["currency"] = parsed


# the signs an amount cell may carry, by currency
_SIGNS = {"¥": "CNY", "￥": "CNY", "元": "CNY", "rmb": "CNY", "cny": "CNY", "人民币": "CNY"}
_SIGNS.update({"$": "$", "us$": "USD", "usd": "USD", "€": "EUR", "eur": "EUR", "£": "GBP"})
_SIGN_PATTERN = r"(?i)(us\$|hk\$|nt\$|rmb|cny|usd|eur|人民币|[¥￥元$€£])"
MONEY = ("amount", "unit_price", "gross_unit_price", "gross_amount", "net_amount", "cost", "profit")


def currency_signs(result: Normalised, raw: RawSheet) -> None:
    """Money written with signs of several currencies in one column (`¥1,000.00` beside
    `$2,000.00`) cannot be summed: an error naming the values. Run on the text as written."""
    frame = result.frame
    for column in [c for c in MONEY if c in frame]:
        values = frame[column]
        if not (pd.api.types.is_string_dtype(values.dtype) or values.dtype == object):
            continue
        text = clean_text(as_text(values))
        # only the cells with a sign go through Python's regex (1M plain numbers: none do)
        signed = pc.match_substring_regex(pa.array(text, type=pa.large_string()), _SIGN_PATTERN)
        text = text[signed.fill_null(False).to_numpy(zero_copy_only=False)]
        if text.empty:
            continue
        found = text.str.extract(_SIGN_PATTERN, expand=False).str.lower()
        codes = found.map(lambda s: _SIGNS.get(s, s.upper()) if isinstance(s, str) else s)
        kinds = sorted(set(codes.dropna()))
        if len(kinds) < 2:
            continue
        first = codes.dropna().iloc[0]
        other = codes.notna() & (codes != first)
        base.report(
            result,
            raw,
            column,
            frame.loc[other[other].index, "_row"],
            text[other],
            problem("mixed-currency-signs", column=column, signs=", ".join(kinds)),
        )


def order_totals(result: Normalised, raw: RawSheet, level: str) -> None:
    """An amount equal on every line of each order whose lines differ (in quantity or product)
    is the order's total repeated on each line (Xero): summing it counts the order once per
    line. Refused unless `amount_level` says what it is; "order" takes the line amount from
    quantity x unit price."""
    frame = result.frame
    if level == "line" or not {"amount", "order_id"} <= set(frame):
        return
    if level == "order":
        _line_amounts(result, raw)
        return
    repeated = _repeated_totals(frame)
    if repeated is None:
        return
    orders, example = repeated
    rows = frame.loc[frame["order_id"] == example, "_row"].tolist()
    line = next((c for c in ("gross_amount", "net_amount") if c in frame), None)
    found = problem(
        "order-total-on-lines",
        n=int(orders),
        order=example,
        rows=", ".join(map(str, rows[:5])),
        line=_(", or map the line amount column ({column}) as amount", column=line) if line else "",
    )
    result.problems.append(
        base.Problem.at(
            found,
            result.table,
            raw.file,
            raw.sheet,
            int(rows[0]),
            "amount",
            str(frame.loc[frame["order_id"] == example, "amount"].iloc[0]),
        )
    )


def order_discounts(result: Normalised, raw: RawSheet) -> None:
    """`order_discount` (精斗云 整单折扣额): a discount on the whole order, written on one of
    its lines (or the same on each), comes off the order once, shared over its lines by their
    amounts to the cent (the rounding's cents on the first line). Beside a tax-inclusive
    amount it is a discount on that total: the net amounts lose it net of tax (the order's net
    over its gross). A return refunds that much less; a line's profit loses its share."""
    frame = result.frame
    if "order_discount" not in frame or "amount" not in frame:
        return
    written = frame["order_discount"].abs()
    written = written.where(written > 0)
    if written.isna().all():
        return
    order = frame["order_id"] if "order_id" in frame else pd.Series(frame.index, frame.index)
    by_order = written.groupby(order, dropna=False)
    least, most = by_order.transform("min"), by_order.transform("max")
    two = (least != most) & least.notna()
    if two.any():
        _two_discounts(result, raw, frame, order, two)
        return
    discount = most.fillna(0.0)
    if "gross_amount" in frame:
        whole = frame["amount"].abs().fillna(0.0).groupby(order, dropna=False).transform("sum")
        gross = frame["gross_amount"].abs().groupby(order, dropna=False).transform("sum")
        discount = to_cents(discount * (whole / gross).where(gross > 0, 1.0))
    cut = _by_line_amounts(discount, frame["amount"], order)
    signed = cut * np.where(frame["amount"] < 0, -1.0, 1.0)
    frame["amount"] = frame["amount"] - signed
    if "profit" in frame:
        frame["profit"] = frame["profit"] - signed
    result.notes.append(
        n_(
            "{where}: a discount on the whole order taken off {n} order ({amount:,.2f}), "
            "shared over its lines by their amounts",
            "{where}: a discount on the whole order taken off {n} orders ({amount:,.2f}), "
            "shared over their lines by their amounts",
            int(order[written.notna()].nunique()),
            where=base.where(raw),
            amount=float(cut.sum()),
        )
    )


def _two_discounts(
    result: Normalised, raw: RawSheet, frame: pd.DataFrame, order: pd.Series, two: pd.Series
) -> None:
    example = order[two].iloc[0]
    rows = frame.loc[(order == example) & frame["order_discount"].notna(), "_row"].tolist()
    found = problem("order-discount-twice", order=example, rows=", ".join(map(str, rows[:5])))
    header = next(h["header"] for h in result.headers if h["column"] == "order_discount")
    result.problems.append(
        base.Problem.at(
            found,
            result.table,
            raw.file,
            raw.sheet,
            int(rows[0]),
            header,
            str(frame.loc[frame["_row"] == rows[0], "order_discount"].iloc[0]),
        )
    )


def _repeated_totals(frame: pd.DataFrame) -> tuple[int, str] | None:
    """(how many orders, one of them) when every order of several lines that differ holds one
    amount on all of them; None when some such order has different amounts (line amounts)."""
    named = frame["order_id"].notna().to_numpy()

    def lines(column: str) -> pd.Series:  # the lines with an order number, a column at a time
        return frame[column] if named.all() else frame[column][named]

    order, ids = pd.factorize(lines("order_id"))
    several = np.bincount(order, minlength=len(ids)) > 1
    if not several.any():
        return None
    differs = np.zeros(len(ids), bool)
    for column in ("quantity", "product_code", "product_model", "product_name"):
        if column in frame:
            differs |= _varies(order, lines(column), len(ids))
    differs &= several
    if not differs.any():
        return None
    mine = differs[order]
    same = ~_varies(order, lines("amount"), len(ids))[differs]
    if not same.all():
        return None
    if {"quantity", "unit_price"} <= set(frame):
        kept = {c: lines(c)[mine] for c in ("quantity", "unit_price", "amount")}
        priced = (kept["quantity"] * kept["unit_price"] - kept["amount"]).abs() <= 0.01
        if priced.all():
            return None  # each line's amount is its quantity x price: equal by chance
    return int(differs.sum()), str(min(ids[differs]))


def _varies(order: np.ndarray, values: pd.Series, orders: int) -> np.ndarray:
    """For each order code, whether its lines hold more than one value (an empty cell counts
    as a value of its own): the codes' least and greatest value differ."""
    codes = pd.factorize(values, use_na_sentinel=False)[0]
    least = np.full(orders, np.iinfo(np.int64).max)
    most = np.full(orders, -1)
    np.minimum.at(least, order, codes)
    np.maximum.at(most, order, codes)
    return least != most


def _line_amounts(result: Normalised, raw: RawSheet) -> None:
    """`amount_level = "order"`: the amount column is each order's total. With quantities and
    prices the total is shared over the lines by their quantity x price (so the lines add up to
    the total to the cent); without them the total counts once, on the order's first line."""
    frame = result.frame
    total = frame.groupby("order_id", dropna=False)["amount"].transform("first")
    frame["order_total"] = total
    first = ~frame["order_id"].duplicated() | frame["order_id"].isna()
    if {"quantity", "unit_price"} <= set(frame):
        value = (frame["quantity"] * frame["unit_price"]).fillna(0)
        whole = value.groupby(frame["order_id"], dropna=False).transform("sum")
        share = (value / whole).where(whole != 0, first.astype(float))
        amount = to_cents(total * share)
        # the cents rounding leaves go to the order's first line: lines add up to the total
        rest = to_cents(total - amount.groupby(frame["order_id"], dropna=False).transform("sum"))
        frame["amount"] = to_cents(amount + rest.where(first, 0))
        how = _("shared over its lines by quantity x unit_price")
    else:
        frame["amount"] = total.where(first, 0.0)
        how = _("counted once, on its first line (figures by product or category take it there)")
    result.warnings.append(
        _(
            '{where}: the amount column is each order\'s total (amount_level = "order"): '
            "each total {how}",
            where=base.where(raw),
            how=how,
        )
    )


def to_cents(values: pd.Series) -> pd.Series:
    """Money rounded to the cent, half away from zero as a ledger rounds (四舍五入: 1.005 is
    1.01, -2.675 is -2.68), not to the nearest binary float (where 1.005 is 1.00499…). A value
    written with up to six decimals is rounded as written; empty stays empty."""
    scaled = np.round(values.to_numpy("float64", na_value=np.nan) * 100, 6)
    whole = np.copysign(np.floor(np.abs(scaled) + 0.5), scaled)
    return pd.Series(whole / 100 + 0.0, index=values.index, name=values.name)  # no -0.0


def in_cents(result: Normalised, raw: RawSheet, base_currency: str) -> None:
    """Each line's money in whole cents, as its invoice holds it. An export may write more
    decimals (an amount computed from a price of four decimals, 12.3456): summed as written,
    the regions of a report would not add up to the company's figure to the cent, and the sum
    would depend on the rows' order. Rounded once here, every total is the exact sum of its
    lines and equals the sum of its parts. A line in another currency is rounded once, in the
    base currency, when the workspace converts it (crossref.in_base_currency)."""
    frame = result.frame
    own = np.ones(len(frame), bool)
    if "currency" in frame:
        own = (frame["currency"].isna() | (frame["currency"] == base_currency)).to_numpy(bool)
    moved = np.zeros(len(frame), bool)
    for column in [c for c in CENTS if c in frame]:
        values = frame[column]
        rounded = to_cents(values).where(own, values)
        differs = (rounded - values).abs().to_numpy("float64", na_value=0.0) > 1e-9
        if differs.any():
            moved |= differs
            frame[column] = rounded
    changed = int(moved.sum())
    if changed:
        result.notes.append(
            n_(
                "{where}: {n} line holds money with more than 2 decimals: rounded half up to "
                "the cent, so every total is the sum of its lines",
                "{where}: {n} lines hold money with more than 2 decimals: rounded half up to "
                "the cent, so every total is the sum of its lines",
                changed,
                where=base.where(raw),
            )
        )
