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


def _assert_labels_are_the_scorers(p, rec) -> None:
    """Each field's calibration labels count what the scorer counts: 1 = tp, 0 = fp."""
    labels = C.label_record(p.gold, rec, p.text)
    got: dict = {}
    for item in walk(rec, p.text):
        lab = labels.get(id(item.obj))
        if lab is not None:
            got.setdefault(item.field, [0, 0])[1 - lab] += 1
    ds = score_document(p.gold, json.loads(rec.model_dump_json()), p.text)
    for field, c in ds.counts.items():
        if field in got:
            assert tuple(got[field]) == (c.tp, c.fp), (p.doc_id, field)


def test_labels_agree_with_the_scorer_on_the_gold():
    """Every labelled value is a scorer tp (1) or fp (0), field by field."""
    pairs = [p for p in load_pairs(need=None, quiet=True) if p.doc_id.startswith(("00", "r00", "t00"))]
    assert pairs
    with use(calibration=False):
        for p in pairs:
            _assert_labels_are_the_scorers(p, extract_text(p.text, p.doc_id))


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


def test_ece_if_calibrated_is_the_sampling_floor_of_binned_ece():
    """A table whose confidences are exact still shows a binned ECE well above
    0 on few values, and the floor falls as values grow (about 1/sqrt(n))."""
    few, many = [0.8] * 25, [0.8] * 2500
    assert 0.1 < C.ece_if_calibrated(few) < 0.3
    assert C.ece_if_calibrated(many) < 0.03
    assert C.ece_if_calibrated([1.0] * 30) == 0.0  # certain labels cannot miss
    assert C.ece_if_calibrated(few) == C.ece_if_calibrated(few)  # seeded: the card does not move between runs


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


# --------------------------------------------------------------------------
# First-look records, text signs, the in-sample sign, the model card section
# --------------------------------------------------------------------------

from notice_extract.apply.calibration import boundary_sign, deadline_signs, ocr_level, party_signs, text_signs  # noqa: E402
from notice_extract.models import Deadline, Record, Party  # noqa: E402

FIRST_LOOK = REPO / "training" / "firstlook"


def test_first_look_records_are_labelled_as_the_scorer_counts_them():
    """The frozen extractor's records (an older model version) load into
    today's Record, and their labels are the scorer's tp/fp field by field."""
    rounds = sorted(FIRST_LOOK.glob("*/ROUND.json"))
    assert rounds, "no first-look round in training/firstlook"
    pairs = {p.doc_id: p for p in load_pairs(need=None, quiet=True)}
    listed: list[str] = []
    for round_file in rounds:
        documents = json.loads(round_file.read_text(encoding="utf-8"))["documents"]
        for doc_id in documents:
            assert (round_file.parent / f"{doc_id}.json").is_file()
            assert doc_id in pairs, f"{doc_id}: first-look record without gold"
        for doc_id in documents[:8]:
            rec = Record.model_validate_json((round_file.parent / f"{doc_id}.json").read_text(encoding="utf-8"))
            _assert_labels_are_the_scorers(pairs[doc_id], rec)
        listed += documents
    rows, _ = C.firstlook_rows(list(pairs.values()))
    assert {r.source for r in rows} == {C.FIRST_LOOK}
    assert {r.doc_id for r in rows} == set(listed)


