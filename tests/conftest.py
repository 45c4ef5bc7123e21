"""Fixtures for every test: an isolated environment, and the matrix report plugin.

Shared helpers live in tests/helpers.py."""

from __future__ import annotations

import pytest


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


pytest_plugins = ["tests.matrix_report"]
