"""`fastforge update`: move a project to the template of the installed fastforge."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from fastforge.cli.common import DryRun, Quiet
from fastforge.cli.options import (
    AllowDirty,
    ConflictMode,
    Conflicts,
    NoDbCheck,
    parse_answers,
    run_option_change,
)

if TYPE_CHECKING:
    from fastforge.project.locate import ProjectContext


def command(
    pairs: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="[KEY=VALUE]...",
            help="Answers to questions the new template asks; others take their defaults.",
            show_default=False,
        ),
    ] = None,
    *,
    dry_run: DryRun = False,
    allow_dirty: AllowDirty = False,
    conflicts: ConflictMode = Conflicts.refuse,
    no_db_check: NoDbCheck = False,
    quiet: Quiet = False,
) -> None:
    """Bring this project to the template of the installed fastforge, keeping your edits.

    Old answers are kept; a new question takes its default, or a KEY=VALUE given here.

    Example: fastforge update kubernetes=false
    """
    from fastforge.questions import visible_questions
    from fastforge.update.engine import public_answers

    def answers_for(ctx: ProjectContext) -> dict[str, Any]:
        known = {q.name for q in visible_questions()}
        kept = {k: v for k, v in public_answers(ctx.answers).items() if k in known}
        return {**kept, **parse_answers(pairs or [])}

    run_option_change(
        answers_for,
        reason="fastforge update",
        dry_run=dry_run,
        allow_dirty=allow_dirty,
        conflicts=conflicts,
        no_db_check=no_db_check,
        quiet=quiet,
    )
