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

Party splitting is local (``split_list``): the shared ``extract/parties.py`` was
not available when this was written.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..models import Meeting, Party, PersonRef, Value
from ..resources import load_rules
from .citations import find_citations
from .context import Context
from .dates import find_dates
from .persons import name_at, title_after

_WS = re.compile(r"\s+")


def _unglue(s: str) -> str:
    """Put back a space OCR lost between a lower-case and an upper-case letter ("vụTỉnh")."""
    return "".join(c + " " if c.islower() and i + 1 < len(s) and s[i + 1].isupper() else c for i, c in enumerate(s))
_SENT_END = re.compile(r"\.(?=\s|$)")
_QUOTED = re.compile(r"[“\"]([^”\"\n]{3,300})[”\"]")
_VE = re.compile(r"(?<![^\W\d_])về(?![^\W\d_])", re.I)
_DONG_CHI = re.compile(r"^(?:các\s+)?(?:đồng\s+chí|đ/c)\s+", re.I)


@lru_cache(maxsize=1)
def _rules() -> dict:
    raw = load_rules("meeting")
    r: dict = {k: re.compile(v, re.I) for k, v in raw.items() if isinstance(v, str)}
    r["event_nouns"] = [(re.compile(e["re"], re.I), e["value"], e.get("subject_ok", True)) for e in raw["event_nouns"]]
    r["addressees"] = [re.compile(p, re.I | re.M) for p in raw["addressees"]]
    # a collective "cơ quan, ban, ngành" (category nouns joined by commas) is one party
    cat = raw["category_nouns"]
    r["collective"] = re.compile(r"(?<![^\W\d_])" + cat + r"(?:\s*,\s*" + cat + r")+(?![^\W\d_])")
    # "và" starts a new conjunct only before a unit head ("... Huyện ủy và Phòng ...")
    r["and_split"] = re.compile(r"\s+và\s+(?=(?:các|những)\s|" + raw["unit_heads"] + ")", re.I)
    r["locality_tail"] = re.compile(raw["locality_tail"])  # case matters: a named place is capitalised
    r["body_tail"] = re.compile(raw["body_tail"], re.I)
    return r


def norm_key(s: str) -> str:
    """A comparison key: case, spacing and edge punctuation ignored."""
    return _WS.sub(" ", s).strip(" ,.;:").casefold()


# --- splitting a list of parties -----------------------------------------------


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s] in " \t\n,;:.-–+*":
        s += 1
    while e > s and text[e - 1] in " \t\n,;:.":
        e -= 1
    return s, e


def _kind(value: str) -> str:
    r = _rules()
    v = value.strip()
    if r["position_heads"].match(v):
        return "position"  # "Bí thư các chi, đảng bộ": an office, however many hold it
    if re.match(r"(?:các|những|mỗi|từng)\s", v, re.I) or r["collective"].search(v):
        return "group"
    return "unit"


def make_party(ctx: Context, s: int, e: int, *, value: str | None = None, method: str) -> Party | None:
    """A Party for working span [s, e): a named person, a position, a unit or a group."""
    text = ctx.doc.text
    s, e = _trim(text, s, e)
    if e <= s:
        return None
    src, span = ctx.doc.ground(s, e)
    m = _DONG_CHI.match(text[s:e])
    inner = s + (m.end() if m else 0)
    h = name_at(text, inner, cued=bool(m))
    if h and h.end <= e:
        t = title_after(text, h.end)
        title = _WS.sub(" ", text[t[0] : t[1]]).strip() if t and t[1] <= e else None
        return Party(text=src, span=span, value=h.name, kind="person", person=PersonRef(name=h.name, title=title),
                     method=method, confidence=0.8)
    if value is None:
        value = _WS.sub(" ", text[inner:e]).strip()
        value = _unglue(value)  # OCR "Ban Thường vụĐảng ủy": put the lost space back
    if not value or not re.search(r"[^\W\d_]", value):
        return None
    return Party(text=src, span=span, value=value, kind=_kind(value), method=method, confidence=0.75)


