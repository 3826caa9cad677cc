"""Citations: real lines from the dev corpus (file named per case) and synthetic variants."""

import glob
import json
from pathlib import Path

import pytest

from notice_extract.extract.citations import extract_citations
from notice_extract.extract.context import Context
from notice_extract.models import Record, Source
from notice_extract.segment import segment
from notice_extract.textmap import build_doc
from conftest import CORPUS, GOLD



def cites(text: str):
    doc = build_doc(text)
    ctx = Context(doc=doc, layout=segment(doc), record=Record(doc_id="t", source=Source()))
    out = extract_citations(ctx)
    for c in out:
        assert text[c.span[0] : c.span[1]] == c.text
    return [(c.doc_type, c.number, c.date, c.issuer) for c in out]


@pytest.mark.parametrize(
    "line, expected",
    [
        # 001: full citation, dedup of the second mention in a directive
        ("Thực hiện Quyết định số 898-QĐ/HU ngày 30/9/2019 của Ban Thường vụ Huyện ủy về việc thành lập các Tổ công tác. "
         "2. Các Tổ công tác theo Quyết định số 898-QĐ/HU ngày 30/9/2019 của Ban Thường vụ Huyện ủy tiếp tục",
         [("Quyết định", "898-QĐ/HU", "2019-09-30", "Ban Thường vụ Huyện ủy")]),
        # 003: no date, issuer stops at "và"
        ("gắn với việc thực hiện Chỉ thị số 05-CT/TW của Bộ Chính trị và các quy định về nêu gương.",
         [("Chỉ thị", "05-CT/TW", None, "Bộ Chính trị")]),
        # 004: no "số"
        ("thực hiện Chỉ thị 05-CT/TW và chương trình mục tiêu quốc gia", [("Chỉ thị", "05-CT/TW", None, None)]),
        # r008: number broken across lines
        ("đềnghịcủa Ban Xây dựng Đảng tại báo cáo thẩm tra số 03-\nBC/BXDĐ ngày 13/10/2025 đểđiều chỉnh",
         [("báo cáo", "03-BC/BXDĐ", "2025-10-13", None)]),
        # r010: glued OCR, comma before the date, glued "về" ends the issuer
        ("Căn cứQuy định số 753-QĐ/TU, ngày 08/02/2023 của Ban Thường vụ\nTỉnh uỷ vềphân cấp quản lý cán bộ",
         [("Quy định", "753-QĐ/TU", "2023-02-08", "Ban Thường vụ Tỉnh ủy")]),
        ("Sau khi xem xét Tờtrình số 14-TTr/BXDĐ ngày 26/8/2025 của Ban Xây\ndựng Đảng; Thường trực",
         [("Tờ trình", "14-TTr/BXDĐ", "2025-08-26", "Ban Xây dựng Đảng")]),
        # synthetic: state symbol with year, long date
        ("Căn cứ Nghị định số 32/2024/NĐ-CP ngày 15 tháng 3 năm 2024 của Chính phủ về quản lý",
         [("Nghị định", "32/2024/NĐ-CP", "2024-03-15", "Chính phủ")]),
        # synthetic: a type word inside a longer name ("Luật Điện lực")
        ("Luật Điện lực số 61/2024/QH15 ngày 30/11/2024;", [("Luật", "61/2024/QH15", "2024-11-30", None)]),
        # un-numbered references are not citations
        ("Thực hiện Nghị quyết Trung ương 4 (khóa XII, XIII) và Nghị quyết Đại hội Đảng bộ xã", []),
        # a date or fraction after "số" is not a number
        ("đạt 13/19 tiêu chí; số 02/9/2025", []),
    ],
)
def test_lines(line, expected):
    assert cites(line) == expected


def test_own_number_is_not_cited():
    # 002 header line; r017 table-row header
    assert cites("Số: 54.../TB- UBND\n\nTân Yên, ngày 11 tháng 4 năm 2019\n") == []
    assert cites("| Số: 123/TB-SCT | Lào Cai, ngày 5 tháng 6 năm 2026 |\n") == []


def test_most_detailed_mention_wins():
    text = "theo Chỉ thị số 13-CT/HU. Thực hiện Chỉ thị số 13-CT/HU, ngày 20/01/2022 của Ban Thường vụ Huyện uỷ về"
    assert cites(text) == [("Chỉ thị", "13-CT/HU", "2022-01-20", "Ban Thường vụ Huyện ủy")]


@pytest.mark.parametrize("gold_path", sorted(GOLD.glob("*.json")), ids=lambda p: p.stem[:3])
def test_gold_numbers(gold_path):
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    got = cites((CORPUS / f"{gold_path.stem}.txt").read_text(encoding="utf-8"))
    want = [(c["number"], c["date"]) for c in gold["citations"]]
    assert [(n, d) for _, n, d, _ in got] == want


def test_whole_corpus_grounded():
    for f in sorted(glob.glob(str(CORPUS / "*.txt"))):
        cites(Path(f).read_text(encoding="utf-8"))


def test_an_enumeration_under_one_type_gives_one_citation_per_number():
    from notice_extract.pipeline import extract_text

    text = (
        "THÔNG BÁO\nKết quả kiểm tra\nCăn cứ Nghị định của Chính phủ về quản lý an toàn hóa chất số 12/2022/NĐ-CP "
        "ngày 02/3/2022, số 40/2024/NĐ-CP ngày 15/6/2024 và số 7/2025/NĐ-CP ngày 01/02/2025; Quyết định số: "
        "310/QĐ-UBND ngày 05/01/2023 (cấp lần đầu); 88/QĐ-UBND ngày 09/9/2024 (điều chỉnh).\n"
    )
    rec = extract_text(text, "enum")
    got = {c.number: (c.doc_type, c.date) for c in rec.citations}
    assert got == {
        "12/2022/NĐ-CP": ("Nghị định", "2022-03-02"),
        "40/2024/NĐ-CP": ("Nghị định", "2024-06-15"),
        "7/2025/NĐ-CP": ("Nghị định", "2025-02-01"),
        "310/QĐ-UBND": ("Quyết định", "2023-01-05"),
        "88/QĐ-UBND": ("Quyết định", "2024-09-09"),
    }
    for c in rec.citations:
        assert text[c.span[0] : c.span[1]] == c.text


def test_a_serial_with_a_letter_suffix():
    from notice_extract.pipeline import extract_text

    rec = extract_text("Theo Tờ trình số 36A/TTr-TRD ngày 27/8/2025 của Công ty.\n", "suffix")
    assert [c.number for c in rec.citations] == ["36A/TTr-TRD"]
