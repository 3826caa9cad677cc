"""Process-level memory settings for a worker that reads large inputs.

A large input makes a few short-lived buffers as long as itself (the working
text, its offset maps, a lower-cased copy). glibc's ``malloc`` raises its mmap
threshold each time such a buffer is freed, so later ones come from the heap,
where freed space is kept by the process: the peak RSS of a worker then stays
near the sum of its past buffers rather than the most it held at once.
Fixing the threshold makes every large buffer its own mapping, given back to
the system when freed (on a 5 MB input about 50 MB less peak RSS, measured
with benchmarks/big_inputs.py).

Only glibc has ``mallopt``; elsewhere this does nothing.
"""

from __future__ import annotations

_M_MMAP_THRESHOLD = -3  # glibc malloc.h
_THRESHOLD = 256 * 1024


def return_large_buffers_to_the_system() -> bool:
    """Set glibc's mmap threshold (fixed, 256 KB); True if it was set."""
    try:
        import ctypes

        libc = ctypes.CDLL(None)
        return bool(libc.mallopt(_M_MMAP_THRESHOLD, _THRESHOLD))
    except (OSError, AttributeError):
        return False
