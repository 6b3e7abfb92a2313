"""No core dumps: a crash must not write the process's memory, with old answers in it, to disk.

CPython cannot scrub a string from memory, so a person's words can linger in freed memory
after the wipe. A core file would carry them to disk. At start the kiosk sets RLIMIT_CORE to
0 (no core file) and marks itself not dumpable (no core, and no ptrace or /proc/<pid>/mem read
by other processes of the same user). Linux only; elsewhere it does nothing.
"""
import ctypes
import ctypes.util
import sys

PR_SET_DUMPABLE = 4


def forbid_core_dumps():
    """Returns True when both limits are in force."""
    if not sys.platform.startswith("linux"):
        return False
    import resource

    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
    if libc.prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0:
        return False
    return True
