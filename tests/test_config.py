import tomllib
from pathlib import Path

import pytest
from pydantic import BaseModel

from salescli.commands.init import config_template
from salescli.config import Policy, describe, load_config, parse_config
from salescli.errors import ConfigError
from tests.helpers import run


def test_every_setting_has_a_description() -> None:
    settings = describe(Policy)
    assert len(settings) > 50
    assert [key for key, _, text in settings if not text.strip()] == []


def test_every_section_model_is_described() -> None:
    for name, info in Policy.model_fields.items():
        if isinstance(info.annotation, type) and issubclass(info.annotation, BaseModel):
            assert info.description, name


def test_init_template_round_trips_to_the_defaults() -> None:
    parsed = parse_config(tomllib.loads(config_template()))
    assert parsed.policy == Policy()
    assert "# Visit frequency of A customers" in config_template()


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ("[visits]\nmax_per_dya = 3\n", "unknown setting 'visits.max_per_dya'"),
        ("[visits]\nmax_per_day = 0\n", "visits.max_per_day = 0"),
        ('calendar = "lunar"\n', "calendar = 'lunar'"),
        ('[bonus]\ncap = "high"\n', "bonus.cap = 'high'"),
        ('[inputs.ordres]\npath = "x.csv"\n', "unknown table 'inputs.ordres'"),
        ('[inputs.orders]\norder_dat = "日期"\n', "inputs.orders.order_dat"),
        ('timezone = "Mars/Base"\n', "timezone"),
        ("[visits\n", "not valid TOML"),
    ],
)
def test_bad_configuration_names_the_key_and_value(tmp_path: Path, toml: str, message: str) -> None:
    path = tmp_path / "salescli.toml"
    path.write_text(toml, encoding="utf-8")
    with pytest.raises(ConfigError, match=message.replace("(", r"\(").replace(".", r"\.")):
        load_config(path)


def test_bad_configuration_exits_78(tmp_path: Path) -> None:
    (tmp_path / "salescli.toml").write_text("[grades]\nS = -1\n", encoding="utf-8")
    result = run("-w", str(tmp_path), "check")
    assert result.exit_code == 78
    assert "grades.S = -1" in result.stderr and "hint:" in result.stderr


