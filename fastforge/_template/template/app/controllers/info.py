"""Turn the service description into the info response."""

from app.schemas.info import InfoRead
from app.services.info import get_app_info
from config.settings import Settings


def read_info(settings: Settings) -> InfoRead:
    """Describe the running service."""
    return InfoRead.model_validate(get_app_info(settings))
