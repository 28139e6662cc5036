"""What a page shows, read off an output: the timeline's order and safe link targets."""

from __future__ import annotations

import pytest

from pipeline.view.page import _timex_key, safe_href


def test_timeline_orders_values_by_where_they_start() -> None:
    values = ["2025-06-17", "2025-SP", "2026", "2025-Q1", "199", "2024-W52", "2025", "2025-06"]
    values += ["2025-06-17T10:00", "XXXX-06", "19", "2025-H2", "2025-FA"]
    assert sorted(values, key=_timex_key) == [
        "19",
        "199",
        "2024-W52",
        "2025",
        "2025-Q1",
        "2025-SP",
        "2025-06",
        "2025-06-17",
        "2025-06-17T10:00",
        "2025-H2",
        "2025-FA",
        "2026",
        "XXXX-06",
    ]


@pytest.mark.parametrize(
    ("url", "safe"),
    [
        ("https://example.org/a?b=1", True),
        ("http://example.org", True),
        ("mailto:desk@example.org", True),
        ("javascript:alert(1)", False),
        (" JavaScript:alert(1)", False),
        ("data:text/html,<script>alert(1)</script>", False),
        ("vbscript:msgbox", False),
        ("//example.org/no-scheme", False),
    ],
)
def test_only_web_and_mail_links_are_followed(url: str, safe: bool) -> None:
    assert (safe_href(url) is not None) is safe
