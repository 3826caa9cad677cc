"""Recipients lists: real lists from the dev corpus (file named per case) and variants."""

from __future__ import annotations

import pytest

from notice_extract.extract.recipients import extract_recipients
from conftest import ctx_of, gold_docs, load_gold, norm_value, read_source

BODY = "THÔNG BÁO\nKết luận của Ban Thường vụ\n\nNgày 1/2/2020, Ban Thường vụ họp.\n\n1. Nội dung thứ nhất.\n\n2. Nội dung thứ hai.\n\n"


def recs(tail: str):
    src = BODY + tail
    out = extract_recipients(ctx_of(src))
    for r in out:
        assert src[r.span[0] : r.span[1]] == r.text
    return [(r.value, r.purpose, r.channel, r.archive) for r in out]


def test_party_list_nested_and_archive():  # 000
    tail = "#### Nơi nhận:\n\n- Văn phòng Tỉnh uỷ (b/c),\n- Đảng uỷ, UBND xã Lan Giới,\n- VPHU: + LĐVP,\n- + Lưu VT.\n\nT/L BAN THƯỜNG VỤ  \nCHÁNH VĂN PHÒNG\n"
    assert recs(tail) == [
        ("Văn phòng Tỉnh ủy", "báo cáo", "paper", False),
        ("Đảng ủy, UBND xã Lan Giới", None, "paper", False),
        ("VPHU: LĐVP", None, "paper", False),
        ("VT", None, "paper", True),
    ]


def test_paper_and_electronic_lists():  # 002
    tail = "**Nơi nhận:**\n\n- Lưu: VT.\n\n**Bản điện tử:**\n\n- Công an huyện;\n- LĐVP, CVNN.\n\nTL. CHỦ TỊCH  \nVĂN PHÒNG\n"
    assert recs(tail) == [
        ("VT", None, "paper", True),
        ("Công an huyện", None, "electronic", False),
        ("LĐVP, CVNN", None, "electronic", False),
    ]


def test_archive_named_office():  # 001
    assert recs("Nơi nhận:\n\n- Đảng ủy các xã, thị trấn,\n- Lưu Văn phòng Huyện ủy.\n\nT/L BAN THƯỜNG VỤ\n")[-1] == (
        "Văn phòng Huyện ủy", None, "paper", True)


def test_list_in_one_table_cell():  # r018
    tail = "| Nơi nhận: - Như trên; - Chủ tịch UBND tỉnh (báo cáo); - Chánh VP, Phó CVP (Bích); - Lưu: VT, KT (T.Q.Hùng). | KT. CHỦ TỊCH PHÓ CHỦ TỊCH Ngô Hạnh Phúc |\n"
    assert recs(tail) == [
        ("Như trên", None, "paper", False),
        ("Chủ tịch UBND tỉnh", "báo cáo", "paper", False),
        ("Chánh VP, Phó CVP (Bích)", None, "paper", False),
        ("VT, KT (T.Q.Hùng)", None, "paper", True),
    ]


def test_cell_does_not_split_inner_hyphen():  # synthetic: "chính trị - xã hội" in a cell
    tail = "| Nơi nhận: - Các tổ chức chính trị - xã hội huyện; - Lưu: VT. | KT. CHỦ TỊCH PHÓ CHỦ TỊCH Lê Văn A |\n"
    assert [r[0] for r in recs(tail)] == ["Các tổ chức chính trị - xã hội huyện", "VT"]


def test_pdftotext_left_column_and_wrapped_items():  # r016
    tail = (
        " Nơi nhận:                                                                        KT. GIÁM ĐỐC\n"
        " - Như trên;\n - UBND tỉnh (b/c);\n"
        "                                                                                  PHÓ GIÁM ĐỐC\n"
        " - Các Sở, ngành: Xây dựng, Công Thương,\n Tài chính, Thuế tỉnh;\n - UBND xã Văn Bàn (p/h);\n - Lưu: VT, QLĐ, CCMT, KS.\n\n\n"
        "                                                                                Phạm Năng Chung\n"
    )
    assert recs(tail) == [
        ("Như trên", None, "paper", False),
        ("UBND tỉnh", "báo cáo", "paper", False),
        ("Các Sở, ngành: Xây dựng, Công Thương, Tài chính, Thuế tỉnh", None, "paper", False),
        ("UBND xã Văn Bàn", "phối hợp", "paper", False),
        ("VT, QLĐ, CCMT, KS", None, "paper", True),
    ]


