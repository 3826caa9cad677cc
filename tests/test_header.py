"""Header fields: number, place/date, subject, notice kind.

Real lines from the dev corpus (file named per case) and synthetic variants;
end-to-end over the gold files; notice_kind against MANIFEST.jsonl on every file.
"""

from __future__ import annotations

import json

import pytest

from notice_extract.extract.header import (
    BLANK_DAY_WARNING,
    UNREADABLE_DAY_WARNING,
    extract_notice_kind,
    extract_number,
    extract_place_date,
    extract_subject,
)
from conftest import CORPUS, ctx_of, gold_docs, load_gold, norm_value, read_source



def number(text: str):
    n = extract_number(ctx_of(text))
    return (n.serial, n.symbol) if n else None


# --- number -------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("\n\nSố: 54.../TB- UBND\n\nTân Yên, ngày 11 tháng 4 năm 2019\n\n## THÔNG BÁO\n", ("54", "TB-UBND")),  # 002
        ("ĐẢNG BỘ TỈNH KHÁNH HOÀ\nĐẢNG UỶ XÃ CÔNG HẢI\n*\nSố -TB/ĐU\nĐẢNG CỘNG SẢN VIỆT NAM\nTHÔNG BÁO\n", (None, "TB/ĐU")),  # r006
        ("ỦY BAN NHÂN DÂN\nTHÀNH PHỐ HÀ NỘI\n\nSố: /TB-UBND\n\nHà Nội, ngày tháng năm\n\nTHÔNG BÁO\n", (None, "TB-UBND")),  # r002
        ("  Số: 2507 /GP-UBND                  Lào Cai, ngày 21 tháng 7 năm 2026\n", ("2507", "GP-UBND")),  # r032
        ("| UBND TỈNH LÀO CAI SỞ CÔNG THƯƠNG | CỘNG HOÀ |\n| Số:          /TB-SCT | Lào Cai, ngày        tháng 6 năm 2026 |\n\nTHÔNG BÁO\n", (None, "TB-SCT")),  # r017
        ("| ỦY BAN NHÂN DÂN TỈNH LÀO CAI Số:           /UBND-KT V/v triển khai di dời | CỘNG HÒA |\n", (None, "UBND-KT")),  # r018
        ("| Số: 9416/VPCP-QHQT *V/v Thỏa thuận thí điểm* | *Hà Nội, ngày 30 tháng 11 năm 2023* |\n", ("9416", "VPCP-QHQT")),  # r046
        ("   SỐ 1050/QĐ-SCT                      Lào Cai, ngày 10 tháng 3 năm 2026\n\n     Số: 1105/KH-ĐKT\n\n   KẾ HOẠCH\n", ("1105", "KH-ĐKT")),  # r014: SỐ in the issuer name
        ("Số: 21/2026/TT-BCT\n\nHà Nội, ngày 28 tháng 4 năm 2026\n\nTHÔNG TƯ\n", ("21", "2026/TT-BCT")),  # r036
        # synthetic: Party style, spaces, placeholder dots, an en dash
        ("HUYỆN ỦY TÂN YÊN\nSố 123-TB/HU\nTân Yên, ngày 4 tháng 9 năm 2015\nTHÔNG BÁO\n", ("123", "TB/HU")),
        ("Số: 07 / TB – VP\nTHÔNG BÁO\n", ("07", "TB-VP")),
        ("Số:   /TB-VP\nTHÔNG BÁO\n", (None, "TB-VP")),
        ("Số: 12……/TB-UBND\nTHÔNG BÁO\n", ("12", "TB-UBND")),
        # OCR-damaged serials: serial null, the symbol kept
        ("Số: $ †+/UBND-KTTH Quảng Ngãi, ngày 4 tháng 02 năm 2025\n", (None, "UBND-KTTH")),
        ("Số:b3  /TB-UBND Quảng Ngãi, ngày 7 tháng 02 năm 2025\nTHÔNG BÁO\n", (None, "TB-UBND")),
        ("Số: 4† /QĐ-UBND\nQUYẾT ĐỊNH\n", (None, "QĐ-UBND")),
        ("Số: # /CT-UBND\nCHỈ THỊ\n", (None, "CT-UBND")),
        # the colon left out (probe over the real number lines: 12 of 112 lost
        # their number at the first look, ffc8554): a blank serial, after the
        # issuer's name in its cell; an OCR-damaged one at the line's start
        ("| ỦY BAN NHÂN DÂN TỈNH LÀO CAI Số           /UBND-KT V/v triển khai di dời | CỘNG HÒA |\n", (None, "UBND-KT")),
        ("| ỦY BAN NHÂN DÂN TỈNH LÀO CAI Số /UBND-KT V/v triển khai di dời | CỘNG HÒA |\n", (None, "UBND-KT")),
        ("Số $ †+/UBND-KTTH Quảng Ngãi, ngày 4 tháng 02 năm 2025\n", (None, "UBND-KTTH")),
    ],
)
def test_number(text, expected):
    assert number(text) == expected


