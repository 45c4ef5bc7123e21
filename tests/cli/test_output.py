"""Output a script can use: dry-run diffs that `git apply` takes, `list` whole or as JSON."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from fastforge.steps import uv_env
from tests.helpers import generate, snapshot

FASTFORGE = str(Path(sys.executable).parent / "fastforge")


def run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    """fastforge with stdout piped, as a script or `| git apply` sees it."""
    env = {k: v for k, v in os.environ.items() if k != "COLUMNS"}
    return subprocess.run(
        [FASTFORGE, *args], cwd=cwd, capture_output=True, text=True, check=False, env=env
    )


def git(cwd: Path, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["git", *args], cwd=cwd, input=stdin, capture_output=True, text=True, check=False
    )


def test_new_dry_run_show_is_a_patch_git_applies_in_an_empty_repository(tmp_path: Path) -> None:
    done = run(["new", "demo", "--defaults", "--dry-run", "--show"], tmp_path)
    assert done.returncode == 0, done.stderr
    assert not (tmp_path / "demo").exists()
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "--quiet")
    checked = git(repo, "apply", "--check", "-", stdin=done.stdout)
    assert checked.returncode == 0, checked.stderr
    applied = git(repo, "apply", "-", stdin=done.stdout)
    assert applied.returncode == 0, applied.stderr
    assert (repo / "main.py").is_file()
    assert os.access(repo / "scripts/start.sh", os.X_OK)


def test_new_dry_run_without_show_lists_files_only(tmp_path: Path) -> None:
    done = run(["new", "demo", "--defaults", "--dry-run"], tmp_path)
    assert done.returncode == 0, done.stderr
    assert "create  main.py" in done.stdout
    assert "diff --git" not in done.stdout


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = generate(tmp_path / "shop", {"database": "sqlite"})
    git(root, "init", "--quiet")
    git(root, "add", "--all")
    git(root, "commit", "--quiet", "-m", "start")
    return root


def test_add_dry_run_lists_the_refresh_and_its_diff_applies(project: Path) -> None:
    before = snapshot(project)
    done = run(["add", "resource", "product", "title:str", "--dry-run", "--show"], project)
    assert done.returncode == 0, done.stderr
    assert snapshot(project) == before
    assert "refresh  docs/openapi.json" in done.stdout
    assert "diff --git a/app/routes/__init__.py b/app/routes/__init__.py" in done.stdout
    checked = git(project, "apply", "--check", "-", stdin=done.stdout)
    assert checked.returncode == 0, checked.stderr
    git(project, "apply", "-", stdin=done.stdout)
    assert (project / "app/models/product.py").is_file()


def test_list_in_a_pipe_cuts_nothing_and_has_json(project: Path) -> None:
    long_field = "a_rather_long_field_name_that_would_not_fit:str"
    added = run(["add", "resource", "product", long_field, "--no-refresh", "-q"], project)
    assert added.returncode == 0, added.stderr
    table = run(["list"], project)
    assert table.returncode == 0, table.stderr
    assert long_field in table.stdout
    assert "…" not in table.stdout
    listed = json.loads(run(["list", "--json"], project).stdout)
    product = next(row for row in listed if row["module"] == "products")
    assert product["kind"] == "resource"
    assert product["fields"] == [long_field]
    assert {"method": "GET", "path": "/api/v1/products"} in product["routes"]


def test_the_uv_fastforge_runs_never_sees_its_virtual_env(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("VIRTUAL_ENV", "/somewhere/else/.venv")
    assert "VIRTUAL_ENV" not in uv_env()
    assert uv_env()["PATH"] == os.environ["PATH"]
