"""Run fastforge in a forked child: a real second process, without paying for imports again.

The kill sweep and the concurrency test start dozens of fastforge processes; forking the
test process (which has fastforge and its libraries loaded) keeps each one to its work.
"""

from __future__ import annotations

import os
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Forked:
    """A running child; `wait` gives its exit code (-9 when SIGKILL ended it) and output."""

    pid: int
    log: Path

    def wait(self) -> tuple[int, str]:
        _, status = os.waitpid(self.pid, 0)
        return os.waitstatus_to_exitcode(status), self.log.read_text(errors="replace")


def start(
    project: Path, args: list[str], *, log: Path, env: dict[str, str] | None = None
) -> Forked:
    """Start `fastforge ARGS` in `project` in a child process."""
    pid = os.fork()
    if pid == 0:  # the child never returns into pytest
        code = 1
        try:
            code = _run(project, args, log, env or {})
        finally:
            os._exit(code)
    return Forked(pid, log)


def run(
    project: Path, args: list[str], *, log: Path, env: dict[str, str] | None = None
) -> tuple[int, str]:
    """`fastforge ARGS` in a child process, waited for."""
    return start(project, args, log=log, env=env).wait()


def _run(project: Path, args: list[str], log: Path, env: dict[str, str]) -> int:
    from fastforge.cli import app

    os.environ.update(env)
    tempfile.tempdir = None  # the parent's cached choice would hide a TMPDIR given here
    os.chdir(project)
    handle = open(log, "w", encoding="utf-8")  # noqa: SIM115  # closed by os._exit
    os.dup2(handle.fileno(), 1)
    os.dup2(handle.fileno(), 2)
    sys.stdout = sys.stderr = handle
    sys.argv = ["fastforge", *args]
    try:
        app(args=args, prog_name="fastforge")
    except SystemExit as exit_:
        handle.flush()
        return exit_.code if isinstance(exit_.code, int) else 1
    handle.flush()
    return 0
