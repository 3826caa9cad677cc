"""Batch runs on a Dask cluster (``extract --engine dask``), inputs and outputs on fsspec storage.

The client lists the inputs and ships *paths* in partitions of consecutive
inputs; each task reads its documents itself (a local path with the local
engine's bounded reader, a URL through fsspec), runs the local engine's
``batch.process`` on each, and commits one JSONL part, ``OUT/part-NNNNNN.jsonl``,
in one atomic step (written aside in ``OUT/_tmp/``, then moved). The parts in
order are, line for line, what the local engine writes. When every part is in,
``OUT/_manifest.json`` lists them with their counts: its presence means the
output is complete.

Why this is safe on a cluster:

* a task is a pure function of its partition: a task retried after its worker
  died writes the same part under the same name, so nothing is lost or doubled;
* ``OUT/_run.json`` keeps the partition size of the run, so ``--resume`` cuts the
  inputs the same way: each task reads the old part of its partition, keeps a
  record when doc_id, path and the sha256 of the bytes it reads now all match
  (as the local engine does) and extracts the rest;
* the per-document time limit works in worker threads, where SIGALRM cannot:
  a timer raises ``DocumentTimeout`` in the thread running the document;
* a document that kills its process costs that document only: a task that was
  running on a worker that died (the scheduler counts it *suspicious*) runs
  again with its documents in a forked child (``isolate.py``), so the culprit
  kills children, not workers, and gets the local engine's error record
  ``worker died ... twice``. Should the scheduler give up on a partition
  anyway (``KilledWorker``: it allows no retry, or does not tell the task), the
  client submits that partition once more, isolated.
"""

from __future__ import annotations

import ctypes
import fnmatch
import hashlib
import json
import math
import secrets
import threading
import time
from dataclasses import dataclass, field, replace
from pathlib import PurePosixPath
from typing import Callable, Iterable

from .batch import (
    DEFAULT_PATTERN,
    DEFAULT_TIME_LIMIT,
    MAX_BYTES,
    STDIN,
    DocumentTimeout,
    Input,
    Result,
    TooLarge,
    _error,
    discover,
    process,
    read_bounded,
)
from .storage import commit, is_url, join as _join, remove_tmp, url_to_fs as _fs

MANIFEST = "_manifest.json"
RUN_FILE = "_run.json"
PART_FORMAT = "part-{:06d}"
MAX_PARTITION = 1000  # ~5 s of one core: small enough to retry, large enough for the scheduler


# --------------------------------------------------------------------------
# inputs
# --------------------------------------------------------------------------


def discover_any(paths: Iterable[str], pattern: str = DEFAULT_PATTERN, notes: list[str] | None = None) -> list[Input]:
    """Inputs in argument order: local paths exactly as the local engine finds them
    (same doc_ids, same path strings), URLs listed through fsspec (recursive, sorted).

    doc_ids are unique across both kinds, by the local engine's rule (``stem~2``)."""
    paths = [str(p) for p in paths]
    if not any(is_url(p) for p in paths):
        return discover(paths, pattern, notes)
    inputs: list[Input] = []
    seen: dict[str, int] = {}

    def add(path: str, error: str | None = None) -> None:
        stem = PurePosixPath(path.split("://", 1)[-1]).stem
        n = seen.get(stem, 0)
        seen[stem] = n + 1
        inputs.append(Input(path=path, doc_id=stem if n == 0 else f"{stem}~{n + 1}", error=error))

    for p in paths:
        if not is_url(p):
            for item in discover([p], pattern, notes):
                add(item.path, item.error)
            continue
        try:
            fs, root = _fs(p)
            info = fs.info(root)
        except FileNotFoundError:
            add(p, f"no such file or folder: {p}")
            continue
        except Exception as exc:  # credentials, network, unknown protocol: one error record
            add(p, f"cannot list: {type(exc).__name__}: {exc}")
            continue
        if info.get("type") == "directory":
            pats = [q.strip() for q in pattern.lower().split(",") if q.strip()]  # as batch.discover
            found = sorted(
                f for f in fs.find(root) if any(fnmatch.fnmatchcase(PurePosixPath(f).name.lower(), q) for q in pats)
            )
            for f in found:
                add(fs.unstrip_protocol(f))
        else:
            add(p)
    return inputs


