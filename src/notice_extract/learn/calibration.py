"""Train and cross-validate the confidence calibration (``models/calibration.json``).

Data. The pipeline (rules only, calibration off: the rules' own constants are
a feature) runs over every annotated document; each object that
``apply.calibration.walk`` yields is labelled against gold with the scorer's
own matching (``scoring.match_list`` and the field comparisons, SPEC §4):

* 1 -- the value matches a gold value (a scalar equal to gold; a list item
  paired one-to-one with a gold item; a directive matched by its opening; a
  responsible party or deadline matched inside a matched directive);
* 0 -- a false positive: a wrong scalar, a spurious item or directive;
* unlabelled -- the scorer does not count it: a match with a ``*_optional``
  alternative, a field a ``scope: partial`` gold file does not annotate, the
  parties and deadlines of a spurious directive, an item without a key.

Compound objects are right when all their scored parts are (``number``:
serial and symbol; ``signature``: mode, on_behalf_of, position, signer); a
segment is right when every non-blank line in it has the gold kind.

Model. A table of hierarchical, smoothed rates over the keys of
``Item.keys`` (family, field, method, rule confidence, context): each cell's
rate is ``(right + a * parent) / (n + a)``, so a rare cell stays close to its
parent and only a well-populated one moves away. ``a`` is chosen by grouped
CV log loss inside the training families (nested when cross-validating).

CV. Leave one issuer family out (``families.py``): the table is fitted on
the other families' values and predicts the held-out ones. Reported: ECE
(10 equal-width bins, weighted by count) per field family and overall, the
reliability diagram (``models/calibration_reliability.svg``), and for the
review queue the share of all wrong values found among the 10 % and 20 %
values of lowest confidence.
"""

from __future__ import annotations

import json
import math
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional

from ..apply.calibration import FAMILIES, SIGNATURE_PARTS, TABLE_FILE, features, walk
from ..decode import read_file
from ..models import Source
from ..apply.config import use
from ..scoring import (
    LIST_FIELDS,
    INFO_LISTS,
    _Lines,
    _line_kinds,
    _optional,
    deadline_score,
    directive_score,
    exact_score,
    get_path,
    match_list,
    norm,
    ratio_score,
)
from ..charts import reliability_svg, standalone
from .families import folds

L2_GRID = (0.3, 1.0, 3.0, 10.0, 30.0)  # the penalty's grid, chosen by grouped CV log loss
BINS = 10
CV_FILE = "cv_calibration.json"
SVG_FILE = "calibration_reliability.svg"


# --------------------------------------------------------------------------
# Labelling: which emitted values are right under SPEC §4 matching
# --------------------------------------------------------------------------

_SCALARS = {  # field -> (gold path, record path, comparison)
    "notice_kind": (("notice_kind",), ("notice_kind",), exact_score),
    "issue_place": (("issue_place", "value"), ("issue_place", "value"), exact_score),
    "issue_date": (("issue_date", "value"), ("issue_date", "value"), exact_score),
    "issuer": (("issuer", "value"), ("issuer", "value"), exact_score),
    "concluded_by": (("concluded_by", "value"), ("concluded_by", "value"), ratio_score),
    "subject": (("subject", "value"), ("subject", "value"), ratio_score),
    "meeting.date": (("meeting", "date", "value"), ("meeting", "date", "value"), exact_score),
    "meeting.kind": (("meeting", "kind", "value"), ("meeting", "kind", "value"), exact_score),
    "meeting.topic": (("meeting", "topic", "value"), ("meeting", "topic", "value"), ratio_score),
    "number.serial": (("number", "serial"), ("number", "serial"), exact_score),
    "number.symbol": (("number", "symbol"), ("number", "symbol"), exact_score),
}
for _part in SIGNATURE_PARTS:
    _SCALARS[f"signature.{_part}"] = (("signature", _part), ("signature", _part), exact_score)
_LISTS = {name: (path, key, score) for name, path, key, score in LIST_FIELDS + INFO_LISTS}


def _scored(gold: dict, top: str) -> bool:
    ann = gold.get("annotation") or {}
    return ann.get("scope") != "partial" or top in set(ann.get("fields") or [])


