"""The span recogniser on clause gold: training examples from assignment
clauses, and cross-validation at clause level grouped by issuer.

Clause gold (``training/clauses/*.jsonl``, format in ``training/README.md``)
holds real assignment clauses with their responsible parties. Two uses here:

Derivation (``derive_clause``)
------------------------------
Each clause's text is its own region (one training example). Its own
responsible parties (``inherited`` ones come from outside the clause and are
left out) are aligned to the clause text exactly as ``learn/spans.align``
aligns a directive's parties (exact, composed, fuzzy) and become entities
labelled by their ``kind``; aligned ``responsible_optional`` parties are left
*missing* (no supervision), as for documents. What does not align is counted,
never guessed.

Grouped CV (``cross_validate_clauses``)
---------------------------------------
Leave one issuer ``group`` out (the clause files' field). Groups with fewer
than ``MIN_GROUP`` clauses are pooled into one ``other`` fold (each of them
is still unseen in that fold). For every fold the span model is trained on
the fully annotated documents plus the clauses of the other groups, and the
held-out clauses are scored with the rules alone and with every combination
mode of ``apply/spans.combine_responsible``, by ``clauses.score_clauses``
(SPEC §4 party matching, as ``notice-extract evaluate-clauses``). A document
whose issuer family is the held-out group's own (``ubnd_quang_ngai`` and the
``quang_ngai`` notices) is left out of that fold's training too, so that no
fold trains on its own issuer.

The rules are not trained: their column is the same in every fold, and it is
partly in-sample (the grammar was written while reading these clauses).
"""

from __future__ import annotations

import os
import time
from collections import defaultdict
from pathlib import Path
from typing import Iterable, Optional

from ..apply.spans import KIND_TO_LABEL, combine_responsible, override, tokens
from ..clauses import _own, load_clauses, score_clauses
from ..extract.parties import find_responsible
from ..textmap import build_doc
from .card import head_commit, write_section
from .spans import (SYSTEMS, Aligned, Derived, Example, _add, _fit, _full, _norm_words, _value_words,
                    align, derive)

DEFAULT_CLAUSES = Path(__file__).resolve().parents[3] / "training" / "clauses"
MIN_GROUP = 5  # groups with fewer clauses are pooled into one "other" fold
# The document model trains 40 epochs of ~15 batches (~240 examples, batch 16).
# With the clauses a fold has ~500 examples, so 20 epochs give about the same
# number of updates (~640) at half the time of 40.
CLAUSE_EPOCHS = 20
OTHER = "other"


# ---------------------------------------------------------------------------
# Derivation
# ---------------------------------------------------------------------------


def derive_clause(clause: dict) -> Derived:
    """One training example (the whole clause) with its own parties as entities."""
    doc = build_doc(clause["clause"])
    text = doc.text
    reg = (0, len(text))
    ex = Example(clause["id"], "clause", *reg)
    stats = {"exact": 0, "composed": 0, "fuzzy": 0}
    unaligned: list[tuple[str, str, str]] = []
    total = 0
    for p in _own(clause.get("responsible")):
        if not p.get("value"):
            continue
        total += 1
        got: list[Aligned] = align(text, reg, p["value"])
        if got:
            stats[got[0].how] += 1
            _add(ex, got[0].start, got[0].end, KIND_TO_LABEL.get(p.get("kind"), "UNIT"))
        else:
            unaligned.append((clause["id"], "responsible", p["value"]))
            # a distributive item (``Giám đốc các Sở: Tài chính, Y tế`` → ``Giám đốc
            # Sở Y tế``): its printed words must not be taught as ``O``
            ex.missing.extend(_printed_tail(text, reg, p["value"]))
    for p in _own(clause.get("responsible_optional")):
        if not p.get("value"):
            continue
        for al in align(text, reg, p["value"]):
            ex.missing.append((al.start, al.end))
    ex.ents.sort()
    ex.missing = [(a, b) for a, b in ex.missing if not any(s < b and a < e for s, e, _ in ex.ents)]
    by_field = {"clauses.responsible": [total - len(unaligned), len(unaligned)]}
    return Derived(doc, [ex], stats, unaligned, total, by_field)