def test_number_not_from_body_citation():  # 001: "Quyết định số 898-QĐ/HU" in the opening
    text = "THÔNG BÁO\nÝ KIẾN CHỈ ĐẠO\n\nThực hiện Quyết định số 898-QĐ/HU ngày 30/9/2019 của Ban Thường vụ.\n"
    assert number(text) is None


def test_number_damaged_serial_needs_colon():
    # without "Số:" a short token before "/" is running text, not a serial
    assert number("THÔNG BÁO\n\nTheo văn bản số ab /TB-UBND của tỉnh.\n") is None


def test_number_grounded():
    src = "\n\nSố: 54.../TB- UBND\n\nTHÔNG BÁO\n"
    n = extract_number(ctx_of(src))
    assert src[n.span[0] : n.span[1]] == n.text == "Số: 54.../TB- UBND"


# --- place and date ------------------------------------------------------------


def test_place_date_plain():  # 000
    ctx = ctx_of("\n\nTân Yên, ngày 04 tháng 9 năm 2015\n\n## THÔNG BÁO\n\nKẾT LUẬN\n")
    place, date = extract_place_date(ctx)
    assert (place.value, date.value) == ("Tân Yên", "2015-09-04")
    assert date.text == "ngày 04 tháng 9 năm 2015"


def test_place_date_blank_day_warns():  # r010
    ctx = ctx_of("ĐẢNG UỶ XÃ CÔNG HẢI\n*\nSố -TB/ĐU\nCông Hải, ngày      tháng 8 năm 2025\nTHÔNG BÁO\nKẾT LUẬN\n")
    place, date = extract_place_date(ctx)
    assert place.value == "Công Hải" and date is None
    assert BLANK_DAY_WARNING in ctx.warnings


@pytest.mark.parametrize(
    "line",
    ["Quảng Ngãi, ngày {tháng 02 năm 2025", "Quảng Ngãi, ngày 0† tháng 02 năm 2025",
     "Quảng Ngãi, ngày 80 tháng 3 năm 2018", "Quảng Ngãi, ngày{5 tháng 01 năm 2025"],
)
def test_place_date_unreadable_day_keeps_place(line):
    ctx = ctx_of(f"ỦY BAN NHÂN DÂN\nSố: 5/TB-UBND {line}\nTHÔNG BÁO\nKết luận\n")
    place, date = extract_place_date(ctx)
    assert place.value == "Quảng Ngãi" and date is None
    assert UNREADABLE_DAY_WARNING in ctx.warnings and BLANK_DAY_WARNING not in ctx.warnings


def test_place_date_slashed_zero_day():
    ctx = ctx_of("Số: 5/CT-UBND Quảng Ngãi, ngày Ø3 tháng 4 năm 2018\nCHỈ THỊ\n")
    place, date = extract_place_date(ctx)
    assert (place.value, date.value) == ("Quảng Ngãi", "2018-04-03")


def test_place_date_two_columns():  # r016 (pdftotext)
    ctx = ctx_of("        Số: 6795 /SNNMT-KS                              Lào Cai, ngày 17 tháng 7 năm 2026\nV/v thực hiện\n")
    place, date = extract_place_date(ctx)
    assert (place.value, date.value) == ("Lào Cai", "2026-07-17")


@pytest.mark.parametrize("before", ["Số: 299/TTg", "Số: 3397/BKHĐT-QLKTTW V/v hướng dẫn áp dụng Điều 162"])
def test_place_date_without_its_comma_in_a_flattened_header(before):
    # a crawl flattened the header onto one line and the comma was lost: the
    # place follows the number or the V/v subject instead of opening its column
    ctx = ctx_of(f"THỦ TƯỚNG CHÍNH PHỦ\n{before} Hà Nội ngày 10 tháng 11 năm 1980 CHỈ THỊ VỀ CÔNG TÁC ĐO ĐẠC\n")
    place, date = extract_place_date(ctx)
    assert (place.value, date.value) == ("Hà Nội", "1980-11-10")


