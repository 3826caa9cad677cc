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


def _texts(text: str, roles: bool = False):
    """The parties of a clause as printed (grounded), with their roles if asked."""
    doc = build_doc(text)
    out = find_responsible(doc, 0, len(doc.text))
    for p in out:
        assert doc.source[p.span[0] : p.span[1]] == p.text
    return [(p.text, p.role) if roles else p.text for p in out]


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


@pytest.mark.parametrize("text, want", [
    # the topic names its party, the task follows the colon with its partners
    ("Đối với Sở Y tế: Chủ trì, phối hợp với Sở Tài chính kiểm tra các cơ sở.",
     [("Sở Y tế", "lead"), ("Sở Tài chính", "support")]),
    ("- Đối với Ban Quản lý dự án: Khẩn trương hoàn thiện hồ sơ, báo cáo trước ngày 15/5.",
     [("Ban Quản lý dự án", "lead")]),
    ("Đối với Công an tỉnh: Có trách nhiệm bảo đảm an ninh khu vực.", [("Công an tỉnh", "lead")]),
    # a category before a word that needs an agent keeps its restrictive clause
    ("Đối với các xã chưa hoàn thành kế hoạch: Tiếp tục rà soát, đề xuất giải pháp.",
     [("các xã chưa hoàn thành kế hoạch", "lead")]),
    # the same heading without "Đối với": partners and a co-lead after the colon
    ("Các sở, ngành, địa phương: Chủ động phối hợp với Sở Nội vụ tham mưu khen thưởng.",
     [("Các sở, ngành, địa phương", "lead"), ("Sở Nội vụ", "support")]),
    ("Sở Công Thương: Đồng chủ trì với Sở Tài chính, phối hợp với các đơn vị liên quan triển khai.",
     [("Sở Công Thương", "lead"), ("Sở Tài chính", "lead"), ("các đơn vị liên quan", "support")]),
    # "Về phía X", "Riêng đối với X" name a topic as "Đối với X" does
    ("Về phía Sở Y tế: Chủ trì, phối hợp với Sở Tài chính kiểm tra.",
     [("Sở Y tế", "lead"), ("Sở Tài chính", "support")]),
    ("Riêng đối với Sở Y tế, cần khẩn trương kiểm tra các cơ sở.", [("Sở Y tế", "lead")]),
    # the topic before a comma keeps the partners its task names
    ("Về phía Sở Tài chính, chủ trì, phối hợp với các sở, ngành xây dựng đề án.",
     [("Sở Tài chính", "lead"), ("các sở, ngành", "support")]),
    # support named as a noun, after the task, between subject and predicate, in a subjectless item
    ("Sở Y tế chủ trì thực hiện, có sự phối hợp của Sở Tài chính.", [("Sở Y tế", "lead"), ("Sở Tài chính", "support")]),
    ("Vụ Pháp chế với sự phối hợp của Văn phòng Bộ và các đơn vị có liên quan thực hiện việc đăng tải.",
     [("Vụ Pháp chế", "lead"), ("Văn phòng Bộ", "support"), ("các đơn vị có liên quan", "support")]),
    ("Giao Sở Y tế tổ chức kiểm tra với sự tham gia của các hội, đoàn thể.",
     [("Sở Y tế", "lead"), ("các hội, đoàn thể", "support")]),
    ("Chủ trì, với sự phối hợp của các sở, ngành triển khai các nhiệm vụ.", [("các sở, ngành", "support")]),
    # the lead's role named otherwise before the partners' clause
    ("Sở Y tế chịu trách nhiệm chính, Sở Tài chính phối hợp.", [("Sở Y tế", "lead"), ("Sở Tài chính", "support")]),
    ("Sở Y tế là cơ quan chủ trì; Sở Tài chính, Sở Nội vụ là cơ quan phối hợp.",
     [("Sở Y tế", "lead"), ("Sở Tài chính", "support"), ("Sở Nội vụ", "support")]),
    # a manner between "phối hợp" and its "với" after words of the lead's task
    ("Các sở, ngành chủ động phối hợp chặt chẽ với Sở Nội vụ tham mưu khen thưởng.",
     [("Các sở, ngành", "lead"), ("Sở Nội vụ", "support")]),
    # a collective in a system or a province keeps it ("trong hệ thống", "trong tỉnh")
    ("Các cơ quan, tổ chức, đơn vị trong hệ thống chính trị tổ chức quán triệt.",
     [("Các cơ quan, tổ chức, đơn vị trong hệ thống chính trị", "lead")]),
    ("Sở Y tế chỉ đạo các bệnh viện trong tỉnh thực hiện.", [("Sở Y tế", "lead"), ("các bệnh viện trong tỉnh", "support")]),
    # a long scope read whole, never ending on the next phrase's preposition
    ("Sở Y tế phối hợp với các cơ quan trong hệ thống hành chính nhà nước từ trung ương đến địa phương"
     " trong tổ chức thực hiện.",
     [("Sở Y tế", "lead"), ("các cơ quan trong hệ thống hành chính nhà nước từ trung ương đến địa phương", "support")]),
    # "trong" before a task's field is no scope
    ("Các cơ quan liên quan trong công tác ngoại giao phối hợp thực hiện.", [("Các cơ quan liên quan", "lead")]),
    # a commission or a council by its name; a comma term inside a name; a central agency
    # takes no locality from the body after it
    ("Ủy ban An toàn giao thông quốc gia chủ trì, phối hợp với Hội đồng Giáo dục quốc phòng và an ninh tỉnh.",
     [("Ủy ban An toàn giao thông quốc gia", "lead"), ("Hội đồng Giáo dục quốc phòng và an ninh tỉnh", "support")]),
    ("Bộ Y tế phối hợp với Cục Quản lý khám, chữa bệnh và Bảo hiểm xã hội Việt Nam thực hiện.",
     [("Bộ Y tế", "lead"), ("Cục Quản lý khám, chữa bệnh", "support"), ("Bảo hiểm xã hội Việt Nam", "support")]),
    # an office's scope whose field is written with a dash (first look, 39ee657: no party)
    ("Giao đồng chí Phó Chủ tịch UBND tỉnh phụ trách lĩnh vực kinh tế - xã hội chỉ đạo Sở Y tế triển khai.",
     [("Phó Chủ tịch UBND tỉnh phụ trách lĩnh vực kinh tế - xã hội", "lead"), ("Sở Y tế", "support")]),
    # a fronted "ngay sau khi" clause (combo/openers.py, first look 8f32662: 90 of 90 read no party)
    ("Ngay sau khi có kết quả, Sở Tài chính chủ trì, phối hợp với các cơ quan liên quan tổ chức thực hiện.",
     [("Sở Tài chính", "lead"), ("các cơ quan liên quan", "support")]),
    ("Ngay khi dự án được phê duyệt, Ban Quản lý dự án Giao thông tỉnh khẩn trương triển khai.",
     [("Ban Quản lý dự án Giao thông tỉnh", "lead")]),
    # a Party body of a level-named committee with its place: "Huyện ủy Phù Cát" after an organ
    ("Ban Thường vụ Tỉnh ủy Quảng Nam chỉ đạo thực hiện.", [("Ban Thường vụ Tỉnh ủy Quảng Nam", "lead")]),
    ("Ban Tổ chức Huyện ủy Phù Cát tham mưu, báo cáo.", [("Ban Tổ chức Huyện ủy Phù Cát", "lead")]),
    ("Văn phòng Thị ủy Điện Bàn phối hợp với Ban Dân vận Thị ủy Điện Bàn theo dõi.",
     [("Văn phòng Thị ủy Điện Bàn", "lead"), ("Ban Dân vận Thị ủy Điện Bàn", "support")]),
    # the requester before a colon is no party (SPEC §5: a lead-in naming only the requester)
    ("Ủy ban nhân dân tỉnh thống nhất: Giao Sở Nội vụ tham mưu khen thưởng.", [("Sở Nội vụ", "lead")]),
    ("Chủ tịch UBND tỉnh yêu cầu: Khẩn trương rà soát các dự án.", []),
    ("UBND tỉnh giao: Tiếp tục rà soát các dự án.", []),
    # ... also when a verb of speech is its predicate and the words after the
    # colon name their own lead; not when its own tasks follow the colon
    ("Chủ tịch UBND tỉnh kết luận như sau: Sở Y tế chủ trì kiểm tra các cơ sở y tế.", [("Sở Y tế", "lead")]),
    ("Phó Thủ tướng Chính phủ chỉ đạo: Bộ Tài chính, Bộ Xây dựng khẩn trương hoàn thiện hồ sơ.",
     [("Bộ Tài chính", "lead"), ("Bộ Xây dựng", "lead")]),
    ("Ủy ban nhân dân tỉnh kết luận: Sở Tài chính, Kho bạc Nhà nước tỉnh: Thẩm định dự toán.",
     [("Sở Tài chính", "lead"), ("Kho bạc Nhà nước tỉnh", "lead")]),
    ("Chủ tịch UBND các huyện chỉ đạo: xây dựng kế hoạch, báo cáo trước ngày 30/6/2026.",
     [("Chủ tịch UBND các huyện", "lead")]),
    ("Sở Y tế có trách nhiệm sau đây: kiểm tra các cơ sở y tế.", [("Sở Y tế", "lead")]),
    # an approval, then "giao" after a comma; a lower-case "giao thông" starts no assignment
    ("Thống nhất chủ trương, giao Sở Y tế chủ trì kiểm tra các cơ sở y tế.", [("Sở Y tế", "lead")]),
    ("Đồng ý chủ trương đầu tư dự án, giao Sở Kế hoạch và Đầu tư hướng dẫn hoàn thiện hồ sơ.",
     [("Sở Kế hoạch và Đầu tư", "lead")]),
    ("Các xã tăng cường quản lý đất đai, giao thông nông thôn, thủy lợi.", [("Các xã", "lead")]),
])
def test_parties_of_clauses_worded_as_notices_word_them(text, want):
    # topics and headings before a colon, support named as a noun or a role,
    # a manner before "với", scopes with "trong", requesters and approvals
    # before the assignment: each printed, grounded, in its role
    assert _texts(text, roles=True) == want


