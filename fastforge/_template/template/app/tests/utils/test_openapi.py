"""docs/openapi.json stays in step with the code."""

import json
from pathlib import Path

from fastapi import FastAPI

from app.utils.openapi import OPENAPI_PATH, render_openapi, write_openapi


def test_docs_openapi_json_is_up_to_date(app: FastAPI) -> None:
    stored = json.loads(OPENAPI_PATH.read_text(encoding="utf-8"))

    assert stored == app.openapi(), (
        "docs/openapi.json is stale: run `uv run python -m app.utils.openapi`"
    )


def test_write_openapi_writes_the_current_schema(app: FastAPI, tmp_path: Path) -> None:
    target = tmp_path / "openapi.json"

    write_openapi(target)

    assert target.read_text(encoding="utf-8") == render_openapi(app.openapi())
