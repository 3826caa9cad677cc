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
