"""The issuing body (gold/README "Issuer").

1. Read it from the header's issuer block when printed: the upper-case lines
   (or first table cell, or left pdftotext column) above the number. Where the
   block names a parent and the issuer (``UBND TỈNH LÀO CAI`` / ``SỞ CÔNG
   THƯƠNG``, ``ĐẢNG BỘ TỈNH KHÁNH HÒA`` / ``ĐẢNG ỦY XÃ CÔNG HẢI``) the lower
   name is the issuer and the parent gives the province.
2. Else a central issuer its standard symbol names (``QĐ-TTg``, ``TB-VPCP``,
   ``BTC-TCHQ``: ``rules/issuer.yaml`` ``central_symbols``) or a central
   signature (``TM. CHÍNH PHỦ``, the Prime Minister signing in person), with
   ``span: null`` and the number or signature as evidence.
3. Else infer it (``span: null`` + ``evidence``) from the signature (``T/L BAN
   THƯỜNG VỤ`` -> a Party committee, ``TL. CHỦ TỊCH`` -> the UBND), the number's
   symbol (``TB/HU``, ``TB-UBND``), the concluding body named in the subject or
   opening (``Thường trực Huyện ủy``, ``Chủ tịch UBND huyện``), the archive
   office (``Lưu VPHU``) and the locality of the place line.

Canonical values: ``Huyện ủy Tân Yên``, ``UBND huyện Tân Yên``, ``Đảng ủy xã
Công Hải``, ``Sở Công Thương tỉnh Lào Cai``. Province from the text (the
parent body), else from the administrative geography (``geography``) of the
document's date, only where the locality is unambiguous or another unit the
text names decides.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from .. import geography
from ..models import Issuer
from ..resources import load_rules
from ..segment import in_capitals, is_stamp_line
from ..textmap import unaccent
from .context import Context
from .patterns import first_letter_guard
from .header import header_lines, title_of
from .recipients import line_pieces

_LEVELS = {  # printed level word -> (canonical word, rank)
    "TỈNH": "tỉnh",
    "THÀNH PHỐ": "thành phố",
    "HUYỆN": "huyện",
    "QUẬN": "quận",
    "THỊ XÃ": "thị xã",
    "XÃ": "xã",
    "PHƯỜNG": "phường",
    "THỊ TRẤN": "thị trấn",
}
_LEVEL_RE = r"(?P<level>TỈNH|THÀNH PHỐ|HUYỆN|QUẬN|THỊ XÃ|XÃ|PHƯỜNG|THỊ TRẤN)"
_SMALL = {"và", "của", "theo", "về", "số"}
_LEAD_SKIP = 2  # lines that are not the block but may stand above it (page number, page title)


def _organ_guard(organs: str) -> str:
    """The first-letter guard of ``(?:word ?word|...)``; "" for any other shape."""
    m = re.fullmatch(r"\(\?:([^()\[\]\\]*)\)", organs)
    return first_letter_guard(m.group(1).split("|")) if m else ""


def _pairs(raw: dict, section: str) -> dict[str, tuple[str, str]]:
    """A ``name: [value, body code]`` section, checked at load: an unquoted
    value with a comma ("Bộ Văn hóa, Thể thao và Du lịch") would split in two."""
    out = {}
    for key, v in raw[section].items():
        if not (isinstance(v, list) and len(v) == 2 and all(isinstance(x, str) for x in v)):
            raise ValueError(f"rules/issuer.yaml {section}.{key}: expected [value, body code], got {v!r} (quote a value with a comma)")
        out[" ".join(str(key).split())] = (v[0], v[1])
    return out


@lru_cache(maxsize=1)
def _rules() -> dict:
    raw = load_rules("issuer")
    heads = sorted((h.split() for h in raw["body_heads"]), key=len, reverse=True)
    return {
        "heads": heads,
        "not_issuer": re.compile(raw["not_issuer"]),
        "motto": re.compile(r"(?:^|\s)" + raw["motto"], re.I),
        "level_variant": re.compile(
            r"^((?:ỦY BAN NHÂN DÂN|UBND|HĐND|HỘI ĐỒNG NHÂN DÂN|ĐẢNG BỘ)\s+)("
            + "|".join(map(re.escape, raw["level_variants"])) + r")(?=\s)"
        ),
        "level_variants": raw["level_variants"],
        "party_levels": [(re.compile(p, re.I), code, word) for p, code, word in raw["party_levels"]],
        # "<organ> <committee>" for every committee pattern in one regex (group
        # p<i> = pattern i): one scan of the text instead of one per pattern.
        "organ_committee": re.compile(
            _organ_guard(raw["party_organs"])
            + raw["party_organs"]
            + r"\s+(?:"
            + "|".join(f"(?P<p{i}>{p})" for i, (p, _, _) in enumerate(raw["party_levels"]))
            + ")",
            re.I,
        ),
        "organs": raw["party_organs"],
        "central": _pairs(raw, "central_bodies"),
        "central_symbols": _pairs(raw, "central_symbols"),
        "central_signers": _pairs(raw, "central_signers"),
        "party_symbols": raw["party_symbols"],
        "archive": raw["archive_offices"],
        "standing_organs": {" ".join(w.split()) for w in raw["standing_organs"]},
        "named_unit": re.compile(r"^(?:" + "|".join(map(re.escape, raw["named_unit_heads"])) + r")\s"),
    }


# Bodies named "<head> <level> <place>" -> (pattern, the head as the value writes
# it, body code of a province's, a district's and a commune's). A People's
# Council's standing committee printed under it ("HỘI ĐỒNG NHÂN DÂN / TỈNH HÀ
# TĨNH / THƯỜNG TRỰC") is the council's, as a Party notice of the Ban Thường vụ
# is the committee's (gold README "Issuer").
_PLACE_BODIES = [
    (re.compile(r"^(?:" + heads + r")\s+" + _LEVEL_RE + r"\s+(?P<name>.+?)" + tail + "$"), head, bodies)
    for heads, tail, head, bodies in [
        ("ỦY BAN NHÂN DÂN|UBND", "", "UBND", ("ubnd_tinh", "ubnd_huyen", "ubnd_xa")),
        ("HỘI ĐỒNG NHÂN DÂN|HĐND", r"(?:\s+THƯỜNG TRỰC(?:\s+(?:HĐND|HỘI ĐỒNG NHÂN DÂN))?)?", "HĐND",
         ("hdnd_tinh", "hdnd_huyen", "hdnd_xa")),
        ("CÔNG AN", "", "Công an", ("cong_an",) * 3),  # "BỘ CÔNG AN / CÔNG AN TỈNH ĐẮK LẮK"
        ("ỦY BAN MẶT TRẬN TỔ QUỐC(?: VIỆT NAM)?|ỦY BAN MTTQ(?: VIỆT NAM| VN)?|ỦY BAN MTTQVN|UBMTTQ(?:VN)?", "",
         "Ủy ban Mặt trận Tổ quốc Việt Nam", ("mttq",) * 3),
    ]
]

_ACRONYMS = {"UBND", "HĐND", "MTTQ", "TW", "CP", "VN"}


def _title(s: str) -> str:
    """Upper-case place or body name -> title case ("KHÁNH HÒA" -> "Khánh Hòa")."""
    out = []
    for i, w in enumerate(s.split()):
        if i and w.lower() in _SMALL:
            out.append(w.lower())
        elif re.search(r"[\d/]", w) or w.strip(",.") in _ACRONYMS:
            out.append(w)  # numbers, symbols (1050/QĐ-SCT), acronyms stay
        else:
            out.append(w[:1].upper() + w[1:].lower())
    return " ".join(out)


def _sentence(s: str) -> str:
    """Upper-case common-noun name -> sentence case, symbols kept."""
    words = _title(s).split()
    return " ".join([words[0]] + [w if re.search(r"[\d/]", w) or w in _ACRONYMS else w.lower() for w in words[1:]])


_COMMITTEE_LEVEL = {"huyện": "huyện", "quận": "quận", "thị": "thị xã", "thành": "thành phố", "tỉnh": "tỉnh"}


def _level_of(value: str, locality: str) -> str | None:
    """The level word the canonical value gives its locality: ``UBND huyện X``,
    ``Đảng ủy xã X`` -> the printed word; ``Huyện ủy X``, ``Thị ủy X`` -> huyện,
    thị xã; else None (a locality of unknown level is not looked up)."""
    m = re.search(
        r"\b(tỉnh|thành phố|huyện|quận|thị xã|xã|phường|thị trấn) " + re.escape(locality) + r"$", value, re.I
    )
    if m:
        return m.group(1).lower()
    m = re.match(r"(Huyện|Quận|Thị|Thành|Tỉnh) ủy " + re.escape(locality) + r"$", value)
    return _COMMITTEE_LEVEL[m.group(1).lower()] if m else None


def _province_of(ctx: Context, value: str, locality: str | None) -> str | None:
    """The province of the issuer's locality in the geography of the document's
    date; null when the name is unknown or ambiguous and no other unit the text
    names decides (a district of that name in two provinces)."""
    if not locality:
        return None
    level = _level_of(value, locality)
    if level is None:
        return None
    date = ctx.record.issue_date.value if ctx.record.issue_date else None
    unit = geography.resolve(locality, level, date, context=lambda: geography.named_units(ctx.doc.text))
    return unit.province if unit else None


# --- 1. the printed issuer block --------------------------------------------------------


def _block_tokens(ctx: Context) -> list[tuple[str, int, int]]:
    """Upper-case words of the header's issuer block with working-text offsets."""
    lines, cue = ctx.doc.lines, _rules()
    toks: list[tuple[str, int, int]] = []
    title = title_of(ctx)[0]
    skipped = 0
    for n in _block_lines(ctx):
        if title is not None and n >= title:
            break
        line = lines[n - 1]
        pieces = line_pieces(line)
        if not pieces:
            continue
        a, b = pieces[0]
        piece = line[a:b]
        # the number (its serial may be OCR noise: "Số: Ê§0 /TB-UBND"), a V/v
        # subject or a rule line end the issuer part of a cell
        cut = re.search(r"(?:^|\s)(?:Số[ \t]*[:.]|Số[ \t]*[\d/\-]|S[ỐôổóỏọồÔỔÓỎỌỒ][ \t]*:|V/v\b|-{3,})", piece)
        stop = bool(cut)
        if cut:
            piece = piece[: cut.start()]
            if cut.group(0).strip().startswith("---") and not in_capitals(piece.strip(" *")):
                # "<crawler's page title>. VĂN PHÒNG CHÍNH PHỦ -------": the
                # capitals run right before the rule under the name is the issuer
                # (the last 120 characters only: a name is short, the work bounded)
                off = max(0, len(piece) - 120)
                words = list(re.finditer(r"\S+", piece[off:]))
                k = len(words)
                while k > 0 and in_capitals(words[k - 1].group(0)):
                    k -= 1
                if k < len(words) and sum(c.isalpha() for w in words[k:] for c in w.group(0)) >= 6:
                    a += off + words[k].start()
                    piece = piece[off + words[k].start() :]
        # a two-column row flattened onto one line (OCR): the national heading
        # in the right column ends the issuer's cell
        motto = cue["motto"].search(piece)
        if motto and motto.start() > 0 and piece[: motto.start()].strip(" *|"):
            piece = piece[: motto.start()]
        piece_s = piece.strip(" *")
        if piece_s and not cue["not_issuer"].search(piece_s):
            if not in_capitals(piece_s) or re.search(r",\s*ngày\b", piece_s):
                if not toks and skipped < _LEAD_SKIP and not re.search(r",\s*ngày\b", piece_s):
                    # above the block: a gazette's page number ("84"), a crawler's
                    # title line ("Công văn 19046/BTC-TCHQ", "# V/v ..."): the block
                    # may still follow, its first upper-case line
                    skipped += 1
                    continue
                break
            ls = ctx.doc.line_starts[n - 1] + a
            for m in re.finditer(r"\S+", piece):
                if m.group(0) == "/":
                    continue  # " / " marks a line break inside a flattened table cell
                toks.append((m.group(0), ls + m.start(), ls + m.end()))
        elif piece_s and toks and cue["not_issuer"].search(piece_s) and not re.search(
            r"CỘNG H|ĐỘC LẬP|ĐẢNG CỘNG SẢN", piece_s
        ):
            break  # a title
        if stop and toks:
            break
        if piece.strip() == "*" and toks:
            break  # the star under a Party issuer
    return toks


