"""A journal of the change in progress, so a killed command is undone by the next one.

While a command changes a project, the project root holds:

    .fastforge-journal/
      journal.json   the command, its state, every file it touches with its backup
      backup/N       the bytes file N had before the command
      tmp/           new bytes are written here, then renamed over their target
      scratch/       working folders (formatting, rendering), so none is left in /tmp

The order makes a kill at any instant recoverable: backups are written and fsynced,
then journal.json (itself renamed into place) lists them, and only then is a project
file replaced, each by one atomic rename. `recover` puts every listed backup back and
deletes what the change created, unless journal.json says "done", in which case every
file was already in place and only the folder is left to delete.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fastforge.errors import JournalError

JOURNAL_DIR = ".fastforge-journal"
_RECORD = "journal.json"
_KILL_AFTER = "FASTFORGE_TEST_KILL_AFTER"


class _FaultInjector:
    """Test hook: SIGKILL this process after its Nth file operation (FASTFORGE_TEST_KILL_AFTER)."""

    def __init__(self) -> None:
        self.pid = 0
        self.count = 0

    def step(self) -> None:
        if self.pid != os.getpid():  # counted per process, also in a forked child
            self.pid, self.count = os.getpid(), 0
        self.count += 1
        value = os.environ.get(_KILL_AFTER, "")
        if value.isdigit() and self.count >= int(value) > 0:
            os.kill(os.getpid(), signal.SIGKILL)


_faults = _FaultInjector()


def file_operation() -> None:
    """Mark one completed file operation (the unit the kill-sweep test counts)."""
    _faults.step()


@dataclass
class Record:
    """What journal.json holds."""

    command: str
    state: str = "applying"  # or "done"
    created_root: bool = False
    files: list[dict[str, str | None]] = field(default_factory=list)  # path, backup
    folders: list[str] = field(default_factory=list)  # created, in creation order

    def as_json(self) -> dict[str, Any]:
        return {
            "command": self.command,
            "state": self.state,
            "created_root": self.created_root,
            "files": self.files,
            "folders": self.folders,
        }


def journal_dir(root: Path) -> Path:
    """The journal folder of a project."""
    return root / JOURNAL_DIR


def write_file(path: Path, content: bytes, *, mode: int, tmp_dir: Path, sync: bool = True) -> None:
    """Write `path` completely or not at all: a file in `tmp_dir` (synced when `sync`),
    renamed over it."""
    fd, tmp = tempfile.mkstemp(dir=tmp_dir)  # created 0600, so secrets are never exposed
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(content)
            handle.flush()
            os.fchmod(handle.fileno(), mode)
            if sync:
                os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def save_record(folder: Path, record: Record) -> None:
    """Replace journal.json in one rename, and sync the folder so the rename lasts."""
    data = (json.dumps(record.as_json(), indent=1) + "\n").encode()
    write_file(folder / _RECORD, data, mode=0o600, tmp_dir=folder)
    _sync_dir(folder)
    file_operation()


def load_record(folder: Path) -> Record | None:
    """journal.json, or None when the command stopped before writing it."""
    path = folder / _RECORD
    if not path.is_file():
        return None
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        return Record(
            command=str(raw["command"]),
            state=str(raw["state"]),
            created_root=bool(raw.get("created_root", False)),
            files=list(raw["files"]),
            folders=list(raw["folders"]),
        )
    except (ValueError, KeyError, TypeError) as error:
        raise JournalError(path=path, reason=f"unreadable ({error})") from None


def undo(root: Path, record: Record) -> int:
    """Put every backup back and delete what the change created; safe to repeat."""
    folder = journal_dir(root)
    tmp_dir = folder / "tmp"
    tmp_dir.mkdir(parents=True, exist_ok=True)
    restored = 0
    for item in reversed(record.files):
        target = root / str(item["path"])
        backup = item.get("backup")
        if backup is not None:
            source = folder / "backup" / backup
            write_file(
                target, source.read_bytes(), mode=source.stat().st_mode & 0o777, tmp_dir=tmp_dir
            )
            restored += 1
        elif target.is_file() or target.is_symlink():
            target.unlink()
            restored += 1
        file_operation()
    for rel in reversed(record.folders):
        with contextlib.suppress(FileNotFoundError, OSError):
            (root / rel).rmdir()
    return restored


def discard(root: Path, *, created_root: bool = False) -> None:
    """Delete the journal folder: journal.json first, so a kill midway leaves no stale list."""
    folder = journal_dir(root)
    if folder.is_dir():
        (folder / _RECORD).unlink(missing_ok=True)
        _sync_dir(folder)
        file_operation()
    shutil.rmtree(folder, ignore_errors=True)
    if created_root:
        # The command made the folder itself (`new`); undone, it leaves no empty folder.
        with contextlib.suppress(OSError):
            root.rmdir()


def recover(root: Path) -> str | None:
    """Finish or undo an interrupted command; one line saying which, or None if none was."""
    folder = journal_dir(root)
    if not folder.is_dir():
        return None
    record = load_record(folder)
    if record is None:
        discard(root)
        return "Recovered: an interrupted fastforge command had changed nothing; cleaned up."
    if record.state == "done":
        discard(root)
        return f"Recovered: `{record.command}` had completed; cleaned up after it."
    try:
        count = undo(root, record)
    except OSError as error:
        raise JournalError(
            path=Path(error.filename or folder), reason=error.strerror or str(error)
        ) from None
    discard(root, created_root=record.created_root)
    if not count:
        return f"Recovered: the interrupted `{record.command}` had changed nothing; cleaned up."
    return (
        f"Recovered: undid the interrupted `{record.command}` "
        f"({count} file{'s' if count != 1 else ''} put back as before it)."
    )


@contextlib.contextmanager
def scratch(root: Path, prefix: str) -> Iterator[Path]:
    """A working folder inside the project's journal folder, removed afterwards."""
    parent = journal_dir(root) / "scratch"
    made_journal = not journal_dir(root).exists()
    parent.mkdir(parents=True, exist_ok=True)
    path = Path(tempfile.mkdtemp(prefix=prefix, dir=parent))
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)
        if made_journal:
            # Used outside a command's journal (e.g. a generator called directly): tidy it.
            shutil.rmtree(journal_dir(root), ignore_errors=True)


def _sync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
