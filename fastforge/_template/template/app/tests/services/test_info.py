"""What the service reports about itself, and the version it reports."""

from pathlib import Path

import pytest

from app.services.info import AppInfo, get_app_info, get_version
from config.settings import get_settings

PYPROJECT = Path(__file__).resolve().parents[3] / "pyproject.toml"


def test_app_info_comes_from_the_settings_and_the_version() -> None:
    settings = get_settings()

    assert get_app_info(settings) == AppInfo(
        name=settings.app_name, version=get_version(), environment=settings.environment
    )


def test_version_matches_pyproject() -> None:
    tomllib = pytest.importorskip("tomllib", reason="tomllib is new in Python 3.11")

    project = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]

    assert get_version() == project["version"]
