"""The span recogniser on clause gold (learn/clausecv.py): derivation from the
real clause files, folds, and the CV plumbing on a tiny subset."""

from __future__ import annotations

import json

import pytest

spacy = pytest.importorskip("spacy")

from notice_extract.learn import clausecv as C  # noqa: E402
from notice_extract.learn.spans import SYSTEMS  # noqa: E402
from notice_extract.textmap import build_doc  # noqa: E402


@pytest.fixture(scope="module")
def clauses():
    if not C.DEFAULT_CLAUSES.is_dir():
        pytest.skip("training/clauses not present")
    cs = C.load_default_clauses()
    assert len(cs) >= 150
    return cs


def test_clause_parties_align_to_their_printed_words(clauses):
    st = C.clause_alignment(clauses)
    gold = sum(1 for c in clauses for p in c["responsible"] if not p.get("inherited") and p.get("value"))
    assert st["clauses"] == len(clauses)
    assert st["total"] == gold
    assert st["aligned"] + st["unaligned"] == gold
    # the clause texts are as printed, so nearly every party is found in them;
    # what is left are distributive items (``Giám đốc các Sở: A, B`` → ``Giám đốc Sở B``)
    assert st["aligned"] >= 0.95 * gold, st["unaligned_items"]
    assert st["exact"] >= 0.9 * gold
    for cid, _, value in st["unaligned_items"]:
        clause = next(c for c in clauses if c["id"] == cid)
        assert value not in clause["clause"]


def test_every_entity_is_a_gold_party_of_its_clause(clauses):
    from notice_extract.learn.spans import _value_words as words_of

    for c in clauses:
        d = C.derive_clause(c)
        (ex,) = d.examples
        assert (ex.start, ex.end) == (0, len(d.doc.text))
        own = [p for p in c["responsible"] if not p.get("inherited")]
        assert len(ex.ents) <= len(own)
        for a, b, label in ex.ents:
            words = words_of(d.doc.text[a:b])  # normalised as the scorer does, punctuation dropped
            # exact or composed: the span's words open some gold value of the clause
            assert any(words_of(p["value"])[: len(words)] == words for p in own), (c["id"], d.doc.text[a:b])
        for a, b in ex.missing:  # optional or distributive items: never overlapping an entity
            assert not any(s < b and a < e for s, e, _ in ex.ents)


def test_inherited_and_optional_parties_are_not_taught():
    text = "Sở Tài chính chủ trì, phối hợp với các cơ quan liên quan thực hiện."
    clause = {"id": "x-01", "doc": "x", "group": "g", "clause": text, "deadlines": [],
              "responsible": [{"value": "Sở Tài chính", "kind": "unit", "role": "lead"},
                              {"value": "UBND tỉnh", "kind": "unit", "role": "lead", "inherited": True}],
              "responsible_optional": [{"value": "các cơ quan liên quan", "kind": "group", "role": "support"}]}
    d = C.derive_clause(clause)
    (ex,) = d.examples
    t = d.doc.text
    assert [(t[a:b], lab) for a, b, lab in ex.ents] == [("Sở Tài chính", "UNIT")]
    assert [t[a:b] for a, b in ex.missing] == ["các cơ quan liên quan"]
    assert d.total == 1 and not d.unaligned


def test_a_distributive_item_is_left_unsupervised():
    text = "Giám đốc các Sở: Tài chính, Y tế chịu trách nhiệm thi hành."
    clause = {"id": "x-02", "doc": "x", "group": "g", "clause": text, "deadlines": [],
              "responsible": [{"value": "Giám đốc Sở Tài chính", "kind": "position", "role": "lead"},
                              {"value": "Giám đốc Sở Y tế", "kind": "position", "role": "lead"}]}
    d = C.derive_clause(clause)
    t = d.doc.text
    assert [t[a:b] for a, b, _ in d.examples[0].ents] == ["Giám đốc"]  # composed: its own printed words
    assert [t[a:b] for a, b in d.examples[0].missing] == ["Y tế"]
    assert d.unaligned == [("x-02", "responsible", "Giám đốc Sở Y tế")]


