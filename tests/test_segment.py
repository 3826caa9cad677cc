"""Segmenter on the gold notices and on layouts they do not show."""

import pytest

from conftest import gold_docs, load_gold, read_source
from notice_extract.segment import segment
from notice_extract.textmap import build_doc


@pytest.mark.parametrize("doc_id", gold_docs())
def test_gold_line_kinds(doc_id):
    gold = load_gold(doc_id)
    src = read_source(doc_id)
    layout = segment(build_doc(src))
    expected = {}
    for s in gold["segments"]:
        for n in range(s["lines"][0], s["lines"][1] + 1):
            expected[n] = s["kind"]
    wrong = [
        (n, expected.get(n), layout.kinds[n - 1], line[:60])
        for n, line in enumerate(src.split("\n"), 1)
        if line.strip() and expected.get(n) != layout.kinds[n - 1]
    ]
    assert not wrong


def _kinds(text):
    doc = build_doc(text)
    layout = segment(doc)
    return [(k, line) for k, line in zip(layout.kinds, doc.lines) if k]


def test_no_header_and_numbered_findings_then_requirements():
    text = "\n".join(
        [
            "Ngày 02/3/2024, Ban Thường vụ Huyện ủy làm việc với Đảng ủy xã An Bình. Ban Thường vụ kết luận như sau:",
            "1. Về kết quả thực hiện nhiệm vụ năm 2023",
            "Đảng ủy xã đã lãnh đạo hoàn thành các chỉ tiêu.",
            "2. Nhiệm vụ thời gian tới",
            "- Đảng ủy xã An Bình tập trung chỉ đạo thu ngân sách.",
            "Trên đây là kết luận của Ban Thường vụ Huyện ủy.",
            "Nơi nhận:",
            "- Như trên,",
            "- Lưu VT.",
            "T/M BAN THƯỜNG VỤ",
            "BÍ THƯ",
            "Lê Văn A",
        ]
    )
    kinds = [k for k, _ in _kinds(text)]
    assert kinds == [
        "opening", "findings", "findings", "requirements", "requirements",
        "closing", "recipients", "recipients", "recipients", "signature", "signature", "signature",
    ]


def test_title_not_first_line_and_wrapped_pdf_paragraphs():
    text = "\n".join(
        [
            "ĐẢNG BỘ TỈNH BÌNH ĐỊNH",
            "HUYỆN ỦY PHÙ CÁT",
            "Số 45-TB/HU",
            "Phù Cát, ngày 03 tháng 5 năm 2024",
            "THÔNG BÁO",
            "KẾT LUẬN CỦA THƯỜNG TRỰC HUYỆN ỦY",
            "về tình hình thực hiện nhiệm vụ quý I",
            "-----",
            "Ngày 02/5/2024, Thường trực Huyện ủy làm việc với Đảng ủy xã Cát Hải",
            "về tình hình thực hiện nhiệm vụ quý I. Thường trực Huyện ủy kết luận",
            "như sau:",
            "Đảng ủy xã đã bám sát nghị quyết; tuy nhiên thu ngân sách còn",
            "chậm. Để hoàn thành nhiệm vụ năm 2024, Thường trực Huyện ủy yêu cầu:",
            "1. Đảng ủy xã Cát Hải tập trung chỉ đạo thu ngân sách, hoàn thành",
            "trước ngày 30/6/2024.",
            "Nơi nhận:           T/M BAN THƯỜNG VỤ",
        ]
    )
    got = _kinds(text)
    assert [k for k, _ in got][:8] == ["header"] * 8
    assert [k for k, _ in got][8:11] == ["opening"] * 3
    assert [k for k, _ in got][11:13] == ["findings"] * 2  # the lead-in ends a findings paragraph
    assert [k for k, _ in got][13:15] == ["requirements"] * 2
    assert got[15][0] == "recipients"  # Nơi nhận and the signature share the line


def test_every_nonblank_line_gets_a_kind_on_the_whole_corpus(shared_corpus):
    for path in sorted(shared_corpus.glob("*.txt")):
        doc = build_doc(path.read_text(encoding="utf-8"))
        layout = segment(doc)
        for n, line in enumerate(doc.lines, 1):
            assert (layout.kinds[n - 1] is None) == (not line.strip()), (path.name, n)


def test_interleaved_columns_recipients_left_signature_right():
    text = "\n".join(
        [
            "Công ty thực hiện đúng quy định./.",
            "Nơi nhận:" + " " * 40 + "KT. GIÁM ĐỐC",
            "- Như trên;",
            " " * 50 + "PHÓ GIÁM ĐỐC",
            "- Lưu: VT.",
            "",
            " " * 48 + "Trần Văn B",
        ]
    )
    assert [k for k, _ in _kinds(text)][1:] == ["recipients", "recipients", "signature", "recipients", "signature"]


def test_appendix_after_the_signer_is_end_matter_not_signature():
    text = "\n".join(
        ["Trên đây là kế hoạch kiểm tra.", "Nơi nhận:", "- Lưu: VT.", "TM. ĐOÀN KIỂM TRA", "TRƯỞNG ĐOÀN",
         "Lê Văn C", "PHỤ LỤC I", "DANH SÁCH ĐƠN VỊ", "1. Công ty A"]
    )
    kinds = [k for k, _ in _kinds(text)]
    assert kinds[3:6] == ["signature"] * 3
    assert kinds[6:] == ["closing"] * 3


def test_party_letter_subject_under_its_number_and_decision_authority_are_header():
    letter = "\n".join(
        ["ĐẢNG ỦY XÃ AN BÌNH", "Số 12-CV/ĐU", "Mời họp Ban Thường vụ Đảng ủy", "ĐẢNG CỘNG SẢN VIỆT NAM",
         "An Bình, ngày 02 tháng 8 năm 2025", "Kính gửi: - Các đồng chí Ủy viên,", "- Lãnh đạo UBND xã.",
         "Kính mời các đồng chí dự họp Ban Thường vụ Đảng ủy."]
    )
    assert [k for k, _ in _kinds(letter)][:5] == ["header"] * 5
    assert [k for k, _ in _kinds(letter)][5:7] == ["opening"] * 2  # Kính gửi opens the letter
    decision = "\n".join(
        ["QUYẾT ĐỊNH", "Về việc thành lập Đoàn kiểm tra", "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH", "Căn cứ Luật Tổ chức chính quyền địa phương;"]
    )
    assert [k for k, _ in _kinds(decision)] == ["header", "header", "header", "opening"]


_PARTY_HEAD = ["ĐẢNG BỘ TỈNH A", "ĐẢNG ỦY XÃ B", "*", "Số 12-TB/ĐU", "ĐẢNG CỘNG SẢN VIỆT NAM", "B, ngày 3 tháng 4 năm 2025"]
_TAIL = ["Nơi nhận:", "- Như trên,", "- Lưu VPĐU.", "T/L BAN THƯỜNG VỤ", "CHÁNH VĂN PHÒNG", "Trần Văn C"]


def test_a_plans_purpose_and_targets_sections_set_out_work_not_findings():
    text = "\n".join(
        ["UBND TỈNH A", "SỞ XÂY DỰNG", "Số: 5/KH-SXD", "KẾ HOẠCH", "Triển khai chương trình nhà ở năm 2026",
         "Căn cứ Quyết định số 1/QĐ-UBND ngày 2/1/2026 của UBND tỉnh, Sở Xây dựng ban hành Kế hoạch.",
         "I. MỤC ĐÍCH, YÊU CẦU", "1. Mục đích", "Cụ thể hóa các nhiệm vụ của chương trình.",
         "II. MỤC TIÊU", "- Hoàn thành 500 căn nhà ở xã hội.",
         "III. ĐÁNH GIÁ TÌNH HÌNH NĂM 2025", "Năm 2025 đã hoàn thành 300 căn.", *_TAIL]
    )
    kinds = dict((line, k) for k, line in _kinds(text))
    assert kinds["I. MỤC ĐÍCH, YÊU CẦU"] == kinds["- Hoàn thành 500 căn nhà ở xã hội."] == "requirements"
    assert kinds["Năm 2025 đã hoàn thành 300 căn."] == "findings"  # an assessment heading still assesses


def test_a_notice_that_arranges_a_duty_roster_is_requirements_but_a_conclusion_notice_reports_first():
    def body(subject, lead):
        text = "\n".join([*_PARTY_HEAD, "THÔNG BÁO", subject, lead, "Thời gian trực", "Ngày 01/01/2026",
                          "Đ/c Nguyễn Văn A (Trực lãnh đạo)", *_TAIL])
        return dict((line, k) for k, line in _kinds(text))["Ngày 01/01/2026"]

    assert body("Lịch trực cơ quan dịp nghỉ lễ", "Thường trực Đảng ủy thông báo lịch trực như sau:") == "requirements"
    assert body("Kết luận của Thường trực Đảng ủy", "Thường trực Đảng ủy kết luận như sau:") == "findings"


def test_an_invitations_logistics_belong_to_its_opening_and_the_preparation_asked_is_requirements():
    text = "\n".join(
        ["ĐẢNG BỘ TỈNH A", "ĐẢNG ỦY XÃ B", "Số 7-CV/ĐU", "Mời họp Ban Thường vụ Đảng ủy", "ĐẢNG CỘNG SẢN VIỆT NAM",
         "Kính gửi: - Các đồng chí Ủy viên Ban Thường vụ Đảng ủy.", "Kính mời các đồng chí dự họp Ban Thường vụ.",
         "1. Thành phần, trân trọng kính mời:", "- Các đồng chí Ủy viên Ban Thường vụ Đảng ủy.",
         "2. Thời gian: 08 giờ 00, ngày 14/8/2025.", "3. Địa điểm: Phòng họp UBND xã.",
         "4. Chuẩn bị nội dung:", "- Giao Văn phòng Đảng ủy chuẩn bị tài liệu.",
         "Đề nghị các đồng chí dự họp đầy đủ./.", *_TAIL]
    )
    kinds = dict((line, k) for k, line in _kinds(text))
    for line in ("Kính mời các đồng chí dự họp Ban Thường vụ.", "1. Thành phần, trân trọng kính mời:",
                 "- Các đồng chí Ủy viên Ban Thường vụ Đảng ủy.", "3. Địa điểm: Phòng họp UBND xã."):
        assert kinds[line] == "opening", line
    assert kinds["- Giao Văn phòng Đảng ủy chuẩn bị tài liệu."] == "requirements"


