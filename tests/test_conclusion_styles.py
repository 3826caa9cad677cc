"""Notice styles the dev corpus lacks, on synthetic text (tests/fixtures/synthetic/README.md)."""

from pathlib import Path

from notice_extract.pipeline import extract_text

FIXTURE = Path(__file__).parent / "fixtures" / "synthetic" / "government_office_conclusion.txt"


def test_numbered_conclusions_without_a_requirements_heading_are_judged_item_by_item():
    rec = extract_text(FIXTURE.read_text(encoding="utf-8"))
    # 1 assesses; 2-5 assign (a subject with an assigning verb, "Về ...: Giao ...")
    assert [d.path for d in rec.directives] == ["2", "3", "4", "5"]
    leads = {d.path: [p.value for p in d.responsible if p.role == "lead"] for d in rec.directives}
    assert leads["2"] == ["Bộ Xây dựng"] and leads["3"] == ["Bộ Tài chính"]
    assert leads["5"] == ["Bộ Nông nghiệp và Môi trường", "Bộ Công Thương"]
    assert [d.deadlines[0].end for d in rec.directives[:2]] == ["2026-12-31", "2026-06-30"]
    kinds = [s.kind for s in rec.segments]
    assert kinds.index("findings") < kinds.index("requirements")


def test_place_before_the_chair_and_title_before_the_name():
    rec = extract_text(FIXTURE.read_text(encoding="utf-8"))
    assert [p.value for p in rec.meeting.chaired_by] == ["Trần Văn Cường"]  # not "sở Chính phủ"
    assert rec.concluded_by.value == "Phó Thủ tướng Chính phủ"  # gold README: without personal names
    text = FIXTURE.read_text(encoding="utf-8")
    assert text[rec.concluded_by.span[0] : rec.concluded_by.span[1]] == rec.concluded_by.text