def split_list(ctx: Context, s: int, e: int, *, method: str, represent: bool = True) -> list[Party]:
    """Split a noun phrase naming several parties.

    ``;`` separates groups; inside a group ``,`` and ``và`` (before a unit head)
    separate conjuncts, except inside a collective (``các chi, đảng bộ``). A
    ``head: a, b`` group lists a, b. Within a group a conjunct that lacks a named
    locality takes the one of the nearest following conjunct (``Bí thư Đảng ủy,
    Chủ tịch UBND và Ban chỉ đạo ... của xã Liên Chung``); one that lacks a body
    too takes the nearest following body (``Ủy ban kiểm tra, Ban Tuyên giáo,
    Văn phòng Huyện ủy``); a bare title takes the complement of the next conjunct
    (``Bí thư, Phó Bí thư các chi, đảng bộ``). Leaders stand for their body:
    ``lãnh đạo X``, ``thủ trưởng X``, ``đại diện X`` -> X.
    """
    text = ctx.doc.text
    r = _rules()
    out: list[Party] = []
    for g in _pieces(text, s, e, re.compile(r";")):
        gs, ge = g
        # "Thủ trưởng các cơ quan: A, B" -> A, B
        colon = text.find(":", gs, ge)
        if colon >= 0:
            gs = colon + 1
        conj = []
        protected = [(m.start(), m.end()) for m in r["collective"].finditer(text, gs, ge)]
        for cs, ce in _pieces(text, gs, ge, re.compile(r",|\s+và\s+"), protected, r["and_split"]):
            cs, ce = _trim(text, cs, ce)
            if ce <= cs:
                continue
            # "đồng chí Nguyễn Thế Huy, Phó Chủ tịch UBND huyện": the title belongs to the name
            if conj and _is_name(ctx, conj[-1][0], conj[-1][1]) and r_title().match(text, cs) and text[conj[-1][1]:cs].strip() == ",":
                conj[-1][1] = ce
                continue
            # leaders stand for the body they lead
            rep = r["representative"].match(text[cs:ce]) if represent else None
            if rep and rep.end() < ce - cs:
                cs += rep.end()
            conj.append([cs, ce, None])  # None: value as printed
        # distribute shared tails within the group
        for i, c in enumerate(conj):
            v = _WS.sub(" ", text[c[0] : c[1]])
            if _kind(v) == "group" or name_at(text, c[0], cued=False):
                continue  # a collective keeps its own scope; a person takes no locality
            if r["position_heads"].fullmatch(v) and i + 1 < len(conj):
                nxt = _WS.sub(" ", text[conj[i + 1][0] : conj[i + 1][1]])
                h = r["position_heads"].match(nxt)
                if h and h.end() < len(nxt):
                    c[2] = v + nxt[h.end():]
                    continue
            if r["locality_tail"].search(v):
                continue
            for c2 in conj[i + 1 :]:
                v2 = _WS.sub(" ", text[c2[0] : c2[1]])
                lt = r["locality_tail"].search(v2)
                if lt:
                    c[2] = v + re.sub(r"^\s*của\s+", " ", lt.group(0))
                    break
                bt = r["body_tail"].search(v2)
                if bt and not r["body_tail"].search(v) and not re.search(r"(?<![^\W\d_])(?:UBND|HĐND|Đảng ủy)(?![^\W\d_])", v):
                    c[2] = v + bt.group(0)
                    break
        for cs, ce, value in conj:
            p = make_party(ctx, cs, ce, value=value, method=method)
            if p:
                out.append(p)
    return out


def r_title() -> re.Pattern:
    from .persons import _rules as person_rules

    return person_rules()[5]


def _is_name(ctx: Context, s: int, e: int) -> bool:
    """The conjunct [s, e) is exactly a (cued) personal name."""
    text = ctx.doc.text
    m = _DONG_CHI.match(text[s:e])
    h = name_at(text, s + (m.end() if m else 0), cued=bool(m))
    return bool(h and h.end == e)


def _pieces(text, s, e, sep: re.Pattern, protected=(), extra: re.Pattern | None = None):
    """Split [s, e) at ``sep`` (and ``extra``) matches outside protected spans and parentheses."""
    cuts = []
    for m in sep.finditer(text, s, e):
        if m.group(0).strip() == "và" and extra is not None:
            continue  # "và" only splits where extra says so
        cuts.append(m)
    if extra is not None:
        cuts += list(extra.finditer(text, s, e))
    cuts.sort(key=lambda m: m.start())
    depth_ok = []
    for m in cuts:
        if any(a <= m.start() < b for a, b in protected):
            continue
        if text.count("(", s, m.start()) > text.count(")", s, m.start()):
            continue
        depth_ok.append(m)
    pos = s
    for m in depth_ok:
        yield pos, m.start()
        pos = m.end()
    yield pos, e


# --- the meeting ---------------------------------------------------------------


