"""The one place that turns errors into a message line and an exit code."""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator

import typer

from fastforge.errors import AbortedError, FastforgeError, FileSystemError
from fastforge.journal import JOURNAL_DIR

INTERRUPTED = 130  # the shell's code for a process ended by SIGINT
# Scratch copies in the journal folder stand for the project path the user gave.
_SCRATCH = re.compile(re.escape(JOURNAL_DIR) + r"/(?:scratch/[^/]+/|tmp/|backup/)?")


def _user_path(path: str) -> str:
    return _SCRATCH.sub("", path).rstrip("/") or path


@contextlib.contextmanager
def reported_errors() -> Iterator[None]:
    """Run a command body: user errors and OSErrors print one line, Ctrl-C prints Aborted."""
    from fastforge import report

    try:
        yield
    except AbortedError as error:
        report.errors.print(str(error), soft_wrap=True)
        raise typer.Exit(code=INTERRUPTED) from None
    except FastforgeError as error:
        report.print_error(str(error))
        raise typer.Exit(code=1) from None
    except OSError as error:
        path = _user_path(str(error.filename or "?"))
        report.print_error(str(FileSystemError(path=path, reason=error.strerror or str(error))))
        raise typer.Exit(code=1) from None
    except KeyboardInterrupt:
        report.errors.print("Aborted")
        raise typer.Exit(code=INTERRUPTED) from None
