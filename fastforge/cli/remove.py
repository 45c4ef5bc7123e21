"""`fastforge remove router|resource`: undo exactly what `add` did."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from fastforge.cli.common import DryRun, NoRefresh, Quiet, change_fields, change_project
from fastforge.cli.completion import complete_resource, complete_router

ForceRemove = Annotated[
    bool,
    typer.Option(
        "--force", "-f", help="Remove files even if you changed them.", rich_help_panel="Writing"
    ),
]

if TYPE_CHECKING:
    from fastforge.project.locate import ProjectContext
    from fastforge.writer import Plan

app = typer.Typer(
    help="Remove a router or resource that `fastforge add` created.", no_args_is_help=True
)


@app.command("router")
def remove_router(
    name: Annotated[
        str,
        typer.Argument(
            help="The router's name, as given to `add router`.", autocompletion=complete_router
        ),
    ],
    *,
    dry_run: DryRun = False,
    force: ForceRemove = False,
    no_refresh: NoRefresh = False,
    quiet: Quiet = False,
) -> None:
    """Delete the router's files and its registration. Changed files need --force."""

    def plan(ctx: ProjectContext) -> Plan:
        from fastforge.generators.router import plan_router_removal

        return plan_router_removal(ctx, name)

    change_project(
        plan,
        dry_run=dry_run,
        force=force,
        skip=False,
        refresh=not no_refresh,
        quiet=quiet,
    )


@app.command("resource")
def remove_resource(
    name: Annotated[
        str,
        typer.Argument(
            help="The resource's name, as given to `add resource`.",
            autocompletion=complete_resource,
        ),
    ],
    *,
    drop_table: Annotated[
        bool,
        typer.Option(
            "--drop-table",
            help="Keep the resource's migration and add one that drops its table, for a "
            "migration that was applied or that others build on.",
        ),
    ] = False,
    no_db_check: Annotated[
        bool,
        typer.Option(
            "--no-db-check",
            help="Delete the migration without asking the development database whether it "
            "applied it (when it is unreachable and never did).",
        ),
    ] = False,
    dry_run: DryRun = False,
    force: ForceRemove = False,
    no_refresh: NoRefresh = False,
    quiet: Quiet = False,
) -> None:
    """Delete the resource's files, migration and registrations. Changed files need --force.

    The migration is deleted only while nothing needs it: no later migration builds on it,
    and the development database (DATABASE_URL in .env) has not applied it. Otherwise the
    command refuses and says what to run, or --drop-table adds a migration that drops the
    table and keeps the history.
    """

    def plan(ctx: ProjectContext) -> Plan:
        from fastforge.generators.resource import plan_resource_removal

        return plan_resource_removal(
            ctx, name, drop_table=drop_table, check_database=not no_db_check
        )

    change_project(
        plan,
        dry_run=dry_run,
        force=force,
        skip=False,
        refresh=not no_refresh,
        quiet=quiet,
    )


@app.command("field")
def remove_field(
    resource: Annotated[str, typer.Argument(help="The resource, e.g. products.")],
    fields: Annotated[list[str], typer.Argument(help="The fields to drop, by name.")],
    *,
    dry_run: DryRun = False,
    no_refresh: NoRefresh = False,
    quiet: Quiet = False,
) -> None:
    """Drop columns from a resource everywhere they were generated, with a migration.

    The migration's downgrade brings each column back, empty or with its default.
    Example: fastforge remove field product sku
    """

    def plan(ctx: ProjectContext) -> Plan:
        from fastforge.generators.field import plan_remove_fields

        return plan_remove_fields(ctx, resource, fields)

    change_fields(
        plan,
        dry_run=dry_run,
        no_refresh=no_refresh,
        quiet=quiet,
    )
