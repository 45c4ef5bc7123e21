"""Field commands on a resource that holds rows, against the real servers: the data stays."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest

from tests.databases import sql
from tests.generated import check_project, free_port, request_json
from tests.helpers import assert_ok, generate, uv
from tests.services import MARIADB, POSTGRES, require
from tests.test_first_run import drop_dev_database, fastforge, running

pytestmark = pytest.mark.slow


def migrate(project: Path, *steps: str) -> None:
    assert_ok(uv(project, "run", "alembic", *steps))


def rows(project: Path) -> list[dict[str, object]]:
    port = free_port()
    with running(project, f"uv run fastapi run --port {port}", port) as base:
        status, page = request_json("GET", base + "/api/v1/products?sort=id")
        assert status == 200, page
        return page["items"]  # type: ignore[index,no-any-return]


@pytest.mark.parametrize("database", ["sqlite", "postgres", "mysql"])
def test_field_commands_keep_the_rows(tmp_path: Path, database: str) -> None:
    if database != "sqlite":
        require(POSTGRES if database == "postgres" else MARIADB)
    name = f"fields_{database}_{uuid.uuid4().hex[:6]}"
    project = generate(tmp_path / name, {"database": database, "auth": "none"})
    assert_ok(uv(project, "sync", "--quiet"))
    drop_dev_database(project, database, name)
    assert (
        fastforge(project, "add", "resource", "product", "title:str", "price:decimal=0").returncode
        == 0
    )
    migrate(project, "upgrade", "head")
    port = free_port()
    with running(project, f"uv run fastapi run --port {port}", port) as base:
        for title in ("Mug", "Lamp"):
            status, _ = request_json(
                "POST", base + "/api/v1/products", body={"title": title, "price": "3.50"}
            )
            assert status == 201

    for command in (
        ("add", "field", "product", "sku:str?", "color:str=red"),
        ("rename", "field", "product", "title", "name"),
        ("remove", "field", "product", "sku"),
    ):
        done = fastforge(project, *command)
        assert done.returncode == 0, done.stderr
        assert "uv run alembic upgrade head" in done.stdout
        migrate(project, "upgrade", "head")

    assert [(r["name"], r["color"], r["price"]) for r in rows(project)] == [
        ("Mug", "red", "3.50"),
        ("Lamp", "red", "3.50"),
    ]
    assert "sku" not in rows(project)[0]
    migrate(project, "check")
    migrate(project, "downgrade", "-1")
    migrate(project, "upgrade", "head")
    assert [r["name"] for r in rows(project)] == ["Mug", "Lamp"]
    check_project(project)
    drop_dev_database(project, database, name)
    if database != "sqlite":
        assert sql(project, database, "SELECT 1") == "1"
