"""A document that kills every process reading it costs one document on the Dask engine.

Real LocalCluster (2 worker processes) whose workers load tests/dask_poison.py:
the poison document SIGKILLs its Dask worker on the first try, then (isolated)
its children. Every wait is bounded: subprocess timeouts, and pytest-timeout
fails a hung test instead of blocking CI.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytest.importorskip("distributed", reason="the distributed extra is not installed")

from notice_extract.batch import discover, run  # noqa: E402
from notice_extract.distributed import MANIFEST  # noqa: E402

from conftest import CORPUS, corpus_files  # noqa: E402
from dask_poison import MARKER  # noqa: E402

pytestmark = [
    pytest.mark.timeout(600),
    pytest.mark.skipif(not hasattr(os, "fork"), reason="isolation forks (POSIX only)"),
]

CLI = [sys.executable, "-m", "notice_extract"]
PRELOAD = Path(__file__).with_name("dask_poison.py")
N_DOCS = 20
POISON_AT = 9  # in the third partition of 4


@pytest.fixture(scope="module")
def cluster():
    import logging

    from distributed import Client, LocalCluster

    with LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        dashboard_address=":0",
        silence_logs=logging.CRITICAL,
        preload=[str(PRELOAD)],
    ) as cluster, Client(cluster, timeout=60) as client:
        yield cluster, client


@pytest.fixture(scope="module")
def poisoned(tmp_path_factory):
    """20 dev notices with, in 10th place, a copy of one that carries the marker."""
    files = corpus_files()[:N_DOCS]
    if len(files) < N_DOCS:
        pytest.skip(f"dev corpus not found at {CORPUS}")
    root = tmp_path_factory.mktemp("poisoned")
    for n, f in enumerate(files):
        data = f.read_bytes()
        if n == POISON_AT:
            data += b"\n" + MARKER + b"\n"
        (root / f"d{n:02d}_{f.name}").write_bytes(data)
    inputs = discover([str(root)])
    expected = [res.line for res in run(inputs, workers=2)]  # this process has no poison: all extract
    return root, inputs, expected


def _check(out: Path, inputs, expected, proc) -> None:
    assert proc.returncode == 1, proc.stderr  # one document failed
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    assert manifest["documents"] == N_DOCS and manifest["failed"] == 1
    assert sum(p["records"] for p in manifest["parts"]) == N_DOCS
    assert sum(p["failed"] for p in manifest["parts"]) == 1
    lines = "".join((out / p["name"]).read_text(encoding="utf-8") for p in manifest["parts"]).splitlines()
    recs = [json.loads(line) for line in lines]
    assert [r["doc_id"] for r in recs] == [i.doc_id for i in inputs]  # each once, in order
    bad = [r for r in recs if "error" in r]
    assert [r["doc_id"] for r in bad] == [inputs[POISON_AT].doc_id]
    assert bad[0]["error"] == "worker died while processing this document (killed by SIGKILL), twice; not retried"
    assert [x for n, x in enumerate(lines) if n != POISON_AT] == [x for n, x in enumerate(expected) if n != POISON_AT]
    assert f"{inputs[POISON_AT].doc_id}: worker died" in proc.stderr
    assert "19 ok" in proc.stderr and "1 failed" in proc.stderr
    assert not (out / "_tmp").exists()


@pytest.mark.parametrize("allowed_failures", [3, 0], ids=["retried-isolated", "killedworker-resubmitted"])
def test_a_document_that_kills_every_worker_costs_one_document(cluster, poisoned, tmp_path, allowed_failures):
    """allowed-failures 3 (Dask's default): the retried task sees it was on a dead worker and
    isolates; 0: the scheduler gives up at once (KilledWorker) and the client resubmits isolated."""
    cl, client = cluster
    root, inputs, expected = poisoned

    def set_allowed(dask_scheduler=None, n=allowed_failures):
        old, dask_scheduler.allowed_failures = dask_scheduler.allowed_failures, n
        return old

    old = client.run_on_scheduler(set_allowed)
    client.wait_for_workers(2, timeout=60)
    before = set(client.run(os.getpid).values())
    out = tmp_path / "parts"
    started = time.monotonic()
    try:
        proc = subprocess.run(
            [*CLI, "extract", str(root), "--engine", "dask", "--scheduler", cl.scheduler_address,
             "-o", str(out), "--partition-size", "4", "--no-progress"],
            capture_output=True, text=True, timeout=300,
        )
    finally:
        client.run_on_scheduler(set_allowed, n=old)
    print(f"poison run ({allowed_failures} allowed failures): {time.monotonic() - started:.1f} s")
    _check(out, inputs, expected, proc)
    why = "Dask gave up on it (KilledWorker)" if allowed_failures == 0 else "it ran again"
    assert f"a worker died running part-000002; {why}" in proc.stderr
    client.wait_for_workers(2, timeout=60)
    assert before - set(client.run(os.getpid).values())  # the poison did kill a Dask worker first


def test_isolated_runner_matches_in_process_and_survives_deaths_and_hangs(monkeypatch):
    """IsolatedRunner on its own (no cluster), driven from a thread as a Dask task is."""
    import signal
    import threading

    from notice_extract import isolate
    from notice_extract.batch import Result, process
    from notice_extract.distributed import read_any

    files = corpus_files()[:5]
    if len(files) < 5:
        pytest.skip(f"dev corpus not found at {CORPUS}")
    items = discover([str(f) for f in files])
    expected = [Result.of(i, process(it)).line for i, it in enumerate(items)]

    def kills_on_second(path, *args):  # a document that kills whichever process reads it
        if path == items[1].path:
            os.kill(os.getpid(), signal.SIGKILL)
        return read_any(path, *args)

    def hangs_on_third(path, *args):  # stuck where SIGALRM cannot reach (it is switched off)
        if path == items[2].path:
            signal.setitimer(signal.ITIMER_REAL, 0)
            time.sleep(600)
        return read_any(path, *args)

    monkeypatch.setattr(isolate, "_HARD_LIMIT_GRACE", 0.5)
    got = {}

    def children() -> set[int]:  # this process's children, zombies too (other tests' clusters among them)
        return {int(p.name) for p in Path("/proc").iterdir() if p.name.isdigit() and _parent(p) == os.getpid()}

    before = children()

    def work():
        with isolate.IsolatedRunner(60, 1 << 24, read_any) as r:
            got["plain"] = ([r.run(i, it).line for i, it in enumerate(items)], r.forks)
        with isolate.IsolatedRunner(60, 1 << 24, kills_on_second) as r:
            got["killer"] = ([r.run(i, it) for i, it in enumerate(items)], r.forks)
        with isolate.IsolatedRunner(0.5, 1 << 24, hangs_on_third) as r:
            got["hang"] = ([r.run(i, it) for i, it in enumerate(items)], r.forks)
        got["children"] = children() - before

    t = threading.Thread(target=work)
    t.start()
    t.join(120)
    assert not t.is_alive(), "isolated runs hung"
    assert got["plain"] == (expected, 1)  # one child for the whole partition, the same records
    results, forks = got["killer"]
    assert forks == 3  # the first child, and one after each death of the second document
    assert results[1].error == "worker died while processing this document (killed by SIGKILL), twice; not retried"
    assert [r.line for n, r in enumerate(results) if n != 1] == [x for n, x in enumerate(expected) if n != 1]
    results, forks = got["hang"]
    assert results[2].error == "time limit exceeded (0.5 s); worker stopped" and forks == 2
    assert [r.line for n, r in enumerate(results) if n != 2] == [x for n, x in enumerate(expected) if n != 2]
    assert got["children"] == set()  # every child reaped


def _parent(proc: Path) -> int | None:
    try:
        return int((proc / "stat").read_text().rsplit(")", 1)[1].split()[1])
    except (OSError, ValueError, IndexError):
        return None


def test_isolated_runner_child_killed_between_documents_costs_no_try(monkeypatch):
    """A child killed from outside between two documents (the OOM killer, an
    operator) is replaced before the next document is sent: that document still
    gets its two tries, so a poisonous one is tried in two children of its own."""
    import signal
    import threading

    from notice_extract import isolate
    from notice_extract.distributed import read_any

    files = corpus_files()[:2]
    if len(files) < 2:
        pytest.skip(f"dev corpus not found at {CORPUS}")
    items = discover([str(f) for f in files])

    def kills_on_second(path, *args):
        if path == items[1].path:
            os.kill(os.getpid(), signal.SIGKILL)
        return read_any(path, *args)

    got = {}

    def work():
        with isolate.IsolatedRunner(60, 1 << 24, kills_on_second) as r:
            first = r.run(0, items[0])
            os.kill(r.pid, signal.SIGKILL)  # between documents
            deadline = time.monotonic() + 10
            while not _dead(r.pid) and time.monotonic() < deadline:
                time.sleep(0.02)
            got["results"] = (first, r.run(1, items[1]), r.forks)

    t = threading.Thread(target=work)
    t.start()
    t.join(60)
    assert not t.is_alive(), "isolated run hung"
    first, second, forks = got["results"]
    assert first.error is None
    assert second.error == "worker died while processing this document (killed by SIGKILL), twice; not retried"
    assert forks == 3  # the first child, its replacement, and one after the poison's first death


def _dead(pid: int) -> bool:
    """A zombie whose threads have all exited (the watchdog's too): waitpid can reap it."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        return state == "Z" and len(os.listdir(f"/proc/{pid}/task")) <= 1
    except (OSError, IndexError):
        return True
