"""`fastforge list --repair` rebuilds .fastforge.json from the project's files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from fastforge.cli import app

runner = CliRunner()


def invoke(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture
def project(project: Path) -> Path:
    """The SQLite project with two resources, one referencing the other, and a router."""
    invoke("add", "resource", "author", "name:str", "--no-refresh")
    invoke(
        "add",
        "resource",
        "book",
        "title:str:unique",
        "pages:int?",
        "writer:ref:authors",
        "--no-refresh",
    )
    invoke("add", "router", "hooks", "--no-refresh")
    return project


@pytest.mark.parametrize("corrupt", ["{", "[]"])
def test_repair_rebuilds_entries_files_and_references(project: Path, corrupt: str) -> None:
    manifest = project / ".fastforge.json"
    original = json.loads(manifest.read_text())
    manifest.write_text(corrupt)
    output = invoke("list", "--repair")
    assert "Rebuilt .fastforge.json: routers hooks; resources authors, books." in output
    assert json.loads(manifest.read_text()) == original
    # The rebuilt references still guard removal order, and removal still works.
    refused = runner.invoke(app, ["remove", "resource", "authors", "--no-refresh", "--no-db-check"])
    assert refused.exit_code == 1
    assert "books" in refused.output
    invoke("remove", "resource", "books", "--no-refresh", "--no-db-check")


def test_repair_says_when_fields_are_only_read_back(project: Path) -> None:
    invoke("add", "resource", "coupon", "code:str", "percent:int=10", "--no-refresh")
    (project / ".fastforge.json").write_text("{")
    output = invoke("list", "--repair")
    assert "The fields of coupons are read from the migration" in " ".join(output.split())
    entry = json.loads((project / ".fastforge.json").read_text())["resources"]["coupons"]
    assert entry["fields"] == ["code:str", "percent:int"]
