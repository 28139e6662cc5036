"""What `pipeline status` says changed between two configurations: versions beside versions."""

from __future__ import annotations

from pipeline.cachekey import Config, differences


def config(model: str, model_version: str, spacy: str = "3.8.2") -> Config:
    return Config(
        stages={"extract": 1},
        settings={"extract": {"model": model}},
        versions={"spacy": spacy, "model": model_version},
    )


def test_a_dependency_change_is_shown_version_to_version() -> None:
    _, versions = differences(
        config("en_core_web_sm", "3.8.0"), config("en_core_web_sm", "3.8.0", "3.8.3")
    )
    assert versions == ["spacy: 3.8.2 -> 3.8.3"]


def test_a_model_change_shows_each_model_with_its_version() -> None:
    settings, versions = differences(
        config("en_core_web_sm", "3.8.0"), config("en_core_web_md", "3.7.1")
    )
    assert settings == ["extract.model: en_core_web_sm -> en_core_web_md"]
    assert versions == ["model: en_core_web_sm 3.8.0 -> en_core_web_md 3.7.1"]


def test_a_model_without_a_version_is_not_shown_as_one() -> None:
    _, versions = differences(config("en_core_web_sm", "3.8.0"), config("my_model", "my_model"))
    assert versions == ["model: en_core_web_sm 3.8.0 -> my_model (no version found)"]
