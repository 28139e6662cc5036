"""The one loader for word lists: package data, comments, maps, and a digest for the cache key."""

from __future__ import annotations

import pytest

from pipeline import lexicons
from pipeline.lexicons import LexiconNotFound, lexicon_digest, load, names


def test_every_shipped_lexicon_loads_non_empty_without_comments() -> None:
    assert "speech_verbs" in names()
    for name in names():
        entries = load(name)
        assert entries, name
        assert not any(entry.startswith("#") or entry != entry.strip() for entry in entries), name


def test_speech_verbs_are_lemmas_the_quote_rules_use() -> None:
    verbs = load("speech_verbs")
    assert {"say", "tell", "according"} & verbs == {"say", "tell"}


def test_unknown_lexicon_is_a_clear_error() -> None:
    with pytest.raises(LexiconNotFound, match="no-such-list"):
        load("no-such-list")


def test_lower_and_map_forms(tmp_path: object, monkeypatch: pytest.MonkeyPatch) -> None:
    from importlib import resources
    from pathlib import Path

    folder = Path(str(tmp_path))
    (folder / "demo.txt").write_text("# c\nNew York\tGPE\nParis  GPE # trailing\n", "utf-8")
    monkeypatch.setattr(resources, "files", lambda _package: folder)
    load.cache_clear()
    lexicons.load_map.cache_clear()
    try:
        assert load("demo", lower=True) == {"new york\tgpe", "paris  gpe"}
        assert lexicons.load_map("demo") == {"New York": "GPE", "Paris": "GPE"}
    finally:
        load.cache_clear()
        lexicons.load_map.cache_clear()


def test_digest_changes_with_any_list(tmp_path: object, monkeypatch: pytest.MonkeyPatch) -> None:
    from importlib import resources
    from pathlib import Path

    before = lexicon_digest()
    folder = Path(str(tmp_path))
    for name in names():
        (folder / f"{name}.txt").write_text("\n".join(sorted(load(name))) + "\nextra\n", "utf-8")
    monkeypatch.setattr(resources, "files", lambda _package: folder)
    assert lexicon_digest() != before
