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

First-look data. The rules were written on these documents, so their
in-sample values are 97-98 % right; on issuers the rules had not seen they are
far worse. ``training/firstlook/<commit>/<id>.json`` holds the records of a
frozen older checkout on the documents of the annotation round that followed
it (``training/firstlook.py``; docs/quality.md), labelled here against today's
gold: the errors the rules make on new issuers. Both sets are rows; a row
knows its ``source``.

Model. L2 logistic regression over the key's features (``apply.calibration.features``),
stored as a weight table. In-sample rows carry one more feature, the
*in-sample sign*, which no run-time value has: it absorbs the optimism of
values the rules were written on, so the table's level is that of new
issuers, while the in-sample rows still teach which fields, methods and signs
are riskier. First-look rows weigh ``FIRST_LOOK_WEIGHT``; family and field
features are penalised less than the finer ones (``penalty_scale``). The
penalty comes from the grid by grouped log loss on the first-look rows. Fits
are damped Newton steps over a design built once (``Design``); distinct
feature lists are fitted once, with counts.

CV. Leave one issuer family out (``families.py``), nested (the penalty is
chosen without the held-out family). Two systems: the shipped one, and a
table fitted on the in-sample rows alone (the method before first-look
records). Reported on both label sets separately: ECE (10 equal-width bins)
per field family and overall, reliability, and the review queue's capture
(share of wrong values among the lowest 10 % / 20 % of confidences).
``train --cv`` writes ``cv_calibration.json``,
``calibration_reliability.svg`` and the marked section of ``models/README.md``.
"""

from __future__ import annotations

import json
import math
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional

from ..apply.calibration import FAMILIES, SIGNATURE_PARTS, TABLE_FILE, clause_items, features, walk
from ..decode import read_file
from ..models import Record, Source
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
from .card import head_commit, write_section
from .families import folds

L2_GRID = (3.0, 10.0, 30.0, 100.0)  # the penalty's grid, chosen by grouped CV log loss
BINS = 10
CV_FILE = "cv_calibration.json"
SVG_FILE = "calibration_reliability.svg"
FIRST_LOOK_DIR = Path(__file__).resolve().parents[3] / "training" / "firstlook"
CLAUSE_DIR = Path(__file__).resolve().parents[3] / "training" / "clauses"
IN_SAMPLE, FIRST_LOOK = "in-sample", "first-look"
IN_SAMPLE_FEATURE = "source=in-sample"  # a training-only feature (row_features)
FIRST_LOOK_WEIGHT = 5.0  # a first-look value counts as this many in-sample ones (grouped CV: models/README.md)


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
    source: str = IN_SAMPLE  # IN_SAMPLE: this checkout's rules; FIRST_LOOK: an older commit's, before it saw the doc

    @property
    def family(self) -> str:
        return FAMILIES[self.field]


def _rows_of(record, pair, source: str, unlabelled: dict) -> list[Row]:
    labels = label_record(pair.gold, record, pair.text)
    out = []
    for item in walk(record, pair.text):
        label = labels.get(id(item.obj))
        if label is None:
            unlabelled[item.field] += 1
            continue
        out.append(Row(pair.doc_id, item.field, item.key(), item.obj.confidence, label, source))
    return out


def value_rows(pairs, extract) -> tuple[list[Row], dict]:
    """Rows for every labelled value of every pair; also counts of unlabelled ones."""
    rows: list[Row] = []
    unlabelled: dict[str, int] = defaultdict(int)
    with use(calibration=False, segmenter=False, spans="off"):
        for pair in pairs:
            record = extract(pair.text, pair.doc_id, source=_source(pair))
            rows += _rows_of(record, pair, IN_SAMPLE, unlabelled)
    return rows, dict(unlabelled)


def firstlook_rows(pairs, folder: Path = FIRST_LOOK_DIR) -> tuple[list[Row], dict]:
    """Rows of the first-look records (``training/firstlook/<commit>/<id>.json``,
    written by ``training/firstlook.py``): an older commit's extractor on
    documents its rules had not seen, labelled against today's gold with
    today's scorer. The records keep their own methods and constants: a
    method name that no longer exists is a feature no run-time value has,
    harmless; what the rows carry to run time is their shared features
    (family, field, context and text signs) and their error rate."""
    by_id = {p.doc_id: p for p in pairs}
    rows: list[Row] = []
    unlabelled: dict[str, int] = defaultdict(int)
    for path in sorted(Path(folder).glob("*/*.json")):
        pair = by_id.get(path.stem)
        if pair is None:
            continue  # ROUND.json, or a document without gold
        record = Record.model_validate_json(path.read_text(encoding="utf-8"))
        rows += _rows_of(record, pair, FIRST_LOOK, unlabelled)
    return rows, dict(unlabelled)


def clause_firstlook_rows(doc_ids, folder: Path = FIRST_LOOK_DIR, clause_dir: Path = CLAUSE_DIR
                          ) -> tuple[list[Row], dict]:
    """Rows of the clause rounds' first looks (``training/firstlook/<commit>/
    clauses-<round>.jsonl``, written by ``training/firstlook.py --clauses``):
    an older commit's parties and deadlines of each assignment clause read
    alone, labelled against today's clause gold with the clause scorer's
    matching (``clauses.match_clause``). These are the errors of the party
    grammar and the deadline normaliser on text they had not seen; a clause of
    a document outside ``doc_ids`` (no issuer family) is left out and counted."""
    from types import SimpleNamespace

    from ..clauses import load_clauses, match_clause

    gold = {c["id"]: c for c in load_clauses(sorted(Path(clause_dir).glob("*.jsonl")))}
    rows: list[Row] = []
    unlabelled: dict[str, int] = defaultdict(int)
    for path in sorted(Path(folder).glob("*/clauses-*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            rec = json.loads(line)
            cl = gold.get(rec["id"])
            if cl is None or cl["doc"] not in doc_ids:
                unlabelled["clauses without gold or family"] += 1
                continue
            parties = [SimpleNamespace(**x) for x in rec["responsible"]]
            deadlines = [SimpleNamespace(**x) for x in rec["deadlines"]]
            m, md = match_clause(cl, rec)
            labels = {id(parties[pi]): 1 for _, pi, _ in m.pairs}
            labels.update({id(parties[pi]): 0 for pi in m.spurious})
            labels.update({id(deadlines[pi]): 1 for _, pi, _ in md.pairs})
            labels.update({id(deadlines[pi]): 0 for pi in md.spurious})
            for item in clause_items(cl["clause"], parties, deadlines):
                label = labels.get(id(item.obj))
                if label is None:
                    unlabelled[item.field] += 1
                    continue
                rows.append(Row(cl["doc"], item.field, item.key(), item.obj.confidence, label, FIRST_LOOK))
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


def row_features(row: Row, in_sample_sign: bool) -> list[str]:
    """A row's features; with ``in_sample_sign``, rows of this checkout's rules
    on the documents they were written on carry one more feature, which no
    run-time value has: it absorbs the in-sample optimism, so the table's
    level is that of documents the rules had not seen."""
    out = features(row.key)
    if in_sample_sign and row.source == IN_SAMPLE:
        out = out + [IN_SAMPLE_FEATURE]
    return out


COARSE_SCALE = 0.3  # the penalty of family and field features, relative to the finer ones


def penalty_scale(name: str) -> float:
    """Coarse features (family, field) are penalised less than the finer ones
    (method, constant, context signs): a field's rate is well measured, a rare
    sign's is not, so the fine features only move a value away from its field."""
    if name == "(bias)":
        return 0.0
    return COARSE_SCALE if name.startswith(("family=", "field=")) else 1.0


