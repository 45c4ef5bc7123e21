"""The fastforge command line. `main` starts it; `fastforge.cli.commands` lists the commands.

`fastforge --version` answers here, before typer and rich are loaded, a help page seen
before is replayed from the user's cache (`_help_cache`), and `app` is built on first
use, so importing this package costs nothing.
"""

from __future__ import annotations

import sys

TYPE_CHECKING = False  # typing itself costs a few ms here

if TYPE_CHECKING:
    import typer

    app: typer.Typer


def main() -> None:
    """Console-script entry point."""
    if sys.argv[1:] in (["--version"], ["-V"]):
        from fastforge import __version__

        print(f"fastforge {__version__}")
        return
    from fastforge.cli._help_cache import run_with_cache

    run_with_cache(sys.argv[1:], _run_app)


def _run_app() -> None:
    from fastforge.cli.commands import app

    app()


def __getattr__(name: str) -> object:
    if name == "app":
        from fastforge.cli.commands import app

        return app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
