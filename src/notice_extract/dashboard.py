"""The quality dashboard at the head of the audit page: inline SVG, no script.

* per-field P/R/F1 bars (when gold is given);
* the histogram of calibrated confidences, and the reliability diagram (gold);
* warnings by type;
* documents ranked by expected errors (sum of 1 - confidence over their
  values), each a link into the document view (``#doc=<id>``).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from html import escape
from pathlib import Path
from typing import Optional
from urllib.parse import quote

from .apply.calibration import walk
from .charts import bars_svg, histogram_svg, reliability_svg
from .models import Record
from .scoring import HEADLINE_FIELDS, score_corpus

_DIGITS = re.compile(r"\d+|«[^»]*»|'[^']*'|\"[^\"]*\"")


def _warning_type(w: str) -> str:
    """A warning without its particulars (numbers, quoted words, after a colon)."""
    return _DIGITS.sub("…", w.split(":")[0]).strip()[:60]


def render_dashboard(items, gold_dir: Optional[Path] = None) -> str:
    records: list[tuple[Record, Optional[str], str]] = []
    warnings: Counter = Counter()
    for item in items:
        rec = item.record if isinstance(item.record, Record) else None
        data = item.record if isinstance(item.record, dict) else None
        if rec is None and data is not None and "error" not in data:
            try:
                rec = Record.model_validate(data)
            except ValueError:
                rec = None
        if rec is None:
            continue
        records.append((rec, item.text, rec.doc_id))
        for w in rec.warnings:
            warnings[_warning_type(w)] += 1

    confs: list[float] = []
    expected: list[tuple[float, int, str]] = []
    for rec, _, doc_id in records:
        cs = [i.obj.confidence for i in walk(rec)]
        confs += cs
        expected.append((sum(1 - c for c in cs), len(cs), doc_id))
    expected.sort(key=lambda t: (-t[0], t[2]))

    parts = ['<section id="dashboard"><h2>Quality dashboard</h2><div class="dash-grid">']
    gold = _gold_pairs(records, gold_dir)
    if gold:
        result = score_corpus([(g, json.loads(r.model_dump_json()), t) for r, t, g in gold])
        counts = result.counts
        rows = [(f, [counts[f].precision, counts[f].recall, counts[f].f1])
                for f in HEADLINE_FIELDS if f in counts and counts[f].f1 is not None]
        parts.append(f'<figure id="dash-prf">{bars_svg(rows, ["P", "R", "F1"], "P/R/F1 per field against gold")}'
                     f"<figcaption>P / R / F1 per field ({len(gold)} documents with gold)</figcaption></figure>")
        rel = _reliability(gold)
        if rel:
            parts.append(f'<figure id="dash-reliability">{reliability_svg([("confidence", rel)])}'
                         "<figcaption>Reliability: share correct by confidence bin (gold)</figcaption></figure>")
    parts.append(f'<figure id="dash-hist">{histogram_svg(confs)}'
                 f"<figcaption>Confidence of {len(confs)} values</figcaption></figure>")
    if warnings:
        top = warnings.most_common(15)
        most = top[0][1]
        wrows = [(k, [v / most]) for k, v in top]
        parts.append(f'<figure id="dash-warnings">{bars_svg(wrows, ["share of the most frequent"], "Warnings by type")}'
                     "<figcaption>Warnings by type: "
                     + ", ".join(f"{escape(k)} ({v})" for k, v in top) + "</figcaption></figure>")
    parts.append('<figure id="dash-expected"><table class="dash-docs"><tr><th>document</th>'
                 '<th class="num">expected errors</th><th class="num">values</th></tr>')
    for e, n, doc_id in expected[:25]:
        parts.append(f'<tr><td><a href="#doc={quote(doc_id)}">{escape(doc_id)}</a></td>'
                     f'<td class="num">{e:.2f}</td><td class="num">{n}</td></tr>')
    parts.append("</table><figcaption>Documents ranked by expected errors (sum of 1 − confidence)"
                 "</figcaption></figure></div></section>")
    return "".join(parts)


def _gold_pairs(records, gold_dir: Optional[Path]) -> list:
    if gold_dir is None:
        return []
    out = []
    for rec, text, doc_id in records:
        path = Path(gold_dir) / f"{doc_id}.json"
        if text is None or not path.is_file():
            continue
        try:
            out.append((rec, text, json.loads(path.read_text(encoding="utf-8"))))
        except (OSError, ValueError):
            continue
    return out


def _reliability(gold) -> list[dict]:
    # labelling reuses the calibration's labeller: the scorer's own matching per value
    from .learn.calibration import label_record, reliability

    ps, ys = [], []
    for rec, text, g in gold:
        labels = label_record(g, rec, text)
        for item in walk(rec):
            lab = labels.get(id(item.obj))
            if lab is not None:
                ps.append(item.obj.confidence)
                ys.append(lab)
    return reliability(ps, ys)
