"""Deadlines (extract/deadlines.py): every rule on real lines of the dev corpus
(file cited), on synthetic variants, the negatives of SPEC §2, and the gold
directives of the five seed notices."""

from __future__ import annotations

import time
import unicodedata
from datetime import date

import pytest

from conftest import gold_docs, load_gold, read_source
from notice_extract.extract.deadlines import find_deadlines
from notice_extract.resources import load_rules
from notice_extract.textmap import build_doc


def dl(s: str, issue: date | None = None, meeting: date | None = None):
    """(kind, start, end, recurrence) of every deadline in ``s``; checks grounding."""
    doc = build_doc(s)
    out = find_deadlines(doc, 0, len(doc.text), issue, meeting)
    for d in out:
        assert doc.source[d.span[0] : d.span[1]] == d.text
        assert d.inherited is False
        assert d.method == f"rule:deadline.{d.kind}"
        assert 0 < d.confidence <= 1
    return [(d.kind, d.start, d.end, d.recurrence) for d in out]


def texts(s: str, issue: date | None = None, meeting: date | None = None) -> list[str]:
    doc = build_doc(s)
    return [d.text for d in find_deadlines(doc, 0, len(doc.text), issue, meeting)]


# --- before -----------------------------------------------------------------------


def test_before_real():
    # 001_b9d96aa6a5508986.txt line 23 (the data year before it is not a deadline)
    line = ("Hoàn chỉnh báo cáo (số liệu báo cáo ước tính đến hết năm 2019), gửi về Thường trực Huyện ủy "
            "(qua Ban Tổ chức Huyện ủy) trước ngày 30/11/2019.")
    assert dl(line, meeting=date(2019, 11, 7)) == [("before", None, "2019-11-30", None)]
    assert texts(line, meeting=date(2019, 11, 7)) == ["trước ngày 30/11/2019"]
    # 002_765b2f3007ea3c3e.txt line 17: the label and the completion verb are kept in the text
    line = "giải pháp thực hiện các nhiệm vụ theo chỉ tiêu, tiêu chí được phân công phụ trách, *thời gian xong trước ngày 20/4/2019.*"
    assert dl(line, issue=date(2019, 4, 11)) == [("before", None, "2019-04-20", None)]
    assert texts(line, issue=date(2019, 4, 11)) == ["thời gian xong trước ngày 20/4/2019"]
    # r001.txt line 16: long form
    assert dl("ý kiến của Ủy ban nhân dân tỉnh Đồng Nai trước ngày 10 tháng 5 năm 2026 để báo cáo") == [
        ("before", None, "2026-05-10", None)]
    # r038.txt line 20: a clock time between head and date
    assert dl("Báo cáo gửi về Phòng Quản lý Công nghiệp trước 08 giờ 00 ngày 22/6/2026 để tổng hợp") == [
        ("before", None, "2026-06-22", None)]


@pytest.mark.parametrize(
    "s, end",
    [
        ("gửi báo cáo TRƯỚC NGÀY 15/12/2021.", "2021-12-15"),
        ("nộp hồ sơ trước ngày 5 tháng 1 năm 2022", "2022-01-05"),
        ("trình UBND huyện trước ngày 30-9-2019", "2019-09-30"),
        ("hoàn thành trước ngày 20/4", "2019-04-20"),  # year from the issue date
        ("trướcngày 10/9/2025", "2025-09-10"),  # glued (r006.txt style)
        # without "ngày" (probe over the clause gold's "trước ngày D tháng M năm Y":
        # 33 of 45 lost their deadline at the first look, ffc8554)
        ("xong trước 01 tháng 5 năm 2026, báo cáo Chính phủ", "2026-05-01"),
        ("báo cáo kết quả thực hiện trước 05\ntháng 7 năm 2026.", "2026-07-05"),
        ("gửi về Bộ Y tế trước 31 tháng 12 để tổng hợp", "2019-12-31"),
        ("hoàn thành trước 30/6/2019", "2019-06-30"),
    ],
)
def test_before_variants(s, end):
    assert dl(s, issue=date(2019, 4, 11)) == [("before", None, end, None)]


# --- by ---------------------------------------------------------------------------------


def test_by_real():
    # 002_765b2f3007ea3c3e.txt line 19: completion verb + month; the plan's target year is not one
    line = ("3. Trên cơ sở Kế hoạch của các thành viên, BCD xã áp vào thực tế để rà duyệt, xây dựng kế hoạch về "
            "đích nông thôn mới vào năm 2020 rõ các bước, rõ thời gian, địa điểm, nguồn lực và giải pháp thực "
            "hiện; trình Đảng ủy, UBND xã để triển khai thực hiện, **thời gian xong trong tháng 5/2019.**")
    assert dl(line, issue=date(2019, 4, 11)) == [("by", None, "2019-05-31", None)]
    assert texts(line, issue=date(2019, 4, 11)) == ["thời gian xong trong tháng 5/2019"]
    # 003_04d850a0636ad3f3.txt line 24
    line = "xây dựng xã đạt chuẩn nông thôn mới kiểu mẫu về môi trường vào cuối năm 2023."
    assert dl(line, issue=date(2023, 8, 9)) == [("by", None, "2023-12-31", None)]
    # r018.txt line 8: the verb stands a few words before "trong tháng 9 năm 2026"
    line = ("xây dựng phương án và lộ trình di dời CCN Đầm Hồng, hoàn thành trình UBND tỉnh xem xét "
            "trong tháng 9 năm 2026.")
    assert dl(line) == [("by", None, "2026-09-30", None)]


