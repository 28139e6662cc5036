"""The code digest follows the rule code and word lists, and only them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import pipeline
from pipeline.cachekey import Config, differences, versions
from pipeline.codehash import code_digest, digest_of

PACKAGE = Path(pipeline.__file__).parent


@pytest.fixture
def package(tmp_path: Path) -> Path:
    copy = tmp_path / "pipeline"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    return copy


def test_digest_of_the_installed_package_is_the_code_digest() -> None:
    assert digest_of(PACKAGE) == code_digest()


@pytest.mark.parametrize(
    "changed",
    ["clean/html.py", "extract/dates/normalize.py", "validate/models.py", "lexicons/new_list.txt"],
)
def test_a_rule_or_word_list_change_changes_the_digest(package: Path, changed: str) -> None:
    before = digest_of(package)
    target = package / changed
    with target.open("a", encoding="utf-8") as handle:
        handle.write("\n# one more line\n")
    assert digest_of(package) != before


@pytest.mark.parametrize("changed", ["cli.py", "write/manifest.py", "diff/render.py"])
def test_cli_and_writer_changes_do_not(package: Path, changed: str) -> None:
    before = digest_of(package)
    with (package / changed).open("a", encoding="utf-8") as handle:
        handle.write("\n# one more line\n")
    assert digest_of(package) == before


def test_the_cache_key_names_the_new_parts_and_status_can_say_which_changed() -> None:
    found = versions("en_core_web_sm")
    for name in ("markdown-it-py", "charset-normalizer", "pyyaml", "warcio", "code"):
        assert name in found
    old = Config(stages={}, settings={}, versions={**found, "code": "0" * 16})
    new = Config(stages={}, settings={}, versions=found)
    _settings, changed = differences(old, new)
    assert changed == [f"code: {'0' * 16} -> {found['code']}"]


def test_status_names_a_rule_change_and_run_redoes_the_source(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from typer.testing import CliRunner

    from pipeline import cachekey
    from pipeline.cli import app

    runner = CliRunner()
    raw, out = tmp_path / "raw", tmp_path / "out"
    raw.mkdir()
    (raw / "a.txt").write_text("The council met on Monday in Springfield.\n", encoding="utf-8")
    args = [str(raw), "--out", str(out)]
    assert runner.invoke(app, ["run", *args, "--timeout", "0"]).exit_code == 0
    assert "1 unchanged" in runner.invoke(app, ["status", *args]).output
    monkeypatch.setattr(cachekey, "code_digest", lambda: "f" * 64)
    status = runner.invoke(app, ["status", *args]).output
    assert "changed versions" in status and f"-> {'f' * 16}" in status
    assert "1 to run" in status
