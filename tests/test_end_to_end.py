"""The slow path a user takes: `fastforge new`, then the project's own commands."""

from __future__ import annotations

import json
import subprocess
import sys
import venv
from pathlib import Path

import pytest
from typer.testing import CliRunner

from fastforge.cli import app
from tests.generated import free_port, get, serving
from tests.helpers import REPO, assert_ok, uv

pytestmark = pytest.mark.slow


def test_default_project_installs_passes_its_checks_and_serves(tmp_path: Path) -> None:
    project = tmp_path / "demo"
    result = CliRunner().invoke(app, ["new", str(project), "--defaults"])
    assert result.exit_code == 0, result.output
    assert "install: dependencies installed" in result.output
    assert "git: initial commit created" in result.output
    assert (project / "uv.lock").is_file()
    committed = subprocess.run(
        ["git", "ls-files"], cwd=project, capture_output=True, text=True, check=True
    ).stdout.split()
    assert "uv.lock" in committed, "the lock file belongs in the first commit"
    assert ".env" not in committed, ".env holds secrets and is git-ignored"

    for command in (
        ["run", "pytest", "-q"],
        ["run", "ruff", "check", "."],
        ["run", "ruff", "format", "--check", "."],
        ["run", "mypy", "."],
    ):
        assert_ok(uv(project, *command))

    # The README's run command, over real HTTP (test_first_run runs it verbatim).
    readme = (project / "README.md").read_text()
    assert "uv run alembic upgrade head && uv run fastapi dev" in readme
    assert_ok(uv(project, "run", "alembic", "upgrade", "head"))
    with serving(project, ["run", "fastapi", "dev"], free_port()) as base:
        status, body = get(base + "/health")
        assert status == 200
        assert json.loads(body)["status"] == "ok"
        status, body = get(base + "/docs")
        assert status == 200
        assert b"swagger-ui" in body.lower()


def test_wheel_ships_the_template_and_runs_outside_the_repo(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    build = subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(dist), str(REPO)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert build.returncode == 0, build.stderr
    wheel = next(dist.glob("fastforge-*.whl"))

    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    install = subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", str(wheel)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert install.returncode == 0, install.stderr

    work = tmp_path / "elsewhere"
    work.mkdir()
    run = subprocess.run(
        [
            str(env_dir / "bin" / "fastforge"),
            "new",
            "from-wheel",
            "--defaults",
            "--no-git",
            "--no-install",
        ],
        cwd=work,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert (work / "from-wheel" / "main.py").is_file()
    answers = (work / "from-wheel" / ".copier-answers.yml").read_text()
    assert str(REPO) not in answers, "the template must come from the installed wheel"
