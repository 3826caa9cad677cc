"""Signature block: real blocks from the dev corpus (file named per case) and variants."""

from __future__ import annotations

import pytest

from notice_extract.extract.signature import extract_signature
from conftest import ctx_of, gold_docs, load_gold, read_source

BODY = "THÔNG BÁO\nKết luận của Ban Thường vụ\n\nNgày 1/2/2020, Ban Thường vụ họp.\n\n1. Nội dung thứ nhất.\n\n2. Nội dung thứ hai.\n\n"


def sig(tail: str, body: str = BODY):
    src = body + tail
    s = extract_signature(ctx_of(src))
    if s is None:
        return None
    for part in list(s.parts.values()) + [s]:
        assert src[part.span[0] : part.span[1]] == part.text
    return (s.mode, s.on_behalf_of, s.position, s.signer)


def test_party_plain_after_recipients():  # 000
    tail = "#### Nơi nhận:\n\n- Văn phòng Tỉnh uỷ (b/c),\n- + Lưu VT.\n\nT/L BAN THƯỜNG VỤ  \nCHÁNH VĂN PHÒNG\n\n\n\nNguyễn Thế Huy"
    assert sig(tail) == ("T/L", "BAN THƯỜNG VỤ", "CHÁNH VĂN PHÒNG", "Nguyễn Thế Huy")


def test_name_in_caps_and_mixed_case():  # 002
    tail = "**Nơi nhận:**\n\n- Lưu: VT.\n\nTL. CHỦ TỊCH  \nVĂN PHÒNG  \nCHỦ TỊCH  \nNGUYỄN HUY NGỌC\n\n\n\nNguyễn Huy Ngọc"
    assert sig(tail) == ("TL.", "CHỦ TỊCH", "VĂN PHÒNG CHỦ TỊCH", "Nguyễn Huy Ngọc")


def test_no_signer_name():  # 003
    tail = "#### **Nơi nhận:**\n\n- Lưu VPHU.\n\n**T/L BAN THƯỜNG VỤ  \nCHÁNH VĂN PHÒNG**\n\n\n\n"
    assert sig(tail) == ("T/L", "BAN THƯỜNG VỤ", "CHÁNH VĂN PHÒNG", None)


def test_esignature_stamp_after_name():  # r022
    tail = "Nơi nhận:\n- Ban XDĐ,\n- Lưu VPĐU.\nT/M BAN THƯỜNG VỤ\nBÍ THƯ\nVũ Thị Thuỳ Trang\nĐẢNG UỶ XÃ CÔNG HẢI\n29-08-2025 14:09:28 +07:00"
    assert sig(tail) == ("T/M", "BAN THƯỜNG VỤ", "BÍ THƯ", "Vũ Thị Thùy Trang")


@pytest.mark.parametrize("stamp", [
    "Ký bởi: Ủy ban nhân dân tỉnh\nNgày ký: 12/03/2025 15:20:11",
    "Người ký: Sở Nội vụ\nThời gian ký: 12.03.2025 15:20:11 +07:00",
])
@pytest.mark.parametrize("name", ["Nguyễn Văn An", "NGUYỄN VĂN AN\n\nNguyễn Văn An"])
def test_esignature_stamp_between_office_and_name(stamp, name):
    # an e-signed copy prints the stamp where the signature image stood; probe
    # over the 127 real files (the stamp put before the signer's line): 44 of 55
    # signatures lost their signer at the first look (ffc8554), 4 now, each an
    # OCR'd block with no office line above the name
    tail = "Nơi nhận:\n- Như trên;\n- Lưu: VT.\n\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\n" + stamp + "\n" + name + "\n"
    assert sig(tail) == ("KT.", "CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Văn An")


def test_two_authority_lines():  # r002: the second authority line is part of the position
    tail = "Nơi nhận:\n- Lưu: VT, KGVX\n\nTL. CHỦ TỊCH\nKT. CHÁNH VĂN PHÒNG\nPHÓ CHÁNH VĂN PHÒNG\n\nVõ Tuấn Anh\n"
    assert sig(tail) == ("TL.", "CHỦ TỊCH", "KT. CHÁNH VĂN PHÒNG PHÓ CHÁNH VĂN PHÒNG", "Võ Tuấn Anh")


