"""A CRF line-sequence segmenter, and how it refines the rule segmenter at run time.

Model
-----
A linear-chain CRF (python-crfsuite, L-BFGS, L1+L2) over the sequence of
*non-blank* lines of ``textmap.Doc`` (blank lines carry no label, as in gold).
Labels are the seven segment kinds. Features of a line (``line_features``):

* cue hits of the ``rules/segments.yaml`` patterns the rule segmenter reads:
  title (notice or other), header_line, motto, place-date, opening_start,
  handover, leadin, closing, recipients_start, signature_start, stamp, appendix;
* list-label style (``labels.match_label``: num, roman, alpha, dash, ...);
* capitals ratio, length and indentation buckets, ends with ``:`` / ``.`` /
  ``;``, a table pipe, relative position in the document (tenths);
* the first word and the first two words, lower-cased (after a list label),
  and whether the line opens with a directive verb (``segment._DIRECTIVE_START``);
* document state: a lead-in, hand-over or closing cue seen on an earlier line
  (``seen=leadin`` ...), since the findings/requirements switch is a
  document-level decision the neighbouring lines alone do not show;
* the same (except position) for the previous and the next line, prefixed
  ``p:`` / ``n:``; ``BOS`` / ``EOS`` at the edges;
* *stacking* group (``combined`` variant only): the rule segmenter's kind for the
  line and its neighbours (``rule=``, ``p:rule=``, ``n:rule=``) and whether the
  line is in a rule-defined anchor (see below).

Two variants are trained: ``model-only`` (no rule group; evaluated in CV only)
and ``combined`` (with it; shipped as ``models/segmenter.crfsuite``).
L-BFGS over a fixed feature order is deterministic: the same data gives the
same model bytes; the seed only fixes document order.

Runtime combination (``refine_layout``)
---------------------------------------
After ``segment(doc)`` the combined model tags the document. A line is
relabelled with the model's kind only when

1. the rules are *unsure* of it, and
2. the model is *confident*: the marginal of its best kind is at least
   ``threshold`` (0.9) and that kind differs from the rule kind.

"Sure" is decided from measurement, not by hand: every line falls in a group
``<rule kind>|<anchor>`` where the anchor says how the rules reached it --
``tail`` (at or after the ``Nơi nhận`` / authority line the tail pass starts
from), ``title`` (header settled by a ``THÔNG BÁO``-style title), ``cue`` (the
line itself hits a cue pattern) or ``state`` (carried by paragraph state or
continuation). Training measures the rules' accuracy per group on the gold
lines; groups at >= 0.97 accuracy with at least 15 lines are *sure* and the
model never touches them. The groups, threshold and an ``enabled`` flag are
stored next to the model in ``models/segmenter.json``. ``enabled`` is true only
when the combination beat the rules in leave-one-document-out CV
(``python -m notice_extract.learn.train --cv``); otherwise ``refine_layout``
returns the rule layout unchanged.

The layout returned is a ``RefinedLayout`` (a ``Layout``) that also keeps, per
line, the method and confidence; ``segment.segments_of`` turns it into ``Segment``
objects whose ``method`` is ``model:crf-segmenter`` for a run the model wrote
entirely, ``rule+model`` for a run mixing both, else ``rule:segment``, with the
confidence of model-touched runs the mean marginal of the run's kind. When the
model file is missing the layout is the rule layout and
``RefinedLayout.warnings`` says so.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterable

import pycrfsuite

from ..labels import match_label
from ..models import Segment
from ..resources import models_dir
from ..segment import _DIRECTIVE_START, _PLACE_DATE, Layout, _cues, segment  # the same cue patterns the rules read
from ..textmap import Doc

MODEL_NAME = "segmenter.crfsuite"
META_NAME = "segmenter.json"
METHOD = "model:crf-segmenter"
THRESHOLD = 0.9  # minimum marginal for the model to overrule an unsure rule line
SURE_ACCURACY = 0.97  # a rule group this accurate on gold is never overruled
SURE_MIN_LINES = 15  # ... when measured on at least this many lines
# strong L2: with ~40 documents the lexical features overfit (c2 in {1, 10, 30} tried in CV, 10 best for the stacked model)
CRF_PARAMS = {"c1": 0.1, "c2": 10.0, "max_iterations": 200, "feature.possible_transitions": True}

# cue name -> yaml key(s) of rules/segments.yaml
_CUE_KEYS = {
    "title": ("title_notice", "title_other"),
    "header_line": ("header_line",),
    "motto": ("motto",),
    "opening_start": ("opening_start",),
    "handover": ("handover",),
    "leadin": ("leadin",),
    "closing": ("closing",),
    "recipients_start": ("recipients_start",),
    "signature_start": ("signature_start",),
    "stamp": ("stamp",),
    "appendix": ("appendix",),
}


# --------------------------------------------------------------------------
# Features
# --------------------------------------------------------------------------

@lru_cache(maxsize=1)
def _cue_patterns() -> list[tuple[str, list[re.Pattern]]]:
    cues = _cues()
    out = [(name, [cues[k] for k in keys]) for name, keys in _CUE_KEYS.items()]
    out.append(("place_date", [_PLACE_DATE]))
    return out


_WORD = re.compile(r"\w+", re.U)


def _bucket(x: float, edges: Iterable[float]) -> int:
    return sum(x > e for e in edges)


def _own(raw: str) -> list[str]:
    """Features of one line on its own (no position, no neighbours)."""
    s = raw.strip()
    f: list[str] = []
    for name, pats in _cue_patterns():
        # signature lines in converted tables start with "| "
        probe = s.lstrip("| ") if name == "signature_start" else s
        if any(p.search(probe) for p in pats):
            f.append("cue=" + name)
    label = match_label(s)
    f.append("lab=" + (label.style if label else "none"))
    letters = [c for c in s if c.isalpha()]
    caps = sum(c.isupper() for c in letters) / len(letters) if letters else 0.0
    f.append(f"caps={_bucket(caps, (0.05, 0.3, 0.8))}")
    f.append(f"len={_bucket(len(s), (20, 60, 120, 250))}")
    end = s.rstrip(" */\"”)")[-1:]
    f.append("end=" + {":": "colon", ".": "period", ";": "semi", ",": "comma"}.get(end, "other"))
    indent = len(raw) - len(raw.lstrip(" "))
    f.append(f"ind={_bucket(indent, (0, 4, 19))}")
    if "|" in s:
        f.append("pipe")
    head = s[label.end:] if label else s
    if _DIRECTIVE_START.search(head):
        f.append("dirverb")
    words = _WORD.findall(head.lower())[:2]
    if words:
        f.append("w1=" + words[0])
        f.append("w12=" + " ".join(words))
    return f


def anchors(doc: Doc, layout: Layout, own: dict[int, list[str]] | None = None) -> dict[int, str]:
    """How the rules reached each non-blank line: tail, title, cue or state (see module doc)."""
    out: dict[int, str] = {}
    for i, kind in enumerate(layout.kinds):
        if kind is None:
            continue
        n = i + 1
        feats = own[n] if own else _own(doc.lines[i])
        if layout.tail_start and n >= layout.tail_start and kind in ("recipients", "signature"):
            out[n] = "tail"
        elif kind == "header" and layout.title_line and n <= layout.title_line:
            out[n] = "title"
        elif any(x.startswith("cue=") for x in feats):
            out[n] = "cue"
        else:
            out[n] = "state"
    return out


def line_features(doc: Doc, layout: Layout | None = None, anchor: dict[int, str] | None = None
                  ) -> tuple[list[int], list[list[str]]]:
    """(line numbers, feature lists) for the non-blank lines; rule group only with ``layout``.

    ``anchor``: a dict to fill with ``anchors()`` (saves the caller computing them twice)."""
    lines = doc.lines
    nums = [i + 1 for i, s in enumerate(lines) if s.strip()]
    own = {n: _own(lines[n - 1]) for n in nums}
    if anchor is None:
        anchor = {}
    if layout is not None:
        anchor.update(anchors(doc, layout, own))
    total = len(nums)
    xseq: list[list[str]] = []
    seen: set[str] = set()  # document state so far: a lead-in or hand-over seen above this line
    for j, n in enumerate(nums):
        f = ["bias", f"pos={min(9, 10 * j // max(total, 1))}"] + own[n] + ["seen=" + x for x in sorted(seen)]
        seen.update(x[4:] for x in own[n] if x in ("cue=leadin", "cue=handover", "cue=closing"))
        if j:
            f += ["p:" + x for x in own[nums[j - 1]]]
        else:
            f.append("BOS")
        if j + 1 < total:
            f += ["n:" + x for x in own[nums[j + 1]]]
        else:
            f.append("EOS")
        if layout is not None:
            k = layout.kinds
            f.append("rule=" + str(k[n - 1]))
            f.append("rule=" + str(k[n - 1]) + "|" + anchor[n])
            f.append("p:rule=" + (str(k[nums[j - 1] - 1]) if j else "BOS"))
            f.append("n:rule=" + (str(k[nums[j + 1] - 1]) if j + 1 < total else "EOS"))
        xseq.append(f)
    return nums, xseq


# --------------------------------------------------------------------------
# Training
# --------------------------------------------------------------------------

def _sequences(pairs, with_rules: bool):
    """(features, labels) per document, lines without a gold label dropped."""
    out = []
    for p in pairs:
        labels = p.doc_line_labels()
        layout = segment(p.doc) if with_rules else None
        nums, xseq = line_features(p.doc, layout)
        keep = [(x, labels[n - 1]) for n, x in zip(nums, xseq) if labels[n - 1]]
        if keep:
            out.append(([x for x, _ in keep], [y for _, y in keep]))
    return out


def fit(pairs, path: str | Path, *, with_rules: bool, seed: int = 0) -> Path:
    """Train one CRF variant on ``pairs`` and write it to ``path``."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    trainer = pycrfsuite.Trainer(verbose=False)
    # document order is the only input order crfsuite sees: fix it by seed
    import random

    seqs = _sequences(sorted(pairs, key=lambda p: p.doc_id), with_rules)
    random.Random(seed).shuffle(seqs)
    for xseq, yseq in seqs:
        trainer.append(xseq, yseq)
    trainer.set_params(CRF_PARAMS)
    trainer.train(str(path))
    return path