@pytest.mark.parametrize("title", ["KẾT LUẬN CỦA CHỦ TỊCH UBND TỈNH TẠI CUỘC HỌP NGÀY 5 THÁNG 6 NĂM 2019",
                                   "Kết luận tại Hội nghị Ban Chấp hành Đảng bộ Tỉnh ngày 5 tháng 6 năm 2019"])
def test_place_date_not_from_a_titles_meeting_date(title):
    # without a number or subject before it on its line, a date with no comma
    # before it needs its place to open the line: a title's meeting date is none
    ctx = ctx_of(f"ỦY BAN NHÂN DÂN\nTỈNH LÀO CAI\nSố: 12/TB-UBND\n\nTHÔNG BÁO\n{title}\n\nNgày 5/6/2019, đồng chí A chủ trì.\n")
    assert extract_place_date(ctx) == (None, None)


def test_place_date_missing():  # 001, 004: no place line -> both null
    ctx = ctx_of("\n\nTHÔNG BÁO\n\nKết luận của Ban Thường vụ\n\nNgày 14/4/2022, Ban Thường vụ đã tổ chức.\n")
    assert extract_place_date(ctx) == (None, None)


def test_place_date_not_from_minutes_body():  # r030: "Hôm nay, ngày 26/5/2026" is not a place line
    ctx = ctx_of("CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\nBIÊN BẢN LÀM VIỆC\n\n\tHôm nay, ngày 26/5/2026 tại Sở.\n")
    assert extract_place_date(ctx) == (None, None)


# --- subject -------------------------------------------------------------------


def subject(text: str):
    s = extract_subject(ctx_of(text))
    return s.value if s else None


def test_subject_multiline_markdown():  # 001
    text = (
        "\n\n**THÔNG BÁO**  \n**Ý KIẾN CHỈ ĐẠO CỦA ĐỒNG CHÍ BÍ THƯ HUYỆN ỦY**  \n"
        "**Tại Hội nghị làm việc với các Tổ công tác,**  \n**kết quả nhiệm kỳ 2015-2020**\n\n-----\n\nThực hiện Quyết định.\n"
    )
    assert subject(text) == "Ý KIẾN CHỈ ĐẠO CỦA ĐỒNG CHÍ BÍ THƯ HUYỆN ỦY Tại Hội nghị làm việc với các Tổ công tác, kết quả nhiệm kỳ 2015-2020"


def test_subject_heading_marks():  # 002: "### **Kết luận ...**"
    text = "## THÔNG BÁO\n\n### **Kết luận của Chủ tịch UBND huyện tại buổi làm việc**\n\nNgày 05 tháng 4 năm 2019, đồng chí.\n"
    assert subject(text) == "Kết luận của Chủ tịch UBND huyện tại buổi làm việc"


def test_subject_letter_spaced_fragments():  # r010: "v ề" / "c h o"
    text = "THÔNG BÁO\nKẾT LUẬN CỦA THƯỜNG TRỰC ĐẢNG UỶ\nv ề\nc h o\nchủ trương thành lập Hội đồng Đội xã\n-----\nCăn cứ Quy định.\n"
    assert subject(text) == "KẾT LUẬN CỦA THƯỜNG TRỰC ĐẢNG ỦY về cho chủ trương thành lập Hội đồng Đội xã"


def test_subject_stops_at_body_without_rule():  # r027: body starts "Đểđảm bảo" right below
    text = "THÔNG BÁO\nLịch trực cơ quan dịp nghỉ tết Dương lịch 2026\nĐểđảm bảo tình hình an ninh trật tự, bảo vệ tài sản\nlịch 2026; Thường trực thông báo như sau:\n"
    assert subject(text) == "Lịch trực cơ quan dịp nghỉ tết Dương lịch 2026"


def test_subject_ve_viec_then_body():  # r002
    text = "THÔNG BÁO\nVề việc treo cờ Tổ quốc\n\nNhân dịp Đại hội đại biểu toàn quốc Mặt trận Tổ quốc Việt Nam.\n"
    assert subject(text) == "Về việc treo cờ Tổ quốc"


def test_subject_stops_before_decision_authority():  # r003 / r042
    text = "QUYẾT ĐỊNH\nVề việc công nhận kết quả huấn luyện\nGIÁM ĐỐC SỞ CÔNG THƯƠNG TỈNH LÀO CAI\n\tCăn cứ Luật số 42/2024/QH15;\n"
    assert subject(text) == "Về việc công nhận kết quả huấn luyện"


@pytest.mark.parametrize("authority", ["CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH", "ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG",
                                       "BỘ TRƯỞNG BỘ XÂY DỰNG", "CHÍNH PHỦ"])
