"""`fastforge list`: the project's routers and resources, their fields and routes."""

from __future__ import annotations

from pathlib import Path


def list_project() -> None:
    """List the routers and resources in this project, with their fields and routes."""
    from rich.table import Table

    from fastforge import report, session
    from fastforge.cli.errors import reported_errors
    from fastforge.inventory import list_routers

    def notify(line: str) -> None:
        report.errors.print(line, soft_wrap=True)

    # Locked like a change: it may first have to undo an interrupted command.
    with reported_errors(), session.open_project(Path.cwd(), notify=notify) as ctx:
        routers = list_routers(ctx)
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
