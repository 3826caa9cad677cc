"""Vietnamese date and period expressions, shared by every extractor.

Three layers:

* ``find_dates`` -- calendar dates as printed: ``ngày 04 tháng 9 năm 2015``,
  ``ngày 07/11/2019``, ``14/4/2022``, ``ngày 30-9-2019``, ``ngày 5/6`` (no year),
  OCR-split ``ngày 05\\ntháng\\n02\\nnăm 2026`` and blank-day drafts
  ``ngày      tháng 8 năm 2025``.
* ``find_place_date_line`` -- the header line ``Tân Yên, ngày 04 tháng 9 năm 2015``.
* ``match_period`` -- a time expression *anchored* at a position (a date, a month,
  a quarter, a year, ``6 tháng cuối năm 2023``, ``cuối năm``, ``tháng tới``),
  returned as a first/last day pair. Deadlines build on it.

All patterns are case-insensitive (ALL-CAPS headers), accept any whitespace
(newlines included) between the parts because OCR and PDF extraction break lines
anywhere, and accept glued syllables (``từngày``, ``nhiệm kỳ2025``). Every gap is
a bounded run of one character class that never overlaps the token after it, so
matching stays linear on long adversarial lines.
"""

from __future__ import annotations

import bisect
import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from ..resources import load_rules

# --- calendar helpers ------------------------------------------------------------

MIN_YEAR, MAX_YEAR = 1900, 2199


def last_day_of_month(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def month_bounds(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), last_day_of_month(year, month)


def quarter_bounds(year: int, quarter: int) -> tuple[date, date]:
    first_month = 3 * (quarter - 1) + 1
    return date(year, first_month, 1), last_day_of_month(year, first_month + 2)


def year_bounds(year: int) -> tuple[date, date]:
    return date(year, 1, 1), date(year, 12, 31)


def months_of_year(year: int, n: int, from_end: bool) -> tuple[date, date]:
    """First or last ``n`` months of a year (``6 tháng cuối năm 2023``)."""
    if from_end:
        return date(year, 13 - n, 1), date(year, 12, 31)
    return date(year, 1, 1), last_day_of_month(year, n)


def add_months(year: int, month: int, k: int) -> tuple[int, int]:
    idx = year * 12 + (month - 1) + k
    return idx // 12, idx % 12 + 1


def safe_date(year: int | None, month: int | None, day: int | None) -> date | None:
    """A ``date`` or None for a missing part or an impossible date (31/2)."""
    if year is None or month is None or day is None:
        return None
    if not (MIN_YEAR <= year <= MAX_YEAR):
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def resolve_year(month: int, day: int, ref: date | None) -> int | None:
    """Year of a day+month printed without one, read against ``ref``.

    The ref's year, unless that puts the date more than half a year before the
    ref: a notice of December that says ``trước ngày 15/01`` means next January.
    """
    if ref is None:
        return None
    cand = safe_date(ref.year, month, min(day, 28) if month == 2 and day == 29 else day)
    if cand is not None and cand < ref - timedelta(days=183):
        return ref.year + 1
    return ref.year


class Intervals:
    """Disjoint half-open intervals with an O(log n) overlap test, so greedy
    span selection stays fast on pathological inputs with many candidates."""

    def __init__(self) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []

    def free(self, s: int, e: int) -> bool:
        i = bisect.bisect_right(self._starts, s)
        if i > 0 and self._ends[i - 1] > s:
            return False
        return not (i < len(self._starts) and self._starts[i] < e)

    def add(self, s: int, e: int) -> None:
        i = bisect.bisect_right(self._starts, s)
        self._starts.insert(i, s)
        self._ends.insert(i, e)


def _int(s: str | None) -> int | None:
    """A day or month as printed; a crawl may split its leading zero off ("0 6")."""
    return int(s.replace(" ", "")) if s else None


ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}


# --- dates -------------------------------------------------------------------------


@dataclass
class DateHit:
    start: int
    end: int
    value: date | None
    day: int | None
    month: int | None
    year: int | None
    blank: bool = False  # a draft with the day (or more) left blank for signing
    has_ngay: bool = False  # printed with the word "ngày" in front
    unreadable: bool = False  # the day slot holds OCR garbage ("ngày {† tháng 01 năm 2025")


