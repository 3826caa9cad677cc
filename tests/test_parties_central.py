"""The party grammar on the vocabulary of central and provincial government
(synthetic sentences in the style of Government resolutions and letters): known
body names from rules/bodies.yaml, category nouns, offices over categories,
level enumerations, clause-initial support, party headings before a colon and
capitalised verbs."""

from __future__ import annotations

import pytest

from notice_extract.extract.parties import find_responsible
from notice_extract.resources import load_rules
from notice_extract.textmap import build_doc


def _resp(text: str):
    doc = build_doc(text)
    out = find_responsible(doc, 0, len(doc.text))
    for p in out:
        assert doc.source[p.span[0] : p.span[1]] == p.text
    return [(p.value, p.kind, p.role) for p in out]


def _known_bodies():
    r = load_rules("bodies")
    return [b for sec in ("ministries", "government_agencies", "central_bodies", "provincial_departments") for b in r[sec]]


@pytest.mark.parametrize("body", _known_bodies())
def test_every_known_body_is_one_lead_before_a_verb(body):
    # generated from the data: each name is read whole before a predicate,
    # also when a word inside it could start a party of its own ("Bộ Công an")
    got = _resp(f"{body} có trách nhiệm hướng dẫn thực hiện.")
    assert got and got[0][0].casefold() == body.casefold() and got[0][2] == "lead"


def test_known_body_before_and_next_party():
    got = _resp("Đề nghị Thông tấn xã Việt Nam và các cơ quan báo chí tuyên truyền.")
    assert [g[0] for g in got] == ["Thông tấn xã Việt Nam", "các cơ quan báo chí"]


def test_unknown_name_still_continues():
    # a name the data does not list keeps its capitalised words
    assert _resp("Ban Quản lý Khu kinh tế Dung Quất chủ trì thực hiện.")[0][0] == "Ban Quản lý Khu kinh tế Dung Quất"


def test_category_list_is_one_group_and_support():
    got = _resp("Bộ Tài chính chủ trì, phối hợp với các bộ, ngành, địa phương bảo đảm kinh phí.")
    assert got == [("Bộ Tài chính", "unit", "lead"), ("các bộ, ngành, địa phương", "group", "support")]


def test_anaphoric_modifier_stays():
    assert _resp("Các đơn vị nêu trên khẩn trương thực hiện.") == [("Các đơn vị nêu trên", "group", "lead")]


def test_offices_over_categories_and_level_enumeration():
    got = _resp("Các Bộ trưởng, Thủ trưởng cơ quan ngang Bộ, Chủ tịch Ủy ban nhân dân tỉnh, "
                "thành phố trực thuộc Trung ương chịu trách nhiệm thi hành Quyết định này.")
    assert [g[0] for g in got] == ["Các Bộ trưởng", "Thủ trưởng cơ quan ngang Bộ",
                                   "Chủ tịch Ủy ban nhân dân tỉnh, thành phố trực thuộc Trung ương"]


def test_level_enumeration_is_one_party():
    assert _resp("Ủy ban nhân dân xã, phường, thị trấn có trách nhiệm theo dõi.")[0][0] == \
        "Ủy ban nhân dân xã, phường, thị trấn"


def test_named_locality_is_still_shared():
    got = _resp("Đảng ủy, UBND xã Lan Giới tập trung chỉ đạo.")
    assert [g[0] for g in got] == ["Đảng ủy xã Lan Giới", "UBND xã Lan Giới"]


def test_dash_variants_are_one_name():
    assert _resp("Giao Sở Lao động – Thương binh và Xã hội chủ trì.")[0][0] == "Sở Lao động – Thương binh và Xã hội"


@pytest.mark.parametrize("text, want", [
    ("Chủ trì, phối hợp với các Bộ, ngành có liên quan giúp Chính phủ quản lý.", [("các Bộ, ngành có liên quan", "group", "support")]),
    ("Phối hợp Sở Xây dựng, Sở Tài chính xây dựng Đề án.", [("Sở Xây dựng", "unit", "support"), ("Sở Tài chính", "unit", "support")]),
])
def test_clause_opening_with_support(text, want):
    assert _resp(text) == want


def test_no_support_without_marker():
    assert _resp("Chủ trì xây dựng Đề án hỗ trợ người có công.") == []


def test_party_heading_before_colon():
    got = _resp("Sở Thông tin và Truyền thông: Phối hợp với Công an tỉnh kiểm tra công tác bảo vệ.")
    assert got == [("Sở Thông tin và Truyền thông", "unit", "lead"), ("Công an tỉnh", "unit", "support")]


def test_tagged_verb_after_heading_colon():
    got = _resp("Sở Tài chính, Kho bạc Nhà nước: Thẩm định dự toán, cấp kinh phí.")
    assert [g[0] for g in got] == ["Sở Tài chính", "Kho bạc Nhà nước"]


@pytest.mark.parametrize("text", ["Về kinh tế: Tập trung phát triển sản xuất.", "Thời gian: Vào lúc 8 giờ ngày 5/6."])
def test_topic_or_logistics_heading_is_no_party(text):
    assert _resp(text) == []


def test_capitalised_verb_ends_a_known_name():
    assert _resp("Sở Xây dựng Tập trung chỉ đạo các đơn vị.") == [("Sở Xây dựng", "unit", "lead")]


def test_name_holding_a_verb_is_kept():
    assert _resp("Ban Xây dựng Đảng tham mưu thực hiện.")[0][0] == "Ban Xây dựng Đảng"


def test_requester_with_title_and_name_is_not_a_party():
    assert _resp("Phó Thủ tướng Nguyễn Thiện Nhân yêu cầu Bộ Y tế khẩn trương hoàn thành.") == [("Bộ Y tế", "unit", "lead")]


def test_party_list_inside_a_fronted_adverbial():
    got = _resp("Trên cơ sở đề xuất của các bộ, cơ quan ngang bộ, Ủy ban nhân dân các tỉnh, Bộ Tài chính tổng hợp, trình Chính phủ.")
    assert got == [("Bộ Tài chính", "unit", "lead")]


def test_polite_request_names_the_addressee_not_the_requester():
    got = _resp("Chính phủ trân trọng đề nghị Văn phòng Trung ương Đảng phối hợp chỉ đạo.")
    assert [g[0] for g in got] == ["Văn phòng Trung ương Đảng"]


def test_directed_parties_after_a_verb_run():
    got = _resp("Bộ Tài chính chỉ đạo, kiểm tra, đôn đốc Bảo hiểm xã hội Việt Nam thực hiện thanh toán.")
    assert got == [("Bộ Tài chính", "unit", "lead"), ("Bảo hiểm xã hội Việt Nam", "unit", "support")]


def test_responsibility_to_direct():
    got = _resp("Ủy ban nhân dân huyện có trách nhiệm chỉ đạo Phòng Nội vụ thực hiện.")
    assert got == [("Ủy ban nhân dân huyện", "unit", "lead"), ("Phòng Nội vụ", "unit", "support")]


def test_guiding_someone_gives_them_no_task():
    assert _resp("Phòng Nội vụ hướng dẫn xã trong công tác rà soát.") == [("Phòng Nội vụ", "unit", "lead")]