def read_any(path: str, max_bytes: int = MAX_BYTES) -> bytes:
    """The bytes of a local path (the local engine's bounded read) or of an fsspec URL."""
    if not is_url(path):
        return read_bounded(path, max_bytes)
    fs, p = _fs(path)
    info = fs.info(p)  # FileNotFoundError is an OSError: "cannot read"
    if info.get("type") != "file":
        raise OSError(0, f"not a regular file: {path} is a {info.get('type')}")
    size = info.get("size")
    if size is not None and size > max_bytes:
        raise TooLarge(str(size), max_bytes)
    with fs.open(p, "rb") as fh:
        data = fh.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise TooLarge(f"at least {max_bytes + 1}", max_bytes)
    return data


# --------------------------------------------------------------------------
# one partition (runs on a worker)
# --------------------------------------------------------------------------


class _ThreadTimeLimit:
    """A time limit for code running in a thread other than the main one.

    SIGALRM (the local engine's limit) reaches only the main thread, and Dask
    runs tasks in worker threads: a timer raises ``DocumentTimeout`` in the
    document's thread instead. Like SIGALRM, it interrupts Python code, not a
    call stuck inside C."""

    def __init__(self, seconds: float | None):
        self.seconds = seconds
        self.timer: threading.Timer | None = None

    def __enter__(self):
        if self.seconds and threading.current_thread() is not threading.main_thread():
            self.tid = threading.get_ident()
            self.lock = threading.Lock()
            self.active = True
            self.fired = False
            self.timer = threading.Timer(self.seconds, self._fire)
            self.timer.daemon = True
            self.timer.start()
        return self

    def _fire(self) -> None:
        with self.lock:
            if self.active:
                self.fired = True
                ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(self.tid), ctypes.py_object(DocumentTimeout))

    def __exit__(self, *exc):
        if self.timer is not None:
            with self.lock:
                self.active = False
                if self.fired:  # not raised yet: withdraw it
                    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(self.tid), None)
            self.timer.cancel()
        return False


def process_limited(item: Input, time_limit: float | None, max_bytes: int):
    """``batch.process`` with ``read_any`` and a time limit that works in worker threads."""
    try:
        with _ThreadTimeLimit(time_limit):
            return process(item, time_limit, max_bytes, read=read_any)
    except DocumentTimeout:  # raised between the document's end and the timer's withdrawal
        return _error(item.doc_id, item.path, f"time limit exceeded ({time_limit:g} s)")


@dataclass
class Partition:
    number: int
    first: int  # index of its first input in the run
    items: list[Input]
    out: str
    time_limit: float | None = DEFAULT_TIME_LIMIT
    max_bytes: int = MAX_BYTES
    resume: bool = False
    tables: str | None = None
    tables_format: str = "parquet"
    isolate: bool = False  # its documents in a forked child, one after another (isolate.py)

    @property
    def name(self) -> str:
        return PART_FORMAT.format(self.number)


@dataclass
class PartDone:
    """What the client learns of a committed part: counts, not records."""

    number: int
    name: str
    first: int
    records: int = 0
    failed: int = 0
    warned: int = 0
    not_notice: int = 0
    kept: int = 0
    bytes: int = 0
    errors: list[tuple[str, str]] = field(default_factory=list)  # (doc_id, error)
    worker: str = ""
    isolated: bool = False  # its documents ran in child processes (a worker had died running it)
    resubmitted: bool = False  # after Dask gave up on its first task (KilledWorker)