# a blank filler: spaces, newlines, dots, ellipses, underscores (never a digit)
_B = r"[\s.…_]{0,40}"
# ``ngày D tháng M năm Y`` with any part blank; the day and month groups are each
# followed by a run of the filler class, which digits do not belong to, so the
# engine never has two ways to split a gap.
_LONG = re.compile(
    r"ngày" + _B + r"(?:(?P<d>0 \d|\d{1,2})" + _B + r")?"
    r"tháng" + _B + r"(?:(?P<m>0 \d|\d{1,2})" + _B + r")?"
    r"(?:năm" + r"[\s.…_]{0,40}" + r"(?P<y>\d{4})?)?"
    r"(?!\d)",
    re.IGNORECASE,
)
# numeric D/M/YYYY, D-M-YYYY, D.M.YYYY (one separator throughout), "ngày" optional;
# not part of a longer number or a document symbol (32/2024/NĐ-CP has no day).
# OCR reads a zero as the letter O ("3O/6/2O25"): a digit slot may hold one.
_NUM = re.compile(
    r"(?=[n\d])(?:"  # the first character of either shape: lets the engine skip the rest
    r"(?:(?P<ngay>ngày)\s{0,40})?(?<![\w/.\-])"  # (a pdftotext line break and indent after "ngày")
    r"(?P<d>\d[\dO]?|O\d)(?P<sep>[/.\-])(?P<m>\d[\dO]?|O\d)(?P=sep)(?P<y>\d[\dO]{3})(?![\w/])"
    r")",
    re.IGNORECASE,
)
# "30 tháng 6 năm 2025" written without its "ngày" ("trước 30 tháng 6 năm 2025",
# "Hà Nội, 05 tháng 3 năm 2025"): a whole date, its year printed
_WORDS = re.compile(
    r"(?<![\w/.\-])(?P<d>\d{1,2})\s{1,3}tháng\s{1,3}(?P<m>\d{1,2})\s{1,3}năm\s{1,3}(?P<y>\d{4})(?!\d)",
    re.IGNORECASE,
)
# ``ngày 5/6``: day and month only; needs "ngày", since bare 13/19 is a fraction.
_DM = re.compile(
    r"ngày\s{0,40}(?P<d>\d{1,2})\s{0,2}[/\-]\s{0,2}(?P<m>\d{1,2})(?![\d/]|[.\-]\d)",
    re.IGNORECASE,
)
# what follows a "năm" with no year: "nay" (this year), another word (the date
# ended before "năm"), or nothing on that line (a year left blank)
_AFTER_NAM = re.compile(r"[ \t.…_]{0,40}(?:(?P<nay>nay)(?!\w)|(?P<word>\w))?", re.IGNORECASE)
# what may stand between the two ends of a range: 29/10 – 30/10/2025
_RANGE_GAP = re.compile(r"\s{0,3}(?:[-–—]|đến|tới)\s{0,3}(?:hết\s{0,3})?(?:ngày\s{0,3})?", re.IGNORECASE)


def _valid_dm(d: int | None, m: int | None) -> bool:
    return (d is None or 1 <= d <= 31) and (m is None or 1 <= m <= 12)


