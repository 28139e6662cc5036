"""`pipeline view`: the facts of an output folder as a static HTML site that opens from disk."""

from __future__ import annotations

from pipeline.view.site import ViewReport, build_site

__all__ = ["ViewReport", "build_site"]
