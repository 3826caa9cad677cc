"""Batch runs: find the inputs, extract each, never lose one.

Every input yields exactly one output record, in input order: a ``Record``, or
an ``ErrorRecord`` (``doc_id``, ``source``, ``error``) for a file that could not
be read, decoded or processed. Work per document is bounded by a time limit so
that one runaway input becomes an error record instead of a hung batch.
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
import sys
import time
import traceback
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from .models import ErrorRecord, Record, Source

STDIN = "-"
DEFAULT_TIME_LIMIT = 60.0  # seconds per document
MAX_BYTES = 16 * 1024 * 1024  # the longest real notice is ~100 KB: a larger file is not one


@dataclass(frozen=True)
class Input:
    path: str  # a file path, or "-" for standard input
    doc_id: str


class DocumentTimeout(Exception):
    pass


def discover(paths: Iterable[str | Path], pattern: str = "*.txt") -> tuple[list[Input], list[ErrorRecord]]:
    """Expand files and folders (recursive, sorted) into inputs; unreadable paths become errors.

    Symlinked folders are followed once: a loop (a link back to an ancestor)
    is reported, not walked forever."""
    inputs: list[Input] = []
    errors: list[ErrorRecord] = []
    seen_ids: dict[str, int] = {}

    def add(path: str) -> None:
        stem = "stdin" if path == STDIN else Path(path).stem
        n = seen_ids.get(stem, 0)
        seen_ids[stem] = n + 1
        inputs.append(Input(path=path, doc_id=stem if n == 0 else f"{stem}~{n + 1}"))

    for raw in paths:
        p = str(raw)
        if p == STDIN:
            add(STDIN)
            continue
        path = Path(p)
        if path.is_dir():
            for f in _walk(path, pattern, errors):
                add(str(f))
        elif path.exists() or path.is_symlink():
            add(p)
        else:
            errors.append(_error(Path(p).stem, p, f"no such file or folder: {p}"))
    return inputs, errors


def _walk(root: Path, pattern: str, errors: list[ErrorRecord]) -> Iterator[Path]:
    visited: set[tuple[int, int]] = set()
    stack = [root]
    found: list[Path] = []
    while stack:
        folder = stack.pop()
        try:
            st = folder.stat()
        except OSError as exc:
            errors.append(_error(folder.name, str(folder), f"cannot read folder: {exc}"))
            continue
        key = (st.st_dev, st.st_ino)
        if key in visited:
            errors.append(_error(folder.name, str(folder), "symlink loop: folder already visited"))
            continue
        visited.add(key)
        try:
            entries = sorted(folder.iterdir())
        except OSError as exc:
            errors.append(_error(folder.name, str(folder), f"cannot list folder: {exc}"))
            continue
        for entry in entries:
            if entry.is_dir():
                stack.append(entry)
            elif entry.match(pattern):
                found.append(entry)
    return iter(sorted(found))


def _error(doc_id: str, path: str | None, message: str, data: bytes | None = None) -> ErrorRecord:
    source = Source(path=path)
    if data is not None:
        source.sha256 = hashlib.sha256(data).hexdigest()
        source.bytes = len(data)
    return ErrorRecord(doc_id=doc_id, source=source, error=message)


def process(item: Input, time_limit: float | None = DEFAULT_TIME_LIMIT) -> Record | ErrorRecord:
    """Extract one input; any failure becomes an ErrorRecord with a clear message."""
    from .decode import DecodeError
    from .pipeline import extract_bytes

    data: bytes | None = None
    try:
        if item.path == STDIN:
            data = sys.stdin.buffer.read()
        else:
            size = os.path.getsize(item.path)
            if size > MAX_BYTES:
                return _error(item.doc_id, item.path, f"file too large: {size} bytes (limit {MAX_BYTES})")
            with open(item.path, "rb") as fh:
                data = fh.read()
        with _time_limit(time_limit):
            return extract_bytes(data, item.doc_id, path=None if item.path == STDIN else item.path)
    except DecodeError as exc:
        return _error(item.doc_id, item.path, f"cannot decode: {exc}", data)
    except DocumentTimeout:
        return _error(item.doc_id, item.path, f"time limit exceeded ({time_limit:g} s)", data)
    except OSError as exc:
        return _error(item.doc_id, item.path, f"cannot read: {exc.strerror or exc}", data)
    except Exception as exc:  # a bug must cost one document, not the batch
        tb = traceback.extract_tb(exc.__traceback__)[-1]
        where = f"{Path(tb.filename).name}:{tb.lineno}"
        return _error(item.doc_id, item.path, f"internal error: {type(exc).__name__}: {exc} ({where})", data)


class _time_limit:
    """SIGALRM-based limit; a no-op where signals are unavailable (threads, Windows)."""

    def __init__(self, seconds: float | None):
        self.seconds = seconds
        self.armed = False

    def __enter__(self):
        if self.seconds and hasattr(signal, "setitimer"):
            try:
                self.old = signal.signal(signal.SIGALRM, self._raise)
                signal.setitimer(signal.ITIMER_REAL, self.seconds)
                self.armed = True
            except ValueError:  # not the main thread
                pass
        return self

    @staticmethod
    def _raise(signum, frame):
        raise DocumentTimeout()

    def __exit__(self, *exc):
        if self.armed:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, self.old)
        return False


def _process_star(args):
    return process(*args)


def run(
    inputs: list[Input], workers: int = 1, time_limit: float | None = DEFAULT_TIME_LIMIT
) -> Iterator[Record | ErrorRecord]:
    """Yield one record per input, in input order."""
    if workers <= 1 or len(inputs) <= 1:
        for item in inputs:
            yield process(item, time_limit)
        return
    # stdin can only be read by this process
    if any(i.path == STDIN for i in inputs):
        workers = 1
        yield from run(inputs, 1, time_limit)
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        chunk = max(1, min(32, len(inputs) // (workers * 8) or 1))
        yield from pool.map(_process_star, [(i, time_limit) for i in inputs], chunksize=chunk)


@dataclass
class Summary:
    total: int = 0
    ok: int = 0
    warned: int = 0
    failed: int = 0
    seconds: float = 0.0

    def add(self, rec: Record | ErrorRecord) -> None:
        self.total += 1
        if isinstance(rec, ErrorRecord):
            self.failed += 1
        elif rec.warnings:
            self.warned += 1
        else:
            self.ok += 1

    def add_line(self, line: str) -> None:
        """Count a record kept from an earlier run (already a JSON line)."""
        self.total += 1
        rec = json.loads(line)
        if rec.get("warnings"):
            self.warned += 1
        else:
            self.ok += 1

    def line(self) -> str:
        rate = self.total / self.seconds if self.seconds else 0.0
        return (
            f"{self.total} documents: {self.ok} ok, {self.warned} with warnings, {self.failed} failed "
            f"in {self.seconds:.1f} s ({rate:.1f} docs/s)"
        )


def load_done(path: Path) -> dict[str, str]:
    """sha256 -> JSON line of the successful records of an earlier run.

    A last line cut by a kill does not parse and is dropped; error records are
    dropped so that their documents are tried again."""
    done: dict[str, str] = {}
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            try:
                rec = json.loads(line)
            except ValueError:
                continue
            sha = (rec.get("source") or {}).get("sha256")
            if sha and "error" not in rec:
                done[sha] = line
    return done


def plan_resume(inputs: list[Input], done: dict[str, str]) -> tuple[list[Input], dict[str, str]]:
    """Split inputs into those to extract and, by doc_id, the kept lines of the others."""
    todo: list[Input] = []
    reuse: dict[str, str] = {}
    for item in inputs:
        sha = None
        if item.path != STDIN:
            try:
                sha = hashlib.sha256(Path(item.path).read_bytes()).hexdigest()
            except OSError:
                pass
        if sha in done:
            reuse[item.doc_id] = done[sha]
        else:
            todo.append(item)
    return todo, reuse


def now() -> float:
    return time.perf_counter()