def _block_lines(ctx: Context) -> list[int]:
    """The header lines from which the issuer block is read.

    An e-signature or publication stamp (``Ký bởi:``, ``Thời gian ký:``,
    ``TRUNG TÂM CÔNG BÁO VÀ TIN HỌC``, an e-mail, a timestamp, with OCR noise
    around it) may stand above the national heading: the document's own block
    starts below the last stamp line before that heading.
    """
    cue, lines = _rules(), ctx.doc.lines
    nums = header_lines(ctx)
    motto = next((i for i, n in enumerate(nums) if cue["motto"].search(lines[n - 1])), None)
    if motto is None:
        return [n for n in nums if not is_stamp_line(lines[n - 1])]
    last = max((i for i in range(motto) if is_stamp_line(lines[nums[i] - 1])), default=-1)
    return nums[last + 1 :]


def _split_names(toks: list[tuple[str, int, int]]) -> list[list[tuple[str, int, int]]]:
    """Split the block before each body head that follows a complete name."""
    heads = _rules()["heads"]
    names: list[list] = []
    cur: list = []
    cur_head = 0  # length of the current name's head phrase
    words = [t[0].strip(",.") for t in toks]
    i = 0
    while i < len(toks):
        h = next((len(p) for p in heads if words[i : i + len(p)] == p), 0)
        if h and toks[i][0].endswith(",") and words[i + 1 : i + 2] == ["CHỐNG"]:
            h = 0  # "BAN CHỈ ĐẠO PHÒNG, CHỐNG THIÊN TAI": a verb, not the head "PHÒNG"
        complete = cur and len(cur) > cur_head and cur[-1][0] not in ("VÀ", "&", "-", "–")
        if h and complete:
            names.append(cur)
            cur, cur_head = [], 0
        if h and not cur:
            cur_head = h
        cur.extend(toks[i : i + max(h, 1)])
        i += max(h, 1)
    if cur:
        names.append(cur)
    return names


