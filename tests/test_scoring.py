"""Scorer (SPEC §4) and `evaluate` command: hand-made gold/pred pairs with exact numbers."""

from __future__ import annotations

import copy
import json
import unicodedata

import pytest

from conftest import SHARED
from notice_extract.scoring import (
    ACCURACY_FIELDS,
    HEADLINE_FIELDS,
    Counts,
    directive_score,
    exact_score,
    greedy_match,
    match_list,
    norm,
    ratio_score,
    score_corpus,
    score_document,
)

GOLD_DIR = SHARED / "gold" / "dev"
GOLD_FILES = sorted(GOLD_DIR.glob("*.json"))


def party(value, **kw):
    return {"value": value, "kind": "unit", "role": None, "inherited": False, **kw}


def deadline(kind, start=None, end=None, recurrence=None):
    return {"kind": kind, "start": start, "end": end, "recurrence": recurrence, "inherited": False}


def counts(score, name):
    c = score.counts[name]
    return (c.tp, c.fp, c.fn)


# ---------------------------------------------------------------------------
# normalisation
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "old,new",
    [("Huyện uỷ", "huyện ủy"), ("văn hoá", "văn hóa"), ("toạ đàm", "tọa đàm"), ("khoẻ", "khỏe")],
)
def test_norm_moves_tone_to_first_vowel_of_open_pair(old, new):
    assert norm(old) == new
    assert norm(old) == norm(new)


def test_norm_keeps_closed_syllables_and_qu():
    assert norm("toàn") == "toàn"
    assert norm("quý") == "quý"


def test_norm_nfc_and_case_folding():
    nfd = unicodedata.normalize("NFD", "Đảng Ủy Xã")
    assert nfd != "Đảng Ủy Xã"
    assert norm(nfd) == "đảng ủy xã"
    assert norm("THƯỜNG TRỰC HUYỆN ỦY") == norm("Thường trực Huyện uỷ") == "thường trực huyện ủy"


def test_norm_removes_markdown_whitespace_and_edge_punctuation():
    assert norm("**Ban Tổ chức**  Huyện ủy") == "ban tổ chức huyện ủy"
    assert norm("## THÔNG BÁO") == "thông báo"
    assert norm("__a__ *b*") == "a b"
    assert norm("| Nơi nhận | Ký |") == "nơi nhận ký"
    assert norm("  Phòng Y tế,\n huyện;  ") == "phòng y tế, huyện"
    assert norm("(Công an huyện).") == "công an huyện"
    assert norm("[x]: ") == "x"
    assert norm(None) == ""


@pytest.mark.parametrize(
    "abbr,full",
    [
        ("UBND", "ủy ban nhân dân"),
        ("HĐND", "hội đồng nhân dân"),
        ("MTTQ", "mặt trận tổ quốc"),
        ("BCĐ", "ban chỉ đạo"),
        ("BCD", "ban chỉ đạo"),
        ("NTM", "nông thôn mới"),
        ("Đ/c", "đồng chí"),
        ("PCT", "phó chủ tịch"),
        ("NN&PTNT", "nông nghiệp và phát triển nông thôn"),
        ("TN&MT", "tài nguyên và môi trường"),
        ("TC-KH", "tài chính - kế hoạch"),
        ("KT-HT", "kinh tế - hạ tầng"),
        ("VH&TT", "văn hóa và thông tin"),
        ("VPHU", "văn phòng huyện ủy"),
        ("BTV", "ban thường vụ"),
        ("UV", "ủy viên"),
    ],
)
def test_norm_expands_each_abbreviation(abbr, full):
    assert norm(f"Phòng {abbr} huyện") == f"phòng {full} huyện"


def test_abbreviations_whole_word_case_sensitive_and_normalised():
    assert norm("UBND xã Lan Giới") == norm("Uỷ ban nhân dân xã Lan Giới")  # old tone in text
    assert norm("Văn phòng HĐND&UBND") == "văn phòng hội đồng nhân dân&ủy ban nhân dân"
    assert norm("UBNDX") == "ubndx"  # not a whole word
    assert norm("ubnd huyện") == "ubnd huyện"  # case-sensitive on the abbreviation
    assert norm("Đ/c Nguyễn Thế Huy- PCT HĐND huyện") == (
        "đồng chí nguyễn thế huy- phó chủ tịch hội đồng nhân dân huyện"
    )
    assert norm("Trưởng BCD xã") == norm("Trưởng Ban Chỉ đạo xã")


