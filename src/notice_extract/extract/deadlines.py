"""Deadlines of a directive (or of a heading), normalised per SPEC §2.

A deadline needs a *head*: a time preposition or verb directly before a time
expression (``trước ngày 20/4/2019``, ``trong tháng 6/2019``, ``từ nay đến hết
tháng 01 năm 2016``, ``xong trong tháng 5/2019``, ``chậm nhất ngày 5/6``), or a
recurrence word (``hằng tháng``, ``1 quý/lần``). A bare year after a noun
(``kế hoạch ... năm 2016``, ``nhiệm kỳ 2020-2025``) has no head and is never
read. Two period shapes carry their own head because they only ever name a
working period (``6 tháng cuối năm 2023``, ``quý II/2020``); they and the weak
heads (bare ``đến``, ``vào``) are dropped when an object noun of the same
clause shows the year labels a thing (``kế hoạch về đích ... vào năm 2020``).

Kinds (SPEC table): ``before`` ``by`` ``on`` ``within`` ``period`` ``from``
``recurring``. Relative expressions resolve against the issue date, else the
meeting date. Word lists live in ``rules/deadlines.yaml``.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import lru_cache

from ..labels import match_label
from ..models import Deadline
from ..resources import load_rules
from ..textmap import VI_LOWER, VI_UPPER, Doc, prose_line_at
from .dates import Intervals, Period, add_months, find_dates, last_day_of_month, match_period

# --- rules ------------------------------------------------------------------------


# Gaps between the words of a time expression are "\s{0,24}": a pdftotext line
# break and its indent ("hằng⏎          tháng") as well as a space; bounded, and
# never overlapping the word after it, so matching stays linear.


def _alt(words: list[str]) -> str:
    """Regex alternation of phrases; a space matches 0-3 whitespace (glued/broken text)."""
    parts = sorted({w.strip() for w in words if w.strip()}, key=len, reverse=True)
    return "|".join(r"\s{0,24}".join(re.escape(p) for p in w.split()) for w in parts)


@dataclass(frozen=True)
class _Rules:
    head: re.Pattern
    recurrence: list[tuple[re.Pattern, str]]
    recurrence_cue: re.Pattern  # a word every recurrence match contains
    units: dict
    numbers: dict
    to: re.Pattern
    retro: re.Pattern
    onward: re.Pattern
    onward_years: re.Pattern
    horizon: re.Pattern
    data_before: re.Pattern
    perfective: re.Pattern
    objects: re.Pattern
    recurring_objects: re.Pattern
    completion: re.Pattern
    label_before: re.Pattern
    label_head: re.Pattern
    recur_prefix: re.Pattern
    due_before: re.Pattern
    limit_before: re.Pattern
    non_deadline: re.Pattern
    object_window: int
    completion_window: int
    past_days: int


# what may follow a head word: a space, a digit, or (glued text) a time word
_NEXT = r"(?=[\s\d]|ngày|tháng|năm|quý|nay|hết|đầu|cuối|lúc|\d)"
# clock and time-of-day between a head and its date: "trước 08 giờ 00 ngày 22/6/2026",
# "vào lúc 14 giờ00, ngày 02/12/2025", "vào sáng ngày 15/5"
_FILLER = re.compile(
    r"\s{0,24}(?:thời\s{0,3}điểm\s{0,24})?(?:(?:lúc|khoảng)\s{0,24})?"
    r"(?:\d{1,2}\s{0,2}(?:giờ|h)\s{0,2}(?:\d{1,2}\s{0,2}(?:phút|['’])?)?\s{0,2},?\s{0,24})?"
    r"(?:(?:sáng|chiều|trưa|tối)\s{1,3}(?=ngày))?"
    r"(?:thứ\s{0,24}(?:hai|ba|tư|năm|sáu|bảy|\d)\s{0,24}[,(]?\s{0,24}(?=ngày))?",
    re.IGNORECASE,
)
_SIGNING = re.compile(r"\s{0,24}ngày\s{0,24}ký(?:\s{0,24}ban\s{0,24}hành)?(?!\w)", re.IGNORECASE)
# what may stand between a head and its time expression
_HET = re.compile(r"\s{0,24}(?:hết)?", re.IGNORECASE)  # "đến hết năm 2019"
_AFTER_LATEST = re.compile(r"\s{0,24}(?:là\s{0,24})?(?:(?:vào|trước|đến|trong)\s{0,24})?(?:hết\s{0,24})?",
                           re.IGNORECASE)  # "chậm nhất là vào ngày ..."
_AFTER_DONE = re.compile(r"\s{0,24}(?:(?P<prep>(?:ngay\s{0,24})?trong|vào|trước|đến|chậm\s{0,24}nhất)\s{0,24})?"
                         r"(?:hết\s{0,24})?", re.IGNORECASE)  # "xong (ngay) trong tháng 5"
# a line break ends a clause or a sentence unless the next line goes on in lower
# case (text wrapped to a narrow column: "... tham gia⏎bảo hiểm y tế đến năm 2030"),
# or a heading in capitals goes on in capitals ("I. VỀ ĐỀ ÁN ... TỈNH⏎ĐẾN NĂM 2030")
_UP = "A-Z" + VI_UPPER
_LINE_END = r"\n(?![ \t]*[a-z" + VI_LOWER + "])(?!(?<=[" + _UP + "]{2}\n)[ \t]*[" + _UP + "]{2})"
_CLAUSE_BREAK = re.compile(r"[.;:!?()\[\],]|" + _LINE_END)
_SENTENCE_BREAK = re.compile(r"[.;:!?]|" + _LINE_END)
_WORDS = re.compile(r"\S+")


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    r = load_rules("deadlines")
    units = r["recurrence_units"]
    numbers = {k.lower(): int(v) for k, v in r["number_words"].items()}
    unit_alt = _alt(list(units))
    num = r"(?P<n>\d{1,2}|" + _alt(list(numbers)) + r")"
    recurrence = [
        # "định kỳ hằng tháng (một lần)", "hàng tuần", "mỗi quý 1 lần"
        (re.compile(r"(?:định\s{0,24}kỳ\s{0,24})?(?:" + _alt(r["recurrence_words"]) + r")\s{0,24}"
                    r"(?P<unit>" + unit_alt + r")(?!\w)(?:\s{0,24}(?:một|01|1)\s{0,24}lần(?!\w))?",
                    re.IGNORECASE), "each"),
        # "1 quý/lần", "2 tháng/lần", "một quý một lần"
        (re.compile(num + r"\s{0,24}(?P<unit>" + unit_alt + r")\s{0,24}(?:/|một)\s{0,24}(?:(?:01|1)\s{0,24})?lần(?!\w)",
                    re.IGNORECASE), "every_n"),
        # "định kỳ 6 tháng (một lần)"
        (re.compile(r"định\s{0,24}kỳ\s{0,24}" + num + r"\s{0,24}(?P<unit>" + unit_alt + r")(?!\w)"
                    r"(?:\s{0,24}(?:một|01|1)\s{0,24}lần(?!\w))?", re.IGNORECASE), "every_n"),
        # "1 lần/tháng", "2 lần/năm"
        (re.compile(num + r"\s{0,24}lần\s{0,24}(?:/|mỗi|trong\s{0,24}một)\s{0,24}(?P<unit>" + unit_alt + r")(?!\w)",
                    re.IGNORECASE), "n_per"),
    ]
    # the first letter of every head below: a guard that lets the engine skip
    # the other positions quickly (same matches)
    firsts = {"k", "t", "đ", "n", "v"} | {
        w.strip()[0].lower() for w in r["latest_heads"] + r["completion_verbs"] + r["time_labels"] if w.strip()
    }
    head = re.compile(
        r"(?=[" + "".join(re.escape(c) for c in sorted(firsts)) + r"])(?:"
        + r"(?P<from>(?:kể\s{0,24})?từ)" + _NEXT
        + r"|(?P<to>đến|tới)" + _NEXT
        # (a head of the latest first: "trước hoặc trong ngày D" is by D, not before)
        + r"|(?P<latest>" + _alt(r["latest_heads"]) + r")(?!\w)"
        + r"|(?P<before>trước)" + _NEXT
        + r"|(?P<done>" + _alt(r["completion_verbs"]) + r")(?!\w)"
        + r"|(?P<during>(?:ngay\s{0,24})?trong)" + _NEXT
        + r"|(?P<at>vào)" + _NEXT
        + r"|(?P<label>(?:" + _alt(r["time_labels"]) + r")(?:\s{0,24}(?:" + _alt(r["time_label_verbs"]) + r"))?)"
        + r"\s{0,24}[:\-–]?(?=\s{0,24}(?:ngày|tháng|quý|năm|\d))"
        + r")",
        re.IGNORECASE,
    )
    label = r"(?:" + _alt(r["time_labels"]) + r")(?:\s{0,24}(?:" + _alt(r["time_label_verbs"]) + r"))?"
    cue_words = {w.split()[0] for w in r["recurrence_words"] if w.strip()} | {"lần", "định"}
    return _Rules(
        head=head,
        recurrence=recurrence,
        # Each recurrence pattern above holds one of these words literally (the
        # first word of a recurrence word, "lần", or "định" of "định kỳ"): a
        # span without any needs none of the four scans.
        recurrence_cue=re.compile(
            "(?=[" + "".join(sorted({w[0].lower() for w in cue_words})) + "])(?:"  # (their first letters)
            + "|".join(re.escape(w) for w in sorted(cue_words)) + ")",
            re.IGNORECASE,
        ),
        units=units,
        numbers=numbers,
        to=re.compile(r"\s{0,24},?\s{0,24}(?:đến|tới|[-–—])\s{0,24}(?:hết\s{0,24})?", re.IGNORECASE),
        retro=re.compile(r"\s{0,24},?\s{0,24}(?:" + _alt(r["retrospective_tails"]) + r")(?!\w)", re.IGNORECASE),
        onward=re.compile(r"\s{0,24},?\s{0,24}(?:" + _alt(r["onward_tails"]) + r")(?!\w)", re.IGNORECASE),
        onward_years=re.compile(r"\s{0,24},?\s{0,24}(?:" + _alt(r["onward_year_tails"]) + r")(?!\w)", re.IGNORECASE),
        horizon=re.compile(r"\s{0,24},?\s{0,24}(?:" + _alt(r["horizon_tails"]) + r")(?!\w)", re.IGNORECASE),
        # (a measurement or a document's validity: neither is a task's time)
        data_before=re.compile(r"(?:^|[^\w])(?:" + _alt(r["data_words"] + r["validity_words"]) + r")\s{0,24}$",
                               re.IGNORECASE),
        perfective=re.compile(r"\s{0,24},?\s{0,24}(?:" + _alt(r["perfective_after"]) + r")(?!\w)", re.IGNORECASE),
        # no word boundaries: PDF text glues syllables ("kết quảthực hiện nhiệm vụQuý III")
        objects=re.compile(r"(?:" + _alt(r["object_nouns"]) + r")", re.IGNORECASE),
        # the object must close the words before the recurrence (one word may follow it)
        recurring_objects=re.compile(r"(?:^|\s)(?:" + _alt(r["recurring_objects"]) + r")(?:\s+\S+)?$", re.IGNORECASE),
        completion=re.compile(r"(?<!\w)(?:" + _alt(r["completion_verbs"]) + r")(?!\w)", re.IGNORECASE),
        label_before=re.compile(r"(?:^|[^\w])(" + label + r")\s{0,24}[:\-–]?\s{0,24}$", re.IGNORECASE),
        label_head=re.compile(label, re.IGNORECASE),
        # "trước ngày 18 hằng tháng": the day of each month belongs to the recurrence
        recur_prefix=re.compile(
            r"(?:(?:trước|vào|chậm\s{0,24}nhất|đến)\s{0,24})?ngày\s{0,24}\d{1,2}\s{0,24}$", re.IGNORECASE),
        # "Hạn chót nộp hồ sơ là ngày ...": the noun, a few words of its object, "là" or ":"
        due_before=re.compile(
            r"(?:^|[^\w])((?:" + _alt(r["due_nouns"]) + r")(?:\s{1,3}[^\s.;:,]+){0,%d}?\s{0,3}(?:là|:)\s{0,3}(?:vào\s{0,3})?)$"
            % int(r.get("due_object_words", 6)), re.IGNORECASE),
        # "trong thời hạn (không quá) 10 (mười) ngày (làm việc)(,) | kể từ ..."
        limit_before=re.compile(
            r"(?:^|[^\w])(?P<head>(?:" + _alt(r["limit_heads"]) + r")\s{0,24}(?:không\s{0,3}quá\s{0,24})?"
            r"(?P<n>\d{1,3})\s{0,24}(?:\([^)]{0,30}\)\s{0,24})?(?P<unit>" + _alt(r["limit_units"]) + r")"
            r"(?P<work>\s{0,24}làm\s{0,3}việc)?)\s{0,24},?\s{0,24}$", re.IGNORECASE),
        non_deadline=re.compile(r"(?:" + _alt(r["non_deadline_phrases"]) + r")(?!\w)", re.IGNORECASE),
        object_window=int(r.get("object_window_words", 10)),
        completion_window=int(r.get("completion_window_words", 10)),
        past_days=int(r.get("past_tolerance_days", 31)),
    )


# --- candidates -----------------------------------------------------------------


@dataclass
class _Cand:
    start: int
    end: int
    kind: str
    first: date | None  # the Deadline's start
    last: date | None  # the Deadline's end
    recurrence: str | None = None
    confidence: float = 0.85


# a quarter or a part of a year needs no head: it only ever names a working period
_BARE = re.compile(
    r"(?=[\dnq])(?:"  # (the first characters below)
    r"(?:\d{1,2}\s{0,24}tháng|nửa)\s{0,24}(?:đầu|cuối)\s{0,24}năm|quý\s{0,24}(?:IV|I{1,3}|[1-4])(?!\w)"
    r")",
    re.IGNORECASE,
)


def _since_break(text: str, pos: int, lo: int, width: int, breaks: re.Pattern) -> str:
    """The text before ``pos`` (at most ``width`` characters, not before
    ``lo``) after the last match of ``breaks`` in it."""
    a = max(lo, pos - width)
    left = text[a:pos]
    # (a few characters past ``pos`` for the line-end test's look at the next line)
    last = None
    for m in breaks.finditer(text[a : pos + 4]):
        if m.start() >= len(left):
            break
        if m.group(0) == "\n" and a + m.start() and prose_line_at(text, a + m.start() - 1):
            continue  # the wrap of a line of prose, not a cell's end ("... xây dựng⏎Quế Sơn đạt chuẩn ...")
        last = m
    return left[last.end() :] if last else left


def _clause_before(text: str, pos: int, lo: int, n_words: int) -> str:
    """The last ``n_words`` words before ``pos`` inside the same clause."""
    words = _WORDS.findall(_since_break(text, pos, lo, 200, _CLAUSE_BREAK))
    return " ".join(words[-n_words:])


_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_ON_DAY = re.compile(r"vào\s+(?:ngày|hôm)\b", re.I)


def _names_object(text: str, pos: int, lo: int, R: _Rules) -> bool:
    before = _clause_before(text, pos, lo, R.object_window)
    objects = list(R.objects.finditer(before))
    # (not a day something is held on after the object's own years: "Đại hội
    # nhiệm kỳ 2025 - 2030 vào ngày 20/10/2025"; but "kế hoạch vốn năm 2026 đến
    # ngày 15/5/2026 chưa phân bổ" still describes the plan)
    if objects and not (_ON_DAY.match(text, pos) and _YEAR.search(before, objects[-1].end())):
        return True
    # an item that is the title of a plan or resolution ("+ Nghị quyết về phát
    # triển du lịch ... đến năm 2030"): its years name the object, however far back
    return bool(R.objects.match(text[lo : min(pos, lo + 80)].lstrip(" -+*•\t")))


def _after_completion(text: str, pos: int, lo: int, R: _Rules) -> bool:
    if R.completion.search(_clause_before(text, pos, lo, R.completion_window)):
        return True
    # a sentence that opens with completing, its object a list ("Hoàn thành
    # việc xử lý sắp xếp, sử dụng tài sản công, trụ sở dôi dư trong quý II"),
    # after its item label if it has one
    sentence = _since_break(text, pos, lo, 300, _SENTENCE_BREAK).lstrip()
    label = match_label(sentence)
    return bool(R.completion.match(sentence, label.end if label else 0))


def _label_means_by(label: str) -> bool:
    """"Thời hạn", "Thời gian hoàn thành": the time a task must be done by."""
    label = label.lower()
    return "hạn" in label or any(v in label for v in ("hoàn", "xong"))


def _completion_label_before(text: str, pos: int, lo: int, R: _Rules) -> bool:
    """A period under a completion label ("Thời gian hoàn thành: Trong năm
    2024"): the colon ends the clause, so the completion window misses it."""
    lab = R.label_before.search(text[max(lo, pos - 40) : pos])
    return bool(lab) and _label_means_by(lab.group(1))


_GAP = re.compile(r"\s{0,24}[,:]?\s{0,24}")
# one verb before the completing one: "Trong năm 2028: triển khai và hoàn thành ..."
_VERB_AND = re.compile(r"[^\W\d_]+(?:\s{1,3}[^\W\d_]+)?\s{1,3}(?:và|,)\s{0,3}", re.IGNORECASE)


def _completion_follows(text: str, pos: int, end: int, R: _Rules) -> bool:
    """A fronted period whose clause opens with completing: "Trong quý III
    năm 2026, hoàn thành cắt giảm ..." (or "Trong năm 2028: triển khai và
    hoàn thành ...") is "by" as "hoàn thành ... trong" is."""
    k = _GAP.match(text, pos, end).end()
    if R.completion.match(text, k, end):
        return True
    v = _VERB_AND.match(text, k, end)
    return bool(v) and bool(R.completion.match(text, v.end(), end))


def _period_after(text: str, pos: int, end: int, ref: date | None, allow_now: bool = False) -> Period | None:
    f = _FILLER.match(text, pos, end)
    p = f.end() if f else pos
    return match_period(text, p, end, ref, allow_now=allow_now)


def _plus(day: date, n: int, unit: str) -> date:
    """``day`` plus ``n`` days, weeks, months or years (a month end kept in range)."""
    u = unit.lower()
    if u == "ngày":
        return day + timedelta(days=n)
    if u == "tuần":
        return day + timedelta(weeks=n)
    y, mo = add_months(day.year, day.month, n * 12 if u == "năm" else n)
    return date(y, mo, min(day.day, last_day_of_month(y, mo).day))


def _in_year_before(day: date, last: date) -> date:
    """``day`` moved to the year of ``last``, a year earlier if it would fall
    after it ("từ tháng 11 đến tháng 2 năm 2027" starts in November 2026)."""
    for year in (last.year, last.year - 1):
        moved = day.replace(year=year, day=min(day.day, 28)) if (day.month, day.day) == (2, 29) else day.replace(year=year)
        if moved <= last:
            return moved
    return day


def _from_head(text: str, m: re.Match, lo: int, end: int, ref: date | None, issue: date | None,
               R: _Rules) -> _Cand | None:
    """``từ X đến Y`` -> period; ``từ X (trở đi)`` -> from; ``từ X đến nay`` -> nothing."""
    if R.data_before.search(text[max(lo, m.start() - 20) : m.start()]):
        return None
    sign = _SIGNING.match(text, m.end(), end)
    if sign:  # "(kể) từ ngày ký": the issue date, when the document has one
        if issue is None:
            return None
        p = Period(m.end(), sign.end(), issue, issue, "day")
    else:
        p = _period_after(text, m.end(), end, ref, allow_now=True)
    if p is None or p.first is None:
        return None
    if R.retro.match(text, p.end, end):
        return None
    before = max(lo, m.start() - 60)
    lim = R.limit_before.search(text[before : m.start()])
    if lim:
        # "trong thời hạn 10 ngày kể từ ngày ký": a time limit, not a start
        if lim.group("work") or p.relative:
            return None  # working days, or a day of no known year: no date to give
        last = _plus(p.first, int(lim.group("n")), lim.group("unit"))
        start = before + lim.start("head")
        return _Cand(start, p.end, "by", None, last, confidence=0.8)
    t = R.to.match(text, p.end, end)
    if t:
        q = _period_after(text, t.end(), end, ref, allow_now=False)
        if q is not None and q.last is not None:
            if p.relative and p.unit != "now" and not q.relative:
                # "từ tháng 7 đến tháng 9 năm 2026": the start printed without
                # its year takes the end's, not the reference date's
                p = replace(p, first=_in_year_before(p.first, q.last))
            if q.last < p.first:
                return None
            return _Cand(m.start(), q.end, "period", p.first, q.last, confidence=0.9)
        if t.group(0).strip(" \t\n,-–—").lower() not in ("", "hết"):
            # "từ X đến nay" looks back; "từ X đến thời điểm kiểm tra" has an end
            # we cannot date: neither is an open-ended "from"
            return None
    onward = R.onward.match(text, p.end, end)
    if onward:
        return _Cand(m.start(), onward.end(), "from", p.first, None, confidence=0.9)
    if p.unit == "now":
        return None  # a bare "từ nay" bounds nothing
    return _Cand(m.start(), p.end, "from", p.first, None, confidence=0.7)


def _head_cand(text: str, m: re.Match, lo: int, end: int, ref: date | None, issue: date | None,
               R: _Rules) -> _Cand | None:
    kind = m.lastgroup
    if kind == "from":
        return _from_head(text, m, lo, end, ref, issue, R)
    pos = m.end()
    if kind == "to":
        if R.data_before.search(text[max(lo, m.start() - 20) : m.start()]):
            return None
        p = _period_after(text, _HET.match(text, pos, end).end(), end, ref)
        if p is None or _names_object(text, m.start(), lo, R) or R.horizon.match(text, p.end, end):
            return None
        return _Cand(m.start(), p.end, "by", None, p.last, confidence=0.6)
    if kind == "before":
        p = _period_after(text, pos, end, ref)
        return p and _Cand(m.start(), p.end, "before", None, p.first, confidence=0.9)
    if kind == "latest":
        j = _AFTER_LATEST.match(text, pos, end)
        p = _period_after(text, j.end(), end, ref)
        return p and _Cand(m.start(), p.end, "by", None, p.last, confidence=0.9)
    if kind == "done":
        j = _AFTER_DONE.match(text, pos, end)
        p = _period_after(text, j.end(), end, ref)
        if p is None:
            return None
        prep = (j.group("prep") or "").lower()
        if prep.startswith("trước"):
            return _Cand(m.start(), p.end, "before", None, p.first, confidence=0.9)
        return _Cand(m.start(), p.end, "by", None, p.last, confidence=0.9)
    if kind == "during":
        p = _period_after(text, pos, end, ref)
        if p is None or p.unit == "holiday":  # "trong (dịp) Tết": the occasion, not a time limit
            return None
        if p.unit == "day":
            return _Cand(m.start(), p.end, "on", p.first, p.last, confidence=0.8)
        if (_after_completion(text, m.start(), lo, R) or _completion_follows(text, p.end, end, R)
                or _completion_label_before(text, m.start(), lo, R)):
            return _Cand(m.start(), p.end, "by", None, p.last, confidence=0.8)
        on = R.onward_years.match(text, p.end, end)
        if on and p.unit == "year":
            # "trong năm 2014 và các năm tiếp theo": from that year on
            return _Cand(m.start(), on.end(), "from", p.first, None, confidence=0.8)
        return _Cand(m.start(), p.end, "within", p.first, p.last, confidence=0.8)
    if kind == "at":
        p = _period_after(text, pos, end, ref)
        if p is None or p.unit == "holiday" or _names_object(text, m.start(), lo, R):
            return None
        if p.unit == "day":
            return _Cand(m.start(), p.end, "on", p.first, p.last, confidence=0.8)
        return _Cand(m.start(), p.end, "by", None, p.last, confidence=0.75)
    if kind == "label":
        p = _period_after(text, pos, end, ref)
        if p is None:
            return None
        if _label_means_by(m.group("label")):
            return _Cand(m.start(), p.end, "by", None, p.last, confidence=0.85)
        if p.unit == "day":
            return _Cand(m.start(), p.end, "on", p.first, p.last, confidence=0.85)
        return _Cand(m.start(), p.end, "within", p.first, p.last, confidence=0.85)
    return None


# what every time expression holds (``dates.match_period``, ``_BARE``, "ngày ký")
_TIME_CUE = re.compile(r"(?=[\dntqg])(?:\d|ngày|tháng|quý|năm|nay|giờ|tết|giỗ|tuần)", re.IGNORECASE)  # (first letters)
_NGAY = re.compile(r"ngày", re.IGNORECASE)

# a document number right before a date: "Quyết định số 898-QĐ/HU ngày 30/9/2019",
# "Kế hoạch số 26-KH/ĐU, ngày 07/11/2025"; "số 03-\nBC/BXDĐ ngày 13/10/2025" (a symbol
# broken over lines): the last token holds a slash or a "number-" prefix
_WRAPPED_HYPHEN = re.compile(r"-[ \t]*\n[ \t]*")
_CITED_BEFORE = re.compile(r"(?:[\w.\-]*/[\w/.\-]*|\d+-[\w.\-]*|số\s{0,24}\d[\w.\-]*)[\s,]{0,3}$", re.IGNORECASE)
# a word that makes the date part of another expression (handled, or refused, by its head)
_HEADED_BEFORE = re.compile(r"(?:đến|tới|từ|trước|sau|hết|tính|kể|nhất|là|vào|trong|lúc|\d)\s{0,24}$",
                            re.IGNORECASE)
_OF_AFTER = re.compile(r"\s{0,24}(?:của|do)(?!\w)", re.IGNORECASE)


def _bare_day_cands(text: str, lo: int, end: int, ref: date | None, meeting: date | None,
                    R: _Rules) -> list[_Cand]:
    """``ngày 15/5/2019`` with no head word: an event on that day (kind ``on``).

    Refused for a cited document's date (a number before it, ``của ...`` after
    it), for a date already past at the reference date or not after the
    meeting (the meeting itself, earlier events), and where another head
    governs the date."""
    out: list[_Cand] = []
    for h in find_dates(text, lo, end, ref=ref):
        if not h.has_ngay or h.blank or h.value is None:
            continue
        if (ref is not None and h.value < ref) or (meeting is not None and h.value <= meeting):
            continue
        # (a symbol wrapped after its hyphen is one word: "số 67/NT-⏎PCCC ngày 01/7/2025")
        before = _WRAPPED_HYPHEN.sub("-", text[max(lo, h.start - 40) : h.start])
        due = R.due_before.search(text[max(lo, h.start - 80) : h.start])
        if due:  # "Hạn chót nộp hồ sơ là ngày 30/6/2026": the last day
            out.append(_Cand(h.start - len(due.group(1)), h.end, "by", None, h.value, confidence=0.85))
            continue
        if _CITED_BEFORE.search(before) or _HEADED_BEFORE.search(before):
            continue
        if _OF_AFTER.match(text, h.end, end):
            continue
        out.append(_Cand(h.start, h.end, "on", h.value, h.value, confidence=0.6))
    return out


def _duration(unit: str, n: int, R: _Rules) -> str | None:
    base = R.units.get(unit.lower())
    if base is None or n < 1:
        return None
    k, letter = int(base[1:-1]), base[-1]
    return f"P{k * n}{letter}"


# The literal each recurrence pattern of ``_rules`` needs, in order: a recurrence
# word, "lần", "định" (of "định kỳ"), "lần"; and every one needs a unit word.
_RECUR_NEEDS = ("words", "lần", "định", "lần")


@lru_cache(maxsize=1)
def _recurrence_needs() -> tuple[re.Pattern, list[re.Pattern]]:
    r = load_rules("deadlines")
    words = re.compile(_alt(r["recurrence_words"]), re.IGNORECASE)
    lan, dinh = re.compile("lần", re.IGNORECASE), re.compile("định", re.IGNORECASE)
    units = re.compile(_alt(list(r["recurrence_units"])), re.IGNORECASE)
    return units, [words if n == "words" else lan if n == "lần" else dinh for n in _RECUR_NEEDS]


def _recurrence_cands(text: str, lo: int, end: int, R: _Rules) -> list[_Cand]:
    out: list[_Cand] = []
    if not R.recurrence_cue.search(text, lo, end):
        return out
    units, needs = _recurrence_needs()
    if not units.search(text, lo, end):
        return out
    for (pat, shape), need in zip(R.recurrence, needs):
        if not need.search(text, lo, end):
            continue
        for m in pat.finditer(text, lo, end):
            unit = re.sub(r"\s+", " ", m.group("unit")).lower()
            n = 1
            if "n" in pat.groupindex and m.group("n"):
                raw = m.group("n").lower()
                n = int(raw) if raw.isdigit() else R.numbers.get(raw, 0)
            if shape == "n_per":  # n times per unit -> one step of unit/n
                if n == 1:
                    dur = _duration(unit, 1, R)
                elif unit == "năm" and 12 % n == 0:
                    dur = f"P{12 // n}M"
                elif unit == "quý" and n == 3:
                    dur = "P1M"
                else:
                    dur = None
            else:
                dur = _duration(unit, n, R)
            if dur is None:
                continue
            s = m.start()
            if R.recurring_objects.search(_clause_before(text, s, lo, 4)):
                continue  # "trợ cấp hàng tháng", "ngân sách nhà nước hằng năm": names a thing, not a task's rhythm
            pre = R.recur_prefix.search(text[max(lo, s - 30) : s])
            if pre:
                s = s - (len(text[max(lo, s - 30) : s]) - pre.start())
            out.append(_Cand(s, m.end(), "recurring", None, None, dur, confidence=0.85))
    return out


def _merge_recurrence(cands: list[_Cand], text: str) -> list[_Cand]:
    """A recurrence next to a bounding period is one deadline:
    ``từ nay đến hết tháng 01 năm 2016, hằng tháng`` -> period + P1M.

    ``cands`` other than recurrences are disjoint, so the neighbours of a
    recurrence are found by bisection."""
    recs = sorted((c for c in cands if c.kind == "recurring"), key=lambda c: c.start)
    others = sorted((c for c in cands if c.kind != "recurring"), key=lambda c: c.start)
    starts = [o.start for o in others]
    kept: list[_Cand] = []
    for r in recs:
        i = bisect.bisect_left(starts, r.start)
        merged = False
        for o in (others[i - 1] if i > 0 else None, others[i] if i < len(others) else None):
            if o is None or o.kind not in ("period", "within", "from") or o.recurrence:
                continue
            lo, hi = (o.end, r.start) if o.end <= r.start else (r.end, o.start)
            if hi < lo or hi - lo > 5 or text[lo:hi].strip(" \t\n,") != "":
                continue
            o.recurrence = r.recurrence
            o.start, o.end = min(o.start, r.start), max(o.end, r.end)
            if o.kind != "period":  # a bounded recurrence other than "từ ... đến ..."
                o.kind = "recurring"
            merged = True
            break
        if not merged:
            kept.append(r)
    return others + kept


def _select(cands: list[_Cand]) -> list[_Cand]:
    """Longest first; a candidate inside or across an accepted one is dropped."""
    chosen: list[_Cand] = []
    taken = Intervals()
    for c in sorted(cands, key=lambda c: (-(c.end - c.start), c.start)):
        if c.end > c.start and taken.free(c.start, c.end):
            taken.add(c.start, c.end)
            chosen.append(c)
    return sorted(chosen, key=lambda c: c.start)


def find_deadlines(
    doc: Doc,
    start: int,
    end: int,
    issue_date: date | None,
    meeting_date: date | None,
    method_prefix: str = "rule:deadline",
) -> list[Deadline]:
    """All deadlines printed in ``doc.text[start:end]``, in text order.

    ``issue_date`` (else ``meeting_date``) resolves ``từ nay``, ``tháng tới``
    and dates printed without a year. ``inherited`` is always False: copying a
    heading's deadlines to its items is the caller's job.
    """
    R = _rules()
    text = doc.text
    end = min(end, len(text))
    ref = issue_date or meeting_date
    cands: list[_Cand] = []
    # every head needs a time expression after it, and every time expression
    # (a date, a period, a bare quarter, "nay") holds one of these: a span
    # without any has no candidate but recurrences
    if _TIME_CUE.search(text, start, end):
        for m in R.head.finditer(text, start, end):
            if R.non_deadline.match(text, m.start(), end):
                continue
            c = _head_cand(text, m, start, end, ref, issue_date, R)
            if c is not None:
                cands.append(c)
        for m in _BARE.finditer(text, start, end):
            p = match_period(text, m.start(), end, ref)
            if p is None or _names_object(text, m.start(), start, R):
                continue
            cands.append(_Cand(m.start(), p.end, "within", p.first, p.last, confidence=0.7))
        if _NGAY.search(text, start, end):  # a bare day is printed with "ngày"
            cands += _bare_day_cands(text, start, end, ref, meeting_date, R)
    cands += _recurrence_cands(text, start, end, R)
    cands = _select(_merge_recurrence(_select_overlapping_heads(cands), text))

    out: list[Deadline] = []
    seen: set[tuple] = set()
    for c in cands:
        # a deadline that ended well before the meeting looks back: it is a finding
        if ref is not None and c.kind in ("before", "by", "on", "within") and c.last is not None:
            if c.last < ref - timedelta(days=R.past_days):
                continue
        if c.recurrence is None and R.perfective.match(text, c.end, end):
            continue  # the time of a fact: "đến ngày 31/12/2025 đã giải ngân ..."
        s = c.start
        lab = R.label_before.search(text[max(start, s - 40) : s])
        if lab:
            s = s - (len(text[max(start, s - 40) : s]) - lab.start(1))
        key = (c.kind, c.first, c.last, c.recurrence)
        if key in seen:
            continue
        seen.add(key)
        e = c.end
        while e > s and text[e - 1] in " \t\n,.;:":
            e -= 1
        src, span = doc.ground(s, e)
        out.append(
            Deadline(
                text=src,
                span=span,
                kind=c.kind,
                start=c.first.isoformat() if c.first else None,
                end=c.last.isoformat() if c.last else None,
                recurrence=c.recurrence,
                inherited=False,
                confidence=c.confidence,
                method=f"{method_prefix}.{c.kind}",
            )
        )
    return out


def _select_overlapping_heads(cands: list[_Cand]) -> list[_Cand]:
    """Keep, among head candidates, the longest of any overlapping group, so a
    ``từ ... đến ...`` period is not also read as a bare ``đến`` deadline;
    recurrences stay for the merge step."""
    heads = [c for c in cands if c.kind != "recurring"]
    recs = [c for c in cands if c.kind == "recurring"]
    return _select(heads) + recs
