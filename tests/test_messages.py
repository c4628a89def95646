"""The message catalogue: both languages for every key, English plurals."""

from __future__ import annotations

import re

import pytest

from deadlines import messages
from deadlines.messages import LANGS, check_lang, text

CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.mark.parametrize("key", messages.keys())
def test_every_key_has_both_languages_and_english_has_no_chinese(key: str) -> None:
    entries = messages._load(everything=True)[key]
    assert set(entries) == set(LANGS), key
    en = entries["en"]
    for form in en if isinstance(en, tuple) else (en,):
        assert not CJK.search(form), (key, form)


def test_english_plural_is_chosen_by_n() -> None:
    assert text("test.days", "en", n=1) == "1 day"
    assert text("test.days", "en", n=0) == "0 days"
    assert text("test.days", "en", n=21) == "21 days"
    assert text("test.days", "zh", n=1) == "1日"


def test_unknown_language_is_refused_with_the_accepted_ones() -> None:
    with pytest.raises(ValueError, match="accepted: zh, en"):
        check_lang("fr")


def test_a_key_is_refused_outside_the_table_its_prefix_names(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The help table is read only when a help: key is asked for, so a help: key anywhere else
    (or another key in the help table) would be found or missed by chance."""
    import sys
    import types

    messages._load()
    for name, key in (("stray", "help:deadlines stray"), ("help", "cli.stray")):
        module = types.ModuleType(f"deadlines.messages.{name}")
        module.MESSAGES = {key: {"zh": "中", "en": "x"}}  # type: ignore[attr-defined]
        monkeypatch.setitem(sys.modules, module.__name__, module)
        monkeypatch.setattr(messages, "_read", set(messages._read))
        with pytest.raises(RuntimeError, match="wrong table"):
            messages._merge(name)