def test_a_second_document_attached_after_the_signature_is_end_matter():
    text = "\n".join(
        [*_PARTY_HEAD, "THÔNG BÁO", "Kết luận của Thường trực Đảng ủy", "Thường trực Đảng ủy kết luận như sau:",
         "1. Giao Văn phòng Đảng ủy chuẩn bị tài liệu.", *_TAIL, "ĐẢNG ỦY XÃ B", "13-08-2025 11:50:00 +07:00",
         "ĐẢNG BỘ TỈNH A", "ĐẢNG ỦY XÃ B", "*", "ĐẢNG CỘNG SẢN VIỆT NAM", "B, ngày 13 tháng 8 năm 2025",
         "CHƯƠNG TRÌNH", "Họp Ban Thường vụ", "1. Nội dung 1: Nghe báo cáo."]
    )
    kinds = [k for k, _ in _kinds(text)]
    tail = kinds[-10:]
    assert tail[:2] == ["signature", "signature"]  # the stamp stays with the signer
    assert tail[2:] == ["closing"] * 8


def test_minutes_participants_open_opinions_report_agreed_points_require_and_representatives_sign():
    text = "\n".join(
        ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "BIÊN BẢN LÀM VIỆC",
         "Hôm nay, ngày 26/5/2026 tại Sở A, chúng tôi tiến hành làm việc.",
         "I. Thành phần tham gia", "1. Sở A", "Ông: Nguyễn Văn B - Phó Giám đốc;", "2. Đại diện UBND xã C",
         "Bà: Trần Thị D - Chủ tịch.",
         "II. Nội dung làm việc", "1. Ý kiến của UBND xã C", "Đề nghị Sở A sớm hướng dẫn thủ tục.",
         "III. Các ý kiến thống nhất", "Một là, giao Sở A chủ trì hướng dẫn thủ tục.",
         "Biên bản kết thúc vào hồi 10 giờ 00 phút cùng ngày.",
         "| Đại diện Sở A Nguyễn Văn B | Đại diện UBND xã C Trần Thị D |"]
    )
    kinds = dict((line, k) for k, line in _kinds(text))
    assert kinds["I. Thành phần tham gia"] == kinds["Bà: Trần Thị D - Chủ tịch."] == "opening"
    assert kinds["Đề nghị Sở A sớm hướng dẫn thủ tục."] == "findings"  # what a participant proposed
    assert kinds["Một là, giao Sở A chủ trì hướng dẫn thủ tục."] == "requirements"
    assert kinds["Biên bản kết thúc vào hồi 10 giờ 00 phút cùng ngày."] == "closing"
    assert kinds["| Đại diện Sở A Nguyễn Văn B | Đại diện UBND xã C Trần Thị D |"] == "signature"


# --- conclusions after a directing hand-over (no requirements heading) -------

_CONCLUSION_HEAD = [
    "ỦY BAN NHÂN DÂN    CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "TỈNH AN BÌNH    Độc lập - Tự do - Hạnh phúc",
    "",
    "Số: 12 /TB-UBND    An Bình, ngày 08 tháng 01 năm 2025",
    "",
    "THÔNG BÁO",
    "Kết luận của Phó Chủ tịch UBND tỉnh tại cuộc họp nghe báo cáo",
    "",
    "Ngày 03/01/2025, Phó Chủ tịch UBND tỉnh chủ trì họp nghe báo cáo về tình",
    "hình thực hiện dự án. Sau khi nghe báo cáo, Phó Chủ tịch UBND tỉnh",
]


def _body_kinds(text, first_words):
    return {line.strip()[:20]: k for k, line in _kinds(text) if line.strip().startswith(first_words)}


def test_directing_handover_wrapped_items_that_assign_are_requirements():
    # pdftotext -layout: every numbered item wraps after a short first line
    text = "\n".join(
        _CONCLUSION_HEAD
        + [
            "kết luận và chỉ đạo như sau:",
            "1. Công ty TNHH MTV Xây dựng và Kinh doanh dịch vụ",
            "An Bình tiếp thu các ý kiến tại cuộc họp, khẩn trương rà soát, báo cáo",
            "toàn bộ quá trình thực hiện dự án trong thời gian qua.",
            "2. Trên cơ sở báo cáo của Công ty, giao Sở Tài chính chủ",
            "trì, phối hợp với các cơ quan liên quan đề xuất hướng xử lý.",
            "Nay, thông báo kết luận của Phó Chủ tịch UBND tỉnh để các cơ quan biết, thực hiện./.",
        ]
    )
    kinds = dict((line.strip()[:12], k) for k, line in _kinds(text))
    assert kinds["1. Công ty T"] == "requirements"
    assert kinds["An Bình tiếp"] == "requirements"
    assert kinds["2. Trên cơ s"] == "requirements"


def test_directing_handover_topic_sections_follow_their_items():
    text = "\n".join(
        _CONCLUSION_HEAD
        + [
            "kết luận và chỉ đạo như sau:",
            "1. Đối với xây dựng phần mềm chuyên ngành",
            "a) Các sở, ngành chủ động đề xuất xây dựng phần mềm theo hướng dùng chung.",
            "b) Việc xây dựng phần mềm phải xuất phát từ yêu cầu thực tiễn.",
            "2. Về kinh phí cho hoạt động khoa học",
            "Sở Khoa học và Công nghệ chủ trì, phối hợp với Sở Tài chính rà soát kinh phí.",
            "Trân trọng thông báo để các sở, ngành biết, thực hiện./.",
        ]
    )
    kinds = dict((line.strip()[:12], k) for k, line in _kinds(text))
    for start in ("1. Đối với x", "a) Các sở, n", "b) Việc xây ", "2. Về kinh p", "Sở Khoa học "):
        assert kinds[start] == "requirements", start


def test_directing_handover_item_that_only_assesses_is_findings():
    # near miss: the same layout, but the first item reports what was done
    text = "\n".join(
        _CONCLUSION_HEAD
        + [
            "kết luận và chỉ đạo như sau:",
            "1. Công ty TNHH MTV Xây dựng và Kinh doanh dịch vụ",
            "An Bình đã hoàn thành phần lớn khối lượng, tuy nhiên tiến độ còn chậm so",
            "với kế hoạch được duyệt.",
            "2. Giao Sở Tài chính chủ trì, phối hợp với các cơ quan liên quan đề",
            "xuất hướng xử lý, báo cáo UBND tỉnh trước ngày 20/02/2025.",
            "Nay, thông báo kết luận của Phó Chủ tịch UBND tỉnh để các cơ quan biết, thực hiện./.",
        ]
    )
    kinds = dict((line.strip()[:12], k) for k, line in _kinds(text))
    assert kinds["1. Công ty T"] == "findings"
    assert kinds["An Bình đã h"] == "findings"
    assert kinds["2. Giao Sở T"] == "requirements"


def test_directing_handover_assessing_heading_stays_findings():
    text = "\n".join(
        _CONCLUSION_HEAD
        + [
            "kết luận và chỉ đạo như sau:",
            "1. Đánh giá chung",
            "UBND tỉnh ghi nhận sự chủ động của Nhà đầu tư trong việc đề xuất UBND tỉnh tổ chức cuộc họp.",
            "2. Nhiệm vụ trọng tâm",
            "a) Đề nghị Nhà đầu tư hoàn thiện hồ sơ.",
            "Trân trọng thông báo để các sở, ngành biết, thực hiện./.",
        ]
    )
    kinds = dict((line.strip()[:12], k) for k, line in _kinds(text))
    assert kinds["1. Đánh giá "] == "findings"
    assert kinds["UBND tỉnh gh"] == "findings"
    assert kinds["a) Đề nghị N"] == "requirements"


def test_stamp_lines_above_the_national_heading_are_header():
    text = "\n".join(
        [
            "TRUNG TÂM CÔNG",
            "BÁO VÀ TIN HỌC",
            "ttcbth@quangngai.gov.vn",
            "24.01.2025 20:01:14",
            "+07:00",
            "",
            "ỦY BAN NHÂN DÂN    CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "TỈNH AN BÌNH    Độc lập - Tự do - Hạnh phúc",
            "",
            "Số: 507 /UBND-KGVX    An Bình, ngày 24 tháng 01 năm 2025",
            "V/v góp ý dự thảo Quyết định sửa",
            "đổi, bổ sung một số điều",
            "",
            "Kính gửi: Sở Thông tin và Truyền thông",
            "",
            "Chủ tịch UBND tỉnh giao Sở Thông tin và Truyền thông chủ trì góp ý./.",
        ]
    )
    kinds = _kinds(text)
    header = [line for k, line in kinds if k == "header"]
    assert header[0] == "TRUNG TÂM CÔNG" and header[-1] == "đổi, bổ sung một số điều"
    assert ("header", "ttcbth@quangngai.gov.vn") in kinds


