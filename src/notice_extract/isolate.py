"""Documents in a forked child process, so that a crash costs the document, not the process.

The Dask engine uses this for a partition whose task was running on a worker
that died: Dask retries the task, and without isolation a document that kills
its process (a crash in C code, the kernel's OOM killer) would kill every
worker the task lands on until Dask gives up on the whole partition
(``KilledWorker``). Run the documents in a child instead, and such a document
gets what the local engine gives it: one more try in a new child, then an
error record ``worker died ... twice; not retried`` (the local engine's words),
while the worker and the rest of the partition go on.

The child is forked from the worker, so it starts with the extractor's rules
and models already loaded (no import, no warm-up), and takes the partition's
documents one after another over a pipe; a new child is forked only after one
died. Its time limit is the local engine's SIGALRM (the child's only thread is
its main thread); a child that ignores the limit (stuck in C code) is killed,
as the local engine's workers are. It is forked with ``os.fork``, not
``multiprocessing.Process``, which refuses to start children of a daemonic
process (Dask's worker processes are). POSIX only: elsewhere ``available()``
is False.
"""

from __future__ import annotations

import os
import signal
import time
from multiprocessing import Pipe
from typing import Callable

from .batch import _HARD_LIMIT_GRACE, Input, Result, _death, _error, _watch_parent, process

POLL = 0.5  # seconds between checks that the child is alive while it works


def available() -> bool:
    return hasattr(os, "fork")


def _child_main(conn, ppid: int, time_limit, max_bytes: int, read: Callable) -> None:
    """The forked child: extract each (index, Input) it is sent, send back its Result. Never returns."""
    code = 1
    try:
        try:  # the worker's event loop owns the wakeup fd; this child's SIGALRM is its own
            signal.set_wakeup_fd(-1)
        except (ValueError, OSError):
            pass
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # the worker's to handle
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        _watch_parent(ppid)
        while True:
            try:
                msg = conn.recv()
            except (EOFError, OSError):
                break
            if msg is None:
                break
            index, item = msg
            conn.send(Result.of(index, process(item, time_limit, max_bytes, read=read)))
        code = 0
    finally:
        os._exit(code)  # never back into the worker's code, its atexit hooks or its buffers


class IsolatedRunner:
    """Documents one by one in a forked child; a child that dies costs its document one more try.

    Use as a context manager: the child is stopped at the end."""

    def __init__(self, time_limit, max_bytes: int, read: Callable):
        self.time_limit = time_limit
        self.max_bytes = max_bytes
        self.read = read
        self.pid: int | None = None
        self.conn = None
        self.forks = 0

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
        return False

    def _start(self) -> None:
        parent_end, child_end = Pipe()
        ppid = os.getpid()
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the child reports through the pipe
            parent_end.close()
            _child_main(child_end, ppid, self.time_limit, self.max_bytes, self.read)
        child_end.close()
        self.pid, self.conn = pid, parent_end
        self.forks += 1

    def _reap(self, kill: bool = False) -> int | None:
        """Wait for the child (killing it first if asked); its exit code (negative: signal)."""
        pid, self.pid = self.pid, None
        if self.conn is not None:
            self.conn.close()
            self.conn = None
        if pid is None:
            return None
        if kill:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        _, status = os.waitpid(pid, 0)
        return os.waitstatus_to_exitcode(status)

    def _once(self, index: int, item: Input) -> Result | str:
        """One try: the child's Result, or why it died ("killed by SIGKILL")."""
        if self.pid is not None and os.waitpid(self.pid, os.WNOHANG)[0]:
            # the child died between documents (killed from outside): none of ours was
            # in it, so a new child takes this one and no try is counted
            self.pid = None
            self._reap()  # (closes the pipe)
        if self.pid is None:
            self._start()
        hard = self.time_limit * 1.5 + _HARD_LIMIT_GRACE if self.time_limit else None
        deadline = time.monotonic() + hard if hard else None
        try:
            try:
                self.conn.send((index, item))
            except OSError:  # ... or died just now, before this document reached it
                self._reap()
                self._start()
                self.conn.send((index, item))
            while True:
                if self.conn.poll(POLL if deadline is None else max(0.0, min(POLL, deadline - time.monotonic()))):
                    return self.conn.recv()
                # no EOF when the child dies if a sibling thread's fork inherited the pipe: ask the kernel
                done, status = os.waitpid(self.pid, os.WNOHANG)
                if done:
                    self.pid = None
                    if self.conn.poll(0):  # it answered, then went
                        return self.conn.recv()
                    self._reap()
                    return _death(os.waitstatus_to_exitcode(status))
                if deadline is not None and time.monotonic() >= deadline:
                    self._reap(kill=True)
                    return Result.of(
                        index,
                        _error(item.doc_id, item.path, f"time limit exceeded ({self.time_limit:g} s); worker stopped"),
                    )
        except (EOFError, OSError):
            pass
        return _death(self._reap())

    def run(self, index: int, item: Input) -> Result:
        """``batch.process`` of one input in the child, tried twice if the child dies."""
        if item.error:
            return Result.of(index, process(item))
        why = ""
        for _attempt in (1, 2):
            out = self._once(index, item)
            if isinstance(out, Result):
                return out
            why = out
        return Result.of(
            index, _error(item.doc_id, item.path, f"worker died while processing this document ({why}), twice; not retried")
        )

    def close(self) -> None:
        if self.pid is not None:
            try:
                self.conn.send(None)  # done: the child exits
            except OSError:
                pass
            deadline = time.monotonic() + 5
            while time.monotonic() < deadline:
                if os.waitpid(self.pid, os.WNOHANG)[0]:
                    self.pid = None
                    break
                time.sleep(0.01)
        self._reap(kill=True)  # one that did not exit in time; closes the pipe
