"""Boundary refinement (apply/spans.py, mode ``refine``): the rules decide which
parties an item has, a model span may only lengthen one of them."""

from __future__ import annotations

import unicodedata

import pytest

from notice_extract.extract.parties import find_responsible
from notice_extract.apply import spans as S
from notice_extract.textmap import build_doc

# (the rules stop at "xây dựng", a predicate word; a model span may read on)
TEXT = "- Chủ đầu tư và các nhà thầu xây dựng công trình chịu trách nhiệm về hồ sơ.\n"


def _rules(doc):
    return find_responsible(doc, 2, len(doc.text) - 1)


def _span(doc, first: str, last: str, label: str):
    a = doc.text.index(first)
    b = doc.text.index(last, a) + len(last)
    return (a, b, label, 0.9)


def test_rule_party_is_lengthened_by_a_model_span_from_its_start():
    doc = build_doc(TEXT)
    rules = _rules(doc)
    assert [p.value for p in rules] == ["Chủ đầu tư", "các nhà thầu"]
    out = S.refine_parties(doc, rules, [_span(doc, "các nhà thầu", "công trình", "GROUP")], precision=0.7)
    assert [p.value for p in out] == ["Chủ đầu tư", "các nhà thầu xây dựng công trình"]
    got = out[1]
    assert got.method == S.REFINE_METHOD and got.role == rules[1].role and got.kind == "group"
    assert got.confidence == 0.7
    assert TEXT[got.span[0] : got.span[1]] == got.text
    assert out[0] is rules[0]  # untouched parties are the rule's own objects


@pytest.mark.parametrize(
    "span, why",
    [
        (("các nhà thầu", "công trình", "UNIT"), "another kind"),
        (("nhà thầu", "công trình", "GROUP"), "does not start where the rule party starts"),
        (("các nhà thầu", "nhà thầu", "GROUP"), "not longer"),
        (("Chủ đầu tư", "nhà thầu", "UNIT"), "runs into the next party"),
        (("các nhà thầu", "hồ sơ", "GROUP"), "adds more than REFINE_MAX_EXTRA words"),
        (("các nhà thầu", "xây dựng", "GROUP"), "no predicate follows ('công trình' does)"),
    ],
)
def test_refinement_is_refused(span, why):
    doc = build_doc(TEXT)
    rules = _rules(doc)
    out = S.refine_parties(doc, rules, [_span(doc, *span)])
    assert [p.value for p in out] == [p.value for p in rules], why


def test_refinement_stays_in_the_clause():
    text = "- Các nhà thầu, tư vấn giám sát chịu trách nhiệm về hồ sơ.\n"
    doc = build_doc(text)
    rules = _rules(doc)
    heads = [p for p in rules if p.value.lower().startswith("các nhà thầu")]
    assert heads
    out = S.refine_parties(doc, rules, [_span(doc, "Các nhà thầu", "giám sát", "GROUP")])
    assert [p.value for p in out] == [p.value for p in rules]  # a comma is never crossed


def test_composed_values_are_not_refined():
    # "Đảng uỷ" carries the shared locality in its value: its words are not all printed there
    text = "- Đảng uỷ, UBND xã Lan Giới chỉ đạo rà soát.\n"
    doc = build_doc(text)
    rules = _rules(doc)
    composed = [p for p in rules if S.norm(p.value) != S.norm(S.clean_value(p.text))]
    assert composed
    assert all(S._refinable(doc, p) is None for p in composed)


def test_refined_party_is_grounded_in_an_unnormalised_source():
    # decomposed Unicode, a doubled space and an old-style tone: the working text differs from the source
    src = unicodedata.normalize("NFD", "- Cơ quan chuyên môn trực thuộc  người quyết định đầu tư chịu trách nhiệm thẩm định.\n")
    doc = build_doc(src)
    rules = _rules(doc)
    assert rules
    p = rules[0]
    a = S._working_span(doc, p.span)[0]
    b = doc.text.index("đầu tư", a) + len("đầu tư")
    out = S.refine_parties(doc, rules, [(a, b, "UNIT", 0.5)])
    q = out[0]
    assert q.method == S.REFINE_METHOD
    assert src[q.span[0] : q.span[1]] == q.text
    assert S.norm(q.value) == S.norm("Cơ quan chuyên môn trực thuộc người quyết định đầu tư")