def test_small_groups_are_pooled_into_one_fold():
    cl = [{"group": g} for g in ["a"] * 5 + ["b"] * 2 + ["c"] * 1 + ["d"] * 7]
    assert C.clause_folds(cl) == {"a": ["a"], "d": ["d"], "other": ["b", "c"]}
    # a single small group stays its own fold
    assert C.clause_folds([{"group": "a"}] * 5 + [{"group": "b"}]) == {"a": ["a"], "b": ["b"]}
    assert C.family_of_group("ubnd_quang_ngai") == "quang_ngai"
    assert C.family_of_group("vpcp") == "van_phong_chinh_phu"


def test_clause_cv_plumbing_on_a_tiny_subset(clauses, tmp_path):
    """Two small groups, a few clauses, 2 epochs: every mode is scored on the
    held-out group only, the rules' counts equal ``score_clauses``, and the
    README section is written between its markers."""
    from notice_extract.clauses import score_clauses

    by = {}
    for c in clauses:
        by.setdefault(c["group"], []).append(c)
    small = sorted(by, key=lambda g: (len(by[g]), g))
    g1, g2 = small[0], small[1]
    subset = by[g1][:3] + by[g2][:3]
    cv = C.cross_validate_clauses([], subset, {}, seed=3, epochs=2, workers=1, min_size=1)
    assert set(cv["folds"]) == {g1, g2}
    assert cv["clauses"] == len(subset)
    for f, info in cv["folds"].items():
        assert info["train_clauses"] == len(subset) - info["held_clauses"]
    assert set(cv["pooled"]) == set(SYSTEMS)
    rules = score_clauses(subset).responsible
    assert (cv["pooled"]["rules"]["tp"], cv["pooled"]["rules"]["fp"], cv["pooled"]["rules"]["fn"]) == (
        rules.tp, rules.fp, rules.fn)
    gold = sum(1 for c in subset for p in c["responsible"] if not p.get("inherited"))
    for m, r in cv["pooled"].items():
        assert r["tp"] + r["fn"] <= gold  # optional matches are neither tp nor fn
    json.dumps(cv)  # the report is plain JSON
    readme = tmp_path / "README.md"
    readme.write_text("# models\n\nbefore\n", encoding="utf-8")
    C.write_readme(readme, C.readme_section(cv, "abc1234"))
    C.write_readme(readme, C.readme_section(cv, "abc1234"))  # replaced, not appended twice
    text = readme.read_text(encoding="utf-8")
    assert text.count(C.README_START) == 1 and text.startswith("# models\n\nbefore\n")
    assert "| rules |" in text and "abc1234" in text


def test_modes_combine_the_rules_with_the_model(clauses):
    """``predict_modes``: the rules are ``find_responsible`` over the whole
    clause; fallback never touches a clause the rules gave parties; refine
    keeps the rules' parties, at most lengthened."""
    from notice_extract.extract.parties import find_responsible

    nlp, _ = C._fit([C.derive_clause(c) for c in clauses[:8]], seed=1, epochs=1)
    cl = {"id": "x", "clause": "Giao Bộ Tài chính chủ trì, phối hợp với Bộ Tư pháp thực hiện."}
    got = C.predict_modes(cl, nlp, SYSTEMS)
    doc = build_doc(cl["clause"])
    rules = [p.value for p in find_responsible(doc, 0, len(doc.text))]
    assert [p["value"] for p in got["rules"]] == rules == ["Bộ Tài chính", "Bộ Tư pháp"]
    assert [p["value"] for p in got["fallback"]] == rules
    for m in ("refine", "refine+fallback"):
        assert len(got[m]) == len(rules)
        assert all(p["value"].startswith(r) for p, r in zip(got[m], rules))
