"""The party grammar on real sentences with names it has never seen.

Each own `unit` party of the clause gold (`training/clauses`, real assignment
clauses of Government, ministry and provincial documents) that the clause
writes once is swapped, ten times over, for a body name no list holds
(`tests/fixtures/unlisted_bodies.txt`), and the clause's gold with it. The
sentence frame stays real; only the name is new, as it is in a notice of an
issuer the rules were never written on. A name in a table's cell (alone on its
lines) is wrapped to the width of the cell's column, as the narrow column
would wrap it.

The clause is scored by the clause scorer (SPEC §4 matching) before and after
the swap. A swap may only cost what the rules cannot know: the count of
swapped clauses that score worse than their original is held at or below
``WORSE_CEILING``, which may only fall.

First look, with the rules of 8692077 (before any rule was written for this
probe): 275 of 4,540 swapped clauses scored worse (responsible F1 0.910 on the
originals, 0.896 swapped). The rules written for it since: a locality closing
a list is never a ministry's; an organ that names its locality has no
ministry after a comma; a body's name ends with the proper name that closes
it; a name that holds its own locality takes no other; pyvi's verb tag beside
"và" and a noun is a noun's; a second field predicate and the procedures'
verbs end a name; a preposition opening the predicate's phrase ends it; an
actor of a project takes no locality; a named body has, not is, "có thẩm
quyền".

The same for each own `position` party, swapped five times for an office
holder of the list ("Bí thư Đảng ủy xã Bình Minh"): 31 of 720 worse at the
first look (8692077), ``OFFICE_WORSE_CEILING`` now (an office of a ministry
takes no locality; "cấp tài khoản" and the like issue).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import SHARED
from notice_extract.clauses import load_clauses, match_clause, predict_clause

ROOT = Path(__file__).resolve().parents[1]
CLAUSES = sorted((ROOT / "training" / "clauses").glob("*.jsonl"))
SWAPS_PER_PARTY = 10
WORSE_CEILING = 119  # of 4,540; may only fall
OFFICE_WORSE_CEILING = 25  # of 720; may only fall

_OFFICES = ("Giám đốc", "Chủ tịch", "Trưởng", "Bí thư", "Chánh", "Chỉ huy", "Thủ trưởng")
_WORD = re.compile(r"\w")


def _names(offices: bool = False) -> list[str]:
    """The bodies of the list, or (``offices``) its office holders ("Giám đốc Công an tỉnh")."""
    lines = (Path(__file__).parent / "fixtures" / "unlisted_bodies.txt").read_text(encoding="utf-8").splitlines()
    names = [x.strip() for x in lines if x.strip() and not x.startswith("#")]
    if offices:  # (not "Thủ trưởng các cơ quan, ...", an office over a category)
        return list(dict.fromkeys(n for n in names if n.startswith(_OFFICES) and " các " not in n))
    return list(dict.fromkeys(n for n in names if not n.startswith(_OFFICES)))


def _wrapped(name: str, width: int) -> str:
    lines, cur = [], ""
    for w in name.split():
        if cur and len(cur) + 1 + len(w) > width:
            lines.append(cur)
            cur = w
        else:
            cur = f"{cur} {w}" if cur else w
    return "\n".join(lines + [cur])


def swaps(clauses: list[dict], names: list[str], per_party: int = SWAPS_PER_PARTY, kind: str = "unit"):
    """(original clause, swapped clause) pairs: each own party of ``kind`` written
    once, as a whole word, replaced by the next ``per_party`` names in turn."""
    k = 0
    for cl in clauses:
        text = cl["clause"]
        for party in cl["responsible"]:
            v = party["value"]
            if party.get("inherited") or party["kind"] != kind:
                continue
            # (a second mention, wrapped over lines, would keep the old name)
            if text.count(v) != 1 or " ".join(text.split()).count(" ".join(v.split())) != 1:
                continue
            i = text.index(v)
            j = i + len(v)
            if (i and _WORD.match(text[i - 1])) or (j < len(text) and _WORD.match(text[j])):
                continue
            cell = (i == 0 or text[i - 1] == "\n") and (j == len(text) or text[j] == "\n")
            if cell:
                lines = text.split("\n")
                row = text[:i].count("\n")
                near = [len(x) for x in lines[max(0, row - 2) : row + v.count("\n") + 3] if len(x) < 40]
                width = max(near + [len(x) for x in v.split("\n")])
            for _ in range(per_party):
                name = names[k % len(names)]
                k += 1
                written = _wrapped(name, width) if cell else name
                new = dict(cl, clause=text[:i] + written + text[j:], id=f"{cl['id']}~{k}")
                new["responsible"] = [dict(q, value=name) if q is party else q for q in cl["responsible"]]
                new["responsible_optional"] = [dict(q, value=name) if q["value"] == v else q
                                                for q in cl.get("responsible_optional") or []]
                yield cl, new


def _counts(cl: dict) -> tuple[int, int, int]:
    c = match_clause(cl, predict_clause(cl))[0].counts
    return c.tp, c.fp, c.fn


def _scored(kind: str, names: list[str], per_party: int) -> list[tuple]:
    clauses = load_clauses(CLAUSES)
    before: dict[str, tuple] = {}
    rows = []
    for cl, new in swaps(clauses, names, per_party, kind):
        if cl["id"] not in before:
            before[cl["id"]] = _counts(cl)
        rows.append((cl["id"], new, before[cl["id"]], _counts(new)))
    return rows


def _worse(rows: list[tuple]) -> list[tuple]:
    return [(cid, new["clause"], a, b) for cid, new, a, b in rows if (b[0] - a[0]) - (b[1] - a[1]) - (b[2] - a[2]) < 0]


@pytest.fixture(scope="module")
def scored():
    return _scored("unit", _names(), SWAPS_PER_PARTY)


def test_the_names_are_new_and_the_swaps_many(scored):
    from notice_extract.resources import load_rules

    bodies = load_rules("bodies")
    listed = {b.casefold() for sec in bodies for b in bodies[sec]}
    assert not [n for n in _names() if n.casefold() in listed]
    assert len(scored) >= 4000 and len({r[0] for r in scored}) >= 300  # 4,540 swaps of 342 clauses


def test_a_new_name_costs_a_real_clause_little(scored):
    worse = _worse(scored)
    assert len(worse) <= WORSE_CEILING, "\n".join(f"{c} {a} -> {b}: {t[:160]!r}" for c, t, a, b in worse[:40])


def test_a_new_office_costs_a_real_clause_little():
    # each own position party swapped five times for an office holder of the list
    # ("Bí thư Đảng ủy xã Bình Minh"): 720 swaps; first look (8692077) 31 worse
    rows = _scored("position", _names(offices=True), 5)
    assert len(rows) >= 700
    worse = _worse(rows)
    assert len(worse) <= OFFICE_WORSE_CEILING, "\n".join(f"{c} {a} -> {b}: {t[:160]!r}" for c, t, a, b in worse[:40])


def test_swapped_clauses_score_as_well_as_the_originals(scored):
    def f1(k: int) -> float:
        tp, fp, fn = (sum(r[k][x] for r in scored) for x in range(3))
        return 2 * tp / (2 * tp + fp + fn)

    assert f1(3) >= f1(2) - 0.005  # 0.910 originals, 0.913 swapped (first look: 0.896)


# --- whole real files: the record changes by the name only ----------------------

REAL = sorted((SHARED / "corpus" / "dev").glob("*.txt")) + sorted((SHARED / "corpus" / "assign").glob("*.txt"))
# what a swap may change: where values sit and how sure the rules are of them
_ASIDE = {"confidence", "method", "span", "text", "lines", "admin_unit", "source", "doc_id", "evidence",
          "notice_kind_evidence", "mentions", "warnings", "persons", "citations"}
RECORD_MOVES_CEILING = 0  # of 92 swaps over the 127 files; may only stay


def _reading(x):
    from notice_extract.scoring import norm

    if isinstance(x, dict):
        return {k: _reading(v) for k, v in x.items() if k not in _ASIDE}
    if isinstance(x, list):
        return [_reading(v) for v in x]
    return norm(x).replace("–", "-") if isinstance(x, str) else x  # (the gazetteer's dash and case)


def _renamed(x, old: str, new: str):
    if isinstance(x, str):
        return x.replace(old, new)
    if isinstance(x, list):
        return [_renamed(v, old, new) for v in x]
    if isinstance(x, dict):
        return {k: _renamed(v, old, new) for k, v in x.items()}
    return x


def _unit_parties(rec) -> list[tuple[str, str]]:
    out = []

    def walk(x):
        if isinstance(x, dict):
            if x.get("kind") == "unit" and isinstance(x.get("text"), str) and isinstance(x.get("value"), str):
                out.append((x["text"], x["value"]))
            for v in x.values():
                walk(v)
        elif isinstance(x, list):
            for v in x:
                walk(v)

    walk(rec)
    return out


def _every_mention(text: str, name: str) -> list[int]:
    """Where ``name`` stands as whole words in ``text``; [] when it is also written
    another way (in another case, glued or wrapped), as a renaming would miss that."""
    from notice_extract.textmap import unaccent

    at = [m.start() for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text)]
    squeezed = re.sub(r"\s", "", unaccent(text).casefold())
    return at if squeezed.count(re.sub(r"\s", "", unaccent(name).casefold())) == len(at) else []


def _rename_at(text: str, at: list[int], old: str, new: str) -> str:
    for i in reversed(at):
        text = text[:i] + new + text[i + len(old):]
    return text


def record_swaps(per_name: int = 4):
    """(file, old name, new name, record with the old name renamed, record of the renamed file):
    each unit party the extractor reads whole and written the same way wherever the file
    names it, not a piece of another party's value, nor the body that concluded or chairs."""
    import json

    from notice_extract.pipeline import extract_text

    names, k = _names(), 0
    for path in REAL:
        text = path.read_text(encoding="utf-8", errors="replace")
        rec = extract_text(text, path.stem).model_dump(mode="json")
        found = _unit_parties(rec)
        texts = {t for t, _ in found}
        lead = json.dumps([rec.get("concluded_by"), (rec.get("meeting") or {}).get("chaired_by"), rec.get("issuer")],
                          ensure_ascii=False)
        done = set()
        for t, v in found:
            if t in done or t != v or "\n" in t or len(t.split()) < 2 or not t[:1].isupper() or t in lead:
                continue
            done.add(t)
            words = set(t.split())
            if (any(t != u and t in u for u in texts)  # inside another party's text
                    or any(w != u and words & (set(w.split()) - set(u.split())) for u, w in found if u != t)
                    or any(w == t and u != t for u, w in found)):  # composed from it, or written otherwise too
                continue
            at = _every_mention(text, t)
            if not at:
                continue
            for _ in range(per_name):
                name = names[k % len(names)]
                k += 1
                after = extract_text(_rename_at(text, at, t, name), path.stem).model_dump(mode="json")
                yield path.name, t, name, _renamed(rec, t, name), after


