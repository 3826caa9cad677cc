"""Give every non-blank line one segment kind.

Kinds (SPEC §2): header, opening, findings, requirements, closing, recipients,
signature. The segmenter works in passes that each settle one part of the page,
from the most certain cues to the least:

1. the *tail*: ``Nơi nhận:`` / ``Bản điện tử:`` lists and the signature block
   (authority line ``T/L``, ``TM.`` ... through the signer's name), wherever
   they stand, including when both share one line of a converted table;
2. the *header*: everything above and including the title (``THÔNG BÁO``) and
   its subject lines, or, with no title, the leading run of header-like lines;
3. the *opening*: from the first body line through the sentence that hands
   over (``... kết luận như sau:``), else the leading ``Căn cứ``/``Ngày ...``
   paragraphs;
4. the *closing*: ``Trên đây là ...``, ``Trân trọng thông báo ...`` just before
   the tail;
5. the *body* in between, paragraph by paragraph, switching between findings and
   requirements on headings and lead-ins (a paragraph that ends in a lead-in
   belongs to the segment in which it starts).

Lines of a wrapped paragraph (pdftotext output has no blank lines) follow the
kind of the paragraph they belong to.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from .labels import BULLET_STYLES, Label
from .labels import match_label as _match_label

# match_label is pure and the segmenter asks about the same lines many times
_LABEL_MEMO: dict[str, Label | None] = {}


def match_label(line: str) -> Label | None:
    try:
        return _LABEL_MEMO[line]
    except KeyError:
        if len(_LABEL_MEMO) >= 20_000:
            _LABEL_MEMO.clear()
        out = _LABEL_MEMO[line] = _match_label(line)
        return out
from .models import Segment
from .resources import load_rules
from .textmap import OPEN_LINE_END, PROSE_LINE, VI_LOWER, VI_UPPER, Doc


@lru_cache(maxsize=1)
def _cues() -> dict[str, re.Pattern]:
    raw = load_rules("segments")
    flags = re.I | re.M
    modes = load_rules("signature")["modes"]  # the signature's authority modes, one grammar
    cues = {k: re.compile(v.replace("<assignee>", raw["assignee"]).replace("<modes>", modes), flags)
            for k, v in raw.items() if isinstance(v, str)}
    cues["header_line"] = re.compile("|".join(f"(?:{p})" for p in raw["header_line"]), flags)
    # the enacting authority under a decision's subject: the header fields'
    # cue (rules/header.yaml), read here to close the header segment with it
    cues["authority_line"] = re.compile(load_rules("header")["authority_line"])
    # "THÔNG BÁO" in capitals opening a line that goes on with its subject (the
    # header fields' own cue, rules/header.yaml), case-sensitive
    cues["title_with_subject"] = re.compile(load_rules("header")["title_with_subject"])
    # an office at the head of a signature block printed without a signing mode
    # (the signature's own list, rules/signature.yaml "position_heads")
    heads = sorted(load_rules("signature")["position_heads"], key=len, reverse=True)
    cues["position_head"] = re.compile(r"^\W*(?:" + "|".join(re.escape(h) for h in heads) + r")\b")
    # page numbers and a gazette's running header (the signature's own list of
    # the lines that may interrupt its block, rules/signature.yaml)
    cues["page_furniture"] = re.compile(load_rules("signature")["interruptions"], re.I)
    # "Tham dự họp có:", "Cùng dự có:" before the attendees listed line by line
    # (the meeting's own cue, rules/meeting.yaml)
    cues["attendees_lead"] = re.compile(load_rules("meeting")["attendees_lead"], re.I)
    return cues


def _anchored(pattern: re.Pattern) -> bool:
    """Every match of ``pattern`` starts at a line start (``^`` / ``\\A`` first in
    every alternative): on a string without ``\\n`` search equals match."""
    try:
        from re import _constants as C, _parser as P  # Python >= 3.11
    except ImportError:  # pragma: no cover
        import sre_constants as C  # type: ignore[no-redef]
        import sre_parse as P  # type: ignore[no-redef]

    def starts(seq) -> bool:
        items = list(seq)
        if not items:
            return False
        op, av = items[0]
        if op is C.AT:
            return av in (C.AT_BEGINNING, C.AT_BEGINNING_LINE, C.AT_BEGINNING_STRING)
        if op is C.SUBPATTERN:
            return starts(av[-1])
        if op is C.BRANCH:
            return all(starts(b) for b in av[1])
        return False

    try:
        return starts(P.parse(pattern.pattern, pattern.flags))
    except Exception:  # pragma: no cover - be conservative
        return False


@lru_cache(maxsize=1)
def _finders() -> dict:
    """Cue name -> ``find(line)``; every string the segmenter tests is a single
    line (or lines joined by spaces), so an anchored cue only needs ``match``."""
    return {k: (p.match if _anchored(p) else p.search) for k, p in _cues().items()}


_VV_NOTICE = re.compile(r"\b(?:V/v|Về việc)\s+(?:thông báo|TB)\b", re.I)
_ASSESSES = re.compile(r"^\W*(?:BÁO CÁO|BIÊN BẢN)\b")
_FINAL = re.compile(r"\./\.?\s*$")
_FINAL_STOP = re.compile(r"[.;]\s*$")
_ASKS = re.compile(r"\b(?:đề nghị|yêu cầu|thông báo|biết)\b", re.I)
_TABLE_RULE = re.compile(r"^\|[\s:|-]*-[\s:|-]*\|?$")
_ARTICLE = re.compile(r"^\W*Điều\s+\d{1,2}\b")
RULE_LINE = re.compile(r"^[-–—_=*.~|\s]{3,}$")  # "-----", "______", "––––––", "|---|" under a subject
_CHAPTER = re.compile(r"^\W*Chương\s+(?:[IVXLC]+|\d{1,2})\b")
_VV = re.compile(r"^\W*(?:V/v|Về việc)\b", re.I)
_PLACE_DATE = re.compile(r"\b[\wÀ-ỹ]+(?:\s+[\wÀ-ỹ]+){0,4},?\s+ngày\b[^\n]{0,40}\bnăm\b", re.I)
_SENTENCE_END = re.compile(r"[.;:!?…](?:\s*[/.]*)?[\"”)]?\s*$")
# where a wrapped line may end a paragraph: a ";" ends list entries but also
# clauses inside one paragraph, so only stronger punctuation counts
_PARAGRAPH_END = re.compile(r"[.:!?…](?:\s*[/.]*)?[\"”)]?\s*$")


@dataclass
class Layout:
    kinds: list[str | None]  # kinds[i] is the kind of line i+1; None for blank lines
    title_line: int | None = None  # the THÔNG BÁO (or other document title) line
    is_notice_title: bool = False
    subject_lines: list[int] = field(default_factory=list)
    handover_line: int | None = None
    # the hand-over's last sentence, whatever lines it was wrapped over
    # ("... đồng chí Chủ tịch UBND phường yêu cầu các đơn vị thực hiện các nội dung⏎sau:")
    handover_text: str = ""
    tail_start: int | None = None

    def lines_of(self, kind: str) -> list[int]:
        return [i + 1 for i, k in enumerate(self.kinds) if k == kind]

    def runs(self) -> list[tuple[str, int, int]]:
        """Consecutive runs of one kind as (kind, first line, last line); blanks don't break a run."""
        out: list[list] = []
        for i, k in enumerate(self.kinds):
            if k is None:
                continue
            if out and out[-1][0] == k:
                out[-1][2] = i + 1
            else:
                out.append([k, i + 1, i + 1])
        return [tuple(r) for r in out]


def _upper_ratio(s: str) -> float:
    letters = [c for c in s if c.isalpha()]
    if not letters:
        return 0.0
    return sum(c.isupper() for c in letters) / len(letters)


def in_capitals(s: str) -> bool:
    """Four letters in five, or more, in upper case (the header's test too)."""
    return _upper_ratio(s) >= 0.8


def _is_caps_line(s: str) -> bool:
    body = s.strip(" |*#")
    return 0 < len(body) <= 120 and in_capitals(body)


# "| Nơi nhận: - Như Điều 3; - Chủ tịch, các PCT UBND tỉnh; ... |": the list in
# the same table cell as its heading (a crawl's flattened table), two items at least
_INLINE_LIST = re.compile(r"nhận\s*:?\s*[-–+•]\s*[^;|]{1,200};\s*(?:\([^()|]{0,40}\)\s*)?[-–+•]\s*\S")