def _subject_bounds(ctx: Context) -> tuple[int, int] | None:
    lines = ctx.layout.subject_lines
    if not lines:
        return None
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
    if not dates:
        return None
    # the event sentence opens with its date ("Ngày 05 tháng 4 năm 2019, ...",
    # "...; ngày 07/11/2019, ..."); a date inside a Căn cứ clause is not the meeting's
    d = next((h for h in dates if _opens_clause(text, op[0], h.start)), None)
    if d is None:
        return None
    se = _SENT_END.search(text, d.end, op[1])
    sent_end = se.start() if se else op[1]
    ev = r["event_verb"].search(text, d.end, min(sent_end, d.end + 150))
    if not ev:
        return None
    meeting = Meeting(method="rule:meeting", confidence=0.8)
    meeting.date = ctx.value(d.start, d.end, value=d.value.isoformat(), method="rule:meeting-date")

    # chair: the last comma-separated chunk between the date and the verb
    cs = d.end
    for m in re.finditer(r",", text[d.end : ev.start()]):
        cs = d.end + m.end()
    chair = make_party(ctx, cs, ev.start(), method="rule:meeting-chair")
    if chair:
        meeting.chaired_by = [chair]

    # counterparts: "làm việc với X" in the event sentence
    cp = r["counterpart_lead"].search(text, ev.start(), sent_end)
    cp_end = None
    if cp:
        stop = r["counterpart_stop"].search(text, cp.end(), sent_end)
        cp_end = stop.start() if stop else sent_end
        meeting.counterparts = split_list(ctx, cp.end(), cp_end, method="rule:meeting-counterpart")

    # the subject's noun wins; then a full noun of the opening; a bare verb ("họp") last
    subj = _subject_bounds(ctx)
    kind = _event_noun(ctx, *subj, subject=True) if subj else None
    kind = kind or _event_noun(ctx, d.start, sent_end, subject=True) or _event_noun(ctx, *op, subject=True)
    meeting.kind = kind or _event_noun(ctx, d.start, sent_end, subject=False)
    meeting.topic = _topic(ctx, subj, (cp.end() if cp else ev.end(), sent_end))

    # attendees
    att = r["attendees_lead"].search(text, d.end, op[1])
    if att:
        stop = r["attendees_stop"].search(text, att.end(), op[1])
        parties = split_list(ctx, att.end(), stop.start() if stop else op[1], method="rule:meeting-attendee")
        taken = {norm_key(p.value) for p in meeting.chaired_by + meeting.counterparts}
        seen: set[str] = set()
        for p in parties:
            k = norm_key(p.value)
            if k in taken or k in seen:
                continue
            seen.add(k)
            meeting.attendees.append(p)
    return meeting


_CLAUSE_START = re.compile(
    r"\W*(?:(?:vào|trong)\s+)?(?:(?:buổi\s+)?(?:sáng|chiều|tối|trưa)\s+)?(?:hôm\s+nay,?\s+)?", re.I
)


def _opens_clause(text: str, lo: int, pos: int) -> bool:
    """Only timing words stand between the last clause break (or paragraph start) and ``pos``."""
    k = pos
    while k > lo and text[k - 1] not in ".;:" and not (text[k - 1] == "\n" and (k - 1 == lo or text[k - 2] in ".;:\n")):
        k -= 1
    m = _CLAUSE_START.match(text, k, pos)
    return m.end() == pos


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
            stop = r["counterpart_stop"].search(text, cp.end(), subj[1])
            if stop and r["topic_verbs"].match(text, stop.start() + 1):
                return value(stop.start() + 1, subj[1], "rule:topic-subject")
    m = ve_outside_quotes(*event)
    if m:
        # the topic runs to the end of the clause, not to the next "về"
        stop = re.compile(r"[.;:](?=\s)").search(text, m.end(), event[1])
        return value(m.end(), stop.start() if stop else event[1], "rule:topic-opening")
    for bounds in filter(None, (subj, event)):
        q = _QUOTED.search(text, *bounds)
        if q:
            return value(q.start(1), q.end(1), "rule:topic-title")
    return None


# --- concluded_by ----------------------------------------------------------------


def _strip_person(ctx: Context, s: int, e: int) -> tuple[int, int]:
    """Drop ``đồng chí`` and a personal name: ``đồng chí Nguyễn Văn A, Chủ tịch UBND tỉnh`` -> the title."""
    text = ctx.doc.text
    m = re.match(r"(?:đồng\s+chí|đ/c)\s+", text[s:e], re.I)
    if m:
        s += m.end()
    h = name_at(text, s, cued=bool(m))
    if h and h.end < e:
        t = title_after(text, h.end)
        if t:
            return t[0], min(e, t[1])
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
        m = r["concluded_subject"].search(flat)
        if m:
            found = (subj[0] + m.start("x"), subj[0] + m.end("x"))
            # "KẾT LUẬN CỦA THƯỜNG TRỰC ĐẢNG UỶ / v ề ...": a capitals run ends at the first lower-case word
            if flat[m.start("x") : m.start("x") + 4].isupper():
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
        # prefer the opening's mixed-case spelling of the same body
        os_, oe = _strip_person(ctx, *opening_hit)
        if norm_key(text[os_:oe]) == norm_key(text[s:e]):
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
