"""The meeting a notice reports, and whose conclusions it records.

``extract_meeting`` reads the opening (``Ngày 05 tháng 4 năm 2019, đồng chí ...
tổ chức buổi làm việc với xã Liên Chung về ...``) and the subject:

* ``date``: the first date of the opening that is not part of a citation;
* the *event sentence*: from that date to the end of its sentence; the chair is
  the phrase between the date and the event verb (``tổ chức``, ``làm việc với``,
  ``họp``), the counterpart follows ``làm việc với``;
* ``kind``: the first event noun of the subject, else of the opening (gold README:
  the subject's word wins);
* ``topic``: the ``về ...`` phrase of the subject, else the phrase after the
  counterpart that starts with a topic verb, else ``về ...`` in the event
  sentence, else the quoted title of the event;
* ``attendees``: the ``Dự ... có`` / ``Cùng tham dự có`` list, split into parties.

No date or no event verb in the opening -> no meeting (non-notices, notices
issued on a Tờ trình, schedules). ``extract_concluded_by`` reads ``KẾT LUẬN CỦA X``
in the subject, else the handover sentence ``X kết luận như sau:``.

Chair, counterparts and attendees are read by the one party grammar
(``parties.split_parties``, leaders standing for their bodies in lists).
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from ..labels import match_label
from ..models import Meeting, Value
from ..resources import load_rules
from .citations import find_citations
from .context import Context
from .dates import find_dates
from .parties import inside_comma_term, split_parties
from .persons import cue_end, name_at, title_after

_WS = re.compile(r"\s+")
_SENT_END = re.compile(r"\.(?=\s|$)")
_WORD_BEFORE = re.compile(r"([^\W\d_]+)$")


@lru_cache(maxsize=1)
def _degrees() -> frozenset[str]:
    return frozenset(load_rules("persons")["degree_prefixes"])


def _sentence_end(text: str, start: int, end: int) -> int:
    """Where the sentence that runs on from ``start`` ends: its period, not the
    one of a degree before a name ("BSCKII. Lê Văn Thành", rules/persons.yaml)."""
    for m in _SENT_END.finditer(text, start, end):
        w = _WORD_BEFORE.search(text, max(start, m.start() - 12), m.start())
        if not (w and w.group(1) in _degrees()):
            return m.start()
    return end


_QUOTED = re.compile(r"[“\"]([^”\"\n]{3,300})[”\"]")
_VE = re.compile(r"(?<![^\W\d_])về(?![^\W\d_])", re.I)
_CLAUSE_STOP = re.compile(r"[.;:](?=\s)")  # where a topic read from the opening ends


@lru_cache(maxsize=1)
def _rules() -> dict:
    raw = load_rules("meeting")
    r: dict = {k: re.compile(v, re.I) for k, v in raw.items() if isinstance(v, str)}
    r["event_nouns"] = [(re.compile(e["re"], re.I), e["value"], e.get("subject_ok", True)) for e in raw["event_nouns"]]
    r["addressees"] = [re.compile(p, re.I | re.M) for p in raw["addressees"]]
    return r


def party_phrase_end(ctx: Context, s: int, e: int) -> int:
    """Where a counterpart or a subject's unit that starts at ``s`` ends: at
    ``counterpart_stop``, past commas inside a term of a name ("Đội Cảnh sát
    phòng cháy, chữa cháy và cứu nạn, cứu hộ")."""
    stop = _rules()["counterpart_stop"]
    m = stop.search(ctx.doc.text, s, e)
    while m and ctx.doc.text[m.start()] == "," and inside_comma_term(ctx.doc, m.start()):
        m = stop.search(ctx.doc.text, m.start() + 1, e)
    return m.start() if m else e


def norm_key(s: str) -> str:
    """A comparison key: case, spacing and edge punctuation ignored."""
    return _WS.sub(" ", s).strip(" ,.;:").casefold()


# --- the meeting ---------------------------------------------------------------


def _subject_bounds(ctx: Context) -> tuple[int, int] | None:
    lines = ctx.layout.subject_lines
    if not lines:
        # a subject on its title's line ("THÔNG BÁO Kết luận của ..."): the header's span of it
        subj = ctx.record.subject
        if subj is None or subj.span is None:
            return None
        return ctx.doc.working_offset(subj.span[0]), ctx.doc.working_offset(subj.span[1])
    return ctx.line_bounds(lines[0])[0], ctx.line_bounds(lines[-1])[1]


def _is_notice(ctx: Context) -> bool:
    if ctx.record.notice_kind is not None:
        return True
    # before the header extractor fills notice_kind, fall back on the title
    return ctx.record.subject is None and ctx.layout.is_notice_title


def _event_noun(ctx: Context, s: int, e: int, *, subject: bool) -> Value | None:
    text = ctx.doc.text
    best = None
    for pat, value, subject_ok in _rules()["event_nouns"]:
        if subject and not subject_ok:
            continue
        for m in pat.finditer(text, s, e):
            if m.start() and text[m.start() - 1].isalpha():
                continue
            if m.end() < len(text) and text[m.end()].isalpha():
                continue
            if best is None or m.start() < best[0] or (m.start() == best[0] and m.end() > best[1]):
                best = (m.start(), m.end(), value, subject_ok)
            break
    if best is None:
        return None
    return ctx.value(best[0], best[1], value=best[2], method="rule:meeting-kind", confidence=0.85)


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s] in " \t\n,;:.-–+*":
        s += 1
    while e > s and text[e - 1] in " \t\n,;:.":
        e -= 1
    return s, e


