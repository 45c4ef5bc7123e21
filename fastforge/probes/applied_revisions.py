"""Print, as one JSON line, the revisions the project's development database is at.

fastforge runs it inside a generated project (`uv run python applied_revisions.py`, from the
project root), so it reads the project's own settings and uses its own database driver.
Output: {"url": ..., "heads": [...]} when the database answered (no heads: nothing applied,
or no database yet), or {"url": ..., "error": ...} when it could not be asked.
"""

import asyncio
import json
import os
import sys
from typing import Any

# The project's modules (config.settings) sit in the working directory, not beside this file.
sys.path.insert(0, os.getcwd())

TIMEOUT = 10.0
# Errors that mean the database does not exist yet, so nothing was applied to it.
_MISSING = {"3D000", 1049}


async def _heads(url: Any) -> list[str]:
    from alembic.runtime.migration import MigrationContext
    from sqlalchemy.ext.asyncio import create_async_engine

    engine = create_async_engine(url)
    try:
        async with engine.connect() as connection:
            found = await asyncio.wait_for(
                connection.run_sync(
                    lambda sync: MigrationContext.configure(sync).get_current_heads()
                ),
                TIMEOUT,
            )
    finally:
        await engine.dispose()
    return sorted(found)


def _code(error: BaseException) -> object:
    orig = getattr(error, "orig", None)
    code = getattr(orig, "sqlstate", None)
    if isinstance(code, str) and code != "42000":
        return code
    args = getattr(orig, "args", ())
    return args[0] if args else None


def main() -> dict[str, Any]:
    """Ask the development database for its revisions."""
    from config.settings import get_settings
    from sqlalchemy import make_url

    url = make_url(get_settings().database_url.get_secret_value())
    shown = url.render_as_string(hide_password=True)
    # Opening a missing SQLite file would create it: no file, nothing applied.
    if url.get_backend_name() == "sqlite" and not os.path.isfile(url.database or ""):
        return {"url": shown, "heads": []}
    try:
        return {"url": shown, "heads": asyncio.run(_heads(url))}
    except Exception as error:
        if _code(error) in _MISSING:
            return {"url": shown, "heads": []}
        return {"url": shown, "error": f"{type(error).__name__}: {error}".splitlines()[0]}


if __name__ == "__main__":
    try:
        result = main()
    except Exception as error:
        result = {
            "url": "DATABASE_URL",
            "error": f"{type(error).__name__}: {error}".splitlines()[0],
        }
    print(json.dumps(result))
