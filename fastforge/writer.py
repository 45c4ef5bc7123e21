"""The one writer: applies a plan of file changes, all or nothing.

Generators and `new` only plan. This module alone touches the user's files: it
classifies each change (create, identical, conflict), refuses conflicts unless told
to force or skip, writes everything, and restores the previous state on failure.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

from fastforge.errors import FastforgeError, WriteError


class Status(str, Enum):
    """What applying a change does to one file."""

    CREATE = "create"
    UPDATE = "update"
    IDENTICAL = "identical"
    CONFLICT = "conflict"
    OVERWRITE = "overwrite"
    SKIP = "skip"
    DELETE = "delete"


@dataclass(frozen=True)
class FileChange:
    """New content for one file (None deletes it), relative to the plan's root.

    An `edit` was computed from the file's current content (a registration line added
    or removed), so it updates the file instead of conflicting with it.
    """

    path: Path
    content: bytes | None
    mode: int = 0o644
    edit: bool = False


@dataclass
class Plan:
    """Changes to apply under one root folder."""

    root: Path
    changes: list[FileChange] = field(default_factory=list)

    def add(
        self, path: Path | str, content: bytes | None, mode: int = 0o644, *, edit: bool = False
    ) -> None:
        """Plan a file's new content; None plans its deletion."""
        self.changes.append(FileChange(Path(path), content, mode, edit))


@dataclass(frozen=True)
class Outcome:
    """The status of one planned change, with the file's old content when it changes."""

    status: Status
    path: Path
    before: bytes | None = None
    after: bytes | None = None


class ConflictError(FastforgeError):
    """Planned files would overwrite files that differ."""

    def __init__(self, *, paths: list[Path]) -> None:
        self.paths = paths
        listed = ", ".join(str(p) for p in paths)
        super().__init__(
            f"These files exist and differ: {listed}. "
            "Pass --force to overwrite them or --skip to keep them."
        )


def classify(plan: Plan, *, force: bool = False, skip: bool = False) -> list[Outcome]:
    """Decide, without writing, what applying the plan does to each file."""
    outcomes = []
    for change in plan.changes:
        target = plan.root / change.path
        before = target.read_bytes() if target.is_file() else None
        if change.content is None:
            status = Status.DELETE if target.exists() else Status.IDENTICAL
        elif not target.exists():
            status = Status.CREATE
        elif before == change.content:
            status = Status.IDENTICAL
        elif change.edit:
            status = Status.UPDATE
        elif force:
            status = Status.OVERWRITE
        elif skip:
            status = Status.SKIP
        else:
            status = Status.CONFLICT
        outcomes.append(Outcome(status, change.path, before, change.content))
    return outcomes


def apply(
    plan: Plan, *, force: bool = False, skip: bool = False, dry_run: bool = False
) -> list[Outcome]:
    """Apply the plan; on any failure every file is left as it was."""
    outcomes = classify(plan, force=force, skip=skip)
    conflicts = [o.path for o in outcomes if o.status is Status.CONFLICT]
    if conflicts:
        raise ConflictError(paths=conflicts)
    if dry_run:
        return outcomes
    by_path = {c.path: c for c in plan.changes}
    with _rollback_on_error(plan.root) as journal:
        for outcome in outcomes:
            if outcome.status in (Status.CREATE, Status.UPDATE, Status.OVERWRITE, Status.DELETE):
                _apply_one(plan.root, by_path[outcome.path], journal)
    return outcomes


@dataclass
class _Journal:
    created_dirs: list[Path] = field(default_factory=list)
    created_files: list[Path] = field(default_factory=list)
    backups: dict[Path, Path] = field(default_factory=dict)
    backup_dir: Path | None = None


def _apply_one(root: Path, change: FileChange, journal: _Journal) -> None:
    target = root / change.path
    existed = target.exists()
    if existed:
        journal.backups[target] = _backup(target, journal)
    else:
        _make_parents(target.parent, journal)
    if change.content is None:
        target.unlink()
        return
    # Write beside the target and rename, so a crash never leaves a half-written file.
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(change.content)
        os.chmod(tmp, change.mode)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    if not existed:
        journal.created_files.append(target)


def _backup(target: Path, journal: _Journal) -> Path:
    if journal.backup_dir is None:
        journal.backup_dir = Path(tempfile.mkdtemp(prefix="fastforge-backup-"))
    copy = journal.backup_dir / str(len(journal.backups))
    shutil.copy2(target, copy)
    return copy


def _make_parents(folder: Path, journal: _Journal) -> None:
    missing = []
    while not folder.exists():
        missing.append(folder)
        folder = folder.parent
    for path in reversed(missing):
        path.mkdir()
        journal.created_dirs.append(path)


@contextlib.contextmanager
def _rollback_on_error(root: Path) -> Iterator[_Journal]:
    journal = _Journal()
    try:
        yield journal
    except OSError as error:
        _restore(journal)
        raise WriteError(
            path=Path(error.filename or root), reason=error.strerror or str(error)
        ) from error
    except BaseException:
        _restore(journal)
        raise
    finally:
        if journal.backup_dir is not None:
            shutil.rmtree(journal.backup_dir, ignore_errors=True)


def _restore(journal: _Journal) -> None:
    # Best effort on every item: one stuck file must not stop the others coming back.
    for target, copy in journal.backups.items():
        with contextlib.suppress(OSError):
            shutil.copy2(copy, target)
    for path in journal.created_files:
        with contextlib.suppress(OSError):
            path.unlink()
    for folder in reversed(journal.created_dirs):
        with contextlib.suppress(OSError):
            folder.rmdir()


def plan_from_tree(source: Path, root: Path, *, exclude: Iterable[str] = ()) -> Plan:
    """Plan copying every file under `source` to the same place under `root`."""
    skipped = set(exclude)
    plan = Plan(root)
    for path in sorted(source.rglob("*")):
        rel = path.relative_to(source)
        if path.is_file() and not skipped.intersection(rel.parts):
            plan.add(rel, path.read_bytes(), path.stat().st_mode & 0o777)
    return plan
