"""Several processes on one database, as Kubernetes runs a project: nothing lives in one of them.

For each broker, two API processes (uvicorn on two loopback ports) and two Celery workers
share one PostgreSQL database: a token from one API is accepted by the other, a task
enqueued through one is read through the other, and when a worker is killed mid-run the
queued tasks finish on the other one. Two migration runs started at once take turns.
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from fastforge.steps import find_uv
from tests.databases import sql, throwaway_database
from tests.generated import free_port, in_background, request_json
from tests.helpers import assert_ok, generate, uv
from tests.services import POSTGRES, RABBITMQ, REDIS, Service, require

pytestmark = pytest.mark.slow

BROKERS: dict[str, tuple[Service, ...]] = {"redis": (REDIS,), "rabbitmq": (RABBITMQ, REDIS)}
EMAIL, PASSWORD = "replica@example.com", "a long enough password"
# Each count takes about a second, so a worker is killed while it runs one.
SLOW_COUNTS = [10_000_000 - i for i in range(6)]


@contextlib.contextmanager
def _worker(project: Path, name: str) -> Iterator[subprocess.Popen[str]]:
    """A Celery worker process of its own (one task at a time), stopped at the end.

    Its output goes to `<name>.log` beside the project, which a failed wait shows.
    """
    binary = find_uv()
    assert binary
    argv = [binary, "run", "celery", "-A", "app.tasks.worker", "worker", "--loglevel=INFO"]
    argv += ["--concurrency=1", f"--hostname={name}@%h", "--without-mingle", "--without-gossip"]
    log = (project.parent / f"{name}.log").open("w")
    process = subprocess.Popen(
        argv,
        cwd=project,
        stdout=log,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    try:
        yield process
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=30)
        log.close()


def _states(base: str, token: str, ids: list[str]) -> list[str]:
    states = []
    for task_id in ids:
        status, body = request_json("GET", f"{base}/api/v1/tasks/{task_id}", token=token)
        assert status == 200, body
        states.append(body["state"])
    return states


def _wait_for(condition: Any, timeout: float, what: Any, project: Path) -> None:
    """Wait until `condition()` holds, or fail with `what` (a string, or a function giving
    one) and the end of each worker's log."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    logs = "".join(
        f"\n--- {log.name} (last 40 lines)\n" + "\n".join(log.read_text().splitlines()[-40:])
        for log in sorted(project.parent.glob("*.log"))
    )
    raise AssertionError(f"{what() if callable(what) else what} within {timeout} s{logs}")


