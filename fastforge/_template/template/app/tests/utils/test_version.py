"""The version the app reports."""

import sys
from pathlib import Path

import pytest

from app.utils.version import get_version

PYPROJECT = Path(__file__).resolve().parents[3] / "pyproject.toml"


@pytest.mark.skipif(sys.version_info < (3, 11), reason="tomllib is new in Python 3.11")
def test_version_matches_pyproject() -> None:
    import tomllib

    project = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]

    assert get_version() == project["version"]