def _scalar_label(gold: dict, pred: dict, field: str) -> Optional[int]:
    gpath, ppath, score = _SCALARS[field]
    if not _scored(gold, gpath[0]):
        return None
    g, p = get_path(gold, gpath), get_path(pred, ppath)
    g = g if norm(g) else None
    if not norm(p):
        return None  # nothing predicted: not a value
    if g is not None and score(g, p) is not None:
        return 1
    if any(score(o, p) is not None for o in _optional(gold, gpath, field)):
        return None
    return 0


def _all(labels: list[Optional[int]]) -> Optional[int]:
    known = [x for x in labels if x is not None]
    return None if not known else int(all(known))


def _key(item: Any, key: str) -> Any:
    return item.get(key) if isinstance(item, dict) else item if isinstance(item, str) else None


def _list_labels(golds: list, optionals: list, preds: list, key: str, score, tiebreak=None) -> dict[int, int]:
    """``{pred index: label}`` over the preds that have a key (the scorer's filter)."""
    golds = [x for x in golds if norm(_key(x, key))]
    optionals = [x for x in optionals if norm(_key(x, key))]
    idx = [i for i, x in enumerate(preds) if norm(_key(x, key))]
    m = match_list(golds, optionals, [preds[i] for i in idx],
                   lambda g, p: score(_key(g, key), _key(p, key)), tiebreak)
    out = {idx[pi]: 1 for _, pi, _ in m.pairs}
    out.update({idx[pi]: 0 for pi in m.spurious})
    return out


def _as_list(v: Any) -> list:
    return v if isinstance(v, list) else []


def label_record(gold: dict, record, text: str) -> dict[int, int]:
    """``{id(obj): 0 or 1}`` for the objects of ``walk(record)`` the scorer counts."""
    pred = json.loads(record.model_dump_json())
    labels: dict[int, int] = {}

    def put(obj, label: Optional[int]) -> None:
        if obj is not None and label is not None:
            labels[id(obj)] = label

    for field in ("notice_kind", "issue_place", "issue_date", "issuer", "concluded_by", "subject"):
        obj = record.notice_kind_evidence if field == "notice_kind" else getattr(record, field)
        put(obj, _scalar_label(gold, pred, field))
    put(record.number, _all([_scalar_label(gold, pred, "number.serial"),
                             _scalar_label(gold, pred, "number.symbol")]))
    if record.meeting is not None:
        for name in ("date", "kind", "topic"):
            put(getattr(record.meeting, name), _scalar_label(gold, pred, f"meeting.{name}"))
    if record.signature is not None:
        parts = {p: _scalar_label(gold, pred, f"signature.{p}") for p in SIGNATURE_PARTS}
        for p, label in parts.items():
            put(record.signature.parts.get(p), label)
        put(record.signature, _all(list(parts.values())))

    # list fields
    for field, (path, key, score) in _LISTS.items():
        if not _scored(gold, path[0]):
            continue
        preds = _as_list(get_path(pred, path))
        objs = get_path_obj(record, path)
        got = _list_labels(_as_list(get_path(gold, path)), _optional(gold, path, field), preds, key, score)
        for i, label in got.items():
            put(objs[i], label)

    if _scored(gold, "directives"):
        _label_directives(gold, pred, record, text, put)
    if _scored(gold, "segments") and gold.get("segments"):
        gold_kinds = _line_kinds(gold.get("segments"))
        lines = text.split("\n")
        for seg in record.segments:
            first, last = seg.lines
            ok = all(gold_kinds.get(n) == seg.kind for n in range(first, last + 1)
                     if n - 1 < len(lines) and lines[n - 1].strip())
            put(seg, int(ok))
    return labels


def get_path_obj(record, path: tuple[str, ...]) -> list:
    obj = record
    for p in path:
        obj = getattr(obj, p, None) if obj is not None else None
    return obj or []


