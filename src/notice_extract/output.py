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
"""

from __future__ import annotations

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
        while True:
            fd = os.open(self.lock_path, os.O_RDWR | os.O_CREAT, 0o644)
            if not _try_lock(fd):
                os.close(fd)
                return False
            try:  # the holder may have removed the file between our open and lock
                same = os.path.samestat(os.fstat(fd), os.stat(self.lock_path))
            except FileNotFoundError:
                same = False
            if same:
                os.ftruncate(fd, 0)
                os.write(fd, f"{os.getpid()}\n".encode())
                self._lock_fd = fd
                return True
            os.close(fd)

    def _unlock(self) -> None:
        if self._lock_fd is not None:
            try:
                os.unlink(self.lock_path)
            except OSError:
                pass
            os.close(self._lock_fd)
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
