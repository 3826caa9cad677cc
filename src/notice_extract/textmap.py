"""The working text every extractor reads, with an exact map back to the source.

Extractors never see the decoded source directly: they read ``Doc.text``, a
normalised copy in which

* NFD sequences are composed (NFC) and the tone mark of open ``oa``/``oe``/``uy``
  sits on the first vowel (``uỷ`` -> ``ủy``, ``hoá`` -> ``hóa``), so one pattern
  matches both spellings;
* ``\\r\\n`` / ``\\r`` become ``\\n`` (and ``\\r\\r\\n``, a CRLF written once more
  through a text-mode file, one ``\\n``, not a line and a blank one); tabs, non-breaking and other odd spaces become
  a plain space; zero-width characters and the BOM disappear;
* HTML tags left by scraping disappear (``<p>``, ``<br>``, ``<strong>``: a
  block's edge between two words on a line stands for a space);
* look-alike characters become the text's own (``Ð`` U+00D0 -> ``Đ``, a
  non-breaking hyphen -> ``-``, a full-width colon -> ``:``; ``LOOKALIKES``);
* HTML entities left by scraping (``&amp;``, ``&nbsp;``) become their character;
* Markdown left by conversion disappears: heading marks ``#`` at line start,
  ``**``/``__`` bold marks and ``*emphasis*`` stars (a ``*`` used as a bullet or
  as the star of a Party header stays);
* a double-spaced text (a blank line after every line of wrapped prose, as a
  converter that writes each line as a paragraph prints it) loses half the
  blank lines of each gap, so a blank line is again a paragraph's end
  (``_drop_line_spacing``; ``Doc.source_line`` numbers lines as the source does);
* the lines of a justified paragraph as pdftotext prints them (two to four
  blanks between words, every full line ending at one right margin) read with
  single blanks, so that no gap in a sentence passes for a column gap
  (``_close_justified_gaps``).

Each working character remembers the source range it came from, so a span found
in the working text maps back to source offsets with ``Doc.source_span`` and
``source_text[start:end]`` is exactly the printed characters (Markdown marks
inside the span included).
"""

from __future__ import annotations

import html
from array import array
import importlib.util
import math
import os
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from .offsetmap import OffsetBuilder, OffsetMap, inserted, kept_runs, replaced

ZERO_WIDTH = {"\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"}
# "\f" and "\v": pdftotext starts each page with a form feed ("\f2. Giao ...")
SPACE_LIKE = {"\t", "\f", "\v", "\u00a0", "\u2002", "\u2003", "\u2009", "\u202f", "\u3000", "\u2007", "\u2005"}
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

# The Vietnamese letters outside ASCII, lower and upper case (precomposed, NFC):
# for character classes of patterns that must tell case ("[a-z" + VI_LOWER + "]").
VI_LOWER = "àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ"
VI_UPPER = VI_LOWER.upper()
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
    starts: OffsetMap  # source offset where each working char begins
    ends: OffsetMap  # source offset where each working char ends
    line_starts: Sequence[int] = field(default_factory=list)  # working offset of each line
    # lines that held a page's number inside the text, emptied (``_drop_page_numbers``):
    # the gap they leave is no paragraph break
    page_breaks: frozenset[int] = frozenset()
    # source offsets of the blank lines of double spacing that were dropped
    # (``_drop_line_spacing``), one entry per line
    spacing_dropped: Sequence[int] = ()

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
    def lines(self) -> Sequence[str]:
        """``text.split("\n")``; for a long text, a view that slices each line
        when it is read rather than a second copy of the text."""
        if len(self.text) <= LINES_COPIED_UP_TO:
            return self.text.split("\n")
        return LineView(self.text, self.line_starts)

    def line_of(self, offset: int) -> int:
        """1-based line number of a working-text offset."""
        import bisect

        return bisect.bisect_right(self.line_starts, offset)

    def source_line(self, lineno: int) -> int:
        """The source's line (1-based, as SPEC numbers them) of working line ``lineno``."""
        if not self.spacing_dropped:
            return lineno
        import bisect

        at = self.line_starts[lineno - 1]
        at = self.starts[at] if at < len(self.starts) else len(self.source)
        return lineno + bisect.bisect_right(self.spacing_dropped, at)

    def line_span(self, lineno: int) -> tuple[int, int]:
        start = self.line_starts[lineno - 1]
        return start, start + len(self.lines[lineno - 1])


# A notice is some 5,000 to 50,000 characters: its lines are a list. Only an
# archive glued into one file is longer, and there a list of lines would be
# one more copy of the text (about 2 MB per MB of input).
LINES_COPIED_UP_TO = 1 << 18


class LineView(Sequence[str]):
    """The lines of a text, as ``text.split("\n")`` gives them, each one
    sliced from the text when it is read."""

    __slots__ = ("_text", "_starts")

    def __init__(self, text: str, line_starts: Sequence[int]) -> None:
        self._text, self._starts = text, line_starts

    def __len__(self) -> int:
        return len(self._starts)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(len(self._starts)))]
        starts = self._starts
        n = len(starts)
        if i < 0:
            i += n
        if not 0 <= i < n:
            raise IndexError("list index out of range")
        end = starts[i + 1] - 1 if i + 1 < n else len(self._text)
        return self._text[starts[i] : end]

    def __iter__(self):
        for i in range(len(self._starts)):
            yield self[i]


def _entity_char(entity: str) -> str | None:
    out = html.unescape(entity)
    return out if out != entity and len(out) == 1 else None


# characters NFC replaces on their own (OHM SIGN -> OMEGA, CJK compatibility ideographs)
_NFC_SINGLETONS = [
    chr(c) for c in range(0x80, 0x10000)
    if not 0xD800 <= c < 0xE000 and unicodedata.normalize("NFC", chr(c)) != chr(c) and not unicodedata.combining(chr(c))
]