def test_no_motto_stamp_like_first_line_is_not_forced_into_header():
    # near miss: without a national heading the first body line stays body
    text = "\n".join(
        [
            "Kính gửi: Sở Thông tin và Truyền thông",
            "ttcbth@quangngai.gov.vn",
            "Chủ tịch UBND tỉnh giao Sở Thông tin và Truyền thông chủ trì góp ý./.",
        ]
    )
    assert all(k != "header" for k, _ in _kinds(text))


@pytest.mark.parametrize("title", ["THÔNG BẢO", "QUYÉT ĐỊNH", "CHÍ THỊ"])
def test_ocr_damaged_title_still_ends_the_header(title):
    text = "\n".join(
        [
            "ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "TỈNH AN BÌNH Độc lập - Tự do - Hạnh phúc",
            "Số: 12 /TB-UBND An Bình, ngày 07 tháng 02 năm 2025",
            title,
            "",
            "Về việc thụ lý giải quyết khiếu nại lần hai",
            "",
            "Căn cứ Luật Khiếu nại ngày 11/11/2011;",
            "Chủ tịch UBND tỉnh nhận được đơn của bà Nguyễn Thị A và ông Trần Văn B.",
        ]
    )
    kinds = dict((line, k) for k, line in _kinds(text))
    assert kinds["Về việc thụ lý giải quyết khiếu nại lần hai"] == "header"
    assert kinds["Căn cứ Luật Khiếu nại ngày 11/11/2011;"] == "opening"


@pytest.mark.parametrize("title, notice", [("Thông báo", True), ("**Thông báo**", True), ("thông báo", False),
                                           ("Thông báo kết quả thi đua", False)])
def test_a_title_in_mixed_case_alone_on_its_line(title, notice):
    # a web copy prints the title as a heading in mixed case; probe over the
    # real notices' title lines: 20 of 22 lost every field at the first look (ffc8554)
    text = "\n".join(["ỦY BAN NHÂN DÂN TỈNH AN BÌNH", "Số: 12/TB-UBND", "An Bình, ngày 07 tháng 02 năm 2025", "",
                      title, "Kết luận của Chủ tịch UBND tỉnh tại buổi làm việc với huyện Tân Lập", "",
                      "Ngày 05/02/2025, Chủ tịch UBND tỉnh làm việc với huyện Tân Lập."])
    layout = segment(build_doc(text))
    assert (layout.title_line == 5 and layout.is_notice_title) is notice


def test_title_like_caps_line_is_not_a_title():
    # near miss: an OCR-tolerant title still has to be the title words alone
    text = "\n".join(["Số: 12 /TB-UBND", "THÔNG BẢO CHO CÁC ĐƠN VỊ TRỰC THUỘC", "CHÍ TIÊU NĂM 2025", "Chủ tịch UBND tỉnh giao Sở X chủ trì thực hiện./."])
    layout = segment(build_doc(text))
    assert layout.title_line is None


def _letter_with_long_appendix(recipients_line):
    return "\n".join(
        [
            "| BỘ CÔNG THƯƠNG | CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM |",
            "| CỤC HOÁ CHẤT | Độc lập - Tự do - Hạnh phúc |",
            "| Số:      /HC-QLHC | Hà Nội, ngày 14 tháng 5 năm 2025 |",
            "| V/v bổ sung hồ sơ |  |",
            "",
            "Kính gửi: Công ty Cổ phần A",
            "",
            "Trên đây là ý kiến của Cục Hóa chất, gửi Công ty để thực hiện./.",
            "",
            recipients_line,
            "| - Như trên; | PHÓ CỤC TRƯỞNG |",
            "| - Cục trưởng (để báo cáo); |  |",
            "| - Lưu: VT, QLHC. |  |",
            "|  |  |",
            "|  | Nguyễn Văn Bình |",
            "",
            "PHỤ LỤC",
        ]
        + [f"Nội dung cần rà soát số {i}: Công ty bổ sung tài liệu theo quy định." for i in range(1, 30)]
    )


def test_recipients_in_the_upper_part_when_an_appendix_follows():
    kinds = _kinds(_letter_with_long_appendix("| Nơi nhận: | KT. CỤC TRƯỞNG |"))
    by_line = dict((line, k) for k, line in kinds)
    assert by_line["| Nơi nhận: | KT. CỤC TRƯỞNG |"] == "recipients"
    assert by_line["| - Cục trưởng (để báo cáo); |  |"] == "recipients"
    assert by_line["| - Lưu: VT, QLHC. |  |"] == "recipients"
    assert by_line["|  | Nguyễn Văn Bình |"] == "signature"
    assert by_line["PHỤ LỤC"] == "closing"
    assert by_line["Trên đây là ý kiến của Cục Hóa chất, gửi Công ty để thực hiện./."] == "closing"


def test_nơi_nhận_words_without_a_list_do_not_end_the_body():
    # near miss: "Nơi nhận hồ sơ ..." in the body, followed by prose, is body
    text = _letter_with_long_appendix("Nơi nhận hồ sơ: Văn phòng Cục Hóa chất.").replace(
        "| - Như trên; | PHÓ CỤC TRƯỞNG |", "Công ty gửi hồ sơ trước ngày 20/5/2025."
    )
    by_line = dict((line, k) for k, line in _kinds(text))
    assert by_line["Nơi nhận hồ sơ: Văn phòng Cục Hóa chất."] != "recipients"


def _report(leadin_end):
    return "\n".join(
        [
            "ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "TỈNH AN BÌNH Độc lập - Tự do - Hạnh phúc",
            "Số: 80 /BC-UBND An Bình, ngày 20 tháng 11 năm 2024",
            "BÁO CÁO",
            "Về việc điều chỉnh dự toán ngân sách năm 2024",
            "",
            "Kính gửi: Hội đồng nhân dân tỉnh",
            "",
            "Thực hiện quy định của Luật Ngân sách nhà nước, UBND tỉnh báo cáo HĐND tỉnh như sau:",
            "",
            "Trên cơ sở ý kiến thống nhất của Thường trực HĐND tỉnh, UBND tỉnh đã ban hành",
            f"các Quyết định điều chỉnh dự toán năm 2024, {leadin_end}",
            "1. Điều chỉnh giảm chi quản lý hành chính của Văn phòng UBND tỉnh 139 triệu đồng.",
            "2. Điều chỉnh tăng chi sự nghiệp kinh tế của Sở Xây dựng 339 triệu đồng.",
            "",
            "Kính báo cáo Hội đồng nhân dân tỉnh./.",
        ]
    )


def test_report_leadin_that_announces_detail_keeps_findings():
    by_line = dict((line, k) for k, line in _kinds(_report("cụ thể như sau:")))
    assert by_line["các Quyết định điều chỉnh dự toán năm 2024, cụ thể như sau:"] == "findings"
    assert by_line["1. Điều chỉnh giảm chi quản lý hành chính của Văn phòng UBND tỉnh 139 triệu đồng."] == "findings"
    assert by_line["Kính báo cáo Hội đồng nhân dân tỉnh./."] == "closing"


def test_report_leadin_with_a_request_starts_requirements():
    # near miss: the report's lead-in proposes ("kiến nghị như sau:")
    by_line = dict((line, k) for k, line in _kinds(_report("UBND tỉnh kiến nghị như sau:")))
    assert by_line["2. Điều chỉnh tăng chi sự nghiệp kinh tế của Sở Xây dựng 339 triệu đồng."] == "requirements"


def test_kinh_trinh_xem_xet_quyet_dinh_closes():
    text = _report("cụ thể như sau:").replace(
        "Kính báo cáo Hội đồng nhân dân tỉnh./.", "Kính trình Hội đồng nhân dân tỉnh xem xét, quyết định./."
    )
    by_line = dict((line, k) for k, line in _kinds(text))
    assert by_line["Kính trình Hội đồng nhân dân tỉnh xem xét, quyết định./."] == "closing"


def _cong_dien(invite_sentence):
    return "\n".join(
        [
            " VĂN PHÒNG CHÍNH PHỦ            CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "                                Độc lập - Tự do - Hạnh phúc",
            "",
            "       Số: 58/CĐ-VPCP                    Hà Nội, ngày 10 tháng 01 năm 2026",
            "",
            "                                 CÔNG ĐIỆN",
            "                 Phiên họp lần thứ nhất Ban Chỉ đạo quốc gia về dữ liệu.",
            "                       VĂN PHÒNG CHÍNH PHỦ điện:",
            "       - Các đồng chí thành viên Ban Chỉ đạo quốc gia về dữ liệu;",
            "       - Chủ tịch Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương.",
            "",
            "      Thực hiện ý kiến chỉ đạo của Thủ tướng Chính phủ,",
            f"Văn phòng Chính phủ {invite_sentence}",
            "      Phiên họp do Thủ tướng Chính phủ, Trưởng Ban Chỉ đạo chủ trì.",
            "      I. Thời gian: 14 giờ 30 phút, ngày 12 tháng 01 năm 2026 (Thứ Hai).",
            "      II. Hình thức: Trực tiếp và trực tuyến.",
            "      III. Địa điểm: Trụ sở Chính phủ và Trụ sở Ủy ban nhân dân các tỉnh.",
            "      1. Điểm cầu Trụ sở Chính phủ:",
            "      Thành phần:",
            "      - Thủ tướng Chính phủ, Trưởng Ban Chỉ đạo.",
            "      - Ủy ban nhân dân các tỉnh chịu trách nhiệm kết nối đường truyền trực tuyến.",
            "",
            "                                            2",
            "",
            "    2. Điểm cầu các tỉnh, thành phố trực thuộc Trung ương:",
            "      Thành phần:",
            "      - Chủ tịch Ủy ban nhân dân tỉnh, thành phố trực thuộc Trung ương.",
            "      IV. Văn phòng Chính phủ trân trọng đề nghị:",
            "      1. Bộ Công an báo cáo kết quả thực hiện và một số nội dung trọng tâm",
            "về dữ liệu trong thời gian tới và gửi báo cáo về Văn phòng Chính phủ trong",
            "ngày 10 tháng 01 năm 2026./.",
            "",
            "Nơi nhận:                                         KT. BỘ TRƯỞNG, CHỦ NHIỆM",
            "- Như trên;                                               PHÓ CHỦ NHIỆM",
            "- Lưu: VT, TH.                                           Nguyễn Văn A",
        ]
    )


