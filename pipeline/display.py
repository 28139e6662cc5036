"""Text from files (names, messages, facts) made safe to print on a terminal with rich."""

from __future__ import annotations

import re

from rich.markup import escape

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def shown(text: object) -> str:
    """Text safe to print: no terminal escape codes, no lone surrogates, no rich markup.

    File names and messages can hold anything (`[/x]`, ESC sequences, undecodable bytes);
    each such character is shown as its escape (`\\x1b`, `\\udcff`).
    """
    value = str(text).encode("utf-8", "backslashreplace").decode("utf-8")
    value = _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", value)
    return escape(value)