def _canonical(words: list[str], parent: list[str] | None) -> tuple[str, str, str | None, str | None]:
    """(value, body, locality, province) of an upper-case printed name."""
    s = _fix_level(" ".join(words))
    up = s.upper()
    province = None
    if parent:
        pm = re.match(r"^(?:ĐẢNG BỘ|ỦY BAN NHÂN DÂN|UBND|TỈNH ỦY|THÀNH ỦY)\s+(?:TỈNH|THÀNH PHỐ)\s+(.+)$", _fix_level(" ".join(parent)))
        if pm:
            province = _title(pm.group(1))
    for pattern, head, bodies in _PLACE_BODIES:
        m = pattern.match(up)
        if m:
            level, name = m.group("level"), _title(m.group("name"))
            provincial = level == "TỈNH" or (level == "THÀNH PHỐ" and geography.is_central_city(name))
            tier = 0 if provincial else 2 if level in ("XÃ", "PHƯỜNG", "THỊ TRẤN") else 1
            return f"{head} {_LEVELS[level]} {name}", bodies[tier], name, (name if provincial else province)
    m = re.match(r"^(?P<kind>HUYỆN|QUẬN|THỊ|TỈNH|THÀNH) ỦY(?:\s+(?P<name>.+))?$", up)
    if m:
        name = _title(m.group("name")) if m.group("name") else None
        word = m.group("kind").capitalize() + " ủy"
        provincial = m.group("kind") == "TỈNH" or (m.group("kind") == "THÀNH" and bool(name) and geography.is_central_city(name))
        body = "tinh_uy" if provincial else "huyen_uy"
        return (f"{word} {name}" if name else word), body, name, (name if provincial else province)
    m = re.match(r"^ĐẢNG ỦY\s+(?:" + _LEVEL_RE + r"\s+)?(?P<name>.+)$", up)
    if m:
        name = _title(m.group("name"))
        level = _LEVELS.get(m.group("level") or "", "")
        return f"Đảng ủy {level + ' ' if level else ''}{name}", "dang_uy", name, province
    central = _rules()["central"].get(" ".join(up.split()))
    if central:
        return central[0], central[1], None, None
    if up.startswith("BỘ "):
        return _spelled("Bộ " + _title(s[3:])), "bo", None, None
    if up.startswith("SỞ "):
        name = _spelled("Sở " + _title(s[3:]))
        loc = province
        return (f"{name} tỉnh {loc}" if loc else name), "so", loc, province
    if up.startswith("VĂN PHÒNG "):
        name = "Văn phòng " + _title(s[10:])
        if parent:
            # an office of a People's Committee printed under it: "UBND HUYỆN X" /
            # "VĂN PHÒNG HĐND VÀ UBND" is the Văn phòng HĐND và UBND huyện X
            owner, _, locality, owner_province = _canonical(parent, None)
            if owner.startswith("UBND ") and locality:
                return f"{name} {owner[5:]}", "van_phong", locality, owner_province or province
        return name, "van_phong", None, province
    if parent and (up == "VĂN PHÒNG" or re.match(r"^BAN\s+\S", up)
                   and re.match(r"^(?:HUYỆN|QUẬN|THỊ|TỈNH|THÀNH) ỦY|^ĐẢNG ỦY", _fix_level(" ".join(parent)))):
        # an organ printed under its owner: "UBND TỈNH X" / "VĂN PHÒNG" is the
        # Văn phòng UBND tỉnh X, "TỈNH ỦY X" / "BAN TUYÊN GIÁO" its Ban Tuyên giáo
        owner, _, locality, owner_province = _canonical(parent, None)
        rest = _sentence(s[4:])
        organ = "Văn phòng" if up == "VĂN PHÒNG" else "Ban " + rest[:1].upper() + rest[1:]
        return f"{organ} {owner}", "van_phong" if up == "VĂN PHÒNG" else "other", locality, owner_province or province
    if parent and up.startswith("BAN "):
        # a board of a People's Committee printed under it ("UBND TỈNH ĐỒNG THÁP" /
        # "BAN CHỈ ĐẠO PHÒNG, CHỐNG THIÊN TAI ..."): the board of that place
        owner, _, locality, owner_province = _canonical(parent, None)
        if owner.startswith("UBND ") and locality:
            rest = _sentence(s[4:])
            name = _spelled("Ban " + rest[:1].upper() + rest[1:]).rstrip(" ,")
            return _of_place(name, owner, locality), "other", locality, owner_province or province
    if up.startswith("BAN ") and not parent:
        # "BAN CHỈ ĐẠO QUỐC GIA VỀ ..." -> "Ban Chỉ đạo quốc gia về ...": the
        # head's second word keeps its capital, as the bodies lexicon writes it
        rest = _sentence(s[4:])
        return _spelled("Ban " + rest[:1].upper() + rest[1:]), "other", None, province
    if up.startswith("ĐOÀN "):
        return _sentence(s), "doan", None, province
    if up.startswith("HỘI ĐỒNG ") and not up.startswith("HỘI ĐỒNG NHÂN DÂN"):
        # a council under a provincial header: "... CHỈ SỐ CẢI CÁCH HÀNH CHÍNH
        # TỈNH" names its level last; the parent's province completes it
        name = _sentence(s).rstrip(" ,")
        if province and re.search(r"(?:^|\s)(?:tỉnh|thành phố)$", name):
            name = f"{name} {province}"
        return name, "hoi_dong", province, province
    if parent and _rules()["named_unit"].match(up):
        # a unit named after its owner's place, printed under the owner: "SỞ Y TẾ
        # NGHỆ AN" / "BỆNH VIỆN ĐA KHOA TỈNH" is the provincial hospital of Nghệ An
        level = next((w for w in ("thành phố", "thị xã", "tỉnh", "huyện", "quận", "xã", "phường")
                      if up.endswith(" " + w.upper())), None)
        place = _place_of(parent) if level else None
        if place:
            head = _rules()["named_unit"].match(up).group(0).split()
            words = _title(s).split()
            words[1 : len(head)] = [w.lower() for w in words[1 : len(head)]]  # "Bệnh viện", "Tổng công ty"
            value = _spelled(" ".join(words))
            value = value[: len(value) - len(level)] + level  # the level word in lower case
            return f"{value} {place}", "other", place, province or (place if level in ("tỉnh", "thành phố") else None)
    if parent:
        owner, _, locality, owner_province = _canonical(parent, None)
        if owner.startswith("UBND ") and locality:
            # any other unit printed under a People's Committee ("UBND TỈNH LÀO CAI" /
            # "TRUNG TÂM Y TẾ", "BẢO HIỂM XÃ HỘI") is that place's: body + locality (gold README)
            name = _spelled(_title(s)).rstrip(" ,")
            return _of_place(name, owner, locality), "other", locality, owner_province or province
    known = _known_spellings().get(_spelling_key(s))
    if known:
        # a known body whose printed name the branches above did not read:
        # letters split by the crawl ("B Ộ LAO ĐỘNG - THƯƠNG BINH V À X Ã HỘI")
        return known, "bo" if known.startswith("Bộ ") else "other", None, province
    return _title(s), "other", None, province