def find_dates(text: str, start: int = 0, end: int | None = None, ref: date | None = None) -> list[DateHit]:
    """All calendar dates in ``text[start:end]``, in order, offsets into ``text``.

    A day+month without a year takes the year of the other end of a range
    (``29/10 – 30/10/2025``), else is resolved against ``ref`` (else value None).
    """
    end = len(text) if end is None else end
    hits: list[DateHit] = []
    taken = Intervals()
    free = taken.free

    for m in _LONG.finditer(text, start, end):
        d, mo, y = _int(m.group("d")), _int(m.group("m")), _int(m.group("y"))
        if not _valid_dm(d, mo):
            continue
        e = m.end()
        printed = m.group(0)
        has_nam = "năm" in printed.lower()
        blank_year = False
        if y is None:
            # never end a span on filler; "năm nay" gives the ref's year and a
            # "năm" followed by other words was not part of the date at all
            e = m.start() + len(printed.rstrip(" \t\n.…_"))
            if has_nam:
                after_nam = m.start() + printed.lower().rindex("năm") + 3
                nxt = _AFTER_NAM.match(text, after_nam)
                if nxt.group("nay"):
                    e, y = nxt.end(), (ref.year if ref else None)
                elif nxt.group("word"):  # "năm học": the date ended before "năm"
                    e = m.start() + len(text[m.start() : after_nam - 3].rstrip(" \t\n.…_"))
                else:
                    blank_year = True
        blank = d is None or mo is None or blank_year
        hits.append(DateHit(m.start(), e, safe_date(y, mo, d), d, mo, y, blank, True))
        taken.add(m.start(), e)
    for m in _WORDS.finditer(text, start, end):
        d, mo, y = int(m.group("d")), int(m.group("m")), int(m.group("y"))
        if not free(m.start(), m.end()) or not _valid_dm(d, mo):
            continue
        hits.append(DateHit(m.start(), m.end(), safe_date(y, mo, d), d, mo, y, False, False))
        taken.add(m.start(), m.end())
    for m in _NUM.finditer(text, start, end):
        if not free(m.start(), m.end()):
            continue
        d, mo, y = (int(m.group(g).replace("O", "0")) for g in ("d", "m", "y"))
        # "1.5.2019" without "ngày" is more often a number than a date
        if not _valid_dm(d, mo) or (m.group("sep") == "." and not m.group("ngay")):
            continue
        hits.append(DateHit(m.start(), m.end(), safe_date(y, mo, d), d, mo, y, False, bool(m.group("ngay"))))
        taken.add(m.start(), m.end())
    for m in _DM.finditer(text, start, end):
        if not free(m.start(), m.end()):
            continue
        d, mo = int(m.group("d")), int(m.group("m"))
        if not _valid_dm(d, mo):
            continue
        hits.append(DateHit(m.start(), m.end(), None, d, mo, None, False, True))
        taken.add(m.start(), m.end())
    hits.sort(key=lambda h: h.start)
    # yearless dates: borrow the year of the range end, else resolve against ref
    for i, h in enumerate(hits):
        if h.year is not None or h.blank or h.day is None or h.month is None:
            continue
        y = None
        if i + 1 < len(hits) and hits[i + 1].year is not None:
            g = _RANGE_GAP.match(text, h.end, hits[i + 1].start)
            if g and g.end() == hits[i + 1].start:
                y = hits[i + 1].year
        if y is None:
            y = resolve_year(h.month, h.day, ref)
        h.value = safe_date(y, h.month, h.day)
    return hits


# --- place-and-date line ---------------------------------------------------------


@dataclass
class PlaceDate:
    place: str | None
    place_start: int | None
    place_end: int | None
    date: DateHit
    start: int  # start of the place (or of the date when no place)
    end: int  # end of the date


_WORD = re.compile(r"[^\W\d_](?:[^\W\d_]|['’.\-](?=[^\W\d_]))*\.?")
# what separates the place from layout material before it on the same line
# (a dash between two capitalised words joins a place name: "Phan Rang - Tháp Chàm")
_COLUMN_BREAK = re.compile(r"\|| {2,}|\t|:\s|(?<![A-ZĐÀ-Ỹ][^\W\d_]\s)(?<![A-ZĐÀ-Ỹ][^\W\d_]{2}\s)(?<![A-ZĐÀ-Ỹ][^\W\d_]{3}\s)(?<![A-ZĐÀ-Ỹ][^\W\d_]{4}\s)[-–]\s")
_LINE_TAIL = re.compile(r"[ \t*_.;,|]{0,40}(?:\n|$)")
_MOTTO = re.compile(r"hạnh\s*phúc", re.IGNORECASE)
# A place-date line whose day slot OCR damaged ("ngày {tháng 02", "ngày 0† tháng",
# "ngày 80 tháng", "ngày{5 tháng", "ngày Êˆ_ tháng"): month and year readable,
# the day slot one short token of anything. Bounded: each part has a fixed cap.
_DAMAGED_DAY = re.compile(
    r"ngày[ \t]{0,3}(?P<d>[^\s]{1,4}?)[ \t]{0,3}tháng[ \t]{0,3}(?P<m>\d{1,2})[ \t]{0,3}năm[ \t]{0,3}(?P<y>\d{4})(?!\d)",
    re.IGNORECASE,
)
# glyphs OCR gives for a zero in a digit slot (the slashed zero)
_ZERO_GLYPHS = str.maketrans({"Ø": "0", "ø": "0", "O": "0"})
# what stands before the place on a flattened header's line: the number's
# symbol ("Số: 12/TB-UBND", "299/TTg") or the letter's subject
_FLATTENED_BEFORE = re.compile(r"\d+\s*/\s*[A-ZĐ]|\bV/v\b|\bVề việc\b")
# after a full date with its year, another column or the letter's "Kính gửi"
# may follow on the same line: a capitalised word, not running prose
_NEXT_COLUMN = re.compile(r"[ \t]{1,40}[^\W\d_]")


