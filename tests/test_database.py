"""The `database` option: each value renders a project that passes its own checks, and its
migrations round-trip on the real servers."""

from __future__ import annotations

import socket
import struct
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from fastforge.questions import load_questions
from tests.databases import SERVERS, sql, throwaway_database
from tests.generated import free_port, serving
from tests.helpers import assert_ok, generate, uv
from tests.services import POSTGRES, require

pytestmark = pytest.mark.slow

DATABASES = next(q for q in load_questions() if q.name == "database").choices
# A model added the way a user would, to exercise autogenerate, constraints and timestamps.
NOTE_MODEL = '''"""Notes: a short text with a unique title."""

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Model


class Note(Model):
    """A note."""

    __tablename__ = "notes"

    title: Mapped[str] = mapped_column(String(200), unique=True)
'''

# Inserts and updates a note, then checks the database-set timestamps come back in UTC.
TIMESTAMPS_CHECK = """
import asyncio
from datetime import timezone

from app.models.note import Note
from config.db import database
from config.settings import get_settings


async def main() -> None:
    database.connect(get_settings())
    try:
        async with database.session() as session:
            note = Note(title="first")
            session.add(note)
            await session.commit()
            assert note.created_at.tzinfo == timezone.utc, note.created_at
            note.title = "renamed"
            await session.commit()
            assert note.updated_at.tzinfo == timezone.utc, note.updated_at
            assert note.updated_at >= note.created_at
    finally:
        await database.disconnect()


asyncio.run(main())
"""


# Runs one statement on a server, with the generated project's own driver.
def add_note_model(project: Path) -> None:
    (project / "app/models/note.py").write_text(NOTE_MODEL)
    registry = project / "app/models/__init__.py"
    text = registry.read_text()
    anchor = "from app.models.base import Base\n"
    registry.write_text(text.replace(anchor, anchor + "from app.models.note import Note\n"))


@pytest.mark.parametrize("database", [d for d in DATABASES if d != "none"])
def test_migrations_round_trip_and_autogenerate_a_new_model(tmp_path: Path, database: str) -> None:
    if database in SERVERS:
        require(SERVERS[database])
    # auth none: the fresh project has no migration of its own (tests/test_auth.py runs jwt).
    project = generate(tmp_path / "shop-api", {"database": database, "auth": "none"})
    # The project's own tests, lint and types run for every combination in test_matrix.py.
    assert_ok(uv(project, "sync", "--quiet"))

    with throwaway_database(project, database) as url:
        env = {"DATABASE_URL": url}
        # The fresh project: no revisions, no models, nothing to migrate.
        for command in (("upgrade", "head"), ("check",), ("downgrade", "base")):
            assert_ok(uv(project, "run", "alembic", *command, env=env))

        add_note_model(project)
        assert_ok(
            uv(project, "run", "alembic", "revision", "--autogenerate", "-m", "add notes", env=env)
        )
        (revision,) = (project / "migrations/versions").glob("*_add_notes.py")
        assert "uq_notes_title" in revision.read_text(), "the naming convention names it"
        assert_ok(uv(project, "run", "alembic", "upgrade", "head", env=env))
        assert_ok(uv(project, "run", "alembic", "check", env=env))
        assert_ok(uv(project, "run", "python", "-c", TIMESTAMPS_CHECK, env=env))
        assert_ok(uv(project, "run", "alembic", "downgrade", "base", env=env))
        assert_ok(uv(project, "run", "alembic", "upgrade", "head", env=env))
        # The generated revision is code the project signs: lint and types pass.
        for lint in (("ruff", "check", "."), ("ruff", "format", "--check", "."), ("mypy", ".")):
            assert_ok(uv(project, "run", *lint))


def test_database_none_generates_no_database_code(tmp_path: Path) -> None:
    project = generate(tmp_path / "plain", {"database": "none"})

    pyproject = (project / "pyproject.toml").read_text().lower()
    for package in ("sqlalchemy", "alembic", "aiosqlite", "asyncpg", "aiomysql"):
        assert package not in pyproject
    assert not (project / "alembic.ini").exists()
    assert sorted(p.name for p in (project / "migrations").iterdir()) == ["README.md"]
    assert "no database was chosen" in (project / "migrations/README.md").read_text()
    assert not (project / "config/db.py").exists()
    assert "DATABASE_URL" not in (project / ".env").read_text()
    assert "DATABASE_URL" not in (project / ".env.example").read_text()
    for path in project.rglob("*.py"):
        text = path.read_text()
        assert "sqlalchemy" not in text, path
        assert "config.db" not in text, path


# A route that holds a transaction open for a moment: the work a dropped client abandons.
PROBE_APP = '''"""The app plus one database-backed route, for the connection-drop test."""

from fastapi import APIRouter
from sqlalchemy import text

from app.routes.deps import SessionDep
from main import create_app

router = APIRouter()


@router.get("/sleep")
async def sleep(session: SessionDep) -> dict[str, bool]:
    await session.execute(text("SELECT pg_sleep(0.2)"))
    return {"slept": True}


app = create_app()
app.include_router(router)
'''

BURST = 40


def request_then_hang_up(port: int, path: str) -> None:
    """Send a request and reset the connection while the app is still working on it."""
    with socket.create_connection(("127.0.0.1", port), timeout=2) as sock:
        sock.sendall(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode())
        time.sleep(0.05)
        # Linger 0: close() sends a reset, as a client that crashes or times out does.
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))


def timed_get(url: str) -> tuple[int, float]:
    started = time.monotonic()
    with urllib.request.urlopen(url, timeout=5) as response:
        response.read()
        return response.status, time.monotonic() - started


def test_dropped_clients_leak_no_connection_on_postgres(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    require(POSTGRES)
    project = generate(tmp_path / "drop-test", {"database": "postgres"})
    assert_ok(uv(project, "sync", "--quiet"))
    (project / "probe.py").write_text(PROBE_APP)

    with throwaway_database(project, "postgres") as url:
        name = url.rsplit("/", 1)[1]
        monkeypatch.setenv("DATABASE_URL", url)
        # /health checks the schema too, so the database is brought to head first.
        assert_ok(uv(project, "run", "alembic", "upgrade", "head", env={"DATABASE_URL": url}))
        port = free_port()
        with serving(project, ["run", "uvicorn", "probe:app"], port) as base:
            # The burst: most clients hang up mid-request, the others wait for their answer.
            with ThreadPoolExecutor(max_workers=24) as pool:
                dropped = [pool.submit(request_then_hang_up, port, "/sleep") for _ in range(BURST)]
                waited = [pool.submit(timed_get, base + "/sleep") for _ in range(BURST // 2)]
                for future in dropped:
                    future.result()
                assert [future.result()[0] for future in waited] == [200] * (BURST // 2)

            time.sleep(0.5)  # the abandoned requests finish their sleep
            for path in ("/sleep", "/health") * 5:
                status, elapsed = timed_get(base + path)
                assert status == 200, path
                assert elapsed < 1.0, f"{path} took {elapsed:.2f}s after the burst"

            stuck = sql(
                project,
                "postgres",
                "SELECT count(*) FROM pg_stat_activity "
                f"WHERE datname = '{name}' AND state LIKE 'idle in transaction%'",
            )
            assert stuck == "0", f"{stuck} connections left idle in transaction"
