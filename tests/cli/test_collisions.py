"""A name that is taken is refused as what takes it, in one line, with nothing written."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from fastforge.cli import app
from tests.helpers import generate, snapshot

runner = CliRunner()


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One jwt project with a resource `products`, copied for each test."""
    root = generate(tmp_path_factory.mktemp("made") / "shop", {"database": "sqlite"})
    import os

    here = Path.cwd()
    os.chdir(root)
    try:
        added = runner.invoke(app, ["add", "resource", "product", "title:str", "--no-refresh"])
        assert added.exit_code == 0, added.output
    finally:
        os.chdir(here)
    return root


@pytest.fixture
def project(made: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    import shutil

    root = tmp_path / "shop"
    shutil.copytree(made, root, symlinks=True)
    monkeypatch.chdir(root)
    return root


def refused(project: Path, args: list[str]) -> str:
    before = snapshot(project)
    result = runner.invoke(app, [*args, "--no-refresh"])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1, result.output
    assert snapshot(project) == before
    assert "--force" not in lines[0]
    assert "differ" not in lines[0]
    return lines[0]


@pytest.mark.parametrize("name", ["health", "users", "info"])
def test_a_router_named_like_a_project_module_is_refused_as_such(project: Path, name: str) -> None:
    line = refused(project, ["add", "router", name])
    assert f"app/routes/{name}.py" in line
    assert "part of the project" in line


def test_a_router_named_like_a_resource_names_the_resource(project: Path) -> None:
    assert "resource products" in refused(project, ["add", "router", "products"])


@pytest.mark.parametrize("name", ["users", "user", "User"])
def test_a_users_resource_with_auth_says_auth_owns_the_table(project: Path, name: str) -> None:
    assert "auth owns the users table" in refused(project, ["add", "resource", name, "x:str"])


@pytest.mark.parametrize("name", ["Product", "products", "product"])
def test_an_existing_resource_without_fields_says_it_exists(project: Path, name: str) -> None:
    line = refused(project, ["add", "resource", name])
    assert "Resource products already exists (fields: title:str)" in line


def test_an_existing_resource_with_other_options_says_it_exists(project: Path) -> None:
    line = refused(project, ["add", "resource", "Product", "title:str", "--public"])
    assert "Resource products already exists" in line
    assert "--public" in line


def test_an_existing_resource_with_other_fields_says_it_exists(project: Path) -> None:
    assert "Resource products exists" in refused(
        project, ["add", "resource", "products", "price:int"]
    )


def test_a_resource_named_like_project_modules_is_refused_as_such(project: Path) -> None:
    line = refused(project, ["add", "resource", "health", "x:int"])
    assert "app/schemas/health.py" in line
    assert "part of the project" in line


def test_adding_the_same_resource_again_changes_nothing(project: Path) -> None:
    before = snapshot(project)
    result = runner.invoke(app, ["add", "resource", "Product", "title:str", "--no-refresh"])
    assert result.exit_code == 0, result.output
    assert "Nothing to do" in result.output
    assert snapshot(project) == before