def _old_records(out: str, name: str) -> dict[tuple, tuple[str, str]]:
    """(doc_id, path) -> (sha256, line) of the successful records of an earlier part."""
    fs, root = _fs(out)
    path = _join(root, name + ".jsonl")
    try:
        raw = fs.cat_file(path)
    except FileNotFoundError:
        return {}
    done = {}
    for line in raw.decode("utf-8", "replace").splitlines():
        try:
            rec = json.loads(line)
        except ValueError:
            continue
        if not isinstance(rec, dict) or "error" in rec:
            continue
        src = rec.get("source") or {}
        if src.get("sha256") and "doc_id" in rec:
            done[(rec["doc_id"], src.get("path"))] = (src["sha256"], line)
    return done


def _suspicion(key, dask_scheduler=None) -> int:
    """How many workers died while running task ``key`` (runs on the scheduler)."""
    ts = dask_scheduler.tasks.get(key)
    return ts.suspicious if ts is not None else 0


def _worker_died_running_this_task() -> bool:
    """True when the scheduler saw this task on a worker that died: the scheduler's own
    count of it, the one behind ``KilledWorker``. False outside a worker, and when the
    scheduler runs no client functions (``distributed.scheduler.pickle: false``)."""
    try:
        from distributed import get_client, get_worker

        key = get_worker().get_current_task()
        return int(get_client().run_on_scheduler(_suspicion, key)) > 0
    except Exception:
        return False


def run_partition(part: Partition) -> PartDone:
    """Extract one partition and commit its part (and its table parts); runs on a worker."""
    from . import isolate

    done = PartDone(part.number, part.name, part.first)
    try:
        from distributed import get_worker

        done.worker = get_worker().address
    except Exception:  # run outside a worker (tests, the synchronous path)
        pass
    done.isolated = isolate.available() and (part.isolate or _worker_died_running_this_task())
    old = _old_records(part.out, part.name) if part.resume else {}
    lines: list[str] = []
    children = isolate.IsolatedRunner(part.time_limit, part.max_bytes, read_any) if done.isolated else None
    try:
        for offset, item in enumerate(part.items):
            index = part.first + offset
            res = None
            prior = old.get((item.doc_id, item.path)) if not item.error else None
            if prior is not None:
                try:
                    sha = hashlib.sha256(read_any(item.path, part.max_bytes)).hexdigest()
                except (OSError, TooLarge):
                    sha = None
                if sha == prior[0]:
                    res = Result.of_line(index, prior[1])
            if res is None and children is not None:
                res = children.run(index, item)
            elif res is None:
                res = Result.of(index, process_limited(item, part.time_limit, part.max_bytes))
            lines.append(res.line)
            done.records += 1
            done.kept += res.kept
            if res.error:
                done.failed += 1
                done.errors.append((res.doc_id, res.error))
            else:
                done.warned += res.warned
                done.not_notice += not res.notice
    finally:
        if children is not None:
            children.close()
    data = "".join(line + "\n" for line in lines).encode("utf-8")
    done.bytes = len(data)
    if part.tables:
        from .tables import write_part

        write_part(lines, part.tables, part.name, part.tables_format)
    commit(part.out, part.name + ".jsonl", data)  # last: a part on disk means its tables are too
    return done


# --------------------------------------------------------------------------
# the run (client side)
# --------------------------------------------------------------------------


class OutputExists(Exception):
    pass


def existing_output(out: str) -> bool:
    fs, root = _fs(out)
    try:
        names = fs.ls(root, detail=False)
    except FileNotFoundError:
        return False
    return any(PurePosixPath(n).name in (MANIFEST, RUN_FILE) or PurePosixPath(n).name.startswith("part-") for n in names)


def auto_partition_size(n: int, threads: int) -> int:
    """About four partitions per worker thread (load balance, progress), at most MAX_PARTITION."""
    return max(1, min(MAX_PARTITION, math.ceil(n / max(1, 4 * threads))))


