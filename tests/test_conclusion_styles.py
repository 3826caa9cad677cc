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


_SUBJECT = "Kết luận của Phó Thủ tướng Chính phủ Trần Văn Cường tại cuộc họp về tình hình triển khai các dự án giao thông trọng điểm"
_EVENT = "đã chủ trì cuộc họp về tình hình triển khai các dự án giao thông trọng điểm."
_NAMES = [
    line.strip()
    for line in (Path(__file__).parent / "fixtures" / "unlisted_bodies.txt").read_text(encoding="utf-8").splitlines()
    if line.strip() and not line.startswith("#") and not line.startswith("Thủ trưởng")  # a leader stands for the body
]


def test_the_unit_a_notice_is_about_is_read_from_its_subject():
    text = FIXTURE.read_text(encoding="utf-8")
    frames = [
        ("Kết luận của Chủ tịch UBND tỉnh tại buổi làm việc với {b}", "đã chủ trì buổi làm việc với {b}."),
        ("Ý kiến kết luận của đồng chí Chủ tịch UBND tỉnh tại buổi kiểm tra tình hình hoạt động của {b}",
         "đã kiểm tra tình hình hoạt động của {b}."),
        ("Kết luận của Chủ tịch UBND tỉnh tại buổi thăm và làm việc tại {b}", "đã thăm và làm việc tại {b}."),
    ]
    wrong = []
    for subject, event in frames:
        for name in _NAMES:
            rec = extract_text(text.replace(_SUBJECT, subject.format(b=name)).replace(_EVENT, event.format(b=name)))
            got = [p.value.replace("–", "-").casefold() for p in rec.target_units]
            if got[:1] != [name.casefold()]:
                wrong.append((subject[:40], name, got))
    assert not wrong, wrong
