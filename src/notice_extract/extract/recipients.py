"""The ``Nơi nhận:`` / ``Bản điện tử:`` lists (gold/README §5).

One recipient per list item, in order, with the channel of the list it is in.
Layouts handled:

* plain lines, one item per line, bullets ``-`` / ``+``, nested ``- VPHU: + LĐVP,``;
* pdftotext two-column lines: the list on the left, the signature on the right
  after a run of spaces; only the left column is read, and a left item wrapped
  onto the next line continues there;
* a docx table flattened into one cell (``| Nơi nhận: - Như trên; - ... | KT. ... |``):
  the cell is split on its ``- `` items.

An item's ``text``/``span`` is the item as printed (bullet through its last
character); ``value`` is cleaned (bullets, purpose parenthesis, archive word
and trailing punctuation removed, whitespace collapsed).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache

from ..models import Recipient
from ..resources import load_rules
from ..textmap import clean_value, mended, unaccent
from .context import Context
from .patterns import first_letter_guard

# An authority line of a signature (``T/L``, ``KT.`` ... as rules/signature.yaml
# ``modes`` reads them, or an acting ``Q.``) starting a piece: the list has
# ended. Shared with signature.py.
AUTHORITY = re.compile(r"^(?P<mode>" + load_rules("signature")["modes"] + r"|Q\.)\s*(?=[A-ZĐÀ-Ỹ])")
# The same pattern unanchored: a piece can start with an authority only if its
# line holds one somewhere (the lookaheads read only characters of the piece),
# so lines without a match are skipped without being cut into pieces.
AUTHORITY_ANYWHERE = re.compile(AUTHORITY.pattern[1:])
_BULLET = re.compile(r"^[-+*•–—]\s*")
_GAP = re.compile(r" {3,}|\t|\|")
RIGHT_COLUMN = 20  # a piece starting this far right is a second column

# An authority mark inside a line whose case OCR may have damaged ("kT."), after
# noise or on the list header's line ("Nơi nhận: ZZZ==kT. CHỦ TỊCH"): the mode,
# then an upper-case word. Callers check that the rest of the piece is upper case.
AUTHORITY_LOOSE = re.compile(
    r"(?<![^\W\d_])(?P<mode>[Kk][Tt]\.|[Tt][MmLl]\.|" + load_rules("signature")["modes"] + r")\s*(?=[A-ZĐÀ-Ỹ]{2})"
)
_TOKEN = re.compile(r"\S+")


def fold(s: str) -> str:
    """Upper case without diacritics ("PHO CHANH VAN PHONG" = "PHÓ CHÁNH VĂN PHÒNG")."""
    return unaccent(s).upper()


@lru_cache(maxsize=1)
def _office_phrases() -> list[list[str]]:
    """Position heads and signing bodies of signature.yaml, folded: an upper-case
    run starting with one of them is the signature column."""
    raw = load_rules("signature")
    return [fold(p).split() for p in raw["position_heads"] + raw["bodies"]]


def is_caps_word(w: str) -> bool:
    letters = [c for c in w if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def is_noise(s: str) -> bool:
    """OCR debris of a seal or signature ("ý LC” )) Tạ", "Ì:", "“OÀN y,"): short,
    no two lower-case letters in a row (every word of a recipient has them,
    abbreviations aside), no parenthesis (a purpose such as "(b/c)")."""
    s = s.strip()
    if not s or len(s) > 30 or "(" in s:
        return False
    return not re.search(r"[a-zà-ỹđ]{2}", s)


def is_full_name(s: str) -> bool:
    """A person's full name: 3-5 capitalised syllables ("Trần Phước Hiện")."""
    words = s.split()
    return 3 <= len(words) <= 5 and all(
        w[:1].isupper() and w[1:].isalpha() and w[1:].islower() for w in words
    )


def _office_run(words: list[str], i: int) -> bool:
    """Do ``words[i:]`` start with a position head or a body, upper case?"""
    if not is_caps_word(words[i]):
        return False
    folded = [fold(w.strip(",.;:")) for w in words[i : i + 4]]
    return any(folded[: len(p)] == p for p in _office_phrases())