def _cut_quotes(text: str, s: int, e: int) -> tuple[int, int]:
    s, e = _trim(text, s, e)
    if e - s >= 2 and text[s] in "“\"" and text[e - 1] in "”\"":
        s, e = s + 1, e - 1
    return s, e


def extract_meeting(ctx: Context) -> Meeting | None:
    if not _is_notice(ctx):
        return None
    op = ctx.block("opening")
    if op is None:
        return None
    text = ctx.doc.text
    r = _rules()
    cited = [c.span for c in find_citations(ctx, *op)]
    cited_w = [(ctx.doc.working_offset(a), ctx.doc.working_offset(b)) for a, b in cited]
    dates = [
        h for h in find_dates(text, *op)
        if h.value is not None and not any(a <= h.start < b for a, b in cited_w)
    ]
    # the event sentence opens with its date ("Ngày 05 tháng 4 năm 2019, ...",
    # "...; ngày 07/11/2019, ..."); a date inside a Căn cứ clause is not the meeting's
    d, opener = next(((h, m) for h in dates if (m := _opens_clause(text, op[0], h.start))), (None, None))
    ev = None
    if d is not None:
        sent_end = _sentence_end(text, d.end, op[1])
        # (a chair with all the titles of the office: "đồng chí X, Phó Chủ tịch UBND tỉnh,
        # Trưởng Ban Chỉ đạo ... tỉnh (sau đây gọi tắt là ...) chủ trì" runs past 150 characters)
        ev = r["event_verb"].search(text, d.end, min(sent_end, d.end + 300))
        lo = d.end  # the chair stands between the date and the verb
        told = sent_end  # where the event's own words (counterparts, topic) end
    if ev is None:
        # ... or the date closes the event sentence: "Chủ tịch UBND tỉnh đã làm
        # việc với UBND huyện X vào ngày 01/4/2025."
        late = _dated_at_end(text, op, dates)
        if late is None:
            return _labelled_meeting(ctx, op)
        d, lo, ev, told = late
        opener, sent_end = None, _sentence_end(text, d.end, op[1])
    meeting = Meeting(method="rule:meeting", confidence=0.8)
    a, b, day = _meeting_day(d, opener)
    meeting.date = ctx.value(a, b, value=day.isoformat(), method="rule:meeting-date")

    # chair: the first party between the date and the verb (a named person
    # with all the titles after the name: "đồng chí X - Tỉnh ủy viên, Phó Chủ tịch ...")
    # (after the meeting's place: "Ngày ..., tại trụ sở Chính phủ, Phó Thủ tướng ... chủ trì")
    place = _PLACE.match(text, lo, ev.start())
    chair = split_parties(ctx.doc, place.end() if place else lo, ev.start(), method="rule:meeting-chair")
    follow = r["chair_sentence"].match(text, sent_end + 1, op[1]) if sent_end < op[1] else None
    if follow:  # "... tổ chức hội nghị ... . Đồng chí Bí thư Huyện ủy chủ trì hội nghị."
        chair = split_parties(ctx.doc, follow.start("x"), follow.end("x"), method="rule:meeting-chair") or chair
    pres = r["presided_by"].search(text, ev.start(), sent_end)
    if pres:  # the body met, its leader chaired: "Ban Thường vụ họp dưới sự chủ trì của đồng chí Bí thư"
        chair = split_parties(ctx.doc, pres.end(), party_phrase_end(ctx, pres.end(), sent_end),
                              method="rule:meeting-chair") or chair
    label = r["chair_label"].search(text, sent_end, op[1]) if sent_end < op[1] else None
    if label:  # "... . Chủ trì cuộc họp: đồng chí Y - Chủ tịch UBND huyện."
        chair = split_parties(ctx.doc, label.end(), _sentence_end(text, label.end(), op[1]),
                              method="rule:meeting-chair") or chair
    if chair:
        meeting.chaired_by = [chair[0].model_copy(update={"role": None})]

    # counterparts: "làm việc với X" in the event sentence
    cp = r["counterpart_lead"].search(text, ev.start(), told)
    cp_end = None
    if cp:
        cp_end = party_phrase_end(ctx, cp.end(), told)
        meeting.counterparts = split_parties(ctx.doc, cp.end(), cp_end, method="rule:meeting-counterpart", represent=True)

    # the subject's noun wins; then a full noun of the opening; a bare verb ("họp") last
    subj = _subject_bounds(ctx)
    kind = _event_noun(ctx, *subj, subject=True) if subj else None
    kind = kind or _event_noun(ctx, d.start, sent_end, subject=True) or _event_noun(ctx, *op, subject=True)
    meeting.kind = kind or _event_noun(ctx, d.start, sent_end, subject=False)
    meeting.topic = _topic(ctx, subj, (cp.end() if cp else ev.end(), told))

    # attendees: the list the opening announces, then each side's of its own
    pos = d.end
    for att in _attendee_leads(text, d.end, op[1]):
        if att.start() < pos:
            continue  # inside the list before
        stop = r["attendees_stop"].search(text, att.end(), op[1])
        end = stop.start() if stop else op[1]
        _add_attendees(meeting, split_parties(ctx.doc, att.end(), end, method="rule:meeting-attendee", represent=True))
        pos = max(att.end(), stop.end() if stop else op[1])
    return meeting