def test_table_cell_beside_recipients():  # r018
    tail = "| Nơi nhận: - Như trên; - Chủ tịch UBND tỉnh (báo cáo); - Lưu: VT, KT (T.Q.Hùng). | KT. CHỦ TỊCH PHÓ CHỦ TỊCH Ngô Hạnh Phúc |\n"
    assert sig(tail) == ("KT.", "CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Ngô Hạnh Phúc")


def test_table_cell_two_modes():  # r020
    tail = "| Nơi nhận: - Như trên; - Lưu: VT, KT(Hùng). | TL. CHỦ TỊCH KT. CHÁNH VĂN PHÒNG PHÓ CHÁNH VĂN PHÒNG Hoàng Ngọc Bích |\n"
    assert sig(tail) == ("TL.", "CHỦ TỊCH", "KT. CHÁNH VĂN PHÒNG PHÓ CHÁNH VĂN PHÒNG", "Hoàng Ngọc Bích")


def test_table_cell_comma_title():  # r046: "BỘ TRƯỞNG, CHỦ NHIỆM" is one authority
    tail = "| *Nơi nhận:* - Như trên; - Lưu: VT, QHQT (2). GT | KT. BỘ TRƯỞNG, CHỦ NHIỆM PHÓ CHỦ NHIỆM     Cao Huy |\n| --- | --- |"
    assert sig(tail) == ("KT.", "BỘ TRƯỞNG, CHỦ NHIỆM", "PHÓ CHỦ NHIỆM", "Cao Huy")


def test_pdftotext_interleaved():  # r016
    tail = (
        " Nơi nhận:                                                                        KT. GIÁM ĐỐC\n"
        " - Như trên;\n - UBND tỉnh (b/c);\n"
        "                                                                                  PHÓ GIÁM ĐỐC\n"
        " - Các Sở, ngành: Xây dựng, Công Thương,\n Tài chính, Thuế tỉnh;\n - Lưu: VT, QLĐ, CCMT, KS.\n\n\n\n\n"
        "                                                                                Phạm Năng Chung\n\n\n\n"
        "4 Ưu tiên sử dụng công nghệ, thiết bị thân thiện với môi trường\n"
    )
    assert sig(tail) == ("KT.", "GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Phạm Năng Chung")


def test_pdftotext_position_beside_wrapped_item():  # r014: "T/M." with a dot
    tail = (
        "Nơi nhận:                                         T/M. ĐOÀN KIỂM TRA\n"
        "- Giám đốc Sở (để báo cáo và phê duyệt);\n"
        "- Văn phòng Sở (Bố trí kinh phí, phương              TRƯỞNG ĐOÀN\n"
        "tiện Phục vụ Đoàn kiểm tra);\n- Lưu: VT, CN(M. Cường).\n\n\n\n"
        "                                                     Hoàng Văn Thuân\n"
        "                                                     PHÓ GIÁM ĐỐC\n"
    )
    assert sig(tail) == ("T/M", "ĐOÀN KIỂM TRA", "TRƯỞNG ĐOÀN", "Hoàng Văn Thuân")  # (printed "T/M.")


def test_office_signing_in_person_pdftotext():  # r015: no authority line
    tail = " Nơi nhận:                                                  GIÁM ĐỐC\n - UBND tỉnh (để báo cáo);\n - Lưu: VT, CN(M.Cường).\n\n\n\n                                                          Hoàng Chí Hiền\n"
    assert sig(tail) == (None, None, "GIÁM ĐỐC", "Hoàng Chí Hiền")


def test_office_signing_in_person_cell():  # r049
    tail = "| Nơi nhận: - Như Điều 5; - Ban GĐ Sở (báo cáo); - Lưu: VT, CN(Loan). | GIÁM ĐỐC Hoàng Chí Hiền |\n"
    assert sig(tail) == (None, None, "GIÁM ĐỐC", "Hoàng Chí Hiền")


