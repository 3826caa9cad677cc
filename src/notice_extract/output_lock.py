"""One run at a time per output of the Dask engine (``-o`` folder or URL).

Two runs writing one output would mix their parts and manifests, so the client
claims the output before it starts a cluster, and a second run stops at once
with one line (exit 2) unless ``--force``:

* a local folder (or ``file://``): ``OUT/.notice-extract.lock`` is locked with
  ``flock``, as the local engine locks ``OUT.lock`` and ``--out-dir``. The kernel
  releases it when the client dies, so ``--resume`` after a crash just works.
* any other store (``s3://``, ``gs://``...): object stores have no lock, so the
  client keeps a *lease*, ``OUT/_lock.json`` (who, and when it last renewed
  it), renewed every ``RENEW`` seconds while the run lives and removed at its
  end. A lease renewed less than ``LEASE`` seconds ago belongs to a live run.
  This is advisory, not atomic: two runs started within the same moment can
  both pass (each then sees the other's lease at its check after writing its
  own, and one of them stops); a killed client's lease blocks new runs for up
  to ``LEASE`` seconds; the lease compares the clients' clocks.
"""

from __future__ import annotations

import json
import os
import secrets
import socket
import threading
import time
from pathlib import Path

from .output import _release_lock, _take_lock, _try_lock
from .storage import join, url_to_fs

LOCK_FILE = ".notice-extract.lock"
LEASE_FILE = "_lock.json"
LEASE = 60.0  # seconds: a lease not renewed for this long belongs to a run that is gone
RENEW = 15.0


class OutputBusy(Exception):
    """Another live run is writing this output; the message says which and what to do."""


def _is_local(fs) -> bool:
    from fsspec.implementations.local import LocalFileSystem

    return isinstance(fs, LocalFileSystem)


def _busy(out: str, what: str) -> str:
    return f"another run is writing {out} ({what}); use --force to run anyway"


class OutputLock:
    def __init__(self, out: str):
        self.out = str(out)
        self.fs, self.root = url_to_fs(self.out)
        self.local = _is_local(self.fs)
        self.path = join(self.root, LOCK_FILE if self.local else LEASE_FILE)
        self.owner = f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(4)}"
        self._fd: int | None = None
        self._stop = threading.Event()
        self._renewer: threading.Thread | None = None

    # ---- who holds it
    def holder(self) -> str | None:
        """What holds the output now (a message), or None when it is free."""
        if self.local:
            try:
                fd = os.open(self.path, os.O_RDONLY)
            except OSError:
                return None
            try:
                if _try_lock(fd):
                    return None
                pid = Path(self.path).read_text(errors="replace").strip()
                return f"lock {self.path} is held" + (f" by process {pid}" if pid else "")
            finally:
                os.close(fd)  # closing drops a lock taken just to test it
        lease = self._read_lease()
        if lease is None or lease.get("owner") == self.owner:
            return None
        age = time.time() - float(lease.get("renewed", 0))
        if age >= LEASE:
            return None
        return (
            f"lease {self.path} held by {lease.get('owner')}, renewed {max(age, 0):.0f} s ago; "
            f"a lease of a run that died expires {LEASE:g} s after its last renewal"
        )

    def refusal(self) -> str | None:
        """The one line a second run stops with, or None when the output is free."""
        held = self.holder()
        return _busy(self.out, held) if held else None

    # ---- take and give back
    def acquire(self, force: bool = False) -> None:
        """Claim the output, or raise ``OutputBusy``; with ``force`` run anyway, claimed or not."""
        if self.local:
            Path(self.root).mkdir(parents=True, exist_ok=True)
            self._fd = _take_lock(Path(self.path))
            if self._fd is None and not force:
                raise OutputBusy(_busy(self.out, f"lock {self.path} is held"))
            return
        held = self.holder()
        if held and not force:
            raise OutputBusy(_busy(self.out, held))
        self._write_lease()
        lease = self._read_lease()  # two runs that wrote at once: the last write wins, the other stops
        if lease is not None and lease.get("owner") != self.owner and not force:
            raise OutputBusy(_busy(self.out, f"lease {self.path} taken by {lease.get('owner')}"))
        self._renewer = threading.Thread(target=self._renew, daemon=True, name="notice-extract-lease")
        self._renewer.start()

    def release(self) -> None:
        if self.local:
            _release_lock(Path(self.path), self._fd)
            self._fd = None
            return
        if self._renewer is None:
            return
        self._stop.set()
        self._renewer.join(5)
        self._renewer = None
        lease = self._read_lease()
        if lease is not None and lease.get("owner") == self.owner:
            try:
                self.fs.rm_file(self.path)
            except FileNotFoundError:
                pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.release()
        return False

    # ---- the lease of other stores
    def _read_lease(self) -> dict | None:
        try:
            lease = json.loads(self.fs.cat_file(self.path))
        except (FileNotFoundError, ValueError):
            return None
        return lease if isinstance(lease, dict) else None

    def _write_lease(self) -> None:
        self.fs.makedirs(self.root, exist_ok=True)
        self.fs.pipe_file(self.path, json.dumps({"owner": self.owner, "renewed": time.time()}).encode())

    def _renew(self) -> None:
        while not self._stop.wait(RENEW):
            try:
                self._write_lease()
            except Exception:  # a storage hiccup: the next renewal tries again
                pass
