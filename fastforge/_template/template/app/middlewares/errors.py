"""Turn exceptions that escape the routes into the shared JSON 500 response."""

import logging

from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.status import HTTP_500_INTERNAL_SERVER_ERROR
from starlette.types import Message, Receive, Scope, Send

from app.middlewares.base import HTTPMiddleware
from app.schemas.errors import error_response

logger = logging.getLogger(__name__)


async def handle_unhandled_error(request: Request, exc: Exception) -> JSONResponse:
    """Log the traceback and answer 500 without revealing anything about the failure."""
    logger.error("Unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
    return error_response(
        HTTP_500_INTERNAL_SERVER_ERROR, code="internal_error", message="Internal server error."
    )


class UnhandledErrorMiddleware(HTTPMiddleware):
    """Answer 500 in the shared error shape from inside the other middlewares.

    Starlette's own last-resort handler runs outside every middleware, so its 500s would miss
    the CORS headers and the request-id header, and the server would log the traceback twice.
    """

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        response_started = False

        async def send_tracking_start(message: Message) -> None:
            nonlocal response_started
            if message["type"] == "http.response.start":
                response_started = True
            await send(message)

        try:
            await self.app(scope, receive, send_tracking_start)
        except Exception as exc:
            if response_started:
                # Too late for a clean error response; let the server drop the connection.
                raise
            response = await handle_unhandled_error(Request(scope), exc)
            await response(scope, receive, send)
