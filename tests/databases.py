"""Throwaway databases on this machine's real servers, for migrations run by the tests."""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Iterator
from pathlib import Path

from tests.helpers import assert_ok, uv
from tests.services import MARIADB, POSTGRES, Service

SERVERS: dict[str, Service] = {"postgres": POSTGRES, "mysql": MARIADB}
SERVER_URLS = {
    "postgres": "postgresql+asyncpg://postgres@127.0.0.1:5432/",
    "mysql": "mysql+aiomysql://root@127.0.0.1:3306/",
}

ADMIN_STATEMENT = """
import asyncio
import sys

from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine


async def main(url: str, statement: str) -> None:
    engine = create_async_engine(url, isolation_level="AUTOCOMMIT")
    async with engine.connect() as connection:
        result = await connection.execute(text(statement))
        if result.returns_rows:
            print(result.scalar())
    await engine.dispose()


asyncio.run(main(sys.argv[1], sys.argv[2]))
"""


def sql(project: Path, database: str, statement: str) -> str:
    """Run a statement on the server's admin database; return the first value, if any."""
    admin = SERVER_URLS[database] + ("postgres" if database == "postgres" else "")
    done = uv(project, "run", "python", "-c", ADMIN_STATEMENT, admin, statement)
    assert_ok(done)
    return done.stdout.strip()


@contextlib.contextmanager
def throwaway_database(project: Path, database: str) -> Iterator[str]:
    """A new empty database on the local server (or a SQLite file); yields its URL."""
    if database == "sqlite":
        path = project / f"throwaway-{uuid.uuid4().hex[:8]}.db"
        try:
            yield f"sqlite+aiosqlite:///{path}"
        finally:
            path.unlink(missing_ok=True)
        return
    name = f"fastforge_{uuid.uuid4().hex[:12]}"
    sql(project, database, f"CREATE DATABASE {name}")
    try:
        yield SERVER_URLS[database] + name
    finally:
        force = " WITH (FORCE)" if database == "postgres" else ""
        sql(project, database, f"DROP DATABASE IF EXISTS {name}{force}")


def migrations_round_trip(project: Path, database: str) -> None:
    """`alembic upgrade head`, `check` and `downgrade base` on a fresh database."""
    with throwaway_database(project, database) as url:
        env = {"DATABASE_URL": url}
        for command in (("upgrade", "head"), ("check",), ("downgrade", "base")):
            assert_ok(uv(project, "run", "alembic", *command, env=env))