def _printed_tail(text: str, reg: tuple[int, int], value: str) -> list[tuple[int, int]]:
    """The longest proper tail of ``value``'s words printed in the region
    (its first exact occurrence), as a range; [] when none is."""
    vw = _value_words(value)
    words = _norm_words(text, tokens(text, *reg))
    ws = [w for w, _, _ in words]
    for k in range(1, len(vw)):
        tail = vw[k:]
        n = len(tail)
        for i in range(len(ws) - n + 1):
            if ws[i : i + n] == tail:
                return [(words[i][1], words[i + n - 1][2])]
    return []


def clause_alignment(clauses: Iterable[dict]) -> dict:
    """Aligned vs gold party counts over clauses (``derive_clause``)."""
    agg = {"clauses": 0, "total": 0, "exact": 0, "composed": 0, "fuzzy": 0, "unaligned_items": []}
    for c in clauses:
        d = derive_clause(c)
        agg["clauses"] += 1
        agg["total"] += d.total
        for k, v in d.aligned.items():
            agg[k] += v
        agg["unaligned_items"].extend(d.unaligned)
    agg["aligned"] = agg["exact"] + agg["composed"] + agg["fuzzy"]
    agg["unaligned"] = len(agg["unaligned_items"])
    return agg


# ---------------------------------------------------------------------------
# Folds
# ---------------------------------------------------------------------------


def clause_folds(clauses: list[dict], min_size: int = MIN_GROUP) -> dict[str, list[str]]:
    """``{fold: [group, ...]}``: one fold per issuer group with at least
    ``min_size`` clauses, the smaller groups pooled into ``other``."""
    size: dict[str, int] = defaultdict(int)
    for c in clauses:
        size[c["group"]] += 1
    out: dict[str, list[str]] = {}
    for g in sorted(size):
        out.setdefault(g if size[g] >= min_size else OTHER, []).append(g)
    if OTHER in out and len(out[OTHER]) == 1:  # a single small group is its own fold
        g = out.pop(OTHER)[0]
        out[g] = [g]
    return dict(sorted(out.items()))


def family_of_group(group: str) -> str:
    """The document issuer family (``training/families.yaml``) of a clause
    group: ``ubnd_<province>`` is the province's family; a central body's
    group names no document family (``chinh_phu`` and ``vpcp`` are mapped by
    name)."""
    if group.startswith("ubnd_"):
        return group[len("ubnd_"):]
    return {"vpcp": "van_phong_chinh_phu", "chinh_phu": "chinh_phu"}.get(group, group)


# ---------------------------------------------------------------------------
# Scoring one fold
# ---------------------------------------------------------------------------


def predict_modes(clause: dict, nlp, modes: dict[str, str]) -> dict[str, list[dict]]:
    """Responsible parties of one clause under every mode: the rules
    (``find_responsible`` over the whole clause, as ``score_clauses`` reads
    it), then ``combine_responsible`` with ``nlp`` in each combination mode."""
    doc = build_doc(clause["clause"])
    rules = find_responsible(doc, 0, len(doc.text))
    out = {}
    for name, mode in modes.items():
        if mode == "off":
            got = rules
        else:
            with override(nlp, mode):
                got = combine_responsible(doc, [(0, len(doc.text))], [list(rules)])[0][0]
        out[name] = [p.model_dump(include={"value", "kind", "role", "text"}) for p in got]
    return out


def score_fold(held: list[dict], nlp, modes: dict[str, str] = SYSTEMS) -> dict[str, dict]:
    """``score_clauses`` of the held-out clauses under every mode:
    ``{mode: {"tp", "fp", "fn", "by_group": {group: [tp, fp, fn]}, "errors"}}``."""
    preds = {c["id"]: predict_modes(c, nlp, modes) for c in held}
    out = {}
    for name in modes:
        s = score_clauses(held, predict=lambda c, n=name: {"responsible": preds[c["id"]][n], "deadlines": []})
        out[name] = {
            "tp": s.responsible.tp, "fp": s.responsible.fp, "fn": s.responsible.fn,
            "by_group": {g: [x.tp, x.fp, x.fn] for g, x in s.by_group.items()},
            "errors": [e for e in s.errors if e["field"] == "responsible"],
        }
    return out


