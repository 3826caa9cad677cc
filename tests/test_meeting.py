"""Meeting and concluded_by: openings from the dev corpus (file named per case) and variants."""

import json

import pytest

from notice_extract.extract.meeting import extract_concluded_by, extract_meeting
from notice_extract.pipeline import extract_text
from notice_extract.scoring import score_document
from conftest import CORPUS, GOLD, ctx_of



def notice(subject: str, opening: str) -> str:
    return f"THÔNG BÁO\n{subject}\n\n{opening}\n\n1. Nội dung.\n"


def test_person_chair_and_attendees():  # 002
    text = notice(
        "Kết luận của Chủ tịch UBND huyện tại buổi làm việc với xã Liên Chung Về kiểm tra tiến độ",
        "Ngày 05 tháng 4 năm 2019, đồng chí Dương Ngô Mạnh - Chủ tịch UBND huyện tổ chức buổi làm việc với xã Liên Chung "
        "về kiểm tra tiến độ. Dự buổi làm việc có đồng chí Nguyễn Thế Huy, Phó Chủ tịch UBND huyện; Thủ trưởng các cơ quan: "
        "Phòng NN&PTNT, Phòng TN&MT; Bí thư Đảng ủy, Chủ tịch UBND và Ban chỉ đạo của xã Liên Chung. Sau khi nghe báo cáo, "
        "Chủ tịch UBND huyện kết luận như sau:",
    )
    ctx = ctx_of(text)
    m = extract_meeting(ctx)
    assert (m.date.value, m.kind.value, m.topic.value) == ("2019-04-05", "buổi làm việc", "kiểm tra tiến độ")
    assert [(p.value, p.kind, p.person.title) for p in m.chaired_by] == [("Dương Ngô Mạnh", "person", "Chủ tịch UBND huyện")]
    assert [p.value for p in m.counterparts] == ["xã Liên Chung"]
    assert [(p.value, p.kind) for p in m.attendees] == [
        ("Nguyễn Thế Huy", "person"), ("Phòng NN&PTNT", "unit"), ("Phòng TN&MT", "unit"),
        ("Bí thư Đảng ủy xã Liên Chung", "position"), ("Chủ tịch UBND xã Liên Chung", "position"),
        ("Ban Chỉ đạo của xã Liên Chung", "unit"),  # canonical spelling of rules/bodies.yaml
    ]
    assert extract_concluded_by(ctx).value == "Chủ tịch UBND huyện"
    for v in (m.date, m.kind, m.topic):
        assert text[v.span[0] : v.span[1]] == v.text


def test_shared_body_for_offices():  # 003
    text = notice(
        "Kết quả làm việc đối với Đảng ủy xã Lộc Quảng",
        "Ngày 03 tháng 8 năm 2023, Thường trực Huyện ủy làm việc với Đảng ủy xã Lộc Quảng về tình hình 6 tháng. Cùng tham dự "
        "có đại diện lãnh đạo: Ủy ban kiểm tra, Ban Tuyên giáo, Văn phòng Huyện ủy và Phòng Nông nghiệp và Phát triển nông thôn; "
        "sau khi nghe báo cáo; Thường trực Huyện ủy kết luận như sau:",
    )
    ctx = ctx_of(text)
    m = extract_meeting(ctx)
    assert m.kind.value == "buổi làm việc" or m.kind.value == "làm việc"
    assert [p.value for p in m.attendees] == [
        "Ủy ban kiểm tra Huyện ủy", "Ban Tuyên giáo Huyện ủy", "Văn phòng Huyện ủy", "Phòng Nông nghiệp và Phát triển nông thôn",
    ]
    assert m.topic.value == "tình hình 6 tháng"
    assert extract_concluded_by(ctx).value == "Thường trực Huyện ủy"


def test_glued_ocr_party_meeting():  # r006 / r008
    text = (
        "THÔNG BÁO\nKẾT LUẬN CỦA THƯỜNG TRỰC ĐẢNG UỶ\nvề một số nội dung cuộc họp ngày 26/8/2025\n-----\n"
        "Ngày 26/8/2025, Thường trực Đảng uỷ họp nghe báo cáo. Cùng\ntham dựcó các đồng chí lãnh đạo Ban Xây dựng Đảng.\n"
        "Sau khi nghe báo cáo; Thường trực Đảng uỷ\nđã thảo luận và thống nhất kết luận như sau:\n1. Về tình hình.\n"
    )
    ctx = ctx_of(text)
    m = extract_meeting(ctx)
    assert (m.kind.value, m.chaired_by[0].value) == ("cuộc họp", "Thường trực Đảng ủy")
    assert [p.value for p in m.attendees] == ["Ban Xây dựng Đảng"]
    assert extract_concluded_by(ctx).value == "Thường trực Đảng ủy"


def test_quoted_title_topic_and_position_chair():  # 004, 001
    ctx = ctx_of(notice(
        "Kết luận của Ban Thường vụ Huyện ủy tại buổi Toạ đàm “Học tập và làm theo Bác”",
        "Ngày 14/4/2022, Ban Thường vụ Huyện ủy đã tổ chức buổi Toạ đàm “Học tập và làm theo Bác”. Ban Thường vụ Huyện uỷ thống nhất kết luận:",
    ))
    m = extract_meeting(ctx)
    assert (m.kind.value, m.topic.value, m.counterparts) == ("tọa đàm", "Học tập và làm theo Bác", [])
    ctx = ctx_of(notice(
        "Ý KIẾN CHỈ ĐẠO CỦA ĐỒNG CHÍ BÍ THƯ HUYỆN ỦY",
        "Thực hiện Quyết định số 898-QĐ/HU ngày 30/9/2019 của Ban Thường vụ Huyện ủy; ngày 07/11/2019, đồng chí Bí thư Huyện ủy "
        "tổ chức buổi làm việc với các Tổ công tác. Sau khi nghe, đồng chí Bí thư Huyện ủy có ý kiến chỉ đạo như sau:",
    ))
    m = extract_meeting(ctx)
    assert m.date.value == "2019-11-07"  # the cited decision's date is not the meeting's
    assert [(p.value, p.kind) for p in m.chaired_by] == [("Bí thư Huyện ủy", "position")]
    assert extract_concluded_by(ctx).value in ("Bí thư Huyện ủy", "BÍ THƯ HUYỆN ỦY")


