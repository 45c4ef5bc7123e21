"""Facts about the running service."""

from dataclasses import dataclass

from app.utils.version import get_version
from config.settings import Settings


@dataclass(frozen=True)
class AppInfo:
    """What the service reports about itself."""

    name: str
    version: str
    environment: str


def get_app_info(settings: Settings) -> AppInfo:
    """Describe the service from its settings and version."""
    return AppInfo(name=settings.app_name, version=get_version(), environment=settings.environment)
