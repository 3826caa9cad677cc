"""End to end on the dev corpus: field-by-field scores against gold must not regress,
and every span of every record of every corpus file must be exact.

The floor for each field is in ``e2e_baseline.json``. After a deliberate
improvement, refresh it with ``NOTICE_EXTRACT_UPDATE_BASELINE=1 python -m pytest tests/test_e2e.py``
and commit the new file with the change that earned it."""

import json
import os
from pathlib import Path

import pytest

from conftest import GOLD, corpus_files, gold_docs, load_gold, read_source
from notice_extract.pipeline import extract_file
from notice_extract.scoring import score_corpus
from test_robustness import assert_grounded

BASELINE = Path(__file__).with_name("e2e_baseline.json")


@pytest.fixture(scope="module")
def scored():
    if not gold_docs():
        pytest.skip(f"no gold at {GOLD}")
    pairs = []
    for doc_id in gold_docs():
        rec = extract_file(GOLD.parent.parent / "corpus" / "dev" / f"{doc_id}.txt")
        pairs.append((load_gold(doc_id), json.loads(rec.model_dump_json()), read_source(doc_id)))
    return score_corpus(pairs)


def _metric(row) -> float | None:
    return row["F1"] if row.get("F1") is not None else row.get("accuracy")


def test_no_field_regresses_against_gold(scored):
    now = {row["field"]: _metric(row) for row in scored.table()}
    if os.environ.get("NOTICE_EXTRACT_UPDATE_BASELINE"):
        BASELINE.write_text(json.dumps(now, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    floor = json.loads(BASELINE.read_text(encoding="utf-8"))
    regressed = {
        f: (floor[f], now.get(f)) for f in floor if floor[f] is not None and (now.get(f) or 0.0) < floor[f] - 1e-9
    }
    assert not regressed, f"fields below their baseline (floor, now): {regressed}"


def test_grounding_and_segments_are_perfect_on_gold(scored):
    rows = {row["field"]: row for row in scored.table()}
    assert rows["grounding"]["accuracy"] == 1.0
    assert rows["directives.path"]["accuracy"] == 1.0


@pytest.mark.parametrize("path", corpus_files(), ids=lambda p: p.stem)
def test_every_span_exact_on_every_corpus_file(path):
    rec = extract_file(path)
    from notice_extract.decode import read_file

    _, decoded = read_file(path)
    assert assert_grounded(rec, decoded.text) > 0
    assert rec.segments, "every document gets segments"
