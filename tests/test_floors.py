"""The floors' own rules (tests/floors.py): they only rise unless told, and the
history check finds a commit that lowered one without saying why."""

from __future__ import annotations

import shutil
import subprocess

import pytest

import floors as F


def test_lowered_lists_lowered_and_dropped_floors():
    before = {"training": {"a": {"directives": 1.0, "segments": 0.9}, "b": {"issuer": 1.0}}}
    after = {"training": {"a": {"directives": 0.8, "segments": 0.95}}}
    assert F.lowered(before, after) == [("training", "a", "directives", 1.0, 0.8),
                                        ("training", "b", "issuer", 1.0, None)]
    assert F.lowered(after, before) == [("training", "a", "segments", 0.95, 0.9)]


def test_below_compares_each_document_and_field():
    floors = {"a": {"directives": 0.9, "segments": 1.0}, "gone": {"issuer": 1.0}}
    assert F.below(floors, {"a": {"directives": 0.9, "segments": 1.0}}) == []
    assert F.below(floors, {"a": {"directives": 0.5}}) == [("a", "directives", 0.9, 0.5), ("a", "segments", 1.0, None)]


def test_update_raises_only_unless_told(monkeypatch, tmp_path):
    base = tmp_path / "e2e_baseline.json"
    base.write_text(F.dump({"training": {"a": {"directives": 0.9, "segments": 0.8}}}), encoding="utf-8")
    monkeypatch.setattr(F, "BASELINE", base)
    monkeypatch.setattr(F, "sets", lambda: {"training": (tmp_path, tmp_path)})
    monkeypatch.setattr(F, "score_set", lambda name: {"a": {"directives": 0.7, "segments": 0.95},
                                                      "new": {"directives": 1.0}})
    new, down = F.update()
    assert new["training"]["a"] == {"directives": 0.9, "segments": 0.95}
    assert new["training"]["new"] == {"directives": 1.0}  # a new document gets its floors
    assert down == []
    new, down = F.update(allow_lower=True)
    assert new["training"]["a"]["directives"] == 0.7
    assert down == [("training", "a", "directives", 0.9, 0.7)]


def test_dump_round_trips():
    floors = {"shared-dev": {"x": {"a": 1.0}}, "training": {"x": {"a": 0.5, "b": 1.0}, "y": {"c": 0.25}}}
    text = F.dump(floors)
    assert F.is_current(text) and F.load(text) == floors


@pytest.mark.skipif(shutil.which("git") is None, reason="git not installed")
def test_history_check_finds_a_silent_lowering(tmp_path):
    def git(*args):
        subprocess.run(["git", "-C", str(tmp_path), *args], check=True, capture_output=True)

    git("init", "-q")
    git("config", "user.email", "t@example.invalid")
    git("config", "user.name", "t")
    path = tmp_path / "tests" / "e2e_baseline.json"
    path.parent.mkdir()
    versions = [
        ({"training": {"a": {"f": 0.9}}}, "floors"),
        ({"training": {"a": {"f": 0.95}}}, "raise"),
        ({"training": {"a": {"f": 0.8}}}, "Rule change\n\nFloors lowered: a's gold was corrected"),
        ({"training": {"a": {"f": 0.7}}}, "Another rule change"),
    ]
    for floors, message in versions:
        path.write_text(F.dump(floors), encoding="utf-8")
        git("add", "-A")
        git("commit", "-q", "-m", message)
    silent = F.silent_lowerings(tmp_path)
    assert len(silent) == 1 and silent[0][1] == 1 and silent[0][2][0][3:] == (0.8, 0.7)


def test_history_check_outside_git_raises(tmp_path):
    if shutil.which("git") is None:
        pytest.skip("git not installed")
    with pytest.raises(subprocess.CalledProcessError):
        F.silent_lowerings(tmp_path)