def _fold(args) -> dict:
    fold, groups, pairs, families, clauses, seed, epochs = args
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    t0 = time.perf_counter()
    held_fams = {family_of_group(g) for g in groups}
    train_pairs = [p for p in pairs if families.get(p.doc_id) not in held_fams]
    train_cl = [c for c in clauses if c["group"] not in groups]
    held = [c for c in clauses if c["group"] in groups]
    derived = [derive(p) for p in train_pairs] + [derive_clause(c) for c in train_cl]
    nlp, stats = _fit(derived, seed, epochs=epochs)
    t1 = time.perf_counter()
    res = score_fold(held, nlp)
    return {"fold": fold, "groups": groups, "held_clauses": len(held), "train_docs": len(train_pairs),
            "train_clauses": len(train_cl), "left_out_docs": sorted(p.doc_id for p in pairs if p not in train_pairs),
            "examples": stats["examples"], "scores": res,
            "seconds_train": round(t1 - t0, 1), "seconds_score": round(time.perf_counter() - t1, 1)}


# ---------------------------------------------------------------------------
# The grouped CV
# ---------------------------------------------------------------------------


def _prf(tp: int, fp: int, fn: int) -> dict:
    p = tp / (tp + fp) if tp + fp else None
    r = tp / (tp + fn) if tp + fn else None
    f = 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else None
    return {"P": p, "R": r, "F1": f, "tp": tp, "fp": fp, "fn": fn}


def cross_validate_clauses(pairs: list, clauses: list[dict], families: dict[str, str], seed: int = 13,
                           epochs: int = CLAUSE_EPOCHS, workers: Optional[int] = None, min_size: int = MIN_GROUP,
                           only_folds: Optional[list[str]] = None) -> dict:
    """Leave one issuer group out over ``clauses`` (module doc). ``pairs``:
    the annotated documents (fully annotated ones are used), ``families``
    their issuer family. Returns pooled and per-group P/R/F1 per mode, the
    folds, and the wall time."""
    t0 = time.perf_counter()
    pairs = sorted(_full(pairs), key=lambda p: p.doc_id)
    folds = clause_folds(clauses, min_size)
    if only_folds is not None:
        folds = {f: g for f, g in folds.items() if f in only_folds}
    args = [(f, g, pairs, families, clauses, seed, epochs) for f, g in folds.items()]
    # biggest held-out fold first: the pool finishes sooner
    args.sort(key=lambda a: -sum(c["group"] in a[1] for c in clauses))
    workers = workers or min(len(args), os.cpu_count() or 1)
    if workers > 1 and len(args) > 1:
        import multiprocessing as mp

        with mp.get_context("fork").Pool(workers) as pool:
            results = pool.map(_fold, args, chunksize=1)
    else:
        results = [_fold(a) for a in args]
    results.sort(key=lambda r: r["fold"])
    return aggregate(results, seed, epochs, min_size, time.perf_counter() - t0, workers)


