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
├── FieldSpecError        a field spec cannot be used (fields.py parses them)
├── ProjectModuleError    a name `add` was given is a module the project shipped with
├── NameTakenError        ... or is taken by auth's users or an existing resource
├── DatabaseRequiredError `add resource` in a project with database=none
├── OwnershipError        `--owned` without users to own rows
├── NotGeneratedError     `remove` of something `add` did not make
├── ModifiedFilesError    `remove` of generated files the user changed, without --force
├── ReferencedResourceError `remove resource` while others reference or link to it
├── TemplateVersionError  `set`/`update` cannot rebuild the template a project came from
├── DirtyTreeError        `set`/`update` in a git tree with uncommitted changes
├── UpdateConflictError   a user's edit overlaps a template change; nothing was written
├── UnresolvedConflictError conflict markers from an earlier `set`/`update` remain
├── DependencyLockError   `set`/`update`: uv could not lock the new dependencies
├── FieldChangeError      a field command cannot change the resource as asked
└── AbortedError          Ctrl-C; the CLI prints it and exits 130

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


class FieldSpecError(FastforgeError):
    """A field spec cannot be used."""

    def __init__(self, *, spec: str, reason: str) -> None:
        self.spec = spec
        super().__init__(f"Invalid field {spec!r}: {reason}")


class ProjectModuleError(FastforgeError):
    """The name is taken by a module the project was generated with."""

    def __init__(self, *, kind: str, name: str, paths: list[str]) -> None:
        self.paths = paths
        listed = ", ".join(paths)
        verb = "is" if len(paths) == 1 else "are"
        super().__init__(
            f"Cannot add {kind} {name!r}: {listed} {verb} part of the project, not made by "
            f"fastforge add. Nothing was changed. Choose another name for the {kind}."
        )


class NameTakenError(FastforgeError):
    """The name is taken by something else fastforge generated, or by auth."""


class DatabaseRequiredError(FastforgeError):
    """Resources are stored in a database, and the project has none."""

    def __init__(self) -> None:
        super().__init__(
            "This project was generated with database=none, so it has nowhere to store a "
            "resource. Use `fastforge add router NAME` for endpoints without storage."
        )


class OwnershipError(FastforgeError):
    """`--owned` needs users to own the rows."""

    def __init__(self, *, public: bool) -> None:
        reason = (
            "a --public resource has no current user to own its rows; drop one of the two flags"
            if public
            else "this project was generated with auth=none, so there are no users to own rows"
        )
        super().__init__(f"Cannot add an owned resource: {reason}.")


class FieldChangeError(FastforgeError):
    """A field command cannot change the resource as asked; nothing was written."""


class NotGeneratedError(FastforgeError):
    """`remove` was asked for something `add` did not make."""

    def __init__(self, *, kind: str, name: str, known: list[str]) -> None:
        listed = ", ".join(known) if known else "none"
        super().__init__(
            f"No {kind} {name!r} was added by fastforge in this project "
            f"(known {kind}s: {listed}). See `fastforge list`."
        )


class ModifiedFilesError(FastforgeError):
    """Generated files were changed since; removing them would lose work."""

    def __init__(self, *, paths: list[str]) -> None:
        super().__init__(
            f"These files changed since fastforge generated them: {', '.join(paths)}. "
            "Nothing was removed. Pass --force to remove them anyway."
        )


class ReferencedResourceError(FastforgeError):
    """`remove resource` while other resources reference or link to it."""

    def __init__(self, *, name: str, dependants: list[str]) -> None:
        super().__init__(
            f"Cannot remove {name}: {', '.join(dependants)} reference it. Remove those first."
        )


class TemplateVersionError(FastforgeError):
    """The project's template cannot be rendered again, so there is no base to merge from."""

    def __init__(self, *, identity: str | None, current: str, reason: str = "") -> None:
        if identity is None:
            what = (
                ".copier-answers.yml does not record _fastforge_template (a project made by "
                "plain `copier copy`, or by fastforge before 0.1.0): update it with "
                "`copier update`, or record the template it came from there"
            )
        else:
            known = f" ({reason})" if reason else ""
            what = (
                f"this project was made from template {identity}, which this fastforge "
                f"(template {current}) cannot rebuild{known}: install the fastforge that "
                "made it, or a newer one that ships its history"
            )
        super().__init__(f"Cannot merge template changes: {what}. Nothing was changed.")


class DirtyTreeError(FastforgeError):
    """Uncommitted changes would mix with the merge's; git is the undo of a merge."""

    def __init__(self, *, paths: list[str]) -> None:
        shown = ", ".join(paths[:5]) + (f" and {len(paths) - 5} more" if len(paths) > 5 else "")
        super().__init__(
            f"The project has uncommitted changes ({shown}). Nothing was changed. Commit or "
            "stash them first, so the merge can be reviewed and undone with git, or pass "
            "--allow-dirty."
        )


class UpdateConflictError(FastforgeError):
    """Edits of the user's overlap template changes; the message lists every hunk."""

    def __init__(self, *, hunks: list[str]) -> None:
        self.hunks = hunks
        super().__init__(
            "Your edits overlap the template's changes here; nothing was changed:\n  "
            + "\n  ".join(hunks)
            + "\nUndo or move those edits and run the command again, or pass "
            "--conflicts=markers to write both versions between conflict markers and "
            "resolve them by hand."
        )


class UnresolvedConflictError(FastforgeError):
    """Files still hold conflict markers that an earlier `set` or `update` wrote."""

    def __init__(self, *, paths: list[str]) -> None:
        super().__init__(
            f"{', '.join(paths)} still hold conflict markers (<<<<<<<). Resolve them, then "
            "run the same command again to finish. Nothing was changed."
        )


class DependencyLockError(FastforgeError):
    """uv could not lock the dependencies a `set` or `update` asks for; nothing was written."""

    def __init__(self, *, reason: str) -> None:
        super().__init__(
            f"uv could not lock the new dependencies ({reason}). Nothing was changed. Check "
            "that uv can reach your package index, then run the command again."
        )