def paragraphs(lines: list[str], first: int, last: int, page_breaks: frozenset[int] = frozenset()) -> list[list[int]]:
    """Group non-blank lines first..last (1-based) into paragraphs.

    A paragraph breaks at a blank line (not one around a page's number,
    ``Doc.page_breaks``), at a labelled line, or where a line ends a sentence
    and the next begins with a capital (wrapped PDF text), unless the line is
    as wide as the page and the next no more indented: pdftotext indents a
    paragraph's first line, and only its last one falls short."""
    rows, indents = [], {}
    for n in range(first, last + 1):
        line = lines[n - 1]
        s = line.strip()
        if s:
            rows.append((n, s, match_label(s), bool(_PARAGRAPH_END.search(s))))
            indents[n] = len(line) - len(line.lstrip())
    return group_paragraphs(rows, page_breaks, indents)


WRAPPED_PAGE_MAX = 110  # characters: wider lines are a converter's paragraphs, not a page's lines


def group_paragraphs(rows, page_breaks: frozenset[int] = frozenset(), indents: dict[int, int] | None = None
                     ) -> list[list[int]]:
    """The grouping of ``paragraphs`` over precomputed rows of non-blank lines:
    ``(line number, stripped text, its label or None, ends a paragraph)``; a gap
    in the line numbers is a blank line, unless a page break's number stood
    in it (a page break goes on the sentence it cut). ``indents``: each line's
    indentation, which tells a wrapped page's paragraphs apart (``paragraphs``)."""
    out: list[list[int]] = []
    prev_end_sentence = True
    prev_n = None
    prev_s = ""
    lines_in, widest = 0, 0  # the paragraph so far: its lines, its widest line
    page = 0  # the widest line so far: the page's width, in a wrapped text
    above = 0  # the widest line before the previous one (a line is no measure of itself)
    for n, s, label, ends_paragraph in rows:
        prev_blank = prev_n is None or n - prev_n > 1 and not (
            page_breaks and any(k in page_breaks for k in range(prev_n + 1, n)))
        # "- xã hội ..." after a line cut mid-sentence is the hyphen of a
        # wrapped compound, not a bullet
        if label and label.style == "dash" and not prev_end_sentence and not prev_blank:
            # (with no line above it to measure by, a paragraph's first line is its own
            # measure only where the next goes on at the margin under its indent, as
            # pdftotext prints: "... đồng chí Võ Thị Hằng⏎- Phó Chủ tịch ...")
            margin = indents is not None and not above and indents[n] < indents[prev_n]
            if s[label.end :][:1].islower() or _full_width(prev_s, lines_in, widest, page if margin else above):
                # (or capitalised after a line of the paragraph's full width, which
                # no paragraph ends on: "các Ban: Kế hoạch, Kỹ thuật⏎- Sản xuất, ...")
                label = None
        # a page break splits a paragraph mid-sentence ("... trên các lĩnh" /
        # blank / "vực còn chưa sâu sát"): the blank does not end it
        broken = prev_blank and out and not prev_end_sentence and label is None and s[:1].islower()
        # a sentence that ends at the margin of a wrapped page, the next going
        # on at the same indentation: one paragraph ("... Luật Xây dựng.⏎Kết quả ...")
        # (in a paragraph already wrapped: one line per paragraph, as a .docx gives, never runs on)
        # (a lead-in's colon ends it all the same: what it announces starts anew)
        runs_on = (indents is not None and lines_in >= 2 and not prev_blank and widest <= WRAPPED_PAGE_MAX
                   and _full_width(prev_s, lines_in, widest, above) and indents[n] <= indents[prev_n]
                   and not prev_s.endswith("./.") and not (prev_s.endswith(":") and _announces(prev_s)))
        starts_new = (
            (prev_blank and not broken)
            or not out
            or label is not None
            or (prev_end_sentence and not runs_on and (s[:1].isupper() or s[:1].isdigit() or s[:1] in "“\"("))
        )
        if starts_new:
            out.append([n])
            lines_in, widest = 1, len(s)
        else:
            out[-1].append(n)
            lines_in, widest = lines_in + 1, max(widest, len(s))
        # a wrapped line that a distributive head ends goes on with its fields:
        # "... lãnh đạo các Sở:⏎Nông nghiệp và Môi trường, Tài chính, ..."
        prev_end_sentence = ends_paragraph and not (
            label is None and _DISTRIBUTIVE_END.search(s) and _full_width(s, lines_in, widest, page))
        prev_n, prev_s = n, s
        above, page = page, max(page, len(s))
    return out


def _announces(s: str) -> bool:
    """Does a line ending in a colon hand over or lead in ("... như sau:", "... gồm:")?"""
    cue = _finders()
    return bool(cue["leadin"](s) or cue["handover"](s))


def _full_width(s: str, lines_in: int, widest: int, page: int) -> bool:
    """Is ``s``, the last of the paragraph's lines so far, as wide as the
    widest of them (two at least) or of the lines above (``page``), at a
    page's width: a wrapped line, not the paragraph's last?"""
    widest = widest if lines_in >= 2 else page
    return widest >= 60 and len(s) >= 0.9 * widest


# "các Sở:", "các Sở, ngành:", "các đơn vị:" closing a line
_DISTRIBUTIVE_END = re.compile(r"(?<![^\W\d_])các(?:,?\s+[^\W\d_]+){1,3}\s*:$")