def test_upper_case_subject_stops_before_decision_authority(authority):
    """Under an upper-case subject the authority line is upper case too: after
    the blank line it is the enacting body, not the subject's next line."""
    text = f"QUYẾT ĐỊNH\n\nVỀ VIỆC BAN HÀNH KẾ HOẠCH\nPHÒNG CHỐNG THIÊN TAI NĂM 2026\n\n{authority}\n\nCăn cứ Luật Tổ chức chính quyền địa phương;\n"
    assert subject(text) == "VỀ VIỆC BAN HÀNH KẾ HOẠCH PHÒNG CHỐNG THIÊN TAI NĂM 2026"


def test_subject_vv_in_table_cell():  # r018
    text = "| ỦY BAN NHÂN DÂN TỈNH LÀO CAI Số:           /UBND-KT V/v triển khai di dời cụm công nghiệp Đầm Hồng. | CỘNG HÒA XÃ HỘI |\n\nXét đề nghị của Sở.\n"
    assert subject(text) == "V/v triển khai di dời cụm công nghiệp Đầm Hồng"


def test_subject_vv_wrapped_pdftotext():  # r050
    text = (
        "      UBND TỈNH LÀO CAI                                   CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "         Số: 6987 /SNNMT-KS                                  Lào Cai, ngày 23 tháng 7 năm 2026\n"
        " V/v yêu cầu thực hiện các quy định của\npháp luật sau khi được cấp Giấy phép khai\n             thác khoáng sản\n\n"
        "                  Kính gửi: Công ty Cổ phần Công nghiệp Khánh An\n"
    )
    assert subject(text) == "V/v yêu cầu thực hiện các quy định của pháp luật sau khi được cấp Giấy phép khai thác khoáng sản"


def test_subject_party_letter_under_number():  # r047: no V/v
    text = "ĐẢNG BỘ TỈNH KHÁNH HOÀ\nĐẢNG UỶ XÃ CÔNG HẢI\n*\nSố -CV/ĐU\nMời họp Ban Thường vụ Đảng uỷ\nĐẢNG CỘNG SẢN VIỆT NAM\nCông Hải, ngày tháng 8 năm 2025\nKính gửi: - Các đồng chí,\n"
    assert subject(text) == "Mời họp Ban Thường vụ Đảng ủy"


def test_subject_under_cong_dien_title():  # a Công điện's trích yếu, closed by its rule line
    text = ("       Số: 58/CĐ-VPCP                    Hà Nội, ngày 10 tháng 01 năm 2026\n\n                  CÔNG ĐIỆN\n"
            "      Phiên họp lần thứ nhất Ban Chỉ đạo quốc gia về dữ liệu.\n         _________________\n"
            "            VĂN PHÒNG CHÍNH PHỦ điện:\n")
    assert extract_subject(ctx_of(text)).value == "Phiên họp lần thứ nhất Ban Chỉ đạo quốc gia về dữ liệu"


def test_subject_vv_runs_to_blank_line_or_kinh_gui():
    text = ("Số: 507 /UBND-KGVX    Quảng Ngãi, ngày 24 tháng 01 năm 2025\nV/v góp ý dự thảo Quyết định sửa\n"
            "đổi, bổ sung một số điều của\nQuyết định số 2269/QĐ-TTg về\nChương trình cung cấp dịch vụ\n\nKính gửi: Sở A\n")
    assert extract_subject(ctx_of(text)).value == (
        "V/v góp ý dự thảo Quyết định sửa đổi, bổ sung một số điều của Quyết định số 2269/QĐ-TTg về Chương trình cung cấp dịch vụ")
    glued = "Số: 899 /UBND-TTHC\nV/v công bố Danh mục TTHC\nvà xây dựng quy trình\nKính gửi:\n- Sở A;\n"
    assert extract_subject(ctx_of(glued)).value == "V/v công bố Danh mục TTHC và xây dựng quy trình"


def test_subject_vv_table_rows_with_empty_right_cell():
    text = ("| SỞ CÔNG THƯƠNG |  | Độc lập - Tự do - Hạnh phúc |\n| Số:          /SCT-KT |  | Lào Cai, ngày 5 tháng 5 năm 2019 |\n"
            "| V/v tham gia ý kiến về TKCS dự án khai thác |  |\n| đá làm VLXD tại mỏ đá Sâu Chua |  |\n\nKính gửi: Sở A\n")
    assert extract_subject(ctx_of(text)).value == "V/v tham gia ý kiến về TKCS dự án khai thác đá làm VLXD tại mỏ đá Sâu Chua"
    # a row whose right cell is filled is not the subject's continuation
    text2 = "| V/v tham gia ý kiến |  |\n| Số: 5/SCT | Lào Cai, ngày 5 tháng 5 năm 2019 |\n"
    assert extract_subject(ctx_of(text2)).value == "V/v tham gia ý kiến"


