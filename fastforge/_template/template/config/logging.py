"""Logging set-up: one stdout handler whose lines all carry the current request id."""

import logging
import logging.config
from collections.abc import Callable

LOG_FORMAT = "%(asctime)s %(levelname)s [%(request_id)s] %(name)s: %(message)s"

# The access-log middleware writes one line per request; uvicorn's own would repeat it.
ACCESS_LOGGER = "app.access"
UVICORN_ACCESS_LOGGER = "uvicorn.access"


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

    `level` is the app's own; uvicorn's loggers keep the level its `--log-level` gave them,
    and the access line follows uvicorn's access level. `get_request_id` tells which request
    is being served: the app keeps that, not config.
    """
    # LOG_FORMAT shows no source line, so records skip finding it (a stack walk per line),
    # as the logging HOWTO's "Optimization" section documents.
    logging._srcfile = None
    logging.config.dictConfig(
        {
            "version": 1,
            # Naming uvicorn's loggers here would reset the levels of their children.
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
            "root": {"level": level, "handlers": ["stdout"]},
        }
    )
    # Hand uvicorn's own lines to the root handler so they share the format.
    uvicorn = logging.getLogger("uvicorn")
    uvicorn.handlers.clear()
    uvicorn.propagate = True
    uvicorn_access = logging.getLogger(UVICORN_ACCESS_LOGGER)
    uvicorn_access.handlers.clear()
    uvicorn_access.propagate = False
    # Set only when uvicorn serves the app: `--log-level warning` then drops the access line.
    logging.getLogger(ACCESS_LOGGER).setLevel(uvicorn_access.level)
