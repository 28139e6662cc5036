"""Choosing where the work runs: Dask only when asked for, and a clear error without it."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from test_incremental import make_sources, run

from pipeline.run.process import Worker


def test_without_dask_installed_the_dask_executor_is_a_one_line_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("dask", "distributed"):
        monkeypatch.setitem(sys.modules, name, None)  # as if not installed
    monkeypatch.delitem(sys.modules, "pipeline.run.cluster", raising=False)  # imported again
    make_sources(tmp_path / "raw")
    result = run(tmp_path / "raw", "--out", tmp_path / "out", "--executor", "dask")
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == [
        "error: --executor dask needs Dask (dask[distributed]), which is not installed "
        "(hint: pip install 'news-facts-pipeline[dask]')"
    ]
    assert not list((tmp_path / "out").glob("*.json"))


def test_a_scheduler_address_without_the_dask_executor_is_a_usage_error(tmp_path: Path) -> None:
    make_sources(tmp_path / "raw")
    result = run(tmp_path / "raw", "--out", tmp_path / "out", "--address", "tcp://host:8786")
    assert result.exit_code == 2
    assert "--address is for --executor dask" in result.output


def test_a_local_run_never_imports_dask(tmp_path: Path) -> None:
    import subprocess

    make_sources(tmp_path / "raw")
    code = (
        "import sys; from pipeline.cli import app\n"
        "try:\n    app(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('dask', 'distributed')))"
    )
    args = ["run", str(tmp_path / "raw"), "--out", str(tmp_path / "out"), "--timeout", "0"]
    done = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, check=True
    )
    assert done.stdout.strip().splitlines()[-1] == "[]"


@pytest.mark.skipif(
    sys.platform != "linux", reason="workers are forked (and inherit the warm-up) on Linux only"
)
def test_the_pool_warms_up_before_forking_so_no_worker_pays_first_use_costs(
    monkeypatch: pytest.MonkeyPatch, fresh_worker: Worker
) -> None:
    # The language classifier's model loads on first use (about 1 s): loaded in the parent, it
    # is inherited by every worker and every replacement instead of loaded by each.
    import py3langid.langid

    from pipeline.run import Options, Settings
    from pipeline.run.executors import PoolExecutor

    monkeypatch.setattr(py3langid.langid, "IDENTIFIER", None)
    with PoolExecutor(Settings(), Options(jobs=2), 4, lambda name: None):
        assert py3langid.langid.IDENTIFIER is not None
        assert fresh_worker.done == 0  # the warm-up's documents do not make the first group larger


def test_guided_batches_shrink_towards_the_end_and_keep_every_source_in_order() -> None:
    from pipeline.run.executors import BATCH_SIZE, guided

    chunks = [list(range(k, min(k + BATCH_SIZE, 168))) for k in range(0, 168, BATCH_SIZE)]
    batches = list(guided(iter(chunks), 168, jobs=2))
    assert [i for b in batches for i in b] == list(range(168))
    sizes = [len(b) for b in batches]
    assert sizes[:3] == [21, 19, 16]  # an eighth of what is left, rounded up
    assert sizes == sorted(sizes, reverse=True)  # never grows
    assert sizes[-4:] == [1, 1, 1, 1]  # the last sources one at a time: no worker idles long
    big = list(guided(iter([list(range(1000))]), 1000, jobs=2))
    assert len(big[0]) == BATCH_SIZE  # never above one worker's chunk


def test_a_small_run_gives_one_source_per_batch_so_every_worker_gets_some() -> None:
    from pipeline.run.executors import guided

    assert [len(b) for b in guided(iter([[1, 2, 3], [4, 5]]), 5, jobs=4)] == [1, 1, 1, 1, 1]
