"""The message catalogue: both languages for every key, the same placeholders, language choice."""

import pytest

from verkosto import i18n
from verkosto.i18n import LANGUAGES, catalogue, language, placeholders, text


def test_every_key_has_every_language_with_the_same_placeholders():
    entries = catalogue()
    assert len(entries) > 90
    for key, entry in entries.items():
        assert set(entry) == set(LANGUAGES), key
        assert all(entry[lang].strip() for lang in LANGUAGES), key
        assert placeholders(entry["fi"]) == placeholders(entry["en"]), key


def test_language_comes_from_the_argument_then_the_setting_then_the_environment(monkeypatch):
    monkeypatch.delenv("VERKOSTO_LANG", raising=False)
    assert text("title") == "Verkostokartta"
    monkeypatch.setenv("VERKOSTO_LANG", "en")
    assert text("title") == "Network map"
    assert text("title", "fi") == "Verkostokartta"
    with language("fi"):
        assert text("title") == "Verkostokartta"
    assert text("title") == "Network map"
    monkeypatch.setenv("VERKOSTO_LANG", "sv")  # unknown: the default
    assert i18n.current_language() == "fi"


def test_unknown_language_and_key_are_refused():
    with pytest.raises(ValueError, match="unknown language 'sv'"):
        text("title", "sv")
    with pytest.raises(KeyError):
        text("no.such.key")


def test_a_duplicate_key_is_refused():
    out = {}
    i18n._entries({"a": {"fi": "x", "en": "y"}}, "", "one.toml", out)
    with pytest.raises(ValueError, match=r"two.toml: \[a\] is defined twice"):
        i18n._entries({"a": {"fi": "x", "en": "y"}}, "", "two.toml", out)
    with pytest.raises(ValueError, match=r"must have exactly the languages fi, en"):
        i18n._entries({"b": {"fi": "x"}}, "", "three.toml", {})
