"""A new user's first hour, against the real servers: the README's run command on a missing
database, `add resource` and the command it prints, then `remove` and re-`add` on a migrated
database, which must refuse and leave the schema history as it was.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from fastforge.project.commands import run_and_test
from tests.databases import sql
from tests.generated import free_port, in_background, request_json
from tests.helpers import assert_ok, generate, snapshot, uv
from tests.services import MARIADB, POSTGRES, require

pytestmark = pytest.mark.slow

# `fastapi dev` in the README serves on its default port; nothing else in the suite uses it.
README_PORT = 8000
PASSWORD = "correct horse battery staple"
VERSIONS = Path("migrations/versions")


def fastforge(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run the installed fastforge CLI in the project, as a user would."""
    return subprocess.run(
        [sys.executable, "-m", "fastforge", *args],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env={**os.environ, "COLUMNS": "200"},
    )


@contextlib.contextmanager
def running(project: Path, command: str, port: int = README_PORT) -> Iterator[str]:
    """Run a shell command line in the background, in its own process group, until /docs."""
    with in_background(
        project, ["bash", "-c", command], port=port, ready="/docs", timeout=240
    ) as base:
        yield base


def readme_run_command(project: Path) -> str:
    """The README's run command, without its trailing comment."""
    lines = [line for line in run_and_test(project) if "pytest" not in line]
    assert len(lines) == 1, lines
    return lines[0].split("   #")[0].strip()


def printed_migration_command(output: str) -> str:
    """The command `add resource` printed to apply its migration."""
    lines = [line.strip() for line in output.splitlines() if "alembic upgrade head" in line]
    assert lines, output
    return lines[0].split("   #")[0].strip()


def drop_dev_database(project: Path, database: str, name: str) -> None:
    if database == "sqlite":
        (project / f"{name}.db").unlink(missing_ok=True)
    else:
        force = " WITH (FORCE)" if database == "postgres" else ""
        sql(project, database, f"DROP DATABASE IF EXISTS {name}{force}")


def migration_files(project: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((project / VERSIONS).glob("*.py"))}


@pytest.mark.parametrize("database", ["sqlite", "postgres", "mysql"])
def test_first_hour_keeps_the_schema_history(tmp_path: Path, database: str) -> None:
    if database == "postgres":
        require(POSTGRES)
    if database == "mysql":
        require(MARIADB)
    name = f"first_{database}_{uuid.uuid4().hex[:6]}"
    project = generate(tmp_path / name, {"database": database})
    assert_ok(uv(project, "sync", "--quiet"))
    drop_dev_database(project, database, name)
    command = readme_run_command(project)
    # The README's run command is shared by the three databases' runs: one at a time.
    with _readme_port(), running(project, command) as base:
        assert request_json("GET", base + "/health")[0] == 200
        email = f"ada-{database}@example.com"
        status, _ = request_json(
            "POST", base + "/api/v1/auth/register", body={"email": email, "password": PASSWORD}
        )
        assert status == 201
        status, token_body = request_json(
            "POST",
            base + "/api/v1/auth/token",
            form={"username": email, "password": PASSWORD},
        )
        assert status == 200, token_body
        token = str(token_body["access_token"])

    added = fastforge(project, "add", "resource", "product", "title:str", "price:decimal=0")
    assert added.returncode == 0, added.stderr
    migrate = printed_migration_command(added.stdout)
    assert_ok(
        subprocess.run(
            ["bash", "-c", migrate], cwd=project, capture_output=True, text=True, check=False
        )
    )
    with _readme_port(), running(project, command) as base:
        assert request_json("GET", base + "/health")[0] == 200
        status, _ = request_json(
            "POST", base + "/api/v1/products", body={"title": "Mug", "price": "3.50"}, token=token
        )
        assert status == 201
        assert request_json("GET", base + "/api/v1/products", token=token)[0] == 200

    # The product migration is applied: neither remove nor a re-add with other fields may
    # touch it, and both say what to do instead.
    before = snapshot(project)
    removed = fastforge(project, "remove", "resource", "product")
    assert removed.returncode == 1
    assert "alembic downgrade" in removed.stderr + removed.stdout
    assert "Traceback" not in removed.stderr
    readded = fastforge(project, "add", "resource", "product", "title:str", "sku:str", "--force")
    assert readded.returncode == 1
    assert "sku:str" in readded.stderr + readded.stdout
    assert "price:decimal=0" in readded.stderr + readded.stdout
    assert snapshot(project) == before
    for check in (("alembic", "upgrade", "head"), ("alembic", "check")):
        assert_ok(uv(project, "run", *check))

    # --drop-table keeps the history and adds a migration; until it is applied, /health
    # names it as pending.
    history = migration_files(project)
    dropped = fastforge(project, "remove", "resource", "product", "--drop-table")
    assert dropped.returncode == 0, dropped.stderr
    after = migration_files(project)
    assert {k: v for k, v in after.items() if k in history} == history
    (new_migration,) = set(after) - set(history)
    assert "_drop_products" in new_migration
    port = free_port()
    with running(project, f"uv run fastapi run --port {port}", port) as base:
        status, health = request_json("GET", base + "/health")
        assert status == 503
        assert health["checks"] == {"database": "ok", "migrations": "error"}  # type: ignore[comparison-overlap]
        assert new_migration.split("_")[0] in str(health["details"])
    for step in (("upgrade", "head"), ("check",), ("downgrade", "-1"), ("upgrade", "head")):
        assert_ok(uv(project, "run", "alembic", *step))
    with running(project, f"uv run fastapi run --port {port}", port) as base:
        assert request_json("GET", base + "/health")[0] == 200
        status, _ = request_json(
            "POST",
            base + "/api/v1/auth/token",
            form={"username": email, "password": PASSWORD},
        )
        assert status == 200  # the users table kept its rows through the drop and back
    drop_dev_database(project, database, name)


