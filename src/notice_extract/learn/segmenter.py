"""A CRF line-sequence segmenter: training, tuning and cross-validation (run time: ``apply/segmenter.py``).

Model
-----
A linear-chain CRF (python-crfsuite, L-BFGS, L1+L2) over the sequence of
*non-blank* lines of ``textmap.Doc`` (blank lines carry no label, as in gold).
Labels are the seven segment kinds. Features (``line_features``) are built from
cheap per-line facts computed once per line (``_Line``): the line-start cues of
``rules/segments.yaml`` in one combined pattern (one ``match`` per line), the
floating cues (motto, handover, lead-in, closing, stamp, place-date, directive
sentence) each behind a literal every match contains, list-label style,
capitals, length, indentation, end punctuation, table pipe, directive verb,
first word(s). On top of them:

* paragraph features (paragraphs as ``segment.paragraphs`` groups them, recomputed
  from the cached facts -- a test checks they are identical): position of the
  line in its paragraph, label style and cues of the paragraph's first line,
  whether it opens with a directive verb, contains a directive sentence, ends
  with a lead-in colon / a colon / ``./.``, its length;
* document features: THÔNG BÁO title, notice letter (``V/v thông báo``), the
  document type word of the title (QUYẾT ĐỊNH / KẾ HOẠCH / BÁO CÁO / BIÊN BẢN /
  CÔNG VĂN), a lead-in / hand-over / closing cue seen above;
* the neighbouring lines' cue/label/end/caps/verb facts (``p:`` / ``n:``);
* *stacking* (``combined`` variant only): the rule kind of the line and its
  neighbours, rule kind x anchor, x document type, x paragraph position, x
  first-line label; the rule kind of the previous / next paragraph; paragraphs
  since the last rule switch; relative position between the end of the rule
  opening and the tail (fifths).

c2 (3 or 10) and the relabelling threshold (0.6-0.9, or "never") are tuned by
an inner 3-fold split of the training documents only (``tune``), per outer
fold in CV and on all documents for the shipped model.

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
   ``threshold`` (tuned by the inner split; ``null`` = never) and that kind differs from the rule kind.

"Sure" is decided from measurement, not by hand: every line falls in a group
``<rule kind>|<anchor>`` where the anchor says how the rules reached it --
``tail`` (at or after the ``Nơi nhận`` / authority line the tail pass starts
from), ``title`` (header settled by a ``THÔNG BÁO``-style title), ``cue`` (the
line itself hits a cue pattern) or ``state`` (carried by paragraph state or
continuation). Training measures the rules' accuracy per group on the gold
lines; groups at >= 0.97 accuracy with at least 15 lines are *sure* and the
model never touches them. The groups, threshold and an ``enabled`` flag are
stored next to the model in ``models/segmenter.json``. ``enabled`` is CV's
verdict: true only when the combination beat the rules in grouped CV (leave one
issuer family out; ``notice-extract train --cv``). Whether the pipeline applies
the model is ``segmenter`` in ``models/shipped.json`` (``apply/config.py``),
set from that verdict and the speed floor; off, ``refine_layout`` returns the
rule layout unchanged.

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
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

import pycrfsuite

from ..apply.segmenter import META_NAME, MODEL_NAME, _facts, _shipped, line_features, open_tagger
from ..segment import segment

SURE_ACCURACY = 0.97  # a rule group this accurate on gold is never overruled
SURE_MIN_LINES = 15  # ... when measured on at least this many lines
CRF_PARAMS = {"c1": 0.1, "c2": 10.0, "max_iterations": 200, "feature.possible_transitions": True}
# nested tuning grid (inner 3-fold split of the training documents only)
C2_GRID = (3.0, 10.0)
THRESHOLD_GRID = (0.6, 0.7, 0.8, 0.9)
INNER_FOLDS = 3

# --------------------------------------------------------------------------
# Training
# --------------------------------------------------------------------------

@dataclass
class _Prep:
    """One labelled document with its features computed once (they do not depend on the fold)."""
    doc_id: str
    labels: list[str | None]  # gold kind per working line
    nums: list[int]
    x_plain: list[list[str]]  # model-only features
    x_rules: list[list[str]]  # combined features
    kinds: list[str | None]  # the rule segmenter's kinds
    groups: dict[int, str]  # line -> "<rule kind>|<anchor>"

    def seq(self, with_rules: bool):
        xs = self.x_rules if with_rules else self.x_plain
        keep = [(x, self.labels[n - 1]) for n, x in zip(self.nums, xs) if self.labels[n - 1]]
        return [x for x, _ in keep], [y for _, y in keep]


def _prepare(pairs) -> list[_Prep]:
    out = []
    for p in sorted(pairs, key=lambda p: p.doc_id):
        doc = p.doc
        layout = segment(doc)
        cache = _facts(doc)
        anchor: dict[int, str] = {}
        nums, x_rules = line_features(doc, layout, anchor, _cache=cache)
        _, x_plain = line_features(doc, None, _cache=cache)
        groups = {n: f"{layout.kinds[n - 1]}|{a}" for n, a in anchor.items()}
        out.append(_Prep(p.doc_id, p.doc_line_labels(), nums, x_plain, x_rules, list(layout.kinds), groups))
    return out


def _fit_prepped(preps: list[_Prep], path: str | Path, *, with_rules: bool, seed: int = 0,
                 c2: float | None = None) -> Path:
    import random

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    trainer = pycrfsuite.Trainer(verbose=False)
    seqs = [s for s in (pr.seq(with_rules) for pr in sorted(preps, key=lambda pr: pr.doc_id)) if s[0]]
    random.Random(seed).shuffle(seqs)  # document order is the only input order crfsuite sees: fix it by seed
    for xseq, yseq in seqs:
        trainer.append(xseq, yseq)
    params = dict(CRF_PARAMS)
    if c2 is not None:
        params["c2"] = c2
    trainer.set_params(params)
    trainer.train(str(path))
    return path


def fit(pairs, path: str | Path, *, with_rules: bool, seed: int = 0, c2: float | None = None) -> Path:
    """Train one CRF variant on ``pairs`` and write it to ``path``."""
    return _fit_prepped(_prepare(pairs), path, with_rules=with_rules, seed=seed, c2=c2)


def _group_stats(preps: list[_Prep]) -> dict[str, dict]:
    stats: dict[str, Counter] = defaultdict(Counter)
    for pr in preps:
        for n, g in pr.groups.items():
            if pr.labels[n - 1]:
                stats[g]["n"] += 1
                stats[g]["ok"] += pr.labels[n - 1] == pr.kinds[n - 1]
    out = {}
    for g, c in sorted(stats.items()):
        acc = c["ok"] / c["n"]
        out[g] = {"lines": c["n"], "rule_accuracy": round(acc, 4),
                  "sure": c["n"] >= SURE_MIN_LINES and acc >= SURE_ACCURACY}
    return out


def sure_groups(pairs) -> dict[str, dict]:
    """Rule accuracy per ``kind|anchor`` group on gold lines; ``sure`` marks the trusted ones."""
    return _group_stats(_prepare(pairs))


def _proposals(tagger: pycrfsuite.Tagger, pr: _Prep, sure: set[str]) -> list[tuple[int, str, float]]:
    """(line, model kind, marginal) where the model disagrees with an unsure rule line."""
    if not pr.nums:
        return []
    tagger.set(pr.x_rules)
    best = tagger.tag()
    out = []
    for j, n in enumerate(pr.nums):
        if pr.groups[n] in sure or best[j] == pr.kinds[n - 1]:
            continue
        out.append((n, best[j], tagger.marginal(best[j], j)))
    return out


def _apply(pr: _Prep, props, threshold: float | None) -> list[str | None]:
    kinds = list(pr.kinds)
    if threshold is not None:
        for n, k, p in props:
            if p >= threshold:
                kinds[n - 1] = k
    return kinds


def _gain(pr: _Prep, props, threshold: float | None) -> int:
    """Lines fixed minus lines broken by relabelling at ``threshold``."""
    if threshold is None:
        return 0
    g = 0
    for n, k, p in props:
        y = pr.labels[n - 1]
        if p >= threshold and y:
            g += (k == y) - (pr.kinds[n - 1] == y)
    return g


def tune(preps: list[_Prep], seed: int, tmp: str | Path, families: dict[str, str] | None = None) -> dict:
    """Choose c2 and the threshold by an inner split of ``preps`` (training documents only).

    With ``families`` the inner split is grouped too: whole issuer families are
    dealt round-robin (largest first) into the inner folds, so a setting is chosen
    for families it was not fitted on. ``threshold`` None means the inner split
    found no setting that beats the rules."""
    if families:
        by: dict[str, list[_Prep]] = {}
        for pr in preps:
            by.setdefault(families.get(pr.doc_id, pr.doc_id), []).append(pr)
        groups = sorted(by.values(), key=lambda g: (-len(g), g[0].doc_id))
        folds = [[pr for g in groups[i::INNER_FOLDS] for pr in g] for i in range(INNER_FOLDS)]
        folds = [f for f in folds if f]
    else:
        folds = [preps[i::INNER_FOLDS] for i in range(INNER_FOLDS)]
    gains: dict[tuple, int] = {}
    for c2 in C2_GRID:
        props = []
        for f in range(len(folds)):
            train = [pr for g in range(len(folds)) if g != f for pr in folds[g]]
            tagger = open_tagger(_fit_prepped(train, Path(tmp) / "inner.crfsuite", with_rules=True, seed=seed, c2=c2))
            sure = {g for g, v in _group_stats(train).items() if v["sure"]}
            props += [(pr, _proposals(tagger, pr, sure)) for pr in folds[f]]
        for thr in THRESHOLD_GRID:
            gains[(c2, thr)] = sum(_gain(pr, pp, thr) for pr, pp in props)
    # best gain; ties: the more conservative threshold, then the stronger regularisation
    (c2, thr), g = max(gains.items(), key=lambda kv: (kv[1], kv[0][1], kv[0][0]))
    return {"c2": c2, "threshold": thr if g > 0 else None, "inner_gain": g,
            "grid": {f"c2={a}|t={b}": v for (a, b), v in sorted(gains.items())}}


# --------------------------------------------------------------------------
# The registry interface (learn/train.py): train_model and cross_validate
# --------------------------------------------------------------------------

SYSTEMS = ("rules", "model", "combined")


def _labelled(pairs):
    return [p for p in pairs if p.has_segments]


def train_model(pairs, out_dir: str | Path, seed: int = 0, cv: dict | None = None) -> dict:
    """Train the shipped (combined) model on all pairs; write model + settings to ``out_dir``.

    c2 and the threshold are chosen by the inner split (``tune``) on all pairs.
    ``enabled`` comes from ``cv`` (a ``cross_validate`` result) when given, else
    from ``out_dir/cv_segments.json`` when that was computed on the same
    documents; otherwise the combination ships disabled."""
    import tempfile

    out_dir = Path(out_dir)
    pairs = _labelled(pairs)
    ids = [p.doc_id for p in sorted(pairs, key=lambda p: p.doc_id)]
    if cv is None:
        prev = out_dir / "cv_segments.json"
        if prev.exists():
            old = json.loads(prev.read_text(encoding="utf-8"))
            cv = old if old.get("docs") == ids else None
    preps = _prepare(pairs)
    with tempfile.TemporaryDirectory() as tmp:
        tuned = tune(preps, seed, tmp)
    enabled = bool(cv and cv["decision"]["enabled"]) and tuned["threshold"] is not None
    path = _fit_prepped(preps, out_dir / MODEL_NAME, with_rules=True, seed=seed, c2=tuned["c2"])
    lines = sum(sum(1 for y in pr.labels if y) for pr in preps)
    meta = {
        "model": MODEL_NAME,
        "variant": "combined",
        "enabled": enabled,
        "enabled_reason": (cv["decision"]["reason"] if cv else "no cross-validation on these documents: run train --cv"),
        "threshold": tuned["threshold"],
        "tuning": tuned,
        "seed": seed,
        "crf_params": {**CRF_PARAMS, "c2": tuned["c2"]},
        "docs": ids,
        "lines": lines,
        "groups": _group_stats(preps),
    }
    (out_dir / META_NAME).write_text(json.dumps(meta, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    _shipped.cache_clear()
    return {"model": str(path), "bytes": path.stat().st_size, "docs": len(ids), "lines": lines,
            "enabled": enabled, "c2": tuned["c2"], "threshold": tuned["threshold"]}


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


PIPELINE_SYSTEMS = ("rules", "model", "combined", "stacked-viterbi")  # how each is applied: _apply_system


def _apply_system(system: str, m_only, m_comb, sure: set[str], threshold):
    """The configuration and model override under which the pipeline runs ``system``."""
    from contextlib import ExitStack

    from ..apply import config
    from ..apply.segmenter import override

    stack = ExitStack()
    if system == "rules":
        stack.enter_context(config.use(segmenter=False))
    else:
        stack.enter_context(config.use(segmenter=True))
        if system == "model":
            stack.enter_context(override(m_only, how="model"))
        elif system == "stacked-viterbi":
            stack.enter_context(override(m_comb, how="stacked"))
        else:
            stack.enter_context(override(m_comb, sure, threshold, how="refine"))
    return stack


def _outer_fold(args) -> list[dict]:
    """One leave-one-family-out fold: nested tuning on the other families' documents,
    then, per held-out document, the line kinds of every system and (with
    ``extract``) the pipeline's counts under every system (``cvscore``)."""
    import tempfile

    from . import cvscore

    preps, held_idx, seed, pairs, extract, families = args
    held_set = set(held_idx)
    rest = [pr for i, pr in enumerate(preps) if i not in held_set]
    with tempfile.TemporaryDirectory() as tmp:
        tuned = tune(rest, seed, tmp, families)
        m_only = open_tagger(_fit_prepped(rest, Path(tmp) / "model.crfsuite", with_rules=False, seed=seed))
        m_comb = open_tagger(_fit_prepped(rest, Path(tmp) / "combined.crfsuite", with_rules=True, seed=seed,
                                          c2=tuned["c2"]))
    sure = {g for g, v in _group_stats(rest).items() if v["sure"]}
    out = []
    for i in held_idx:
        held = preps[i]
        model = [None] * len(held.kinds)
        stacked = [None] * len(held.kinds)
        if held.nums:
            for n, k in zip(held.nums, m_only.tag(held.x_plain)):
                model[n - 1] = k
            for n, k in zip(held.nums, m_comb.tag(held.x_rules)):
                stacked[n - 1] = k
        props = _proposals(m_comb, held, sure)
        pipeline = {}
        if extract is not None:
            pair = pairs[i]
            for system in PIPELINE_SYSTEMS:
                with _apply_system(system, m_only, m_comb, sure, tuned["threshold"]):
                    pipeline[system] = cvscore.record_counts(pair.gold, pair.text, extract(pair.text, pair.doc_id))
        out.append({"doc_id": held.doc_id, "tuned": tuned, "pipeline": pipeline, "preds": {
            "rules": held.kinds, "model": model, "combined": _apply(held, props, tuned["threshold"]),
            "stacked-viterbi": stacked}})
    return out


