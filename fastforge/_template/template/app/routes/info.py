"""Information about the running service."""

from fastapi import APIRouter, Request

from app.schemas.info import InfoRead
from app.services.info import AppInfo, get_app_info

router = APIRouter(prefix="/info", tags=["info"])


@router.get("", response_model=InfoRead)
async def read_info(request: Request) -> AppInfo:
    """Return the service's name, version and environment."""
    # The settings the app was built with, read as /health reads its checks: a dependency
    # would cost this one-line route about a tenth of its time.
    return get_app_info(request.app.state.settings)
