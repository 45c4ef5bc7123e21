"""The one writer: applies a plan of file changes, all or nothing.

Generators and `new` only plan. This module alone touches the user's files: it
classifies each change (create, identical, conflict), refuses conflicts unless told
to force or skip, writes everything, and restores the previous state on failure. Each
change is journaled (`fastforge.journal`), so even a killed process is undone by the
next command.
"""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

from fastforge import journal
from fastforge.errors import ConflictError, JournalError, ModifiedFilesError, WriteError


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
    or removed), so it updates the file instead of conflicting with it. `expected` is the
    digest fastforge recorded when it generated the file: a file that still has it holds no
    edit of the user's, so it may be replaced or deleted.
    """

    path: Path
    content: bytes | None
    mode: int = 0o644
    edit: bool = False
    expected: str | None = None


@dataclass
class Plan:
    """Changes to apply under one root folder."""

    root: Path
    changes: list[FileChange] = field(default_factory=list)

    def add(
        self,
        path: Path | str,
        content: bytes | None,
        mode: int = 0o644,
        *,
        edit: bool = False,
        expected: str | None = None,
    ) -> None:
        """Plan a file's new content; None plans its deletion."""
        self.changes.append(FileChange(Path(path), content, mode, edit, expected))


@dataclass(frozen=True)
class Outcome:
    """The status of one planned change, with the file's old content when it changes."""

    status: Status
    path: Path
    before: bytes | None = None
    after: bytes | None = None
    mode: int = 0o644


def classify(plan: Plan, *, force: bool = False, skip: bool = False) -> list[Outcome]:
    """Decide, without writing, what applying the plan does to each file.

    A file that differs from the plan conflicts, unless the plan computed it from the
    file (an edit), or the file is as fastforge generated it (its `expected` digest).
    `force` overwrites or deletes a conflicting file, and `skip` leaves it as it is.
    """
    outcomes = []
    for change in plan.changes:
        target = plan.root / change.path
        before = target.read_bytes() if target.is_file() else None
        untouched = change.expected is None or (
            before is not None and hashlib.sha256(before).hexdigest() == change.expected
        )
        if not target.exists():
            status = Status.IDENTICAL if change.content is None else Status.CREATE
        elif before == change.content:
            status = Status.IDENTICAL
        elif change.content is None and untouched:
            status = Status.DELETE
        elif change.edit or (change.expected is not None and untouched):
            status = Status.UPDATE
        elif force:
            status = Status.DELETE if change.content is None else Status.OVERWRITE
        elif skip:
            status = Status.SKIP
        else:
            status = Status.CONFLICT
        outcomes.append(Outcome(status, change.path, before, change.content, change.mode))
    return outcomes


def apply(
    plan: Plan, *, force: bool = False, skip: bool = False, dry_run: bool = False
) -> list[Outcome]:
    """Apply the plan as one journaled change; on any failure every file is left as it was."""
    if dry_run:
        return check(plan, force=force, skip=skip)
    with transaction(plan.root, command="fastforge") as change:
        return change.apply(plan, force=force, skip=skip)


def check(plan: Plan, *, force: bool = False, skip: bool = False) -> list[Outcome]:
    """Classify the plan and refuse it if any file conflicts."""
    outcomes = classify(plan, force=force, skip=skip)
    conflicts = [o for o in outcomes if o.status is Status.CONFLICT]
    changed = [str(o.path) for o in conflicts if o.after is None]
    if changed:
        raise ModifiedFilesError(paths=changed)
    if conflicts:
        raise ConflictError(paths=[o.path for o in conflicts])
    return outcomes


_WRITES = (Status.CREATE, Status.UPDATE, Status.OVERWRITE, Status.DELETE)