@pytest.mark.skipif(not REAL, reason="../shared/corpus is not here")
def test_a_real_file_with_new_names_reads_the_same():
    # the 127 real dev and assign files, no gold needed: a body the rules read, renamed
    # wherever the file names it, changes the record by its name only. First look
    # (rules of 8692077): 8 of 92 records moved beyond the name (an attendee list's
    # province shared back past "Văn phòng Huyện ủy", a heading "2. Yêu cầu đối với X"
    # of 60 characters swallowing its first item, "Chi cục Giám định xây dựng để" cut
    # or run on); now none
    moved, n = [], 0
    for name, old, new, before, after in record_swaps():
        n += 1
        a, b = _reading(before), _reading(after)
        if a != b:
            moved.append(f"{name}: {old} -> {new}: {sorted(f for f in a if a.get(f) != b.get(f))}")
    assert n >= 80
    assert len(moved) <= RECORD_MOVES_CEILING, "\n".join(moved)


# --- whole real files: a person renamed -------------------------------------------

PERSON_MOVES_CEILING = 3  # of 633 renamings over the 127 files; may only fall


def _person_names() -> list[str]:
    lines = (Path(__file__).parent / "fixtures" / "new_person_names.txt").read_text(encoding="utf-8").splitlines()
    return [x.strip() for x in lines if x.strip() and not x.startswith("#")]


