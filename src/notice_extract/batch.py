"""Batch runs: find the inputs, extract each, never lose one.

Every input yields exactly one output record, in input order: a ``Record``, or
an ``ErrorRecord`` (``doc_id``, ``source``, ``error``) for a path that could not
be found, read, decoded or processed. Discovery errors (a missing path, an
unlistable folder) take their place in that order too.

Reliability rules (README "Batch runs"):

* every read is bounded: regular files only (FIFOs, devices and sockets are
  refused without being opened for a blocking read), at most ``max_bytes + 1``
  bytes are read, standard input included, and the time limit covers the read;
* documents run in worker processes the parent watches: a worker that dies
  (OOM kill, segfault) costs its document one retry; a document that kills a
  second worker gets an error record ``worker died``; a worker that ignores the
  time limit (stuck inside C code) is killed;
* workers exit when the parent is gone (``PR_SET_PDEATHSIG`` on Linux, and a
  watchdog thread everywhere), and ignore Ctrl-C so the parent shuts down.
"""

from __future__ import annotations

import fnmatch
import gc
import hashlib
import json
import os
import re
import signal
import stat
import sys
import threading
import time
import traceback
import unicodedata
from collections import deque
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator

from .convert import ConvertOptions
from .memory import return_large_buffers_to_the_system
from .models import ErrorRecord, Record, Source

STDIN = "-"
DEFAULT_TIME_LIMIT = 60.0  # seconds per document
MAX_BYTES = 16 * 1024 * 1024  # the longest real notice is ~100 KB: a larger file is not one
# matched without regard to case (*.TXT too); several patterns are separated by commas
DEFAULT_PATTERN = "*.txt,*.docx,*.doc,*.pdf"
# A worker that has not answered this long after the time limit is stuck in
# code SIGALRM cannot interrupt (C code holding the GIL) and is killed.
_HARD_LIMIT_GRACE = 10.0
# Documents given to a worker at once: one in work and one waiting in its pipe.
_WORKER_DEPTH = 2
_NOT_NOTICE = "not a notice"


@dataclass(frozen=True)
class Input:
    path: str  # a file path, or "-" for standard input
    doc_id: str
    error: str | None = None  # set by discovery: the record is an error record, nothing is read


class DocumentTimeout(Exception):
    pass


# --------------------------------------------------------------------------
# discovery
# --------------------------------------------------------------------------


def discover(
    paths: Iterable[str | Path],
    pattern: str = DEFAULT_PATTERN,
    notes: list[str] | None = None,
) -> list[Input]:
    """Expand files and folders (recursive, sorted) into inputs, in argument order.

    A path that cannot be used becomes an ``Input`` with ``error`` set, at its
    place in the order. Folders are followed through symlinks, and a folder
    reached a second time (two links to it, or a link back to an ancestor) is
    walked once: that is noted in ``notes``, not counted as a failure."""
    inputs: list[Input] = []
    seen_ids: dict[str, int] = {}
    visited: set[tuple[int, int]] = set()
    notes = notes if notes is not None else []

    def add(path: str, error: str | None = None) -> None:
        stem = "stdin" if path == STDIN else Path(path).stem
        n = seen_ids.get(stem, 0)
        seen_ids[stem] = n + 1
        inputs.append(Input(path=path, doc_id=stem if n == 0 else f"{stem}~{n + 1}", error=error))

    for raw in paths:
        p = str(raw)
        if p == STDIN:
            add(STDIN)
            continue
        path = Path(p)
        if path.is_dir():
            for f, error in _walk(path, pattern, visited, notes):
                add(str(f), error)
        elif path.exists() or path.is_symlink():
            add(p)
        else:
            add(p, f"no such file or folder: {p}")
    return inputs


def _walk(root: Path, pattern: str, visited: set, notes: list[str]) -> list[tuple[Path, str | None]]:
    """Files under ``root`` matching ``pattern`` (any case), depth first in sorted order."""
    pats = [p.strip() for p in pattern.lower().split(",") if p.strip()]
    out: list[tuple[Path, str | None]] = []

    def walk(folder: Path) -> None:
        try:
            st = folder.stat()
        except OSError as exc:
            out.append((folder, f"cannot read folder: {exc.strerror or exc}"))
            return
        key = (st.st_dev, st.st_ino)
        if key in visited:
            notes.append(f"{folder}: folder already walked (reached again through a link), skipped")
            return
        visited.add(key)
        try:
            entries = sorted(folder.iterdir())
        except OSError as exc:
            out.append((folder, f"cannot list folder: {exc.strerror or exc}"))
            return
        for entry in entries:
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False
            if is_dir:
                walk(entry)
            elif any(fnmatch.fnmatchcase(entry.name.lower(), pat) for pat in pats):
                out.append((entry, None))

    walk(root)
    return out


