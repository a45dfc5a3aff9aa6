"""salescli's own names inside messages: a canonical column by its label, lists joined the way
each language lists things, and data kept as it is (#25)."""

from __future__ import annotations

import pickle

from salescli.i18n import _, render
from salescli.rules.words import ColumnName, Listed, columns, either


def test_a_column_named_in_a_sentence_is_its_name_in_english_and_its_label_in_chinese():
    assert str(ColumnName("rep")) == "rep"
    assert render(ColumnName("rep"), "en") == "rep"
    assert render(ColumnName("rep"), "zh") == "销售代表"


def test_lists_join_the_way_each_language_lists_things_and_keep_data_as_it_is():
    said = columns(["region", "rep"])
    assert str(said) == "region, rep"
    assert render(said, "zh") == "区域、销售代表"
    names = Listed(["open", "score"])  # data: names of reps, never translated
    assert render(names, "zh") == "open、score"
    both = Listed([_("equal months"), "history"], "; ")
    assert str(both) == "equal months; history"
    assert render(both, "zh") == "各月平均；history"


def test_alternatives_name_each_column_by_its_label():
    assert str(either(["rep", "region"])) == "rep or region"
    assert render(either(["rep", "region"]), "zh") == "销售代表 或 区域"


def test_the_messages_survive_a_pickle_as_the_cache_and_worker_processes_make():
    for message in (ColumnName("rep"), columns(["region", "rep"]), either(["rep", "region"])):
        again = pickle.loads(pickle.dumps(message))
        assert str(again) == str(message)
        assert render(again, "zh") == render(message, "zh")
