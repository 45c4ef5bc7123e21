"""Health checks."""

import asyncio

import pytest

from app.services import health


def test_checks_report_pass_and_fail_by_name(monkeypatch: pytest.MonkeyPatch) -> None:
    async def passing() -> None:
        return None

    async def failing() -> None:
        raise TimeoutError("broker did not answer")

    monkeypatch.setattr(health, "HEALTH_CHECKS", {"database": passing, "broker": failing})

    assert asyncio.run(health.run_health_checks()) == {"database": True, "broker": False}
