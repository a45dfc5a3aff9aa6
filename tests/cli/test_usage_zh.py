"""click's own usage errors (#25) are message ids, said in the language asked: a missing value,
an unknown option, a value not among the choices, an extra argument. What the user typed (the
option, the value) is shown verbatim, never translated; the English is click's, unchanged."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from salescli.cli import app

ENGLISH = {"LANG": "C", "LC_ALL": "C", "LC_MESSAGES": ""}


def _error(*args: str, env: dict[str, str] | None = None) -> tuple[int, list[str]]:
    result = CliRunner(env=env).invoke(app, list(args), catch_exceptions=False)
    return result.exit_code, result.stderr.splitlines()


CASES = [
    (
        ["appraise", "--month"],
        "salescli: error: Option '--month' requires an argument.",
        "salescli：错误：选项 '--month' 需要一个值",
        "  建议：请看 `salescli -h`",
    ),
    (
        ["appraise", "--month", "2024-05", "--mnth", "5"],
        "salescli: error: No such option: --mnth (Possible options: --input, --month)",
        "salescli：错误：没有 --mnth 这个选项（可能的选项：--input, --month）",
        "  建议：请看 `salescli appraise -h`",
    ),
    (
        ["appraise", "--month", "2024-05", "--format", "no rep open in"],
        "salescli: error: --format: 'no rep open in' is not one of 'table', 'csv', 'json', "
        "'jsonl', 'parquet', 'xlsx', 'html', 'md'.",
        "salescli：错误：--format：'no rep open in' 不是可选的值之一：'table', 'csv', 'json', "
        "'jsonl', 'parquet', 'xlsx', 'html', 'md'",
        "  建议：请看 `salescli appraise -h`",
    ),
    (
        ["appraise", "--month", "2024-05", "open"],
        "salescli: error: Got unexpected extra argument(s) (open)",
        "salescli：错误：多余的参数（open）",
        "  建议：请看 `salescli appraise -h`",
    ),
    (
        ["apprase"],
        "salescli: error: No such command 'apprase'. Did you mean 'appraise'?",
        "salescli：错误：没有 'apprase' 这个命令。是不是想用 'appraise'？",
        "  建议：请看 `salescli -h`",
    ),
    (
        ["init", "--demo=total"],
        "salescli: error: Option '--demo' does not take a value.",
        "salescli：错误：选项 '--demo' 不带值",
        "  建议：请看 `salescli -h`",
    ),
    (
        ["split-targets", "--year", "2025", "--total", "1,000"],
        "salescli: error: --total '1,000': input should be a valid number, unable to parse "
        "string as a number",
        "salescli：错误：--total '1,000'：应为有效的数字",
        "  建议：数字请不要写千位分隔符，例如 120000000",
    ),
]


@pytest.mark.parametrize(("args", "english", "chinese", "hint"), CASES, ids=lambda a: str(a)[:30])
def test_clicks_usage_error_is_chinese_with_the_users_text_verbatim(args, english, chinese, hint):
    code, lines = _error("--lang", "zh", *args)
    assert code == 2
    assert lines == [chinese, hint]


@pytest.mark.parametrize(("args", "english", "chinese", "hint"), CASES, ids=lambda a: str(a)[:30])
def test_clicks_usage_error_in_english_is_clicks_own_words(args, english, chinese, hint):
    code, lines = _error(*args, env=ENGLISH)
    assert code == 2
    assert lines[0] == english
    assert lines[1].startswith("  hint: ")


def test_a_click_message_worded_otherwise_is_shown_as_click_wrote_it():
    from salescli.clicktext import usage_message
    from salescli.i18n import Msg, render
    from salescli.state import click_module

    exceptions = click_module().exceptions
    known = usage_message(exceptions.NoSuchOption("--x"))
    assert isinstance(known, Msg) and render(known, "zh") == "没有 --x 这个选项"
    other = exceptions.NoSuchOption("--x", message="Unknown option --x, sorry")
    assert usage_message(other) == "Unknown option --x, sorry"
    assert not isinstance(usage_message(other), Msg)
    plain = exceptions.UsageError("Something new went wrong")
    assert usage_message(plain) == "Something new went wrong"
