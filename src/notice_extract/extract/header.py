"""Header fields: number, issue place and date, subject (trích yếu), notice kind.

All four read only the header: the lines above the title (``THÔNG BÁO``,
``QUYẾT ĐỊNH`` ...), the title and its subject lines, or, for a letter
(Công văn) without a title, the leading header-like lines. Layouts met in
practice and handled here:

* plain lines (Markdown or OCR transcription): ``Số: 54.../TB- UBND``;
* pdftotext two-column lines: the number and the place-date line side by side,
  separated by a run of spaces;
* docx tables flattened to ``| cell | cell |`` lines, sometimes with the whole
  issuer block, the number and the ``V/v`` subject in one cell.

Cues are data in ``rules/header.yaml``.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from ..models import Grounded, Number, Value
from ..resources import load_rules
from ..textmap import clean_value, unaccent
from ..segment import LETTER_SPACED, NOT_A_SUBJECT, RULE_LINE, VV_IN_LINE, _cues, in_capitals, is_noise_line, subject_under
from .context import Context
from .dates import find_place_date_line

BLANK_DAY_WARNING = "issue_date: blank day in date line (unnumbered draft)"
UNREADABLE_DAY_WARNING = "issue_date: unreadable day in date line (OCR)"


@lru_cache(maxsize=1)
def _rules() -> dict:
    raw = load_rules("header")
    flags = re.I | re.M
    return {
        "scan": int(raw.get("header_scan_lines", 15)),
        "title_with_subject": re.compile(raw["title_with_subject"]),  # upper case only
        "notice_vv": re.compile(raw["notice_vv"], flags),
        "head_noise": re.compile(raw["subject_head_noise"], re.I),
        "kinds": [(k, re.compile(p, re.I)) for k, p in raw["notice_kinds"]],
        "notice_title": _bare(raw["notice_title"]),
        "titles": {_bare(t): t for t in raw["document_titles"]},
        "authority": re.compile(raw["authority_line"]),
    }


def _bare(s: str) -> str:
    """Letters without diacritics ("THÔNG BẢO" -> "THONG BAO")."""
    return unaccent(s)


# --- the title ---------------------------------------------------------------------


def title_of(ctx: Context) -> tuple[int | None, bool]:
    """(title line, is a notice): the segmenter's, else a capitals line that is a
    document title up to OCR accent confusions (``THÔNG BẢO``, ``QUYÉT ĐỊNH``)
    or one the segmenter does not list (``CÔNG ĐIỆN``)."""
    layout = ctx.layout
    if layout.title_line is not None:
        return layout.title_line, layout.is_notice_title
    cue, lines = _rules(), ctx.doc.lines
    limit = min(layout.tail_start or len(lines) + 1, len(lines) + 1)
    seen = 0
    for n in range(1, limit):
        s = lines[n - 1].strip(" \t|*#_")
        if not s:
            continue
        seen += 1
        if seen > 40:
            break
        if len(s) > 24 or not in_capitals(s):
            continue
        bare = _bare(s)
        want = cue["titles"].get(bare)
        if want is None:
            continue
        nfc = unicodedata.normalize("NFC", s)
        if len(nfc) == len(want) and sum(a != b for a, b in zip(nfc, want)) <= 1:
            return n, bare == cue["notice_title"]
    return None, False


# --- the header region -----------------------------------------------------------


def header_lines(ctx: Context) -> list[int]:
    """1-based non-blank lines that may hold header material (number, place-date).

    Everything above the title when there is one; otherwise the leading run of
    lines the segmenter calls header, capped so a long body is never scanned.
    """
    # Called by several extractors per document: walk only the lines needed,
    # never the whole (possibly long) body.
    lines = ctx.doc.lines
    cap = _rules()["scan"]
    title = title_of(ctx)[0]
    out: list[int] = []
    if title is not None:
        for i in range(min(title - 1, len(lines))):
            if lines[i].strip():
                out.append(i + 1)
                if len(out) == cap + 5:
                    break
        return out
    # no title: the first lines up to the tail. Not only the segmenter's header
    # run, which can stop early at a trích yếu line it does not know
    # ("Mời họp Ban Thường vụ" under a Party letter's number)
    kinds, seen = ctx.layout.kinds, 0
    for i, s in enumerate(lines):
        if not s.strip():
            continue
        if seen == cap or kinds[i] in ("recipients", "signature"):
            break
        seen += 1
        out.append(i + 1)
    return out


def _region(ctx: Context, lines: list[int]) -> tuple[int, int] | None:
    if not lines:
        return None
    return ctx.line_bounds(lines[0])[0], ctx.line_bounds(lines[-1])[1]


# --- number ------------------------------------------------------------------------

# "Số" + optional ":" / "." + serial (digits, maybe followed by placeholder dots)
# + separator + symbol. Party style puts "-" between serial and symbol
# ("123-TB/HU"), state style "/" ("54/TB-UBND"). The serial may be blank
# ("Số:   /TB-VP", "Số -TB/ĐU"). A symbol is letter-led parts joined by "-" or
# "/" with at most one space on each side ("TB- UBND"); a year part is kept
# ("21/2026/TT-BCT" -> "21", "2026/TT-BCT").
_SYMBOL_PART = r"[0-9A-Za-zÀ-ỹĐđ&.]+"
_NUMBER = re.compile(
    # each run of blanks has one owner, so a long run cannot backtrack
    # (a scan may lose or change the accent: "Sô:", "Sổ:", "Só:" before a colon)
    r"(?P<so>Số|SỐ|S[ôổóỏọồÔỔÓỎỌỒ](?=[ \t]*:))(?![\wÀ-ỹ])[ \t]*(?:(?P<colon>[:.])[ \t]*)?"
    r"(?:(?P<serial>\d{1,6})(?P<dots>[ \t.…_]*)"
    # an OCR-damaged serial ("Số: $ †+/UBND", "Số:b3  /TB", "4† /QĐ"): one or
    # two short tokens of anything but a separator; read after "Số:" or at the line's start
    r"|(?<=[:.\s])(?P<junk>[^\s/\-–|]{1,3}(?:[ \t][^\s/\-–|]{1,3})?)[ \t]*)?"
    r"(?P<sep>[/\-–])[ \t]?"
    r"(?P<symbol>" + _SYMBOL_PART + r"(?:[ \t]?[/\-–][ \t]?" + _SYMBOL_PART + r")*)"
)


def extract_number(ctx: Context) -> Number | None:
    """``Số: 54.../TB- UBND`` -> serial "54", symbol "TB-UBND" (README "Header")."""
    region = _region(ctx, header_lines(ctx))
    if region is None:
        return None
    text = ctx.doc.text
    best = None
    for m in _NUMBER.finditer(text, *region):
        line_start = text.rfind("\n", 0, m.start()) + 1
        prefix = text[line_start : m.start()]
        bare = prefix.rstrip(" \t*")
        # line start, a table cell, or a wide column gap
        at_column = not bare or bare.endswith("|") or len(prefix) - len(prefix.rstrip(" \t")) >= 3
        # a serial left blank ("Số        /UBND-KT", a draft's number line printed
        # without its colon, in a cell after the issuer's name) cites nothing
        blank = m.group("serial") is None and m.group("junk") is None and m.start("sep") > m.end("so")
        if not (at_column or m.group("colon") or blank):
            continue  # "... theo Quyết định số 12/QĐ-UBND" is a citation
        if m.group("junk") is not None and not (m.group("colon") or at_column):
            continue  # an OCR-damaged serial: on the number line's own place only
        symbol = re.sub(r"\s+", "", m.group("symbol")).replace("–", "-").strip(".")
        if not re.search(r"[A-Za-zĐđ]", symbol):
            continue
        # a mixed-case "Số" (or any "Số:") is the number line; an upper-case
        # "SỐ 1050/QĐ-SCT" without colon is usually part of an issuer's name
        # ("ĐOÀN KIỂM TRA THEO QUYẾT ĐỊNH SỐ ...") and only a fallback
        rank = 0 if (m.group("so") == "Số" or m.group("colon")) else 1
        if best is None or rank < best[0]:
            best = (rank, m, symbol)
        if rank == 0:
            break
    if best is None:
        return None
    _, m, symbol = best
    serial = m.group("serial")  # None for a blank or unreadable serial ("Số:   /TB-VP")
    text_, span = ctx.doc.ground(m.start(), m.end())
    return Number(
        serial=serial,
        symbol=symbol,
        text=text_,
        span=span,
        method="rule:header.number",
        confidence=0.95 if serial else 0.85,
    )


# --- place and date -------------------------------------------------------------------


def extract_place_date(ctx: Context) -> tuple[Value | None, Value | None]:
    """Place and date from the place-and-date line only (README "Header").

    A blank day (an unnumbered draft: ``ngày      tháng 8 năm 2025``) gives a
    null date and a warning; the place is still read.
    """
    lines = header_lines(ctx)
    title = title_of(ctx)[0]
    if title is not None:  # the line sometimes sits right under the title
        lines = lines + [n for n in range(title, title + 3) if n <= len(ctx.doc.lines)]
    region = _region(ctx, lines)
    if region is None:
        return None, None
    # a flattened header's place may have lost its comma after the number or
    # the subject; read so only when no line reads as a place-date otherwise
    pd = find_place_date_line(ctx.doc.text, *region) or find_place_date_line(ctx.doc.text, *region, flattened=True)
    if pd is None:
        return None, None
    place = None
    if pd.place and pd.place_start is not None:
        place = ctx.value(pd.place_start, pd.place_end, value=clean_value(pd.place), method="rule:header.place", confidence=0.9)
    hit = pd.date
    date = None
    if hit.unreadable:
        ctx.warn(UNREADABLE_DAY_WARNING)
    elif hit.blank or hit.value is None:
        ctx.warn(BLANK_DAY_WARNING)
    else:
        date = ctx.value(hit.start, hit.end, value=hit.value.isoformat(), method="rule:header.date", confidence=0.95)
    return place, date


# --- subject -------------------------------------------------------------------------

_VV = VV_IN_LINE  # "V/v", "Về việc" (case-sensitive: a lower-case "về việc" is running text)


_BLANK_RUN = re.compile(r"[ \t]{3,}|\t[ \t]*")  # (a tab is a column gap: a .doc table as antiword prints it)


def _column_end(s: str, start: int = 0) -> int:
    """Where the first column of ``s[start:]`` ends: at a cell border or at a
    run of three or more blanks followed by more text (linear: no backtracking)."""
    end = len(s.rstrip())
    bar = s.find("|", start)
    if bar != -1:
        end = min(end, bar)
    for m in _BLANK_RUN.finditer(s, start):
        if m.start() >= end:
            break
        if m.end() < end:
            if s[m.end()].islower() and m.start() > start and s[m.start() - 1].isalpha():
                continue  # a wide gap inside a sentence ("nhiệm vụ     trọng tâm"): no new column
            end = m.start()
            break
    return len(s[:end].rstrip())


def _piece(line: str) -> tuple[int, int]:
    """[start, end) of the first column of a line (cell borders, wide gaps cut off)."""
    start = len(line) - len(line.lstrip(" |\t\f"))
    end = _column_end(line, start)
    return start, max(end, start)


def _join(parts: list[str]) -> str:
    out = []
    for p in parts:
        p = p.strip()
        if LETTER_SPACED.match(p):  # PDF letter-spacing: "c h o" -> "cho"
            p = p.replace(" ", "")
        out.append(p)
    return clean_value(" ".join(out))


def _subject_after_title(ctx: Context) -> tuple[list[tuple[int, int]], bool] | None:
    """Working-text pieces of the subject lines under the title. Which lines
    they are is the segmenter's grammar (``segment.subject_under``); here
    each line gives its first column, from "Về việc" on where a stamp's
    overprint stands before it."""
    layout, lines = ctx.layout, ctx.doc.lines
    title = title_of(ctx)[0]
    if title is None:
        return None
    if title == layout.title_line:
        chosen = layout.subject_lines
    else:  # a title the segmenter did not read as one (OCR's "THÔNG BẢO")
        chosen = subject_under(lines, title, layout.tail_start or len(lines) + 1)[0]
    pieces: list[tuple[int, int]] = []
    for n in chosen:
        ls, _ = ctx.line_bounds(n)
        a, b = _piece(lines[n - 1])
        if b <= a:
            continue
        if not pieces:
            # (a capitalised "Về việc" never stands inside a real subject line)
            vv = _VV.search(lines[n - 1], a, b)
            if vv and vv.start() > a:
                a = vv.start() + len(vv.group(0)) - len(vv.group(0).lstrip(" \t|*"))
        pieces.append((ls + a, ls + b))
    return (pieces, True) if pieces else None


_KINH_GUI_AFTER_VV = re.compile(r"\s+(?=Kính ?gửi\b)")


def _place_date_at(text: str, start: int, end: int, flattened: bool = False) -> int | None:
    """Where a place-date line (``dates.find_place_date_line``, the one grammar
    of that line) starts in ``text[start:end]``: what ends a V/v subject when a
    crawl flattened the header onto its line, or on the next line."""
    pd = find_place_date_line(text, start, end, flattened=flattened)
    return pd.start if pd is not None else None


def _subject_vv(ctx: Context) -> list[tuple[int, int]] | None:
    """A letter's ``V/v ...`` subject: in a table cell, a column, or wrapped lines."""
    lines = ctx.doc.lines
    title = title_of(ctx)[0]
    for n in header_lines(ctx) + ([title] if title else []):
        line = lines[n - 1]
        m = _VV.search(line)
        if not m:
            continue
        ls, _ = ctx.line_bounds(n)
        end = _column_end(line, m.start())
        # the header flattened onto one line: the place-date or "Kính gửi"
        # after the subject ends it, and nothing below continues it
        glued = [g.start() for g in [_KINH_GUI_AFTER_VV.search(line, m.end(), end)] if g]
        glued += [p - ls for p in [_place_date_at(ctx.doc.text, ls + m.start(), ls + end, flattened=True)] if p is not None]
        if glued:
            return [(ls + m.start(), ls + len(line[: min(glued)].rstrip()))]
        pieces = [(ls + m.start(), ls + end)]
        table = line.lstrip().startswith("|")
        if "|" in line[end:] and not table:
            return pieces  # a table cell holds the whole subject
        # continuation lines, up to a blank line or "Kính gửi": wrapped lines
        # of the left column, or table rows with only the first cell filled
        for k in range(n + 1, min(n + 7, len(lines) + 1)):
            s = lines[k - 1]
            if table:
                cells = s.strip().strip("|").split("|") if s.lstrip().startswith("|") else []
                if not cells or any(c.strip() for c in cells[1:]):
                    break
            a, b = _piece(s)
            body = s[a:b]
            if (
                not body
                or RULE_LINE.match(body)
                or is_noise_line(body)
                or re.match(r"^\W*(?:kính ?gửi|số\b|căn ?cứ\b)", body, re.I)
                or in_capitals(body) and not in_capitals(ctx.doc.text[pieces[0][0] : pieces[0][1]])
                or re.search(r",\s*ngày\b", body)
                or (at := _place_date_at(body, 0, len(body))) is not None and not re.search(r"\w", body[:at])
                or len(body) > 160
            ):
                break
            kls, _ = ctx.line_bounds(k)
            pieces.append((kls + a, kls + b))
        return pieces
    return None


