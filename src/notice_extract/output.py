"""The JSONL output of a batch run: one writer, a journal, an atomic publish.

For ``-o OUT``:

* ``OUT.lock`` is locked exclusively (``flock``) for the whole run, so a second
  run on the same OUT sees it at once. The holder removes it at the end.
* Records go to a journal with a name unique to the run, ``OUT.<pid>-<hex>.part``,
  one complete line per document, flushed as it is written; the journal is
  locked too, so a live run's journal is never taken for a dead one's.
* When every document is done the journal is fsynced and renamed to OUT: a
  reader sees the old OUT or the complete new one, never a mix.
* A run that is killed or interrupted leaves its journal; ``--resume`` reads
  OUT and the journals no live run holds, keeps their records, and removes them
  once its own output is published.

For ``--out-dir DIR`` (one ``<doc_id>.json`` per document):

* ``DIR/.notice-extract.lock`` is locked the same way.
* Each file is written under a temporary name and renamed, so a file is whole
  or absent: the folder is its own journal. Temporaries left by a killed run
  are removed by the next run.
* ``--resume`` keeps a file whose doc_id, path and sha256 match its input. A
  file of the same name that holds another input's record (or no record) is
  never replaced without ``--force``.
"""

from __future__ import annotations

import json
import os
import secrets
from pathlib import Path

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: no locking, the journal name still keeps runs apart
    fcntl = None


def _try_lock(fd: int) -> bool:
    if fcntl is None:
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except BlockingIOError:
        return False


def _take_lock(lock_path: Path) -> int | None:
    """Lock ``lock_path`` (created if needed); its fd, or None if a live run holds it."""
    while True:
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
        if not _try_lock(fd):
            os.close(fd)
            return None
        try:  # the holder may have removed the file between our open and lock
            same = os.path.samestat(os.fstat(fd), os.stat(lock_path))
        except FileNotFoundError:
            same = False
        if same:
            os.ftruncate(fd, 0)
            os.write(fd, f"{os.getpid()}\n".encode())
            return fd
        os.close(fd)


def _release_lock(lock_path: Path, fd: int | None) -> None:
    if fd is not None:
        try:
            os.unlink(lock_path)
        except OSError:
            pass
        os.close(fd)