class Design:
    """The rows as a sparse design once for all fits of a cross-validation:
    distinct feature lists (values that share them are fitted once, with
    counts), their columns, and the index pairs that build the Hessian."""

    def __init__(self, rows: list[Row], in_sample_sign: bool = False):
        import numpy as np

        self.rows = rows
        feats = [tuple(row_features(r, in_sample_sign)) for r in rows]
        cells: dict[tuple, int] = {}
        self.cell_of = np.array([cells.setdefault(f, len(cells)) for f in feats], dtype=np.int64)
        self.names = ["(bias)"] + sorted({f for fs in cells for f in fs})
        index = {f: i for i, f in enumerate(self.names)}
        cols = [[0] + sorted({index[f] for f in fs}) for fs in cells]
        self.n_cells, self.n_cols = len(cols), len(self.names)
        self.nz_row = np.array([i for i, c in enumerate(cols) for _ in c], dtype=np.int64)
        self.nz_col = np.array([j for c in cols for j in c], dtype=np.int64)
        pa = [(i, a, b) for i, c in enumerate(cols) for a in c for b in c]
        self.h_cell = np.array([x[0] for x in pa], dtype=np.int64)
        self.h_flat = np.array([x[1] * self.n_cols + x[2] for x in pa], dtype=np.int64)
        self.label = np.array([r.label for r in rows], dtype=float)
        self.scale = np.array([penalty_scale(f) for f in self.names])
        self.weight = np.array([FIRST_LOOK_WEIGHT if r.source == FIRST_LOOK else 1.0 for r in rows])
        self.first_look = np.array([r.source == FIRST_LOOK for r in rows])
        self.in_sample_cols = [i for i, f in enumerate(self.names) if f.startswith(IN_SAMPLE_FEATURE)]

    def margins(self, w):
        import numpy as np

        return np.bincount(self.nz_row, weights=w[self.nz_col], minlength=self.n_cells)

    def fit(self, mask, l2: float, w0=None):
        """Newton's method on the penalised log loss of the rows in ``mask``
        (the bias is not penalised); returns the weight vector."""
        import numpy as np

        wt = self.weight[mask]
        n = np.bincount(self.cell_of[mask], weights=wt, minlength=self.n_cells)
        right = np.bincount(self.cell_of[mask], weights=wt * self.label[mask], minlength=self.n_cells)
        penalty = l2 * self.scale
        if w0 is None:
            rate = min(max(right.sum() / max(n.sum(), 1), 1e-3), 1 - 1e-3)
            w = np.zeros(self.n_cols)
            w[0] = math.log(rate / (1 - rate))
        else:
            w = w0.copy()
        def loss(w):
            z = np.clip(self.margins(w), -40, 40)
            return float(np.sum(n * np.logaddexp(0.0, z) - right * z) + 0.5 * np.sum(penalty * w * w))

        current = loss(w)
        for _ in range(100):
            p = 1.0 / (1.0 + np.exp(-np.clip(self.margins(w), -40, 40)))
            r = n * p - right
            grad = np.bincount(self.nz_col, weights=r[self.nz_row], minlength=self.n_cols) + penalty * w
            h = np.bincount(self.h_flat, weights=(n * p * (1 - p))[self.h_cell],
                            minlength=self.n_cols * self.n_cols).reshape(self.n_cols, self.n_cols)
            h[np.diag_indices_from(h)] += penalty + 1e-9
            step = np.linalg.solve(h, grad)
            # damped: halve the step until the penalised loss goes down (plain Newton
            # can overshoot when a light penalty meets nearly separable cells)
            t = 1.0
            while t > 1e-4:
                trial = loss(w - t * step)
                if trial <= current + 1e-12:
                    break
                t /= 2
            w = w - t * step
            current = trial
            if np.max(np.abs(t * step)) < 1e-6:
                break
        return w

    def predict(self, w, mask=None):
        """Run-time probabilities: the in-sample sign is off, as for any new document."""
        import numpy as np

        w = w.copy()
        w[self.in_sample_cols] = 0.0
        z = self.margins(w)[self.cell_of if mask is None else self.cell_of[mask]]
        return 1.0 / (1.0 + np.exp(-np.clip(z, -40, 40)))

    def fitted(self, w) -> Fitted:
        return Fitted(float(w[0]), {f: float(w[i]) for i, f in enumerate(self.names)
                                    if i and abs(w[i]) > 1e-6 and not f.startswith(IN_SAMPLE_FEATURE)})


