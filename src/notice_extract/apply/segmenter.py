"""The CRF line segmenter at run time: line features, the shipped model, ``refine_layout``.

Training, tuning and cross-validation live in ``learn/segmenter.py`` (model card
there and in ``models/README.md``); this module holds what both need -- the
features (``line_features``) -- and what the pipeline needs: ``refine_layout``
relabels the rule segmenter's *unsure* lines where the model is *confident*
(marginal >= the tuned threshold), when ``apply.config`` says the segmenter is
on. Groups, threshold and training facts come from ``models/segmenter.json``.

A line group ``<rule kind>|<anchor>`` (anchor: ``tail``, ``title``, ``cue`` or
``state``, how the rules reached the line) measured >= 0.97 accurate on at
least 15 gold lines is *sure*: the model never touches it.
"""

from __future__ import annotations

import json
import re
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Iterator

from ..labels import match_label
from ..resources import models_dir
from ..segment import _DIRECTIVE_START, Layout, _cues, group_paragraphs  # the same cue patterns the rules read
from ..textmap import Doc
from . import config

if TYPE_CHECKING:
    import pycrfsuite

MODEL_NAME = "segmenter.crfsuite"
META_NAME = "segmenter.json"
METHOD = "model:crf-segmenter"
THRESHOLD = 0.9  # default minimum marginal for the model to overrule an unsure rule line (tuned by inner CV)

# cue name -> yaml key of rules/segments.yaml (one combined pattern, see _facts)
_ANCHORED = {  # patterns anchored at the line start
    "title": ("title_notice", "title_other"),
    "header_line": ("header_line",),
    "opening_start": ("opening_start",),
    "recipients_start": ("recipients_start",),
    "signature_start": ("signature_start",),
    "appendix": ("appendix",),
}
_DOC_TYPES = {"QUYẾT ĐỊNH": "qd", "KẾ HOẠCH": "kh", "BÁO CÁO": "bc", "BIÊN BẢN": "bb", "CÔNG VĂN": "cv"}
_TYPE_RE = re.compile(r"^\W*(" + "|".join(_DOC_TYPES) + r")\b")
_VV_NOTICE = re.compile(r"\b(?:V/v|Về việc)\s+(?:thông báo|TB)\b", re.I)


# --------------------------------------------------------------------------
# Features
# --------------------------------------------------------------------------

@lru_cache(maxsize=1)
def _combined() -> re.Pattern:
    """The line-start cues as one pattern: one optional lookahead group per cue, all tried at
    position 0 by a single ``match`` (a hit leaves its group set)."""
    cues = _cues()
    parts = []
    for name, keys in _ANCHORED.items():
        alt = "|".join(f"(?:{cues[k].pattern})" for k in keys)
        parts.append(f"(?:(?=(?P<{name}>{alt}))|)")
    return re.compile("".join(parts), re.I | re.M)


@lru_cache(maxsize=1)
def _floating() -> list[tuple[str, tuple[str, ...] | None, re.Pattern]]:
    """Cues that may match anywhere, each behind literals one of which every match contains
    (tested with ``in`` on the lower-cased line; ``None``: "the line ends with a colon"), so
    that most lines skip the costly pattern."""
    c = _cues()
    return [
        ("motto", ("cộng", "độc lập"), c["motto"]),
        ("closing", ("căn", "trên đây", "trân trọng", "thừa lệnh", "thông báo", "đề nghị", "biên bản"), c["closing"]),
        ("handover", (":", "như sau", "sau đây"), c["handover"]),  # a colon ends it, or a colon lost after "như sau"
        ("leadin", None, c["leadin"]),  # ends in ":\s*$"
        ("stamp", ("ký", ":", "@", "+", "công", "học", "thực", ".gov"), c["stamp"]),
        ("place_date", ("ngày",), re.compile(r",\s*ngày\b.{0,40}\bnăm\b", re.I)),
        ("dirsent", ("nghị", "giao", "cầu"), c["directive_sentence"]),
    ]


def _hit(needles: tuple[str, ...], low: str) -> bool:
    for x in needles:
        if x in low:
            return True
    return False


_CUE_NAMES = tuple(_ANCHORED)
_WORDS2 = re.compile(r"\w+(?:\s+\w+)?", re.U)
_PARAGRAPH_END = re.compile(r"[.:!?…](?:\s*[/.]*)?[\"”)]?\s*$")  # = segment._PARAGRAPH_END
_FINAL = re.compile(r"\./\.?\s*$")


def _bucket(x: float, edges: Iterable[float]) -> int:
    return sum(x > e for e in edges)


