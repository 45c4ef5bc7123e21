"""Files under /static."""

from fastapi.testclient import TestClient


def test_static_files_are_served(client: TestClient) -> None:
    response = client.get("/static/robots.txt")

    assert response.status_code == 200
    assert response.text.startswith("User-agent:")


def test_missing_static_file_is_404(client: TestClient) -> None:
    response = client.get("/static/missing.txt")

    assert response.status_code == 404