def _attendee_leads(text: str, start: int, end: int):
    """The attendee leads of ``text[start:end]`` in text order: "Tham dự ... có",
    and a side's own ("về phía huyện có", "Về phía tỉnh:"); each pattern is
    scanned once, however many lists the opening holds."""
    r = _rules()
    scans = [r["attendees_lead"].finditer(text, start, end), r["attendees_side"].finditer(text, start, end)]
    heads = [next(it, None) for it in scans]
    while any(m is not None for m in heads):
        k = min((m.start(), k) for k, m in enumerate(heads) if m is not None)[1]
        yield heads[k]
        heads[k] = next(scans[k], None)


def _add_attendees(meeting: Meeting, parties) -> None:
    """Attendees once each, other than the chair and the counterparts."""
    taken = {norm_key(p.value) for p in meeting.chaired_by + meeting.counterparts}
    for p in parties:
        k = norm_key(p.value)
        if k not in taken:
            taken.add(k)
            meeting.attendees.append(p)


def _labelled_meeting(ctx: Context, op: tuple[int, int]) -> Meeting | None:
    """The meeting of an opening that describes it in labelled lines ("- Thời
    gian: ..., ngày 12/3/2025.", "- Chủ trì: đồng chí X - Chủ tịch UBND huyện.",
    "- Thành phần: ..."), when no sentence tells the event; None without a chair."""
    text, r = ctx.doc.text, _rules()
    fields: dict[str, tuple[int, int]] = {}
    pos = op[0]
    while pos < op[1]:
        end = text.find("\n", pos, op[1])
        end = op[1] if end < 0 else end
        for key in ("date", "chair", "attendees"):
            m = r[f"labelled_{key}"].match(text, pos, end)
            if m and key not in fields:
                fields[key] = (m.end(), _field_end(text, end, op[1]))
        pos = end + 1
    if "chair" not in fields:
        return None
    meeting = Meeting(method="rule:meeting-labelled", confidence=0.75)
    if "date" in fields:
        day = next((h for h in find_dates(text, *fields["date"]) if h.value is not None), None)
        if day is not None:
            meeting.date = ctx.value(day.start, day.end, value=day.value.isoformat(), method="rule:meeting-date")
    a, b = fields["chair"]
    chair = split_parties(ctx.doc, a, _sentence_end(text, a, b), method="rule:meeting-chair")
    if chair:
        meeting.chaired_by = [chair[0].model_copy(update={"role": None})]
    if "attendees" in fields:
        a, b = fields["attendees"]
        _add_attendees(meeting, split_parties(ctx.doc, a, _sentence_end(text, a, b), method="rule:meeting-attendee",
                                              represent=True))
    subj = _subject_bounds(ctx)
    meeting.kind = _event_noun(ctx, *subj, subject=True) if subj else None
    meeting.topic = _topic(ctx, subj, op) if subj else None
    return meeting


