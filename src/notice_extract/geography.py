"""Vietnamese administrative geography, from the ``vietnamadminunits`` package.

Notices span 2015-2026. Before 1 July 2025 a locality sits in the 63-province
geography with districts (tỉnh / huyện / xã); from that day in the
34-province geography without districts (tỉnh / xã). The package ships both as
one SQLite file (``admin_units_legacy``: 10,035 communes of 696 districts in 63
provinces, as they stood just before the reorganisation; ``admin_units``: 3,321
communes of the 34 provinces) and the 2025 province conversion
(``converter_2025.json``). Nothing is downloaded: the data is read from the
installed package, read-only, on first use, then kept for the process.

The package's own ``__init__`` imports shapely, geopy and its address parser
(0.7 s per process); this module reads the same shipped files directly, so a
lookup costs microseconds and the import nothing.

``resolve("Tân Yên", "huyện", date="2019-04-11")`` ->
``AdminUnit(level="huyện", name="Tân Yên", district=None, province="Bắc Giang", code="...")``.
A name that exists in several places is resolved only when another unit the
text names (``context``) tells which; otherwise the fields the candidates
disagree on (province, district, code) are null.
"""

from __future__ import annotations

import importlib.util
import json
import re
import sqlite3
import sys
import typing
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable, Iterator, Optional

from pydantic import BaseModel

from .models import AdminUnit, Party, Record
from .textmap import normalise_tone, unaccent

REFORM_DATE = "2025-07-01"  # districts abolished, 63 -> 34 provinces

PROVINCE_LEVELS = ("tỉnh", "thành phố")
DISTRICT_LEVELS = ("huyện", "quận", "thị xã", "thành phố")
COMMUNE_LEVELS = ("xã", "phường", "thị trấn", "đặc khu")
LEVELS = ("tỉnh", "thành phố", "huyện", "quận", "thị xã", "xã", "phường", "thị trấn", "đặc khu")

# a level word, then a capitalised name of up to five words; "thị xã" before "xã"
_LEVEL_WORDS = r"(?i:thành phố|thị xã|thị trấn|đặc khu|tỉnh|huyện|quận|xã|phường)"
_NAME = r"[A-ZÀ-ỸĐ0-9][\wÀ-ỹ'’-]*(?:[ \t]+[A-ZÀ-ỸĐ0-9][\wÀ-ỹ'’-]*){0,4}"
_NAMED_RE = re.compile(r"(?<![\wÀ-ỹ])(?P<level>" + _LEVEL_WORDS + r")[ \t]+(?P<name>" + _NAME + r")")
# committees whose word names the level: "Huyện ủy Tân Yên", "Thành ủy Đà Nẵng"
_COMMITTEE_RE = re.compile(
    r"(?<![\wÀ-ỹ])(?P<kind>(?i:huyện|tỉnh|thị|thành|quận))[ \t]+(?i:ủy|uỷ)[ \t]+(?P<name>" + _NAME + r")"
)
_COMMITTEE_LEVEL = {"huyện": "huyện", "tỉnh": "tỉnh", "thị": "thị xã", "thành": "thành phố", "quận": "quận"}


@dataclass(frozen=True, slots=True)
class Unit:
    """One administrative unit of one vintage (``legacy`` or ``2025``)."""

    level: str  # tỉnh, thành phố, huyện, quận, thị xã, xã, phường, thị trấn, đặc khu
    name: str  # short name as the package spells it ("Tân Yên")
    district: Optional[str]  # the district of a legacy commune
    province: str  # short province name of its vintage
    code: str  # GSO code of its vintage
    vintage: str
    province_key: str = ""


def key(name: str) -> str:
    """Lookup key: NFC, one tone placement, case-folded, single spaces."""
    s = unicodedata.normalize("NFC", name)
    s = normalise_tone(s).casefold().replace("’", "'")
    return re.sub(r"\s*[-–]\s*", "-", " ".join(s.split()))  # "Bà Rịa - Vũng Tàu" = "Bà Rịa-Vũng Tàu"


def level_word(level: str) -> str:
    return key(level)


# --- data ---------------------------------------------------------------------------------


# the package's alias keys: level word and name, unaccented, no spaces ("xalangioi")
_FORMER_PREFIX = {"thanhpho": "thành phố", "thitran": "thị trấn", "thixa": "thị xã", "phuong": "phường",
                  "huyen": "huyện", "quan": "quận", "xa": "xã"}
_FORMER_WORD = {v: k for k, v in _FORMER_PREFIX.items()}
_FORMER_RE = re.compile("^(?:" + "|".join(_FORMER_PREFIX) + ")[a-z]")


