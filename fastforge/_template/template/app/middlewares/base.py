"""The base of the project's pure ASGI middlewares: HTTP requests are theirs, the rest passes."""

from starlette.types import ASGIApp, Receive, Scope, Send


class HTTPMiddleware:
    """Call `handle` for each HTTP request; lifespan and websocket scopes go straight through."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        await self.handle(scope, receive, send)

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Serve one HTTP request, calling `self.app` to reach the app."""
        raise NotImplementedError
