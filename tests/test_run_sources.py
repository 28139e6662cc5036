"""Input folders with link loops, links leading outside, and subfolders that cannot be listed."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from test_incremental import make_sources, outputs, run, runner

from pipeline.cli import app
from pipeline.sources import scan


def test_link_loops_do_not_crash_run_or_status(tmp_path: Path) -> None:
    raw, out = tmp_path / "raw", tmp_path / "out"
    make_sources(raw, {"a.txt": "The council met on Monday.\n"})
    (raw / "loop.txt").symlink_to(raw / "loop.txt")
    (raw / "ring.md").symlink_to(raw / "ring2.md")
    (raw / "ring2.md").symlink_to(raw / "ring.md")
    (raw / "sub").symlink_to(raw)  # a folder loop: never entered
    status = runner.invoke(app, ["status", str(raw), "--out", str(out)])
    assert status.exit_code == 0, status.output
    assert "loop.txt: a link that leads to no file (or loops)" in status.output
    result = run(raw, "--out", out)
    assert result.exit_code == 0, result.output
    assert "1 source: 1 written" in result.output
    given = run(raw / "loop.txt", "--out", out)
    assert given.exit_code == 2 and "leads nowhere (or loops)" in given.output


def test_links_leading_outside_the_folder_are_skipped_unless_followed(tmp_path: Path) -> None:
    raw, out, secret = tmp_path / "raw", tmp_path / "out", tmp_path / "secret.txt"
    make_sources(raw, {"a.txt": "The council met on Monday.\n", "sub/b.txt": "The mayor spoke.\n"})
    secret.write_text("root:x:0:0:root:/root:/bin/bash\n")
    (raw / "leak.txt").symlink_to(secret)
    (raw / "alias.txt").symlink_to(raw / "sub" / "b.txt")  # inside: read (once)
    result = run(raw, "--out", out)
    assert result.exit_code == 0, result.output
    assert "leak.txt: a link to" in result.output and "--follow-symlinks" in result.output
    assert "leak.json" not in outputs(out)
    followed = run(raw, "--out", out, "--follow-symlinks")
    assert "leak.json" in outputs(out), followed.output
    real = os.path.realpath(raw / "sub" / "b.txt")
    assert len([s for s in scan([raw]).sources if os.path.realpath(s.path) == real]) == 1


@pytest.fixture
def unlistable(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Folders whose listing fails with EACCES, as without the read permission."""
    names: list[str] = []
    real = os.scandir

    def scandir(path: str | os.PathLike[str] = ".") -> object:
        if os.path.abspath(path) in names:
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    return names


def test_a_folder_that_cannot_be_listed_is_an_error_and_its_outputs_are_kept(
    tmp_path: Path, unlistable: list[str]
) -> None:
    raw, out = tmp_path / "raw", tmp_path / "out"
    make_sources(
        raw,
        {
            "a.txt": "The council met on Monday.\n",
            "news/b.txt": "The mayor spoke on Tuesday.\n",
            "news/deep/c.txt": "The harbor reopened.\n",
            "newsroom/d.txt": "The library dropped fees.\n",
        },
    )
    assert run(raw, "--out", out).exit_code == 0
    (raw / "newsroom" / "d.txt").unlink()  # really gone: still removed
    unlistable.append(str(raw / "news"))
    status = runner.invoke(app, ["status", str(raw), "--out", str(out)])
    assert "news: cannot list folder: Permission denied" in status.output
    assert "b.json" not in status.output and "newsroom/d.json" in status.output
    result = run(raw, "--out", out)
    assert result.exit_code == 1
    assert "news: cannot list folder: Permission denied" in result.output
    assert "1 source: 0 written, 1 unchanged, 0 failed, 1 removed, 1 folder not listed" in (
        result.output
    )
    assert sorted(outputs(out)) == ["a.json", "news/b.json", "news/deep/c.json"]


def test_an_input_root_that_cannot_be_listed_keeps_every_output(
    tmp_path: Path, unlistable: list[str]
) -> None:
    raw, out = tmp_path / "raw", tmp_path / "out"
    make_sources(raw, {"a.txt": "The council met on Monday.\n"})
    assert run(raw, "--out", out).exit_code == 0
    unlistable.append(str(raw))
    result = run(raw, "--out", out)
    assert result.exit_code == 1 and "cannot list folder" in result.output
    assert outputs(out).keys() == {"a.json"}
