"""The X-Request-ID header, and one access-log line per request."""

import logging

import pytest

from app.tests.client import AppClient
from app.utils.request_id import get_request_id
from config.logging import RequestIdFilter


def test_a_request_id_is_generated(client: AppClient) -> None:
    first = client.get("/health").headers["X-Request-ID"]
    second = client.get("/health").headers["X-Request-ID"]

    assert len(first) == 32
    assert first != second


def test_a_safe_incoming_request_id_is_reused(client: AppClient) -> None:
    response = client.get("/health", headers={"X-Request-ID": "trace-42.abc_DEF"})

    assert response.headers["X-Request-ID"] == "trace-42.abc_DEF"


@pytest.mark.parametrize("unsafe", ["x" * 129, "id with spaces", "id;drop", "<script>"])
def test_an_unsafe_incoming_request_id_is_replaced(client: AppClient, unsafe: str) -> None:
    response = client.get("/health", headers={"X-Request-ID": unsafe})

    assert response.headers["X-Request-ID"] != unsafe
    assert len(response.headers["X-Request-ID"]) == 32


def test_error_responses_carry_one_request_id(client: AppClient) -> None:
    response = client.get("/no-such-path")

    assert response.headers.get_list("X-Request-ID") == [response.json()["error"]["request_id"]]


def test_each_request_logs_one_access_line(
    client: AppClient, caplog: pytest.LogCaptureFixture
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
