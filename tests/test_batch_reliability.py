"""Batch runs that never lose, corrupt or hang (issue 11), on real files and real processes.

Each test runs the command line as its own process (``tests/cli_harness.py``,
which can slow documents down or make a worker kill itself) and kills, signals
and races it for real: FIFOs, links to /dev/zero, SIGKILL of a worker and of
the parent, SIGINT/SIGTERM, two writers on one output. Every wait is bounded
with a generous timeout; nothing asserts wall-clock speed.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import jsonschema
import pytest

import notice_extract
from notice_extract.models import record_json_schema

TESTS = Path(__file__).resolve().parent
SAMPLES = TESTS.parent / "samples"
HARNESS = TESTS / "cli_harness.py"
SRC = Path(notice_extract.__file__).resolve().parents[1]
TIMEOUT = float(os.environ.get("NE_TEST_TIMEOUT", 120))  # seconds: a bound against hangs, never a speed claim

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="real signals, FIFOs and /proc")


def _env(**extra) -> dict:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(SRC)] + [p for p in [env.get("PYTHONPATH")] if p])
    env.pop("NE_TEST_DELAY", None)
    env.pop("NE_TEST_KILLER", None)
    env.update({k: str(v) for k, v in extra.items()})
    return env


def cli(*args, input=None) -> subprocess.CompletedProcess:
    """The command in this process (fast); its workers are still real processes."""
    from typer.testing import CliRunner

    from notice_extract.cli import app

    result = CliRunner().invoke(app, [str(a) for a in args], input=input)
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    try:
        stderr = result.stderr_bytes or b""
    except ValueError:  # older click mixes the two
        stderr = result.output_bytes
    return subprocess.CompletedProcess(args, result.exit_code, result.stdout_bytes, stderr)


def cli_proc(*args, input=None, **env) -> subprocess.CompletedProcess:
    """The command as its own process, through the fault-injecting harness."""
    return subprocess.run(
        [sys.executable, str(HARNESS), *map(str, args)],
        input=input,
        capture_output=True,
        timeout=TIMEOUT,
        env=_env(**env),
    )


def start(*args, **env) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, str(HARNESS), *map(str, args)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=_env(**env),
    )


def wait_for(predicate, what: str, timeout: float = TIMEOUT, step: float = 0.05):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(step)
    raise AssertionError(f"timed out waiting for {what}")


def children(pid: int) -> list[int]:
    out = []
    for d in Path("/proc").iterdir():
        if d.name.isdigit():
            try:
                fields = (d / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid and fields[0] != "Z":
                out.append(int(d.name))
    return out


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def journal_lines(out: Path) -> int:
    return sum(p.read_text(encoding="utf-8").count("\n") for p in out.parent.glob(out.name + ".*.part"))


def lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """30 documents from the 5 seed notices: many files share their content."""
    root = tmp_path_factory.mktemp("corpus") / "in"
    (root / "sub").mkdir(parents=True)
    seeds = sorted(SAMPLES.glob("*.txt"))
    for n in range(24):
        shutil.copy(seeds[n % len(seeds)], root / f"doc{n:02d}.txt")
    for n in range(6):  # same names in a subfolder: doc_ids doc00~2 ...
        shutil.copy(seeds[(n + 2) % len(seeds)], root / "sub" / f"doc{n:02d}.txt")
    return root


@pytest.fixture(scope="module")
def clean(corpus, tmp_path_factory) -> list[str]:
    """The output of an uninterrupted run: what every resumed run must equal."""
    out = tmp_path_factory.mktemp("clean") / "out.jsonl"
    r = cli("extract", corpus, "-o", out, "-j", 2)
    assert r.returncode == 0, r.stderr.decode()
    return lines(out)


def _no_leftovers(out: Path) -> None:
    assert not list(out.parent.glob(out.name + ".*")), list(out.parent.iterdir())


# 1 ------------------------------------------------------------------ resume


def test_resume_with_duplicate_contents_equals_an_uninterrupted_run(corpus, clean, tmp_path):
    recs = [json.loads(x) for x in clean]
    assert len({r["doc_id"] for r in recs}) == len(recs) == 30
    assert len({r["source"]["sha256"] for r in recs}) == 5  # 30 files, 5 contents
    out = tmp_path / "out.jsonl"
    # an earlier run's output that stops after 7 documents, the last line cut
    out.write_text("\n".join(clean[:7]) + "\n" + clean[7][:50], encoding="utf-8")
    r = cli("extract", corpus, "-o", out, "--resume", "-j", 2)
    assert r.returncode == 0, r.stderr.decode()
    assert "7 of 30 documents already done" in r.stderr.decode()
    assert lines(out) == clean
    _no_leftovers(out)


# 2 ------------------------------------------------------------- dead worker


def test_sigkill_of_a_worker_costs_nothing_and_the_batch_goes_on(corpus, clean, tmp_path):
    out = tmp_path / "out.jsonl"
    p = start("extract", corpus, "-o", out, "-j", 2, NE_TEST_DELAY=0.15)
    try:
        wait_for(lambda: journal_lines(out) >= 4, "first records")
        workers = wait_for(lambda: children(p.pid), "workers")
        os.kill(workers[0], signal.SIGKILL)
        _, err = p.communicate(timeout=TIMEOUT)
    finally:
        p.kill()
    err = err.decode()
    assert p.returncode == 0, err
    assert "worker died" in err and "SIGKILL" in err
    assert "30 documents" in err  # the summary
    assert lines(out) == clean  # its document was tried once more


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_document_that_kills_every_worker_gets_an_error_record(corpus, clean, tmp_path, jobs):
    # a worker holds the next document in its pipe while it works on one: the
    # documents queued behind the killer go to the new worker, with no attempt counted
    out = tmp_path / "out.jsonl"
    r = cli_proc("extract", corpus, "-o", out, "-j", jobs, NE_TEST_KILLER="doc05")
    err = r.stderr.decode()
    assert r.returncode == 1, err
    recs = [json.loads(x) for x in lines(out)]
    assert [x["doc_id"] for x in recs] == [json.loads(x)["doc_id"] for x in clean]
    bad = [x for x in recs if "error" in x]
    assert [x["doc_id"] for x in bad] == ["doc05"]
    assert "worker died" in bad[0]["error"] and "not retried" in bad[0]["error"]
    assert "29 ok" in err and "1 failed" in err
    assert [x for x in lines(out) if "doc05" not in x] == [x for x in clean if "doc05" not in x]


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_worker_dead_before_its_next_document_is_sent_costs_no_document(corpus, clean, monkeypatch, jobs):
    # the race a busy machine meets: the worker dies on its document before the parent
    # sends the next one down its pipe (EPIPE on send). Forced here: the parent sends a
    # second document to the killer's worker only after that worker is dead.
    from notice_extract import batch

    real = batch.process

    def process(item, *args, **kwargs):
        if item.doc_id == "doc05":
            os.kill(os.getpid(), signal.SIGKILL)
        return real(item, *args, **kwargs)

    give = batch._Worker.give

    def late_give(self, task):
        if self.tasks and self.tasks[0][1].doc_id == "doc05":
            self.proc.join(TIMEOUT)
        return give(self, task)

    monkeypatch.setattr(batch, "process", process)  # the workers are forked: they take it
    monkeypatch.setattr(batch._Worker, "give", late_give)
    notes = []
    results = list(batch.run(batch.discover([corpus]), workers=jobs, notify=notes.append))
    assert [r.doc_id for r in results] == [json.loads(x)["doc_id"] for x in clean]
    assert [r.doc_id for r in results if r.error] == ["doc05"]
    assert "worker died" in results[5].error and "not retried" in results[5].error
    assert [r.line for r in results if not r.error] == [x for x in clean if '"doc05"' not in x]


def test_a_failure_of_the_pool_itself_keeps_the_records_and_says_what_failed(corpus, clean, tmp_path, monkeypatch):
    # not a document's fault and not the output's: the run stops with the pool's own
    # error (before, any OSError there was reported as "cannot write <output>")
    from notice_extract import batch

    collect, calls = batch._Pool._collect, []

    def failing_collect(self, *args):
        calls.append(1)
        if len(calls) == 8:
            raise OSError(errno.EMFILE, os.strerror(errno.EMFILE))
        return collect(self, *args)

    monkeypatch.setattr(batch._Pool, "_collect", failing_collect)
    out = tmp_path / "out.jsonl"
    r = cli("extract", corpus, "-o", out, "-j", 2)
    err = r.stderr.decode()
    assert r.returncode == 2, err  # an error of the run itself, as an unwritable output
    assert "worker pool failed: Too many open files" in err and "--resume" in err, err
    assert "cannot write" not in err
    assert journal_lines(out) >= 1 and not out.exists()
    monkeypatch.setattr(batch._Pool, "_collect", collect)
    r = cli("extract", corpus, "-o", out, "--resume", "-j", 2)
    assert r.returncode == 0, r.stderr.decode()
    assert lines(out) == clean
    _no_leftovers(out)


# 3 + 9 ------------------------------------------ SIGKILL of the parent, then resume


def test_parent_sigkill_leaves_no_orphans_and_resume_finishes_the_job(corpus, clean, tmp_path):
    out = tmp_path / "out.jsonl"
    p = start("extract", corpus, "-o", out, "-j", 2, NE_TEST_DELAY=0.15)
    try:
        wait_for(lambda: journal_lines(out) >= 6, "first records")
        workers = children(p.pid)
        assert workers
        os.kill(p.pid, signal.SIGKILL)
        p.wait(timeout=TIMEOUT)
    finally:
        p.kill()
    # workers notice that the parent is gone
    wait_for(lambda: not any(alive(w) for w in workers), "orphaned workers to exit", timeout=30)
    assert not out.exists()
    done = journal_lines(out)
    r = cli("extract", corpus, "-o", out, "--resume", "-j", 2)
    assert r.returncode == 0, r.stderr.decode()
    assert f"{done} of 30 documents already done" in r.stderr.decode()
    assert lines(out) == clean
    _no_leftovers(out)


# 4 ------------------------------------------------------- concurrent writers


def test_a_second_writer_on_the_same_output_fails_at_once(corpus, clean, tmp_path):
    out = tmp_path / "out.jsonl"
    first = start("extract", corpus, "-o", out, "-j", 1, NE_TEST_DELAY=0.05)
    try:
        wait_for(lambda: journal_lines(out) >= 1, "the first run to start writing")
        second = cli("extract", corpus, "-o", out, "-j", 1)
        assert second.returncode == 2
        err = second.stderr.decode()
        assert "another run is writing" in err and len(err.strip().splitlines()) == 1
        _, err1 = first.communicate(timeout=TIMEOUT)
    finally:
        first.kill()
    assert first.returncode == 0, err1.decode()
    assert lines(out) == clean
    # an existing output is not replaced without --force or --resume
    again = cli("extract", corpus, "-o", out)
    assert again.returncode == 2 and "exists" in again.stderr.decode()
    assert lines(out) == clean
    forced = cli("extract", SAMPLES, "-o", out, "--force")
    assert forced.returncode == 0 and len(lines(out)) == 5
    _no_leftovers(out)


# 5 ------------------------------------------------------------ bounded reads


def test_fifo_dev_zero_and_oversized_stdin_fail_alone_and_fast(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(next(SAMPLES.glob("000_*.txt")), folder / "a_good.txt")
    os.mkfifo(folder / "b_fifo.txt")  # nobody ever writes: a blocking read would hang
    (folder / "c_zero.txt").symlink_to("/dev/zero")  # getsize() says 0
    out = tmp_path / "out.jsonl"
    r = cli("extract", folder, "-o", out, "-j", 2, "--time-limit", 30)
    assert r.returncode == 1, r.stderr.decode()
    recs = {x["doc_id"]: x for x in map(json.loads, lines(out))}
    assert "error" not in recs["a_good"]
    assert "FIFO" in recs["b_fifo"]["error"] and "not a regular file" in recs["b_fifo"]["error"]
    assert "device" in recs["c_zero"]["error"]
    # standard input: at most --max-bytes + 1 bytes are read
    big = b"Th\xc3\xb4ng b\xc3\xa1o\n" * 200_000  # 2.6 MB
    r = cli("extract", "-", "--max-bytes", 1_000_000, input=big)
    assert r.returncode == 1
    rec = json.loads(r.stdout.decode().splitlines()[0])
    assert rec["doc_id"] == "stdin" and "too large" in rec["error"] and "1000000" in rec["error"]
    assert "--max-bytes" in cli("extract", "--help").stdout.decode()


# 6 ----------------------------------------------------------- discovery order


def test_discovery_errors_keep_input_order_are_printed_once_and_links_are_walked_once(tmp_path):
    seeds = sorted(SAMPLES.glob("*.txt"))
    folder = tmp_path / "in"
    (folder / "real").mkdir(parents=True)
    shutil.copy(seeds[0], folder / "real" / "inner.TXT")  # upper-case extension is matched
    (folder / "link1").symlink_to(folder / "real")
    (folder / "link2").symlink_to(folder / "real")
    (folder / "real" / "up").symlink_to(folder)  # a link back to an ancestor
    first, last = tmp_path / "first.txt", tmp_path / "last.txt"
    shutil.copy(seeds[1], first)
    shutil.copy(seeds[2], last)
    out = tmp_path / "out.jsonl"
    # a clean batch through links: each folder walked once, exit 0
    r = cli("extract", folder, "-o", out)
    assert r.returncode == 0, r.stderr.decode()
    assert [json.loads(x)["doc_id"] for x in lines(out)] == ["inner"]
    missing = tmp_path / "missing.txt"
    r = cli("extract", first, missing, folder, last, "-o", out, "--force")
    assert r.returncode == 1
    assert [json.loads(x)["doc_id"] for x in lines(out)] == ["first", "missing", "inner", "last"]
    assert r.stderr.decode().count("no such file") == 1
    assert "no such file" in json.loads(lines(out)[1])["error"]


# 7 + 8 ---------------------------------------------- arguments checked first


@pytest.mark.parametrize(
    "args, message",
    [
        (["-o", "{tmp}"], "is a folder"),
        (["--time-limit", "-1"], "--time-limit"),
        (["--out-dir", "{tmp}/afile"], "not a folder"),
        (["-o", "{tmp}/afile/out.jsonl"], "cannot write"),
        (["-o", "{tmp}/notjsonl", "--resume"], "not a JSONL output"),
    ],
)
def test_bad_arguments_fail_before_any_work_with_one_line(tmp_path, args, message):
    (tmp_path / "afile").write_text("x")
    (tmp_path / "notjsonl").write_text("this is\nnot json\nat all\n")
    args = [a.replace("{tmp}", str(tmp_path)) for a in args]
    r = cli("extract", SAMPLES, *args)
    err = r.stderr.decode().strip()
    assert r.returncode == 2, err
    assert message in err and len(err.splitlines()) == 1 and "Traceback" not in err
    assert not list(tmp_path.glob("*.tmp")) and not list(tmp_path.glob("*.part"))
    assert (tmp_path / "notjsonl").read_text() == "this is\nnot json\nat all\n"


# 8 (signals) ------------------------------------------------- Ctrl-C, SIGTERM


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_interrupt_prints_summary_and_resume_hint_then_resume_completes(corpus, clean, tmp_path, sig):
    out = tmp_path / "out.jsonl"
    p = start("extract", corpus, "-o", out, "-j", 2, NE_TEST_DELAY=0.15)
    try:
        wait_for(lambda: journal_lines(out) >= 4, "first records")
        workers = children(p.pid)
        p.send_signal(sig)
        _, err = p.communicate(timeout=TIMEOUT)
    finally:
        p.kill()
    err = err.decode()
    assert p.returncode == 130, err
    assert "interrupted" in err and "--resume" in err and "documents" in err
    assert "Traceback" not in err
    journals = list(tmp_path.glob("out.jsonl.*.part"))
    assert len(journals) == 1 and str(journals[0]) in err.replace("\n", "")
    wait_for(lambda: not any(alive(w) for w in workers), "workers to stop", timeout=30)
    r = cli("extract", corpus, "-o", out, "--resume", "-j", 2)
    assert r.returncode == 0, r.stderr.decode()
    assert lines(out) == clean
    _no_leftovers(out)


# 10 (schema) ---------------------------------------------- every line validates


def test_every_record_and_error_record_validates_against_the_published_schema(tmp_path):
    r = cli("schema")
    schema = json.loads(r.stdout)
    assert r.returncode == 0
    assert schema == json.loads(json.dumps(record_json_schema()))
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    folder = tmp_path / "in"
    folder.mkdir()
    for p in SAMPLES.glob("*.txt"):
        shutil.copy(p, folder / p.name)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"%PDF-1.4\x00\x01")
    (folder / "plain.txt").write_text("Một đoạn văn bản không phải thông báo.\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    cli("extract", folder, tmp_path / "missing.txt", "-o", out)
    recs = [json.loads(x) for x in lines(out)]
    assert sum("error" in x for x in recs) == 3 and len(recs) == 9
    for rec in recs:
        validator.validate(rec)
    # an error record is not a record, and a record is not an error record
    refs = {name: {"$ref": f"#/$defs/{name}", "$defs": schema["$defs"]} for name in ("Record", "ErrorRecord")}
    err_rec = next(x for x in recs if "error" in x)
    assert not jsonschema.Draft202012Validator(refs["Record"]).is_valid(err_rec)
    ok_rec = next(x for x in recs if "error" not in x)
    assert not jsonschema.Draft202012Validator(refs["ErrorRecord"]).is_valid(ok_rec)


# 10 (encodings) ------------------------------ TCVN3 seeds, a VN1 notice, stray NULs


def _key_fields(rec: dict) -> tuple:
    sig = rec.get("signature") or {}
    num = rec.get("number") or {}
    return (
        rec.get("notice_kind"),
        (num.get("serial"), num.get("symbol")),
        (rec.get("issue_date") or {}).get("value"),
        [d["path"] for d in rec.get("directives", [])],
        (sig.get("mode"), sig.get("on_behalf_of"), sig.get("position"), sig.get("signer")),
    )


def test_tcvn3_and_vn1_copies_of_the_seed_notices_give_the_same_key_fields(tmp_path):
    from test_decode import as_cp1252_then_utf8, tcvn3_encode, vn1_encode

    folder = tmp_path / "in"
    folder.mkdir()
    seeds = sorted(SAMPLES.glob("*.txt"))
    for p in seeds:
        text = p.read_text(encoding="utf-8")
        raw, _ = tcvn3_encode(text)
        (folder / f"{p.stem}.txt").write_bytes(p.read_bytes())
        (folder / f"{p.stem}_tcvn3.txt").write_bytes(raw)
        (folder / f"{p.stem}_tcvn3utf8.txt").write_bytes(as_cp1252_then_utf8(raw))
        # VN1 (iconv TCVN5712-1) has no curly quotes or en dash
        plain = text.replace("“", '"').replace("”", '"').replace("–", "-").replace("…", "...")
        (folder / f"{p.stem}_vn1.txt").write_bytes(vn1_encode(plain))
    (folder / "nuls.txt").write_bytes(seeds[0].read_bytes().replace(b"\n", b"\n\x00", 3))
    out = tmp_path / "out.jsonl"
    r = cli("extract", folder, "-o", out, "-j", 2)
    assert r.returncode == 0, r.stderr.decode()
    recs = {x["doc_id"]: x for x in map(json.loads, lines(out))}
    for p in seeds:
        want = _key_fields(recs[p.stem])
        assert want[4][3] or p.stem.startswith("003"), p.stem  # the seeds are signed (003 names no signer)
        for variant, enc in (("tcvn3", "tcvn3"), ("tcvn3utf8", "tcvn3"), ("vn1", "tcvn5712-vn1")):
            rec = recs[f"{p.stem}_{variant}"]
            assert rec["source"]["encoding"] == enc, (p.stem, variant)
            assert _key_fields(rec) == want, (p.stem, variant)
    assert "3 stray NUL byte(s) removed" in recs["nuls"]["warnings"]
    assert _key_fields(recs["nuls"]) == _key_fields(recs[seeds[0].stem])


# also seen --------------------------------- glued documents, the summary, --quiet


def test_glued_documents_are_flagged_and_the_summary_counts_non_notices_apart(tmp_path):
    seeds = sorted(SAMPLES.glob("*.txt"))
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "glued.txt").write_bytes(b"\n\n".join(p.read_bytes() for p in seeds))
    (folder / "plain.txt").write_text("Một đoạn văn bản không phải thông báo.\n", encoding="utf-8")
    shutil.copy(seeds[0], folder / "seed.txt")
    out = tmp_path / "out.jsonl"
    r = cli("extract", folder, "-o", out)
    assert r.returncode == 0
    recs = {x["doc_id"]: x for x in map(json.loads, lines(out))}
    assert any("glued together (5 'Nơi nhận' lists)" in w for w in recs["glued"]["warnings"])
    assert not any("glued" in w for w in recs["seed"]["warnings"])
    not_notices = sum(x["notice_kind"] is None for x in recs.values())
    warned = sum(any(not w.startswith("not a notice") for w in x["warnings"]) for x in recs.values())
    assert f"3 ok ({warned} with warnings, {not_notices} not notices), 0 failed" in r.stderr.decode()
    quiet = cli("extract", folder, "-o", out, "--force", "--quiet")
    assert quiet.returncode == 0 and quiet.stderr.decode() == ""
    verbose = cli("extract", folder, "-o", out, "--force", "--verbose")
    assert "ok glued" in verbose.stderr.decode()