def _of_place(name: str, owner: str, locality: str) -> str:
    """``name`` of a unit of the People's Committee ``owner`` ("UBND tỉnh Lào Cai")
    with that place: its level and name, unless the printed name already holds them."""
    level = owner[5 : len(owner) - len(locality)].strip()  # "tỉnh", "thành phố", "huyện"
    if name.casefold().endswith(" " + level):
        return f"{name[: len(name) - len(level)]}{level} {locality}"  # "... TỈNH" printed without the name
    if name.casefold().endswith(" " + locality.casefold()):
        return name[: len(name) - len(locality)] + locality  # "... KCN QUẢNG NGÃI": the place's own capitals
    return f"{name} {level} {locality}"


def _place_of(owner: list[str]) -> str | None:
    """The place an owner printed above a unit is of: its own locality ("UBND
    TỈNH X", "TỈNH ỦY X"), else a province named at its end ("SỞ Y TẾ NGHỆ AN")."""
    locality = _canonical(owner, None)[2]
    if locality:
        return locality
    for k in (3, 2, 1):
        if len(owner) > k:
            name = _title(" ".join(owner[-k:]))
            if geography.candidates(name, "tỉnh") or geography.is_central_city(name):
                return name
    return None


@lru_cache(maxsize=1)
def _known_spellings() -> dict[str, str]:
    """Known bodies by their letters alone, the ASCII-dash spelling preferred
    where a name is listed with both dashes."""
    from .parties import _known_bodies

    out: dict[str, str] = {}
    for b in _known_bodies():
        key = _spelling_key(b)
        if key not in out or ("-" in b and "-" not in out[key]):
            out[key] = b
    return out


