"""List labels at the start of a line: ``1.``, ``1-``, ``2.1.``, ``II.``, ``a)``, ``-``, ``+``, ``*``.

Shared by the segmenter (headings, numbered findings) and the directive tree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Arabic numbers are at most two digits per part so that a wrapped line starting
# with a year or a ratio ("2030; ...", "06/11 xã") is never read as a label.
_LABEL = re.compile(
    r"""^[ ]*(?:
        (?P<roman>(?:X{0,3})(?:IX|IV|V?I{0,3}))[.)]\s+ |
        (?P<num>\d{1,2}(?:\.\d{1,2}){0,3})(?:[.)]|\s*[-–](?!\d))(?=\s|\S) |
        (?P<alpha>[a-zđ])[).](?=\s) |
        (?P<bullet>[-–—+•·*∙➢▪►])(?=\s|[^\s\d-])
    )[ ]*""",
    re.X,
)


@dataclass(frozen=True)
class Label:
    text: str  # the label as printed, trimmed ("1.", "-", "+", "II.")
    style: str  # roman | num | alpha | dash | plus | star | bullet
    value: str  # "2" for "2-", "1.1" for "1.1.", "II" for "II.", the mark otherwise
    end: int  # offset in the line where the item text starts

    @property
    def depth_hint(self) -> int:
        """Parts of a dotted number (``1.2.`` -> 2); 1 for everything else."""
        return self.value.count(".") + 1 if self.style == "num" else 1


# A page number on a line of its own ("2", "- 2 -", "Trang 2/3"): page
# furniture between a document's paragraphs, never an item
PAGE_NUMBER = re.compile(r"^\s*(?:[-–—]\s*\d{1,4}\s*[-–—]|\d{1,4}|Trang\s+\d{1,4}(?:\s*/\s*\d{1,4})?)\s*$", re.I)


def match_label(line: str) -> Label | None:
    if PAGE_NUMBER.match(line):
        return None
    m = _LABEL.match(line)
    if not m:
        return None
    if m.group("roman"):
        if not m.group("roman").strip():
            return None
        style, value = "roman", m.group("roman")
    elif m.group("num"):
        style, value = "num", m.group("num")
    elif m.group("alpha"):
        style, value = "alpha", m.group("alpha")
    else:
        mark = m.group("bullet")
        style = {"-": "dash", "–": "dash", "—": "dash", "+": "plus", "*": "star"}.get(mark, "bullet")
        value = mark
    end = m.end()
    if end >= len(line.rstrip()):
        return None if style != "num" else Label(line.strip(), style, value, end)
    text = line[: end].strip()
    return Label(text, style, value, end)


def roman_to_int(s: str) -> int:
    vals = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
    total = 0
    for a, b in zip(s, s[1:] + " "):
        v = vals[a]
        total += -v if b != " " and vals.get(b, 0) > v else v
    return total
