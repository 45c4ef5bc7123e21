"""Options and output shared by the commands that change a project (`add`, `remove`)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from fastforge.errors import FastforgeError

if TYPE_CHECKING:
    from fastforge.locate import ProjectContext
    from fastforge.writer import Plan

_WRITING = "Writing"

DryRun = Annotated[
    bool,
    typer.Option(
        "--dry-run", help="Show the changes, with diffs; write nothing.", rich_help_panel=_WRITING
    ),
]
Force = Annotated[
    bool,
    typer.Option("--force", "-f", help="Overwrite files that differ.", rich_help_panel=_WRITING),
]
Skip = Annotated[
    bool, typer.Option("--skip", "-s", help="Keep files that differ.", rich_help_panel=_WRITING)
]
NoRefresh = Annotated[
    bool,
    typer.Option(
        "--no-refresh", help="Do not rewrite docs/openapi.json.", rich_help_panel=_WRITING
    ),
]
Quiet = Annotated[
    bool, typer.Option("--quiet", "-q", help="Print only errors.", rich_help_panel=_WRITING)
]


def change_project(
    planner: Callable[[ProjectContext], Plan],
    *,
    dry_run: bool,
    force: bool,
    skip: bool,
    refresh: bool,
    quiet: bool,
) -> None:
    """Locate the project, plan with `planner(ctx)`, apply all or nothing, report."""
    from fastforge import report, steps, writer
    from fastforge.locate import find_project
    from fastforge.writer import Status

    try:
        ctx = find_project(Path.cwd())
        plan = planner(ctx)
        outcomes = writer.apply(plan, force=force, skip=skip, dry_run=dry_run)
    except FastforgeError as error:
        report.print_error(str(error))
        raise typer.Exit(code=1) from None
    if not quiet:
        report.print_outcomes(outcomes, dry_run=dry_run, diffs=dry_run)
    changed = any(o.status is not Status.IDENTICAL for o in outcomes)
    if dry_run:
        return
    if not changed:
        if not quiet:
            report.console.print("Nothing to do: the project already has this.")
        return
    if refresh:
        with report.console.status("Refreshing docs/openapi.json...", spinner="dots"):
            result = steps.refresh_openapi(ctx.root)
        if not quiet or not result.ok:
            report.print_steps([result])