def sure_groups(pairs) -> dict[str, dict]:
    """Rule accuracy per ``kind|anchor`` group on gold lines; ``sure`` marks the trusted ones."""
    stats: dict[str, Counter] = defaultdict(Counter)
    for p in pairs:
        labels = p.doc_line_labels()
        layout = segment(p.doc)
        for n, a in anchors(p.doc, layout).items():
            if labels[n - 1]:
                g = f"{layout.kinds[n - 1]}|{a}"
                stats[g]["n"] += 1
                stats[g]["ok"] += labels[n - 1] == layout.kinds[n - 1]
    out = {}
    for g, c in sorted(stats.items()):
        acc = c["ok"] / c["n"]
        out[g] = {"lines": c["n"], "rule_accuracy": round(acc, 4),
                  "sure": c["n"] >= SURE_MIN_LINES and acc >= SURE_ACCURACY}
    return out


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
    tagger: pycrfsuite.Tagger | None
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
    tagger = pycrfsuite.Tagger()
    tagger.open(str(mpath))
    return _Shipped(tagger, meta)


def refine(doc: Doc, layout: Layout, tagger: pycrfsuite.Tagger, sure: set[str],
           threshold: float = THRESHOLD) -> RefinedLayout:
    """Relabel unsure rule lines where the combined model is confident."""
    kinds = list(layout.kinds)
    methods: list[str | None] = [None if k is None else "rule" for k in kinds]
    confs: list[float | None] = [None] * len(kinds)
    anchor: dict[int, str] = {}
    nums, xseq = line_features(doc, layout, anchor)
    if nums:
        tagger.set(xseq)
        best = tagger.tag()
        for j, n in enumerate(nums):
            rule = layout.kinds[n - 1]
            if f"{rule}|{anchor[n]}" in sure or best[j] == rule:
                continue
            p = tagger.marginal(best[j], j)
            if p >= threshold:
                kinds[n - 1], methods[n - 1], confs[n - 1] = best[j], "model", p
    return RefinedLayout(
        kinds=kinds, title_line=layout.title_line, is_notice_title=layout.is_notice_title,
        subject_lines=list(layout.subject_lines), handover_line=layout.handover_line,
        tail_start=layout.tail_start, methods=methods, confidences=confs,
    )


