"""GET /api/v1/info."""

from app.services.info import get_version
from app.tests.client import AppClient
from config.settings import get_settings


def test_info_describes_the_service(client: AppClient) -> None:
    response = client.get("/api/v1/info")

    assert response.status_code == 200
    assert response.json() == {
        "name": get_settings().app_name,
        "version": get_version(),
        "environment": "test",
    }