def _read_json(out: str, name: str) -> dict | None:
    fs, root = _fs(out)
    try:
        return json.loads(fs.cat_file(_join(root, name)))
    except (FileNotFoundError, ValueError):
        return None


@dataclass
class DaskRun:
    inputs: int = 0
    parts: list[PartDone] = field(default_factory=list)
    partition_size: int = 0
    seconds: float = 0.0
    dashboard: str | None = None

    @property
    def records(self) -> int:
        return sum(p.records for p in self.parts)

    @property
    def failed(self) -> int:
        return sum(p.failed for p in self.parts)

    @property
    def kept(self) -> int:
        return sum(p.kept for p in self.parts)

    def line(self) -> str:
        ok = self.records - self.failed
        warned = sum(p.warned for p in self.parts)
        not_notice = sum(p.not_notice for p in self.parts)
        fresh = self.records - self.kept
        rate = fresh / self.seconds if self.seconds else 0.0
        kept = f" ({self.kept} kept from the earlier run)" if self.kept else ""
        return (
            f"{self.records} documents{kept}: {ok} ok ({warned} with warnings, {not_notice} not notices), "
            f"{self.failed} failed in {self.seconds:.1f} s ({rate:.1f} docs/s) "
            f"in {len(self.parts)} parts of up to {self.partition_size}"
        )


def partitions(
    inputs: list[Input],
    out: str,
    size: int,
    time_limit: float | None,
    max_bytes: int,
    resume: bool,
    tables: str | None,
    tables_format: str,
) -> list[Partition]:
    return [
        Partition(k, start, inputs[start : start + size], out, time_limit, max_bytes, resume, tables, tables_format)
        for k, start in enumerate(range(0, len(inputs), size))
    ]


def run_dask(
    client,
    inputs: list[Input],
    out: str,
    *,
    partition_size: int | None = None,
    time_limit: float | None = DEFAULT_TIME_LIMIT,
    max_bytes: int = MAX_BYTES,
    resume: bool = False,
    tables: str | None = None,
    tables_format: str = "parquet",
    on_part: Callable[[PartDone, DaskRun], None] | None = None,
    retries: int = 2,
    isolate: bool = False,
) -> DaskRun:
    """Extract ``inputs`` on the cluster behind ``client`` into the parts under ``out``.

    Returns when every part is committed and the manifest written. A task that
    raises (a storage error, say) is retried ``retries`` times; a task whose
    worker dies is rescheduled by Dask and runs its documents in child processes
    (isolate.py), and a partition Dask gives up on (``KilledWorker``, after
    ``distributed.scheduler.allowed-failures``) is submitted once more, isolated.
    ``isolate`` runs every document in a child from the start (what that costs:
    benchmarks/dask_bench.py --isolate). ``on_part`` is called on the client as
    each part is committed."""
    from distributed import KilledWorker, as_completed

    if any(i.path == STDIN for i in inputs):
        raise ValueError("standard input cannot be read by a cluster; give files, folders or URLs")
    run = DaskRun(inputs=len(inputs))
    earlier = _read_json(out, RUN_FILE) if resume else None
    if partition_size is None and earlier and earlier.get("documents") == len(inputs):
        partition_size = int(earlier.get("partition_size") or 0) or None
    if partition_size is None:
        threads = sum((client.nthreads() or {}).values()) or 1
        partition_size = auto_partition_size(len(inputs), threads)
    run.partition_size = partition_size
    fs, root = _fs(out)
    fs.makedirs(root, exist_ok=True)
    try:  # incomplete from here on, until the new manifest is written
        fs.rm_file(_join(root, MANIFEST))
    except FileNotFoundError:
        pass
    commit(out, RUN_FILE, json.dumps({"partition_size": partition_size, "documents": len(inputs)}).encode())

    parts = partitions(inputs, out, partition_size, time_limit, max_bytes, resume, tables, tables_format)
    if isolate:
        parts = [replace(p, isolate=True) for p in parts]
    token = secrets.token_hex(4)
    start = time.perf_counter()
    futures = client.map(
        run_partition,
        parts,
        key=[f"notice-extract-{token}-{p.name}" for p in parts],
        retries=retries,
        pure=False,
    )
    part_of = {fut.key: part for fut, part in zip(futures, parts)}
    pending = as_completed(futures)
    try:
        for fut in pending:
            try:
                done = fut.result()  # a task that failed for good raises here: the run stops, parts stay
            except KilledWorker:
                part = part_of[fut.key]
                if part.isolate:  # it killed workers even with its documents in children
                    raise
                part = replace(part, isolate=True)
                again = client.submit(run_partition, part, key=f"{fut.key}-isolated", retries=retries, pure=False)
                part_of[again.key] = part
                futures.append(again)
                pending.add(again)
                continue
            done.resubmitted = part_of[fut.key].isolate and not parts[done.number].isolate
            run.parts.append(done)
            run.seconds = time.perf_counter() - start
            if on_part:
                on_part(done, run)
            fut.release()
    except BaseException:
        client.cancel(futures)
        raise
    run.seconds = time.perf_counter() - start
    run.parts.sort(key=lambda p: p.number)
    _finish(out, run, tables, tables_format)
    return run


