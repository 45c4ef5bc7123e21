"""Steps after rendering: git and uv, and how they fail."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from fastforge import steps
from tests.helpers import build_file_tree


def test_git_init_commits_every_file(tmp_path: Path) -> None:
    build_file_tree(tmp_path, {"main.py": "x = 1\n", "app/__init__.py": ""})
    result = steps.git_init(tmp_path)
    assert result.ok, result.detail
    tracked = subprocess.run(
        ["git", "ls-files"], cwd=tmp_path, capture_output=True, text=True, check=True
    ).stdout.split()
    assert sorted(tracked) == ["app/__init__.py", "main.py"]


def test_git_missing_is_reported_with_the_commands_to_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(steps.shutil, "which", lambda _: None)
    result = steps.git_init(tmp_path)
    assert not result.ok
    assert "git init" in result.hint


def test_uv_sync_failure_keeps_the_project_and_says_how_to_finish(tmp_path: Path) -> None:
    # A pyproject.toml uv cannot resolve: the step fails, and nothing is removed.
    build_file_tree(
        tmp_path,
        {
            "pyproject.toml": "[project]\nname = 'x'\nversion = '0'\ndependencies = ['no-such-package-fastforge-xyz==0']\n"
        },
    )
    result = steps.uv_sync(tmp_path)
    assert not result.ok
    assert result.hint == "uv sync"
    assert (tmp_path / "pyproject.toml").is_file()