def test_no_meeting():
    # r010: a notice issued on a Tờ trình, opening starts with Căn cứ
    ctx = ctx_of(notice("KẾT LUẬN CỦA THƯỜNG TRỰC ĐẢNG UỶ\nvề chủ trương", "Căn cứ Quy định số 753-QĐ/TU, ngày 08/02/2023 của Ban Thường vụ Tỉnh uỷ;\nSau khi xem xét Tờ trình số 14-TTr/BXDĐ ngày 26/8/2025 của Ban Xây dựng Đảng; Thường trực Đảng uỷ có ý kiến như sau:"))
    assert extract_meeting(ctx) is None
    # a non-notice
    ctx = ctx_of("QUYẾT ĐỊNH\nVề việc thành lập\n\nNgày 05/4/2019, UBND huyện làm việc với xã A.\n")
    assert extract_meeting(ctx) is None and extract_concluded_by(ctx) is None


FIELDS = ("meeting.date", "meeting.kind", "meeting.topic", "meeting.chaired_by", "meeting.counterparts",
          "meeting.attendees", "concluded_by")


@pytest.mark.parametrize("gold_path", sorted(GOLD.glob("*.json")), ids=lambda p: p.stem[:3])
def test_gold(gold_path):
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    src = (CORPUS / f"{gold_path.stem}.txt").read_text(encoding="utf-8")
    rec = extract_text(src, gold_path.stem).model_dump(mode="json")
    score = score_document(gold, rec, src)
    for f in FIELDS:
        c = score.counts.get(f)
        if c is not None:
            assert (c.fp, c.fn) == (0, 0), (f, [e for e in score.errors if e.field.startswith(f.split(".")[0])])


def test_whole_corpus():
    for f in sorted(CORPUS.glob("*.txt")):
        src = f.read_text(encoding="utf-8")
        rec = extract_text(src, f.stem)
        if rec.meeting:
            for p in rec.meeting.chaired_by + rec.meeting.counterparts + rec.meeting.attendees:
                assert src[p.span[0] : p.span[1]] == p.text


_TOPIC_HEAD = ("ỦY BAN NHÂN DÂN\nTỈNH KHÁNH HÒA\nSố: 388/TB-UBND\nKhánh Hòa, ngày 20 tháng 10 năm 2025\n\nTHÔNG BÁO\n"
               "Kết luận của Phó Chủ tịch UBND tỉnh tại {event}\n\n"
               "Ngày 15/10/2025, Phó Chủ tịch UBND tỉnh chủ trì cuộc họp. Phó Chủ tịch UBND tỉnh kết luận như sau:\n\n"
               "1. Giao Sở Tài chính hướng dẫn hoàn thiện hồ sơ.\n")


@pytest.mark.parametrize("event,topic", [
    # no "về": what the meeting was held to do, after the event noun (a probe
    # notice; none with the rules of 5891abc)
    ("cuộc họp giải quyết kiến nghị của các doanh nghiệp", "giải quyết kiến nghị của các doanh nghiệp"),
    ("hội nghị sơ kết công tác 6 tháng đầu năm 2025", "sơ kết công tác 6 tháng đầu năm 2025"),
    # what was heard or reported (dev t005, t002: in-sample)
    ("cuộc họp nghe báo cáo tình hình thực hiện quy hoạch chung", "tình hình thực hiện quy hoạch chung"),
    ("cuộc họp nghe Công ty X báo cáo một số vấn đề liên quan đến dự án", "một số vấn đề liên quan đến dự án"),
])
def test_topic_without_ve(event, topic):
    rec = extract_text(_TOPIC_HEAD.format(event=event))
    assert rec.meeting is not None and rec.meeting.topic.value == topic


def test_a_hearing_without_hop_has_its_chair_and_the_reporting_body():
    # "Thường trực Đảng ủy xã nghe Ban Thường vụ Đoàn Thanh niên xã báo cáo công tác chuẩn bị tổ chức ...":
    # first run (rules of 5891abc, a probe notice): the chair ran to "tổ chức" inside the topic
    src = ("ĐẢNG BỘ TỈNH QUẢNG NGÃI\nĐẢNG ỦY XÃ TỊNH PHONG\n*\nSố 41-TB/ĐU\nĐẢNG CỘNG SẢN VIỆT NAM\n"
           "Tịnh Phong, ngày 02 tháng 10 năm 2025\n\nTHÔNG BÁO\nKết luận của Thường trực Đảng ủy xã về việc chuẩn bị Đại hội\n\n"
           "Ngày 30/9/2025, Thường trực Đảng ủy xã nghe Ban Thường vụ Đoàn Thanh niên xã báo cáo công tác chuẩn bị "
           "tổ chức Đại hội. Sau khi nghe báo cáo, Thường trực Đảng ủy xã kết luận như sau:\n\n"
           "1. Giao Ban Thường vụ Đoàn Thanh niên xã hoàn chỉnh văn kiện.\n")
    m = extract_text(src).meeting
    assert [p.value for p in m.chaired_by] == ["Thường trực Đảng ủy xã"]
    assert [p.value for p in m.counterparts] == ["Ban Thường vụ Đoàn Thanh niên xã"]