def flat(s: str) -> str:
    """Unaccented, lower-case, letters and digits only ("Lan Giới" -> "langioi")."""
    return re.sub(r"[^a-z0-9]", "", unaccent(s).lower())


def _package_dir() -> Path:
    """The installed package's folder, found without running its ``__init__``."""
    spec = importlib.util.find_spec("vietnamadminunits")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("notice_extract.geography needs the vietnamadminunits package")
    return Path(list(spec.submodule_search_locations)[0])


@dataclass
class _Data:
    units: dict[tuple[str, str], list[Unit]]  # (vintage, name key) -> units of any level
    # unaccented "<level><name>" of a former (merged or renamed) legacy unit -> the
    # units that absorbed it: "xalangioi" -> xã Quang Trung, huyện Tân Yên
    former: dict[str, list[Unit]]
    new_province_of_old: dict[str, str]  # legacy province key -> 2025 short province name


@lru_cache(maxsize=1)
def _data() -> _Data:
    base = _package_dir() / "data"
    con = sqlite3.connect(f"file:{base / 'dataset.db'}?mode=ro", uri=True)
    units: dict[tuple[str, str], list[Unit]] = {}

    def add(u: Unit) -> None:
        units.setdefault((u.vintage, key(u.name)), []).append(u)

    si = sys.intern  # the same province, district and level strings recur on every row

    def plevel(full: str) -> str:
        return "thành phố" if full.startswith("Thành phố") else "tỉnh"

    try:
        seen_p: set = set()
        seen_d: set = set()
        former: dict[str, list[Unit]] = {}
        for row in con.execute(
            "SELECT province, provinceShort, provinceCode, provinceKey, districtShort, districtType,"
            " districtCode, wardShort, wardType, wardCode, districtAlias, wardAlias FROM admin_units_legacy"
        ):
            prov, pshort, pcode, pkey, dshort, dtype, dcode, wshort, wtype, wcode, dalias, walias = row
            pshort, pkey, dshort, dtype, wtype = (si(x) if x else x for x in (pshort, pkey, dshort, dtype, wtype))
            if pcode not in seen_p:
                seen_p.add(pcode)
                add(Unit(plevel(prov), pshort, None, pshort, pcode, "legacy", pkey))
            if dcode and dcode not in seen_d:
                seen_d.add(dcode)
                d = Unit(si(dtype.lower()), dshort, None, pshort, dcode, "legacy", pkey)
                add(d)
                for a in json.loads(dalias) if dalias else ():
                    if _FORMER_RE.match(a) and d not in former.setdefault(a, []):
                        former[a].append(d)
            if wcode and wshort and wtype:
                w = Unit(si(wtype.lower()), wshort, dshort, pshort, wcode, "legacy", pkey)
                add(w)
                for a in json.loads(walias) if walias else ():
                    if _FORMER_RE.match(a) and w not in former.setdefault(a, []):
                        former[a].append(w)
        seen_p = set()
        for row in con.execute(
            "SELECT province, provinceShort, provinceCode, provinceKey, wardShort, wardType, wardCode FROM admin_units"
        ):
            prov, pshort, pcode, pkey, wshort, wtype, wcode = row
            pshort, pkey, wtype = (si(x) if x else x for x in (pshort, pkey, wtype))
            if pcode not in seen_p:
                seen_p.add(pcode)
                add(Unit(plevel(prov), pshort, None, pshort, pcode, "2025", pkey))
            if wcode and wshort and wtype:
                add(Unit(si(wtype.lower()), wshort, None, pshort, wcode, "2025", pkey))
    finally:
        con.close()

    new_short = {u.province_key: u.name for us in units.values() for u in us if u.vintage == "2025" and u.level in PROVINCE_LEVELS}
    with (base / "converter_2025.json").open(encoding="utf-8") as fh:
        conv = json.load(fh)["DICT_PROVINCE"]
    new_of_old = {old: new_short[new] for new, olds in conv.items() if new in new_short for old in olds}
    return _Data(units=units, former=former, new_province_of_old=new_of_old)


# --- lookup -------------------------------------------------------------------------------


def _level_ok(unit_level: str, level: Optional[str]) -> bool:
    if level is None:
        return True
    return unit_level == level


def vintages(date: Optional[str]) -> tuple[str, ...]:
    """The geographies a document of that ISO date was written under."""
    if not date:
        return ("legacy", "2025")
    return ("2025",) if date[:10] >= REFORM_DATE else ("legacy",)


