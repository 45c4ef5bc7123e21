"""Options and output shared by `fastforge set` and `fastforge update`."""

from __future__ import annotations

import shlex
import sys
from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from fastforge.cli.common import MIGRATE

if TYPE_CHECKING:
    from fastforge.project.locate import ProjectContext
    from fastforge.update.engine import OptionChange

_MERGING = "Merging"


class Conflicts(str, Enum):
    """What to do where the user's edits overlap the template's change."""

    refuse = "refuse"
    markers = "markers"


AllowDirty = Annotated[
    bool,
    typer.Option(
        "--allow-dirty",
        help="Run even with uncommitted changes in the git tree.",
        rich_help_panel=_MERGING,
    ),
]
ConflictMode = Annotated[
    Conflicts,
    typer.Option(
        "--conflicts",
        help="refuse: write nothing when your edits overlap the template's change; markers: "
        "write both between conflict markers, to resolve and then run the command again.",
        rich_help_panel=_MERGING,
    ),
]
NoDbCheck = Annotated[
    bool,
    typer.Option(
        "--no-db-check",
        help="Delete a migration an option drops without asking the development database "
        "whether it applied it.",
        rich_help_panel=_MERGING,
    ),
]


def parse_answers(pairs: list[str]) -> dict[str, Any]:
    """KEY=VALUE pairs as checked answers; boolean questions take yes/no words, as flags do."""
    from fastforge.create import check_answers, parse_data
    from fastforge.errors import InvalidAnswerError
    from fastforge.questions import visible_questions

    kinds = {q.name: q.type for q in visible_questions()}
    answers: dict[str, Any] = {}
    for key, value in parse_data(pairs).items():
        if kinds.get(key) == "bool":
            word = value.strip().lower()
            if word not in _BOOLEANS:
                raise InvalidAnswerError(
                    question=key, value=value, reason="choose true or false (yes/no, 1/0)"
                )
            answers[key] = _BOOLEANS[word]
        else:
            answers[key] = value
    check_answers(answers)
    return answers


_BOOLEANS = {"true": True, "yes": True, "1": True, "false": False, "no": False, "0": False}


def run_option_change(
    answers_for: Callable[[ProjectContext], dict[str, Any]],
    *,
    reason: str,
    dry_run: bool,
    allow_dirty: bool,
    conflicts: Conflicts,
    no_db_check: bool,
    quiet: bool,
) -> None:
    """Lock the project, merge the template change in, report, then install and refresh."""
    from fastforge import report, session, writer
    from fastforge.cli.errors import reported_errors
    from fastforge.update.command import Flags, change_options, finish, prune_folders

    def notify(line: str) -> None:
        report.errors.print(line, soft_wrap=True)

    flags = Flags(
        dry_run=dry_run,
        allow_dirty=allow_dirty,
        markers=conflicts is Conflicts.markers,
        check_database=not no_db_check,
    )
    command = shlex.join(["fastforge", *sys.argv[1:]])
    with (
        reported_errors(),
        session.open_project(Path.cwd(), notify=notify) as ctx,
        writer.transaction(ctx.root, command=command) as transaction,
    ):
        result = change_options(ctx, transaction, answers_for, flags=flags, reason=reason)
        change = result.change
        if change is None:
            if not quiet:
                report.console.print("Nothing to do: the project already has these options.")
            return
        if not quiet:
            report.print_outcomes(result.outcomes, dry_run=dry_run, diffs=dry_run)
        if dry_run:
            return
        steps = finish(ctx.root, change, transaction)
        if not quiet:
            report.print_steps(steps)
    prune_folders(ctx.root, result.outcomes)
    if not quiet:
        _print_after(change)


def _print_after(change: OptionChange) -> None:
    from fastforge import report

    if change.conflicts:
        report.console.print(
            "\n[bold yellow]Conflicts[/] (both versions are in the file, between markers):"
        )
        for hunk in change.conflicts:
            report.console.print(f"  {hunk}", soft_wrap=True)
        report.print_next_steps(["# resolve the markers, then run the same command again"])
        return
    next_steps = [MIGRATE] if change.migrations.files else []
    next_steps.append("uv run pytest   # the project's tests, with the new options")
    report.print_next_steps(next_steps)
