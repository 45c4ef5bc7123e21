"""Option changes on projects that hold resources and hand edits, against the real servers.

Each chain starts from a committed project with a resource and four hand edits, runs its
`fastforge set` steps (each committed, as a user reviewing them would), checks after each
that the resource and the edits are still there, and ends with the project's own tests,
ruff, mypy and `alembic upgrade head` / `alembic check` on the database it ends on.
"""

from __future__ import annotations

import subprocess
import uuid
from pathlib import Path

import pytest

from tests.generated import check_project
from tests.helpers import assert_ok, generate, uv
from tests.services import MARIADB, POSTGRES, RABBITMQ, REDIS, Service, require
from tests.test_first_run import drop_dev_database, fastforge

pytestmark = pytest.mark.slow

CHAINS = {
    "sqlite": (
        {"database": "sqlite", "auth": "none"},
        ["auth=jwt", "celery=redis", "database=postgres"],
        (POSTGRES, REDIS),
    ),
    "postgres": (
        {"database": "postgres", "auth": "jwt"},
        ["database=mysql", "celery=rabbitmq", "docker=false", "docker=true", "ci=gitlab"],
        (MARIADB, RABBITMQ, REDIS),
    ),
}
EDITS = {
    "app/routes/__init__.py": "# Routers of the shop, kept in one place.\n",
    ".env": "SHOP_BANNER=hello\n",
}


def git(project: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.com", *args],
        cwd=project,
        check=True,
        capture_output=True,
    )


def hand_edit(project: Path) -> None:
    """A comment in a registry, a new setting, an extra dependency and an edited route."""
    for rel, line in EDITS.items():
        with (project / rel).open("a", encoding="utf-8") as handle:
            handle.write(line)
    pyproject = project / "pyproject.toml"
    text = pyproject.read_text(encoding="utf-8")
    pyproject.write_text(
        text.replace("dependencies = [\n", 'dependencies = [\n    "anyio>=4",\n', 1),
        encoding="utf-8",
    )
    route = project / "app/routes/products.py"
    text = route.read_text(encoding="utf-8")
    route.write_text(text.replace('"""', '"""Shop products. ', 1), encoding="utf-8")


def assert_kept(project: Path) -> None:
    for rel, line in EDITS.items():
        assert line in (project / rel).read_text(encoding="utf-8"), rel
    assert '"anyio>=4"' in (project / "pyproject.toml").read_text(encoding="utf-8")
    assert '"""Shop products. ' in (project / "app/routes/products.py").read_text(encoding="utf-8")
    routes = (project / "app/routes/__init__.py").read_text(encoding="utf-8")
    assert "api_router.include_router(products_router)" in routes
    models = (project / "app/models/__init__.py").read_text(encoding="utf-8")
    assert "from app.models.product import Product" in models
    assert list((project / "migrations/versions").glob("*_create_products.py"))


@pytest.mark.parametrize("start", sorted(CHAINS))
def test_option_changes_keep_resources_and_edits(tmp_path: Path, start: str) -> None:
    answers, changes, services = CHAINS[start]
    for service in (*services, POSTGRES if answers["database"] == "postgres" else None):
        if isinstance(service, Service):
            require(service)
    name = f"work_{start}_{uuid.uuid4().hex[:6]}"
    project = generate(tmp_path / name, answers)
    assert_ok(uv(project, "sync", "--quiet"))
    git(project, "init", "-q")
    done = fastforge(project, "add", "resource", "product", "title:str", "price:decimal=0")
    assert done.returncode == 0, done.stderr
    hand_edit(project)
    git(project, "add", "-A")
    git(project, "commit", "-qm", "shop")
    database = answers["database"]
    for change in changes:
        done = fastforge(project, "set", change)
        assert done.returncode == 0, f"set {change}:\n{done.stdout}\n{done.stderr}"
        assert_kept(project)
        key, _, value = change.partition("=")
        assert f"{key}: {value}" in (project / ".copier-answers.yml").read_text(encoding="utf-8")
        if key == "database":
            database = value
        git(project, "add", "-A")
        git(project, "commit", "-qm", change)
    drop_dev_database(project, database, name)
    for step in (("upgrade", "head"), ("check",)):
        assert_ok(uv(project, "run", "alembic", *step))
    check_project(project)