# ---------------------------------------------------------------------------
# comparisons and matching
# ---------------------------------------------------------------------------


def test_ratio_threshold_is_85():
    assert ratio_score("x" * 17 + "abc", "x" * 17 + "def") == 85.0  # exactly at the threshold
    assert ratio_score("x" * 17 + "abc", "x" * 17 + "defg") is None  # 82.9
    assert ratio_score("Đảng uỷ xã Lan Giới", "Đảng ủy xã Lan Giới") == 100.0
    assert ratio_score("", "") is None


def test_exact_comparison_for_names():
    assert exact_score("Nguyễn Thế Huy", "NGUYỄN THẾ HUY") == 100.0
    assert exact_score("Nguyễn Thế Huy", "Nguyễn Thế Hu") is None  # fuzzy-close but wrong
    assert exact_score(None, None) is None


def test_greedy_matching_is_one_to_one_best_score_first():
    table = {("A", "p1"): 95, ("B", "p1"): 90, ("A", "p2"): 92}
    pairs = greedy_match(["A", "B"], ["p1", "p2"], lambda g, p: table.get((g, p)))
    # A-p1 (95) is taken first; p2 only matches A, which is used; B is left
    assert pairs == [(0, 0, 95.0)]
    table = {("A", "p1"): 90, ("A", "p2"): 99, ("B", "p1"): 88}
    assert greedy_match(["A", "B"], ["p1", "p2"], lambda g, p: table.get((g, p))) == [
        (0, 1, 99.0),
        (1, 0, 88.0),
    ]


def test_match_list_main_first_then_optional_one_to_one():
    same = lambda g, p: 100.0 if g == p else None  # noqa: E731
    m = match_list(["a", "b"], ["c"], ["c", "a", "c", "z"], same)
    assert m.pairs == [(0, 1, 100.0)]
    assert (m.missed, m.ignored, m.spurious) == ([1], [0], [2, 3])


def test_list_duplicates_are_spurious():
    m = match_list([party("UBND huyện")], [], [party("UBND huyện"), party("Uỷ ban nhân dân huyện")],
                   lambda g, p: ratio_score(g["value"], p["value"]))
    assert (m.counts.tp, m.counts.fp, m.counts.fn) == (1, 1, 0)


# ---------------------------------------------------------------------------
# scalar fields
# ---------------------------------------------------------------------------


def test_scalar_correct_wrong_missed_spurious():
    gold = {
        "doc_id": "d",
        "notice_kind": "ket_luan",
        "number": {"serial": "54", "symbol": "TB-UBND"},
        "issue_place": None,
        "issue_date": {"value": "2019-04-11"},
        "subject": {"value": "Kết luận của Chủ tịch UBND huyện tại buổi làm việc"},
    }
    pred = {
        "doc_id": "d",
        "notice_kind": "ket_luan",  # correct
        "number": {"serial": None, "symbol": "TB-Uỷ ban nhân dân"},  # serial missed, symbol correct
        "issue_place": {"value": "Tân Yên"},  # spurious
        "issue_date": {"value": "2019-04-12"},  # wrong
        "subject": {"value": "Kết luận của Chủ tịch UBND huyện tại buổi làm việc với xã"},  # ratio 89
    }
    s = score_document(gold, pred)
    assert counts(s, "notice_kind") == (1, 0, 0)
    assert counts(s, "number.symbol") == (1, 0, 0)
    assert counts(s, "number.serial") == (0, 0, 1)
    assert counts(s, "issue_place") == (0, 1, 0)
    assert counts(s, "issue_date") == (0, 1, 1) and s.counts["issue_date"].wrong == 1
    assert counts(s, "subject") == (1, 0, 0)
    assert counts(s, "signature.signer") == (0, 0, 0)  # null in both: nothing counted
    kinds = {(e.field, e.kind) for e in s.errors}
    assert kinds == {("number.serial", "missed"), ("issue_place", "spurious"), ("issue_date", "wrong")}


