"""Two commands at once in one project: the second waits, and nothing is lost."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from fastforge.errors import LockTimeoutError
from fastforge.generators.resource import plan_resource
from fastforge.lock import project_lock
from fastforge.migrations import current_head
from fastforge.project.locate import find_project
from tests import forked
from tests.helpers import generate

RUNS = 20


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project to copy per run; one add in a throwaway copy loads what the children need."""
    root = generate(tmp_path_factory.mktemp("lock") / "shop", {"database": "sqlite"})
    warm = root.parent / "warm"
    shutil.copytree(root, warm)
    code, output = forked.run(warm, ["list"], log=root.parent / "warm.log")
    assert code == 0, output
    plan_resource(find_project(warm), "warm", ["title:str"])
    return root


def start_add(project: Path, name: str) -> forked.Forked:
    args = ["add", "resource", name, "title:str", "--no-refresh", "--quiet"]
    return forked.start(project, args, log=project.parent / f"{project.name}-{name}.log")


def test_two_concurrent_adds_keep_one_head_and_both_resources(
    rendered: Path, tmp_path: Path
) -> None:
    for run in range(RUNS):
        project = tmp_path / f"run{run}"
        shutil.copytree(rendered, project)
        first, second = start_add(project, "alpha"), start_add(project, "beta")
        for process in (first, second):
            code, output = process.wait()
            assert code == 0, f"run {run}: {output}"
        current_head(project)  # raises when there are several heads
        routes = (project / "app/routes/__init__.py").read_text()
        models = (project / "app/models/__init__.py").read_text()
        entries = json.loads((project / ".fastforge.json").read_text())["resources"]
        for plural, model in (("alphas", "Alpha"), ("betas", "Beta")):
            assert f"api_router.include_router({plural}_router)" in routes, f"run {run}"
            assert f"import {model}" in models, f"run {run}"
            assert plural in entries, f"run {run}"
        shutil.rmtree(project)


def test_a_held_lock_makes_the_next_command_give_up_in_one_line(
    rendered: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    env = {**os.environ, "FASTFORGE_LOCK_TIMEOUT": "0.3"}
    with project_lock(rendered):
        done = subprocess.run(
            [sys.executable, "-m", "fastforge", "list"],
            cwd=rendered,
            capture_output=True,
            text=True,
            env=env,
            timeout=60,
            check=False,
        )
    assert done.returncode == 1
    assert "Waiting for another fastforge command" in done.stderr
    assert "did not finish within 0.3s" in done.stderr
    assert "Traceback" not in done.stderr
    monkeypatch.setenv("FASTFORGE_LOCK_TIMEOUT", "0")
    with project_lock(rendered), pytest.raises(LockTimeoutError), project_lock(rendered):
        pass