def test_cong_dien_addressees_open_and_its_invitation_logistics_are_opening():
    by_line = dict((line.strip(), k) for k, line in _kinds(_cong_dien("trân trọng kính mời Đồng chí dự Phiên họp.")))
    assert by_line["CÔNG ĐIỆN"] == "header"
    assert by_line["VĂN PHÒNG CHÍNH PHỦ điện:"] == "opening"
    assert by_line["- Các đồng chí thành viên Ban Chỉ đạo quốc gia về dữ liệu;"] == "opening"
    for line in ("Phiên họp do Thủ tướng Chính phủ, Trưởng Ban Chỉ đạo chủ trì.",
                 "II. Hình thức: Trực tiếp và trực tuyến.", "- Thủ tướng Chính phủ, Trưởng Ban Chỉ đạo.",
                 "2. Điểm cầu các tỉnh, thành phố trực thuộc Trung ương:",
                 "- Chủ tịch Ủy ban nhân dân tỉnh, thành phố trực thuộc Trung ương."):
        assert by_line[line] == "opening", line
    # a task inside the participant list, the request and its wrapped item
    assert by_line["- Ủy ban nhân dân các tỉnh chịu trách nhiệm kết nối đường truyền trực tuyến."] == "requirements"
    assert by_line["IV. Văn phòng Chính phủ trân trọng đề nghị:"] == "requirements"
    assert by_line["1. Bộ Công an báo cáo kết quả thực hiện và một số nội dung trọng tâm"] == "requirements"


def test_cong_dien_that_does_not_invite_keeps_its_body():
    # near miss: no "kính mời" in the opening, so the logistics rules stay off
    by_line = dict((line.strip(), k) for k, line in _kinds(_cong_dien("thông báo lịch làm việc.")))
    assert by_line["VĂN PHÒNG CHÍNH PHỦ điện:"] == "opening"
    assert by_line["II. Hình thức: Trực tiếp và trực tuyến."] == "requirements"


def test_wrapped_numbered_item_is_not_an_assessment_heading():
    # "1. Bộ Công an báo cáo kết quả ..." wraps: "kết quả" is not a section title
    text = "\n".join(
        [
            "Số: 5/UBND-KT",
            "V/v chuẩn bị nội dung phiên họp",
            "Kính gửi: Các bộ, ngành.",
            "Văn phòng Chính phủ đề nghị:",
            "1. Bộ Công an báo cáo kết quả thực hiện và một số nội dung trọng tâm",
            "về dữ liệu trong thời gian tới và gửi báo cáo về Văn phòng Chính phủ trong",
            "ngày 10 tháng 01 năm 2026.",
            "2. Các bộ, cơ quan tải tài liệu phiên họp trên Hệ thống điều hành./.",
        ]
    )
    by_line = dict((line, k) for k, line in _kinds(text))
    assert by_line["1. Bộ Công an báo cáo kết quả thực hiện và một số nội dung trọng tâm"] == "requirements"
    assert by_line["2. Các bộ, cơ quan tải tài liệu phiên họp trên Hệ thống điều hành./."] == "requirements"


def _attendance_notice(subject, last_line):
    return "\n".join(
        _CONCLUSION_HEAD[:6]
        + [
            subject,
            "",
            "Thực hiện Công văn số 2003/UBDT ngày 01/11/2024 của Ủy ban Dân tộc, UBND tỉnh mời",
            "các sở, ngành cùng tham dự Hội nghị nêu trên như sau:",
            "1. Thành phần",
            "- Đồng chí Võ Văn A, Phó Chủ tịch UBND tỉnh;",
            "- Lãnh đạo Hội Liên hiệp Phụ nữ tỉnh.",
            "2. Thời gian: Vào lúc 08 giờ 00 phút, ngày 09/11/2024.",
            "3. Địa điểm: Hội trường Khách sạn A, thành phố B.",
            last_line,
            "",
            "Nơi nhận:    TL. CHỦ TỊCH",
            "- Như thành phần;    KT. CHÁNH VĂN PHÒNG",
            "- Lưu: VT.",
        ]
    )


def test_notice_about_attending_an_event_is_an_arrangement():
    text = _attendance_notice("Về việc tham dự Hội nghị đánh giá Chương trình mục tiêu quốc gia", "Đề nghị các đồng chí tham dự đầy đủ./.")
    by_line = dict((line, k) for k, line in _kinds(text))
    assert by_line["1. Thành phần"] == "requirements"
    assert by_line["3. Địa điểm: Hội trường Khách sạn A, thành phố B."] == "requirements"


def test_notice_that_replaces_an_invitation_is_an_arrangement_and_that_line_closes():
    text = _attendance_notice("Về công tác chuẩn bị Hội nghị đánh giá Chương trình", "(Thông báo này thay cho Giấy mời)./.")
    by_line = dict((line, k) for k, line in _kinds(text))
    assert by_line["- Đồng chí Võ Văn A, Phó Chủ tịch UBND tỉnh;"] == "requirements"
    assert by_line["(Thông báo này thay cho Giấy mời)./."] == "closing"


def test_conclusion_notice_with_logistics_words_is_not_an_arrangement():
    # near miss: a conclusion notice reports before it requires
    text = _attendance_notice("Kết luận tại Hội nghị đánh giá Chương trình", "Đề nghị các đồng chí tham dự đầy đủ./.")
    by_line = dict((line, k) for k, line in _kinds(text))
    assert by_line["1. Thành phần"] == "findings"


def _guidance_letter(handover):
    return "\n".join(
        [
            "   UBND TỈNH A               CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "       SỞ NỘI VỤ                             Độc lập - Tự do - Hạnh phúc",
            " Số: 2775 /SNV-CCHC               A, ngày 10 tháng 11 năm 2025",
            " V/v báo cáo chỉ số cải cách hành chính",
            "",
            "Kính gửi: Các cơ quan chuyên môn thuộc UBND tỉnh.",
            "",
            f"Thực hiện Quyết định số 820/QĐ-UBND ngày 27/8/2025 của Chủ tịch UBND tỉnh, {handover}",
            "1. Về xây dựng Báo cáo tự đánh giá, chấm điểm CCHC",
            "Các cơ quan rà soát, tổng hợp và xây dựng Báo cáo tự đánh giá theo Phụ lục I.",
            "2. Thời gian gửi báo cáo",
            "Các cơ quan gửi báo cáo về Sở Nội vụ trước ngày 30/11/2025.",
            "Trân trọng./.",
        ]
    )


def test_guidance_letter_sections_are_instructions_even_with_assessment_words():
    text = _guidance_letter("Sở Nội vụ hướng dẫn thực hiện tự đánh giá, chấm điểm như sau:")
    by_line = dict((line, k) for k, line in _kinds(text))
    assert by_line["1. Về xây dựng Báo cáo tự đánh giá, chấm điểm CCHC"] == "requirements"
    assert by_line["Các cơ quan rà soát, tổng hợp và xây dựng Báo cáo tự đánh giá theo Phụ lục I."] == "requirements"


def test_letter_reporting_as_follows_keeps_assessment_headings():
    # near miss: "báo cáo kết quả như sau:" does not instruct
    text = _guidance_letter("Sở Nội vụ báo cáo kết quả tự đánh giá, chấm điểm như sau:")
    by_line = dict((line, k) for k, line in _kinds(text))
    assert by_line["1. Về xây dựng Báo cáo tự đánh giá, chấm điểm CCHC"] == "findings"


_LETTER_HEAD = [
    "ỦY BAN NHÂN DÂN    CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "TỈNH AN BÌNH    Độc lập - Tự do - Hạnh phúc",
    "Số: 507 /UBND-KGVX    An Bình, ngày 24 tháng 01 năm 2025",
    "V/v góp ý dự thảo Quyết định",
    "",
    "Kính gửi: Sở Thông tin và Truyền thông",
    "",
]


def test_letter_paragraph_that_hands_a_task_is_requirements_despite_its_final_mark():
    text = "\n".join(
        _LETTER_HEAD
        + [
            "Theo đề nghị của Bộ Thông tin và Truyền thông tại Công văn số 202/BTTTT ngày",
            "21/01/2025 về việc góp ý dự thảo Quyết định (được gửi trên Hệ thống), Chủ",
            "tịch UBND tỉnh giao Sở Thông tin và Truyền thông chủ trì, phối hợp với các cơ",
            "quan liên quan góp ý dự thảo; báo cáo UBND tỉnh trước ngày 10/02/2025./.",
        ]
    )
    by_line = dict((line, k) for k, line in _kinds(text))
    assert by_line["Theo đề nghị của Bộ Thông tin và Truyền thông tại Công văn số 202/BTTTT ngày"] == "opening"
    assert by_line["21/01/2025 về việc góp ý dự thảo Quyết định (được gửi trên Hệ thống), Chủ"] == "opening"
    assert by_line["tịch UBND tỉnh giao Sở Thông tin và Truyền thông chủ trì, phối hợp với các cơ"] == "requirements"
    assert by_line["quan liên quan góp ý dự thảo; báo cáo UBND tỉnh trước ngày 10/02/2025./."] == "requirements"