def test_scalar_precision_recall_over_corpus():
    golds = [{"doc_id": str(k), "issue_date": {"value": v}} for k, v in enumerate(
        ["2020-01-01", "2020-01-02", "2020-01-03", None])]
    preds = [{"doc_id": "0", "issue_date": {"value": "2020-01-01"}},  # correct
             {"doc_id": "1", "issue_date": {"value": "2020-09-09"}},  # wrong
             {"doc_id": "2", "issue_date": None},  # missed
             {"doc_id": "3", "issue_date": {"value": "2020-01-04"}}]  # spurious
    c = score_corpus(zip(golds, preds)).counts["issue_date"]
    assert (c.tp, c.fp, c.fn, c.wrong) == (1, 2, 2, 1)
    assert c.precision == pytest.approx(1 / 3)  # correct / predicted non-null
    assert c.recall == pytest.approx(1 / 3)  # correct / gold non-null
    assert c.f1 == pytest.approx(1 / 3)


def test_scalar_optional_alternatives_are_left_out():
    gold = {
        "doc_id": "d",
        "issuer": {"value": "UBND huyện Tân Yên"},
        "issuer_optional": ["Văn phòng HĐND&UBND huyện Tân Yên"],
        "meeting": {"kind": {"value": "hội nghị"}, "kind_optional": ["buổi làm việc"]},
        "signature": {"mode": "TL.", "position": "VĂN PHÒNG CHỦ TỊCH",
                      "position_optional": ["VĂN PHÒNG", "CHÁNH VĂN PHÒNG"]},
    }
    pred = {
        "doc_id": "d",
        "issuer": {"value": "Văn phòng HĐND & UBND huyện Tân Yên"},  # not equal after norm: wrong
        "meeting": {"kind": {"value": "Buổi làm việc"}},  # the optional reading
        "signature": {"mode": "TL", "position": "Chánh Văn phòng"},  # mode correct, position optional
    }
    s = score_document(gold, pred)
    assert counts(s, "meeting.kind") == (0, 0, 0)
    assert counts(s, "signature.position") == (0, 0, 0)
    assert counts(s, "signature.mode") == (1, 0, 0)
    assert counts(s, "issuer") == (0, 1, 1)
    pred["issuer"] = {"value": "Văn phòng HĐND&UBND huyện Tân Yên"}
    assert counts(score_document(gold, pred), "issuer") == (0, 0, 0)
    # an optional alternative where gold itself is null: also left out
    gold2 = {"doc_id": "d", "issue_place": None, "issue_place_optional": ["Tân Yên"]}
    s2 = score_document(gold2, {"issue_place": {"value": "Tân Yên"}})
    assert counts(s2, "issue_place") == (0, 0, 0)


def test_issuer_is_exact_concluded_by_is_ratio():
    gold = {"issuer": {"value": "UBND huyện Tân Yên"}, "concluded_by": {"value": "Thường trực Huyện ủy"}}
    pred = {"issuer": {"value": "UBND huyện Tân An"}, "concluded_by": {"value": "Thường trực Huyện uỷ,"}}
    s = score_document(gold, pred)
    assert counts(s, "issuer") == (0, 1, 1)
    assert counts(s, "concluded_by") == (1, 0, 0)


# ---------------------------------------------------------------------------
# list fields
# ---------------------------------------------------------------------------


def test_list_fields_with_optional_items():
    gold = {
        "target_units": [party("Đảng ủy xã Lan Giới"), party("các cơ quan, ban, ngành của huyện")],
        "target_units_optional": [party("UBND xã Lan Giới")],
        "meeting": {"counterparts": [party("xã Liên Chung")],
                    "counterparts_optional": [party("UBND xã")]},
    }
    pred = {
        "target_units": [
            party("Đảng uỷ xã Lan Giới"),  # main, tone differs
            party("Uỷ ban nhân dân xã Lan Giới"),  # optional: neither credited nor penalised
            party("UBND xã Lan Giới"),  # optional already used: spurious
            party("Công an huyện"),  # spurious
        ],
        "meeting": {"counterparts": [party("UBND xã")]},  # optional only; main missed
    }
    s = score_document(gold, pred)
    assert counts(s, "target_units") == (1, 2, 1)
    assert counts(s, "meeting.counterparts") == (0, 0, 1)
    c = s.counts["target_units"]
    assert (c.precision, c.recall, c.f1) == (pytest.approx(1 / 3), 0.5, 0.4)


