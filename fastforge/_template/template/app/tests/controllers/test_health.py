"""The health report built from the checks' outcomes, and its status code."""

import asyncio

import pytest
from fastapi import Response, status

from app.controllers.health import read_health
from app.schemas.health import HealthRead
from app.services import health


def test_passing_checks_make_an_ok_report_with_the_default_status(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    async def passing() -> None:
        return None

    monkeypatch.setattr(health, "HEALTH_CHECKS", {"cache": passing})
    response = Response()

    report = asyncio.run(read_health(response))

    assert report == HealthRead(status="ok", checks={"cache": "ok"})
    assert response.status_code == status.HTTP_200_OK


def test_one_failed_check_makes_an_error_report_with_503(monkeypatch: pytest.MonkeyPatch) -> None:
    async def passing() -> None:
        return None

    async def failing() -> None:
        raise health.CheckFailedError("2 jobs stuck")

    monkeypatch.setattr(health, "HEALTH_CHECKS", {"cache": passing, "queue": failing})
    response = Response()

    report = asyncio.run(read_health(response))

    assert report == HealthRead(
        status="error", checks={"cache": "ok", "queue": "error"}, details={"queue": "2 jobs stuck"}
    )
    assert response.status_code == status.HTTP_503_SERVICE_UNAVAILABLE