def cross_validate(pairs, seed: int = 0, workers: int | None = None, *, extract=None,
                   families: dict[str, str] | None = None) -> dict:
    """Leave one issuer family out (``learn/families.py``; without ``families``,
    one document per fold): per fold, retrain both variants and the sure groups on
    the other families, with c2 and the threshold tuned by an inner split of
    those (never the held-out family). Line accuracy of every system on the
    working lines, and -- with ``extract``, the pipeline's ``extract_text`` --
    segments / directives / responsible parties of the pipeline's records under
    every system (``pipeline``)."""
    import os
    from multiprocessing import get_context

    from . import cvscore
    from .families import folds as family_folds

    pairs = sorted(_labelled(pairs), key=lambda p: p.doc_id)
    preps = _prepare(pairs)
    ids = [pr.doc_id for pr in preps]
    fams = families or {d: d for d in ids}
    groups = family_folds(ids, fams)
    tallies = {s: _Tally() for s in SYSTEMS + ("stacked-viterbi",)}
    per_doc, tuning = {}, {}
    jobs = [(preps, idx, seed, pairs, extract, families) for _, idx in groups] if len(groups) > 1 else []
    workers = workers or min(4, os.cpu_count() or 1)
    if workers > 1 and len(jobs) > 1:
        with get_context("fork").Pool(workers) as pool:
            folds = pool.map(_outer_fold, jobs, chunksize=1)
    else:
        folds = [_outer_fold(j) for j in jobs]
    by_id = {pr.doc_id: pr for pr in preps}
    totals: dict[str, dict] = {s: {} for s in PIPELINE_SYSTEMS}
    for fold in (d for f in folds for d in f):
        held = by_id[fold["doc_id"]]
        per_doc[held.doc_id] = {"family": fams[held.doc_id]}
        tuning[fams[held.doc_id]] = {"c2": fold["tuned"]["c2"], "threshold": fold["tuned"]["threshold"],
                                     "inner_gain": fold["tuned"]["inner_gain"]}
        for s, kinds in fold["preds"].items():
            t = _Tally()
            for g, k in zip(held.labels, kinds):
                if g:
                    tallies[s].add(g, k)
                    t.add(g, k)
            per_doc[held.doc_id][s] = t.result()["accuracy"]
        for s, counts in fold["pipeline"].items():
            cvscore.add(totals[s], counts)
            per_doc[held.doc_id][f"pipeline/{s}"] = counts
    results = {s: t.result() for s, t in tallies.items()}
    pipeline = cvscore.summary(totals) if extract is not None else {}
    if pipeline:
        enabled, why = cvscore.beats_rules(pipeline, "combined")
        reason = (f"grouped CV ({len(groups)} issuer families, {len(preps)} docs; c2/threshold tuned per fold on "
                  f"an inner {INNER_FOLDS}-fold split of the other families, grouped by family): combined {why}: "
                  + ("at least as good everywhere and better somewhere" if enabled else "does not beat the rules"))
    else:
        rules_acc, comb_acc = results["rules"]["accuracy"] or 0, results["combined"]["accuracy"] or 0
        enabled = comb_acc > rules_acc
        reason = f"CV line accuracy combined {comb_acc:.4f} vs rules {rules_acc:.4f} on {len(preps)} docs"
    return {
        "field": "segments",
        "grouping": "issuer family (leave one family out)" if families else "document",
        "folds": {f: [ids[i] for i in idx] for f, idx in groups},
        "docs": ids,
        "lines": results["rules"]["lines"],
        "seed": seed,
        "tuning": {"c2_grid": list(C2_GRID), "threshold_grid": list(THRESHOLD_GRID), "inner_folds": INNER_FOLDS,
                   "per_fold": tuning},
        "systems": results,
        "pipeline": pipeline,
        "per_doc": per_doc,
        "decision": {"enabled": enabled, "reason": reason},
        "table": cv_table(results, pipeline),
    }


def cv_table(results: dict, pipeline: dict | None = None) -> list[dict]:
    """Rows ``{field, <system>...}`` (the table format train.py prints): first the
    pipeline's segments / directives F1 / responsible F1, then line accuracy and
    per-kind P/R on the working lines."""
    from .data import KINDS

    rows = []
    names = {"segments": "pipeline: segments (line accuracy)", "directives": "pipeline: directives F1",
             "directives.responsible": "pipeline: responsible F1"}
    for f, by_system in (pipeline or {}).items():
        rows.append({"field": names.get(f, f), **{s: by_system.get(s) for s in results}})
    rows.append({"field": "segments (line accuracy)", **{s: results[s]["accuracy"] for s in results}})
    for k in KINDS:
        for m in ("P", "R"):
            rows.append({"field": f"segments.{k} {m}", **{s: results[s]["per_kind"][k][m] for s in results}})
    return rows