def test_an_event_after_a_basis_clause_over_several_days():
    # "Thực hiện Quyết định số ..., từ ngày A đến ngày B, Đoàn công tác ... đã làm việc với X ...
    # Tham gia làm việc với Đoàn có ..., lãnh đạo các Sở: ...": first run (rules of 5891abc,
    # a probe Kết quả làm việc notice): no meeting at all
    src = ("BỘ NÔNG NGHIỆP VÀ MÔI TRƯỜNG\nĐOÀN CÔNG TÁC\nSố: 12/TB-ĐCT\nHà Nội, ngày 05 tháng 11 năm 2025\n\n"
           "THÔNG BÁO\nKết quả làm việc của Đoàn công tác với Ủy ban nhân dân tỉnh Đắk Lắk về công tác quản lý đất đai\n\n"
           "Thực hiện Quyết định số 3012/QĐ-BNNMT ngày 20/10/2025 của Bộ trưởng, từ ngày 28/10/2025 đến ngày "
           "30/10/2025, Đoàn công tác đã làm việc với Ủy ban nhân dân tỉnh Đắk Lắk về công tác quản lý đất đai. "
           "Tham gia làm việc với Đoàn có đồng chí Phó Chủ tịch UBND tỉnh, lãnh đạo các Sở: Tài chính, Xây dựng; "
           "Văn phòng Đăng ký đất đai tỉnh.\n\n1. Đề nghị Ủy ban nhân dân tỉnh rà soát hồ sơ tồn đọng.\n")
    m = extract_text(src).meeting
    assert m.date.value == "2025-10-28"
    assert [p.value for p in m.counterparts] == ["Ủy ban nhân dân tỉnh Đắk Lắk"]
    assert [p.value for p in m.attendees] == ["Phó Chủ tịch UBND tỉnh", "Sở Tài chính", "Sở Xây dựng",
                                              "Văn phòng Đăng ký đất đai tỉnh"]


def test_a_body_that_met_under_its_leader_and_a_purpose_for_topic():
    # "X họp dưới sự chủ trì của đồng chí Y để cho ý kiến đối với Z": first run (rules of 71f77e0,
    # a probe provincial Party notice): the body as chair, no topic
    text = notice("KẾT LUẬN CỦA BAN THƯỜNG VỤ TỈNH ỦY tại phiên họp ngày 20/10/2025",
                  "Ngày 20/10/2025, Ban Thường vụ Tỉnh ủy họp dưới sự chủ trì của đồng chí Bí thư Tỉnh ủy để "
                  "cho ý kiến đối với một số nội dung quan trọng. Sau khi nghe báo cáo, Ban Thường vụ Tỉnh ủy "
                  "kết luận như sau:")
    m = extract_meeting(ctx_of(text))
    assert [p.value for p in m.chaired_by] == ["Bí thư Tỉnh ủy"]
    assert m.topic.value == "một số nội dung quan trọng"
    # a purpose that is itself the work: "nhằm đánh giá ..." keeps its verb
    text = notice("Kết luận của Chủ tịch UBND huyện",
                  "Ngày 05/3/2025, UBND huyện họp nhằm đánh giá tình hình giải ngân vốn đầu tư công. "
                  "Chủ tịch UBND huyện kết luận như sau:")
    assert extract_meeting(ctx_of(text)).topic.value == "đánh giá tình hình giải ngân vốn đầu tư công"


def test_the_commune_an_inspection_was_held_in_and_an_actor_wrapped_onto_two_lines():
    # first run (rules of 71f77e0, two probe notices): no target unit; the subject's capitals kept
    text = notice("Ý kiến kết luận của đồng chí Phó Chủ tịch UBND huyện tại buổi kiểm tra thực địa công tác "
                  "phòng, chống hạn hán trên địa bàn xã Ea Kpam",
                  "Ngày 16/8/2024, đồng chí Y Ngọc Niê - Phó Chủ tịch UBND huyện chủ trì buổi kiểm tra thực địa. "
                  "Sau khi nghe báo cáo, đồng chí Phó Chủ tịch UBND huyện kết luận như sau:")
    assert [p.value for p in extract_text(text).target_units][:1] == ["xã Ea Kpam"]
    # ... never "trên địa bàn tỉnh", a level with no name
    text = notice("Kết luận của Chủ tịch UBND tỉnh tại buổi kiểm tra công tác phòng cháy trên địa bàn tỉnh",
                  "Ngày 16/8/2024, Chủ tịch UBND tỉnh chủ trì buổi kiểm tra. Chủ tịch UBND tỉnh kết luận như sau:")
    assert extract_text(text).target_units == []
    text = notice("KẾT LUẬN CỦA THỦ TƯỚNG CHÍNH PHỦ PHẠM MINH CHÍNH TẠI CUỘC HỌP",
                  "Ngày 08 tháng 11 năm 2025, Thủ tướng Chính phủ Phạm Minh Chính chủ trì cuộc họp. Sau khi nghe "
                  "báo cáo, ý kiến của các đại biểu dự họp, Thủ tướng\nChính phủ kết luận như sau:")
    assert extract_concluded_by(ctx_of(text)).value == "Thủ tướng Chính phủ"


def test_an_inspection_by_a_team_names_the_inspected_unit_after_doi_voi():
    # "Kết quả kiểm tra của Đoàn kiểm tra số 3 của Ban Thường vụ Tỉnh ủy / đối với X": first run
    # (rules of 620717b, a probe Party inspection notice): the team's owner ran into X
    src = ("TỈNH ỦY ĐẮK LẮK\nĐOÀN KIỂM TRA SỐ 3\n*\nSố 07-TB/ĐKT\nBuôn Ma Thuột, ngày 25 tháng 11 năm 2024\n\n"
           "THÔNG BÁO\nKết quả kiểm tra của Đoàn kiểm tra số 3 của Ban Thường vụ Tỉnh ủy\n"
           "đối với Ban Thường vụ Huyện ủy Krông Búk\n\nĐoàn kiểm tra đã tiến hành kiểm tra.\n\n"
           "1. Đề nghị Ủy ban Kiểm tra Tỉnh ủy theo dõi, giám sát.\n")
    assert [p.value for p in extract_text(src).target_units] == ["Ban Thường vụ Huyện ủy Krông Búk"]