# synthetic variants
def test_signature_before_recipients_state_layout():
    tail = "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\nNguyễn Văn An\n\nNơi nhận:\n- Như trên;\n- Lưu: VT.\n"
    assert sig(tail) == ("TM.", "ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Nguyễn Văn An")


def test_caps_only_name():
    tail = "Nơi nhận:\n- Lưu VT.\n\nT/M BAN THƯỜNG VỤ\nBÍ THƯ\n\nNGUYỄN VĂN AN\n"
    assert sig(tail) == ("T/M", "BAN THƯỜNG VỤ", "BÍ THƯ", "NGUYỄN VĂN AN")


def test_spaced_mode_and_inline_position():
    tail = "Nơi nhận:\n- Lưu VT.\n\nT / M BAN THƯỜNG VỤ BÍ THƯ\n\nTrần Thị Bình\n"
    assert sig(tail) == ("T/M", "BAN THƯỜNG VỤ", "BÍ THƯ", "Trần Thị Bình")


def test_no_signature_in_incomplete_page():  # r035: page 1 only
    assert sig("", body="CHÍNH PHỦ\n\nSố: 115/NQ-CP\n\nNGHỊ QUYẾT\nVề việc chuyển giao\n\nCăn cứ Luật Tổ chức Chính phủ;\n") is None


@pytest.mark.parametrize("stem", gold_docs())
def test_gold_signature(stem):
    from notice_extract.pipeline import extract_text

    src = read_source(stem)
    g = load_gold(stem)["signature"]
    s = extract_text(src, stem).signature
    assert s is not None
    assert (s.mode, s.on_behalf_of, s.position, s.signer) == (g["mode"], g["on_behalf_of"], g["position"], g["signer"])
    assert src[s.span[0] : s.span[1]] == s.text


def test_minutes_signed_by_representatives_give_the_first_cell():
    body = "BIÊN BẢN LÀM VIỆC\n\nHôm nay, ngày 2/3/2026, tại Sở A, các bên làm việc.\n\n1. Thống nhất phương án.\n\n"
    tail = ("Biên bản kết thúc vào hồi 10 giờ cùng ngày.\n\n"
            "| Đại diện Sở Công Thương Lê Văn Bình | Đại diện UBND xã Hòa An Trần Thị Mai |\n")
    assert sig(tail, body) == (None, None, "Đại diện Sở Công Thương", "Lê Văn Bình")
    no_name = "Biên bản kết thúc vào hồi 10 giờ cùng ngày.\n\n| Đại diện Sở Công Thương | Đại diện UBND xã Hòa An |\n"
    assert sig(no_name, body) == (None, None, "Đại diện Sở Công Thương", None)


def test_docx_cell_slash_joins_position_lines_with_a_space():
    tail = ("| Nơi nhận: / - LĐVP; / - Lưu: VT. "
            "| TL. CHỦ TỊCH / KT. CHÁNH VĂN PHÒNG / PHÓ CHÁNH VĂN PHÒNG / Nguyễn Ngọc Nam |\n")
    assert sig(tail) == ("TL.", "CHỦ TỊCH", "KT. CHÁNH VĂN PHÒNG PHÓ CHÁNH VĂN PHÒNG", "Nguyễn Ngọc Nam")


# --- two-column blocks flattened by OCR, pdftotext and docx tables ----------------------


def test_ocr_authority_on_header_line_lower_case_and_name_glued_to_archive():
    tail = ("Nơi nhận: ZZZ==kT. CHỦ TỊCH\n- Như trên; ý LC” )) Tạ\n\n- CT, PCT UBND tỉnh;  Ì:\n"
            "- Cổng TTĐT tỉnh; š „ .\n- Lưu: VT, NC(Tr212). Trần Phước Hiện\n")
    assert sig(tail) == ("KT.", "CHỦ TỊCH", None, "Trần Phước Hiện")  # (printed "kT.": the mode as SPEC spells it)