_FIELD_DONE = re.compile(r"[.!?]\W*$")  # (";" and ":" go on: "...; Ban Quản lý ...;⏎Chủ tịch ...")


def _field_end(text: str, end: int, hi: int) -> int:
    """Where a labelled field that ends its first line at ``end`` ends: a field
    wrapped over lines (pdftotext) goes on, while its line ends no sentence, to a
    blank or labelled line ("- Thành phần: ..., Tài chính - Kế⏎hoạch, ...")."""
    while end < hi and not _FIELD_DONE.search(text, text.rfind("\n", 0, end) + 1, end):
        nxt = text.find("\n", end + 1, hi)
        nxt = hi if nxt < 0 else nxt
        line = text[end + 1 : nxt].strip()
        if not line or match_label(line) is not None:
            break
        end = nxt
    return end


_PLACE = re.compile(r"\s*,?\s*(?:tại|ở)\s+(?:[^,;.:\n]|\n(?![ \t]*\n)){1,120},", re.I)

# the timing words an event's date may open its clause with: "Vào lúc 14 giờ 00
# ngày ...", "Chiều ngày ...", and the first days of a meeting that lasted
# several ("Trong hai ngày 10 và 11/4/2025", "Từ ngày 10 đến ngày 12/4/2025":
# group ``first``)
_CLAUSE_START = re.compile(
    r"\W*(?:(?:vào|trong|từ)\s+)?(?:lúc\s+\d{1,2}\s*(?:giờ|h)(?:\s*\d{1,2}(?:\s*phút)?)?\s*,?\s*)?"
    r"(?:(?:buổi\s+)?(?:sáng|chiều|tối|trưa)\s+)?(?:hôm\s+nay,?\s+)?"
    r"(?:(?:(?:hai|ba|các|02|03)\s+)?(?P<days>ngày\s+(?P<first>\d{1,2})\s*(?:,|và|-|–|đến(?:\s+ngày)?)\s*))?",
    re.I,
)
# a basis or purpose clause before the event's date: "Thực hiện Quyết định số
# ... ngày ..., từ ngày 28/10/2025 đến ngày 30/10/2025, Đoàn công tác ..."
_BASIS = re.compile(r"\W*(?:thực\s+hiện|căn\s+cứ|theo|triển\s+khai|được\s+sự)(?![^\W\d_])", re.I)


# "... vào ngày 01/4/2025", "vào sáng ngày ...": the day an event sentence names
# last (the date's own "ngày" may be in the hit or before it)
_DAY_AFTER_EVENT = re.compile(r"(?<![^\W\d_])vào\s+(?:(?:sáng|chiều|tối|trưa)\s+)?(?:ngày\s*)?$", re.I)


def _dated_at_end(text: str, op: tuple[int, int], dates) -> tuple | None:
    """An event sentence that names its day after the event ("X đã làm việc
    với Y vào ngày 01/4/2025"): (the date, the sentence's start, the event
    verb, where the event's words end before the day), for the first sentence
    of the opening that has both, else None."""
    for h in dates:
        before = _DAY_AFTER_EVENT.search(text, max(op[0], h.start - 20), h.start)
        if not before:
            continue
        k = h.start
        while k > op[0] and not (text[k - 1] in ".;:" and text[k : k + 1].isspace()) and text[k - 1] != "\n":
            k -= 1
        while k < h.start and text[k].isspace():
            k += 1
        ev = _rules()["event_verb"].search(text, k, h.start)
        if ev:
            told = before.start()
            while told > ev.end() and text[told - 1] in " ,":
                told -= 1
            return h, k, ev, told
    return None


