"""Errors fastforge reports to users.

FastforgeError            base; the CLI catches it once (cli/errors.py) and exits 1
├── InvalidAnswerError    a question got a value it does not accept
├── InvalidNameError      a resource, router or field name cannot be used
├── FlagValueError        `new --dry-run true`: a value after a flag that takes none
├── AnswersFileError      an --answers-file is missing or is not a YAML mapping
├── RenderError           copier refused or failed to render the template, in its words
├── TargetNotEmptyError   `new` into a non-empty folder without --force
│   └── ProjectExistsError    ... that already holds a generated project
├── NotAProjectError      `add`, `remove` or `list` ran outside a generated project
├── ConflictError         planned files would overwrite files that differ
├── WriteError            applying a plan failed; every file was restored
├── FileSystemError       any other OSError, as one line naming the path
├── JournalError          an interrupted change could not be undone yet
├── LockTimeoutError      another fastforge command kept the project locked
├── ManifestError         .fastforge.json is not what fastforge wrote
├── MigrationStateError   the migration files are in a state fastforge cannot build on
├── SchemaHistoryError    a change would delete or rewrite a migration a database needs
├── MergeConflictError    a user's edit overlaps what fastforge must change in a file
├── RegistryError         a registry module has no place to register a new line
├── NotPythonError        a module fastforge must edit does not parse
├── GeneratedCodeError    ruff could not format generated code (a fastforge bug)
└── AbortedError          Ctrl-C; the CLI prints it and exits 130

The generators' errors (fastforge/generators/) and FieldSpecError (fastforge/fields.py)
are still defined beside the code that raises them, and derive from FastforgeError too.
"""

from __future__ import annotations

from pathlib import Path


class FastforgeError(Exception):
    """Base of every error meant for a human; the message says what to do next."""


class InvalidAnswerError(FastforgeError):
    """A question's value was refused."""

    def __init__(self, *, question: str, value: object, reason: str) -> None:
        self.question = question
        self.value = value
        named = value is None or repr(value) in reason
        subject = question if named else f"{question} {value!r}"
        super().__init__(f"Invalid {subject}: {reason}")


class InvalidNameError(FastforgeError):
    """A resource, router or field name cannot be used."""

    def __init__(self, *, kind: str, value: str, reason: str) -> None:
        self.value = value
        self.reason = reason
        super().__init__(f"Invalid {kind} name {value!r}: {reason}")


class FlagValueError(FastforgeError):
    """`new` got a folder named like a flag's value (`--dry-run true`)."""

    def __init__(self, *, word: str) -> None:
        self.word = word
        super().__init__(
            f"'{word}' reads as a value for the flag before it, and flags take none "
            f"(write --dry-run, not --dry-run {word}). For a project folder named {word}, "
            f"write ./{word}."
        )


class AnswersFileError(FastforgeError):
    """The answers file could not be used."""

    def __init__(self, *, path: Path, reason: str) -> None:
        self.path = path
        super().__init__(f"Cannot use answers file '{path}': {reason}")


class RenderError(FastforgeError):
    """Copier stopped the render; its own message says why."""

    def __init__(self, *, reason: str) -> None:
        self.reason = reason
        text = " ".join(reason.split()).rstrip(".") or "copier failed"
        super().__init__(f"{text}. Nothing was written.")


class TargetNotEmptyError(FastforgeError):
    """The target folder already has files."""

    def __init__(self, *, path: Path) -> None:
        self.path = path
        super().__init__(
            f"Folder '{path}' is not empty. Choose a new folder, "
            "or pass --force to write into it (existing files may be overwritten)."
        )


class ProjectExistsError(TargetNotEmptyError):
    """The target folder already holds a generated project (say, a `new` stopped early)."""

    def __init__(self, *, path: Path) -> None:
        self.path = path
        FastforgeError.__init__(
            self,
            f"Folder '{path}' already holds a project. If `fastforge new` stopped during "
            f"its last steps, finish it with: cd {path} && uv sync. Otherwise choose a new "
            "folder, or pass --force to write into it.",
        )