def test_pdftotext_item_beside_signature():  # r014
    tail = (
        "Nơi nhận:                                         T/M. ĐOÀN KIỂM TRA\n"
        "- Giám đốc Sở (để báo cáo và phê duyệt);\n"
        "- Văn phòng Sở (Bố trí kinh phí, phương              TRƯỞNG ĐOÀN\n"
        "tiện Phục vụ Đoàn kiểm tra);\n- Lưu: VT, CN(M. Cường).\n"
    )
    got = recs(tail)
    assert got[0] == ("Giám đốc Sở", "báo cáo và phê duyệt", "paper", False)
    assert got[1][0] == "Văn phòng Sở (Bố trí kinh phí, phương tiện Phục vụ Đoàn kiểm tra)"


def test_wrapped_party_item():  # r006: an item continued on the next line
    tail = "Nơi nhận:\n- Đồng chí Lương Đức Hải – UVTV, Trưởng\nBan Nội chính Tỉnh uỷ (phụ trách địa bàn),\n- Lưu VPĐU.\nT/M BAN THƯỜNG VỤ\nBÍ THƯ\n"
    assert recs(tail)[0] == ("Đồng chí Lương Đức Hải – UVTV, Trưởng Ban Nội chính Tỉnh ủy (phụ trách địa bàn)", None, "paper", False)


@pytest.mark.parametrize(
    "item, purpose",
    [
        ("- Thường trực Thành ủy; (để b/c)", "báo cáo"),  # r003
        ("- UBND các phường, xã; (để ph/h th/h)", "phối hợp thực hiện"),  # r003
        ("- Các phòng: NL, CN (T/h);", "thực hiện"),  # r017
        ("- Tỉnh ủy (B/c);", "báo cáo"),  # r039
        ("- Phòng Quản lý công nghiệp (chủ trì thực hiện);", "chủ trì thực hiện"),  # r034
        ("- PCT UBND tỉnh (N.T. Sinh);", None),  # r020: a name, not a purpose
    ],
)
def test_purposes(item, purpose):
    got = recs(f"Nơi nhận:\n{item}\n- Lưu: VT.\n")
    assert got[0][1] == purpose


def test_nested_list_lines_keep_parent():  # synthetic nested layout
    tail = "Nơi nhận:\n- Thường trực Huyện ủy,\n- VPHU:\n  + LĐVP,\n  + CV theo dõi,\n- Lưu VT.\n"
    assert [r[0] for r in recs(tail)] == ["Thường trực Huyện ủy", "VPHU: LĐVP", "VPHU: CV theo dõi", "VT"]


def test_list_stops_at_position_without_authority():  # synthetic plain "GIÁM ĐỐC" under the list
    tail = "Nơi nhận:\n- Như trên;\n- Lưu: VT.\nGIÁM ĐỐC\n\nNguyễn Văn A\n"
    assert [r[0] for r in recs(tail)] == ["Như trên", "VT"]


def test_no_list():  # r035: page 1 only
    assert recs("") == []


@pytest.mark.parametrize("stem", gold_docs())
def test_gold_recipients(stem):
    from notice_extract.pipeline import extract_text

    src = read_source(stem)
    gold = load_gold(stem)["recipients"]
    got = extract_text(src, stem).recipients
    assert [(norm_value(r.value), r.purpose, r.channel, r.archive) for r in got] == [
        (norm_value(g["value"]), g["purpose"], g["channel"], g["archive"]) for g in gold
    ]
    for r in got:
        assert src[r.span[0] : r.span[1]] == r.text


# --- layouts and wordings seen in provincial documents ----------------------------------


def test_docx_cell_slash_is_a_line_break():
    tail = ("| Nơi nhận: / - Chủ tịch, các PCT UBND tỉnh; / - LĐVP; / - Lưu: VT, XDCT(Sơn). "
            "| TL. CHỦ TỊCH / KT. CHÁNH VĂN PHÒNG / PHÓ CHÁNH VĂN PHÒNG / Lê Văn A |\n")
    assert recs(tail) == [
        ("Chủ tịch, các PCT UBND tỉnh", None, "paper", False),
        ("LĐVP", None, "paper", False),
        ("VT, XDCT(Sơn)", None, "paper", True),
    ]


def test_slash_inside_an_item_is_kept():  # near miss: "Vụ/Cục" and "b/c" are not line breaks
    tail = "| Nơi nhận: - Vụ/Cục TCCB (b/c); - Lưu: VT. | KT. BỘ TRƯỞNG THỨ TRƯỞNG Lê Văn A |\n"
    assert recs(tail) == [("Vụ/Cục TCCB", "báo cáo", "paper", False), ("VT", None, "paper", True)]


def test_half_abbreviated_and_written_out_purposes():
    tail = ("Nơi nhận:\n- Bộ Thông tin và Truyền thông (b/cáo);\n- Sở Tài chính (t/hiện);\n"
            "- Các đơn vị thuộc Bộ (để cập nhật số liệu);\n- CVP (đ/c Nam);\n- Lưu: VT.\n")
    assert recs(tail) == [
        ("Bộ Thông tin và Truyền thông", "báo cáo", "paper", False),
        ("Sở Tài chính", "thực hiện", "paper", False),
        ("Các đơn vị thuộc Bộ", "cập nhật số liệu", "paper", False),
        ("CVP (đ/c Nam)", None, "paper", False),  # near miss: "đ/c" names a person
        ("VT", None, "paper", True),
    ]


