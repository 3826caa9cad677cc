"""The working text: normalisation that keeps every span exact."""

import unicodedata

from notice_extract.textmap import build_doc, clean_value, normalise_tone


def _roundtrip(doc, needle):
    i = doc.text.index(needle)
    text, (s, e) = doc.ground(i, i + len(needle))
    assert doc.source[s:e] == text
    return text


def test_markdown_marks_removed_but_spans_keep_them():
    doc = build_doc("## THÔNG BÁO\n**Kết luận của Ban** Thường vụ\n### **3. Về đề nghị:**")
    assert doc.lines == ["THÔNG BÁO", "Kết luận của Ban Thường vụ", "3. Về đề nghị:"]
    assert _roundtrip(doc, "Kết luận của Ban Thường") == "Kết luận của Ban** Thường"


def test_single_star_emphasis_pairs_but_bullets_and_lone_stars_stay():
    doc = build_doc("- *Về kinh tế:* Xây dựng\n* Bên cạnh đó\n*\n(*chè Olong*), x")
    assert doc.lines == ["- Về kinh tế: Xây dựng", "* Bên cạnh đó", "*", "(chè Olong), x"]


def test_nfd_and_tone_placement_normalised_with_exact_spans():
    src = unicodedata.normalize("NFD", "Đảng uỷ xã Lan Giới, văn hoá") + "\r\nHuyện uỷ"
    doc = build_doc(src)
    assert doc.text == "Đảng ủy xã Lan Giới, văn hóa\nHuyện ủy"
    assert _roundtrip(doc, "Đảng ủy") == unicodedata.normalize("NFD", "Đảng uỷ")
    assert _roundtrip(doc, "Huyện ủy") == "Huyện uỷ"


def test_closed_syllables_and_qu_keep_their_mark():
    assert normalise_tone("toàn quý khuyến hoà") == "toàn quý khuyến hòa"
    assert normalise_tone("THUỶ LỢI, Thuỷ") == "THỦY LỢI, Thủy"


def test_entities_spaces_zero_width_and_crlf():
    doc = build_doc("A&amp;B\u00a0C\u200bD\tE\r\nF\rG")
    assert doc.text == "A&B CD E\nF\nG"
    assert _roundtrip(doc, "A&B") == "A&amp;B"
    assert doc.lines == ["A&B CD E", "F", "G"]
    assert doc.line_of(doc.text.index("F")) == 2


def test_clean_value():
    assert clean_value("  - Văn phòng Tỉnh uỷ,\n ") == "Văn phòng Tỉnh uỷ"
