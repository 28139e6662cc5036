from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.sources import InputPathError, discover, scan


def test_folders_are_scanned_recursively_skipping_readme_hidden_and_other_files(
    tmp_path: Path,
) -> None:
    for name in [
        "a.md",
        "sub/b.html",
        "sub/deeper/c.txt",
        "README.md",
        ".hidden.md",
        ".git/x.md",
        "notes.pdf",
        "d.markdown",
        "e.htm",
    ]:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x")
    found = discover([tmp_path])
    assert [s.rel for s in found] == [
        "a.md",
        "d.markdown",
        "e.htm",
        "sub/b.html",
        "sub/deeper/c.txt",
    ]
    assert found[3].doc_id == "sub/b"
    assert found[3].output_path(Path("out")) == Path("out/sub/b.json")


def test_a_file_given_by_name_is_kept_whatever_its_extension(tmp_path: Path) -> None:
    path = tmp_path / "notes.pdf"
    path.write_text("x")
    assert [s.rel for s in discover([path])] == ["notes.pdf"]


def test_missing_path_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(InputPathError, match="no such file"):
        discover([tmp_path / "nope"])


def make(root: Path, names: list[str]) -> None:
    for name in names:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x")


def test_build_and_packaging_folders_are_not_scanned(tmp_path: Path) -> None:
    make(
        tmp_path,
        [
            "news/a.txt",
            "pkg.egg-info/SOURCES.txt",
            "build/lib/notes.txt",
            "dist/x.txt",
            ".venv/lib/LICENSE.txt",
            "venv/lib/LICENSE.txt",
            "node_modules/m/README.txt",
            "news/__pycache__/x.txt",
            ".git/description.txt",
        ],
    )
    assert [s.rel for s in discover([tmp_path])] == ["news/a.txt"]
    # named on the command line, such a folder is read: the user asked for it
    assert [s.rel for s in discover([tmp_path / "build"])] == ["lib/notes.txt"]


def test_a_folder_without_supported_files_names_what_it_skipped(tmp_path: Path) -> None:
    make(tmp_path / "docs", ["a.pdf", "b.PDF", "c.docx", "README.md", "Makefile"])
    found = scan([tmp_path / "docs"])
    assert found.sources == []
    [warning] = found.skipped
    assert "no supported files (.htm, .html, .markdown, .md, .txt)" in warning
    assert warning.endswith("skipped 1 (no extension), 1 .docx, 2 .pdf")


def test_a_folder_with_sources_gives_no_such_warning(tmp_path: Path) -> None:
    make(tmp_path, ["a.txt", "b.pdf"])
    assert scan([tmp_path]).skipped == []


def test_an_empty_folder_is_a_warning_and_exit_0(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from pipeline.cli import app

    make(tmp_path / "docs", ["a.pdf"])
    result = CliRunner().invoke(app, ["run", str(tmp_path / "docs"), "--out", str(tmp_path / "o")])
    assert result.exit_code == 0
    assert "warning:" in result.output and "skipped 1 .pdf" in result.output
    assert "0 sources: 0 written, 0 unchanged, 0 failed" in result.output
