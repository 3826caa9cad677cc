"""The CRF line segmenter: label derivation, deterministic training, the shipped
model, and the runtime refinement of the rule layout."""

import json

import pytest

pytest.importorskip("pycrfsuite")  # the train extra

from notice_extract.apply import segmenter as A  # noqa: E402  (run-time side)
from notice_extract.learn import segmenter as S  # noqa: E402  (training side)
from notice_extract.learn.data import DEFAULT_CORPUS, DEFAULT_GOLD, KINDS, load_pairs
from notice_extract.resources import models_dir
from notice_extract.segment import segment, segments_of
from notice_extract.textmap import build_doc

SEED_ID = "000_9b1d8448ca6bf7da"  # a seed gold file, fully annotated


@pytest.fixture(scope="module")
def pairs():
    ps = load_pairs(DEFAULT_GOLD, DEFAULT_CORPUS, quiet=True)
    if not ps:
        pytest.skip("no training gold")
    return ps


def test_labels_derived_from_a_real_gold_file(pairs):
    pair = next(p for p in pairs if p.doc_id == SEED_ID)
    lines = pair.text.split("\n")
    labels = pair.line_labels
    assert len(labels) == len(lines)
    # blank lines are unlabelled, every non-blank line of this file is covered
    assert all((lab is None) == (not s.strip()) for s, lab in zip(lines, labels))
    assert pair.unlabelled == []
    # ranges as written in the gold file, 1-based
    for seg in pair.gold["segments"]:
        first, last = seg["lines"]
        assert labels[first - 1] == seg["kind"] and labels[last - 1] == seg["kind"]
    assert labels[0] is None or labels[0] in KINDS
    assert pair.doc_line_labels() == labels  # no lone \r: working lines == source lines


def test_training_is_deterministic(pairs, tmp_path):
    tiny = pairs[:3]
    a = S.fit(tiny, tmp_path / "a.crfsuite", with_rules=True, seed=1)
    b = S.fit(tiny, tmp_path / "b.crfsuite", with_rules=True, seed=1)
    assert a.read_bytes() == b.read_bytes()
    doc = pairs[3 % len(pairs)].doc
    assert A.tag_lines(A.open_tagger(a), doc, segment(doc)) == A.tag_lines(A.open_tagger(b), doc, segment(doc))


def _shipped_tagger():
    path = models_dir() / A.MODEL_NAME
    if not path.exists():
        pytest.skip("no shipped model: run python -m notice_extract.learn.train")
    return A.open_tagger(path)


def test_shipped_model_predicts_a_kind_for_every_nonblank_line(pairs):
    tagger = _shipped_tagger()
    meta = json.loads((models_dir() / A.META_NAME).read_text(encoding="utf-8"))
    assert meta["variant"] == "combined" and isinstance(meta["enabled"], bool)
    for p in pairs[:10]:
        kinds = A.tag_lines(tagger, p.doc, segment(p.doc))
        for s, k in zip(p.doc.lines, kinds):
            assert (k in KINDS) if s.strip() else k is None


TEXTS = [
    "",
    "\n\n  \n",
    "THÔNG BÁO\nKết luận của Thường trực\n\n1. Đề nghị UBND xã thực hiện.\nNơi nhận:\n- Như trên;\nT/M BAN THƯỜNG VỤ\nNguyễn Văn A",
]


@pytest.mark.parametrize("force", [False, True])
def test_refine_layout_keeps_every_line_labelled_and_spans_exact(pairs, force):
    tagger = _shipped_tagger()
    texts = TEXTS + [p.text for p in pairs[:8]]
    for text in texts:
        doc = build_doc(text)
        rules = segment(doc)
        # force: relabel wherever the model disagrees at all, the most the refinement can change
        out = A.refine(doc, rules, tagger, sure=set(), threshold=0.0) if force else A.refine_layout(doc, rules)
        assert len(out.kinds) == len(doc.lines)
        for s, k in zip(doc.lines, out.kinds):
            assert (k in KINDS) if s.strip() else k is None
        covered: list[int] = []
        for seg in segments_of(doc, out):
            first, last = seg.lines
            # the span runs exactly from the first line's first to the last line's last source character
            assert tuple(seg.span) == (doc.source_span(*doc.line_span(first))[0], doc.source_span(*doc.line_span(last))[1])
            assert text[seg.span[0]:seg.span[1]].strip()
            assert seg.method in ("rule:segment", "rule+model", A.METHOD)
            assert 0.0 <= seg.confidence <= 1.0
            covered += [n for n in range(first, last + 1) if doc.lines[n - 1].strip()]
        # every non-blank line in exactly one segment
        assert covered == [i + 1 for i, s in enumerate(doc.lines) if s.strip()]


def test_model_written_runs_carry_model_provenance():
    doc = build_doc("Dòng một.\nDòng hai.\nDòng ba.")
    base = segment(doc)
    out = A.RefinedLayout(kinds=["header", "findings", "findings"], methods=["rule", "model", "model"],
                          confidences=[None, 0.95, 0.93])
    segs = segments_of(doc, out)
    assert [(s.kind, s.method) for s in segs] == [("header", "rule:segment"), ("findings", A.METHOD)]
    assert segs[1].confidence == pytest.approx(0.94)
    mixed = A.RefinedLayout(kinds=["findings"] * 3, methods=["rule", "model", "rule"], confidences=[None, 0.9, None])
    assert [s.method for s in segments_of(doc, mixed)] == ["rule+model"]
    assert base.kinds  # the rule layout of the same text has a kind per line


def test_missing_model_falls_back_to_rules_with_a_warning(monkeypatch, tmp_path):
    from notice_extract.apply import segmenter as R

    monkeypatch.setattr(R, "models_dir", lambda: tmp_path)
    A._shipped.cache_clear()
    try:
        doc = build_doc(TEXTS[2])
        rules = segment(doc)
        assert A.refine_layout(doc, rules) is rules  # off (models/shipped.json): the model is not even loaded
        from notice_extract.apply import config

        with config.use(segmenter=True):
            out = A.refine_layout(doc, rules)
        assert out.kinds == rules.kinds
        assert any("not found" in w for w in out.warnings)
    finally:
        A._shipped.cache_clear()


def test_paragraphs_from_cached_facts_equal_the_rule_segmenters(pairs):
    from notice_extract.segment import paragraphs

    for p in pairs:
        nums, facts = A._facts(p.doc)
        assert A._paragraphs(nums, facts) == paragraphs(p.doc.lines, 1, len(p.doc.lines)), p.doc_id


def test_prefiltered_cues_match_the_yaml_patterns(pairs):
    """A prefilter only skips lines the cue pattern cannot match: same hits as a plain search."""
    floating = A._floating()
    for p in pairs:
        for raw in p.doc.lines:
            s = raw.strip()
            if not s:
                continue
            got = set(A._Line(raw).cues)
            for name, _, pat in floating:
                assert (name in got) == bool(pat.search(s)), (p.doc_id, name, s)


def test_disabled_or_untuned_combination_returns_the_rule_layout(pairs):
    tagger = _shipped_tagger()
    doc = pairs[0].doc
    rules = segment(doc)
    out = A.refine(doc, rules, tagger, sure=set(), threshold=None)
    assert out.kinds == rules.kinds and all(m != "model" for m in out.methods)
