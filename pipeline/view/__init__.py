"""`pipeline view`: the facts of an output folder as a static HTML site that opens from disk.

Jinja2 (and MarkupSafe, which it brings) are the optional `view` extra: they are imported only
when a site is built, after checking they are there.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.export.read import require

if TYPE_CHECKING:
    from pipeline.view.site import ViewReport

__all__ = ["build_site"]


def build_site(out: Path, site: Path, title: str | None = None) -> ViewReport:
    """Render every document in `out` into `site` (see pipeline.view.site)."""
    for module in ("jinja2", "markupsafe"):
        require(module, "view", "view")
    from pipeline.view.site import build_site as build

    return build(out, site, title)