def refine_layout(doc: Doc, layout: Layout) -> Layout:
    """The pipeline hook: the rule layout, refined by the shipped model where CV showed it helps."""
    shipped = _shipped()
    if shipped.tagger is None:
        out = RefinedLayout(**vars(layout))
        out.warnings.append(shipped.warning or "segmenter model unavailable")
        return out
    if not shipped.meta.get("enabled"):
        return layout  # trained but not better than the rules in CV: rules only (models/README.md)
    sure = {g for g, v in shipped.meta.get("groups", {}).items() if v.get("sure")}
    return refine(doc, layout, shipped.tagger, sure, shipped.meta.get("threshold", THRESHOLD))


# --------------------------------------------------------------------------
# Prediction helpers for evaluation
# --------------------------------------------------------------------------

def tag_lines(tagger: pycrfsuite.Tagger, doc: Doc, layout: Layout | None = None) -> list[str | None]:
    """Viterbi kinds per line of ``doc`` (None for blank lines)."""
    nums, xseq = line_features(doc, layout)
    kinds: list[str | None] = [None] * len(doc.lines)
    if nums:
        for n, k in zip(nums, tagger.tag(xseq)):
            kinds[n - 1] = k
    return kinds


def open_tagger(path: str | Path) -> pycrfsuite.Tagger:
    tagger = pycrfsuite.Tagger()
    tagger.open(str(path))
    return tagger