def test_persons_by_exact_name_and_optional():
    gold = {"persons": [{"name": "Nguyễn Thế Huy", "titles": []}, {"name": "Dương Ngô Mạnh", "titles": []}],
            "persons_optional": [{"name": "Hồ Chí Minh", "titles": []}]}
    pred = {"persons": [{"name": "NGUYỄN THẾ HUY"}, {"name": "Dương Ngô Mạn"}, {"name": "Hồ Chí Minh"}]}
    assert counts(score_document(gold, pred), "persons") == (1, 1, 1)


def test_citations_by_number_null_numbers_ignored():
    gold = {"citations": [{"doc_type": "Chỉ thị", "number": "05-CT/TW", "date": None, "issuer": None}]}
    pred = {"citations": [{"doc_type": "Chỉ thị", "number": "05-CT/TW"},
                          {"doc_type": "Nghị quyết", "number": None},
                          {"doc_type": "Quyết định", "number": "898-QĐ/HU"}]}
    assert counts(score_document(gold, pred), "citations") == (1, 1, 0)


def test_recipients_match_on_value_attributes_reported_apart():
    gold = {"recipients": [
        {"value": "Văn phòng Tỉnh uỷ", "purpose": "báo cáo", "channel": "paper", "archive": False},
        {"value": "VT", "purpose": None, "channel": "paper", "archive": True},
        {"value": "Đảng uỷ, UBND xã Lan Giới", "purpose": None, "channel": "paper", "archive": False},
    ]}
    pred = {"recipients": [
        {"value": "Văn phòng Tỉnh ủy", "purpose": None, "channel": "paper", "archive": False},
        {"value": "VT", "purpose": None, "channel": "paper", "archive": True},
        {"value": "Các phòng QLNN", "purpose": None, "channel": "paper", "archive": False},
    ]}
    s = score_document(gold, pred)
    assert counts(s, "recipients") == (2, 1, 1)
    a = s.accuracies["recipients.attributes"]
    assert (a.correct, a.total) == (1, 2)


# ---------------------------------------------------------------------------
# directives
# ---------------------------------------------------------------------------


def gdir(path, starts, line, responsible=(), deadlines=(), **kw):
    return {"path": path, "starts": starts, "lines": [line, line],
            "responsible": list(responsible), "deadlines": list(deadlines), **kw}


def pdir(path, text, responsible=(), deadlines=()):
    return {"path": path, "text": text, "responsible": list(responsible), "deadlines": list(deadlines)}


def test_directive_score_starts_and_partial_ratio_on_opening():
    g = {"starts": "Khắc phục tư tưởng trông chờ, ỷ lại"}
    assert directive_score(g, {"text": "**Khắc phục tư tưởng trông chờ, ỷ lại** vào cấp trên."}) == 100.0
    assert directive_score(g, {"text": "- Khắc phục tư tưởng trông chờ, ỷ lại vào cấp trên"}) == 100.0
    typo = directive_score(g, {"text": "Khắc phuc tư tưởng trông chờ, ỷ lại vào cấp trên"})
    assert typo is not None and 90 <= typo < 100
    # the same words later than the opening do not match
    assert directive_score(g, {"text": "Các xã cần quyết liệt hơn nữa: khắc phục tư tưởng trông chờ, ỷ lại"}) is None
    # a truncated prediction shorter than `starts` does not align inside it
    assert directive_score(g, {"text": "Khắc phục"}) is None
    assert directive_score({"starts": "UBND huyện chỉ đạo"}, {"text": "Ủy ban nhân dân huyện chỉ đạo các xã"}) == 100.0


