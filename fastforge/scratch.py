"""Copier's render of the template into a fresh scratch folder, which fastforge then plans from."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from copier._main import Worker


class ScratchWorker(Worker):
    """A copier Worker whose destination is a new folder outside any git repository."""

    def _sync_git_index_executable_bit(self, dst_relpath: Path, src_mode: int) -> None:
        # Copier asks git, once per file, whether the destination's index needs a new mode;
        # a fresh scratch folder has no index, so the answer is always no.
        return None


def render(src_path: str, dst_path: Path, **options: Any) -> Worker:
    """Render `src_path` into `dst_path` as `copier.run_copy` does, with the same options."""
    with ScratchWorker(src_path=src_path, dst_path=dst_path, **options) as worker:
        worker.run_copy()
    return worker
