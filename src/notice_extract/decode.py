"""Turn the raw bytes of a notice into the text that every span indexes.

Notices come from the wild: UTF-8 with or without a BOM, UTF-16 saved by
Notepad, Windows-1258, and text that went through an old ``.doc`` typed in a
legacy Vietnamese *font* encoding (TCVN3/ABC ``.VnTime``, VNI ``VNI-Times``,
VISCII). Font-encoded text is the nasty case: its bytes are plain Latin-1
glyphs, so it may arrive as raw single bytes *or* already converted to valid
UTF-8 by a tool that read it as cp1252 ("Th«ng b¸o", "Thoâng baùo").

What comes back (:class:`Decoded`) is the text spans index, so this module
never normalises (no NFC) and strips nothing but a leading BOM. When legacy
font text is converted, ``text`` is the *converted* Unicode text; the
conversion changes lengths (VNI writes a toned vowel as two characters), which
is fine because the converted text is what downstream indexes.

Design, in order of cost:

1. BOMs decide outright (UTF-32, UTF-16, UTF-8).
2. Empty / binary input raises :class:`DecodeError`.
3. Valid UTF-8 is accepted after one cheap regex scan for glyphs that only
   legacy font text produces. Only if enough of them are present is the text
   scored against its legacy conversions (the rare path).
4. Anything else is decoded with every single-byte candidate and the result
   that reads most like Vietnamese wins.

Tables: TCVN3 and VISCII come from ``viparse`` (checked byte for byte against
glibc iconv's TCVN5712-1 and VISCII charmaps); its VNI table is used with four
entries it lacks added (ẳ Ẳ ỵ Ỵ, confirmed by two independent VNI tables).
viparse's own converter and detector are not used: the converter forces NFC on
the whole text and is a per-character Python loop, and the detector is tuned
for extracted document text it first cleans (collapses whitespace), which would
break span offsets here.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from os import PathLike
from pathlib import Path

__all__ = ["Decoded", "DecodeError", "decode_bytes", "read_file", "repair_legacy_text", "vietnamese_score"]


@dataclass
class Decoded:
    text: str  # the decoded source text spans index (not NFC-normalised)
    encoding: str  # "utf-8", "utf-8-sig", "utf-16-le", "windows-1258", "tcvn3", "vni", ...
    warnings: list[str] = field(default_factory=list)


class DecodeError(ValueError):
    """The bytes are not a text document we can decode (empty, binary, ...)."""


# --------------------------------------------------------------------------
# Vietnamese letters and the words that make text "look Vietnamese"
# --------------------------------------------------------------------------

_TONES = ("", "\u0301", "\u0300", "\u0309", "\u0303", "\u0323")
_VOWELS = "a ă â e ê i o ô ơ u ư y".split()

# Every precomposed Vietnamese letter with a diacritic (both cases), plus đ/Đ.
_VIET_LETTERS = frozenset(
    unicodedata.normalize("NFC", v + t) for v in _VOWELS for t in _TONES
) | frozenset("đ")
_VIET_LETTERS = frozenset(_VIET_LETTERS | {c.upper() for c in _VIET_LETTERS}) - set(
    "aeiouyAEIOUY"
)

# Typographic punctuation real Unicode notices use; never a sign of mojibake.
_OK_PUNCT = "\u00a0“”‘’–—…•№"

# Very common syllables of Vietnamese administrative prose (NFC, lowercase).
# The score counts how many words of a candidate decoding are in this list: a
# right decoding turns "Th«ng b¸o" / "Thoâng baùo" into "thông báo", a wrong
# one leaves only toneless ASCII words like "cho", "theo" matching. Both tone
# placements (uỷ/ủy, hoá/hóa) are listed.
_COMMON_WORDS = frozenset(
    """
    của và các là có được trong cho với những người không đã này để theo về tại
    năm ngày tháng thông báo huyện xã tỉnh ủy uỷ ban nhân dân đồng chí thực hiện
    công tác kết luận ý kiến chỉ đạo làm việc đảng bộ phát triển kinh tế hội xây
    dựng nông thôn mới quyết định số nghị kế hoạch một đến từ trên sau khi đề yêu
    cầu cần tập trung tổ chức cán cơ quan đơn vị phòng văn hóa hoá thường trực vụ
    tình hình nhiệm triển khai quản lý đầu tư sở giáo dục đất đai ra vào lại như
    còn đó nay thời gian kỳ chủ tịch phó trưởng cấp đảm bảo thành phố thị trấn nơi
    nhận lưu bí thư họp dự giao phối hợp chịu trách chính quyền an ninh quốc sản
    xuất nghiệp y tế môi trường hoàn tiến độ nội dung cáo xử tăng cường kiểm tra
    giám sát cũng hơn đúng chưa đây việt nam độc lập tự do hạnh phúc cộng hòa hoà
    chủ nghĩa tiếp tục đối với nhằm bằng mức vốn dự án địa phương tốt đạt kịp
    thời hạn trước sở ngành liên lãnh nhà nước số lượng chất xã hội ngân sách
    tài chính nguồn thu chi hộ nghèo gia đình học sinh trường mầm non tiểu bệnh
    viện kinh phí đường giao thông thủy thuỷ lợi điện nước sạch rác thải đô
    những còn nhiều ít vẫn đang sẽ phải hay hoặc nếu thì mà nên rằng tuy nhiên
    qua ở tới lên xuống cùng nhau mình họ chúng ta tôi nó
    """.split()
)

# Letters the score accepts inside a word: ASCII letters and Vietnamese letters.
_NON_VIET_LETTER = re.compile(
    "[^a-zA-Z" + "".join(sorted(_VIET_LETTERS)) + "]"
)
# Characters that are fine anywhere; everything else counts as a "bad" char
# (mojibake glyphs like « ¸ µ, control codes, U+FFFD, stray combining marks).
_BAD_CHAR = re.compile(
    "[^\t\n\r\x0b\x0c\x20-\x7e" + re.escape(_OK_PUNCT) + "".join(sorted(_VIET_LETTERS)) + "]"
)
_WORD = re.compile(r"[^\W\d_]+")

# Scoring reads at most this much text: enough to be decisive on any notice,
# bounded so a huge file costs no more than a normal one.
_SCORE_SAMPLE = 20_000


def _word_stats(text: str) -> tuple[float, float]:
    """(score, share of words that are common Vietnamese syllables) of ``text``."""
    sample = unicodedata.normalize("NFC", text[:_SCORE_SAMPLE]).lower()
    words = _WORD.findall(sample)
    n = max(len(words), 1)
    common = sum(1 for w in words if w in _COMMON_WORDS)
    foreign = sum(1 for w in words if not w.isascii() and _NON_VIET_LETTER.search(w))
    bad_chars = len(_BAD_CHAR.findall(sample))
    return (2 * common - 3 * foreign - 2 * bad_chars) / n, common / n


def vietnamese_score(text: str) -> float:
    """How much ``text`` reads like Vietnamese: higher is better.

    Per word: +2 for a common Vietnamese syllable, -3 for a word holding a
    letter Vietnamese does not use (VNI's ø ï ñ, Latin ß ð ...); and -2 per
    character that is no letter, digit, ASCII or typographic punctuation
    (TCVN3's « ¸ µ, control codes, U+FFFD, tone marks left uncomposed).
    Text is NFC-composed first, so Windows-1258's combining tone marks score
    like precomposed letters. Scores are only compared between decodings of
    the same input, so the scale is arbitrary.
    """
    return _word_stats(text)[0]


# A legacy conversion must also *gain* common Vietnamese words, not merely get
# rid of foreign letters: VNI turns Spanish "señor" into "seđor" and TCVN3 turns
# German "ö" into "ử", which removes penalties without making Vietnamese.
_MIN_COMMON_GAIN = 0.1


# --------------------------------------------------------------------------
# Single-byte decoders
# --------------------------------------------------------------------------


def _byte_table(codec: str) -> str:
    """256-char table: byte b -> what ``codec`` decodes it to.

    Bytes the codec leaves undefined (cp1252's 0x81, 0x8D, ...) decode to the
    C1 control of the same value, as Windows does; the scorer penalises them.
    """
    chars = []
    for b in range(256):
        try:
            chars.append(bytes([b]).decode(codec))
        except UnicodeDecodeError:
            chars.append(chr(b))
    return "".join(chars)


_CP1252 = _byte_table("cp1252")
_CP1258 = _byte_table("cp1258")


def _decode_table(data: bytes, table: str) -> str:
    # latin-1 turns byte b into chr(b), then translate looks chr(b) up in table.
    return data.decode("latin-1").translate(table)


@dataclass(frozen=True)
class _Legacy:
    """A legacy font encoding: how its glyphs, read as cp1252/latin-1, map to Unicode."""

    name: str  # value for Decoded.encoding
    label: str  # for warnings
    single: dict[int, str]  # one-glyph entries, for str.translate
    multi: re.Pattern[str] | None  # VNI's base+mark pairs (and its singles), one pass
    multi_map: dict[str, str]
    signals: frozenset[str]  # glyphs of this encoding that no real Unicode notice uses

    def convert(self, surface: str) -> str:
        if self.multi is None:
            return surface.translate(self.single)
        # One left-to-right pass: a pair's output ("où" -> "ó") must never be
        # re-read as a single glyph ("ó" is ĩ in VNI), so pairs and singles
        # share one alternation, pairs first.
        return self.multi.sub(lambda m: self.multi_map[m.group()], surface)


# VNI entries viparse 0.1.31 lacks; the two VNI tables in xvnkb (vni.h) and a
# C# VNI->Unicode converter agree: breve + hook is "ú", y + dot below is "î".
_VNI_ADDITIONS = [("aú", "ẳ"), ("AÚ", "Ẳ"), ("î", "ỵ"), ("Î", "Ỵ")]


def _make_legacy(name: str, label: str, pairs, add_cp1252_aliases: bool = False) -> _Legacy:
    pairs = dict(pairs)
    if add_cp1252_aliases:
        # VISCII keeps letters at 0x80-0x9F. Text that went through cp1252 shows
        # those bytes as "€", "ƒ", ...; through latin-1 as C1 controls. Accept both.
        for src, dst in list(pairs.items()):
            b = ord(src)
            if len(src) == 1 and 0x80 <= b <= 0x9F and _CP1252[b] != src:
                pairs.setdefault(_CP1252[b], dst)
    single = {ord(k): v for k, v in pairs.items() if len(k) == 1}
    multi = multi_map = None
    if any(len(k) > 1 for k in pairs):
        keys = sorted(pairs, key=len, reverse=True)
        multi = re.compile("|".join(re.escape(k) for k in keys))
        multi_map = pairs
    glyphs = {ch for k in pairs for ch in k}
    signals = frozenset(
        ch for ch in glyphs if ord(ch) > 0x7F and ch not in _VIET_LETTERS and ch not in _OK_PUNCT
    )
    return _Legacy(name, label, single, multi, multi_map or {}, signals)


# TCVN 5712:1993 VN1 (glibc's TCVN5712-1) is TCVN3 plus the toned capitals
# TCVN3 lacks, in bytes TCVN3 leaves to the code page (C0 controls, 0x80-0x9F
# and a few in 0xAF-0xFF), and five combining tone marks. Byte -> letter, from
# glibc's charmap. Read through cp1252 like TCVN3, so keyed on cp1252 glyphs.
_VN1_EXTRA = {
    0x01: "Ú", 0x02: "Ụ", 0x04: "Ừ", 0x05: "Ử", 0x06: "Ữ", 0x11: "Ứ", 0x12: "Ự", 0x13: "Ỳ",
    0x14: "Ỷ", 0x15: "Ỹ", 0x16: "Ý", 0x17: "Ỵ",
    0x80: "À", 0x81: "Ả", 0x82: "Ã", 0x83: "Á", 0x84: "Ạ", 0x85: "Ặ", 0x86: "Ậ", 0x87: "È",
    0x88: "Ẻ", 0x89: "Ẽ", 0x8A: "É", 0x8B: "Ẹ", 0x8C: "Ệ", 0x8D: "Ì", 0x8E: "Ỉ", 0x8F: "Ĩ",
    0x90: "Í", 0x91: "Ị", 0x92: "Ò", 0x93: "Ỏ", 0x94: "Õ", 0x95: "Ó", 0x96: "Ọ", 0x97: "Ộ",
    0x98: "Ờ", 0x99: "Ở", 0x9A: "Ỡ", 0x9B: "Ớ", 0x9C: "Ợ", 0x9D: "Ù", 0x9E: "Ủ", 0x9F: "Ũ",
    0xAF: "Ằ", 0xB0: "\u0300", 0xB1: "\u0309", 0xB2: "\u0303", 0xB3: "\u0301", 0xB4: "\u0323",
    0xBA: "Ẳ", 0xBF: "Ẵ", 0xC0: "Ắ", 0xC1: "Ầ", 0xC2: "Ẩ", 0xC3: "Ẫ", 0xC4: "Ấ", 0xC5: "Ề",
    0xCD: "Ể", 0xD9: "Ễ", 0xDA: "Ế", 0xDB: "Ồ", 0xE0: "Ổ", 0xF0: "Ỗ", 0xFF: "Ố",
}


def _vn1_pairs(tcvn3_pairs) -> list[tuple[str, str]]:
    pairs = dict(tcvn3_pairs)
    for b, ch in _VN1_EXTRA.items():
        pairs[_CP1252[b]] = ch
    return list(pairs.items())


@lru_cache(maxsize=1)
def _legacy_encodings() -> tuple[_Legacy, ...]:
    """The legacy tables, loaded on first need (viparse costs ~50 ms to import).

    TCVN3 comes before VN1: on text without VN1's capitals both read the same,
    and the earlier candidate wins a tie."""
    from viparse.normalize.tcvn3 import TCVN3
    from viparse.normalize.viscii import VISCII
    from viparse.normalize.vni import VNI

    return (
        _make_legacy("tcvn3", "TCVN3 (ABC, .VnTime)", TCVN3.pairs),
        _make_legacy("tcvn5712-vn1", "TCVN 5712 VN1", _vn1_pairs(TCVN3.pairs)),
        _make_legacy("vni", "VNI (VNI-Times)", list(VNI.pairs) + _VNI_ADDITIONS),
        _make_legacy("viscii", "VISCII", VISCII.pairs, add_cp1252_aliases=True),
    )


# --------------------------------------------------------------------------
# TCVN3 capitals
# --------------------------------------------------------------------------

# TCVN3 has capitals only for Ă Â Ê Ô Ơ Ư Đ: a toned capital was typed as the
# lowercase letter in an upper-case font (.VnTimeH), so the bytes say "ờ" where
# the page showed "Ờ". These are the letters that can be such a capital.
_TONED_LOWER = "".join(
    sorted(ch for ch in _VIET_LETTERS if ch.islower() and ch.upper() != ch and ch not in "ăâêôơưđ")
)
_WORD_WITH_TONED = re.compile(r"[^\W\d_]*[" + _TONED_LOWER + r"][^\W\d_]*")
_LETTERS = re.compile(r"[^\W\d_]+")


def _restore_tcvn3_case(text: str) -> tuple[str, int]:
    """Upper-case the toned letters of words whose other letters are capitals.

    "THƯờNG" -> "THƯỜNG". A word with fewer than two other letters ("Vụ", "ý")
    follows its line: upper-cased only if the line's words of three letters or
    more are all capitals, one of them Vietnamese ("BAN THƯỜNG Vụ", not
    "Số -TB/ĐU"). Lengths never change (spans stay valid). Returns the text and
    how many letters were changed."""
    changed = 0
    out = []
    for line in text.split("\n"):
        if not _WORD_WITH_TONED.search(line):
            out.append(line)
            continue
        words = _LETTERS.findall(line)
        others = ["".join(c for c in w if c not in _TONED_LOWER) for w in words]
        long_words = [(o, w) for o, w in zip(others, words) if len(o) >= 3]
        # the line is in capitals: every longer word is, and one is Vietnamese
        # (not only ASCII abbreviations such as "TB-UBND" after "Số")
        line_caps = (
            bool(long_words)
            and all(o.isupper() for o, _ in long_words)
            and any(not w.isascii() for _, w in long_words)
        )

        def fix(m: re.Match) -> str:
            nonlocal changed
            word = m.group()
            rest = "".join(c for c in word if c not in _TONED_LOWER)
            if (len(rest) >= 2 and rest.isupper()) or (len(rest) < 2 and (rest.isupper() or not rest) and line_caps):
                changed += sum(1 for c in word if c in _TONED_LOWER)
                return "".join(c.upper() if c in _TONED_LOWER else c for c in word)
            return word

        out.append(_WORD_WITH_TONED.sub(fix, line))
    return "\n".join(out), changed


# Bytes where VN1 has a capital and TCVN3 nothing, except those the Windows code
# page shows as punctuation (… ‘ ’ “ ” • – — and NBSP), which TCVN3 text does
# hold. One of these decides for VN1: TCVN3 would leave a junk glyph there.
_VN1_DECISIVE = re.compile(
    "["
    + re.escape("".join(_CP1252[b] for b in _VN1_EXTRA if b not in (0x85, 0x91, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97)))
    + "]"
)


def _tcvn_variant(surface: str) -> str:
    """TCVN3 or VN1, for text the scorer found to be one of the two (read as cp1252)."""
    return "tcvn5712-vn1" if _VN1_DECISIVE.search(surface) else "tcvn3"


def _finish_legacy(text: str, name: str, warnings: list[str]) -> str:
    """Font-encoded text: put back the capitals TCVN3 could not store."""
    if name in ("tcvn3", "tcvn5712-vn1"):
        text, n = _restore_tcvn3_case(text)
        if n:
            warnings.append(
                f"{n} toned capital(s) restored (TCVN3 stores them as lowercase letters drawn by a capitals font)"
            )
    return text


def _legacy_from_bytes(data: bytes, enc: _Legacy) -> str:
    # Font-encoded files were written by Windows: the glyph "names" of bytes
    # 0x80-0x9F are cp1252's (smart quotes, ...). VISCII is a real charset whose
    # table is keyed on latin-1, so it reads the bytes as latin-1.
    surface = data.decode("latin-1") if enc.name == "viscii" else _decode_table(data, _CP1252)
    return enc.convert(surface)


# Glyphs of any legacy table that a genuine Unicode notice does not contain.
# Compiled lazily with the tables; the fast path only needs this one regex.
@lru_cache(maxsize=1)
def _signal_re() -> re.Pattern[str]:
    chars = frozenset().union(*(e.signals for e in _legacy_encodings()))
    return re.compile("[" + re.escape("".join(sorted(chars))) + "]")


# Below this many legacy glyphs, valid Unicode text is taken as it is: a stray
# "«" or "°" is punctuation, not a font encoding.
_MIN_SIGNALS = 3
# Legacy font text read as cp1252/latin-1 cannot hold a Vietnamese letter
# beyond U+00FF (ạ ế ư ơ đ ...), while real Unicode prose has one every few
# words. So when such letters outnumber the legacy glyphs by this factor, the
# glyphs are symbols (° ± ² × « »), not mojibake, and scoring is skipped: it is
# the expensive path (three table conversions of the sample). A mixed file
# (a legacy paragraph next to a pasted Unicode one) still has about as many
# glyphs as letters and is scored as before.
_MAX_VIET_LETTERS_PER_SIGNAL = 20
# Both counts read at most this much text (the head decides, as in scoring).
_SIGNAL_WINDOW = _SCORE_SAMPLE * 5
# How much better (in score units) a legacy conversion of valid Unicode text
# must read before we replace the text. Real mojibake gains well over 1.0.
_UNICODE_REPAIR_MARGIN = 0.5


# --------------------------------------------------------------------------
# Binary detection
# --------------------------------------------------------------------------

_MAGIC = [
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (.docx/.xlsx?)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an OLE2 file (.doc/.xls?)"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
]
# C0 controls other than tab, LF, VT, FF, CR and DOS's Ctrl-Z end-of-file mark.
_CONTROL_BYTES = bytes(b for b in range(32) if b not in b"\t\n\x0b\x0c\r\x1a")
_MAX_CONTROL_SHARE = 0.05


def _check_binary(data: bytes) -> None:
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise DecodeError(f"binary file: looks like {what}, not plain text")
    if b"\x00" in data:
        raise DecodeError(
            f"binary file: contains NUL bytes ({data.count(0)} of {len(data)}) "
            "and is not UTF-16/32 with a BOM"
        )
    head = data[:65536]
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    if controls > _MAX_CONTROL_SHARE * len(head):
        raise DecodeError(
            f"binary file: {controls} of the first {len(head)} bytes are control codes"
        )


def _utf16_without_bom(data: bytes) -> str | None:
    """Name of the UTF-16 byte order if ``data`` looks like BOM-less UTF-16.

    Notices are mostly ASCII letters, digits and spaces, so in UTF-16 one byte
    of nearly every pair is NUL, always on the same side.
    """
    if len(data) < 4 or len(data) % 2:
        return None
    head = data[:4096]
    even, odd = head[0::2].count(0), head[1::2].count(0)
    pairs = len(head) // 2
    if odd > 0.3 * pairs and even < 0.02 * pairs:
        return "utf-16-le"
    if even > 0.3 * pairs and odd < 0.02 * pairs:
        return "utf-16-be"
    return None


# --------------------------------------------------------------------------
# Decoding
# --------------------------------------------------------------------------

_BOMS = [
    # UTF-32 first: its LE BOM starts with the UTF-16 LE BOM.
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
]


def decode_bytes(data: bytes) -> Decoded:
    """Decode a notice's raw bytes; see the module docstring for the order of checks."""
    if not data:
        raise DecodeError("empty file")

    for bom, codec in _BOMS:
        if data.startswith(bom):
            body = data[len(bom):]
            try:
                text = body.decode(codec.replace("-sig", ""))
            except UnicodeDecodeError as exc:
                if codec != "utf-8-sig":
                    raise DecodeError(f"undecodable: {codec} BOM but invalid {codec} ({exc})") from exc
                # A UTF-8 BOM on a file that is not UTF-8 (an editor added it):
                # fall through to the single-byte guessers without the BOM.
                result = _decode_single_byte(body)
                result.warnings.insert(0, "UTF-8 BOM present but the content is not valid UTF-8")
                return result
            if not text:
                raise DecodeError("empty file (only a byte-order mark)")
            return _repair_legacy_in_unicode(text, codec)

    nul_warning = None
    if b"\x00" in data:
        codec = _utf16_without_bom(data)
        if codec is not None:
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:
                pass
            else:
                result = _repair_legacy_in_unicode(text, codec)
                result.warnings.insert(0, f"no byte-order mark; decoded as {codec} by its NUL pattern")
                return result
        nuls = data.count(0)
        if nuls <= _MAX_STRAY_NULS and nuls * _STRAY_NUL_RATIO <= len(data) and not _magic(data):
            # a few NULs in an otherwise plain text (a copy or OCR artefact)
            data = data.replace(b"\x00", b"")
            nul_warning = f"{nuls} stray NUL byte(s) removed"
    _check_binary(data)
    if nul_warning:
        result = _decode_text(data)
        result.warnings.insert(0, nul_warning)
        return result
    return _decode_text(data)


# At most this many NULs, and at most one per this many bytes, are taken for
# stray bytes in a text rather than the sign of a binary file.
_MAX_STRAY_NULS = 64
_STRAY_NUL_RATIO = 200


def _magic(data: bytes) -> bool:
    return any(data.startswith(magic) for magic, _ in _MAGIC)


def _decode_text(data: bytes) -> Decoded:
    """Bytes that are neither binary nor marked by a BOM: UTF-8, else a single-byte encoding."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return _decode_single_byte(data)
    return _repair_legacy_in_unicode(text, "utf-8")


def repair_legacy_text(text: str) -> Decoded:
    """Text a converter produced (a .doc, a PDF text layer) holding legacy font glyphs
    ("Th«ng b¸o" from a .VnTime document) converted to Unicode; other text unchanged,
    with encoding "utf-8"."""
    return _repair_legacy_in_unicode(text, "utf-8")


def _repair_legacy_in_unicode(text: str, codec: str) -> Decoded:
    """Valid Unicode text; convert it if it is really TCVN3/VNI/VISCII mojibake.

    The common case costs one regex scan: no legacy glyphs, nothing to do.
    Text with a few symbols among plenty of Unicode-only Vietnamese letters
    costs one more scan.
    """
    signals = len(_signal_re().findall(text, 0, _SIGNAL_WINDOW))
    if signals < _MIN_SIGNALS:
        return Decoded(text, codec, [])
    viet_letters = len(_UNICODE_ONLY_VIET.findall(text, 0, _SIGNAL_WINDOW))
    if viet_letters > signals * _MAX_VIET_LETTERS_PER_SIGNAL:
        return Decoded(text, codec, [])

    base, base_common = _word_stats(text)
    best_score, best = base, None
    for enc in _legacy_encodings():
        score, common = _word_stats(enc.convert(text[:_SCORE_SAMPLE]))
        if score > best_score and common - base_common >= _MIN_COMMON_GAIN:
            best_score, best = score, enc
    if best is None or best_score - base < _UNICODE_REPAIR_MARGIN:
        return _repair_double_utf8(text, codec, base, base_common)
    if best.name in ("tcvn3", "tcvn5712-vn1"):
        variant = _tcvn_variant(text)
        best = next(e for e in _legacy_encodings() if e.name == variant)

    converted, kept = _convert_lines(text, best)
    warnings = [
        f"legacy {best.label} font encoding converted to Unicode "
        f"(the text was valid {codec} but held {best.name} glyphs)"
    ]
    if kept:
        warnings.append(
            f"{kept} line(s) already held Unicode Vietnamese letters and were left as they were "
            "(mixed encodings)"
        )
    converted = _finish_legacy(converted, best.name, warnings)
    return Decoded(converted, best.name, warnings)


# cp1252 character -> the byte it came from, to undo "read as cp1252, saved as UTF-8".
_CP1252_TO_LATIN1 = {ord(ch): b for b, ch in enumerate(_CP1252) if ord(ch) != b}


def _repair_double_utf8(text: str, codec: str, base: float, base_common: float) -> Decoded:
    """Undo double-encoded UTF-8 ("ThÃ´ng bÃ¡o" for "Thông báo"), if that is what this is."""
    try:
        repaired = text.translate(_CP1252_TO_LATIN1).encode("latin-1").decode("utf-8")
    except UnicodeError:  # a character no cp1252 byte produces: not double-encoded
        return Decoded(text, codec, [])
    score, common = _word_stats(repaired)
    if score - base < _UNICODE_REPAIR_MARGIN or common - base_common < _MIN_COMMON_GAIN:
        return Decoded(text, codec, [])
    return Decoded(
        repaired,
        "utf-8-double-encoded",
        [f"double-encoded UTF-8 repaired (the {codec} text was UTF-8 read as cp1252 and saved again)"],
    )


# Vietnamese letters beyond Latin-1 (ạ ế ư ơ đ ...). Legacy font text read as
# cp1252/latin-1 can only produce characters up to U+00FF, so a line holding
# one of these was typed in Unicode and must not be run through a legacy table.
_UNICODE_ONLY_VIET = re.compile(
    "[" + "".join(sorted(ch for ch in _VIET_LETTERS if ord(ch) > 0xFF)) + "]"
)


def _convert_lines(text: str, enc: _Legacy) -> tuple[str, int]:
    """Convert ``text`` line by line, leaving lines that are provably Unicode.

    Valid-Unicode input can mix a pasted Unicode paragraph with legacy text;
    running that paragraph through the TCVN3 table would turn "Thông báo" into
    "Thụng bỏo". Returns the text and how many changeable lines were kept.
    """
    out, kept = [], 0
    for line in text.split("\n"):
        if _UNICODE_ONLY_VIET.search(line):
            converted = enc.convert(line)
            kept += converted != line
            out.append(line)
        else:
            out.append(enc.convert(line))
    return "\n".join(out), kept


_FONT_ENCODINGS = ("tcvn3", "tcvn5712-vn1", "vni", "viscii")
def _mostly_utf8(data: bytes) -> bool:
    """Whether invalid sequences are rare among the non-ASCII text of ``data``."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    good = sum(1 for ch in text if ord(ch) > 0x7F) - bad
    return good >= 10 * bad


# Below this gap between the best and second-best guess, say the guess is shaky.
_UNCERTAIN_GAP = 0.2


def _decode_single_byte(data: bytes) -> Decoded:
    """Bytes that are not UTF-8: try every single-byte reading, keep the most Vietnamese."""
    head = data[: _SCORE_SAMPLE * 2]
    # cp1252 first: when it and Windows-1258 decode the bytes identically (no
    # Vietnamese-only byte in the file), the earlier candidate wins the tie.
    candidates: list[tuple[str, str, Callable[[bytes], str]]] = [
        ("cp1252", "cp1252", lambda d: _decode_table(d, _CP1252)),
        ("windows-1258", "Windows-1258", lambda d: _decode_table(d, _CP1258)),
    ]
    for enc in _legacy_encodings():
        candidates.append((enc.name, enc.label, lambda d, e=enc: _legacy_from_bytes(d, e)))
    if _mostly_utf8(head):
        # A UTF-8 file with a few bad bytes (truncated, one pasted cp1252
        # character) reads best as UTF-8 with replacement characters.
        candidates.append(("utf-8", "UTF-8", lambda d: d.decode("utf-8", errors="replace")))

    heads = [fn(head) for _, _, fn in candidates]
    stats = [_word_stats(h) for h in heads]
    scored = sorted(((score, -i) for i, (score, _) in enumerate(stats)), reverse=True)
    best_i, second_i = -scored[0][1], -scored[1][1]
    if candidates[best_i][0] in _FONT_ENCODINGS:
        # Same guard as for Unicode text: a font encoding must win on Vietnamese
        # words, not only by having got rid of foreign letters.
        charset_i = next(-i for _, i in scored if candidates[-i][0] not in _FONT_ENCODINGS)
        if stats[best_i][1] - stats[charset_i][1] < _MIN_COMMON_GAIN:
            best_i, second_i = charset_i, best_i
    names = [c[0] for c in candidates]
    tcvn_pair = {"tcvn3", "tcvn5712-vn1"}
    if names[best_i] in tcvn_pair:
        # the two differ only in VN1's capitals: a byte rule decides, not the score
        best_i = names.index(_tcvn_variant(_decode_table(data, _CP1252)))
        if names[second_i] in tcvn_pair:
            second_i = best_i
    name, label, fn = candidates[best_i]
    text = fn(data)
    finish: list[str] = []
    if name in _FONT_ENCODINGS:
        text = _finish_legacy(text, name, finish)

    if name == "utf-8":
        bad = text.count("\ufffd")
        warnings = [f"not valid UTF-8: {bad} undecodable byte sequence(s) replaced by U+FFFD"]
    else:
        warnings = [f"decoded as {name} (not valid UTF-8)"]
        if name in _FONT_ENCODINGS:
            warnings.append(f"legacy {label} font encoding converted to Unicode")
    gap = stats[best_i][0] - stats[second_i][0]
    if gap < _UNCERTAIN_GAP and heads[best_i] != heads[second_i]:
        warnings.append(
            f"encoding guess uncertain: {name} and {candidates[second_i][0]} read almost equally well"
        )
    return Decoded(text, name, warnings + finish)


def read_file(path: str | PathLike[str]) -> tuple[bytes, Decoded]:
    """Read ``path`` and decode it. Returns the raw bytes (for hashing) and the result.

    Raises ``OSError`` if the file cannot be read and :class:`DecodeError`
    (message prefixed with the path) if it is not decodable text.
    """
    data = Path(path).read_bytes()
    try:
        return data, decode_bytes(data)
    except DecodeError as exc:
        raise DecodeError(f"{path}: {exc}") from None