def segment(doc: Doc) -> Layout:
    lines = doc.lines
    n_lines = len(lines)
    kinds: list[str | None] = [None] * n_lines
    nonblank = [i + 1 for i, s in enumerate(lines) if s.strip()]
    layout = Layout(kinds=kinds)
    if not nonblank:
        return layout
    cue = _finders()
    _LABEL_MEMO.clear()  # per document: bounds the memo, keeps timings honest

    def text(n: int) -> str:
        return lines[n - 1].strip()

    def setk(first: int, last: int, kind: str) -> None:
        for n in range(first, last + 1):
            if lines[n - 1].strip():
                kinds[n - 1] = kind

    # ---- 1. tail: recipients and signature --------------------------------
    # Search only the lower part of the document so that a "Nơi nhận" quoted
    # in the body of a long document cannot cut it short.
    lower_from = nonblank[len(nonblank) // 3] if len(nonblank) > 6 else nonblank[0]
    rec_start = next((n for n in nonblank if n >= lower_from and cue["recipients_start"](text(n))), None)
    authority = [k for k, n in enumerate(nonblank) if cue["signature_start"](text(n).lstrip("| "))]
    sig_start = next((nonblank[k] for k in authority if nonblank[k] >= lower_from), None)
    early = _signature_before_attachment(nonblank, authority, text, cue)
    if early is not None and (sig_start is None or sig_start >= early[0]):
        # a document attached after the signature (a plan, a regulation,
        # appendices) can make the letter itself a small top part of the file,
        # and lists and signing slots of its forms are not the letter's tail
        sig_start, attached_at = early
        if rec_start is not None and rec_start >= attached_at:
            rec_start = None
        if rec_start is None:
            window = [n for n in nonblank if n < attached_at][-24:]
            rec_start = next((n for n in window if cue["recipients_start"](text(n).lstrip("| "))), None)
    if rec_start is None and sig_start is None:
        # an appendix or attached document after the signature can make the
        # letter itself the upper third: a "Nơi nhận:" line followed by list
        # items still ends the body
        rec_start = next(
            (
                n
                for k, n in enumerate(nonblank[:-1])
                if cue["recipients_start"](text(n).lstrip("| "))
                and (match_label(text(nonblank[k + 1]).lstrip("| ")) is not None
                     or _INLINE_LIST.search(text(n)))
            ),
            None,
        )
        if rec_start is not None:
            sig_start = next((nonblank[k] for k in authority if nonblank[k] >= rec_start), None)
    representatives = None
    if sig_start is None and rec_start is None:
        sig_start = representatives = _representatives_start(nonblank, text)
    if sig_start is None and rec_start is None:
        sig_start = _headless_signature_start(nonblank, text, cue)
    tail_start = min(x for x in (rec_start, sig_start) if x) if (rec_start or sig_start) else None
    end_of_doc = nonblank[-1]
    if tail_start is None:
        # no signature or list printed, but the letter ends ("./.") and a
        # titled text follows it ("THUYẾT MINH DỰ TOÁN ..."): that text is
        # attached, closing like an appendix
        attached = _unsigned_attachment(nonblank, text)
        if attached is not None:
            setk(attached, end_of_doc, "closing")
            end_of_doc = max(n for n in nonblank if n < attached)
    if tail_start:
        layout.tail_start = tail_start
        _mark_tail(lines, nonblank, rec_start, sig_start, end_of_doc, setk, kinds, cue)
        if representatives:
            setk(representatives, end_of_doc, "signature")  # the whole run, however long its rows

    # ---- 2. header --------------------------------------------------------
    limit = tail_start or end_of_doc + 1
    scan = [n for n in nonblank if n < limit][:40]
    title = next((n for n in scan if cue["title_notice"](text(n))), None)
    if title is None:
        # "THÔNG BÁO Kết luận của ..." on one line (a web page's copy): the title
        # with its subject, which ends the header as a title line does
        title = next((n for n in scan if cue["title_with_subject"](text(n).lstrip(" |*#"))), None)
    layout.is_notice_title = title is not None
    if title is None:
        title = next(
            (n for n in scan if cue["title_other"](text(n)) and _upper_ratio(text(n)) >= 0.85), None
        )
    layout.title_line = title
    header_end = 0
    if title is not None:
        header_end = title
        subject, header_end = subject_under(lines, title, limit)
        layout.subject_lines = subject
        # a rule line right under the subject, and the decision's authority
        # under that rule ("___" / "CHÍNH PHỦ" / "Căn cứ ...")
        ruled = bool(RULE_LINE.match(text(header_end)))
        for n in (m for m in nonblank if header_end < m < limit):
            if RULE_LINE.match(text(n)):
                header_end, ruled = n, True
            elif ruled and subject and _is_caps_line(text(n)) and cue["authority_line"](text(n).strip(" |*#")):
                header_end = n
                break
            else:
                break
    else:
        in_vv = False  # inside a wrapped V/v subject
        # publication stamps, e-signature lines and a crawler's title printed
        # above the national heading belong to the header
        motto = next((n for n in scan[:25] if cue["motto"](text(n))), None)
        for n in scan:
            s = text(n)
            if motto is not None and n < motto:
                header_end = n
                continue
            if _KINH_GUI.match(s):
                break  # the addressee opens the body of a letter
            if _header_like(s, cue):
                in_vv = bool(_VV.match(s))
            elif in_vv and (s[:1].islower() or not _SENTENCE_END.search(text(header_end))):
                pass
            elif header_end and _NUMBER_LINE.match(text(header_end)) and _short_title(s):
                pass  # the trích yếu of a Party letter, printed under its number
            elif _TABLE_RULE.match(s):
                pass  # "|---|---|" between the rows of a header table
            else:
                break
            header_end = n
    if header_end:
        setk(nonblank[0], header_end, "header")

    # ---- 3..5. body -------------------------------------------------------
    body = [n for n in nonblank if header_end < n < limit]
    if body:
        _mark_body(lines, body, setk, layout, cue, doc)

    # anything still unassigned (lines between header and tail that the body
    # pass skipped) takes the kind of the line before it
    last = "header"
    for n in nonblank:
        if kinds[n - 1] is None or lines[n - 1].lstrip()[:1] == "|" and _TABLE_RULE.match(text(n)):
            # "| --- | --- |" closes the table row above it, whatever the row is
            # (the Nơi nhận row with the signature in its right cell: recipients)
            kinds[n - 1] = last
        last = kinds[n - 1]
    return layout


def subject_under(lines: Sequence[str], title: int, limit: int) -> tuple[list[int], int]:
    """(the subject's lines under the title line ``title``, the header's last
    line): the one grammar of the trích yếu under a title, read by the
    segmenter and by the header's subject (``extract/header.py``) alike.
    ``limit``: the first line of the tail (or one past the last line)."""
    cue = _finders()

    def text(n: int) -> str:
        return lines[n - 1].strip()

    header_end = title
    subject: list[int] = []
    for n in range(title + 1, min(limit, title + _SUBJECT_REACH, len(lines) + 1)):
        s = text(n)
        if not s:
            continue
        if cue["header_line"](s) and not subject and not (_VV.match(s) or VV_IN_LINE.search(s)):
            header_end = n  # a rule or motto line between title and subject
            continue
        if is_noise_line(s):
            if subject:
                break  # a stamp's overprint under the subject: the subject has ended
            continue  # ... or between the title and the subject
        wrapped = bool(subject) and s[:1].islower() and n == subject[-1] + 1
        if cue["opening_start"](s) and not wrapped and not (not subject and _first_under(s)):
            break  # (a wrapped subject goes on in lower case: "... của Chính phủ / thực hiện Chỉ thị số 49")
        authority = bool(cue["authority_line"](s.strip(" |*#")))
        if subject and _is_caps_line(s) and not match_label(s) and (
            not any(_is_caps_line(text(m)) for m in subject) and (len(s.split()) >= 3 or authority)
            # (with no blank line between too, as a text of one line per paragraph prints it:
            # unless the subject's line left its phrase open, "... CỦA⏎ỦY BAN NHÂN DÂN TỈNH")
            or authority and (n - subject[-1] > 1 or not OPEN_LINE_END.search(text(subject[-1])))
        ):
            # the authority of a decision ("CHỦ TỊCH UBND ...") under its subject
            # (not a number or acronym the subject wrapped: "... lần thứ⏎XXIII")
            header_end = n
            break
        if subject and n == subject[-1] + 1 and _caps_dash_goes_on(text(subject[-1]), s):
            subject.append(n)  # "... TRÊN TRỤC BẮC⏎- NAM": a wrapped compound, no bullet
            header_end = n
            continue
        if subject and (n - subject[-1] > 1 and not _is_caps_line(s) and not _continues(text(subject[-1]), s)):
            break  # a blank line after the subject ends it
        if RULE_LINE.match(s):
            header_end = n
            break
        if match_label(s) or len(subject) >= 6 or (subject and len(s) > 400):
            break
        if cue["handover"](s) and subject:
            break
        subject.append(n)
        header_end = n
    return subject, header_end


_SUBJECT_REACH = 16  # lines under the title: a subject is one to six of them, stamps' noise aside
NOT_A_SUBJECT = re.compile(r"^\W*(?:kính ?gửi|điều\s+\d|căn ?cứ|(?:(?:vào|sáng|chiều|trưa|tối)\s+)?ngày\s+\d)", re.I)
# case-sensitive: a lower-case "về việc" is running text; after a stamp's overprint too
VV_IN_LINE = re.compile(r"(?:^|(?<=[\s|*]))(?:V/[vV]|Về việc)\s")


def _first_under(s: str) -> bool:
    """The first line under the title is its subject even when it opens as a
    body does ("Thực hiện Đề án số 08 ...", "TRIỂN KHAI THỰC HIỆN QUYẾT ĐỊNH
    ..."): a plan's, a report's trích yếu. Not a sentence, an address, a
    date or an article; in capitals, whatever its length (a body is never
    printed in capitals)."""
    if NOT_A_SUBJECT.match(s):
        return False
    return in_capitals(s) or (len(s) <= 160 and not s.endswith((".", ":", ";")))


LETTER_SPACED = re.compile(r"^(?:[^\W\d_] ){1,8}[^\W\d_]$")  # "v ề", "c h o"
_VN_WORD = re.compile("^(?:" + "[a-z" + VI_LOWER + "]{2,}|[A-Z" + VI_UPPER + "][a-z" + VI_LOWER + "]+|[A-Z" + VI_UPPER + "]{2,})$")
_NOT_FIGURES = re.compile(r"[^\d\s.,;:()/\-–]")


_APOSTROPHE_NAME = re.compile(r"^[A-ZĐÀ-Ỹ][’'][^\W\d_]{2,}$")


_LOST_COLON = re.compile(r"(?<=như sau|sau đây)\s*\.?\s*$", re.I)
_KINH_GUI = re.compile(r"^\W*kính gửi\b", re.I)  # the addressee line of a letter


def is_noise_line(s: str) -> bool:
    """OCR noise (seal or stamp overprint): fewer than half of the tokens that
    hold letters are Vietnamese words of two or more letters in one case
    pattern ("À .^A ,À k4 £ ˆ Lá b,Á", "lụ ^? Ñ gay: :cÓ /F ¡ bš Í 4")."""
    if LETTER_SPACED.match(s.strip()):
        return False  # PDF letter-spacing ("v ề", "c h o")
    toks = [t.strip(".,;:!?()[]{}\"'“”‘’«»-–") for t in s.split()]
    lettered = [t for t in toks if any(c.isalpha() for c in t)]
    if not lettered:  # figures are no noise ("2024-2025" wrapped from a subject), stray marks are
        return bool(_NOT_FIGURES.search(s))
    # (a name of the Central Highlands written with an apostrophe is a word: "Cư M'gar", "Đắk R'lấp")
    words = sum(1 for t in (unicodedata.normalize("NFC", t) for t in lettered)
                if _VN_WORD.match(t) or _APOSTROPHE_NAME.match(t))
    return 2 * words < len(lettered)


def _caps_dash_goes_on(prev: str, s: str) -> bool:
    """A "- X" line under a subject line that ends no phrase: the dash of a
    compound the centred subject wrapped, in capitals ("TRỤC BẮC⏎- NAM") or a
    place's name in mixed case ("Khu đô thị mới Điện Nam⏎- Điện Ngọc": a name
    word before the dash, only name words after it)."""
    label = match_label(s)
    if label is None or label.style != "dash" or _SENTENCE_END.search(prev):
        return False
    if _is_caps_line(prev) and _is_caps_line(s):
        return True
    last, rest = prev.split()[-1:], s[label.end:].split()
    return bool(last and last[0][:1].isupper() and 0 < len(rest) <= 4 and all(w[:1].isupper() for w in rest))


def _header_like(s: str, cue) -> bool:
    """A header line; pdftotext puts the two header columns side by side."""
    columns = [c for c in re.split(r"\s{3,}|\s\|\s?|^\|", s) if c.strip(" |")]
    return bool(
        any(cue["header_line"](c.strip()) or cue["motto"](c) for c in columns)
        or _PLACE_DATE.search(s)
        or (columns and all(_is_caps_line(c) for c in columns))
    )


_NUMBER_LINE = re.compile(r"^\W*Số\b", re.I)


def _short_title(s: str) -> bool:
    return len(s) <= 90 and not _SENTENCE_END.search(s) and match_label(s) is None and s[:1].isupper()


def _continues(prev: str, s: str) -> bool:
    """A subject line broken mid-phrase continues on the next line."""
    return not _SENTENCE_END.search(prev) and s[:1].islower()


_REPRESENTATIVE = re.compile(r"^\W*đại diện\b", re.I)


def is_stamp_line(s: str) -> bool:
    """A line of an e-signature's or a publication's stamp (rules/segments.yaml
    "stamp"): the segmenter, the signature and the issuer read it by this one
    pattern."""
    return bool(_finders()["stamp"](s))


def is_page_furniture(s: str) -> bool:
    """A page number or a gazette's running header (the lines that may
    interrupt a signature block, rules/signature.yaml "interruptions"): the
    segmenter, the signature extractor and the party grammar all step over
    them by this one pattern."""
    return bool(_cues()["page_furniture"].match(s))


def is_office_line(s: str) -> bool:
    """A line holding only a signing office, printed without a mode ("THỦ
    TƯỚNG", "GIÁM ĐỐC", "KT. " absent): upper case, short, opening with one of
    the signature's position heads (rules/signature.yaml). The segmenter and
    the signature extractor both read an in-person signature by it."""
    s = s.strip()
    return len(s) <= 40 and _is_caps_line(s) and bool(_cues()["position_head"].match(s))


def _headless_signature_start(nonblank, text, cue) -> int | None:
    """A document that ends with its signer's office and name and no mode or
    Nơi nhận ("... thi hành Quyết định này./." / "THỦ TƯỚNG" / "Lê Minh Hưng"):
    an office line among the last six, right after the line that ends the
    text with "./."."""
    for k in range(max(1, len(nonblank) - 6), len(nonblank)):
        s, prev = text(nonblank[k]), text(nonblank[k - 1])
        if prev.rstrip().endswith("/.") and is_office_line(s):
            return nonblank[k]
    return None


def _representatives_start(nonblank, text) -> int | None:
    """Minutes and agreements end with the signatures of each side's representative
    ("| Đại diện Sở A  Nguyễn Văn B | Đại diện UBND xã C ... |"), with no authority
    line: the run of such lines closing the document is the signature block."""
    start = None
    for n in reversed(nonblank[-8:]):
        s = text(n)
        if _REPRESENTATIVE.match(s.lstrip("| ")):
            start = n
        elif not (_TABLE_RULE.match(s) or start is None and len(s) <= 40):
            break
    return start


def _mark_tail(lines, nonblank, rec_start, sig_start, end_of_doc, setk, kinds, cue) -> None:
    def text(n: int) -> str:
        return lines[n - 1].strip()

    after = lambda start: [n for n in nonblank if n >= start]  # noqa: E731
    attached = _attachment_start(nonblank, text, cue, min(x for x in (rec_start, sig_start) if x))

    def heads_attachment(n: int) -> bool:
        """Page furniture at ``n`` heads the page of what is attached, not a
        page the signature block straddles ("KT. THỦ TƯỚNG / CÔNG BÁO/Số ... /
        PHÓ THỦ TƯỚNG")."""
        m = next((m for m in after(n + 1) if not is_page_furniture(text(m))), None)
        return m is not None and bool(attached and m >= attached or cue["appendix"](text(m))
                                      or cue["attached_to"](text(m)) or cue["attachment_title"](text(m)))

    def signature_lines(start: int, stop: int | None) -> int:
        """Mark the signature block from its authority line; return its last line."""
        last = start
        for n in after(start + 1):
            if (stop and n >= stop) or (attached and n >= attached):
                break
            s = text(n)
            if is_page_furniture(s) and heads_attachment(n) or cue["attachment_title"](s):
                break  # the page header or the title of the attached text
            if cue["recipients_start"](s) or cue["appendix"](s):
                break
            if len(s) > 90 and not cue["stamp"](s):
                break  # body text or an appendix after the signature
            last = n
        setk(start, last, "signature")
        return last

    interleaved = bool(rec_start and _right_column_authority(lines[rec_start - 1], cue))
    if interleaved:
        _mark_interleaved(lines, nonblank, rec_start, setk, cue)
    elif rec_start and (not sig_start or sig_start < rec_start):
        # signature above the recipients (state layouts), or on the same line
        if sig_start:
            signature_lines(sig_start, rec_start)
        _mark_recipients(lines, nonblank, rec_start, None, setk, cue)
        if sig_start and sig_start == rec_start:
            setk(rec_start, rec_start, "recipients")
    elif rec_start:
        _mark_recipients(lines, nonblank, rec_start, sig_start, setk, cue)
        signature_lines(sig_start, None) if sig_start else None
    elif sig_start:
        signature_lines(sig_start, None)
    if rec_start and not sig_start and not interleaved:
        # no authority line: a short run of lines after the list is the
        # position and the signer
        last_rec = max(n for n in nonblank if kinds[n - 1] == "recipients")
        rest = [n for n in nonblank if n > last_rec]
        block = []
        for n in rest[:6]:
            if len(text(n)) <= 60 and not cue["appendix"](text(n)) and not cue["attachment_title"](text(n)):
                block.append(n)
            else:
                break
        if block:
            setk(block[0], block[-1], "signature")
    # What follows the tail (stamps, appendices, footnotes) is labelled as the
    # end matter it is attached to: stamps go with the signature, the rest
    # with the closing material.
    marked = [n for n in nonblank if kinds[n - 1] in ("recipients", "signature")]
    if marked:
        in_stamp = True
        for n in (m for m in nonblank if m > marked[-1]):
            if kinds[n - 1] is not None:
                continue
            if _TABLE_RULE.match(text(n)) and kinds[n - 2] is not None:
                kinds[n - 1] = kinds[n - 2]  # "| --- | --- |" closes the table row above
                continue
            in_stamp = (in_stamp and not cue["appendix"](text(n)) and not cue["attachment_title"](text(n))
                        and not (attached and n >= attached))
            in_stamp = in_stamp and bool(cue["stamp"](text(n)) or len(text(n)) <= 40)
            if in_stamp and is_page_furniture(text(n)):
                # a page header or number heads the page that follows: the
                # appendix's when more text comes, the stamp's when a stamp does
                nxt = next((m for m in nonblank if m > n and not is_page_furniture(text(m))), None)
                in_stamp = nxt is None or bool(cue["stamp"](text(nxt)))
            kinds[n - 1] = "signature" if in_stamp else "closing"


def _attachment_start(nonblank, text, cue, tail: int) -> int | None:
    """First line of a second document attached after the signature (a programme,
    a regulation, a form): the national motto or Party line appears again below
    the tail, or a line says what the text is attached to ("(Ban hành kèm theo
    Quyết định số ...)"). Its header starts after the stamp / signer, at the
    capitals and ``*`` lines just above that line."""
    later = [n for n in nonblank if n > tail + 2]
    mark = next((n for n in later if _attachment_mark(text(n), cue)), None)
    if mark is None:
        return None
    start = mark
    for n in reversed([m for m in later if m < mark]):
        s = text(n)
        if (cue["stamp"](s) or _TABLE_RULE.match(s)
                or not (s == s.upper() and len(s) <= 200)):
            break
        start = n
    return start


def _unsigned_attachment(nonblank, text) -> int | None:
    """First line of a titled text after the line that ends the letter with
    "./.", in a file with no signature block."""
    for k, n in enumerate(nonblank[5:-2], start=5):
        if _FINAL.search(text(n)):
            nxt = text(nonblank[k + 1])
            if _is_caps_line(nxt) and len(nxt.split()) >= 2 and not _TABLE_RULE.match(nxt):
                return nonblank[k + 1]
            return None  # the letter's own end: only a title right after it starts an attachment
    return None


def _attachment_mark(s: str, cue) -> bool:
    """A line that starts (or names) an attached text: the motto again (not
    inside an e-signature stamp, "Ký bởi: CÔNG BÁO NƯỚC CỘNG HÒA ..."), a "kèm
    theo" line, or a text starting over at "Chương I" / "Điều 1"."""
    return bool(cue["motto"](s) and not cue["stamp"](s) or cue["attached_to"](s) or cue["restart"](s))


_ATTACHMENT_REACH = 16  # lines from an authority line to the attachment it precedes


def _signature_before_attachment(nonblank, authority: list[int], text, cue) -> tuple[int, int] | None:
    """(authority line, first line after its block) of the first signature
    block that an attached document or appendix follows (an attachment mark or
    an appendix heading within a few lines of it). ``authority``: the indexes
    in ``nonblank`` of the lines that open a signature block."""
    for k in authority:
        n = nonblank[k]
        if k < 4:
            continue
        for m in nonblank[k + 1 : k + 1 + _ATTACHMENT_REACH]:
            s = text(m)
            if _attachment_mark(s, cue) or cue["appendix"](s):
                return n, _attachment_start(nonblank, text, cue, n) or m
            if cue["signature_start"](s.lstrip("| ")) and k + 3 < len(nonblank) and m > nonblank[k + 3]:
                break  # another block: this one was not the letter's last
    return None


_COLUMN_GAP = re.compile(r"\S\s{5,}\S")


def _right_column_authority(line: str, cue) -> bool:
    """``Nơi nhận:            KT. GIÁM ĐỐC``: the signature starts in the right column."""
    parts = re.split(r"\s{5,}", line.strip(), maxsplit=1)
    return len(parts) == 2 and bool(cue["signature_start"](parts[1]))


def _mark_interleaved(lines, nonblank, start, setk, cue) -> None:
    """pdftotext puts the recipient list (left) and the signature (right) side by
    side: a line belongs to the column its text starts in."""
    setk(start, start, "recipients")
    for n in (m for m in nonblank if m > start):
        raw = lines[n - 1]
        s = raw.strip()
        indent = len(raw) - len(raw.lstrip())
        if cue["appendix"](s) or (len(s) > 90 and not _COLUMN_GAP.search(s)):
            break
        setk(n, n, "signature" if indent >= 20 else "recipients")


def _mark_recipients(lines, nonblank, start, stop, setk, cue) -> None:
    last = start
    column: list[int] = []  # signature-column lines standing alone inside the list
    later = [m for m in nonblank if m > start]
    for k, n in enumerate(later):
        if stop and n >= stop:
            break
        s = lines[n - 1].strip()
        if cue["signature_start"](s.lstrip("| ")):
            break
        nxt = lines[later[k + 1] - 1].strip() if k + 1 < len(later) else ""
        if _is_caps_line(s) and match_label(s) is None and not cue["recipients_start"](s) and (
            (label := match_label(nxt)) is not None and label.style in BULLET_STYLES
        ):
            column.append(n)  # "PHÓ CHÁNH VĂN PHÒNG" printed between "- ..." (or "• ...") items
            continue
        if s.startswith("|"):
            s = s.strip("| ").split("|")[0].strip()  # the recipients cell of a table row
            if not s:
                break
        is_item = (
            match_label(s) is not None
            or re.match(r"^\W*(?:lưu|như trên|bản điện tử)\b", s, re.I)
            or (len(s) <= 120 and re.search(r"[,;.]\s*$", s))
            or cue["recipients_start"](s)
        )
        if not is_item:
            break
        last = n
    setk(start, last, "recipients")
    for n in column:
        if n < last:
            setk(n, n, "signature")


def _mark_body(lines, body: list[int], setk, layout: Layout, cue, doc: Doc | None = None) -> None:
    def text(n: int) -> str:
        return lines[n - 1].strip()

    paras = paragraphs(lines, body[0], body[-1], doc.page_breaks if doc is not None else frozenset())
    in_body = set(body)
    paras = [[n for n in p if n in in_body] for p in paras]
    paras = [p for p in paras if p]
    if not paras:
        return

    def ptext(p: list[int]) -> str:
        return " ".join(text(n) for n in p)

    # closing: the first closing cue among the last paragraphs of the body
    closing_from = len(paras)
    for i in range(len(paras) - 1, max(-1, len(paras) - 5), -1):
        if cue["closing"](ptext(paras[i])) or cue["closing_formula"](ptext(paras[i])):
            closing_from = i
    # a last unlabelled paragraph that asks the addressees to act and ends the
    # letter ("... đề nghị Công ty ... nghiêm túc thực hiện./.") closes it
    if closing_from == len(paras) and len(paras) > 1:
        last = ptext(paras[-1])
        if not match_label(text(paras[-1][0])) and _FINAL.search(last) and _ASKS.search(last):
            if not (doc is not None and _assigns_task(doc, lines, paras[-1], cue)):
                closing_from = len(paras) - 1
    title_text = text(layout.title_line) if layout.title_line else ""
    directive_doc = bool(title_text and cue["directive_title"](title_text))
    if directive_doc and len(paras) > 1:
        for i in range(len(paras) - 1, max(0, len(paras) - 3), -1):
            p = paras[i]
            if match_label(text(p[0])) is None and cue["directive_closing"](ptext(p)):
                closing_from = min(closing_from, i)
                break
    for p in paras[closing_from:]:
        setk(p[0], p[-1], "closing")
    paras = paras[:closing_from]
    if not paras:
        return

    # opening
    opening_to = -1
    composition = False  # inside "Thành phần tham dự gồm:" and its "- ..." lines
    logistics = False  # inside "I. THỜI GIAN, ĐỊA ĐIỂM, THÀNH PHẦN" / "- Chủ trì: ..." / "II. NỘI DUNG"
    addressing = False  # inside "Kính gửi:" and its "- A;" lines, before the opening's sentences
    for i, p in enumerate(paras[:12]):
        last = _last_sentence(ptext(p))
        if cue["handover"](last):
            opening_to = i
            # (a scan's "... như sau" that lost its colon is read as printed with it)
            layout.handover_line, layout.handover_text = p[-1], _LOST_COLON.sub(":", last)
            break
        label = match_label(text(p[0]))
        if _KINH_GUI.match(text(p[0])) or addressing and label is not None and label.style in BULLET_STYLES:
            addressing = True
            continue  # the addressees of a notice sent as a letter, not its body
        addressing = False
        logistics = bool(label) and (i == 0 or logistics) and bool(
            cue["logistics_item"](text(p[0])[label.end :].strip()))
        if logistics:
            continue  # the meeting described in labelled lines before the hand-over
        composition = i > 0 and bool(label) and (composition or _lists_attendees(text(paras[i - 1][-1]), cue))
        if composition:
            continue  # the meeting's attendees listed line by line before the hand-over
        if i > 0 and (match_label(text(p[0])) or _ARTICLE.match(text(p[0])) or _CHAPTER.match(text(p[0]))):
            break  # the body has begun: "như sau:" in an article hands over nothing
    if opening_to < 0:
        in_addressees = False  # the "- A;" list under "Kính gửi:"
        for i, p in enumerate(paras):
            first = text(p[0])
            prev = text(paras[i - 1][-1]) if i else ""
            if cue["opening_start"](first):
                in_addressees = bool(_KINH_GUI.match(first) or _CONG_DIEN.match(first))
                opening_to = i
            elif (i and prev.endswith(";") and i - 1 <= opening_to) or (in_addressees and match_label(first)):
                opening_to = i
            else:
                break
    if directive_doc and layout.handover_line is not None and opening_to >= 0:
        # a CHỈ THỊ: the preamble before the ordering sentence assesses; the
        # paragraph with that sentence requires from the line after the one
        # where the sentence starts
        lead = paras[opening_to]
        first_findings = 0
        while first_findings < opening_to and cue["opening_start"](text(paras[first_findings][0])):
            first_findings += 1
        for p in paras[:first_findings]:
            setk(p[0], p[-1], "opening")
        for p in paras[first_findings:opening_to]:
            setk(p[0], p[-1], "findings")
        split = lead[0]
        for n in lead[:-1]:
            starts = [m for m in re.finditer(r"[.!?]\s+(\S)", text(n)) if m.group(1).isupper()]
            if starts and not re.search(r"[.!?]\s", text(n)[starts[-1].start() + 1 :]):
                split = n + 1  # the ordering sentence starts inside line n: n stays findings
        if split > lead[0]:
            setk(lead[0], split - 1, "findings")
        setk(split, lead[-1], "requirements")
        paras = paras[opening_to + 1 :]
        opening_to = -1
        state_override = "requirements"
    else:
        state_override = None
    meeting_doc = _meeting_document(layout, lines, cue)
    if meeting_doc is None and not layout.is_notice_title and opening_to >= 0:
        if any(cue["invites_in_opening"](ptext(p)) for p in paras[: opening_to + 1]):
            meeting_doc = "invitation"
    asked: set[int] = set()
    if meeting_doc:
        opening_to = _meeting_logistics(paras, opening_to, text, cue, minutes=meeting_doc == "minutes", asked=asked)
    for i, p in enumerate(paras[: opening_to + 1]):
        setk(p[0], p[-1], "requirements" if i in asked else "opening")
    if opening_to >= 0 and layout.handover_line is None and not meeting_doc:
        # "Theo đề nghị của ..., Chủ tịch UBND tỉnh giao Sở X chủ trì ..." in one
        # paragraph: the background opens, the assignment from its line on requires
        p = paras[opening_to]
        if not text(p[-1]).endswith(":"):
            for k, n in enumerate(p):
                if k and (cue["giao_assignee"](text(n)) or cue["asks_assignee"](text(n))):
                    setk(n, p[-1], "requirements")
                    break
    instructs = opening_to >= 0 and bool(cue["instructing_handover"](ptext(paras[opening_to])))
    # "..., Chủ tịch UBND phường yêu cầu các đơn vị thực hiện tốt các nội dung sau:":
    # the hand-over itself asks, so what follows is required, however it opens
    requests = opening_to >= 0 and layout.handover_line is not None and bool(
        cue["requesting_handover"](layout.handover_text))
    paras = paras[opening_to + 1 :]

    # findings / requirements: a notice reports before it requires; a letter,
    # decision or plan without a THÔNG BÁO title mostly requests and decides,
    # while reports and minutes assess
    state = "findings"
    title = text(layout.title_line) if layout.title_line else ""
    notice_letter = any(_VV_NOTICE.search(text(n)) for n in layout.subject_lines) or any(
        _VV_NOTICE.search(lines[n - 1]) for n in range(1, min(len(lines), 12) + 1)
    )
    if not layout.is_notice_title and not notice_letter and not _ASSESSES.search(title):
        state = "requirements"
    if layout.is_notice_title and (
        (layout.subject_lines and cue["arrangement_subject"](text(layout.subject_lines[0])))
        or any(cue["replaces_invitation"](lines[n - 1].strip()) for n in range(paras[0][0] if paras else 1, len(lines) + 1))
    ):
        state = "requirements"
    if paras and layout.handover_line and (_directive_like(text(paras[0][0])) or requests):
        state = "requirements"
    if state_override:
        state = state_override
    default = state
    reporting = bool(re.match(r"^\W*BÁO CÁO\b", title))  # a report: its lead-ins announce detail
    # after "... kết luận và chỉ đạo như sau:", or a notice's "... kết luận như
    # sau:", each top-level item is judged on its own words (it assigns work or
    # it assesses) when no requirements heading or lead-in anywhere announces
    # the requirements (Government-office style); with one, the headings decide
    sections = {}
    if doc is not None and layout.handover_line and (
            cue["directing_handover"](layout.handover_text)
            or layout.is_notice_title and cue["concluding_handover"](layout.handover_text)
    ) and not _announces_requirements(paras, text, cue):
        sections = _conclusion_sections(doc, lines, paras, cue)
    opinions = False  # inside "Ý kiến của X" sections
    untold_heading = None  # the index of a heading no cue told findings or requirements
    # a letter: no document title, not a notice, not an invitation
    listed = False
    letter = layout.title_line is None and not notice_letter and default == "requirements" and not meeting_doc
    for i_p, p in enumerate(paras):
        s = ptext(p)
        first = text(p[0])
        label = match_label(first)
        head = first[label.end:] if label else first
        words = " ".join(head.split()[:10])
        # (a star marks a section's title, or a list item as a bullet does: one
        # that ends its sentence is an item, "* Báo cáo kết quả ... trước ngày 30/9/2025.")
        is_heading = label is not None and label.style in ("num", "roman", "star") and (
            len(head) <= 120 or ":" in head[:120]
        ) and not (label.style == "star" and _FINAL_STOP.search(ptext(p))) or label is None and _bare_title(p, first)
        # a wrapped item only looks like a short heading on its first printed
        # line: its words are a sentence, not a section's title
        wrapped = is_heading and _wrapped_item(lines, p)
        kind = state
        listed = listed or label is not None  # inside numbered sections: instructions, not prose
        if is_heading:
            opinions = bool(cue["opinion_heading"](head))
        if is_heading and not wrapped and doc is not None and cue["conclusion_heading"](words):
            under = _sections_under(doc, lines, paras, i_p, label, text, cue)
            sections.update(under)
            if under.get(i_p + 1) == "requirements":
                sections[i_p] = "requirements"  # (the title goes with conclusions that open by assigning work)
        if sections.get(i_p) and not opinions and not (is_heading and cue["requirements_heading"](words)):
            state = kind = sections[i_p]
        elif letter and label is None and (_assigning_sentence(s, cue) or cue["item_deadline"](s)):
            state = kind = "requirements"  # "Đề nghị các bộ … cập nhật …", whatever its final "./."
        elif (
            letter and label is None and not listed and state == "requirements" and first[:1].isupper()
            and cue["reports"](s) and not _DIRECTIVE_START.search(first) and not _OBLIGES.search(s)
        ):
            kind = "findings"  # a reported fact or a determination between the requests
        elif _ARTICLE.match(first):
            state = kind = "requirements"  # "Điều 1. ..." of a decision decides
        elif opinions:
            state = kind = "findings"
        elif (
            is_heading and not wrapped and not (instructs and default == "requirements")
            and cue["findings_heading"](words) and not cue["leadin"](head[:160])
        ):
            state = kind = "findings"
        elif is_heading and cue["requirements_heading"](words):
            state = kind = "requirements"
        elif label is not None and label.style == "roman":
            # a new top-level section that does not require: in a notice or a
            # report it assesses; a plan's or letter's "I. MỤC ĐÍCH, YÊU CẦU" /
            # "II. MỤC TIÊU" still sets out what is to be done
            state = kind = default
        elif state == "findings" and (not is_heading or wrapped) and _assigns_work(s, lines, paras, p, i_p):
            # a conclusion that assigns work ("1.1. X:" / "... Đề nghị Ban X tiếp thu ...")
            state = kind = "requirements"
            i = i_p
            if i and (_bare_heading(lines, paras[i - 1]) or i - 1 == untold_heading):
                # (and the heading over it, which no cue had told: "2. Kết luận" over "a) ...: Đề nghị X ...")
                setk(paras[i - 1][0], paras[i - 1][-1], "requirements")
        elif label is None and cue["leadin"](tail := _tail(p, text)) and not (reporting and not cue["requesting_leadin"](tail)):
            # a lead-in paragraph: requirements when it is only the lead-in
            # (or opens with a purpose clause), else the findings end here
            single = not _SENTENCE_BREAK.search(s)
            if state == "requirements" or single or cue["leadin_first_words"](first):
                kind = "requirements"
            state = "requirements"
        elif label is not None and state == "findings" and _directive_like(head) and _prev_is_leadin(paras, p, lines, cue, i_p):
            state = kind = "requirements"
        # a section's heading that stays findings only because findings came before it
        untold_heading = i_p if is_heading and not wrapped and kind == "findings" and not (
            opinions or cue["findings_heading"](words)) else None
        setk(p[0], p[-1], kind)


_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+(?=[A-ZĐÀ-Ỹ])")


def _last_sentence(s: str) -> str:
    return _SENTENCE_BREAK.split(s)[-1]


def _lists_attendees(line: str, cue) -> bool:
    """A line that the meeting's composition follows item by item: "Thành
    phần tham dự gồm:", or a sentence that ends in an attendee lead ("...
    chủ trì cuộc họp. Tham dự họp có:")."""
    line = line.rstrip()
    if not line.endswith(":"):
        return False
    if cue["directive_logistics"](line):
        return True
    last = _last_sentence(line)
    m = cue["attendees_lead"](last)
    return m is not None and not last[m.end() :].strip(" :")


def _announces_requirements(paras, text, cue) -> bool:
    """Does a paragraph of the body head or introduce the requirements
    ("2. Nhiệm vụ thời gian tới", "... Huyện ủy yêu cầu:")?"""
    top = None  # the label style of the first labelled paragraph: the conclusions' own level
    for p in paras:
        first = text(p[0])
        label = match_label(first)
        head = first[label.end:] if label else first
        if label is not None and top is None:
            top = (label.style, label.depth_hint)
        # (a heading, not an item that opens with its topic and goes on:
        # "4. Về kiến nghị của UBND huyện X: Giao Văn phòng ... tổng hợp")
        # ("7. Đề nghị UBND huyện X tập trung giải phóng mặt bằng." is a sentence)
        title = (len(p) == 1 and ":" not in head.rstrip(" :") and len(head.split()) <= 14
                 and not head.rstrip().endswith((".", ";")))
        if title and cue["requirements_heading"](" ".join(head.split()[:10])) and not cue["proposals_of"](head):
            return True
        # a lead-in that is itself one of the numbered conclusions ("4. Giao
        # UBND các tỉnh: a) ... b) ...") introduces its own items only; the
        # conclusions before it are judged one by one
        # (one sentence, however the page wrapped it: "3. Sở Nông nghiệp và Phát
        # triển nông thôn (Cơ quan thường trực ...):")
        if cue["leadin"](_tail(p, text)) and not (label is not None and (label.style, label.depth_hint) == top
                                                and _one_sentence(p, text)):
            return True
    return False


def _wrapped_item(lines, p: list[int]) -> bool:
    """A numbered item that pdftotext wrapped over several lines, not a short
    heading followed by its text: its second line continues the phrase (lower
    case), or all its lines are of one width (a heading line is much shorter
    than the text under it, and a docx paragraph is one long line)."""
    if len(p) < 2 or lines[p[0] - 1].rstrip().endswith(":") or _is_caps_line(lines[p[0] - 1]):
        return False
    first, second = lines[p[0] - 1].strip(), lines[p[1] - 1].strip()
    if second[:1].islower():
        return True
    widths = [len(lines[n - 1].strip()) for n in p[:-1]]  # the last line may be short
    widest = max(widths)
    # a page's text width: pdftotext wraps at 60-100 characters
    return 60 <= widest <= 100 and len(first) >= 0.75 * widest


def _sections_under(doc: Doc, lines, paras, i_p: int, label, text, cue) -> dict[int, str]:
    """The kinds of the items under a section titled the conclusions
    (``conclusion_heading``), to the next section of its rank, keyed by
    paragraph index, as ``_conclusion_sections`` judges them; none when a
    heading or lead-in inside announces the requirements (then it decides)."""
    rank = (label.style, label.depth_hint) if label is not None else None
    stop = next((j for j in range(i_p + 1, len(paras))
                 if (lab := match_label(text(paras[j][0]))) is not None
                 and ((lab.style, lab.depth_hint) == rank or lab.style == "roman")), len(paras))
    body = paras[i_p + 1 : stop]
    if not body or _announces_requirements(body, text, cue):
        return {}
    return {i_p + 1 + k: v for k, v in _conclusion_sections(doc, lines, body, cue).items()}


def _conclusion_sections(doc: Doc, lines, paras, cue) -> dict[int, str]:
    """Kinds of the top-level items after a directing hand-over, keyed by the
    index of the item's first paragraph: "requirements" when the item (with its
    sub-items and the unlabelled paragraphs under it) assigns work, "findings"
    when it only assesses; items that do neither are left out. The top level is
    the label style of the first labelled paragraph (pdftotext wraps every item,
    so the item is read whole, never only its first printed line)."""
    def text(n: int) -> str:
        return lines[n - 1].strip()

    top = None
    for p in paras:
        label = match_label(text(p[0]))
        if label is not None and text(p[0])[label.end:].strip():
            top = (label.style, label.depth_hint)  # (bullets too: "- Giao Sở X ..." under "... kết luận:")
            break
    if top is None:
        # conclusions written as unlabelled paragraphs: a paragraph of one
        # sentence is judged on its own words ("Thời gian tới, UBND huyện X tập
        # trung ..., hoàn thành trước ngày ..." requires); a longer one may be an
        # assessment that ends on a recommendation, left to the running state
        out = {}
        for i, p in enumerate(paras):
            if _SENTENCE_BREAK.search(" ".join(text(n) for n in p)):  # a sentence ends inside it
                continue
            verdict = _item_kind(doc, lines, [p], cue)
            if verdict:
                out[i] = verdict
        return out
    starts = []
    for i, p in enumerate(paras):
        label = match_label(text(p[0]))
        if label is not None and (label.style, label.depth_hint) == top and text(p[0])[label.end:].strip():
            starts.append(i)
    out: dict[int, str] = {}
    for k, i in enumerate(starts):
        stop = starts[k + 1] if k + 1 < len(starts) else len(paras)
        verdict = _item_kind(doc, lines, paras[i:stop], cue)
        if verdict:
            for j in range(i, stop):
                out[j] = verdict
    return out


def _item_kind(doc: Doc, lines, item: list[list[int]], cue) -> str | None:
    """"requirements" if any paragraph of the item assigns work, "findings" if
    it only assesses, else None."""
    from .extract.parties import find_responsible, opens_with_predicate

    head_line = lines[item[0][0] - 1].strip()
    label = match_label(head_line)
    words = " ".join(head_line[label.end :].split()[:10]) if label else ""
    if words and cue["findings_heading_start"](words) and not cue["leadin"](head_line):
        return "findings"  # "1. Đánh giá chung", "1. Kết quả đạt được"
    if words and cue["requirements_heading"](words):
        return "requirements"
    assessed = False
    for p in item:
        start = doc.line_starts[p[0] - 1]
        end = doc.line_starts[p[-1] - 1] + len(lines[p[-1] - 1])
        first = lines[p[0] - 1].strip()
        label = match_label(first)
        if label is not None:
            start += len(lines[p[0] - 1]) - len(lines[p[0] - 1].lstrip()) + label.end
        s = doc.text[start:end]
        if not s.strip():
            continue
        if _assigning_sentence(s, cue) or cue["item_deadline"](s):
            return "requirements"
        opens = s.lstrip(" *\t")
        if cue["item_assesses"](opens[:12]):
            assessed = True  # "đã ...": reports what was done
            continue
        if opens_with_predicate(doc, start, end) or _opens_with_directive_verb(opens):
            return "requirements"
        for party in find_responsible(doc, start, end):
            if party.role != "lead" or party.span is None:
                continue
            before = doc.text[start : doc.working_offset(party.span[0])].rstrip(" *\t\n")
            if before and before[-1] not in ".;:":
                continue  # not the subject of its clause
            after = doc.working_offset(party.span[1])
            if _verb_after_subject(doc.text, after, end, cue):
                return "requirements"
            if not cue["item_assesses"](s) and _tagged_verb_after(doc.text, after, end):
                # a verb no list knows, that pyvi tags ("Trung tâm Điều độ ... tính toán
                # phương thức ...; báo cáo ..."), in an item that reports nothing done
                return "requirements"
        if cue["item_assesses"](s):
            assessed = True
    return "findings" if assessed else None


_NEXT_WORDS = re.compile(r"[ \t]*((?:[^\W\d_]+[ \t]+){0,2}[^\W\d_]+)")


def _tagged_verb_after(text: str, after: int, end: int) -> bool:
    """Does pyvi tag the word right after a subject (read with the two after it) a verb?"""
    from .pos import first_tag

    m = _NEXT_WORDS.match(text, after, end)
    return bool(m) and first_tag(m.group(1)) == "V"


def _assigns_task(doc: Doc, lines, p: list[int], cue) -> bool:
    """The paragraph hands a task to a party: ``... giao Sở X chủ trì ...``, a
    subject party with an assigning verb (``Sở Tài chính chủ trì, ...``) or a
    deadline; not a generic courtesy request (``Đề nghị ... xem xét./.``)."""
    from .extract.parties import find_responsible

    start = doc.line_starts[p[0] - 1]
    end = doc.line_starts[p[-1] - 1] + len(lines[p[-1] - 1])
    s = doc.text[start:end]
    if cue["giao_assignee"](s) or cue["item_deadline"](s):
        return True
    for party in find_responsible(doc, start, end):
        if party.role != "lead" or party.span is None:
            continue
        a = doc.working_offset(party.span[0])
        if doc.text[start:a].strip(" *\t\n"):
            continue  # only the subject that opens the paragraph
        after = doc.working_offset(party.span[1])
        if _verb_after_subject(doc.text, after, end, cue):
            return True
    return False


SUBJECT_ADVERBIAL_CHARS = 120  # how far after the subject an adverbial's commas are tried


def _verb_after_subject(text: str, after: int, end: int, cue) -> bool:
    """An assigning verb right after the subject, or after an adverbial that
    follows it ("Các sở, ngành theo chức năng, nhiệm vụ được giao, chủ động
    ..."): the adverbial may hold commas, so the verb is tried after each."""
    if cue["item_assigning_verb"](text[after : min(end, after + 60)]):
        return True
    if not cue["subject_adverbial"](text[after : min(end, after + 20)]):
        return False
    stop = min(end, after + SUBJECT_ADVERBIAL_CHARS)
    comma = text.find(",", after, stop)
    while comma >= 0:
        if cue["item_assigning_verb"](text[comma + 1 : min(end, comma + 61)]):
            return True
        comma = text.find(",", comma + 1, stop)
    return False


def _assigning_sentence(s: str, cue) -> bool:
    """``Giao X``, ``..., giao X``, ``Đề nghị X``, ``Yêu cầu X`` with X a party
    (a capital, ``các ...``, ``đồng chí``); the pattern folds case, so the
    capital is checked here."""
    for m in _cues()["item_assigning_sentence"].finditer(s):
        last = m.group(0)
        if last[-1].isupper() or re.search(r"\bcác\s+\w$", last, re.I):
            return True
    return False


def _meeting_document(layout: Layout, lines: list[str], cue) -> str | None:
    """"invitation" (V/v mời dự họp, Mời họp ..., GIẤY MỜI), "minutes" (BIÊN BẢN) or None."""
    title = lines[layout.title_line - 1].strip() if layout.title_line else ""
    if title and cue["minutes_title"](title.upper()):
        return "minutes"
    near = list(layout.subject_lines) + ([layout.title_line] if layout.title_line else [])
    near += range(1, min(len(lines), 12) + 1)
    if any(cue["invitation"](lines[n - 1].strip()) for n in near) or "GIẤY MỜI" in title.upper():
        return "invitation"
    return None


_OBLIGES = re.compile(r"\b(?:phải|cần(?!\s+được|\s+thiết)|có trách nhiệm|chịu trách nhiệm)\b", re.I)
_ASSIGNED_IN_LIST = re.compile(r"\b(?:chịu trách nhiệm|có trách nhiệm|chủ trì chuẩn bị|giao\s+\w)", re.I)
_CONG_DIEN = re.compile(r"^\W*(?:\S+\s+){1,8}điện\s*:\s*$", re.I)  # "VĂN PHÒNG CHÍNH PHỦ điện:"
_AGENDA = re.compile(r"^\W*(?:nội ?dung|chương trình)\b", re.I)


def _describes_meeting(p, text, cue) -> bool:
    s = " ".join(text(n) for n in p)
    return bool(cue["meeting_description"](s)) and not cue["asks_work"](s) and not cue["leadin"](_tail(p, text))


def _meeting_logistics(paras, opening_to: int, text, cue, *, minutes: bool, asked: set[int] | None = None) -> int:
    """Extend the opening of an invitation or minutes over "Kính mời ..." and the
    logistics items ("1. Thành phần:", "2. Thời gian:", "3. Địa điểm:" with their
    bullets; "I. Thành phần tham gia" with its whole section); the first other
    paragraph ("4. Chuẩn bị nội dung:", "Đề nghị ...", "II. Nội dung làm việc")
    ends it. In minutes the agenda is the body, not logistics."""
    in_item = in_section = False
    for i in range(opening_to + 1, len(paras)):
        first = text(paras[i][0])
        label = match_label(first)
        head = first[label.end:] if label else first
        roman = label is not None and label.style == "roman"
        if cue["logistics_item"](head) and not (minutes and _AGENDA.match(head)):
            in_item, in_section = True, roman or in_section  # "Thành phần:" inside "III. Địa điểm"
        elif label is None and cue["invitation_start"](first):
            in_item = in_section = False
        elif first.isdigit() and len(paras[i]) == 1:
            pass  # a page number between the items
        elif label is None and not minutes and not in_item and not in_section and _describes_meeting(paras[i], text, cue):
            pass  # "Hội nghị do ... chủ trì.", "Cùng dự họp có ..."
        elif in_section and not roman:
            pass  # inside "I. Thành phần tham gia": its units and members
        elif not (in_item and label is not None and label.style in ("dash", "plus", "star", "bullet")):
            break
        if in_item and label is not None and label.style in ("dash", "plus", "star", "bullet") and asked is not None:
            if _ASSIGNED_IN_LIST.search(" ".join(text(n) for n in paras[i])):
                asked.add(i)  # "- UBND các tỉnh chịu trách nhiệm kết nối ...": a task in the list
        opening_to = i
    return opening_to


def _opens_with_directive_verb(s: str) -> bool:
    """``_DIRECTIVE_START``, except a one-syllable verb that pyvi reads as the
    first syllable of a noun with the words after it ("Giao thông nông thôn
    còn khó khăn", "Cần Thơ"): an assessment's subject, not an order."""
    m = _DIRECTIVE_START.search(s)
    if m is None:
        return False
    if " " in m.group(0).strip(" *-+\t"):
        return True
    from .pos import first_word

    word, tag = first_word(" ".join(s.lstrip(" *-+\t").split()[:4]))
    return not (tag in ("N", "Np") and "_" in word)


_DIRECTIVE_START = re.compile(
    r"^\W*(?:giao|đề ?nghị|yêu ?cầu|tập trung|tiếp tục|chỉ đạo|tăng cường|đẩy mạnh|nâng cao|khẩn trương|"
    r"rà soát|thực hiện|xây dựng|quan tâm|chú trọng|triển khai|hoàn thành|kiện toàn|phân công|chủ động|"
    r"nghiên cứu|đôn đốc|kiểm tra|phối hợp|củng cố|thường xuyên|khắc phục|ban hành|bố trí|cần|"
    # decisions recorded as conclusions ("1. Thống nhất cho chủ trương ...")
    r"thống nhất|nhất trí|đồng ý|chấp thuận|cho chủ trương)\b",
    re.I,
)


def _assigns_work(s: str, lines, paras, p, i: int | None = None) -> bool:
    """A paragraph that assigns work: it opens with the assignment, introduces
    items after it, or is the body of a bare numbered heading. An assessment that ends with a
    recommendation ("... cho thấy: ... Đề nghị Chủ đầu tư cần ...") stays findings."""
    m = _cues()["directive_sentence"].search(s)
    if not m:
        return False
    if i is None:
        i = paras.index(p)
    introduces = s.rstrip(" *").endswith(":")  # "...; giao X ...; trong đó lưu ý:" + items
    # after the item's topic and its colon: "a) Việc điều chỉnh tiến độ: Đề nghị Nhà đầu tư ..."
    topic = m.group(0).lstrip()[:1] == ":" and not _INNER_STOP.search(s[: m.start()])
    return m.start() == 0 or introduces or topic or (i > 0 and _bare_heading(lines, paras[i - 1]))


def _bare_heading(lines, para: list[int]) -> bool:
    first = lines[para[0] - 1].strip()
    label = match_label(first)
    return label is not None and len(para) <= 2 and lines[para[-1] - 1].rstrip().endswith(":")


def _directive_like(s: str) -> bool:
    label = match_label(s)
    head = s[label.end:] if label else s
    return bool(_DIRECTIVE_START.search(head))


def _bare_title(p: list[int], first: str) -> bool:
    """A section title printed without a label (the caller has checked), on a
    line of its own ("Nhiệm vụ thời gian tới", "ĐÁNH GIÁ CHUNG"): a few words
    that start with a capital and make no sentence."""
    words = first.split()
    return (len(p) == 1 and 1 <= len(words) <= 10 and first[:1].isupper()
            and not first.rstrip(":").rstrip().endswith((".", ",", ";", "!", "?")) and not re.search(r"[,;.]\s", first))


_INNER_STOP = re.compile(r"[.;!?]\s")


def _one_sentence(p: list[int], text) -> bool:
    """Is the paragraph one short sentence, on one line or wrapped over a few
    (its label aside; a short title over a sentence is two)?"""
    rows = [text(n) for n in p]
    if len(rows) > 3 or any(not (b[:1].islower() or len(a) >= PROSE_LINE) or _SENTENCE_END.search(a)
                            for a, b in zip(rows, rows[1:])):
        return False
    joined = " ".join(rows)
    label = match_label(joined)
    joined = joined[label.end:] if label else joined
    return len(joined) <= 240 and not _INNER_STOP.search(joined)


def _tail(p: list[int], text) -> str:
    """A paragraph's last two lines, where a lead-in's words stand even when
    the page wrapped them ("... đồng chí Bí thư Huyện ủy yêu⏎cầu:")."""
    return " ".join(text(n) for n in p[-2:])


def _prev_is_leadin(paras, p, lines, cue, i: int | None = None) -> bool:
    if i is None:
        i = paras.index(p)
    if i == 0:
        return False
    prev_last = _tail(paras[i - 1], lambda n: lines[n - 1].strip())
    return bool(cue["leadin"](prev_last)) and not cue["reported_leadin"](prev_last)


def segments_of(doc: Doc, layout: Layout) -> list[Segment]:
    """Runs of one kind as Segments; lines the statistical segmenter relabelled
    (``layout.methods[i] == "model"``, see learn/segmenter.py) carry its method
    and mean confidence."""
    methods = getattr(layout, "methods", None) or []
    confs = getattr(layout, "confidences", None) or []
    out = []
    for kind, first, last in layout.runs():
        start = doc.line_starts[first - 1]
        end = doc.line_starts[last - 1] + len(doc.lines[last - 1])
        touched = [i for i in range(first - 1, last) if i < len(methods) and methods[i] == "model"]
        if not touched:
            method, conf = "rule:segment", 0.8
        else:
            used = [i for i in range(first - 1, last) if layout.kinds[i] is not None]
            method = "model:crf-segmenter" if len(touched) == len(used) else "rule+model"
            conf = round(sum(confs[i] for i in touched) / len(touched), 3)
        out.append(Segment(kind=kind, span=doc.source_span(start, end), lines=(doc.source_line(first), doc.source_line(last)), method=method, confidence=conf))
    return out