@contextlib.contextmanager
def _readme_port() -> Iterator[None]:
    """Hold an exclusive lock while the README's fixed port is in use by one test."""
    import fcntl

    with open(Path(os.environ.get("TMPDIR", "/tmp")) / "fastforge-readme-port.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


@pytest.mark.parametrize("database", ["postgres", "mysql"])
def test_server_faults_are_one_line_and_change_nothing(tmp_path: Path, database: str) -> None:
    require(POSTGRES if database == "postgres" else MARIADB)
    project = generate(tmp_path / f"faults_{database}", {"database": database, "auth": "none"})
    assert_ok(uv(project, "sync", "--quiet"))
    role = f"ff_nocreate_{uuid.uuid4().hex[:6]}"
    server = "127.0.0.1:5432" if database == "postgres" else "127.0.0.1:3306"
    scheme = "postgresql+asyncpg" if database == "postgres" else "mysql+aiomysql"
    if database == "postgres":
        sql(project, database, f"CREATE ROLE {role} LOGIN")
    else:
        sql(project, database, f"CREATE USER '{role}'@'%'")
    try:
        missing = f"missing_{uuid.uuid4().hex[:6]}"
        done = uv(
            project,
            "run",
            "alembic",
            "upgrade",
            "head",
            env={"DATABASE_URL": f"{scheme}://{role}@{server}/{missing}"},
        )
        assert done.returncode != 0
        assert "Traceback" not in done.stdout + done.stderr
        failed = [line for line in (done.stdout + done.stderr).splitlines() if "FAILED" in line]
        assert len(failed) == 1, done.stdout + done.stderr
        assert "may not create databases. Ask an admin to run: CREATE DATABASE" in failed[0]
        assert missing in failed[0]
    finally:
        drop = f"DROP ROLE {role}" if database == "postgres" else f"DROP USER '{role}'@'%'"
        sql(project, database, drop)

    down = f"{scheme}://root:hunter2@127.0.0.1:{free_port()}/app"
    done = uv(project, "run", "alembic", "upgrade", "head", env={"DATABASE_URL": down})
    assert done.returncode != 0
    assert "Cannot reach the database server" in done.stdout
    assert "hunter2" not in done.stdout + done.stderr
    assert "Traceback" not in done.stdout + done.stderr

    added = fastforge(project, "add", "resource", "note", "body:text", "--no-refresh")
    assert added.returncode == 0, added.stderr
    before = snapshot(project)
    unreachable = subprocess.run(
        [sys.executable, "-m", "fastforge", "remove", "resource", "note", "--no-refresh"],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "DATABASE_URL": down, "COLUMNS": "300"},
    )
    assert unreachable.returncode == 1
    assert "Could not check whether the development database" in unreachable.stderr
    assert "--no-db-check" in unreachable.stderr
    assert "hunter2" not in unreachable.stderr
    assert snapshot(project) == before
    told = fastforge(project, "remove", "resource", "note", "--no-refresh", "--no-db-check")
    assert told.returncode == 0, told.stderr
    assert not list((project / VERSIONS).glob("*_create_notes.py"))
