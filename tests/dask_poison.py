"""Dask worker preload for the tests: a document that kills the process reading it.

A document holding ``MARKER`` kills, with SIGKILL, whichever process reads it:
the Dask worker, or a child forked from it, every time, as a crash in C code or
the kernel's OOM killer would. Loaded into each worker with
``LocalCluster(preload=[this file])``; it changes nothing for other documents.
"""

import os
import signal

MARKER = b"NOTICE-EXTRACT TEST: THE PROCESS THAT READS THIS DIES"


def dask_setup(worker) -> None:
    from notice_extract import distributed

    real = distributed.read_any

    def read_any(path, *args, **kwargs):
        data = real(path, *args, **kwargs)
        if MARKER in data:
            os.kill(os.getpid(), signal.SIGKILL)
        return data

    distributed.read_any = read_any
