"""--out-dir has the guarantees of -o: one writer, whole files, --resume after a
kill, and no file replaced by another input's record without --force.

Real files, real processes and real signals, as in test_batch_reliability.py."""

from __future__ import annotations

import json
import os
import shutil
import signal
import sys
from pathlib import Path

import pytest

from test_batch_reliability import SAMPLES, TIMEOUT, alive, children, cli, start, wait_for

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="real signals and /proc")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """24 documents, 6 of them with the file name of another one in a subfolder."""
    root = tmp_path_factory.mktemp("corpus") / "in"
    (root / "sub").mkdir(parents=True)
    seeds = sorted(SAMPLES.glob("*.txt"))
    for n in range(18):
        shutil.copy(seeds[n % len(seeds)], root / f"doc{n:02d}.txt")
    for n in range(6):
        shutil.copy(seeds[(n + 2) % len(seeds)], root / "sub" / f"doc{n:02d}.txt")
    return root


@pytest.fixture(scope="module")
def clean(corpus, tmp_path_factory) -> dict[str, dict]:
    """doc_id -> record of an uninterrupted -o run: what every folder must hold."""
    out = tmp_path_factory.mktemp("clean") / "out.jsonl"
    r = cli("extract", corpus, "-o", out, "-j", 2)
    assert r.returncode == 0, r.stderr.decode()
    recs = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    return {rec["doc_id"]: rec for rec in recs}


def folder(d: Path) -> dict[str, dict]:
    """doc_id -> record of every file in the folder (each must parse whole)."""
    return {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted(d.glob("*.json"))}


def leftovers(d: Path) -> list[str]:
    return sorted(p.name for p in d.iterdir() if p.name.startswith("."))


def test_same_file_names_in_two_folders_get_two_files_and_a_warning(corpus, clean, tmp_path):
    out = tmp_path / "o"
    r = cli("extract", corpus, "--out-dir", out, "-j", 2)
    err = r.stderr.decode()
    assert r.returncode == 0, err
    got = folder(out)
    assert got == clean and len(got) == 24
    assert got["doc00"]["source"]["path"] == str(corpus / "doc00.txt")
    assert got["doc00~2"]["source"]["path"] == str(corpus / "sub" / "doc00.txt")
    assert "6 input(s) have the file name of an earlier input" in err and "doc00~2" in err
    assert leftovers(out) == []  # no lock, no temporary left behind


def test_parent_sigkill_then_resume_writes_every_document_exactly_once(corpus, clean, tmp_path):
    out = tmp_path / "o"
    p = start("extract", corpus, "--out-dir", out, "-j", 2, NE_TEST_DELAY=0.15)
    try:
        wait_for(lambda: len(list(out.glob("*.json"))) >= 5 if out.exists() else False, "first files")
        workers = children(p.pid)
        assert workers
        os.kill(p.pid, signal.SIGKILL)
        p.wait(timeout=TIMEOUT)
    finally:
        p.kill()
    wait_for(lambda: not any(alive(w) for w in workers), "orphaned workers to exit", timeout=30)
    done = folder(out)  # every file there is whole
    assert 5 <= len(done) < 24 and all(clean[k] == v for k, v in done.items())
    # a temporary cut by the kill, as a write in flight leaves it
    (out / f".doc17.json.{p.pid}-0000.tmp").write_text('{"doc_id": "doc1', encoding="utf-8")

    r = cli("extract", corpus, "--out-dir", out, "-j", 2)  # without --resume: refused, nothing touched
    assert r.returncode == 2 and "--resume" in r.stderr.decode()
    assert folder(out) == done

    r = cli("extract", corpus, "--out-dir", out, "--resume", "-j", 2)
    err = r.stderr.decode()
    assert r.returncode == 0, err
    assert f"{len(done)} of 24 documents already done" in err
    assert folder(out) == clean  # every document exactly once, equal to an uninterrupted run
    assert leftovers(out) == []