def _spelling_key(s: str) -> str:
    """Letters only, case-folded: spaces and dashes are where printed names
    differ ("LAO ĐỘNG-THƯƠNG BINH", "Lao động – Thương binh", "B Ộ")."""
    return re.sub(r"[\s\-–]+", "", s).casefold()


def _spelled(name: str) -> str:
    """A known body printed in capitals takes its list spelling ("BỘ XÂY DỰNG" ->
    "Bộ Xây dựng", not "Bộ Xây Dựng"); other names stay title-cased."""
    return _known_spellings().get(_spelling_key(name), name)


def _fix_level(s: str) -> str:
    """``ỦY BAN NHÂN DÂN TÍNH X`` (OCR, one accent off) -> ``... TỈNH X``."""
    cue = _rules()
    return cue["level_variant"].sub(lambda m: m.group(1) + cue["level_variants"][m.group(2)], s)


def _bare(s: str) -> str:
    """Letters without diacritics, case-folded ("Quảng Ngãi" -> "quang ngai")."""
    return unaccent(s).casefold()


def _from_header(ctx: Context) -> Issuer | None:
    toks = _block_tokens(ctx)
    if not toks:
        return None
    half = len(toks) // 2
    if len(toks) % 2 == 0 and [t[0] for t in toks[:half]] == [t[0] for t in toks[half:]]:
        toks = toks[:half]  # the name printed twice (a gazette repeats the issuer line)
    names = _split_names(toks)
    if len(names) > 1 and " ".join(t[0] for t in names[-1]) in _rules()["standing_organs"]:
        names = names[:-1]  # "ỦY BAN MTTQ VIỆT NAM TỈNH X / BAN THƯỜNG TRỰC": the committee's notice
    own = names[-1]
    parent = names[-2] if len(names) > 1 else None
    value, body, locality, province = _canonical([t[0] for t in own], [t[0] for t in parent] if parent else None)
    if sum(len(w) == 1 and w.isalpha() for w in value.split()) >= 2:
        # letters split by a crawl ("ỦY B AN NHÂN D Â N T HÀNH P HỐ") and no
        # known name absorbed them: an unreadable block, the cues decide
        return None
    place = ctx.record.issue_place.value if ctx.record.issue_place else None
    if place and locality and locality != place and _bare(locality) == _bare(place):
        # OCR dropped the name's diacritics ("TỈNH QUANG NGAI"): the place
        # line spells the same locality in full
        value = value[: len(value) - len(locality)] + place if value.endswith(locality) else value
        province = place if province == locality else province
        locality = place
    if province is None:
        province = _province_of(ctx, value, locality)
    # the span covers the issuer's own name when it sits on one line, else its
    # first piece; every piece is evidence
    pieces = _line_runs(ctx, own)
    text, span = ctx.doc.ground(*pieces[0])
    evidence = [ctx.doc.source_span(a, b) for a, b in pieces]
    if parent:
        evidence += [ctx.doc.source_span(a, b) for a, b in _line_runs(ctx, parent)]
    return Issuer(
        value=value,
        body=body,
        locality=locality,
        province=province,
        text=text,
        span=span,
        evidence=evidence,
        method="rule:issuer.header" + (".parent" if parent else ""),
        confidence=0.9 if body != "other" else 0.6,
    )