# Characters that only look like Vietnamese text's own: the Icelandic eth and
# the African D that legacy converters and fonts give for Đ/đ, the "oi" of
# Latin (Ƣ/ƣ) that a PDF font's text layer gives for Ư/ư, Word's
# non-breaking and typographic hyphens, a minus sign, and the full-width
# punctuation of an East Asian input method. One for one (an eth that an OCR
# doubled after Đ aside, dropped in build_doc).
LOOKALIKES = {"\u00d0": "Đ", "\u00f0": "đ", "\u0189": "Đ", "\u0256": "đ", "\u01a2": "Ư", "\u01a3": "ư",
              "\u2010": "-", "\u2011": "-", "\u2212": "-",
              "\uff1a": ":", "\uff0c": ",", "\uff1b": ";", "\uff0f": "/", "\uff08": "(", "\uff09": ")"}

# Bullets drawn with a Symbol or Wingdings font, as a PDF's text layer or a
# .docx keeps them (private-use code points): the bullets they draw
SYMBOL_BULLETS = {"\uf0b7": "•", "\uf0a7": "▪", "\uf0d8": "➢", "\uf076": "➢", "\uf0fc": "•",
                  "\uf02d": "-", "\uf0be": "-"}

# Everything build_doc must look at one by one; all other characters are copied
# in bulk, which keeps the common case (clean NFC text) fast.
_SPECIAL = re.compile(
    # (a base with its combining marks first: a look-alike base composes with them)
    "\r\r\n|\r\n?|[^\r" + "".join(sorted(ZERO_WIDTH | SPACE_LIKE | set(SYMBOL_BULLETS)))
    + "][\u0300-\u036f\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+|["
    + "".join(sorted(ZERO_WIDTH | SPACE_LIKE | set(SYMBOL_BULLETS) | set(LOOKALIKES)))
    + "]|&(?:#\\d{1,6}|#x[0-9a-fA-F]{1,5}|[a-zA-Z]{2,8});"
    + "|[\u0300-\u036f]"
    + "|[" + "".join(_NFC_SINGLETONS) + "]",
    re.S,
)


# The characters at which a _SPECIAL match can start or (for a base character
# followed by combining marks) which follow its first character: a plain
# character-class scan finds them much faster than _SPECIAL itself, whose
# ``.`` alternative has to be tried at every position.
_COMBINING = "\u0300-\u036f\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
_TRIGGER = re.compile(
    "[\r&" + "".join(sorted(ZERO_WIDTH | SPACE_LIKE | set(SYMBOL_BULLETS) | set(LOOKALIKES))) + _COMBINING + "".join(_NFC_SINGLETONS) + "]"
)

# The offset maps are runs of "source offset = working offset + shift"
# (offsetmap.py): a few hundred bytes for a normal notice, not 4 bytes a
# character, and a large input no longer holds two maps as long as itself.
_OFFSET_TYPE = "i" if array("i").itemsize >= 4 else "l"


def _offset_array(items=()) -> array:
    return array(_OFFSET_TYPE, items)


def _specials(source: str):
    """The matches of ``_SPECIAL.finditer(source)``, found via ``_TRIGGER``."""
    pos = 0  # no match may start before pos
    search = _TRIGGER.search
    match = _SPECIAL.match
    while True:
        t = search(source, pos)
        if t is None:
            return
        q = t.start()
        # a match starting before q needs a trigger at its start or, for a
        # base character with combining marks, right after it: only q-1 can
        m = match(source, q - 1) if q > pos else None
        if m is None:
            m = match(source, q)
        if m is None:
            pos = q + 1
            continue
        yield m
        pos = m.end()


def build_doc(source: str) -> Doc:
    """Normalise ``source`` into a ``Doc`` (see module doc for what changes)."""
    n_src = len(source)
    if _TRIGGER.search(source) is None:  # the common case: nothing to normalise here
        text = source
        starts = OffsetMap.identity(n_src)
        ends = OffsetMap.identity(n_src, 1)
    else:
        parts: list[str] = []
        new_starts = OffsetBuilder()
        new_ends = OffsetBuilder()

        def emit(chars: str, s: int, e: int) -> None:
            parts.append(chars)
            new_starts.extend_repeat(s, len(chars))
            new_ends.extend_repeat(e, len(chars))

        pos = 0
        for m in _specials(source):
            i, j = m.start(), m.end()
            if i > pos:  # a plain run maps one to one
                parts.append(source[pos:i])
                new_starts.extend_range(pos, i)
                new_ends.extend_range(pos + 1, i + 1)
            pos = j
            tok = m.group(0)
            ch = tok[0]
            if ch == "\r":
                emit("\n", i, j)
            elif ch in ZERO_WIDTH and len(tok) == 1:
                continue
            elif ch == "\t":
                # a tab separates the columns of a table as a .doc converter
                # prints it ("ỦY BAN NHÂN DÂN\tCỘNG HÒA ..."): as wide as the
                # blank run that separates pdftotext's columns
                emit("   ", i, j)
            elif ch in SPACE_LIKE and len(tok) == 1:
                emit(" ", i, j)
            elif ch in SYMBOL_BULLETS and len(tok) == 1:
                emit(SYMBOL_BULLETS[ch], i, j)
            elif ch in LOOKALIKES and len(tok) == 1:
                if ch in "\u00d0\u0189" and i and source[i - 1] in "Đđ":
                    continue  # "QĐÐ-UBND": an OCR read the one Đ twice
                emit(LOOKALIKES[ch], i, j)
            elif ch == "&" and len(tok) > 1 and tok[-1] == ";":
                rep = _entity_char(tok)
                if rep is None:
                    parts.append(tok)
                    new_starts.extend_range(i, j)
                    new_ends.extend_range(i + 1, j + 1)
                else:
                    emit(" " if rep in SPACE_LIKE else rep, i, j)
            else:
                # a base character with its combining marks composes to one
                # cluster; a composition that stays several chars shares the range
                # (a look-alike base first: "ƣ" + acute is "ứ")
                emit(unicodedata.normalize("NFC", LOOKALIKES.get(ch, ch) + tok[1:]), i, j)
        if pos < n_src:
            parts.append(source[pos:])
            new_starts.extend_range(pos, n_src)
            new_ends.extend_range(pos + 1, n_src + 1)
        text = "".join(parts)
        del parts
        starts, ends = new_starts.build(), new_ends.build()

    text, starts, ends = _apply_tone(text, starts, ends)
    work = _Work(text, starts, ends)
    del text, starts, ends  # the passes below replace them one at a time
    _strip_html(work)
    _strip_markdown(work)
    spacing = _drop_line_spacing(work)
    pages = _drop_page_numbers(work)
    _close_justified_gaps(work)
    _split_glued(work)
    text, starts, ends = work.text, work.starts, work.ends
    line_starts = _offset_array([0])  # machine ints: 4 bytes a line, not 36
    if "\n" in text:
        line_starts.extend(m.end() for m in _NEWLINE.finditer(text))
    return Doc(source=source, text=text, starts=starts, ends=ends, line_starts=line_starts, page_breaks=pages,
               spacing_dropped=spacing)


