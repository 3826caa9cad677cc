"""Tests for notice_extract.decode.

Real notice text is encoded into every encoding a notice arrives in and must
decode back to the same text (compared after NFC). The TCVN3, VNI and
Windows-1258 *encoders* below are written independently of the decoder's
tables (TCVN3 transcribed by byte order, VNI built from its base + mark rules),
so a wrong table entry in the decoder makes these tests fail.
"""

from __future__ import annotations

import shutil
import subprocess
import unicodedata

import pytest

from notice_extract.decode import DecodeError, Decoded, decode_bytes, read_file

# From corpus/dev/000_9b1d8448ca6bf7da.txt (Markdown left in on purpose).
SEED_000 = """Tân Yên, ngày 04 tháng 9 năm 2015

## THÔNG BÁO

KẾT LUẬN CỦA THƯỜNG TRỰC HUYỆN ỦY  
tại buổi làm việc với Đảng uỷ xã Lan Giới về tiến độ triển khai thực hiện Nghị quyết Đại hội Đảng bộ xã nhiệm kỳ 2015-2020; tình hình thực hiện nhiệm vụ phát triển kinh tế - xã hội; việc thực hiện nhiệm vụ trọng tâm năm 2015 và việc triển khai thực hiện kế hoạch xây dựng nông thôn mới

Ngày 01 tháng 9 năm 2015, Thường trực Huyện ủy làm việc với Đảng uỷ xã Lan Giới để nắm tiến độ triển khai thực hiện Nghị quyết Đại hội Đảng bộ xã nhiệm kỳ 2015-2020. Sau khi nghe Đảng uỷ, UBND xã báo cáo và ý kiến phát biểu thảo luận của các đại biểu, Thường trực Huyện ủy kết luận như sau:
"""

# From corpus/dev/r006.txt (CRLF-free, with an en dash and "Uỷviên" as printed).
R006 = """ĐẢNG BỘ TỈNH KHÁNH HOÀ
ĐẢNG UỶ XÃ CÔNG HẢI
*
Số -TB/ĐU
Công Hải, ngày tháng 8 năm 2025
THÔNG BÁO
KẾT LUẬN CỦA THƯỜNG TRỰC ĐẢNG UỶ
về một số nội dung cuộc họp ngày 26/8/2025
Ngày 26/8/2025, Thường trực Đảng uỷ họp nghe báo cáo và cho ý kiến các
nội dung: (1) tình hình thực hiện nhiệm vụtừngày 01/7 đến nay; nhiệm vụtrọng
tâm thời gian tới; (3) Phân công các đồng chí Uỷviên Ban Thường vụĐảng uỷdựlễKhai giảng
năm học mới 2025 - 2026. Sau khi nghe đồng chí Chánh Văn phòng Đảng uỷ, lãnh đạo phòng Văn hoá –
Xã hội, Thường trực Đảng uỷ đã thảo luận và thống nhất kết luận như sau:
"""

# Letters that only some tables hold; "chẳng", "thẳng" and "Kỵ" caught a
# VNI table that lacked ẳ and ỵ.
RARE = "Chẳng hạn, thẳng thắn, Mỹ Đức, Kỵ, quỹ, ngữ, ẵm, Ẩn, Ỷ, ỹ, ừ, ợ.\n"

TEXTS = {"seed000": SEED_000, "r006": R006, "rare": R006 + RARE}


def nfc(s: str) -> str:
    return unicodedata.normalize("NFC", s)


# ---------------------------------------------------------------- encoders

# TCVN3 (VN3, the .VnTime fonts) transcribed by byte order from the standard.
_VN3 = dict(
    zip(
        "ĂÂÊÔƠƯĐăâêôơưđ",
        range(0xA1, 0xAF),
    )
)
_VN3.update(
    {ch: b for ch, b in zip("àảãáạ", range(0xB5, 0xBA))}
    | {"ằ": 0xBB, "ẳ": 0xBC, "ẵ": 0xBD, "ắ": 0xBE, "ặ": 0xC6}
    | {ch: b for ch, b in zip("ầẩẫấậ", range(0xC7, 0xCC))}
    | {"è": 0xCC, "ẻ": 0xCE, "ẽ": 0xCF, "é": 0xD0, "ẹ": 0xD1}
    | {ch: b for ch, b in zip("ềểễếệ", range(0xD2, 0xD7))}
    | {"ì": 0xD7, "ỉ": 0xD8, "ĩ": 0xDC, "í": 0xDD, "ị": 0xDE}
    | {"ò": 0xDF, "ỏ": 0xE1, "õ": 0xE2, "ó": 0xE3, "ọ": 0xE4}
    | {ch: b for ch, b in zip("ồổỗốộ", range(0xE5, 0xEA))}
    | {ch: b for ch, b in zip("ờởỡớợ", range(0xEA, 0xEF))}
    | {"ù": 0xEF, "ủ": 0xF1, "ũ": 0xF2, "ú": 0xF3, "ụ": 0xF4}
    | {ch: b for ch, b in zip("ừửữứự", range(0xF5, 0xFA))}
    | {ch: b for ch, b in zip("ỳỷỹýỵ", range(0xFA, 0xFF))}
)


