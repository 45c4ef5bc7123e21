"""Give every request an id, reusing the caller's `X-Request-ID` when it is safe."""

from starlette.datastructures import Headers, MutableHeaders
from starlette.types import Message, Receive, Scope, Send

from app.middlewares.base import HTTPMiddleware
from app.utils.request_id import (
    REQUEST_ID_HEADER,
    is_safe_request_id,
    new_request_id,
    set_request_id,
)


class RequestIdMiddleware(HTTPMiddleware):
    """Set the request id for logging and echo it in the `X-Request-ID` response header."""

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        incoming = Headers(scope=scope).get(REQUEST_ID_HEADER)
        request_id = incoming if incoming and is_safe_request_id(incoming) else new_request_id()
        # Not reset afterwards: each request runs in its own task, so the value cannot leak,
        # and the server's error handling, which runs after this returns, still logs it.
        set_request_id(request_id)

        async def send_with_request_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                MutableHeaders(scope=message)[REQUEST_ID_HEADER] = request_id
            await send(message)

        await self.app(scope, receive, send_with_request_id)
