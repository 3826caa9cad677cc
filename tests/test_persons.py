"""Persons: cued names, placed names, signature, doctrines and places."""

import json

import pytest

from notice_extract.extract.context import Context
from notice_extract.extract.persons import extract_persons
from notice_extract.models import Record, Source
from notice_extract.segment import segment
from notice_extract.textmap import build_doc
from conftest import CORPUS, GOLD



def persons(text: str):
    doc = build_doc(text)
    ctx = Context(doc=doc, layout=segment(doc), record=Record(doc_id="t", source=Source()))
    out = extract_persons(ctx)
    for p in out:
        for s, e in p.mentions:
            assert p.name.split()[0].lower() in text[s:e].lower()
    return {p.name: p.titles for p in out}


@pytest.mark.parametrize(
    "text, expected",
    [
        # 002: cue + "- Title", and a second mention with another title
        ("Ngày 05 tháng 4 năm 2019, đồng chí Dương Ngô Mạnh - Chủ tịch UBND huyện tổ chức buổi làm việc. "
         "Dự có đồng chí Nguyễn Thế Huy, Phó Chủ tịch UBND huyện; 6. Đề nghị Đ/c Nguyễn Thế Huy- PCT HĐND huyện tăng cường",
         {"Dương Ngô Mạnh": ["Chủ tịch UBND huyện"], "Nguyễn Thế Huy": ["Phó Chủ tịch UBND huyện", "PCT HĐND huyện"]}),
        # 001: a cue followed by a title is not a name
        ("đồng chí Bí thư Huyện ủy tổ chức buổi làm việc với các Tổ công tác", {}),
        # 003: doctrine
        ("làm theo “tư tưởng, đạo đức, phong cách Hồ Chí Minh” tại một số chi bộ", {}),
        # r022: a name outside the family-name list, after a cue
        ("đối với đồng chí Katơr Xung - Chuyên viên Cơ quan Uỷ ban MTTQ Việt Nam\nxã", {"Katơr Xung": ["Chuyên viên Cơ quan Ủy ban MTTQ Việt Nam"]}),
        # r046: after a title abbreviation
        ("- TTgCP, PTTg Trần Lưu Quang (để b/c);", {"Trần Lưu Quang": []}),
        # places that start with a family name, streets
        ("tại Hà Nội\nĐịa chỉ: Đại lộ Trần Hưng Đạo, phường Cam Đường", {}),
        # an office with its body, then its holder (first look, 7af8196: no person)
        ("Phó Chủ tịch UBND tỉnh Nguyễn Văn Lộc có ý kiến chỉ đạo như sau:",
         {"Nguyễn Văn Lộc": ["Phó Chủ tịch UBND tỉnh"]}),
        ("Giám đốc Sở Y tế tỉnh Nguyễn Văn Bình báo cáo.", {"Nguyễn Văn Bình": ["Giám đốc Sở Y tế tỉnh"]}),
        # a commune the geography knows, closing a list at a line's end, is no person
        # (dev t005, found reading its record: "Đinh Văn Lâm Hà" had been a person)
        ("Giao UBND các xã: Đức Trọng, Hiệp Thạnh, Đinh Văn Lâm Hà\n", {}),
        # ... not a place of that level the geography knows
        ("Bí thư Đảng ủy xã Trần Phú chỉ đạo; Chủ tịch UBND thành phố Hồ Chí Minh chỉ đạo.", {}),
    ],
)
def test_text(text, expected):
    assert persons(text) == expected


def test_signature_caps_name():
    # 002 tail: position over two lines, name in capitals
    text = "Nội dung.\n\nNơi nhận:\n- Lưu: VT.\n\nTL. CHỦ TỊCH\nVĂN PHÒNG\nCHỦ TỊCH\nNGUYỄN HUY NGỌC\n"
    assert persons(text) == {"Nguyễn Huy Ngọc": ["VĂN PHÒNG CHỦ TỊCH"]}


@pytest.mark.parametrize("gold_path", sorted(GOLD.glob("*.json")), ids=lambda p: p.stem[:3])
def test_gold_names(gold_path):
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    got = persons((CORPUS / f"{gold_path.stem}.txt").read_text(encoding="utf-8"))
    assert sorted(got) == sorted(p["name"] for p in gold["persons"])


