"""`fastforge remove router|resource`: undo exactly what `add` did."""

from __future__ import annotations

from typing import Annotated

import typer

from fastforge.cli.common import DryRun, NoRefresh, Quiet, change_project

ForceRemove = Annotated[
    bool,
    typer.Option(
        "--force", "-f", help="Remove files even if you changed them.", rich_help_panel="Writing"
    ),
]

app = typer.Typer(
    help="Remove a router or resource that `fastforge add` created.", no_args_is_help=True
)


@app.command("router")
def remove_router(
    name: Annotated[str, typer.Argument(help="The router's name, as given to `add router`.")],
    *,
    dry_run: DryRun = False,
    force: ForceRemove = False,
    no_refresh: NoRefresh = False,
    quiet: Quiet = False,
) -> None:
    """Delete the router's files and its registration. Changed files need --force."""
    from fastforge.generators.router import plan_router_removal

    change_project(
        lambda ctx: plan_router_removal(ctx, name, force=force),
        dry_run=dry_run,
        force=False,
        skip=False,
        refresh=not no_refresh,
        quiet=quiet,
    )


@app.command("resource")
def remove_resource(
    name: Annotated[str, typer.Argument(help="The resource's name, as given to `add resource`.")],
    *,
    dry_run: DryRun = False,
    force: ForceRemove = False,
    no_refresh: NoRefresh = False,
    quiet: Quiet = False,
) -> None:
    """Delete the resource's files, migration and registrations. Changed files need --force."""
    from fastforge.generators.resource import plan_resource_removal

    change_project(
        lambda ctx: plan_resource_removal(ctx, name, force=force),
        dry_run=dry_run,
        force=False,
        skip=False,
        refresh=not no_refresh,
        quiet=quiet,
    )