def test_directive_detection_path_responsible_deadlines():
    A, B, C = party("Đảng ủy xã Lan Giới", role="lead"), party("UBND xã Lan Giới", role="lead"), party("Công an huyện")
    gold = {"directives": [
        gdir("2.1", "Đảng uỷ, UBND và các ngành, đoàn thể", 22, [A, B],
             [deadline("before", end="2019-04-20")],
             responsible_optional=[C],
             deadlines_optional=[deadline("within", "2019-04-01", "2019-04-30")]),
        gdir("2.2", "Về định hướng phát triển", 32),
        gdir("2.3", "Trước mắt, cần thực hiện một số nhiệm", 38, [A]),
    ]}
    pred = {"directives": [
        pdir("2.1", "Đảng uỷ, UBND và các ngành, đoàn thể xã Lan Giới cần ...",
             [party("Đảng uỷ xã Lan Giới"), party("Công an huyện"), party("Phòng Y tế")],
             [deadline("before", end="2019-04-20"),
              deadline("within", "2019-04-01", "2019-04-30"),  # optional: left out
              deadline("by", end="2019-04-20")]),  # kind differs: spurious
        pdir("2.5", "Về định hướng phát triển:", [party("Huyện ủy")]),  # path wrong; resp spurious
        pdir("3", "Thành lập tổ công tác", [party("Đảng ủy xã Lan Giới")]),  # unmatched: resp not counted
    ]}
    s = score_document(gold, pred)
    assert counts(s, "directives") == (2, 1, 1)
    path = s.accuracies["directives.path"]
    assert (path.correct, path.total) == (1, 2)
    # responsible over matched pairs: 2.1 -> tp A, fn B, C optional, Phòng Y tế fp; 2.2 -> fp Huyện ủy
    assert counts(s, "directives.responsible") == (1, 2, 1)
    assert counts(s, "directives.deadlines") == (1, 1, 0)
    r = s.counts["directives.responsible"]
    assert (r.precision, r.recall, r.f1) == (pytest.approx(1 / 3), 0.5, 0.4)
    missed = [e for e in s.errors if e.field == "directives" and e.kind == "missed"]
    assert [(e.line, e.gold) for e in missed] == [(38, "2.3 Trước mắt, cần thực hiện một số nhiệm")]


def test_directive_ties_prefer_the_same_line():
    gold = {"directives": [gdir("1", "Tăng cường công tác", 10), gdir("2", "Tăng cường công tác", 20)]}
    src = "\n" * 9 + "a" * 5 + "\n" * 10 + "b" * 5
    p1 = {**pdir("1", "Tăng cường công tác x"), "span": [src.index("b"), src.index("b") + 1]}  # line 20
    p2 = {**pdir("1", "Tăng cường công tác y"), "span": [src.index("a"), src.index("a") + 1]}  # line 10
    s = score_document(gold, {"directives": [p1, p2]}, src)
    assert counts(s, "directives") == (2, 0, 0)
    assert (s.accuracies["directives.path"].correct, s.accuracies["directives.path"].total) == (1, 2)
    wrong = [e for e in s.errors if e.field == "directives.path"]
    assert [(e.gold, e.pred) for e in wrong] == [("2", "1")]


# ---------------------------------------------------------------------------
# segments and grounding
# ---------------------------------------------------------------------------


def test_segment_line_accuracy_ignores_blank_lines():
    source = "Số: 1/TB\n\nTHÔNG BÁO\nNgày 5 ...\n  \nĐề nghị:\n- làm\nNơi nhận:\n"
    # non-blank lines: 1, 3, 4, 6, 7, 8 (line 9 is the empty tail)
    gold = {"segments": [{"kind": "header", "lines": [1, 3]}, {"kind": "opening", "lines": [4, 4]},
                         {"kind": "requirements", "lines": [6, 7]}, {"kind": "recipients", "lines": [8, 8]}]}
    pred = {"segments": [{"kind": "header", "lines": [1, 4]},  # line 4 wrong
                         {"kind": "requirements", "lines": [5, 7]}]}  # line 8 uncovered: wrong
    s = score_document(gold, pred, source)
    a = s.accuracies["segments"]
    assert (a.correct, a.total) == (4, 6)
    seg_errors = [(e.line, e.gold, e.pred) for e in s.errors if e.field == "segments"]
    assert seg_errors == [(4, "opening", "header"), (8, "recipients", None)]
    assert score_document(gold, pred, None).accuracies["segments"].value is None


def test_grounding_share_walks_the_whole_record():
    source = "Tân Yên, ngày 04 tháng 9 năm 2015\nNguyễn Thế Huy"
    pred = {
        "issue_place": {"value": "Tân Yên", "text": "Tân Yên", "span": [0, 7]},  # ok
        "issue_date": {"value": "2015-09-04", "text": "ngày 04", "span": [0, 7]},  # wrong slice
        "subject": {"value": None, "text": None, "span": None},  # nothing to check
        "directives": [{"path": "1", "text": "Nguyễn", "span": [34, 40],  # ok
                        "responsible": [{"value": "x", "text": "x", "span": [0, 999]}]}],  # out of range
        "persons": [{"name": "Nguyễn Thế Huy", "mentions": [[34, 48], [40, 99]]}],  # 1 ok, 1 out
        "segments": [{"kind": "header", "span": [0, 5], "lines": [1, 1]}],  # no text: not counted
    }
    s = score_document({}, pred, source)
    g = s.accuracies["grounding"]
    assert (g.correct, g.total) == (3, 6)
    bad = [e for e in s.errors if e.field == "grounding"]
    assert len(bad) == 3 and bad[0].line == 1 and bad[0].gold == "Tân Yên"