def test_interrupt_keeps_whole_files_and_resume_completes(corpus, clean, tmp_path):
    out = tmp_path / "o"
    p = start("extract", corpus, "--out-dir", out, "-j", 2, NE_TEST_DELAY=0.15)
    try:
        wait_for(lambda: len(list(out.glob("*.json"))) >= 3 if out.exists() else False, "first files")
        p.send_signal(signal.SIGINT)
        _, err = p.communicate(timeout=TIMEOUT)
    finally:
        p.kill()
    err = err.decode()
    assert p.returncode == 130, err
    assert str(out) in err and "--resume" in err
    assert leftovers(out) == []  # the lock is released
    r = cli("extract", corpus, "--out-dir", out, "--resume", "-j", 2)
    assert r.returncode == 0, r.stderr.decode()
    assert folder(out) == clean


def test_a_second_run_on_the_same_folder_fails_at_once(corpus, clean, tmp_path):
    out = tmp_path / "o"
    first = start("extract", corpus, "--out-dir", out, "-j", 1, NE_TEST_DELAY=0.05)
    try:
        wait_for(lambda: (out / ".notice-extract.lock").exists(), "the first run's lock")
        second = cli("extract", corpus, "--out-dir", out, "-j", 1)
        assert second.returncode == 2
        err = second.stderr.decode()
        assert "another run is writing" in err and "--force" in err
        assert len(err.strip().splitlines()) == 1
        _, ferr = first.communicate(timeout=TIMEOUT)
    finally:
        first.kill()
    assert first.returncode == 0, ferr.decode()
    assert folder(out) == clean


def test_a_file_of_another_input_is_never_replaced_without_force(corpus, clean, tmp_path):
    out = tmp_path / "o"
    other = tmp_path / "other"
    other.mkdir()
    shutil.copy(corpus / "doc03.txt", other / "doc01.txt")  # same name as corpus/doc01.txt
    assert cli("extract", other, "--out-dir", out).returncode == 0
    theirs = (out / "doc01.json").read_bytes()
    (out / "doc02.json").write_text("my notes\n", encoding="utf-8")  # not a record at all

    r = cli("extract", corpus, "--out-dir", out, "--resume", "-j", 2)
    err = r.stderr.decode()
    assert r.returncode == 2, err
    assert str(other / "doc01.txt") in err and "--force" in err
    assert (out / "doc01.json").read_bytes() == theirs
    assert (out / "doc02.json").read_text(encoding="utf-8") == "my notes\n"

    r = cli("extract", corpus, "--out-dir", out, "--force", "-j", 2)
    assert r.returncode == 0, r.stderr.decode()
    assert folder(out) == clean


def test_resume_redoes_a_changed_file_and_an_error_record(corpus, clean, tmp_path):
    src = tmp_path / "in"
    shutil.copytree(corpus, src)
    out = tmp_path / "o"
    assert cli("extract", src, "--out-dir", out, "-j", 2).returncode == 0
    before = folder(out)
    (src / "doc04.txt").write_text("THÔNG BÁO\nchanged since the first run\n", encoding="utf-8")
    rec = dict(before["doc05"], error="worker died")  # an earlier failure: tried again
    (out / "doc05.json").write_text(json.dumps(rec), encoding="utf-8")
    r = cli("extract", src, "--out-dir", out, "--resume", "-j", 2)
    assert r.returncode == 0, r.stderr.decode()
    assert "22 of 24 documents already done" in r.stderr.decode()
    after = folder(out)
    assert after["doc04"]["source"]["sha256"] != before["doc04"]["source"]["sha256"]
    assert after["doc05"] == before["doc05"]
    assert {k: v for k, v in after.items() if k != "doc04"} == {k: v for k, v in before.items() if k != "doc04"}


def test_an_interrupt_between_write_and_rename_leaves_no_temporary(tmp_path, monkeypatch):
    from notice_extract.output import OutputDir

    out = OutputDir(tmp_path / "o")
    assert out.lock()
    try:
        out.write("a", json.dumps({"doc_id": "a", "source": {}}))

        def interrupted(self, target):
            raise KeyboardInterrupt

        monkeypatch.setattr(Path, "replace", interrupted)
        with pytest.raises(KeyboardInterrupt):
            out.write("b", json.dumps({"doc_id": "b", "source": {}}))
    finally:
        monkeypatch.undo()
        out.unlock()
    assert sorted(p.name for p in (tmp_path / "o").iterdir()) == ["a.json"]