def test_letter_subject_first_task_is_requirements_but_a_courtesy_request_closes():
    body = [
        "Thực hiện Công văn số 1/BTC ngày 2/1/2025 của Bộ Tài chính, UBND tỉnh có ý kiến như sau:",
        "Sở Tài chính chủ trì, phối hợp với các cơ quan, đơn vị và địa phương",
        "tham gia góp ý dự thảo Nghị định; trực tiếp gửi Bộ Tài chính và báo cáo UBND",
        "tỉnh theo đúng thời gian yêu cầu./.",
    ]
    by_line = dict((line, k) for k, line in _kinds("\n".join(_LETTER_HEAD + body)))
    assert by_line["Sở Tài chính chủ trì, phối hợp với các cơ quan, đơn vị và địa phương"] == "requirements"
    # near miss: a generic request to consider closes the letter
    body[1:] = ["Đề nghị Sở Tài chính xem xét, tổng hợp./."]
    by_line = dict((line, k) for k, line in _kinds("\n".join(_LETTER_HEAD + body)))
    assert by_line["Đề nghị Sở Tài chính xem xét, tổng hợp./."] == "closing"


def test_letter_reported_facts_and_determinations_are_findings_between_requests():
    text = "\n".join(
        _LETTER_HEAD
        + [
            "Triển khai thực hiện Quyết định số 145/QĐ-BNV ngày 03/3/2025 của Bộ Nội vụ, Bộ Nội vụ",
            "đã tổng hợp báo cáo của các bộ, ngành giai đoạn 2021 - 2025.",
            "Đến nay, nhiều nội dung sơ kết có sự thay đổi, điều chỉnh theo các quy định mới.",
            "Trên cơ sở đó, Bộ Nội vụ đề nghị các bộ, ngành cập nhật, bổ sung số liệu theo phụ lục.",
            "Các bộ, ngành phải gửi số liệu đã cập nhật về Bộ Nội vụ.",
            "Trân trọng./.",
        ]
    )
    by_line = dict((line, k) for k, line in _kinds(text))
    assert by_line["Triển khai thực hiện Quyết định số 145/QĐ-BNV ngày 03/3/2025 của Bộ Nội vụ, Bộ Nội vụ"] == "opening"
    assert by_line["Đến nay, nhiều nội dung sơ kết có sự thay đổi, điều chỉnh theo các quy định mới."] == "findings"
    assert by_line["Trên cơ sở đó, Bộ Nội vụ đề nghị các bộ, ngành cập nhật, bổ sung số liệu theo phụ lục."] == "requirements"
    # near miss: an obligation that mentions "đã" is still a request
    assert by_line["Các bộ, ngành phải gửi số liệu đã cập nhật về Bộ Nội vụ."] == "requirements"


def _directive(title, leadin_tail):
    return "\n".join(
        [
            "ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "TỈNH AN BÌNH Độc lập - Tự do - Hạnh phúc",
            "Số: 7 /CT-UBND An Bình, ngày 03 tháng 4 năm 2018",
            title,
            "",
            "Về việc tăng cường công tác thi hành án hành chính",
            "",
            "Thời gian qua, công tác thi hành án hành chính đã đạt những kết quả tích cực.",
            "Tuy nhiên, nhận thức về công tác này ở một số cơ quan còn hạn chế, nên",
            "kết quả chưa cao. Do đó, để tăng cường công tác thi hành án hành chính trên",
            f"địa bàn tỉnh, {leadin_tail}",
            "1. Thủ trưởng các sở, ban, ngành tổ chức thi hành nghiêm túc các bản án.",
            "2. Cục Thi hành án dân sự tỉnh theo dõi, đôn đốc việc thi hành án.",
            "",
            "Ủy ban nhân dân tỉnh yêu cầu Thủ trưởng các sở, ban, ngành triển khai thực",
            "hiện nghiêm túc Chỉ thị này./.",
        ]
    )


@pytest.mark.parametrize("title", ["CHỈ THỊ", "CHÍ THỊ"])
def test_directive_preamble_is_findings_the_order_requires_and_the_last_call_closes(title):
    by_line = dict((line, k) for k, line in _kinds(_directive(title, "Chủ tịch Ủy ban nhân dân tỉnh yêu cầu:")))
    assert by_line["Thời gian qua, công tác thi hành án hành chính đã đạt những kết quả tích cực."] == "findings"
    assert by_line["kết quả chưa cao. Do đó, để tăng cường công tác thi hành án hành chính trên"] == "findings"
    assert by_line["địa bàn tỉnh, Chủ tịch Ủy ban nhân dân tỉnh yêu cầu:"] == "requirements"
    assert by_line["2. Cục Thi hành án dân sự tỉnh theo dõi, đôn đốc việc thi hành án."] == "requirements"
    assert by_line["hiện nghiêm túc Chỉ thị này./."] == "closing"


def test_decision_with_the_same_body_keeps_its_opening():
    # near miss: the preamble rule belongs to a CHỈ THỊ only
    by_line = dict((line, k) for k, line in _kinds(_directive("QUYẾT ĐỊNH", "Chủ tịch Ủy ban nhân dân tỉnh yêu cầu:")))
    assert by_line["Thời gian qua, công tác thi hành án hành chính đã đạt những kết quả tích cực."] == "opening"


def test_position_line_between_recipient_items_is_signature_and_the_list_goes_on():
    text = "\n".join(
        _LETTER_HEAD
        + [
            "Chủ tịch UBND tỉnh giao Sở Thông tin và Truyền thông chủ trì góp ý trước ngày 10/02/2025./.",
            "",
            "Nơi nhận:    TL. CHỦ TỊCH",
            "- Như trên;    KT. CHÁNH VĂN PHÒNG",
            "- CT, PCT UBND tỉnh (b/cáo);",
            "PHÓ CHÁNH VĂN PHÒNG",
            "- VPUB: CVP, PCVP, KTTH;",
            "- Lưu: VT, KGVX.",
            "",
            "Nguyễn Văn Bình",
        ]
    )
    by_line = dict((line, k) for k, line in _kinds(text))
    assert by_line["PHÓ CHÁNH VĂN PHÒNG"] == "signature"
    assert by_line["- VPUB: CVP, PCVP, KTTH;"] == "recipients"
    assert by_line["- Lưu: VT, KGVX."] == "recipients"
    assert by_line["Nguyễn Văn Bình"] == "signature"


def test_position_line_after_the_last_item_still_ends_the_list():
    # near miss: no item follows the position line
    text = "\n".join(
        _LETTER_HEAD
        + ["Chủ tịch UBND tỉnh giao Sở A chủ trì góp ý trước ngày 10/02/2025./.", "", "Nơi nhận:",
           "- Như trên;", "- Lưu: VT, KGVX.", "PHÓ CHÁNH VĂN PHÒNG", "", "Nguyễn Văn Bình"]
    )
    by_line = dict((line, k) for k, line in _kinds(text))
    assert by_line["PHÓ CHÁNH VĂN PHÒNG"] == "signature"
    assert by_line["- Lưu: VT, KGVX."] == "recipients"


def test_letter_report_words_inside_numbered_sections_stay_instructions():
    text = "\n".join(
        _LETTER_HEAD
        + [
            "Thực hiện Quyết định số 820/QĐ-UBND ngày 27/8/2025, Sở Nội vụ hướng dẫn thực hiện như sau:",
            "1. Về xây dựng báo cáo",
            "Các cơ quan xây dựng báo cáo theo Phụ lục I.",
            "Thời gian xác định số liệu được tính từ ngày 01/7/2025 đến ngày 30/11/2025.",
            "Trân trọng./.",
        ]
    )
    by_line = dict((line, k) for k, line in _kinds(text))
    assert by_line["Thời gian xác định số liệu được tính từ ngày 01/7/2025 đến ngày 30/11/2025."] == "requirements"


def _decision_with_appendix(tail_row: str) -> str:
    appendix = "\n".join(f"{i}. Nhiệm vụ số {i} của phụ lục: Sở Tài chính thực hiện." for i in range(1, 40))
    return ("| ỦY BAN NHÂN DÂN TỈNH BÌNH ĐỊNH | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\n|---|---|\n"
            "| Số: 12/QĐ-UBND | Bình Định, ngày 5 tháng 3 năm 2023 |\n\nQUYẾT ĐỊNH\n\nVề việc phân bổ vốn\n\n"
            "Căn cứ Luật Tổ chức chính quyền địa phương;\n\nQUYẾT ĐỊNH:\n\n"
            "Điều 1. Phân bổ vốn năm 2023.\n\nĐiều 2. Chánh Văn phòng UBND tỉnh chịu trách nhiệm thi hành.\n\n"
            f"{tail_row}\n|---|---|\n\nPHỤ LỤC 01\n\n{appendix}\n")


def test_a_recipients_list_in_one_table_cell_ends_the_body_above_an_appendix():
    """A crawl puts the whole Nơi nhận list in one cell, the signature in the
    next; a long appendix after it makes that row the upper third: the row
    still ends the body, the appendix is closing, the rule row is the row's."""
    text = _decision_with_appendix("| Nơi nhận: - Như Điều 2; - Chủ tịch, các PCT UBND tỉnh; - Lưu: VT. | KT. CHỦ TỊCH PHÓ CHỦ TỊCH Lâm Văn A |")
    kinds = segment(build_doc(text)).kinds
    lines = text.split("\n")
    row = next(i for i, s in enumerate(lines) if s.startswith("| Nơi nhận"))
    assert kinds[row] == "recipients" and kinds[row + 1] == "recipients"
    assert all(k == "closing" for s, k in zip(lines[row + 2 :], kinds[row + 2 :]) if s.strip())
    assert kinds[lines.index("Điều 1. Phân bổ vốn năm 2023.")] == "requirements"


