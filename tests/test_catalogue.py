"""Messages are ids with parameters: every id has its Chinese, parameters are never translated."""

from __future__ import annotations

import ast
import gettext
import importlib.util
import io
import pickle
import re
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo

from salescli import i18n
from salescli.i18n import Msg, _, n_, render

ROOT = Path(__file__).resolve().parent.parent


def _script():
    spec = importlib.util.spec_from_file_location("catalogue", ROOT / "scripts" / "catalogue.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_message_id_has_its_chinese_and_the_mo_is_compiled_from_the_po_files():
    catalogue = _script()
    assert catalogue.missing() == [], "scripts/catalogue.py missing lists them"
    assert catalogue.mo_path().read_bytes() == catalogue.compiled(), (
        "run python scripts/catalogue.py compile"
    )


def test_every_translation_uses_the_parameters_of_its_id():
    for message in _script().catalogue():
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        want = set(i18n.ids(ids[0])) | (set(i18n.ids(ids[1])) if len(ids) > 1 else set())
        for text in strings:
            assert set(i18n.ids(text)) <= want, (message.id, text)


@pytest.fixture
def zh(monkeypatch):
    """A catalogue of two ids, as a compiled .mo is read."""
    catalogue = Catalog(locale="zh", domain="salescli")
    catalogue.add("no rep open in {month}", "{month} 没有在职的销售代表")
    catalogue.add("sales of {rep}", "{rep} 的销售额")
    catalogue.add(("{n} row dropped", "{n} rows dropped"), ("删去 {n} 行",))
    out = io.BytesIO()
    write_mo(out, catalogue)
    out.seek(0)
    compiled = gettext.GNUTranslations(out)
    monkeypatch.setattr(i18n, "translations", lambda lang: compiled)


def test_a_parameter_is_data_and_keeps_its_own_words(zh):
    message = _("no rep open in {month}", month="open")
    assert message == "no rep open in open"
    assert render(message, "zh") == "open 没有在职的销售代表"
    assert render(_("sales of {rep}", rep="no rep open in"), "zh") == "no rep open in 的销售额"


def test_a_message_inside_a_message_is_rendered_in_the_same_language(zh):
    inner = _("no rep open in {month}", month="2024-05")
    assert render(_("sales of {rep}", rep=inner), "zh") == "2024-05 没有在职的销售代表 的销售额"


def test_plural_forms_follow_n(zh):
    assert n_("{n} row dropped", "{n} rows dropped", 1) == "1 row dropped"
    assert n_("{n} row dropped", "{n} rows dropped", 3) == "3 rows dropped"
    assert render(n_("{n} row dropped", "{n} rows dropped", 3), "zh") == "删去 3 行"


def test_text_that_is_not_a_message_is_shown_as_it_is(zh):
    assert render("no rep open in 2024-05", "zh") == "no rep open in 2024-05"


def test_a_message_survives_pickling_with_its_id():
    message = pickle.loads(pickle.dumps(_("sales of {rep}", rep="张伟")))
    assert isinstance(message, Msg) and message.id == "sales of {rep}"
    assert message.params == {"rep": "张伟"}


# what says a message to the user: salescli's errors, a warning, a progress line, a hint
_ERRORS = {
    node.name
    for node in ast.parse((ROOT / "salescli" / "errors.py").read_text("utf-8")).body
    if isinstance(node, ast.ClassDef)
}
_SAYING = {"warn", "say"}
_KEYWORDS = {"hint", "message", "detail"}


def plain_messages(source: str, name: str) -> list[str]:
    """English made as plain text where a message is due: a string literal or f-string given
    to one of salescli's errors, to warn()/say(), or as a hint=, outside _() and n_()."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        called = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
        given = list(node.args[:1]) if called in _ERRORS | _SAYING else []
        given += [k.value for k in node.keywords if k.arg in _KEYWORDS]
        for value in given:
            text = isinstance(value, ast.Constant) and isinstance(value.value, str)
            if isinstance(value, ast.JoinedStr) or (text and re.search("[A-Za-z]{2}", value.value)):
                found.append(f"{name}:{value.lineno}: {ast.unparse(value)[:80]}")
    return found


def test_no_message_is_made_as_plain_english():
    """Every message the user reads is an id (rendered in their language); plain English
    given to an error, a warning or a hint would stay English under --lang zh."""
    found = [
        hit
        for path in sorted((ROOT / "salescli").rglob("*.py"))
        for hit in plain_messages(path.read_text("utf-8"), str(path.relative_to(ROOT)))
    ]
    assert found == []


def test_the_scan_finds_plain_english_given_to_an_error_a_warning_and_a_hint():
    source = (
        "raise UsageError(f'no section {s!r}', hint='sections: a, b')\n"
        "workspace.warn('the table is empty')\n"
        "raise UsageError(_('no section {s!r}', s=s), hint=_('sections: {n}', n=n))\n"
    )
    assert [hit.split(": ", 1)[1] for hit in plain_messages(source, "x.py")] == [
        "f'no section {s!r}'",
        "'sections: a, b'",
        "'the table is empty'",
    ]


def test_the_old_translator_is_gone():
    """No module rewrites finished English into Chinese with patterns any more (#25)."""
    assert importlib.util.find_spec("salescli.messages") is None
