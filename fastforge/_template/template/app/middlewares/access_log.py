"""Log one line per request: method, path, status, duration and (via the format) request id."""

import logging
import time

from starlette.types import Message, Receive, Scope, Send

from app.middlewares.base import HTTPMiddleware
from config.logging import ACCESS_LOGGER

logger = logging.getLogger(ACCESS_LOGGER)


class AccessLogMiddleware(HTTPMiddleware):
    """Write the access log; uvicorn's own access log is silenced so lines are not doubled."""

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        started = time.perf_counter()
        # Stays 500 if the app fails before sending a response.
        status_code = 500

        async def send_recording_status(message: Message) -> None:
            nonlocal status_code
            if message["type"] == "http.response.start":
                status_code = message["status"]
            await send(message)

        if not logger.isEnabledFor(logging.INFO):
            # The server's log level drops the line, so skip the bookkeeping too.
            await self.app(scope, receive, send)
            return
        try:
            await self.app(scope, receive, send_recording_status)
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