def test_the_chair_named_in_the_sentence_after_the_event():
    # "Ban Thường vụ Huyện ủy tổ chức hội nghị ... . Đồng chí Bí thư Huyện ủy chủ trì hội nghị."
    # first run (rules of cd4b6f2, a probe district Party notice): the body as chair
    text = notice("kết luận của Ban Thường vụ Huyện ủy tại hội nghị ngày 12/3/2025",
                  "Ngày 12/3/2025, Ban Thường vụ Huyện ủy tổ chức hội nghị để nghe và cho ý kiến một số nội dung. "
                  "Đồng chí Bí thư Huyện ủy chủ trì hội nghị. Sau khi nghe báo cáo, Ban Thường vụ Huyện ủy kết luận "
                  "như sau:")
    assert [p.value for p in extract_meeting(ctx_of(text)).chaired_by] == ["Bí thư Huyện ủy"]


def test_a_citizen_reception_has_no_counterpart():
    # first run (rules of 3416a84 plus "công dân" as a category): the citizens received
    # ("tiếp công dân định kỳ") read as a counterpart: "tiếp X" wanted a capital, case-insensitively
    text = notice("Kết luận của Chủ tịch UBND huyện tại buổi tiếp công dân định kỳ tháng 4 năm 2025",
                  "Ngày 15/4/2025, đồng chí Đặng Ngọc Dũng - Chủ tịch UBND huyện chủ trì buổi tiếp công dân định kỳ "
                  "tại Trụ sở Tiếp công dân huyện. Chủ tịch UBND huyện kết luận như sau:")
    assert extract_meeting(ctx_of(text)).counterparts == []


def test_a_videoconference_with_the_localities_and_a_group_before_a_distributive_head():
    # first run (rules of 98a953e, a probe Government-office notice): no counterpart; the Deputy
    # Prime Ministers before ";" taken as the head of "lãnh đạo các Bộ: A, B" ("Đồng chí Phó Thủ
    # tướng Chính phủ Quốc phòng", "Công an")
    text = notice("Kết luận của Thủ tướng Chính phủ tại Hội nghị trực tuyến với các địa phương",
                  "Ngày 29 tháng 8 năm 2025, tại trụ sở Chính phủ, Thủ tướng Chính phủ Phạm Minh Chính chủ trì "
                  "Hội nghị trực tuyến với các địa phương về công tác phòng, chống thiên tai. Tham dự Hội nghị có "
                  "các đồng chí Phó Thủ tướng Chính phủ; lãnh đạo các Bộ: Quốc phòng, Công an, Xây dựng. "
                  "Thủ tướng Chính phủ kết luận như sau:")
    m = extract_meeting(ctx_of(text))
    assert [p.value for p in m.counterparts] == ["các địa phương"]
    assert [p.value for p in m.attendees] == ["Phó Thủ tướng Chính phủ", "Bộ Quốc phòng", "Bộ Công an", "Bộ Xây dựng"]
    # "Hội nghị với sự tham dự của X": X attends, it is no counterpart
    text = notice("Kết luận của Chủ tịch UBND tỉnh tại Hội nghị",
                  "Ngày 05/3/2025, Chủ tịch UBND tỉnh chủ trì Hội nghị với sự tham dự của lãnh đạo Sở Tài chính. "
                  "Chủ tịch UBND tỉnh kết luận như sau:")
    m = extract_meeting(ctx_of(text))
    assert m.counterparts == [] and [p.value for p in m.attendees] == ["Sở Tài chính"]


def test_the_room_named_for_meetings_and_attendees_listed_line_by_line():
    # first run (rules of a75dc58, a probe district notice): "họp" of "tại phòng họp UBND huyện"
    # taken for the event (chair "phòng"); the "- ..." lines under "Thành phần tham dự gồm:" ended
    # the opening, so there were no attendees and three spurious directives
    src = ("ỦY BAN NHÂN DÂN\nHUYỆN TƯ NGHĨA\nSố: 201/TB-UBND\nTư Nghĩa, ngày 12 tháng 6 năm 2025\n\nTHÔNG BÁO\n"
           "Kết luận của Phó Chủ tịch UBND huyện tại cuộc họp về bồi thường\n\n"
           "Ngày 10/6/2025, tại phòng họp UBND huyện, đồng chí Võ Thị Hằng - Phó Chủ tịch UBND huyện chủ trì cuộc họp "
           "về bồi thường.\nThành phần tham dự gồm:\n- Đại diện lãnh đạo: Phòng Tài nguyên và Môi trường, Phòng Kinh "
           "tế và Hạ tầng;\n- Chủ tịch UBND xã Nghĩa Hòa.\nSau khi nghe báo cáo, đồng chí Phó Chủ tịch UBND huyện kết "
           "luận như sau:\n\n1. Giao Phòng Tài nguyên và Môi trường thẩm định phương án.\n")
    r = extract_text(src)
    assert [p.value for p in r.meeting.chaired_by] == ["Võ Thị Hằng"]
    assert [p.value for p in r.meeting.attendees][-1] == "Chủ tịch UBND xã Nghĩa Hòa"
    assert [d.path for d in r.directives] == ["1"]
    # "dự" inside "Xây dựng" leads no attendee list
    text = notice("Kết luận của Bộ trưởng tại buổi làm việc với Cục X",
                  "Ngày 10 tháng 10 năm 2025, tại trụ sở Bộ Xây dựng, Bộ trưởng Trần Hồng Minh đã có buổi làm việc "
                  "với Cục Hàng hải và Đường thủy Việt Nam về tình hình thực hiện nhiệm vụ. Bộ trưởng kết luận như sau:")
    assert extract_meeting(ctx_of(text)).attendees == []


