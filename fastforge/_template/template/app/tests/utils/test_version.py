"""The version the app reports."""

from pathlib import Path

import pytest

from app.utils.version import get_version

PYPROJECT = Path(__file__).resolve().parents[3] / "pyproject.toml"


def test_version_matches_pyproject() -> None:
    tomllib = pytest.importorskip("tomllib", reason="tomllib is new in Python 3.11")

    project = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]

    assert get_version() == project["version"]
