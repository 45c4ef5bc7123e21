"""Health checks."""

import asyncio

import pytest

from app.services import health
from app.services.health import CheckOutcome


def test_checks_report_pass_and_fail_by_name(monkeypatch: pytest.MonkeyPatch) -> None:
    async def passing() -> None:
        return None

    async def failing() -> None:
        raise TimeoutError("broker did not answer")

    monkeypatch.setattr(health, "HEALTH_CHECKS", {"database": passing, "broker": failing})

    assert asyncio.run(health.run_health_checks()) == {
        "database": CheckOutcome(passed=True),
        "broker": CheckOutcome(passed=False),
    }


def test_only_a_check_failed_error_tells_why(monkeypatch: pytest.MonkeyPatch) -> None:
    async def leaky() -> None:
        raise ConnectionError("password authentication failed for user admin")

    async def safe() -> None:
        raise health.CheckFailedError("3 migrations pending")

    monkeypatch.setattr(health, "HEALTH_CHECKS", {"database": leaky, "migrations": safe})

    assert asyncio.run(health.run_health_checks()) == {
        "database": CheckOutcome(passed=False),
        "migrations": CheckOutcome(passed=False, detail="3 migrations pending"),
    }