def test_a_letters_header_table_keeps_its_number_row_after_the_rule_row():
    """A crawled Công văn (no title line): the header table's rule row does not
    end the header before its second row, the number, V/v and place-date."""
    text = ("# V/v giải quyết chế độ ưu đãi\n\n| BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI -------- | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\n"
            "|---|---|\n| Số: 284/LĐTBXH-NCC V/v giải quyết chế độ ưu đãi | Hà Nội, ngày 26 tháng 01 năm 2011 |\n\n"
            "Kính gửi: Sở Lao động - Thương binh và Xã hội các tỉnh\n\nBộ đề nghị các Sở thực hiện.\n")
    kinds = segment(build_doc(text)).kinds
    assert kinds[:5] == ["header", None, "header", "header", "header"]
    assert kinds[6] == "opening"


@pytest.mark.parametrize("office", ["THỦ TƯỚNG", "BỘ TRƯỞNG", "CHỦ TỊCH"])
def test_a_signature_with_no_mode_and_no_recipients(office):
    """A gazette copy ends with the office and the name only: that is the
    signature block, not the last article."""
    text = ("QUYẾT ĐỊNH\n\nVề việc kiện toàn Ban Chỉ đạo\n\nCăn cứ Luật Tổ chức Chính phủ;\n\nQUYẾT ĐỊNH:\n\n"
            "Điều 1. Kiện toàn Ban Chỉ đạo.\n\nĐiều 2. Các thành viên chịu trách nhiệm thi hành Quyết định này./.\n\n"
            f"{office}\n[\n\nLê Minh Hưng\n")
    kinds = segment(build_doc(text)).kinds
    lines = text.split("\n")
    assert kinds[lines.index(office)] == "signature" and kinds[lines.index("Lê Minh Hưng")] == "signature"
    assert kinds[lines.index("Điều 1. Kiện toàn Ban Chỉ đạo.")] == "requirements"


def test_an_office_inside_the_last_article_is_no_signature():
    text = ("QUYẾT ĐỊNH:\n\nĐiều 1. Giao nhiệm vụ./.\n\nĐiều 2. Hiệu lực thi hành\nCHỦ TỊCH UBND các huyện thực hiện.\n")
    kinds = segment(build_doc(text)).kinds
    assert "signature" not in kinds


# What stands between a decision's signature and the document attached to it,
# as gazettes and crawls print it: each head is followed by a long attached plan
# (its own tasks and articles), so the letter is a small top part of the file.
_ATTACHED_HEADS = {
    "motto": "CHÍNH PHỦ\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\nCHƯƠNG TRÌNH HÀNH ĐỘNG\n",
    "kem_theo": "KẾ HOẠCH\n\nTriển khai thực hiện Chương trình\n(Ban hành kèm theo Quyết định số 12/QĐ-TTg ngày 5/3/2026)\n",
    "kem_theo_inline": "QUY CHẾ\n\nVỀ QUẢN LÝ KINH PHÍ (Ban hành kèm theo Quyết định số 49/2012/QĐ-UBND)\n",
    "appendix": "Phụ lục\n(Kèm theo Nghị quyết số 116/NQ-CP ngày 29 tháng 4 năm 2026 của Chính phủ)\n",
    "restart": "QUY ĐỊNH\n\nVề trình tự, thủ tục giải quyết chế độ\n\nChương I\n\nQUY ĐỊNH CHUNG\n",
}
_GAZETTE_PAGE = "CÔNG BÁO/Số 286/Ngày 27-05-2026\n90\n\n"


@pytest.mark.parametrize("page", ["", _GAZETTE_PAGE])
@pytest.mark.parametrize("head", sorted(_ATTACHED_HEADS))
def test_a_signature_above_an_attached_document_ends_the_letter(head, page):
    attached = "\n".join(
        f"Điều {i}. Nhiệm vụ {i}: Bộ Tài chính chủ trì, phối hợp với các bộ thực hiện.\n\nKT. BỘ TRƯỞNG"
        if i % 25 == 0 else f"{i}. Nhiệm vụ {i}: Bộ Tài chính chủ trì, phối hợp với các bộ thực hiện."
        for i in range(1, 120))
    text = ("THỦ TƯỚNG CHÍNH PHỦ\n\nSố: 12/QĐ-TTg\n\nHà Nội, ngày 5 tháng 3 năm 2026\n\nQUYẾT ĐỊNH\n\n"
            "Ban hành Chương trình hành động\n\nCăn cứ Luật Tổ chức Chính phủ;\n\nQUYẾT ĐỊNH:\n\n"
            "Điều 1. Ban hành kèm theo Quyết định này Chương trình hành động.\n\n"
            "Điều 2. Các Bộ trưởng chịu trách nhiệm thi hành Quyết định này./.\n\n"
            "KT. THỦ TƯỚNG\nPHÓ THỦ TƯỚNG\n\nLê Văn A\n\n"
            "Ký bởi: CÔNG BÁO NƯỚC CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nNgày ký: 2026-05-27 07:55:25 +07:00\n\n"
            f"{page}{_ATTACHED_HEADS[head]}\n{attached}\n")
    kinds = segment(build_doc(text)).kinds
    lines = text.split("\n")
    sig = lines.index("KT. THỦ TƯỚNG")
    assert kinds[lines.index("Điều 2. Các Bộ trưởng chịu trách nhiệm thi hành Quyết định này./.")] == "requirements"
    assert [kinds[i] for i in range(sig, sig + 7) if lines[i].strip()] == ["signature"] * 5  # the stamp included
    after = [k for s, k in zip(lines[sig + 7 :], kinds[sig + 7 :]) if s.strip()]
    assert set(after) == {"closing"}, [(s, k) for s, k in zip(lines[sig + 7 :], kinds[sig + 7 :]) if s.strip() and k != "closing"][:5]


@pytest.mark.parametrize("enacting", ["QUYẾT ĐỊNH:", "Thủ tướng Chính phủ ban hành Quyết định quy định về thẻ đi lại."])
def test_a_definitions_article_hands_over_nothing(enacting):
    """"như sau:" inside an article ("các từ ngữ dưới đây được hiểu như sau:")
    is the body's, not the opening's hand-over."""
    text = ("QUYẾT ĐỊNH\n\nQuy định về thẻ đi lại\n\nCăn cứ Luật Tổ chức Chính phủ;\n\n"
            f"{enacting}\n\nChương I\nQUY ĐỊNH CHUNG\n\nĐiều 1. Phạm vi điều chỉnh\nQuyết định này quy định về thẻ.\n\n"
            "Điều 2. Giải thích từ ngữ\nTrong Quyết định này, các từ ngữ dưới đây được hiểu như sau:\n"
            "1. Thẻ là giấy tờ đi lại.\n")
    kinds = segment(build_doc(text)).kinds
    lines = text.split("\n")
    assert kinds[lines.index("Căn cứ Luật Tổ chức Chính phủ;")] == "opening"
    for s in ("Chương I", "Điều 1. Phạm vi điều chỉnh", "Trong Quyết định này, các từ ngữ dưới đây được hiểu như sau:"):
        assert kinds[lines.index(s)] == "requirements", s


@pytest.mark.parametrize("rule", ["___________", "______________", "-----"])
def test_the_authority_under_a_rule_under_the_subject_is_header(rule):
    text = ("CHÍNH PHỦ\n\nSố: 12/NQ-CP\n\nHà Nội, ngày 5 tháng 3 năm 2026\n\nNGHỊ QUYẾT\n"
            f"Ban hành Chương trình hành động của Chính phủ\n{rule}\n\nCHÍNH PHỦ\n"
            "Căn cứ Luật Tổ chức Chính phủ;\n\nQUYẾT NGHỊ:\n\nĐiều 1. Ban hành Chương trình.\n")
    kinds = segment(build_doc(text)).kinds
    lines = text.split("\n")
    assert kinds[lines.index(rule)] == "header" and kinds[10] == "header"  # the second "CHÍNH PHỦ"
    assert kinds[lines.index("Căn cứ Luật Tổ chức Chính phủ;")] == "opening"


@pytest.mark.parametrize("handover", [
    "Thủ tướng Chính phủ yêu cầu các bộ, ngành, địa phương khẩn trương thực hiện các nhiệm vụ sau đây:",
    "Chủ tịch UBND tỉnh yêu cầu các sở, ngành tập trung thực hiện tốt các nội dung sau đây:",
])
def test_a_directive_hands_over_with_the_tasks_below(handover):
    """A CHỈ THỊ whose ordering sentence ends "... các nhiệm vụ sau đây:", the
    verb far from the colon: the preamble assesses, the tasks require."""
    text = ("CHỈ THỊ\nVề việc sắp xếp thôn, tổ dân phố\n\n"
            "Trong những năm qua việc sắp xếp thôn đã đạt được kết quả quan trọng. Tuy nhiên, vẫn còn nhiều\n"
            "thôn chưa bảo đảm tiêu chí theo quy định.\n"
            f"{handover}\n1. Rà soát, sắp xếp thôn bảo đảm tiêu chí.\n2. Bố trí người hoạt động không chuyên trách.\n")
    kinds = segment(build_doc(text)).kinds
    lines = text.split("\n")
    assert kinds[lines.index("thôn chưa bảo đảm tiêu chí theo quy định.")] == "findings"
    assert kinds[lines.index(handover)] == "requirements"
    assert kinds[lines.index("1. Rà soát, sắp xếp thôn bảo đảm tiêu chí.")] == "requirements"


