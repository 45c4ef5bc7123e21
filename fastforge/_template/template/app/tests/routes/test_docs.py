"""GET /docs and /redoc: the interactive documentation, with every asset served by the app."""

import re

import pytest

from app.tests.client import AppClient

# src= and href= of the page's scripts, stylesheets and icons.
ASSET_URL = re.compile(r"""(?:src|href)=["']([^"']+)["']""")


@pytest.mark.parametrize("path", ["/docs", "/redoc"])
def test_docs_page_loads_nothing_from_another_host(client: AppClient, path: str) -> None:
    response = client.get(path)

    assert response.status_code == 200
    assets = ASSET_URL.findall(response.text)
    assert assets, "the page links no script or stylesheet"
    for url in assets:
        assert url.startswith("/"), f"{path} loads {url} from another host"
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("path", ["/docs", "/redoc"])
def test_docs_page_forbids_the_browser_other_hosts(client: AppClient, path: str) -> None:
    policy = client.get(path).headers["content-security-policy"]

    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["default-src"] == "'self'"
    assert all("http" not in sources for sources in directives.values()), policy


def test_api_responses_carry_no_docs_policy(client: AppClient) -> None:
    assert "content-security-policy" not in client.get("/health").headers
