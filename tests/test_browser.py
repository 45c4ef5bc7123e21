"""/docs and /redoc in a real browser that can reach nothing but loopback.

Debian's chromium, driven by Playwright (no browser download), opens a generated app's
Swagger UI with every request to another host refused: the page renders, Authorize logs in
a registered user, Try it out on a resource's list answers 200 in the page, and ReDoc
renders. A screenshot of /docs goes to $FASTFORGE_ARTIFACTS (artifacts/ by default).
"""

from __future__ import annotations

import json
import os
import shutil
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from typer.testing import CliRunner

from fastforge.cli import app
from tests.databases import throwaway_database
from tests.generated import free_port, serving
from tests.helpers import assert_ok, generate, services_required, uv

pytestmark = pytest.mark.slow

CHROMIUM = "/usr/bin/chromium"
EMAIL, PASSWORD = "browser@example.com", "a long enough password"
ARTIFACTS = Path(os.environ.get("FASTFORGE_ARTIFACTS", Path(__file__).parents[1] / "artifacts"))


def _require_chromium() -> None:
    if Path(CHROMIUM).is_file():
        return
    reason = f"no browser at {CHROMIUM} (apt-get install -y chromium)"
    if services_required():
        pytest.fail(f"{reason}, and FASTFORGE_REQUIRE_SERVICES=1")
    pytest.skip(reason)


def _register(base: str) -> None:
    body = json.dumps({"email": EMAIL, "password": PASSWORD}).encode()
    request = urllib.request.Request(
        base + "/api/v1/auth/register", data=body, headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=15) as response:
        assert response.status == 201


def test_docs_work_offline_in_chromium(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _require_chromium()
    from playwright.sync_api import Route, expect, sync_playwright

    project = generate(tmp_path / "browser-api", {"database": "sqlite", "auth": "jwt"})
    assert_ok(uv(project, "sync", "--quiet"))
    monkeypatch.chdir(project)
    added = CliRunner().invoke(app, ["add", "resource", "product", "title:str"])
    assert added.exit_code == 0, added.output
    with throwaway_database(project, "sqlite") as url:
        monkeypatch.setenv("DATABASE_URL", url)
        monkeypatch.setenv("LOG_LEVEL", "WARNING")
        assert_ok(uv(project, "run", "alembic", "upgrade", "head"))
        with (
            serving(project, ["run", "fastapi", "run"], free_port()) as base,
            sync_playwright() as p,
        ):
            _register(base)
            refused: list[str] = []

            def loopback_only(route: Route) -> None:
                host = urllib.parse.urlsplit(route.request.url).hostname
                if host in ("127.0.0.1", "localhost"):
                    route.continue_()
                else:
                    refused.append(route.request.url)
                    route.abort("blockedbyclient")

            # Root in a container has no user namespace for Chromium's sandbox.
            browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
            try:
                page = browser.new_page()
                page.route("**/*", loopback_only)

                page.goto(base + "/docs")
                expect(page.locator(".swagger-ui .info .title")).to_contain_text("Browser Api")

                page.locator(".auth-wrapper button.authorize").click()
                page.locator("#oauth_username").fill(EMAIL)
                page.locator("#oauth_password").fill(PASSWORD)
                page.locator(".auth-btn-wrapper button.authorize").click()
                # Swagger UI shows the user as "Authorized" only once the token endpoint said so.
                expect(page.get_by_role("heading", name="Authorized")).to_be_visible()
                expect(page.get_by_role("button", name="Remove authorization")).to_be_visible()
                page.get_by_role("button", name="Close").click()

                operation = page.locator("#operations-products-list_products")
                operation.locator(".opblock-summary").click()
                operation.locator("button.try-out__btn").click()
                operation.locator("button.execute").click()
                status = operation.locator(".live-responses-table .response .response-col_status")
                expect(status.first).to_have_text("200")
                ARTIFACTS.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=str(ARTIFACTS / "docs.png"), full_page=True)

                page.goto(base + "/redoc")
                expect(page.locator(".redoc-wrap")).to_be_visible()
                expect(page.get_by_role("heading", name="Browser Api (0.1.0)")).to_be_visible()
                expect(page.get_by_role("menuitem", name="products")).to_be_visible()
            finally:
                browser.close()
            # ReDoc's bundle names a CDN logo; the pages' Content-Security-Policy keeps the
            # browser from asking for it, so no request to another host is even made.
            assert refused == [], f"the pages asked other hosts: {refused}"
    assert (ARTIFACTS / "docs.png").stat().st_size > 10_000
    shutil.rmtree(tmp_path / "browser-api", ignore_errors=True)