def aggregate(results: list[dict], seed: int, epochs: int, min_size: int, seconds: float, workers: int) -> dict:
    pooled: dict[str, list[int]] = {m: [0, 0, 0] for m in SYSTEMS}
    by_group: dict[str, dict[str, list[int]]] = defaultdict(lambda: {m: [0, 0, 0] for m in SYSTEMS})
    by_fold: dict[str, dict[str, list[int]]] = {}
    errors: dict[str, list] = {m: [] for m in SYSTEMS}
    for r in results:
        by_fold[r["fold"]] = {}
        for m, s in r["scores"].items():
            for k, v in enumerate((s["tp"], s["fp"], s["fn"])):
                pooled[m][k] += v
            by_fold[r["fold"]][m] = [s["tp"], s["fp"], s["fn"]]
            for g, c in s["by_group"].items():
                for k in range(3):
                    by_group[g][m][k] += c[k]
            errors[m].extend(s["errors"])
    out = {
        "what": "responsible parties on clause gold, leave one issuer group out",
        "clauses": sum(r["held_clauses"] for r in results),
        "seed": seed, "epochs": epochs, "min_group": min_size, "workers": workers,
        "seconds_wall": round(seconds, 1),
        "folds": {r["fold"]: {k: r[k] for k in ("groups", "held_clauses", "train_docs", "train_clauses",
                                                 "left_out_docs", "examples", "seconds_train", "seconds_score")}
                  for r in results},
        "pooled": {m: _prf(*c) for m, c in pooled.items()},
        "by_fold": {f: {m: _prf(*c) for m, c in v.items()} for f, v in by_fold.items()},
        "by_group": {g: {m: _prf(*c) for m, c in v.items()} for g, v in sorted(by_group.items())},
        # what a mode changes against the rules: errors it fixes and errors it adds
        "changes": {m: _diff(errors["rules"], errors[m]) for m in SYSTEMS if m != "rules"},
    }
    out["decision"] = decide_clauses(out["pooled"])
    return out


def _diff(base: list[dict], other: list[dict]) -> dict:
    key = lambda e: (e["id"], e["error"], e.get("gold") or e.get("pred"))  # noqa: E731
    b, o = {key(e) for e in base}, {key(e) for e in other}
    return {"fixed": sorted(map(list, b - o)), "added": sorted(map(list, o - b))}


def decide_clauses(pooled: dict) -> dict:
    """Modes whose pooled clause F1 is above the rules' (a mode ships only if
    it also holds on the document CV: ``learn/spans.decide``)."""
    r = pooled["rules"]["F1"] or 0.0
    better = [m for m in ("refine", "refine+fallback", "fallback")
              if (pooled.get(m, {}).get("F1") or 0.0) > r + 1e-9]
    return {"better_than_rules": better,
            "reason": "clause responsible F1 " + ", ".join(f"{m} {v['F1']:.4f}" for m, v in pooled.items()
                                                          if v["F1"] is not None)}


def format_table(cv: dict) -> str:
    """Markdown: pooled P/R/F1 per mode, then F1 per fold (held-out group) and mode."""
    f = lambda x: "–" if x is None else f"{x:.3f}"  # noqa: E731
    lines = ["| system | P | R | F1 | tp | fp | fn |", "|---|---|---|---|---|---|---|"]
    for m, r in cv["pooled"].items():
        lines.append(f"| {m} | {f(r['P'])} | {f(r['R'])} | {f(r['F1'])} | {r['tp']} | {r['fp']} | {r['fn']} |")
    modes = list(cv["pooled"])
    lines += ["", "| held-out fold (groups) | clauses | " + " | ".join(modes) + " |",
              "|---|---|" + "---|" * len(modes)]
    for fold, info in cv["folds"].items():
        name = fold if info["groups"] == [fold] else f"{fold} ({', '.join(info['groups'])})"
        lines.append(f"| {name} | {info['held_clauses']} | "
                     + " | ".join(f(cv["by_fold"][fold][m]["F1"]) for m in modes) + " |")
    return "\n".join(lines)


README_START = "<!-- clause-cv:start (written by notice-extract train --cv) -->"
README_END = "<!-- clause-cv:end -->"