class Transaction:
    """One change to a project, journaled: any number of plans, then done or undone as one."""

    def __init__(self, root: Path, *, command: str) -> None:
        self.root = root
        self.record = journal.Record(command=command)
        self._folder = journal.journal_dir(root)
        self._touched: set[str] = set()
        self._started = False

    def apply(self, plan: Plan, *, force: bool = False, skip: bool = False) -> list[Outcome]:
        """Back up, record, then write every changed file of the plan."""
        outcomes = check(plan, force=force, skip=skip)
        by_path = {c.path: c for c in plan.changes}
        changes = [by_path[o.path] for o in outcomes if o.status in _WRITES]
        if changes:
            self._begin()
            for change in changes:
                self._record(change)
            journal.save_record(self._folder, self.record)
            for change in changes:
                self._write(change)
        return outcomes

    @contextlib.contextmanager
    def scratch(self, prefix: str) -> Iterator[Path]:
        """A working folder inside the journal folder, so a kill leaves nothing in /tmp."""
        self._begin()
        with journal.scratch(self.root, prefix) as path:
            yield path

    def commit(self) -> None:
        """Mark the change done, then drop the journal."""
        if not self._started:
            return
        if self.record.files:
            self.record.state = "done"
            journal.save_record(self._folder, self.record)
        # Nothing written (a dry run of `new`): a folder the change made goes too.
        journal.discard(self.root, created_root=not self.record.files and self.record.created_root)

    def rollback(self) -> None:
        """Put every file back as it was before the change."""
        if not self._started:
            return
        try:
            journal.undo(self.root, self.record)
        except OSError as error:
            # The journal stays, so the next fastforge command tries again.
            raise JournalError(
                path=Path(error.filename or self._folder), reason=error.strerror or str(error)
            ) from error
        journal.discard(self.root, created_root=self.record.created_root)

    def _begin(self) -> None:
        if self._started:
            return
        if not self.root.exists():
            self.root.mkdir(parents=True)
            self.record.created_root = True
            journal.file_operation()
        for sub in ("backup", "tmp"):
            (self._folder / sub).mkdir(parents=True, exist_ok=True)
        journal.save_record(self._folder, self.record)
        self._started = True

    def _record(self, change: FileChange) -> None:
        rel = change.path.as_posix()
        target = self.root / change.path
        for folder in reversed(_missing_folders(target.parent)):
            name = folder.relative_to(self.root).as_posix()
            if name not in self.record.folders:
                self.record.folders.append(name)
        if rel in self._touched:
            return  # the first backup holds the content from before the change
        self._touched.add(rel)
        backup = None
        if target.exists():
            backup = str(len(self.record.files))
            try:
                journal.write_file(
                    self._folder / "backup" / backup,
                    target.read_bytes(),
                    mode=target.stat().st_mode & 0o777,
                    tmp_dir=self._folder / "tmp",
                )
            except OSError as error:
                raise _write_error(error, change.path) from error
            journal.file_operation()
        self.record.files.append({"path": rel, "backup": backup})

    def _write(self, change: FileChange) -> None:
        target = self.root / change.path
        try:
            for folder in reversed(_missing_folders(target.parent)):
                folder.mkdir()
                journal.file_operation()
            if change.content is None:
                target.unlink()
            else:
                # In a folder this change created, no file predates it: a power cut loses
                # only the new project, which `new` makes again, so skip the costly fsyncs.
                journal.write_file(
                    target,
                    change.content,
                    mode=change.mode,
                    tmp_dir=self._folder / "tmp",
                    sync=not self.record.created_root,
                )
        except OSError as error:
            raise _write_error(error, change.path) from error
        journal.file_operation()


@contextlib.contextmanager
def transaction(root: Path, *, command: str) -> Iterator[Transaction]:
    """A journaled change: committed when the block ends, undone if it raises."""
    change = Transaction(root, command=command)
    try:
        yield change
    except BaseException:
        change.rollback()
        raise
    change.commit()


def _write_error(error: OSError, path: Path) -> WriteError:
    return WriteError(path=path, reason=error.strerror or str(error))


def _missing_folders(folder: Path) -> list[Path]:
    """Folders that do not exist yet, deepest first."""
    missing = []
    while not folder.exists():
        missing.append(folder)
        folder = folder.parent
    return missing


def plan_from_tree(source: Path, root: Path, *, exclude: Iterable[str] = ()) -> Plan:
    """Plan copying every file under `source` to the same place under `root`."""
    skipped = set(exclude)
    plan = Plan(root)
    for path in sorted(source.rglob("*")):
        rel = path.relative_to(source)
        if path.is_file() and not skipped.intersection(rel.parts):
            plan.add(rel, path.read_bytes(), path.stat().st_mode & 0o777)
    return plan