def _damaged_day_hits(text: str, start: int, end: int, taken: list[DateHit]) -> list[DateHit]:
    """Place-date candidates whose day slot is not a clean number: the day is
    read when only a zero glyph is off (``Ø3`` -> 3), else it is unreadable."""
    starts = {h.start for h in taken}
    out = []
    for m in _DAMAGED_DAY.finditer(text, start, end):
        if m.start() in starts:
            continue
        raw = m.group("d").translate(_ZERO_GLYPHS)
        mo, y = int(m.group("m")), int(m.group("y"))
        if not 1 <= mo <= 12:
            continue
        d = int(raw) if raw.isdigit() and len(raw) <= 2 and 1 <= int(raw) <= 31 else None
        value = safe_date(y, mo, d)
        out.append(DateHit(m.start(), m.end(), value, d, mo, y, False, True, unreadable=value is None))
    return out

# capitalised words that end up before ", ngày" without being places
_NOT_PLACE = {"hôm nay", "hôm qua", "sáng nay", "chiều nay", "tối nay", "vào", "sáng", "chiều", "tối", "trưa"}
_NOT_PLACE_WORDS = {"số", "ngày", "tháng", "năm", "kính", "gửi"}


def _is_cap(w: str) -> bool:
    return w[:1].isupper()


def _is_all_caps(w: str) -> bool:
    letters = [c for c in w if c.isalpha()]
    return len(letters) > 1 and all(c.isupper() for c in letters)


def find_place_date_line(text: str, start: int = 0, end: int | None = None, *, flattened: bool = False) -> PlaceDate | None:
    """The first ``<Place>, ngày ...`` line in ``text[start:end]`` (blank days included).

    The place is the run of capitalised words directly before ``, ngày`` on the
    same line, after any layout columns (table pipes, wide space runs, the
    national motto flattened onto the line). ``flattened``: the caller reads a
    header a crawl flattened onto one line, where a place without its comma
    may follow the document's number or its V/v subject on the line instead
    of opening its line or column.
    """
    end = len(text) if end is None else end
    hits = find_dates(text, start, end)
    hits = sorted(hits + _damaged_day_hits(text, start, end, hits), key=lambda h: h.start)
    for hit in hits:
        # a place line is short: look back at most 300 chars (bounds the work on
        # one huge line full of dates)
        lo = max(start, hit.start - 300)
        line_start = text.rfind("\n", lo, hit.start) + 1 or lo
        before = text[line_start : hit.start]
        stripped = before.rstrip()
        comma = stripped.endswith(",")
        # "<Place>, ngày ...", and with a full date also "<Place>, 05/3/2025" (no
        # "ngày") and "<Place> ngày 05 tháng 3 năm 2025" (a comma an OCR or a
        # typist lost: then the place opens its line or column, below)
        if not (hit.has_ngay and comma) and not (hit.year is not None and (comma or hit.has_ngay)):
            continue
        # the date closes its line (or table cell): "X, ngày 5/6/2019 họp ..." is prose;
        # a full date with its year may be followed by a capitalised column
        # ("Hà Nội, ngày 05 tháng 04 năm 2019 Kính gửi: ...")
        if not _LINE_TAIL.match(text, hit.end, end) and not (
            hit.year is not None and (nxt := _NEXT_COLUMN.match(text, hit.end, end)) and nxt.group(0)[-1].isupper()
        ):
            continue
        place_end = line_start + len(stripped) - (1 if comma else 0)  # (the comma)
        while place_end > line_start and text[place_end - 1].isspace():
            place_end -= 1
        seg_start = line_start
        for m in _COLUMN_BREAK.finditer(text, line_start, place_end):
            seg_start = m.end()
        for m in _MOTTO.finditer(text, seg_start, place_end):
            seg_start = m.end()
        words = list(_WORD.finditer(text, seg_start, place_end))
        # the words must run up to the comma: "số 1076-QĐ/TU, ngày" is a citation
        if not words or text[words[-1].end() : place_end].strip():
            continue
        run: list[re.Match] = []
        for w in reversed(words):
            tok = w.group(0)
            # a word glued to a symbol ("753-QĐ/TU") is not part of a place name
            if w.start() > seg_start and not (text[w.start() - 1].isspace() or text[w.start() - 1] in "*_\"“("):
                break
            gap = text[w.end() : run[0].start()] if run else ""
            # (a dash inside a place name: "Phan Rang - Tháp Chàm")
            if run and (gap.strip() not in ("", "-", "–") or "\n" in gap):
                break
            if not _is_cap(tok) or tok.lower() in _NOT_PLACE_WORDS:
                # "Thành phố Hồ Chí Minh", "Thị xã ...": keep the lower-case noun
                if run and tok.lower() in {"phố", "xã", "trấn"} and len(run) < 5:
                    run.insert(0, w)
                    continue
                break
            # an ALL-CAPS word before a title-case place is header text (VIỆT NAM)
            if run and _is_all_caps(tok) and not all(_is_all_caps(r.group(0)) for r in run):
                if tok.endswith(".") and len(tok) <= 4:  # "TP. Hồ Chí Minh", "TX. ..."
                    run.insert(0, w)
                break
            run.insert(0, w)
            if len(run) >= 5:
                break
        while run and not _is_cap(run[0].group(0)):
            run.pop(0)
        if not run or not comma and text[seg_start : run[0].start()].strip(" \t|*_") and not (
            flattened and _FLATTENED_BEFORE.search(text, text.rfind("\n", lo, run[0].start()) + 1 or lo, run[0].start())
        ):
            continue
        place = text[run[0].start() : run[-1].end()]
        if place.lower() in _NOT_PLACE or _is_all_caps(place) and "VIỆT NAM" in place.upper():
            continue
        return PlaceDate(place, run[0].start(), run[-1].end(), hit, run[0].start(), hit.end)
    return None


