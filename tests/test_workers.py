"""The worker pool on its own: budgets, crashes, retries one by one, and idle deaths."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator

import pytest

from pipeline.workers import Pool, start_method

pytestmark = pytest.mark.skipif(start_method() != "fork", reason="forked test workers")


def double(batch: list[int]) -> list[int]:
    out = []
    for task in batch:
        if task == -1:
            time.sleep(60)
        if task == -2:
            os._exit(3)
        out.append(task * 2)
    return out


def init() -> Callable[[list[int]], list[int]]:
    return double


def pool(jobs: int = 1, timeout: float | None = 1.0) -> Pool[int, object]:
    return Pool(jobs, timeout, init, (), lambda t: ("late", t), lambda t, why: ("died", t, why))


def test_only_the_task_over_budget_fails_and_its_batch_mates_are_redone() -> None:
    started = time.monotonic()
    with pool() as workers:
        results = dict(workers.map([[1, 2, -1, 3], [4]]))
    assert results == {1: 2, 2: 4, 3: 6, 4: 8, -1: ("late", -1)}
    assert time.monotonic() - started < 20


def test_a_crash_fails_only_its_task() -> None:
    with pool(jobs=2) as workers:
        results = dict(workers.map([[1, -2, 3], [5, 6]]))
    assert results == {1: 2, 3: 6, 5: 10, 6: 12, -2: ("died", -2, "exit code 3")}


def test_a_worker_that_died_while_idle_is_replaced() -> None:
    with pool() as workers:
        assert dict(workers.map([[1]])) == {1: 2}
        (worker,) = workers.workers
        worker.process.kill()
        worker.process.join()
        assert dict(workers.map([[2], [3]])) == {2: 4, 3: 6}


def test_without_a_budget_slow_tasks_are_waited_for() -> None:
    with pool(timeout=None) as workers:
        assert dict(workers.map([[1, 2]])) == {1: 2, 2: 4}
    assert workers.workers == []


def slowly(batch: list[int]) -> Iterator[int]:
    for task in batch:
        time.sleep(0.3)
        yield task * 2


def init_slowly() -> Callable[[list[int]], Iterator[int]]:
    return slowly


def test_results_stream_as_each_task_finishes_and_each_restarts_the_budget() -> None:
    # Four tasks of 0.3 s in one batch: 1.2 s in all, over the 0.8 s budget, but each result
    # comes within it. The first arrives long before the batch is done.
    arrived: dict[int, float] = {}
    with Pool(1, 0.8, init_slowly, (), lambda t: ("late", t), lambda t, why: ("died", t)) as p:
        start = time.monotonic()
        for task, result in p.map([[1, 2, 3, 4]]):
            assert result == task * 2
            arrived[task] = time.monotonic() - start
    assert list(arrived) == [1, 2, 3, 4]
    assert arrived[1] < 0.75 < 1.0 < arrived[4]
