"""The shared error shape for HTTP, validation and unhandled errors."""

import logging

import pytest
from fastapi import FastAPI
from pydantic import BaseModel

from app.controllers.errors import to_http_exception
from app.services.errors import ConflictError, NotFoundError, ServiceError
from app.tests.client import AppClient
from config.settings import get_settings
from main import create_app


def test_unknown_path_is_404_in_the_error_shape(client: AppClient) -> None:
    response = client.get("/no-such-path")

    assert response.status_code == 404
    assert response.json() == {
        "error": {
            "code": "not_found",
            "message": "Not Found",
            "details": None,
            "request_id": response.headers["X-Request-ID"],
        }
    }


def test_wrong_method_is_405_and_keeps_the_allow_header(client: AppClient) -> None:
    response = client.post("/health")

    assert response.status_code == 405
    assert response.json()["error"]["code"] == "method_not_allowed"
    assert response.headers["Allow"] == "GET"


def test_invalid_input_is_422_with_field_details(app: FastAPI) -> None:
    async def read_page(page: int) -> dict[str, int]:
        return {"page": page}

    app.add_api_route("/pages", read_page)

    with AppClient(app) as client:
        response = client.get("/pages", params={"page": "first"})

    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "validation_error"
    assert [detail["loc"] for detail in error["details"]] == [["query", "page"]]


def test_unhandled_error_is_500_without_internals(
    app: FastAPI, caplog: pytest.LogCaptureFixture
) -> None:
    async def explode() -> None:
        raise RuntimeError("password=hunter2")

    app.add_api_route("/explode", explode)

    with AppClient(app, raise_server_exceptions=False) as client:
        response = client.get("/explode")

    assert response.status_code == 500
    assert response.json() == {
        "error": {
            "code": "internal_error",
            "message": "Internal server error.",
            "details": None,
            "request_id": response.headers["X-Request-ID"],
        }
    }
    assert "hunter2" not in response.text
    assert "Traceback" not in response.text
    logged = [record for record in caplog.records if record.levelno == logging.ERROR]
    assert len(logged) == 1
    assert logged[0].exc_info is not None


def test_unhandled_error_response_carries_cors_headers(app: FastAPI) -> None:
    async def explode() -> None:
        raise RuntimeError("boom")

    app.add_api_route("/explode", explode)

    with AppClient(app, raise_server_exceptions=False) as client:
        response = client.get("/explode", headers={"Origin": "http://localhost:3000"})

    assert response.status_code == 500
    assert response.headers["access-control-allow-origin"] == "http://localhost:3000"


@pytest.mark.parametrize(
    ("error", "status_code"),
    [
        (NotFoundError("no such item"), 404),
        (ConflictError("name already taken"), 409),
        (ServiceError("not allowed"), 400),
    ],
)
def test_domain_errors_map_to_http_errors(error: ServiceError, status_code: int) -> None:
    http_error = to_http_exception(error)

    assert http_error.status_code == status_code
    assert http_error.detail == str(error)


@pytest.mark.parametrize(
    ("error", "status_code", "code"),
    [
        (NotFoundError("Item 7 was not found"), 404, "not_found"),
        (ConflictError("The name is taken"), 409, "conflict"),
    ],
)
def test_a_domain_error_from_a_route_is_answered_in_the_error_shape(
    app: FastAPI, error: ServiceError, status_code: int, code: str
) -> None:
    async def fail() -> None:
        raise error

    app.add_api_route("/fails", fail)

    with AppClient(app) as client:
        response = client.get("/fails")

    assert response.status_code == status_code
    assert response.json() == {
        "error": {
            "code": code,
            "message": str(error),
            "details": None,
            "request_id": response.headers["X-Request-ID"],
        }
    }


class _Login(BaseModel):
    email: str
    password: str
    count: int


def _add_login_route(app: FastAPI) -> None:
    async def create_login(data: _Login) -> dict[str, int]:
        return {"count": data.count}

    async def read_logins() -> list[str]:
        return []

    app.add_api_route("/logins", create_login, methods=["POST"])
    app.add_api_route("/logins", read_logins, methods=["GET"])


def test_405_lists_every_method_of_the_path(app: FastAPI) -> None:
    _add_login_route(app)

    with AppClient(app) as client:
        for method in ("PUT", "OPTIONS"):
            response = client.request(method, "/logins")

            assert response.status_code == 405
            assert response.headers["Allow"] == "GET, POST"


def test_422_never_echoes_a_password_nor_a_large_input(app: FastAPI) -> None:
    _add_login_route(app)
    body = {"email": "x" * 100_000, "password": ["secret-password"], "count": "many"}

    with AppClient(app) as client:
        response = client.post("/logins", json=body)

    assert response.status_code == 422
    assert "secret-password" not in response.text
    assert len(response.content) < 2_000
    assert {"loc": ["body", "count"], "input": "many"}.items() <= {
        **response.json()["error"]["details"][-1]
    }.items()


@pytest.mark.parametrize(
    "raw", ['{"email": "a", "password": "b", "count": NaN}', '{"email": "\\ud800"}']
)
def test_422_renders_input_that_json_cannot_encode(app: FastAPI, raw: str) -> None:
    _add_login_route(app)

    with AppClient(app) as client:
        response = client.post("/logins", content=raw, headers={"Content-Type": "application/json"})

    assert response.status_code == 422
    assert response.json()["error"]["code"] == "validation_error"


def test_a_body_over_the_limit_is_413_in_the_error_shape(
    app: FastAPI, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MAX_REQUEST_BODY_BYTES", "1000")
    get_settings.cache_clear()
    limited = create_app()
    _add_login_route(limited)
    body = {"email": "e" * 2000, "password": "p", "count": 1}

    with AppClient(limited) as client:
        declared = client.post("/logins", json=body)
        streamed = client.post(
            "/logins",
            content=iter([b"{", b" " * 2000, b"}"]),
            headers={"Content-Type": "application/json"},
        )
        small = client.post("/logins", json={"email": "e", "password": "p", "count": 1})

    assert declared.status_code == 413
    assert declared.json()["error"]["message"] == "The request body is larger than 1000 bytes."
    assert streamed.status_code == 413
    assert small.status_code == 200
