"""extract --engine dask on a real LocalCluster (2 worker processes): records, worker death, resume."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

pytest.importorskip("distributed", reason="the distributed extra is not installed")
pytest.importorskip("fsspec", reason="the distributed extra is not installed")

pytestmark = pytest.mark.timeout(600)  # a hung cluster fails the test instead of blocking CI

from notice_extract.batch import DocumentTimeout, Input, discover, run  # noqa: E402
from notice_extract.distributed import (  # noqa: E402
    MANIFEST,
    _ThreadTimeLimit,
    discover_any,
    iter_lines,
    process_limited,
    run_dask,
)

from conftest import CORPUS, REPO, corpus_files  # noqa: E402

CLI = [sys.executable, "-m", "notice_extract"]


@pytest.fixture(scope="module")
def client():
    import logging

    from distributed import Client, LocalCluster

    cluster = LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0", silence_logs=logging.ERROR
    )
    c = Client(cluster)
    yield c
    c.close()
    cluster.close()


@pytest.fixture(scope="module")
def replicas(tmp_path_factory):
    """The dev corpus copied three times under distinct names (204 real documents)."""
    files = corpus_files()
    if not files:
        pytest.skip(f"dev corpus not found at {CORPUS}")
    root = tmp_path_factory.mktemp("replicas")
    for r in range(3):
        for f in files:
            shutil.copyfile(f, root / f"r{r}_{f.name}")
    return root


_LOCAL: dict[tuple, list[str]] = {}


def _local_lines(inputs: list[Input]) -> list[str]:
    """The local engine's lines for ``inputs`` (computed once per input list and content)."""
    key = tuple((i.path, i.doc_id, Path(i.path).stat().st_mtime_ns if not i.error else 0) for i in inputs)
    if key not in _LOCAL:
        _LOCAL[key] = [res.line for res in run(inputs, workers=2)]
    return _LOCAL[key]


def _part_text(out: Path) -> str:
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    return "".join((out / p["name"]).read_text(encoding="utf-8") for p in manifest["parts"])


def _identity(lines) -> list[tuple[str, str]]:
    recs = [json.loads(line) for line in lines]
    return [(r["doc_id"], r["source"]["sha256"]) for r in recs]