# --------------------------------------------------------------------------
# The registry interface (learn/train.py): train_model and cross_validate
# --------------------------------------------------------------------------

SYSTEMS = ("rules", "model", "combined")


def _labelled(pairs):
    return [p for p in pairs if p.has_segments]


def train_model(pairs, out_dir: str | Path, seed: int = 0, cv: dict | None = None) -> dict:
    """Train the shipped (combined) model on all pairs; write model + settings to ``out_dir``.

    ``enabled`` comes from ``cv`` (a ``cross_validate`` result) when given, else
    from ``out_dir/cv_segments.json`` when that was computed on the same
    documents; otherwise the combination ships disabled."""
    out_dir = Path(out_dir)
    pairs = _labelled(pairs)
    ids = [p.doc_id for p in pairs]
    if cv is None:
        prev = out_dir / "cv_segments.json"
        if prev.exists():
            old = json.loads(prev.read_text(encoding="utf-8"))
            cv = old if old.get("docs") == ids else None
    enabled = bool(cv and cv["decision"]["enabled"])
    path = fit(pairs, out_dir / MODEL_NAME, with_rules=True, seed=seed)
    lines = sum(sum(1 for y in p.doc_line_labels() if y) for p in pairs)
    meta = {
        "model": MODEL_NAME,
        "variant": "combined",
        "enabled": enabled,
        "enabled_reason": (cv["decision"]["reason"] if cv else "no cross-validation on these documents: run train --cv"),
        "threshold": THRESHOLD,
        "seed": seed,
        "crf_params": CRF_PARAMS,
        "docs": ids,
        "lines": lines,
        "groups": sure_groups(pairs),
    }
    (out_dir / META_NAME).write_text(json.dumps(meta, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    _shipped.cache_clear()
    return {"model": str(path), "bytes": path.stat().st_size, "docs": len(ids), "lines": lines, "enabled": enabled}


class _Tally:
    """Line accuracy and per-kind P/R/F1 of one system."""

    def __init__(self) -> None:
        self.total = self.correct = 0
        self.tp: Counter = Counter()
        self.fp: Counter = Counter()
        self.fn: Counter = Counter()

    def add(self, gold: str, pred: str | None) -> None:
        self.total += 1
        if gold == pred:
            self.correct += 1
            self.tp[gold] += 1
        else:
            self.fn[gold] += 1
            if pred:
                self.fp[pred] += 1

    def result(self) -> dict:
        per_kind = {}
        from .data import KINDS

        for k in KINDS:
            tp, fp, fn = self.tp[k], self.fp[k], self.fn[k]
            per_kind[k] = {
                "P": round(tp / (tp + fp), 4) if tp + fp else None,
                "R": round(tp / (tp + fn), 4) if tp + fn else None,
                "F1": round(2 * tp / (2 * tp + fp + fn), 4) if tp + fp + fn else None,
                "support": tp + fn,
            }
        return {"accuracy": round(self.correct / self.total, 4) if self.total else None,
                "correct": self.correct, "lines": self.total, "per_kind": per_kind}


def cross_validate(pairs, seed: int = 0) -> dict:
    """Leave-one-document-out: per fold, retrain both variants and the sure groups on the others."""
    import tempfile

    pairs = _labelled(pairs)
    tallies = {s: _Tally() for s in SYSTEMS + ("stacked-viterbi",)}
    per_doc = {}
    with tempfile.TemporaryDirectory() as tmp:
        for i, held in enumerate(pairs):
            rest = pairs[:i] + pairs[i + 1:]
            if not rest:
                break
            m_only = open_tagger(fit(rest, Path(tmp) / "model.crfsuite", with_rules=False, seed=seed))
            m_comb = open_tagger(fit(rest, Path(tmp) / "combined.crfsuite", with_rules=True, seed=seed))
            sure = {g for g, v in sure_groups(rest).items() if v["sure"]}
            doc, gold = held.doc, held.doc_line_labels()
            rules = segment(doc)
            preds = {
                "rules": rules.kinds,
                "model": tag_lines(m_only, doc),
                "combined": refine(doc, rules, m_comb, sure).kinds,
                "stacked-viterbi": tag_lines(m_comb, doc, rules),
            }
            per_doc[held.doc_id] = {}
            for s, kinds in preds.items():
                t = _Tally()
                for g, k in zip(gold, kinds):
                    if g:
                        tallies[s].add(g, k)
                        t.add(g, k)
                per_doc[held.doc_id][s] = t.result()["accuracy"]
    results = {s: t.result() for s, t in tallies.items()}
    rules_acc, comb_acc = results["rules"]["accuracy"] or 0, results["combined"]["accuracy"] or 0
    enabled = comb_acc > rules_acc
    reason = (f"LOO CV line accuracy combined {comb_acc:.4f} vs rules {rules_acc:.4f} on {len(pairs)} docs: "
              + ("combined wins, enabled" if enabled else "combined does not beat rules, disabled"))
    return {
        "field": "segments",
        "docs": [p.doc_id for p in pairs],
        "lines": results["rules"]["lines"],
        "seed": seed,
        "threshold": THRESHOLD,
        "systems": results,
        "per_doc": per_doc,
        "decision": {"enabled": enabled, "reason": reason},
        "table": cv_table(results),
    }


def cv_table(results: dict) -> list[dict]:
    """Rows ``{field, rules, model, combined}`` (the table format train.py prints)."""
    from .data import KINDS

    rows = [{"field": "segments (line accuracy)", **{s: results[s]["accuracy"] for s in results}}]
    for k in KINDS:
        for m in ("P", "R"):
            rows.append({"field": f"segments.{k} {m}", **{s: results[s]["per_kind"][k][m] for s in results}})
    return rows