def _line_runs(ctx: Context, toks: list[tuple[str, int, int]]) -> list[tuple[int, int]]:
    runs: list[list[int]] = []
    for _, a, b in toks:
        if runs and ctx.doc.line_of(a) == ctx.doc.line_of(runs[-1][1] - 1) and not ctx.doc.text[runs[-1][1] : a].strip():
            runs[-1][1] = b
        else:
            runs.append([a, b])
    return [(a, b) for a, b in runs]


# --- 2. inference ---------------------------------------------------------------------------


def _infer(ctx: Context) -> Issuer | None:
    cue, rec, text = _rules(), ctx.record, ctx.doc.text
    evidence: list[tuple[int, int]] = []
    sources: list[str] = []

    # Votes: each cue counts once, with a weight; the Party side also names
    # its committee (huyen_uy / tinh_uy / dang_uy), the state side its level.
    party = 0
    state = 0
    party_codes: Counter = Counter()
    state_level: str | None = None
    state_text_only = False  # the state side's one cue is a mention in the body

    def cite(span, source):
        if span:
            evidence.append(span)
            sources.append(source)

    sig = rec.signature  # filled before the issuer by the pipeline
    if sig and (sig.on_behalf_of or sig.mode):
        behalf = (sig.on_behalf_of or "").upper()
        part = sig.parts.get("on_behalf_of") or sig.parts.get("mode")
        if re.search(r"THƯỜNG VỤ|THƯỜNG TRỰC|CHẤP HÀNH", behalf) or (sig.mode or "").startswith(("T/", "K/")):
            party += 2
            cite(part.span if part else None, "signature")
        elif re.search(r"CHỦ TỊCH|ỦY BAN NHÂN DÂN", behalf):
            state += 2
            cite(part.span if part else None, "signature")

    num = rec.number
    if num and num.symbol:
        sym = num.symbol.upper()
        m = re.search(r"/([A-ZĐ]{2,3})$", sym)
        if m and m.group(1) in cue["party_symbols"]:
            party += 2
            party_codes[cue["party_symbols"][m.group(1)]] += 2
            cite(num.span, "symbol")
        elif sym.endswith("-UBND"):
            state += 2
            cite(num.span, "symbol")

    # the concluding body: in the subject (weight 2), else anywhere in the text
    # (weight 1, the most frequent committee only)
    zones = []
    if rec.subject and rec.subject.span:
        zones.append((ctx.doc.working_offset(rec.subject.span[0]), ctx.doc.working_offset(rec.subject.span[1]), 2))
    # the text before the tail: a body named only in "Nơi nhận" (a recipient)
    # is never a cue for the issuer
    tail = ctx.layout.tail_start
    zones.append((0, ctx.line_bounds(tail)[0] if tail else len(text), 1))
    levels = cue["party_levels"]
    for a, b, weight in zones:
        # Per pattern: its match count and first match. A match starts at an
        # organ and the committee words differ from the first word on, so the
        # one scan finds exactly the matches of the per-pattern scans.
        counts = [0] * len(levels)
        firsts: list = [None] * len(levels)
        for m in cue["organ_committee"].finditer(text, a, b):
            i = int(m.lastgroup[1:])
            counts[i] += 1
            if firsts[i] is None:
                firsts[i] = (m.start(), m.end())
        # tallied in pattern order, as the per-pattern scans did: the first
        # match of a code is its first pattern's, and ties keep that order
        hits: Counter = Counter()
        first: dict = {}
        for (_, code, _), n, f in zip(levels, counts, firsts):
            if n:
                hits[code] += n
                first.setdefault(code, f)
        if hits:
            code = hits.most_common(1)[0][0]
            party += weight
            party_codes[code] += weight
            if weight == 2 or not any(x in sources for x in ("subject",)):
                cite(ctx.doc.source_span(*first[code]), "subject" if weight == 2 else "text")
        m = re.search(r"Chủ ?tịch\s+(?:UBND|Ủy ban nhân dân)\s+(tỉnh|huyện|quận|thị xã|thành phố|xã|phường|thị trấn)\b", text[a:b], re.I)
        if m and state_level is None:
            state += weight
            state_text_only = state == weight == 1
            state_level = m.group(1).lower()
            cite(ctx.doc.source_span(a + m.start(), a + m.end()), "subject" if weight == 2 else "text")
    for r in rec.recipients or []:
        if r.archive and r.value.upper() in cue["archive"]:
            party += 1
            party_codes[cue["archive"][r.value.upper()]] += 1

    if party > state and party_codes:
        body = party_codes.most_common(1)[0][0]
        word = {"huyen_uy": "Huyện ủy", "tinh_uy": "Tỉnh ủy", "dang_uy": "Đảng ủy"}[body]
    elif state > party:
        if state_text_only:
            # "Chủ tịch UBND tỉnh" only in the body: a central decision names
            # the provinces' chairs as addressees; no cue the document is theirs
            return None
        level = state_level or _most_common_level(text, r"(?:UBND|Ủy ban nhân dân)")
        if level is None:
            return None
        body = "ubnd_tinh" if level == "tỉnh" else "ubnd_xa" if level in ("xã", "phường", "thị trấn") else "ubnd_huyen"
        word = f"UBND {level}"
    else:
        return None  # no cue, or the cues disagree evenly

    locality = None
    if rec.issue_place and rec.issue_place.value:
        locality = rec.issue_place.value
        cite(rec.issue_place.span, "place")
    else:
        level_word = {"huyen_uy": "huyện", "tinh_uy": "tỉnh", "dang_uy": "xã"}.get(body) or word.split()[-1]
        locality, span = _named_locality(ctx, level_word)
        if locality:
            cite(span, "text")
    if body == "dang_uy" and locality:
        value = f"Đảng ủy xã {locality}"
    else:
        value = f"{word} {locality}" if locality else word
    province = _province_of(ctx, value, locality)
    return Issuer(
        value=value,
        body=body,
        locality=locality,
        province=province,
        text=None,
        span=None,
        evidence=[e for e in evidence if e],
        method="infer:issuer." + "+".join(dict.fromkeys(sources)),
        confidence=0.7 if len(set(sources)) >= 3 else 0.55,
    )


