"""End to end against gold: field-by-field scores must not regress, and every span
of every record of every corpus file must be exact.

Two gold sets: the shared dev gold (``../shared/gold/dev``, five seed notices)
and the repo's own annotations (``training/gold``: the seeds plus 37 documents
annotated by hand). The floor for each field of each set is in
``e2e_baseline.json``. After a deliberate improvement, refresh it with
``NOTICE_EXTRACT_UPDATE_BASELINE=1 python -m pytest tests/test_e2e.py`` and commit
the new file with the change that earned it."""

import json
import os
from pathlib import Path

import pytest

from conftest import GOLD, REPO, corpus_files
from notice_extract.decode import read_file
from notice_extract.pipeline import extract_file
from notice_extract.scoring import score_corpus
from test_robustness import assert_grounded

BASELINE = Path(__file__).with_name("e2e_baseline.json")
SETS = {
    "shared-dev": (GOLD, GOLD.parent.parent / "corpus" / "dev"),
    "training": (REPO / "training" / "gold", REPO / "training" / "corpus"),
}


def _score(name):
    gold_dir, corpus_dir = SETS[name]
    golds = sorted(gold_dir.glob("*.json")) if gold_dir.is_dir() else []
    if not golds:
        pytest.skip(f"no gold at {gold_dir}")
    pairs = []
    for g in golds:
        gold = json.loads(g.read_text(encoding="utf-8"))
        path = corpus_dir / f"{g.stem}.txt"
        rec = extract_file(path)
        pairs.append((gold, json.loads(rec.model_dump_json()), read_file(path)[1].text))
    return score_corpus(pairs)


@pytest.fixture(scope="module", params=sorted(SETS))
def scored(request):
    return request.param, _score(request.param)


def _metric(row) -> float | None:
    return row["F1"] if row.get("F1") is not None else row.get("accuracy")


def test_no_field_regresses_against_gold(scored):
    name, result = scored
    now = {row["field"]: _metric(row) for row in result.table()}
    floors = json.loads(BASELINE.read_text(encoding="utf-8")) if BASELINE.exists() else {}
    if os.environ.get("NOTICE_EXTRACT_UPDATE_BASELINE"):
        floors[name] = now
        BASELINE.write_text(json.dumps(floors, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    floor = floors[name]
    regressed = {
        f: (floor[f], now.get(f)) for f in floor if floor[f] is not None and (now.get(f) or 0.0) < floor[f] - 1e-9
    }
    assert not regressed, f"{name}: fields below their baseline (floor, now): {regressed}"


def test_grounding_and_paths_are_perfect(scored):
    name, result = scored
    rows = {row["field"]: row for row in result.table()}
    assert rows["grounding"]["accuracy"] == 1.0, name
    assert rows["directives.path"]["accuracy"] == 1.0, name


@pytest.mark.parametrize("path", corpus_files(), ids=lambda p: p.stem)
def test_every_span_exact_on_every_corpus_file(path):
    rec = extract_file(path)
    _, decoded = read_file(path)
    assert assert_grounded(rec, decoded.text) > 0
    assert rec.segments, "every document gets segments"
