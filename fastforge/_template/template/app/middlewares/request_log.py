"""Give every request an id, echo it in `X-Request-ID`, and log one access line when it ends."""

import logging
import time

from starlette.datastructures import Headers, MutableHeaders
from starlette.types import Message, Receive, Scope, Send

from app.middlewares.base import HTTPMiddleware
from app.utils.request_id import (
    REQUEST_ID_HEADER,
    is_safe_request_id,
    new_request_id,
    set_request_id,
)
from config.logging import ACCESS_LOGGER

logger = logging.getLogger(ACCESS_LOGGER)


class RequestLogMiddleware(HTTPMiddleware):
    """Set the request id for logging, return it in a header, and write the access log.

    One middleware does both, so each request passes one wrapper of `send`, not two.
    uvicorn's own access log is silenced, so lines are not doubled.
    """

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        incoming = Headers(scope=scope).get(REQUEST_ID_HEADER)
        request_id = incoming if incoming and is_safe_request_id(incoming) else new_request_id()
        # Not reset afterwards: each request runs in its own task, so the value cannot leak,
        # and the server's error handling, which runs after this returns, still logs it.
        set_request_id(request_id)
        # Stays 500 if the app fails before sending a response.
        status_code = 500

        async def send_with_request_id(message: Message) -> None:
            nonlocal status_code
            if message["type"] == "http.response.start":
                status_code = message["status"]
                MutableHeaders(scope=message)[REQUEST_ID_HEADER] = request_id
            await send(message)

        if not logger.isEnabledFor(logging.INFO):
            # The server's log level drops the line, so skip the timing too.
            await self.app(scope, receive, send_with_request_id)
            return
        started = time.perf_counter()
        try:
            await self.app(scope, receive, send_with_request_id)
        finally:
            duration_ms = (time.perf_counter() - started) * 1000
            # The path only: query strings can carry tokens that must not reach the logs.
            logger.info(
                "%s %s %d %.1fms",
                scope["method"],
                scope["path"],
                status_code,
                duration_ms,
                extra={
                    "http_method": scope["method"],
                    "http_path": scope["path"],
                    "status_code": status_code,
                    "duration_ms": duration_ms,
                },
            )
