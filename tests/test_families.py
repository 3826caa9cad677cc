"""The issuer family map for grouped CV (training/families.yaml)."""

from __future__ import annotations

import pytest

from conftest import CORPUS
from notice_extract.learn.families import DEFAULT_FAMILIES, FamilyError, families_for, folds, load_families
from notice_extract.learn.data import DEFAULT_GOLD


def test_every_training_and_dev_document_has_a_family():
    fam = load_families()
    docs = {p.stem for p in DEFAULT_GOLD.glob("*.json")} | ({p.stem for p in CORPUS.glob("*.txt")} if CORPUS.is_dir() else set())
    assert docs and not docs - set(fam), sorted(docs - set(fam))


def test_missing_document_is_named(tmp_path):
    with pytest.raises(FamilyError, match="x999"):
        families_for(["r001", "x999"], DEFAULT_FAMILIES)


@pytest.mark.parametrize("text, message", [
    ("families: []\n", "top-level"),
    ("families:\n  Bad-Id: {name: a, documents: [a]}\n", "lower-case"),
    ("families:\n  a: {name: a, documents: []}\n", "no documents"),
    ("families:\n  a: {name: a, documents: [x]}\n  b: {name: b, documents: [x]}\n", "two families"),
    ("families:\n  a: {documents: [x]}\n", "no name"),
])
def test_malformed_maps_are_refused(tmp_path, text, message):
    p = tmp_path / "families.yaml"
    p.write_text(text, encoding="utf-8")
    with pytest.raises(FamilyError, match=message):
        load_families(p)


def test_folds_hold_out_whole_families():
    ids = ["a1", "b1", "a2", "c1"]
    assert folds(ids, {"a1": "a", "a2": "a", "b1": "b", "c1": "c"}) == [("a", [0, 2]), ("b", [1]), ("c", [3])]


def test_train_stops_on_a_document_without_family(tmp_path):
    import shutil

    from typer.testing import CliRunner

    from notice_extract.cli import app

    gold, corpus = tmp_path / "gold", tmp_path / "corpus"
    gold.mkdir()
    corpus.mkdir()
    shutil.copy(DEFAULT_GOLD / "r001.json", gold / "zz_new.json")
    shutil.copy(DEFAULT_GOLD.parent / "corpus" / "r001.txt", corpus / "zz_new.txt")
    res = CliRunner().invoke(app, ["train", "--gold", str(gold), "--corpus", str(corpus), "--out", str(tmp_path / "m")])
    assert res.exit_code == 2
    assert "zz_new" in res.output and "no issuer family" in res.output