@pytest.mark.parametrize("text", [
    "Giao Văn phòng UBND tỉnh và các sở: Tài chính, Xây dựng kiểm tra.",
    "Giao Văn phòng UBND tỉnh, các sở: Tài chính, Xây dựng kiểm tra.",
])
def test_named_body_before_a_distributive_head(text):
    # the body, then the head's members: not "Văn phòng UBND tỉnh và Sở Tài chính"
    assert _resp(text) == [("Văn phòng UBND tỉnh", "unit", "lead"), ("Sở Tài chính", "unit", "lead"),
                           ("Sở Xây dựng", "unit", "lead")]


@pytest.mark.parametrize("text, want", [
    # an office that needs a body ("Giám đốc") shares the next office's, as "Chủ tịch" does
    # (first look, 06d2a1b: one party; "Tài chính, Xây dựng"; the deputy lost)
    ("Giám đốc, Phó Giám đốc Sở Tài chính chịu trách nhiệm.", ["Giám đốc Sở Tài chính", "Phó Giám đốc Sở Tài chính"]),
    ("Giám đốc, Phó Giám đốc các Sở: Tài chính, Xây dựng chịu trách nhiệm.",
     ["Giám đốc Sở Tài chính", "Giám đốc Sở Xây dựng", "Phó Giám đốc Sở Tài chính", "Phó Giám đốc Sở Xây dựng"]),
    # ... or its body is the scope it answers for
    ("Phó Giám đốc phụ trách lĩnh vực xây dựng chỉ đạo Phòng Quản lý xây dựng hoàn thiện hồ sơ.",
     ["Phó Giám đốc phụ trách lĩnh vực xây dựng", "Phòng Quản lý xây dựng"]),
    # two words for one collective stay one party
    ("Thủ trưởng, người đứng đầu cơ quan, đơn vị chịu trách nhiệm.", ["Thủ trưởng, người đứng đầu cơ quan, đơn vị"]),
    # "Sở" alone is the department that writes, of no district (first look, c2b76c6:
    # "Giám đốc Sở các huyện")
    ("Giám đốc Sở, Chủ tịch UBND các huyện chịu trách nhiệm.", ["Giám đốc Sở", "Chủ tịch UBND các huyện"]),
    ("Chánh Văn phòng Sở, Chủ tịch UBND các xã thực hiện.", ["Chánh Văn phòng Sở", "Chủ tịch UBND các xã"]),
    ("Lãnh đạo Bộ, UBND các tỉnh chỉ đạo.", ["Lãnh đạo Bộ", "UBND các tỉnh"]),
    # a Government agency is of no province (rules/bodies.yaml government_agencies;
    # first look, b8538a2: "Bảo hiểm xã hội Việt Nam thành phố Hà Nội") ...
    ("Bảo hiểm xã hội Việt Nam, Ủy ban nhân dân thành phố Hà Nội thực hiện.",
     ["Bảo hiểm xã hội Việt Nam", "Ủy ban nhân dân thành phố Hà Nội"]),
    ("Ủy ban An toàn giao thông quốc gia, UBND tỉnh Quảng Nam thực hiện.",
     ["Ủy ban An toàn giao thông quốc gia", "UBND tỉnh Quảng Nam"]),
    # ... but one whose branches are the locality's takes it (README §3)
    ("Ngân hàng Chính sách xã hội, UBND huyện Phù Cát thực hiện.",
     ["Ngân hàng Chính sách xã hội huyện Phù Cát", "UBND huyện Phù Cát"]),
    # a body whose name holds "và" over a plural level with names (first look, 75cc45e: no party)
    ("Sở Nông nghiệp và Môi trường các tỉnh: Quảng Trị, Quảng Ngãi tham mưu UBND tỉnh.",
     ["Sở Nông nghiệp và Môi trường tỉnh Quảng Trị", "Sở Nông nghiệp và Môi trường tỉnh Quảng Ngãi"]),
    ("Sở Văn hóa, Thể thao và Du lịch các tỉnh: Quảng Trị, Quảng Ngãi tham mưu.",
     ["Sở Văn hóa, Thể thao và Du lịch tỉnh Quảng Trị", "Sở Văn hóa, Thể thao và Du lịch tỉnh Quảng Ngãi"]),
    # district bodies (combo/local.py; first look, 63e1899: the board lost, "Trạm Y tế
    # Cát Hanh kiểm tra", "Huyện đoàn huyện"): a project board named with its land fund,
    ("Phòng Tài chính chủ trì, phối hợp với Ban Quản lý dự án đầu tư xây dựng và phát triển quỹ đất huyện kiểm tra.",
     ["Phòng Tài chính", "Ban Quản lý dự án đầu tư xây dựng và phát triển quỹ đất huyện"]),
    # a field word after a place's name (the predicate, at the sentence's end too),
    ("Phòng Tài chính phối hợp với Trạm Y tế Cát Hanh kiểm tra.", ["Phòng Tài chính", "Trạm Y tế Cát Hanh"]),
    # a body that names its level, no locality from the body after it
    ("Huyện đoàn, Hội Nông dân huyện thực hiện.", ["Huyện đoàn", "Hội Nông dân huyện"]),
    ("Huyện ủy, UBND huyện Phù Cát thực hiện.", ["Huyện ủy", "UBND huyện Phù Cát"]),
    # a plural level with its names before a heading's colon (first look, f3fe579: one party)
    ("UBND các xã Ea Pốk, Quảng Tiến: Hướng dẫn nông dân áp dụng biện pháp phòng trừ.",
     ["UBND xã Ea Pốk", "UBND xã Quảng Tiến"]),
    ("Đối với UBND các xã Ea Pốk, Quảng Tiến: Hướng dẫn nông dân áp dụng biện pháp phòng trừ.",
     ["UBND xã Ea Pốk", "UBND xã Quảng Tiến"]),
])
def test_party_values_of_clauses_worded_as_notices_word_them(text, want):
    # the values (a shared body or locality applied), in order
    assert [q[0] for q in _resp(text)] == want


def test_bare_office_before_an_office_over_a_distributive_head():
    # README §3: a bare office before an office with a body gets that body, here each member's
    got = _texts("Chủ tịch, Phó Chủ tịch UBND các huyện: Cam Lâm, Diên Khánh chịu trách nhiệm.")
    assert [q[0] for q in _resp("Chủ tịch, Phó Chủ tịch UBND các huyện: Cam Lâm, Diên Khánh chịu trách nhiệm.")] == [
        "Chủ tịch UBND huyện Cam Lâm", "Chủ tịch UBND huyện Diên Khánh",
        "Phó Chủ tịch UBND huyện Cam Lâm", "Phó Chủ tịch UBND huyện Diên Khánh"]
    assert got[:2] == ["Chủ tịch", "Chủ tịch"]  # each as printed: the bare office's own words


@pytest.mark.parametrize("text", [
    # a category before a plain verb is the scope of a policy or of a report's contents
    "Đối với trường trung cấp nghề: Duy trì các trường tự bảo đảm chi thường xuyên.",
    "Đối với các cơ sở điều dưỡng tập trung: Báo cáo về quy mô đầu tư, tổng số giường.",
])
def test_topic_heading_over_a_category_is_its_scope(text):
    assert _texts(text) == []


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


# --- distributive heads, leaders in lists, shared Party owners ----------------

from notice_extract.extract.parties import find_addressees, split_parties  # noqa: E402


def _split(text: str, **kw):
    doc = build_doc(text)
    out = split_parties(doc, 0, len(doc.text), **kw)
    for p in out:
        assert doc.source[p.span[0] : p.span[1]] == p.text
    return [(p.value, p.kind) for p in out]


@pytest.mark.parametrize("text, want", [
    ("Các Bộ: Tài chính, Tư pháp theo chức năng khẩn trương thực hiện.", ["Bộ Tài chính", "Bộ Tư pháp"]),
    ("UBND các xã: Đức Trọng, Hiệp Thạnh, Đinh Văn Lâm Hà khẩn trương rà soát.",
     ["UBND xã Đức Trọng", "UBND xã Hiệp Thạnh", "UBND xã Đinh Văn Lâm Hà"]),
    ("Giám đốc các Sở: Kế hoạch và Đầu tư, Tài chính, Y tế chịu trách nhiệm thi hành.",
     ["Giám đốc Sở Kế hoạch và Đầu tư", "Giám đốc Sở Tài chính", "Giám đốc Sở Y tế"]),
    ("Các Sở: Văn hóa, Thể thao và Du lịch, Giao thông vận tải phối hợp thực hiện.",
     ["Sở Văn hóa, Thể thao và Du lịch", "Sở Giao thông vận tải"]),
])
def test_distributive_head_is_given_to_each_item(text, want):
    assert [g[0] for g in _resp(text)] == want


def test_distributive_items_span_their_own_words():
    doc = build_doc("Các Bộ: Tài chính, Tư pháp thực hiện.")
    out = find_responsible(doc, 0, len(doc.text))
    assert [p.text for p in out] == ["Tài chính", "Tư pháp"]


def test_colon_without_plural_head_is_not_distributive():
    assert _resp("Bộ Tài chính: Chủ trì, phối hợp với Bộ Tư pháp thực hiện.") == [
        ("Bộ Tài chính", "unit", "lead"), ("Bộ Tư pháp", "unit", "support")]


def test_attendee_list_with_leaders_and_distributive_head():
    got = _split("lãnh đạo các sở, ngành: Kế hoạch và Đầu tư, Tài chính; Nội vụ; Văn phòng UBND tỉnh", represent=True)
    assert [g[0] for g in got] == ["Sở Kế hoạch và Đầu tư", "Sở Tài chính", "Sở Nội vụ", "Văn phòng UBND tỉnh"]


def test_leaders_stand_for_their_body_only_when_asked():
    text = "lãnh đạo Phòng Nội vụ, đại diện Phòng Tư pháp và các đồng chí trong Ban Thường vụ Huyện ủy"
    assert [g[0] for g in _split(text, represent=True)] == ["Phòng Nội vụ", "Phòng Tư pháp", "Ban Thường vụ Huyện ủy"]
    assert _split(text)[0][0].startswith("lãnh đạo")