# --- periods anchored at a position ---------------------------------------------


@dataclass
class Period:
    """A time expression matched at a position: the days it covers."""

    start: int
    end: int
    first: date | None
    last: date | None
    unit: str  # day, week, month, quarter, half, year, now, holiday (a day named by its holiday)
    point: str | None = None  # "end" for cuối ..., "start" for đầu ...
    relative: bool = False  # resolved against the reference date


_S = r"\s{0,3}"  # a gap between syllables: glued or spaced, possibly over a newline
_Y = r"(?P<y>\d{4})(?!\d)"
# "tháng 5/2019", "tháng 01 năm 2016", "tháng 5", "tháng 5-2019"
_MONTH = re.compile(
    r"tháng" + _S + r"(?P<m>\d{1,2})(?!\d)(?:" + _S + r"(?:[/\-]|năm)" + _S + _Y + r")?", re.IGNORECASE
)
_MONTH_REL = re.compile(r"tháng" + _S + r"(?P<w>này|tới|sau|kế tiếp|tiếp theo)\b", re.IGNORECASE)
# the later months of a list whose year is printed last: "(tháng 6) và tháng 7/2025", "(tháng 6), 7 năm 2025"
# (not "đến": "từ tháng 7 đến tháng 9 năm 2026" is a period the deadline's "từ" reads)
_MONTH_MORE = re.compile(
    _S + r"(?:,|và|-|–)" + _S + r"(?:tháng" + _S + r")?(?P<m>\d{1,2})" + _S + r"(?:[/\-]|năm)" + _S + _Y,
    re.IGNORECASE)
# weeks: "tuần tới", "tuần này", "tuần đầu tháng 7/2025", "tuần cuối tháng 12"
_WEEK_REL = re.compile(r"tuần" + _S + r"(?P<w>này|tới|sau|kế tiếp|tiếp theo)(?!\w)", re.IGNORECASE)
_WEEK_EDGE = re.compile(r"tuần" + _S + r"(?P<side>đầu|cuối)" + _S + r"(?=tháng)", re.IGNORECASE)
# "quý II/2020", "quý 2 năm 2020", "Quý III"
_QUARTER = re.compile(
    r"quý" + _S + r"(?P<q>IV|I{1,3}|[1-4])(?![\w])(?:" + _S + r"(?:[/\-]|năm)" + _S + _Y + r")?",
    re.IGNORECASE,
)
_QUARTER_REL = re.compile(r"quý" + _S + r"(?P<w>này|tới|sau)\b", re.IGNORECASE)
# "năm 2019", "năm 2016 - 2020" (a span of years after "năm"); "năm 2023, 2024"
# and "năm 2023 và 2024" list the years of one span (read only when they follow
# each other: match_period)
_YEAR = re.compile(r"năm" + _S + _Y + r"(?:" + _S + r"[-–]" + _S + r"(?P<y2>\d{4})(?!\d)|"
                   + r"(?:" + _S + r"(?:,|và)" + _S + r"(?P<next>\d{4})(?![\d/.\-]\d))+)?", re.IGNORECASE)
