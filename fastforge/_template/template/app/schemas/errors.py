"""The one JSON shape every error response uses, and its entries in the OpenAPI document."""

from typing import Any, Final

from pydantic import BaseModel


class ErrorBody(BaseModel):
    """What went wrong: a stable machine code, a human message and optional details."""

    code: str
    message: str
    details: Any = None
    request_id: str | None = None


class ErrorResponse(BaseModel):
    """The envelope: `{"error": {...}}`."""

    error: ErrorBody


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
