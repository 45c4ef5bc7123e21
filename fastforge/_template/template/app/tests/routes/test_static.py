"""Files under /static."""

from app.tests.client import AppClient


def test_static_files_are_served(client: AppClient) -> None:
    response = client.get("/static/robots.txt")

    assert response.status_code == 200
    assert response.text.startswith("User-agent:")


def test_missing_static_file_is_404(client: AppClient) -> None:
    response = client.get("/static/missing.txt")

    assert response.status_code == 404
