"""Fixtures for every test: an isolated environment, a project to work in, the matrix report.

Shared helpers live in tests/helpers.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import generate


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep user config out, and give git an identity so commits work on any machine."""
    for name in ("GIT_DIR", "GIT_WORK_TREE", "VIRTUAL_ENV"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("GIT_AUTHOR_NAME", "fastforge tests")
    monkeypatch.setenv("GIT_AUTHOR_EMAIL", "tests@fastforge.invalid")
    monkeypatch.setenv("GIT_COMMITTER_NAME", "fastforge tests")
    monkeypatch.setenv("GIT_COMMITTER_EMAIL", "tests@fastforge.invalid")
    monkeypatch.setenv("UV_PYTHON_DOWNLOADS", "never")


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh SQLite project `shop`, the working directory for the test."""
    root = generate(tmp_path / "shop", {"database": "sqlite"})
    monkeypatch.chdir(root)
    return root


pytest_plugins = ["tests.matrix_report"]