def _caps_tail(words: list[str], i: int) -> bool:
    """The rest of a piece is signature text: upper-case words, then at most a
    capitalised name; no lower-case word."""
    k = i
    while k < len(words) and (is_caps_word(words[k]) or not any(c.isalpha() for c in words[k])):
        k += 1
    # (a name's one-letter word is a capital alone: "Giàng A Páo")
    return all(w[:1].isupper() and (len(w) == 1 or w[1:].replace("'", "").isalpha()) for w in words[k:])


_SIGNATURE_TEXT_MAX = 240  # longest text searched for a glued signature column


def signature_start(s: str) -> int | None:
    """Where signature-column text begins in ``s`` (a list line or its tail):
    an authority mark (any case, after noise), or an upper-case run that starts
    with a position or a signing body ("PHO CHANH VAN PHONG", "BỘ TRƯỞNG, CHỦ
    NHIỆM Mai Tiến Dũng"), with nothing in lower case after it."""
    if len(s) > _SIGNATURE_TEXT_MAX:
        return None  # a body paragraph, not a column beside a list
    toks = list(_TOKEN.finditer(s))
    words = [t.group(0) for t in toks]
    starts = [t.start() for t in toks]
    marks = {}  # token index -> the authority mark starting inside it
    for m in AUTHORITY_LOOSE.finditer(s):
        i = bisect_right(starts, m.start()) - 1
        if i >= 0 and m.start() < toks[i].end():
            marks.setdefault(i, m)
    for i, t in enumerate(toks):
        m = marks.get(i)
        if m:
            j = i + 1 if m.end() >= t.end() else i  # "KT.CHỦ TỊCH": the office in the same token
            after = words[j : j + 4]
            if j == i:
                after = [after[0][m.end() - t.start() :]] + after[1:]
            if after and _office_run(after, 0) and _caps_tail(words, j):
                return m.start()
        if i + 1 < len(words) and _office_run(words, i) and _caps_tail(words, i):
            return t.start()
    return None


_TERMINATOR = re.compile(r"[;.]")


def split_item_tail(s: str) -> tuple[int, int] | None:
    """An item printed with the signature column glued on after it (OCR collapses
    the spaces between the columns): (end of the item, start of the right
    column), or None. The item ends at its own terminator (``;``, ``.``,
    ``./.``) when the rest is seal noise or the signer's full name, or right
    before an authority mark / office run (``- Như trên; KT. CHỦ TỊCH``)."""
    body = _BULLET.sub("", s)
    off = len(s) - len(body)
    best = None
    p = signature_start(body)
    if p is not None and body[:p].strip(" ;,."):
        best = (off + len(body[:p].rstrip()), off + p)
    for m in _TERMINATOR.finditer(body):
        if best and off + m.end() > best[0]:
            break
        rest = body[m.end() :]
        tail = rest.strip()
        if not tail or not body[: m.start()].strip():
            continue
        if tail.startswith("/."):
            continue  # the "./." closing mark: the terminator is its last dot
        # after a full stop letters are not noise: an abbreviation's dot ("Phòng KT.
        # HẠ TẦNG"), the drafter's initial after the archive ("Lưu: VT, TH(2). H")
        if (is_noise(tail) and (m.group(0) == ";" or not any(c.isalpha() for c in tail))) \
                or is_full_name(tail.rstrip(".")):
            if best is None:
                best = (off + m.end(), off + m.end() + len(rest) - len(rest.lstrip()))
            else:  # noise between the item and an authority mark
                best = (off + m.end(), best[1])
            break
    return best


def line_pieces(line: str) -> list[tuple[int, int]]:
    """[start, end) of the non-empty pieces of a line: the cells of a table row,
    else columns separated by a run of three or more spaces."""
    out = []
    pos = 0
    gaps = re.finditer(r"\|", line) if line.lstrip().startswith("|") else _GAP.finditer(line)
    for m in list(gaps) + [None]:
        end = m.start() if m else len(line)
        seg = line[pos:end]
        if seg.strip(" *\f"):
            a = pos + len(seg) - len(seg.lstrip(" *\f"))
            b = pos + len(seg.rstrip(" \f"))
            out.append((a, b))
        if m:
            pos = m.end()
    return out


