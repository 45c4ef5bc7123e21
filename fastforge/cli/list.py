"""`fastforge list`: the project's routers and resources, their fields and routes."""

from __future__ import annotations

from pathlib import Path

import typer

from fastforge.errors import FastforgeError


def list_project() -> None:
    """List the routers and resources in this project, with their fields and routes."""
    from rich.table import Table

    from fastforge import report
    from fastforge.inventory import list_routers
    from fastforge.locate import find_project

    try:
        ctx = find_project(Path.cwd())
        routers = list_routers(ctx)
    except FastforgeError as error:
        report.print_error(str(error))
        raise typer.Exit(code=1) from None
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
    report.console.print(table)