class NotAProjectError(FastforgeError):
    """The command ran outside a project made from the fastforge template."""

    def __init__(self, *, start: Path, answers_file: str) -> None:
        self.start = start
        super().__init__(
            f"'{start}' is not inside a fastforge project: no {answers_file} with a "
            "project_name was found here or in any parent folder. Run this inside a project "
            "made by `fastforge new` or `copier copy` of the fastforge template."
        )


class ConflictError(FastforgeError):
    """Planned files would overwrite files that differ."""

    def __init__(self, *, paths: list[Path]) -> None:
        self.paths = paths
        listed = ", ".join(str(p) for p in paths)
        super().__init__(
            f"These files exist and differ: {listed}. "
            "Pass --force to overwrite them or --skip to keep them."
        )


class WriteError(FastforgeError):
    """A plan could not be applied; the disk was rolled back."""

    def __init__(self, *, path: Path, reason: str) -> None:
        self.path = path
        super().__init__(f"Could not write '{path}': {reason}. Nothing was changed.")


class FileSystemError(FastforgeError):
    """An operating-system error, reduced to the path and the reason."""

    def __init__(self, *, path: Path | str, reason: str) -> None:
        self.path = path
        super().__init__(f"Cannot use '{path}': {reason}. Nothing was changed.")


class JournalError(FastforgeError):
    """An interrupted change is recorded, but undoing it failed; the journal is kept."""

    def __init__(self, *, path: Path, reason: str) -> None:
        self.path = path
        super().__init__(
            f"Could not undo an interrupted change ('{path}': {reason}). The journal in "
            ".fastforge-journal is kept; fix the cause and run any fastforge command to retry."
        )


class LockTimeoutError(FastforgeError):
    """Another fastforge command held the project lock for too long."""

    def __init__(self, *, root: Path, seconds: float) -> None:
        self.root = root
        super().__init__(
            f"Another fastforge command is changing '{root}' and did not finish within "
            f"{seconds:g}s. Wait for it to end, then run this command again."
        )


class ManifestError(FastforgeError):
    """.fastforge.json cannot be read as what fastforge writes."""

    def __init__(self, *, path: Path, reason: str) -> None:
        self.path = path
        super().__init__(
            f"'{path}' is {reason}. Rebuild it from the project's files with "
            f"`fastforge list --repair`, or restore it with `git checkout -- {path.name}`."
        )


class AbortedError(FastforgeError):
    """Ctrl-C stopped a command; the message says what state it left and how to finish."""

    def __init__(self, *, detail: str = "") -> None:
        super().__init__(f"Aborted. {detail}" if detail else "Aborted")


class MigrationStateError(FastforgeError):
    """Migration files fastforge cannot chain a new migration to; nothing was written."""

    def __init__(self, *, files: list[Path], problem: str, fix: str) -> None:
        self.files = files
        listed = ", ".join(str(f) for f in files)
        super().__init__(f"{listed} {problem}: {fix}, then run the command again.")


class SchemaHistoryError(FastforgeError):
    """The change would break the schema history; the message says what to do instead."""


class MergeConflictError(FastforgeError):
    """A generated file changed where fastforge must change it too; nothing was written."""

    def __init__(self, *, path: str, where: str, reason: str) -> None:
        self.path = path
        super().__init__(
            f"Cannot update {path} at {where}: {reason}. Nothing was changed. Make that edit "
            "by hand, or undo yours there, then run the command again."
        )


class RegistryError(FastforgeError):
    """The registration point could not be found; the user has to add a line by hand."""

    def __init__(self, *, path: str, missing: str, line: str) -> None:
        self.path = path
        super().__init__(
            f"Cannot register in {path}: {missing}. Nothing was changed. "
            f"Add this line there by hand, then run the command again: {line}"
        )


class NotPythonError(FastforgeError):
    """A module fastforge has to edit does not parse; nothing was changed."""

    def __init__(self, *, path: str, reason: str) -> None:
        self.path = path
        super().__init__(
            f"Cannot edit {path}: it is not valid Python ({reason}). "
            "Fix it, then run the command again. Nothing was changed."
        )


class GeneratedCodeError(FastforgeError):
    """ruff refused code fastforge generated: a bug in a blueprint, not in the project."""

    def __init__(self, *, output: str) -> None:
        super().__init__(
            "Generated code is not valid Python (a fastforge bug, please report it): " + output
        )