def test_semicolon_closes_a_group():
    got = _split("Phòng Nội vụ, Phòng Tư pháp; Bí thư Đảng ủy, Chủ tịch UBND xã Liên Chung", represent=True)
    assert [g[0] for g in got] == ["Phòng Nội vụ", "Phòng Tư pháp", "Bí thư Đảng ủy xã Liên Chung", "Chủ tịch UBND xã Liên Chung"]


def test_party_committee_is_shared_by_its_organs_only():
    got = _split("Ủy ban kiểm tra, Ban Tuyên giáo, Văn phòng Huyện ủy và Phòng Nội vụ", represent=True)
    assert [g[0] for g in got] == ["Ủy ban kiểm tra Huyện ủy", "Ban Tuyên giáo Huyện ủy", "Văn phòng Huyện ủy", "Phòng Nội vụ"]
    assert [g[0] for g in _split("Phòng Nội vụ, Văn phòng Huyện ủy")] == ["Phòng Nội vụ", "Văn phòng Huyện ủy"]
    assert [g[0] for g in _split("Ban Xây dựng Đảng, Văn phòng Đảng ủy")] == ["Ban Xây dựng Đảng", "Văn phòng Đảng ủy"]


def test_lower_case_standing_body_with_abbreviation():
    # the shared trailing locality goes to both (SPEC §2)
    assert [g[0] for g in _split("thường trực HĐND, lãnh đạo UBND huyện", represent=True)] == ["thường trực HĐND huyện", "UBND huyện"]


@pytest.mark.parametrize("connective", ["để", "đề", "dể"])
def test_closing_connective_read_with_any_tone(connective):
    doc = build_doc(f"Văn phòng thông báo {connective} các cơ quan, đơn vị liên quan biết thực hiện.")
    assert [p.value for p in find_addressees(doc, 0, len(doc.text))] == ["các cơ quan, đơn vị liên quan"]


def test_announced_conclusions_then_addressees():
    doc = build_doc("Trân trọng thông báo kết luận của đồng chí Nguyễn Văn An - Phó Chủ tịch UBND tỉnh "
                    "đến các sở, ban, ngành và cơ quan, đơn vị liên quan biết, thực hiện./.")
    got = [(p.value, p.kind) for p in find_addressees(doc, 0, len(doc.text))]
    assert got == [("các sở, ban, ngành liên quan", "group"), ("cơ quan, đơn vị liên quan", "group")]


def test_announcement_without_addressee_names_nobody():
    doc = build_doc("Văn phòng thông báo kết luận của Chủ tịch UBND tỉnh như sau:")
    assert find_addressees(doc, 0, len(doc.text)) == []


def test_related_is_not_given_to_a_named_body():
    got = _split("Sở Tài chính và các cơ quan liên quan")
    assert [g[0] for g in got] == ["Sở Tài chính", "các cơ quan liên quan"]


def test_named_office_holder_is_a_person_with_the_office_as_title():
    doc = build_doc("Phân công Phó Thủ tướng Thường trực Chính phủ Phạm Gia Túc chỉ đạo việc xây dựng.")
    (p,) = find_responsible(doc, 0, len(doc.text))
    assert (p.value, p.kind, p.person.title) == ("Phạm Gia Túc", "person", "Phó Thủ tướng Thường trực Chính phủ")


def test_topic_with_commas_before_the_request():
    got = _resp("Đối với chi phí năm 2023, 2024, yêu cầu Bộ Tài chính, Bảo hiểm xã hội Việt Nam khẩn trương thực hiện.")
    assert [g[0] for g in got] == ["Bộ Tài chính", "Bảo hiểm xã hội Việt Nam"]


def test_category_of_several_words_after_and():
    got = _resp("Yêu cầu các Bộ, ngành, địa phương và cơ quan nhà nước cung cấp thông tin.")
    assert [g[0] for g in got] == ["các Bộ, ngành, địa phương", "cơ quan nhà nước"]


def test_functional_and_central_modifiers():
    assert _resp("Các Bộ, ngành chức năng khẩn trương thực hiện.")[0][0] == "Các Bộ, ngành chức năng"
    assert _resp("Phối hợp với các Bộ, ngành trung ương thực hiện.")[0][0] == "các Bộ, ngành trung ương"


def test_subject_lists_separated_by_semicolon_share_the_predicate():
    got = _resp("Thủ trưởng các sở, ban, ngành trực thuộc UBND tỉnh; Chủ tịch UBND các huyện, thành phố có trách nhiệm thực hiện.")
    assert [g[0] for g in got] == ["Thủ trưởng các sở, ban, ngành trực thuộc UBND tỉnh", "Chủ tịch UBND các huyện, thành phố"]


def test_an_item_of_party_lists_separated_by_semicolons_names_its_leads():
    # as an item of one list does ("Sở Tư pháp."): a cell under "Cơ quan chủ trì" (round G)
    assert _resp("Phòng Nội vụ; Phòng Tư pháp.") == [("Phòng Nội vụ", "unit", "lead"), ("Phòng Tư pháp", "unit", "lead")]
    assert _resp("Bộ Quốc phòng; các Bộ, ngành, cơ quan liên quan.") == [
        ("Bộ Quốc phòng", "unit", "lead"), ("các Bộ, ngành, cơ quan liên quan", "group", "lead")]
    assert _resp("Phòng Nội vụ; rà soát hồ sơ.") == []  # a task after ";" is no party


@pytest.mark.parametrize("actor", ["Doanh nghiệp", "Chủ dự án", "Cơ quan tiếp nhận"])
def test_actor_nouns_alone_are_parties(actor):
    assert _resp(f"{actor} có trách nhiệm lập danh sách.")[0][0] == actor


def test_distributive_addressee_heading():
    doc = build_doc("Giao UBND các xã: Đức Trọng, Hiệp Thạnh, Đinh Văn Lâm Hà:")
    assert [p.value for p in find_addressees(doc, 0, len(doc.text))] == [
        "UBND xã Đức Trọng", "UBND xã Hiệp Thạnh", "UBND xã Đinh Văn Lâm Hà"]


def test_distributive_support():
    got = _resp("Các sở, ngành liên quan có trách nhiệm phối hợp với UBND các xã: Đức Trọng, Hiệp Thạnh "
                "và đơn vị tư vấn, hỗ trợ cung cấp thông tin.")
    assert got == [("Các sở, ngành liên quan", "group", "lead"), ("UBND xã Đức Trọng", "unit", "support"),
                   ("UBND xã Hiệp Thạnh", "unit", "support"), ("đơn vị tư vấn", "unit", "support")]


def test_project_management_board_name_continues_in_lower_case():
    got = _resp("Giao Ban Quản lý dự án đầu tư xây dựng số 1 chủ trì, phối hợp với Nhà đầu tư rà soát.")
    assert got[0][0] == "Ban Quản lý dự án đầu tư xây dựng số 1"


def test_distributive_head_after_other_parties_and_semicolon_groups():
    got = _resp("Chánh Văn phòng Ủy ban nhân dân tỉnh, Giám đốc các sở: Giáo dục và Đào tạo, Tài chính; "
                "Chủ tịch Ủy ban nhân dân huyện, thành phố chịu trách nhiệm thi hành Quyết định này.")
    assert [g[0] for g in got] == ["Chánh Văn phòng Ủy ban nhân dân tỉnh", "Giám đốc Sở Giáo dục và Đào tạo",
                                   "Giám đốc Sở Tài chính", "Chủ tịch Ủy ban nhân dân huyện, thành phố"]


def test_past_assignment_names_the_assignee():
    got = _resp("Phó Thủ tướng Nguyễn Thiện Nhân đã giao Bộ Y tế xây dựng Thông tư.")
    assert got == [("Bộ Y tế", "unit", "lead")]


def test_invited_bodies_are_addressed():
    doc = build_doc("UBND tỉnh mời các sở, ngành, UBND các huyện cùng tham dự Hội nghị nêu trên như sau:")
    assert [p.value for p in find_addressees(doc, 0, len(doc.text))] == ["các sở, ngành", "UBND các huyện"]


def test_announced_for_bodies_to_carry_out():
    doc = build_doc("Nay, thông báo kết luận của Phó Chủ tịch UBND tỉnh để Sở Tài chính, các cơ quan, đơn vị có liên quan triển khai thực hiện./.")
    assert [p.value for p in find_addressees(doc, 0, len(doc.text))] == ["Sở Tài chính", "các cơ quan, đơn vị có liên quan"]


def test_long_list_broken_by_an_unread_item_is_read_to_its_verb():
    # "địa phương, quân đội" after a named category breaks the strict list; without
    # the bounded re-read the whole subject is lost
    got = _resp("Các Bộ, ngành chức năng, các cơ quan báo chí Trung ương, địa phương, quân đội, "
                "Mặt trận Tổ quốc Việt Nam, Hội Cựu chiến binh các cấp tổ chức tuyên truyền.")
    values = [g[0] for g in got]
    assert values[0] == "Các Bộ, ngành chức năng" and values[-2:] == ["Mặt trận Tổ quốc Việt Nam", "Hội Cựu chiến binh các cấp"]


@pytest.mark.parametrize("text, want", [
    # directed parties later in the item: after ";", after a modal, after "hướng dẫn,"
    ("Sở Y tế xây dựng kế hoạch; chỉ đạo các đơn vị trực thuộc triển khai tiêm chủng.",
     [("Sở Y tế", "lead"), ("các đơn vị trực thuộc", "support")]),
    ("Sở Nội vụ có trách nhiệm hướng dẫn, chỉ đạo Ủy ban nhân dân cấp xã để rà soát biên chế.",
     [("Sở Nội vụ", "lead"), ("Ủy ban nhân dân cấp xã", "support")]),
    ("Rà soát hồ sơ tồn đọng, chỉ đạo Phòng Tài chính - Kế hoạch phối hợp với Kho bạc Nhà nước huyện giải ngân.",
     [("Phòng Tài chính – Kế hoạch", "support"), ("Kho bạc Nhà nước huyện", "support")]),
])
def test_directed_parties_anywhere_in_the_item(text, want):
    assert [(v, r) for v, _, r in _resp(text)] == want