@lru_cache(maxsize=65536)
def candidates(name: str, level: Optional[str] = None, date: Optional[str] = None) -> tuple[Unit, ...]:
    """Every unit of that name (and level word, when given) in the document's geography.

    Districts exist only in the legacy data: a district named in a document of
    July 2025 or later is the former district, placed in its 2025 province.
    """
    lv = level_word(level) if level else None
    if lv is not None and lv not in LEVELS:
        return ()
    d = _data()
    k = key(name)
    out: list[Unit] = []
    for v in vintages(date):
        out += [u for u in d.units.get((v, k), ()) if _level_ok(u.level, lv)]
    if date and vintages(date) == ("2025",) and (lv is None or lv in DISTRICT_LEVELS):
        for u in d.units.get(("legacy", k), ()):
            if u.level in DISTRICT_LEVELS and _level_ok(u.level, lv):
                prov = d.new_province_of_old.get(u.province_key)
                if prov:
                    out.append(Unit(u.level, u.name, None, prov, u.code, "legacy", u.province_key))
    if not out and lv in _FORMER_WORD and (lv in DISTRICT_LEVELS or "legacy" in vintages(date)):
        # a former district or commune, merged before 2025 into one the data has:
        # its name as given, placed where the unit that absorbed it lies; no code
        for u in d.former.get(_FORMER_WORD[lv] + flat(name), ()):
            prov = u.province
            if vintages(date) == ("2025",):
                prov = d.new_province_of_old.get(u.province_key) or ""
            district = u.district if _tier(u) == 2 else None
            out.append(Unit(lv, _display(name), district, prov, "", "former", u.province_key))
    if not out and date and lv in PROVINCE_LEVELS:
        # a former province named after the reorganisation ("tỉnh Bắc Giang (cũ)")
        out = [u for u in d.units.get(("legacy", k), ()) if _level_ok(u.level, lv)]
    return tuple(out)


def _tier(u: Unit) -> int:
    """0 province, 1 district, 2 commune (GSO codes have 2, 3 and 5 digits; a
    former unit has none and takes its tier from its level)."""
    if not u.code:
        return 1 if u.level in DISTRICT_LEVELS else 2
    return {2: 0, 3: 1}.get(len(u.code), 2)


def _display(name: str) -> str:
    """A printed name in the data's spelling: one tone placement, upper case titled."""
    s = normalise_tone(unicodedata.normalize("NFC", " ".join(name.split())))
    return " ".join(w[:1].upper() + w[1:].lower() for w in s.split()) if s.isupper() else s


def _contains(outer: Unit, inner: Unit) -> bool:
    """``inner`` lies in ``outer``: a province holds its districts and communes,
    a district its communes."""
    if _tier(outer) == 0:
        return _tier(inner) > 0 and inner.province == outer.name
    if _tier(outer) == 1 and _tier(inner) == 2 and inner.district is not None:
        return inner.district == outer.name and inner.province == outer.province
    return False


def _related(a: Unit, b: Unit) -> bool:
    return _contains(a, b) or _contains(b, a)


def resolve(
    name: str,
    level: Optional[str] = None,
    date: Optional[str] = None,
    context: Iterable[tuple[str, str]] | Callable[[], Iterable[tuple[str, str]]] = (),
) -> Optional[AdminUnit]:
    """The unit a name denotes, or None when the name is not a known unit.

    ``context``: the other units the text names, as (level word, name), or a
    function returning them (called only when the name is ambiguous). When
    several units bear the name, only those related to a context unit (its
    province, its district, a commune of it) are kept; the fields the remaining
    candidates disagree on are null.
    """
    cands = candidates(name, level, date)
    if not cands:
        return None
    if len(cands) > 1 and context:
        others: list[Unit] = []
        for lv, nm in context() if callable(context) else context:
            if key(nm) == key(name) and (level is None or level_word(lv) == level_word(level)):
                continue  # the unit itself
            others += candidates(nm, lv, date)
        kept = [c for c in cands if any(_related(c, o) for o in others)]
        if kept:
            cands = tuple(kept)
    return _merge(cands)


def _merge(cands: tuple[Unit, ...]) -> AdminUnit:
    def agree(attr: str):
        vals = {getattr(c, attr) for c in cands}
        return vals.pop() if len(vals) == 1 else None

    same = len({(c.level, c.name, c.district, c.province, c.code) for c in cands}) == 1
    return AdminUnit(
        level=agree("level"),
        name=cands[0].name if agree("name") else None,
        district=agree("district") if same or agree("province") else None,
        province=agree("province"),
        code=(cands[0].code or None) if same else None,
    )