class _Line:
    """Cheap per-line facts, computed once per line (one combined regex search)."""

    __slots__ = ("s", "indent", "label", "cues", "own", "nb", "pend", "head", "dirverb", "colon")

    def __init__(self, raw: str) -> None:
        s = raw.strip()
        self.s = s
        self.indent = len(raw) - len(raw.lstrip())
        label = match_label(s)
        self.label = label
        m = _combined().match(s)
        cues = [name for name in _CUE_NAMES if m.group(name) is not None]
        low = s.lower()
        colon = s.endswith(":")
        for name, needles, pat in _floating():
            if (colon if needles is None else _hit(needles, low)) and pat.search(s):
                cues.append(name)
        head = s[label.end:] if label else s
        self.head = head
        self.dirverb = bool(_DIRECTIVE_START.match(head))
        if label is not None:  # section headings: findings / requirements cue words
            hw = head[:160]
            if _heading_cues()[0].search(" ".join(head.split()[:10])) and not (colon and _heading_cues()[2].search(hw)):
                cues.append("fheading")
            if _heading_cues()[1].match(hw):
                cues.append("rheading")
        self.cues = cues
        self.pend = bool(_PARAGRAPH_END.search(s))
        end = s.rstrip(" */\"”)")[-1:]
        self.colon = end == ":"
        # capitals: all-caps line / starts with a capital / other (cheap string tests)
        caps = 3 if s == s.upper() and s != low else 1 if s[:1].isupper() else 0
        # neighbour-sized subset, then the rest of the line's own features
        nb = ["cue=" + c for c in cues]
        nb.append("lab=" + (label.style if label else "none"))
        nb.append(f"caps={caps}")
        nb.append("end=" + {":": "colon", ".": "period", ";": "semi", ",": "comma"}.get(end, "other"))
        if self.dirverb:
            nb.append("dirverb")
        self.nb = nb
        own = list(nb)
        own.append(f"len={_bucket(len(s), (20, 60, 120, 250))}")
        indent = len(raw) - len(raw.lstrip(" "))
        own.append(f"ind={_bucket(indent, (0, 4, 19))}")
        if "|" in s:
            own.append("pipe")
        w = _WORDS2.match(head.lower().lstrip(" |*-+•.:()\"“”'")) if head else None
        if w:
            w12 = " ".join(w.group(0).split())
            own.append("w1=" + w12.split(" ", 1)[0])
            own.append("w12=" + w12)
        self.own = own


@lru_cache(maxsize=1)
def _heading_cues() -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    c = _cues()
    return c["findings_heading"], c["requirements_heading"], c["leadin"]


def _facts(doc: Doc) -> tuple[list[int], dict[int, _Line]]:
    lines = doc.lines
    nums = [i + 1 for i, s in enumerate(lines) if s.strip()]
    return nums, {n: _Line(lines[n - 1]) for n in nums}


def _paragraphs(nums: list[int], facts: dict[int, _Line]) -> list[list[int]]:
    """``segment.paragraphs(lines, 1, len(lines))`` from the cached line facts."""
    return group_paragraphs(((n, facts[n].s, facts[n].label, facts[n].pend) for n in nums), frozenset(),
                            {n: facts[n].indent for n in nums})


def anchors(doc: Doc, layout: Layout, facts: dict[int, "_Line"] | None = None) -> dict[int, str]:
    """How the rules reached each non-blank line: tail, title, cue or state (see module doc)."""
    if facts is None:
        facts = _facts(doc)[1]
    out: dict[int, str] = {}
    tail, title = layout.tail_start, layout.title_line
    for i, kind in enumerate(layout.kinds):
        if kind is None:
            continue
        n = i + 1
        if tail and n >= tail and kind in ("recipients", "signature"):
            out[n] = "tail"
        elif kind == "header" and title and n <= title:
            out[n] = "title"
        elif facts[n].cues:
            out[n] = "cue"
        else:
            out[n] = "state"
    return out


def _doc_features(nums, facts, layout: Layout | None) -> list[str]:
    """Document-level facts: title kind, notice letter, document type word."""
    top = nums[:40]
    if layout is not None:
        notice = layout.is_notice_title
        title = facts[layout.title_line].s if layout.title_line else ""
    else:
        t = next((n for n in top if "title" in facts[n].cues), None)
        title = facts[t].s if t else ""
        notice = bool(title) and "THÔNG BÁO" in title.upper().replace(" ", " ")
    m = _TYPE_RE.match(title) if title else None
    out = ["D:notice" if notice else "D:nonotice"]
    out.append("D:type=" + (_DOC_TYPES[m.group(1)] if m else ("tb" if notice else ("other" if title else "none"))))
    if any(_VV_NOTICE.search(facts[n].s) for n in nums[:12]):
        out.append("D:vv")
    return out


