"""Shared fixtures: an isolated environment and helpers to build file trees."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


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


def build_file_tree(root: Path, files: dict[str, str]) -> Path:
    """Create `files` ({relative path: text}) under root."""
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


# Tool state, not project content: left out when comparing trees.
_NOT_CONTENT = {".git", ".venv", "__pycache__", ".mypy_cache", ".ruff_cache", ".pytest_cache"}


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file under root with its bytes, to compare trees before and after."""
    if not root.exists():
        return {}
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and not _NOT_CONTENT.intersection(p.relative_to(root).parts)
    }


def services_required() -> bool:
    """CI sets FASTFORGE_REQUIRE_SERVICES=1: a missing service is then a failure, not a skip."""
    return os.environ.get("FASTFORGE_REQUIRE_SERVICES") == "1"


pytest_plugins = ["tests.matrix_report"]