def fit(rows: list[Row], l2: float, in_sample_sign: bool = False) -> Fitted:
    """The table for ``rows``. A feature seen in few values keeps a weight near
    0, so rare cells stay at the rate of what they share with common ones."""
    import numpy as np

    d = Design(rows, in_sample_sign)
    return d.fitted(d.fit(np.ones(len(rows), dtype=bool), l2))


def _log_loss(ps, ys) -> float:
    eps = 1e-6
    return -sum(math.log(min(max(p if y else 1 - p, eps), 1)) for p, y in zip(ps, ys)) / max(len(ys), 1)


def _groups(design: Design, families: dict[str, str]):
    import numpy as np

    fam = np.array([families[r.doc_id] for r in design.rows])
    return fam, sorted(set(fam.tolist()))


def choose_l2(design: Design, families: dict[str, str], within=None, score_on=None) -> float:
    """The penalty of the grid with the lowest leave-one-family-out log loss on
    the rows in ``within`` (default all), scored on the held-out rows that are
    also in ``score_on`` (default: all held-out rows)."""
    import numpy as np

    fam, names = _groups(design, families)
    within = np.ones(len(fam), dtype=bool) if within is None else within
    score_on = np.ones(len(fam), dtype=bool) if score_on is None else score_on
    best = None
    warm: dict[str, Any] = {}
    for l2 in L2_GRID:
        ps, ys = [], []
        for f in names:
            train, test = within & (fam != f), within & (fam == f) & score_on
            if not train.any() or not test.any():
                continue
            warm[f] = w = design.fit(train, l2, warm.get(f))
            ps += design.predict(w, test).tolist()
            ys += design.label[test].tolist()
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