@pytest.mark.parametrize(
    "s, end",
    [
        ("xong trong năm 2019", "2019-12-31"),
        ("HOÀN THÀNH TRONG QUÝ II/2020", "2020-06-30"),
        ("hoàn tất vào tháng 7/2021", "2021-07-31"),
        ("chậm nhất ngày 5/6", "2019-06-05"),
        ("chậm nhất là ngày 15/5/2019", "2019-05-15"),
        ("chậm nhất trong tháng 6/2019", "2019-06-30"),
        ("không muộn hơn ngày 30/6/2019", "2019-06-30"),  # (it read "on")
        ("không quá ngày 15/5/2019", "2019-05-15"),
        ("trước hoặc trong ngày 20/5/2019", "2019-05-20"),  # (it read "on": the day itself)
        ("gửi về Sở trước hoặc vào ngày 20/5/2019", "2019-05-20"),
        # the clause gold's "trước ngày" written so: 4 of 4 read no deadline at the first look (c3cdbd0)
        ("báo cáo kết quả về Bộ Y tế trong thời hạn đến ngày 31 tháng 12 để tổng hợp.", "2019-12-31"),
        ("Thời hạn hoàn thành: tháng 10/2019", "2019-10-31"),
        ("phấn đấu đến năm 2030 đạt 33,59%", "2030-12-31"),  # r039.txt line 30: a target year
        ("hoàn thành trước cuối năm", None),
    ],
)
def test_by_variants(s, end):
    got = dl(s, issue=date(2019, 4, 11))
    if end is None:  # "trước cuối năm" is a before at the end of the ref year
        assert got == [("before", None, "2019-12-31", None)]
    else:
        assert got == [("by", None, end, None)]


# --- on / within ------------------------------------------------------------------------


def test_within_real():
    # 002_765b2f3007ea3c3e.txt line 21
    line = "thi đua xây dựng NTM. **Thời gian thực hiện trong tháng 6/2019.**"
    assert dl(line, issue=date(2019, 4, 11)) == [("within", "2019-06-01", "2019-06-30", None)]
    assert texts(line, issue=date(2019, 4, 11)) == ["Thời gian thực hiện trong tháng 6/2019"]
    # 003_04d850a0636ad3f3.txt line 20: a heading's half-year needs no head word
    assert dl("## 2. Nhiệm vụ trọng tâm 6 tháng cuối năm 2023", issue=date(2023, 8, 9)) == [
        ("within", "2023-07-01", "2023-12-31", None)]
    # r025.txt lines 49-50
    line = "điều chỉnh thời gian ban hành các Nghị quyết khoa học, phù hợp, đảm bảo hoàn thành\ntrong Quý II/2026."
    assert dl(line) == [("by", None, "2026-06-30", None)]
    # r006.txt lines 72-73: results of Q3 name an object; the tasks of the last 3 months are a period
    line = ("+ Tập trung tổ chức đánh giá tình hình, kết quảthực hiện nhiệm vụQuý III và\n"
            "triển khai nhiệm vụtrọng tâm 3 tháng cuối năm 2025.")
    assert dl(line, meeting=date(2025, 8, 20)) == [("within", "2025-10-01", "2025-12-31", None)]


@pytest.mark.parametrize(
    "s, expect",
    [
        ("Tổ chức hội nghị trong quý II/2020", ("within", "2020-04-01", "2020-06-30", None)),
        ("triển khai trong tháng tới", ("within", "2019-05-01", "2019-05-31", None)),
        ("thực hiện trong 6 tháng đầu năm 2020", ("within", "2020-01-01", "2020-06-30", None)),
        ("Thời gian thực hiện: Quý III năm 2019", ("within", "2019-07-01", "2019-09-30", None)),
        ("tổ chức vào ngày 15/5/2019", ("on", "2019-05-15", "2019-05-15", None)),
        # r024.txt line 30
        ("- Chi bộ thôn Đầu Suối B: vào lúc 14 giờ00, ngày 02/12/2025", ("on", "2025-12-02", "2025-12-02", None)),
        ("vào sáng ngày 20/5", ("on", "2019-05-20", "2019-05-20", None)),
    ],
)
def test_within_and_on_variants(s, expect):
    assert dl(s, issue=date(2019, 4, 11)) == [expect]


def test_bare_day_is_on():
    # r008.txt lines 32-33: scheduled congresses (notice dated 10/2025)
    assert dl("+ Đại hội Hội Liên hiệp phụ nữ xã: Ngày 03/11/2025.", meeting=date(2025, 10, 13)) == [
        ("on", "2025-11-03", "2025-11-03", None)]
    assert dl("Tổ chức Hội nghị sơ kết NGÀY 15 THÁNG 5 NĂM 2019 tại hội trường", issue=date(2019, 4, 11)) == [
        ("on", "2019-05-15", "2019-05-15", None)]


