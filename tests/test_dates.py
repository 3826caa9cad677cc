"""Vietnamese dates (extract/dates.py): real lines of the dev corpus (file cited)
plus synthetic variants (other dates, NFD, ALL CAPS, OCR breaks) and negatives."""

from __future__ import annotations

import json
import re
import time
import unicodedata
from datetime import date

import pytest

from conftest import CORPUS, gold_docs, load_gold, read_source
from notice_extract.extract.dates import (
    find_dates,
    find_place_date_line,
    last_day_of_month,
    match_period,
    month_bounds,
    months_of_year,
    quarter_bounds,
    resolve_year,
    safe_date,
    year_bounds,
)
from notice_extract.textmap import build_doc


def dates_of(s: str, ref: date | None = None):
    text = build_doc(s).text
    return [(text[h.start : h.end], h.value, h.blank) for h in find_dates(text, ref=ref)]


# --- helpers ------------------------------------------------------------------------


def test_calendar_helpers():
    assert last_day_of_month(2024, 2) == date(2024, 2, 29)
    assert last_day_of_month(2023, 2) == date(2023, 2, 28)
    assert month_bounds(2016, 1) == (date(2016, 1, 1), date(2016, 1, 31))
    assert quarter_bounds(2020, 2) == (date(2020, 4, 1), date(2020, 6, 30))
    assert quarter_bounds(2026, 4) == (date(2026, 10, 1), date(2026, 12, 31))
    assert year_bounds(2018) == (date(2018, 1, 1), date(2018, 12, 31))
    assert months_of_year(2023, 6, from_end=True) == (date(2023, 7, 1), date(2023, 12, 31))
    assert months_of_year(2023, 6, from_end=False) == (date(2023, 1, 1), date(2023, 6, 30))
    assert months_of_year(2025, 3, from_end=True) == (date(2025, 10, 1), date(2025, 12, 31))
    assert safe_date(2020, 2, 31) is None
    assert safe_date(2020, None, 3) is None


def test_resolve_year_rolls_over_new_year():
    assert resolve_year(6, 5, date(2019, 4, 11)) == 2019
    # a December notice asking for "15/01" means next January
    assert resolve_year(1, 15, date(2019, 12, 20)) == 2020
    assert resolve_year(6, 5, None) is None


# --- find_dates: real lines -------------------------------------------------------


def test_long_form_place_line():
    # 000_9b1d8448ca6bf7da.txt line 3
    assert dates_of("Tân Yên, ngày 04 tháng 9 năm 2015") == [("ngày 04 tháng 9 năm 2015", date(2015, 9, 4), False)]


def test_numeric_dates_in_opening():
    # 001_b9d96aa6a5508986.txt line 11
    line = ("Thực hiện Quyết định số 898-QĐ/HU ngày 30/9/2019 của Ban Thường vụ Huyện ủy ...; "
            "ngày 07/11/2019, đồng chí Bí thư Huyện ủy tổ chức buổi làm việc")
    assert [(t, v) for t, v, _ in dates_of(line)] == [
        ("ngày 30/9/2019", date(2019, 9, 30)),
        ("ngày 07/11/2019", date(2019, 11, 7)),
    ]
    # 004_80aa112510f51075.txt line 9
    assert dates_of("Ngày 14/4/2022, Ban Thường vụ Huyện ủy đã tổ chức")[0][1] == date(2022, 4, 14)


def test_range_borrows_year():
    # r008.txt line 31
    hits = dates_of("+ Đại hội MTTQVN xã: Từ ngày 29/10 – 30/10/2025")
    assert [v for _, v, _ in hits] == [date(2025, 10, 29), date(2025, 10, 30)]