def test_cli_dask_records_are_byte_identical_to_the_local_engine(tmp_path, shared_corpus):
    local = tmp_path / "local.jsonl"
    out = tmp_path / "parts"
    subprocess.run([*CLI, "extract", str(shared_corpus), "-o", str(local), "-j", "2", "-q"], check=True, timeout=300)
    proc = subprocess.run(
        [*CLI, "extract", str(shared_corpus), "--engine", "dask", "-j", "2", "-o", str(out), "--no-progress",
         "--tables", str(tmp_path / "tables")],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    assert "dashboard http://" in proc.stderr
    assert "progress: 68/68 documents" in proc.stderr and "docs/s" in proc.stderr
    assert _part_text(out).encode("utf-8") == local.read_bytes()
    manifest = json.loads((out / MANIFEST).read_text())
    assert manifest["documents"] == 68 == sum(p["records"] for p in manifest["parts"])
    assert len(manifest["parts"]) > 1  # partitioned, in order
    assert [p["first"] for p in manifest["parts"]] == sorted(p["first"] for p in manifest["parts"])
    assert not (out / "_tmp").exists()
    # the tables written by the partitions hold what the records hold
    import pyarrow.parquet as pq

    recs = [json.loads(line) for line in local.read_text(encoding="utf-8").splitlines()]
    ds = [d for r in recs for d in r["directives"]]
    for table, n in [("documents", len(recs)), ("directives", len(ds)), ("parties", sum(len(d["responsible"]) for d in ds))]:
        parts = sorted((tmp_path / "tables" / table).glob("part-*.parquet"))
        assert [p.stem for p in parts] == [p["name"][: -len(".jsonl")] for p in manifest["parts"]]
        assert sum(pq.read_metadata(p).num_rows for p in parts) == n


def test_a_worker_killed_mid_run_loses_and_duplicates_nothing(client, replicas, tmp_path):
    inputs = discover_any([str(replicas)])
    out = tmp_path / "parts"
    before = client.run(os.getpid)  # worker address -> pid
    killed = {}

    def kill_the_other_worker(done, run_) -> None:
        if killed:
            return
        victim = next(a for a in before if a != done.worker)  # it is busy with a partition of its own
        os.kill(before[victim], signal.SIGKILL)
        killed[victim] = before[victim]

    result = run_dask(client, inputs, str(out), partition_size=8, on_part=kill_the_other_worker)
    assert killed
    client.wait_for_workers(2, timeout=60)
    after = client.run(os.getpid)
    assert set(killed.values()).isdisjoint(after.values())  # the worker did die (its nanny started another)
    lines = _part_text(out).splitlines()
    assert result.records == len(lines) == len(inputs)
    expected = _local_lines(inputs)
    assert _identity(lines) == _identity(expected)  # same count, same (doc_id, sha256), same order
    assert len(set(_identity(lines))) == len(inputs)
    assert lines == expected


def test_resume_after_a_killed_client_extracts_only_what_is_missing(client, replicas, tmp_path):
    out = tmp_path / "parts"
    proc = subprocess.Popen(
        [*CLI, "extract", str(replicas), "--engine", "dask", "-j", "2", "-o", str(out), "--partition-size", "4", "-q"],
        start_new_session=True,  # the client, its scheduler and workers: one process group to kill
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 240
        while len(list(out.glob("part-*.jsonl"))) < 6:
            assert proc.poll() is None, "the run ended before it could be killed"
            assert time.monotonic() < deadline
            time.sleep(0.05)
    finally:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(30)
    time.sleep(0.5)
    assert not (out / MANIFEST).exists()
    committed = [line for p in sorted(out.glob("part-*.jsonl")) for line in p.read_text(encoding="utf-8").splitlines()]
    inputs = discover_any([str(replicas)])
    assert 0 < len(committed) < len(inputs)

    result = run_dask(client, inputs, str(out), resume=True)
    assert result.partition_size == 4  # cut as the killed run did (_run.json)
    assert result.kept == len(committed)
    assert result.records - result.kept == len(inputs) - len(committed)
    assert _part_text(out).splitlines() == _local_lines(inputs)


def test_urls_in_and_out_with_error_records_in_place(tmp_path, shared_corpus):
    """memory:// lives in one process: a LocalCluster of threads shares it with the client."""
    import fsspec
    from distributed import Client, LocalCluster

    fs = fsspec.filesystem("memory")
    files = corpus_files()[:6]
    for f in files:
        fs.pipe_file(f"/in/{f.name}", f.read_bytes())
    limit = max(f.stat().st_size for f in files) + 10
    fs.pipe_file("/in/sub/huge.txt", b"x" * (limit + 1))
    with LocalCluster(n_workers=1, threads_per_worker=2, processes=False, dashboard_address=":0") as cluster, Client(
        cluster
    ) as c:
        inputs = discover_any(["memory://in", "memory://nowhere.txt", str(files[0])])
        assert [i.path for i in inputs[:6]] == [f"memory:///in/{f.name}" for f in files]
        assert inputs[6].path == "memory:///in/sub/huge.txt"
        assert inputs[7].error and "nowhere" in inputs[7].error
        assert inputs[8].doc_id == files[0].stem + "~2"  # same stem as a URL input: numbered as locally
        result = run_dask(c, inputs, "memory://out", partition_size=3, max_bytes=limit, tables="memory://tables")
    lines = list(iter_lines("memory://out"))
    assert len(lines) == result.records == 9
    recs = [json.loads(line) for line in lines]
    local = {json.loads(line)["doc_id"]: json.loads(line) for line in _local_lines(discover([str(f) for f in files]))}
    for rec, f in zip(recs[:6], files):
        assert rec["source"]["path"] == f"memory:///in/{f.name}"
        want = dict(local[f.stem])
        want["source"] = dict(want["source"], path=rec["source"]["path"])
        assert rec == want  # the same record as from the local file
    assert "file too large" in recs[6]["error"]
    assert "no such file" in recs[7]["error"]
    assert recs[8]["source"]["path"] == str(files[0]) and "error" not in recs[8]
    assert result.failed == 2
    assert fs.exists("/tables/directives/part-000000.parquet")
    for f in files:  # leave the process-wide memory file system as found
        fs.rm(f"/in/{f.name}")
    fs.rm("/in", recursive=True)
    fs.rm("/out", recursive=True)
    fs.rm("/tables", recursive=True)


def test_time_limit_reaches_a_document_in_a_worker_thread(shared_corpus):
    caught = {}

    def spin():
        try:
            with _ThreadTimeLimit(0.2):
                end = time.monotonic() + 5
                while time.monotonic() < end:
                    pass
            caught["result"] = "not interrupted"
        except DocumentTimeout:
            caught["result"] = "timeout"

    t = threading.Thread(target=spin)
    t.start()
    t.join(10)
    assert caught["result"] == "timeout"

    item = discover([str(corpus_files()[0])])[0]
    got = {}
    t = threading.Thread(target=lambda: got.setdefault("rec", process_limited(item, 1e-6, 1 << 24)))
    t.start()
    t.join(30)
    assert "time limit exceeded" in got["rec"].error
    t = threading.Thread(target=lambda: got.__setitem__("rec", process_limited(item, 60, 1 << 24)))
    t.start()
    t.join(30)
    assert got["rec"].doc_id == item.doc_id and not hasattr(got["rec"], "error")


@pytest.mark.parametrize(
    "args, message",
    [
        (["samples", "--engine", "dask"], "needs -o"),
        (["-", "--engine", "dask", "-o", "OUT"], "not standard input"),
        (["samples", "--engine", "dask", "-o", "OUT", "--out-dir", "X"], "not both"),
        (["samples", "--engine", "spark", "-o", "OUT"], "local or dask"),
        (["samples", "-o", "OUT.jsonl", "--scheduler", "tcp://x:8786"], "options of --engine dask"),
    ],
)
def test_dask_usage_errors_exit_2_before_any_work(tmp_path, args, message):
    args = [a.replace("OUT", str(tmp_path / "out")) for a in args]
    proc = subprocess.run([*CLI, "extract", *args], capture_output=True, text=True, cwd=REPO, timeout=60)
    assert proc.returncode == 2
    assert message in proc.stderr
    assert not (tmp_path / "out").exists()


def test_an_earlier_output_needs_resume_or_force(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "part-000000.jsonl").write_text("")
    proc = subprocess.run(
        [*CLI, "extract", "samples", "--engine", "dask", "-o", str(out)], capture_output=True, text=True, cwd=REPO
    )
    assert proc.returncode == 2 and "--resume" in proc.stderr


def test_sha_changes_are_extracted_again_on_resume(client, tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    files = corpus_files()[:4] or sorted((REPO / "samples").glob("*.txt"))[:4]
    for f in files:
        shutil.copyfile(f, src / f.name)
    inputs = discover_any([str(src)])
    out = tmp_path / "parts"
    run_dask(client, inputs, str(out), partition_size=2)
    edited = src / files[1].name
    edited.write_bytes(edited.read_bytes() + "\nThêm một dòng.\n".encode())
    result = run_dask(client, inputs, str(out), resume=True)
    assert result.kept == 3 and result.records == 4
    lines = _part_text(out).splitlines()
    assert json.loads(lines[1])["source"]["sha256"] == hashlib.sha256(edited.read_bytes()).hexdigest()
    assert lines == _local_lines(inputs)



def test_a_second_run_on_a_locked_output_stops_at_once_unless_forced(client, tmp_path):
    from notice_extract.output_lock import LOCK_FILE, OutputLock

    out = tmp_path / "parts"
    with OutputLock(str(out)) as first:  # another process holding the flock: a run in progress
        first.acquire()
        proc = subprocess.run(
            [*CLI, "extract", "samples", "--engine", "dask", "-o", str(out), "--no-progress"],
            capture_output=True, text=True, cwd=REPO, timeout=120,
        )
        assert proc.returncode == 2
        lines = proc.stderr.strip().splitlines()
        assert len(lines) == 1 and "another run is writing" in lines[0] and "--force" in lines[0], proc.stderr
        assert f"held by process {os.getpid()}" in lines[0]
        assert sorted(p.name for p in out.iterdir()) == [LOCK_FILE]  # no cluster, nothing written
        proc = subprocess.run(
            [*CLI, "extract", "samples", "--engine", "dask", "--scheduler", client.scheduler.address,
             "-o", str(out), "--no-progress", "--force"],
            capture_output=True, text=True, cwd=REPO, timeout=300,
        )
        assert proc.returncode == 0, proc.stderr
    assert not (out / LOCK_FILE).exists()  # released at the end of the run
    proc = subprocess.run(  # free again: a resume runs (and keeps every record)
        [*CLI, "extract", "samples", "--engine", "dask", "--scheduler", client.scheduler.address,
         "-o", str(out), "--no-progress", "--resume"],
        capture_output=True, text=True, cwd=REPO, timeout=300,
    )
    assert proc.returncode == 0 and "kept from the earlier run" in proc.stderr, proc.stderr
    assert not (out / LOCK_FILE).exists()


def test_object_store_outputs_are_claimed_by_a_renewed_lease(monkeypatch):
    import fsspec

    from notice_extract import output_lock
    from notice_extract.cli_dask import usage_error
    from notice_extract.output_lock import LEASE, LEASE_FILE, OutputBusy, OutputLock

    fs = fsspec.filesystem("memory")
    out = "memory://leased"
    monkeypatch.setattr(output_lock, "RENEW", 0.05)
    first = OutputLock(out)
    first.acquire()
    try:
        lease = json.loads(fs.cat_file(f"/leased/{LEASE_FILE}"))
        assert lease["owner"] == first.owner
        deadline = time.monotonic() + 30
        while json.loads(fs.cat_file(f"/leased/{LEASE_FILE}"))["renewed"] == lease["renewed"]:
            assert time.monotonic() < deadline, "the lease was not renewed"
            time.sleep(0.05)
        with pytest.raises(OutputBusy, match="another run is writing memory://leased .*lease"):
            OutputLock(out).acquire()
        assert "another run is writing" in usage_error(["samples"], out, None, False, False, None)
        assert usage_error(["samples"], out, None, False, True, None) is None  # --force
    finally:
        first.release()
    assert not fs.exists(f"/leased/{LEASE_FILE}")
    # a lease its run stopped renewing long ago (the client was killed) does not block
    fs.pipe_file(f"/leased/{LEASE_FILE}", json.dumps({"owner": "gone:1:x", "renewed": time.time() - LEASE - 1}).encode())
    second = OutputLock(out)
    second.acquire()
    second.release()
    fs.rm("/leased", recursive=True)
