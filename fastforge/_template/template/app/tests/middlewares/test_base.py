"""The shared base of the middlewares: HTTP goes to `handle`, every other scope passes."""

import pytest
from starlette.types import ASGIApp, Receive, Scope, Send

from app.middlewares.base import HTTPMiddleware

pytestmark = pytest.mark.anyio


class _Recorder(HTTPMiddleware):
    def __init__(self, app: ASGIApp) -> None:
        super().__init__(app)
        self.handled: list[str] = []

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        self.handled.append(scope["type"])


async def _receive() -> dict[str, str]:
    return {"type": "lifespan.startup"}


async def _send(message: object) -> None:
    del message


async def test_only_http_scopes_reach_handle() -> None:
    passed: list[str] = []

    async def app(scope: Scope, receive: Receive, send: Send) -> None:
        passed.append(scope["type"])

    middleware = _Recorder(app)
    for kind in ("http", "lifespan", "websocket"):
        await middleware({"type": kind}, _receive, _send)

    assert middleware.handled == ["http"]
    assert passed == ["lifespan", "websocket"]