NOISE_DRAWS = 400  # label draws behind ece_if_calibrated


def ece_if_calibrated(ps: list[float], draws: int = NOISE_DRAWS, seed: int = 0) -> float:
    """The 95th percentile of the ECE a perfectly calibrated table would show
    on these values: labels drawn as Bernoulli(p) from its own confidences.
    Binned ECE is biased upwards on few values (a bin of 8 values right with
    p = 0.8 is 6/8 or 7/8, never 0.8), so a family of a few dozen values
    measures above 0.10 even when every confidence is exact; below this
    figure a measured ECE is indistinguishable from calibration at that size."""
    import numpy as np

    if not ps:
        return 0.0
    rng = np.random.default_rng(seed)
    p = np.asarray(ps, dtype=float)
    cells = np.minimum((p * BINS).astype(int), BINS - 1)
    sums = np.bincount(cells, weights=p, minlength=BINS)
    ys = rng.random((draws, len(p))) < p
    hits = np.stack([np.bincount(cells, weights=y, minlength=BINS) for y in ys])
    return float(np.quantile(np.abs(hits - sums).sum(axis=1) / len(p), 0.95))


def _summary(ps: list[float], ys: list[int], fams: list[str], docs: Optional[list[str]] = None) -> dict:
    per = {}
    for fam in sorted(set(fams)):
        idx = [i for i, f in enumerate(fams) if f == fam]
        fp, fy = [ps[i] for i in idx], [ys[i] for i in idx]
        per[fam] = {"values": len(idx), "errors": len(idx) - sum(fy),
                    "accuracy": round(sum(fy) / len(idx), 4),
                    "mean_confidence": round(sum(fp) / len(idx), 4),
                    "ece": round(ece(fp, fy), 4),
                    "ece_if_calibrated": round(ece_if_calibrated(fp), 4)}
        if docs is not None:
            per[fam]["documents"] = len({docs[i] for i in idx})
    return {"values": len(ys), "errors": len(ys) - sum(ys),
            "accuracy": round(sum(ys) / len(ys), 4) if ys else None,
            "mean_confidence": round(sum(ps) / len(ps), 4) if ps else None,
            "ece": round(ece(ps, ys), 4) if ps else None,
            "ece_if_calibrated": round(ece_if_calibrated(ps), 4) if ps else None,
            "documents": len(set(docs)) if docs is not None else None,
            "log_loss": round(_log_loss(ps, ys), 4) if ps else None,
            "families": per, "reliability": reliability(ps, ys),
            "review": review_capture(ps, ys)}