def readme_section(cv: dict, rules_commit: str | None = None) -> str:
    fo = cv["folds"]
    pooled_small = [f"{f} = {', '.join(v['groups'])}" for f, v in fo.items() if v["groups"] != [f]]
    left_out = sorted({d for v in fo.values() for d in v["left_out_docs"]})
    head = (
        f"Grouped CV on the clause gold (`training/clauses`, {cv['clauses']} clauses; "
        f"leave one issuer group out, {len(fo)} folds"
        + (f"; groups under {cv['min_group']} clauses pooled: {'; '.join(pooled_small)}" if pooled_small else "")
        + "). Each fold trains the span model on the fully annotated notices and the other groups' clauses"
        + (f" (notices of the held-out group's own issuer family left out too: {', '.join(left_out)})" if left_out else "")
        + f", {cv['epochs']} epochs, seed {cv['seed']}; the held-out clauses are scored as "
        "`notice-extract evaluate-clauses` scores them (SPEC §4 party matching). The rules column is partly "
        "in-sample (the grammar was written reading these clauses)."
        + (f" Rules of commit {rules_commit}." if rules_commit else "")
        + f" Wall time {cv['seconds_wall']:.0f} s on {cv['workers']} workers."
    )
    d = cv["decision"]
    verdict = ("Modes above the rules here: " + ", ".join(d["better_than_rules"]) + "."
               if d["better_than_rules"] else "No mode is above the rules on the clauses.")
    return "\n".join([README_START, head, "", format_table(cv), "", verdict, README_END])


def write_readme(readme: Path, section: str) -> None:
    """Replace the marked clause-CV section of ``readme`` (append it when absent)."""
    write_section(readme, README_START, README_END, "## Span recogniser on clause gold (grouped by issuer)", section)


def load_default_clauses(path: Path = DEFAULT_CLAUSES) -> list[dict]:
    return load_clauses([path]) if path.is_dir() else []


def run(clauses_dir: Path = DEFAULT_CLAUSES, seed: int = 13, epochs: int = CLAUSE_EPOCHS,
        workers: Optional[int] = None, only_folds: Optional[list[str]] = None) -> dict:
    """The clause CV on the repository's data (documents of ``learn/data.py``,
    families of ``training/families.yaml``)."""
    from .data import load_pairs
    from .families import DEFAULT_FAMILIES, families_for

    pairs = load_pairs(need=None, quiet=True)
    fams = families_for([p.doc_id for p in pairs], DEFAULT_FAMILIES)
    return cross_validate_clauses(pairs, load_clauses([clauses_dir]), fams, seed, epochs, workers,
                                  only_folds=only_folds)


if __name__ == "__main__":  # python -m notice_extract.learn.clausecv OUT.json [epochs]
    import json
    import sys

    cv = run(epochs=int(sys.argv[2]) if len(sys.argv) > 2 else CLAUSE_EPOCHS)
    Path(sys.argv[1]).write_text(json.dumps(cv, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(format_table(cv))
    print(cv["decision"], f"{cv['seconds_wall']} s")


def after_spans_cv(pairs: list, families: dict[str, str], seed: int, out: Path, doc_cv: dict | None,
                   clauses_dir: Path = DEFAULT_CLAUSES, rules_commit: str | None = None) -> Optional[dict]:
    """``notice-extract train --cv``, after the span model's document CV: the
    clause CV, written to ``out/cv_clauses.json`` and to the marked section of
    ``out/README.md``. A mode is supported for shipping when it is above the
    rules here and ``learn/spans.decide`` supports it on the documents.
    None (and a message) when there is no clause gold."""
    import json

    import typer

    clauses = load_default_clauses(clauses_dir)
    if not clauses:
        typer.echo(f"spans: no clause gold in {clauses_dir}: clause CV skipped")
        return None
    cv = cross_validate_clauses(pairs, clauses, families, seed)
    doc_mode = ((doc_cv or {}).get("decision") or {}).get("mode", "off")
    ships = doc_mode if doc_mode in cv["decision"]["better_than_rules"] else "off"
    cv["decision"]["document_cv_mode"] = doc_mode
    cv["decision"]["supported"] = ships
    (out / "cv_clauses.json").write_text(json.dumps(cv, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    write_readme(out / "README.md", readme_section(cv, rules_commit or _head_commit()))
    typer.echo("\nspans on clause gold: grouped CV (leave one issuer group out)\n" + format_table(cv))
    typer.echo(f"{cv['decision']['reason']}; document CV supports {doc_mode}: supported mode {ships}"
               f" ({cv['seconds_wall']:.0f} s)")
    return cv


def _head_commit() -> str | None:
    return head_commit(DEFAULT_CLAUSES.parent)
