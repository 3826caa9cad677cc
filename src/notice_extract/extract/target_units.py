"""The units a notice is about or addressed to (gold README "target_units").

In order, one entry per referent (compared case- and spacing-insensitively):

1. the meeting's counterparts (``làm việc với Đảng ủy xã Lan Giới``), else the
   unit the subject names after ``đối với`` / ``làm việc với``;
2. the parties a requirements lead-in addresses (``... đề nghị A, B cần tập trung
   thực hiện ...:``);
3. the parties the closing line addresses (``thông báo để A, B biết, thực hiện``,
   ``yêu cầu A, B triển khai thực hiện``);
4. the addressees of a notice written as a letter (``Kính gửi: A`` and the
   ``- A;`` lines under it), persons included (``Kính gửi: Bà X``).

Never the recipients list; a generic ``các đồng chí`` is nobody in particular;
a person only as the addressee of a letter.
Role is null and ``inherited`` false for every entry.
"""

from __future__ import annotations

import re

from ..labels import match_label
from ..models import Party
from ..segment import paragraphs
from .context import Context
from .parties import find_addressees, is_bare_title
from .meeting import _is_notice, _rules, _subject_bounds, norm_key, party_phrase_end
from .parties import split_parties


def extract_target_units(ctx: Context) -> list[Party]:
    if not _is_notice(ctx):
        return []
    text = ctx.doc.text
    r = _rules()
    out: list[Party] = []
    seen: set[str] = set()

    def add(parties: list[Party], persons: bool = False) -> None:
        for p in parties:
            k = norm_key(p.value)
            if k in seen or r["generic_addressees"].search(k) or p.kind == "person" and not persons:
                continue
            if p.kind == "position" and is_bare_title(p.value):
                continue  # "Giao đồng chí Bí thư mời ...": a title without its body addresses no unit
            seen.add(k)
            out.append(p.model_copy(update={"role": None, "inherited": False, "method": "rule:target-" + p.method.split(":")[-1]}))

    # 1. what the meeting was held with / what the subject names
    meeting = ctx.record.meeting
    if meeting is not None and meeting.counterparts:
        add(meeting.counterparts)
    else:
        subj = _subject_bounds(ctx)
        if subj:
            m = r["target_subject_lead"].search(text[subj[0] : subj[1]])
            if m and "“" not in text[subj[0] : subj[0] + m.start()]:
                s = subj[0] + m.end()
                # (a leader stands for the body led, as among the counterparts)
                add(split_parties(ctx.doc, s, party_phrase_end(ctx, s, subj[1]), method="rule:subject", represent=True))

    # 2. requirement lead-ins (paragraph ends with ":"), unlabelled assignment
    # paragraphs of the requirements ("Giao A, B chỉ đạo ..."), 3. the closing
    for s, e in _addressing_zones(ctx):
        add(find_addressees(ctx.doc, s, e, method="rule:addressee"))
    # 4. "Kính gửi: A", "- B;" (a letter to citizens is addressed to persons)
    for s, e in _letter_addressees(ctx):
        add(split_parties(ctx.doc, s, e, method="rule:kinh-gui"), persons=True)
    return out


_KINH_GUI = re.compile(r"^\W*kính\s+gửi\s*:?\s*", re.I)
_LIST_ITEM = re.compile(r"^\s*[-–+•]\s*\S")


def _letter_addressees(ctx: Context) -> list[tuple[int, int]]:
    """Working-text ranges of the first ``Kính gửi`` line's addressees and of
    the dash items under it (at most 30), each without its closing ``;``/``.``."""
    lines = ctx.doc.lines
    for n, line in enumerate(lines[:60], 1):
        m = _KINH_GUI.match(line)
        if not m:
            continue
        zones = []
        s, e = ctx.line_bounds(n)
        k = n + 1
        if line[m.end():].strip():
            k, e = _wrapped_on(ctx, k, e)
            zones.append((s + m.end(), e))
        while k <= len(lines) and k - n <= 30 and _LIST_ITEM.match(lines[k - 1]):
            a, b = ctx.line_bounds(k)
            k, b = _wrapped_on(ctx, k + 1, b)
            zones.append((a, b))
        text = ctx.doc.text
        out = []
        for a, b in zones:
            while b > a and (text[b - 1].isspace() or text[b - 1] in ";.,"):
                b -= 1
            if b > a:
                out.append((a, b))
        return out
    return []


def _wrapped_on(ctx: Context, k: int, end: int) -> tuple[int, int]:
    """Past the lines from ``k`` that a wrapped addressee goes on over: each
    opens in lower case, after a line that ended no item ("Kính gửi: Công ty cổ
    phần Đầu tư xây dựng hạ tầng⏎và giao thông"). (next line, new end)"""
    lines, text = ctx.doc.lines, ctx.doc.text
    while (k <= len(lines) and lines[k - 1].lstrip()[:1].islower()
           and text[max(0, end - 80) : end].rstrip()[-1:] not in (";", ".", ":", ",")):
        end = ctx.line_bounds(k)[1]
        k += 1
    return k, end


def _addressing_zones(ctx: Context) -> list[tuple[int, int]]:
    """Working-text ranges that may address the notice's units, paragraph by
    paragraph so that a wrapped closing line is read whole."""
    doc = ctx.doc
    zones = []
    # lines inside a directive: an unlabelled paragraph there is an item's own
    # text ("1. Về kiến nghị của Công ty X:" / "Thống nhất ... Giao Sở Y ..."),
    # whose parties are the item's, not the notice's addressees
    # (by their spans: a directive's ``lines`` number the source's lines)
    in_items = set()
    for d in ctx.record.directives:
        first, last = (doc.line_of(doc.working_offset(x)) for x in (d.span[0], max(d.span[0], d.span[1] - 1)))
        in_items.update(range(first, last + 1))
    body = ctx.lines_of("opening", "findings", "requirements")
    if body:
        for para in paragraphs(doc.lines, body[0], body[-1], doc.page_breaks):
            para = [n for n in para if ctx.layout.kinds[n - 1] in ("opening", "findings", "requirements")]
            if not para:
                continue
            s, e = ctx.line_bounds(para[0])[0], ctx.line_bounds(para[-1])[1]
            kind = ctx.layout.kinds[para[0] - 1]
            if doc.text[s:e].rstrip(" *").endswith(":"):
                zones.append((s, e))  # a lead-in
            elif kind == "requirements" and match_label(doc.lines[para[0] - 1]) is None and para[0] not in in_items:
                zones.append((s, e))  # an assignment paragraph outside the items
    closing = ctx.block("closing")
    if closing:
        zones.append(closing)
    return zones
