"""The working text every extractor reads, with an exact map back to the source.

Extractors never see the decoded source directly: they read ``Doc.text``, a
normalised copy in which

* NFD sequences are composed (NFC) and the tone mark of open ``oa``/``oe``/``uy``
  sits on the first vowel (``uỷ`` -> ``ủy``, ``hoá`` -> ``hóa``), so one pattern
  matches both spellings;
* ``\\r\\n`` / ``\\r`` become ``\\n``; tabs, non-breaking and other odd spaces become
  a plain space; zero-width characters and the BOM disappear;
* HTML entities left by scraping (``&amp;``, ``&nbsp;``) become their character;
* Markdown left by conversion disappears: heading marks ``#`` at line start,
  ``**``/``__`` bold marks and ``*emphasis*`` stars (a ``*`` used as a bullet or
  as the star of a Party header stays).

Each working character remembers the source range it came from, so a span found
in the working text maps back to source offsets with ``Doc.source_span`` and
``source_text[start:end]`` is exactly the printed characters (Markdown marks
inside the span included).
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property

ZERO_WIDTH = {"\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"}
SPACE_LIKE = {"\t", "\u00a0", "\u2002", "\u2003", "\u2009", "\u202f", "\u3000", "\u2007", "\u2005"}
_ENTITY = re.compile(r"&(?:#\d{1,6}|#x[0-9a-fA-F]{1,5}|[a-zA-Z]{2,8});")

# Tone placement: move the mark from the second to the first vowel of an open
# oa / oe / uy ("hoá" -> "hóa", "uỷ" -> "ủy"). Built from the decomposed forms so
# the table covers every tone and case.
_TONES = ["\u0301", "\u0300", "\u0309", "\u0303", "\u0323"]


def _build_tone_table() -> dict[str, str]:
    table: dict[str, str] = {}
    for first, second in (("o", "a"), ("o", "e"), ("u", "y")):
        for f, s in ((first, second), (first.upper(), second.upper()), (first.upper(), second)):
            for tone in _TONES:
                old = f + unicodedata.normalize("NFC", s + tone)
                new = unicodedata.normalize("NFC", f + tone) + s
                table[old] = new
    return table


TONE_TABLE = _build_tone_table()
_TONE_RE = re.compile("|".join(sorted(TONE_TABLE, key=len, reverse=True)))
_LETTER = re.compile(r"\w")


def normalise_tone(s: str) -> str:
    """Old-style tone placement to the first vowel, for open syllables only."""

    def repl(m: re.Match) -> str:
        end = m.end()
        before = s[m.start() - 1] if m.start() > 0 else ""
        after = s[end] if end < len(s) else ""
        if after and _LETTER.match(after):
            return m.group(0)  # closed syllable: "toàn", "khuyến" keep their mark
        if before.lower() == "q" and m.group(0)[0] in "uU":
            return m.group(0)  # "quý": the u belongs to the consonant qu
        return TONE_TABLE[m.group(0)]

    return _TONE_RE.sub(repl, s)


@dataclass
class Doc:
    """Decoded source text plus the normalised working text and its offset map."""

    source: str
    text: str
    starts: list[int]  # source offset where each working char begins
    ends: list[int]  # source offset where each working char ends
    line_starts: list[int] = field(default_factory=list)

    # --- offsets -----------------------------------------------------------
    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a working-text span [start, end) to a source span."""
        if end <= start:
            pos = self.starts[start] if start < len(self.starts) else len(self.source)
            return (pos, pos)
        return (self.starts[start], self.ends[end - 1])

    def ground(self, start: int, end: int) -> tuple[str, tuple[int, int]]:
        """Source text and source span for a working-text span."""
        s, e = self.source_span(start, end)
        return self.source[s:e], (s, e)

    def working_offset(self, source_offset: int) -> int:
        """First working char at or after a source offset (for tests and audit)."""
        import bisect

        return bisect.bisect_left(self.starts, source_offset)

    # --- lines -------------------------------------------------------------
    @cached_property
    def lines(self) -> list[str]:
        return self.text.split("\n")

    def line_of(self, offset: int) -> int:
        """1-based line number of a working-text offset."""
        import bisect

        return bisect.bisect_right(self.line_starts, offset)

    def line_span(self, lineno: int) -> tuple[int, int]:
        start = self.line_starts[lineno - 1]
        return start, start + len(self.lines[lineno - 1])


def _entity_char(entity: str) -> str | None:
    out = html.unescape(entity)
    return out if out != entity and len(out) == 1 else None


