"""`--help` in Chinese (#25): `salescli --lang zh CMD --help`, or `LANG=zh_CN.UTF-8`, says every
help text and typer's own words (用法, 选项, 显示本帮助并退出) in Chinese; option names,
metavars, paths and the example commands stay as they are typed. English help is unchanged."""

from __future__ import annotations

import re

import pytest

COMMANDS = [
    [],
    ["init"],
    ["check"],
    ["map"],
    ["classify"],
    ["plan-visits"],
    ["audit-visits"],
    ["split-targets"],
    ["appraise"],
    ["report"],
    ["cache"],
    ["cache", "clear"],
    ["run"],
    ["cron"],
    ["schema"],
]
TYPED = [
    r"`[^`]*`",  # code: a command, a role, a line of output
    r"salescli(?: [^\s，。；：）、“”]+)*",  # an example command line
    r"\(crontab[^)]*\)[^\n│]*",  # the crontab pipeline
    r"<[^>]*>",  # a metavar: <str>, <en|zh>
    r"\w+ = \S+",  # a setting: strict = true
    r"\w+(?:,\w+)+",  # a list of values: region,rep
    r"\S*[/.=:]\S*",  # a path, a file, an address, NAME=PATH, classify.method
    r"--?[\w-]+",  # an option
    r"\b[A-Z]{2,}\b",  # OPTIONS, COMMAND, NAME, CSV, HTML
]
PHRASE = re.compile(r"[A-Za-z]{2,}[ ,;]+[A-Za-z]{2,}")


def _help(*args: str, env: dict[str, str] | None = None) -> str:
    from typer.testing import CliRunner

    from salescli.cli import app

    result = CliRunner(env=env).invoke(app, [*args, "--help"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


def _english_left(text: str) -> list[str]:
    text = text.replace("│", " ").replace("\n", " ")
    for pattern in TYPED:
        text = re.sub(pattern, " ", text)
    return PHRASE.findall(text)


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "salescli")
def test_the_chinese_help_of_every_command_has_no_english_sentence(command):
    text = _help("--lang", "zh", *command)
    assert "用法：salescli" in text and "显示本帮助并退出" in text
    assert _english_left(text) == []


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "salescli")
def test_the_english_help_stays_english_after_a_chinese_one(command):
    _help("--lang", "zh", *command)
    text = _help(*command)
    words = " ".join(text.replace("│", " ").split())
    assert "Usage: salescli" in words and "Show this message and exit." in words
    assert not re.search(r"用法|选项|显示本帮助", text)


def test_the_environments_chinese_gives_the_chinese_help_and_lang_wins_over_it():
    text = _help("appraise", env={"LANG": "zh_CN.UTF-8", "LC_ALL": ""})
    assert "按月、季度或年度考核销售代表" in text and "╭─ 选项" in text
    text = _help("--lang", "en", "appraise", env={"LANG": "zh_CN.UTF-8", "LC_ALL": ""})
    assert "Appraise the reps for a month" in text


def test_the_option_given_after_the_command_still_picks_the_help_language():
    assert "显示本帮助并退出" in _help("appraise", "--lang", "zh")


def test_the_check_finds_an_english_sentence_left_in_a_chinese_help():
    assert _english_left("│ --rep <str>  只看这些 Show this message │") == ["Show this"]
    assert _english_left("示例：salescli -w examples/demo appraise --month 2024-05") == []


def test_the_walk_covers_every_command_of_the_app():
    """A command added later is walked too: the list above is every command salescli has."""
    import typer.main

    from salescli.cli import app

    def walk(command, path):
        found = [path]
        for name, sub in getattr(command, "commands", {}).items():
            found += walk(sub, [*path, name])
        return found

    assert sorted(walk(typer.main.get_command(app), [])) == sorted(COMMANDS)