def test_archive_word_without_diacritics():
    assert recs("Nơi nhận:\n- Như trên;\n- Luu: VT, KTTHu20.\n")[-1] == ("VT, KTTHu20", None, "paper", True)
    # near miss: a recipient that merely starts with the letters
    assert recs("Nơi nhận:\n- Luuk Group;\n- Lưu: VT.\n")[0] == ("Luuk Group", None, "paper", False)


def test_ocr_signature_column_glued_to_items():
    # OCR collapses the run of spaces between the list and the signature column
    tail = ("Nơi nhận: ZZZ==kT. CHỦ TỊCH\n- Như trên; ý LC” )) Tạ\n\n- CT, PCT UBND tỉnh;  Ì:\n"
            "- Cổng TTĐT tỉnh; š „ .\n- Lưu: VT, NC(Tr212). Trần Phước Hiện\n")
    assert [r[0] for r in recs(tail)] == ["Như trên", "CT, PCT UBND tỉnh", "Cổng TTĐT tỉnh", "VT, NC(Tr212)"]


def test_authority_or_position_glued_after_an_item():
    tail = ("Nơi nhận: TM. ỦY BAN NHÂN DÂN\n- Như trên; KT. CHỦ TỊCH\n- CT, PCT UBND tỉnh; PHO CHANH VAN PHONG\n"
            "- Lưu: VT, ĐMDN (2b). Trung Anh BỘ TRƯỞNG, CHỦ NHIỆM Mai Tiến Dũng\n")
    assert [r[0] for r in recs(tail)] == ["Như trên", "CT, PCT UBND tỉnh", "VT, ĐMDN (2b). Trung Anh"]


def test_glued_tail_near_misses_stay_in_the_item():
    tail = ("Nơi nhận:\n- TT Tỉnh ủy; TT HĐND tỉnh;\n- Phòng TM. Sở Công Thương;\n- Phòng KT. HẠ TẦNG;\n"
            "- Thường trực Tỉnh ủy; (b/c)\n- Đ/c Lê Văn A, PHÓ CHỦ TỊCH UBND tỉnh;\n- Lưu: VT, TH(2). H\n")
    assert [r[0] for r in recs(tail)] == [
        "TT Tỉnh ủy; TT HĐND tỉnh", "Phòng TM. Sở Công Thương", "Phòng KT. HẠ TẦNG",
        "Thường trực Tỉnh ủy", "Đ/c Lê Văn A, PHÓ CHỦ TỊCH UBND tỉnh", "VT, TH(2). H",
    ]


def test_signature_lines_inside_the_list_do_not_end_it():
    # an authority line with noise before the first item, a noise line, and a
    # position line at the left margin between items
    tail = ("Nơi nhận: TL. CHỦ TỊCH\nKhu KT. CHÁNH VĂN PHÒNG\nx D 41 €NI Š Lá z x `\n\n- Như trên;\n"
            "- CT, PCT UBND tỉnh (b/cáo);\nPHÓ CHÁNH VĂN PHÒNG\n- VPUB: CVP, PCVP, KTTH;\n- Lưu: VT, KGVX(bnt).\n\nPhùng Tô Long\n")
    assert [r[0] for r in recs(tail)] == ["Như trên", "CT, PCT UBND tỉnh", "VPUB: CVP, PCVP, KTTH", "VT, KGVX(bnt)"]


def test_position_above_the_header_and_between_items():  # pdftotext, header at the left margin
    tail = ("                                                       KT. GIÁM ĐỐC\n Nơi nhận:\n - Như trên;\n"
            "                                                       PHÓ GIÁM ĐỐC\n - GĐ, PGĐ phụ trách;\n - Lưu: VT, BTTP.\n\n\n"
            "                                                        Trần Thanh Tài\n")
    assert [r[0] for r in recs(tail)] == ["Như trên", "GĐ, PGĐ phụ trách", "VT, BTTP"]


def test_position_line_after_the_list_is_not_skipped():  # near miss: no item follows
    tail = "Nơi nhận:\n- Như trên;\n- Lưu: VT.\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nLê Văn A\n\n- Phụ lục kèm theo;\n"
    assert [r[0] for r in recs(tail)] == ["Như trên", "VT"]


