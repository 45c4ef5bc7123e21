"""Middlewares that wrap every request; `add_middlewares` installs them in order."""

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

from app.middlewares.access_log import AccessLogMiddleware
from app.middlewares.body_limit import BodyLimitMiddleware
from app.middlewares.errors import UnhandledErrorMiddleware, handle_unhandled_error
from app.middlewares.request_id import RequestIdMiddleware
from app.utils.request_id import REQUEST_ID_HEADER
from config.settings import Settings


def add_middlewares(app: FastAPI, settings: Settings) -> None:
    """Install the middlewares, innermost first: each call wraps all the earlier ones."""
    app.add_middleware(BodyLimitMiddleware, max_bytes=settings.max_request_body_bytes)
    if not settings.debug:
        # Inside CORS, so browsers can read the 500; in debug, Starlette shows the traceback.
        app.add_middleware(UnhandledErrorMiddleware)
    app.add_middleware(
        CORSMiddleware,
        allow_origins=settings.cors_origins,
        allow_credentials=True,
        allow_methods=["GET", "POST", "PUT", "PATCH", "DELETE"],
        allow_headers=["Authorization", "Content-Type", REQUEST_ID_HEADER],
        expose_headers=[REQUEST_ID_HEADER],
    )
    app.add_middleware(AccessLogMiddleware)
    # Outermost, so the id is set before anything else logs and is returned on every response.
    app.add_middleware(RequestIdMiddleware)
    # Starlette's ServerErrorMiddleware, outside all of these, answers with this handler: the
    # backstop for failures outside UnhandledErrorMiddleware, such as in an outer middleware.
    app.add_exception_handler(Exception, handle_unhandled_error)
