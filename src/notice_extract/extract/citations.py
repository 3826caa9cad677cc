"""Cited documents that carry a number (SPEC §2 ``citations``, gold README §2).

A citation is anchored on its number: ``số 898-QĐ/HU`` (or a type printed right
before the number: ``Chỉ thị 05-CT/TW``). From there we look

* back, within the same clause, for the document type (``Quyết định``,
  ``Kế hoạch kiểm tra số ...``: the nearest type word wins);
* forward for a date (``ngày 30/9/2019``, ``, ngày 08/02/2023``) and an issuer
  (``của Ban Thường vụ Huyện ủy``), in that order.

Numbers may be broken across lines (``số 03-\\nBC/BXDĐ``) and words may be glued
by OCR (``Căn cứQuy định số 753-QĐ/TU``); all gaps are bounded runs of one
character class, so matching stays linear. The document's own number (the
``Số:`` header line) is not a citation. One citation per distinct number: the
occurrence that gives the most (date, issuer) is kept.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..models import Citation
from ..resources import load_rules
from .context import Context
from .dates import find_dates

# A part of a document symbol after a separator: "QĐ", "HU", "TTr", "QH13", "2024".
_PART = r"[0-9A-ZĐÂĂÊÔƠƯ][0-9A-Za-zĐđÂĂÊÔƠƯâăêôơư&]{0,12}"
# separator with at most one line break around it ("03-\nBC", "TB- UBND")
_SEP = r"[ ]?[-/][ \t]{0,2}\n?[ \t]{0,2}"
# the serial digits, then one to four symbol parts; at least one part must hold
# a letter (checked in code) so that dates (30/9/2019) and fractions never match
# (a serial may carry one capital letter: "36A/TTr-TRD")
_NUMBER = r"(?<![\w/])\d{1,5}[A-Z]?(?:" + _SEP + _PART + r"){1,4}(?![\w])"
_SO_NUMBER = re.compile(r"(?i:(?<![^\W\d_])số)[ \t]{0,3}\n?[ \t]{0,2}[:.]?[ \t]{0,2}(?P<num>" + _NUMBER + ")")
_HAS_LETTER = re.compile(r"[A-Za-zĐđ]")
# what may stand between two numbers of one enumeration: the first one's date,
# a short parenthesis, then "," ";" or "và", and "số" again
_CONTINUE = re.compile(
    r"(?:[ \t]*,?[ \t]*ngày[ \t]*\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4})?"
    r"(?:[ \t]*\([^()\n]{0,80}\))?"
    r"[ \t]*(?:[,;]|và)[ \t]*(?:và[ \t]+)?(?:số[ \t]*:?[ \t]*)?"
    r"(?P<num>" + _NUMBER + ")"
)
_CLAUSE_BREAK = re.compile(r"[.;:!?](?=\s)|\n\s*\n")
_DATE_GAP = re.compile(r"[ \t\n,(]*(?:ban hành|ký)?[ \t\n,]*", re.I)
_ISSUER_LEAD = re.compile(r"[ \t\n,]*(?:của|do)[ \t]{1,3}\n?[ \t]{0,3}", re.I)
_WS = re.compile(r"\s+")
_DIGIT = re.compile(r"\d")


def _unglue(s: str) -> str:
    """Put back a space OCR lost between a lower-case and an upper-case letter ("vụTỉnh")."""
    # fast path: no word has an upper-case letter after its first (spaces are never cased)
    if all(len(w) < 2 or w[1:].islower() for w in s.split()):
        return s
    return "".join(c + " " if c.islower() and i + 1 < len(s) and s[i + 1].isupper() else c for i, c in enumerate(s))


@lru_cache(maxsize=1)
def _rules():
    raw = load_rules("citations")
    # syllables may be glued ("Tờtrình") or wrapped ("Tờ\ntrình")
    types = sorted(raw["doc_types"], key=len, reverse=True)
    alts = "|".join(r"[ \t]{0,2}\n?[ \t]{0,2}".join(map(re.escape, t.split())) for t in types)
    # a type starts a word, or follows a lower-case letter it was glued to
    type_re = re.compile(r"(?P<type>(?i:" + alts + r"))(?![^\W\d_])")
    type_num = re.compile(type_re.pattern + r"[ \t]{1,2}\n?[ \t]{0,2}(?P<num>" + _NUMBER + ")")
    stops = sorted(raw["issuer_stops"], key=len, reverse=True)
    # "về" stops even when glued to the word before ("Tỉnh uỷvề"); the others at a word start
    stop_re = re.compile(
        r"[,;.:()\[\]“”\"]|về|(?<![^\W\d_])(?:" + "|".join(r"\s{1,3}".join(map(re.escape, s.split())) for s in stops if s != "về") + r")(?![^\W\d_])",
        re.I,
    )
    canon = {re.sub(r"\s+", "", t).lower(): t for t in raw["doc_types"]}
    # Where a type_num match can start, for _type_num_starts: the type ends right
    # before the spaces that precede the number, with one of the types' last
    # letters, and begins with one of their first letters (same case folding as
    # type_re), at most type_len characters earlier (the longest type with its
    # widest inner gaps, 5 characters each).
    type_first = re.compile("(?i:[" + "".join(sorted({re.escape(t.split()[0][0]) for t in types})) + "])")
    type_last = re.compile("(?i:[" + "".join(sorted({re.escape(t.split()[-1][-1]) for t in types})) + "])")
    type_len = max(sum(map(len, t.split())) + 5 * (len(t.split()) - 1) for t in types)
    # the types' first words, lower case, as a case-sensitive literal search (see _type_matches)
    type_words = re.compile("|".join(sorted({re.escape(t.split()[0].lower()) for t in types}, key=len, reverse=True)))
    return (type_re, type_num, stop_re, canon, int(raw.get("max_gap", 90)), int(raw.get("max_issuer", 80)),
            type_first, type_last, type_len, type_words)


# --- finding matches fast -------------------------------------------------------
#
# type_num and _SO_NUMBER end in a number; scanning the whole text with them
# means trying a big case-insensitive alternation at every character. Instead we
# find the few places a number can start (a digit run followed by "-" or "/"),
# derive from each the few offsets where a match ending in that number can
# start, and try the pattern only there, with the same non-overlapping order as
# ``finditer``: the matches are exactly those of the full scan.

_SO_GAP = " \t\n:."  # the characters _SO_NUMBER allows between "số" and the number
_SO_GAP_MAX = 9  # [ \t]{0,3}\n?[ \t]{0,2}[:.]?[ \t]{0,2}
_TYPE_GAP_MAX = 5  # [ \t]{1,2}\n?[ \t]{0,2} in type_num


def _number_starts(text: str, start: int, end: int) -> list[int]:
    """Ascending offsets in [start, end) of the digit runs followed by ``-`` or ``/``
    (one space allowed between): every _NUMBER starts at one. Found from the
    separators, which ``str.find`` locates much faster than a regex scan."""
    out = set()
    for sep in "-/":
        s = text.find(sep, start, end)
        while s >= 0:
            k = s - 1 if s > start and text[s - 1] == " " else s
            if k > start + 1 and "A" <= text[k - 1] <= "Z" and text[k - 2].isdecimal():
                k -= 1  # the serial's letter: "36A/TTr-TRD"
            if k > start and text[k - 1].isdecimal():  # isdecimal: exactly what \d matches
                while k > start and text[k - 1].isdecimal():
                    k -= 1
                out.add(k)
            s = text.find(sep, s + 1, end)
    return sorted(out)


def _finditer_at(pattern: re.Pattern, text: str, starts, end: int):
    """``pattern.finditer`` restricted to ``starts`` (ascending), which must hold
    every offset where ``pattern`` matches; non-empty matches do not overlap."""
    pos = -1
    for p in starts:
        if p >= pos:
            m = pattern.match(text, p, end)
            if m:
                yield m
                pos = m.end()


def _gap_before(text: str, q: int, chars: str, lo: int) -> int:
    """Length of the run of ``chars`` ending at ``q`` (not before ``lo``)."""
    k = q
    while k > lo and text[k - 1] in chars:
        k -= 1
    return q - k


def _type_num_starts(text: str, numbers: list[int], start: int) -> list[int]:
    """Offsets in text where a type_num match can start, given the number starts."""
    type_first, type_last, type_len = _rules()[6:9]
    out: set[int] = set()
    for q in numbers:
        g = _gap_before(text, q, " \t\n", max(start, q - _TYPE_GAP_MAX - 1))
        e = q - g  # the type ends here
        if not 1 <= g <= _TYPE_GAP_MAX or e <= start or not type_last.match(text, e - 1):
            continue
        out.update(m.start() for m in type_first.finditer(text, max(start, e - type_len), e))
    return sorted(out)


def _so_starts(text: str, numbers: list[int], start: int) -> list[int]:
    """Offsets where a _SO_NUMBER match can start: "số" ends with a letter, so the
    gap before the number is the whole run of gap characters."""
    out = []
    for q in numbers:
        g = _gap_before(text, q, _SO_GAP, max(start, q - _SO_GAP_MAX - 1))
        if g <= _SO_GAP_MAX and q - g - 2 >= start:
            out.append(q - g - 2)
    return out


# re.IGNORECASE equates a letter with its lower case (str.lower), and a few
# letters beyond that: ı with i, ſ with s, ẛ with ṡ. Folding those too gives a
# lower-cased copy in which a type's first word always appears where re.I
# would match it (checked over all code points for the current doc_types).
_FOLD_EXTRA = str.maketrans({"ı": "i", "ſ": "s", "ẛ": "ṡ"})


def _type_matches(text: str, lo: int, hi: int):
    """``type_re.finditer(text, lo, hi)``, trying type_re only where the lower-cased
    text shows a type's first word (the case-insensitive alternation is slow to
    try at every character)."""
    type_re, type_first, type_words = _rules()[0], _rules()[6], _rules()[9]
    window = text[lo:hi].lower()
    if len(window) != hi - lo:  # a letter whose lower case is longer ("İ"): offsets would shift
        starts = (m.start() for m in type_first.finditer(text, lo, hi))
    else:
        if "ı" in window or "ſ" in window or "ẛ" in window:
            window = window.translate(_FOLD_EXTRA)
        starts = (lo + k for k in _overlapping(type_words, window))
    return _finditer_at(type_re, text, starts, hi)


def _overlapping(pattern: re.Pattern, s: str):
    """Start offsets of every match of ``pattern`` in ``s``, overlapping ones included."""
    m = pattern.search(s)
    while m:
        yield m.start()
        m = pattern.search(s, m.start() + 1)


def find_citations(ctx: Context, start: int = 0, end: int | None = None) -> list[Citation]:
    """Every numbered citation in working text [start, end), in order, duplicates kept."""
    text = ctx.doc.text
    end = len(text) if end is None else end
    type_re, type_num, _, _, max_gap, _ = _rules()[:6]
    hits: dict[int, tuple[int, re.Match, re.Match | None]] = {}  # num start -> (cite start, num match, type match)
    numbers = _number_starts(text, start, end)
    for m in _finditer_at(type_num, text, _type_num_starts(text, numbers, start), end):
        if _type_ok(text, m):
            hits[m.start("num")] = (m.start(), m, m)
    for m in _finditer_at(_SO_NUMBER, text, _so_starts(text, numbers, start), end):
        if m.start("num") in hits:
            continue
        if not _HAS_LETTER.search(m.group("num")) or _is_own_number(ctx, m.start("num")):
            continue  # dropped below anyway; spare the type search
        # the nearest type word before "số", within the clause
        lo = max(start, m.start() - max_gap)
        for b in _CLAUSE_BREAK.finditer(text, lo, m.start()):
            lo = b.end()
        tm = None
        for t in _type_matches(text, lo, m.start()):
            if _type_ok(text, t):
                tm = t
        if tm is None:
            continue  # "số 5-CP" with no type in sight: too weak to cite
        hits[m.start("num")] = (tm.start(), m, tm)
    # an enumeration under one type: "Nghị định ... số A ngày .., số B ngày .. và
    # số C", "Quyết định số: A ngày .. (cấp lần đầu); B ngày .."
    for num_start in sorted(hits):
        _, m, tm = hits[num_start]
        pos = m.end("num")
        while (c := _CONTINUE.match(text, pos, end)) and c.start("num") not in hits:
            hits[c.start("num")] = (c.start("num"), c, tm)
            pos = c.end("num")
    out = []
    for num_start in sorted(hits):
        cstart, m, tm = hits[num_start]
        raw_num = m.group("num")
        if not _HAS_LETTER.search(raw_num) or _is_own_number(ctx, num_start):
            continue
        out.append(_build(ctx, cstart, m, tm))
    return out


def _type_ok(text: str, tm: re.Match) -> bool:
    """A type word starts a word, or was glued by OCR to a lower-case word before it
    ("Căn cứQuy định": capital after lower case); "kỷluật" is not a type."""
    k = tm.start("type")
    if k == 0 or not text[k - 1].isalpha():
        return True
    return text[k - 1].islower() and text[k].isupper()


def _is_own_number(ctx: Context, pos: int) -> bool:
    """The ``Số: 54/TB-UBND`` header line names the document itself."""
    text = ctx.doc.text
    # the line before pos, read at most 1,000 characters back (all of it on a
    # real notice; bounded on a megabyte-long line)
    lo = max(0, pos - 1000)
    line_start = text.rfind("\n", lo, pos) + 1 or lo
    # "Số:", "| Số:", "Số" with nothing but layout before it on the line
    return bool(_OWN_NUMBER_BEFORE.fullmatch(text, line_start, pos))


_OWN_NUMBER_BEFORE = re.compile(r"[\W_]*(?:[^\W\d_]+[ \t]*\|[ \t]*)?số[ \t:.]*", re.I)


def _build(ctx: Context, cstart: int, m: re.Match, tm: re.Match) -> Citation:
    text = ctx.doc.text
    _, _, stop_re, canon, _, max_issuer = _rules()[:6]
    number = _WS.sub("", m.group("num"))
    printed_type = _WS.sub(" ", tm.group("type")).strip()
    doc_type = printed_type
    if printed_type.count(" ") < canon.get(printed_type.replace(" ", "").lower(), printed_type).count(" "):
        doc_type = canon[printed_type.replace(" ", "").lower()]  # glued by OCR: print the words apart
    cend = m.end("num")
    date = None
    g = _DATE_GAP.match(text, cend)
    window = (g.end(), min(len(text), g.end() + 40))
    # a date with a value has digits (day, month, year): spare find_dates a window without any
    for h in find_dates(text, *window) if _DIGIT.search(text, *window) else ():
        if h.start == g.end() and h.value is not None:
            date = h.value.isoformat()
            cend = h.end
        break
    issuer = None
    lead = _ISSUER_LEAD.match(text, cend)
    if lead and lead.end() < len(text) and text[lead.end()].isupper():
        lim = min(len(text), lead.end() + max_issuer)
        stop = stop_re.search(text, lead.end(), lim)
        iend = stop.start() if stop else lim
        # never run into a following paragraph
        para = text.find("\n\n", lead.end(), iend)
        iend = para if para >= 0 else iend
        value = _WS.sub(" ", text[lead.end():iend]).strip()
        value = _unglue(value)  # "Ban Thường vụTỉnh uỷ": OCR lost the space
        if value and (stop or iend < lim):
            issuer = value
            cend = lead.end() + len(text[lead.end():iend].rstrip())
    src, span = ctx.doc.ground(cstart, cend)
    return Citation(
        doc_type=doc_type, number=number, date=date, issuer=issuer, text=src, span=span,
        method="rule:citation", confidence=0.9 if issuer or date else 0.8,
    )


def extract_citations(ctx: Context) -> list[Citation]:
    """One citation per distinct number: the occurrence with most detail, else the first."""
    best: dict[str, Citation] = {}
    order: list[str] = []
    for c in find_citations(ctx):
        key = c.number.upper()
        if key not in best:
            best[key] = c
            order.append(key)
        elif (c.date is not None) + (c.issuer is not None) > (best[key].date is not None) + (best[key].issuer is not None):
            best[key] = c
    return [best[k] for k in order]