def test_a_chair_with_all_the_titles_of_the_office_and_a_session_noun():
    # first run (rules of 12e95cc, two probe notices): no meeting when the chair's titles ran past
    # 150 characters before "chủ trì"; "chủ trì phiên giải trình" in the sentence after the event's
    text = notice("Kết luận của Trưởng Ban Chỉ đạo tỉnh tại cuộc họp triển khai công tác ứng phó mùa mưa lũ",
                  "Ngày 16 tháng 9 năm 2024, đồng chí Phạm Văn Hòa, Phó Chủ tịch UBND tỉnh, Trưởng Ban Chỉ đạo "
                  "Phòng, chống thiên tai và tìm kiếm cứu nạn tỉnh (sau đây gọi tắt là Ban Chỉ đạo tỉnh) chủ trì "
                  "cuộc họp triển khai công tác ứng phó mùa mưa lũ. Sau khi nghe báo cáo, Trưởng Ban Chỉ đạo tỉnh "
                  "kết luận như sau:")
    assert [p.value for p in extract_meeting(ctx_of(text)).chaired_by] == ["Phạm Văn Hòa"]
    text = notice("Kết luận của Thường trực HĐND tỉnh tại phiên giải trình về chính sách hỗ trợ",
                  "Ngày 22/10/2024, Thường trực HĐND tỉnh tổ chức phiên giải trình về chính sách hỗ trợ. Đồng chí "
                  "Trần Thị Lan, Phó Chủ tịch HĐND tỉnh chủ trì phiên giải trình. Sau khi nghe giải trình, "
                  "Thường trực HĐND tỉnh kết luận như sau:")
    assert [p.value for p in extract_meeting(ctx_of(text)).chaired_by] == ["Trần Thị Lan"]


def test_a_degree_before_the_chair_s_name_ends_no_sentence():
    # "BSCKII. Lê Văn Thành - Giám đốc Bệnh viện chủ trì" (first run, rules of 487b473, a probe
    # hospital's briefing: no meeting, the degree's period ended the event sentence)
    text = notice("Kết luận của Giám đốc Bệnh viện tại cuộc họp giao ban tháng 4 năm 2025",
                  "Chiều ngày 06/5/2025, tại Hội trường tầng 3, BSCKII. Lê Văn Thành - Giám đốc Bệnh viện chủ trì "
                  "cuộc họp giao ban tháng 4 năm 2025. Tham dự có các Phó Giám đốc Bệnh viện; trưởng, phó các "
                  "khoa, phòng, trung tâm; điều dưỡng trưởng các khoa. Sau khi nghe báo cáo, Giám đốc Bệnh viện "
                  "kết luận như sau:")
    m = extract_meeting(ctx_of(text))
    assert [p.value for p in m.chaired_by] == ["Lê Văn Thành"]
    assert [p.value for p in m.attendees] == ["các Phó Giám đốc Bệnh viện", "trưởng, phó các khoa, phòng, trung tâm",
                                              "điều dưỡng trưởng các khoa"]


def test_a_meeting_described_in_labelled_lines():
    # "I. THỜI GIAN, ĐỊA ĐIỂM, THÀNH PHẦN" / "- Chủ trì: ..." (first run, rules of e1157ec, a probe
    # district notice: the block was a finding and the header, so no meeting and no directive)
    from notice_extract.pipeline import extract_text

    src = ("ỦY BAN NHÂN DÂN\nHUYỆN ĐẠI LỘC\nSố: 356/TB-UBND\nĐại Lộc, ngày 14 tháng 3 năm 2025\n\nTHÔNG BÁO\n"
           "Kết luận của Chủ tịch UBND huyện tại cuộc họp giải quyết vướng mắc trong bồi thường\n\n"
           "I. THỜI GIAN, ĐỊA ĐIỂM, THÀNH PHẦN\n- Thời gian: 14 giờ 00, ngày 12/3/2025.\n"
           "- Địa điểm: Phòng họp số 1, UBND huyện.\n- Chủ trì: đồng chí Lê Văn Dũng - Chủ tịch UBND huyện.\n"
           "- Thành phần: lãnh đạo các phòng: Tài nguyên và Môi trường, Nội vụ; Chủ tịch UBND thị trấn Ái Nghĩa.\n\n"
           "II. NỘI DUNG\nSau khi nghe báo cáo, Chủ tịch UBND huyện kết luận như sau:\n\n"
           "1. Giao UBND thị trấn Ái Nghĩa xác minh nguồn gốc đất, hoàn thành trước ngày 31/3/2025.\n")
    rec = extract_text(src)
    m = rec.meeting
    assert (m.date.value, m.kind.value, [p.value for p in m.chaired_by]) == ("2025-03-12", "cuộc họp", ["Lê Văn Dũng"])
    assert [p.value for p in m.attendees] == ["Phòng Tài nguyên và Môi trường", "Phòng Nội vụ",
                                              "Chủ tịch UBND thị trấn Ái Nghĩa"]
    assert [(s.kind, s.lines) for s in rec.segments][:3] == [("header", (1, 7)), ("opening", (9, 16)),
                                                             ("requirements", (18, 18))]
    assert [(d.path, [p.value for p in d.responsible]) for d in rec.directives] == [("1", ["UBND thị trấn Ái Nghĩa"])]