def build_doc(source: str) -> Doc:
    """Normalise ``source`` into a ``Doc`` (see module doc for what changes)."""
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []

    def emit(chars: str, s: int, e: int) -> None:
        for ch in chars:
            out.append(ch)
            starts.append(s)
            ends.append(e)

    i, n = 0, len(source)
    while i < n:
        ch = source[i]
        if ch == "\r":
            if i + 1 < n and source[i + 1] == "\n":
                emit("\n", i, i + 2)
                i += 2
            else:
                emit("\n", i, i + 1)
                i += 1
            continue
        if ch in ZERO_WIDTH:
            i += 1
            continue
        if ch in SPACE_LIKE:
            emit(" ", i, i + 1)
            i += 1
            continue
        if ch == "&":
            m = _ENTITY.match(source, i)
            if m:
                rep = _entity_char(m.group(0))
                if rep is not None:
                    emit(" " if rep in SPACE_LIKE else rep, i, m.end())
                    i = m.end()
                    continue
        # a base character with its combining marks composes to one cluster
        j = i + 1
        while j < n and unicodedata.combining(source[j]):
            j += 1
        cluster = source[i:j]
        if j - i > 1 or not cluster.isascii():
            cluster = unicodedata.normalize("NFC", cluster)
        if len(cluster) == 1 or j - i == 1:
            emit(cluster, i, j)
        else:  # a composition that stays several chars: spread the map over them
            for k, c in enumerate(cluster):
                emit(c, i, j)
        i = j

    text = "".join(out)
    text, starts, ends = _apply_tone(text, starts, ends)
    text, starts, ends = _strip_markdown(text, starts, ends)
    line_starts = [0]
    for k, c in enumerate(text):
        if c == "\n":
            line_starts.append(k + 1)
    return Doc(source=source, text=text, starts=starts, ends=ends, line_starts=line_starts)


def _apply_tone(text: str, starts: list[int], ends: list[int]):
    # Length-preserving, but the two swapped chars now share one source range so
    # that a span can never split what was printed as one syllable part.
    new = normalise_tone(text)
    if new == text:
        return text, starts, ends
    starts, ends = starts[:], ends[:]
    k = 0
    while k < len(new) - 1:
        if text[k] != new[k]:  # the vowel pair k, k+1 changed together
            lo, hi = starts[k], ends[k + 1]
            starts[k] = starts[k + 1] = lo
            ends[k] = ends[k + 1] = hi
            k += 2
        else:
            k += 1
    return new, starts, ends


_HEADING = re.compile(r"^[ ]{0,3}#{1,6}[ ]+", re.M)
_BOLD = re.compile(r"\*\*|__")
# a single star that opens emphasis (before a non-space) or closes it (after a
# non-space); a star followed by a space at line start is a bullet and stays.
_EMPH_OPEN = re.compile(r"(?:(?<=^)|(?<=[\s(\[“\"'–-]))\*(?=[^\s*])", re.M)
_EMPH_CLOSE = re.compile(r"(?<=[^\s*])\*(?=$|[\s,.;:)\]”\"'!?–-])", re.M)


def _strip_markdown(text: str, starts: list[int], ends: list[int]):
    drop = bytearray(len(text))
    for m in _HEADING.finditer(text):
        for k in range(m.start(), m.end()):
            drop[k] = 1
    for m in _BOLD.finditer(text):
        drop[m.start()] = drop[m.start() + 1] = 1
    # emphasis: only remove stars that pair up on the same line, so a lone star
    # (Party header decoration, a footnote mark) is never lost
    for lm in re.finditer(r"[^\n]+", text):
        line_start = lm.start()
        line = lm.group(0)
        opens = [m.start() for m in _EMPH_OPEN.finditer(line) if not drop[line_start + m.start()]]
        closes = [m.start() for m in _EMPH_CLOSE.finditer(line) if not drop[line_start + m.start()]]
        stack: list[int] = []
        events = sorted([(p, "o") for p in opens] + [(p, "c") for p in closes])
        used: set[int] = set()
        for p, kind in events:
            if p in used:
                continue
            if kind == "o" and p not in closes:
                stack.append(p)
            elif kind == "c" and stack:
                o = stack.pop()
                used.update((o, p))
                drop[line_start + o] = drop[line_start + p] = 1
            elif kind == "o":
                stack.append(p)
    if not any(drop):
        return text, starts, ends
    keep = [k for k in range(len(text)) if not drop[k]]
    return "".join(text[k] for k in keep), [starts[k] for k in keep], [ends[k] for k in keep]


# --- value cleaning ------------------------------------------------------------
_WS = re.compile(r"\s+")
_EDGE = re.compile(r"^[\s,.;:/\-–—+*|]+|[\s,.;:/\-–—+*|]+$")


def clean_value(s: str) -> str:
    """Collapse whitespace and trim list/edge punctuation of a value string."""
    s = _WS.sub(" ", s)
    return _EDGE.sub("", s)
