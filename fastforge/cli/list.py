"""`fastforge list`: the project's routers and resources, their fields and routes."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from fastforge.project.locate import ProjectContext


def list_project(
    *,
    repair: Annotated[
        bool,
        typer.Option(
            "--repair",
            help="First rebuild .fastforge.json from the project's registries and files.",
        ),
    ] = False,
    as_json: Annotated[
        bool,
        typer.Option(
            "--json",
            help="Print JSON instead: a list of {module, kind, fields, routes: [{method, path}]}.",
        ),
    ] = False,
) -> None:
    """List the routers and resources in this project, with their fields and routes."""
    import json

    from rich.console import Console
    from rich.table import Table

    from fastforge import report, session
    from fastforge.cli.errors import reported_errors
    from fastforge.project.inventory import list_routers

    def notify(line: str) -> None:
        report.errors.print(line, soft_wrap=True)

    # Locked like a change: it may first have to undo an interrupted command.
    with reported_errors(), session.open_project(Path.cwd(), notify=notify) as ctx:
        if repair:
            notify(_repair(ctx))
        routers = list_routers(ctx)
    if as_json:
        rows = [
            {
                "module": info.module,
                "kind": info.generated or "project",
                "fields": list(info.fields),
                "routes": [_route(r) for r in info.routes],
            }
            for info in routers
        ]
        report.console.out(json.dumps(rows, indent=2), highlight=False)
        return
    table = Table(title=f"{ctx.root.name}: routers and resources")
    table.add_column("module")
    table.add_column("kind")
    table.add_column("fields")
    table.add_column("routes", no_wrap=True)
    for info in routers:
        table.add_row(
            info.module,
            info.generated or "project",
            "\n".join(info.fields) or "-",
            "\n".join(info.routes) or "-",
        )
    # In a pipe nothing is cut to fit: the table is as wide as its longest row.
    out = report.console if report.console.is_terminal else Console(width=10_000, highlight=False)
    out.print(table)


def _repair(ctx: ProjectContext) -> str:
    from fastforge import manifest, repair, writer

    rebuilt = repair.rebuild(ctx, shipped=repair.shipped_routes(ctx))
    plan = writer.Plan(ctx.root)
    plan.add(manifest.MANIFEST, rebuilt.content, edit=True)
    with writer.transaction(ctx.root, command="fastforge list --repair") as change:
        change.apply(plan)
    line = (
        f"Rebuilt {manifest.MANIFEST}: routers {', '.join(rebuilt.routers) or 'none'}; "
        f"resources {', '.join(rebuilt.resources) or 'none'}."
    )
    if rebuilt.inexact:
        line += (
            f" The fields of {', '.join(rebuilt.inexact)} are read from the migration and "
            "may miss defaults or indexes."
        )
    return line


def _route(line: str) -> dict[str, str]:
    method, _, path = line.partition(" ")
    return {"method": method, "path": path.strip()}