def _opens_clause(text: str, lo: int, pos: int) -> re.Match | None:
    """The timing words between the last clause break (or paragraph start) and
    ``pos``, if only such words stand there (``_CLAUSE_START``)."""
    k = pos
    # (a stop inside a date or a time, "20.10.2025", "14:30", breaks nothing)
    while k > lo and not (text[k - 1] in ".;:" and text[k : k + 1].isspace()) and not (
            text[k - 1] == "\n" and (k - 1 == lo or text[k - 2] in ".;:\n")):
        k -= 1
    m = _CLAUSE_START.fullmatch(text, k, pos)
    if m:
        return m
    comma = text.rfind(",", k, pos)
    return _CLAUSE_START.fullmatch(text, comma + 1, pos) if comma >= 0 and _BASIS.match(text, k) else None


def _meeting_day(hit, m: re.Match) -> tuple[int, int, date]:
    """The event's date as a span and a day: the hit, or from the first of the
    days it ends ("ngày 10 và 11/4/2025" is the 10th); ``m``, the timing words
    that open its clause (``_opens_clause``)."""
    first = int(m.group("first")) if m and m.group("first") else None
    if first is not None and 1 <= first < hit.value.day:
        return m.start("days"), hit.end, hit.value.replace(day=first)
    return hit.start, hit.end, hit.value


_HEARD = re.compile(r"nghe\s+(?:báo\s+cáo\s+)?(?:về\s+)?", re.I)
_REPORTS = re.compile(r"\s+báo\s+cáo\s+(?:về\s+)?(?=\w)", re.I)


def _topic(ctx: Context, subj, event: tuple[int, int]) -> Value | None:
    text = ctx.doc.text
    r = _rules()

    def value(s: int, e: int, method: str) -> Value | None:
        s, e = _cut_quotes(text, s, e)
        if e - s < 3:
            return None
        return ctx.value(s, e, method=method, confidence=0.8)

    def ve_outside_quotes(s: int, e: int):
        for m in _VE.finditer(text, s, e):
            if text.count("“", s, m.start()) <= text.count("”", s, m.start()) and text.count('"', s, m.start()) % 2 == 0:
                if not re.match(r"\s+(?:đích|dự|với)(?![^\W\d_])", text[m.end() : m.end() + 8]):
                    return m
        return None

    if subj:
        m = ve_outside_quotes(*subj)
        if m:
            return value(m.end(), subj[1], "rule:topic-subject")
        # "... làm việc với các Tổ công tác đánh giá tình hình, ..."
        cp = r["counterpart_lead"].search(text, *subj)
        if cp:
            stop = party_phrase_end(ctx, cp.end(), subj[1])
            if stop < subj[1] and r["topic_verbs"].match(text, stop + 1):
                return value(stop + 1, subj[1], "rule:topic-subject")
            if stop < subj[1] and (rep := _REPORTS.match(text, stop)):
                # "... họp nghe Công ty X báo cáo một số vấn đề ...": what it reported
                return value(rep.end(), subj[1], "rule:topic-subject")
        # "... tại cuộc họp giải quyết kiến nghị của các doanh nghiệp": the
        # event noun followed by what it was held to do
        for pattern, _, ok in r["event_nouns"]:
            ev = pattern.search(text, *subj) if ok else None
            if ev and (tv := re.compile(r"\s+").match(text, ev.end())) and r["topic_verbs"].match(text, tv.end()):
                # "cuộc họp nghe báo cáo tình hình ...": what was heard is the topic (dev t005's gold)
                heard = _HEARD.match(text, tv.end())
                return value(heard.end() if heard else tv.end(), subj[1], "rule:topic-subject")
    m = ve_outside_quotes(*event)
    if m:
        # the topic runs to the end of the clause, not to the next "về"
        stop = _CLAUSE_STOP.search(text, m.end(), event[1])
        return value(m.end(), stop.start() if stop else event[1], "rule:topic-opening")
    m = r["topic_purpose"].search(text, *event)
    if m:  # "... họp để cho ý kiến đối với một số nội dung quan trọng"
        stop = _CLAUSE_STOP.search(text, m.end(), event[1])
        return value(m.end(), stop.start() if stop else event[1], "rule:topic-opening")
    for bounds in filter(None, (subj, event)):
        q = _QUOTED.search(text, *bounds)
        if q:
            return value(q.start(1), q.end(1), "rule:topic-title")
    return None


