"""Health probes for load balancers and orchestrators: readiness at /health, liveness below it."""

from fastapi import APIRouter, Request, Response, status

from app.controllers import health as controller
from app.schemas.health import HealthRead
from app.services.health import SharedHealthChecks

router = APIRouter(tags=["health"])


@router.get(
    "/health",
    responses={status.HTTP_503_SERVICE_UNAVAILABLE: {"model": HealthRead}},
)
async def read_health(request: Request, response: Response) -> HealthRead:
    """Report whether the service and its dependencies are healthy."""
    checks: SharedHealthChecks = request.app.state.health_checks
    return await controller.read_health(response, checks.results)


@router.get("/health/live")
async def read_liveness() -> HealthRead:
    """Report that the process serves requests, without asking its dependencies."""
    return controller.read_liveness()