# --------------------------------------------------------------------------
# one document
# --------------------------------------------------------------------------


def _error(doc_id: str, path: str | None, message: str,
           data: bytes | tuple[str, int] | None = None) -> ErrorRecord:
    """``data``: the bytes read, or their (sha256, size) once they are let go."""
    source = Source(path=None if path == STDIN else path)
    if isinstance(data, tuple):
        source.sha256, source.bytes = data
    elif data is not None:
        source.sha256 = hashlib.sha256(data).hexdigest()
        source.bytes = len(data)
    return ErrorRecord(doc_id=doc_id, source=source, error=message)


class PoolError(RuntimeError):
    """The worker pool itself failed (not a document): the run stops, its records so far kept."""


class TooLarge(Exception):
    def __init__(self, size: str, limit: int):
        super().__init__(f"file too large: {size} bytes (limit {limit}; see --max-bytes)")


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISDIR(mode):
        return "a folder"
    return "not a regular file"


def read_bounded(path: str, max_bytes: int = MAX_BYTES) -> bytes:
    """The bytes of ``path`` (standard input for ``-``), never more than ``max_bytes``.

    Only regular files are read: the file is opened non-blocking (so a FIFO
    cannot hang the open) and refused unless ``fstat`` says it is regular, which
    also catches a symlink to ``/dev/zero``. At most ``max_bytes + 1`` bytes are
    read, whatever the size the file claims. Raises ``OSError`` or ``TooLarge``."""
    if path == STDIN:
        return _read_at_most(sys.stdin.buffer.read, max_bytes, "more than")
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise OSError(0, f"not a regular file: {path} is {_kind(st.st_mode)}")
        if st.st_size > max_bytes:
            raise TooLarge(str(st.st_size), max_bytes)
        return _read_at_most(lambda n: os.read(fd, n), max_bytes, "at least")
    finally:
        os.close(fd)