# --------------------------------------------------------------------------
# The training command's interface (learn/train.py REGISTRY)
# --------------------------------------------------------------------------

# What ships: the in-sample rows and the first-look rows together, the in-sample
# sign on (and off at run time), first-look values weighted. The other system is
# the table fitted on the in-sample rows alone (how it was built before first-look
# records existed), kept in the CV as the comparison.
SHIPPED, IN_SAMPLE_ONLY = "pooled", "in-sample only"


def training_rows(pairs, extract) -> tuple[list[Row], dict]:
    rows, unl = value_rows(pairs, extract)
    fl_rows, fl_unl = firstlook_rows(pairs)
    cl_rows, cl_unl = clause_firstlook_rows({p.doc_id for p in pairs})
    for k, n in cl_unl.items():
        fl_unl[f"clauses: {k}"] = n
    return rows + fl_rows + cl_rows, {IN_SAMPLE: unl, FIRST_LOOK: fl_unl}


def _system(rows: list[Row], system: str):
    """The design and the rows it may train on for one system."""
    import numpy as np

    design = Design(rows, in_sample_sign=system == SHIPPED)
    allowed = np.ones(len(rows), dtype=bool) if system == SHIPPED else ~design.first_look
    return design, allowed


def _fit_system(rows: list[Row], system: str, families: dict[str, str]):
    design, allowed = _system(rows, system)
    # the penalty is chosen on the values most like run time's: first-look ones when they are used
    score_on = design.first_look if system == SHIPPED and design.first_look.any() else None
    l2 = choose_l2(design, families, within=allowed, score_on=score_on)
    return design, design.fit(allowed, l2), l2


def _one_thread():
    """The fits are many small dense solves: BLAS threads only fight each other
    (and other processes) over them; one thread is 10-20 times faster on a busy machine."""
    from threadpoolctl import threadpool_limits

    return threadpool_limits(limits=1)


def cross_validate(pairs, seed: int, *, extract, families: dict[str, str]) -> dict:
    with _one_thread():
        return _cross_validate(pairs, extract, families)


def _cross_validate(pairs, extract, families: dict[str, str]) -> dict:
    import time

    import numpy as np

    t0 = time.time()
    rows, unlabelled = training_rows(pairs, extract)
    docs = sorted({p.doc_id for p in pairs})
    fam = np.array([families[r.doc_id] for r in rows])
    preds = {SHIPPED: np.zeros(len(rows)), IN_SAMPLE_ONLY: np.zeros(len(rows))}
    chosen: dict[str, dict] = {SHIPPED: {}, IN_SAMPLE_ONLY: {}}
    for system in preds:
        design, allowed = _system(rows, system)
        score_on = design.first_look if system == SHIPPED and design.first_look.any() else None
        for f, _ in folds(docs, families):
            train, test = allowed & (fam != f), fam == f
            if not test.any() or not train.any():
                continue
            l2 = choose_l2(design, families, within=train, score_on=score_on)  # nested: f is not seen
            chosen[system][f] = l2
            preds[system][test] = design.predict(design.fit(train, l2), test)
    result = {
        "documents": len(docs),
        "issuer_families": len(set(families[d] for d in docs)),
        "bins": BINS,
        "first_look_weight": FIRST_LOOK_WEIGHT,
        "first_look_rounds": sorted({p.parent.name for p in FIRST_LOOK_DIR.glob("*/ROUND.json")}),
        "first_look_clause_rounds": sorted(f"{p.parent.name}/{p.stem}" for p in FIRST_LOOK_DIR.glob("*/clauses-*.jsonl")),
        "l2_chosen": chosen,
        "unlabelled": unlabelled,
        "seconds": round(time.time() - t0, 1),
    }
    src = np.array([r.source for r in rows])
    for label_set in (IN_SAMPLE, FIRST_LOOK):
        m = src == label_set
        if not m.any():
            continue
        ys = [int(r.label) for r, k in zip(rows, m) if k]
        fams = [r.family for r, k in zip(rows, m) if k]
        docs = [r.doc_id for r, k in zip(rows, m) if k]
        out = {"rule_constants": _summary([r.raw for r, k in zip(rows, m) if k], ys, fams)}
        for system, p in preds.items():
            out[system] = _summary(p[m].tolist(), ys, fams, docs)
        result[label_set] = out
    result["calibrated"] = result[IN_SAMPLE][SHIPPED]  # the dashboard/card's names
    result["rule_constants"] = result[IN_SAMPLE]["rule_constants"]
    result["table"] = _table(result)
    return result


