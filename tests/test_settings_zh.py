"""Each setting's Chinese is declared beside its English (salescli.config `_field`), and
`salescli --lang zh init` writes it from there."""

from __future__ import annotations

import re
from pathlib import Path

from pydantic import BaseModel

import salescli.config as config
from salescli.commands.init import config_template
from tests.helpers import run


def _fields() -> list[tuple[str, object]]:
    return [
        (f"{model.__name__}.{name}", field)
        for model in vars(config).values()
        if isinstance(model, type) and issubclass(model, BaseModel)
        for name, field in model.model_fields.items()
    ]


def test_every_setting_has_its_chinese_beside_its_english() -> None:
    fields = [(name, field) for name, field in _fields() if field.description]
    assert len(fields) > 100
    for name, field in fields:
        zh = config.described(field, "zh")
        assert field.description and zh != field.description, name
        assert re.search(r"[\u4e00-\u9fff]", zh), name
        assert config.described(field, "en") == field.description


def test_init_in_chinese_writes_each_settings_declared_chinese(tmp_path: Path) -> None:
    result = run("--lang", "zh", "init", str(tmp_path))
    assert result.exit_code == 0, result.stderr
    written = (tmp_path / "salescli.toml").read_text(encoding="utf-8")
    assert written == config_template("zh")
    weight = config.ClassifySettings.model_fields["score_a"]
    assert f"# {config.described(weight, 'zh')}\nscore_a = 0.8\n" in written
    assert "Method score" not in written
