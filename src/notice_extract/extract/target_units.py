"""The units a notice is about or addressed to (gold README "target_units").

In order, one entry per referent (compared case- and spacing-insensitively):

1. the meeting's counterparts (``làm việc với Đảng ủy xã Lan Giới``), else the
   unit the subject names after ``đối với`` / ``làm việc với``;
2. the parties a requirements lead-in addresses (``... đề nghị A, B cần tập trung
   thực hiện ...:``);
3. the parties the closing line addresses (``thông báo để A, B biết, thực hiện``,
   ``yêu cầu A, B triển khai thực hiện``).

Never the recipients list; a generic ``các đồng chí`` is nobody in particular.
Role is null and ``inherited`` false for every entry.
"""

from __future__ import annotations

import re

from ..models import Party
from .context import Context
from .meeting import _is_notice, _rules, _subject_bounds, norm_key, split_list


def extract_target_units(ctx: Context) -> list[Party]:
    if not _is_notice(ctx):
        return []
    text = ctx.doc.text
    r = _rules()
    out: list[Party] = []
    seen: set[str] = set()

    def add(parties: list[Party]) -> None:
        for p in parties:
            k = norm_key(p.value)
            if k in seen or r["generic_addressees"].search(k) or p.kind == "person":
                continue
            seen.add(k)
            out.append(p.model_copy(update={"role": None, "inherited": False, "method": "rule:target-" + p.method.split(":")[-1]}))

    # 1. what the meeting was held with / what the subject names
    meeting = ctx.record.meeting
    if meeting is not None and meeting.counterparts:
        add(meeting.counterparts)
    else:
        subj = _subject_bounds(ctx)
        if subj:
            m = re.search(r"(?:làm\s+việc\s+(?:với|đối\s+với)|(?<![^\W\d_])đối\s+với)\s+", text[subj[0] : subj[1]], re.I)
            if m and "“" not in text[subj[0] : subj[0] + m.start()]:
                s = subj[0] + m.end()
                stop = r["counterpart_stop"].search(text, s, subj[1])
                add(split_list(ctx, s, stop.start() if stop else subj[1], method="rule:subject", represent=False))

    # 2. requirement lead-ins (paragraph ends with ":"), 3. the closing line
    zones = []
    for n in ctx.lines_of("opening", "findings", "requirements"):
        s, e = ctx.line_bounds(n)
        if text[s:e].rstrip(" *").endswith(":"):
            zones.append((s, e))
    closing = ctx.block("closing")
    if closing:
        zones.append(closing)
    for s, e in zones:
        for pat in r["addressees"]:
            for m in pat.finditer(text, s, e):
                x0, x1 = m.span("x")
                # the phrase restarts after a sentence break inside it
                for b in re.finditer(r"[.;:](?=\s)", text[x0:x1]):
                    x0 = m.start("x") + b.end()
                add(split_list(ctx, x0, x1, method="rule:addressee", represent=False))
    return out