def _subject_under_number(ctx: Context) -> list[tuple[int, int]] | None:
    """A Party letter prints its trích yếu without ``V/v`` right under the
    number (``Số -CV/ĐU`` / ``Mời họp Ban Thường vụ Đảng ủy``)."""
    lines = header_lines(ctx)
    for i, n in enumerate(lines[:-1]):
        line = ctx.doc.lines[n - 1]
        m = _NUMBER.search(line)
        if not m or "|" in line:
            continue
        k = lines[i + 1]
        if k != n + 1:
            return None
        nxt = ctx.doc.lines[k - 1]
        a, b = _piece(nxt)
        body = nxt[a:b]
        # (not the place-date line, "Kính gửi" or the motto, each by its own grammar)
        if (
            body
            and not in_capitals(body)
            and len(body) <= 120
            and _place_date_at(body, 0, len(body), flattened=True) is None
            and not NOT_A_SUBJECT.match(body)
            and not _cues()["motto"].search(body)
        ):
            ls, _ = ctx.line_bounds(k)
            return [(ls + a, ls + b)]
        return None
    return None


def _subject_on_title_line(ctx: Context) -> list[tuple[int, int]] | None:
    """``THÔNG BÁO KẾT LUẬN CỦA ...`` printed as one line (no separate title)."""
    cue = _rules()["title_with_subject"]
    title = title_of(ctx)[0]
    for n in header_lines(ctx) + ([title] if title is not None else []):
        line = ctx.doc.lines[n - 1]
        m = cue.search(line)
        if m and in_capitals(line[: m.end()]):
            ls, _ = ctx.line_bounds(n)
            a, b = m.end(), _piece(line)[1]
            if b > a:
                return [(ls + a, ls + b)]
    return None