def test_subject_skips_ocr_noise_lines():
    text = ("Số: 80 /BC-UBND Quảng Ngãi, ngày 5 tháng 11 năm 2024\nBÁO CÁO\n\nÀ .^A ,À k4 £ ˆ Lá b,Á ˆ Ẩ ° Lá »\n"
            "Về việc điều chỉnh dự toán năm 2024\n\nKính gửi: Hội đồng nhân dân tỉnh\n")
    assert extract_subject(ctx_of(text)).value == "Về việc điều chỉnh dự toán năm 2024"


def test_noise_line_test():
    from notice_extract.segment import is_noise_line as _is_noise

    assert _is_noise("À .^A ,À k4 £ ˆ Lá b,Á ˆ Ẩ ° Lá »") and _is_noise("lụ ^? Ñ gay: :cÓ /F ¡ bš Í 4")
    assert not _is_noise("giai đoạn 2021 – 2030 khu vực miền Trung") and not _is_noise("v ề")
    assert not _is_noise("năm 2024 - 2025 (Lần 2)")


def test_subject_wide_gap_inside_a_sentence():
    text = "THÔNG BÁO\nKết luận về một số nhiệm vụ     trọng tâm: phần mềm\n\nNgày 16/4/2026, họp.\n"
    assert extract_subject(ctx_of(text)).value == "Kết luận về một số nhiệm vụ trọng tâm: phần mềm"


def test_subject_grounded_span_covers_lines():
    src = "THÔNG BÁO\n**Kết luận của Ban Thường vụ\nvề việc A**\n\nNgày 5/6/2020, Ban Thường vụ họp.\n"
    s = extract_subject(ctx_of(src))
    assert src[s.span[0] : s.span[1]] == s.text and s.value == "Kết luận của Ban Thường vụ về việc A"


# --- notice kind ---------------------------------------------------------------


@pytest.mark.parametrize(
    "text, kind",
    [
        ("THÔNG BÁO\nKẾT LUẬN CỦA THƯỜNG TRỰC ĐẢNG UỶ\n-----\nNgày 26/8/2025.\n", "ket_luan"),  # r006
        ("THÔNG BÁO\nKết quả làm việc đối với Đảng ủy xã Lộc Quảng\n\nNgày 03 tháng 8.\n", "ket_qua_lam_viec"),  # 003
        ("THÔNG BÁO\nÝ KIẾN CHỈ ĐẠO CỦA ĐỒNG CHÍ BÍ THƯ\n\nThực hiện.\n", "y_kien_chi_dao"),  # 001
        ("THÔNG BÁO\nChương trình làm việc với Chi bộ thôn\n-----\nThực hiện Kế hoạch.\n", "other"),  # r024
        ("THÔNG BÁO\nKết quả kiểm tra công tác nghiệm thu\n\nKính gửi: Công ty.\n", "other"),  # r017
        ("| Số: /SCT-CN | Lào Cai |\n| V/v thông báo kết quả thẩm định thiết kế |  |\n\nKính gửi: Công ty.\n", "other"),  # r034
        ("VĂN PHÒNG CHÍNH PHỦ\nSố: 3722/VPCP-CN\nV/v cơ chế đặc thù\n\nKính gửi: Bộ.\n", None),  # r001
        ("QUYẾT ĐỊNH\nPhê duyệt Kế hoạch\n\nCăn cứ Luật.\n", None),  # r003
        ("CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\nBIÊN BẢN LÀM VIỆC\n\n\tCăn cứ Văn bản.\n", None),  # r030
        # synthetic
        ("THÔNG BÁO\nThông báo kết luận của Thường trực Huyện ủy\n\nNgày 1/2/2020.\n", "ket_luan"),
        ("THÔNG BÁO KẾT LUẬN CỦA BAN THƯỜNG VỤ HUYỆN ỦY\ntại buổi làm việc với xã A\n\nNgày 1/2/2020.\n", "ket_luan"),
        ("Số: 12/UBND-VP\nV/v thông báo ý kiến chỉ đạo của Chủ tịch UBND tỉnh\n\nKính gửi: Sở.\n", "y_kien_chi_dao"),
        ("T H Ô N G  B Á O\nKết quả buổi làm việc với xã B\n\nNgày 1/2/2020.\n", "ket_qua_lam_viec"),
    ],
)
def test_notice_kind(text, kind):
    got, ev = extract_notice_kind(ctx_of(text))
    assert got == kind
    assert (ev is None) == (kind is None)


