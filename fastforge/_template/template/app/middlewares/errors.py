"""Turn exceptions that escape the routes into the shared JSON 500 response."""

from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.controllers.errors import handle_unhandled_error


class UnhandledErrorMiddleware:
    """Answer 500 in the shared error shape from inside the other middlewares.

    Starlette's own last-resort handler runs outside every middleware, so its 500s would miss
    the CORS headers and the request-id header, and the server would log the traceback twice.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

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
