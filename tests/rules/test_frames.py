"""The shared vectorised helpers agree with pandas."""

from __future__ import annotations

import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from salescli.rules.frames import isin, sets_by

IDS = st.lists(st.one_of(st.none(), st.sampled_from(["C1", "C2", "客户3", "", " C1"])))


@given(IDS, IDS)
def test_isin_agrees_with_pandas_for_arrow_and_object_columns(left: list, right: list) -> None:
    for dtype in ("str", object):
        values, wanted = pd.Series(left, dtype=dtype), pd.Series(right, dtype=dtype)
        expected = values.isin(wanted.dropna()).to_numpy(bool) & values.notna().to_numpy()
        assert isin(values, wanted).tolist() == expected.tolist()
        assert isin(pd.Index(values), wanted).tolist() == expected.tolist()


def test_isin_is_arrow_backed_for_text_columns() -> None:
    values = pd.Series(["C1", "C2", None], dtype="str")
    assert isin(values, pd.Series(["C2"], dtype="str")).tolist() == [False, True, False]


def test_sets_by_gathers_each_keys_values() -> None:
    keys = pd.Series(["C1", "C2", "C1", "C1"], dtype="str")
    values = pd.Series([1, 2, 1, 3])
    assert sets_by(keys, values) == {"C1": {1, 3}, "C2": {2}}