# ---------------------------------------------------------------------------
# headline, corpus, whole gold files
# ---------------------------------------------------------------------------


def test_headline_is_mean_of_defined_f1_values():
    gold = {"notice_kind": "ket_luan", "target_units": [party("A b c d e f"), party("Xã Lan Giới")]}
    pred = {"notice_kind": "ket_luan", "issue_place": {"value": "Tân Yên"},
            "target_units": [party("Xã Lan Giới")]}
    s = score_document(gold, pred)
    # notice_kind F1 1.0, issue_place F1 0.0, target_units F1 2/3; every other field is n/a
    assert s.headline == pytest.approx((1.0 + 0.0 + 2 / 3) / 3)
    rows = {r["field"]: r for r in s.table()}
    assert rows["target_units"]["F1"] == pytest.approx(2 / 3)
    assert rows["target_units"]["gold"] == 2 and rows["target_units"]["pred"] == 1
    assert rows["subject"]["F1"] is None


def test_counts_f1_formula():
    assert Counts(tp=0, fp=0, fn=0).f1 is None
    assert Counts(tp=0, fp=0, fn=3).f1 == 0.0
    assert Counts(tp=0, fp=0, fn=3).precision is None
    assert Counts(tp=3, fp=1, fn=2).f1 == pytest.approx(2 * 0.75 * 0.6 / 1.35)


def test_missing_prediction_counts_all_missed_with_warning():
    gold = {"doc_id": "d1", "notice_kind": "ket_luan",
            "directives": [gdir("1", "Tăng cường", 5, [party("UBND huyện")])]}
    cs = score_corpus([(gold, None)])
    assert counts(cs, "notice_kind") == (0, 0, 1)
    assert counts(cs, "directives") == (0, 0, 1)
    assert cs.headline == 0.0
    assert cs.warnings == ["d1: no prediction; every gold item counts as missed"]


def gold_as_pred(gold: dict) -> dict:
    """A gold file in the shape of a record: directives get text = starts."""
    pred = copy.deepcopy(gold)
    for d in pred.get("directives", []):
        d["text"] = d["starts"]
    return pred


def read_source(gold: dict) -> str:
    return (SHARED / gold["source"]["path"]).read_text(encoding="utf-8-sig")


@pytest.mark.skipif(not GOLD_FILES, reason="gold files not available")
@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.stem)
def test_gold_against_itself_is_perfect(path):
    gold = json.loads(path.read_text(encoding="utf-8"))
    s = score_document(gold, gold_as_pred(gold), read_source(gold))
    assert s.errors == []
    assert s.headline == 1.0
    for row in s.table():
        for key in ("P", "R", "F1", "accuracy"):
            assert row[key] in (None, 1.0), (row["field"], key, row[key])
    assert s.accuracies["segments"].value == 1.0
    assert s.counts["directives"].f1 == 1.0


@pytest.mark.skipif(not GOLD_FILES, reason="gold files not available")
def test_gold_corpus_against_itself_every_headline_field_defined():
    golds = [json.loads(p.read_text(encoding="utf-8")) for p in GOLD_FILES]
    cs = score_corpus((g, gold_as_pred(g), read_source(g)) for g in golds)
    assert cs.headline == 1.0
    for name in HEADLINE_FIELDS:
        assert cs.counts[name].f1 == 1.0, name
    for name in ("directives.path", "recipients.attributes", "segments"):
        assert cs.accuracies[name].value == 1.0, name
    assert set(cs.errors) == {g["doc_id"] for g in golds}
    assert all(v == [] for v in cs.errors.values())
    assert [r["field"] for r in cs.table()][-len(ACCURACY_FIELDS):] == ACCURACY_FIELDS