@pytest.mark.skipif(not REAL, reason="../shared/corpus is not here")
def test_a_real_file_with_a_person_renamed_reads_the_same():
    # every person the rules read in the 127 real files (written the same way at each
    # mention), renamed three times over with names in the patterns of the country's
    # peoples; the record must change by the name only, the persons' titles included.
    # First look (rules of 8692077): 60 of 633 moved (the Hmông, Jrai and Ê Đê names:
    # family names no list had, the one-letter "A" and "Y" of their names, so a
    # signer was read into the position, "PHÓ GIÁM ĐỐC Giàng A Páo"); now 3 (an OCR'd
    # signature block with the "Y" name, a two-word name in a table row)
    from notice_extract.pipeline import extract_text

    names, k, n, moved = _person_names(), 0, 0, []
    for path in REAL:
        text = path.read_text(encoding="utf-8", errors="replace")
        rec = extract_text(text, path.stem).model_dump(mode="json")
        for person in rec.get("persons") or []:
            old = person["name"]
            if len(old.split()) < 2 or {text[a:b] for a, b in person["mentions"]} != {old}:
                continue
            at = _every_mention(text, old)
            if len(at) != len(person["mentions"]):
                continue
            for _ in range(3):
                new = names[k % len(names)]
                k += 1
                after = extract_text(_rename_at(text, at, old, new), path.stem).model_dump(mode="json")
                before = _renamed(rec, old, new)
                n += 1
                persons = [sorted((_reading(x["name"]), tuple(_reading(x["titles"]))) for x in r["persons"])
                           for r in (before, after)]
                if _reading(before) != _reading(after) or persons[0] != persons[1]:
                    moved.append(f"{path.name}: {old} -> {new}")
    assert n >= 600
    assert len(moved) <= PERSON_MOVES_CEILING, "\n".join(moved)