def test_wide_gap_and_blank_drafts():
    # r050.txt line 4: a handwritten-day gap as a long space run
    assert dates_of("Lào Cai, ngày 23 tháng               7    năm 2026")[0][1] == date(2026, 7, 23)
    # r010.txt line 6: blank day
    assert dates_of("Công Hải, ngày      tháng 8 năm 2025") == [("ngày      tháng 8 năm 2025", None, True)]
    # r002.txt line 8: everything blank
    assert dates_of("Hà Nội, ngày tháng năm\nTHÔNG BÁO") == [("ngày tháng năm", None, True)]
    # r034.txt line 3: blank day and month in a table cell
    hits = dates_of("| Số:            /SCT-CN |  | Lào Cai, ngày          tháng         năm 2025 |")
    assert hits[0][1] is None and hits[0][2]


def test_date_split_over_lines():
    # r036.txt lines 10-11: "... ngày 13\ntháng 3 năm 2025 ..."
    line = "Thông tư số 18/2025/TT-BCT ngày 13\ntháng 3 năm 2025 của Bộ trưởng"
    assert dates_of(line)[0][1] == date(2025, 3, 13)
    # synthetic OCR break between every part
    assert dates_of("ngày 05\ntháng\n02\nnăm 2026")[0][1] == date(2026, 2, 5)


# --- find_dates: synthetic ------------------------------------------------------------


@pytest.mark.parametrize(
    "s, value",
    [
        ("ngày 30-9-2019", date(2019, 9, 30)),
        ("14/4/2022", date(2022, 4, 14)),
        ("ngày 1.5.2019", date(2019, 5, 1)),
        ("NGÀY 04 THÁNG 9 NĂM 2015", date(2015, 9, 4)),
        ("ngày 4 tháng 12 năm 2024", date(2024, 12, 4)),
        ("từngày 01/7/2025", date(2025, 7, 1)),  # glued syllables (r006.txt)
    ],
)
def test_date_forms(s, value):
    assert dates_of(s)[0][1] == value


def test_nfd_input():
    s = unicodedata.normalize("NFD", "Tân Yên, ngày 04 tháng 9 năm 2015")
    doc = build_doc(s)
    h = find_dates(doc.text)[0]
    assert h.value == date(2015, 9, 4)
    src, _ = doc.ground(h.start, h.end)
    assert unicodedata.normalize("NFC", src) == "ngày 04 tháng 9 năm 2015"


def test_day_month_without_year():
    assert dates_of("chậm nhất ngày 5/6 phải") == [("ngày 5/6", None, False)]
    assert dates_of("chậm nhất ngày 5/6 phải", ref=date(2019, 4, 11))[0][1] == date(2019, 6, 5)
    assert dates_of("ngày 5 tháng 6 năm nay", ref=date(2020, 1, 2))[0][1] == date(2020, 6, 5)
    # a date followed by "năm học" ends before "năm"
    assert dates_of("ngày 5 tháng 9 năm học mới")[0][0] == "ngày 5 tháng 9"


def test_invalid_and_non_dates():
    assert dates_of("ngày 31/2/2020") == [("ngày 31/2/2020", None, False)]
    assert dates_of("ngày 31 tháng 4 năm 2021")[0][1] is None
    assert dates_of("Nghị định số 32/2024/NĐ-CP của Chính phủ") == []
    assert dates_of("đã hoàn thành 13/19 tiêu chí; 06/11 xã đạt chuẩn") == []
    assert dates_of("tăng 11.038 triệu đồng") == []
    assert dates_of("ngày 45/13/2020") == []


def test_offsets_inside_window():
    text = "abc ngày 1/2/2020 xyz ngày 3/4/2021"
    hits = find_dates(text, 10)
    assert [h.value for h in hits] == [date(2021, 4, 3)]


# --- place-and-date line -----------------------------------------------------------------


@pytest.mark.parametrize("doc_id", gold_docs())
def test_place_date_matches_gold(doc_id):
    gold = load_gold(doc_id)
    doc = build_doc(read_source(doc_id))
    pd = find_place_date_line(doc.text, 0, len(doc.text))
    if gold["issue_place"] is None:
        assert pd is None
        return
    assert pd.place == gold["issue_place"]["value"]
    assert pd.date.value == date.fromisoformat(gold["issue_date"]["value"])


