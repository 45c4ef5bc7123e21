"""Turn health-check results into the probe's response."""

from collections.abc import Awaitable, Callable

from fastapi import Response, status

from app.schemas.health import HealthRead
from app.services.health import CheckOutcome, run_health_checks


async def read_health(
    response: Response,
    run_checks: Callable[[], Awaitable[dict[str, CheckOutcome]]] = run_health_checks,
) -> HealthRead:
    """Report 'ok' when every check passes, else 'error' with status 503 for load balancers."""
    results = await run_checks()
    healthy = all(outcome.passed for outcome in results.values())
    if not healthy:
        response.status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    return HealthRead(
        status="ok" if healthy else "error",
        checks={name: "ok" if outcome.passed else "error" for name, outcome in results.items()},
        details={name: outcome.detail for name, outcome in results.items() if outcome.detail},
    )


def read_liveness() -> HealthRead:
    """An 'ok' report with no checks: a failing dependency is no reason to restart the process."""
    return HealthRead(status="ok")