def test_settings_override_defaults(tmp_path: Path) -> None:
    (tmp_path / "salescli.toml").write_text(
        'calendar = "weekdays"\nholidays = [2024-05-06]\n[visits]\nmax_per_day = 5\n'
        "[classify.A]\namount = 5000000\n",
        encoding="utf-8",
    )
    policy = load_config(tmp_path / "salescli.toml").policy
    assert policy.calendar == "weekdays" and policy.visits.max_per_day == 5
    # a partial [classify.A] keeps A's other default (12 orders), not the bare model's 0
    assert policy.classify.A.amount == 5_000_000 and policy.classify.A.frequency == 12
    assert str(policy.holidays[0]) == "2024-05-06"


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ("[grades]\nS = 50\n", "grades.S = 50 is below grades.A = 80"),
        ("[grades]\nC = 75\n", "grades.B = 70 is below grades.C = 75"),
        ("[classify]\nscore_a = 0.4\n", "classify.score_a = 0.4 is below classify.score_b = 0.5"),
        (
            "[classify]\npareto_a = 0.95\n",
            "classify.pareto_b = 0.9 is below classify.pareto_a = 0.95",
        ),
        ("[classify.A]\namount = 5\n", "classify.A.amount = 5 is below classify.B.amount = 200000"),
        (
            "[classify.B]\nfrequency = 20\n",
            "classify.A.frequency = 12 is below classify.B.frequency = 20",
        ),
        ('[visits]\nA = "month"\n', "visits.A = 'month' is less often than visits.B = 'fortnight'"),
        (
            "[scoring]\nweight_amount = 0\nweight_quantity = 0\nweight_profit = 0\n",
            "scoring.weight_amount, scoring.weight_quantity, scoring.weight_profit are all 0",
        ),
        (
            "[scoring]\nweight_performance = 0\nweight_customer = 0\nweight_process = 0\n",
            "scoring.weight_performance, scoring.weight_customer, scoring.weight_process are all 0",
        ),
        (
            "[classify]\nweight_amount = 0\nweight_frequency = 0\n",
            "classify.weight_amount, classify.weight_frequency are all 0",
        ),
        ('[honours]\npromotion_grades = ["S", "X"]\n', "honours.promotion_grades.1 = 'X'"),
    ],
)
def test_contradictory_settings_are_refused_naming_the_keys(
    tmp_path: Path, toml: str, message: str
) -> None:
    path = tmp_path / "salescli.toml"
    path.write_text(toml, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert message in caught.value.message
    assert caught.value.exit_code == 78


def test_contradictory_grades_exit_78_naming_both_keys(tmp_path: Path) -> None:
    (tmp_path / "salescli.toml").write_text("[grades]\nS = 50\n", encoding="utf-8")
    result = run("-w", str(tmp_path), "check")
    assert result.exit_code == 78
    assert "grades.S = 50 is below grades.A = 80" in result.stderr and "hint:" in result.stderr


def test_every_contradiction_is_named_at_once() -> None:
    with pytest.raises(ConfigError) as caught:
        parse_config({"grades": {"S": 50, "B": 85}})
    assert "grades.S = 50 is below grades.A = 80" in caught.value.message
    assert "grades.A = 80 is below grades.B = 85" in caught.value.message


# --- every number setting is finite and within a sane range --------------------------------


def _number_settings() -> list[str]:
    """Every int and float setting of the policy, as its dotted key."""
    return [
        key
        for key, default, _ in describe(Policy)
        if isinstance(default, (int, float)) and not isinstance(default, bool)
    ]


def _nested(key: str, value: object) -> dict:
    *sections, name = key.split(".")
    settings: dict = {name: value}
    for section in reversed(sections):
        settings = {section: settings}
    return settings


def test_the_walk_finds_every_number_setting() -> None:
    keys = _number_settings()
    assert {"bonus.base", "classify.A.amount", "grades.S", "lock_wait_seconds"} <= set(keys)
    assert len(keys) >= 40


@pytest.mark.parametrize("value", [float("inf"), float("-inf"), float("nan"), 1e308])
def test_no_number_setting_takes_an_infinite_or_absurd_value(value: float) -> None:
    """`bonus.base = inf` gave a bonus of inf in CSV and `Infinity` (invalid JSON) in JSON;
    1e308 overflows to inf in the first multiplication."""
    accepted = []
    for key in _number_settings():
        try:
            parse_config(_nested(key, value))
        except ConfigError as error:
            assert error.exit_code == 78
            assert key in str(error), str(error)
        else:
            accepted.append(key)
    assert accepted == []


@pytest.mark.parametrize(
    ("toml", "said"),
    [
        ("[bonus]\nbase = inf\n", "bonus.base = inf: Input should be a finite number"),
        ("[goals]\nattainment = nan\n", "goals.attainment = nan: Input should be a finite number"),
        ("[classify.A]\namount = 1e308\n", "classify.A.amount = 1e+308: Input should be less"),
        ("[honours]\nstars = 1e308\n", "honours.stars = 1e+308"),
        ("lock_wait_seconds = inf\n", "lock_wait_seconds = inf"),
        ("[inputs.orders]\nheader_row = 1e308\n", "inputs.orders.header_row = 1e+308"),
    ],
)
def test_an_infinite_or_absurd_setting_exits_78_naming_the_key(
    tmp_path: Path, toml: str, said: str
) -> None:
    (tmp_path / "salescli.toml").write_text(toml, encoding="utf-8")
    result = run("-w", str(tmp_path), "check")
    assert result.exit_code == 78, result.stderr
    assert said in result.stderr and "hint: " in result.stderr


def test_no_built_in_word_is_listed_twice() -> None:
    """Word lists extend the built-in ones with duplicates dropped: a built-in list that held a
    word twice would read back as another list."""
    from collections import Counter

    from salescli.config import DocumentSettings, StatusSettings
    from salescli.schema import header_key

    for model in (StatusSettings, DocumentSettings):
        for name, field in model.model_fields.items():
            if isinstance(field.default, list):
                counts = Counter(header_key(w) for w in field.default)
                assert [w for w, n in counts.items() if n > 1] == [], (model.__name__, name)