@pytest.mark.parametrize("broker", sorted(BROKERS))
def test_two_apis_and_two_workers_share_every_state(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, broker: str
) -> None:
    require(POSTGRES, *BROKERS[broker])
    project = generate(
        tmp_path / "replica-api", {"database": "postgres", "auth": "jwt", "celery": broker}
    )
    # Compiled, as the Docker image is: four processes that each compiled every import
    # started too slowly for the waits below on a loaded machine.
    assert_ok(uv(project, "sync", "--quiet", "--compile-bytecode"))
    with throwaway_database(project, "postgres") as url, contextlib.ExitStack() as stack:
        monkeypatch.setenv("DATABASE_URL", url)
        assert_ok(uv(project, "run", "alembic", "upgrade", "head"))
        binary = find_uv()
        assert binary
        a, b = (
            stack.enter_context(
                in_background(
                    project, [binary, "run", "fastapi", "run", "--port", str(port)], port=port
                )
            )
            for port in (free_port(), free_port())
        )
        assert a != b
        # Log in on A; B accepts the token: the signing key is the environment's, not a process's.
        status, _ = request_json(
            "POST", a + "/api/v1/auth/register", body={"email": EMAIL, "password": PASSWORD}
        )
        assert status == 201
        status, token = request_json(
            "POST", a + "/api/v1/auth/token", form={"username": EMAIL, "password": PASSWORD}
        )
        assert status == 200, token
        status, me = request_json("GET", b + "/api/v1/users/me", token=token["access_token"])
        assert (status, me["email"]) == (200, EMAIL)
        access = token["access_token"]

        first = stack.enter_context(_worker(project, "first"))
        stack.enter_context(_worker(project, "second"))
        # Both consuming before any task is sent, so that a slow start is not taken for a
        # worker that never gets a task.
        _wait_for(
            lambda: all(
                " ready." in (project.parent / f"{name}.log").read_text()
                for name in ("first", "second")
            ),
            180,
            "the two workers were not both ready",
            project,
        )

        # Enqueued through A, read through B: the result backend is shared.
        status, task = request_json(
            "POST", a + "/api/v1/tasks/prime-counts", body={"below": 100}, token=access
        )
        assert status == 202, task
        _wait_for(
            lambda: _states(b, access, [task["id"]]) == ["SUCCESS"],
            90,
            "the task enqueued through A did not succeed as read through B",
            project,
        )
        _, read = request_json("GET", f"{b}/api/v1/tasks/{task['id']}", token=access)
        assert read["result"]["count"] == 25

        ids = []
        for below in SLOW_COUNTS:
            status, task = request_json(
                "POST", a + "/api/v1/tasks/prime-counts", body={"below": below}, token=access
            )
            assert status == 202, task
            ids.append(task["id"])
        # Both workers busy (one task each), then the first one dies without warning.
        _wait_for(
            lambda: _states(b, access, ids).count("STARTED") >= 2,
            60,
            lambda: f"the two workers did not each start a task: {_states(b, access, ids)}",
            project,
        )
        os.killpg(first.pid, signal.SIGKILL)

        # RabbitMQ hands the killed worker's unacknowledged task to the other one at once;
        # Redis does after its visibility timeout (the hard time limit plus a minute), so
        # there every task but that one must finish now.
        lost = 0 if broker == "rabbitmq" else 1
        _wait_for(
            lambda: _states(b, access, ids).count("SUCCESS") >= len(ids) - lost,
            120,
            f"the queued tasks did not finish on the surviving worker ({broker})",
            project,
        )
        states = _states(b, access, ids)
        assert "FAILURE" not in states, states


def test_two_upgrades_at_once_take_turns(tmp_path: Path) -> None:
    """While one upgrade holds the lock, a second one waits; then both end at head."""
    require(POSTGRES)
    project = generate(tmp_path / "migrate-api", {"database": "postgres", "auth": "jwt"})
    # Compiled, as the Docker image is: four processes that each compiled every import
    # started too slowly for the waits below on a loaded machine.
    assert_ok(uv(project, "sync", "--quiet", "--compile-bytecode"))
    env_py = (project / "migrations" / "env.py").read_text()
    key = int(re.search(r"^MIGRATION_LOCK_KEY = ([\d_]+)$", env_py, re.M)[1])  # type: ignore[index]
    binary = find_uv()
    assert binary
    with throwaway_database(project, "postgres") as url:
        name = url.rsplit("/", 1)[1]
        env = {**os.environ, "DATABASE_URL": url}
        # Hold the lock from outside, as a first upgrade would while it runs.
        holder = subprocess.Popen(
            ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", name, "-v", "ON_ERROR_STOP=1"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert holder.stdin
        assert holder.stdout
        holder.stdin.write(f"SELECT pg_advisory_lock({key});\n\\echo locked\n")
        holder.stdin.flush()
        while "locked" not in holder.stdout.readline():
            pass
        upgrades = [
            subprocess.Popen(
                [binary, "run", "alembic", "upgrade", "head"],
                cwd=project,
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
            )
            for _ in range(2)
        ]
        time.sleep(8)
        assert [p.poll() for p in upgrades] == [None, None], "an upgrade did not wait"
        assert (
            sql(
                project,
                "postgres",
                f"SELECT count(*) FROM pg_stat_activity WHERE datname = '{name}' "
                "AND wait_event = 'advisory'",
            )
            == "2"
        )
        holder.stdin.write(f"SELECT pg_advisory_unlock({key});\n\\q\n")
        holder.stdin.close()
        holder.wait(timeout=30)
        for upgrade in upgrades:
            output, _ = upgrade.communicate(timeout=120)
            assert upgrade.returncode == 0, output
        heads = uv(project, "run", "alembic", "current", env={"DATABASE_URL": url})
        assert_ok(heads)
        assert "(head)" in heads.stdout
