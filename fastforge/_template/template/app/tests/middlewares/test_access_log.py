"""One access-log line per request."""

import logging

import pytest
from fastapi.testclient import TestClient

from app.utils.request_id import get_request_id
from config.logging import RequestIdFilter


def test_each_request_logs_one_access_line(
    client: TestClient, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.handler.addFilter(RequestIdFilter(get_request_id))

    with caplog.at_level(logging.INFO, logger="app.access"):
        response = client.get("/api/v1/info", params={"token": "secret"})

    lines = [record for record in caplog.records if record.name == "app.access"]
    assert len(lines) == 1
    record = lines[0]
    assert record.getMessage().startswith("GET /api/v1/info 200 ")
    assert record.getMessage().endswith("ms")
    assert "secret" not in record.getMessage()
    assert record.__dict__["request_id"] == response.headers["X-Request-ID"]
    assert record.__dict__["duration_ms"] >= 0
