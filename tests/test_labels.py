import pytest

from notice_extract.labels import match_label, roman_to_int


def test_labels_as_printed():
    cases = {
        "1. UBND huyện": ("1.", "num", "1"),
        "2- Trong thời gian tới": ("2-", "num", "2"),
        "1.1. Công tác chuẩn bị": ("1.1.", "num", "1.1"),
        "II. Về kinh tế": ("II.", "roman", "II"),
        "a) Rà soát": ("a)", "alpha", "a"),
        # probe over the real files with "a)" written "a/": 4 of 37 records moved at
        # the first look (901ab91: the items lost their label and lead-in), 0 now
        "b/ Sở Tài chính": ("b/", "alpha", "b"),
        "- Đề nghị": ("-", "dash", "-"),
        "+ Khắc phục": ("+", "plus", "+"),
        "* Bên cạnh đó": ("*", "star", "*"),
        "1/ Giao Sở X": ("1/", "num", "1"),
        "II/ Nhiệm vụ": ("II/", "roman", "II"),
        "(3) Giao Sở X": ("(3)", "paren", "3"),
        "Hai là, tăng cường": ("Hai là,", "ordinal", "2"),
        "Thứ ba: rà soát": ("Thứ ba:", "ordinal", "3"),
    }
    for line, (text, style, value) in cases.items():
        lab = match_label(line)
        assert (lab.text, lab.style, lab.value) == (text, style, value), line


def test_wrapped_numbers_are_not_labels():
    for line in ["2030; thực hiện tốt", "06/11 xã đạt chuẩn", "1,5 tháng", "-----", "*", "Ít khi", "18/11/1930",
                 "1/2 số xã", "(2026)", "Ba là đơn vị", "đ/c Nguyễn Văn A", "a/c Lâm",
                 # a date with dots, a report's number, a sum (a wrapped line of pdftotext)
                 "30.9.2025.", "20.12.2025, báo cáo", "27.8-2025/BCTT-TS ngày", "7.048.202.820 đồng",
                 # a Party document's symbol (real r010 re-wrapped at 66 characters)
                 "01-HD/TĐTN ngày 15/8/2025 của Ban Thường vụ", "12-KL/TU"]:
        assert match_label(line) is None, line
    assert match_label("2- TỔ CHỨC THỰC HIỆN").text == "2-" and match_label("1-Nội dung").text == "1-"


def test_a_decimal_label_without_its_final_stop():
    assert match_label("2.1 Theo dõi, tổng hợp việc sắp xếp").value == "2.1"
    assert match_label("2.1.1 Giao Sở Y tế").value == "2.1.1"


def test_roman():
    assert [roman_to_int(s) for s in ["I", "II", "IV", "IX", "XII"]] == [1, 2, 4, 9, 12]


@pytest.mark.parametrize("line", ["2", "- 2 -", "– 12 –", "Trang 2/3", "trang 4"])
def test_a_page_number_is_no_label(line):
    assert match_label(line) is None


@pytest.mark.parametrize("line", ["- 2 cán bộ được cử tham gia", "2. Giao Sở A", "12. Về kinh tế"])
def test_labels_that_start_like_a_page_number(line):
    assert match_label(line) is not None


def _ordinal_words():
    from notice_extract.resources import load_rules

    r = load_rules("segments")["ordinal_labels"]
    return [(f"{w} là", n) for n, w in enumerate(r["counted_is"], 1)] + [
        (f"Thứ {w}", n) for n, w in enumerate(r["ordinal"], 1)]


@pytest.mark.parametrize("words,count", _ordinal_words())
def test_counting_words_are_labels(words, count):
    # generated from rules/segments.yaml: each word stands for its place
    for sep in (",", ":", "."):
        lab = match_label(f"{words[0].upper()}{words[1:]}{sep} tăng cường kiểm tra")
        assert (lab.style, lab.value) == ("ordinal", str(count))


@pytest.mark.parametrize("day", ["Thứ hai", "Thứ năm", "Thứ Sáu"])
def test_a_weekday_before_its_date_is_no_label(day):
    assert match_label(f"{day}, ngày 05/01/2026, đồng chí Giám đốc chủ trì") is None
    assert match_label(f"{day}, 05/01/2026") is None
