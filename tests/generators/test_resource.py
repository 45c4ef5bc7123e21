"""`add resource` / `remove resource` through the CLI, without installing the project."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from fastforge.cli import app
from fastforge.generators.resource import plan_resource
from fastforge.project.locate import find_project
from fastforge.writer import Status, classify
from tests.helpers import generate, snapshot

runner = CliRunner()
RICH = [
    "title:str:unique",
    "body:text?",
    "price:decimal=9.99",
    "stock:int=0:index",
    "ratio:float",
    "published:bool=false",
    "released:date",
    "starts_at:datetime",
    "code:uuid",
    "meta:json",
]


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = generate(tmp_path / "shop", {"database": "sqlite"})
    monkeypatch.chdir(root)
    return root


def add(*args: str) -> object:
    return runner.invoke(app, ["add", "resource", *args, "--no-refresh"])


def test_add_resource_creates_every_layer_and_registers_it(project: Path) -> None:
    result = runner.invoke(app, ["add", "resource", "product", *RICH, "--no-refresh"])
    assert result.exit_code == 0, result.output
    for rel in (
        "app/models/product.py",
        "app/schemas/product.py",
        "app/services/product.py",
        "app/controllers/product.py",
        "app/routes/products.py",
        "app/tests/routes/test_products.py",
    ):
        assert (project / rel).is_file(), rel
    migrations = list((project / "migrations/versions").glob("*_create_products.py"))
    assert len(migrations) == 1
    assert (
        "from app.models.product import Product" in (project / "app/models/__init__.py").read_text()
    )
    assert (
        "api_router.include_router(products_router)"
        in (project / "app/routes/__init__.py").read_text()
    )
    entry = json.loads((project / ".fastforge.json").read_text())["resources"]["products"]
    assert entry["fields"] == RICH
    assert not (project / ".ruff_cache").exists(), "formatting must not leave caches behind"


def test_the_plan_holds_every_file_and_edit_in_memory(project: Path) -> None:
    before = snapshot(project)

    plan = plan_resource(find_project(project), "tag", ["name:str:unique"])

    statuses = {str(o.path): o.status for o in classify(plan)}
    created = sorted(rel for rel, status in statuses.items() if status is Status.CREATE)
    assert [rel for rel in created if not rel.startswith("migrations/")] == [
        ".fastforge.json",
        "app/controllers/tag.py",
        "app/models/tag.py",
        "app/routes/tags.py",
        "app/schemas/tag.py",
        "app/services/tag.py",
        "app/tests/factories/tag.py",
        "app/tests/routes/test_tags.py",
        "app/tests/services/test_tag.py",
    ]
    [migration] = [rel for rel in created if rel.startswith("migrations/")]
    assert migration.endswith("_create_tags.py")
    edited = {"app/models/__init__.py": Status.UPDATE, "app/routes/__init__.py": Status.UPDATE}
    assert {rel: s for rel, s in statuses.items() if s is not Status.CREATE} == edited
    assert snapshot(project) == before, "planning wrote to the project"


def test_second_migration_chains_to_the_first(project: Path) -> None:
    assert (
        runner.invoke(app, ["add", "resource", "author", "name:str", "--no-refresh"]).exit_code == 0
    )
    result = runner.invoke(app, ["add", "resource", "book", "author:ref:authors", "--no-refresh"])
    assert result.exit_code == 0, result.output
    versions = project / "migrations/versions"
    first = next(versions.glob("*_create_authors.py")).name.split("_")[0]
    second = next(versions.glob("*_create_books.py")).read_text()
    assert f'down_revision: str | None = "{first}"' in second
    assert '["authors.id"]' in second
    assert "fk_books_author_id_authors" in second


def test_add_resource_twice_changes_nothing(project: Path) -> None:
    runner.invoke(app, ["add", "resource", "product", *RICH, "--no-refresh"])
    before = snapshot(project)
    result = runner.invoke(app, ["add", "resource", "product", *RICH, "--no-refresh"])
    assert result.exit_code == 0, result.output
    assert "Nothing to do" in result.output
    assert snapshot(project) == before


def test_same_resource_with_other_fields_is_refused_even_forced(project: Path) -> None:
    runner.invoke(app, ["add", "resource", "product", "title:str", "--no-refresh"])
    before = snapshot(project)
    for extra in ([], ["--force"], ["--skip"]):
        result = runner.invoke(
            app,
            ["add", "resource", "product", "title:str", "price:decimal", "--no-refresh", *extra],
            env={"COLUMNS": "300"},
        )
        assert result.exit_code == 1
        message = " ".join(result.output.split())
        assert "exists with other fields (it would add price:decimal)" in message
        assert "alembic revision --autogenerate" in message
        assert "--force" not in message
        assert snapshot(project) == before


def test_same_resource_and_fields_again_keeps_its_migration_after_later_ones(
    project: Path,
) -> None:
    for spec in (["product", "title:str"], ["review", "stars:int", "product:ref:products"]):
        assert runner.invoke(app, ["add", "resource", *spec, "--no-refresh"]).exit_code == 0
    before = snapshot(project)
    result = runner.invoke(app, ["add", "resource", "product", "title:str", "--no-refresh"])
    assert result.exit_code == 0, result.output
    assert "Nothing to do" in result.output
    assert snapshot(project) == before


@pytest.mark.parametrize(
    ("specs", "message"),
    [
        (["title:string"], "unknown type 'string'; allowed types: str, text, int"),
        (["class:str"], "Python keyword"),
        (["order:int"], "reserved word in SQL"),
        (["a:str", "a:int"], "given twice"),
        (["owner:ref:owners"], "no resource 'owners' to reference"),
        (["n:int=abc"], "default 'abc' is not a valid int"),
        (["metadata:json"], "SQLAlchemy models use 'metadata' themselves"),
        (["registry:str"], "SQLAlchemy models use 'registry' themselves"),
        ([f"{'x' * 56}:str:index"], "'ix_products_" + "x" * 56 + "' would be 68 characters"),
        ([], "at least one field"),
    ],
)
def test_bad_specs_are_refused_with_nothing_written(
    project: Path, specs: list[str], message: str
) -> None:
    before = snapshot(project)
    result = runner.invoke(
        app, ["add", "resource", "product", *specs, "--no-refresh"], env={"COLUMNS": "300"}
    )
    assert result.exit_code != 0
    assert message in " ".join(result.output.split())
    assert snapshot(project) == before


def test_remove_after_add_gives_back_the_same_tree(project: Path) -> None:
    before = snapshot(project)
    assert (
        runner.invoke(app, ["add", "resource", "author", "name:str", "--no-refresh"]).exit_code == 0
    )
    assert (
        runner.invoke(
            app, ["add", "resource", "book", *RICH, "writer:ref:authors", "--no-refresh"]
        ).exit_code
        == 0
    )
    assert runner.invoke(app, ["add", "router", "webhooks", "--no-refresh"]).exit_code == 0
    refused = runner.invoke(app, ["remove", "resource", "authors", "--no-refresh"])
    assert refused.exit_code == 1
    assert "books reference it" in refused.output
    for args in (["router", "webhooks"], ["resource", "books"], ["resource", "authors"]):
        # Not installed, so the dev database cannot be asked; it never saw these migrations.
        unasked = ["--no-db-check"] if args[0] == "resource" else []
        result = runner.invoke(app, ["remove", *args, "--no-refresh", *unasked])
        assert result.exit_code == 0, result.output
    assert snapshot(project) == before


def test_dry_run_lists_files_and_diffs_and_writes_nothing(project: Path) -> None:
    before = snapshot(project)
    result = runner.invoke(app, ["add", "resource", "product", "title:str", "--dry-run"])
    assert result.exit_code == 0, result.output
    assert "create" in result.output
    assert "app/routes/products.py" in result.output
    assert "+from app.models.product import Product" in result.output
    assert snapshot(project) == before


def test_database_none_refuses_and_suggests_add_router(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = generate(tmp_path / "plain", {"database": "none"})
    monkeypatch.chdir(root)
    before = snapshot(root)
    result = runner.invoke(app, ["add", "resource", "product", "title:str"])
    assert result.exit_code == 1
    assert "database=none" in result.output
    assert "fastforge add router" in result.output
    assert snapshot(root) == before


def test_works_in_a_project_made_by_plain_copier(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from copier import run_copy

    from fastforge.questions import template_root

    root = tmp_path / "copied"
    run_copy(str(template_root()), root, defaults=True, quiet=True, data={"database": "sqlite"})
    monkeypatch.chdir(root / "app")
    result = runner.invoke(app, ["add", "resource", "note", "text:text", "--no-refresh"])
    assert result.exit_code == 0, result.output
    assert (root / "app/routes/notes.py").is_file()


def test_reference_to_users_is_allowed_with_auth(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = generate(tmp_path / "blog", {"database": "sqlite", "auth": "jwt"})
    monkeypatch.chdir(root)
    result = runner.invoke(
        app, ["add", "resource", "post", "title:str", "author:ref:users", "--no-refresh"]
    )
    assert result.exit_code == 0, result.output
    assert (
        '["users.id"]' in next((root / "migrations/versions").glob("*_create_posts.py")).read_text()
    )


def test_a_project_made_before_app_client_gets_tests_on_test_client(project: Path) -> None:
    (project / "app/tests/client.py").unlink()

    assert add("tag", "name:str").exit_code == 0
    assert add("book", "title:str", "tag:ref:tags", "tags:many:tags").exit_code == 0

    for path in ("app/tests/routes/test_books.py", "app/tests/factories/book.py"):
        text = (project / path).read_text()
        assert "from fastapi.testclient import TestClient" in text, path
        assert "client: TestClient" in text, path
        assert "AppClient" not in text, path
