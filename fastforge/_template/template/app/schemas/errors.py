"""The one JSON shape every error response uses."""

from typing import Any

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
