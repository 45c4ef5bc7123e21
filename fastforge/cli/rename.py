"""`fastforge rename field`: rename what `add resource` or `add field` generated."""

from __future__ import annotations

from typing import Annotated

import typer

from fastforge.cli.common import DryRun, NoRefresh, Quiet, change_fields

app = typer.Typer(help="Rename a field of a resource, keeping its data.", no_args_is_help=True)


@app.command("field")
def rename_field(
    resource: Annotated[str, typer.Argument(help="The resource, e.g. products.")],
    old: Annotated[str, typer.Argument(help="The field's current name.")],
    new: Annotated[str, typer.Argument(help="Its new name, in snake_case.")],
    *,
    dry_run: DryRun = False,
    no_refresh: NoRefresh = False,
    quiet: Quiet = False,
) -> None:
    """Rename a column and every generated reference to it; the migration keeps its data.

    Example: fastforge rename field product title name
    """
    from fastforge.generators.field import plan_rename_field

    change_fields(
        lambda ctx: plan_rename_field(ctx, resource, old, new),
        dry_run=dry_run,
        no_refresh=no_refresh,
        quiet=quiet,
    )
