"""Log records carry the request id, and the levels the server sets hold."""

import contextvars
import io
import logging
from collections.abc import Iterator

import pytest

from app.utils.request_id import get_request_id, set_request_id
from config.logging import (
    ACCESS_LOGGER,
    LOG_FORMAT,
    UVICORN_ACCESS_LOGGER,
    LineFormatter,
    RequestIdFilter,
    configure_logging,
)

UVICORN_LOGGERS = ("uvicorn.error", UVICORN_ACCESS_LOGGER, ACCESS_LOGGER)


@pytest.fixture
def uvicorn_levels() -> Iterator[None]:
    """Put back the levels a test gives uvicorn's loggers, as uvicorn would have left them."""
    levels = {name: logging.getLogger(name).level for name in UVICORN_LOGGERS}
    yield
    for name, level in levels.items():
        logging.getLogger(name).setLevel(level)


def make_record() -> logging.LogRecord:
    return logging.LogRecord("test", logging.INFO, __file__, 1, "message", None, None)


def test_records_outside_a_request_get_a_dash() -> None:
    record = make_record()

    assert RequestIdFilter(get_request_id).filter(record)
    assert record.__dict__["request_id"] == "-"


def test_records_inside_a_request_get_its_id() -> None:
    record = make_record()

    def filter_during_request() -> None:
        set_request_id("abc123")
        RequestIdFilter(get_request_id).filter(record)

    # A copied context keeps the id from leaking into later tests.
    contextvars.copy_context().run(filter_during_request)

    assert record.__dict__["request_id"] == "abc123"


def test_line_times_read_as_the_standard_formatters() -> None:
    line_formatter, standard = LineFormatter(LOG_FORMAT), logging.Formatter(LOG_FORMAT)
    # Within one second, into the next, and back: the cached second must follow each record.
    for created in (1_700_000_000.25, 1_700_000_000.75, 1_700_000_001.5, 1_700_000_000.125):
        record = make_record()
        record.created, record.msecs = created, int((created - int(created)) * 1000) + 0.0
        RequestIdFilter(get_request_id).filter(record)

        assert line_formatter.formatTime(record) == standard.formatTime(record)
        assert line_formatter.format(record) == standard.format(record)


def test_lines_carry_the_request_id_and_uvicorn_access_is_silenced() -> None:
    configure_logging("INFO", get_request_id=get_request_id)
    stdout = next(h for h in logging.getLogger().handlers if h.get_name() == "stdout")
    assert isinstance(stdout, logging.StreamHandler)
    output = io.StringIO()
    stdout.setStream(output)

    logging.getLogger("uvicorn.access").info('127.0.0.1 - "GET /health HTTP/1.1" 200')
    logging.getLogger("app.access").info("GET /health 200 0.5ms")

    lines = output.getvalue().splitlines()
    assert len(lines) == 1
    assert lines[0].endswith("INFO [-] app.access: GET /health 200 0.5ms")


@pytest.mark.usefixtures("uvicorn_levels")
def test_the_servers_log_level_is_kept_and_drops_the_access_line() -> None:
    # What `uvicorn --log-level warning` sets before it imports the app.
    for name in ("uvicorn.error", UVICORN_ACCESS_LOGGER):
        logging.getLogger(name).setLevel(logging.WARNING)

    configure_logging("INFO", get_request_id=get_request_id)

    assert not logging.getLogger("uvicorn.error").isEnabledFor(logging.INFO)
    assert not logging.getLogger(ACCESS_LOGGER).isEnabledFor(logging.INFO)
    assert logging.getLogger("app").isEnabledFor(logging.INFO)
