"""Nothing is written or deleted outside OUT, whatever the source names or the manifest say."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from test_incremental import STORIES, make_sources, outputs, run

from pipeline.write import history
from pipeline.write.manifest import MANIFEST_NAME, Manifest
from pipeline.write.paths import UnsafePathError, confined, is_output_name


@pytest.fixture
def project(tmp_path: Path) -> tuple[Path, Path]:
    raw, out = tmp_path / "raw", tmp_path / "out"
    make_sources(raw)
    assert run(raw, "--out", out).exit_code == 0
    return raw, out


def test_a_source_named_dots_never_prunes_other_outputs(
    project: tuple[Path, Path], tmp_path: Path
) -> None:
    raw, out = project
    dots = tmp_path / "...txt"
    for n in range(3):
        dots.write_text(f"The council met {n + 2} times on Monday.\n")
        result = run(dots, "--out", out, "--history", "0")
        assert result.exit_code == 0, result.output
    assert sorted(outputs(out)) == ["a.json", "b.json", "news/c.json"]
    assert (out / "...txt.json").is_file()
    assert "3 unchanged" in run(raw, "--out", out, "--keep-orphans").output


def test_a_source_named_like_the_manifest_fails_without_touching_it(
    project: tuple[Path, Path], tmp_path: Path
) -> None:
    raw, out = project
    before = (out / MANIFEST_NAME).read_bytes()
    named = tmp_path / ".pipeline-manifest.txt"
    named.write_text("The council met on Monday.\n")
    result = run(named, "--out", out)
    assert result.exit_code == 1
    assert "would replace the run's own file" in result.output
    assert (out / MANIFEST_NAME).read_bytes() == before
    assert "3 unchanged" in run(raw, "--out", out).output


def tamper(out: Path, renames: dict[str, str]) -> None:
    data = json.loads((out / MANIFEST_NAME).read_bytes())
    data["outputs"] = {renames.get(k, k): v for k, v in data["outputs"].items()}
    (out / MANIFEST_NAME).write_text(json.dumps(data))


def test_manifest_names_outside_out_are_distrusted_and_never_touched(
    project: tuple[Path, Path], tmp_path: Path
) -> None:
    raw, out = project
    victim, absolute = tmp_path / "victim.json", tmp_path / "elsewhere" / "abs.json"
    absolute.parent.mkdir()
    for path in (victim, absolute):
        path.write_text("precious")
    (raw / "b.txt").unlink()  # its entry would be an orphan, removed by the run
    tamper(out, {"b.json": "../victim.json", "a.json": str(absolute)})
    result = run(raw, "--out", out, "--history", "0")
    assert result.exit_code == 0, result.output
    assert "'../victim.json' is not a plain path inside the folder; ignored" in result.output
    assert victim.read_text() == "precious" and absolute.read_text() == "precious"
    assert sorted(Manifest.load(out).entries) == ["a.json", "news/c.json"]


def test_an_output_folder_linked_outside_out_is_not_written_through(
    project: tuple[Path, Path], tmp_path: Path
) -> None:
    raw, out = project
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    for path in (out / "news").iterdir():
        path.unlink()
    (out / "news").rmdir()
    (out / "news").symlink_to(elsewhere)
    result = run(raw, "--out", out)
    assert result.exit_code == 1
    assert "resolves outside the output folder" in result.output
    assert list(elsewhere.iterdir()) == []
    assert "2 unchanged" in result.output


def test_history_of_an_unsafe_id_is_refused(tmp_path: Path) -> None:
    for doc_id in ("..", "a/../..", "", "/etc"):
        with pytest.raises(UnsafePathError):
            history.folder(tmp_path, doc_id)
    assert history.folder(tmp_path, "news/c") == tmp_path / ".history" / "news" / "c"


def test_output_names() -> None:
    assert is_output_name("a.json") and is_output_name("news/...txt.json")
    for bad in ("../a.json", "/a.json", "a/./b.json", "a//b.json", "a.txt", ".history/a.json"):
        assert not is_output_name(bad), bad
    assert not is_output_name(".pipeline-manifest.json") and not is_output_name("\ud800.json")


def test_confined_resolves_links(tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "up").symlink_to(tmp_path)
    with pytest.raises(UnsafePathError):
        confined(tmp_path / "out", "up/x.json")
    assert confined(tmp_path / "out", "x.json") == tmp_path / "out" / "x.json"


def test_stories_fixture_is_unchanged() -> None:
    assert set(STORIES) == {"a.md", "b.txt", "news/c.txt"}


def test_a_file_name_that_is_not_utf8_fails_clearly(tmp_path: Path) -> None:
    raw, out = tmp_path / "raw", tmp_path / "out"
    make_sources(raw, {"a.txt": "The council met on Monday.\n"})
    (raw / os.fsdecode(b"caf\xe9.txt")).write_text("The mayor spoke on Tuesday.\n")
    result = run(raw, "--out", out)
    assert result.exit_code == 1
    assert "caf\\udce9.txt: the file name is not valid UTF-8 (hint: rename it)" in result.output
    assert "2 sources: 1 written, 0 unchanged, 1 failed" in result.output
    assert Manifest.load(out).damaged is None


def test_pruning_a_history_keeps_the_versions_of_a_document_nested_under_it(
    tmp_path: Path,
) -> None:
    raw, out = tmp_path / "raw", tmp_path / "out"
    for n in range(3):
        make_sources(
            raw,
            {
                "a.txt": f"The council met {n + 2} times on Monday.\n",
                "a/x.json.txt": f"The mayor spoke {n + 2} times on Tuesday.\n",
            },
        )
        assert run(raw, "--out", out, "--history", "1").exit_code == 0
    for doc_id, text in (("a", "council met 3"), ("a/x.json", "mayor spoke 3")):
        (kept,) = history.versions(out, doc_id)
        assert kept.is_file() and text in json.loads(kept.read_bytes())["text"]
