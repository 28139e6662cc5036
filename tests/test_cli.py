"""The command line, end to end, on files written into a temporary folder."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline import __version__
from pipeline.cli import app
from pipeline.validate.check import check_file

runner = CliRunner()

GOOD_MD = """---
title: Test story
published: 2024-05-10
---

Mayor Jane Porter said on Friday that the bridge would reopen in June.

“We are nearly there,” Porter said. Read the [plan](https://example.org/plan?utm_source=x).
"""


def write(folder: Path, name: str, data: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return path


def outputs(folder: Path) -> list[str]:
    """Files in `folder`, without the hidden bookkeeping (manifest, lock, .history/)."""
    return sorted(
        p.relative_to(folder).as_posix()
        for p in folder.rglob("*")
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(folder).parts)
    )


def test_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert __version__ in result.output


def test_run_writes_one_valid_json_per_source(tmp_path: Path) -> None:
    raw, out = tmp_path / "raw", tmp_path / "out"
    write(raw, "a.md", GOOD_MD)
    write(raw, "news/b.txt", "A plain story.\n\nIt has two paragraphs and no quotes.\n")
    result = runner.invoke(app, ["run", str(raw), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "2 sources: 2 written, 0 unchanged, 0 failed" in result.output
    assert outputs(out) == ["a.json", "news/b.json"]
    doc = check_file(out / "a.json")
    assert doc.id == "a" and doc.source.path == "a.md" and doc.source.format == "markdown"
    assert doc.metadata.title == "Test story"
    assert [link.url for link in doc.links] == ["https://example.org/plan"]
    assert any(
        q.text == "We are nearly there," or q.text.startswith("We are nearly there")
        for q in doc.quotes
    )
    assert check_file(out / "news/b.json").id == "news/b"


def test_output_is_byte_identical_across_runs(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    write(raw, "a.md", GOOD_MD)
    for name in ("one", "two"):
        assert runner.invoke(app, ["run", str(raw), "--out", str(tmp_path / name)]).exit_code == 0
    assert (tmp_path / "one/a.json").read_bytes() == (tmp_path / "two/a.json").read_bytes()


def test_broken_sources_are_reported_and_never_stop_the_others(tmp_path: Path) -> None:
    raw, out = tmp_path / "raw", tmp_path / "out"
    write(raw, "good.md", GOOD_MD)
    write(raw, "bad-front-matter.md", "---\ntitle: [unclosed\n---\n\nBody text here.\n")
    write(raw, "empty.txt", "   \n\n  \n")
    write(raw, "binary.txt", bytes(range(256)) * 8)
    result = runner.invoke(app, ["run", str(raw), "--out", str(out)])
    assert result.exit_code == 1, result.output
    assert "4 sources: 1 written, 0 unchanged, 3 failed" in result.output
    for name in ("bad-front-matter.md", "empty.txt", "binary.txt"):
        assert name in result.output
    assert "hint:" in result.output
    assert outputs(out) == ["good.json"]


def test_unsupported_file_named_explicitly_fails_cleanly(tmp_path: Path) -> None:
    pdf = write(tmp_path, "paper.pdf", b"%PDF-1.4")
    result = runner.invoke(app, ["run", str(pdf), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "paper.pdf" in result.output and "1 failed" in result.output


def test_missing_path_is_a_usage_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["run", str(tmp_path / "nope"), "--out", str(tmp_path / "o")])
    assert result.exit_code == 2
    assert "no such file or folder" in result.output


def test_bad_published_option_is_a_usage_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["run", str(tmp_path), "--published", "soon"])
    assert result.exit_code == 2


def test_unknown_model_is_a_clear_error(tmp_path: Path) -> None:
    write(tmp_path / "raw", "a.md", GOOD_MD)
    args = ["run", str(tmp_path / "raw"), "--out", str(tmp_path / "o"), "--model", "en_core_web_xl"]
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert "'en_core_web_xl' is not installed" in result.output
    assert "pip install en-core-web-xl" in result.output  # the package: dashes, not underscores


def test_published_option_is_recorded_and_used_only_without_a_source_date(tmp_path: Path) -> None:
    raw, out = tmp_path / "raw", tmp_path / "out"
    write(raw, "dated.md", GOOD_MD)
    write(raw, "undated.txt", "The council met yesterday and will meet again on Friday.\n")
    result = runner.invoke(app, ["run", str(raw), "--out", str(out), "--published", "2024-01-10"])
    assert result.exit_code == 0, result.output
    undated = check_file(out / "undated.json")
    assert undated.pipeline.settings == {"published": "2024-01-10"}
    yesterday = [d for d in undated.dates if d.text == "yesterday"]
    assert yesterday and yesterday[0].value == "2024-01-09"
    dated = check_file(out / "dated.json")
    assert dated.metadata.published == "2024-05-10"


def test_validate_command(tmp_path: Path) -> None:
    raw, out = tmp_path / "raw", tmp_path / "out"
    write(raw, "a.md", GOOD_MD)
    assert runner.invoke(app, ["run", str(raw), "--out", str(out)]).exit_code == 0
    good = out / "a.json"
    assert runner.invoke(app, ["validate", str(good)]).exit_code == 0
    data = json.loads(good.read_text(encoding="utf-8"))
    data["links"][0]["start"] += 1
    broken = write(tmp_path, "broken.json", json.dumps(data))
    result = runner.invoke(app, ["validate", str(good), str(broken)])
    assert result.exit_code == 1
    assert "broken.json" in result.output and "1 invalid" in result.output


def test_schema_command_writes_versioned_files(tmp_path: Path) -> None:
    result = runner.invoke(app, ["schema", "--out", str(tmp_path)])
    assert result.exit_code == 0
    names = outputs(tmp_path)
    assert "document.schema.json" in names
    assert any(n.startswith("document-") for n in names)
    schema = json.loads((tmp_path / "document.schema.json").read_text(encoding="utf-8"))
    assert schema["$schema"].endswith("2020-12/schema")


@pytest.mark.parametrize("encoding", ["utf-8-sig", "cp1252", "utf-16"])
def test_non_utf8_text_is_decoded(tmp_path: Path, encoding: str) -> None:
    text = "Café owners said the rent “doubled” last year, according to Zoë Müller.\n" * 3
    write(tmp_path / "raw", "a.txt", text.encode(encoding))
    out = tmp_path / "out"
    result = runner.invoke(app, ["run", str(tmp_path / "raw"), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "Zoë Müller" in check_file(out / "a.json").text


def test_worker_processes_write_the_same_bytes_and_report_failures(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    write(raw, "a.md", GOOD_MD)
    write(raw, "b.txt", "The council met on Monday.\n\n“We agreed,” said Ann Lee.\n")
    write(raw, "broken.md", "---\ntitle: [unclosed\n---\n\nBody.\n")
    one = runner.invoke(app, ["run", str(raw), "--out", str(tmp_path / "one")])
    two = runner.invoke(app, ["run", str(raw), "--out", str(tmp_path / "two"), "--jobs", "2"])
    assert one.exit_code == two.exit_code == 1
    assert "3 sources: 2 written, 0 unchanged, 1 failed" in two.output
    assert "broken.md" in two.output
    assert outputs(tmp_path / "one") == outputs(tmp_path / "two") == ["a.json", "b.json"]
    for name in ("a.json", "b.json"):
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes()


@pytest.mark.parametrize("command", ["run", "status", "diff", "log", "validate", "schema", "view"])
def test_help_shows_flags_bare_and_paths_as_metavars(command: str) -> None:
    result = runner.invoke(app, [command, "--help"], env={"COLUMNS": "160"})
    assert result.exit_code == 0
    assert "<bool>" not in result.output and "<list[" not in result.output
    assert "]..." not in result.output  # the usage line: `[PATH...]`, not `[PATH...]...`
    if command in ("run", "status"):
        assert "[PATH...]" in result.output and "PATH..." in result.output
        assert "--force" in result.output or command == "status"


def test_schema_goes_to_the_projects_folder_whatever_the_current_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pipeline import cli

    target = tmp_path / "project-schemas"
    target.mkdir()
    monkeypatch.setattr(cli, "project_schemas", lambda: target)
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0
    assert "document.schema.json" in outputs(target)
    assert not (tmp_path / "schemas").exists()


def test_the_project_schemas_folder_is_found_from_the_package() -> None:
    from pipeline.cli import project_schemas

    found = project_schemas()
    assert found is not None and (found / "document.schema.json").is_file()
    assert (found.parent / "pipeline" / "cli.py").is_file()


@pytest.mark.parametrize("command", ["run", "status", "schema", "log"])
def test_out_that_is_a_file_is_a_one_line_usage_error(tmp_path: Path, command: str) -> None:
    write(tmp_path / "raw", "a.md", GOOD_MD)
    taken = write(tmp_path, "taken", "a file")
    args = {"run": ["run", str(tmp_path / "raw")], "status": ["status", str(tmp_path / "raw")]}
    argv = args.get(command, [command] + (["a"] if command == "log" else []))
    result = runner.invoke(app, [*argv, "--out", str(taken)])
    assert result.exit_code == 2
    assert result.output.strip().count("\n") == 0
    assert "is a file, not a folder" in result.output