@pytest.mark.parametrize(
    "s",
    [
        # a cited document's date (001_b9d96aa6a5508986.txt line 21; r024.txt line 10; r008.txt lines 40-41)
        "Các Tổ công tác theo Quyết định số 898-QĐ/HU ngày 30/12/2019 tiếp tục chỉ đạo",
        "Thực hiện Kế hoạch số 26-KH/ĐU, ngày 07/11/2025 của Ban Thường vụ",
        "báo cáo thẩm tra số 03-\nBC/BXDĐ ngày 13/12/2025 để điều chỉnh",
        "theo Luật ngày 29/12/2025 của Quốc hội",
        # the meeting itself and earlier events
        "Tại buổi làm việc ngày 07/11/2019, các đơn vị đã báo cáo",
        "Ngày 05 tháng 4 năm 2019, đồng chí Chủ tịch làm việc",
    ],
)
def test_bare_day_negatives(s):
    assert dl(s, issue=date(2019, 11, 20) if "2019" in s else None, meeting=date(2019, 11, 7)) == []


# --- period / from ----------------------------------------------------------------------


def test_period_and_from_real():
    # 000_9b1d8448ca6bf7da.txt line 34
    assert dl("+ Trọng tâm từ nay đến năm 2018, Đảng uỷ, UBND xã Lan Giới cần tập trung",
              issue=date(2015, 9, 4)) == [("period", "2015-09-04", "2018-12-31", None)]
    # 000_9b1d8448ca6bf7da.txt line 36 (the "vào năm 2020" reading is optional in gold)
    got = dl("+ Từ năm 2019 trở đi mới tập trung vào thực hiện các tiêu chí", issue=date(2015, 9, 4))
    assert got == [("from", "2019-01-01", None, None)]
    # 000_9b1d8448ca6bf7da.txt line 58: a period with a recurrence is one deadline
    line = ("Đề nghị các đồng chí Uỷ viên Ban Thường vụ Huyện uỷ ... thường xuyên quan tâm chỉ đạo việc thực hiện "
            "nhiệm vụ của xã. Từ nay đến hết tháng 01 năm 2016, hằng tháng bố trí về dự họp với Đảng uỷ xã")
    assert dl(line, issue=date(2015, 9, 4)) == [("period", "2015-09-04", "2016-01-31", "P1M")]
    assert texts(line, issue=date(2015, 9, 4)) == ["Từ nay đến hết tháng 01 năm 2016, hằng tháng"]
    # without an issue date "từ nay" is the meeting date (004_80aa112510f51075.txt line 31)
    assert dl("Đối với các xã nằm trong lộ trình xây dựng xã đạt chuẩn nông thôn mới từ nay đến năm 2024, cần",
              meeting=date(2022, 4, 14)) == [("period", "2022-04-14", "2024-12-31", None)]
    # r002.txt line 13 and r042.txt line 17
    assert dl("treo cờ Tổ quốc từ ngày 10/5/2026 đến hết ngày 14/5/2026.") == [
        ("period", "2026-05-10", "2026-05-14", None)]
    assert dl("từ ngày 16 tháng 6 năm 2026 đến hết ngày 17 tháng 6 năm 2026") == [
        ("period", "2026-06-16", "2026-06-17", None)]
    # r008.txt line 34: a range whose first day borrows the year of the second
    assert dl("+ Đại hội Hội Cựu chiến binh xã: từ ngày 11/11 – 12/11/2025.") == [
        ("period", "2025-11-11", "2025-11-12", None)]


@pytest.mark.parametrize(
    "s, expect",
    [
        ("hằng tháng, từ nay đến hết năm 2020", ("period", "2019-04-11", "2020-12-31", "P1M")),
        ("TỪ NAY ĐẾN CUỐI NĂM", ("period", "2019-04-11", "2019-12-31", None)),
        ("từ tháng 6/2019 đến tháng 9/2019", ("period", "2019-06-01", "2019-09-30", None)),
        ("từ năm 2016 đến năm 2020", ("period", "2016-01-01", "2020-12-31", None)),
        ("kể từ ngày 01/7/2026", ("from", "2026-07-01", None, None)),
        ("từ nay trở đi", ("from", "2019-04-11", None, None)),
        ("bố trí vốn trong năm 2020 và các năm tiếp theo", ("from", "2020-01-01", None, None)),
        ("bố trí vốn trong năm 2020", ("within", "2020-01-01", "2020-12-31", None)),
        ("áp dụng kể từ ngày ký", ("from", "2019-04-11", None, None)),
    ],
)
def test_period_variants(s, expect):
    assert dl(s, issue=date(2019, 4, 11)) == [expect]


def test_from_signing_date_needs_issue_date():
    assert dl("áp dụng kể từ ngày ký", meeting=date(2019, 4, 5)) == []


# --- recurring --------------------------------------------------------------------------


def test_recurring_real():
    # 002_765b2f3007ea3c3e.txt line 25
    line = ("Chỉ đạo xã giao ban, kiểm điểm, báo cáo tiến độ thực hiện hàng tuần; Trực tiếp chủ trì tổ chức "
            "giao ban với các đơn vị chuyên môn của huyện và xã Liên Chung 1 quý/lần để kiểm điểm")
    assert dl(line, issue=date(2019, 4, 11)) == [
        ("recurring", None, None, "P1W"), ("recurring", None, None, "P3M")]
    # r039.txt line 116: the day of the month belongs to the recurrence
    line = "Các phòng, đơn vị báo cáo tình hình thực hiện về Phòng Kế hoạch - Tổng hợp trước ngày 18 hằng tháng"
    assert dl(line) == [("recurring", None, None, "P1M")]
    assert texts(line) == ["trước ngày 18 hằng tháng"]
    # r039.txt line 117
    assert dl("Định kỳ 6 tháng, Sở Công Thương tổ chức sơ kết") == [("recurring", None, None, "P6M")]