def line_features(doc: Doc, layout: Layout | None = None, anchor: dict[int, str] | None = None,
                  _cache=None) -> tuple[list[int], list[list[str]]]:
    """(line numbers, feature lists) for the non-blank lines; rule group only with ``layout``.

    ``anchor``: a dict to fill with ``anchors()`` (saves the caller computing them twice)."""
    nums, facts = _cache if _cache is not None else _facts(doc)
    if anchor is None:
        anchor = {}
    if layout is not None:
        anchor.update(anchors(doc, layout, facts))
        k = layout.kinds
    total = len(nums)
    if not total:
        return nums, []
    dfeat = _doc_features(nums, facts, layout)
    dtype = dfeat[1]
    paras = _paragraphs(nums, facts)
    # body between the end of the rule opening and the tail, for relative position
    if layout is not None:
        op = [n for n in nums if k[n - 1] in ("header", "opening")]
        b0 = op[-1] if op else nums[0]
        b1 = layout.tail_start or nums[-1]
    xseq: list[list[str]] = []
    seen: set[str] = set()
    j = 0
    prev_kind = None  # rule kind of the previous paragraph
    since_switch = 0
    for pi, p in enumerate(paras):
        first, last = facts[p[0]], facts[p[-1]]
        pf = ["P:lab=" + (first.label.style if first.label else "none")]
        pf += ["P:cue=" + c for c in first.cues]
        if first.dirverb:
            pf.append("P:dirverb")
        if any("dirsent" in facts[n].cues for n in p):
            pf.append("P:dirsent")
        if "leadin" in last.cues:
            pf.append("P:leadin")
        if last.colon:
            pf.append("P:colon")
        if _FINAL.search(last.s):
            pf.append("P:final")
        pf.append(f"P:n={min(len(p), 4)}")
        if layout is not None:
            pk = k[p[0] - 1]
            nk = k[paras[pi + 1][0] - 1] if pi + 1 < len(paras) else "EOS"
            if prev_kind is not None and pk != prev_kind:
                since_switch = 0
            elif prev_kind is not None:
                since_switch += 1
            pf += ["pp:rule=" + str(prev_kind or "BOS"), "np:rule=" + str(nk), f"sw={min(since_switch, 4)}"]
            lab = first.label.style if first.label else "none"
            pf.append(f"rule={pk}|P:lab={lab}")
            prev_kind = pk
        for q, n in enumerate(p):
            f = facts[n]
            ppos = "single" if len(p) == 1 else "first" if q == 0 else "last" if q == len(p) - 1 else "mid"
            x = ["bias", f"pos={min(9, 10 * j // total)}", "ppos=" + ppos]
            x += f.own
            x += pf
            x += dfeat
            x += ["seen=" + s for s in sorted(seen)]
            x += ["p:" + s for s in facts[nums[j - 1]].nb] if j else ["BOS"]
            x += ["n:" + s for s in facts[nums[j + 1]].nb] if j + 1 < total else ["EOS"]
            if layout is not None:
                r = str(k[n - 1])
                x += ["rule=" + r, "rule=" + r + "|" + anchor[n], "rule=" + r + "|" + dtype,
                      "rule=" + r + "|" + ppos,
                      "p:rule=" + (str(k[nums[j - 1] - 1]) if j else "BOS"),
                      "n:rule=" + (str(k[nums[j + 1] - 1]) if j + 1 < total else "EOS")]
                if n <= b0:
                    x.append("bpos=pre")
                elif n >= b1:
                    x.append("bpos=post")
                else:
                    x.append(f"bpos={5 * (n - b0) // max(b1 - b0, 1)}")
            xseq.append(x)
            for c in f.cues:
                if c in ("leadin", "handover", "closing"):
                    seen.add(c)
            j += 1
    return nums, xseq


# --------------------------------------------------------------------------
# Runtime
# --------------------------------------------------------------------------

@dataclass
class RefinedLayout(Layout):
    methods: list[str | None] = field(default_factory=list)  # per line: "rule" or "model"
    confidences: list[float | None] = field(default_factory=list)  # per line: model marginal of its kind
    warnings: list[str] = field(default_factory=list)


@dataclass
class _Shipped:
    tagger: "pycrfsuite.Tagger | None"
    meta: dict
    warning: str | None = None


@lru_cache(maxsize=1)
def _shipped() -> _Shipped:
    """The shipped model and its settings, loaded once per process."""
    try:
        base = models_dir()
    except FileNotFoundError:
        return _Shipped(None, {}, "segmenter model not found (no models/ folder): rule segments only")
    mpath, meta_path = base / MODEL_NAME, base / META_NAME
    if not mpath.exists() or not meta_path.exists():
        return _Shipped(None, {}, f"segmenter model {MODEL_NAME} not found: rule segments only")
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    try:
        import pycrfsuite
    except ImportError:
        return _Shipped(None, meta, "segmenter is on but python-crfsuite is not installed "
                                    "(pip install 'notice_extract[train]'): rule segments only")
    tagger = pycrfsuite.Tagger()
    tagger.open(str(mpath))
    return _Shipped(tagger, meta)


