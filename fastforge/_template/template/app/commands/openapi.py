"""Rewrite docs/openapi.json from the app: `uv run python -m app.commands.openapi`."""

import json
from pathlib import Path
from typing import Any

OPENAPI_PATH = Path(__file__).resolve().parents[2] / "docs" / "openapi.json"


def render_openapi(schema: dict[str, Any]) -> str:
    """Serialize an OpenAPI schema the way docs/openapi.json stores it."""
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def write_openapi(path: Path = OPENAPI_PATH) -> None:
    # Imported here: building the app reads settings, which importing this module must not.
    from main import app

    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_openapi(app.openapi()), encoding="utf-8")
    print(f"Wrote {path}")


if __name__ == "__main__":
    write_openapi()