def _half_abbreviations(words: list[str], known: dict[str, str]) -> dict[str, str]:
    """``b/cáo`` -> ``báo cáo``: the first letter of the first syllable, a slash,
    the second syllable in full, for every two-syllable purpose word; a form two
    words would share is left out."""
    seen: dict[str, set[str]] = {}
    for w in words:
        syl = w.lower().split()
        if len(syl) == 2:
            seen.setdefault(f"{syl[0][0]}/{syl[1]}", set()).add(w.lower())
    return {k: next(iter(v)) for k, v in seen.items() if len(v) == 1 and k not in known}


@lru_cache(maxsize=1)
def _rules() -> dict:
    raw = load_rules("recipients")
    headers = [(re.compile(r"^\W*(?:" + p + r")\b\s*:?\s*", re.I), ch) for p, ch in raw["headers"]]
    abbrev = {k.lower(): v for k, v in raw["purpose_abbrev"].items()}
    abbrev.update(_half_abbreviations(raw["purpose_words"], abbrev))
    abbrev_re = re.compile(
        r"(?<![\wÀ-ỹ])(?:" + "|".join(re.escape(k) for k in sorted(abbrev, key=len, reverse=True)) + r")(?![\wÀ-ỹ])",
        re.I,
    )
    words = sorted(raw["purpose_words"], key=len, reverse=True)
    return {
        "headers": headers,
        # Any header's words anywhere in a line: a line lacking them cannot
        # start a list, so _start_line need not cut it into pieces.
        "header_anywhere": re.compile(first_letter_guard([p for p, _ in raw["headers"]])
                                      + "(?:" + "|".join(f"(?:{p})" for p, _ in raw["headers"]) + ")", re.I),
        "archive": re.compile(raw["archive"], re.I),
        "abbrev": abbrev,
        "abbrev_re": abbrev_re,
        "purpose_start": re.compile(
            r"^(?:" + "|".join(re.escape(k) for k in sorted(abbrev, key=len, reverse=True))
            + "|" + "|".join(re.escape(w) for w in words) + r")(?![\wÀ-ỹ])",
            re.I,
        ),
        "prefix": re.compile(raw["purpose_prefix"], re.I),
        "form_placeholder": re.compile(raw["form_placeholder"], re.I),
    }


def header_channel(piece: str) -> tuple[str, int] | None:
    """(channel, end of the header words) when a piece starts a list."""
    for pat, channel in _rules()["headers"]:
        m = pat.match(piece)
        if m:
            return channel, m.end()
    return None


@dataclass
class Item:
    """One list item: working-text pieces (one per printed line) and its channel."""

    pieces: list[tuple[int, int]]
    channel: str
    line: int
    parent: str | None = None
    children: list["Item"] = field(default_factory=list)


@dataclass
class Lists:
    items: list[Item]
    header_lines: list[int]
    last_line: int  # last line that belongs to the lists
    # signature-column text found on the lists' lines when no run of spaces or
    # cell border separates it (OCR): line -> [start, end) within the line
    right: dict[int, tuple[int, int]] = field(default_factory=dict)
    first_line: int = 0  # the header's line, or the garbled line standing for it


# The signature needs the same non-blank line numbers: keep the last list,
# keyed by the lines object (kept alive here, so never mistaken for another).
_last_nonblank: tuple[list[str], list[int]] | None = None


def nonblank_lines(lines: list[str]) -> list[int]:
    """1-based numbers of the non-blank lines (shared: do not modify)."""
    global _last_nonblank
    if _last_nonblank is not None and _last_nonblank[0] is lines:
        return _last_nonblank[1]
    found = [i + 1 for i, s in enumerate(lines) if s.strip()]
    _last_nonblank = (lines, found)
    return found


