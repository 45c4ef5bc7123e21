"""The fastforge command line: a table of contents of the commands."""

from __future__ import annotations

from typing import Annotated

import typer

from fastforge import __version__
from fastforge.cli import _typer_tweaks, add, new, remove, rename, set_option, update
from fastforge.cli.list import list_project

_typer_tweaks.apply()

app = typer.Typer(
    name="fastforge",
    help="Generate FastAPI projects, then grow them with generators.",
    no_args_is_help=True,
    rich_markup_mode="rich",
    context_settings={"help_option_names": ["-h", "--help"]},
)
app.command("new", no_args_is_help=False)(new.command)
app.add_typer(add.app, name="add")
app.add_typer(remove.app, name="remove")
app.add_typer(rename.app, name="rename")
app.command("list")(list_project)
app.command("set")(set_option.command)
app.command("update", no_args_is_help=False)(update.command)


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"fastforge {__version__}")
        raise typer.Exit


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            "-V",
            callback=_show_version,
            is_eager=True,
            help="Show the version and exit.",
        ),
    ] = False,
) -> None:
    """Generate FastAPI projects, then grow them with generators."""
