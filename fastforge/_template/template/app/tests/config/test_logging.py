"""Log records carry the request id."""

import contextvars
import logging

from app.utils.request_id import set_request_id
from config.logging import RequestIdFilter


def make_record() -> logging.LogRecord:
    return logging.LogRecord("test", logging.INFO, __file__, 1, "message", None, None)


def test_records_outside_a_request_get_a_dash() -> None:
    record = make_record()

    assert RequestIdFilter().filter(record)
    assert record.__dict__["request_id"] == "-"


def test_records_inside_a_request_get_its_id() -> None:
    record = make_record()

    def filter_during_request() -> None:
        set_request_id("abc123")
        RequestIdFilter().filter(record)

    # A copied context keeps the id from leaking into later tests.
    contextvars.copy_context().run(filter_during_request)

    assert record.__dict__["request_id"] == "abc123"
