"""Health checks of the service's dependencies."""

import logging
from collections.abc import Awaitable, Callable

logger = logging.getLogger(__name__)

HealthCheck = Callable[[], Awaitable[None]]

# One entry per dependency worth probing (a database, a broker); each check raises on failure.
HEALTH_CHECKS: dict[str, HealthCheck] = {}


async def run_health_checks() -> dict[str, bool]:
    """Run every registered check and tell, by name, whether it passed."""
    results: dict[str, bool] = {}
    for name, check in HEALTH_CHECKS.items():
        try:
            await check()
        except Exception:
            logger.exception("Health check %r failed", name)
            results[name] = False
        else:
            results[name] = True
    return results
