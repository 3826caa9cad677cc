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

CORPUS = Path("/work/shared/corpus/dev")
GOLD = Path("/work/shared/gold/dev")


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
