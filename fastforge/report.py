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

from fastforge.schema import Question
from fastforge.steps import StepResult
from fastforge.writer import Outcome, Status

console = Console(highlight=False)
errors = Console(stderr=True, highlight=False)

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


def print_outcomes(outcomes: Iterable[Outcome], *, dry_run: bool, diffs: bool = False) -> None:
    """One line a file, Rails-style: the verb, then the path; diffs of changed files."""
    if dry_run:
        console.print("[bold]Dry run:[/] nothing was written.")
    for outcome in outcomes:
        style = _STYLES[outcome.status]
        console.print(f"  [{style}]{outcome.status.value:>10}[/]  {outcome.path}")
        if diffs and outcome.status in (Status.UPDATE, Status.OVERWRITE, Status.DELETE):
            console.print(_diff(outcome), markup=False, highlight=False)


def _diff(outcome: Outcome) -> str:
    def lines(data: bytes | None) -> list[str]:
        return data.decode("utf-8", "replace").splitlines(keepends=True) if data else []

    name = str(outcome.path)
    text = difflib.unified_diff(
        lines(outcome.before), lines(outcome.after), f"a/{name}", f"b/{name}"
    )
    return "".join(text).rstrip("\n")


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
