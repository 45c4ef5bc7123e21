"""A command's hold on a project: locate it, lock it, then finish any interrupted change."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from pathlib import Path

from fastforge import journal
from fastforge.lock import project_lock
from fastforge.project.locate import ProjectContext, find_project

WAITING = "Waiting for another fastforge command to finish in this project..."


@contextlib.contextmanager
def open_project(start: Path, *, notify: Callable[[str], None]) -> Iterator[ProjectContext]:
    """The project around `start`, locked and recovered, for as long as the block runs."""
    ctx = find_project(start)
    with project_lock(ctx.root, on_wait=lambda: notify(WAITING)):
        note = journal.recover(ctx.root)
        if note:
            notify(note)
        yield ctx
