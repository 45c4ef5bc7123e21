"""Logging set-up: one stdout handler whose lines all carry the current request id."""

import logging
import logging.config
from collections.abc import Callable

LOG_FORMAT = "%(asctime)s %(levelname)s [%(request_id)s] %(name)s: %(message)s"


class RequestIdFilter(logging.Filter):
    """Stamp each record with the id of the request being served, or '-' outside requests."""

    def __init__(self, get_request_id: Callable[[], str | None]) -> None:
        super().__init__()
        self.get_request_id = get_request_id

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = self.get_request_id() or "-"
        return True


def configure_logging(level: str, *, get_request_id: Callable[[], str | None]) -> None:
    """Send every logger, uvicorn's included, through one formatted stdout handler.

    `get_request_id` tells which request is being served: the app keeps that, not config.
    """
    logging.config.dictConfig(
        {
            "version": 1,
            "disable_existing_loggers": False,
            "filters": {"request_id": {"()": RequestIdFilter, "get_request_id": get_request_id}},
            "formatters": {"default": {"format": LOG_FORMAT}},
            "handlers": {
                "stdout": {
                    "class": "logging.StreamHandler",
                    "stream": "ext://sys.stdout",
                    "filters": ["request_id"],
                    "formatter": "default",
                }
            },
            "loggers": {
                # Hand uvicorn's own lines to the root handler so they share the format.
                "uvicorn": {"handlers": [], "propagate": True},
                # The access-log middleware writes one line per request; uvicorn's would repeat it.
                "uvicorn.access": {"handlers": [], "propagate": False},
            },
            "root": {"level": level, "handlers": ["stdout"]},
        }
    )
