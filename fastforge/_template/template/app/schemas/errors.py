"""The one JSON shape every error response uses, the response that carries it, and its OpenAPI."""

from collections.abc import Mapping
from typing import Any, Final

from fastapi.responses import JSONResponse
from pydantic import BaseModel

from app.utils.request_id import REQUEST_ID_HEADER, get_request_id


class ErrorBody(BaseModel):
    """What went wrong: a stable machine code, a human message and optional details."""

    code: str
    message: str
    details: Any = None
    request_id: str | None = None


class ErrorResponse(BaseModel):
    """The envelope: `{"error": {...}}`."""

    error: ErrorBody


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


# Written out, not HTTPStatus.phrase: the phrases differ between Python versions, and the
# OpenAPI document must not.
_DESCRIPTIONS: Final = {
    400: "The body cannot be read (not UTF-8, or not in the declared content type)",
    401: "Not logged in, or the credentials are wrong",
    403: "Not allowed",
    404: "Not found",
    409: "Conflicts with existing data",
    413: "The request body is too large",
    422: "The request is not valid",
    429: "Too many attempts; see Retry-After",
    503: "A server it needs cannot be reached",
}
_RETRY_AFTER: Final = {
    "Retry-After": {
        "description": "Seconds to wait before trying again.",
        "schema": {"type": "integer"},
    }
}


def error_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI `responses` for these error statuses, each in the shared error shape."""
    responses: dict[int | str, dict[str, Any]] = {}
    for status in statuses:
        response: dict[str, Any] = {"model": ErrorResponse, "description": _DESCRIPTIONS[status]}
        if status == 429:
            response["headers"] = _RETRY_AFTER
        responses[status] = response
    return responses
