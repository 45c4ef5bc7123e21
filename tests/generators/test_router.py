"""`add router` / `remove router` through the CLI, on a freshly generated project."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from fastforge.cli import app
from tests.helpers import generate, snapshot

runner = CliRunner()


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = generate(tmp_path / "shop")
    monkeypatch.chdir(root / "app")  # commands walk up to the project root
    return root


def test_add_router_creates_module_and_test_and_registers_it(project: Path) -> None:
    result = runner.invoke(app, ["add", "router", "webhooks", "--no-refresh"])
    assert result.exit_code == 0, result.output
    assert (project / "app/routes/webhooks.py").is_file()
    assert (project / "app/tests/routes/test_webhooks.py").is_file()
    registry = (project / "app/routes/__init__.py").read_text()
    assert "from app.routes.webhooks import router as webhooks_router" in registry
    assert "api_router.include_router(webhooks_router)" in registry
    assert "webhooks" in json.loads((project / ".fastforge.json").read_text())["routers"]


def test_add_router_twice_changes_nothing_and_says_so(project: Path) -> None:
    runner.invoke(app, ["add", "router", "webhooks", "--no-refresh"])
    before = snapshot(project)
    result = runner.invoke(app, ["add", "router", "webhooks", "--no-refresh"])
    assert result.exit_code == 0, result.output
    assert "Nothing to do" in result.output
    assert snapshot(project) == before


def test_dry_run_shows_a_diff_and_writes_nothing(project: Path) -> None:
    before = snapshot(project)
    result = runner.invoke(app, ["add", "router", "webhooks", "--dry-run"])
    assert result.exit_code == 0, result.output
    assert "+api_router.include_router(webhooks_router)" in result.output
    assert snapshot(project) == before


def test_remove_after_add_gives_back_the_same_tree(project: Path) -> None:
    before = snapshot(project)
    assert runner.invoke(app, ["add", "router", "webhooks", "--no-refresh"]).exit_code == 0
    result = runner.invoke(app, ["remove", "router", "webhooks", "--no-refresh"])
    assert result.exit_code == 0, result.output
    assert snapshot(project) == before


def test_remove_keeps_changed_files_unless_forced(project: Path) -> None:
    runner.invoke(app, ["add", "router", "webhooks", "--no-refresh"])
    route = project / "app/routes/webhooks.py"
    route.write_text(route.read_text() + "# my change\n")
    before = snapshot(project)
    result = runner.invoke(app, ["remove", "router", "webhooks", "--no-refresh"])
    assert result.exit_code == 1
    assert "app/routes/webhooks.py" in result.output
    assert "--force" in result.output
    assert snapshot(project) == before
    forced = runner.invoke(app, ["remove", "router", "webhooks", "--force", "--no-refresh"])
    assert forced.exit_code == 0, forced.output
    assert not route.exists()


def test_existing_different_file_is_a_conflict_unless_forced(project: Path) -> None:
    before = snapshot(project)
    result = runner.invoke(app, ["add", "router", "info", "--no-refresh"])
    assert result.exit_code == 1
    assert "app/routes/info.py" in result.output
    assert snapshot(project) == before


def test_rewritten_registry_leaves_every_file_as_it_was(project: Path) -> None:
    registry = project / "app/routes/__init__.py"
    registry.write_text("from fastapi import APIRouter\n\napi_router = APIRouter()\n")
    before = snapshot(project)
    result = runner.invoke(app, ["add", "router", "webhooks", "--no-refresh"])
    assert result.exit_code == 1
    assert "api_router.include_router(webhooks_router)" in result.output
    assert snapshot(project) == before


def test_remove_unknown_router_names_the_known_ones(project: Path) -> None:
    runner.invoke(app, ["add", "router", "webhooks", "--no-refresh"])
    result = runner.invoke(app, ["remove", "router", "payments", "--no-refresh"])
    assert result.exit_code == 1
    assert "known routers: webhooks" in result.output


def test_bad_router_name_is_refused(project: Path) -> None:
    before = snapshot(project)
    result = runner.invoke(app, ["add", "router", "class", "--no-refresh"])
    assert result.exit_code == 1
    assert "Python keyword" in result.output
    assert snapshot(project) == before


def test_outside_a_project_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["add", "router", "webhooks"])
    assert result.exit_code == 1
    assert "not inside a fastforge project" in result.output


def test_list_shows_routers_with_their_full_paths(project: Path) -> None:
    runner.invoke(app, ["add", "router", "webhooks", "--no-refresh"])
    result = runner.invoke(app, ["list"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "GET    /api/v1/webhooks" in result.output
    assert "GET    /health" in result.output


def test_tests_call_the_app_through_the_projects_own_client(project: Path) -> None:
    assert runner.invoke(app, ["add", "router", "webhooks", "--no-refresh"]).exit_code == 0

    test = (project / "app/tests/routes/test_webhooks.py").read_text()
    assert "from app.tests.client import AppClient" in test
    assert "(client: AppClient)" in test


def test_a_project_made_before_app_client_gets_tests_on_test_client(project: Path) -> None:
    (project / "app/tests/client.py").unlink()

    assert runner.invoke(app, ["add", "router", "webhooks", "--no-refresh"]).exit_code == 0

    test = (project / "app/tests/routes/test_webhooks.py").read_text()
    assert "from fastapi.testclient import TestClient" in test
    assert "(client: TestClient)" in test
    assert "AppClient" not in test
