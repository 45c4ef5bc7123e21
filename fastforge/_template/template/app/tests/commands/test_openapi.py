"""docs/openapi.json stays in step with the code."""

import json
import warnings
from pathlib import Path

from fastapi import FastAPI

from app.commands.openapi import OPENAPI_PATH, render_openapi, write_openapi


def test_docs_openapi_json_is_up_to_date(app: FastAPI) -> None:
    if not OPENAPI_PATH.exists():
        # A project rendered without installing (`copier copy`, `fastforge new --no-install`)
        # gets the file on its first test run.
        write_openapi()
        warnings.warn(f"{OPENAPI_PATH} was missing: wrote it; commit it", stacklevel=1)
    stored = json.loads(OPENAPI_PATH.read_text(encoding="utf-8"))

    assert stored == app.openapi(), (
        "docs/openapi.json is stale: run `uv run python -m app.commands.openapi`"
    )


def test_write_openapi_writes_the_current_schema(app: FastAPI, tmp_path: Path) -> None:
    target = tmp_path / "openapi.json"

    write_openapi(target)

    assert target.read_text(encoding="utf-8") == render_openapi(app.openapi())
