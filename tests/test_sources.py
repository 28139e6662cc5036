from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.sources import InputPathError, discover


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