class OutputFile:
    def __init__(self, path: Path):
        self.path = Path(path)
        self.lock_path = self.path.with_name(self.path.name + ".lock")
        self.journal: Path | None = None
        self._lock_fd: int | None = None
        self._fh = None
        self._stale: list[Path] = []

    # ---- the lock
    def lock(self) -> bool:
        """Take the output's lock; False if another live run holds it."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock_fd = _take_lock(self.lock_path)
        return self._lock_fd is not None

    def _unlock(self) -> None:
        _release_lock(self.lock_path, self._lock_fd)
        self._lock_fd = None

    # ---- journals
    def stale_journals(self) -> list[Path]:
        """Journals of runs that are no longer running (killed or interrupted), oldest first."""
        found = []
        for p in self.path.parent.glob(self.path.name + ".*.part"):
            if p == self.journal:
                continue
            try:
                fd = os.open(p, os.O_RDONLY)
            except OSError:
                continue
            try:
                if _try_lock(fd):
                    found.append(p)
            finally:
                os.close(fd)  # closing releases the probe lock
        found.sort(key=lambda p: (p.stat().st_mtime, p.name))
        self._stale = found
        return found

    def open_journal(self) -> Path:
        token = f"{os.getpid()}-{secrets.token_hex(4)}"
        self.journal = self.path.with_name(f"{self.path.name}.{token}.part")
        fd = os.open(self.journal, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        _try_lock(fd)
        self._fh = os.fdopen(fd, "w", encoding="utf-8")
        return self.journal

    def write(self, line: str) -> None:
        self._fh.write(line + "\n")
        self._fh.flush()

    # ---- the end
    def publish(self) -> None:
        """Every document is done: the journal becomes the output, atomically."""
        self._fh.flush()
        os.fsync(self._fh.fileno())
        os.replace(self.journal, self.path)
        self._fh.close()
        self._fh = None
        for p in self._stale:  # their records are in the output now, or obsolete
            try:
                p.unlink()
            except OSError:
                pass
        self._unlock()

    def abandon(self, keep_journal: bool = False) -> Path | None:
        """Stop without publishing; returns the journal kept for --resume."""
        kept = None
        if self._fh is not None:
            try:
                self._fh.flush()
                os.fsync(self._fh.fileno())
            except OSError:
                pass
            try:
                self._fh.close()
            except OSError:
                pass
            self._fh = None
            if keep_journal:
                kept = self.journal
            elif self.journal is not None:
                try:
                    self.journal.unlink()
                except OSError:
                    pass
        self._unlock()
        return kept


class OutputDir:
    """``--out-dir``: one pretty JSON file per document, under one lock."""

    LOCK = ".notice-extract.lock"

    def __init__(self, path: Path):
        self.path = Path(path)
        self.lock_path = self.path / self.LOCK
        self._lock_fd: int | None = None

    def lock(self) -> bool:
        """Create the folder and take its lock; False if another live run holds it."""
        self.path.mkdir(parents=True, exist_ok=True)
        self._lock_fd = _take_lock(self.lock_path)
        return self._lock_fd is not None

    def unlock(self) -> None:
        _release_lock(self.lock_path, self._lock_fd)
        self._lock_fd = None

    def file_of(self, doc_id: str) -> Path:
        return self.path / f"{doc_id}.json"

    def remove_temporaries(self) -> int:
        """Remove the temporaries of runs that are gone (killed mid-write)."""
        removed = 0
        for p in self.path.glob(".*.json.*.tmp"):
            pid = p.name.rsplit(".", 2)[-2].split("-")[0]
            if pid.isdigit() and _alive(int(pid)):
                continue  # a live run (one started with --force) is writing it
            try:
                p.unlink()
                removed += 1
            except OSError:
                pass
        return removed

    def read(self, doc_id: str) -> dict | None:
        """The record in ``<doc_id>.json``; None if there is no such file.
        Raises ``ValueError`` if the file is not a record of notice-extract."""
        try:
            text = self.file_of(doc_id).read_text(encoding="utf-8")
        except FileNotFoundError:
            return None
        except UnicodeDecodeError as exc:
            raise ValueError("not a JSON record") from exc
        rec = json.loads(text)  # a JSONDecodeError is a ValueError
        if not isinstance(rec, dict) or "doc_id" not in rec or not isinstance(rec.get("source"), dict):
            raise ValueError("not a record of notice-extract")
        return rec

    def survey(self, inputs) -> tuple[list[Path], dict[tuple, str], list[str]]:
        """What the folder already holds for ``inputs`` (skipping stdin and
        inputs that failed discovery): the existing files, the successful
        records keyed (doc_id, path, sha256) as ``batch.load_done`` keys them,
        and one line per file that ``--resume`` must not replace (another
        input's record, or not a record at all)."""
        existing: list[Path] = []
        done: dict[tuple, str] = {}
        foreign: list[str] = []
        for item in inputs:
            if item.error or item.path == "-":
                continue
            f = self.file_of(item.doc_id)
            try:
                rec = self.read(item.doc_id)
            except ValueError as exc:
                existing.append(f)
                foreign.append(f"{f} is {exc}")
                continue
            if rec is None:
                continue
            existing.append(f)
            src = rec["source"]
            if rec["doc_id"] != item.doc_id or src.get("path") != item.path:
                foreign.append(f"{f} holds the record of {src.get('path')!r}, not of {item.path!r}")
            elif src.get("sha256") and "error" not in rec:
                done[(item.doc_id, item.path, src["sha256"])] = json.dumps(rec, ensure_ascii=False)
        return existing, done, foreign

    def write(self, doc_id: str, line: str) -> None:
        """Write a record (one JSON line) pretty-printed, atomically."""
        part = self.path / f".{doc_id}.json.{os.getpid()}-{secrets.token_hex(4)}.tmp"
        try:
            part.write_text(json.dumps(json.loads(line), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
            part.replace(self.file_of(doc_id))
        except BaseException:
            # Ctrl-C (or a full disk) between the write and the rename: the file
            # is absent, not half there, and no temporary is left behind
            part.unlink(missing_ok=True)
            raise


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