_FOUR_DIGITS = re.compile(r"\d{4}")
_YEAR_REL = re.compile(r"năm" + _S + r"(?P<w>nay|tới|sau)\b", re.IGNORECASE)
# "6 tháng cuối năm 2023", "06 tháng đầu năm", "nửa cuối năm 2023"
_PART_YEAR = re.compile(
    r"(?:(?P<n>\d{1,2})" + _S + r"tháng|(?P<half>nửa))" + _S + r"(?P<side>đầu|cuối)" + _S
    + r"năm(?:" + _S + _Y + r"|" + _S + r"(?P<w>nay|tới|sau)\b)?",
    re.IGNORECASE,
)
# "cuối năm 2023", "đầu tháng 6/2019", "cuối quý II"
_EDGE = re.compile(r"(?P<side>đầu|cuối)" + _S, re.IGNORECASE)
_NOW = re.compile(r"(?:nay|bây giờ|hiện nay)(?!\w)", re.IGNORECASE)


def _rel(word: str) -> int:
    return 0 if word.lower() in {"này", "nay"} else 1


def match_period(text: str, pos: int, end: int | None = None, ref: date | None = None,
                 allow_now: bool = False) -> Period | None:
    """The time expression starting exactly at ``pos`` (after spaces), or None.

    Covers a date (``ngày 20/4/2019``), ``tháng 5/2019``, ``quý II/2020``,
    ``năm 2019``, ``6 tháng cuối năm 2023``, ``cuối năm 2023`` and the relative
    ``tháng tới``/``năm nay``/``cuối năm`` (against ``ref``); ``nay`` (now) when
    ``allow_now``. A period printed without its year takes the ref's year.
    """
    end = len(text) if end is None else end
    end = min(end, pos + 120)
    while pos < end and text[pos].isspace():
        pos += 1
    if pos >= end:
        return None
    if allow_now:
        m = _NOW.match(text, pos, end)
        if m:
            return Period(pos, m.end(), ref, ref, "now", relative=True)
    week = _match_week(text, pos, end, ref)
    if week is not None:
        return week
    m = _EDGE.match(text, pos, end)
    if m:
        inner = _match_plain(text, m.end(), end, ref) or _match_bare_unit(text, m.end(), end, ref)
        if inner is None or inner.unit in ("day", "holiday"):
            return None
        side = m.group("side").lower()
        day = inner.last if side == "cuối" else inner.first
        return Period(pos, inner.end, day, day, inner.unit, "end" if side == "cuối" else "start", inner.relative)
    return _match_plain(text, pos, end, ref)


def _match_week(text: str, pos: int, end: int, ref: date | None) -> Period | None:
    """``tuần tới`` (the week, Monday to Sunday, after the ref's), ``tuần này``,
    and ``tuần đầu/cuối tháng X`` (the first or last seven days of the month)."""
    m = _WEEK_REL.match(text, pos, end)
    if m:
        if ref is None:
            return None
        monday = ref - timedelta(days=ref.weekday()) + timedelta(weeks=_rel(m.group("w")))
        return Period(pos, m.end(), monday, monday + timedelta(days=6), "week", relative=True)
    m = _WEEK_EDGE.match(text, pos, end)
    if m:
        month = _match_plain(text, m.end(), end, ref)
        if month is None or month.unit != "month" or month.last.month != month.first.month:
            return None
        if m.group("side").lower() == "đầu":
            return Period(pos, month.end, month.first, month.first + timedelta(days=6), "week", relative=month.relative)
        return Period(pos, month.end, month.last - timedelta(days=6), month.last, "week", relative=month.relative)
    return None


# a day and month with neither "ngày" nor a year, right after a time head
# ("hoàn thành trước 30/6"); a fraction ("trước 2/3 số xã") has the smaller
# number first and a noun after it
# a day and month right after a deadline's head: "trước 15/12", "trước 31 tháng 12"
# (a "D/M" followed by a word with D <= M may be a fraction, "3/4 số hộ"; "tháng" is none)
_HEAD_DM = re.compile(r"(?P<d>\d{1,2})(?:\s{0,2}/\s{0,2}|(?P<thang>\s{1,3}tháng\s{1,3}))(?P<m>\d{1,2})"
                      r"(?![\d/]|[.\-]\d)(?P<word>\s{0,3}\w)?", re.IGNORECASE)


