"""Refuse request bodies larger than MAX_REQUEST_BODY_BYTES with 413, before reading them."""

from starlette.datastructures import Headers
from starlette.exceptions import HTTPException
from starlette.status import HTTP_413_CONTENT_TOO_LARGE
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.middlewares.base import HTTPMiddleware


class BodyLimitMiddleware(HTTPMiddleware):
    """Count the body as the app reads it, and stop at the limit.

    The 413 is raised from `receive`, inside the route, so the app's exception handler
    renders it in the shared error shape. A route that never reads its body is not stopped.
    """

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        super().__init__(app)
        self.max_bytes = max_bytes

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        declared_too_large = _declared_length(scope) > self.max_bytes
        received = 0

        async def receive_within_limit() -> Message:
            nonlocal received
            if declared_too_large:
                raise self._too_large()
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise self._too_large()
            return message

        await self.app(scope, receive_within_limit, send)

    def _too_large(self) -> HTTPException:
        return HTTPException(
            status_code=HTTP_413_CONTENT_TOO_LARGE,
            detail=f"The request body is larger than {self.max_bytes} bytes.",
        )


def _declared_length(scope: Scope) -> int:
    """The Content-Length header's value, or 0 when it is absent or not a plain number."""
    declared = Headers(scope=scope).get("content-length", "")
    if not (declared.isascii() and declared.isdigit()):
        return 0
    # Longer than any size worth parsing (and than int() accepts): surely too large.
    return int(declared) if len(declared) <= 18 else 10**18