def _table(cv: dict) -> list[dict]:
    rows = []
    for label_set in (IN_SAMPLE, FIRST_LOOK):
        if label_set not in cv:
            continue
        r = cv[label_set]
        for fam in sorted(r[SHIPPED]["families"]) + ["overall"]:
            get = (lambda s: r[s]) if fam == "overall" else (lambda s: r[s]["families"][fam])
            rows.append({"labels": label_set, "field": fam, "values": get(SHIPPED)["values"],
                         "errors": get(SHIPPED)["errors"], "accuracy": get(SHIPPED)["accuracy"],
                         "ECE rules": get("rule_constants")["ece"], "ECE in-sample only": get(IN_SAMPLE_ONLY)["ece"],
                         "ECE shipped": get(SHIPPED)["ece"], "mean confidence": get(SHIPPED)["mean_confidence"],
                         "documents": get(SHIPPED).get("documents"),
                         "ECE if calibrated": get(SHIPPED).get("ece_if_calibrated")})
    return rows


def _review_lines(cv: dict) -> list[str]:
    out = []
    for label_set in (IN_SAMPLE, FIRST_LOOK):
        if label_set not in cv:
            continue
        r = cv[label_set]
        parts = [f"{name} {_pct(r[s]['review']['top_10'])} / {_pct(r[s]['review']['top_20'])}"
                 for s, name in (("rule_constants", "rules' constants"), (IN_SAMPLE_ONLY, "in-sample only"),
                                 (SHIPPED, "shipped"))]
        out.append(f"{label_set} labels ({r[SHIPPED]['errors']} wrong of {r[SHIPPED]['values']}): "
                   "wrong values in the lowest 10 % / 20 %: " + "; ".join(parts))
    return out


def format_table(cv: dict) -> str:
    lines = [f"{'labels':<12}{'family':<14}{'values':>8}{'errors':>8}{'docs':>6}{'accuracy':>10}{'ECE rules':>11}"
             f"{'ECE in-s.':>11}{'ECE ship':>10}{'if calib.':>10}{'mean p':>8}"]
    for r in cv["table"]:
        lines.append(f"{r['labels']:<12}{r['field']:<14}{r['values']:>8}{r['errors']:>8}{r['documents']:>6}"
                     f"{r['accuracy']:>10.3f}{r['ECE rules']:>11.3f}{r['ECE in-sample only']:>11.3f}"
                     f"{r['ECE shipped']:>10.3f}{r['ECE if calibrated']:>10.3f}{r['mean confidence']:>8.3f}")
    return "\n".join(lines + _review_lines(cv))


def _pct(x) -> str:
    return "—" if x is None else f"{100 * x:.1f} %"


README_START = "<!-- calibration-cv:start (written by notice-extract train --cv) -->"
README_END = "<!-- calibration-cv:end -->"