def _match_plain(text: str, pos: int, end: int, ref: date | None) -> Period | None:
    while pos < end and text[pos].isspace():
        pos += 1
    if text[pos : pos + 1] in _HOLIDAY_FIRST:
        hit = _match_holiday(text, pos, end, ref)
        if hit is not None:
            return hit
    # a date: the hit must start right here
    if text[pos : pos + 4].lower() == "ngày" or text[pos : pos + 1].isdigit():
        for h in find_dates(text, pos, min(end, pos + 80), ref=ref):
            if h.start == pos and not h.blank:
                if h.value is None:
                    return None
                return Period(pos, h.end, h.value, h.value, "day", relative=h.year is None)
            break
        m = _HEAD_DM.match(text, pos, end)
        if m and _valid_dm(d := int(m.group("d")), mo := int(m.group("m"))) and (
                d > mo or not m.group("word") or m.group("thang")):
            y = resolve_year(mo, d, ref)
            day = safe_date(y, mo, d) if y is not None else None
            return Period(pos, m.end("m"), day, day, "day", relative=True) if day else None
    m = _PART_YEAR.match(text, pos, end)
    if m:
        y, rel = _year_of(m, ref)
        if y is None:
            return None
        n = 6 if m.group("half") else int(m.group("n"))
        if not 1 <= n <= 11:
            return None
        first, last = months_of_year(y, n, m.group("side").lower() == "cuối")
        return Period(pos, m.end(), first, last, "half", relative=rel)
    m = _MONTH.match(text, pos, end)
    if m:
        mo = int(m.group("m"))
        if not 1 <= mo <= 12:
            return None
        if m.group("y"):
            y, rel = int(m.group("y")), False
        elif ref is not None:
            y, rel = resolve_year(mo, 1, ref), True
            if y == ref.year + 1 and mo >= ref.month - 6:  # month-level: keep the ref year
                y = ref.year
        else:
            return None
        if not MIN_YEAR <= y <= MAX_YEAR:
            return None
        first, last = month_bounds(y, mo)
        if not m.group("y"):
            more = _MONTH_MORE.match(text, m.end(), end)
            if more and mo < int(more.group("m")) <= 12:
                # "tháng 6 và tháng 7/2025", "tháng 6, 7 năm 2025": one span, the year printed last
                y = int(more.group("y"))
                if MIN_YEAR <= y <= MAX_YEAR:
                    return Period(pos, more.end(), month_bounds(y, mo)[0], month_bounds(y, int(more.group("m")))[1],
                                  "month")
        return Period(pos, m.end(), first, last, "month", relative=rel)
    m = _MONTH_REL.match(text, pos, end)
    if m:
        if ref is None:
            return None
        y, mo = add_months(ref.year, ref.month, _rel(m.group("w")))
        first, last = month_bounds(y, mo)
        return Period(pos, m.end(), first, last, "month", relative=True)
    m = _QUARTER.match(text, pos, end)
    if m:
        q = m.group("q").lower()
        q = ROMAN.get(q) or int(q)
        if m.group("y"):
            y, rel = int(m.group("y")), False
        elif ref is not None:
            y, rel = ref.year, True
        else:
            return None
        if not MIN_YEAR <= y <= MAX_YEAR:
            return None
        first, last = quarter_bounds(y, q)
        return Period(pos, m.end(), first, last, "quarter", relative=rel)
    m = _QUARTER_REL.match(text, pos, end)
    if m:
        if ref is None:
            return None
        q = (ref.month - 1) // 3 + 1 + _rel(m.group("w"))
        y = ref.year + (q - 1) // 4
        first, last = quarter_bounds(y, (q - 1) % 4 + 1)
        return Period(pos, m.end(), first, last, "quarter", relative=True)
    m = _YEAR.match(text, pos, end)
    if m:
        y1 = int(m.group("y"))
        y2 = int(m.group("y2")) if m.group("y2") else y1
        stop = m.end()
        if m.group("next"):
            # a list of years is one span only when each follows the one before
            ys = list(_FOUR_DIGITS.finditer(text, m.start("y"), m.end()))
            k = 1
            while k < len(ys) and int(ys[k].group()) == int(ys[k - 1].group()) + 1:
                k += 1
            y2, stop = int(ys[k - 1].group()), ys[k - 1].end()
        if not (MIN_YEAR <= y1 <= y2 <= MAX_YEAR):
            return None
        return Period(pos, stop, date(y1, 1, 1), date(y2, 12, 31), "year")
    m = _YEAR_REL.match(text, pos, end)
    if m:
        if ref is None:
            return None
        y = ref.year + _rel(m.group("w"))
        return Period(pos, m.end(), date(y, 1, 1), date(y, 12, 31), "year", relative=True)
    return None


# "cuối năm" / "đầu tháng" with nothing after: the ref's year or month
_BARE_UNIT = re.compile(r"(?P<u>năm|tháng|quý)(?![\w/\-])(?!\s{0,3}(?:\d|nay|này|tới|sau))", re.IGNORECASE)