def _named_locality(ctx: Context, level: str) -> tuple[str | None, tuple[int, int] | None]:
    """The most often named ``huyện X`` in the text (the notice's own place):
    the capitalised words right after the level word."""
    text = ctx.doc.text
    found: list[tuple[str, int, int]] = []
    for m in re.finditer(r"(?<![\wÀ-ỹ])" + level + r"\s+", text):
        words = list(re.finditer(r"[^\W\d_]+", text[m.end() : m.end() + 60]))
        run = []
        for w in words:
            gap = text[m.end() + (run[-1].end() if run else 0) : m.end() + w.start()]
            if not w.group(0)[:1].isupper() or (run and gap != " ") or (not run and gap) or len(run) == 4:
                break
            run.append(w)
        if run:
            a, b = m.end() + run[0].start(), m.end() + run[-1].end()
            found.append((text[a:b], a, b))
    if not found:
        return None, None
    best = Counter(f[0] for f in found).most_common(1)[0][0]
    _, a, b = next(f for f in found if f[0] == best)
    return best, ctx.doc.source_span(a, b)


def _most_common_level(text: str, head: str) -> str | None:
    hits = re.findall(head + r"\s+(tỉnh|huyện|quận|thị xã|thành phố|xã|phường|thị trấn)\b", text)
    return Counter(h.lower() for h in hits).most_common(1)[0][0] if hits else None