# --- concluded_by ----------------------------------------------------------------


_VOWELS = set("aăâeêioôơuưy" "áàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ")
_CONSONANT_RUN = re.compile(r"[^\W\d_aăâeêioôơuưyáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ]{3,}")


def _syllable_case(span: str) -> str:
    """A span in capitals with each syllable in title case and acronyms kept
    ("CHỦ TỊCH UBND TỈNH NGUYỄN VĂN HÙNG" -> "Chủ Tịch UBND Tỉnh Nguyễn Văn
    Hùng"), the same length, so that personal names read as names. A word with
    no vowel or three consonants in a row ("UBND", "PCT") is an acronym
    ("ngh" is one consonant)."""
    def one(m: re.Match) -> str:
        w = m.group(0)
        low = w.lower()
        if not any(c in _VOWELS for c in low) or _CONSONANT_RUN.search(low.replace("ngh", "n")):
            return w
        out = w[0] + low[1:]
        return out if len(out) == len(w) else w
    return re.sub(r"\w+", one, span)


def _strip_person(ctx: Context, s: int, e: int) -> tuple[int, int]:
    """Drop the cue (``đồng chí``, ``ông`` ...) and a personal name: ``đồng chí Nguyễn Văn A, Chủ tịch UBND tỉnh`` -> the title.
    A subject in capitals is read in title case (``_syllable_case``): the offsets are the same."""
    text = ctx.doc.text
    span = text[s:e]
    letters = [c for c in span if c.isalpha()]
    caps = bool(letters) and sum(c.isupper() for c in letters) > 0.9 * len(letters)
    if caps:
        text = text[:s] + _syllable_case(span) + text[e:]
    cue = cue_end(text, s, e)
    if cue is not None:
        s = cue
    h = name_at(text, s, cued=cue is not None)
    if h and h.end < e:
        t = title_after(text, h.end)
        if t:
            return t[0], min(e, t[1])
    if h and h.end >= e - 1 and not text[h.end : e].strip(" .,"):
        # the span is the name alone, its title after a comma the subject's
        # pattern stopped at: "Kết luận của đồng chí Nguyễn Văn A, Phó Chủ tịch UBND tỉnh tại ..."
        t = title_after(text, h.end)
        if t and caps:
            # in capitals the words after the title look like a place's name:
            # "..., PHÓ CHỦ TỊCH UBND TỈNH TẠI CUỘC HỌP" ends before "TẠI"
            cut = re.search(r"\s+(?:tại|về|trong)\s", text[t[0] : t[1]], re.I)
            t = (t[0], t[0] + cut.start()) if cut else t
        if t:
            return t
    # the title then the name: "Phó Thủ tướng Chính phủ Trần Văn Cường" -> the title
    for w in re.finditer(r"\s+(?=\w)", text[s:e]):
        h = name_at(text, s + w.end(), cued=False)
        if h and h.end >= e - 1 and not text[h.end:e].strip(" .,"):
            return s, s + w.start()
    return s, e


def _last_concluded_opening(text: str, lo: int, hi: int) -> tuple[int, int] | None:
    """Span of group ``x`` of the last ``concluded_opening`` match in [lo, hi).

    Scanning the whole opening is slow (the lazy 3-80 character actor is retried
    at every offset), and only the last match counts. A match holds no "." or ":"
    but its final ":", so each match lies in a stretch that ends with a ":" and
    starts after the previous "." or ":", one match at most per stretch: we try
    the stretches from the last. Inside one, "," and ";" can only occur in the
    40 characters before the ":" (the ``[^.:]{0,40}`` tail), so the match starts
    after any earlier one."""
    pattern = _rules()["concluded_opening"]
    cue = _rules()["concluded_opening_cue"]  # its verbs: a stretch without one has no match
    c = text.rfind(":", lo, hi)
    while c >= 0:
        seg = max(lo, text.rfind(":", lo, c) + 1, text.rfind(".", lo, c) + 1)
        start = max(seg, text.rfind(",", seg, c - 40) + 1, text.rfind(";", seg, c - 40) + 1)
        m = pattern.search(text, start, c + 1) if cue.search(text, start, c + 1) else None
        if m:
            return m.start("x"), m.end("x")
        c = text.rfind(":", lo, c)
    return None


