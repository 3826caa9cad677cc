"""Helpers for compiling the cue patterns of ``rules/*.yaml``."""

from __future__ import annotations

import re

_PLAIN_WORDS = re.compile(r"[^\W\d_][^\W\d_ ?]*(?: \??[^\W\d_]+)*")


def first_letter_guard(patterns: list[str]) -> str:
    """``(?=[..])`` of the first letters of plain word patterns ("nơi ?nhận",
    "ban thường vụ"). Put before an alternation of them, it lets the engine skip
    every other position fast with the same matches; "" when a pattern is not
    that simple (its first character could be optional or a class)."""
    firsts = set()
    for p in patterns:
        if not _PLAIN_WORDS.fullmatch(p):
            return ""
        firsts.add(p[0])
    return "(?=[" + "".join(sorted(firsts)) + "])"
