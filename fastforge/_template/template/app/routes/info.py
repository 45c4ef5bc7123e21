"""Information about the running service."""

from fastapi import APIRouter

from app.controllers import info as controller
from app.routes.deps import SettingsDep
from app.schemas.info import InfoRead

router = APIRouter(prefix="/info", tags=["info"])


@router.get("")
async def read_info(settings: SettingsDep) -> InfoRead:
    """Return the service's name, version and environment."""
    return controller.read_info(settings)
