"""fastforge.cli._typer_tweaks: plain values reach commands unconverted, without pydantic."""

import subprocess
import sys
import textwrap
from typing import Annotated

import typer
from typer.testing import CliRunner

from fastforge.cli import _typer_tweaks

_typer_tweaks.apply()


def echo_app() -> typer.Typer:
    app = typer.Typer()

    @app.command()
    def echo(
        name: str,
        fields: Annotated[list[str], typer.Argument()],
        flag: bool = False,
    ) -> None:
        print(repr((name, fields, flag)))

    return app


def test_text_lists_of_text_and_flags_arrive_as_typer_gives_them() -> None:
    result = CliRunner().invoke(echo_app(), ["item", "title:str", "body:text?", "--flag"])

    assert result.exit_code == 0, result.output
    assert result.output.strip() == repr(("item", ["title:str", "body:text?"], True))


def test_a_command_of_plain_values_never_imports_pydantic() -> None:
    script = textwrap.dedent(
        """
        import sys
        import typer
        from fastforge.cli import _typer_tweaks
        _typer_tweaks.apply()
        app = typer.Typer()

        @app.command()
        def echo(name: str, fields: list[str], flag: bool = False) -> None:
            print(name, fields, flag, "pydantic" in sys.modules)

        app(["item", "a", "b"], standalone_mode=False)
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=60
    )

    assert done.stdout.strip() == "item ['a', 'b'] False False"
