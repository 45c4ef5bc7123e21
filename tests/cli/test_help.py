"""Help that matches the command: flags without a value, and what `add` creates."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from fastforge.cli import app

runner = CliRunner()
FASTFORGE = str(Path(sys.executable).parent / "fastforge")
COMMANDS = [
    [],
    ["new"],
    ["add"],
    ["add", "router"],
    ["add", "resource"],
    ["remove"],
    ["remove", "router"],
    ["remove", "resource"],
    ["list"],
]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "fastforge")
def test_flags_show_no_value_in_help(command: list[str]) -> None:
    result = runner.invoke(app, [*command, "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "<bool>" not in result.output
    assert "--help" in result.output


def test_choices_are_shown_as_the_option_value() -> None:
    result = runner.invoke(app, ["new", "--help"], env={"COLUMNS": "200"})
    assert "none|sqlite|postgres|mysql" in result.output
    assert "KEY=VALUE" in result.output


def test_a_flag_given_a_value_plans_no_project_named_after_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["new", "--dry-run", "true"])
    assert result.exit_code == 1
    assert result.output.strip().count("\n") == 0, result.output
    assert "flags take none" in result.output
    assert "./true" in result.output
    assert list(tmp_path.iterdir()) == []


def test_add_resource_help_lists_files_routes_and_the_ref_rule() -> None:
    result = runner.invoke(app, ["add", "resource", "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    for path in (
        "app/models/product.py",
        "app/schemas/product.py",
        "app/services/product.py",
        "app/controllers/product.py",
        "app/routes/products.py",
        "app/tests/routes/test_products.py",
        "migrations/versions/",
    ):
        assert path in result.output
    assert "/api/v1/products" in result.output
    assert "GET /{product_id}" in result.output
    assert "author_id" in result.output


def test_piped_output_keeps_long_lines_whole(tmp_path: Path) -> None:
    target = tmp_path / ("a-rather-long-project-folder-name-" * 3).rstrip("-")
    done = subprocess.run(
        [FASTFORGE, "new", str(target), "--defaults", "--dry-run"],
        capture_output=True,
        text=True,
        check=False,
        env={k: v for k, v in os.environ.items() if k != "COLUMNS"},
    )
    assert done.returncode == 0, done.stderr
    would_run = [line for line in done.stdout.splitlines() if line.startswith("Would run:")]
    assert len(would_run) == 1
    assert len(would_run[0]) > 120
    assert would_run[0].endswith("--ci github --no-observability")


def test_version_answers_without_loading_typer() -> None:
    code = (
        "import sys; sys.argv = ['fastforge', '--version']\n"
        "from fastforge.cli import main; main()\n"
        "assert 'typer' not in sys.modules and 'rich' not in sys.modules"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("fastforge ")


def test_help_loads_neither_markdown_nor_pydantic_nor_yaml() -> None:
    code = (
        "import sys; sys.argv = ['fastforge', 'add', '--help']\n"
        "from fastforge.cli import main\n"
        "try: main()\n"
        "except SystemExit: pass\n"
        "loaded = {'rich.markdown', 'pydantic', 'yaml', 'copier', 'libcst', 'jinja2'}\n"
        "loaded &= set(sys.modules)\n"
        "assert not loaded, loaded"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