def _central(ctx: Context) -> Issuer | None:
    """A central issuer named by the number's symbol ("QĐ-TTg", "VPCP-KGVX",
    "BTC-TCHQ") or by the signature ("TM. CHÍNH PHỦ", the Prime Minister
    signing in person), for a document whose issuer block was not read: local
    bodies share their symbols ("TB-UBND"), central ones do not."""
    cue, rec = _rules(), ctx.record
    num = rec.number
    if num and num.symbol:
        for part in re.split(r"[-/]", num.symbol):
            hit = cue["central_symbols"].get(part)
            if hit:
                return _inferred(hit, [num.span], "symbol")
    sig = rec.signature
    if sig:
        behalf = " ".join((sig.on_behalf_of or "").upper().split())
        hit = cue["central"].get(behalf) if sig.mode == "TM." else None
        part = sig.parts.get("on_behalf_of")
        if hit is None and not sig.mode:
            hit = cue["central_signers"].get(" ".join((sig.position or "").upper().split()))
            part = sig.parts.get("position")
        if hit:
            return _inferred(hit, [part.span if part else None], "signature")
    return None


def _inferred(hit: tuple[str, str], evidence: list, source: str) -> Issuer:
    value, body = hit
    return Issuer(value=value, body=body, locality=None, province=None, text=None, span=None,
                  evidence=[e for e in evidence if e], method=f"infer:issuer.central.{source}", confidence=0.7)


@lru_cache(maxsize=1)
def symbol_issuers() -> dict[str, str]:
    """Number-symbol part -> the issuer it names: a central body's standard code
    (rules/issuer.yaml ``central_symbols``: "TTg" -> "Thủ tướng Chính phủ"), a
    Party committee's ("HU" -> "party"), a People's Committee's ("UBND" -> "ubnd")."""
    rules = _rules()
    out = {code: value for code, (value, _body) in rules["central_symbols"].items()}
    out.update({code: "party" for code in rules["party_symbols"]})
    out["UBND"] = "ubnd"
    return out


def extract_issuer(ctx: Context) -> Issuer | None:
    return _from_header(ctx) or _central(ctx) or _infer(ctx)