def extract_concluded_by(ctx: Context) -> Value | None:
    if not _is_notice(ctx):
        return None
    text = ctx.doc.text
    r = _rules()
    found = None
    subj = _subject_bounds(ctx)
    if subj:
        flat = text[subj[0] : subj[1]].replace("\n", " ")  # same length: offsets stay valid
        # a comma inside a term of a name ("Trưởng Ban Chỉ đạo Phòng, chống thiên
        # tai ...") is no stop: masked, with the same length
        flat = "".join("\x1f" if c == "," and inside_comma_term(ctx.doc, subj[0] + k) else c
                       for k, c in enumerate(flat)) if "," in flat else flat
        m = r["concluded_subject"].search(flat)
        if m:
            found = (subj[0] + m.start("x"), subj[0] + m.end("x"))
            # "KẾT LUẬN CỦA THƯỜNG TRỰC ĐẢNG UỶ / v ề ...": a capitals run ends at
            # the first lower-case word (the cue's capitals tell it, not the
            # body's: "Kết luận của PCT UBND tỉnh" opens with an acronym)
            if flat[m.start() : m.start("x")].isupper():
                for w in re.finditer(r"\s+(\S+)", flat[m.start("x") : m.end("x")]):
                    if any(c.islower() for c in w.group(1)):
                        found = (found[0], found[0] + w.start())
                        break
    op = ctx.block("opening")
    opening_hit = None
    if op:
        opening_hit = _last_concluded_opening(text, op[0], op[1])
        if opening_hit:
            # "Sau khi nghe ... và ý kiến của các đại biểu, Thường trực Huyện ủy": the actor is after the last break
            s, e = opening_hit
            for b in re.finditer(r"[,;]|\bsau khi\b", text[s:e], re.I):
                s = opening_hit[0] + b.end()
            opening_hit = _trim(text, s, e)
    if found is None and opening_hit is None:
        return None
    s, e = _strip_person(ctx, *_trim(text, *(found or opening_hit)))
    if found and opening_hit:
        # prefer the opening's mixed-case spelling of the same body; a subject
        # in capitals hides the holder's name the opening shows ("KẾT LUẬN CỦA
        # PHÓ THỦ TƯỚNG CHÍNH PHỦ TRẦN HỒNG HÀ" / "Phó Thủ tướng Chính phủ Trần
        # Hồng Hà kết luận"): the same words, so the opening's title
        os_, oe = _strip_person(ctx, *opening_hit)
        if norm_key(text[os_:oe]) == norm_key(text[s:e]) or norm_key(text[slice(*opening_hit)]) == norm_key(text[s:e]):
            s, e = os_, oe
    # several comma-separated titles of the concluding person ("Ủy viên Ban
    # Thường vụ Tỉnh ủy, Phó Chủ tịch UBND tỉnh"): keep the one held in the
    # issuing body (rules/issuer.yaml body_title_words)
    issuer = ctx.record.issuer
    words = load_rules("issuer").get("body_title_words", {}).get(issuer.body if issuer else None)
    if words and not re.search(words, text[s:e], re.I):
        flat = text[: min(len(text), e + 300)].replace("\n", " ")  # same length: offsets stay valid
        p = e
        for _ in range(3):
            if not re.match(r"[ \t]*,", flat[p:]):
                break  # only a comma joins further titles of the same person
            t = title_after(flat, p)
            if t is None:
                break
            if re.search(words, text[t[0] : t[1]], re.I):
                s, e = t
                break
            p = t[1]
    value = _WS.sub(" ", text[s:e]).strip()
    if not value:
        return None
    return ctx.value(s, e, value=value, method="rule:concluded-by", confidence=0.85)
