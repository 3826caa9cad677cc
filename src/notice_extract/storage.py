"""Paths and fsspec URLs alike: open a file system, and commit a file in one step."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

TMP_DIR = "_tmp"


def is_url(path: str) -> bool:
    return "://" in str(path)


def url_to_fs(url: str):
    """(file system, path inside it) for a local path or any fsspec URL (s3://, gs://, memory://...)."""
    import fsspec

    return fsspec.core.url_to_fs(str(url))


def join(root: str, name: str) -> str:
    return str(root).rstrip("/") + "/" + name


def commit(url_root: str, name: str, data: bytes) -> None:
    """Write ``name`` under ``url_root`` in one step: readers see the old file or the whole new one.

    Locally: written and fsynced aside in ``_tmp/``, then renamed over. Elsewhere:
    written aside, then moved (an object store's move puts the whole object at once)."""
    from fsspec.implementations.local import LocalFileSystem

    fs, root = url_to_fs(url_root)
    final = join(root, name)
    tmp = join(join(root, TMP_DIR), f"{name.replace('/', '.')}.{os.getpid()}-{secrets.token_hex(4)}")
    if isinstance(fs, LocalFileSystem):
        Path(final).parent.mkdir(parents=True, exist_ok=True)
        Path(tmp).parent.mkdir(parents=True, exist_ok=True)
        with open(tmp, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, final)
        return
    fs.makedirs(fs._parent(final), exist_ok=True)
    fs.makedirs(fs._parent(tmp), exist_ok=True)
    fs.pipe_file(tmp, data)
    fs.mv(tmp, final)


def remove_tmp(url_root: str) -> None:
    fs, root = url_to_fs(url_root)
    try:
        fs.rm(join(root, TMP_DIR), recursive=True)
    except FileNotFoundError:
        pass