def _manifest():
    path = CORPUS / "MANIFEST.jsonl"
    if not path.exists():
        return []
    return [json.loads(l) for l in path.read_text(encoding="utf-8").splitlines() if l.strip()]


@pytest.mark.parametrize("entry", _manifest(), ids=lambda e: e["id"])
def test_place_date_line_on_every_corpus_file(entry):
    """The MANIFEST records each file's printed date line: find exactly that."""
    doc = build_doc((CORPUS / f"{entry['id']}.txt").read_text(encoding="utf-8"))
    pd = find_place_date_line(doc.text, 0, len(doc.text))
    # the printed line, without an annotator's note ("(day/number blank in source)")
    expected = re.sub(r"\s*\([^()]*\)\s*$", "", re.sub(r"\s+", " ", entry["date"]).strip())
    if expected.lower().startswith("hôm nay"):  # r030: a minutes' opening, no place
        assert pd is None
        return
    assert pd is not None
    found = re.sub(r"\s+", " ", doc.text[pd.start : pd.end])
    if "," not in expected:  # the MANIFEST left out the place: the date part must match
        assert found.endswith(expected) and pd.place
        return
    assert found == expected
    assert pd.place == expected.split(",")[0]


@pytest.mark.parametrize(
    "line, place, value",
    [
        # r016.txt line 4: pdftotext layout columns
        ("        Số: 6795 /SNNMT-KS                              Lào Cai, ngày 17 tháng 7 năm 2026",
         "Lào Cai", date(2026, 7, 17)),
        # r018.txt line 1: a whole header flattened into one table row, motto included
        ("| ỦY BAN NHÂN DÂN TỈNH LÀO CAI Số:           /UBND-KT V/v triển khai | CỘNG HÒA XÃ HỘI CHỦ NGHĨA "
         "VIỆT NAM Độc lập - Tự do - Hạnh phúc Lào Cai, ngày      tháng 6 năm 2026 |", "Lào Cai", None),
        ("ĐẢNG CỘNG SẢN VIỆT NAM      Công Hải, ngày 05 tháng 8 năm 2025", "Công Hải", date(2025, 8, 5)),
        ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc Đà Nẵng, ngày 1/2/2020",
         "Đà Nẵng", date(2020, 2, 1)),
        ("Thành phố Hồ Chí Minh, ngày 5 tháng 6 năm 2020", "Thành phố Hồ Chí Minh", date(2020, 6, 5)),
        ("TP. Hồ Chí Minh, ngày 5 tháng 6 năm 2020", "TP. Hồ Chí Minh", date(2020, 6, 5)),
        ("HÀ NỘI, NGÀY 5 THÁNG 6 NĂM 2020", "HÀ NỘI", date(2020, 6, 5)),
        ("**Tân Yên, ngày 04 tháng 9 năm 2015**", "Tân Yên", date(2015, 9, 4)),
        # other printings (probe over the real place-date lines, ffc8554: without the
        # comma 82 of 82 lost place and date, without "ngày" 82 of 82, a date with
        # slashes before a glued column 5): the comma an OCR lost, no "ngày", a column after
        ("Lào Cai ngày 17 tháng 7 năm 2026", "Lào Cai", date(2026, 7, 17)),
        ("        Số: 6795 /SNNMT-KS                              Lào Cai ngày 17 tháng 7 năm 2026",
         "Lào Cai", date(2026, 7, 17)),
        ("Hà Nội, 05/3/2025", "Hà Nội", date(2025, 3, 5)),
        ("Hà Nội, 05 tháng 3 năm 2025", "Hà Nội", date(2025, 3, 5)),
        ("Hà Nội, ngày 05/04/2019 Kính gửi: Bộ Kế hoạch và Đầu tư.", "Hà Nội", date(2019, 4, 5)),
    ],
)
def test_place_date_layouts(line, place, value):
    doc = build_doc(line)
    pd = find_place_date_line(doc.text)
    assert pd is not None and pd.place == place and pd.date.value == value
    src, span = doc.ground(pd.place_start, pd.place_end)
    assert doc.source[span[0] : span[1]] == src


