"""How the process keeps the memory it frees (glibc's malloc; elsewhere nothing is changed).

Two policies, chosen by what a command reads:
- exports (xlsx, CSV…): reading them allocates and frees arrays of many MB over and over;
  glibc hands each one back to the system and the next is faulted in afresh. Keeping freed
  memory for reuse made first runs at a million lines about 9 % faster (benchmarks/README.md)
  and raises the peak by about 200 MB: `keep_freed`, at the start of every command;
- a database or data lake (a table's `source`): the tables are the large ones, and the freed
  blocks kept between the fetch and the rules are the peak's margin over 1 GB at 10M lines
  (#26). Arrays of 1 MB or more are mapped and unmapped, the heap's top is trimmed, and Arrow
  allocates from the C library too (its own pool, mimalloc, keeps what it frees for a while):
  `return_freed`, once a workspace with a source is opened. The 10M-line month: about 870 MB
  against 1,003-1,081 MB, the same CPU time (benchmarks/README.md).
"""

from __future__ import annotations

import ctypes
import platform
from collections.abc import Callable

M_TRIM_THRESHOLD, M_TOP_PAD, M_MMAP_THRESHOLD = -1, -2, -3
DEFAULT_TRIM = DEFAULT_TOP_PAD = 128 << 10  # glibc's own


def _mallopt() -> Callable[[int, int], int] | None:
    """glibc's mallopt; None on another C library or system."""
    if platform.system() != "Linux" or platform.libc_ver()[0] != "glibc":
        return None
    try:
        return ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):
        return None


def keep_freed() -> None:
    """Keep freed memory for reuse: a faster read of exports, a higher peak."""
    mallopt = _mallopt()
    if mallopt is None:
        return
    mallopt(M_MMAP_THRESHOLD, 32 << 20)  # the largest glibc allows; bigger blocks are mapped
    mallopt(M_TRIM_THRESHOLD, (1 << 31) - 1)
    mallopt(M_TOP_PAD, 256 << 20)


def return_freed() -> None:
    """Give freed memory back: blocks of 1 MB or more are mapped apart, the heap trimmed,
    Arrow's arrays allocated by the C library."""
    mallopt = _mallopt()
    if mallopt is None:
        return
    import pyarrow as pa

    pa.set_memory_pool(pa.system_memory_pool())
    mallopt(M_MMAP_THRESHOLD, 1 << 20)
    mallopt(M_TRIM_THRESHOLD, DEFAULT_TRIM)
    mallopt(M_TOP_PAD, DEFAULT_TOP_PAD)
