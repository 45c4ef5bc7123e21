"""A 3-way merge of text files with `git merge-file`, and where its conflicts are."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from fastforge.errors import TemplateVersionError

MARKER = b"<<<<<<< your project"
LABELS = ("your project", "as generated", "the new template")


@dataclass(frozen=True)
class TextMerge:
    """The merged text, with conflict markers where both sides changed the same lines."""

    content: bytes
    conflicts: tuple[tuple[int, int], ...]  # first and last line of each, in `content`


def merge_text(*, base: bytes, mine: bytes, new: bytes, scratch: Path | None = None) -> TextMerge:
    """Apply the change from `base` to `new` onto `mine`, line by line (files in `scratch`)."""
    git = shutil.which("git")
    if git is None:
        raise TemplateVersionError(identity=None, current="", reason="git is not installed")
    with tempfile.TemporaryDirectory(prefix="merge-", dir=scratch) as folder:
        paths = []
        for name, content in (("mine", mine), ("base", base), ("new", new)):
            path = Path(folder) / name
            path.write_bytes(content)
            paths.append(str(path))
        labels = [arg for label in LABELS for arg in ("-L", label)]
        done = subprocess.run(
            [git, "merge-file", "-p", *labels, *paths], capture_output=True, check=False
        )
    if done.returncode < 0 or done.returncode > 127:
        raise OSError(done.stderr.decode(errors="replace").strip() or "git merge-file failed")
    return TextMerge(done.stdout, _conflicts(done.stdout))


def has_markers(content: bytes) -> bool:
    """Whether `content` holds a conflict that a merge wrote and nobody resolved."""
    return any(line.startswith(MARKER) for line in content.splitlines())


def _conflicts(content: bytes) -> tuple[tuple[int, int], ...]:
    found, start = [], 0
    for number, line in enumerate(content.splitlines(), start=1):
        if line.startswith(MARKER):
            start = number
        elif line.startswith(b">>>>>>> ") and start:
            found.append((start, number))
            start = 0
    return tuple(found)