def test_an_instructions_letter_with_an_unsigned_attachment():
    """A ministry's letter that guides ("Bộ hướng dẫn ... như sau:", the verb far
    from the colon): its "I. Đánh giá tình hình ..." tells what to assess and
    requires; its "Trong quá trình thực hiện, nếu có vướng mắc ..." closes; a
    titled outline after its "./." with no signature printed is attached."""
    text = ("BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI\n\nSố: 26/LĐTBXH-KHTC\nV/v xây dựng dự toán năm 2020\n\n"
            "Hà Nội, ngày 03 tháng 7 năm 2019\n\nKính gửi: Giám đốc Sở Lao động - Thương binh và Xã hội các tỉnh\n\n"
            "Thực hiện Chỉ thị số 16/CT-TTg ngày 25/6/2019 của Thủ tướng Chính phủ, Bộ hướng dẫn Sở Lao động - "
            "Thương binh và Xã hội các tỉnh, thành phố trực thuộc Trung ương xây dựng dự toán ngân sách trung ương "
            "thực hiện Pháp lệnh ưu đãi người có công với cách mạng năm 2020 và kế hoạch tài chính - ngân sách nhà "
            "nước 03 năm giai đoạn 2020-2022 như sau:\n\n"
            "I. Đánh giá tình hình thực hiện nhiệm vụ ngân sách năm 2019\n\n- Tình hình biến động tăng, giảm đối tượng.\n\n"
            "II. Xây dựng dự toán năm 2020\n\n- Xây dựng dự toán trên cơ sở số đối tượng.\n\n"
            "Trong quá trình thực hiện nếu có khó khăn, vướng mắc, đề nghị phản ánh về Bộ để được hướng dẫn./.\n\n"
            "THUYẾT MINH DỰ TOÁN NĂM 2020\n\n1. Tình hình thực hiện dự toán năm 2019\n\n- Báo cáo tổng số đối tượng.\n")
    kinds = segment(build_doc(text)).kinds
    lines = text.split("\n")
    assert kinds[lines.index("I. Đánh giá tình hình thực hiện nhiệm vụ ngân sách năm 2019")] == "requirements"
    assert kinds[lines.index("Trong quá trình thực hiện nếu có khó khăn, vướng mắc, đề nghị phản ánh về Bộ để được hướng dẫn./.")] == "closing"
    for s in ("THUYẾT MINH DỰ TOÁN NĂM 2020", "1. Tình hình thực hiện dự toán năm 2019", "- Báo cáo tổng số đối tượng."):
        assert kinds[lines.index(s)] == "closing", s


@pytest.mark.parametrize("rule", ["––––––", "——————", "------"])
def test_a_subject_wrapped_on_a_lower_case_opening_word_and_a_dash_rule(rule):
    """"Ban hành Kế hoạch hành động / thực hiện Chỉ thị số 52 ...": the second
    subject line begins like an opening ("Thực hiện ...") but in lower case it
    goes on with the subject; a rule of en or em dashes closes the header."""
    text = ("THỦ TƯỚNG CHÍNH PHỦ\n\nSố: 844/QĐ-TTg\n\nHà Nội, ngày 13 tháng 5 năm 2026\nQUYẾT ĐỊNH\n"
            "Ban hành Kế hoạch hành động của Chính phủ\nthực hiện Chỉ thị số 52-CT/TW ngày 03 tháng 10 năm 2025\n"
            f"{rule}\n\nTHỦ TƯỚNG CHÍNH PHỦ\n\nCăn cứ Luật Tổ chức Chính phủ;\n\nQUYẾT ĐỊNH:\n\nĐiều 1. Ban hành Kế hoạch.\n")
    kinds = segment(build_doc(text)).kinds
    lines = text.split("\n")
    for n in (7, 8, 10):  # the wrapped subject line, the rule, the authority
        assert kinds[n] == "header", lines[n]
    assert kinds[lines.index("Căn cứ Luật Tổ chức Chính phủ;")] == "opening"


@pytest.mark.parametrize("body", ["Ủy ban nhân dân huyện An Lão", "UBND huyện An Lão"])
def test_an_assignment_in_the_opening_paragraph_of_a_letter_starts_the_requirements(body):
    # the body after "giao" may start with an accented capital ("Ủy ban ...")
    text = "\n".join(
        [
            "ỦY BAN NHÂN DÂN    CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "TỈNH AN BÌNH    Độc lập - Tự do - Hạnh phúc",
            "",
            "Số: 507 /UBND-KGVX    An Bình, ngày 24 tháng 01 năm 2025",
            "V/v rà soát hồ sơ đất đai",
            "",
            "Kính gửi: Ủy ban nhân dân huyện An Lão",
            "",
            "Xét đề nghị của Sở Nông nghiệp và Môi trường tại Tờ trình số 12/TTr-SNNMT ngày 20/01/2025,",
            f"Chủ tịch UBND tỉnh giao {body} chủ trì rà soát hồ sơ, báo cáo trước ngày 15/02/2025./.",
        ]
    )
    kinds = dict((line, k) for k, line in _kinds(text))
    assert kinds[f"Chủ tịch UBND tỉnh giao {body} chủ trì rà soát hồ sơ, báo cáo trước ngày 15/02/2025./."] == "requirements"


@pytest.mark.parametrize("handover", [
    "yêu cầu các đơn vị tập trung thực hiện tốt các nội dung sau:",
    "yêu cầu các đơn vị tập trung thực hiện một số nhiệm vụ sau:",
    # an assigning "giao" before its addressees, "phân công": first look (99e8628) findings, no directive
    "giao các đơn vị thực hiện các nội dung sau:",
    "phân công nhiệm vụ như sau:",
])
def test_a_request_of_the_contents_that_follow_hands_over_to_the_requirements(handover):
    # "... yêu cầu các đơn vị tập trung thực hiện tốt các nội dung sau:" (no "như sau", no "đây"):
    # first run (rules of 7a577c7, a probe ward notice): every item read as findings, no directive
    text = "\n".join(_CONCLUSION_HEAD + [
        handover,
        "",
        "1. Công an phường phối hợp với Phòng Kinh tế xử lý các trường hợp vi phạm.",
        "2. Phòng Văn hóa - Xã hội tổ chức kiểm tra các cơ sở kinh doanh.",
        "",
        "UBND phường thông báo để các đơn vị biết, thực hiện./.",
    ])
    kinds = dict((line.strip()[:12], k) for k, line in _kinds(text))
    assert kinds["1. Công an p"] == "requirements" and kinds["2. Phòng Văn"] == "requirements"


@pytest.mark.parametrize("handover", [
    "lưu ý một số nội dung sau:", "nhấn mạnh một số nội dung sau:", "quán triệt một số nội dung sau:",
    "đề ra một số nhiệm vụ sau:",
])
def test_directions_announced_by_another_verb_are_judged_item_by_item(handover):
    # first look (99e8628): every item findings, no directive
    text = "\n".join(_CONCLUSION_HEAD + [
        handover,
        "1. Tình hình an ninh trật tự trên địa bàn cơ bản ổn định.",
        "2. Công an phường phối hợp với Phòng Kinh tế xử lý các trường hợp vi phạm.",
        "UBND phường thông báo để các đơn vị biết, thực hiện./.",
    ])
    kinds = dict((line.strip()[:12], k) for k, line in _kinds(text))
    assert (kinds["1. Tình hình"], kinds["2. Công an p"]) == ("findings", "requirements")


def test_background_words_given_or_assigned_hand_over_nothing():
    # "được giao", "được phân công" in the opening's background ask nothing: an assessing item stays findings
    text = "\n".join(_CONCLUSION_HEAD[:-1] + [
        "hình thực hiện dự án. Sau khi nghe báo cáo và ý kiến của các thành viên theo lĩnh vực được phân công,",
        "Phó Chủ tịch UBND tỉnh kết luận như sau:",
        "1. Tình hình an ninh trật tự trên địa bàn cơ bản ổn định.",
        "2. Công an phường phối hợp với Phòng Kinh tế xử lý các trường hợp vi phạm.",
    ])
    kinds = dict((line.strip()[:12], k) for k, line in _kinds(text))
    assert (kinds["1. Tình hình"], kinds["2. Công an p"]) == ("findings", "requirements")


def test_an_order_that_mentions_tinh_hinh_is_no_assessment_after_a_directing_handover():
    # "4. Trưởng các thôn chủ động nắm tình hình, ...": first run (rules of 3416a84, a probe
    # commune notice): "tình hình" anywhere in the item's first words made it findings
    text = "\n".join(_CONCLUSION_HEAD + [
        "chỉ đạo như sau:",
        "1. Đánh giá chung: tình hình an ninh trật tự ổn định.",
        "2. Trưởng các thôn chủ động nắm tình hình, kịp thời báo cáo các sự cố phát sinh về UBND xã.",
        "Nay, thông báo để các đơn vị biết, thực hiện./.",
    ])
    kinds = dict((line.strip()[:12], k) for k, line in _kinds(text))
    assert (kinds["1. Đánh giá "], kinds["2. Trưởng cá"]) == ("findings", "requirements")


def test_a_title_printed_with_its_subject_on_one_line_ends_the_header():
    # a web page's copy: "THÔNG BÁO Kết luận của ..." (first run, rules of f8d9949, a probe
    # provincial notice: that line opened the opening, so no meeting, no topic and the
    # assessing item 1 a directive)
    from notice_extract.pipeline import extract_text

    src = ("ỦY BAN NHÂN DÂN TỈNH BÌNH PHƯỚC CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc\n"
           "Số: 412/TB-UBND Bình Phước, ngày 18 tháng 10 năm 2024\n"
           "THÔNG BÁO Kết luận của Phó Chủ tịch UBND tỉnh tại buổi làm việc với UBND huyện Bù Đăng về tình hình "
           "thực hiện các dự án đầu tư công\n"
           "Ngày 15/10/2024, đồng chí Trần Văn Mi - Phó Chủ tịch UBND tỉnh đã có buổi làm việc với UBND huyện "
           "Bù Đăng. Phó Chủ tịch UBND tỉnh kết luận như sau:\n"
           "1. Đánh giá cao sự nỗ lực của UBND huyện Bù Đăng trong công tác giải ngân vốn đầu tư công.\n"
           "2. Yêu cầu UBND huyện Bù Đăng đẩy nhanh tiến độ giải phóng mặt bằng.\n")
    assert [k for k, _ in _kinds(src)] == ["header"] * 3 + ["opening", "findings", "requirements"]
    rec = extract_text(src)
    assert rec.subject.value.startswith("Kết luận của Phó Chủ tịch UBND tỉnh")
    assert rec.meeting.topic.value == "tình hình thực hiện các dự án đầu tư công"
    assert [d.path for d in rec.directives] == ["2"]