def test_error_lines_come_from_predicted_spans():
    source = "line one\nline two\nTân Yên, ngày 1"
    gold = {"issue_place": {"value": "Bắc Giang"}}
    pred = {"issue_place": {"value": "Tân Yên", "text": "Tân Yên", "span": [18, 25]},
            "signature": {"signer": "Lê Văn A", "span": [0, 4],
                          "parts": {"signer": {"text": "line two", "span": [9, 17]}}}}
    s = score_document(gold, pred, source)
    lines = {e.field: e.line for e in s.errors}
    assert lines == {"issue_place": 3, "signature.signer": 2}


# ---------------------------------------------------------------------------
# the evaluate command
# ---------------------------------------------------------------------------


@pytest.fixture
def cli():
    import typer
    from typer.testing import CliRunner

    from notice_extract.evaluate_cli import evaluate

    app = typer.Typer()
    app.command("evaluate")(evaluate)

    @app.command("other")
    def other() -> None:  # a second command keeps "evaluate" a subcommand
        pass

    runner = CliRunner()
    return lambda *args: runner.invoke(app, ["evaluate", *args])


def test_evaluate_bad_arguments_exit_2(cli, tmp_path):
    gold = str(GOLD_DIR)
    pred = tmp_path / "p.jsonl"
    pred.write_text("")
    assert cli("--gold", gold).exit_code == 2  # neither --pred nor --corpus
    assert cli("--gold", gold, "--pred", str(pred), "--corpus", str(tmp_path)).exit_code == 2
    assert cli("--gold", gold, "--pred", str(tmp_path / "nope.jsonl")).exit_code == 2
    assert cli("--gold", str(tmp_path / "nope"), "--pred", str(pred)).exit_code == 2
    assert cli("--gold", gold, "--pred", str(pred), "--format", "xml").exit_code == 2


@pytest.mark.skipif(not GOLD_FILES, reason="gold files not available")
def test_evaluate_json_from_pred_file(cli, tmp_path):
    golds = [json.loads(p.read_text(encoding="utf-8")) for p in GOLD_FILES]
    pred = tmp_path / "pred.jsonl"
    # the last document is left out: it counts as all-missed, with a warning
    pred.write_text("".join(json.dumps(gold_as_pred(g), ensure_ascii=False) + "\n" for g in golds[:-1]),
                    encoding="utf-8")
    out = tmp_path / "report.json"
    res = cli("--gold", str(GOLD_DIR), "--pred", str(pred), "--format", "json", "--output", str(out))
    assert res.exit_code == 0, res.output
    report = json.loads(out.read_text(encoding="utf-8"))
    docs = {d["doc_id"]: d["headline"] for d in report["documents"]}
    assert docs[golds[0]["doc_id"]] == 1.0 and docs[golds[-1]["doc_id"]] == 0.0
    assert report["warnings"] == [f"{golds[-1]['doc_id']}: no prediction; every gold item counts as missed"]
    assert report["errors"][golds[0]["doc_id"]] == []
    assert len(report["errors"][golds[-1]["doc_id"]]) > 0

    md = cli("--gold", str(GOLD_DIR), "--pred", str(pred), "--format", "md", "--no-errors")
    assert md.exit_code == 0
    assert "| directives |" in md.output and "## Errors" not in md.output
    table = cli("--gold", str(GOLD_DIR), "--pred", str(pred))
    assert table.exit_code == 0 and "Headline" in table.output


def test_partial_annotation_scores_only_the_listed_fields():
    gold = {
        "doc_id": "p",
        "annotation": {"scope": "partial", "fields": ["number", "signature"]},
        "number": {"serial": "12", "symbol": "QĐ-UBND"},
        "signature": None,
    }
    pred = {
        "doc_id": "p",
        "number": {"serial": "12", "symbol": "QĐ-UBND"},
        "meeting": {"date": {"value": "2024-01-02"}},  # not annotated: not spurious
        "target_units": [{"value": "UBND xã"}],
        "signature": {"mode": "TM.", "on_behalf_of": "ỦY BAN NHÂN DÂN"},  # annotated as absent: spurious
    }
    res = score_document(gold, pred)
    assert res.counts["number.serial"].tp == 1
    assert "meeting.date" not in res.counts and "target_units" not in res.counts
    assert res.counts["signature.mode"].fp == 1
