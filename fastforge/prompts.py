"""Copier's questions, readable in any terminal: help and validation errors wrap.

Copier hands questionary one long help line, and prompt_toolkit draws it in a window
that cuts at the terminal's edge; a validation error goes to a toolbar one line high.
While `readable_prompts()` is active, copier's help is word-wrapped to the terminal's
width when each question is asked, errors are word-wrapped too, and the error toolbar
grows to show every line. Each adjustment is skipped by a copier or prompt_toolkit
that lacks its hook.
"""

from __future__ import annotations

import contextlib
import importlib
import os
import shutil
import sys
import textwrap
from collections.abc import Callable, Iterator
from typing import Any

# A character short of the edge: terminals disagree on the width of some emoji.
_MARGIN = 1


def terminal_width() -> int:
    """The width prompt_toolkit draws in: stdout's terminal, else COLUMNS, else 80."""
    try:
        return os.get_terminal_size(sys.stdout.fileno()).columns
    except (AttributeError, OSError, ValueError):
        return shutil.get_terminal_size().columns


def wrap_message(message: str, *, width: int, first_indent: int = 0, indent: int = 0) -> str:
    """Word-wrap each line of `message` to `width`, keeping its trailing whitespace.

    The first line starts `first_indent` columns in (after the question mark); later
    lines are indented by `indent` spaces.
    """
    body = message.rstrip(" ")
    tail = message[len(body) :]
    lines: list[str] = []
    for number, line in enumerate(body.split("\n")):
        if not line.strip():
            lines.append(line)
            continue
        wrapped = textwrap.wrap(
            line,
            width=max(width - _MARGIN, 20),
            initial_indent=" " * (first_indent if number == 0 else indent),
            subsequent_indent=" " * indent,
            break_on_hyphens=False,
        )
        if number == 0:
            wrapped[0] = wrapped[0][first_indent:]
        lines.extend(wrapped)
    return "\n".join(lines) + tail


@contextlib.contextmanager
def readable_prompts() -> Iterator[None]:
    """Within this block, copier's prompts wrap their help and errors to the terminal."""
    with contextlib.ExitStack() as stack:
        stack.enter_context(_wrapped_questions())
        stack.enter_context(_growing_error_toolbar())
        yield


@contextlib.contextmanager
def _wrapped_questions() -> Iterator[None]:
    try:
        from copier._user_data import Question
    except ImportError:
        yield
        return
    get_message = getattr(Question, "get_message", None)
    get_structure = getattr(Question, "get_questionary_structure", None)
    if get_message is None or get_structure is None:
        yield
        return

    def wrapped_message(self: Any) -> str:
        message: str = get_message(self)
        mark = self.qmark or ("🕵️" if self.secret else "🎤")
        # questionary draws "<mark> <message>"; continuation lines align with the text.
        lead = _display_width(mark) + 1
        return wrap_message(message, width=terminal_width(), first_indent=lead, indent=lead)

    def wrapped_structure(self: Any) -> dict[str, Any]:
        structure: dict[str, Any] = get_structure(self)
        validate = structure.get("validate")
        if callable(validate):
            structure["validate"] = _wrapping_validator(validate)
        return structure

    Question.get_message = wrapped_message  # type: ignore[method-assign]
    Question.get_questionary_structure = wrapped_structure  # type: ignore[method-assign]
    try:
        yield
    finally:
        Question.get_message = get_message  # type: ignore[method-assign]
        Question.get_questionary_structure = get_structure  # type: ignore[method-assign]


def _wrapping_validator(validate: Callable[[str], object]) -> Callable[[str], object]:
    def wrapped(answer: str) -> object:
        verdict = validate(answer)
        if isinstance(verdict, str):
            return wrap_message(verdict, width=terminal_width())
        return verdict

    return wrapped


@contextlib.contextmanager
def _growing_error_toolbar() -> Iterator[None]:
    try:
        from prompt_toolkit.filters import has_validation_error
        from prompt_toolkit.layout import ConditionalContainer, Window
        from prompt_toolkit.widgets.toolbars import ValidationToolbar

        # The module, not the `prompt` function that `prompt_toolkit.shortcuts` exports.
        module = importlib.import_module("prompt_toolkit.shortcuts.prompt")
    except ImportError:
        yield
        return
    if getattr(module, "ValidationToolbar", None) is not ValidationToolbar:
        yield
        return

    class GrowingValidationToolbar(ValidationToolbar):
        """prompt_toolkit's error toolbar, as tall as its wrapped message."""

        def __init__(self, show_position: bool = False) -> None:
            super().__init__(show_position)
            self.container = ConditionalContainer(
                content=Window(self.control, wrap_lines=True, dont_extend_height=True),
                filter=has_validation_error,
            )

    module.ValidationToolbar = GrowingValidationToolbar  # type: ignore[attr-defined]
    try:
        yield
    finally:
        module.ValidationToolbar = ValidationToolbar  # type: ignore[attr-defined]


def _display_width(text: str) -> int:
    try:
        from prompt_toolkit.utils import get_cwidth
    except ImportError:
        return len(text)
    return sum(get_cwidth(char) for char in text)