def test_conclusions_written_as_unlabelled_paragraphs_are_judged_one_by_one():
    # first run (rules of 2633772): "Thời gian tới, UBND huyện X tập trung ..., hoàn thành
    # trước ngày ..." stayed a finding after the assessing paragraph before it
    src = ("ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NAM\nSố: 88/TB-UBND\nQuảng Nam, ngày 15 tháng 4 năm 2025\n\nTHÔNG BÁO\n"
           "Kết luận của Chủ tịch UBND tỉnh tại buổi làm việc với huyện Duy Xuyên\n\n"
           "Ngày 10/4/2025, đồng chí Lê Văn Dũng - Chủ tịch UBND tỉnh đã làm việc với UBND huyện Duy Xuyên. "
           "Sau khi nghe báo cáo, Chủ tịch UBND tỉnh kết luận như sau:\n\n"
           "Thời gian qua, UBND huyện Duy Xuyên đã có nhiều cố gắng. Tuy nhiên, tiến độ một số dự án còn chậm.\n\n"
           "Thời gian tới, UBND huyện Duy Xuyên tập trung chỉ đạo quyết liệt công tác bồi thường, hoàn thành "
           "trước ngày 30/6/2025.\n\n"
           "Sở Nông nghiệp và Môi trường hướng dẫn UBND huyện Duy Xuyên hoàn thiện hồ sơ đất đai.\n")
    assert [k for k, _ in _kinds(src)][-4:] == ["opening", "findings", "requirements", "requirements"]



def test_a_sentence_ending_at_a_wrapped_pages_margin_goes_on_in_its_paragraph():
    from notice_extract.segment import paragraphs

    lines = [
        "      4. Kiểm tra kết quả thẩm tra của tổ chức tư vấn về đáp ứng yêu cầu",
        "an toàn công trình, sự tuân thủ quy chuẩn kỹ thuật trong thiết kế xây",
        "dựng đối với trường hợp yêu cầu phải thẩm tra thiết kế theo quy định.",
        "Trên cơ sở đó cho thấy kết quả thẩm tra là phù hợp, đảm bảo cơ sở kết",
        "luận về an toàn công trình. Kết quả cụ thể như sau:",
        "      - Về đáp ứng yêu cầu an toàn công trình: phù hợp.",
        "      Thường trực Đảng ủy thông báo phân công lịch trực cơ quan như sau:",
        "Thời gian trực",
    ]
    # the sentence ends at the margin and the next goes on unindented: one
    # paragraph; a new paragraph is indented; a lead-in's colon ends its paragraph
    assert paragraphs(lines, 1, len(lines)) == [[1, 2, 3, 4, 5], [6], [7], [8]]
    # one line per paragraph (a .docx's text), however alike their widths, never runs on
    docx = ["Sở Công Thương đã kiểm tra sự hiện diện, đầy đủ và hợp lệ của báo cáo.",
            "Trên cơ sở đó cho thấy kết quả thẩm tra là phù hợp với quy định hiện hành.",
            "Việc đánh giá này không bao gồm kiểm định độc lập về mặt kỹ thuật công trình."]
    assert paragraphs(docx, 1, 3) == [[1], [2], [3]]


def test_a_line_is_no_measure_of_its_own_width():
    # one paragraph per line (.docx): a long heading first in its section, then
    # its items; the heading's own width does not make it a wrapped line
    from notice_extract.segment import paragraphs

    lines = ["2. Yêu cầu đối với Trung tâm Quan trắc tài nguyên và môi trường",
             "- Tổ chức thực hiện đúng thiết kế xây dựng đã được thẩm định.",
             "- Lưu trữ hồ sơ theo quy định."]
    assert paragraphs(lines, 1, 3) == [[1], [2], [3]]
    # pdftotext: the first line indented, the next at the margin under it, goes on
    wrapped = ["      Ngày 10/6/2025, tại phòng họp Ủy ban nhân dân huyện, đồng chí Võ Thị Hằng",
               "- Phó Chủ tịch Ủy ban nhân dân huyện chủ trì cuộc họp giải quyết vướng mắc",
               "trong công tác bồi thường."]
    assert paragraphs(wrapped, 1, 3) == [[1, 2, 3]]


@pytest.mark.parametrize("heading", ["2. Kết luận, chỉ đạo", "2. Kết luận và chỉ đạo", "II. KẾT LUẬN, CHỈ ĐẠO"])
def test_a_conclusions_and_directions_heading_starts_the_requirements(heading):
    # (a subject line of that wording stays the subject)
    from notice_extract.pipeline import extract_text

    text = ("ỦY BAN NHÂN DÂN\nTỈNH GIA LAI\nSố: 12/TB-UBND\nGia Lai, ngày 5 tháng 3 năm 2026\n\nTHÔNG BÁO\n"
            "Kết luận, chỉ đạo của Phó Chủ tịch UBND tỉnh tại buổi làm việc với Sở Xây dựng\n\n"
            "Ngày 2/3/2026, Phó Chủ tịch UBND tỉnh đã làm việc với Sở Xây dựng. Phó Chủ tịch UBND tỉnh kết luận:\n\n"
            "1. Đánh giá cao sự nỗ lực của Sở Xây dựng trong thời gian qua.\n"
            f"{heading}\n"
            "- Giao Sở Xây dựng chủ trì, phối hợp với Sở Tài chính hoàn thiện hồ sơ trước ngày 30/3/2026.\n"
            "- Sở Tài chính bố trí kinh phí thực hiện.\n\n"
            "Văn phòng UBND tỉnh thông báo để các cơ quan, đơn vị biết, thực hiện./.\n")
    rec = extract_text(text, "x")
    kinds = {s.kind: s.lines for s in rec.segments}
    assert kinds["header"] == (1, 7) and kinds["requirements"][0] == 12
    assert [[p.value for p in d.responsible] for d in rec.directives if d.kind == "directive"] == [
        ["Sở Xây dựng", "Sở Tài chính"], ["Sở Tài chính"]]


@pytest.mark.parametrize("mark", ["-", "•", "+"])
def test_a_signature_line_between_the_recipients_items(mark):
    # the office's line printed between the list's items (a two-column block flattened):
    # the items after it are still recipients, whatever mark the list draws
    from notice_extract.pipeline import extract_text

    text = ("ỦY BAN NHÂN DÂN\nTỈNH X\nSố: 5/TB-UBND\n\nTHÔNG BÁO\nKết luận của Chủ tịch UBND tỉnh\n\n"
            "1. Giao Sở Tài chính chủ trì thực hiện.\n\n"
            f"Nơi nhận:    TL. CHỦ TỊCH\n{mark} Như trên;    KT. CHÁNH VĂN PHÒNG\n{mark} CT, PCT UBND tỉnh;\n"
            f"PHÓ CHÁNH VĂN PHÒNG\n{mark} VPUB: CVP, PCVP;\n{mark} Lưu: VT.\n\nNguyễn Văn An\n")
    kinds = [(s.kind, s.lines) for s in extract_text(text, "x").segments]
    assert ("recipients", (14, 15)) in kinds and ("signature", (13, 13)) in kinds



def test_a_notice_sent_as_a_letter_hands_over_after_its_addressees():
    # "Kính gửi:" with its "- A;" lines before the opening's sentence: first look
    # (5a2dffb, a provincial notice written for the probe) every item findings,
    # no directive (the dash lines were taken for the body's first items)
    text = "\n".join(_CONCLUSION_HEAD[:8] + [
        "Kính gửi:", "- Sở Y tế;", "- Sở Giáo dục và Đào tạo;", "- UBND các huyện, thị xã, thành phố.", "",
        "Xét Báo cáo số 215/BC-SYT ngày 05/11/2026 của Sở Y tế, Phó Chủ tịch UBND tỉnh có ý kiến chỉ đạo như sau:", "",
        "1. Sở Y tế chỉ đạo Trung tâm Kiểm soát bệnh tật tỉnh tăng cường giám sát dịch bệnh.",
        "2. UBND các huyện, thị xã, thành phố bố trí kinh phí cho công tác phòng, chống dịch.",
    ])
    kinds = dict((line.strip()[:12], k) for k, line in _kinds(text))
    assert (kinds["- Sở Y tế;"], kinds["1. Sở Y tế c"], kinds["2. UBND các "]) == ("opening", "requirements", "requirements")


@pytest.mark.parametrize("end", ["", "."])
def test_a_hand_over_that_lost_its_colon_still_hands_over(end):
    # a scan's "... kết luận như sau" (no colon, or a stop): first look (8585d32)
    # every item findings, no directive
    text = "\n".join(_CONCLUSION_HEAD[:-1] + [
        "hình thực hiện dự án. Sau khi nghe báo cáo, Phó Chủ tịch UBND tỉnh kết luận như sau" + end,
        "1. Tình hình an ninh trật tự trên địa bàn cơ bản ổn định.",
        "2. Công an phường phối hợp với Phòng Kinh tế xử lý các trường hợp vi phạm.",
    ])
    kinds = dict((line.strip()[:12], k) for k, line in _kinds(text))
    assert (kinds["1. Tình hình"], kinds["2. Công an p"]) == ("findings", "requirements")