@pytest.mark.parametrize("opening, day, printed", [
    # a meeting of several days is dated by its first (first run, rules of 1bfd532: no meeting)
    ("Trong hai ngày 10 và 11/4/2025, đồng chí Lê Văn Dũng - Chủ tịch UBND tỉnh đã làm việc với UBND huyện Duy Xuyên.",
     "2025-04-10", "ngày 10 và 11/4/2025"),
    ("Từ ngày 10 đến ngày 11/4/2025, đồng chí Lê Văn Dũng - Chủ tịch UBND tỉnh đã làm việc với UBND huyện Duy Xuyên.",
     "2025-04-10", "ngày 10 đến ngày 11/4/2025"),
    ("Trong các ngày 10, 11/4/2025, đồng chí Lê Văn Dũng - Chủ tịch UBND tỉnh đã làm việc với UBND huyện Duy Xuyên.",
     "2025-04-10", "ngày 10, 11/4/2025"),
    # the hour before the day (first run: no meeting)
    ("Vào lúc 14 giờ 00 ngày 10/4/2025, đồng chí Lê Văn Dũng - Chủ tịch UBND tỉnh đã làm việc với UBND huyện Duy Xuyên.",
     "2025-04-10", "ngày 10/4/2025"),
    ("Lúc 8h30, ngày 10/4/2025, đồng chí Lê Văn Dũng - Chủ tịch UBND tỉnh đã làm việc với UBND huyện Duy Xuyên.",
     "2025-04-10", "ngày 10/4/2025"),
])
def test_the_event_s_date_after_timing_words(opening, day, printed):
    text = notice("Kết luận của Chủ tịch UBND tỉnh tại buổi làm việc với huyện Duy Xuyên",
                  opening + " Chủ tịch UBND tỉnh kết luận như sau:")
    m = extract_meeting(ctx_of(text))
    assert (m.date.value, m.date.text, [p.value for p in m.chaired_by]) == (day, printed, ["Lê Văn Dũng"])
    assert [p.value for p in m.counterparts] == ["UBND huyện Duy Xuyên"]


@pytest.mark.parametrize("opening, chair, attendees", [
    # a field inspection is an event (first run, rules of 481de7a: no meeting)
    ("Ngày 10/4/2025, Chủ tịch UBND huyện Lê Văn Dũng đã đi kiểm tra thực tế tại xã Tịnh Hà. Cùng đi có lãnh "
     "đạo các phòng: Tài nguyên và Môi trường, Kinh tế và Hạ tầng.",
     ["Lê Văn Dũng"], ["Phòng Tài nguyên và Môi trường", "Phòng Kinh tế và Hạ tầng"]),
    # the chair and the attendees under labels inside the opening (first run: the body chaired, no attendee)
    ("Ngày 10/4/2025, UBND huyện tổ chức cuộc họp nghe các đơn vị báo cáo. Chủ trì cuộc họp: đồng chí Lê Văn "
     "Dũng - Chủ tịch UBND huyện. Thành phần tham dự: lãnh đạo Văn phòng HĐND và UBND huyện; Phòng Nội vụ.",
     ["Lê Văn Dũng"], ["Văn phòng HĐND và UBND huyện", "Phòng Nội vụ"]),
])
def test_a_field_inspection_and_a_chair_under_a_label(opening, chair, attendees):
    text = notice("Kết luận của Chủ tịch UBND huyện tại buổi làm việc với xã Tịnh Hà",
                  opening + " Chủ tịch UBND huyện kết luận như sau:")
    m = extract_meeting(ctx_of(text))
    assert ([p.value for p in m.chaired_by], [p.value for p in m.attendees]) == (chair, attendees)


def test_attendees_after_cung_lam_viec_voi_doan_co():
    # the wording of an inspection delegation's notice ("Cùng làm việc với Đoàn có ...")
    from notice_extract.pipeline import extract_text

    text = ("ỦY BAN NHÂN DÂN\nTỈNH X\nSố: 5/TB-UBND\n\nTHÔNG BÁO\nKết luận của Trưởng đoàn kiểm tra\n\n"
            "Ngày 3/3/2026, Đoàn kiểm tra của UBND tỉnh đã làm việc với UBND huyện Y. Cùng làm việc với Đoàn có "
            "đại diện lãnh đạo Sở Tài chính, Sở Xây dựng và Phòng Tài chính - Kế hoạch huyện Y. "
            "Sau khi nghe báo cáo, Trưởng đoàn kết luận như sau:\n\n1. Giao UBND huyện Y hoàn thiện hồ sơ.\n")
    got = [a.value.replace("–", "-") for a in extract_text(text, "x").meeting.attendees]  # (the gazetteer's dash)
    assert got == ["Sở Tài chính", "Sở Xây dựng", "Phòng Tài chính - Kế hoạch huyện Y"]


_HEAD = ("ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NGÃI\nSố: 11/TB-UBND\nQuảng Ngãi, ngày 8 tháng 1 năm 2025\n\nTHÔNG BÁO\n"
         "Kết luận của Phó Chủ tịch UBND tỉnh tại cuộc họp về cổ phần hóa\n\n"
         "Ngày 6/1/2025, Phó Chủ tịch UBND tỉnh Võ Phiên chủ trì cuộc họp nghe báo cáo. ")


@pytest.mark.parametrize("mark", ["- ", "+ ", "{n}. ", "{n}) "])
def test_attendees_listed_line_by_line_after_the_lead(mark):
    # the real notices' attendee sentences printed as a list under "Tham dự họp
    # có:" (dev 002, 004, g008 with each attendee its own line): every attendee
    # lost at the first look (9c86839: the list was read as findings, and a
    # number's stop ended it); now as in the sentence
    items = ["Đại diện lãnh đạo Sở Tài chính", "Lãnh đạo Sở Xây dựng", "UBND huyện Sơn Tịnh"]
    lines = "".join(mark.format(n=k + 1) + x + (";" if k < 2 else ".") + "\n" for k, x in enumerate(items))
    text = (_HEAD + "Tham dự họp có:\n" + lines
            + "Sau khi nghe báo cáo, Phó Chủ tịch UBND tỉnh kết luận như sau:\n1. Giao Sở Tài chính chủ trì thực hiện.\n")
    rec = extract_text(text, "x")
    assert [a.value for a in rec.meeting.attendees] == ["Sở Tài chính", "Sở Xây dựng", "UBND huyện Sơn Tịnh"]
    assert [(s.kind, s.lines) for s in rec.segments][1:] == [("opening", (9, 13)), ("requirements", (14, 14))]
    assert [d.path for d in rec.directives] == ["1"]