def test_ocr_position_glued_to_items_and_name_below_noise():
    tail = ("Nơi nhận: TM. ỦY BAN NHÂN DÂN\n- Như trên; KT. CHỦ TỊCH\n- Thường trực HĐND tỉnh; ˆ í\n\n"
            "- Sở Tài chính;\n- Lưu: VT, P.KTTH.\n\n© D2XÍ s4\nXồ\"xZ47\nPrẩn Phước Hiền\n")
    assert sig(tail) == ("TM.", "ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "Prẩn Phước Hiền")


def test_ocr_position_without_diacritics_is_not_a_name():
    tail = ("Nơi nhận: TL. CHỦ TỊCH\nKhu KT. CHÁNH VĂN PHÒNG\nx D 41 €NI Š Lá z x `\n\n"
            "- CT, PCT UBND tỉnh; PHO CHANH VAN PHONG\n- Lưu: VT.\n")
    assert sig(tail) == ("TL.", "CHỦ TỊCH", "KT. CHÁNH VĂN PHÒNG PHO CHANH VAN PHONG", None)


def test_position_without_authority_after_noise_and_damaged_name():
    tail = "Nơi nhận: c— CHỦ TỊCH\n- Như trên; “OÀN y,\n- Thường trực Tỉnh ủy; T NĂ\n- Lưu: VT.\n\nX6uyễn Hoàng Giang\n"
    assert sig(tail) == (None, None, "CHỦ TỊCH", "X6uyễn Hoàng Giang")


def test_headless_block_glued_after_the_archive_item():
    tail = "Nơi nhận:\n- Như trên;\n- Lưu: VT, ĐMDN (2b). Trung Anh BỘ TRƯỞNG, CHỦ NHIỆM Mai Tiến Dũng\n"
    assert sig(tail) == (None, None, "BỘ TRƯỞNG, CHỦ NHIỆM", "Mai Tiến Dũng")


def test_only_the_name_survived():
    assert sig("Nơi nhận:\n\n- Như trên;\n\n- Luu: VT, KTTHu20.\n\nNguyễn Hoàng Giang\n") == (
        None, None, None, "Nguyễn Hoàng Giang")


def test_only_the_name_near_misses():
    # body text or a place after the list is not a signer
    assert sig("Nơi nhận:\n- Như trên;\n- Lưu: VT.\n\nPhụ lục kèm theo công văn\n") is None
    assert sig("Nơi nhận:\n- Như trên;\n- Lưu: VT.\n\nHà Nội\n") is None


def test_garbled_header_with_authority():
    tail = ("R-.4ê th TL. CHỦ TỊCH\n- Như trên; H x `\nTK no nàn, CHÁNH VĂN PHÒNG\n\n- VPUBR: CVP, PCVP;\n"
            "- Lưu: VT, TTHC(Tm).\n\nÄguyến Quốc Việt\n")
    assert sig(tail) == ("TL.", "CHỦ TỊCH", "CHÁNH VĂN PHÒNG", "Äguyến Quốc Việt")


def test_pdftotext_position_at_the_margin_and_name_below_the_list():
    tail = ("Nơi nhận:    TL. CHỦ TỊCH\n- Như trên;    KT. CHÁNH VĂN PHÒNG\n- CT, PCT UBND tỉnh (b/cáo);\n"
            "PHÓ CHÁNH VĂN PHÒNG\n- VPUB: CVP, PCVP, KTTH;\n- Lưu: VT, KGVX(bnt).\n\nPhùng Tô Long\n")
    assert sig(tail) == ("TL.", "CHỦ TỊCH", "KT. CHÁNH VĂN PHÒNG PHÓ CHÁNH VĂN PHÒNG", "Phùng Tô Long")


def test_table_signature_column_over_several_rows():
    tail = ("| Nơi nhận: |  | KT. GIÁM ĐỐC |\n| - Như trên; |  | PHÓ GIÁM ĐỐC |\n| - Lưu: VT, QLCN. |  |  |\n"
            "|  |  |  |\n|  |  | Hoàng Văn Thuân |\n")
    assert sig(tail) == ("KT.", "GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Hoàng Văn Thuân")


def test_table_rows_of_an_appendix_are_not_read():  # near miss: the cell column ends at body text
    tail = ("| Nơi nhận: | KT. CỤC TRƯỞNG |\n| - Lưu: VT. | PHÓ CỤC TRƯỞNG |\n| | Công ty chưa cung cấp thông tin |\n"
            "|  | Vương Thành Chung |\n")
    assert sig(tail) == ("KT.", "CỤC TRƯỞNG", "PHÓ CỤC TRƯỞNG", None)


def test_authority_without_dot_still_found():  # "TM BAN THƯỜNG VỤ": the strict form, unchanged
    tail = "Nơi nhận:\n- Lưu VPĐU.\n\nTM BAN THƯỜNG VỤ\nBÍ THƯ\n\nLê Văn An\n"
    assert sig(tail) == ("TM.", "BAN THƯỜNG VỤ", "BÍ THƯ", "Lê Văn An")


@pytest.mark.parametrize("mark", ["(Đã ký)", "(đã ký và đóng dấu)", "Đã ký", "(Ký, ghi rõ họ tên)"])
def test_signed_mark_of_a_published_copy_is_skipped(mark):
    tail = f"Nơi nhận:\n- Như trên;\n- Lưu: VT.\n\nGIÁM ĐỐC\n\n{mark}\n\nTrần Quốc Việt"
    assert sig(tail) == (None, None, "GIÁM ĐỐC", "Trần Quốc Việt")


def test_acting_office_is_a_position_not_a_mode():
    # SPEC §2: mode is one of T/M, T/L, K/T, TM., TL., KT., TUQ. or null
    tail = "Nơi nhận:\n- Như trên;\n- Lưu: VT.\n\nQ. GIÁM ĐỐC\n\n\nPhạm Minh Tuấn"
    assert sig(tail) == (None, None, "Q. GIÁM ĐỐC", "Phạm Minh Tuấn")


# --- gazette copies (Công báo), crawled decisions ---------------------------------------

DECISION = ("QUYẾT ĐỊNH\nVề việc ban hành Quy chế làm việc\n\nCăn cứ Luật Tổ chức Chính phủ;\n\nQUYẾT ĐỊNH:\n\n"
            "Điều 1. Ban hành kèm theo Quyết định này Quy chế làm việc.\n\n"
            "Điều 2. Quyết định này có hiệu lực thi hành kể từ ngày ký./.\n\n")


@pytest.mark.parametrize("between", ["[daky]", "[", "]\n\n*", "CÔNG BÁO/Số 212/Ngày 10-3-2025\n37", "15"])
def test_image_debris_and_page_break_between_position_and_name(between):
    # a signature image, a page number or the gazette's running page header
    # between the position and the name does not end the block
    tail = f"KT. BỘ TRƯỞNG\nTHỨ TRƯỞNG\n{between}\n\nTrần Văn Sơn\n"
    assert sig(tail, DECISION) == ("KT.", "BỘ TRƯỞNG", "THỨ TRƯỞNG", "Trần Văn Sơn")


@pytest.mark.parametrize("body, position", [
    ("ỦY BAN NHÂN DÂN TỈNH", "CHỦ TỊCH"),
    ("ỦY BAN NHÂN DÂN HUYỆN ĐỨC PHỔ", "PHÓ CHỦ TỊCH"),
    ("BAN THƯỜNG VỤ HUYỆN ỦY", "BÍ THƯ"),
])
def test_body_with_its_level_or_place_in_one_cell(body, position):
    # the level ("TỈNH") or place after the signing body belongs to the body:
    # the position starts at the first office title
    tail = f"| Nơi nhận: - Như Điều 3; - Lưu: VT. | TM. {body} {position} Lê Thị Hoa |\n|---|---|\n"
    assert sig(tail, DECISION) == ("TM.", body, position, "Lê Thị Hoa")


def _programme(n: int) -> str:
    items = "".join(f"{i}. Bộ, ngành, địa phương triển khai nhiệm vụ thứ {i} theo chức năng được giao.\n" for i in range(1, n))
    return "\nCHƯƠNG TRÌNH HÀNH ĐỘNG\n(Kèm theo Nghị quyết số 12/NQ-CP ngày 3 tháng 4 năm 2026)\n\n" + items


def test_block_above_a_long_attachment():
    # a gazette copy signs after its articles; the attached programme fills the
    # rest of the file, so the block is in its upper part
    tail = "TM. CHÍNH PHỦ\nKT. THỦ TƯỚNG\nPHÓ THỦ TƯỚNG\n\nNguyễn Hòa Bình\n" + _programme(40)
    assert sig(tail, DECISION) == ("TM.", "CHÍNH PHỦ", "KT. THỦ TƯỚNG PHÓ THỦ TƯỚNG", "Nguyễn Hòa Bình")


def test_form_in_an_attachment_gives_way_to_the_signed_block():
    form = ("\nMẫu số 01\nĐƠN ĐỀ NGHỊ\n(Địa danh), ngày ... tháng ... năm ...\n\n"
            "TM. CƠ QUAN/TỔ CHỨC\n(Đại diện cơ quan, tổ chức ký, ghi rõ họ tên và đóng dấu)\n")
    tail = "KT. BỘ TRƯỞNG\nTHỨ TRƯỞNG\n\nĐỗ Văn Hải\n" + _programme(40) + form
    assert sig(tail, DECISION) == ("KT.", "BỘ TRƯỞNG", "THỨ TRƯỞNG", "Đỗ Văn Hải")


def test_unsigned_authority_line_in_the_upper_part_is_not_a_block():
    # near miss: above the lower third only a block that reaches a name counts
    tail = "TM. BAN CHỈ ĐẠO\n\nBan Chỉ đạo họp định kỳ hằng quý.\n" + _programme(40)
    assert sig(tail, DECISION) is None


def test_prime_minister_signing_in_person_beside_the_list():
    # a Prime Minister's decision: no authority line, "THỦ TƯỚNG" then the name in the cell beside the list
    tail = ("| Nơi nhận: - Ban Bí thư Trung ương Đảng; - Các Bộ, cơ quan ngang Bộ; - Lưu: Văn thư, KGVX (3b). "
            "| THỦ TƯỚNG Phạm Minh Chính |\n|---|---|\n")
    assert sig(tail, DECISION) == (None, None, "THỦ TƯỚNG", "Phạm Minh Chính")


def test_office_signing_in_person_with_no_list():
    # a gazette copy has no recipients list: the office title line, image debris, the name
    tail = "GIÁM ĐỐC\n[\n\nHoàng Thị Lan\n\nCÔNG BÁO/Số 101/Ngày 2-4-2025\n"
    assert sig(tail, DECISION) == (None, None, "GIÁM ĐỐC", "Hoàng Thị Lan")


def test_office_title_line_without_a_name_is_not_a_block():
    # near miss: an upper-case title line in the body with text, not a name, below it
    tail = "CHỦ TỊCH\nỦy ban nhân dân tỉnh chỉ đạo các sở thực hiện.\n"
    assert sig(tail, DECISION) is None


@pytest.mark.parametrize("tail, want", [
    ("Nơi nhận:\n- Như trên;\n- Lưu: VT, PC.\nTL.\nBỘ TRƯỞNG VỤ TRƯỞNG VỤ PHÁP CHẾ Trần Thu Hà\n",
     ("TL.", "BỘ TRƯỞNG", "VỤ TRƯỞNG VỤ PHÁP CHẾ", "Trần Thu Hà")),
    ("Nơi nhận:\n- Như trên;\n- Lưu: VT.\n\nK/T\nGIÁM ĐỐC\nPHÓ GIÁM ĐỐC\n\nLâm Văn Tài\n",
     ("K/T", "GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Lâm Văn Tài")),
])
def test_mode_alone_on_its_line(tail, want):
    # a narrow signature column wraps after the mode: the next line goes on with it
    assert sig(tail, DECISION) == want


def test_syllables_broken_by_the_crawl_are_joined_in_the_values():
    # a crawled page puts spaces inside words: the values join them, the spans keep the text
    tail = ("| Nơi nhận: - Như Điều 3; - Lưu: VT. | KT. GIÁM Đ ỐC P HÓ GIÁM ĐỐ C Tr ần Thị Hoa |\n|---|---|\n")
    assert sig(tail, DECISION) == ("KT.", "GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Trần Thị Hoa")
    assert sig("| Nơi nhận: - Lưu: VT. | CHỦ TỊCH Đặ ng Quốc Khánh |\n", DECISION) == (
        None, None, "CHỦ TỊCH", "Đặng Quốc Khánh")


def test_whole_syllables_are_never_joined():
    # near miss: names the word list lacks ("Ksor", "Niê") or initials stay as printed
    tail = "| Nơi nhận: - Lưu: VT. | KT. CHỦ TỊCH PHÓ CHỦ TỊCH Ksor Phước Hà |\n"
    assert sig(tail, DECISION) == ("KT.", "CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Ksor Phước Hà")
    assert sig("| Nơi nhận: - Lưu: VT. | GIÁM ĐỐC Niê Thuật |\n", DECISION) == (None, None, "GIÁM ĐỐC", "Niê Thuật")
    assert sig("Nơi nhận:\n- Lưu: VT.\n\nGIÁM ĐỐC\n\nNguyễn Văn B\n", DECISION) == (
        None, None, "GIÁM ĐỐC", "Nguyễn Văn B")


def test_a_fragment_joins_the_longest_syllable_shape():
    from notice_extract.textmap import mended

    # "Nguyễn" is not in the word list: "ễn" joins the longest run of a syllable's shape
    assert mended("Ngu y ễn Hữu Tín") == "Nguyễn Hữu Tín"
    assert mended("P HÓ CHỦ T Ị CH") == "PHÓ CHỦ TỊCH"
    assert mended("KT. CHỦ TỊCH") == "KT. CHỦ TỊCH"
    # single letters alone are an abbreviation spelled out, never a syllable
    assert mended("T T U B : C T") == "T T U B : C T"


def test_seal_debris_with_a_stray_symbol_between_the_list_and_the_name():
    # OCR with one space between the columns and the seal read as "ý | rn" (first run, rules
    # of cd4b6f2, a probe OCR notice): the block ended at the debris, no signer
    tail = ("Nơi nhận: TL. CHỦ TỊCH\n- Như trên; CHÁNH VĂN PHÒNG\n- CT, PCT UBND huyện;\n"
            "- Lưu: VT. ‘ =\ný | rn\nNguyễn Văn Hai\n")
    assert sig(tail) == ("TL.", "CHỦ TỊCH", "CHÁNH VĂN PHÒNG", "Nguyễn Văn Hai")


@pytest.mark.parametrize("printed, mode", [
    ("KT.", "KT."), ("KT", "KT."), ("KT,", "KT."), ("KT:", "KT."), ("K.T.", "KT."), ("K/T", "K/T"), ("K / T", "K/T"),
    ("T/M.", "T/M"), ("T.M", "TM."), ("TUQ", "TUQ."),
])
def test_an_authority_mode_as_typists_and_ocr_print_it(printed, mode):
    # probe over the real files with their mode printed otherwise: at the first
    # look (6d3f1e5) "K.T." / "KT:" / "KT," moved the block in 54 of 54 each, the
    # same for TM (26) and TL (20); without the stop 6 of 100 (two-column OCR
    # lines). The record's mode is the SPEC's spelling (T/M, T/L, K/T, TM., TL., KT., TUQ.)
    tail = f"Nơi nhận:\n- Như trên;\n- Lưu: VT.\n\n{printed} CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nLê Văn An\n"
    assert sig(tail) == (mode, "CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Lê Văn An")
    # beside the list's header in a two-column OCR line (a spaced slash there is not read)
    tail = f"Nơi nhận: {printed} CHỦ TỊCH\n- Như trên; PHÓ CHỦ TỊCH\n- Lưu: VT. Lê Văn An\n"
    assert sig(tail)[:2] == (mode, "CHỦ TỊCH") or " " in printed


@pytest.mark.parametrize("line", ["KT, HC;", "KT, VX, NC", "TMCP Ngoại thương", "KT-XH năm 2025", "TL:VT"])
def test_mode_letters_in_a_list_or_a_word_are_no_authority(line):
    from notice_extract.extract.recipients import AUTHORITY

    assert AUTHORITY.match(line) is None
