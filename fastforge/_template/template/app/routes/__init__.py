"""Routes: the HTTP surface. Each module declares one `router` with paths, status codes,
response models and dependencies, and hands the work to a controller. This module is the one
place routers are registered: probes at the root, all else under the versioned API prefix."""

from fastapi import APIRouter

from app.routes.health import router as health_router
from app.routes.info import router as info_router
from config.settings import API_PREFIX

root_router = APIRouter()
root_router.include_router(health_router)

api_router = APIRouter(prefix=API_PREFIX)
api_router.include_router(info_router)
