"""The directive tree of a notice's requirements (SPEC §2 "Directive", gold README §4).

Steps, each a small function below:

1. ``_items``: the requirement lines grouped into paragraphs; a labelled
   paragraph is an item, an unlabelled one is a lead-in (ends with ``:`` before
   any item of its level) or the continuation of the item above it.
2. ``_nest``: items nested by label style in order of first appearance (the
   first style seen is the outer level, a style seen again closes the levels
   opened after it), dotted numbers (``1.2.``) one level below ``1.``.
3. ``_classify``: a numbered item that only introduces children (``2- Trong
   thời gian tới, Huyện uỷ yêu cầu:``, ``2. Nhiệm vụ trọng tâm ...``, a bare unit
   name ``1. Sở Công Thương``) is a *heading*: no directive, but its number
   prefixes the paths below it, its addressees and its deadlines pass down.
   Roman sections are headings unless one of them is itself a requirement or
   the Arabic numbering restarts under several of them (gold README §5).
   An unnumbered item that only introduces children is a directive of kind
   ``group``.
4. ``_paths``: the printed number at the top, then 1-based order among siblings.
5. responsible parties (the item's own subjects, else copies from the nearest
   ancestor that has some, else from its heading or the section lead-in; never
   from a sibling) and deadlines (own, plus copies of its headings').
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from ..apply.spans import combine_responsible
from ..labels import BULLET_STYLES, PAGE_NUMBER, Label, match_label, roman_to_int
from ..models import Deadline, Directive, Party
from ..resources import load_rules
from ..segment import _cues, paragraphs
from .context import Context
from .deadlines import find_deadlines
from .parties import find_addressees, find_responsible, split_parties

_SENTENCE_BREAK = re.compile(r"[.!?;]\s+\S")
_INTRODUCES = re.compile(r"(?:sau|như sau|cụ thể|gồm|trong đó(?: chú ý| lưu ý)?|yêu cầu|đề nghị|lưu ý)\s*:\s*$", re.I)
_BULLETS = BULLET_STYLES
_TOPIC_COLON = re.compile(r"^\W*Về\s[^:.;]{3,120}:")
_TOPIC_HEAD = re.compile(
    r"^\W*(?:về|đối với|yêu cầu|trước mắt|trong thời gian tới|thời gian tới"
    r"|(?:một số |các |những )?(?:nhiệm vụ|giải pháp|phương hướng|định hướng|kiến nghị|đề xuất|công việc))\b", re.I)


@dataclass
class Item:
    label: Label | None
    lines: list[int]
    start: int  # working-text offset where the item text starts (after the label)
    end: int  # working-text offset where it ends
    children: list["Item"] = field(default_factory=list)
    parent: "Item | None" = None
    style: str = ""  # nesting key: roman, num1, num2, alpha, dash, plus, star, bullet
    heading: bool = False  # introduces children only, stays out of the directives
    group: bool = False
    path: str | None = None
    in_path: bool = True  # False for Roman section headings kept out of paths
    leadin: tuple[int, int] | None = None  # unlabelled lead-in paragraph under a heading
    own_parties: list[Party] | None = None  # responsible step: rules, else the span model

    def text(self, ctx: Context) -> str:
        return ctx.doc.text[self.start : self.end]


def extract_directives(ctx: Context) -> list[Directive]:
    req_lines = ctx.lines_of("requirements")
    if not req_lines:
        return []
    section_leadin, items = _items(ctx, req_lines)
    if not items:
        return []
    roots = _restarted_under_title(ctx, _nest(items, ctx.doc.text))
    _classify(ctx, roots)
    _paths(roots)
    issue = _iso_to_date(ctx.record.issue_date.value if ctx.record.issue_date else None)
    meeting = None
    if ctx.record.meeting and ctx.record.meeting.date:
        meeting = _iso_to_date(ctx.record.meeting.date.value)
    leadin_parties = find_addressees(ctx.doc, *section_leadin) if section_leadin else []
    _own_parties(ctx, roots)
    out: list[Directive] = []
    for root in roots:
        _emit(ctx, root, None, leadin_parties, [], issue, meeting, out)
    return out


# --- 1. items -------------------------------------------------------------------
def _items(ctx: Context, req_lines: list[int]) -> tuple[tuple[int, int] | None, list[Item]]:
    """Items of the requirements, and the section lead-in before the first one."""
    doc = ctx.doc
    req = set(req_lines)
    paras = [[n for n in p if n in req] for p in paragraphs(doc.lines, req_lines[0], req_lines[-1], doc.page_breaks)]
    items: list[Item] = []
    leadin: tuple[int, int] | None = _leadin_before(ctx, req_lines[0])
    for p in paras:
        # a page break's number ("2", "- 2 -") is no line of an item: one that
        # heads or ends a paragraph is left out of it (inside, the span covers it)
        while p and PAGE_NUMBER.match(doc.lines[p[0] - 1]):
            p = p[1:]
        while p and PAGE_NUMBER.match(doc.lines[p[-1] - 1]):
            p = p[:-1]
        if not p:
            continue
        first = doc.lines[p[0] - 1]
        label = match_label(first)
        start = doc.line_starts[p[0] - 1] + (label.end if label else len(first) - len(first.lstrip()))
        end = doc.line_starts[p[-1] - 1] + len(doc.lines[p[-1] - 1].rstrip())
        if label is not None and items and label.style in _BULLETS and _task_attribute().match(doc.text[start:end]):
            # "- Đơn vị thực hiện: X." / "- Thời gian hoàn thành: ...": who and by when of
            # the item above (a task card), not a task of its own
            items[-1].lines.extend(p)
            items[-1].end = end
        elif label is not None:
            items.append(Item(label=label, lines=list(p), start=start, end=end))
        elif not items:
            leadin = (start, end)  # the paragraph before the first item introduces them
        elif items[-1].label and items[-1].label.style in ("num", "roman") and not items[-1].leadin and _ends_intro(doc.text[start:end]):
            items[-1].leadin = (start, end)  # a heading's own lead-in paragraph
            items[-1].lines.extend(p)
            items[-1].end = end  # part of the item's own text when it is a directive
        elif items[-1].label.style in _BULLETS and _cues()["directive_sentence"].match(doc.text[start:end]):
            # "Giao A, B chỉ đạo ..." after a bullet list is an instruction of its
            # own, not the last bullet's second paragraph; unlabelled, it is no
            # directive (its addressees still count as target units)
            continue
        else:
            last = items[-1]  # continuation of the item above (page break, second paragraph)
            last.lines.extend(p)
            last.end = end
    return leadin, items


def _leadin_before(ctx: Context, first_req_line: int) -> tuple[int, int] | None:
    """A lead-in that ends the segment before the requirements (``... yêu cầu:``)."""
    prev = [n for n in range(first_req_line - 1, 0, -1) if ctx.doc.lines[n - 1].strip()]
    if not prev:
        return None
    line = ctx.doc.lines[prev[0] - 1]
    if not line.rstrip().endswith(":"):
        return None
    # the whole paragraph that line ends: a lead-in wrapped over lines names its
    # addressees on an earlier one ("... yêu cầu Đảng ủy, UBND các xã tập trung thực⏎hiện ... sau:")
    first = paragraphs(ctx.doc.lines, max(1, prev[0] - 12), prev[0], ctx.doc.page_breaks)[-1][0]
    start, end = ctx.line_bounds(first)[0], ctx.line_bounds(prev[0])[1]
    # only the last sentence: the findings before it name no addressee
    seg = ctx.doc.text[start:end]
    cut = max((m.start() + 1 for m in _SENTENCE_BREAK.finditer(seg)), default=0)
    return start + cut, end


def _ends_intro(s: str) -> bool:
    return s.rstrip().endswith(":")


# --- 2. nesting -----------------------------------------------------------------
def _style(label: Label) -> str:
    if label.style == "num":
        return f"num{label.depth_hint}"
    return label.style


# Numbered styles have a fixed rank (a Roman section holds Arabic items, "1."
# holds "1.1." and "a)"); bullets nest by order of first appearance below the
# nearest numbered item, and a number never nests under a bullet, but for
# letters under a bullet that announces them ("- Sở Y tế:" then "a) ...").
_RANK = {"roman": 0, "num1": 1, "num2": 2, "num3": 3, "num4": 4, "ordinal": 4.3, "paren": 4.6, "alpha": 5}


def _nest(items: list[Item], text: str) -> list[Item]:
    roots: list[Item] = []
    stack: list[Item] = []
    for it in items:
        it.style = _style(it.label)
        rank = _RANK.get(it.style)
        if rank is not None:
            while stack and (stack[-1].style not in _RANK or _RANK[stack[-1].style] >= rank):
                top = stack[-1]
                if (it.style == "alpha" and top.style not in _RANK and text[top.start : top.end].rstrip().endswith(":")
                        and not any(s.style == "alpha" for s in stack[:-1])):
                    break  # "- Sở Y tế:" over "a) ...", "b) ...": letters under the bullet that announces them
                stack.pop()
        else:
            # bullets of this numbered item: a style seen again closes the deeper ones
            first_bullet = next((i for i, s in enumerate(stack) if s.style not in _RANK), len(stack))
            styles = [s.style for s in stack[first_bullet:]]
            if it.style in styles:
                del stack[first_bullet + styles.index(it.style) :]
        if stack:
            it.parent = stack[-1]
            stack[-1].children.append(it)
        else:
            roots.append(it)
        stack.append(it)
    return roots


def _restarted_under_title(ctx: Context, roots: list[Item]) -> list[Item]:
    """``2. Nhiệm vụ thời gian tới`` followed by ``1.``, ``2.``, ``3.``: a
    numbered title whose numbering restarts right after it holds the items
    that follow in its style (SPEC: a numbered section heading that only
    introduces its items; they are ``2.1``, ``2.2``, ...)."""
    out: list[Item] = []
    k = 0
    while k < len(roots):
        it = roots[k]
        out.append(it)
        k += 1
        if it.children or not it.style.startswith("num") or k >= len(roots):
            continue
        nxt = roots[k]
        if not (nxt.style == it.style and nxt.label.value.isdigit() and it.label.value.isdigit()
                and int(nxt.label.value) == 1 < int(it.label.value)):
            continue
        if not _reads_as_title(ctx.doc.text[it.start : it.end].strip()):
            continue  # a requirement of its own, not a title
        expected = 1
        while k < len(roots) and roots[k].style == it.style and roots[k].label.value == str(expected):
            child = roots[k]
            child.parent = it
            it.children.append(child)
            k += 1
            expected += 1
    return out


# --- 3. headings and groups -----------------------------------------------------
def _classify(ctx: Context, roots: list[Item]) -> None:
    romans = [r for r in roots if r.style == "roman"]
    if romans:
        restarts = sum(1 for r in romans if any(c.label.value == "1" for c in r.children if c.style == "num1")) > 1
        any_requirement = any(not _only_introduces(ctx, r) for r in romans)
        for r in romans:
            r.heading = _only_introduces(ctx, r)
            r.in_path = restarts or any_requirement
    for it in _walk(roots):
        if it.style == "roman":
            continue
        if it.children and (_only_introduces(ctx, it) or _topic_section(ctx, it)):
            top_number = it.style.startswith("num") and (it.parent is None or it.parent.heading)
            if top_number:
                it.heading = True
            else:
                it.group = True


def _only_introduces(ctx: Context, it: Item) -> bool:
    """An item whose words only announce what follows."""
    if not it.children:
        return False
    if it.leadin is not None:
        # "1.1. Công tác chuẩn bị ...:" + "Đề nghị X tiếp thu ...; lưu ý:" is one
        # directive with children; a lead-in that assigns nothing only introduces
        return (not _cues()["directive_sentence"].search(ctx.doc.text[it.leadin[0] : it.leadin[1]])
                or _only_addressed(ctx, *it.leadin))
    text = ctx.doc.text[it.start : it.end].strip()
    if _SENTENCE_BREAK.search(text.rstrip(":").rstrip()):
        return False  # a requirement sentence first, then "Trong đó chú ý:"
    if text.endswith(":"):
        return True
    # a bare title without a colon: "2. Nhiệm vụ trọng tâm 6 tháng cuối năm 2023",
    # "1. Sở Công Thương", the segmenter's requirements or conclusions title
    # ("II. Ý kiến kết luận, chỉ đạo của Chủ tịch UBND tỉnh")
    cue = _cues()
    return _reads_as_title(text) and (bool(_TOPIC_HEAD.search(text)) or len(text.split()) <= 8
                                      or bool(cue["requirements_heading"].search(text) or cue["conclusion_heading"].search(text)))


def _only_addressed(ctx: Context, start: int, end: int) -> bool:
    """A lead-in that names its addressees and stops ("Yêu cầu Công ty X:"):
    what they are to do is in the items under it."""
    parties = [p for p in find_addressees(ctx.doc, start, end) if p.span is not None]
    if not parties:
        return False
    after = ctx.doc.working_offset(max(p.span[1] for p in parties))
    return ctx.doc.text[after:end].strip() == ":"


def _reads_as_title(text: str) -> bool:
    """Short words with no sentence in them: a heading, not a requirement."""
    return (not _SENTENCE_BREAK.search(text.rstrip(":").rstrip()) and not text.endswith(".")
            and len(text.split()) <= 14)


def _topic_section(ctx: Context, it: Item) -> bool:
    """``2. Về công tác chuẩn bị năm học mới: <comment> ... sau:`` with items under
    it: a numbered section named by its topic, whatever it says before them."""
    return it.style == "num1" and bool(_TOPIC_COLON.match(ctx.doc.text[it.start : it.end]))


def _walk(items: list[Item]):
    for it in items:
        yield it
        yield from _walk(it.children)


# --- 4. paths -------------------------------------------------------------------
def _paths(roots: list[Item]) -> None:
    def assign(items: list[Item], prefix: str | None) -> None:
        order = 0
        for it in items:
            if not it.in_path:
                it.path = prefix
                assign(it.children, prefix)
                continue
            order += 1
            if it.style == "roman":
                comp = str(roman_to_int(it.label.value))
            elif it.style.startswith("num"):
                comp = it.label.value
            else:
                comp = str(order)
            if prefix and it.style.startswith("num") and comp.startswith(prefix + "."):
                it.path = comp  # "2.1." printed under "2."
            elif prefix and it.style.startswith("num") and "." in comp and prefix.count(".") == 0 and it.parent is None:
                it.path = comp
            else:
                it.path = f"{prefix}.{comp}" if prefix else comp
            assign(it.children, it.path)

    assign(roots, None)


# --- 5. directives with parties and deadlines -----------------------------------
def _emit(
    ctx: Context,
    it: Item,
    parent_directive: Directive | None,
    inherited_parties: list[Party],
    heading_deadlines: list[Deadline],
    issue: date | None,
    meeting: date | None,
    out: list[Directive],
) -> None:
    own_end = it.end  # children are items of their own: this is the item's own text
    if _is_logistics(ctx, it):
        return  # "1. Thành phần:", "2. Thời gian: ...": who attends, when, where; no task
    if it.heading:
        # addressees of the heading ("1. Sở Công Thương", "3- Đề nghị A, B:")
        scope = it.leadin or (it.start, own_end)
        addressees = find_addressees(ctx.doc, *scope) or _unit_heading(ctx, it) or _heading_subject(ctx, *scope)
        parties = addressees or inherited_parties
        deadlines = heading_deadlines + [
            d.model_copy(update={"inherited": True})
            for d in find_deadlines(ctx.doc, it.start, own_end, issue, meeting)
        ]
        for child in it.children:
            _emit(ctx, child, None, parties, deadlines, issue, meeting, out)
        return

    responsible = it.own_parties if it.own_parties is not None else find_responsible(ctx.doc, it.start, own_end)
    if not any(p.role == "lead" for p in responsible) and len(it.lines) > 1 and _TOPIC_HEAD.search(it.text(ctx)):
        # "4. Về kinh phí ..." + its paragraph "Sở X chủ trì ...": the title line
        # has no stop, so the paragraph is read on its own for its subject
        nl = ctx.doc.text.find("\n", it.start, own_end)
        if nl > 0:
            body = find_responsible(ctx.doc, nl + 1, own_end)
            if any(p.role == "lead" for p in body):
                responsible = body
    if inherited_parties and not any(p.role == "lead" for p in responsible):
        source = parent_directive.path if parent_directive else "lead-in"
        # an addressee of a heading or lead-in ("Giao Sở X:", "Đề nghị A, B:")
        # is the lead of each item under it (SPEC §5: responsible roles are
        # lead or support, never null); an item whose own parties are only
        # partners ("- Chủ trì, phối hợp với các đơn vị liên quan rà soát ...")
        # has no subject of its own either, and keeps them beside the lead
        own = {p.value for p in responsible}
        responsible = [
            p.model_copy(update={"inherited": True, "inherited_from": source, "role": p.role or "lead"})
            for p in inherited_parties if p.value not in own
        ] + responsible
    deadlines = list(heading_deadlines) + find_deadlines(ctx.doc, it.start, own_end, issue, meeting)
    text, span = ctx.doc.ground(it.start, it.end)
    path = it.path or ""
    directive = Directive(
        path=path,
        label=it.label.text,
        level=path.count(".") + 1,
        parent=parent_directive.path if parent_directive else None,
        kind="group" if it.group else "directive",
        text=text,
        span=span,
        lines=(ctx.doc.source_line(it.lines[0]), ctx.doc.source_line(_last_line(ctx, it))),
        responsible=responsible,
        deadlines=deadlines,
        method="rule:directive",
        confidence=0.85,
    )
    out.append(directive)
    own_or_inherited = [p for p in responsible]
    for child in it.children:
        _emit(ctx, child, directive, own_or_inherited, heading_deadlines, issue, meeting, out)


def _own_parties(ctx: Context, roots: list[Item]) -> None:
    """The responsible step for every directive item at once: the rule grammar
    (``find_responsible``), then the span model's combination mode
    (``apply/spans.combine_responsible``: boundary refinement, fallback where
    the rules abstain, or off; one batched call per document)."""
    items = [it for it in _walk(roots) if not it.heading]
    rules = [find_responsible(ctx.doc, it.start, it.end) for it in items]
    rules, warning = combine_responsible(ctx.doc, [(it.start, it.end) for it in items], rules)
    if warning:
        ctx.warn(warning)
    for it, parties in zip(items, rules):
        it.own_parties = parties


@lru_cache(maxsize=1)
def _task_attribute() -> re.Pattern:
    return re.compile(load_rules("segments")["task_attribute"], re.I)


@lru_cache(maxsize=1)
def _logistics() -> re.Pattern:
    return re.compile(load_rules("segments")["directive_logistics"], re.I)


def _is_logistics(ctx: Context, it: Item) -> bool:
    """An event's or inspection's logistics item (``rules/segments.yaml``
    ``directive_logistics``), or an item under one."""
    while it is not None:
        if _logistics().match(it.text(ctx)):
            return True
        it = it.parent
    return False


def _phrases(words) -> str:
    """An alternation of ``words``, longest first, with any space between their
    syllables (a wrapped heading breaks "tập⏎trung")."""
    return "|".join(r"\s+".join(map(re.escape, w.split())) for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=1)
def _toward() -> re.Pattern:
    """The words before a heading's unit that say the items are its (the party
    grammar's lists: "Đối với UBND xã X:", "Về phía Sở Y:", "Nhiệm vụ của Sở Z:")."""
    r = load_rules("parties")
    return re.compile(rf"\W*(?:{_phrases(r['topic_intros'] + r['responsibility_heads'])})\s+", re.I)