def test_unbulleted_sub_lines_keep_their_office():
    tail = ("Nơi nhận:\n- Như trên;\n- VPCP: BTCN, các PCN;\n Trợ lý, Thư ký TTg, các PTTg;\n"
            " các Vụ, Cục: KGVX, KTTH; Cổng TTĐT;\n- Văn phòng UBND các tỉnh, thành phố trực thuộc\n"
            "  Trung ương (để phối hợp);\n- Lưu: VT.\n")
    assert recs(tail) == [
        ("Như trên", None, "paper", False),
        ("VPCP: BTCN, các PCN", None, "paper", False),
        ("VPCP: Trợ lý, Thư ký TTg, các PTTg", None, "paper", False),
        ("VPCP: các Vụ, Cục: KGVX, KTTH; Cổng TTĐT", None, "paper", False),
        ("Văn phòng UBND các tỉnh, thành phố trực thuộc Trung ương", "phối hợp", "paper", False),
        ("VT", None, "paper", True),
    ]


def test_list_under_a_garbled_header():
    tail = ("R-.4ê th TL. CHỦ TỊCH\n- Như trên; H x `\nTK no nàn, CHÁNH VĂN PHÒNG\n\n- VPUBR: CVP, PCVP;\n"
            "- Lưu: VT, TTHC(Tm).\n\nÄguyến Quốc Việt\n")
    assert [r[0] for r in recs(tail)] == ["Như trên", "VPUBR: CVP, PCVP", "VT, TTHC(Tm)"]


def test_bullets_without_a_header_or_authority_are_not_a_list():  # near miss
    assert recs("Các đơn vị lưu ý:\n- Sở Tài chính;\n- Lưu ý: hồ sơ gửi trước ngày 10.\n") == []
    assert recs("Đề nghị các đơn vị TL. CHỦ TỊCH\n- Sở Tài chính;\n- Lưu: VT.\n") == []


def test_item_terminators_comma_and_closing_mark():
    tail = "Nơi nhận:\n- Như trên, KT. CHỦ TỊCH\n- VPUB: CVP, PCVP, PHÓ CHỦ TỊCH\n- Lưu: VT./. Nguyễn Văn An\n"
    assert [r[0] for r in recs(tail)] == ["Như trên", "VPUB: CVP, PCVP", "VT"]


def test_purpose_after_a_unit_in_one_parenthesis():
    # "(Cục A03 - để b/c)": the unit stays in the value, the purpose is read
    tail = "Nơi nhận:\n- Bộ Quốc phòng (Cục Tác chiến - để b/c);\n- Sở Tài chính (Phòng Ngân sách; để t/h);\n- Lưu: VT.\n"
    assert recs(tail) == [
        ("Bộ Quốc phòng (Cục Tác chiến)", "báo cáo", "paper", False),
        ("Sở Tài chính (Phòng Ngân sách)", "thực hiện", "paper", False),
        ("VT", None, "paper", True),
    ]


def test_purpose_printed_without_parenthesis():
    tail = "Nơi nhận:\n- Phó Chủ tịch Trần Văn Nam để b/c;\n- Sở Y tế để thực hiện;\n- Như trên;\n- Lưu: VT.\n"
    assert recs(tail) == [
        ("Phó Chủ tịch Trần Văn Nam", "báo cáo", "paper", False),
        ("Sở Y tế", "thực hiện", "paper", False),
        ("Như trên", None, "paper", False),
        ("VT", None, "paper", True),
    ]


def test_a_parenthesis_without_a_purpose_stays_in_the_value():
    # near miss: a unit and a name, neither a purpose
    tail = "Nơi nhận:\n- Bộ Công an (Cục A03 - Phòng 2);\n- Trung tâm để xe công cộng;\n- Lưu: VT.\n"
    assert recs(tail) == [
        ("Bộ Công an (Cục A03 - Phòng 2)", None, "paper", False),
        ("Trung tâm để xe công cộng", None, "paper", False),
        ("VT", None, "paper", True),
    ]


def test_syllables_broken_by_the_crawl_are_joined_in_the_values():
    tail = "| Nơi nhận: - Nh ư tr ê n; - T hủ tướ ng C h í nh ph ủ; - Lưu VT, NCC. | KT. BỘ TRƯỞNG THỨ TRƯỞNG Lê Văn An |\n"
    assert recs(tail) == [
        ("Như trên", None, "paper", False),
        ("Thủ tướng Chính phủ", None, "paper", False),
        ("VT, NCC", None, "paper", True),
    ]


@pytest.mark.parametrize("blank", ["- …………;", "- Lưu: VT, …", "- Nơi nhận khác (nếu có);"])
def test_a_blank_forms_list_is_not_the_documents(blank):
    # the templates attached to a decision print a list with blanks to fill in
    tail = f"Mẫu số 02\nTỜ KHAI\n\nNơi nhận:\n- Như trên;\n{blank}\n- Lưu: VT.\nTRƯỞNG CƠ QUAN\n"
    assert recs(tail) == []
