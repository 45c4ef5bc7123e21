"""GET /health."""

import pytest
from fastapi.testclient import TestClient

from app.services import health


def test_health_is_ok_without_checks(client: TestClient) -> None:
    response = client.get("/health")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {}}


def test_health_reports_each_check(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    async def passing() -> None:
        return None

    monkeypatch.setitem(health.HEALTH_CHECKS, "cache", passing)

    response = client.get("/health")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"cache": "ok"}}


def test_health_is_503_when_a_check_fails(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def failing() -> None:
        raise ConnectionError("database unreachable")

    monkeypatch.setitem(health.HEALTH_CHECKS, "database", failing)

    response = client.get("/health")

    assert response.status_code == 503
    assert response.json() == {"status": "error", "checks": {"database": "error"}}
