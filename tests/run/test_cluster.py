"""`pipeline run --executor dask`: the same bytes and manifest as a serial run, on a LocalCluster.

Most runs use an in-process cluster (one worker thread: the model is loaded once per process and
a spaCy pipeline is not meant to be shared by threads); one run starts real worker processes,
and one kills a worker in the middle of its task.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from test_incremental import make_sources, run

from pipeline.write.manifest import Manifest

distributed = pytest.importorskip("distributed")

from pipeline.run import cluster  # noqa: E402 - only with distributed installed

KILL_WORD = "Kestrel"
"""A source with this word kills its worker process the first time it is cleaned."""

STORIES = {
    "a.md": "---\ntitle: Bridge\n---\n\nMayor Jane Porter said on Friday the bridge would open.\n",
    "b.txt": "The council met yesterday in Springfield and will meet again next week.\n",
    "news/c.txt": "Dr. Amal Haddad, who leads the clinic, said the wait fell by half in 2023.\n",
    "d.html": "<html><body><article><h1>Port</h1><p>The port of Kestrel Bay reopened on "
    "Monday, the harbor master Ana Ruiz said.</p></article></body></html>\n",
    "e.txt": "Shares of Acme Corp. rose 4% on March 3, 2024, after the merger was announced.\n",
}
LINES = [
    {"id": "one", "text": "Senator Bo Li said in Boston on Tuesday that the vote would wait."},
    {"id": "two", "text": "The museum in Lyon will close on 1 May 2025 for repairs."},
]


@pytest.fixture(scope="module")
def raw(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("cluster") / "raw"
    make_sources(folder, STORIES)
    lines = "".join(json.dumps(line) + "\n" for line in LINES)
    (folder / "feed.jsonl").write_text(lines, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def serial(raw: Path) -> Path:
    out = raw.parent / "serial"
    result = run(raw, "--out", out, "--timeout", "0")
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture
def in_process() -> Iterator[Any]:
    with distributed.LocalCluster(
        n_workers=1, threads_per_worker=1, processes=False, dashboard_address=":0"
    ) as local:
        yield local


def files(out: Path) -> dict[str, bytes]:
    """Every output's bytes, by name (the run's own files aside)."""
    return {
        p.relative_to(out).as_posix(): p.read_bytes()
        for p in out.rglob("*.json")
        if not p.relative_to(out).parts[0].startswith(".")
    }


def keys(out: Path) -> dict[str, tuple[str, str, str]]:
    entries = Manifest.load(out).entries
    return {name: (e.key, e.source_sha256, e.output_sha256) for name, e in entries.items()}


def test_an_in_process_cluster_writes_the_bytes_and_keys_of_a_serial_run(
    raw: Path, serial: Path, tmp_path: Path, in_process: Any
) -> None:
    out = tmp_path / "out"
    result = run(raw, "--out", out, "--executor", "dask", "--address", in_process.scheduler_address)
    assert result.exit_code == 0, result.output
    assert "7 sources: 7 written, 0 unchanged, 0 failed" in result.output
    assert len(files(serial)) == 7
    assert files(out) == files(serial)
    assert keys(out) == keys(serial)
    again = run(raw, "--out", out, "--executor", "dask", "--address", in_process.scheduler_address)
    assert "7 sources: 0 written, 7 unchanged, 0 failed" in again.output


def test_the_scheduler_address_can_come_from_the_environment(
    raw: Path, serial: Path, tmp_path: Path, in_process: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DASK_SCHEDULER_ADDRESS", in_process.scheduler_address)
    out = tmp_path / "out"
    result = run(raw / "b.txt", "--out", out, "--executor", "dask")
    assert result.exit_code == 0, result.output
    assert files(out) == {"b.json": files(serial)["b.json"]}


def skewed(settings: Any) -> dict[str, str]:
    versions = dict(cluster._versions(settings))
    versions["spacy"] = "3.0.0"
    return versions


def test_workers_with_other_versions_stop_the_run_before_anything_is_written(
    raw: Path, tmp_path: Path, in_process: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cluster, "reported_versions", skewed)
    out = tmp_path / "out"
    result = run(raw, "--out", out, "--executor", "dask", "--address", in_process.scheduler_address)
    assert result.exit_code == 2, result.output
    assert "other versions: spacy " in result.output and "3.0.0 there" in result.output
    assert files(out) == {}
    assert not Manifest.load(out).entries


def test_a_worker_that_changes_versions_after_the_start_is_caught_on_its_results(
    raw: Path, tmp_path: Path, in_process: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    # As a worker joining after the start-up check would: its first result stops the run.
    calls: list[int] = []

    def late(settings: Any) -> dict[str, str]:
        calls.append(1)
        return cluster._versions(settings) if len(calls) == 1 else skewed(settings)

    monkeypatch.setattr(cluster, "reported_versions", late)
    out = tmp_path / "out"
    result = run(raw, "--out", out, "--executor", "dask", "--address", in_process.scheduler_address)
    assert result.exit_code == 2, result.output
    assert "spacy" in result.output
    assert files(out) == {}


def test_two_worker_processes_write_the_bytes_and_keys_of_a_serial_run(
    raw: Path, serial: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    result = run(raw, "--out", out, "--executor", "dask", "--jobs", "2")
    assert result.exit_code == 0, result.output
    assert files(out) == files(serial)
    assert keys(out) == keys(serial)


class KillOnce(distributed.WorkerPlugin):  # type: ignore[misc]
    """In each worker: cleaning a source with KILL_WORD kills the process, once per `marker`."""

    def __init__(self, marker: str) -> None:
        self.marker = marker

    def setup(self, worker: Any) -> None:
        import pipeline.clean

        real, marker = pipeline.clean.clean_source, self.marker

        def clean_source(data: bytes, fmt: Any) -> Any:
            if KILL_WORD.encode() in data and not os.path.exists(marker):
                Path(marker).touch()
                os._exit(9)
            return real(data, fmt)

        pipeline.clean.clean_source = clean_source


def test_a_worker_killed_mid_task_loses_nothing(raw: Path, serial: Path, tmp_path: Path) -> None:
    marker = tmp_path / "killed"
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, dashboard_address=":0", silence_logs=50
        ) as local,
        distributed.Client(local) as client,
    ):
        client.register_plugin(KillOnce(str(marker)))
        out = tmp_path / "out"
        result = run(raw, "--out", out, "--executor", "dask", "--address", local.scheduler_address)
    assert marker.exists()  # a worker did die
    assert result.exit_code == 0, result.output
    assert files(out) == files(serial)
    assert keys(out) == keys(serial)


def test_a_source_whose_task_keeps_failing_is_reported_and_left_out_of_the_manifest(
    raw: Path, serial: Path, tmp_path: Path, in_process: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A task that raises (as one whose worker keeps dying would end) is retried once; its chunk
    # is then split, so only the source that fails alone is lost, and only from this run.
    real, calls = cluster.process, tmp_path / "calls"

    def process(tasks: list[Any], settings: Any) -> Any:
        with calls.open("a") as log:
            log.write(f"{len(tasks)}\n")
        if any(KILL_WORD.encode() in task.body for task in tasks):
            raise RuntimeError("worker lost")
        return real(tasks, settings)

    monkeypatch.setattr(cluster, "process", process)  # what the task calls (in this process)
    monkeypatch.setattr(cluster, "TAIL_CHUNKS", 1)  # all 7 sources in one chunk
    out = tmp_path / "out"
    result = run(raw, "--out", out, "--executor", "dask", "--address", in_process.scheduler_address)
    assert result.exit_code == 1, result.output
    assert "d.html: the Dask worker died or failed on this source (RuntimeError: worker lost)" in (
        result.output
    )
    assert "7 sources: 6 written, 0 unchanged, 1 failed" in result.output
    expected = {name: data for name, data in files(serial).items() if name != "d.json"}
    assert files(out) == expected
    assert set(keys(out)) == set(expected)
    sizes = sorted(int(line) for line in calls.read_text().split())
    assert sizes == [1] * 8 + [7, 7]  # the chunk twice, then each source alone (d.html twice)
