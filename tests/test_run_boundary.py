"""One boundary per source: any exception, hang or crash fails that source only.

Faults are injected with monkeypatch; on Linux the workers are forked from the test process,
so they see the patches.
"""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest
from test_incremental import make_sources, outputs, run

import pipeline.clean
from pipeline.validate.check import check_file
from pipeline.workers import start_method

needs_fork = pytest.mark.skipif(
    start_method() != "fork", reason="faults are injected into forked workers"
)

MANY = {f"s{i:02}.txt": f"Story {i}. Ana Ruiz said on Monday the budget grew.\n" for i in range(40)}


def fail_on(marker: str, fault: object) -> object:
    """A clean_source that runs `fault` for sources containing `marker`, else the real one."""
    real = pipeline.clean.clean_source

    def clean_source(data: bytes, fmt: str) -> object:
        if marker.encode() in data:
            if isinstance(fault, BaseException):
                raise fault
            assert callable(fault)
            fault()
        return real(data, fmt)  # type: ignore[arg-type]

    return clean_source


@pytest.mark.parametrize("timeout", ["0", "120"], ids=["in-process", "worker"])
@needs_fork
def test_an_unexpected_exception_fails_one_source_of_a_batch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, timeout: str
) -> None:
    raw, out = tmp_path / "raw", tmp_path / "out"
    make_sources(raw, {**MANY, "s17.txt": "Story 17 <meta charset=rot13>.\n"})
    monkeypatch.setattr(
        pipeline.clean, "clean_source", fail_on("rot13", LookupError("unknown encoding: rot13"))
    )
    result = run(raw, "--out", out, "--timeout", timeout)
    assert result.exit_code == 1
    assert "40 sources: 39 written, 0 unchanged, 1 failed" in result.output
    assert "s17.txt: internal error in clean: LookupError: unknown encoding: rot13" in (
        result.output
    )
    assert "Traceback" not in result.output and ".pipeline-errors.log" in result.output
    log = (out / ".pipeline-errors.log").read_text()
    assert "Traceback" in log and "s17.txt" in log and "LookupError" in log
    assert len(outputs(out)) == 39 and "s17.json" not in outputs(out)


@needs_fork
def test_an_exception_in_extraction_or_validation_is_that_sources_failure(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pipeline.extract.nlp
    import pipeline.validate.assemble

    raw, out = tmp_path / "raw", tmp_path / "out"
    make_sources(raw, {**MANY, "x.txt": "Extract trap here.\n", "y.txt": "Validate trap here.\n"})
    real_doc, real_document = pipeline.extract.nlp.make_doc, pipeline.validate.assemble.to_document

    def make_doc(nlp, clean, date):  # type: ignore[no-untyped-def]
        if "Extract trap" in clean.text:
            raise AssertionError("E088 text too long")
        return real_doc(nlp, clean, date)

    def to_document(doc, clean, *args):  # type: ignore[no-untyped-def]
        if "Validate trap" in clean.text:
            raise RecursionError("maximum recursion depth exceeded")
        return real_document(doc, clean, *args)

    monkeypatch.setattr(pipeline.extract.nlp, "make_doc", make_doc)
    monkeypatch.setattr(pipeline.validate.assemble, "to_document", to_document)
    result = run(raw, "--out", out)
    assert "42 sources: 40 written, 0 unchanged, 2 failed" in result.output
    assert "x.txt: internal error in extract: AssertionError" in result.output
    assert "y.txt: internal error in validate: RecursionError" in result.output


@pytest.mark.parametrize("jobs", ["1", "2"])
@needs_fork
def test_a_source_over_the_time_budget_fails_and_the_run_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: str
) -> None:
    raw, out = tmp_path / "raw", tmp_path / "out"
    stories = {f"s{i}.txt": f"Story {i}: the council met on Monday.\n" for i in range(6)}
    make_sources(raw, {**stories, "s3.txt": "SLOW story: the council met on Monday.\n"})
    monkeypatch.setattr(pipeline.clean, "clean_source", fail_on("SLOW", lambda: time.sleep(60)))
    started = time.monotonic()
    result = run(raw, "--out", out, "--timeout", "1.5", "--jobs", jobs)
    took = time.monotonic() - started
    assert result.exit_code == 1
    assert "6 sources: 5 written, 0 unchanged, 1 failed" in result.output
    assert "s3.txt: took longer than the 1.5 s budget for one source; stopped" in result.output
    assert "--timeout" in result.output  # the hint
    assert took < 30, took  # not the 60 s of the hang
    for name in outputs(out):
        check_file(out / name)


@needs_fork
def test_a_worker_that_dies_fails_only_the_source_it_was_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    raw, out = tmp_path / "raw", tmp_path / "out"
    make_sources(raw, {**MANY, "s05.txt": "CRASH in the worker.\n"})
    monkeypatch.setattr(
        pipeline.clean,
        "clean_source",
        fail_on("CRASH", lambda: os.kill(os.getpid(), signal.SIGKILL)),
    )
    result = run(raw, "--out", out)
    assert "40 sources: 39 written, 0 unchanged, 1 failed" in result.output
    assert "s05.txt: the worker process died on this source (killed by SIGKILL)" in result.output


def test_markup_and_escape_codes_in_names_and_messages_are_printed_literally(
    tmp_path: Path,
) -> None:
    raw, out = tmp_path / "raw[/x]", tmp_path / "out"
    make_sources(raw, {"bad\x1b[31mred.txt": "  \n", "ok [/b].txt": "The council met.\n"})
    result = run(raw, "--out", out)
    assert result.exit_code == 1, result.output
    assert "\x1b" not in result.output
    assert "bad\\x1b[31mred.txt" in result.output and "raw[/x]" in result.output
    assert "2 sources: 1 written, 0 unchanged, 1 failed" in result.output
    assert (out / "ok [/b].json").exists()


def test_spawned_workers_give_the_same_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where fork does not exist, each worker is spawned and loads the model itself."""
    import pipeline.workers

    raw = tmp_path / "raw"
    make_sources(raw)
    forked = run(raw, "--out", tmp_path / "forked")
    monkeypatch.setattr(pipeline.workers, "start_method", lambda: "spawn")
    spawned = run(raw, "--out", tmp_path / "spawned")
    assert "3 sources: 3 written" in forked.output and "3 sources: 3 written" in spawned.output
    assert outputs(tmp_path / "forked").keys() == outputs(tmp_path / "spawned").keys()
    for name in outputs(tmp_path / "forked"):
        assert (tmp_path / "spawned" / name).read_bytes() == (
            tmp_path / "forked" / name
        ).read_bytes()
