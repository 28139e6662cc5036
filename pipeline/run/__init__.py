"""Run the stages over many sources: clean -> extract -> validate -> write.

- `plan`: what to do with each source (the manifest's verdict), without loading spaCy;
- `process`: the work on one source, bytes in, Document JSON bytes out (any process);
- `executors` / `cluster`: where that work runs (here, forked workers, a Dask cluster);
- `store`: writing outputs, history and the manifest (only the driver);
- `runner`: the driver tying them together under OUT's lock.
"""

from pipeline.run.executors import BATCH_SIZE, Executor
from pipeline.run.items import Outcome, Plan, Planned, Report, Result, Status
from pipeline.run.plan import make_plan
from pipeline.run.process import PIPE_SIZE, Task, reference_date
from pipeline.run.runner import Runner
from pipeline.run.settings import DEFAULT_TIMEOUT, Options, Settings
from pipeline.run.store import ERRORS_LOG

__all__ = [
    "BATCH_SIZE",
    "DEFAULT_TIMEOUT",
    "ERRORS_LOG",
    "PIPE_SIZE",
    "Executor",
    "Options",
    "Outcome",
    "Plan",
    "Planned",
    "Report",
    "Result",
    "Runner",
    "Settings",
    "Status",
    "Task",
    "make_plan",
    "reference_date",
]
