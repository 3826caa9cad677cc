"""List labels at the start of a line: ``1.``, ``1-``, ``1/``, ``2.1.``, ``II.``,
``a)``, ``(1)``, ``Một là,``, ``Thứ nhất,``, ``-``, ``+``, ``*``.

Shared by the segmenter (headings, numbered findings) and the directive tree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .resources import load_rules

BULLET_MARKS = "-–—+•·*∙➢▪►"  # the marks a list item may open with (the .docx reader draws these too)
BULLET_STYLES = ("dash", "plus", "star", "bullet")  # the styles of the labels those marks open

# Arabic numbers are at most two digits per part so that a wrapped line starting
# with a year or a ratio ("2030; ...", "06/11 xã") is never read as a label, nor
# one starting with a date written with dots ("30.9.2025.") or a number's
# digits ("27.8-2025/BCTT", "7.048.202 đồng": a label's stop has no digit right
# after it), nor a Party document's symbol wrapped to a line's start ("01-HD/TĐTN");
# a slash counts only before a space ("1/ Giao ...", "a/ Sở X ..."); a decimal
# label may go without its final stop ("2.1 Theo dõi ...").
_LABEL = re.compile(
    r"""^[ ]*(?:
        (?P<roman>(?:X{0,3})(?:IX|IV|V?I{0,3}))[.)/]\s+ |
        (?!\d{1,2}\.\d{1,2}\.\d{4}(?!\d))(?P<num>\d{1,2}(?:\.\d{1,2}){0,3})
            (?:[.)](?!\d)|/(?=\s)|\s*[-–](?!\d|[A-ZĐ]{1,10}/)|(?<=\.\d)(?=\s+[^\W\d_])|(?<=\.\d\d)(?=\s+[^\W\d_])) |
        (?P<alpha>[a-zđ])[)./](?=\s) |
        \((?P<paren>\d{1,2})\)(?=\s) |
        (?P<bullet>[""" + re.escape(BULLET_MARKS) + r"""])(?=\s|[^\s\d-])
    )[ ]*""",
    re.X,
)


@lru_cache(maxsize=1)
def _ordinal() -> tuple[re.Pattern, dict[str, int]]:
    """``Một là,`` / ``Thứ nhất,``: the words of ``rules/segments.yaml``
    (``ordinal_labels``), each standing for its place in its list."""
    r = load_rules("segments")["ordinal_labels"]
    counts = {f"{w} là": n for n, w in enumerate(r["counted_is"], 1)}
    counts.update({f"thứ {w}": n for n, w in enumerate(r["ordinal"], 1)})
    alt = "|".join(re.escape(k).replace(r"\ ", r"\s+") for k in sorted(counts, key=len, reverse=True))
    # a weekday before its date ("Thứ hai, ngày 05/01/2026") is no label
    pat = re.compile(r"^[ ]*(?P<ord>" + alt + r")\s*[,:.]\s+(?!ngày\b|\d)", re.IGNORECASE)
    return pat, counts


@dataclass(frozen=True)
class Label:
    text: str  # the label as printed, trimmed ("1.", "-", "+", "II.")
    style: str  # roman | num | alpha | paren | ordinal | dash | plus | star | bullet
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
        pattern, counts = _ordinal()
        o = pattern.match(line)
        if not o:
            return None
        count = counts[" ".join(o.group("ord").lower().split())]
        return Label(line[: o.end()].strip(), "ordinal", str(count), o.end())
    if m.group("roman"):
        if not m.group("roman").strip():
            return None
        style, value = "roman", m.group("roman")
    elif m.group("num"):
        style, value = "num", m.group("num")
    elif m.group("alpha"):
        style, value = "alpha", m.group("alpha")
    elif m.group("paren"):
        style, value = "paren", m.group("paren")
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