@pytest.mark.parametrize("text", [
    # "chỉ đạo" as a noun, in another actor's purpose clause, or governed by another noun
    "Sở Tư pháp ban hành văn bản chỉ đạo và hướng dẫn các đơn vị thực hiện.",
    "Phòng Văn hóa báo cáo Ủy ban nhân dân huyện để chỉ đạo các xã triển khai.",
    "Sở Xây dựng tham mưu, trong đó gắn trách nhiệm cấp ủy lãnh đạo, chỉ đạo chính quyền cơ sở thực hiện.",
])
def test_no_directed_party_when_the_lead_does_not_direct(text):
    assert all(r == "lead" for _, _, r in _resp(text))


def test_lower_case_name_after_a_named_head_in_a_list():
    got = _resp("Cục Thuế chủ trì, phối hợp với Trung tâm dữ liệu quốc gia và các đơn vị có liên quan triển khai.")
    assert [(v, r) for v, _, r in got] == [("Cục Thuế", "lead"), ("Trung tâm dữ liệu quốc gia", "support"),
                                           ("các đơn vị có liên quan", "support")]


def test_head_followed_by_its_predicate_is_no_lower_case_name():
    # the lower-case words run into a verb, not a separator: no name is read
    got = _resp("Giao Trung tâm tổ chức tập huấn cho cán bộ cơ sở.")
    assert "Trung tâm tổ chức tập huấn" not in [g[0] for g in got]


def test_ellipsis_closing_a_subject_list():
    got = _resp("Hội Nông dân tỉnh, Hội Cựu chiến binh tỉnh... tăng cường tuyên truyền.")
    assert [g[0] for g in got] == ["Hội Nông dân tỉnh", "Hội Cựu chiến binh tỉnh"]


def test_owner_that_is_no_party_alone():
    got = _resp("Đề nghị các cơ quan của Quốc hội, Mặt trận Tổ quốc Việt Nam tăng cường giám sát.")
    assert [g[0] for g in got] == ["các cơ quan của Quốc hội", "Mặt trận Tổ quốc Việt Nam"]


def test_name_with_lower_case_run_before_and():
    got = _resp("Vụ Kế hoạch phối hợp với Trung tâm Hạ tầng thông tin và Chuyển đổi số, Văn phòng Bộ tổng hợp.")
    assert [g[0] for g in got] == ["Vụ Kế hoạch", "Trung tâm Hạ tầng thông tin và Chuyển đổi số", "Văn phòng Bộ"]


@pytest.mark.parametrize("text, want", [
    ("Người sử dụng lao động có trách nhiệm báo cáo định kỳ.", "Người sử dụng lao động"),
    ("Trường hợp hồ sơ chưa đầy đủ thì bộ phận một cửa có trách nhiệm hướng dẫn bổ sung.", "bộ phận một cửa"),
])
def test_subject_of_an_obligation_predicate(text, want):
    assert [(v, r) for v, _, r in _resp(text)] == [(want, "lead")]


def test_obligation_deep_in_a_predicate_names_no_subject():
    # "phải" before the marker: the words before "chịu trách nhiệm" are a
    # subject and its predicate, never one party
    got = _resp("Người nộp thuế phải kê khai đầy đủ và chịu trách nhiệm về số liệu.")
    assert not any("kê khai" in v for v, _, _ in got)


@pytest.mark.parametrize("text, want", [
    ("Sở Nội vụ thông báo để Ủy ban nhân dân các huyện biết, thực hiện.", [("Ủy ban nhân dân các huyện", "lead")]),
    ("Văn phòng xin thông báo để các phòng, ban liên quan biết, triển khai.", [("các phòng, ban liên quan", "lead")]),
    ("Sở Nội vụ thông báo để Ủy ban nhân dân các huyện được biết.", []),
])
def test_told_to_act_or_only_to_know(text, want):
    assert [(v, r) for v, _, r in _resp(text)] == want


@pytest.mark.parametrize("text, want", [
    ("Thủ trưởng cơ quan ngang bộ, cơ quan thuộc Chính phủ tổ chức thực hiện.",
     ["Thủ trưởng cơ quan ngang bộ", "Thủ trưởng cơ quan thuộc Chính phủ"]),
    # with a determiner the categories stay one collective
    ("Thủ trưởng các sở, ban, ngành tổ chức thực hiện.", ["Thủ trưởng các sở, ban, ngành"]),
    # a named body after the office is not a list of categories
    ("Giám đốc Sở Văn hóa, Thể thao và Du lịch tổ chức thực hiện.", ["Giám đốc Sở Văn hóa, Thể thao và Du lịch"]),
])
def test_office_over_several_categories(text, want):
    assert [g[0] for g in _resp(text)] == want


@pytest.mark.parametrize("text, want", [
    ("Ủy ban nhân dân Thành phố Đà Nẵng chủ trì thực hiện.", ["Ủy ban nhân dân Thành phố Đà Nẵng"]),
    ("Giao Ủy ban nhân dân Thành phố chủ trì thực hiện.", ["Ủy ban nhân dân Thành phố"]),
    ("Chánh Văn phòng Ủy ban nhân dân Tỉnh; Giám đốc các Sở: Tài chính, Y tế chịu trách nhiệm thi hành.",
     ["Chánh Văn phòng Ủy ban nhân dân Tỉnh", "Giám đốc Sở Tài chính", "Giám đốc Sở Y tế"]),
    ("Đề nghị Hội Nông dân Thành phố, Thành Đoàn... phát động phong trào.", ["Hội Nông dân Thành phố", "Thành Đoàn"]),
])
def test_capitalised_level_word_after_a_body(text, want):
    assert [g[0] for g in _resp(text)] == want


def test_support_list_read_up_to_its_verb():
    got = _resp("Sở Nội vụ chủ trì, phối hợp với Ban Tổ chức Tỉnh ủy, các sở, ngành tỉnh và địa phương, "
                "các cơ quan thông tấn, báo chí tổ chức tuyên truyền.")
    assert [(v, r) for v, _, r in got][:2] == [("Sở Nội vụ", "lead"), ("Ban Tổ chức Tỉnh ủy", "support")]
    assert len(got) >= 3 and all(r == "support" for _, _, r in got[1:])


@pytest.mark.parametrize("text, want", [
    ("Phối hợp, hỗ trợ Bộ Y tế trong công tác phòng dịch.", [("Bộ Y tế", "support")]),
    ("Phối hợp với Tập đoàn Điện lực Việt Nam bảo đảm cấp điện.", [("Tập đoàn Điện lực Việt Nam", "support")]),
    ("Phối hợp với các Phòng Tài nguyên và Môi trường kiểm tra hiện trường.",
     [("các Phòng Tài nguyên và Môi trường", "support")]),
])
def test_support_markers_and_named_heads(text, want):
    assert [(v, r) for v, _, r in _resp(text)] == want


@pytest.mark.parametrize("text, want", [
    ("Chủ tịch Ủy ban nhân dân tỉnh yêu cầu Thủ trưởng các sở, ban, ngành:", ["Thủ trưởng các sở, ban, ngành"]),
    ("Giao Giám đốc Sở Y tế", ["Giám đốc Sở Y tế"]),
    ("Giám đốc Sở: Tài chính, Nội vụ; Chủ tịch UBND cấp huyện chịu trách nhiệm thi hành.",
     ["Giám đốc Sở Tài chính", "Giám đốc Sở Nội vụ", "Chủ tịch UBND cấp huyện"]),
])
def test_heading_like_assignments(text, want):
    assert [g[0] for g in _resp(text)] == want


@pytest.mark.parametrize("text, want", [
    # a level without a name is not copied to a body of another level
    ("Giao Sở Tài chính phối hợp với Sở Nội vụ và Ủy ban nhân dân các quận, huyện lập thủ tục.",
     ["Sở Tài chính", "Sở Nội vụ", "Ủy ban nhân dân các quận, huyện"]),
    ("Sở Xây dựng, Kho bạc Nhà nước tỉnh: thẩm định dự toán.", ["Sở Xây dựng", "Kho bạc Nhà nước tỉnh"]),
    # ... but a district level still reaches a body that exists at both levels
    ("Giao Chi cục Thống kê, Phòng Nội vụ huyện thực hiện.", ["Chi cục Thống kê huyện", "Phòng Nội vụ huyện"]),
    ("Chủ tịch Ủy ban nhân dân các Huyện, Thị xã, Thành phố chịu trách nhiệm thi hành.",
     ["Chủ tịch Ủy ban nhân dân các Huyện, Thị xã, Thành phố"]),
])
def test_shared_level_words(text, want):
    assert [g[0] for g in _resp(text)] == want


@pytest.mark.parametrize("text, want", [
    ("Chủ trì, phối hợp với các ngành ở Trung ương thực hiện kế hoạch.", [("các ngành ở Trung ương", "support")]),
    ("Đề nghị Hội Luật gia Việt Nam và các tổ chức đoàn thể chính trị tham gia giám sát.",
     [("Hội Luật gia Việt Nam", "lead"), ("các tổ chức đoàn thể chính trị", "lead")]),
    ("Bộ Y tế đồng chủ trì với Bộ Tài chính, phối hợp với các địa phương triển khai.",
     [("Bộ Y tế", "lead"), ("Bộ Tài chính", "lead"), ("các địa phương", "support")]),
])
def test_level_modifiers_and_co_leads(text, want):
    assert [(v, r) for v, _, r in _resp(text)] == want


@pytest.mark.parametrize("text, want", [
    ("Cơ quan chủ trì: Bộ Nội vụ; Bộ Tư pháp.", [("Bộ Nội vụ", "lead"), ("Bộ Tư pháp", "lead")]),
    ("- Đơn vị phối hợp: các sở, ngành liên quan, UBND các huyện.",
     [("các sở, ngành liên quan", "support"), ("UBND các huyện", "support")]),
    ("Văn phòng Chính phủ đề nghị quý Bộ khẩn trương báo cáo.", [("quý Bộ", "lead")]),
    ("Trường hợp hồ sơ chưa hợp lệ thì Sở Tư pháp hướng dẫn bổ sung.", [("Sở Tư pháp", "lead")]),
])
def test_role_labels_honorifics_and_then_clauses(text, want):
    assert [(v, r) for v, _, r in _resp(text)] == want