@pytest.mark.parametrize(
    "line",
    [
        "Hôm nay, ngày 26/5/2026, tại trụ sở Sở Công Thương",  # r030.txt line 10
        "Căn cứ Quy định số 753-QĐ/TU, ngày 08/02/2023 của Ban Thường vụ",  # r010.txt line 13
        "Chỉ thị số 13-CT/HU, ngày 20/01/2022",
        "Đảng ủy xã Lan Giới, ngày 5/6/2019 họp bàn",
        # without its comma the place opens its line or column, and the date is whole
        "Báo Đấu thầu ngày 26 tháng 3 năm 2019 đưa tin",
        "Kết luận của Ban Thường vụ Huyện ủy ngày 12 tháng 3 năm 2025",
        "Lào Cai ngày 17 tháng 7",
        "Theo Kế hoạch, 05/3/2025 là hạn chót",
    ],
)
def test_place_date_negatives(line):
    assert find_place_date_line(build_doc(line).text) is None


# --- anchored periods -----------------------------------------------------------------


@pytest.mark.parametrize(
    "s, first, last",
    [
        ("tháng 5/2019", date(2019, 5, 1), date(2019, 5, 31)),
        ("tháng 01 năm 2016", date(2016, 1, 1), date(2016, 1, 31)),
        ("quý II/2020", date(2020, 4, 1), date(2020, 6, 30)),
        ("Quý 3 năm 2021", date(2021, 7, 1), date(2021, 9, 30)),
        ("năm 2019", date(2019, 1, 1), date(2019, 12, 31)),
        ("6 tháng cuối năm 2023", date(2023, 7, 1), date(2023, 12, 31)),
        ("06 tháng đầu năm 2023", date(2023, 1, 1), date(2023, 6, 30)),
        ("cuối năm 2023", date(2023, 12, 31), date(2023, 12, 31)),
        ("ngày 20/4/2019", date(2019, 4, 20), date(2019, 4, 20)),
        ("THÁNG 6/2019", date(2019, 6, 1), date(2019, 6, 30)),
    ],
)
def test_match_period(s, first, last):
    p = match_period(s, 0)
    assert (p.first, p.last, p.end) == (first, last, len(s))


@pytest.mark.parametrize(
    "s, last, printed",
    [
        ("năm 2023, 2024", date(2024, 12, 31), "năm 2023, 2024"),  # years that follow each other: one span
        ("năm 2023 và 2024", date(2024, 12, 31), "năm 2023 và 2024"),
        ("năm 2024, 2025, 2026.", date(2026, 12, 31), "năm 2024, 2025, 2026"),
        ("năm 2023, 2025", date(2023, 12, 31), "năm 2023"),  # a gap: two periods, the first read here
        ("năm 2024, 2025/2026", date(2024, 12, 31), "năm 2024"),  # "2025/2026" is no year of the list
    ],
)
def test_a_list_of_consecutive_years_is_one_span(s, last, printed):
    p = match_period(s, 0)
    assert (p.last, s[p.start : p.end]) == (last, printed)


def test_match_period_relative():
    ref = date(2019, 11, 20)
    assert match_period("tháng tới", 0, ref=ref).first == date(2019, 12, 1)
    assert match_period("quý tới", 0, ref=ref).first == date(2020, 1, 1)
    assert match_period("năm nay", 0, ref=ref).last == date(2019, 12, 31)
    assert match_period("cuối năm", 0, ref=ref).last == date(2019, 12, 31)
    assert match_period("tháng 12", 0, ref=ref).last == date(2019, 12, 31)
    assert match_period("tháng tới", 0) is None  # nothing to resolve against
    assert match_period("nay", 0, ref=ref, allow_now=True).first == ref
    assert match_period("thời gian tới", 0, ref=ref) is None
    assert match_period("năm học 2025 - 2026", 0) is None