def test_clause_first_look_rows_are_labelled_as_the_clause_scorer_counts_them(tmp_path):
    """A clause round's first look: each found party or deadline is right when
    the clause scorer pairs it with own gold, wrong when spurious, and left out
    when it only meets an optional value; a clause of a document without a
    family is counted, not used."""
    gold = tmp_path / "clauses"
    gold.mkdir()
    party = lambda v, **k: {"value": v, "kind": "unit", "role": "lead", "inherited": False, **k}
    clauses = [
        {"id": "x1", "doc": "dA", "group": "g", "ref_date": "2026-01-01",
         "clause": "Giao Sở Tài chính chủ trì, phối hợp với Sở Nội vụ hoàn thành trước ngày 30/6/2026.",
         "responsible": [party("Sở Tài chính")], "responsible_optional": [party("Sở Nội vụ", role="support")],
         "deadlines": [{"kind": "before", "start": None, "end": "2026-06-30", "recurrence": None,
                        "inherited": False, "text": "trước ngày 30/6/2026"}], "deadlines_optional": []},
        {"id": "x2", "doc": "dB", "group": "g", "clause": "Giao Sở Y tế thực hiện.",
         "responsible": [party("Sở Y tế")], "deadlines": []},
    ]
    (gold / "r.jsonl").write_text("".join(json.dumps(c, ensure_ascii=False) + "\n" for c in clauses), encoding="utf-8")
    found = lambda v, role="lead": {"confidence": 0.85, "method": "rule:responsible", "text": v, "value": v,
                                    "kind": "unit", "role": role, "inherited": False}
    rec = {"id": "x1",
           "responsible": [found("Sở Tài chính"), found("Sở Nội vụ", "support"), found("Bộ Công an")],
           "deadlines": [{"confidence": 0.9, "method": "rule:deadline.before", "text": "trước ngày 30/6/2026",
                          "kind": "before", "start": None, "end": "2026-06-30", "recurrence": None,
                          "inherited": False}]}
    other = {"id": "x2", "responsible": [found("Sở Y tế")], "deadlines": []}
    (tmp_path / "fl" / "abc1234").mkdir(parents=True)
    (tmp_path / "fl" / "abc1234" / "clauses-r.jsonl").write_text(
        json.dumps(rec, ensure_ascii=False) + "\n" + json.dumps(other, ensure_ascii=False) + "\n", encoding="utf-8")
    rows, unlabelled = C.clause_firstlook_rows({"dA"}, folder=tmp_path / "fl", clause_dir=gold)
    got = sorted((r.field, r.key[0], r.label) for r in rows)
    assert got == [("directives.deadlines", "directives.deadlines", 1),
                   ("directives.responsible", "directives.responsible", 0),
                   ("directives.responsible", "directives.responsible", 1)]
    assert {r.source for r in rows} == {C.FIRST_LOOK} and {r.doc_id for r in rows} == {"dA"}
    assert unlabelled == {"directives.responsible": 1, "clauses without gold or family": 1}
    # the rows carry the features a directive's party has at run time
    wrong = next(r for r in rows if r.label == 0)
    assert {"role=lead", "kind=unit", "not-notice", "own"} <= set(wrong.key[3])


def test_text_signs_of_one_value():
    clean = "ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NGÃI\nSố: 12/TB-UBND | email: vp@qn.gov.vn\n" * 5
    noisy = clean + "R-.4ê th TL. CHỦ TỊCH ˆ† Š€ »{\\ `\n"
    assert ocr_level(clean) == "ocr=none"
    assert ocr_level(noisy) in ("ocr=some", "ocr=high")
    assert ocr_level(None) == "ocr=none"
    rec = Party(value="x", text="- Như trên;\nKT. CHỦ TỊCH")
    signs = text_signs(rec)
    assert {"caps-run", "multiline", "mode-word", "len<=40"} <= set(signs)
    assert "lower-start" in text_signs(Party(value="x", text="đơn vị liên quan"))
    assert text_signs(Party(value="x")) == ("len=0",)


@pytest.mark.parametrize("text, kind, grain", [
    ("trước ngày 15/4/2025", "before", "day"), ("trước ngày 30 tháng 6", "before", "day"),
    ("hoàn thành trong quý II/2025", "by", "month"), ("trong tháng 4 năm 2025", "within", "month"),
    ("trong năm 2026", "within", "year"), ("đến năm 2030", "by", "year"),
    ("hằng năm", "recurring", "none"), ("trước ngày 20 hằng tháng", "recurring", "day"),
])
def test_deadline_signs_name_kind_and_finest_unit(text, kind, grain):
    signs = deadline_signs(Deadline(kind=kind, text=text))
    assert signs == (f"kind={kind}", f"grain={grain}", f"kind={kind}&grain={grain}")


