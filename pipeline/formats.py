"""Source formats and the file extensions that name them.

Kept free of imports so that finding sources (which skips up-to-date ones without loading the
clean stage) and the clean stage read the same table.
"""

from __future__ import annotations

from typing import Literal

Format = Literal["html", "markdown", "text"]

FORMAT_BY_SUFFIX: dict[str, Format] = {
    ".html": "html",
    ".htm": "html",
    ".md": "markdown",
    ".markdown": "markdown",
    ".txt": "text",
}
