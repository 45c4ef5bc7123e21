"""What fastforge prints: plans, summaries and next steps, quiet unless asked."""

from __future__ import annotations

import difflib
import os
import shlex
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.tree import Tree

from fastforge.questions import Question
from fastforge.steps import StepResult
from fastforge.writer import Outcome, Status


def _console(*, stderr: bool = False) -> Console:
    made = Console(stderr=stderr, highlight=False)
    # A pipe or a file gets whole lines: wrapping at 80 columns breaks diffs and scripts.
    made.soft_wrap = not made.is_terminal
    return made


console = _console()
errors = _console(stderr=True)

_STYLES = {
    Status.CREATE: "green",
    Status.UPDATE: "cyan",
    Status.OVERWRITE: "yellow",
    Status.CONFLICT: "red",
    Status.SKIP: "yellow",
    Status.DELETE: "red",
    Status.IDENTICAL: "dim",
}
_HIDDEN = {".git", ".venv", "__pycache__", ".mypy_cache", ".ruff_cache", ".pytest_cache"}


def print_error(message: str) -> None:
    """One error line, without a traceback."""
    errors.print(f"[bold red]Error:[/] {message}", soft_wrap=True)


def print_outcomes(
    outcomes: Iterable[Outcome], *, dry_run: bool, diffs: bool = False, show: bool = False
) -> None:
    """One line a file, Rails-style: the verb, then the path; diffs of changed files.

    Diffs are git's (`git apply` takes the output as it is); `show` adds created files.
    """
    if dry_run:
        console.print("[bold]Dry run:[/] nothing was written.")
    shown = (Status.UPDATE, Status.OVERWRITE, Status.DELETE, *((Status.CREATE,) if show else ()))
    for outcome in outcomes:
        style = _STYLES[outcome.status]
        console.print(f"  [{style}]{outcome.status.value:>10}[/]  {outcome.path}", soft_wrap=True)
        if diffs and outcome.status in shown:
            console.out(git_diff(outcome), highlight=False, end="")


def print_refresh(paths: Iterable[Path]) -> None:
    """The files a change would rebuild after writing, such as docs/openapi.json."""
    for path in paths:
        console.print(f"  [cyan]{'refresh':>10}[/]  {path}", soft_wrap=True)


def git_diff(outcome: Outcome) -> str:
    """The change to one file as a git diff, its path relative to the plan's root."""
    name = outcome.path.as_posix()
    mode = "100755" if outcome.mode & 0o111 else "100644"
    before = outcome.before if outcome.status is not Status.CREATE else None
    after = outcome.after if outcome.status is not Status.DELETE else None
    header = [f"diff --git a/{name} b/{name}"]
    if before is None:
        header.append(f"new file mode {mode}")
    elif after is None:
        header.append(f"deleted file mode {mode}")
    old, new = _lines(before), _lines(after)
    if old is None or new is None:
        return "\n".join([*header, f"Binary files a/{name} and b/{name} differ", ""])
    if not old and not new:
        return "\n".join([*header, ""])
    body = list(
        difflib.unified_diff(
            old,
            new,
            "/dev/null" if before is None else f"a/{name}",
            "/dev/null" if after is None else f"b/{name}",
            lineterm="",
            n=3,
        )
    )
    return "\n".join([*header, *body, ""])


def _lines(data: bytes | None) -> list[str] | None:
    """The file's lines for a diff (a last line without newline says so), None if binary."""
    if not data:
        return []
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    if "\0" in text:
        return None
    lines = text.split("\n")
    if lines[-1] == "":
        lines.pop()
    else:
        lines[-1] += "\n\\ No newline at end of file"
    return lines


def print_summary(*, root: Path, answers: dict[str, Any], questions: Iterable[Question]) -> None:
    """The options chosen and the project's tree."""
    table = Table(title="Options", show_header=False, box=None, padding=(0, 2))
    for question in questions:
        if question.name in answers:
            table.add_row(question.name, _show(answers[question.name]))
    console.print(table)
    console.print(_tree(root))


def print_steps(results: Iterable[StepResult]) -> None:
    """Each post-render step's result, and how to finish a failed one by hand."""
    for result in results:
        if result.ok:
            console.print(f"  [green]{'done':>10}[/]  {result.name}: {result.detail}")
        else:
            console.print(
                f"  [yellow]{'skipped':>10}[/]  {result.name}: {result.detail}."
                f" Finish by hand with: [bold]{result.hint}[/]"
            )


def print_next_steps(steps: Iterable[str]) -> None:
    """Commands to run next, exactly as they should be typed."""
    from rich.markup import escape

    console.print("\n[bold]Next steps[/]")
    for step in steps:
        console.print(f"  {escape(step)}", soft_wrap=True, highlight=False)


def print_new_project_steps(*, root: Path, steps: list[str], command: str) -> None:
    """The project's own run and test commands, and the non-interactive command."""
    where = _relative(root)
    print_next_steps([f"cd {shlex.quote(where)}", *steps] if where != "." else steps)
    console.print("\n[bold]Same project, without questions:[/]")
    console.print(f"  {command}", soft_wrap=True)


def equivalent_command(
    *, target: Path, answers: dict[str, Any], questions: Iterable[Question]
) -> str:
    """The `fastforge new` command line that reproduces these answers without prompts."""
    words = ["fastforge", "new", _relative(target), "--defaults"]
    for question in questions:
        if question.name not in answers:
            continue
        value = answers[question.name]
        if question.type == "bool":
            words.append(question.flag if value else f"--no-{question.flag[2:]}")
        else:
            words += [question.flag, str(value)]
    return shlex.join(words)


def _tree(root: Path, depth: int = 2) -> Tree:
    tree = Tree(f"[bold]{root.name}/[/]")
    _grow(tree, root, depth)
    return tree


def _grow(node: Tree, folder: Path, depth: int) -> None:
    entries = sorted(folder.iterdir(), key=lambda p: (p.is_file(), p.name))
    for entry in entries:
        if entry.name in _HIDDEN:
            continue
        if entry.is_dir():
            branch = node.add(f"[bold blue]{entry.name}/[/]")
            if depth > 1:
                _grow(branch, entry, depth - 1)
        else:
            node.add(entry.name)


def _relative(path: Path) -> str:
    try:
        return os.path.relpath(path)
    except ValueError:
        return str(path)


def _show(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)