def test_women_middle_name_thi_and_cued_names_starting_with_a_title_word():
    from notice_extract.pipeline import extract_text

    head = "THÔNG BÁO\nKết luận\nNgày 02/5/2024, Ban Thường vụ Đảng ủy họp. Ban Thường vụ kết luận như sau:\n1. Thành phần:\n"
    cases = {
        "- Đ/c Trần Thị Mai Lan - Phó Bí thư Đảng ủy;": ["Trần Thị Mai Lan"],
        "| Bà Phan Thị Hoa | Chủ trì thẩm định |": ["Phan Thị Hoa"],
        "Đ/c Đoàn Minh Tâm": ["Đoàn Minh Tâm"],
        "Đồng chí Đoàn Thanh niên xã báo cáo kết quả.": [],  # a body, not a person
        "ông Lê Văn Tám Thị trấn Phong Điền": ["Lê Văn Tám"],  # no name ends in "Thị"
    }
    for line, names in cases.items():
        assert [p.name for p in extract_text(head + line + "\n").persons] == names, line


@pytest.mark.parametrize(
    "text, at, cued, expected",
    [
        # a name that a wrapped line of prose cuts goes on on the next line
        ("Sau khi nghe báo cáo của các đơn vị, Phó Chủ tịch UBND Thành phố Bùi Xuân\nCường kết luận",
         "Bùi", False, "Bùi Xuân Cường"),
        ("Ngày 12/11/2025, tại trụ sở UBND Thành phố, đồng chí Nguyễn\nMạnh Quyền - Phó Chủ tịch", "Nguyễn", True,
         "Nguyễn Mạnh Quyền"),
        # a short line (a table's cell, a signer's line) holds the whole name
        ("Đ/c Katơr Vế\nThứ sáu", "Katơr", True, "Katơr Vế"),
        ("Nguyễn Văn\nTám", "Nguyễn", False, "Nguyễn Văn"),
        # three syllables on the line: the name is whole
        ("Sau khi nghe báo cáo của các đơn vị, đồng chí Lê Văn Tám\nPhó Chủ tịch", "Lê", True, "Lê Văn Tám"),
    ],
)
def test_a_name_wrapped_over_two_lines(text, at, cued, expected):
    from notice_extract.extract.persons import name_at

    hit = name_at(text, text.index(at), cued=cued)
    assert (hit.name if hit else None) == expected
    if hit:
        assert " ".join(text[hit.start : hit.end].split()) == hit.name


@pytest.mark.parametrize("name", [
    # names of the peoples of the northern mountains and the Central Highlands, uncued
    "Giàng A Páo", "Thào Xuân Sùng", "Sùng A Hồ", "Lường Văn Chiến", "Cầm Văn Sơn", "Hầu A Lềnh",
    "Ksor Phước Hà", "Siu Hoa", "Rơ Mah Tuân", "Y Thanh Hà Niê Kdăm", "Danh Út",
])
def test_names_of_the_countrys_peoples_are_names(name):
    from notice_extract.extract.persons import name_at

    hit = name_at(f"{name} phát biểu.", 0, cued=False)
    assert hit is not None and hit.name == name


@pytest.mark.parametrize("text", ["Y tế cơ sở", "Sở Y Tế tỉnh", "Nay Ủy ban nhân dân tỉnh", "Lộc Ninh"])
def test_their_letters_and_family_names_make_no_name_of_other_words(text):
    from notice_extract.extract.persons import name_at

    assert name_at(text, 0, cued=False) is None


@pytest.mark.parametrize("name", ["Giàng A Páo", "Y Thanh Hà Niê Kdăm", "Hầu A Lềnh"])
def test_a_signer_with_a_one_letter_word_in_the_name(name):
    from notice_extract.pipeline import extract_text

    text = ("UBND TỈNH X\nSỞ Y TẾ\n\nTHÔNG BÁO\nKết luận của Giám đốc Sở\n\n1. Giao Phòng Kế hoạch chủ trì thực hiện.\n\n"
            "Nơi nhận:                                   KT. GIÁM ĐỐC\n- Như trên;                                 PHÓ GIÁM ĐỐC\n"
            f"- Lưu: VT.\n\n                                            {name}\n")
    sig = extract_text(text, "x").signature
    assert sig is not None and sig.signer == name and sig.position == "PHÓ GIÁM ĐỐC"
    # the same block inline, as a gazette's text prints it
    inline = text.split("Nơi nhận:")[0] + f"Nơi nhận:\n- Như trên;\n- Lưu: VT. GIÁM ĐỐC {name}\n"
    assert extract_text(inline, "x").signature.signer == name