_NEWLINE = re.compile("\n")


PROSE_LINE = 48  # characters: wider than any column of a table, a page's line of wrapped prose


# A line that leaves its phrase open, so that the next line goes on it
# ("... QUY ĐỊNH CHỨC NĂNG CỦA⏎ỦY BAN NHÂN DÂN TỈNH"): a comma, a dash or a
# preposition or conjunction at its end, in either case. The segmenter and the
# header read it on lines, the party grammar on tokens (``OPEN_LINE_WORDS``).
OPEN_LINE_WORDS = (",", "-", "–", "của", "và", "hoặc", "với", "về", "cho", "tại", "trong", "theo", "thuộc")
OPEN_LINE_END = re.compile(
    r"(?:[,\-–]|(?<![^\W\d_])(?:" + "|".join(w for w in OPEN_LINE_WORDS if w[0].isalpha()) + r"))\s*$", re.I)


def prose_line_at(text: str, pos: int) -> bool:
    """Is the line of ``text`` holding offset ``pos`` a line of prose (at least
    ``PROSE_LINE`` characters, blanks aside) rather than a narrow table cell?"""
    a = text.rfind("\n", 0, pos) + 1
    b = text.find("\n", pos)
    return len(text[a : b if b >= 0 else len(text)].strip()) >= PROSE_LINE


class _Work:
    """The working text and its two maps while ``build_doc`` rewrites them.

    A pass that drops or inserts characters builds the new copy of each and
    replaces the old one before it builds the next, so the old copy is freed
    first: on a large input two texts are alive at once, not three."""

    __slots__ = ("text", "starts", "ends")

    def __init__(self, text: str, starts, ends) -> None:
        self.text, self.starts, self.ends = text, starts, ends


def _apply_tone(text: str, starts: OffsetMap, ends: OffsetMap):
    # Length-preserving, but the two swapped chars now share one source range so
    # that a span can never split what was printed as one syllable part.
    # (Same result as ``normalise_tone`` plus a map update, in one pass.)
    pieces: list[str] = []
    # the map items a swap changes: starts[k + 1] and ends[k], where they differ
    s_at, s_to, e_at, e_to = _offset_array(), _offset_array(), _offset_array(), _offset_array()
    prev = 0
    n = len(text)
    for m in _TONE_RE.finditer(text):
        k = m.start()
        end = k + 2
        if end < n and _LETTER.match(text, end):
            continue  # closed syllable: "toàn", "khuyến" keep their mark
        pair = m.group(0)
        if k > 0 and text[k - 1].lower() == "q" and pair[0] in "uU":
            continue  # "quý": the u belongs to the consonant qu
        pieces.append(text[prev:k])
        pieces.append(TONE_TABLE[pair])
        prev = end
        lo, hi = starts[k], ends[k + 1]
        if starts[k + 1] != lo:
            s_at.append(k + 1)
            s_to.append(lo)
        if ends[k] != hi:
            e_at.append(k)
            e_to.append(hi)
    if not pieces:
        return text, starts, ends
    pieces.append(text[prev:])
    return "".join(pieces), replaced(starts, s_at, s_to), replaced(ends, e_at, e_to)


_HEADING = re.compile(r"^(?:[ ]{0,3}>[ ]?)*[ ]{0,3}#{1,6}[ ]+", re.M)  # (inside a blockquote too)
_QUOTE = re.compile(r"^[ ]{0,3}(?:>[ ]?)+", re.M)  # a blockquote's marks, nested ones too
# (a run of three or more is a rule line or a blank to fill, "______", never a mark)
_BOLD = re.compile(r"(?<!\*)\*\*(?!\*)|(?<!_)__(?!_)")
# a single star that opens emphasis (before a non-space) or closes it (after a
# non-space); a star followed by a space at line start is a bullet and stays.
_EMPH_OPEN = re.compile(r"(?:(?<=^)|(?<=[\s(\[“\"'–-]))\*(?=[^\s*])", re.M)
_EMPH_CLOSE = re.compile(r"(?<=[^\s*])\*(?=$|[\s,.;:)\]”\"'!?–-])", re.M)


