"""`fastforge list --repair` rebuilds .fastforge.json from the project's files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from fastforge.cli import app
from tests.helpers import generate

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


def test_repair_replays_relations_ownership_and_field_migrations(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = generate(tmp_path / "blog", {"database": "sqlite", "auth": "jwt"})
    monkeypatch.chdir(root)
    invoke("add", "resource", "tag", "name:str:unique", "--no-refresh")
    invoke(
        "add",
        "resource",
        "post",
        "title:str",
        "author:ref:users:cascade",
        "tags:many:tags",
        "--owned",
        "--no-refresh",
    )
    invoke("add", "field", "post", "labels:many:tags", "summary:text?", "--no-refresh")
    invoke("rename", "field", "post", "title", "headline", "--no-refresh")
    invoke("remove", "field", "post", "summary", "--no-refresh")
    manifest = root / ".fastforge.json"
    original = json.loads(manifest.read_text())
    posts = original["resources"]["posts"]
    assert posts["fields"] == [
        "headline:str",
        "author:ref:users:cascade",
        "tags:many:tags",
        "labels:many:tags",
    ]
    assert posts["options"] == {"module": "posts", "public": False, "owned": True}
    assert len([f for f in posts["files"] if f.startswith("migrations/")]) == 4
    manifest.unlink()
    output = " ".join(invoke("list", "--repair").split())
    assert "Rebuilt .fastforge.json: routers none; resources posts, tags." in output
    assert "read from the migration" not in output
    assert json.loads(manifest.read_text()) == original
    # Removal takes every migration the repaired entry records.
    invoke("remove", "resource", "post", "--no-refresh", "--no-db-check")
    assert not list((root / "migrations/versions").glob("*_posts.py"))
    assert list(json.loads(manifest.read_text())["resources"]) == ["tags"]


def test_repair_says_when_a_field_migration_was_edited(project: Path) -> None:
    invoke("add", "field", "book", "blurb:text?", "--no-refresh")
    (migration,) = (project / "migrations/versions").glob("*_add_blurb_books.py")
    migration.write_text(migration.read_text().replace("sa.Text()", "sa.String(length=255)"))
    (project / ".fastforge.json").write_text("{")
    output = " ".join(invoke("list", "--repair").split())
    assert "The fields of books are read from the migration" in output
    entry = json.loads((project / ".fastforge.json").read_text())["resources"]["books"]
    assert entry["fields"] == ["title:str:unique", "pages:int?", "writer:ref:authors", "blurb:str?"]
    assert f"migrations/versions/{migration.name}" in entry["files"]
