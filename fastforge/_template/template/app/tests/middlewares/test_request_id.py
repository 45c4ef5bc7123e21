"""The X-Request-ID header."""

import pytest
from fastapi.testclient import TestClient


def test_a_request_id_is_generated(client: TestClient) -> None:
    first = client.get("/health").headers["X-Request-ID"]
    second = client.get("/health").headers["X-Request-ID"]

    assert len(first) == 32
    assert first != second


def test_a_safe_incoming_request_id_is_reused(client: TestClient) -> None:
    response = client.get("/health", headers={"X-Request-ID": "trace-42.abc_DEF"})

    assert response.headers["X-Request-ID"] == "trace-42.abc_DEF"


@pytest.mark.parametrize("unsafe", ["x" * 129, "id with spaces", "id;drop", "<script>"])
def test_an_unsafe_incoming_request_id_is_replaced(client: TestClient, unsafe: str) -> None:
    response = client.get("/health", headers={"X-Request-ID": unsafe})

    assert response.headers["X-Request-ID"] != unsafe
    assert len(response.headers["X-Request-ID"]) == 32


def test_error_responses_carry_one_request_id(client: TestClient) -> None:
    response = client.get("/no-such-path")

    assert response.headers.get_list("X-Request-ID") == [response.json()["error"]["request_id"]]