# A page's number as pdftotext prints it: centred (after the form feed that
# starts the page), a blank line above or below it ("... thuộc Ủy ban⏎\f
# 2⏎⏎nhân dân ..."). It may fall inside a sentence, so in the working text its
# line is emptied and the sentence reads on over it (a span still covers it).
# (At most three digits: a year alone on a centred subject line is no page.)
_PAGE_NUMBER_LINE = re.compile(
    r"^[ \t]{10,}(?:[-–—][ \t]*\d{1,3}[ \t]*[-–—]|\d{1,3}|Trang[ \t]+\d{1,3}(?:[ \t]*/[ \t]*\d{1,3})?)[ \t]*$", re.M)


def _drop_page_numbers(work: _Work) -> frozenset[int]:
    """Empty the lines of ``work.text`` that hold a page's number; their line
    numbers (the passes after this one insert no line break)."""
    text = work.text
    kept, pos, line, counted, emptied = [], 0, 1, 0, set()
    for m in _PAGE_NUMBER_LINE.finditer(text):
        a, b = m.start(), m.end()
        above = text[text.rfind("\n", 0, max(0, a - 1)) + 1 : max(0, a - 1)]
        nl = text.find("\n", b + 1)
        below = text[b + 1 : nl if nl >= 0 else len(text)]
        if a == 0 or not above.strip() or not below.strip():
            kept.append((pos, a))
            pos = b
            line += text.count("\n", counted, a)
            counted = a
            emptied.add(line)
    if not kept:
        return frozenset()
    kept.append((pos, len(text)))
    del text
    work.starts = kept_runs(work.starts, kept)
    work.ends = kept_runs(work.ends, kept)
    work.text = "".join([work.text[x:y] for x, y in kept])
    return frozenset(emptied)


# --- double spacing ----------------------------------------------------------
# Some converters write every line as a paragraph of its own, and a CRLF file
# written through a text-mode file once more reads "\r\r\n"; either way a blank
# line follows every line, and a blank line no longer ends a paragraph: the
# subject, a recipient or a signer's name wrapped over two lines falls apart.
# Such a text is known by its wrapped prose: a line that leaves its sentence
# open and the line going on with a lower-case word stand a blank line apart,
# where in any other text they stand together (a Markdown text, one paragraph
# a line, has no such pairs either way).
_SENTENCE_END = re.compile(r"[.;:!?…\"”)]\s*$")
_GOES_ON = re.compile(r"(?![^\W\d_]{1,3}[.)])[^\W\d_]")  # a lower-case word, not a list mark ("a)", "đ.")
_WRAPPED_LINE = (20, 130)  # characters: a line of wrapped prose, not a paragraph on one line
_SPACED_WRAPS_MIN = 3
_SPACED_LINES_MIN = 12  # lines a blank line apart, and never two together
_SPACING_SAMPLE = 1 << 16  # characters: the head of a long text tells its spacing
_BLANK_RUN = re.compile(r"^(?:[^\S\n]*\n)+", re.M)  # blank lines, each with its line break


