import pytest

from notice_extract.labels import match_label, roman_to_int


def test_labels_as_printed():
    cases = {
        "1. UBND huyện": ("1.", "num", "1"),
        "2- Trong thời gian tới": ("2-", "num", "2"),
        "1.1. Công tác chuẩn bị": ("1.1.", "num", "1.1"),
        "II. Về kinh tế": ("II.", "roman", "II"),
        "a) Rà soát": ("a)", "alpha", "a"),
        "- Đề nghị": ("-", "dash", "-"),
        "+ Khắc phục": ("+", "plus", "+"),
        "* Bên cạnh đó": ("*", "star", "*"),
    }
    for line, (text, style, value) in cases.items():
        lab = match_label(line)
        assert (lab.text, lab.style, lab.value) == (text, style, value), line


def test_wrapped_numbers_are_not_labels():
    for line in ["2030; thực hiện tốt", "06/11 xã đạt chuẩn", "1,5 tháng", "-----", "*", "Ít khi", "18/11/1930"]:
        assert match_label(line) is None, line


def test_roman():
    assert [roman_to_int(s) for s in ["I", "II", "IV", "IX", "XII"]] == [1, 2, 4, 9, 12]


@pytest.mark.parametrize("line", ["2", "- 2 -", "– 12 –", "Trang 2/3", "trang 4"])
def test_a_page_number_is_no_label(line):
    assert match_label(line) is None


@pytest.mark.parametrize("line", ["- 2 cán bộ được cử tham gia", "2. Giao Sở A", "12. Về kinh tế"])
def test_labels_that_start_like_a_page_number(line):
    assert match_label(line) is not None
