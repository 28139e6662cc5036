"""The driver's side of a run: writing outputs atomically, history, the manifest, the errors log.

Only the process holding OUT's lock writes here; workers hand back bytes (see process.py).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import os
import re
import time
from pathlib import Path

from pipeline.cachekey import Config, cache_key
from pipeline.errors import InternalError, OutputError, PipelineError
from pipeline.run.items import Outcome, Planned, Result
from pipeline.run.process import failure
from pipeline.write import history
from pipeline.write.atomic import write_atomic
from pipeline.write.manifest import Entry, Manifest
from pipeline.write.paths import confined

ERRORS_LOG = ".pipeline-errors.log"
"""OUT/.pipeline-errors.log: the traceback of each internal error, never shown on screen."""
SAVE_SECONDS = 2.0
"""Save the manifest at most this often during a run: a killed run loses ~2 s of work."""
SAVE_SHARE = 0.1
"""...and at most this share of the driver's time: a manifest of a million outputs takes seconds
to rewrite, so the interval grows with what one save took."""
_TEMPORARY = re.compile(r"^\..+\.[A-Za-z0-9_]{6,}\.tmp$")
"""Names write_atomic gives its temporary files."""


class Store:
    """OUT and its manifest, as one run (holding the lock) changes them."""

    def __init__(self, out: Path, manifest: Manifest, config: Config, keep: int) -> None:
        self.out = out
        self.manifest = manifest
        self.config = config
        self.keep_history = keep
        self.saved = 0
        """Outputs this run has written so far (what an interrupted run can say it saved)."""
        self._saved_at = time.monotonic()
        self._save_every = SAVE_SECONDS

    def finish(self, item: Planned, outcome: Outcome) -> Result:
        """Write one source's outcome: its output, or its failure (its old output removed)."""
        if outcome.sha256 != item.sha256:
            item.sha256, item.source_stat = outcome.sha256, None
        reasons = item.verdict.reasons
        if outcome.traceback is not None:
            self.log_error(item, outcome)
        if outcome.error is not None or outcome.data is None:
            self.remove(item.output)
            error = outcome.error or InternalError("internal error in run: no document")
            return Result(item.source, "failed", error=error, reasons=reasons)
        try:
            return self._store(item, outcome.data)
        except Exception as exc:  # a bug in writing: this source's failure, not the run's
            failed = failure(item.sha256, "write", exc)
            self.log_error(item, failed)
            return Result(item.source, "failed", error=failed.error, reasons=reasons)

    def _store(self, item: Planned, data: bytes) -> Result:
        source = item.source
        reasons = item.verdict.reasons
        try:
            target = confined(self.out, item.output)
            previous = self._previous(item.output)
            if previous != data:
                if previous is not None:
                    self._keep_previous(item.output, previous)
                write_atomic(target, data)
                self.saved += 1
        except PipelineError as exc:
            return Result(source, "failed", error=exc, reasons=reasons)
        except OSError as exc:
            error = OutputError(
                f"cannot write output: {exc.strerror or exc}",
                hint="check that the output folder is writable and the disk is not full",
            )
            return Result(source, "failed", error=error, reasons=reasons)
        self.record_entry(item, hashlib.sha256(data).hexdigest(), _now())
        if previous == data:
            return Result(source, "unchanged", reasons=reasons, rechecked=True)
        created = previous is None
        return Result(source, "written", target, None, data, reasons, previous, created)

    def _keep_previous(self, output: str, previous: bytes) -> None:
        try:
            self._keep(output, _doc_id(output), previous)
        except OSError as exc:
            raise OutputError(
                f"cannot keep the previous output in {history.HISTORY_DIR}/ "
                f"({exc.strerror or exc}); the previous output is left in place",
                hint="make OUT/.history writable, or run with --history 0",
            ) from exc

    def _previous(self, output: str) -> bytes | None:
        try:
            return confined(self.out, output).read_bytes()
        except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
            return None

    def log_error(self, item: Planned, outcome: Outcome) -> None:
        """Append an internal error's traceback to OUT/.pipeline-errors.log (best effort)."""
        text = (
            f"--- {_now()} {item.source.label}\n{outcome.error}\n{outcome.traceback or ''}\n"
        ).encode("utf-8", "backslashreplace")
        try:
            path = confined(self.out, ERRORS_LOG)
            fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_NOFOLLOW, 0o644)
        except (OSError, PipelineError):
            return
        try:
            os.write(fd, text)
        except OSError:
            pass
        finally:
            os.close(fd)

    def record_entry(
        self, item: Planned, output_sha: str, written: str, output_stat: list[int] | None = None
    ) -> None:
        entry = Entry(
            source=item.source.rel,
            root=item.root,
            root_kind=item.root_kind,
            source_sha256=item.sha256,
            config=self.config.id,
            key=cache_key(item.sha256, self.config),
            output_sha256=output_sha,
            written=written,
            source_stat=item.source_stat,
            output_stat=output_stat,
            record=getattr(item.source, "key", None) or None,
        )
        self.manifest.record(item.output, entry, self.config)
        now = time.monotonic()
        if now - self._saved_at >= self._save_every:
            with contextlib.suppress(OSError):  # tried again (and reported) at the end
                self.manifest.save()
            self._saved_at = time.monotonic()
            self._save_every = max(SAVE_SECONDS, (self._saved_at - now) / SAVE_SHARE)

    def _keep(self, output: str, doc_id: str, data: bytes) -> None:
        """Put an output about to be replaced or removed into OUT/.history/."""
        entry = self.manifest.entries.get(output)
        written: dt.datetime | None = None
        if entry is not None and entry.output_sha256 == hashlib.sha256(data).hexdigest():
            with contextlib.suppress(ValueError):
                written = dt.datetime.fromisoformat(entry.written)
        if written is None:  # edited or untracked: the file's own time is all we know
            stamp = confined(self.out, output).stat().st_mtime
            try:
                written = dt.datetime.fromtimestamp(stamp, dt.UTC)
            except (OverflowError, ValueError, OSError):  # a time set far out of range
                written = dt.datetime.now(dt.UTC)
        history.keep(self.out, doc_id, data, written, self.keep_history)

    def remove(self, output: str) -> str | None:
        """Remove a stale output (its source is gone or failed), keeping it in history first.

        Returns why it could not be removed (then it is left in place), None when done.
        """
        try:
            target = confined(self.out, output)
            previous = self._previous(output)
            if previous is not None:
                self._keep(output, _doc_id(output), previous)
                with contextlib.suppress(FileNotFoundError):
                    target.unlink()
                _remove_empty_folders(target.parent, self.out)
        except PipelineError as exc:
            return str(exc)
        except OSError as exc:
            return f"{exc.strerror or exc}"
        self.manifest.drop(output)
        return None


def remove_temporaries(out: Path) -> None:
    """Temporary files a killed run left behind (only called while holding the lock)."""
    for folder, _dirs, files in os.walk(out):
        for name in files:
            if _TEMPORARY.match(name):
                with contextlib.suppress(OSError):
                    os.unlink(os.path.join(folder, name))


def _doc_id(output: str) -> str:
    """The document id of an output name: the name without `.json`."""
    return output[: -len(".json")] if output.endswith(".json") else output


def _remove_empty_folders(folder: Path, top: Path) -> None:
    top = top.resolve()
    while folder.resolve() != top and top in folder.resolve().parents:
        try:
            folder.rmdir()
        except OSError:
            return
        folder = folder.parent


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")
