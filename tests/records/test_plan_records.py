"""Planning a container: per-record verdicts and orphans, without running any stage."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from pipeline.cachekey import cache_key
from pipeline.run import Settings, make_plan
from pipeline.sources import SourceFile
from pipeline.write.manifest import Entry, Manifest

SETTINGS = Settings(model="en_core_web_sm")


def lines(keys: list[str]) -> bytes:
    return "".join(json.dumps({"id": k, "text": f"Story {k}. " * 50}) + "\n" for k in keys).encode()


def plan_for(path: Path, out: Path, root: Path) -> tuple[list[str], list[str], list[str]]:
    """(outputs to run, outputs up to date, orphans) of a plan over `path` found under `root`."""
    rel = path.relative_to(root).as_posix() if root.is_dir() else path.name
    plan = make_plan(out, [SourceFile(path, rel)], [root], SETTINGS)
    todo = [i.output for i in plan.items if i.error is None and not i.verdict.fresh]
    fresh = [i.output for i in plan.items if i.error is None and i.verdict.fresh]
    return todo, fresh, plan.orphans


def pretend_done(out: Path, path: Path, root: Path) -> None:
    """Record every record of `path` in the manifest as done, with an output file."""
    rel = path.relative_to(root).as_posix() if root.is_dir() else path.name
    plan = make_plan(out, [SourceFile(path, rel)], [root], SETTINGS)
    manifest = Manifest.load(out)
    for item in plan.items:
        assert item.error is None
        target = out / item.output
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(b"{}")
        manifest.record(
            item.output,
            Entry(
                source=rel,
                root=item.root,
                root_kind=item.root_kind,
                source_sha256=item.sha256,
                config=plan.config.id,
                key=cache_key(item.sha256, plan.config),
                output_sha256="44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a",
                written="2024-01-01T00:00:00+00:00",
                record=item.source.key,  # type: ignore[attr-defined]
            ),
            plan.config,
        )
    manifest.save()


def test_a_file_given_alone_loses_its_removed_lines(tmp_path: Path) -> None:
    out, path = tmp_path / "out", tmp_path / "c.jsonl"
    out.mkdir()
    path.write_bytes(lines(["a", "b", "gone"]))
    pretend_done(out, path, path)
    assert plan_for(path, out, path) == ([], ["c/a.json", "c/b.json", "c/gone.json"], [])
    path.write_bytes(lines(["a", "b"]).replace(b"Story b", b"Story B"))
    assert plan_for(path, out, path) == (["c/b.json"], ["c/a.json"], ["c/gone.json"])


def test_a_truncated_file_orphans_nothing(tmp_path: Path) -> None:
    raw, out = tmp_path / "raw", tmp_path / "out"
    raw.mkdir()
    out.mkdir()
    path = raw / "c.jsonl.gz"
    data = gzip.compress(lines([f"s{i}" for i in range(30)]))
    path.write_bytes(data)
    pretend_done(out, path, raw)
    path.write_bytes(data[: len(data) // 2])
    todo, fresh, orphans = plan_for(path, out, raw)
    assert todo == [] and 0 < len(fresh) < 30 and orphans == []
    path.unlink()  # the whole file gone: every record is an orphan
    plan = make_plan(out, [], [raw], SETTINGS)
    assert len(plan.orphans) == 30


def test_a_plan_holds_no_article_text_and_reads_it_back_in_order(tmp_path: Path) -> None:
    from pipeline.records.plan import chunked, with_bodies

    out, path = tmp_path / "out", tmp_path / "c.jsonl"
    path.write_bytes(lines(["a", "b", "c", "d"]))
    plan = make_plan(out, [SourceFile(path, path.name)], [path], SETTINGS)
    assert all(i.record is not None and i.record.body == b"" for i in plan.items)
    todo = [i for i in plan.items if i.output != "c/b.json"]
    path.write_bytes(lines(["a", "c"]).replace(b"Story c", b"Story C"))  # changed meanwhile
    batches = list(chunked(with_bodies(todo), 2))
    assert [len(b) for b in batches] == [2, 1]
    a, c, d = (item for batch in batches for item in batch)
    assert a.record is not None and a.record.body.startswith(b"Story a") and a.error is None
    assert c.record is not None and c.record.body.startswith(b"Story C")
    assert c.sha256 == c.record.sha256  # the bytes actually used
    assert d.error is not None and "no longer in its file" in str(d.error)
