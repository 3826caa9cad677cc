"""The signature block (gold/README §5).

``mode`` as printed (``T/L``, ``TL.`` ...), ``on_behalf_of`` = the rest of the
authority line, ``position`` = the line(s) between the authority line and the
name joined with one space, ``signer`` = the name (the mixed-case form when the
name is printed in capitals and in mixed case), null when absent.

Layouts handled:

* plain lines: ``T/L BAN THƯỜNG VỤ`` / ``CHÁNH VĂN PHÒNG`` / blank lines / name;
* pdftotext two columns: the block is the right column of lines that carry the
  recipients list on the left; lines with only left text are skipped;
* a docx table cell holding the whole block on one line:
  ``KT. CHỦ TỊCH PHÓ CHỦ TỊCH Ngô Hạnh Phúc``;
* no authority line: an office signing in person (``GIÁM ĐỐC`` / name);
* e-signature stamp lines after the name (the body's name, a date and time)
  end the block and are never the signer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..models import Grounded, Signature
from ..resources import load_rules
from ..segment import is_office_line, is_page_furniture, is_stamp_line
from ..textmap import clean_value, mend_syllables, mended
from .context import Context
from .persons import is_name_letter, name_at
from .recipients import (
    AUTHORITY, AUTHORITY_ANYWHERE, AUTHORITY_LOOSE, RIGHT_COLUMN, find_lists, fold, header_channel, is_noise, line_pieces, nonblank_lines,
    signature_start,
)

_WORD = re.compile(r"\S+")
_CELL_BREAK = re.compile(r"\s+/(?:\s+|$)")


def canonical_mode(printed: str) -> str:
    """The SPEC's spelling (``T/M``, ``T/L``, ``K/T``, ``TM.``, ``TL.``,
    ``KT.``, ``TUQ.``) of a mode as printed (``T / M``, ``KT``, ``KT,``,
    ``T.M``, an OCR's ``kT.``); the grounded part keeps the print."""
    letters = re.sub(r"[^A-Za-z]", "", printed).upper()
    if "/" in printed and len(letters) == 2:
        return f"{letters[0]}/{letters[1]}"
    return letters + "."


@lru_cache(maxsize=1)
def _rules() -> dict:
    raw = load_rules("signature")
    heads = sorted(raw["position_heads"], key=len, reverse=True)
    bodies = sorted(raw["bodies"], key=len, reverse=True)
    return {
        "office": {w.upper() for w in raw["office_words"]},
        "office_folded": {fold(w) for w in raw["office_words"]},
        "heads": [h.split() for h in heads],
        "bodies": [b.split() for b in bodies],
        "signed_marks": re.compile(raw["signed_marks"], re.I),
        "acting": re.compile(raw["acting"]),
        "mode_alone": re.compile(raw["mode_alone"].replace("<modes>", raw["modes"])),
    }


# --- word shapes ---------------------------------------------------------------------


def _is_caps_word(w: str) -> bool:
    letters = [c for c in w if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def _is_name_word(w: str) -> bool:
    """``Nguyễn``, ``Thuỳ``, ``Katơr``: a capital then lower-case letters."""
    w = w.strip(",.;")
    return len(w) >= 1 and w[:1].isupper() and (len(w) == 1 or w[1:].replace("'", "").isalpha() and w[1:].islower())


def _is_mixed_name(s: str) -> bool:
    words = s.split()
    return 2 <= len(words) <= 6 and all(_is_name_word(w) for w in words) and not all(_is_caps_word(w) for w in words)


def _is_mixed_word(w: str) -> bool:
    return _is_name_word(w) and not _is_caps_word(w)


def _letter_in_name(words: list[str], j: int) -> bool:
    """Is the one-letter ``words[j]`` a word of the name that the mixed-case
    words after it (and the one before it, if any) write?"""
    before = [words[j - 1]] if j > 0 and _is_mixed_word(words[j - 1]) else []
    return is_name_letter(before + words[j:], len(before))


def _is_caps_line(s: str) -> bool:
    words = s.split()
    return bool(words) and all(_is_caps_word(w) or not any(c.isalpha() for c in w) for w in words) and any(
        c.isalpha() for c in s
    )


def _is_caps_name(s: str) -> bool:
    """An upper-case person's name: 2-5 words, none of them an office word."""
    words = [w.strip(",.;") for w in s.split()]
    office = _rules()["office"]
    # a word OCR printed without diacritics is compared without them ("PHO CHANH")
    return 2 <= len(words) <= 5 and all(w.isalpha() and _is_caps_word(w) for w in words) and not any(
        w in office or (w == fold(w) and w in _rules()["office_folded"]) for w in words
    )


def _starts_with(words: list[str], phrases: list[list[str]], at: int = 0) -> int:
    """Length of the first phrase that ``words[at:]`` starts with, else 0."""
    for p in phrases:
        if [w.strip(",.;") for w in words[at : at + len(p)]] == p:
            return len(p)
    return 0


# --- the block -------------------------------------------------------------------------


@dataclass
class _Parts:
    mode: tuple[int, int] | None = None
    on_behalf_of: tuple[int, int] | None = None
    positions: list[tuple[int, int]] | None = None
    signer: tuple[int, int] | None = None
    signer_caps: tuple[int, int] | None = None
    last: int = 0  # end of the block (working offset)


def _split_inline(ctx: Context, a: int, b: int, parts: _Parts, headless: bool) -> None:
    """Split ``[a, b)`` -- the text after the mode, or a whole cell -- into
    on_behalf_of, position and signer."""
    text = ctx.doc.text
    toks = [(m.start() + a, m.end() + a) for m in _WORD.finditer(text[a:b])]
    if not toks:
        return
    # a syllable broken by the crawl is one word, its span covering the pieces
    groups = mend_syllables([text[s:e] for s, e in toks])
    words = ["".join(text[s:e] for s, e in toks[x:y]) for x, y in groups]
    toks = [(toks[x][0], toks[y - 1][1]) for x, y in groups]
    # the name: the trailing run of capitalised mixed-case words (with a name's
    # one-letter words: "Giàng A Páo", "Y Thanh Hà Niê Kdăm")
    k = len(toks)
    while k > 0 and (_is_mixed_word(words[k - 1]) or len(words[k - 1]) == 1 and _letter_in_name(words, k - 1)):
        k -= 1
    if len(toks) - k >= 2:
        parts.signer = (toks[k][0], toks[-1][1])
        name_upper = " ".join(words[k:]).upper()
        n = len(toks) - k
        if k >= n and " ".join(words[k - n : k]).upper() == name_upper:
            parts.signer_caps = (toks[k - n][0], toks[k - 1][1])
            k -= n
    else:
        k = len(toks)
    # "(Đã ký)" of a published copy between the titles and the name, in one cell
    cue = _rules()
    for j in range(max(0, k - 6), k):
        mark = text[max(a, toks[j][0] - 1) : min(b, toks[k - 1][1] + 1)].strip()
        if cue["signed_marks"].search(mark):
            k = j
            break
    caps = words[:k]
    if not caps:
        return
    if headless:
        parts.positions = [(toks[0][0], toks[k - 1][1])]
        return
    split = None
    # a second authority ("TL. CHỦ TỊCH KT. CHÁNH VĂN PHÒNG ..."): the position
    # is everything from it, as a second authority line would be
    for i in range(1, k):
        if AUTHORITY.match(" ".join(caps[i : i + 2])):
            split = i
            break
    if split is None and "PHÓ" in caps[1:]:
        split = max(i for i in range(1, k) if caps[i] == "PHÓ")
    if split is None:
        body = _starts_with(caps, cue["bodies"])
        if body and body < k:
            split = body
            # the body's level or place ("ỦY BAN NHÂN DÂN TỈNH", "... HUYỆN TÂN YÊN")
            # runs on to the first office title after it
            split = next((i for i in range(body, k) if _starts_with(caps, cue["heads"], i)), body)
    if split is None:
        # a comma joins coordinated titles ("BỘ TRƯỞNG, CHỦ NHIỆM"): no split there
        for i in range(1, k):
            if not caps[i - 1].endswith(",") and _starts_with(caps, cue["heads"], i):
                split = i
                break
    if split is None:
        parts.on_behalf_of = (toks[0][0], toks[k - 1][1])
    else:
        parts.on_behalf_of = (toks[0][0], toks[split - 1][1])
        parts.positions = [(toks[split][0], toks[k - 1][1])]


def _piece_at(ctx: Context, n: int, piece: tuple[int, int]) -> tuple[int, int]:
    ls = ctx.doc.line_starts[n - 1]
    return ls + piece[0], ls + piece[1]


def _later_mixed_name(ctx: Context, n: int, caps: str, column: int | None) -> bool:
    """Is the same name printed in mixed case within the next lines?"""
    lines = ctx.doc.lines
    for k in range(n + 1, min(len(lines), n + 10) + 1):
        for a, b in line_pieces(lines[k - 1]):
            s = lines[k - 1][a:b]
            if _is_mixed_name(s) and s.upper() == caps.upper():
                return True
    return False


_STRAY = re.compile(r"[|=~`^<>{}\[\]¦§©®°±¶]")


def _debris(s: str) -> bool:
    """OCR noise, but not an upper-case position ("PHÓ CHỦ TỊCH" has no lower case
    either): two real upper-case words make it a position. A few characters with
    a stray symbol and no word of three letters are noise too, even where OCR
    read a signature's stroke as "rn" ("ý | rn")."""
    if len(s) <= 12 and _STRAY.search(s) and not re.search(r"[^\W\d_]{3}", s):
        return True
    return is_noise(s) and not (_is_caps_line(s) and sum(len(w) >= 2 and w.isalpha() for w in s.split()) >= 2)


def _is_damaged_name(s: str) -> bool:
    """A name with one syllable damaged by OCR ("X6uyễn Hoàng Giang"): 2-5
    capitalised words, all but one clean name words, the damaged one a capital
    then lower-case letters with one stray character."""
    words = s.split()
    if not 2 <= len(words) <= 5 or _is_mixed_name(s):
        return _is_mixed_name(s)
    bad = [w for w in words if not _is_name_word(w)]
    if len(bad) != 1 or len(words) - len(bad) < 2:
        return False
    w = bad[0]
    rest = w[1:]
    return len(w) >= 3 and w[:1].isalpha() and w[:1].isupper() and sum(not c.islower() for c in rest) == 1


def _gather(ctx: Context, n0: int, col0: int, column_mode: bool, parts: _Parts, lists=None) -> None:
    """Read position lines and the name below line ``n0`` (the block's first line).

    When the block starts on a line of the recipients list (OCR and two-column
    layouts), the list's own lines are skipped and only the signature-column
    text the list found on them is read; seal noise is skipped; the name may
    stand alone at the margin below the list."""
    lines, cue = ctx.doc.lines, _rules()
    positions = parts.positions or []
    blanks = 0
    in_list = lists is not None and lists.first_line <= n0 <= lists.last_line
    right = lists.right if lists is not None else {}
    for n in range(n0 + 1, min(len(lines), n0 + 30) + 1):
        line = lines[n - 1]
        pieces = line_pieces(line)
        if not pieces:
            blanks += 1
            if blanks > 8:
                break
            continue
        blanks = 0
        below_list = in_list and n > lists.last_line
        if in_list and n in right:
            piece = right[n]
        elif column_mode:
            # on a list line any piece after a run of spaces is the other column,
            # however narrow the gap (OCR keeps three or four spaces)
            beside = [p for i, p in enumerate(pieces) if p[0] >= max(RIGHT_COLUMN, col0 - 30) or (in_list and i > 0)]
            if beside:
                piece = beside[0]
            elif below_list and len(pieces) == 1 and _is_damaged_name(line[pieces[0][0] : pieces[0][1]].strip()):
                piece = pieces[0]  # the name at the margin below the list
            else:
                continue  # the recipients list beside the block
        elif in_list and not below_list:
            continue  # a list line with nothing beside it
        else:
            piece = (pieces[0][0], pieces[-1][1])
        s = line[piece[0] : piece[1]].strip()
        if is_stamp_line(s) and (positions or parts.signer_caps) and parts.signer is None:
            continue  # an e-signature's stamp printed between the office and the name
        if is_stamp_line(s) or header_channel(s):
            break
        if (in_list or n in right) and _debris(s):
            continue  # seal or signature debris
        if cue["signed_marks"].search(s):
            continue  # "(Đã ký)" of a published copy
        if is_page_furniture(s):
            continue  # signature-image debris, a page number or page header
        span = _piece_at(ctx, n, piece)
        if _is_mixed_name(s) or (in_list and _is_damaged_name(s)):
            parts.signer = span
            parts.last = span[1]
            break
        if _is_caps_line(s):
            if _is_caps_name(s):
                if _later_mixed_name(ctx, n, s, None):
                    parts.signer_caps = span
                    parts.last = span[1]
                    continue
                parts.signer = span  # the name printed in capitals only
                parts.last = span[1]
                break
            if len(s) > 60:
                break
            positions.append(span)
            parts.last = span[1]
            continue
        break  # body text, an appendix, a footnote: the block is over
    parts.positions = positions or None


def _cells(line: str) -> list[tuple[int, int]]:
    """[start, end) of every cell of a table row, empty ones included (stripped)."""
    out = []
    bars = [i for i, c in enumerate(line) if c == "|"]
    for x, y in zip(bars, bars[1:]):
        seg = line[x + 1 : y]
        a = x + 1 + len(seg) - len(seg.lstrip())
        out.append((a, max(a, x + 1 + len(seg.rstrip()))))
    return out


def _gather_cells(ctx: Context, n0: int, col: int, parts: _Parts) -> None:
    """A signature column spread over the rows of a table (``| Nơi nhận: | |
    KT. GIÁM ĐỐC |`` then ``| - Như trên; | | PHÓ GIÁM ĐỐC |`` ... ``| | |
    Name |``): read the same cell of the following rows."""
    lines = ctx.doc.lines
    positions = parts.positions or []
    for n in range(n0 + 1, min(len(lines), n0 + 30) + 1):
        line = lines[n - 1]
        if not line.lstrip().startswith("|"):
            break
        cells = _cells(line)
        if col >= len(cells) or cells[col][0] == cells[col][1]:
            continue
        s = line[cells[col][0] : cells[col][1]]
        span = _piece_at(ctx, n, cells[col])
        if _is_mixed_name(s):
            parts.signer = span
            parts.last = span[1]
            break
        if _is_caps_line(s) and not _is_caps_name(s) and len(s) <= 60:
            positions.append(span)
            parts.last = span[1]
            continue
        break
    parts.positions = positions or None


def _loose_authority(line: str, a: int, b: int) -> tuple[tuple[int, int], re.Match] | None:
    """An authority mark inside ``line[a:b]`` after noise or beside a list item
    (``ZZZ==kT. CHỦ TỊCH``): the piece from the mark and the mode's match."""
    s = line[a:b]
    p = signature_start(s)
    if p is None:
        return None
    m = AUTHORITY_LOOSE.match(s, p)
    if m is None or not (p == 0 or is_noise(s[:p]) or len(s[:p].strip()) <= 12):
        return None
    piece = (a + p, b)
    return piece, AUTHORITY_LOOSE.match(line[piece[0] : piece[1]])


def _next_caps_line(ctx: Context, n: int) -> tuple[int, tuple[int, int]] | None:
    """The line that goes on after a mode printed alone on line ``n``: the next
    non-blank line (one blank line allowed), when it starts in upper case."""
    lines = ctx.doc.lines
    for k in range(n + 1, min(len(lines), n + 2) + 1):
        pieces = line_pieces(lines[k - 1])
        if not pieces:
            continue
        s = lines[k - 1][pieces[0][0] : pieces[-1][1]]
        words = s.split()
        if len(pieces) == 1 and len(words) >= 2 and _is_caps_line(" ".join(words[:2])):
            return k, pieces[0]
        return None
    return None


def _find_authority(ctx: Context, first: int, lists=None) -> tuple | None:
    """``(line, piece, match)`` of the first authority line from ``first``; a
    mode printed alone on its line adds ``(line, piece)`` of the line that goes
    on with it."""
    lines = ctx.doc.lines
    right = lists.right if lists is not None else {}
    for n in range(first, len(lines) + 1):
        line = lines[n - 1]
        if n in right:
            got = _loose_authority(line, *right[n])
            if got:
                return n, got[0], got[1]
        if not AUTHORITY_ANYWHERE.search(line) and not AUTHORITY_LOOSE.search(line) and not (
            _rules()["mode_alone"].match(line.strip())
        ):
            continue  # no piece of this line can start with an authority
        pieces = line_pieces(line)
        for piece in pieces:
            m = AUTHORITY.match(line[piece[0] : piece[1]])
            if m:
                return n, piece, m
            m = _rules()["mode_alone"].match(line[piece[0] : piece[1]])
            if m and len(pieces) == 1:
                nxt = _next_caps_line(ctx, n)
                if nxt:
                    return n, piece, m, nxt
        if len(pieces) == 1 and not line.lstrip().startswith("|"):
            got = _loose_authority(line, *pieces[0])
            if got:
                return n, got[0], got[1]
    return None


def _find_headless(ctx: Context, lists) -> tuple[int, tuple[int, int]] | None:
    """An office signing in person: a position beside or below the recipients."""
    if lists is None:
        return None
    lines, heads = ctx.doc.lines, _rules()["heads"]

    def is_head(s: str) -> bool:
        return _is_caps_line(s.split(" ")[0]) and bool(_starts_with(s.split(), heads))

    first = lists.header_lines[0] if lists.header_lines else lists.last_line
    for n in range(first, min(len(lines), lists.last_line + 12) + 1):
        line = lines[n - 1]
        pieces = line_pieces(line)
        if not pieces:
            continue
        table = line.lstrip().startswith("|")
        beside = [p for i, p in enumerate(pieces) if i > 0 and (table or p[0] >= RIGHT_COLUMN)]
        if n > lists.last_line:
            beside = pieces[:1] + beside
        if n in lists.right:  # glued to a list line (OCR): from the office words on
            ra, rb = lists.right[n]
            p = signature_start(line[ra:rb])
            if p is not None:
                beside = [(ra + p, rb)] + beside
        for p in beside:
            s = line[p[0] : p[1]]
            if is_head(s) and len(s) <= 80:
                return n, p
    return None


def _office_line_block(ctx: Context) -> tuple[_Parts, int] | None:
    """An office signing in person with no recipients list beside it (a gazette
    copy prints none): a line holding only an office title ("THỦ TƯỚNG",
    "GIÁM ĐỐC") after the body, read on to the name. Only a block that reaches
    a name counts: a title line in the body has none below it."""
    lines = ctx.doc.lines
    for n in range((ctx.layout.title_line or 0) + 1, len(lines) + 1):
        pieces = line_pieces(lines[n - 1])
        if len(pieces) != 1 or lines[n - 1].lstrip().startswith("|"):
            continue
        s = lines[n - 1][pieces[0][0] : pieces[0][1]]
        if not is_office_line(s):
            continue
        a, b = _piece_at(ctx, n, pieces[0])
        parts = _Parts(positions=[(a, b)], last=b)
        _gather(ctx, n, pieces[0][0], False, parts)
        if parts.signer is not None:
            return parts, a
    return None


def _lone_signer(ctx: Context, lists) -> tuple[int, tuple[int, int]] | None:
    """No authority or position survived (OCR): the signer is a name standing
    alone right below the list, or glued after its last item."""
    if lists is None or not lists.items:
        return None
    lines = ctx.doc.lines
    if lists.last_line in lists.right:
        ra, rb = lists.right[lists.last_line]
        if _is_mixed_name(lines[lists.last_line - 1][ra:rb].strip()):
            return lists.last_line, (ra, rb)
    seen = 0
    for n in range(lists.last_line + 1, min(len(lines), lists.last_line + 12) + 1):
        pieces = line_pieces(lines[n - 1])
        if not pieces:
            continue
        s = lines[n - 1][pieces[0][0] : pieces[-1][1]].strip()
        if _debris(s):
            continue
        seen += 1
        if _is_damaged_name(s) and len(s.split()) >= 3:  # a full name: "Hà Nội" is not one
            return n, (pieces[0][0], pieces[-1][1])
        if seen >= 2:
            break
    return None


def _lower_third(ctx: Context) -> int:
    nonblank = nonblank_lines(ctx.doc.lines)
    if not nonblank:
        return 1
    first = nonblank[len(nonblank) // 3] if len(nonblank) > 6 else nonblank[0]
    if ctx.layout.title_line:
        first = max(first, ctx.layout.title_line + 1)
    return first


def _read_authority(ctx: Context, found, lists) -> tuple[_Parts, int, bool]:
    """The block that starts with the authority line ``found``: its parts, its
    start (working offset) and whether it is headless (an acting office)."""
    n0, piece, m = found[:3]
    a, b = _piece_at(ctx, n0, piece)
    parts = _Parts(last=b)
    headless = False
    if len(found) == 4:  # the mode alone on its line, the rest on the next one
        parts.mode = (a, a + len(m.group("mode")))
        n0, piece = found[3]
        ca, cb = _piece_at(ctx, n0, piece)
        parts.last = cb
        _split_inline(ctx, ca, cb, parts, headless=False)
    elif _rules()["acting"].match(m.group("mode")):
        parts.positions = [(a, b)]  # "Q. GIÁM ĐỐC": the acting office is the position
        headless = True
    else:
        parts.mode = (a, a + len(m.group("mode")))
        if a + m.end() < b:
            _split_inline(ctx, a + m.end(), b, parts, headless=False)
    _read_on(ctx, n0, piece, parts, lists)
    return parts, a, headless


def _read_on(ctx: Context, n0: int, piece: tuple[int, int], parts: _Parts, lists) -> None:
    """Read the position lines and the name below the block's first line."""
    line = ctx.doc.lines[n0 - 1]
    in_table = line.lstrip().startswith("|")
    if parts.signer is None and not in_table:
        column_mode = piece[0] >= RIGHT_COLUMN or len(line_pieces(line)) > 1
        _gather(ctx, n0, piece[0], column_mode, parts, lists)
    elif parts.signer is None:
        col = next((i for i, c in enumerate(_cells(line)) if c[0] <= piece[0] < max(c[1], c[0] + 1)), None)
        if col:  # the block's cell is not the first: it goes on in the rows below
            _gather_cells(ctx, n0, col, parts)


def _earlier_signed_block(ctx: Context, start: int, lists):
    """A signed block above the lower third: a gazette copy or a decision whose
    attachments (a programme, a regulation, forms) make up most of the file
    signs right after its articles. Only a block that reaches a signer's name
    counts (an authority-like line in the body has none)."""
    n = (ctx.layout.title_line or 0) + 1
    while n < start:
        found = _find_authority(ctx, n, lists)
        if found is None or found[0] >= start:
            return None
        parts, a, headless = _read_authority(ctx, found, lists)
        if parts.signer is not None:
            return parts, a, headless
        n = found[0] + 1
    return None


def extract_signature(ctx: Context) -> Signature | None:
    lists = find_lists(ctx)
    start = _lower_third(ctx)
    if lists and lists.header_lines:
        start = min(start, lists.header_lines[0])
    found = _find_authority(ctx, start, lists)
    if found:
        parts, a, headless = _read_authority(ctx, found, lists)
        if parts.signer is None and parts.positions is None:
            # an empty block (a form's "TM. CƠ QUAN/TỔ CHỨC" in an attachment)
            # gives way to a signed block above it
            earlier = _earlier_signed_block(ctx, start, lists)
            if earlier:
                parts, a, headless = earlier
        return _build(ctx, parts, a, headless)
    earlier = _earlier_signed_block(ctx, start, lists)
    if earlier:
        parts, a, headless = earlier
        return _build(ctx, parts, a, headless)
    got = _find_headless(ctx, lists)
    if got is None:
        office = _office_line_block(ctx)
        if office:
            return _build(ctx, office[0], office[1], True)
        alone = _lone_signer(ctx, lists)
        if alone is None:
            return _representative(ctx)
        n, piece = alone
        a, b = _piece_at(ctx, n, piece)
        return _build(ctx, _Parts(signer=(a, b), last=b), a, headless=True)
    n0, piece = got
    a, b = _piece_at(ctx, n0, piece)
    parts = _Parts(last=b)
    _split_inline(ctx, a, b, parts, headless=True)
    _read_on(ctx, n0, piece, parts, lists)
    return _build(ctx, parts, a, True)


_REPRESENTATIVE = re.compile(r"đại diện\b", re.I)


def _representative(ctx: Context) -> Signature | None:
    """Minutes signed by each side's representative, with no authority line
    ("| Đại diện Sở A Nguyễn Văn B | Đại diện UBND xã C Trần Thị D |"): the
    first cell gives the position ("Đại diện Sở A") and the signer, whose name
    starts at the first family name after the represented body."""
    text = ctx.doc.text
    for n in ctx.layout.lines_of("signature")[:3]:
        line = ctx.doc.lines[n - 1]
        for piece in line_pieces(line):
            if not _REPRESENTATIVE.match(line[piece[0] : piece[1]]):
                continue
            a, b = _piece_at(ctx, n, piece)
            parts = _Parts(last=b)
            for m in _WORD.finditer(text, a, b):
                hit = name_at(text, m.start(), cued=False) if m.start() > a else None
                if hit and hit.end <= b:
                    e = hit.start
                    while e > a and text[e - 1].isspace():
                        e -= 1
                    parts.positions = [(a, e)]
                    parts.signer = (hit.start, hit.end)
                    break
            else:
                parts.positions = [(a, b)]
            return _build(ctx, parts, a, headless=True, method="rule:signature.representative")
    return None


def _build(ctx: Context, p: _Parts, block_start: int, headless: bool, method: str | None = None) -> Signature:
    text = ctx.doc.text
    method = method or "rule:signature" + (".headless" if headless else "")

    def g(span: tuple[int, int] | None) -> Grounded | None:
        return ctx.grounded(*span, method=method, confidence=0.9) if span else None

    gparts: dict[str, Grounded] = {}
    mode = on_behalf = position = signer = None
    if p.mode:
        mode = canonical_mode(text[p.mode[0] : p.mode[1]])
        gparts["mode"] = g(p.mode)
    if p.on_behalf_of:
        on_behalf = mended(clean_value(_CELL_BREAK.sub(" ", text[p.on_behalf_of[0] : p.on_behalf_of[1]])))
        gparts["on_behalf_of"] = g(p.on_behalf_of)
    if p.positions:
        # a flattened docx cell prints its line breaks as " / ": one space joins them
        position = mended(clean_value(_CELL_BREAK.sub(" ", " ".join(text[a:b] for a, b in p.positions))))
        gparts["position"] = g((p.positions[0][0], p.positions[-1][1]))
    if p.signer:
        signer = mended(clean_value(text[p.signer[0] : p.signer[1]]))
        gparts["signer"] = g(p.signer)
    if p.signer_caps:
        gparts["signer_caps"] = g(p.signer_caps)
    ends = [s[1] for s in (p.mode, p.on_behalf_of, p.signer, p.signer_caps) if s] + [s[1] for s in p.positions or []]
    end = max(ends + [p.last]) if ends else p.last
    stext, span = ctx.doc.ground(block_start, end)
    return Signature(
        mode=mode,
        on_behalf_of=on_behalf or None,
        position=position or None,
        signer=signer or None,
        parts=gparts,
        text=stext,
        span=span,
        method=method,
        confidence=0.85 if not headless else 0.7,
    )
