"""GET /docs and /redoc: the interactive documentation, with every asset served by the app."""

import re

import pytest
from fastapi.testclient import TestClient

# src= and href= of the page's scripts, stylesheets and icons.
ASSET_URL = re.compile(r"""(?:src|href)=["']([^"']+)["']""")


@pytest.mark.parametrize("path", ["/docs", "/redoc"])
def test_docs_page_loads_nothing_from_another_host(client: TestClient, path: str) -> None:
    response = client.get(path)

    assert response.status_code == 200
    assets = ASSET_URL.findall(response.text)
    assert assets, "the page links no script or stylesheet"
    for url in assets:
        assert url.startswith("/"), f"{path} loads {url} from another host"
        assert client.get(url).status_code == 200, url
