"""Errors fastforge reports to users.

FastforgeError            base; the CLI catches it once and exits 1
├── InvalidAnswerError    a question got a value it does not accept
├── AnswersFileError      an --answers-file is missing or is not a YAML mapping
├── TargetNotEmptyError   `new` into a non-empty folder without --force
└── WriteError            applying a plan failed; every file was restored
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


class AnswersFileError(FastforgeError):
    """The answers file could not be used."""

    def __init__(self, *, path: Path, reason: str) -> None:
        self.path = path
        super().__init__(f"Cannot use answers file '{path}': {reason}")


class TargetNotEmptyError(FastforgeError):
    """The target folder already has files."""

    def __init__(self, *, path: Path) -> None:
        self.path = path
        super().__init__(
            f"Folder '{path}' is not empty. Choose a new folder, "
            "or pass --force to write into it (existing files may be overwritten)."
        )


class WriteError(FastforgeError):
    """A plan could not be applied; the disk was rolled back."""

    def __init__(self, *, path: Path, reason: str) -> None:
        self.path = path
        super().__init__(f"Could not write '{path}': {reason}. Nothing was changed.")