def tcvn3_encode(text: str) -> tuple[bytes, str]:
    """TCVN3 bytes and the text they can represent.

    VN3 has no toned capitals: they were typed lowercase in a .VnTimeH font,
    which draws them as capitals, so the expected text has them lowercase.
    """
    out, expected = bytearray(), []
    for ch in nfc(text):
        if ch.isascii():
            out.append(ord(ch))
        elif ch in _VN3:
            out.append(_VN3[ch])
        elif ch.lower() in _VN3:
            ch = ch.lower()
            out.append(_VN3[ch])
        else:  # punctuation such as "–" stays what the Windows code page had
            out += ch.encode("cp1252")
        expected.append(ch)
    return bytes(out), "".join(expected)


_TONES = {"\u0301": 0, "\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0323": 4}  # sắc huyền hỏi ngã nặng


def vni_encode(text: str) -> bytes:
    """VNI-Windows bytes: base letter + mark byte(s), from the published layout."""
    plain, circumflex, breve, i_forms = "ùøûõï", "áàåãä", "éèúüë", "íìæóò"
    out = []
    for ch in nfc(text):
        if ch.isascii() or not unicodedata.normalize("NFD", ch)[0].isalpha():
            out.append(ch)  # punctuation ("–", "“", "…") stays what the Windows code page has
            continue
        if ch in "đĐ":
            out.append("ñ" if ch == "đ" else "Ñ")
            continue
        d = unicodedata.normalize("NFD", ch)
        base, marks = d[0].lower(), d[1:]
        case = str.upper if d[0].isupper() else str
        tone = next((_TONES[m] for m in marks if m in _TONES), None)
        if base == "i":
            out.append(case(i_forms[tone]))
        elif base == "y" and tone == 4:
            out.append(case("î"))
        elif "\u031b" in marks:  # horn: ơ ư are single glyphs, tone follows
            out.append(case({"o": "ô", "u": "ö"}[base] + ("" if tone is None else plain[tone])))
        elif "\u0302" in marks:
            out.append(case(base + ("â" if tone is None else circumflex[tone])))
        elif "\u0306" in marks:
            out.append(case(base + ("ê" if tone is None else breve[tone])))
        else:
            out.append(case(base + plain[tone]))
    return "".join(out).encode("cp1252")


def cp1258_encode(text: str) -> bytes:
    """Windows-1258 the way Word writes it: letters it has precomposed
    (â ê ô ơ ư ă đ, some toned ones), everything else base + combining tone."""
    out = bytearray()
    for ch in nfc(text):
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        d = unicodedata.normalize("NFD", ch)
        tones = "".join(m for m in d if m in _TONES)
        shaped = nfc("".join(m for m in d if m not in _TONES))
        out += shaped.encode("cp1258") + tones.encode("cp1258")
    return bytes(out)


def as_cp1252_then_utf8(raw: bytes) -> bytes:
    """What a tool does when it reads legacy bytes as cp1252 and saves UTF-8."""
    text = "".join(
        bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in raw
    )
    return text.encode("utf-8")


# ------------------------------------------------------------ the encoders


def test_tcvn3_encoder_agrees_with_glibc():
    """Guard the test's own TCVN3 table against glibc's TCVN5712-1 charmap."""
    if shutil.which("iconv") is None:
        pytest.skip("iconv not available")
    raw, expected = tcvn3_encode(SEED_000 + RARE.lower())
    out = subprocess.run(
        ["iconv", "-f", "TCVN5712-1", "-t", "UTF-8"], input=raw, capture_output=True, check=True
    ).stdout.decode()
    assert nfc(out) == nfc(expected)


def test_cp1258_encoder_really_uses_combining_marks():
    raw = cp1258_encode("Kết luận")
    assert b"\xec" in raw  # U+0301 combining acute: the case the decoder must compose


# ------------------------------------------------------------ round trips