_TRAILING_PAREN = re.compile(r"\s*\([^()]{0,200}\)$")  # (bounded: a heading line, not a document)
UNIT_HEADING_MAX_WORDS = 24  # a heading longer than this is never only a name


@lru_cache(maxsize=1)
def _task_predicate() -> re.Pattern:
    """The predicates that open a task after its party (``rules/parties.yaml``
    ``capital_predicates``: "tiếp tục", "thực hiện", "chủ trì" ...): a heading
    holding one is a sentence about the party, not the party's name. A modal
    of duty may come first ("Đảng ủy xã cần tập trung ...": ``restricted_subjects``
    ``modals``)."""
    r = load_rules("parties")
    return re.compile(r"(?<!\w)(?:(?:" + _phrases(r["restricted_subjects"]["modals"]) + r")\s+)?(?:"
                      + _phrases(r["capital_predicates"]) + r")(?!\w)", re.I)


def _unit_heading(ctx: Context, it: Item) -> list[Party]:
    """A heading that is only a unit's name passes that unit down as lead. A
    long one ("Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương",
    "... có dự án đi qua") counts when its parties are all its words."""
    raw = ctx.doc.text[it.start : it.end]
    lead = len(raw) - len(raw.lstrip())
    line = raw.strip()
    text = line.rstrip(":*").rstrip()
    mark = line[len(text) :]  # the ":" that makes it a heading
    # a parenthesis after the name ("Sở X (Cơ quan thường trực Ban Chỉ đạo tỉnh):")
    # is never part of a party (gold README §3): the name must be all the rest
    text = _TRAILING_PAREN.sub("", text)
    if _cues()["leadin"].search(text + mark):
        return []  # a lead-in sentence ("UBND tỉnh chỉ đạo như sau:") names no unit to pass down
    toward = _toward().match(text)  # "Đối với UBND xã X:": the unit the items are for
    if toward:
        lead, text = lead + toward.end(), text[toward.end() :]
    if len(text.split()) > UNIT_HEADING_MAX_WORDS or _TOPIC_HEAD.search(text):
        return []
    start = it.start + lead
    parties = split_parties(ctx.doc, start, start + len(text))
    if parties and parties[0].span is not None and re.search(
            r"\bcủa\s*$", ctx.doc.text[start : ctx.doc.working_offset(parties[0].span[0])], re.I):
        return []  # "II. CHỈ ĐẠO CỦA CHỦ TỊCH UBND TỈNH": the heading's author, not a unit to act
    if (len(text.split()) > 10 or toward) and not (
            parties and parties[0].span is not None and parties[-1].span is not None
            and ctx.doc.working_offset(parties[0].span[0]) <= start
            and ctx.doc.working_offset(parties[-1].span[1]) >= start + len(text)
            and not _task_predicate().search(text)):
        return []  # a long heading that is more than a name: a sentence, not a unit
    return [p.model_copy(update={"role": "lead"}) for p in parties]


def _heading_subject(ctx: Context, start: int, end: int) -> list[Party]:
    """The subject of a heading that is a task sentence over the items under
    it ("Ủy ban nhân dân huyện X tiếp tục thực hiện tốt các nhiệm vụ sau:"):
    the leads followed by a task predicate; not the issuer handing over ("UBND
    tỉnh chỉ đạo như sau:", whose verb is no task predicate)."""
    out = []
    for p in find_responsible(ctx.doc, start, end):
        if p.role != "lead" or p.span is None or p.inherited:
            continue
        after = ctx.doc.working_offset(p.span[1])
        rest = ctx.doc.text[after:end]
        if _task_predicate().match(ctx.doc.text, after + len(rest) - len(rest.lstrip())):
            out.append(p)
    return out


def _last_line(ctx: Context, it: Item) -> int:
    own = [n for n in it.lines if not it.children or n < it.children[0].lines[0]]
    return max(own) if own else it.lines[0]


def _iso_to_date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None