def readme_section(cv: dict, rules_commit: Optional[str] = None) -> str:
    head = (f"Grouped CV (leave one issuer family out, {cv['issuer_families']} families, {cv['documents']} "
            f"documents; the penalty chosen inside each fold on the other families; ECE with {cv['bins']} bins)"
            + (f", rules of commit {rules_commit}" if rules_commit else "")
            + f"; first-look records of {', '.join(cv['first_look_rounds']) or 'no round'}"
            + (f" and of {len(cv['first_look_clause_rounds'])} clause rounds ("
               + ", ".join(cv["first_look_clause_rounds"]) + ")" if cv.get("first_look_clause_rounds") else "")
            + ", weight "
            f"{cv['first_look_weight']:g}; {cv['seconds']:.0f} s. Two label sets: *in-sample* = this checkout's "
            "rules on the documents they were written on (optimistic); *first-look* = the round's frozen "
            "extractor on documents its rules had not seen (the honest proxy for new issuers). "
            "Columns: the rules' constants, a table fitted on in-sample values only, the shipped table; "
            "*ECE if calibrated*: the 95th percentile of the ECE the shipped table would show on the same "
            f"values if every confidence were exact (labels drawn from it, {NOISE_DRAWS} draws). Binned ECE "
            "on a few dozen values is that high by chance alone; a family below it cannot be told from "
            "calibrated at its size, and one above it is miscalibrated. Errors also cluster by document, "
            "so the documents column says how many independent samples a family really has.")
    t = ["| labels | family | values | wrong | documents | share right | ECE rules | ECE in-sample only "
         "| ECE shipped | ECE if calibrated (95 %) | mean confidence shipped |",
         "|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in cv["table"]:
        bold = "**" if r["field"] == "overall" else ""
        t.append(f"| {r['labels']} | {bold}{r['field']}{bold} | {r['values']:,} | {r['errors']} | {r['documents']} | "
                 f"{r['accuracy']:.3f} | {r['ECE rules']:.3f} | {r['ECE in-sample only']:.3f} | "
                 f"{bold}{r['ECE shipped']:.3f}{bold} | {r['ECE if calibrated']:.3f} | {r['mean confidence']:.3f} |")
    review = ["Review queue (values sorted by CV confidence, ties pro rata):", ""] + [f"- {x}" for x in _review_lines(cv)]
    return "\n".join([README_START, head, "", *t, "", *review, README_END])


def write_readme(readme: Path, section: str) -> None:
    """Replace the marked calibration-CV section of ``readme`` (append it when absent)."""
    write_section(readme, README_START, README_END, "## Calibration: grouped CV", section)


def _head_commit() -> Optional[str]:
    return head_commit(FIRST_LOOK_DIR.parent)


def train_model(pairs, out_dir: Path, seed: int, *, extract, families: dict[str, str],
                cv: Optional[dict] = None) -> dict:
    rows, _ = training_rows(pairs, extract)
    with _one_thread():
        design, w, l2 = _fit_system(rows, SHIPPED, families)
    model = design.fitted(w)
    fl = [r for r in rows if r.source == FIRST_LOOK]
    ins = [r for r in rows if r.source == IN_SAMPLE]
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    commit = _head_commit()
    data = {
        "about": "P(value correct under SPEC §4) = sigmoid(bias + sum of the weights of the value's features: "
                 "family, field, method, the rule's constant, context and text signs); built by notice-extract "
                 "train (learn/calibration.py), applied by apply/calibration.py",
        "documents": len({r.doc_id for r in rows}),
        "values": len(ins),
        "errors": sum(1 - r.label for r in ins),
        "first_look_values": len(fl),
        "first_look_errors": sum(1 - r.label for r in fl),
        "first_look_weight": FIRST_LOOK_WEIGHT,
        "rules_commit": commit,
        "l2": l2,
        "bias": round(model.bias, 5),
        "weights": {k: round(v, 5) for k, v in sorted(model.weights.items())},
    }
    (out_dir / TABLE_FILE).write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    if cv is not None:
        curves = []
        for label_set in (IN_SAMPLE, FIRST_LOOK):
            if label_set in cv:
                curves.append((f"shipped, {label_set} labels", cv[label_set][SHIPPED]["reliability"]))
        curves.append(("rules' constants, in-sample labels", cv[IN_SAMPLE]["rule_constants"]["reliability"]))
        (out_dir / SVG_FILE).write_text(standalone(
            reliability_svg(curves, title="Reliability of confidence, grouped CV")), encoding="utf-8")
        write_readme(out_dir / "README.md", readme_section(cv, commit))
    return {"values": len(ins), "first_look_values": len(fl), "features": len(model.weights), "l2": l2,
            "rules_commit": commit, "file": str(out_dir / TABLE_FILE)}
