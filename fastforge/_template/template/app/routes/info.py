"""Information about the running service."""

from fastapi import APIRouter

from app.routes.deps import SettingsDep
from app.schemas.info import InfoRead
from app.services.info import AppInfo, get_app_info

router = APIRouter(prefix="/info", tags=["info"])


@router.get("", response_model=InfoRead)
async def read_info(settings: SettingsDep) -> AppInfo:
    """Return the service's name, version and environment."""
    return get_app_info(settings)