def _mentions(text: str) -> list[tuple[str, str, int]]:
    """(level word, name, start) of every ``<level> <Name>`` and ``Huyện ủy
    <Name>`` whose name (the longest known prefix of the capitalised run after
    the level word) is a known unit, in text order."""
    out: list[tuple[str, str, int]] = []
    for m in _NAMED_RE.finditer(text):
        if not m.group("name")[0].islower():  # the class range À-Ỹ also holds lower case
            hit = _known_prefix(m.group("level").lower(), m.group("name"))
            if hit:
                out.append((*hit, m.start()))
    for m in _COMMITTEE_RE.finditer(text):
        if not m.group("name")[0].islower():
            hit = _known_prefix(_COMMITTEE_LEVEL[m.group("kind").lower()], m.group("name"))
            if hit:
                out.append((*hit, m.start()))
    return sorted(out, key=lambda t: t[2])


def named_units(text: str) -> list[tuple[str, str]]:
    """(level word, name) of every known unit the text names, in order."""
    return [(lv, nm) for lv, nm, _ in _mentions(text)]


def _known_prefix(level: str, run: str) -> Optional[tuple[str, str]]:
    words = run.split()
    for n in range(len(words), 0, -1):
        nm = " ".join(words[:n])
        if candidates(nm, level):
            return (level, nm)
    return None


def is_central_city(name: str) -> bool:
    """A city under central authority (province level) in either geography."""
    return any(_tier(u) == 0 for u in candidates(name, "thành phố"))


_SPECIFIC = {lv: i for i, lv in enumerate(("xã", "phường", "thị trấn", "đặc khu", "quận", "thị xã", "huyện", "thành phố", "tỉnh"))}
_PLURAL_RE = re.compile(r"(?i:các|những|mỗi|từng|một số)[ \t]+$")


def party_unit(value: str) -> Optional[tuple[str, str]]:
    """The administrative unit a party's value names: its most specific
    ``<level> <Name>`` (``UBND xã Lan Giới, huyện Tân Yên`` -> ("xã", "Lan
    Giới"); ``Huyện ủy Tân Yên`` -> ("huyện", "Tân Yên")). None when it names
    none, or several at that level, or the level word is plural (``các xã``)."""
    found = [(lv, nm) for lv, nm, a in _mentions(value) if not _PLURAL_RE.search(value[:a])]
    if not found:
        return None
    best = min(_SPECIFIC.get(lv, 99) for lv, _ in found)
    at_best = {(lv, key(nm)) for lv, nm in found if _SPECIFIC.get(lv, 99) == best}
    if len(at_best) > 1:
        return None
    return next((lv, nm) for lv, nm in found if _SPECIFIC.get(lv, 99) == best)


def _model_classes(annotation) -> Iterator[type]:
    """The pydantic model classes a field annotation can hold."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
    for arg in typing.get_args(annotation):
        yield from _model_classes(arg)


@lru_cache(maxsize=None)
def _party_fields(cls: type) -> tuple[str, ...]:
    """Fields of a record model through which a Party can be reached, found
    once per class from the annotations (segments, spans, values are skipped)."""
    return tuple(name for name, f in cls.model_fields.items() if any(_holds_party(c) for c in _model_classes(f.annotation)))


@lru_cache(maxsize=None)
def _holds_party(cls: type, _seen: frozenset = frozenset()) -> bool:
    if issubclass(cls, Party):
        return True
    if cls in _seen:
        return False
    return any(
        _holds_party(c, _seen | {cls}) for f in cls.model_fields.values() for c in _model_classes(f.annotation)
    )


def _parties(obj) -> Iterator[Party]:
    """Every Party object inside a record, whatever field holds it."""
    if isinstance(obj, Party):
        yield obj
    elif isinstance(obj, BaseModel):
        for name in _party_fields(type(obj)):
            yield from _parties(getattr(obj, name))
    elif isinstance(obj, list):
        for x in obj:
            yield from _parties(x)


def fill_admin_units(record: Record, text: str) -> None:
    """Set ``admin_unit`` on every party of the record that names an
    administrative unit, in the geography of the document's date (issue date,
    else meeting date). Other units the text names decide an ambiguous name;
    without them the undecided fields stay null. A name the data does not know
    leaves ``admin_unit`` absent."""
    date = record.issue_date.value if record.issue_date and record.issue_date.value else None
    if date is None and record.meeting and record.meeting.date:
        date = record.meeting.date.value
    seen: dict[tuple[str, str], Optional[AdminUnit]] = {}
    context_cache: list[list[tuple[str, str]]] = []

    def context() -> list[tuple[str, str]]:
        if not context_cache:
            context_cache.append(named_units(text))
        return context_cache[0]

    for party in _parties(record):
        if party.admin_unit is not None or party.kind == "person":
            continue
        named = party_unit(party.value)
        if named is None:
            continue
        k = (named[0], key(named[1]))
        if k not in seen:
            seen[k] = resolve(named[1], named[0], date, context=context)
        if seen[k] is not None:
            party.admin_unit = seen[k].model_copy()
