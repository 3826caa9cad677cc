"""Calibrated confidence: the shipped table loads and maps into [0, 1]; the
labels agree with the scorer; ``review`` ranks real records lowest first."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest

from notice_extract.apply.calibration import TABLE_FILE, Table, features, walk
from notice_extract.apply.config import use
from notice_extract.learn import calibration as C
from notice_extract.learn.data import load_pairs
from notice_extract.pipeline import extract_file, extract_text
from notice_extract.resources import models_dir
from notice_extract.scoring import score_document

REPO = Path(__file__).resolve().parents[1]
SAMPLES = sorted((REPO / "samples").glob("*.txt"))


def test_shipped_table_loads_and_maps_into_unit_interval():
    table = Table.load(models_dir() / TABLE_FILE)
    assert table.weights, "an empty table would leave every value at one constant"
    for path in SAMPLES:
        rec = extract_file(path)
        items = list(walk(rec))
        assert items
        for item in items:
            assert 0.0 <= item.obj.confidence <= 1.0
        # an unseen key (a method no table knows) still maps into [0, 1]
        assert 0.0 <= table.probability(("segments", "rule:new", 0.5, ("own",))) <= 1.0


def test_calibration_replaces_the_rule_constants_and_can_be_turned_off():
    text = SAMPLES[0].read_text(encoding="utf-8")
    with use(calibration=False):
        raw = [i.obj.confidence for i in walk(extract_text(text, "d"))]
    cal = [i.obj.confidence for i in walk(extract_text(text, "d"))]
    assert len(raw) == len(cal)
    assert raw != cal


def test_a_broken_table_is_refused(tmp_path):
    bad = tmp_path / TABLE_FILE
    bad.write_text(json.dumps({"bias": "nan", "weights": {}}), encoding="utf-8")
    with pytest.raises(ValueError):
        Table.load(bad)


def test_labels_agree_with_the_scorer_on_the_gold():
    """Every labelled value is a scorer tp (1) or fp (0), field by field."""
    pairs = [p for p in load_pairs(need=None, quiet=True) if p.doc_id.startswith(("00", "r00", "t00"))]
    assert pairs
    with use(calibration=False):
        for p in pairs:
            rec = extract_text(p.text, p.doc_id)
            labels = C.label_record(p.gold, rec, p.text)
            got: dict = {}
            for item in walk(rec):
                lab = labels.get(id(item.obj))
                if lab is not None:
                    got.setdefault(item.field, [0, 0])[1 - lab] += 1
            ds = score_document(p.gold, json.loads(rec.model_dump_json()), p.text)
            for field, c in ds.counts.items():
                if field in got:
                    assert tuple(got[field]) == (c.tp, c.fp), (p.doc_id, field)


def test_fit_learns_rates_and_ece_measures_them():
    rows = [C.Row("d%d" % (i % 7), "segments", ("segments", "rule:segment", 0.8, ("kind=opening",)), 0.8,
                  int(i % 10 != 0)) for i in range(200)]
    rows += [C.Row("d%d" % (i % 7), "segments", ("segments", "rule:segment", 0.8, ("kind=header",)), 0.8, 1)
             for i in range(200)]
    model = C.fit(rows, 1.0)
    p_open = model.predict(rows[0].key)
    p_head = model.predict(rows[-1].key)
    assert p_open < p_head
    assert abs(p_open - 0.9) < 0.05
    assert C.ece([0.9] * 10, [1] * 9 + [0]) == pytest.approx(0.0)
    assert C.ece([1.0] * 10, [0] * 10) == pytest.approx(1.0)
    cap = C.review_capture([0.1, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9], [0] + [1] * 9)
    assert cap["top_10"] == 1.0
    assert features(rows[0].key)[0] == "family=segments"


def test_review_lists_lowest_confidence_first(tmp_path):
    out = tmp_path / "samples.jsonl"
    cmd = [sys.executable, "-m", "notice_extract"]
    subprocess.run(cmd + ["extract", str(REPO / "samples"), "-o", str(out)], check=True, capture_output=True)
    queue = tmp_path / "queue.csv"
    subprocess.run(cmd + ["review", str(out), "-o", str(queue)], check=True, capture_output=True)
    rows = list(csv.DictReader(queue.open(encoding="utf-8")))
    assert rows and set(rows[0]) >= {"doc_id", "field", "value", "confidence", "line", "snippet"}
    confs = [float(r["confidence"]) for r in rows]
    assert confs == sorted(confs)
    assert any(r["snippet"] for r in rows)
    html = tmp_path / "queue.html"
    subprocess.run(cmd + ["review", str(out), "-o", str(html)], check=True, capture_output=True)
    assert "<table>" in html.read_text(encoding="utf-8")