def test_long_subject_list_ending_in_a_relative_clause_is_read_to_its_verb():
    got = _resp("Trước ngày 15 tháng 01, các bộ, cơ quan ngang bộ, Ủy ban nhân dân cấp tỉnh, Hội Nông dân Việt Nam, "
                "doanh nghiệp do Nhà nước nắm giữ vốn có trách nhiệm báo cáo.")
    assert [g[0] for g in got][:3] == ["các bộ, cơ quan ngang bộ", "Ủy ban nhân dân cấp tỉnh", "Hội Nông dân Việt Nam"]


def test_unknown_modifier_inside_a_long_list_is_not_the_verb():
    got = _resp("Đề nghị các cơ quan của Quốc hội, Hội đồng nhân dân các cấp, các cơ quan tư pháp, "
                "Mặt trận Tổ quốc Việt Nam và các tổ chức thành viên tăng cường giám sát.")
    assert [g[0] for g in got] == ["các cơ quan của Quốc hội", "Hội đồng nhân dân các cấp", "các cơ quan tư pháp",
                                   "Mặt trận Tổ quốc Việt Nam", "các tổ chức thành viên"]


@pytest.mark.parametrize("text, want", [
    # a table cell: the body's name, its task on the next line
    ("Bộ Tư pháp\nChủ trì, phối hợp với các bộ, ngành rà soát văn bản.",
     [("Bộ Tư pháp", "lead"), ("các bộ, ngành", "support")]),
    ("Chánh Văn phòng Hội đồng nhân dân và Ủy ban nhân dân huyện, Trưởng phòng Nội vụ chịu trách nhiệm thi hành.",
     [("Chánh Văn phòng Hội đồng nhân dân và Ủy ban nhân dân huyện", "lead"), ("Trưởng phòng Nội vụ", "lead")]),
    ("Các tổ chức cá nhân có liên quan chịu trách nhiệm thi hành.", [("Các tổ chức cá nhân có liên quan", "lead")]),
])
def test_table_cells_joint_offices_and_unpunctuated_categories(text, want):
    assert [(v, r) for v, _, r in _resp(text)] == want


@pytest.mark.parametrize("text, want", [
    ("Hàng tháng Kho bạc Nhà nước quận - huyện thực hiện chuyển khoản.", ["Kho bạc Nhà nước quận - huyện"]),
    ("Trong thời gian tới Sở Y tế tập trung chỉ đạo.", ["Sở Y tế"]),
    ("Ủy ban nhân dân phường - xã, thị trấn phải tiến hành chi trả.", ["Ủy ban nhân dân phường - xã, thị trấn"]),
])
def test_dash_joined_levels_and_adverbials_without_comma(text, want):
    assert [g[0] for g in _resp(text)] == want


@pytest.mark.parametrize("name", ["Cục Quản lý xuất nhập cảnh", "Cục Quản lý chất lượng bệnh viện",
                                  "Cục Phát triển thương mại điện tử quốc gia"])
def test_long_lower_case_name_ending_at_a_separator_is_not_cut(name):
    got = _resp(f"{name}, Bộ Tài chính và Sở Y tế tổ chức thực hiện.")
    assert [g[0] for g in got] == [f"{name}, Bộ Tài chính", "Sở Y tế"]


def test_organ_before_its_ministry_is_one_party_but_two_ministries_are_two():
    assert [g[0] for g in _resp("Giao Tổng cục Thuế, Bộ Tài chính hướng dẫn.")] == ["Tổng cục Thuế, Bộ Tài chính"]
    assert [g[0] for g in _resp("Giao Bộ Tài chính, Bộ Tư pháp hướng dẫn.")] == ["Bộ Tài chính", "Bộ Tư pháp"]
    assert [g[0] for g in _resp("Giao Văn phòng Chính phủ, Bộ Tư pháp theo dõi.")] == ["Văn phòng Chính phủ", "Bộ Tư pháp"]


@pytest.mark.parametrize("thing", ["Bộ luật Hình sự năm 2015", "Bộ Luật Lao động", "Bộ tiêu chí quốc gia về xã"])
def test_a_code_or_a_set_named_bo_is_not_a_ministry(thing):
    got = _resp(f"Các sở, ngành tuyên truyền, trọng tâm là: Luật Đất đai, {thing}.")
    assert [g[0] for g in got] == ["Các sở, ngành"]


def test_positions_listed_with_semicolons_before_an_obligation_predicate():
    got = _resp("Chánh Văn phòng Ủy ban nhân dân tỉnh; Thủ trưởng các Sở, Ban, Ngành, đoàn thể tỉnh; "
                "Giám đốc Kho bạc Nhà nước tỉnh chịu trách nhiệm thi hành Quyết định này.")
    assert [(g[0], g[2]) for g in got] == [
        ("Chánh Văn phòng Ủy ban nhân dân tỉnh", "lead"),
        ("Thủ trưởng các Sở, Ban, Ngành, đoàn thể tỉnh", "lead"),
        ("Giám đốc Kho bạc Nhà nước tỉnh", "lead"),
    ]


def test_level_enumeration_after_cap_is_one_body_and_directed_after_cho():
    got = _resp("Chủ tịch Ủy ban nhân dân các huyện có trách nhiệm chỉ đạo và hướng dẫn cho "
                "UBND cấp Xã, Phường, Thị trấn thực hiện.")
    assert [(g[0], g[2]) for g in got] == [("Chủ tịch Ủy ban nhân dân các huyện", "lead"),
                                           ("UBND cấp Xã, Phường, Thị trấn", "support")]
    # a named locality after the level is a party of its own
    assert [g[0] for g in _resp("Giao UBND cấp xã, phường Tân An thực hiện.")] == ["UBND cấp xã", "phường Tân An"]


@pytest.mark.parametrize("actor", ["Cơ quan y tế", "Cơ quan chức năng", "Lực lượng công an"])
def test_bare_actor_nouns_are_subjects(actor):
    assert _resp(f"{actor} kiểm tra hồ sơ, xử lý vi phạm.") == [(actor, "unit", "lead")]


def test_category_nouns_written_without_their_comma():
    got = _resp("Phối hợp với Sở Tài chính và các Sở ngành khác có liên quan xây dựng đề án.")
    assert [g[0] for g in got] == ["Sở Tài chính", "các Sở ngành khác có liên quan"]


def test_special_zones_of_the_2025_reform_are_localities():
    assert _resp("Đề nghị UBND các xã, phường, đặc khu khẩn trương báo cáo.") == [
        ("UBND các xã, phường, đặc khu", "group", "lead")]
    assert [g[0] for g in _resp("Giao UBND đặc khu Phú Quốc chủ trì thực hiện.")] == ["UBND đặc khu Phú Quốc"]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Đề nghị đồng chí Phó Chủ tịch UBND tỉnh Trần Văn Bình chỉ đạo thực hiện.", [("Trần Văn Bình", "person", "lead")]),
        ("Giao Chủ tịch UBND huyện Lý Sơn Nguyễn Văn An chỉ đạo.", [("Nguyễn Văn An", "person", "lead")]),
        # a place the geography knows keeps its name, even one that starts like a family name
        ("Giao Chủ tịch UBND huyện Lý Sơn chỉ đạo.", [("Chủ tịch UBND huyện Lý Sơn", "position", "lead")]),
        ("Giao UBND tỉnh Lâm Đồng chủ trì.", [("UBND tỉnh Lâm Đồng", "unit", "lead")]),
    ],
)
def test_office_holder_named_after_the_body_is_the_person(text, expected):
    assert _resp(text) == expected


def test_named_person_with_office_after_a_dash_without_dong_chi():
    from notice_extract.extract.parties import split_parties

    doc = build_doc("các đồng chí: Nguyễn Văn Ba - Giám đốc Sở Tài chính; Trần Thị Tư - Phó Giám đốc Sở Xây dựng")
    got = [(p.value, p.kind, p.person.title) for p in split_parties(doc, 0, len(doc.text), represent=True)]
    assert got == [("Nguyễn Văn Ba", "person", "Giám đốc Sở Tài chính"),
                   ("Trần Thị Tư", "person", "Phó Giám đốc Sở Xây dựng")]


def test_decision_closing_formula_with_semicolon_lists_and_lower_case_body():
    got = _resp("Chánh Văn phòng Ủy ban nhân dân Thành phố; Giám đốc các Sở: Tài chính, Y tế; Giám đốc "
                "kho bạc Nhà nước Hà Nội và Chủ tịch Ủy ban nhân dân các quận, huyện chịu trách nhiệm thi hành "
                "Quyết định này.")
    values = [g[0] for g in got if g[2] == "lead"]
    # the listed offices take the predicate even where the last clause's subject is not read whole
    assert values[:3] == ["Chánh Văn phòng Ủy ban nhân dân Thành phố", "Giám đốc Sở Tài chính", "Giám đốc Sở Y tế"]
    # a known name written with a lower-case head takes its list spelling
    assert [g[0] for g in _resp("Phối hợp với phòng Lao động - Thương binh và Xã hội cấp huyện tổ chức thực hiện.")] == [
        "Phòng Lao động – Thương binh và Xã hội cấp huyện"]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Các bộ, cơ quan trung ương và địa phương hoàn thiện công tác quyết toán.",
         ["Các bộ, cơ quan trung ương và địa phương"]),
        ("Thủ trưởng các cơ quan, đơn vị và tổ chức liên quan chịu trách nhiệm thi hành Quyết định này.",
         ["Thủ trưởng các cơ quan, đơn vị và tổ chức liên quan"]),
        # a category of several words, or an enumeration of its own, after "và" is another party
        ("Đề nghị các sở, ban, ngành và cơ quan, đơn vị liên quan thực hiện.",
         ["các sở, ban, ngành liên quan", "cơ quan, đơn vị liên quan"]),
    ],
)
def test_short_category_after_and_closes_the_collective(text, want):
    assert [g[0] for g in _resp(text)] == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Bộ Khoa học và Công nghệ", [("Bộ Khoa học và Công nghệ", "unit", "lead")]),
        ("- Ban Chỉ đạo quốc gia.", [("Ban Chỉ đạo quốc gia", "unit", "lead")]),
        ("Sở Nội vụ, Ban Quản lý dự án các cấp.",
         [("Sở Nội vụ", "unit", "lead"), ("Ban Quản lý dự án các cấp", "unit", "lead")]),
        ("Sở Lao động - Thương binh và Xã hội:", [("Sở Lao động - Thương binh và Xã hội", "unit", "lead")]),
        # a topic heading or a lone category noun names no one
        ("Kinh phí thực hiện.", []),
        ("Tổ chức thực hiện:", []),
    ],
)
def test_item_that_is_only_its_parties(text, want):
    assert _resp(text) == want