@pytest.mark.parametrize("subject, sentence, kind", [
    ("Kết luận của Chủ tịch UBND tỉnh tại buổi làm việc tại huyện Cam Lâm",
     "đồng chí Nguyễn Văn An, Chủ tịch UBND tỉnh đã đến thăm và làm việc tại huyện Cam Lâm.", "buổi làm việc"),
    ("Kết luận của Chủ tịch UBND tỉnh tại buổi làm việc tại huyện Cam Lâm",
     "đồng chí Nguyễn Văn An, Chủ tịch UBND tỉnh đã làm việc tại UBND huyện Cam Lâm về tình hình kinh tế.", "buổi làm việc"),
    ("Ý kiến chỉ đạo của Phó Chủ tịch UBND tỉnh tại buổi kiểm tra tiến độ dự án",
     "đồng chí Nguyễn Văn An, Phó Chủ tịch UBND tỉnh đã kiểm tra tiến độ dự án đường ven biển.", "buổi kiểm tra"),
    ("Kết luận của Bí thư Tỉnh ủy tại buổi khảo sát tình hình sản xuất",
     "đồng chí Nguyễn Văn An, Bí thư Tỉnh ủy đã đi khảo sát tình hình sản xuất tại huyện Cam Lâm.", "buổi khảo sát"),
])
def test_a_visit_or_an_inspection_is_the_event(subject, sentence, kind):
    # a visit ("đến thăm và làm việc tại", "làm việc tại") or an inspection
    # after "đã"/"đi" holds the meeting as "làm việc với" does
    m = extract_meeting(ctx_of(notice(subject, f"Ngày 01/4/2025, {sentence} Chủ tịch UBND tỉnh kết luận như sau:")))
    assert m is not None and (m.date.value, m.kind.value) == ("2025-04-01", kind)
    assert [p.value for p in m.chaired_by] == ["Nguyễn Văn An"]


def test_a_task_word_kiem_tra_is_no_event():
    text = notice("Thông báo kết quả kiểm tra công tác cải cách hành chính",
                  "Ngày 01/4/2025, UBND tỉnh ban hành Kế hoạch số 12/KH-UBND về kiểm tra công tác cải cách hành chính.")
    assert extract_meeting(ctx_of(text)) is None


def test_the_day_named_after_the_event():
    # "X đã làm việc với Y vào ngày D": the day closes the event sentence
    m = extract_meeting(ctx_of(notice(
        "Kết luận của Chủ tịch UBND tỉnh tại buổi làm việc với UBND huyện Cam Lâm",
        "Chủ tịch UBND tỉnh đã làm việc với UBND huyện Cam Lâm vào chiều ngày 01/4/2025. "
        "Sau khi nghe báo cáo, Chủ tịch UBND tỉnh kết luận như sau:")))
    assert (m.date.value, m.kind.value) == ("2025-04-01", "buổi làm việc")
    assert [p.value for p in m.chaired_by] == ["Chủ tịch UBND tỉnh"]
    assert [p.value for p in m.counterparts] == ["UBND huyện Cam Lâm"]


def test_a_date_in_force_is_no_event_day():
    # a basis clause's "(hiệu lực kể từ ngày ...)" names no meeting
    text = notice("Thông báo kết quả kiểm tra công tác nghiệm thu",
                  "Căn cứ Nghị định số 06/2021/NĐ-CP ngày 26/01/2021 (hiệu lực kể từ ngày 01/7/2021) của Chính phủ "
                  "về tổ chức quản lý chất lượng công trình; Sở Công Thương thông báo như sau:")
    assert extract_meeting(ctx_of(text)) is None


_VISIT = ("ỦY BAN NHÂN DÂN\nTỈNH KHÁNH HÒA\nSố: 21/TB-UBND\n\nTHÔNG BÁO\n"
          "Kết luận của Chủ tịch UBND tỉnh tại buổi làm việc với UBND huyện Cam Lâm\n\n"
          "Ngày 20/3/2026, đồng chí Nguyễn Văn A, Chủ tịch UBND tỉnh đã có buổi làm việc với UBND huyện Cam Lâm "
          "về tình hình kinh tế - xã hội. {att}\n\nSau khi nghe báo cáo, Chủ tịch UBND tỉnh kết luận như sau:\n\n"
          "1. Giao UBND huyện Cam Lâm hoàn thiện hồ sơ.\n")
_SIDES = ["Sở Tài chính", "Sở Xây dựng", "Văn phòng UBND tỉnh", "Bí thư Huyện ủy", "Chủ tịch UBND huyện",
          "các phòng, ban liên quan"]


@pytest.mark.parametrize("att, want", [
    ("Tham dự buổi làm việc, về phía tỉnh có lãnh đạo các sở, ngành: Tài chính, Xây dựng, Văn phòng UBND tỉnh; "
     "về phía huyện có đồng chí Bí thư Huyện ủy, Chủ tịch UBND huyện và lãnh đạo các phòng, ban liên quan.", _SIDES),
    ("\n\nThành phần tham dự:\n- Về phía tỉnh: lãnh đạo các sở, ngành: Tài chính, Xây dựng, Văn phòng UBND tỉnh.\n"
     "- Về phía huyện: đồng chí Bí thư Huyện ủy, Chủ tịch UBND huyện và lãnh đạo các phòng, ban liên quan.", _SIDES),
    ("Cùng dự có lãnh đạo Sở Tài chính, Sở Xây dựng. Về phía huyện có đồng chí Lê Văn C, Bí thư Huyện ủy; "
     "đồng chí Phạm Văn D, Chủ tịch UBND huyện.", ["Sở Tài chính", "Sở Xây dựng", "Lê Văn C", "Phạm Văn D"]),
])
def test_each_side_of_a_visit_lists_its_attendees(att, want):
    # "về phía tỉnh có ...; về phía huyện có ...": first look (7ddb61c) gave
    # "huyện có đồng chí Bí thư Huyện ủy" as an attendee, lost the second
    # side's line under "Thành phần tham dự:" and its sentence of its own
    rec = extract_text(_VISIT.format(att=att), "x")
    assert [a.value for a in rec.meeting.attendees] == want
    assert [c.value for c in rec.meeting.counterparts] == ["UBND huyện Cam Lâm"]