def test_refine_mode_reads_only_refinable_items(monkeypatch):
    text = (
        "1. Các nhà thầu xây dựng công trình chịu trách nhiệm về hồ sơ dự thầu của mình.\n"
        "2. Tập trung rà soát các hồ sơ.\n"
        "3. Phòng Tài chính - Kế hoạch huyện chủ trì.\n"
    )
    doc = build_doc(text)
    lines = [(doc.line_starts[i] + 3, doc.line_starts[i] + len(doc.lines[i])) for i in range(3)]
    rules = [find_responsible(doc, a, b) for a, b in lines]
    asked = []

    def fake_recognise(d, ranges):
        asked.extend(ranges)
        out = []
        for a, b in ranges:
            s = d.text.find("Các nhà thầu", a, b)
            out.append([(s, d.text.index("công trình", s) + len("công trình"), "GROUP", 0.6)] if s >= 0 else [])
        return out

    monkeypatch.setattr(S, "recognise", fake_recognise)
    monkeypatch.setattr(S, "load_model", lambda: object())
    with S.override(mode="refine"):
        out, warning = S.combine_responsible(doc, lines, rules)
    assert warning is None
    # one batch; item 2 has no rule party (refine never adds one), item 3's
    # party is respelled from the gazetteer (not refinable): only item 1 is
    # read, from its start to REFINE_MAX_EXTRA + 2 words after the rule party
    assert len(asked) == 1 and asked[0][0] == lines[0][0]
    after = doc.text[doc.text.index("Các nhà thầu") + len("Các nhà thầu") : asked[0][1]].split()
    assert len(after) == S.REFINE_MAX_EXTRA + 2
    assert out[1] == [] and out[2] == rules[2]
    assert S.norm(out[0][0].value) == S.norm("Các nhà thầu xây dựng công trình")
    for parties in out:
        for p in parties:
            assert text[p.span[0] : p.span[1]] == p.text


def test_pipeline_records_stay_grounded_in_refine_mode():
    pytest.importorskip("spacy")
    if S.load_model() is None:
        pytest.skip("no shipped model")
    from notice_extract.pipeline import extract_text

    text = (
        "THÔNG BÁO\nKết luận của Chủ tịch UBND huyện\n\n"
        "1. Chủ đầu tư và các nhà thầu tham gia xây dựng công trình chịu trách nhiệm về hồ sơ thiết kế.\n"
        "2. Cơ quan chuyên môn trực thuộc người quyết định đầu tư chịu trách nhiệm thẩm định.\n"
        "3. UBND xã cần rà soát, báo cáo trước ngày 20/4/2019.\n"
    )
    with S.override(mode="refine"):
        rec = extract_text(text, "t")
    for d in rec.directives:
        for p in d.responsible:
            assert p.span is not None and text[p.span[0] : p.span[1]] == p.text
            assert p.method in ("rule:responsible", S.REFINE_METHOD) or p.inherited
            assert p.confidence is not None and 0 < p.confidence <= 1


def test_working_span_of_a_respelled_glued_party():
    # "uỷ" is respelled "ủy" (two working chars share a source range) and the
    # glued "uỷphối" gets a working space that maps to the party's end
    src = "- Giao Văn phòng Đảng uỷphối hợp rà soát.\n"
    doc = build_doc(src)
    a0 = src.index("Văn phòng")
    b0 = src.index("phối")
    a, b = S._working_span(doc, (a0, b0))
    assert doc.text[a:b] == "Văn phòng Đảng ủy"
    assert doc.ground(a, b) == (src[a0:b0], (a0, b0))
