"""CORS for the configured origins only."""

from app.tests.client import AppClient

PREFLIGHT_HEADERS = {"Access-Control-Request-Method": "GET"}


def test_preflight_from_an_allowed_origin_succeeds(client: AppClient) -> None:
    response = client.options(
        "/api/v1/info", headers={"Origin": "http://localhost:3000", **PREFLIGHT_HEADERS}
    )

    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == "http://localhost:3000"


def test_preflight_from_another_origin_is_refused(client: AppClient) -> None:
    response = client.options(
        "/api/v1/info", headers={"Origin": "https://evil.example", **PREFLIGHT_HEADERS}
    )

    assert response.status_code == 400
    assert "access-control-allow-origin" not in response.headers


def test_the_request_id_header_is_readable_by_browsers(client: AppClient) -> None:
    response = client.get("/health", headers={"Origin": "http://localhost:3000"})

    assert response.headers["access-control-expose-headers"] == "X-Request-ID"