@pytest.mark.parametrize("text, value, sign", [
    ("Ban Chỉ đạo các quân khu chủ trì.", "Ban Chỉ đạo", "next=other"),  # a name cut short
    ("Ủy ban nhân dân xã, phường, thị trấn thực hiện.", "Ủy ban nhân dân xã", "next=comma-lower"),  # a split collective
    ("Sở Y tế chủ trì, phối hợp.", "Sở Y tế", "next=predicate"),
    ("Sở Y tế khẩn trương rà soát.", "Sở Y tế", "next=predicate"),
    ("Sở Y tế và Sở Tài chính thực hiện.", "Sở Y tế", "next=and"),
    ("Giao Sở Y tế, Sở Tài chính thực hiện.", "Sở Y tế", "next=stop"),
    ("Sở Y tế Thực hiện.", "Sở Y tế", "next=upper"),
    ("Giao Sở Y tế.", "Sở Y tế", "next=stop"),
])
def test_boundary_sign_says_what_follows_a_party(text, value, sign):
    start = text.index(value)
    p = Party(value=value, text=value, span=(start, start + len(value)))
    assert boundary_sign(p, text) == sign
    assert boundary_sign(p, None) == "next=?"  # no source: no sign
    assert sign in party_signs(p, text)


def test_the_in_sample_sign_lowers_run_time_confidence_to_the_first_look_level():
    """In-sample values (95 % right) and first-look values (60 % right) of one
    key: the shipped fit predicts near the first-look rate, the sign stays out
    of the table, and a fit on the in-sample values alone stays near 95 %."""
    key = ("issuer", "rule:issuer.header", 0.9, ("own",))
    rows = [C.Row(f"d{i % 9}", "issuer", key, 0.9, int(i % 20 != 0)) for i in range(400)]
    rows += [C.Row(f"f{i % 9}", "issuer", key, 0.9, int(i % 5 >= 2), C.FIRST_LOOK) for i in range(100)]
    import numpy as np

    d = C.Design(rows, in_sample_sign=True)
    w = d.fit(np.ones(len(rows), dtype=bool), 1.0)
    assert abs(float(d.predict(w)[0]) - 0.6) < 0.08
    table = d.fitted(w)
    assert C.IN_SAMPLE_FEATURE not in table.weights
    assert abs(table.predict(key) - float(d.predict(w)[0])) < 1e-9
    alone = C.fit([r for r in rows if r.source == C.IN_SAMPLE], 1.0)
    assert abs(alone.predict(key) - 0.95) < 0.03


def test_cross_validation_writes_the_model_card_section(tmp_path):
    """Grouped CV on three real families (one with first-look records) reports
    both label sets, and train_model writes the marked section of README.md
    (replaced, not appended, on the next run)."""
    keep = {"000_9b1d8448ca6bf7da", "002_765b2f3007ea3c3e", "t002", "t005", "r002", "r003"}
    pairs = [p for p in load_pairs(need=None, quiet=True) if p.doc_id in keep]
    fams = {"000_9b1d8448ca6bf7da": "bac_giang", "002_765b2f3007ea3c3e": "bac_giang",
            "t002": "lam_dong", "t005": "lam_dong", "r002": "ha_noi", "r003": "ha_noi"}
    cv = C.cross_validate(pairs, 13, extract=extract_text, families=fams)
    assert cv["in-sample"]["pooled"]["values"] > 50
    assert cv["first-look"]["pooled"]["values"] > 10
    for r in cv["table"]:
        assert 0.0 <= r["ECE shipped"] <= 1.0
        assert 0.0 <= r["ECE if calibrated"] <= 1.0 and r["documents"] >= 1
    readme = tmp_path / "README.md"
    readme.write_text("# Models\n", encoding="utf-8")
    for _ in range(2):
        C.train_model(pairs, tmp_path, 13, extract=extract_text, families=fams, cv=cv)
    text = readme.read_text(encoding="utf-8")
    assert text.count(C.README_START) == 1 and text.count(C.README_END) == 1
    assert "first-look labels" in text and "| in-sample | **overall** |" in text
    table = Table.load(tmp_path / TABLE_FILE)
    assert table.meta["first_look_values"] == cv["first-look"]["pooled"]["values"]