def test_notice_kind_ocr_title_one_accent_off():
    text = "ỦY BAN NHÂN DÂN\nSố:b3  /TB-UBND\nTHÔNG BẢO\n\nVề việc thụ lý giải quyết khiếu nại\n\nKính gửi: Bà A\n"
    assert extract_notice_kind(ctx_of(text))[0] == "other"
    assert extract_subject(ctx_of(text)).value == "Về việc thụ lý giải quyết khiếu nại"


def test_notice_kind_title_needs_capitals_and_few_changes():
    # a lower-case "Thông bảo" line, or a word two accents short of no title, is not the title
    assert extract_notice_kind(ctx_of("Số: 5/UBND\nThông bảo\n\nV/v góp ý\n"))[0] is None
    assert extract_notice_kind(ctx_of("Số: 5/UBND\nTHONG BAO\n\nV/v góp ý\n"))[0] is None


@pytest.mark.skipif(not (CORPUS / "MANIFEST.jsonl").exists(), reason="../shared/corpus is not here")
def test_notice_kind_agrees_with_manifest_on_every_file():
    manifest = [json.loads(line) for line in (CORPUS / "MANIFEST.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    wrong = []
    for m in manifest:
        got, _ = extract_notice_kind(ctx_of((CORPUS / f"{m['id']}.txt").read_text(encoding="utf-8")))
        if got != m["notice_kind"]:
            wrong.append((m["id"], got, m["notice_kind"]))
    assert not wrong


# --- end to end over the gold ------------------------------------------------------


def _norm(s):
    import unicodedata

    return norm_value(None if s is None else unicodedata.normalize("NFC", s))


@pytest.mark.parametrize("stem", gold_docs())
def test_gold_header_fields(stem):
    from notice_extract.pipeline import extract_text

    src = read_source(stem)
    gold = load_gold(stem)
    r = extract_text(src, stem)
    assert r.notice_kind == gold["notice_kind"]
    gnum = gold["number"]
    assert (r.number and (r.number.serial, r.number.symbol)) == (gnum and (gnum["serial"], gnum["symbol"]))
    for field in ("issue_place", "issue_date", "subject"):
        g, p = gold[field], getattr(r, field)
        assert _norm(p.value if p else None) == _norm(g["value"] if g else None), field
        if p is not None and p.span:
            assert src[p.span[0] : p.span[1]] == p.text


@pytest.mark.parametrize("after", ["Hà Nội, ngày 23 tháng 5 năm 2019 Kính gửi: Tổng công ty Khí",
                                   "Hà Nội ngày 23 tháng 5 năm 2019 Kính gửi: Tổng công ty Khí",
                                   "TP. Hồ Chí Minh, ngày 2 tháng 3 năm 2020", "Kính gửi: Sở Tài chính"])
def test_vv_subject_ends_where_a_flattened_header_goes_on(after):
    """A crawl flattens the header onto one line: the subject stops before the
    place-date or "Kính gửi" glued after it."""
    text = f"BỘ KẾ HOẠCH VÀ ĐẦU TƯ\nSố: 3397/BKHĐT-QLKTTW V/v hướng dẫn áp dụng Điều 162 Luật DN 2014 {after}\n1. Về chấp thuận.\n"
    assert subject(text) == "V/v hướng dẫn áp dụng Điều 162 Luật DN 2014"


@pytest.mark.parametrize("authority", ["CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH", "THỦ TƯỚNG CHÍNH PHỦ", "ỦY BAN NHÂN DÂN TỈNH"])
def test_a_decisions_authority_right_under_its_subject_is_no_subject(authority):
    # one line per paragraph and no blank line between (a .docx read as text): the
    # authority ends the upper-case subject, unless the subject's line left its phrase open
    from notice_extract.pipeline import extract_text

    head = "ỦY BAN NHÂN DÂN\nTỈNH SƠN LA\nSố: 254/QĐ-UBND\nSơn La, ngày 17 tháng 02 năm 2023\nQUYẾT ĐỊNH\n"
    body = "Căn cứ Luật Tổ chức Chính quyền địa phương ngày 19 tháng 6 năm 2015;\nQUYẾT ĐỊNH:\nĐiều 1. Ban hành kèm theo Quyết định này Kế hoạch.\n"
    rec = extract_text(head + "BAN HÀNH KẾ HOẠCH BẢO VỆ BÍ MẬT NHÀ NƯỚC NĂM 2023\n" + authority + "\n" + body, "x")
    assert rec.subject.value == "BAN HÀNH KẾ HOẠCH BẢO VỆ BÍ MẬT NHÀ NƯỚC NĂM 2023"
    rec = extract_text(head + "QUY ĐỊNH CHỨC NĂNG, NHIỆM VỤ CỦA\nỦY BAN NHÂN DÂN TỈNH\n" + body, "x")
    assert rec.subject.value == "QUY ĐỊNH CHỨC NĂNG, NHIỆM VỤ CỦA ỦY BAN NHÂN DÂN TỈNH"


# --- one grammar for the subject's lines: the segmenter's (segment.subject_under) ---

@pytest.mark.parametrize("text, subject", [
    # a plan's trích yếu opens as a body does, on the first line under its title
    ("KẾ HOẠCH\n\nThực hiện Đề án số 05 về chuyển đổi số của huyện\ngiai đoạn 2026-2030\n\n"
     "Căn cứ Nghị quyết số 12-NQ/HU của Ban Chấp hành Đảng bộ huyện, Ủy ban nhân dân huyện ban hành kế hoạch.\n",
     "Thực hiện Đề án số 05 về chuyển đổi số của huyện giai đoạn 2026-2030"),
    ("KẾ HOẠCH\n\nTRIỂN KHAI THỰC HIỆN CHƯƠNG TRÌNH SỐ 07-CTr/TU NGÀY 12 THÁNG 3 NĂM 2025 CỦA BAN THƯỜNG VỤ TỈNH ỦY VỀ "
     "PHÁT TRIỂN KINH TẾ TẬP THỂ, HỢP TÁC XÃ TRÊN ĐỊA BÀN TỈNH GIAI ĐOẠN 2025 - 2030\n\n"
     "Căn cứ Chương trình số 07-CTr/TU, Ủy ban nhân dân tỉnh ban hành kế hoạch.\n",
     "TRIỂN KHAI THỰC HIỆN CHƯƠNG TRÌNH SỐ 07-CTr/TU NGÀY 12 THÁNG 3 NĂM 2025 CỦA BAN THƯỜNG VỤ TỈNH ỦY VỀ "
     "PHÁT TRIỂN KINH TẾ TẬP THỂ, HỢP TÁC XÃ TRÊN ĐỊA BÀN TỈNH GIAI ĐOẠN 2025 - 2030"),
    # a stamp's overprint between the title and the subject, and under it
    ("THÔNG BÁO\nÀ .^A ,À k4 £ ˆ Lá b,Á\nKết luận của Chủ tịch UBND huyện tại buổi làm việc\nvới xã Tân Lập\n"
     "lụ ^? Ñ gay: :cÓ /F ¡ bš Í 4\nNgày 12/3/2025, Chủ tịch UBND huyện làm việc với xã Tân Lập.\n",
     "Kết luận của Chủ tịch UBND huyện tại buổi làm việc với xã Tân Lập"),
    # figures wrapped from the subject are no stamp's noise
    ("THÔNG BÁO\nKết luận của Giám đốc Sở tại Hội nghị tổng kết năm học\n2024-2025\n\n"
     "Ngày 20/8/2025, Sở tổ chức Hội nghị tổng kết năm học.\n",
     "Kết luận của Giám đốc Sở tại Hội nghị tổng kết năm học 2024-2025"),
], ids=["plan-opening-words", "plan-in-capitals", "stamp-overprint", "wrapped-figures"])
def test_the_subject_lines_are_the_segmenters(text, subject):
    ctx = ctx_of(text)
    assert extract_subject(ctx).value == subject
    pieces = [ctx.doc.line_of(a) for a in _subject_lines_of(ctx)]
    assert pieces == ctx.layout.subject_lines  # the header reads the lines the segmenter chose
    assert ctx.layout.kinds[ctx.layout.subject_lines[-1] - 1] == "header"


def _subject_lines_of(ctx):
    from notice_extract.extract.header import _subject_after_title

    return [a for a, _ in _subject_after_title(ctx)[0]]


@pytest.mark.parametrize("place_date", [
    "Hà Nội, ngày 05 tháng 04 năm 2019", "Hà Nội ngày 05 tháng 04 năm 2019", "Hà Nội, Ngày 05 tháng 04 năm 2019",
    "Hà Nội, 05/04/2019",
])
def test_a_place_date_line_ends_a_vv_subject(place_date):
    # the place-date line under a letter's V/v subject, printed as extract/dates.py reads it
    text = ("VĂN PHÒNG CHÍNH PHỦ\nSố: 2739/VPCP-ĐMDN\nV/v quy định về quản trị doanh nghiệp tại Luật Doanh nghiệp\n"
            f"{place_date} Kính gửi: Bộ Kế hoạch và Đầu tư.\n\nNội dung công văn.\n")
    assert extract_subject(ctx_of(text)).value == "V/v quy định về quản trị doanh nghiệp tại Luật Doanh nghiệp"


_CENTRED = ("  UBND TỈNH ĐẮK LẮK                       CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
            "  ĐOÀN KIỂM TRA                           Độc lập - Tự do - Hạnh phúc\n\n"
            "   Số: 05/TB-ĐKT                           Đắk Lắk, ngày 30 tháng 10 năm 2026\n\n\n"
            "                       THÔNG BÁO\n{subject}\n\n"
            "      Ngày 20/10/2026, Đoàn kiểm tra đã làm việc với UBND huyện. Đoàn kiểm tra\n"
            "thông báo kết quả như sau:\n\n      1. Giao UBND huyện hoàn thiện hồ sơ.\n")


@pytest.mark.parametrize("lines, subject", [
    # a centred subject wrapped before a Central Highlands name with an apostrophe
    (["         Kết quả kiểm tra công tác phòng, chống", "         dịch bệnh trên cây trồng tại huyện Cư",
      "                         M'gar"],
     "Kết quả kiểm tra công tác phòng, chống dịch bệnh trên cây trồng tại huyện Cư M'gar"),
    # ... before the dash of a compound place name, in mixed case
    (["        Kết luận về chủ trương đầu tư Dự án Khu đô thị mới Điện Nam", "                           - Điện Ngọc"],
     "Kết luận về chủ trương đầu tư Dự án Khu đô thị mới Điện Nam - Điện Ngọc"),
])
def test_a_centred_subject_wrapped_before_a_name_keeps_its_last_line(lines, subject):
    # pdftotext of a centred subject: first look (5c9998d) "... huyện Cư" (the
    # line "M'gar" read as a stamp's noise), "... Điện Nam" ("- Điện Ngọc" a list item)
    from notice_extract.pipeline import extract_text

    rec = extract_text(_CENTRED.format(subject="\n".join(lines)), "x")
    assert rec.subject.value == subject


def test_an_opening_at_a_session_ends_a_subject_printed_on_the_title_line():
    # a web page's copy, a block a line: "Tại phiên họp ngày ..., ..." opens the body
    # (first look, 5c9998d: the opening ran into the subject); a subject's own
    # "Tại Hội nghị làm việc với ..." line (dev 001) stays the subject's
    from notice_extract.pipeline import extract_text

    text = ("TỈNH ỦY QUẢNG NAM Số 1520-TB/TU * ĐẢNG CỘNG SẢN VIỆT NAM\nTam Kỳ, ngày 28 tháng 11 năm 2026\n"
            "THÔNG BÁO KẾT LUẬN CỦA BAN THƯỜNG VỤ TỈNH ỦY về chủ trương đầu tư Dự án Khu đô thị mới\n"
            "Tại phiên họp ngày 24/11/2026, sau khi nghe Ban cán sự đảng UBND tỉnh báo cáo, Ban Thường vụ Tỉnh ủy "
            "kết luận như sau:\n1. Giao Ban cán sự đảng UBND tỉnh lãnh đạo UBND tỉnh hoàn thiện hồ sơ.\n")
    rec = extract_text(text, "x")
    assert rec.subject.value == "KẾT LUẬN CỦA BAN THƯỜNG VỤ TỈNH ỦY về chủ trương đầu tư Dự án Khu đô thị mới"
    assert rec.concluded_by.value == "Ban Thường vụ Tỉnh ủy"


@pytest.mark.parametrize("so", ["Sô:", "Sổ:", "Só:"])
def test_a_number_whose_so_lost_its_accent_in_a_scan(so):
    # first look (0a6cc81): no number, and the line ran into the issuer ("UBND tỉnh Gia Lai Sô: 355/TB-UBND")
    from notice_extract.pipeline import extract_text

    rec = extract_text(f"ỦY BAN NHÂN DÂN\nTỈNH GIA LAI\n{so} 355/TB-UBND\n\nTHÔNG BÁO\nKết luận của Chủ tịch UBND tỉnh\n\n"
                       "Ngày 5/11/2026, Chủ tịch UBND tỉnh chủ trì cuộc họp. Chủ tịch UBND tỉnh kết luận như sau:\n"
                       "1. Sở Y tế chủ trì kiểm tra.\n", "x")
    assert (rec.number.serial, rec.number.symbol) == ("355", "TB-UBND")
    assert rec.issuer.value == "UBND tỉnh Gia Lai"