def test_office_naming_its_body_takes_no_shared_body():
    got = _resp("Bộ trưởng, Thủ trưởng cơ quan ngang bộ chịu trách nhiệm thi hành Quyết định này.")
    assert [g[0] for g in got] == ["Bộ trưởng", "Thủ trưởng cơ quan ngang bộ"]
    # an office that does not name its body still takes it
    assert [g[0] for g in _resp("Chủ tịch, Phó Chủ tịch UBND huyện chỉ đạo thực hiện.")] == [
        "Chủ tịch UBND huyện", "Phó Chủ tịch UBND huyện"]


@pytest.mark.parametrize("actor", ["Người sử dụng lao động", "Người nộp thuế", "Người khai hải quan"])
def test_classes_of_persons_with_duties_are_subjects(actor):
    assert [g[0] for g in _resp(f"Trong thời hạn 05 ngày làm việc, {actor.lower()} lập danh sách gửi cơ quan thuế.")] == [
        actor.lower()]
    assert [g[0] for g in _resp(f"{actor} có trách nhiệm nộp hồ sơ.")] == [actor]


def test_collective_right_after_an_adverbial_without_its_comma():
    got = _resp("Quá trình thực hiện nếu có khó khăn, vướng mắc các cơ quan, đơn vị, địa phương "
                "báo cáo về UBND tỉnh để hướng dẫn.")
    assert got == [("các cơ quan, đơn vị, địa phương", "group", "lead")]
    # the owners of a proposal stay in the adverbial
    assert [g[0] for g in _resp("Trên cơ sở đề xuất của các bộ, cơ quan ngang bộ, Bộ Tài chính tổng hợp.")] == [
        "Bộ Tài chính"]


def test_levels_under_a_determiner_are_a_collective():
    assert _resp("Các tỉnh, thành phố trực thuộc Trung ương sử dụng ngân sách địa phương.") == [
        ("Các tỉnh, thành phố trực thuộc Trung ương", "group", "lead")]
    # ... but the levels of a body inside a fronted adverbial are not its subject
    got = _resp("Trên cơ sở đề xuất của các bộ, Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương, "
                "Bộ Tài chính tổng hợp, trình cấp có thẩm quyền.")
    assert [g[0] for g in got] == ["Bộ Tài chính"]


def test_offices_over_capitalised_categories_then_another_collective():
    got = _resp("Chủ tịch, Tổng giám đốc các Tập đoàn, Tổng công ty, doanh nghiệp nhà nước, cơ quan, tổ chức, "
                "cá nhân có liên quan chịu trách nhiệm thi hành Nghị quyết này.")
    assert [g[0] for g in got] == ["Chủ tịch các Tập đoàn, Tổng công ty, doanh nghiệp nhà nước",
                                   "Tổng giám đốc các Tập đoàn, Tổng công ty, doanh nghiệp nhà nước",
                                   "cơ quan, tổ chức, cá nhân có liên quan"]
    # a capitalised head with a name after it is a body of its own
    assert [g[0] for g in _resp("Giao các Sở, Bộ Tài chính thực hiện.")] == ["các Sở", "Bộ Tài chính"]
    # an office with words of its own keeps them
    got = _resp("Chánh Văn phòng Bộ, Vụ trưởng Vụ Pháp chế chịu trách nhiệm thi hành.")
    assert [g[0] for g in got] == ["Chánh Văn phòng Bộ", "Vụ trưởng Vụ Pháp chế"]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Thủ trưởng các Sở, Ban, Ngành nêu tại Điều 7 Quy định này chịu trách nhiệm giải quyết.",
         ["Thủ trưởng các Sở, Ban, Ngành nêu tại Điều 7 Quy định này"]),
        ("Các đơn vị quy định tại khoản 1 Điều 2 khẩn trương thực hiện.", ["Các đơn vị quy định tại khoản 1 Điều 2"]),
        # another document is cited, not a part of this one
        ("Các đơn vị quy định tại Nghị định số 15/2020/NĐ-CP khẩn trương thực hiện.", ["Các đơn vị"]),
    ],
)
def test_reference_to_a_part_of_the_text_stays_on_the_party(text, want):
    assert [g[0] for g in _resp(text)] == want


def test_levels_as_a_category_after_a_determiner():
    got = _resp("Thủ tướng Chính phủ yêu cầu các ngành, các cấp tập trung lực lượng để hoàn thành công tác này.")
    assert [g[0] for g in got] == ["các ngành", "các cấp"]
    # "cấp" without a determiner is the verb
    assert [g[0] for g in _resp("Sở Tài chính cấp kinh phí thực hiện.")] == ["Sở Tài chính"]


def test_distributive_support_in_a_clause_opening_with_its_marker():
    got = _resp("Chủ trì, phối hợp với các Bộ, ngành liên quan: Tài chính, Lao động - Thương binh và Xã hội "
                "hướng dẫn các tỉnh triển khai thực hiện;")
    assert got == [("Bộ Tài chính", "unit", "support"), ("Bộ Lao động - Thương binh và Xã hội", "unit", "support")]


@pytest.mark.parametrize("head", ["các cơ sở đào tạo trọng điểm", "các trường đại học", "các đơn vị"])
def test_an_enumeration_after_gom_gives_its_members_not_its_head(head):
    """"Giao <plural head> gồm: A, B" names A and B, each in full (a unit head
    that holds lower-case words, "Trường Đại học ...", is one member)."""
    got = _resp(f"Giao {head} gồm: Trường Đại học Đà Lạt, Viện Năng lượng nguyên tử Việt Nam thực hiện đào tạo nhân lực.")
    assert [v for v, _, _ in got] == ["Trường Đại học Đà Lạt", "Viện Năng lượng nguyên tử Việt Nam"]
    assert {r for _, _, r in got} == {"lead"}


@pytest.mark.parametrize("text, parties", [
    ("Các cơ quan sau: Ban Quản lý dự án đầu tư xây dựng tỉnh, Sở Tài chính có trách nhiệm báo cáo.",
     ["Ban Quản lý dự án đầu tư xây dựng tỉnh", "Sở Tài chính"]),
    ("Đề nghị các đơn vị sau đây: Sở Tài chính, Công an tỉnh thực hiện.", ["Sở Tài chính", "Công an tỉnh"]),
    ("Giao các Sở sau: Tài chính, Nội vụ thực hiện.", ["Sở Tài chính", "Sở Nội vụ"]),
])
def test_an_enumeration_after_sau_day(text, parties):
    """"các cơ quan sau (đây): A, B" lists its members; a body's head noun
    ("các Sở sau: Tài chính") still distributes over them."""
    assert [v for v, _, _ in _resp(text)] == parties


# Round G's patterns, on synthetic sentences with other bodies
@pytest.mark.parametrize("text,expected", [
    # a manner adverb before the directing verb of a subjectless task
    ("Khẩn trương hướng dẫn Ủy ban nhân dân các huyện rà soát quỹ đất.",
     [("Ủy ban nhân dân các huyện", "group", "support")]),
    ("Kịp thời chỉ đạo các trường học triển khai kế hoạch.", [("các trường học", "group", "support")]),
    # "hướng dẫn" puts bodies to work, not staff
    ("Sở Y tế hướng dẫn các bệnh viện tuyến huyện thực hiện.",
     [("Sở Y tế", "unit", "lead"), ("các bệnh viện tuyến huyện", "group", "support")]),
    ("Sở Y tế hướng dẫn cán bộ y tế xã thực hiện.", [("Sở Y tế", "unit", "lead")]),
    # an assignment opening a parenthesis after its task
    ("Xây dựng quy chế phối hợp (Giao Sở Nội vụ chủ trì, phối hợp với Sở Tư pháp tham mưu).",
     [("Sở Nội vụ", "unit", "lead"), ("Sở Tư pháp", "unit", "support")]),
    # a locality after "trong" stays on the group
    ("Các cơ quan, đơn vị trong huyện có trách nhiệm thực hiện.", [("Các cơ quan, đơn vị trong huyện", "group", "lead")]),
    # one party, not also its tail
    ("Trường hợp hồ sơ chưa đầy đủ thì Ủy ban nhân dân xã, phường, thị trấn có văn bản trả lời.",
     [("Ủy ban nhân dân xã, phường, thị trấn", "group", "lead")]),
])
def test_round_g_patterns(text, expected):
    assert _resp(text) == expected


# Round J's patterns, on synthetic sentences
@pytest.mark.parametrize("text,expected", [
    # a task card: the role labels on bulleted lines after the task sentence
    ("Xây dựng cơ sở dữ liệu dân cư.\n- Đơn vị chủ trì: Sở Tư pháp.\n- Đơn vị phối hợp: Sở Nội vụ.\n"
     "- Thời gian thực hiện: Quý II/2026.", [("Sở Tư pháp", "unit", "lead"), ("Sở Nội vụ", "unit", "support")]),
    # agencies named by their function
    ("Cơ quan điều tra, Viện Kiểm sát nhân dân và cơ quan thi hành án có trách nhiệm thông báo.",
     [("Cơ quan điều tra", "unit", "lead"), ("Viện Kiểm sát nhân dân", "unit", "lead"),
      ("cơ quan thi hành án", "unit", "lead")]),
    ("Trong thời hạn 05 ngày làm việc, cơ quan cấp phép tiến hành thẩm định hồ sơ.",
     [("cơ quan cấp phép", "unit", "lead")]),
])
def test_round_j_patterns(text, expected):
    assert _resp(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("Trường hợp các cơ quan, tổ chức không thực hiện việc báo cáo thì Sở Tư pháp có trách nhiệm xem xét.",
     [("Sở Tư pháp", "unit", "lead")]),
    ("Trường hợp cơ quan, tổ chức, doanh nghiệp không thực hiện nghiêm túc việc báo cáo định kỳ thì "
     "Sở Tư pháp có trách nhiệm xem xét.", [("Sở Tư pháp", "unit", "lead")]),
    ("Nếu các doanh nghiệp chậm nộp hồ sơ thì Ủy ban nhân dân huyện xử lý theo quy định.",
     [("Ủy ban nhân dân huyện", "unit", "lead")]),
])
def test_the_subject_of_a_condition_before_thi_is_no_party(text, expected):
    assert _resp(text) == expected


