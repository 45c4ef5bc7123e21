"""HTTP errors: map domain errors to HTTP errors and render every error in one JSON shape."""

import logging
from collections.abc import Mapping
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, HTTPException, Request, status
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from app.schemas.errors import ErrorBody, ErrorResponse
from app.services.errors import ConflictError, NotFoundError, ServiceError
from app.utils.request_id import REQUEST_ID_HEADER, get_request_id

logger = logging.getLogger(__name__)


def to_http_exception(error: ServiceError) -> HTTPException:
    """Translate a domain error into the HTTP error the client should see."""
    match error:
        case NotFoundError():
            status_code = status.HTTP_404_NOT_FOUND
        case ConflictError():
            status_code = status.HTTP_409_CONFLICT
        case _:
            status_code = status.HTTP_400_BAD_REQUEST
    return HTTPException(status_code=status_code, detail=str(error))


def error_response(
    status_code: int,
    *,
    code: str,
    message: str,
    details: Any = None,
    headers: Mapping[str, str] | None = None,
) -> JSONResponse:
    """Build an error response in the shared `{"error": {...}}` shape."""
    request_id = get_request_id()
    body = ErrorResponse(
        error=ErrorBody(code=code, message=message, details=details, request_id=request_id)
    )
    response = JSONResponse(body.model_dump(), status_code=status_code, headers=headers)
    if request_id is not None:
        response.headers[REQUEST_ID_HEADER] = request_id
    return response


def _describe(status_code: int) -> tuple[str, str]:
    """Return the machine code and reason phrase of a status, e.g. ('not_found', 'Not Found')."""
    try:
        known = HTTPStatus(status_code)
    except ValueError:
        return "http_error", "HTTP error"
    return known.name.lower(), known.phrase


async def handle_http_exception(request: Request, exc: StarletteHTTPException) -> JSONResponse:
    """Render `HTTPException`s, including the router's own 404 and 405."""
    code, phrase = _describe(exc.status_code)
    if isinstance(exc.detail, str):
        message, details = exc.detail, None
    else:
        message, details = phrase, jsonable_encoder(exc.detail)
    return error_response(
        exc.status_code, code=code, message=message, details=details, headers=exc.headers
    )


async def handle_validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
    """Render invalid request data as 422 with pydantic's per-field errors."""
    return error_response(
        HTTPStatus.UNPROCESSABLE_ENTITY,
        code="validation_error",
        message="The request is not valid.",
        details=jsonable_encoder(exc.errors()),
    )


async def handle_unhandled_error(request: Request, exc: Exception) -> JSONResponse:
    """Log the traceback and answer 500 without revealing anything about the failure."""
    logger.error("Unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
    return error_response(
        status.HTTP_500_INTERNAL_SERVER_ERROR,
        code="internal_error",
        message="Internal server error.",
    )


def register_exception_handlers(app: FastAPI) -> None:
    """Render HTTP, validation and unhandled errors in the shared shape."""
    # The decorator form accepts handlers typed for their exact exception class.
    app.exception_handler(StarletteHTTPException)(handle_http_exception)
    app.exception_handler(RequestValidationError)(handle_validation_error)
    # A backstop for failures outside UnhandledErrorMiddleware, such as in an outer middleware.
    app.add_exception_handler(Exception, handle_unhandled_error)
