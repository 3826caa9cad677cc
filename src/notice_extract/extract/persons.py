"""Named persons (SPEC §2 ``persons``): every person once, with titles and mentions.

A name is a run of 2-5 capitalised words. It is accepted

* after a cue word (``đồng chí``, ``Đ/c``, ``ông``, ``bà``) unless its first word
  starts a title or a body (``đồng chí Bí thư Huyện ủy``): this route also takes
  names outside the family-name list (``Đ/c Katơr Xung``);
* without a cue only when it starts with a common family name (``rules/persons.yaml``)
  AND stands where names stand: before ``- Title`` / ``, Title``, after a title
  abbreviation (``PTTg Trần Lưu Quang``), or alone on a line or table cell
  (lists, the signature);
* from the signature (``ctx.record.signature``) and from party objects of kind
  ``person`` (meeting, directives).

A name inside a doctrine or campaign (``phong cách Hồ Chí Minh``) or a place
(``đường Trần Hưng Đạo``) is not a person. ``mentions`` are all source spans of
the name, in mixed case or in capitals.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from ..models import Person
from ..resources import load_rules
from ..textmap import lower
from .context import Context

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
# lower-case words allowed inside a title ("Phó Chủ tịch UBND huyện", "Chuyên viên Cơ quan Uỷ ban MTTQ Việt Nam xã")
_TITLE_LOWER = set(
    "huyện tỉnh xã thị trấn phường thành phố quận ủy uỷ ban nhân dân tịch thư trưởng đốc phòng văn chính trị "
    "viên vụ trực thường kiểm tra tuyên giáo vận hội đồng nông thôn mới chánh chủ phó bí xây dựng "
    "đảng của và cơ quan mặt trận quốc ty công an quân sự nghiệp lý kỹ thuật toàn kinh tế hạ tầng môi tài nguyên "
    "năng lượng quản".split()
)


# Finding names is dominated by two whole-text scans that the regex engine
# cannot speed up by itself: the case-insensitive cue alternation (tried at
# every character) and the word-by-word surname lookup. Both now run a cheap
# case-sensitive literal search that finds every place where a match can start,
# then run the original test only there (see ``_starts``), so the hits are the
# ones the full scan would give.
_LETTER = re.compile(r"[^\W\d_]")
_TITLE_SEP = re.compile(r"[ \t]*[-–,(][ \t]*")  # ("bà Phạm Thị Hoa (Phó Giám đốc Sở Nội vụ)")
# a predicate after the title: "Nguyễn Văn An - Giám đốc Sở chủ trì cuộc họp"
_TITLE_STOP = re.compile(r"(?:đồng\s+)?chủ\s+trì|phụ\s+trách|làm\s+việc|phát\s+biểu|kết\s+luận|chỉ\s+đạo(?![^\W\d_])",
                         re.IGNORECASE)
_TITLE_WORD = re.compile(r"[ \t]+(?P<w>[^\s,;.()]+)")
_ALONE_BEFORE = re.compile(r"[\s|*+\-–•.\d)]*")
_ALONE_AFTER = re.compile(r"[\s|,;.]*(?:\|.*)?")
_CELL_AFTER = re.compile(r"[ \t]*(?:\||$)")
_CELL_BEFORE = re.compile(r"(?:^|\|)[^|]*[A-ZĐ]{2,}[^|]*$")
_ABBREV_LIST = re.compile(r"(?:PCN|PTTg|PCT)[^;|\n]*,[ \t]*$")
# How much of a name's line find_names reads on each side (see there).
_LINE_WINDOW = 1000


def _literal_alternation(words) -> re.Pattern:
    """A case-sensitive regex for "one of ``words`` starts here", grouped by first
    character so that the engine skips most positions with a single test."""
    groups: dict[str, set[str]] = {}
    for w in words:
        groups.setdefault(w[0], set()).add(w[1:])
    return re.compile("|".join(
        re.escape(c) + "(?:" + "|".join(map(re.escape, sorted(rest, key=len, reverse=True))) + ")"
        for c, rest in sorted(groups.items())
    ))


def _starts(anchor: re.Pattern, s: str, start: int, end: int):
    """Every offset in [start, end) where ``anchor`` matches ``s``, overlapping ones included."""
    m = anchor.search(s, start, end)
    while m:
        yield m.start()
        m = anchor.search(s, m.start() + 1, end)


@lru_cache(maxsize=1)
def _rules():
    raw = load_rules("persons")
    return (
        set(raw["surnames"]),
        re.compile(raw["name_cues"], re.I),
        set(raw["not_name_words"]),
        re.compile(raw["doctrine_before"], re.I),
        {n.lower() for n in raw["doctrine_names"]},
        re.compile(raw["title_start"], re.I),
        set(raw["not_in_name"]),
        {n.lower() for n in raw["place_names"]},
        re.compile("(?<![^\\W\\d_])" + raw["title_abbrevs"] + r"(?:\s*:)?[ \t]+$"),
        # lower-case first words of the cues, and the family names, as literal searches
        _literal_alternation(raw["name_cue_starts"]),
        _literal_alternation(set(raw["surnames"]) | set(raw["name_prefixes"])),
        set(raw["name_prefixes"]),
        set(raw["name_middle_letters"]),
    )


@dataclass
class NameHit:
    start: int  # working-text offsets of the name
    end: int
    name: str
    title: str | None = None
    title_span: tuple[int, int] | None = None


_WRAP_GAP = re.compile(r"[ \t]*\n[ \t]*(?=[^\W\d_])")  # one line break, no blank line


_PROSE_WIDTH = 30  # characters: a line this long that a name ends is prose (or a title) wrapped at its width


def _wrapped_prose(text: str, start: int, end: int) -> bool:
    line = text.rfind("\n", 0, start) + 1
    return bool(text[line:start].strip()) and len(text[line:end].strip()) >= _PROSE_WIDTH


def _is_cap(w: str) -> bool:
    return w[:1].isupper() and (len(w) == 1 or w[1:].islower())


def is_name_letter(words: list[str], i: int) -> bool:
    """Is the one-letter word ``words[i]`` part of the personal name written by
    the capitalised ``words`` around it: a prefix before two more ("Y Thanh Hà
    Niê Kdăm"), or a middle letter between two ("Giàng A Páo")?"""
    w, prefixes, middles = words[i], _rules()[11], _rules()[12]
    if w in prefixes and len(words) - i >= 3:
        return True
    return w in middles and 0 < i < len(words) - 1


def is_surname(word: str) -> bool:
    """Is ``word`` a Vietnamese family name of rules/persons.yaml ("Trần", "TRẦN")?"""
    return word[:1].upper() + word[1:].lower() in _rules()[0]


def name_at(text: str, pos: int, *, cued: bool) -> NameHit | None:
    """A personal name starting at working offset ``pos`` (see module doc)."""
    surnames, _, not_name, doctrine_before, doctrine_names, _, not_in_name, places, _ = _rules()[:9]
    words: list[re.Match] = []
    p = pos
    while len(words) < 5:
        m = _WORD.match(text, p)
        if not m or not _is_cap(m.group(0)):
            break
        if words and m.group(0) in not_in_name:
            break  # "Nguyễn Văn A Phó Chủ tịch": the title starts
        words.append(m)
        p = m.end()
        if text[p : p + 1] == " " and p + 1 < len(text) and text[p + 1].isupper():
            p += 1
        elif len(words) < 3 and (gap := _WRAP_GAP.match(text, p)) and _wrapped_prose(text, pos, p):
            # a name that a wrapped line cuts ("Phó Chủ tịch UBND Thành phố Bùi Xuân⏎Cường"):
            # only one that began after other words of a line of prose (a
            # signer's line or a table's cell holds the whole name), and
            # before its third syllable
            p = gap.end()
        else:
            break
    # a trailing word glued to the next token ("Huy-" is fine, "HuyPhó" is not a word match)
    if len(words) > 1 and words[-1].group(0) == "Thị":
        words.pop()  # no name ends in "Thị": "... Thị trấn"
    if len(words) < 2:
        return None
    first = words[0].group(0)
    if first in not_name and not (cued and first in surnames and len(words) >= 3):
        return None  # "đồng chí Đoàn Quang Vinh" is a person, "Đoàn Thanh niên" is not
    if not cued and first not in surnames and not is_name_letter([w.group(0) for w in words], 0):
        return None
    if not cued and any(len(w.group(0)) > 7 for w in words):
        return None  # Vietnamese syllables are short; "Nguyễn Trãi" yes, "Nguyễn Company" no
    start, end = words[0].start(), words[-1].end()
    name = " ".join(text[start:end].split())
    before = text[max(0, start - 60) : start]
    if not cued and len(words) == 2 and " ".join(w.group(0) for w in words).lower() in places:
        return None
    d = doctrine_before.search(before)
    if d and not _office_holder_after_level(d.group(0), name, len(words)) or (name.lower() in doctrine_names and not cued):
        return None
    return NameHit(start, end, name)


_LEVELS = r"(?:xã|huyện|tỉnh|phường|quận|thành\s+phố)"  # the level words before a place's name
_LEVEL_BEFORE = re.compile(_LEVELS + r"[\s,]+$", re.I)


@lru_cache(maxsize=1)
def _office_then_level() -> re.Pattern:
    """An office with its body, ending on a level word, right before a name
    ("Phó Chủ tịch UBND tỉnh ", "Chủ tịch Ủy ban nhân dân huyện "): a title from
    ``title_start`` and at most eight more words, none a stop."""
    return re.compile(r"(?<![^\W\d_])(?:" + _rules()[5].pattern + r")(?:[ \t]+[^\s,.;:()]+){0,8}?[ \t]+"
                      + _LEVELS + r"[ \t]+$", re.I)


def _office_before(before: str, name: str) -> tuple[int, int] | None:
    """Where in ``before`` the office (with its body) printed right before
    ``name`` is, when the name is its holder, not a place of that level
    (``_office_holder_after_level``)."""
    m = _office_then_level().search(before)
    if m is None or not _office_holder_after_level(before, name, len(name.split())):
        return None
    return m.start(), m.start() + len(m.group(0).rstrip())


def _office_holder_after_level(before: str, name: str, n_words: int) -> bool:
    """"Phó Chủ tịch UBND tỉnh Trần Văn Bình", "... UBND tỉnh Võ Phiên": a name
    after a level word that the administrative geography does not know as a
    place of that level is the office holder's, not the place's (a place named
    after a person, "xã Trần Phú", is in the geography; two syllables are
    enough, as the geography answers for every place)."""
    m = _LEVEL_BEFORE.search(before)
    if m is None or n_words < 2:
        return False
    from .. import geography

    level = " ".join(m.group(0).rstrip(" ,").lower().split())
    return not geography.candidates(name, level)


def title_after(text: str, end: int) -> tuple[int, int] | None:
    """``- Phó Chủ tịch UBND huyện`` / ``, PCT HĐND huyện`` right after a name."""
    title_start = _rules()[5]
    m = _TITLE_SEP.match(text, end)
    if not m:
        return None
    t = title_start.match(text, m.end())
    if not t:
        return None
    last = t.end()
    p = t.end()
    for _ in range(10):  # at most ten more words
        w = _TITLE_WORD.match(text, p)
        if not w:
            break
        word = w.group("w")
        if not word[:1].isupper() and _TITLE_STOP.match(text, w.start("w")):
            break
        if name_at(text, w.start("w"), cued=False):
            break  # the next person's name: "Phó giám đốc Hoàng Văn Thuân"
        if word[:1].isupper() or word.lower() in _TITLE_LOWER or "&" in word:
            last = p = w.end()
        else:
            break
    return m.end(), last


def cue_end(text: str, pos: int, end: int) -> int | None:
    """Where a cue word before a name (``đồng chí``, ``Đ/c``, ``ông``, ``bà``:
    persons.yaml ``name_cues``) that starts at ``pos`` ends, or None."""
    m = _rules()[1].match(text, pos, end)
    return m.end() if m else None


def _cue_ends(text: str, start: int, end: int):
    """``cue_re.finditer(text, start, end)``, trying the case-insensitive cue only
    where the lower-cased text holds one of its first words (``name_cue_starts``)."""
    cue_re, cue_anchor = _rules()[1], _rules()[9]
    low = lower(text)
    if len(low) != len(text):  # a letter whose lower case is longer ("İ"): offsets would shift
        yield from (m.end() for m in cue_re.finditer(text, start, end))
        return
    pos = start  # finditer semantics: matches do not overlap
    for p in _starts(cue_anchor, low, start, end):
        if p < pos:
            continue
        m = cue_re.match(text, p, end)
        if m:
            yield m.end()
            pos = m.end()


def _is_word_start(text: str, p: int, start: int) -> bool:
    """Would ``_WORD.finditer(text, start)`` start a word at the letter ``p``?"""
    if p == start:
        return True
    if _LETTER.match(text, p - 1):
        return False
    if text[p - 1] not in "'’" or p - 2 < start or not _LETTER.match(text, p - 2):
        return True
    # "d'Nguyễn": the apostrophe may join p to the word before. Rescan from a
    # point no word straddles (rare).
    x = p - 1
    while x > start and (_LETTER.match(text, x - 1) or text[x - 1] in "'’"):
        x -= 1
    for w in _WORD.finditer(text, x):
        if w.start() >= p:
            return w.start() == p
    return False


def _surname_starts(text: str, start: int, end: int):
    """Offsets of the words of ``_WORD.finditer(text, start, end)`` that are family
    names, or a name's prefix ("Y Thanh Hà Niê Kdăm": ``name_at`` asks for the rest)."""
    surnames, surname_anchor, prefixes = _rules()[0], _rules()[10], _rules()[11]
    for p in _starts(surname_anchor, text, start, end):
        w = _WORD.match(text, p, end)
        if w and (w.group(0) in surnames or w.group(0) in prefixes) and _is_word_start(text, p, start):
            yield p


def find_names(ctx: Context, start: int = 0, end: int | None = None) -> list[NameHit]:
    """Cued and placed names in working text [start, end), in order, one hit per mention."""
    from .. import geography

    text = ctx.doc.text
    end = len(text) if end is None else end
    hits: dict[int, NameHit] = {}
    for cue_end in _cue_ends(text, start, end):
        h = name_at(text, cue_end, cued=True)
        if h and h.end <= end:
            hits[h.start] = h
    covered = [(h.start, h.end) for h in hits.values()]
    titles: dict[int, tuple[int, int] | None] = {}  # title_after by name end, computed once

    def title_at(pos: int) -> tuple[int, int] | None:
        if pos not in titles:
            titles[pos] = title_after(text, pos)
        return titles[pos]

    covered.sort()
    longest = max((b - a for a, b in covered), default=0)

    def is_covered(p: int) -> bool:  # any(a <= p < b for a, b in covered), without scanning them all
        i = bisect.bisect_right(covered, (p, float("inf")))  # covered[:i] start at or before p
        while i > 0 and covered[i - 1][0] > p - longest:  # earlier ones end before p
            i -= 1
            if covered[i][1] > p:
                return True
        return False

    for p in _surname_starts(text, start, end):
        if is_covered(p):
            continue
        if p > 0 and (text[p - 1].isalpha()):
            continue
        h = name_at(text, p, cued=False)
        if not h:
            continue
        # the line around the name, read at most _LINE_WINDOW characters each
        # side: all of it on any real notice, bounded on a megabyte-long line
        lo, hi = max(0, h.start - _LINE_WINDOW), h.end + _LINE_WINDOW
        line_start = text.rfind("\n", lo, h.start) + 1 or lo
        line_end = text.find("\n", h.end, hi)
        line_end = min(len(text), hi) if line_end < 0 else line_end
        before = text[line_start : h.start]
        after = text[h.end : line_end]
        alone = _ALONE_BEFORE.fullmatch(before) and _ALONE_AFTER.fullmatch(after)
        cell_end = _CELL_AFTER.match(after) and _CELL_BEFORE.search(before)
        abbrev = _rules()[8].search(before) or _ABBREV_LIST.search(before)
        # a bare two-word run is too often a place, except in the signature block
        in_sig = ctx.layout.kinds[ctx.doc.line_of(h.start) - 1] == "signature"
        placed = (alone or cell_end) and (h.name.count(" ") >= 2 or in_sig)
        if placed and not in_sig and geography.candidates(h.name):
            placed = False  # a place closing a list, not a person: "các xã: Đức Trọng, Đinh Văn Lâm Hà"
        office = _office_before(before, h.name)
        if office is not None and not title_at(h.end):
            # "Phó Chủ tịch UBND tỉnh Nguyễn Văn Lộc": the office, then its holder
            h.title_span = (line_start + office[0], line_start + office[1])
            h.title = " ".join(text[h.title_span[0] : h.title_span[1]].split())
        if title_at(h.end) or placed or abbrev or office is not None:
            hits[h.start] = h
            bisect.insort(covered, (h.start, h.end))
            longest = max(longest, h.end - h.start)
    out = sorted(hits.values(), key=lambda h: h.start)
    for h in out:
        t = title_at(h.end)
        if t:
            h.title_span = t
            h.title = re.sub(r"\s+", " ", text[t[0] : t[1]]).strip()
    return out


def _key(name: str) -> str:
    return " ".join(name.split()).casefold()


def _mixed(name: str) -> str:
    return name if not name.isupper() else " ".join(w.capitalize() for w in name.split())


def _signer(ctx: Context) -> tuple[str | None, str | None]:
    """The signer's name and position from the signature (or the signature lines)."""
    sig = ctx.record.signature
    if sig is not None and sig.signer:
        return sig.signer, sig.position
    # fallback while the signature extractor is absent: a line that is only a name
    text = ctx.doc.text
    lines = ctx.lines_of("signature")
    pos_lines: list[str] = []
    for n in lines[1:]:
        s, e = ctx.line_bounds(n)
        raw = text[s:e].strip(" |*")
        h = name_at(raw.title() if raw.isupper() else raw, 0, cued=False)
        if h and h.end >= len(raw.rstrip(" .")):
            return _mixed(raw), " ".join(pos_lines) or None
        if raw and raw.isupper() and len(raw) < 60:
            pos_lines.append(raw)
    return None, None


def extract_persons(ctx: Context) -> list[Person]:
    text = ctx.doc.text
    people: dict[str, Person] = {}
    order: list[str] = []

    def add(name: str, title: str | None, method: str) -> None:
        name = _mixed(" ".join(name.split()))
        k = _key(name)
        if k not in people:
            people[k] = Person(name=name, method=method, confidence=0.85)
            order.append(k)
        p = people[k]
        if title and title not in p.titles:
            p.titles.append(title)

    for h in find_names(ctx):
        add(h.name, h.title, "rule:person-name")
    signer, position = _signer(ctx)
    if signer:
        add(signer, position, "rule:person-signer")
    parties = []
    if ctx.record.meeting is not None:
        m = ctx.record.meeting
        parties += m.chaired_by + m.counterparts + m.attendees
    for d in ctx.record.directives:
        parties += d.responsible
    for party in parties:
        if party.kind == "person" and party.person is not None:
            add(party.person.name, party.person.title, "rule:person-party")
    # mentions: every occurrence of the name, as printed or in capitals
    found = _mentions(text, {k: {people[k].name, people[k].name.upper()} for k in order})
    for k in order:
        people[k].mentions = sorted({ctx.doc.source_span(a, b) for a, b in found[k]})
    return [people[k] for k in order]


def _mentions(text: str, variants: dict[str, set[str]]) -> dict[str, list[tuple[int, int]]]:
    """For each key, the matches of ``_mention_re(v).finditer(text)`` for each
    of its variants ``v``, in one pass over the text for all of them (a glued
    archive names hundreds of people): a literal search finds every place
    where some variant's first word starts (overlaps included), and each
    variant is tried there only from the end of its own last match, which is
    what its own ``finditer`` would do."""
    found: dict[str, list[tuple[int, int]]] = {k: [] for k in variants}
    by_first: dict[str, list[tuple[str, re.Pattern]]] = {}
    for k, vs in variants.items():
        for v in vs:
            words = v.split()
            if not words:  # matches at every word edge: no first word to look for
                found[k] += [m.span() for m in _mention_re(v).finditer(text)]
                continue
            by_first.setdefault(words[0], []).append((k, _mention_re(v)))
    if not by_first:
        return found
    resume = {}  # (key, pattern) -> where its next match may start
    for p in _starts(_literal_alternation(by_first), text, 0, len(text)):
        for first, tries in by_first.items():
            if not text.startswith(first, p):
                continue
            for k, rx in tries:
                if p < resume.get((k, rx), 0):
                    continue
                m = rx.match(text, p)
                if m:
                    found[k].append(m.span())
                    resume[(k, rx)] = m.end() if m.end() > m.start() else m.end() + 1
    return found


@lru_cache(maxsize=4096)
def _mention_re(variant: str) -> re.Pattern:
    """The words of ``variant`` apart by any spacing, as whole words.

    The "no letter before" test comes after the first word (a look-behind that
    repeats it), so the pattern starts with a literal and the engine scans the
    text with a fast substring search instead of trying every character."""
    words = variant.split()
    if not words:
        return re.compile(r"(?<![^\W\d_])(?![^\W\d_])")
    first = re.escape(words[0])
    rest = "".join(r"\s+" + re.escape(w) for w in words[1:])
    return re.compile(first + r"(?<![^\W\d_]" + first + ")" + rest + r"(?![^\W\d_])")