@pytest.mark.parametrize("text, want", [
    # a ministry is no body of a province: the locality closing the list is not its
    ("Giao Bộ Y tế, Bệnh viện Đa khoa tỉnh hướng dẫn thực hiện.", ["Bộ Y tế", "Bệnh viện Đa khoa tỉnh"]),
    ("Phối hợp với Bộ Nội vụ, Trung tâm Y tế huyện thực hiện.", ["Bộ Nội vụ", "Trung tâm Y tế huyện"]),
    ("Cơ quan chủ trì: Bộ Quốc phòng; Trạm Khuyến nông huyện.", ["Bộ Quốc phòng", "Trạm Khuyến nông huyện"]),
    ("Phối hợp với Bộ Tài chính và Ban Dân tộc tỉnh rà soát.", ["Bộ Tài chính", "Ban Dân tộc tỉnh"]),
    ("Văn phòng Chính phủ, Công an xã Hiệp Thạnh theo dõi.", ["Văn phòng Chính phủ", "Công an xã Hiệp Thạnh"]),
    # bodies that have provincial branches still take it
    ("Công an, Bộ Chỉ huy Quân sự tỉnh phối hợp thực hiện.", ["Công an tỉnh", "Bộ Chỉ huy Quân sự tỉnh"]),
    ("Đảng ủy, UBND xã Lan Giới tập trung chỉ đạo.", ["Đảng ủy xã Lan Giới", "UBND xã Lan Giới"]),
])
def test_a_locality_closing_a_list_is_not_a_ministrys(text, want):
    assert [g[0] for g in _resp(text)] == want


@pytest.mark.parametrize("text, want", [
    # an organ that names its locality belongs to no ministry after a comma
    ("Đề nghị Cục Thuế tỉnh, Bộ Kế hoạch và Đầu tư bố trí vốn.", ["Cục Thuế tỉnh", "Bộ Kế hoạch và Đầu tư"]),
    ("Phối hợp với Cục Hải quan tỉnh, Bộ Công an trong việc kiểm tra.", ["Cục Hải quan tỉnh", "Bộ Công an"]),
    # a ministry's own organ still does
    ("Cục Quản lý xuất nhập cảnh, Bộ Công an tiếp nhận hồ sơ.", ["Cục Quản lý xuất nhập cảnh, Bộ Công an"]),
])
def test_a_local_organ_before_a_ministry_is_two_parties(text, want):
    assert [g[0] for g in _resp(text)] == want


@pytest.mark.parametrize("text, want", [
    # a body's name ends with the proper name that closes it: the lower-case words after are the sentence's
    ("Bộ Kế hoạch và Đầu tư chủ trì, phối hợp với Trường Đại học Phạm Văn Đồng trình cấp có thẩm quyền.",
     ["Bộ Kế hoạch và Đầu tư", "Trường Đại học Phạm Văn Đồng"]),
    ("Phối hợp với Báo và Phát thanh, Truyền hình Lâm Đồng để trao đổi thông tin.",
     ["Báo và Phát thanh, Truyền hình Lâm Đồng"]),
    ("Công an tỉnh, Tập đoàn Điện lực Việt Nam xét duyệt, tổng hợp.", ["Công an tỉnh", "Tập đoàn Điện lực Việt Nam"]),
    ("Cảng vụ Hàng hải Quy Nhơn ký các văn bản.", ["Cảng vụ Hàng hải Quy Nhơn"]),
    # a name whose own words go on in lower case after a capitalised first syllable is whole
    ("Trung tâm Kiểm định chất lượng công trình xây dựng chủ trì thực hiện.",
     ["Trung tâm Kiểm định chất lượng công trình xây dựng"]),
    ("Ban Quản lý Khu kinh tế Dung Quất và các Khu công nghiệp Quảng Ngãi chủ trì.",
     ["Ban Quản lý Khu kinh tế Dung Quất và các Khu công nghiệp Quảng Ngãi"]),
])
def test_a_proper_name_ends_the_bodys_name(text, want):
    assert [g[0] for g in _resp(text)] == want


@pytest.mark.parametrize("text, want", [
    # a name that holds its own locality takes no other from the end of the list
    ("Bộ Chỉ huy quân sự, Công an tỉnh, Phòng Hạ tầng kinh tế huyện xét duyệt, tổng hợp.",
     ["Bộ Chỉ huy Quân sự", "Công an tỉnh", "Phòng Hạ tầng kinh tế huyện"]),
    ("Lãnh đạo xã và đội ngũ cán bộ chuyên môn ở xã cần phải nắm chắc chủ trương.",  # dev 000
     ["Lãnh đạo xã", "đội ngũ cán bộ chuyên môn ở xã"]),
])
def test_a_name_with_its_own_locality_takes_no_other(text, want):
    assert [g[0] for g in _resp(text)] == want


@pytest.mark.parametrize("text, want", [
    # a lower-case name read by its nouns: a noun pyvi tags a verb is still one beside "và" and a noun
    ("Chi cục Quản lý chất lượng nông lâm sản và thủy sản thẩm định nội dung hồ sơ.",
     [("Chi cục Quản lý chất lượng nông lâm sản và thủy sản", "lead")]),
    # and the nouns end at the preposition that opens the predicate's phrase
    ("Phối hợp với Chi cục Quản lý chất lượng nông lâm sản và thủy sản để mua thẻ bảo hiểm y tế.",
     [("Chi cục Quản lý chất lượng nông lâm sản và thủy sản", "support")]),
    ("Trung tâm Y tế kiểm tra việc thực hiện các quy định.", [("Trung tâm Y tế", "lead")]),
])
def test_a_lower_case_name_read_by_its_nouns(text, want):
    assert [(g[0], g[2]) for g in _resp(text)] == want


def test_a_name_with_nong_thon_still_takes_the_lists_locality():
    # "nông thôn" (countryside) is no locality of the name's own: "huyện" closing the list reaches it
    got = _resp("Phòng Nông nghiệp và Phát triển nông thôn, Văn phòng HĐND và UBND huyện tham gia thực hiện.")
    assert [g[0] for g in got] == ["Phòng Nông nghiệp và Phát triển nông thôn huyện", "Văn phòng HĐND và UBND huyện"]


@pytest.mark.parametrize("text, want", [
    # a field predicate in a name, then another predicate: the second is the sentence's
    ("Phối hợp với Chi cục Giám định xây dựng kiểm tra việc chấp hành quy định.", [("Chi cục Giám định xây dựng", "support")]),
    ("Chi cục Giám định xây dựng xây dựng các văn bản hướng dẫn.", [("Chi cục Giám định xây dựng", "lead")]),
    # the verbs of administrative procedures end a name; as a name's field they stay in it
    ("Chi cục Trồng trọt và Bảo vệ thực vật thẩm định nội dung hồ sơ.", [("Chi cục Trồng trọt và Bảo vệ thực vật", "lead")]),
    ("Phòng Hạ tầng kinh tế huyện xét duyệt, tổng hợp danh sách.", [("Phòng Hạ tầng kinh tế huyện", "lead")]),
    ("Chi cục Giám định xây dựng trả kết quả cho tổ chức.", [("Chi cục Giám định xây dựng", "lead")]),
    ("Hội đồng thẩm định chủ trì xem xét hồ sơ.", [("Hội đồng thẩm định", "lead")]),
])
def test_predicates_after_a_field_in_the_name(text, want):
    assert [(g[0], g[2]) for g in _resp(text)] == want


@pytest.mark.parametrize("text, want", [
    # a name never goes on over the preposition that opens the predicate's phrase
    ("Phối hợp với Trung tâm Quan trắc tài nguyên và môi trường trong việc kiểm tra, giám sát.",
     ["Trung tâm Quan trắc tài nguyên và môi trường"]),
    ("Phối hợp với Chi cục Thủy lợi để mua, cấp thẻ bảo hiểm y tế.", ["Chi cục Thủy lợi"]),
    ("Các cơ quan, đơn vị trong tỉnh triển khai thực hiện.", ["Các cơ quan, đơn vị trong tỉnh"]),
    # an actor of a project is no body of a level
    ("Tại thời điểm lập dự toán, chủ dự án, Ủy ban nhân dân xã Hiệp Thạnh xác định thời hạn.",
     ["chủ dự án", "Ủy ban nhân dân xã Hiệp Thạnh"]),
])
def test_name_stops_and_actors_of_no_level(text, want):
    assert [g[0] for g in _resp(text)] == want


@pytest.mark.parametrize("text, want", [
    # a body named by its own words has the competence; a category is picked by it
    ("Bảo hiểm xã hội khu vực XXV có thẩm quyền xem xét, trao đổi kết quả.", ["Bảo hiểm xã hội khu vực XXV"]),
    ("Cơ quan có thẩm quyền xem xét hồ sơ.", ["Cơ quan có thẩm quyền"]),
    ("Cấp có thẩm quyền quyết định.", ["Cấp có thẩm quyền"]),
])
def test_a_named_body_has_not_is_the_competence(text, want):
    assert [g[0] for g in _resp(text)] == want


@pytest.mark.parametrize("text, want", [
    # an office of a ministry takes no locality from the office after it
    ("Thời gian làm nhiệm vụ do Bộ trưởng Bộ Quốc phòng, Bí thư Đảng ủy xã Bình Minh quy định.",
     ["Bộ trưởng Bộ Quốc phòng", "Bí thư Đảng ủy xã Bình Minh"]),
    ("Chủ tịch, Phó Chủ tịch UBND huyện Sơn Tịnh chỉ đạo thực hiện.",
     ["Chủ tịch UBND huyện Sơn Tịnh", "Phó Chủ tịch UBND huyện Sơn Tịnh"]),
    # "cấp" before what is issued is the predicate
    ("Trong thời hạn 05 ngày làm việc, Bí thư Đảng ủy xã Bình Minh cấp tài khoản thông tin cho tổ chức.",
     ["Bí thư Đảng ủy xã Bình Minh"]),
])
def test_offices_with_new_names(text, want):
    assert [g[0] for g in _resp(text)] == want