def _subject_pieces(ctx: Context) -> tuple[list[tuple[int, int]], str] | None:
    got = _subject_after_title(ctx)
    one = _subject_on_title_line(ctx)
    title = title_of(ctx)[0]
    if one and title is not None and ctx.line_bounds(title)[0] <= one[0][0] <= ctx.line_bounds(title)[1]:
        # the title line holds the subject's start ("THÔNG BÁO KẾT LUẬN CỦA ..."),
        # the lines under it its rest
        return one + (got[0] if got else []), "rule:header.subject_title_line"
    if got:
        return got[0], "rule:header.subject"
    vv = _subject_vv(ctx)
    if vv:
        return vv, "rule:header.subject_vv"
    if one:
        return one, "rule:header.subject_title_line"
    if title_of(ctx)[0] is None:
        party = _subject_under_number(ctx)
        if party:
            return party, "rule:header.subject_under_number"
    return None


def extract_subject(ctx: Context) -> Value | None:
    """The trích yếu, Markdown removed, lines joined with one space, case as printed."""
    got = _subject_pieces(ctx)
    if got is None:
        return None
    pieces, method = got
    value = _join([ctx.doc.text[a:b] for a, b in pieces])
    if not value:
        return None
    v = ctx.value(pieces[0][0], pieces[-1][1], value=value, method=method, confidence=0.85)
    if len(pieces) > 1:
        v.evidence = [ctx.doc.source_span(a, b) for a, b in pieces]
    return v


