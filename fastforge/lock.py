"""One fastforge command at a time per project: an exclusive lock on the project folder.

The lock is `flock` on the root folder itself, so it leaves no file behind and the
kernel releases it when the process ends, even on SIGKILL. It is held from before
recovery and planning (which read the migration head and the registries) until the
change is committed, so two concurrent `add`s plan one after the other.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from fastforge.errors import LockTimeoutError

TIMEOUT_ENV = "FASTFORGE_LOCK_TIMEOUT"
DEFAULT_TIMEOUT = 60.0


def _timeout() -> float:
    value = os.environ.get(TIMEOUT_ENV, "")
    try:
        return float(value) if value else DEFAULT_TIMEOUT
    except ValueError:
        return DEFAULT_TIMEOUT


@contextlib.contextmanager
def project_lock(root: Path, *, on_wait: Callable[[], None] | None = None) -> Iterator[None]:
    """Hold the project's lock; wait for it at most FASTFORGE_LOCK_TIMEOUT seconds."""
    fd = os.open(root, os.O_RDONLY | os.O_DIRECTORY)
    try:
        _acquire(fd, root, on_wait)
        yield
    finally:
        os.close(fd)  # closing the last descriptor releases the lock


def _acquire(fd: int, root: Path, on_wait: Callable[[], None] | None) -> None:
    timeout = _timeout()
    deadline = time.monotonic() + timeout
    waited = False
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if time.monotonic() >= deadline:
                raise LockTimeoutError(root=root, seconds=timeout) from None
            if not waited and on_wait is not None:
                on_wait()
            waited = True
            time.sleep(0.05)
