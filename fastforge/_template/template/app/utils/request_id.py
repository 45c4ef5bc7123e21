"""The id of the request being served, kept in a context variable so logs can read it."""

import re
import secrets
from contextvars import ContextVar

REQUEST_ID_HEADER = "X-Request-ID"

# Ids from clients end up in logs and headers, so only short, plain tokens are trusted.
_SAFE_REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{1,128}")

_request_id: ContextVar[str | None] = ContextVar("request_id", default=None)


def get_request_id() -> str | None:
    """Return the current request's id, or None outside a request."""
    return _request_id.get()


def set_request_id(request_id: str) -> None:
    """Make `request_id` the id of the request running in the current context."""
    _request_id.set(request_id)


def new_request_id() -> str:
    """A random 128-bit id in 32 hex digits, the form uuid4().hex gives, without a UUID object."""
    return secrets.token_hex(16)


def is_safe_request_id(value: str) -> bool:
    """Tell whether a client-supplied id is short and uses only safe characters."""
    return _SAFE_REQUEST_ID.fullmatch(value) is not None