# --- notice kind -------------------------------------------------------------------------


def _is_notice(ctx: Context) -> bool:
    if title_of(ctx)[1]:
        return True
    if _subject_on_title_line(ctx):
        return True
    vv = _subject_vv(ctx)
    if vv and _rules()["notice_vv"].search(ctx.doc.text[vv[0][0] : vv[0][1]]):
        return True
    return False


def extract_notice_kind(ctx: Context) -> tuple[str | None, Grounded | None]:
    """Kind from the subject's head words; a non-notice gets None.

    A notice is a document titled THÔNG BÁO, or a letter whose subject reads
    ``V/v thông báo ...``. Its kind follows the first words of the subject
    (``Kết luận ...``, ``Ý kiến chỉ đạo ...``, ``Kết quả làm việc ...``, also
    after ``V/v thông báo``); any other notice is ``other``.
    """
    if not _is_notice(ctx):
        return None, None
    cue = _rules()
    got = _subject_pieces(ctx)
    if got:
        a, b = got[0][0][0], got[0][-1][1]
        text = ctx.doc.text
        head = cue["head_noise"].match(text[a:b])
        pos = a + (head.end() if head else 0)
        for kind, pat in cue["kinds"]:
            m = pat.match(text[pos:b])
            if m:
                ev = ctx.grounded(pos, pos + m.end(), method=f"rule:notice_kind.{kind}", confidence=0.9)
                return kind, ev
        ev = ctx.grounded(a, b, method="rule:notice_kind.other", confidence=0.7)
        return "other", ev
    title = title_of(ctx)[0]
    ev = None
    if title:
        s, e = ctx.line_bounds(title)
        ev = ctx.grounded(s, e, method="rule:notice_kind.title_only", confidence=0.5)
    return "other", ev
