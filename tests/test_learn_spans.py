"""The span recogniser (learn/spans.py): alignment, determinism, the shipped model."""

from __future__ import annotations

import pytest

spacy = pytest.importorskip("spacy")

from notice_extract.apply import config  # noqa: E402
from notice_extract.apply import spans as R  # noqa: E402  (run time)
from notice_extract.learn import spans as S  # noqa: E402
from notice_extract.learn.data import DEFAULT_GOLD, load_pairs  # noqa: E402
from notice_extract.textmap import build_doc  # noqa: E402

SEED = "000_9b1d8448ca6bf7da"


@pytest.fixture(scope="module")
def seed_pair():
    if not (DEFAULT_GOLD / f"{SEED}.json").exists():
        pytest.skip("training gold not present")
    pairs = [p for p in load_pairs(need=None, quiet=True) if p.doc_id == SEED]
    assert pairs
    return pairs[0]


def test_alignment_finds_own_printed_words(seed_pair):
    d = S.derive(seed_pair)
    text = d.doc.text
    first = next(ex for ex in d.examples if ex.kind == "directive")
    got = [(text[a:b], label) for a, b, label in first.ents]
    # "Đảng uỷ, UBND và các ngành, đoàn thể xã Lan Giới": the composed values
    # "Đảng ủy xã Lan Giới", "UBND xã Lan Giới" align to their own words
    assert got == [("Đảng ủy", "UNIT"), ("UBND", "UNIT"), ("các ngành, đoàn thể xã Lan Giới", "GROUP")]
    # items that open with a verb have no own party
    assert any(ex.kind == "directive" and not ex.ents for ex in d.examples)
    # the meeting's chair and counterpart are found in the opening
    opening = [(text[a:b], label) for ex in d.examples if ex.kind == "opening" for a, b, label in ex.ents]
    assert ("Thường trực Huyện ủy", "UNIT") in opening
    assert ("Đảng ủy xã Lan Giới", "UNIT") in opening
    assert not d.unaligned


def test_align_modes():
    text = "- Đảng uỷ, UBND xã Lan Giới cần đổi mới; Phòng Tài nguyên và Môi trường hướng dẫn"
    reg = (0, len(text))
    exact = S.align(text, reg, "Ủy ban nhân dân xã Lan Giới")
    assert [(text[a.start:a.end], a.how) for a in exact] == [("UBND xã Lan Giới", "exact")]
    composed = S.align(text, reg, "Đảng ủy xã Lan Giới")
    assert [(text[a.start:a.end], a.how) for a in composed] == [("Đảng uỷ", "composed")]
    fuzzy = S.align(text, reg, "Phòng Tài nguyên và Môi trườn")
    assert fuzzy and fuzzy[0].how in ("exact", "fuzzy")
    assert S.align(text, reg, "Sở Công Thương") == []


def test_training_is_deterministic(seed_pair):
    d = S.derive(seed_pair)
    d.examples = d.examples[:12]
    a, _ = S._fit([d], seed=7, epochs=2)
    b, _ = S._fit([d], seed=7, epochs=2)
    assert a.get_pipe("ner").to_bytes() == b.get_pipe("ner").to_bytes()


def test_shipped_model_loads_and_stays_in_ranges():
    nlp = R.load_model()
    assert nlp is not None, "models/spans missing: run python -m notice_extract.learn.spans train"
    assert nlp.tokenizer.use_pyvi is False
    text = (
        "2. Phòng Tài nguyên và Môi trường hướng dẫn UBND xã Liên Chung lập hồ sơ.\n"
        "3. Đề nghị đồng chí Nguyễn Thế Huy - PCT HĐND huyện chỉ đạo Ban Tổ chức Huyện uỷ rà soát.\n"
    )
    doc = build_doc(text)
    ranges = [(3, 73), (77, len(doc.text) - 1), (10, 10)]
    out = R.recognise(doc, ranges)
    assert len(out) == len(ranges)
    for (a, b), spans in zip(ranges, out):
        for s, e, label, score in spans:
            assert a <= s < e <= b
            assert label in R.LABELS
            assert 0.0 <= score <= 1.0


def test_missing_model_gives_nothing_and_a_warning():
    doc = build_doc("1. Các xã khẩn trương rà soát.\n")
    saved = dict(R._STATE)
    try:
        R._STATE.update(nlp=None, loaded=True)
        assert R.recognise(doc, [(3, 20)]) == []
        with config.use(spans="fallback"):
            rules, warning = R.fallback_responsible(doc, [(3, len(doc.text) - 1)], [[]])
        assert rules == [[]]
        assert warning and "span model" in warning
    finally:
        R._STATE.clear()
        R._STATE.update(saved)


def test_model_parties_are_grounded():
    nlp = R.load_model()
    if nlp is None:
        pytest.skip("no shipped model")
    text = "1. Ban Quản lý dự án huyện rà soát, báo cáo trước ngày 20/4/2019.\n"
    doc = build_doc(text)
    with R.override(mode="fallback"):
        out, _ = R.fallback_responsible(doc, [(3, len(doc.text) - 1)], [[]])
    for p in out[0]:
        assert text[p.span[0]:p.span[1]] == p.text
        assert p.method == R.METHOD