def test_a_locality_goes_no_further_back_than_a_level_named_body():
    # "Văn phòng Huyện ủy" is the district's by its name: the province of the last item is not the others'
    from notice_extract.extract.parties import split_parties

    t = "Ủy ban kiểm tra, Ban Tuyên giáo, Văn phòng Huyện ủy và Ban Quản lý Khu kinh tế tỉnh"
    doc = build_doc(t)
    assert [p.value for p in split_parties(doc, 0, len(t))] == [
        "Ủy ban kiểm tra Huyện ủy", "Ban Tuyên giáo Huyện ủy", "Văn phòng Huyện ủy", "Ban Quản lý Khu kinh tế tỉnh"]


def test_a_field_name_ends_before_the_predicates_preposition():
    got = _resp("Giao Ban Quản lý dự án số 1 chủ trì, phối hợp với Chi cục Giám định xây dựng để rà soát tiến độ.")
    assert [(g[0], g[2]) for g in got] == [("Ban Quản lý dự án số 1", "lead"), ("Chi cục Giám định xây dựng", "support")]


@pytest.mark.parametrize("abbrev", ["đ/c", "Đ/c", "đ.c"])
def test_an_abbreviated_dong_chi_reads_as_the_words(abbrev):
    # probe over the 23 real files with "đồng chí" written "đ/c": 2 attendee
    # lists moved at the first look (089fa98; dev 004, r008), 0 now
    text = "lãnh đạo Phòng Nội vụ, đại diện Phòng Tư pháp và các đồng chí trong Ban Thường vụ Huyện ủy"
    got = _split(text.replace("đồng chí", abbrev), represent=True)
    assert [g[0] for g in got] == ["Phòng Nội vụ", "Phòng Tư pháp", "Ban Thường vụ Huyện ủy"]


@pytest.mark.parametrize("name", [
    "Bộ Tư Lệnh Thủ Đô Hà Nội", "Trung Ương Hội Cựu Chiến Binh Việt Nam", "Công ty Dịch Vụ Quảng Ngãi",
    "Công ty TNHH MTV Đầu Tư, Xây Dựng và Kinh Doanh Dịch Vụ Quảng Ngãi", "Sở Nội Vụ",
])
def test_a_name_printed_in_title_case(name):
    # the clause gold's unit names written with every syllable capitalised (as
    # many local documents print them): 9 true parties lost at the first look
    # (132bd10), 6 now, all a descriptive "Tổ chức làm nhiệm vụ ..." no document
    # prints so; and the real records' names so printed: 1 of 20 moved (g008), 0.
    # Words, not syllables, are counted in a name, and a head word inside a word
    # ("Dịch Vụ", "Nội Vụ") starts no party.
    for clause in (f"{name} chủ trì thực hiện.", f"Giao {name} hướng dẫn thực hiện."):
        assert _texts(clause) == [name], clause


@pytest.mark.parametrize("clause, parties", [
    ("Đề nghị Ủy ban Trung ương MTTQ Việt Nam, Tổng Liên đoàn Lao động Việt Nam tham gia giám sát.",
     ["Ủy ban Trung ương MTTQ Việt Nam", "Tổng Liên đoàn Lao động Việt Nam"]),
    ("BCĐ quốc gia chủ trì tổng kết.", ["BCĐ quốc gia"]),
    ("Giao Sở NN&PTNT chủ trì, phối hợp với UBND các huyện thực hiện.", ["Sở NN&PTNT", "UBND các huyện"]),
])
def test_a_name_with_the_abbreviations_spec_lists(clause, parties):
    # the clause gold with its names abbreviated as SPEC §4 lists (UBND, HĐND,
    # MTTQ, BCĐ, NN&PTNT, TN&MT ...): 22 true parties lost at the first look
    # (74881a2; F1 0.879 -> 0.867), 0 now: a lexicon knows each entry in both
    # spellings (parties._spellings)
    assert _texts(clause) == parties


@pytest.mark.parametrize("clause, parties", [
    ("Sở LĐ-TB&XH giới thiệu đối tượng.", ["Sở LĐ-TB&XH"]),
    ("Giao Sở LĐ-TB&XH, phòng LĐ-TB&XH cấp huyện và các ban ngành chức năng thực hiện.",
     ["Sở LĐ-TB&XH", "phòng LĐ-TB&XH cấp huyện", "các ban ngành chức năng"]),
    ("Bộ VH,TT&DL chủ trì.", ["Bộ VH,TT&DL"]),
    ("Bộ GD&ĐT\nChỉ đạo các cơ sở giáo dục thực hiện.", ["Bộ GD&ĐT"]),
    ("Ban QLDA đầu tư xây dựng tỉnh chủ trì.", ["Ban QLDA đầu tư xây dựng tỉnh"]),
    ("Giao các phòng GD&ĐT, THCS thực hiện.", ["các phòng GD&ĐT, THCS"]),
])
def test_a_department_by_its_acronym(clause, parties):
    # the clause gold with its ministries and departments written as their
    # acronyms (KH&ĐT, GD&ĐT, LĐ-TB&XH, TT&TT, GTVT, VH,TT&DL, KH&CN, TC-KH):
    # 18 true parties lost at the first look (bad340c; F1 0.879 -> 0.871), 0 now
    # (F1 0.879). An acronym completes a name before a verb or a task on the next
    # line; a head in lower case is named by its acronym; "VH,TT&DL" is one token.
    assert _texts(clause) == parties


@pytest.mark.parametrize("clause, parties", [
    # the assigning verb of the clause gold's "Giao X" written "Đề nghị X", "Yêu cầu X"
    ("Xây dựng Quy chế bảo vệ bí mật nhà nước (Đề nghị Công an tỉnh chủ trì, phối hợp với Văn phòng UBND tỉnh tham mưu).",
     [("Công an tỉnh", "lead"), ("Văn phòng UBND tỉnh", "support")]),
    ("Tại công văn số 12/VPCP-KGVX, Phó Thủ tướng đã đề nghị Bộ Y tế xây dựng Thông tư hướng dẫn.", [("Bộ Y tế", "lead")]),
    ("Văn phòng Chính phủ thông báo ý kiến của Phó Thủ tướng yêu cầu quý Bộ chủ trì, phối hợp với Bộ Y tế xây dựng Thông tư.",
     [("quý Bộ", "lead"), ("Bộ Y tế", "support")]),
    # "phối hợp với" written "phối hợp", "cùng với"
    ("Các Bộ, ngành, địa phương chủ động phối hợp Bộ Ngoại giao báo cáo Thủ tướng Chính phủ.",
     [("Các Bộ, ngành, địa phương", "lead"), ("Bộ Ngoại giao", "support")]),
    ("Các Bộ, ngành, địa phương chủ động cùng với Bộ Ngoại giao báo cáo Thủ tướng Chính phủ.",
     [("Các Bộ, ngành, địa phương", "lead"), ("Bộ Ngoại giao", "support")]),
    # not a request to a party: a step of the task, a noun, a negation
    ("Tổ chức thanh tra, xử lý theo thẩm quyền hoặc đề nghị cơ quan có thẩm quyền xử lý các vi phạm.", []),
    ("Không yêu cầu cá nhân, tổ chức nộp lại hồ sơ đã nộp.", []),
])
def test_assigning_and_supporting_wordings(clause, parties):
    # probe over the clause gold (first look e3e095c): "Giao X" as "Đề nghị X" /
    # "Yêu cầu X" lost 4 of 25 true parties, "phối hợp với" as "phối hợp" 8 of
    # 215 and as "cùng với" 10; 0 now (and 3 more true parties as printed)
    assert _texts(clause, roles=True) == parties


def test_a_name_in_capitals_inside_a_sentence_enumerates_its_fields():
    # real g008's lead upper-cased in place lost every party at the first look
    # (57ea9a1): a "VÀ" in capitals was read as a field of the name, not the
    # word that closes its fields
    clause = ("1. CÔNG TY TNHH MTV ĐẦU TƯ, XÂY DỰNG VÀ KINH DOANH DỊCH VỤ QUẢNG NGÃI chủ trì, "
              "phối hợp với các cơ quan, đơn vị liên quan thực hiện.")
    assert _texts(clause, roles=True) == [
        ("CÔNG TY TNHH MTV ĐẦU TƯ, XÂY DỰNG VÀ KINH DOANH DỊCH VỤ QUẢNG NGÃI", "lead"),
        ("các cơ quan, đơn vị liên quan", "support")]


def test_a_requester_check_reads_the_rest_once_not_recursively(monkeypatch):
    # each "X kết luận: ..." reads the words after its colon once, bounded, and
    # that read looks for no requester of its own: calls grow with the clauses,
    # not with their combinations (a66347f recursed on every nested hand-over)
    from notice_extract.extract import parties
    from notice_extract.textmap import build_doc

    calls = []
    real = parties.find_responsible

    def counted(*a, **k):
        calls.append(k.get("requesters", True))
        return real(*a, **k)

    monkeypatch.setattr(parties, "find_responsible", counted)
    n = 12
    s = " ".join(["Chủ tịch UBND tỉnh kết luận: Sở Y tế chủ trì kiểm tra các cơ sở y tế;"] * n)
    got = counted(build_doc(s), 0, len(s))
    assert [q.value for q in got] == ["Sở Y tế"]
    assert len(calls) == n + 1 and calls.count(True) == 1


def test_a_long_chain_of_bare_offices_is_read_without_nesting():
    # "Giám đốc, Giám đốc, ... Sở Y tế": each bare office looks at the next
    # office's first words only (a nested reading per office hit Python's
    # recursion limit at about 400 in the first version of that rule)
    s = ", ".join(["Giám đốc"] * 2000) + " Sở Y tế chịu trách nhiệm."
    assert isinstance(_resp(s), list)
