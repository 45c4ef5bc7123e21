"""`add field`, `remove field` and `rename field` through the CLI, without installing."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from fastforge.cli import app
from fastforge.manifest import load
from tests.helpers import generate, snapshot

runner = CliRunner()


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = generate(tmp_path / "shop", {"database": "sqlite", "auth": "none"})
    monkeypatch.chdir(root)
    result = runner.invoke(app, ["add", "resource", "product", "title:str", "--no-refresh"])
    assert result.exit_code == 0, result.output
    return root


def migrations(root: Path, kind: str) -> list[Path]:
    return sorted((root / "migrations/versions").glob(f"*_{kind}_*.py"))


def test_add_field_edits_every_layer_and_chains_a_migration(project: Path) -> None:
    result = runner.invoke(
        app, ["add", "field", "product", "sku:str?", "stock:int=5:index", "--no-refresh"]
    )
    assert result.exit_code == 0, result.output
    model = (project / "app/models/product.py").read_text()
    assert "sku: Mapped[str | None]" in model
    assert "stock: Mapped[int] = mapped_column(default=5, index=True)" in model
    schemas = (project / "app/schemas/product.py").read_text()
    assert '"stock", "created_at"' in schemas
    assert "stock: Int = 5" in schemas
    (migration,) = migrations(project, "add")
    text = migration.read_text()
    assert 'server_default="5"' in text
    (create,) = migrations(project, "create")
    assert f'down_revision: str | None = "{create.name.split("_")[0]}"' in text
    assert "uv run alembic upgrade head" in result.output
    assert load(project)["resources"]["products"].fields == (
        "title:str",
        "sku:str?",
        "stock:int=5:index",
    )


def test_not_null_without_default_is_refused_naming_the_fix(project: Path) -> None:
    before = snapshot(project)
    result = runner.invoke(
        app, ["add", "field", "product", "sku:str", "--no-refresh"], env={"COLUMNS": "300"}
    )
    assert result.exit_code == 1
    assert "(sku:str?)" in result.output
    assert "(sku:str=VALUE)" in result.output
    assert snapshot(project) == before


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["add", "field", "product", "title:str?"], "already has a field 'title'"),
        (["add", "field", "nothing", "x:str?"], "No resource 'nothing'"),
        (["remove", "field", "product", "nope"], "has no field 'nope' (its fields: title)"),
        (["remove", "field", "product", "title"], "would have no fields left"),
        (["rename", "field", "product", "title", "class"], "Python keyword"),
    ],
)
def test_bad_requests_are_one_line_and_write_nothing(
    project: Path, args: list[str], message: str
) -> None:
    before = snapshot(project)
    result = runner.invoke(app, [*args, "--no-refresh"], env={"COLUMNS": "300"})
    assert result.exit_code == 1
    assert message in " ".join(result.output.split())
    assert "Traceback" not in result.output
    assert snapshot(project) == before


def test_hand_edits_survive_add_rename_and_remove(project: Path) -> None:
    schemas = project / "app/schemas/product.py"
    schemas.write_text(
        schemas.read_text().replace(
            '    """Body of a create request."""\n',
            '    """Body of a create request."""\n\n'
            "    # Mine: titles are stored trimmed.\n"
            '    @field_validator("title")\n'
            "    @classmethod\n"
            "    def strip_title(cls, value: str) -> str:\n"
            '        """Trim the title."""\n'
            "        return value.strip()\n",
        )
    )
    service = project / "app/services/product.py"
    service.write_text(
        service.read_text()
        + '\n\nasync def my_report() -> str:\n    """Mine."""\n    return "ok"\n'
    )
    for args in (
        ["add", "field", "product", "color:str=red"],
        ["rename", "field", "product", "color", "colour"],
        ["remove", "field", "product", "colour"],
    ):
        result = runner.invoke(app, [*args, "--no-refresh"])
        assert result.exit_code == 0, result.output
        assert "# Mine: titles are stored trimmed." in schemas.read_text()
        assert "async def my_report()" in service.read_text()
    assert "colour" not in schemas.read_text()
    assert (
        len(migrations(project, "add"))
        == len(migrations(project, "rename"))
        == len(migrations(project, "remove"))
        == 1
    )


def test_an_edit_where_fastforge_must_change_refuses_with_the_place(project: Path) -> None:
    schemas = project / "app/schemas/product.py"
    schemas.write_text(
        schemas.read_text().replace('"title", "created_at"', '"title", "popularity", "created_at"')
    )
    before = snapshot(project)
    result = runner.invoke(
        app, ["add", "field", "product", "color:str?", "--no-refresh"], env={"COLUMNS": "300"}
    )
    assert result.exit_code == 1
    assert "Cannot update app/schemas/product.py at ProductSort" in " ".join(result.output.split())
    assert snapshot(project) == before


def test_remove_resource_after_field_commands_gives_back_the_tree(project: Path) -> None:
    runner.invoke(app, ["remove", "resource", "product", "--no-refresh", "--no-db-check"])
    before = snapshot(project)
    assert (
        runner.invoke(app, ["add", "resource", "product", "title:str", "--no-refresh"]).exit_code
        == 0
    )
    assert (
        runner.invoke(app, ["add", "field", "product", "sku:str?", "--no-refresh"]).exit_code == 0
    )
    result = runner.invoke(app, ["remove", "resource", "product", "--no-refresh", "--no-db-check"])
    assert result.exit_code == 0, result.output
    assert snapshot(project) == before