# --- linear time ----------------------------------------------------------------------


@pytest.mark.parametrize("unit", ["ngày " + " " * 39, "ngày 1 tháng " + " ." * 30, "1/1/", "ngày 5/",
                                  "tháng 1 năm ", "Hà Nội, ngày 1/2/2020 "])
def test_adversarial_lines_stay_fast(unit):
    text = unit * (100_000 // len(unit))
    t0 = time.perf_counter()
    find_dates(text)
    find_place_date_line(text)
    assert time.perf_counter() - t0 < 3.0


def test_place_date_line_followed_by_a_column():
    # a crawled page glues "Kính gửi" after the date: still the place-date line
    doc = build_doc("Số: 2739/VPCP-ĐMDN\nHà Nội, ngày 05 tháng 04 năm 2019 Kính gửi: Bộ Kế hoạch và Đầu tư.\n")
    pd = find_place_date_line(doc.text)
    assert pd.place == "Hà Nội" and pd.date.value == date(2019, 4, 5)


def test_place_date_prose_after_the_date_is_not_a_place_line():
    doc = build_doc("Tại hội nghị, Hà Nội, ngày 05 tháng 04 năm 2019 đã chủ trì họp.\n")
    assert find_place_date_line(doc.text) is None


def test_place_date_damaged_day_needs_month_and_year():
    assert find_place_date_line(build_doc("Quảng Ngãi, ngày {† tháng\n").text) is None
    pd = find_place_date_line(build_doc("Quảng Ngãi, ngày {† tháng 01 năm 2025\n").text)
    assert pd.place == "Quảng Ngãi" and pd.date.value is None and pd.date.unreadable


@pytest.mark.parametrize(
    "line, place",
    [
        ("Phan Rang - Tháp Chàm, ngày 12 tháng 5 năm 2026", "Phan Rang - Tháp Chàm"),
        ("Độc lập - Tự do - Hạnh phúc", None),
        ("Số: 12/TB-UBND - Hà Nội, ngày 12 tháng 5 năm 2026", "Hà Nội"),
        ("TP. Hồ Chí Minh, ngày 12 tháng 5 năm 2026", "TP. Hồ Chí Minh"),
    ],
)
def test_place_names_with_a_dash(line, place):
    doc = build_doc(line + "\n")
    pd = find_place_date_line(doc.text, 0, len(doc.text))
    assert (pd.place if pd else None) == place


def test_a_pdf_line_break_and_indent_after_ngay():
    # pdftotext -layout: "... trước ngày⏎          15/01/2026", "ngày⏎          5/2"
    for text, value in [("trước ngày\n          15/01/2026.", date(2026, 1, 15)), ("trước ngày\n          5/2.", None)]:
        hits = find_dates(text, 0, len(text))
        assert len(hits) == 1 and hits[0].start == text.index("ngày"), text
        if value:
            assert hits[0].value == value


def test_a_leading_zero_split_off_by_a_crawl():
    """Legal-database crawls print "tháng 0 6": the zero and the digit are one month."""
    from notice_extract.extract.dates import find_dates

    (hit,) = find_dates("Hà Nội, ngày 26 tháng 0 6 năm 2018")
    assert hit.value.isoformat() == "2018-06-26"
    (hit,) = find_dates("ngày 0 5 tháng 10 năm 2018")
    assert hit.value.isoformat() == "2018-10-05"


def test_a_zero_read_as_the_letter_o_in_a_numeric_date():
    # OCR of a scan: "trước ngày 3O/6/2025" (first run, rules of cd4b6f2, a probe OCR notice: no deadline)
    text = "bàn giao mặt bằng trước ngày 3O/6/2025; họp ngày 1O/1O/2O25"
    assert [h.value for h in find_dates(text)] == [date(2025, 6, 30), date(2025, 10, 10)]
    # ... never in a symbol or a formula
    assert find_dates("Nghị định số 3O/2025/NĐ-CP; khí SO2/CO2") == []