# --- whole real files: the unit of the issuer block renamed ------------------------

NEW_UNITS = ["Ban Quản lý các khu công nghiệp", "Trung tâm Y tế", "Chi cục Kiểm lâm", "Ban Quản lý dự án đầu tư xây dựng",
             "Đài Phát thanh và Truyền hình", "Bảo hiểm xã hội", "Sở Khoa học và Công nghệ", "Văn phòng Đăng ký đất đai",
             "Trường Cao đẳng Y tế", "Ban Dân tộc", "Thanh tra", "Hội Nông dân", "Liên đoàn Lao động",
             "Quỹ Đầu tư phát triển", "Trung tâm Phục vụ hành chính công", "Ban Tuyên giáo và Dân vận"]


@pytest.mark.skipif(not REAL, reason="../shared/corpus is not here")
def test_a_real_header_with_its_unit_renamed_names_the_new_issuer():
    # the real files whose header prints a unit under its owner ("UBND TỈNH LÀO CAI" /
    # "SỞ CÔNG THƯƠNG"): the unit renamed everywhere (capitals and mixed case) with 16
    # other kinds of unit must be the issuer, with the owner's place. First look (this
    # stop's rules before the fix): 38 of 66 wrong ("Trung tâm Y tế" without its
    # province; "Ủy ban nhân dân tỉnh Lào Cai Bảo hiểm xã hội" as one name); now 0
    from notice_extract.pipeline import extract_text

    k, n, wrong = 0, 0, []
    for path in REAL:
        text = path.read_text(encoding="utf-8", errors="replace")
        issuer = extract_text(text, path.stem).issuer
        if issuer is None or issuer.method != "rule:issuer.header.parent":
            continue
        a, b = issuer.evidence[0]
        caps = text[a:b].strip().rstrip(",")
        mixed = issuer.value[: len(caps)]
        if mixed.upper() != caps.upper():
            continue
        for _ in range(3):
            new = NEW_UNITS[k % len(NEW_UNITS)]
            k += 1
            swapped = re.sub(rf"(?<!\w){re.escape(caps)}(?!\w)", new.upper(), text)
            swapped = re.sub(rf"(?<!\w){re.escape(mixed)}(?!\w)", new, swapped)
            got = extract_text(swapped, path.stem).issuer
            n += 1
            if got is None or _reading(got.value) != _reading(issuer.value.replace(mixed, new)):
                wrong.append(f"{path.name}: {caps} -> {new}: {got.value if got else None}")
    assert n >= 60
    assert not wrong, "\n".join(wrong)