@pytest.mark.parametrize("name", TEXTS)
@pytest.mark.parametrize(
    "encoding,encode",
    [
        ("utf-8", lambda s: s.encode("utf-8")),
        ("utf-8-sig", lambda s: b"\xef\xbb\xbf" + s.encode("utf-8")),
        ("utf-16-le", lambda s: b"\xff\xfe" + s.encode("utf-16-le")),
        ("utf-16-be", lambda s: b"\xfe\xff" + s.encode("utf-16-be")),
        ("windows-1258", cp1258_encode),
        ("vni", vni_encode),
    ],
)
def test_round_trip(name, encoding, encode):
    text = TEXTS[name]
    result = decode_bytes(encode(text))
    assert isinstance(result, Decoded)
    assert result.encoding == encoding
    assert nfc(result.text) == nfc(text)


def tcvn3_restored(name: str) -> str:
    """What the decoder gives back for ``tcvn3_encode(TEXTS[name])``: the toned
    capitals restored wherever the rest of the word (or of the line) is in
    capitals; the lone "Ẩn, Ỷ" in a lowercase line of RARE cannot be told
    from lowercase and stay so."""
    return TEXTS[name].replace("Ẩn, Ỷ", "ẩn, ỷ")


@pytest.mark.parametrize("name", TEXTS)
def test_round_trip_tcvn3(name):
    raw, expected = tcvn3_encode(TEXTS[name])
    result = decode_bytes(raw)
    assert result.encoding == "tcvn3"
    assert nfc(result.text) == nfc(tcvn3_restored(name))
    assert nfc(result.text).lower() == nfc(expected).lower()
    assert any("TCVN3" in w for w in result.warnings)
    assert any("capital(s) restored" in w for w in result.warnings)


def test_unicode_text_is_returned_untouched():
    """No NFC, no stripping: spans index exactly this text."""
    text = unicodedata.normalize("NFD", SEED_000).replace("\n", "\r\n") + "  \n\n"
    result = decode_bytes(text.encode("utf-8"))
    assert result.text == text
    assert result.encoding == "utf-8"
    assert result.warnings == []


def test_bom_is_stripped():
    for raw, enc in [
        (b"\xef\xbb\xbf" + R006.encode(), "utf-8-sig"),
        (b"\xff\xfe" + R006.encode("utf-16-le"), "utf-16-le"),
    ]:
        result = decode_bytes(raw)
        assert result.text == R006 and result.encoding == enc


def test_windows_1258_is_not_mistaken_for_cp1252():
    result = decode_bytes(cp1258_encode(SEED_000))
    assert result.encoding == "windows-1258"
    assert any("windows-1258" in w for w in result.warnings)
    assert "\u0301" in result.text  # combining marks kept; downstream composes


# ------------------------------------------------ legacy glyphs inside UTF-8


@pytest.mark.parametrize("name", TEXTS)
def test_tcvn3_mojibake_saved_as_utf8_is_converted(name):
    raw, expected = tcvn3_encode(TEXTS[name])
    mojibake = as_cp1252_then_utf8(raw)
    assert "ngµy" in mojibake.decode() and "n¨m" in mojibake.decode()  # ngày, năm
    result = decode_bytes(mojibake)
    assert result.encoding == "tcvn3"
    assert nfc(result.text) == nfc(tcvn3_restored(name))


@pytest.mark.parametrize("name", TEXTS)
def test_vni_mojibake_saved_as_utf8_is_converted(name):
    mojibake = as_cp1252_then_utf8(vni_encode(TEXTS[name]))
    result = decode_bytes(mojibake)
    assert result.encoding == "vni"
    assert nfc(result.text) == nfc(TEXTS[name])
    # VNI writes a toned vowel as two characters, so the text got shorter.
    assert len(result.text) < len(mojibake.decode())


def test_mixed_unicode_and_tcvn3_lines_keep_the_unicode_lines():
    legacy, _ = tcvn3_encode("Thông báo kết luận của Thường trực Huyện ủy")
    unicode_line = "Thông báo kết luận của Thường trực Huyện ủy"
    raw = as_cp1252_then_utf8(legacy) + b"\n" + unicode_line.encode() + b"\n"
    result = decode_bytes(raw)
    assert result.encoding == "tcvn3"
    assert result.text == "Thông báo kết luận của Thường trực Huyện ủy\n" + unicode_line + "\n"


def test_double_encoded_utf8_is_repaired():
    mojibake = as_cp1252_then_utf8(SEED_000.encode("utf-8"))
    result = decode_bytes(mojibake)
    assert result.encoding == "utf-8-double-encoded"
    assert result.text == SEED_000


def test_stray_symbols_do_not_trigger_conversion():
    text = "«Thông báo» nhiệt độ 30°C ± 2, diện tích 25 m², § 3.\n" + R006
    result = decode_bytes(text.encode())
    assert result.encoding == "utf-8" and result.text == text