def _label_directives(gold: dict, pred: dict, record, text: str, put) -> None:
    lines = _Lines(text)
    golds = [d for d in _as_list(gold.get("directives")) if isinstance(d, dict)]
    optionals = [d for d in _as_list(gold.get("directives_optional")) if isinstance(d, dict)]
    preds = _as_list(pred.get("directives"))

    def gold_line(d: dict):
        ls = d.get("lines")
        return ls[0] if isinstance(ls, (list, tuple)) and ls else None

    def near(g: dict, p: dict) -> float:
        gl, pl = gold_line(g), lines.of_item(p)
        return abs(gl - pl) if gl is not None and pl is not None else 0

    m = match_list(golds, optionals, preds, directive_score, near)
    for pi in m.spurious:
        put(record.directives[pi], 0)
    for gi, pi, _ in m.pairs:
        g, p, obj = golds[gi], preds[pi], record.directives[pi]
        put(obj, 1)
        got = _list_labels(_as_list(g.get("responsible")), _as_list(g.get("responsible_optional")),
                           _as_list(p.get("responsible")), "value", ratio_score)
        for i, label in got.items():
            put(obj.responsible[i], label)
        gd = [x for x in _as_list(g.get("deadlines")) if isinstance(x, dict)]
        od = [x for x in _as_list(g.get("deadlines_optional")) if isinstance(x, dict)]
        pd = _as_list(p.get("deadlines"))
        dm = match_list(gd, od, pd, deadline_score)
        for _, k, _ in dm.pairs:
            put(obj.deadlines[k], 1)
        for k in dm.spurious:
            put(obj.deadlines[k], 0)


# --------------------------------------------------------------------------
# The data set: one row per labelled value
# --------------------------------------------------------------------------


@dataclass
class Row:
    doc_id: str
    field: str
    key: tuple
    raw: float
    label: int

    @property
    def family(self) -> str:
        return FAMILIES[self.field]


def value_rows(pairs, extract) -> tuple[list[Row], dict]:
    """Rows for every labelled value of every pair; also counts of unlabelled ones."""
    rows: list[Row] = []
    unlabelled: dict[str, int] = defaultdict(int)
    with use(calibration=False, segmenter=False, spans="off"):
        for pair in pairs:
            record = extract(pair.text, pair.doc_id, source=_source(pair))
            labels = label_record(pair.gold, record, pair.text)
            for item in walk(record):
                label = labels.get(id(item.obj))
                if label is None:
                    unlabelled[item.field] += 1
                    continue
                rows.append(Row(pair.doc_id, item.field, item.key(), item.obj.confidence, label))
    return rows, dict(unlabelled)


def _source(pair) -> Source:
    """The record's source as a file run gives it (the encoding is a context sign)."""
    encoding = "utf-8"
    if pair.text_path is not None:
        encoding = read_file(pair.text_path)[1].encoding
    return Source(path=str(pair.text_path), encoding=encoding, chars=len(pair.text))


# --------------------------------------------------------------------------
# The model: L2-regularised logistic regression over the key's features
# --------------------------------------------------------------------------


@dataclass
class Fitted:
    bias: float
    weights: dict[str, float]

    def predict(self, key: tuple) -> float:
        z = self.bias + sum(self.weights.get(f, 0.0) for f in features(key))
        return 1.0 / (1.0 + math.exp(-max(min(z, 40.0), -40.0)))


def fit(rows: list[Row], l2: float) -> Fitted:
    """Newton's method on the penalised log loss (the bias is not penalised).
    A feature seen in few values keeps a weight near 0, so rare cells stay at
    the rate of what they share with common ones (their field, their method)."""
    import numpy as np

    # values with the same key share every feature: fit on the distinct keys with counts
    groups: dict[tuple, list[int]] = {}
    for r in rows:
        g = groups.setdefault(r.key, [0, 0])
        g[0] += r.label
        g[1] += 1
    keys = list(groups)
    names = sorted({f for k in keys for f in features(k)})
    index = {f: i + 1 for i, f in enumerate(names)}  # column 0 is the bias
    X = np.zeros((len(keys), len(names) + 1))
    X[:, 0] = 1.0
    for i, k in enumerate(keys):
        for f in features(k):
            X[i, index[f]] = 1.0
    right = np.array([groups[k][0] for k in keys], dtype=float)
    n = np.array([groups[k][1] for k in keys], dtype=float)
    penalty = np.full(X.shape[1], l2)
    penalty[0] = 0.0
    rate = min(max(right.sum() / n.sum(), 1e-3), 1 - 1e-3)
    w = np.zeros(X.shape[1])
    w[0] = math.log(rate / (1 - rate))
    for _ in range(100):
        p = 1.0 / (1.0 + np.exp(-np.clip(X @ w, -40, 40)))
        grad = X.T @ (n * p - right) + penalty * w
        hess = (X * (n * p * (1 - p))[:, None]).T @ X + np.diag(penalty + 1e-9)
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.max(np.abs(step)) < 1e-8:
            break
    return Fitted(float(w[0]), {f: float(w[index[f]]) for f in names if abs(w[index[f]]) > 1e-6})