def refine(doc: Doc, layout: Layout, tagger: "pycrfsuite.Tagger", sure: set[str],
           threshold: float | None = THRESHOLD) -> RefinedLayout:
    """Relabel unsure rule lines where the combined model is confident."""
    kinds = list(layout.kinds)
    methods: list[str | None] = [None if k is None else "rule" for k in kinds]
    confs: list[float | None] = [None] * len(kinds)
    if threshold is None:  # tuning found no threshold that beats the rules
        return RefinedLayout(**{**vars(layout), "kinds": kinds}, methods=methods, confidences=confs)
    anchor: dict[int, str] = {}
    nums, xseq = line_features(doc, layout, anchor)
    if nums and any(f"{kinds[n - 1]}|{anchor[n]}" not in sure for n in nums):
        tagger.set(xseq)
        best = tagger.tag()
        for j, n in enumerate(nums):
            rule = layout.kinds[n - 1]
            if best[j] == rule or f"{rule}|{anchor[n]}" in sure:
                continue
            p = tagger.marginal(best[j], j)
            if p >= threshold:
                kinds[n - 1], methods[n - 1], confs[n - 1] = best[j], "model", p
    return RefinedLayout(
        kinds=kinds, title_line=layout.title_line, is_notice_title=layout.is_notice_title,
        subject_lines=list(layout.subject_lines), handover_line=layout.handover_line,
        tail_start=layout.tail_start, methods=methods, confidences=confs,
    )


_OVERRIDE: list[_Shipped] = []


@contextmanager
def override(tagger: "pycrfsuite.Tagger", sure: set[str] = frozenset(), threshold: float | None = THRESHOLD,
             how: str = "refine") -> Iterator[None]:
    """Apply another model (a cross-validation fold's) in this block instead of the
    shipped one. ``how``: ``refine`` (the gated combination), ``stacked`` (the
    combined model's Viterbi kinds on every line, no gate) or ``model`` (a
    model-only tagger's kinds on every line: features without the rule kinds)."""
    _OVERRIDE.append(_Shipped(tagger, {"threshold": threshold, "groups": {g: {"sure": True} for g in sure},
                                       "how": how}))
    try:
        yield
    finally:
        _OVERRIDE.pop()


def refine_layout(doc: Doc, layout: Layout) -> Layout:
    """The pipeline hook: the rule layout, refined by the model when ``apply.config``
    turns the segmenter on (``models/shipped.json``)."""
    if not _OVERRIDE and not config.current().segmenter:
        return layout  # rules only (models/README.md: grouped CV and the shipping decision)
    shipped = _OVERRIDE[-1] if _OVERRIDE else _shipped()
    if shipped.tagger is None:
        out = RefinedLayout(**vars(layout))
        out.warnings.append(shipped.warning or "segmenter model unavailable")
        return out
    if not config.current().segmenter:
        return layout  # rules only (models/README.md: grouped CV and the shipping decision)
    how = shipped.meta.get("how", "refine")
    if how in ("stacked", "model"):
        return _replace(doc, layout, tag_lines(shipped.tagger, doc, layout if how == "stacked" else None))
    sure = {g for g, v in shipped.meta.get("groups", {}).items() if v.get("sure")}
    return refine(doc, layout, shipped.tagger, sure, shipped.meta.get("threshold", THRESHOLD))


def _replace(doc: Doc, layout: Layout, tagged: list[str | None]) -> RefinedLayout:
    """The rule layout with every non-blank line's kind taken from ``tagged`` (CV of the model alone)."""
    kinds = list(layout.kinds)
    methods: list[str | None] = [None if k is None else "rule" for k in kinds]
    for i, k in enumerate(tagged):
        if k is not None and i < len(kinds):
            kinds[i], methods[i] = k, "model"
    return RefinedLayout(
        kinds=kinds, title_line=layout.title_line, is_notice_title=layout.is_notice_title,
        subject_lines=list(layout.subject_lines), handover_line=layout.handover_line,
        tail_start=layout.tail_start, methods=methods,
        confidences=[0.5 if m == "model" else None for m in methods],  # no marginals computed
    )


# --------------------------------------------------------------------------
# Prediction helpers for evaluation
# --------------------------------------------------------------------------

def tag_lines(tagger: "pycrfsuite.Tagger", doc: Doc, layout: Layout | None = None) -> list[str | None]:
    """Viterbi kinds per line of ``doc`` (None for blank lines)."""
    nums, xseq = line_features(doc, layout)
    kinds: list[str | None] = [None] * len(doc.lines)
    if nums:
        for n, k in zip(nums, tagger.tag(xseq)):
            kinds[n - 1] = k
    return kinds


def open_tagger(path: str | Path) -> "pycrfsuite.Tagger":
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(str(path))
    return tagger