def _read_at_most(read: Callable[[int], bytes], max_bytes: int, what: str) -> bytes:
    chunks: list[bytes] = []
    total = 0
    while total <= max_bytes:
        chunk = read(min(1 << 20, max_bytes + 1 - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
    if total > max_bytes:
        raise TooLarge(f"{what} {max_bytes + 1}", max_bytes)
    return b"".join(chunks)


def process(
    item: Input, time_limit: float | None = DEFAULT_TIME_LIMIT, max_bytes: int = MAX_BYTES,
    options: ConvertOptions | None = None,
    read: Callable[[str, int], bytes] = read_bounded,
) -> Record | ErrorRecord:
    """Read and extract one input; any failure becomes an ErrorRecord with a clear message.

    The time limit covers the read and the conversion (office files, PDF, OCR)
    as well as the extraction; once OCR starts it is ``options.ocr_time_limit``. ``read`` is
    ``read_bounded`` on local paths; the Dask engine passes a reader of URLs."""
    from .convert import ConvertError, read_document
    from .decode import DecodeError
    from .pipeline import extract_text

    if item.error:
        return _error(item.doc_id, item.path, item.error)
    data: bytes | None = None
    try:
        with _time_limit(time_limit) as limit:
            options = options or ConvertOptions()
            data = read(item.path, options.byte_limit(item.path, max_bytes))
            on_ocr = limit.extend_to(options.ocr_time_limit)
            doc = read_document(data, None if item.path == STDIN else item.path, item.doc_id, options, on_ocr)
            data = (doc.source.sha256, doc.source.bytes)  # an error record needs no more: free the bytes
            warnings = doc.warnings + glued_warning(doc.text)
            return extract_text(doc.text, item.doc_id, source=doc.source, warnings=warnings)
    except DecodeError as exc:
        return _error(item.doc_id, item.path, f"cannot decode: {exc}", data)
    except ConvertError as exc:
        return _error(item.doc_id, item.path, str(exc), data)
    except DocumentTimeout:
        what = "while reading" if data is None else ""
        limit_s = limit.seconds if limit.seconds else time_limit
        return _error(item.doc_id, item.path, f"time limit exceeded ({limit_s:g} s){' ' + what if what else ''}", data)
    except TooLarge as exc:
        return _error(item.doc_id, item.path, str(exc))
    except OSError as exc:
        return _error(item.doc_id, item.path, f"cannot read: {exc.strerror or exc}", data)
    except MemoryError:
        return _error(item.doc_id, item.path, "out of memory", data)
    except Exception as exc:  # a bug must cost one document, not the batch
        tb = traceback.extract_tb(exc.__traceback__)[-1]
        where = f"{Path(tb.filename).name}:{tb.lineno}"
        return _error(item.doc_id, item.path, f"internal error: {type(exc).__name__}: {exc} ({where})", data)


# "Nơi nhận:" closes every notice (and decision, report...): several of them
# in one input are several documents, e.g. a gazette issue or a folder
# concatenated into one file. Extraction then reads only the first header and
# mixes the rest, and costs grow with the input: say so.
_RECIPIENTS_HEADER = re.compile(r"n[ơo]i[ \t]+nh[ậa]n[ \t]*:", re.I)
GLUED_MIN = 3
_GLUED_PIECE = 1 << 16


def glued_warning(text: str) -> list[str]:
    # NFC some lines at a time, not a copy of a whole archive (the header never
    # spans a newline, and no normalisation reaches across one)
    n, a = 0, 0
    while a < len(text):
        b = text.find("\n", a + _GLUED_PIECE)
        b = len(text) if b < 0 else b + 1
        n += len(_RECIPIENTS_HEADER.findall(unicodedata.normalize("NFC", text[a:b])))
        a = b
    if n < GLUED_MIN:
        return []
    return [
        f"looks like many documents glued together ({n} 'Nơi nhận' lists): "
        "the record describes the first; split the file to extract each"
    ]


class _time_limit:
    """SIGALRM-based limit; a no-op where signals are unavailable (threads, Windows)."""

    def __init__(self, seconds: float | None):
        self.seconds = seconds
        self.armed = False
        self.started = time.monotonic()

    def extend_to(self, seconds: float | None) -> Callable[[int], None] | None:
        """A callback that lengthens the limit to ``seconds`` from the start (OCR began)."""
        if not seconds:
            return None

        def extend(_pages: int) -> None:
            if self.armed and seconds > (self.seconds or 0):
                self.seconds = seconds
                signal.setitimer(signal.ITIMER_REAL, max(0.01, seconds - (time.monotonic() - self.started)))

        return extend

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


# --------------------------------------------------------------------------
# results
# --------------------------------------------------------------------------


@dataclass
class Result:
    """One output line and what the summary needs to know about it."""

    index: int
    doc_id: str
    line: str  # the record as one JSON line (no newline)
    error: str | None = None
    warned: bool = False  # warnings beyond "not a notice"
    notice: bool = True
    kept: bool = False  # taken over from an earlier run (--resume)
    ocr_pages: int = 0  # pages this document sent to OCR (the progress bar counts them)

    @classmethod
    def of(cls, index: int, rec: Record | ErrorRecord) -> "Result":
        if isinstance(rec, ErrorRecord):
            return cls(index, rec.doc_id, rec.model_dump_json(), error=rec.error)
        notice = rec.notice_kind is not None
        warned = any(not w.startswith(_NOT_NOTICE) for w in rec.warnings)
        return cls(index, rec.doc_id, rec.model_dump_json(), warned=warned, notice=notice,
                   ocr_pages=rec.source.ocr_pages or 0)

    @classmethod
    def of_line(cls, index: int, line: str) -> "Result":
        rec = json.loads(line)
        warnings = rec.get("warnings") or []
        return cls(
            index,
            rec.get("doc_id", ""),
            line,
            error=rec.get("error"),
            warned=any(not w.startswith(_NOT_NOTICE) for w in warnings),
            notice=rec.get("notice_kind") is not None,
            kept=True,
        )

    def record(self) -> dict:
        return json.loads(self.line)


# --------------------------------------------------------------------------
# workers
# --------------------------------------------------------------------------


def _watch_parent(ppid: int) -> None:
    """Exit this worker when its parent is gone (the parent was SIGKILLed)."""
    try:  # Linux: the kernel kills us when the parent dies
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except Exception:
        pass
    if os.getppid() != ppid:
        os._exit(1)

    def watch() -> None:
        while True:
            time.sleep(0.5)
            if os.getppid() != ppid:
                os._exit(1)

    threading.Thread(target=watch, daemon=True, name="parent-watchdog").start()


def _worker_main(conn, others, ppid: int, time_limit, max_bytes: int, options=None) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    for c in others:  # the parent's ends of every pipe: EOF must mean "parent gone"
        try:
            c.close()
        except OSError:
            pass
    _watch_parent(ppid)
    return_large_buffers_to_the_system()
    # the rules, lexicons and models loaded before the fork live as long as the
    # worker: kept out of the collector's scans (and their pages unwritten)
    gc.freeze()
    while True:
        try:
            msg = conn.recv()
        except (EOFError, OSError):
            os._exit(0)
        if msg is None:
            break
        index, item = msg
        res = Result.of(index, process(item, time_limit, max_bytes, options))
        try:
            conn.send(res)
        except (BrokenPipeError, OSError):
            os._exit(0)
    conn.close()


class _Worker:
    def __init__(self, ctx, time_limit, max_bytes, siblings: list, options=None):
        parent_end, child_end = ctx.Pipe()
        others = [parent_end] + [w.conn for w in siblings]
        self.proc = ctx.Process(
            target=_worker_main,
            args=(child_end, others, os.getpid(), time_limit, max_bytes, options),
            daemon=True,
            name="notice-extract-worker",
        )
        self.proc.start()
        child_end.close()
        self.conn = parent_end
        # (index, item, attempt) given and not yet answered; the first is the one
        # in work, the next waits in the pipe so that the worker never idles
        # while the parent takes its result and hands out the next document
        self.tasks: deque[tuple[int, Input, int]] = deque()
        self.started = 0.0  # when the first of ``tasks`` started
        self.gone = False  # its pipe broke on a send: it died since the parent last looked

    def give(self, task: tuple[int, Input, int]) -> bool:
        """Send ``task``; False (the task not given) if the worker is gone."""
        try:
            self.conn.send((task[0], task[1]))
        except OSError:  # EPIPE: it died on its document before this one could be sent
            self.gone = True
            return False
        if not self.tasks:
            self.started = time.monotonic()
        self.tasks.append(task)
        return True

    def answered(self) -> tuple[int, Input, int]:
        """The first task is done: the next one starts now."""
        self.started = time.monotonic()
        return self.tasks.popleft()

    def stop(self, timeout: float = 2.0) -> None:
        if self.proc.is_alive():
            self.proc.terminate()
        self.proc.join(timeout)
        if self.proc.is_alive():
            self.proc.kill()
            self.proc.join(timeout)
        try:
            self.conn.close()
        except OSError:
            pass


def _death(exitcode: int | None) -> str:
    if exitcode is not None and exitcode < 0:
        try:
            return f"killed by {signal.Signals(-exitcode).name}"
        except ValueError:
            return f"killed by signal {-exitcode}"
    return f"exit code {exitcode}"


def run(
    inputs: list[Input],
    workers: int = 1,
    time_limit: float | None = DEFAULT_TIME_LIMIT,
    max_bytes: int = MAX_BYTES,
    skip: dict[int, Result] | None = None,
    notify: Callable[[str], None] | None = None,
    options: ConvertOptions | None = None,
) -> Iterator[Result]:
    """Yield one ``Result`` per input, in input order.

    ``skip`` maps input indices to results already known (kept by --resume).
    Documents run in ``workers`` worker processes; standard input is read and
    extracted in this process."""
    skip = skip or {}
    notify = notify or (lambda msg: None)
    if any(i.path == STDIN for i in inputs) or workers < 1:
        for n, item in enumerate(inputs):
            yield skip[n] if n in skip else Result.of(n, process(item, time_limit, max_bytes, options))
        return
    yield from _Pool(inputs, workers, time_limit, max_bytes, skip, notify, options).results()


class _Pool:
    def __init__(self, inputs, workers, time_limit, max_bytes, skip, notify, options=None):
        import multiprocessing

        methods = multiprocessing.get_all_start_methods()
        self.ctx = multiprocessing.get_context("fork" if "fork" in methods else None)
        if self.ctx.get_start_method() == "fork":
            # load the extractors (rules, models) once here: every worker (and every replacement
            # of a dead one) then starts with them instead of importing its own
            from .convert import CONVERTED_SUFFIXES, preload
            from .pipeline import warm_up

            warm_up()
            if any(i.path.lower().endswith(CONVERTED_SUFFIXES) for i in inputs):
                preload()  # and the converters' libraries, when installed and needed
        self.inputs = inputs
        self.size = max(1, min(workers, len(inputs) - len(skip)))
        self.time_limit = time_limit
        self.max_bytes = max_bytes
        self.skip = skip
        self.notify = notify
        self.options = options
        self.workers: list[_Worker] = []

    def _spawn(self) -> _Worker:
        w = _Worker(self.ctx, self.time_limit, self.max_bytes, self.workers, self.options)
        self.workers.append(w)
        return w

    def results(self) -> Iterator[Result]:
        from multiprocessing.connection import wait

        n = len(self.inputs)
        done: dict[int, Result] = {}
        queue: deque[tuple[int, Input, int]] = deque()
        for i, item in enumerate(self.inputs):
            if i in self.skip:
                done[i] = self.skip[i]
            elif item.error:
                done[i] = Result.of(i, process(item))
            else:
                queue.append((i, item, 1))
        nxt = 0
        # results wait here until every earlier one is out: bound how far ahead we run
        window = max(64, 16 * self.size)
        # a PDF may go to OCR, whose limit is longer: the hard limit follows the input
        ocr = self.options or ConvertOptions()
        ocr_limit = max(self.time_limit or 0, (ocr.ocr_time_limit or 0) if ocr.ocr != "never" else 0)

        def hard_for(w: _Worker) -> float | None:
            if not self.time_limit:
                return None
            pdf = bool(w.tasks) and w.tasks[0][1].path.lower().endswith(".pdf")
            return (ocr_limit if pdf else self.time_limit) * 1.5 + _HARD_LIMIT_GRACE

        hard = bool(self.time_limit)
        try:
            while nxt < n:
                while nxt < n and nxt in done:
                    yield done.pop(nxt)
                    nxt += 1
                if nxt >= n:
                    break
                # hand out work; a task a gone worker did not take goes back to the queue's head
                while queue and queue[0][0] < nxt + window and len(self.workers) < self.size:
                    task = queue.popleft()
                    if not self._spawn().give(task):
                        queue.appendleft(task)
                        break
                for depth in range(1, _WORKER_DEPTH + 1):  # every worker one task, then a second
                    for w in self.workers:
                        if not w.gone and len(w.tasks) < depth and queue and queue[0][0] < nxt + window:
                            task = queue.popleft()
                            if not w.give(task):
                                queue.appendleft(task)
                busy = [w for w in self.workers if w.tasks or w.gone]
                if not busy:  # cannot happen while results are missing; fail loudly, not hang
                    raise PoolError("batch scheduler: no work in flight but results missing")
                timeout = None
                if any(w.gone for w in busy):
                    timeout = 0.0
                elif hard:
                    now_ = time.monotonic()
                    timeout = max(0.0, min(w.started + hard_for(w) - now_ for w in busy))
                ready = set(wait([w.conn for w in busy] + [w.proc.sentinel for w in busy], timeout))
                for w in busy:
                    if w.gone or w.conn in ready or w.proc.sentinel in ready:
                        self._collect(w, done, queue)
                    elif hard and time.monotonic() - w.started > hard_for(w):
                        index, item, _ = w.tasks.popleft()
                        self._retire(w, queue)
                        done[index] = Result.of(
                            index,
                            _error(item.doc_id, item.path, f"time limit exceeded ({self.time_limit:g} s); worker stopped"),
                        )
        except OSError as exc:  # a pipe or a fork, not the output: say so, not "cannot write"
            raise PoolError(f"worker pool failed: {exc.strerror or exc}") from exc
        finally:
            self.close()

    def _collect(self, w: _Worker, done: dict, queue: deque) -> None:
        try:
            got = False
            while w.tasks and w.conn.poll():
                res = w.conn.recv()
                done[w.answered()[0]] = res
                got = True
            if got:
                return
            if not w.tasks:
                if w.gone:  # died between two documents: nothing was in work
                    self._retire(w, queue)
                return
        except (EOFError, OSError):
            pass
        # the worker died with its first document
        index, item, attempt = w.tasks.popleft()
        w.proc.join(5)
        why = _death(w.proc.exitcode)
        self._retire(w, queue)
        if attempt == 1:
            self.notify(f"worker died on {item.doc_id} ({why}); trying it once more")
            queue.appendleft((index, item, 2))
        else:
            done[index] = Result.of(
                index,
                _error(item.doc_id, item.path, f"worker died while processing this document ({why}), twice; not retried"),
            )

    def _retire(self, w: _Worker, queue: deque) -> None:
        """Stop ``w``; the documents still waiting in its pipe go back to the
        front of the queue, as they were never started (no attempt counted)."""
        w.stop()
        self.workers.remove(w)
        queue.extendleft(reversed(w.tasks))
        w.tasks.clear()

    def close(self) -> None:
        for w in self.workers:
            if w.proc.is_alive() and not w.tasks:
                try:
                    w.conn.send(None)
                except OSError:
                    pass
        for w in self.workers:
            w.stop(timeout=1.0)
        self.workers = []


# --------------------------------------------------------------------------
# summary
# --------------------------------------------------------------------------


@dataclass
class Summary:
    total: int = 0
    ok: int = 0
    warned: int = 0
    not_notice: int = 0
    failed: int = 0
    kept: int = 0
    seconds: float = 0.0

    def add(self, res: Result) -> None:
        self.total += 1
        self.kept += res.kept
        if res.error:
            self.failed += 1
            return
        self.ok += 1
        self.warned += res.warned
        self.not_notice += not res.notice

    def line(self) -> str:
        rate = (self.total - self.kept) / self.seconds if self.seconds else 0.0
        kept = f" ({self.kept} kept from the earlier run)" if self.kept else ""
        return (
            f"{self.total} documents{kept}: {self.ok} ok ({self.warned} with warnings, "
            f"{self.not_notice} not notices), {self.failed} failed "
            f"in {self.seconds:.1f} s ({rate:.1f} docs/s)"
        )


# --------------------------------------------------------------------------
# resume
# --------------------------------------------------------------------------


class NotJsonl(ValueError):
    pass


def resume_key(doc_id: str, path: str | None, sha256: str | None) -> tuple:
    return (doc_id, path, sha256)


def load_done(paths: Iterable[Path]) -> dict[tuple, str]:
    """(doc_id, path, sha256) -> JSON line of the successful records in ``paths``.

    ``paths`` are an earlier output and the journals of interrupted runs. A last
    line cut by a kill does not parse and is dropped; error records are dropped
    so that their documents are tried again. Raises ``NotJsonl`` if a file's
    complete lines are not records."""
    done: dict[tuple, str] = {}
    for path in paths:
        bad = good = 0
        with path.open(encoding="utf-8", errors="replace") as fh:
            for line in fh:
                complete = line.endswith("\n")
                line = line.rstrip("\n")
                try:
                    rec = json.loads(line)
                    if not isinstance(rec, dict) or "doc_id" not in rec or "source" not in rec:
                        raise ValueError
                except ValueError:
                    bad += complete
                    continue
                good += 1
                src = rec.get("source") or {}
                sha = src.get("sha256")
                if sha and "error" not in rec:
                    done[resume_key(rec["doc_id"], src.get("path"), sha)] = line
        if bad and bad >= good:
            raise NotJsonl(f"{path} is not a JSONL output of notice-extract ({bad} unreadable lines)")
    return done


def plan_resume(
    inputs: list[Input], done: dict[tuple, str], max_bytes: int = MAX_BYTES
) -> dict[int, Result]:
    """Index -> kept result for the inputs whose record is in ``done``.

    An input is kept only if its doc_id, path *and* content hash all match, so
    two files with the same content are never confused."""
    keep: dict[int, Result] = {}
    if not done:
        return keep
    for n, item in enumerate(inputs):
        if item.path == STDIN or item.error:
            continue
        try:
            sha = hashlib.sha256(read_bounded(item.path, max_bytes)).hexdigest()
        except (OSError, TooLarge):
            continue
        line = done.get(resume_key(item.doc_id, item.path, sha))
        if line is not None:
            keep[n] = Result.of_line(n, line)
    return keep


def now() -> float:
    return time.perf_counter()
