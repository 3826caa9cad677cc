"""What grouped cross-validation measures on the pipeline's records: segments
(line accuracy), directives (detection F1) and responsible parties (F1), each
scored by the project's scorer (``scoring.score_document``) against gold.

Counts are kept per document as ``(tp, fp, fn)``; for segments ``(correct,
wrong, 0)``, so that summing folds and reading ``tp / (tp + fp)`` gives the
line accuracy. A field the gold file does not annotate (``scope: partial``)
is not counted.
"""

from __future__ import annotations

import json

from ..scoring import score_document

FIELDS = ("segments", "directives", "directives.responsible")


def record_counts(gold: dict, text: str, record) -> dict[str, tuple[int, int, int]]:
    """Counts of ``FIELDS`` for one record (a ``Record`` or its dict)."""
    rec = record if isinstance(record, dict) else json.loads(record.model_dump_json())
    ds = score_document(gold, rec, text)
    out: dict[str, tuple[int, int, int]] = {}
    acc = ds.accuracies.get("segments")
    if acc is not None and acc.total and gold.get("segments"):
        out["segments"] = (acc.correct, acc.total - acc.correct, 0)
    for f in ("directives", "directives.responsible"):
        c = ds.counts.get(f)
        if c is not None and "directives" in gold:
            out[f] = (c.tp, c.fp, c.fn)
    return out


def value(field: str, tp: int, fp: int, fn: int) -> float | None:
    """Line accuracy for segments, F1 otherwise."""
    if field == "segments":
        return tp / (tp + fp) if tp + fp else None
    return 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else None


def add(total: dict, counts: dict) -> None:
    for k, (tp, fp, fn) in counts.items():
        t = total.setdefault(k, [0, 0, 0])
        t[0] += tp
        t[1] += fp
        t[2] += fn


def summary(totals: dict[str, dict]) -> dict[str, dict[str, float | None]]:
    """``{field: {system: value}}`` from ``{system: {field: [tp, fp, fn]}}``."""
    out: dict[str, dict] = {}
    for f in FIELDS:
        out[f] = {s: (round(value(f, *t[f]), 4) if f in t and value(f, *t[f]) is not None else None)
                  for s, t in totals.items()}
    return out


def beats_rules(pipeline: dict[str, dict], system: str) -> tuple[bool, str]:
    """A system ships when it is at least as good as the rules on every field and
    better on one (``Done when`` of the generalisation issue)."""
    parts, better, worse = [], False, False
    for f in FIELDS:
        r, s = pipeline[f].get("rules"), pipeline[f].get(system)
        if r is None or s is None:
            continue
        parts.append(f"{f} {s:.4f} vs rules {r:.4f}")
        better |= s > r + 1e-9
        worse |= s < r - 1e-9
    return better and not worse, "; ".join(parts)
