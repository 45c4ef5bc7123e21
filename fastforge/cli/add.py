"""`fastforge add router|resource`: generate code inside a project."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from fastforge.cli.common import (
    DryRun,
    Force,
    NoRefresh,
    Quiet,
    Show,
    Skip,
    change_fields,
    change_project,
)
from fastforge.cli.completion import complete_field

if TYPE_CHECKING:
    from fastforge.project.locate import ProjectContext
    from fastforge.writer import Plan

app = typer.Typer(help="Add a router or a CRUD resource to the project.", no_args_is_help=True)


@app.command("router")
def add_router(
    name: Annotated[str, typer.Argument(help="Router name in snake_case, e.g. webhooks.")],
    *,
    dry_run: DryRun = False,
    force: Force = False,
    skip: Skip = False,
    no_refresh: NoRefresh = False,
    quiet: Quiet = False,
    show: Show = False,
) -> None:
    """Add an APIRouter module with one endpoint and its test, registered under /api/v1.

    Creates app/routes/NAME.py and app/tests/routes/test_NAME.py, and registers the
    router in app/routes/__init__.py.
    """

    def plan(ctx: ProjectContext) -> Plan:
        from fastforge.generators.router import plan_router

        return plan_router(ctx, name)

    change_project(
        plan,
        dry_run=dry_run,
        force=force,
        skip=skip,
        refresh=not no_refresh,
        quiet=quiet,
        show=show,
    )


@app.command("resource")
def add_resource(
    name: Annotated[str, typer.Argument(help="Resource name, e.g. product or BlogPost.")],
    fields: Annotated[
        list[str] | None,
        typer.Argument(
            help="Fields as NAME:TYPE, e.g. title:str body:text? price:decimal=0 "
            "sku:str:unique author:ref:users tags:many:tags. Types: str text int float "
            "decimal bool date datetime uuid json ref:RESOURCE many:RESOURCE; '?' optional, "
            "'=VALUE' default, :unique, :index; on ref, :cascade or :set_null.",
            show_default=False,
            autocompletion=complete_field,
        ),
    ] = None,
    *,
    public: Annotated[
        bool, typer.Option("--public", help="Do not require a logged-in user (auth projects).")
    ] = False,
    owned: Annotated[
        bool,
        typer.Option(
            "--owned",
            help="Each row belongs to the user who created it; users reach only their own "
            "rows, admins every row (auth projects).",
        ),
    ] = False,
    dry_run: DryRun = False,
    force: Force = False,
    skip: Skip = False,
    no_refresh: NoRefresh = False,
    quiet: Quiet = False,
    show: Show = False,
) -> None:
    """Add a CRUD resource: model, schemas, service, controller, routes, migration and tests.

    For `product` (or Product, products) it creates app/models/product.py,
    app/schemas/product.py, app/services/product.py, app/controllers/product.py,
    app/routes/products.py, app/tests/routes/test_products.py and a migration in
    migrations/versions/, and registers the router and the model.

    Routes under /api/v1/products: GET "" (a page, with filters and sorting), POST "",
    GET /{product_id}, PATCH /{product_id}, DELETE /{product_id}.

    A reference `author:ref:users` becomes the foreign key column author_id to users.id
    (deleting a referenced user is refused with 409; add :cascade or :set_null to change
    that). A many field `tags:many:tags` links rows through a products_tags table and is
    sent and read as tag_ids.

    Example: fastforge add resource product title:str price:decimal published:bool=false
    """

    def plan(ctx: ProjectContext) -> Plan:
        from fastforge.generators.resource import plan_resource

        return plan_resource(ctx, name, fields or [], public=public, owned=owned)

    change_project(
        plan,
        dry_run=dry_run,
        force=force,
        skip=skip,
        refresh=not no_refresh,
        quiet=quiet,
        show=show,
        next_steps=lambda _ctx: _resource_next_steps(name),
    )


def _resource_next_steps(name: str) -> list[str]:
    from fastforge.generators.resource import resource_next_steps

    return resource_next_steps(name)


FieldSpecs = Annotated[
    list[str],
    typer.Argument(
        help="Fields as NAME:TYPE, as for `add resource`; each must be optional ('?') or "
        "have a default ('=VALUE'), since the table may already hold rows.",
        show_default=False,
    ),
]


@app.command("field")
def add_field(
    resource: Annotated[str, typer.Argument(help="The resource, e.g. products.")],
    fields: FieldSpecs,
    *,
    dry_run: DryRun = False,
    no_refresh: NoRefresh = False,
    quiet: Quiet = False,
) -> None:
    """Add columns to a resource: model, schemas, filters, sorts, tests and a migration.

    Your own edits to those files are kept. A default becomes the column's server default,
    so existing rows get it. Example: fastforge add field product sku:str? stock:int=0
    """

    def plan(ctx: ProjectContext) -> Plan:
        from fastforge.generators.field import plan_add_fields

        return plan_add_fields(ctx, resource, fields)

    change_fields(
        plan,
        dry_run=dry_run,
        no_refresh=no_refresh,
        quiet=quiet,
    )
