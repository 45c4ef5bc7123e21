"""A description with quotes and backslashes lands escaped in every file that holds it."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from fastforge.cli import app

tomllib = pytest.importorskip("tomllib")
runner = CliRunner()
RUFF = shutil.which("ruff") or str(Path(sys.executable).parent / "ruff")
DESCRIPTIONS = [
    'Say "hi" to the shop',
    "It's the shop's API",
    'Both: it\'s "quoted"',
    r"Paths like C:\new\table and a trailing \\",
    "Markdown *stays*, `code` too & <tags>",
]


@pytest.mark.parametrize("description", DESCRIPTIONS)
def test_the_description_is_escaped_for_toml_python_and_markdown(
    tmp_path: Path, description: str
) -> None:
    target = tmp_path / "demo"
    result = runner.invoke(
        app,
        ["new", str(target), "-y", "--no-git", "--no-install", "-q", "--description", description],
    )
    assert result.exit_code == 0, result.output
    pyproject = tomllib.loads((target / "pyproject.toml").read_text())
    assert pyproject["project"]["description"] == description
    tree = ast.parse((target / "main.py").read_text())
    assigned = {
        node.targets[0].id: ast.literal_eval(node.value)
        for node in tree.body
        if isinstance(node, ast.Assign)
        and isinstance(node.targets[0], ast.Name)
        and node.targets[0].id == "DESCRIPTION"
    }
    assert assigned == {"DESCRIPTION": description}
    formatted = subprocess.run(
        [RUFF, "format", "--check", "--diff", "main.py"],
        cwd=target,
        capture_output=True,
        text=True,
        check=False,
    )
    assert formatted.returncode == 0, formatted.stdout + formatted.stderr
    readme = (target / "README.md").read_text().splitlines()
    assert readme[2] == description.replace("\\", "\\\\")


@pytest.mark.parametrize("description", ["two\nlines", "tab\there"])
def test_a_description_with_control_characters_is_refused(tmp_path: Path, description: str) -> None:
    result = runner.invoke(
        app,
        [
            "new",
            str(tmp_path / "d"),
            "-y",
            "--no-git",
            "--no-install",
            "--description",
            description,
        ],
    )
    assert result.exit_code == 1
    assert "without control characters" in result.output
    assert list(tmp_path.iterdir()) == []