@pytest.mark.parametrize(
    "s, rec",
    [
        ("hằng ngày", "P1D"), ("HÀNG THÁNG", "P1M"), ("hằng quý", "P3M"), ("hàng năm", "P1Y"),
        ("mỗi tuần một lần", "P1W"), ("2 tháng/lần", "P2M"), ("1 lần/tháng", "P1M"),
        ("2 lần/năm", "P6M"), ("định kỳ hằng quý", "P3M"), ("một quý một lần", "P3M"),
    ],
)
def test_recurrence_words(s, rec):
    assert dl(f"báo cáo kết quả {s} về Ban") == [("recurring", None, None, rec)]


# --- negatives --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "s",
    [
        # SPEC §2 and the gold: none of these is a deadline
        "Thường xuyên kiểm tra, giám sát, đôn đốc",  # 004_80aa112510f51075.txt line 21
        "2- Trong thời gian tới, Huyện uỷ yêu cầu:",  # 000_9b1d8448ca6bf7da.txt line 20
        "- Trước mắt, cần thực hiện một số nhiệm vụ sau:",  # 000_9b1d8448ca6bf7da.txt line 38
        "kịp thời biểu dương những cán bộ dám nghĩ",
        "tổng hợp báo cáo Thường trực Huyện ủy theo quy định./.",
        "+ Tập trung xây dựng kế hoạch phát triển kinh tế- xã hội năm 2016 và kế hoạch đầu tư công trung hạn "
        "giai đoạn 2016-2020",  # 000 line 46
        "xây dựng mục tiêu nhiệm kỳ 2020-2025 trên các lĩnh vực",  # 001 line 23
        "Khai giảng năm học mới 2025-2026",  # r006.txt line 135
        "(số liệu báo cáo ước tính đến hết năm 2019)",  # 001 line 23
        "Thu ngân sách nhà nước trên địa bàn tính đến ngày 30/7/2023 đạt hơn 11.038 triệu đồng",  # 003 line 12
        "2. Các Tổ công tác theo Quyết định số 898-QĐ/HU ngày 30/9/2019 của Ban Thường vụ",  # 001 line 21
        "theo Nghị định số 32/2024/NĐ-CP của Chính phủ",
        "xây dựng kế hoạch về đích nông thôn mới vào năm 2020",  # 002 line 19
        "1. Về tình hình thực hiện nhiệm vụ từ ngày 01/7 đến nay",  # r006.txt line 19
        "các doanh nghiệp thành lập từ năm 2020 trở lại đây",  # r034.txt line 190
        "Thời kỳ kiểm tra: Từ 01/3/2025 đến thời điểm kiểm tra.",  # r049.txt line 25
        "báo cáo kết quả thực hiện 6 tháng đầu năm 2023",
        "thực hiện các nhiệm vụ trong thời gian đến",
        "nằm trong lộ trình",
        "trong 01 năm",
        "đến trường học",
    ],
)
def test_not_deadlines(s):
    assert dl(s, issue=date(2019, 11, 20)) == []


def test_past_deadline_is_a_finding():
    # a period that ended long before the meeting reports results, it asks for nothing
    assert dl("đã hoàn thành trong tháng 3/2019", meeting=date(2019, 11, 7)) == []


def test_rule_lists_are_honoured():
    rules = load_rules("deadlines")
    for phrase in rules["non_deadline_phrases"]:
        assert dl(f"Các đơn vị {phrase} thực hiện nhiệm vụ", issue=date(2020, 1, 1)) == [], phrase
    for word, dur in rules["recurrence_units"].items():
        assert dl(f"họp hằng {word}") == [("recurring", None, None, dur)]


# --- normalisation, grounding, windows ------------------------------------------------


def test_nfd_and_caps_are_grounded_in_source():
    s = unicodedata.normalize("NFD", "Thời gian hoàn thành TRƯỚC NGÀY 30/11/2019; báo cáo hằng tháng.")
    doc = build_doc(s)
    out = find_deadlines(doc, 0, len(doc.text), date(2019, 11, 1), None)
    assert [(d.kind, d.end, d.recurrence) for d in out] == [("before", "2019-11-30", None), ("recurring", None, "P1M")]
    for d in out:
        assert s[d.span[0] : d.span[1]] == d.text
    assert unicodedata.normalize("NFC", out[0].text) == "Thời gian hoàn thành TRƯỚC NGÀY 30/11/2019"


def test_markdown_inside_span_is_kept_in_source_text():
    s = "triển khai, **thời gian xong trong tháng 5/2019.**"
    doc = build_doc(s)
    (d,) = find_deadlines(doc, 0, len(doc.text), date(2019, 4, 11), None)
    assert d.text == s[d.span[0] : d.span[1]] == "thời gian xong trong tháng 5/2019"


def test_window_limits_the_search():
    s = "xong trước ngày 20/4/2019. Thời gian thực hiện trong tháng 6/2019."
    doc = build_doc(s)
    cut = doc.text.index("Thời gian")
    assert [d.kind for d in find_deadlines(doc, 0, cut, date(2019, 4, 11), None)] == ["before"]
    assert [d.kind for d in find_deadlines(doc, cut, len(doc.text), date(2019, 4, 11), None)] == ["within"]