def _log_loss(ps: list[float], ys: list[int]) -> float:
    eps = 1e-6
    return -sum(math.log(min(max(p if y else 1 - p, eps), 1)) for p, y in zip(ps, ys)) / max(len(ys), 1)


def choose_l2(rows: list[Row], families: dict[str, str]) -> float:
    """The penalty of the grid with the lowest leave-one-family-out log loss on ``rows``."""
    fam_of = {r.doc_id: families[r.doc_id] for r in rows}
    best = None
    for l2 in L2_GRID:
        ps, ys = [], []
        for fam in sorted(set(fam_of.values())):
            train = [r for r in rows if fam_of[r.doc_id] != fam]
            test = [r for r in rows if fam_of[r.doc_id] == fam]
            if not train or not test:
                continue
            model = fit(train, l2)
            ps += [model.predict(r.key) for r in test]
            ys += [r.label for r in test]
        loss = _log_loss(ps, ys)
        if best is None or loss < best[0] - 1e-12:
            best = (loss, l2)
    return best[1] if best else L2_GRID[len(L2_GRID) // 2]


# --------------------------------------------------------------------------
# Measures
# --------------------------------------------------------------------------


def ece(ps: list[float], ys: list[int], bins: int = BINS) -> Optional[float]:
    """Expected calibration error: 10 equal-width bins, |mean p - mean y| weighted by count."""
    if not ps:
        return None
    sums = [[0.0, 0, 0] for _ in range(bins)]
    for p, y in zip(ps, ys):
        b = sums[min(int(p * bins), bins - 1)]
        b[0] += p
        b[1] += y
        b[2] += 1
    return sum(abs(s - c) for s, c, n in sums if n) / len(ps)


def reliability(ps: list[float], ys: list[int], bins: int = BINS) -> list[dict]:
    out = []
    for b in range(bins):
        sel = [(p, y) for p, y in zip(ps, ys) if min(int(p * bins), bins - 1) == b]
        if sel:
            out.append({"bin": [b / bins, (b + 1) / bins], "n": len(sel),
                        "confidence": round(sum(p for p, _ in sel) / len(sel), 4),
                        "accuracy": round(sum(y for _, y in sel) / len(sel), 4)})
    return out


def review_capture(ps: list[float], ys: list[int], shares=(0.1, 0.2)) -> dict:
    """Share of all wrong values among the ``share`` of values with the lowest confidence.

    Ties at the cut are counted pro rata (a block of equal confidences is
    neither all in nor all out), so the figure does not depend on order."""
    errors = sum(1 - y for y in ys)
    order = sorted(zip(ps, ys))
    out = {"values": len(ys), "errors": errors}
    for share in shares:
        cut = share * len(order)
        found = 0.0
        i = 0
        while i < len(order) and i < cut:
            j = i
            while j < len(order) and order[j][0] == order[i][0]:
                j += 1
            block = order[i:j]
            take = min(cut - i, len(block)) / len(block)
            found += take * sum(1 - y for _, y in block)
            i = j
        out[f"top_{int(share * 100)}"] = round(found / errors, 4) if errors else None
    return out


def _summary(ps: list[float], ys: list[int], fams: list[str]) -> dict:
    per = {}
    for fam in sorted(set(fams)):
        sel = [(p, y) for p, y, f in zip(ps, ys, fams) if f == fam]
        fp, fy = [p for p, _ in sel], [y for _, y in sel]
        per[fam] = {"values": len(sel), "errors": len(sel) - sum(fy),
                    "accuracy": round(sum(fy) / len(sel), 4),
                    "mean_confidence": round(sum(fp) / len(sel), 4),
                    "ece": round(ece(fp, fy), 4)}
    return {"values": len(ys), "errors": len(ys) - sum(ys),
            "accuracy": round(sum(ys) / len(ys), 4) if ys else None,
            "mean_confidence": round(sum(ps) / len(ps), 4) if ps else None,
            "ece": round(ece(ps, ys), 4) if ps else None,
            "log_loss": round(_log_loss(ps, ys), 4) if ps else None,
            "families": per, "reliability": reliability(ps, ys),
            "review": review_capture(ps, ys)}


# --------------------------------------------------------------------------
# The training command's interface (learn/train.py REGISTRY)
# --------------------------------------------------------------------------


def cross_validate(pairs, seed: int, *, extract, families: dict[str, str]) -> dict:
    rows, unlabelled = value_rows(pairs, extract)
    docs = sorted({p.doc_id for p in pairs})
    preds: list[tuple[Row, float]] = []
    chosen = {}
    for fam, held in folds(docs, families):
        held_docs = {docs[i] for i in held}
        train_rows = [r for r in rows if r.doc_id not in held_docs]
        test_rows = [r for r in rows if r.doc_id in held_docs]
        if not test_rows:
            continue
        l2 = choose_l2(train_rows, families)  # nested: the held-out family is not seen
        chosen[fam] = l2
        model = fit(train_rows, l2)
        preds += [(r, model.predict(r.key)) for r in test_rows]
    ps = [p for _, p in preds]
    ys = [r.label for r, _ in preds]
    fams = [r.family for r, _ in preds]
    raw = [r.raw for r, _ in preds]
    result = {
        "documents": len(docs),
        "issuer_families": len(set(families[d] for d in docs)),
        "bins": BINS,
        "l2_chosen": chosen,
        "unlabelled": unlabelled,
        "calibrated": _summary(ps, ys, fams),
        "rule_constants": _summary(raw, ys, fams),
    }
    result["table"] = [
        {"field": fam,
         "values": result["calibrated"]["families"][fam]["values"],
         "errors": result["calibrated"]["families"][fam]["errors"],
         "accuracy": result["calibrated"]["families"][fam]["accuracy"],
         "ECE rules": result["rule_constants"]["families"][fam]["ece"],
         "ECE calibrated": result["calibrated"]["families"][fam]["ece"]}
        for fam in sorted(result["calibrated"]["families"])
    ]
    result["table"].append({"field": "overall", "values": len(ys), "errors": len(ys) - sum(ys),
                            "accuracy": result["calibrated"]["accuracy"],
                            "ECE rules": result["rule_constants"]["ece"],
                            "ECE calibrated": result["calibrated"]["ece"]})
    return result


def format_table(cv: dict) -> str:
    lines = [f"{'family':<14}{'values':>8}{'errors':>8}{'accuracy':>10}{'ECE rules':>11}{'ECE calib':>11}"]
    for r in cv["table"]:
        lines.append(f"{r['field']:<14}{r['values']:>8}{r['errors']:>8}{r['accuracy']:>10.3f}"
                     f"{r['ECE rules']:>11.3f}{r['ECE calibrated']:>11.3f}")
    rv, rr = cv["calibrated"]["review"], cv["rule_constants"]["review"]
    lines.append(f"review queue: {rv['errors']} wrong of {rv['values']} values; lowest 10 % holds "
                 f"{_pct(rv['top_10'])} of them, lowest 20 % {_pct(rv['top_20'])} "
                 f"(rule constants: {_pct(rr['top_10'])}, {_pct(rr['top_20'])})")
    return "\n".join(lines)


def _pct(x) -> str:
    return "—" if x is None else f"{100 * x:.1f} %"


def train_model(pairs, out_dir: Path, seed: int, *, extract, families: dict[str, str],
                cv: Optional[dict] = None) -> dict:
    rows, _ = value_rows(pairs, extract)
    l2 = choose_l2(rows, families)
    model = fit(rows, l2)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    data = {
        "about": "P(value correct under SPEC §4) = sigmoid(bias + sum of the weights of the value's features: "
                 "family, field, method, the rule's constant, context signs); built by notice-extract train "
                 "(learn/calibration.py), applied by apply/calibration.py",
        "documents": len({r.doc_id for r in rows}),
        "values": len(rows),
        "errors": sum(1 - r.label for r in rows),
        "l2": l2,
        "bias": round(model.bias, 5),
        "weights": {k: round(v, 5) for k, v in sorted(model.weights.items())},
    }
    (out_dir / TABLE_FILE).write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    if cv is not None:
        (out_dir / SVG_FILE).write_text(standalone(
            reliability_svg([("calibrated (grouped CV)", cv["calibrated"]["reliability"]),
                             ("rules' constants", cv["rule_constants"]["reliability"])],
                            title="Reliability of confidence, grouped CV")), encoding="utf-8")
    return {"values": len(rows), "features": len(model.weights), "l2": l2, "file": str(out_dir / TABLE_FILE)}