def _match_bare_unit(text: str, pos: int, end: int, ref: date | None) -> Period | None:
    m = _BARE_UNIT.match(text, pos, end)
    if m is None or ref is None:
        return None
    u = m.group("u").lower()
    if u == "năm":
        first, last = year_bounds(ref.year)
    elif u == "tháng":
        first, last = month_bounds(ref.year, ref.month)
    else:
        first, last = quarter_bounds(ref.year, (ref.month - 1) // 3 + 1)
    return Period(pos, m.end(), first, last, {"năm": "year", "tháng": "month", "quý": "quarter"}[u], relative=True)


def _year_of(m: re.Match, ref: date | None) -> tuple[int | None, bool]:
    if m.group("y"):
        y = int(m.group("y"))
        return (y if MIN_YEAR <= y <= MAX_YEAR else None), False
    if ref is None:
        return None, True
    w = m.group("w")
    return ref.year + (_rel(w) if w else 0), True


# --- holidays ----------------------------------------------------------------------

_HOLIDAY_FIRST = frozenset("tTgGnNdDđĐ")  # the first letters of rules/deadlines.yaml "holidays" and "dịp"


@dataclass(frozen=True)
class _HolidayRules:
    pattern: re.Pattern
    names: dict[str, str]  # words as printed (lower case, single spaces) -> the calendar's name
    stems: dict[str, int]
    branches: dict[str, int]
    other_tet: re.Pattern


def _words_alt(words) -> str:
    return "|".join(_S.join(map(re.escape, w.split())) for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=1)
def _holiday_rules() -> _HolidayRules:
    r = load_rules("deadlines")
    names = {" ".join(k.lower().split()): v for k, v in r["holidays"].items()}
    stems = {w: i for i, w in enumerate(r["year_stems"])}
    branches = {w: i for i, ws in enumerate(r["year_branches"]) for w in ([ws] if isinstance(ws, str) else ws)}
    pattern = re.compile(
        r"(?:dịp" + _S + r")?(?P<h>" + _words_alt(names) + r")(?!\w)"
        r"(?:\s{1,3}(?P<stem>" + _words_alt(stems) + r")\s{1,3}(?P<branch>" + _words_alt(branches) + r")(?!\w))?"
        r"(?:[\s,(\-–]{0,5}(?:năm" + _S + r")?" + _Y + r")?",
        re.IGNORECASE,
    )
    other = re.compile(r"\s{1,3}(?:" + _words_alt(r["other_tet"]) + r")(?!\w)", re.IGNORECASE)
    return _HolidayRules(pattern, names, stems, branches, other)


@lru_cache(maxsize=512)
def holiday_date(name: str, year: int) -> date | None:
    """The day of the holiday ``name`` (its name in the Vietnamese calendar of
    the ``holidays`` package, which computes lunar dates) in ``year``."""
    import holidays  # imported on the first holiday read: ~50 ms with its translations

    days = holidays.country_holidays("VN", years=year, language="vi").get_named(name, lookup="istartswith")
    return min(days) if days else None


def _match_holiday(text: str, pos: int, end: int, ref: date | None) -> Period | None:
    """``Tết Nguyên đán Bính Ngọ năm 2026``, ``dịp Tết``, ``Tết Dương lịch``: the
    holiday's day. Without a year: the year its Can Chi name gives, else the
    first such day on or after ``ref``."""
    R = _holiday_rules()
    m = R.pattern.match(text, pos, end)
    if m is None:
        return None
    key = " ".join(m.group("h").lower().split())
    if key == "tết" and not m.group("stem") and not m.group("y") and R.other_tet.match(text, m.end(), end):
        return None  # "Tết trồng cây", "Tết Trung thu": another festival
    name = R.names[key]
    if m.group("y"):
        y = int(m.group("y"))
        day = holiday_date(name, y) if MIN_YEAR <= y <= MAX_YEAR else None
        return Period(pos, m.end(), day, day, "holiday") if day else None
    if ref is None:
        return None
    stem = m.group("stem") and R.stems.get(" ".join(m.group("stem").lower().split()))
    branch = m.group("branch") and R.branches.get(" ".join(m.group("branch").lower().split()))
    for y in (ref.year - 1, ref.year, ref.year + 1):
        day = holiday_date(name, y)
        if day is None:
            continue
        if m.group("stem"):
            if (y - 4) % 10 == stem and (y - 4) % 12 == branch:  # year 4 was Giáp Tý
                return Period(pos, m.end(), day, day, "holiday", relative=True)
        elif day >= ref:
            return Period(pos, m.end(), day, day, "holiday", relative=True)
    return None