def test_foreign_languages_are_not_converted():
    spanish = "El señor Muñoz llegó mañana con el niño a España.\n" * 3
    german = "Die Größe der Übungen für Schüler ist schön und möglich.\n" * 3
    assert decode_bytes(spanish.encode()).text == spanish
    result = decode_bytes(german.encode("cp1252"))
    assert result.encoding == "cp1252" and result.text == german


def test_utf8_with_one_bad_byte_stays_utf8():
    raw = SEED_000.encode() + b"\x96 " + R006.encode()
    result = decode_bytes(raw)
    assert result.encoding == "utf-8"
    assert result.text.count("\ufffd") == 1
    assert "U+FFFD" in result.warnings[0]


def test_utf16_without_bom():
    result = decode_bytes(R006.encode("utf-16-le"))
    assert result.encoding == "utf-16-le" and result.text == R006
    assert result.warnings


# ------------------------------------------------------------------ errors


@pytest.mark.parametrize("raw", [b"", b"\xef\xbb\xbf"])
def test_empty(raw):
    with pytest.raises(DecodeError, match="empty file"):
        decode_bytes(raw)


@pytest.mark.parametrize(
    "raw",
    [
        b"Th\x00ng b\x00o \x00\x01\x02 abc",
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj",
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(200),
        bytes(range(1, 9)) * 50,
    ],
)
def test_binary(raw):
    with pytest.raises(DecodeError, match="^binary file: "):
        decode_bytes(raw)


def test_decode_error_is_a_value_error():
    assert issubclass(DecodeError, ValueError)


def test_read_file(tmp_path):
    path = tmp_path / "notice.txt"
    raw = cp1258_encode(R006)
    path.write_bytes(raw)
    data, result = read_file(path)
    assert data == raw
    assert result.encoding == "windows-1258" and nfc(result.text) == nfc(R006)

    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    with pytest.raises(DecodeError, match="empty.txt: empty file"):
        read_file(empty)
    with pytest.raises(OSError):
        read_file(tmp_path / "missing.txt")


def test_common_path_is_fast():
    """Valid Vietnamese UTF-8 must not go through scoring (batch of thousands)."""
    import time

    raw = (SEED_000 + R006).encode() * 20  # ~40 KB
    decode_bytes(raw)  # warm-up: tables load once
    start = time.perf_counter()
    for _ in range(50):
        decode_bytes(raw)
    per_doc = (time.perf_counter() - start) / 50
    assert per_doc < 0.005, f"{per_doc * 1000:.2f} ms per 40 KB document"


# ------------------------------------------------- VN1, TCVN3 capitals, NULs


def vn1_encode(text: str) -> bytes:
    """TCVN 5712:1993 VN1 by glibc's charmap (TCVN3 plus toned capitals)."""
    if shutil.which("iconv") is None:
        pytest.skip("iconv not available")
    return subprocess.run(
        ["iconv", "-f", "UTF-8", "-t", "TCVN5712-1"], input=nfc(text).encode(), capture_output=True, check=True
    ).stdout


@pytest.mark.parametrize("name", TEXTS)
def test_vn1_is_told_from_tcvn3_and_keeps_its_capitals(name):
    text = TEXTS[name].replace("–", "-")  # VN1 has no en dash
    raw = vn1_encode(text)
    for data in (raw, as_cp1252_then_utf8(raw)):
        result = decode_bytes(data)
        assert result.encoding == "tcvn5712-vn1", result.warnings
        assert nfc(result.text) == nfc(text)
        assert "THÔNG BÁO" in result.text
        assert not any("uncertain" in w for w in result.warnings)


def test_tcvn3_capitals_restored_only_in_capital_words():
    raw, _ = tcvn3_encode("T/L BAN THƯỜNG VỤ\nCHÁNH VĂN PHÒNG\nSố 12/TB-UBND\nĐảng uỷ xã Lan Giới, Vụ Pháp chế\n")
    result = decode_bytes(raw)
    assert result.text == "T/L BAN THƯỜNG VỤ\nCHÁNH VĂN PHÒNG\nSố 12/TB-UBND\nĐảng uỷ xã Lan Giới, Vụ Pháp chế\n"


def test_stray_nuls_are_removed_with_a_warning():
    raw = SEED_000.encode()
    raw = raw[:100] + b"\x00" + raw[100:500] + b"\x00\x00" + raw[500:]
    result = decode_bytes(raw)
    assert result.encoding == "utf-8" and result.text == SEED_000
    assert result.warnings == ["3 stray NUL byte(s) removed"]