def _start_line(ctx: Context) -> int | None:
    """First line holding a list header, preferring the lower two thirds."""
    lines = ctx.doc.lines
    nonblank = nonblank_lines(lines)
    if not nonblank:
        return None
    lower = nonblank[len(nonblank) // 3] if len(nonblank) > 6 else nonblank[0]
    maybe_header = _rules()["header_anywhere"].search
    for scope in ([n for n in nonblank if n >= lower], nonblank):
        for n in scope:
            if not maybe_header(lines[n - 1]):
                continue
            pieces = line_pieces(lines[n - 1])
            if pieces and header_channel(lines[n - 1][pieces[0][0] :]):
                return n
    return _garbled_header(lines, [n for n in nonblank if n >= lower])


def _garbled_header(lines: list[str], scope: list[int]) -> int | None:
    """No header could be read (OCR: ``R-.4ê th TL. CHỦ TỊCH``): a ``-`` list that
    ends with the archive copy is the recipients list when the line above its
    first item is the garbled header -- seal noise, then the signature column's
    authority mark."""
    archive = _rules()["archive"]
    last = next((n for n in reversed(scope)
                 if _BULLET.match(lines[n - 1].strip()) and archive.match(_BULLET.sub("", lines[n - 1].strip()))), None)
    if last is None:
        return None
    n = last
    while n > 1 and n - last < 40:
        s = lines[n - 2].strip()
        if not s or _BULLET.match(s) or _beside_list(lines, n - 1, s):
            n -= 1
            continue
        break
    # n: the first line of the run; the header is the run's first non-bullet line
    for k in range(n, last):
        s = lines[k - 1].strip()
        if not s:
            continue
        if _BULLET.match(s):
            return None
        p = signature_start(s)
        if p is not None and AUTHORITY_LOOSE.match(s, p) and 0 < len(s[:p].strip()) <= 12 and is_noise_prefix(s[:p]):
            return k
        return None
    return None


def is_noise_prefix(s: str) -> bool:
    """A garbled word or two before a signature mark: no recipient wording
    (no word of three lower-case letters)."""
    return not re.search(r"[a-zà-ỹđ]{3}", s)


_CELL_BREAK_END = re.compile(r"\s+/$")


def _split_inline(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Items of a list flattened into one cell: each begins at a ``-`` that opens
    the cell or follows the end of the previous item (``;`` ``,`` ``.`` ``:``), so
    ``chính trị - xã hội`` is never split. A flattened docx cell marks its line
    breaks with `` / `` (``Nơi nhận: / - A; / - B``): the slash may stand between
    the end of an item and the next ``-`` and is not part of either item."""
    bounds = [m.start(1) for m in re.finditer(r"(?:^|(?<=[;,.:)]))\s*(?:/\s+)?(-\s+)", text[start:end])]
    bounds = [start + b for b in bounds]
    if not bounds:
        seg = text[start:end].strip()
        return [(start + text[start:end].index(seg), start + text[start:end].index(seg) + len(seg))] if seg else []
    out = []
    for i, b in enumerate(bounds):
        e = bounds[i + 1] if i + 1 < len(bounds) else end
        seg = _CELL_BREAK_END.sub("", text[b:e].rstrip())
        if seg.strip(" -"):
            out.append((b, b + len(seg)))
    return out


# The signature and the recipients both need the lists of the same document:
# keep the last result, keyed by the (immutable) doc and layout objects. Both
# callers only read it.
_last_lists: tuple[object, object, Lists | None] | None = None


def find_lists(ctx: Context) -> Lists | None:
    """Locate and split the recipients lists (also used by the signature)."""
    global _last_lists
    if _last_lists is not None and _last_lists[0] is ctx.doc and _last_lists[1] is ctx.layout:
        return _last_lists[2]
    found = _find_lists(ctx)
    _last_lists = (ctx.doc, ctx.layout, found)
    return found


def _find_lists(ctx: Context) -> Lists | None:
    first = _start_line(ctx)
    if first is None:
        return None
    doc, lines = ctx.doc, ctx.doc.lines
    items: list[Item] = []
    headers: list[int] = []
    right: dict[int, tuple[int, int]] = {}
    channel = "paper"
    last_line = first
    gap = False  # a blank line since the last item
    after_archive = False
    column_mode = False
    sub_head: str | None = None  # "VPCP" of "- VPCP: BTCN;": its unbulleted sub-lines keep it
    cue = _rules()
    n = first

    def add(n: int, ls: int, a: int, b: int, parent: str | None = None) -> None:
        """One printed item; signature text glued after it goes to ``right``."""
        cut = split_item_tail(lines[n - 1][a:b])
        if cut:
            right[n] = (a + cut[1], b)
            b = a + cut[0]
        items.append(Item([(ls + a, ls + b)], channel, n, parent=parent))

    while n <= len(lines) and n < first + 60:
        line = lines[n - 1]
        ls = doc.line_starts[n - 1]
        pieces = line_pieces(line)
        if not pieces:
            gap = True
            n += 1
            continue
        a, b = pieces[0]
        first_piece = line[a:b]
        in_table = line.lstrip().startswith("|")
        hdr = header_channel(first_piece)
        if hdr:
            channel, hend = hdr
            headers.append(n)
            column_mode = column_mode or (len(pieces) > 1 and pieces[1][0] >= RIGHT_COLUMN)
            rest_a = a + hend
            last_line = n
            rest = line[rest_a:b]
            if rest_a < b and not in_table and not _BULLET.match(rest) \
                    and (signature_start(rest) is not None or is_noise(rest)):
                # "Nơi nhận: KT. CHỦ TỊCH": the signature column beside the header
                right[n] = (rest_a, b)
            elif rest_a < b:  # items on the header line itself / in the same cell
                for s, e in _split_inline(line, rest_a, b):
                    if in_table:
                        items.append(Item([(ls + s, ls + e)], channel, n))
                    else:
                        add(n, ls, s, e)
                if in_table:
                    break  # the cell held the whole list
            gap, after_archive, sub_head = False, False, None
            n += 1
            continue
        if column_mode and a >= RIGHT_COLUMN:
            n += 1  # only the right (signature) column on this line
            continue
        bullet = _BULLET.match(first_piece)
        if not bullet and not after_archive and not gap and not in_table and _beside_list(lines, n, first_piece):
            # a signature-column line between the header and the items or among
            # them (OCR, a position printed at the left margin): the list goes on
            p = signature_start(first_piece)
            if p is not None:
                right[n] = (a + p, b)
            n += 1
            continue
        if AUTHORITY.match(first_piece):
            break
        prev = doc.text[items[-1].pieces[-1][0] : items[-1].pieces[-1][1]] if items else ""
        if bullet and not after_archive:
            if in_table:
                for s, e in _split_inline(line, a, b):
                    items.append(Item([(ls + s, ls + e)], channel, n))
            else:
                add(n, ls, a, b)
            last = items[-1]
            body = doc.text[last.pieces[0][0] : last.pieces[-1][1]]
            # the archive copy closes a list: after it only a wrapped line of
            # its own or another list header may follow
            after_archive = bool(cue["archive"].match(_BULLET.sub("", _BULLET.sub("", body))))
            head = _SUB_HEAD.match(_BULLET.sub("", body))
            sub_head = head.group(1) if head and not in_table else None
        elif items and not bullet and not gap and sub_head and not after_archive and prev.rstrip().endswith(";"):
            # "- VPCP: BTCN, các PCN;" then "Trợ lý, Thư ký TTg;": another item of VPCP
            add(n, ls, a, b, parent=sub_head)
        elif items and not bullet and not gap and _continues(prev, first_piece):
            cut = split_item_tail(first_piece) if not in_table else None
            if cut:
                right[n] = (a + cut[1], b)
                b = a + cut[0]
            items[-1].pieces.append((ls + a, ls + b))
        else:
            break
        last_line = n
        gap = False
        n += 1
    if not items and not headers:
        return None
    _nest(ctx, items)
    return Lists(items, headers, last_line, right, first)


# "VPCP: ..." / "VPUB: ..." at the start of an item: the office whose units follow
_SUB_HEAD = re.compile(r"([A-ZĐ][A-ZĐa-zđ]{1,7}):\s*\S")


def _beside_list(lines: list[str], n: int, s: str) -> bool:
    """Is line ``n`` (no bullet) signature-column text inside the list: seal
    noise or an authority / position line, with a ``-`` item within the next
    three lines?"""
    p = signature_start(s)
    if p is None and not is_noise(s):
        return False
    if p is not None and not (p == 0 or is_noise(s[:p]) or len(s[:p].strip()) <= 12):
        return False
    for k in range(n + 1, min(len(lines), n + 3) + 1):
        t = lines[k - 1].strip().lstrip("|").strip()
        if _BULLET.match(t):
            return True
    return False


def _continues(prev: str, s: str) -> bool:
    """A wrapped item goes on in the next line: no bullet, and the previous line
    did not close the item with a full stop; a short upper-case line is a
    signature position, not a continuation."""
    prev = prev.rstrip()
    if prev.endswith((".", "./.")) or AUTHORITY.match(s):
        return False
    letters = [c for c in s if c.isalpha()]
    if letters and all(c.isupper() for c in letters) and len(s) <= 40:
        return False
    return True


def _nest(ctx: Context, items: list[Item]) -> None:
    """``- VPHU:`` followed by ``+ LĐVP`` lines: the children keep the parent."""
    parent = None
    for it in items:
        raw = ctx.doc.text[it.pieces[0][0] : it.pieces[-1][1]].strip()
        if raw.startswith("+") and parent is not None:
            it.parent = parent[1]
            parent[0].children.append(it)
            continue
        parent = None
        if raw.startswith(("-", "•", "–")) and raw.rstrip().endswith(":"):
            parent = (it, clean_value(_BULLET.sub("", raw)).rstrip(":"))


def _purpose(paren: str) -> str | None:
    cue = _rules()
    inner = cue["prefix"].sub("", paren.strip())
    if not cue["purpose_start"].match(inner):
        return None
    expanded = cue["abbrev_re"].sub(lambda m: cue["abbrev"][m.group(0).lower()], inner)
    return clean_value(expanded).lower() or None


_PAREN_END = re.compile(r"\(([^()]{1,80})\)[\s,.;:/]*$")
# where a purpose may follow a unit inside one parenthesis ("(Cục A03 - để b/c)")
_INNER_BREAK = re.compile(r"\s+[-–]\s+|\s*[;,]\s+")
# a purpose printed after the value without a parenthesis ("Phó TCTr A để b/c")
_TRAILING_PURPOSE = re.compile(r"\s(để\s+[^()]{1,30}?)[\s,.;:]*$", re.I)


def _clean(raw: str) -> tuple[str, str | None, bool]:
    """(value, purpose, archive) of an item as printed."""
    s = re.sub(r"\s+", " ", raw).strip()
    while _BULLET.match(s):
        s = _BULLET.sub("", s, count=1)
    s = re.sub(r":\s*\+\s*", ": ", s)  # "VPHU: + LĐVP" -> "VPHU: LĐVP"
    s = mended(s)  # syllables a crawl broke up ("Nh ư tr ê n")
    purpose = None
    m = _PAREN_END.search(s)
    if m:
        purpose = _purpose(m.group(1))
        if purpose:
            s = s[: m.start()]
        else:
            # a unit, then the purpose: "Bộ Công an (Cục A03 - để b/c)"
            inner = m.group(1)
            for br in reversed(list(_INNER_BREAK.finditer(inner))):
                purpose = _purpose(inner[br.end() :])
                if purpose:
                    s = s[: m.start()] + "(" + inner[: br.start()].strip() + ")"
                    break
    else:
        t = _TRAILING_PURPOSE.search(s)
        if t and _purpose(t.group(1)):
            purpose, s = _purpose(t.group(1)), s[: t.start()]
    archive = False
    am = _rules()["archive"].match(s)
    if am:
        archive, s = True, s[am.end() :]
    return clean_value(s), purpose, archive


def _is_placeholder(raw: str) -> bool:
    """A form's blank item: "- …………;", "- Lưu: VT, …", "- Nơi nhận khác (nếu có);"."""
    s = _BULLET.sub("", re.sub(r"\s+", " ", raw).strip()).strip().rstrip(";,. ").strip()
    s = raw if not s else s
    return bool(_rules()["form_placeholder"].search(s.strip()))


def extract_recipients(ctx: Context) -> list[Recipient]:
    found = find_lists(ctx)
    if found is None:
        return []
    if any(_is_placeholder(ctx.doc.text[it.pieces[0][0] : it.pieces[-1][1]]) for it in found.items):
        return []  # a blank form's list (an attached template), not the document's
    out: list[Recipient] = []
    for it in found.items:
        if it.children:
            continue  # a parent heading ("- VPHU:") lives on in its children
        a, b = it.pieces[0][0], it.pieces[-1][1]
        raw = " ".join(ctx.doc.text[s:e] for s, e in it.pieces)
        value, purpose, archive = _clean(raw)
        if it.parent:
            value = f"{it.parent}: {value}"
        if not value:
            continue
        text, span = ctx.doc.ground(a, b)
        out.append(
            Recipient(
                value=value,
                purpose=purpose,
                channel=it.channel,
                archive=archive,
                text=text,
                span=span,
                method="rule:recipients" + (".cell" if "|" in ctx.doc.lines[it.line - 1][:3] else ""),
                confidence=0.9,
            )
        )
    return out