def test_duplicates_in_one_directive_are_reported_once():
    assert dl("hằng tháng báo cáo; hằng tháng họp") == [("recurring", None, None, "P1M")]


@pytest.mark.parametrize("unit", ["từ nay đến ", "từ ngày 1/2 - ", "hằng tháng từ nay đến hết năm 2020, ",
                                  "kế hoạch vào năm 2020 ", "x" * 50 + " vào năm 2020 ", "trước " * 3,
                                  "quý II/2020 hằng tháng ", "thời gian thời hạn "])
def test_adversarial_lines_stay_fast(unit):
    doc = build_doc(unit * (100_000 // len(unit)))
    t0 = time.perf_counter()
    find_deadlines(doc, 0, len(doc.text), date(2020, 1, 1), None)
    assert time.perf_counter() - t0 < 5.0


# --- gold directives ----------------------------------------------------------------------


def _key(d: dict) -> tuple:
    return (d["kind"], d["start"], d["end"], d["recurrence"])


def _gold_counts(doc_id: str):
    """tp, fp, fn of find_deadlines over each gold directive's own lines.

    Heading-inherited deadlines are the caller's job and left out; a prediction
    equal to an optional reading is neither credited nor penalised."""
    gold = load_gold(doc_id)
    doc = build_doc(read_source(doc_id))
    issue = date.fromisoformat(gold["issue_date"]["value"]) if gold.get("issue_date") else None
    meeting = (gold.get("meeting") or {}).get("date")
    meeting = date.fromisoformat(meeting["value"]) if meeting else None
    tp = fp = fn = 0
    errors = []
    for d in gold["directives"]:
        first, last = d["lines"]
        s, e = doc.line_starts[first - 1], doc.line_span(last)[1]
        pred = [_key(x.model_dump()) for x in find_deadlines(doc, s, e, issue, meeting)]
        want = [_key(x) for x in d.get("deadlines", []) if not x["inherited"]]
        optional = [_key(x) for x in d.get("deadlines_optional", [])]
        for p in pred:
            if p in want:
                tp += 1
                want.remove(p)
            elif p not in optional:
                fp += 1
                errors.append(("FP", d["path"], p))
        fn += len(want)
        errors += [("FN", d["path"], w) for w in want]
    return tp, fp, fn, errors


@pytest.mark.parametrize("doc_id", gold_docs())
def test_gold_directives(doc_id):
    tp, fp, fn, errors = _gold_counts(doc_id)
    assert not errors, errors


def test_gold_precision_recall(capsys):
    docs = gold_docs()
    if not docs:
        pytest.skip("no gold")
    tp = fp = fn = 0
    for doc_id in docs:
        a, b, c, _ = _gold_counts(doc_id)
        tp, fp, fn = tp + a, fp + b, fn + c
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    with capsys.disabled():
        print(f"\ndeadlines on gold directives: tp={tp} fp={fp} fn={fn} P={precision:.3f} R={recall:.3f}")
    assert precision >= 0.9 and recall >= 0.9


def test_an_item_that_is_the_title_of_a_resolution_has_no_weak_deadline():
    import datetime

    from notice_extract.extract.deadlines import find_deadlines
    from notice_extract.textmap import build_doc

    issue = datetime.date(2025, 10, 28)
    title = "Nghị quyết về phát triển du lịch cộng đồng, bảo tồn di sản văn hóa của xã Phước Hà đến năm 2030."
    doc = build_doc(title)
    assert find_deadlines(doc, 0, len(doc.text), issue, None) == []
    # a strong head still reads inside such an item
    doc = build_doc("Kế hoạch rà soát đất công phải hoàn thành trước ngày 30/11/2025.")
    assert [(d.kind, d.end) for d in find_deadlines(doc, 0, len(doc.text), issue, None)] == [("before", "2025-11-30")]


@pytest.mark.parametrize("obj", load_rules("deadlines")["recurring_objects"])
def test_recurrence_after_a_recurring_object_names_the_object(obj):
    # generated from the data: "chi trả <obj> hàng tháng" is the thing, not the task's rhythm
    doc = build_doc(f"Sở Tài chính bảo đảm {obj} hàng tháng cho các đối tượng.")
    assert find_deadlines(doc, 0, len(doc.text), date(2026, 1, 5), None) == []


@pytest.mark.parametrize("word", load_rules("deadlines")["validity_words"])
@pytest.mark.parametrize("head", ["từ ngày 01/7/2026", "kể từ ngày 01 tháng 7 năm 2026", "đến ngày 31/12/2027"])
def test_validity_of_a_document_is_not_a_deadline(word, head):
    # generated from the data: "các luật có hiệu lực từ ngày 01/7/2026" dates the laws, not a task
    doc = build_doc(f"Rà soát các văn bản có {word} {head} để sửa đổi.")
    assert find_deadlines(doc, 0, len(doc.text), date(2026, 1, 5), None) == []
    # the same date as the task's own time stays a deadline
    doc = build_doc(f"Rà soát các văn bản, thực hiện {head}.")
    assert len(find_deadlines(doc, 0, len(doc.text), date(2026, 1, 5), None)) == 1


def test_a_line_wrapped_in_lower_case_stays_in_the_clause_of_its_object():
    # a narrow table cell: the object noun ("chỉ tiêu") is on the line before the year it labels
    doc = build_doc("Giao chỉ tiêu phát triển đối tượng tham gia\nbảo hiểm y tế đến năm 2030 đạt mục tiêu.")
    assert find_deadlines(doc, 0, len(doc.text), date(2026, 1, 5), None) == []
    # a new line that starts an item is a new clause: its own "đến" reads as before
    doc = build_doc("Xây dựng kế hoạch phát triển\n- Hoàn thành đến ngày 30/6/2026.")
    assert [(d.kind, d.end) for d in find_deadlines(doc, 0, len(doc.text), date(2026, 1, 5), None)] == [("by", "2026-06-30")]


@pytest.mark.parametrize("tail", load_rules("deadlines")["horizon_tails"])
def test_a_title_horizon_is_not_a_deadline(tail):
    # generated from the data: the title's noun stands too far back for the object window
    doc = build_doc(f"Triển khai Đề án nâng cao năng lực ứng phó sự cố, thiên tai và tìm kiếm cứu nạn đến năm 2030, {tail} năm 2045.")
    assert find_deadlines(doc, 0, len(doc.text), date(2026, 1, 5), None) == []
    # a task's own "đến năm" stays one
    doc = build_doc("Hoàn thành việc sắp xếp các đơn vị đến năm 2030.")
    assert [d.end for d in find_deadlines(doc, 0, len(doc.text), date(2026, 1, 5), None)] == ["2030-12-31"]


def test_completing_a_task_makes_its_period_the_last_day():
    ref = date(2026, 1, 5)
    # the sentence opens with completing; its object is a list, the period is far from the verb
    doc = build_doc("Hoàn thành việc rà soát, sắp xếp, sử dụng tài sản công, trụ sở dôi dư trong quý II năm 2026.")
    assert [(d.kind, d.end) for d in find_deadlines(doc, 0, len(doc.text), ref, None)] == [("by", "2026-06-30")]
    # a fronted period whose clause opens with completing
    doc = build_doc("Trong quý III năm 2026, hoàn thành cắt giảm 50% thời gian giải quyết thủ tục hành chính.")
    assert [(d.kind, d.end) for d in find_deadlines(doc, 0, len(doc.text), ref, None)] == [("by", "2026-09-30")]
    # no completing: the period is when the work is done
    doc = build_doc("Tổ chức kiểm tra, rà soát tài sản công trong quý II năm 2026.")
    assert [d.kind for d in find_deadlines(doc, 0, len(doc.text), ref, None)] == ["within"]
    # (round AD) a colon after the fronted period, completing as the second verb
    doc = build_doc("Trong năm 2028: triển khai và hoàn thành các thủ tục chuẩn bị đầu tư.")
    assert [(d.kind, d.end) for d in find_deadlines(doc, 0, len(doc.text), ref, None)] == [("by", "2028-12-31")]
    doc = build_doc("Trong năm 2027: tổ chức tập huấn cho cán bộ.")
    assert [d.kind for d in find_deadlines(doc, 0, len(doc.text), ref, None)] == ["within"]


@pytest.mark.parametrize("label", ["Thời gian hoàn thành", "Thời hạn hoàn thành", "Thời hạn", "Thời gian xong"])
def test_a_period_under_a_completion_label_is_its_last_day(label):
    # the label's colon ends the clause, so the completion window cannot see its verb
    doc = build_doc(f"- Đơn vị chủ trì: Sở Tư pháp.\n- {label}: Trong năm 2027.")
    (d,) = find_deadlines(doc, 0, len(doc.text), date(2026, 1, 5), None)
    assert (d.kind, d.end, d.text) == ("by", "2027-12-31", f"{label}: Trong năm 2027")
    # a label of carrying out keeps the period the work takes
    doc = build_doc("- Thời gian thực hiện: Trong năm 2027.")
    assert [d.kind for d in find_deadlines(doc, 0, len(doc.text), date(2026, 1, 5), None)] == ["within"]


def test_recurrence_of_a_task_is_kept():
    doc = build_doc("Sở Tài chính báo cáo kết quả hàng tháng về UBND tỉnh.")
    (d,) = find_deadlines(doc, 0, len(doc.text), date(2026, 1, 5), None)
    assert (d.kind, d.recurrence) == ("recurring", "P1M")


@pytest.mark.parametrize("word", load_rules("deadlines")["perfective_after"])
@pytest.mark.parametrize("phrase", ["đến ngày 31/12/2025", "trong tháng 12/2025", "trước ngày 30/12/2025"])
def test_the_time_of_a_fact_is_no_deadline(word, phrase):
    # "Theo báo cáo, đến ngày 31/12/2025 đã giải ngân 80% kế hoạch vốn."
    issue = date(2026, 1, 2)
    assert dl(f"Theo báo cáo, {phrase} {word} giải ngân 80% kế hoạch vốn.", issue=issue) == []
    assert dl(f"Theo báo cáo, {phrase}, {word} giải ngân 80% kế hoạch vốn.", issue=issue) == []
    assert dl(f"Sở Tài chính giải ngân {phrase.replace('2025', '2026')}.", issue=issue) != []


def _found(s: str, ref=date(2026, 1, 5)):
    doc = build_doc(s)
    return [(d.kind, d.start, d.end, d.text) for d in find_deadlines(doc, 0, len(doc.text), ref, None)]


@pytest.mark.parametrize("noun", load_rules("deadlines")["due_nouns"])
def test_a_deadline_noun_whose_predicate_is_the_day(noun):
    # generated from the data: "<noun> <what it bounds> là|: ngày D" is done by D
    cap = noun[0].upper() + noun[1:]
    assert _found(f"{cap} nộp hồ sơ đăng ký là ngày 30/6/2026.") == [
        ("by", None, "2026-06-30", f"{cap} nộp hồ sơ đăng ký là ngày 30/6/2026")]
    assert [k for k, *_ in _found(f"{cap}: ngày 30/6/2026.")] == ["by"]
    # the noun too far from its day governs nothing
    assert [k for k, *_ in _found(f"{cap} của việc nộp hồ sơ đăng ký dự tuyển vào các cơ sở giáo dục là ngày 30/6/2026.")] != ["by"]


def test_a_range_start_printed_without_its_year_takes_the_end_year():
    # (first run: the start took the reference date's year, 2023)
    ref = date(2023, 10, 30)
    assert _found("Thời gian thực hiện: từ tháng 7 đến tháng 9 năm 2026.", ref)[0][:3] == ("period", "2026-07-01", "2026-09-30")
    assert _found("Thực hiện từ tháng 11 đến tháng 2 năm 2027.", ref)[0][:3] == ("period", "2026-11-01", "2027-02-28")
    assert _found("Thực hiện từ quý III đến hết năm 2026.", ref)[0][:3] == ("period", "2026-07-01", "2026-12-31")
    # a start with its own year keeps it
    assert _found("Thực hiện từ tháng 7/2024 đến tháng 9/2026.", ref)[0][:3] == ("period", "2024-07-01", "2026-09-30")


def test_a_day_and_month_without_ngay_after_a_time_head():
    assert _found("Sở Tài chính hoàn thành xong trước 30/6.") == [("before", None, "2026-06-30", "xong trước 30/6")]
    assert _found("Sở Tài chính báo cáo chậm nhất 15/7 để tổng hợp.")[0][:3] == ("by", None, "2026-07-15")
    assert _found("Thực hiện từ 15/7 đến 30/9/2026.")[0][:3] == ("period", "2026-07-15", "2026-09-30")
    # a fraction is no date: the smaller number first, a noun after it
    assert _found("Phấn đấu hoàn thành trước 2/3 số xã đạt chuẩn.") == []


def test_a_time_limit_counted_from_a_day_is_done_by_its_end():
    ref = date(2026, 12, 5)

    def found(s):
        doc = build_doc(s)
        return [(d.kind, d.end, d.text) for d in find_deadlines(doc, 0, len(doc.text), ref, None, ref)]

    # (first run: a "from" the issue day, the limit lost)
    assert found("Sở Tài chính hoàn thành trong thời hạn 10 ngày kể từ ngày ký.") == [
        ("by", "2026-12-15", "trong thời hạn 10 ngày kể từ ngày ký")]
    assert found("Trong vòng 15 (mười lăm) ngày, kể từ ngày 20/12/2026, Sở Nội vụ báo cáo.")[0][:2] == ("by", "2027-01-04")
    assert found("Trong thời hạn 02 tháng kể từ ngày 31/12/2026, Sở Nội vụ hoàn thành.")[0][:2] == ("by", "2027-02-28")
    # working days, or an event with no date: no date can be given
    assert found("Trong thời hạn 05 ngày làm việc kể từ ngày ký, Sở Nội vụ báo cáo.") == []
    assert found("Trong thời hạn 05 ngày kể từ ngày nhận đủ hồ sơ, Sở Nội vụ báo cáo.") == []
    # a start with no limit before it stays a start; "thời điểm" before a day
    assert found("Thực hiện kể từ ngày 01/01/2027.")[0][:2] == ("from", None)
    assert found("Sở Tài chính hoàn thành trước thời điểm 30/6/2027.") == [
        ("before", "2027-06-30", "hoàn thành trước thời điểm 30/6/2027")]


# --- holidays (rules/deadlines.yaml "holidays": dates from the `holidays` package) --


_HOLIDAYS = load_rules("deadlines")["holidays"]


@pytest.mark.parametrize("words", sorted(_HOLIDAYS))
def test_a_deadline_may_name_a_holiday_instead_of_a_date(words):
    from notice_extract.extract.dates import holiday_date

    day = holiday_date(_HOLIDAYS[words], 2026)
    assert day is not None and day.year == 2026
    s = f"Sở Y tế hoàn thành việc chi trả trước {words.capitalize()} năm 2026."
    assert dl(s, issue=date(2025, 11, 12)) == [("before", None, day.isoformat(), None)]


def test_tet_resolves_by_the_vietnamese_calendar_its_can_chi_name_and_the_issue_date():
    issue = date(2025, 11, 12)
    # the Vietnamese lunar new year, not the Chinese one (1985-02-20 in China)
    assert dl("Các xã hoàn thành trước Tết Nguyên đán Ất Sửu năm 1985.", issue=date(1984, 11, 1)) == [
        ("before", None, "1985-01-21", None)]
    assert dl("Các xã hoàn thành trước Tết Nguyên đán Bính Ngọ.", issue=issue) == [("before", None, "2026-02-17", None)]
    assert dl("Các xã tặng quà trước Tết.", issue=issue) == [("before", None, "2026-02-17", None)]
    assert dl("Các xã tặng quà trước Tết.", issue=date(2026, 3, 1)) == [("before", None, "2027-02-06", None)]
    assert dl("Từ nay đến Tết Nguyên đán, các lực lượng tăng cường tuần tra.", issue=issue) == [
        ("period", "2025-11-12", "2026-02-17", None)]
    assert dl("Các xã tặng quà trước Tết.") == []  # no date to count from


@pytest.mark.parametrize("festival", load_rules("deadlines")["other_tet"])
def test_a_festival_named_tet_that_is_not_the_new_year_is_no_deadline(festival):
    assert dl(f"Các trường học tổ chức trước Tết {festival}.", issue=date(2025, 11, 12)) == []


def test_the_holiday_as_an_occasion_is_no_deadline():
    issue = date(2025, 11, 12)
    assert dl("Công an tỉnh bảo đảm an ninh trong dịp Tết Nguyên đán Bính Ngọ.", issue=issue) == []
    assert dl("Sở Công Thương bảo đảm hàng hóa phục vụ Tết Nguyên đán năm 2026.", issue=issue) == []
    assert dl("Các đơn vị tổ chức vào dịp Tết Dương lịch.", issue=issue) == []


def test_weeks_and_months_listed_with_their_year_last():
    # first run (rules of 13e17ae): no deadline for any of these, and "trong tháng 6 và
    # tháng 7/2025" was June alone, its year taken from the issue date
    issue = date(2025, 6, 10)  # a Tuesday
    assert dl("Sở Tài chính báo cáo UBND tỉnh trong tuần tới.", issue=issue) == [
        ("within", "2025-06-16", "2025-06-22", None)]
    assert dl("Sở Tài chính hoàn thành trong tuần này.", issue=issue) == [("by", None, "2025-06-15", None)]
    assert dl("Sở Tài chính báo cáo UBND tỉnh trong tuần đầu tháng 7/2025.", issue=issue) == [
        ("within", "2025-07-01", "2025-07-07", None)]
    assert dl("Sở Tài chính hoàn thành trong tuần cuối tháng 7/2025.", issue=issue) == [("by", None, "2025-07-31", None)]
    assert dl("Sở Tài chính báo cáo UBND tỉnh trong tháng 6 và tháng 7/2025.", issue=issue) == [
        ("within", "2025-06-01", "2025-07-31", None)]
    assert dl("Các xã tổ chức rà soát trong tháng 10, 11 năm 2025.", issue=issue) == [
        ("within", "2025-10-01", "2025-11-30", None)]
    # a recurring pair of months names no span ("vào tháng 01 và tháng 7 hàng năm")
    assert ("within", "2025-01-01", "2025-07-31", None) not in dl(
        "Chi trả hỗ trợ 6 tháng một lần (vào tháng 01 và tháng 7 hàng năm).", issue=issue)


def test_a_year_in_a_wrapped_heading_in_capitals_names_the_plan():
    # "ĐẾN NĂM 2030" goes on the heading's line: the plan's horizon, no deadline
    assert dl("I. VỀ DỰ THẢO ĐỀ ÁN PHÁT TRIỂN KINH TẾ BIỂN TỈNH\nĐẾN NĂM 2030\n\nBan Thường vụ thống nhất.",
              date(2025, 10, 22)) == []
    assert dl("I. VỀ DỰ THẢO ĐỀ ÁN PHÁT TRIỂN KINH TẾ BIỂN TỈNH ĐẾN NĂM 2030", date(2025, 10, 22)) == []


def test_a_day_something_is_held_on_after_the_objects_own_years():
    # the term's years stand between "nhiệm kỳ" and the day: the congress is held on it
    assert dl("Tổ chức Đại hội Đoàn Thanh niên xã nhiệm kỳ 2025 - 2030 vào ngày 20/10/2025.",
              date(2025, 9, 1)) == [("on", "2025-10-20", "2025-10-20", None)]
    # "đến ngày" after a plan's years still describes the plan (a0011-y3 of the clause gold)
    assert texts("Đề xuất phương án xử lý đối với kế hoạch vốn năm 2026 đến ngày 15 tháng 5 năm 2026 "
                 "các bộ chưa phân bổ chi tiết; báo cáo Thủ tướng Chính phủ trong tháng 5 năm 2026.",
                 date(2026, 4, 1)) == ["trong tháng 5 năm 2026"]


def test_a_wrapped_line_of_prose_goes_on_its_clause():
    # pdftotext wrapped the aim before a proper name: the aim's year is still no deadline
    s = "để khát vọng xây dựng Quế Sơn đạt chuẩn huyện nông thôn mới vào năm 2025 sẽ sớm trở thành hiện thực."
    wrapped = "phải tranh thủ sự vào cuộc của cả hệ thống chính trị " + s.replace("xây dựng Quế", "xây dựng\nQuế")
    assert dl(wrapped, date(2023, 9, 1)) == dl(s, date(2023, 9, 1)) == []


def test_a_cited_documents_date_after_a_symbol_wrapped_at_its_hyphen():
    # "số 67/NT-⏎PCCC ngày 01/7/2025": the date of document 67/NT-PCCC, no deadline
    s = "các văn bản chấp thuận số 66/NT-PCCC, số 67/NT-\nPCCC ngày 01/7/2025, Chủ đầu tư tổ chức thực hiện."
    assert dl(s, date(2025, 6, 1)) == dl(s.replace("-\nPCCC", "-PCCC"), date(2025, 6, 1)) == []