def test_a_side_s_words_in_the_requirements_head_its_tasks():
    # "Về phía X:" under the conclusions is a topic over X's tasks, no attendee list
    text = _VISIT.format(att="Cùng dự có lãnh đạo Sở Tài chính.").replace(
        "1. Giao UBND huyện Cam Lâm hoàn thiện hồ sơ.\n",
        "1. Về phía huyện: Khẩn trương hoàn thiện hồ sơ.\n2. Về phía tỉnh: Sở Tài chính bố trí kinh phí.\n")
    rec = extract_text(text, "x")
    assert [a.value for a in rec.meeting.attendees] == ["Sở Tài chính"]
    assert [d.path for d in rec.directives] == ["1", "2"]


@pytest.mark.parametrize("att, want", [
    ("Cùng tham dự có các đồng chí Ủy viên Ban Thường vụ Tỉnh ủy: Lê Văn C, Phạm Thị D.",
     [("Lê Văn C", "Ủy viên Ban Thường vụ Tỉnh ủy"), ("Phạm Thị D", "Ủy viên Ban Thường vụ Tỉnh ủy")]),
    ("Cùng tham dự có các Phó Chủ tịch UBND tỉnh: Lê Văn C, Phạm Thị D.",
     [("Lê Văn C", "Phó Chủ tịch UBND tỉnh"), ("Phạm Thị D", "Phó Chủ tịch UBND tỉnh")]),
    ("Cùng tham dự có các đồng chí: Lê Văn C, Phạm Thị D.", [("Lê Văn C", None), ("Phạm Thị D", None)]),
    # each with an office of its own: as before
    ("Cùng tham dự có các đồng chí: Lê Văn C - Phó Chủ tịch UBND tỉnh; Phạm Thị D - Giám đốc Sở Tài chính.",
     [("Lê Văn C", "Phó Chủ tịch UBND tỉnh"), ("Phạm Thị D", "Giám đốc Sở Tài chính")]),
])
def test_persons_under_an_office_over_a_colon(att, want):
    # first look (6c60a97): "Đồng chí Ủy viên Ban Thường vụ Tỉnh ủy Lê Văn C" as
    # one unit; "các đồng chí: A, B" gave no attendee
    rec = extract_text(_VISIT.format(att=att), "x")
    got = [(a.value, a.person.title if a.person else None) for a in rec.meeting.attendees]
    assert got == want
    assert all(a.kind == "person" and a.text == a.value for a in rec.meeting.attendees)


@pytest.mark.parametrize("joined", ["và kiểm tra thực tế tại các xã", "và đi kiểm tra thực tế tại các xã"])
def test_a_counterpart_ends_before_and_with_the_next_act(joined):
    # "Đoàn đã làm việc với UBND huyện X và (đi) kiểm tra ...": first look
    # (f3fe579) the counterpart and target "UBND huyện Krông Pắc và (đi)"
    text = ("ỦY BAN NHÂN DÂN\nTỈNH ĐẮK LẮK\nSố: 5/TB-ĐKT\n\nTHÔNG BÁO\nKết quả kiểm tra tại huyện Krông Pắc\n\n"
            f"Ngày 20/10/2026, Đoàn kiểm tra đã làm việc với UBND huyện Krông Pắc {joined}. "
            "Đoàn kiểm tra thông báo kết quả như sau:\n\n1. Giao UBND huyện Krông Pắc hoàn thiện hồ sơ.\n")
    rec = extract_text(text, "x")
    assert [c.value for c in rec.meeting.counterparts] == ["UBND huyện Krông Pắc"]


@pytest.mark.parametrize("subject, opening, counterparts, targets", [
    ("Kết luận của Chủ tịch UBND tỉnh tại buổi làm việc với lãnh đạo huyện Cam Lâm",
     "Ngày 01/4/2025, Chủ tịch UBND tỉnh đã có buổi làm việc với lãnh đạo huyện Cam Lâm về tình hình kinh tế.",
     ["huyện Cam Lâm"], ["huyện Cam Lâm"]),
    ("Kết luận của Chủ tịch UBND tỉnh tại buổi làm việc với đại diện lãnh đạo UBND huyện Cam Lâm",
     "Ngày 01/4/2025, Chủ tịch UBND tỉnh chủ trì cuộc họp.", [], ["UBND huyện Cam Lâm"]),
])
def test_a_leader_stands_for_the_place_or_body_the_meeting_was_held_with(subject, opening, counterparts, targets):
    # gold/README "Meeting": "lãnh đạo X", "đại diện X" -> X. First look (d787c31):
    # "lãnh đạo huyện Cam Lâm" (a place after its level word kept the leader), and
    # the subject's "đại diện lãnh đạo UBND huyện Cam Lâm" as the target
    text = ("ỦY BAN NHÂN DÂN\nTỈNH KHÁNH HÒA\nSố: 12/TB-UBND\n\nTHÔNG BÁO\n" + subject + "\n\n" + opening
            + " Chủ tịch UBND tỉnh kết luận như sau:\n\n1. Sở Y tế chủ trì kiểm tra.\n")
    rec = extract_text(text, "x")
    assert [c.value for c in rec.meeting.counterparts] == counterparts
    assert [t.value for t in rec.target_units] == targets
