"""Options and output shared by the commands that change a project (`add`, `remove`)."""

from __future__ import annotations

import contextlib
import shlex
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from fastforge.project.locate import ProjectContext
    from fastforge.steps import OpenAPIPrinter
    from fastforge.writer import Outcome, Plan, Transaction

_WRITING = "Writing"
# Printed after a command that writes a migration.
MIGRATE = "uv run alembic upgrade head   # apply the new migration to the development database"

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
Show = Annotated[
    bool,
    typer.Option(
        "--show",
        help="With --dry-run, print created files too, as diffs that `git apply` takes.",
        rich_help_panel=_WRITING,
    ),
]


def change_project(
    planner: Callable[[ProjectContext], Plan],
    *,
    dry_run: bool,
    force: bool,
    skip: bool,
    refresh: bool,
    quiet: bool,
    show: bool = False,
    next_steps: Callable[[ProjectContext], list[str]] | None = None,
) -> None:
    """Lock the project, plan with `planner(ctx)`, apply all or nothing, report.

    After a change, `next_steps(ctx)` gives the commands the user runs next, printed as such.

    `planner` imports its generator itself: the project's interpreter (for the OpenAPI
    refresh) starts first, so its start-up overlaps those imports.

    The lock covers planning too: a plan reads the migration head and the registries,
    which a concurrent command must not change underneath it.
    """
    from fastforge import report, session, steps, writer
    from fastforge.cli.errors import reported_errors
    from fastforge.writer import Status

    def notify(line: str) -> None:
        report.errors.print(line, soft_wrap=True)

    command = shlex.join(["fastforge", *sys.argv[1:]])
    with (
        reported_errors(),
        session.open_project(Path.cwd(), notify=notify) as ctx,
        writer.transaction(ctx.root, command=command) as change,
        contextlib.closing(steps.OpenAPIPrinter(ctx.root)) as printer,
    ):
        if refresh and not dry_run:
            # Its interpreter starts now, so its imports overlap the planning and writing.
            printer.start()
        plan = planner(ctx)
        if dry_run:
            outcomes = writer.check(plan, force=force, skip=skip)
            if not quiet:
                _print_dry_run(outcomes, refresh=refresh, show=show)
            return
        outcomes = change.apply(plan, force=force, skip=skip)
        if not quiet:
            report.print_outcomes(outcomes, dry_run=False)
        changed = any(o.status is not Status.IDENTICAL for o in outcomes)
        if not changed:
            if not quiet:
                report.console.print("Nothing to do: the project already has this.")
            return
        if refresh:
            _refresh_openapi(ctx.root, change, printer=printer, quiet=quiet)
        if next_steps is not None and not quiet:
            report.print_next_steps(next_steps(ctx))


def _refresh_openapi(
    root: Path, change: Transaction, *, printer: OpenAPIPrinter, quiet: bool
) -> None:
    """Rewrite docs/openapi.json inside the change: a failed write undoes all of it."""
    from fastforge import report, steps

    with report.console.status("Refreshing docs/openapi.json...", spinner="dots"):
        result = steps.refresh_openapi(root, change, printer=printer)
    if not quiet or not result.ok:
        report.print_steps([result])


def _print_dry_run(outcomes: list[Outcome], *, refresh: bool, show: bool) -> None:
    """What a change would write, as git diffs, and the files it would then rebuild."""
    from fastforge import report, steps
    from fastforge.writer import Status

    report.print_outcomes(outcomes, dry_run=True, diffs=True, show=show)
    if refresh and any(o.status is not Status.IDENTICAL for o in outcomes):
        report.print_refresh([steps.OPENAPI])


def change_fields(
    planner: Callable[[ProjectContext], Plan], *, dry_run: bool, no_refresh: bool, quiet: bool
) -> None:
    """`change_project` for the field commands: they merge into files, so --force and --skip
    have nothing to decide, and each ends with a migration to apply."""
    change_project(
        planner,
        dry_run=dry_run,
        force=False,
        skip=False,
        refresh=not no_refresh,
        quiet=quiet,
        next_steps=lambda _ctx: [MIGRATE],
    )