def _drop_line_spacing(work: _Work) -> array:
    """Where every line of ``work.text`` stands a blank line from the next,
    drop half the blank lines of each gap (one of one, two of three); the
    source offsets of the lines dropped."""
    text = work.text
    dropped = _offset_array()
    if "\n\n" not in text or not _double_spaced(text[:_SPACING_SAMPLE]):
        return dropped
    kept, pos = [], 0
    for m in _BLANK_RUN.finditer(text):
        line = m.start()
        for _ in range((m.group().count("\n") + 1) // 2):
            dropped.append(work.starts[line])
            line = text.index("\n", line) + 1
        kept.append((pos, m.start()))
        pos = line
    kept.append((pos, len(text)))
    del text
    m = None  # a match keeps its string alive
    work.starts = kept_runs(work.starts, kept)
    work.ends = kept_runs(work.ends, kept)
    work.text = "".join([work.text[a:b] for a, b in kept])
    return dropped


def _double_spaced(text: str) -> bool:
    lines = text.split("\n")
    full = [i for i, ln in enumerate(lines) if ln.strip()]
    spaced = together = 0
    for i, j in zip(full, full[1:]):
        upper, lower = lines[i].strip(), lines[j].lstrip()
        if not (_WRAPPED_LINE[0] <= len(upper) <= _WRAPPED_LINE[1]) or _SENTENCE_END.search(upper):
            continue
        if _GOES_ON.match(lower) and lower[0].islower():
            if j == i + 1:
                together += 1
            elif j == i + 2:
                spaced += 1
    if spaced >= _SPACED_WRAPS_MIN and spaced >= 4 * together:
        return True
    # or by its gaps: a text whose line breaks were all doubled has no two lines
    # together, one blank line where the lines went on and three at a paragraph's end
    gaps = [j - i - 1 for i, j in zip(full, full[1:])]
    if bool(gaps) and all(g % 2 for g in gaps) and sum(g >= 3 for g in gaps) >= 2:
        return True
    # or a blank line after every line and no other gap, over a whole page: a
    # text of one paragraph a line (Markdown) still sets its header's lines together
    return len(gaps) >= _SPACED_LINES_MIN and all(g == 1 for g in gaps)


# --- justified spacing -------------------------------------------------------
# pdftotext -layout of a justified PDF spreads each full line's words over the
# page width: two to four blanks stand between words where the text has one
# ("Sở  Y tế  chủ trì,  phối  hợp với"). Elsewhere a run of blanks is a column
# gap (the header's two columns, "Nơi nhận:" beside the signer) that the
# readers keep, and two blanks cut a date or a name at a column. A justified
# line is told by its right end: it stops at the page's right margin, the
# column where several long lines with narrow gaps stop, and none of its gaps
# is wide. Its gaps become one blank (a span still covers the printed ones).
_INNER_GAP = re.compile(r"(?<=\S)[ ]{2,}(?=\S)")
_JUSTIFY_GAP_MAX = 4  # blanks: a wider run is a column gap
_MARGIN_LINES_MIN = 3  # long lines that end in one column (±1) make it a margin


def _justify_gaps(line: str) -> list[tuple[int, int]] | None:
    """The gaps of ``line`` that justification widened, if it may be justified."""
    s = line.rstrip()
    if len(s) < PROSE_LINE:
        return None
    gaps = [m.span() for m in _INNER_GAP.finditer(s)]
    if not gaps or any(b - a > _JUSTIFY_GAP_MAX for a, b in gaps):
        return None
    if len(gaps) == 1 and gaps[0][1] - gaps[0][0] > 2:
        return None  # one wider gap alone is a column's ("Số: 12/TB-UBND   Hà Nội, ngày ...")
    return gaps


def _close_justified_gaps(work: _Work) -> None:
    text = work.text
    if _INNER_GAP.search(text) is None:
        return
    lines, widths, pos = [], Counter(), 0
    for line in text.split("\n"):
        gaps = _justify_gaps(line)
        if gaps:
            lines.append((pos, len(line.rstrip()), gaps))
            widths[len(line.rstrip())] += 1
        pos += len(line) + 1
    margin = {w for w in widths if widths[w - 1] + widths[w] + widths[w + 1] >= _MARGIN_LINES_MIN}
    kept, at = [], 0
    for start, width, gaps in lines:
        if width not in margin:
            continue
        for a, b in gaps:
            kept.append((at, start + a + 1))  # (the gap's first blank stays)
            at = start + b
    if not kept:
        return
    kept.append((at, len(text)))
    del text
    work.starts = kept_runs(work.starts, kept)
    work.ends = kept_runs(work.ends, kept)
    work.text = "".join([work.text[a:b] for a, b in kept])


# --- HTML tags --------------------------------------------------------------------
# A page's text scraped with its tags left in ("<p>...</p>", "<br>", "<strong>").
# A tag is dropped; a run of tags that holds a block's edge (p, br, div, li, a
# table's cell ...) between two words on one line stands for a space. Newlines
# are never inside a tag here, so the lines stay the source's.
_HTML_TAG = re.compile(
    r"<(/?)(p|br|div|span|strong|b|i|em|u|s|h[1-6]|li|ul|ol|table|tr|td|th|tbody|thead|font|sup|sub|a|center"
    r"|section|article|blockquote|hr)\b[^<>\n]{0,300}?/?>", re.I)
_HTML_BLOCKS = frozenset("p br div li ul ol table tr td th tbody thead h1 h2 h3 h4 h5 h6 center section article "
                         "blockquote hr".split())


def _strip_html(work: _Work) -> None:
    text = work.text
    if "<" not in text:
        return
    groups: list[list[int]] = []  # [start, end, holds a block edge]
    for m in _HTML_TAG.finditer(text):
        block = m.group(2).lower() in _HTML_BLOCKS
        if groups and groups[-1][1] == m.start():
            groups[-1][1] = m.end()
            groups[-1][2] |= block
        else:
            groups.append([m.start(), m.end(), block])
    if not groups:
        return
    kept, pieces, spacers, spacer_ends, pos, size = [], [], [], [], 0, 0
    for a, b, block in groups:
        before = text[a - 1] if a else "\n"
        after = text[b] if b < len(text) else "\n"
        if block and not before.isspace() and not after.isspace():
            kept.append((pos, a + 1))  # the tag's "<" stays, as a space over the whole run
            pieces.append(text[pos:a] + " ")
            size += a + 1 - pos
            spacers.append(size - 1)
            spacer_ends.append(work.ends[b - 1])
        else:
            kept.append((pos, a))
            pieces.append(text[pos:a])
            size += a - pos
        pos = b
    kept.append((pos, len(text)))
    pieces.append(text[pos:])
    del text
    work.starts = kept_runs(work.starts, kept)
    work.ends = replaced(kept_runs(work.ends, kept), spacers, spacer_ends)
    work.text = "".join(pieces)


def _quote_marks(text: str) -> list[re.Match]:
    """The ``>`` marks of Markdown blockquotes: a run of three or more lines
    that open with ``>`` (blank lines may stand between), or of two with a bare
    ``>`` among them. A lone ``> 55`` (a table's "more than") is no quote, and
    no rule reads ``>`` as an item's bullet, so a run of arrow bullets loses
    nothing by it."""
    marks: list[re.Match] = []
    run: list[re.Match] = []

    def close() -> None:
        if len(run) >= 3 or len(run) == 2 and any(not m.string[m.end() : m.end() + 1].strip() for m in run):
            marks.extend(run)
    for m in _QUOTE.finditer(text):
        # (a line with words between ends the run: the text from the last
        # quoted line's end up to this mark is not blank)
        if run and text[text.find("\n", run[-1].end()) : m.start()].strip():
            close()
            run = []
        run.append(m)
    close()
    return marks


def _strip_markdown(work: _Work) -> None:
    text = work.text
    has_star = "*" in text
    quotes = _quote_marks(text) if ">" in text else ()
    if not has_star and "#" not in text and "__" not in text and not quotes:
        return  # no Markdown mark at all
    drop = bytearray(len(text))
    dropped = False
    for m in quotes:
        drop[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
        dropped = True
    if "#" in text:
        for m in _HEADING.finditer(text):
            drop[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
            dropped = True
    if "**" in text or "__" in text:
        for m in _BOLD.finditer(text):
            drop[m.start()] = drop[m.start() + 1] = 1
            dropped = True
    # emphasis: only remove stars that pair up on the same line, so a lone star
    # (Party header decoration, a footnote mark) is never lost
    if has_star:
        find, rfind = text.find, text.rfind
        p = find("*")
        while p >= 0:
            line_start = rfind("\n", 0, p) + 1
            line_end = find("\n", p)
            if line_end < 0:
                line_end = len(text)
            line = text[line_start:line_end]
            p = find("*", line_end)
            opens = [m.start() for m in _EMPH_OPEN.finditer(line) if not drop[line_start + m.start()]]
            if not opens:
                continue  # nothing can pair up
            closes = [m.start() for m in _EMPH_CLOSE.finditer(line) if not drop[line_start + m.start()]]
            if not closes:
                continue
            stack: list[int] = []
            events = sorted([(q, "o") for q in opens] + [(q, "c") for q in closes])
            used: set[int] = set()
            for q, kind in events:
                if q in used:
                    continue
                if kind == "o":
                    stack.append(q)
                elif stack:
                    o = stack.pop()
                    used.add(o)
                    used.add(q)
                    drop[line_start + o] = drop[line_start + q] = 1
                    dropped = True
    if not dropped:
        return
    # copy the kept runs between dropped marks (marks are few: slicing beats a
    # character-by-character filter, which holds a string object per character)
    kept = []
    prev = 0
    for m in _DROPPED.finditer(drop):
        kept.append((prev, m.start()))
        prev = m.end()
    kept.append((prev, len(text)))
    del text, drop
    m = None  # a match keeps its string alive
    work.starts = kept_runs(work.starts, kept)
    work.ends = kept_runs(work.ends, kept)
    work.text = "".join([work.text[a:b] for a, b in kept])


_DROPPED = re.compile(rb"\x01+")


# --- glued syllables -------------------------------------------------------------
# PDF text layers often drop the space after a syllable ("nhiệm vụtrọng tâm",
# "Thường vụĐảng uỷdựlễ"). A letter run that is not itself a Vietnamese syllable
# but splits completely into syllables is separated by inserted spaces. The
# syllable inventory comes from the word list shipped with ``underthesea``
# (Viet74K), filtered by Vietnamese syllable structure; without that file the
# step is skipped.

_WORDLISTS = (("corpus", "data", "Viet74K.txt"), ("transformer", "Viet74K.txt"))
_TONE_MARKS = frozenset(_TONES)
_ACUTE_DOT = frozenset(("\u0301", "\u0323"))
# Vietnamese syllable shape, tone marks removed: onset, medial o/u, nucleus, coda.
_SYLLABLE_SHAPE = re.compile(
    r"(ngh|ng|gh|gi|kh|nh|ph|qu|th|tr|ch|[bcdđghklmnprstvx])?"
    r"(o(?=[aăe])|u(?=[âêyơ]))?(iê|yê|uô|ươ|ia|ya|ua|ưa|oo|[aăâeêioôơuưy])(ch|ng|nh|[cmnptiyou])?"
)
_GLIDE_AFTER = {  # which nuclei a final glide may follow
    "o": ("a", "e"),
    "y": ("a", "â"),
    "i": ("a", "o", "ô", "ơ", "u", "ư", "uô", "ươ"),
    "u": ("a", "â", "ê", "i", "ư", "ươ", "iê", "yê"),
}
_LONE_VOWELS = frozenset("aăâeêioôơuưy")  # toneless one-letter syllables
_MAX_SYLLABLE = 7
# only words with a non-ASCII letter can be glued Vietnamese (ASCII words are
# English, brand names, addresses); the memo spares re-splitting common words
# (anchored at a word start, so an ASCII-only word is scanned once, not from
# every one of its positions)
_CANDIDATE = re.compile(r"(?<!\w)\w*?[^\x00-\x7f\W]\w*")
_SPLIT_MEMO: dict[str, tuple[int, ...]] = {}
_OLD_TONE = {new: old for old, new in TONE_TABLE.items() if old.islower()}


def _syllable_shape_ok(syl: str) -> bool:
    decomposed = unicodedata.normalize("NFD", syl)
    tones = [c for c in decomposed if c in _TONE_MARKS]
    if len(tones) > 1:
        return False
    bare = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONE_MARKS))
    m = _SYLLABLE_SHAPE.fullmatch(bare)
    if not m:
        return False
    onset, medial, nucleus, coda = m.groups()
    if coda is None and nucleus in ("ă", "â", "iê", "yê", "uô", "ươ", "oo"):
        return False  # these nuclei need a final consonant or glide
    if coda in ("c", "ch", "p", "t") and tones and tones[0] not in _ACUTE_DOT:
        return False  # a stop final takes only the acute or the dot-below tone
    if coda and len(nucleus) == 2 and nucleus[1] == "a":
        return False  # ia / ya / ua / ưa end the syllable
    glide = _GLIDE_AFTER.get(coda or "")
    return glide is None or nucleus in glide


def _wordlist_path() -> str | None:
    try:
        spec = importlib.util.find_spec("underthesea")  # locates, does not import
    except (ImportError, ValueError):
        return None
    for base in (spec.submodule_search_locations or []) if spec else []:
        for parts in _WORDLISTS:
            path = os.path.join(base, *parts)
            if os.path.isfile(path):
                return path
    return None


_SYLLABLES: dict[str, float] | None = None
_SYLLABLES_LOADED = False


def _syllable_table() -> dict[str, float] | None:
    """Valid syllable (lowercase, NFC, either tone placement) -> log frequency.

    Loaded once per process from underthesea's Viet74K word list; ``None`` when
    the list is not installed (the glued-syllable step is then skipped).
    """
    global _SYLLABLES, _SYLLABLES_LOADED
    if _SYLLABLES_LOADED:
        return _SYLLABLES
    _SYLLABLES_LOADED = True
    path = _wordlist_path()
    if path is None:
        return None
    try:
        with open(path, encoding="utf-8") as fh:
            # (a normalisation per line and a C-level count, not per word: start-up time)
            counts = Counter()
            for line in fh:
                counts.update(unicodedata.normalize("NFC", line.lower()).split())
    except (OSError, UnicodeDecodeError):
        return None
    merged: dict[str, int] = {}
    for w, c in counts.items():
        if w.isalpha():
            key = normalise_tone(w)
            merged[key] = merged.get(key, 0) + c
    table: dict[str, float] = {}
    for w, c in merged.items():
        if not _syllable_shape_ok(w):
            continue
        table[w] = math.log(1 + c)
        # the old placement ("uỷ", "hoá") is what a glued run still shows
        for new, old in _OLD_TONE.items():
            if w.endswith(new) and not (new[0] == "u" and w[:-2].endswith("q")):
                table.setdefault(w[: -len(new)] + old, math.log(1 + c))
    _SYLLABLES = table or None
    return _SYLLABLES


def wordlist_missing() -> str | None:
    """A warning for the record when the glued-syllable step cannot run (no word list)."""
    if _syllable_table() is None:
        return ("glued syllables not separated: underthesea's Viet74K word list is not installed "
                "(pip install underthesea)")
    return None


def _segment(word: str, table: dict[str, float]) -> list[int] | None:
    """Cut points splitting a lowercase ``word`` into the fewest syllables
    (ties: the most cuts right after a vowel, then the most frequent
    syllables); ``None`` when it does not split completely.

    A PDF text layer drops the space after a syllable drawn with a composed
    vowel ("Uỷban", "phụnữ", "bịcác"), so "độcác" is "độ các", not "độc ác"."""
    n = len(word)
    # (parts, cuts after a consonant, -freq, prev cut)
    best: list[tuple[int, int, float, int] | None] = [None] * (n + 1)
    best[0] = (0, 0, 0.0, -1)
    for i in range(n):
        if best[i] is None:
            continue
        parts, hard, neg, _ = best[i]
        after_consonant = i > 0 and unaccent(word[i - 1]) not in "aeiouy"
        for j in range(i + 1, min(n, i + _MAX_SYLLABLE) + 1):
            syl = word[i:j]
            freq = table.get(syl)
            if freq is None or (j - i == 1 and syl in _LONE_VOWELS):
                continue
            cand = (parts + 1, hard + after_consonant, neg - freq, i)
            if best[j] is None or cand[:3] < best[j][:3]:
                best[j] = cand
    if best[n] is None or best[n][0] < 2:
        return None
    cuts = []
    k = n
    while k > 0:
        k = best[k][3]
        if k > 0:
            cuts.append(k)
    return sorted(cuts)



def _split_token(tok: str, table: dict[str, float]) -> list[int]:
    """Offsets inside ``tok`` before which a space belongs (empty: leave it)."""
    if tok.isupper() or len(tok) < 2 or len(tok.lower()) != len(tok):
        return []
    low = tok.lower()
    # pieces at lowercase -> Uppercase boundaries ("vụĐảng", "uỷUBND", "thứI")
    bounds = [k for k in range(1, len(tok)) if tok[k - 1].islower() and tok[k].isupper()]
    if not bounds and (low in table or _syllable_shape_ok(low)):
        return []  # one syllable, if perhaps a name the word list lacks ("Thuân")
    edges = [0, *bounds, len(tok)]
    cuts: list[int] = []
    ok_left = []  # can a boundary follow this piece?
    for a, b in zip(edges, edges[1:]):
        piece, plow = tok[a:b], low[a:b]
        if piece.isupper():  # abbreviation or a Roman numeral: kept whole
            ok_left.append(False)
            continue
        if plow in table or _syllable_shape_ok(plow):
            ok_left.append(not (len(plow) == 1 and plow in _LONE_VOWELS))
            continue
        inner = _segment(plow, table)
        if inner:
            cuts.extend(a + c for c in inner)
        ok_left.append(bool(inner))
    for k, b in enumerate(bounds):
        if ok_left[k]:
            cuts.append(b)
    return sorted(cuts)


_WORD = re.compile(r"\w+")
_CHUNK_MEMO: dict[str, bool] = {}


def _cuts_of(tok: str, table: dict[str, float]) -> tuple[int, ...]:
    if not tok.isalpha() or tok.lower() in table or tok.isupper():
        return ()  # digits (codes, dates), known syllables, abbreviations
    return tuple(_split_token(tok, table))


def _memo_cuts(tok: str, table, memo: dict) -> tuple[int, ...]:
    """``_cuts_of`` through the process-wide memo (bounded)."""
    cuts = memo.get(tok)
    if cuts is None:
        cuts = _cuts_of(tok, table)
        if len(memo) < 50_000:
            memo[tok] = cuts
    return cuts


def _split_glued(work: _Work) -> None:
    text = work.text
    table = _syllable_table()
    if not table:
        return
    # decide once per distinct word; most documents have no glued word at all,
    # and only those that do are scanned again for positions
    memo = _SPLIT_MEMO
    glued = False
    # the candidate words (non-ASCII \w runs) are read off the whitespace-split
    # chunks, each distinct chunk decided once per process
    chunk_memo = _CHUNK_MEMO
    words = distinct_words(text)
    for chunk in words:
        hit = chunk_memo.get(chunk)
        if hit is None:
            hit = False
            if not chunk.isascii():
                for tok in _WORD.findall(chunk) if not chunk.isalpha() else (chunk,):
                    if tok.isascii():
                        continue
                    if _memo_cuts(tok, table, memo):
                        hit = True
            if len(chunk_memo) < 100_000 and len(chunk) <= 64:
                chunk_memo[chunk] = hit
        if hit:
            glued = True
            break
    words.close()  # left at the break, it would keep the text alive
    if not glued:
        return
    inserts = _offset_array()
    for m in _CANDIDATE.finditer(text):
        cuts = _memo_cuts(m.group(), table, memo)
        if cuts:
            inserts.extend(m.start() + c for c in cuts)
    # an inserted space has the empty source range where the two syllables touch
    at = _offset_array(work.ends[p - 1] for p in inserts)
    del text
    m = None  # a match keeps its string alive
    work.starts = inserted(work.starts, inserts, at)
    work.ends = inserted(work.ends, inserts, at)
    text = work.text
    out: list[str] = []
    prev = 0
    for p in inserts:
        out.append(text[prev:p])
        out.append(" ")
        prev = p
    out.append(text[prev:])
    del text
    work.text = "".join(out)
    del out
    # a syllable that was glued kept the old tone placement ("uỷdự"): now open,
    # it gets the same placement as everywhere else in the working text
    work.text, work.starts, work.ends = _apply_tone(work.text, work.starts, work.ends)


# --- value cleaning ------------------------------------------------------------
_WS = re.compile(r"\s+")
_EDGE = re.compile(r"^[\s,.;:/\-–—+*|]+|[\s,.;:/\-–—+*|]+$")


def lower(s: str) -> str:
    """``s.lower()``, built a piece at a time: for non-ASCII text CPython's
    ``lower()`` first takes 12 bytes a character (a 5 MB archive of notices
    would need 50 MB for a moment). The final sigma, the one letter whose lower
    case depends on its neighbours, is lowered whole."""
    if len(s) <= _LOWER_PIECE or "\u03a3" in s:
        return s.lower()
    return "".join([s[i : i + _LOWER_PIECE].lower() for i in range(0, len(s), _LOWER_PIECE)])


_LOWER_PIECE = 1 << 16


def space_cut(s: str, lo: int, hi: int) -> int:
    """An offset in (lo, hi) holding a space or a newline, where no word (no
    run of non-space characters) is cut; ``len(s)`` when there is none."""
    cut = max(s.rfind(" ", lo + 1, hi), s.rfind("\n", lo + 1, hi))
    return len(s) if cut < 0 else cut


def distinct_words(s: str, piece: int = 1 << 16):
    """``set(s.split())``, yielded word by word, without the list of every
    word of a long text (about 100 bytes a word)."""
    a, n = 0, len(s)
    if n <= piece:  # one piece: no set of the words seen
        yield from set(s.split())
        return
    seen: set[str] = set()
    while a < n:
        b = n if n - a <= piece else space_cut(s, a, a + piece)
        for w in set(s[a:b].split()) - seen:
            seen.add(w)
            yield w
        a = b


def unaccent(s: str) -> str:
    """Letters without tone or vowel marks, "Đ"/"đ" as "D"/"d", case kept
    ("Quảng Ngãi" -> "Quang Ngai"): for comparisons that OCR and typing
    mistakes of diacritics must not break."""
    s = unicodedata.normalize("NFD", s.replace("Đ", "D").replace("đ", "d"))
    return "".join(c for c in s if not unicodedata.combining(c))


def clean_value(s: str) -> str:
    """Collapse whitespace and trim list/edge punctuation of a value string."""
    s = _WS.sub(" ", s)
    return _EDGE.sub("", s)


# --- syllables a crawl broke up ("CHỦ TỊ CH", "P HÓ", "Ngu y ễn") ------------------------


@lru_cache(maxsize=65536)
def _is_listed(w: str) -> bool:
    """Is ``w`` a syllable of the word list (any case, either tone placement)?
    Words repeat across values and documents ("Sở", "Tài", "chính"): the tone
    normalisation runs once per distinct word. Called once the list is loaded."""
    return normalise_tone(w.lower()) in _SYLLABLES


def _case_shape_ok(w: str) -> bool:
    """One word's case: "TỊCH", "tịch" or "Tịch" (never "ChíM")."""
    return w.isupper() or w.islower() or (w[:1].isupper() and w[1:].islower())


def mend_syllables(words: list[str]) -> list[tuple[int, int]]:
    """Groups ``[i, j)`` of ``words`` that make one syllable: a word that is no
    Vietnamese syllable ("ng", "CH", "P", "ễn") is joined with its neighbours
    when together they make one -- a known syllable ("TỊCH", "PHÓ") first, else
    the longest run of a syllable's shape ("Nguyễn", which the word list lacks).
    Only letters are joined (the last word may end in ",.;:"), into one word of
    one case shape; single capitals alone are an abbreviation spelled out ("T T
    U B"), never joined. Without the word list nothing is."""
    groups = [(i, i + 1) for i in range(len(words))]
    if not _syllable_table():
        return groups

    def joined(lo: int, hi: int) -> str:
        return "".join(words[groups[lo][0] : groups[hi - 1][1]])

    def core(lo: int, hi: int) -> str | None:
        """The joined letters, or None when the window may not be joined."""
        w = joined(lo, hi).rstrip(",.;:")
        if not w.isalpha() or not _case_shape_ok(w):
            return None
        if hi - lo > 1 and all(len(joined(k, k + 1)) == 1 and joined(k, k + 1).isupper() for k in range(lo, hi)):
            return None
        return w

    i = 0
    while i < len(groups):
        w = core(i, i + 1)
        if w is None or _is_listed(w):
            i += 1
            continue
        windows = [(lo, lo + size) for size in (2, 3, 4) for lo in range(i - size + 1, i + 1)
                   if lo >= 0 and lo + size <= len(groups) and core(lo, lo + size)]
        hit = next((x for x in windows if _is_listed(core(*x))), None)
        if hit is None:
            hit = next((x for x in reversed(windows) if _syllable_shape_ok(core(*x).lower())), None)
        if hit is None:
            i += 1
            continue
        lo, hi = hit
        groups[lo:hi] = [(groups[lo][0], groups[hi - 1][1])]
        i = lo  # the joined word may still be a fragment of a longer one
    return groups


@lru_cache(maxsize=4096)
def mended(s: str) -> str:
    """``s`` with its broken syllables joined (a value; its span keeps the text)."""
    words = s.split()
    return " ".join("".join(words[a:b]) for a, b in mend_syllables(words))
