"""`fastforge set KEY=VALUE...`: change a project's options after `new`."""

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
        list[str],
        typer.Argument(
            metavar="KEY=VALUE...",
            help="Options to change, e.g. celery=redis auth=jwt database=postgres docker=false.",
            show_default=False,
        ),
    ],
    *,
    dry_run: DryRun = False,
    allow_dirty: AllowDirty = False,
    conflicts: ConflictMode = Conflicts.refuse,
    no_db_check: NoDbCheck = False,
    quiet: Quiet = False,
) -> None:
    """Change options of this project: re-render the template and merge it in, 3 ways.

    Files you never touched are replaced; your edits, resources and secrets stay.

    Then uv.lock is locked, the dependencies installed and docs/openapi.json rebuilt.

    Example: fastforge set celery=redis
    """
    from fastforge.update.engine import public_answers

    def answers_for(ctx: ProjectContext) -> dict[str, Any]:
        return {**public_answers(ctx.answers), **parse_answers(pairs)}

    run_option_change(
        answers_for,
        reason=" ".join(pairs),
        dry_run=dry_run,
        allow_dirty=allow_dirty,
        conflicts=conflicts,
        no_db_check=no_db_check,
        quiet=quiet,
    )
