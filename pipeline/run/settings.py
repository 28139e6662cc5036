"""What a run depends on (Settings) and how it treats the output folder (Options)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from pipeline.write import history

DEFAULT_TIMEOUT = 120.0
ExecutorName = Literal["local", "dask"]


@dataclass(frozen=True)
class Settings:
    """What a run's output depends on, besides the source bytes and the code."""

    model: str | None = None
    published: dt.date | None = None

    @property
    def model_name(self) -> str:
        if self.model:
            return self.model
        from pipeline.extract.nlp import default_model

        return default_model()

    def recorded(self) -> dict[str, str | None]:
        """The settings written into each output."""
        return {"published": self.published.isoformat() if self.published else None}

    def by_stage(self) -> dict[str, dict[str, str | None]]:
        """The settings each stage reads: part of the cache key."""
        return {
            "clean": {},
            "extract": {"model": self.model_name, **self.recorded()},
            "validate": {},
            "write": {},
        }


@dataclass(frozen=True)
class Options:
    """How a run treats what is already in the output folder, and where it does the work."""

    force: bool = False
    """Redo every source, up to date or not."""
    keep_orphans: bool = False
    """Keep outputs whose source is gone (by default they are removed)."""
    history: int = history.DEFAULT_KEEP
    """How many earlier versions of each output to keep in OUT/.history/."""
    wait: float = 60.0
    """Seconds to wait for another run on the same output folder."""
    jobs: int = 1
    """Worker processes for cleaning and extraction (with Dask: a local cluster's workers)."""
    timeout: float = DEFAULT_TIMEOUT
    """Seconds one source may take to clean, extract and validate; 0: no budget (in-process)."""
    executor: ExecutorName = "local"
    """Where the work runs: this machine's processes, or a Dask cluster."""
    address: str | None = None
    """The Dask scheduler (tcp://host:8786); None: a local cluster of `jobs` workers."""
