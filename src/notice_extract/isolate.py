"""One document in a forked child process, so that a crash costs the document, not the process.

The Dask engine uses this for a partition whose task was running on a worker
that died: Dask retries the task, and without isolation a document that kills
its process (a crash in C code, the kernel's OOM killer) would kill every
worker the task lands on until Dask gives up on the whole partition
(``KilledWorker``). Run one document per child instead, and such a document
gets what the local engine gives it: one more try in a new child, then an
error record ``worker died ... twice; not retried`` (the local engine's words),
while the worker and the rest of the partition go on.

The child is forked from the worker, so it starts with the extractor's rules
and models already loaded (no import, no warm-up) and its time limit is the
local engine's SIGALRM (the child's only thread is its main thread). A child
that ignores the limit (stuck in C code) is killed, as the local engine's
workers are. POSIX only (``os.fork``); elsewhere ``available()`` is False.
"""

from __future__ import annotations

import os
import pickle
import select
import signal
import time
from typing import Callable

from .batch import _HARD_LIMIT_GRACE, Input, Result, _death, _error, _watch_parent, process


def available() -> bool:
    return hasattr(os, "fork")


def _child(wfd: int, index: int, item: Input, time_limit, max_bytes: int, read: Callable, ppid: int) -> None:
    """The forked child: extract, send the pickled Result, exit. Never returns."""
    code = 1
    try:
        try:  # the worker's event loop owns the wakeup fd; this child's SIGALRM is its own
            signal.set_wakeup_fd(-1)
        except (ValueError, OSError):
            pass
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # the worker's to handle
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        _watch_parent(ppid)
        data = pickle.dumps(Result.of(index, process(item, time_limit, max_bytes, read=read)))
        view = memoryview(data)
        while view:
            view = view[os.write(wfd, view) :]
        code = 0
    finally:
        os._exit(code)  # never back into the worker's code, its atexit hooks or its buffers


def _once(index: int, item: Input, time_limit, max_bytes: int, read: Callable) -> Result | str:
    """One try in a new child: its Result, or why the child died ("killed by SIGKILL")."""
    hard = time_limit * 1.5 + _HARD_LIMIT_GRACE if time_limit else None
    rfd, wfd = os.pipe()
    ppid = os.getpid()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child reports through the pipe
        os.close(rfd)
        _child(wfd, index, item, time_limit, max_bytes, read, ppid)
    os.close(wfd)
    chunks: list[bytes] = []
    deadline = time.monotonic() + hard if hard else None
    timed_out = False
    try:
        while True:
            wait = None if deadline is None else max(0.0, deadline - time.monotonic())
            ready, _, _ = select.select([rfd], [], [], wait)
            if not ready:
                timed_out = True
                os.kill(pid, signal.SIGKILL)
                break
            chunk = os.read(rfd, 1 << 16)
            if not chunk:
                break
            chunks.append(chunk)
    finally:
        os.close(rfd)
        _, status = os.waitpid(pid, 0)
    if timed_out:
        return Result.of(index, _error(item.doc_id, item.path, f"time limit exceeded ({time_limit:g} s); worker stopped"))
    code = os.waitstatus_to_exitcode(status)
    if code == 0 and chunks:
        try:
            return pickle.loads(b"".join(chunks))
        except Exception:  # a cut message: the child died while writing it
            pass
    return _death(code)


def process_isolated(index: int, item: Input, time_limit, max_bytes: int, read: Callable) -> Result:
    """``batch.process`` of one input in a child process, tried twice if the child dies."""
    if item.error:
        return Result.of(index, process(item))
    why = ""
    for _attempt in (1, 2):
        out = _once(index, item, time_limit, max_bytes, read)
        if isinstance(out, Result):
            return out
        why = out
    return Result.of(
        index, _error(item.doc_id, item.path, f"worker died while processing this document ({why}), twice; not retried")
    )