def _finish(out: str, run: DaskRun, tables: str | None, tables_format: str) -> None:
    """Remove parts this run did not write (an earlier run cut differently), then write the manifest."""
    names = {p.name for p in run.parts}
    fs, root = _fs(out)
    for f in fs.ls(root, detail=False):
        base = PurePosixPath(f).name
        if base.startswith("part-") and base.endswith(".jsonl") and base[: -len(".jsonl")] not in names:
            fs.rm_file(f)
    if tables:
        from .tables import remove_stale

        remove_stale(tables, names, tables_format)
    manifest = {
        "format": "notice-extract parts",
        "schema_version": "1.0",
        "documents": run.records,
        "failed": run.failed,
        "partition_size": run.partition_size,
        "parts": [
            {"name": p.name + ".jsonl", "first": p.first, "records": p.records, "failed": p.failed, "bytes": p.bytes}
            for p in run.parts
        ],
    }
    if tables:
        manifest["tables"] = {"location": tables, "format": tables_format}
    commit(out, MANIFEST, (json.dumps(manifest, ensure_ascii=False, indent=1) + "\n").encode("utf-8"))
    remove_tmp(out)  # what tasks of dead workers left half-written


def part_files(out: str) -> list[str]:
    """The parts of a complete output, in order, as URLs or local paths (from its manifest)."""
    manifest = _read_json(out, MANIFEST)
    if manifest is None:
        raise FileNotFoundError(f"{out} has no {MANIFEST}: not a complete output of --engine dask")
    return [_join(out, p["name"]) for p in manifest["parts"]]


def iter_lines(out: str) -> Iterable[str]:
    """Every record line of a complete output, in input order."""
    for url in part_files(out):
        fs, p = _fs(url)
        with fs.open(p, "rt", encoding="utf-8") as fh:
            for line in fh:
                yield line.rstrip("\n")


def start_client(scheduler: str | None, workers: int, dashboard: str | None = ":8787"):
    """A client of the cluster at ``scheduler``, or of a new LocalCluster of ``workers``
    single-threaded processes (the extractor is pure Python: one thread per process)."""
    import logging

    from distributed import Client, LocalCluster

    if scheduler:
        return Client(scheduler)
    cluster = LocalCluster(
        n_workers=workers,
        threads_per_worker=1,
        processes=True,
        dashboard_address=dashboard,
        silence_logs=logging.ERROR,
    )
    return Client(cluster)


def close_client(client) -> None:
    cluster = getattr(client, "cluster", None)
    try:
        client.close()
    finally:
        if cluster is not None:
            cluster.close()
