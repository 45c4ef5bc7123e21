"""A Content-Security-Policy on the documentation pages: they load nothing from another host.

ReDoc's bundle asks a CDN for its sidebar logo; under this policy the browser never sends
that request, and ReDoc leaves the image out.
"""

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.middlewares.base import HTTPMiddleware

DOCS_POLICY = "; ".join(
    (
        "default-src 'self'",
        "img-src 'self' data:",
        # Swagger UI and ReDoc start from an inline script and style their pages inline.
        "script-src 'self' 'unsafe-inline'",
        "style-src 'self' 'unsafe-inline'",
        "worker-src 'self' blob:",
    )
)


class DocsPolicyMiddleware(HTTPMiddleware):
    """Add DOCS_POLICY to the responses of `paths`."""

    def __init__(self, app: ASGIApp, paths: tuple[str, ...]) -> None:
        super().__init__(app)
        self.paths = frozenset(paths)

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["path"] not in self.paths:
            await self.app(scope, receive, send)
            return

        async def send_with_policy(message: Message) -> None:
            if message["type"] == "http.response.start":
                MutableHeaders(scope=message).append("Content-Security-Policy", DOCS_POLICY)
            await send(message)

        await self.app(scope, receive, send_with_policy)
