"""What the service reports about itself."""

from app.services.info import AppInfo, get_app_info
from app.utils.version import get_version
from config.settings import get_settings


def test_app_info_comes_from_the_settings_and_the_version() -> None:
    settings = get_settings()

    assert get_app_info(settings) == AppInfo(
        name=settings.app_name, version=get_version(), environment=settings.environment
    )
