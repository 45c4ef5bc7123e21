"""Requests per second of generated apps, against an `async def` hello, measured side by side.

Run: python bench/app_throughput.py [--rounds 3] [--duration 5] [--fsft PATH/backend]
                                    [--other PATH/bin/fastforge]

One run generates the default project (sqlite) and a postgres project with an `item`
resource of 100 rows, serves each with one uvicorn worker on 127.0.0.1 beside an `async def`
hello in the same environment (and full-stack-fastapi-template's backend, given a checkout
whose `.venv` has its dependencies), then runs `wrk -t1 -c50` against every case in turn,
round after round, so machine noise hits all alike. Every wrk run and every wait is bounded.
It prints medians and the ratios of issue 17's targets. `--other` names another
fastforge (say, an older checkout's): its default project and its postgres project are
served beside ours, in the same rounds, so a change is measured before and after in one run.
Needs wrk, uv, and PostgreSQL on 127.0.0.1:5432 (user postgres, trust); the scratch
databases are dropped at the end.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

HOST = "127.0.0.1"
ROWS = 100
PASSWORD = "bench-password-1234"
EMAIL = "bench@example.com"
HELLO = """from fastapi import FastAPI

app = FastAPI()


@app.get("/hello")
async def hello() -> dict[str, str]:
    return {"message": "hello"}
"""


@dataclass
class Case:
    """One URL served by one server, and the wrk figures of each round."""

    name: str
    url: str
    headers: dict[str, str] = field(default_factory=dict)
    rps: list[float] = field(default_factory=list)
    p99_ms: list[float] = field(default_factory=list)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        port: int = sock.getsockname()[1]
        return port


def wait_until_up(url: str, process: subprocess.Popen[bytes], *, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"the server for {url} exited with {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"{url} did not answer within {timeout:.0f} s")


@contextmanager
def serve(
    python: Path, app: str, *, cwd: Path, env: dict[str, str], log_level: str, probe: str
) -> Iterator[str]:
    """Serve `app` with one uvicorn worker on a free loopback port; yield its base URL."""
    port = free_port()
    base = f"http://{HOST}:{port}"
    command = [str(python), "-m", "uvicorn", app, "--host", HOST, "--port", str(port)]
    process = subprocess.Popen(
        [*command, "--log-level", log_level, "--no-server-header"],
        cwd=cwd,
        env=env,
        # The access lines are written (that is part of the cost), then thrown away.
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_until_up(base + probe, process)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


def run_wrk(case: Case, *, duration: int, connections: int) -> tuple[float, float]:
    """Requests per second and p99 latency in ms of one wrk run."""
    headers = [arg for name, value in case.headers.items() for arg in ("-H", f"{name}: {value}")]
    result = subprocess.run(
        ["wrk", "-t1", f"-c{connections}", f"-d{duration}s", "--latency", *headers, case.url],
        capture_output=True,
        text=True,
        check=True,
        timeout=duration + 30,
    )
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", result.stdout).group(1))  # type: ignore[union-attr]
    value, unit = re.search(r"99%\s+([\d.]+)(us|ms|s)", result.stdout).groups()  # type: ignore[union-attr]
    scale = {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]
    if re.search(r"Non-2xx or 3xx responses", result.stdout):
        raise SystemExit(f"{case.name}: wrk saw error responses:\n{result.stdout}")
    return rps, float(value) * scale


def request(
    method: str, url: str, *, data: bytes | None = None, headers: dict[str, str] | None = None
) -> object:
    req = urllib.request.Request(url, data=data, method=method, headers=headers or {})
    with urllib.request.urlopen(req, timeout=30) as response:
        body = response.read()
    return json.loads(body) if body else None


def post_json(url: str, body: object, token: str) -> object:
    headers = {"Content-Type": "application/json", "Authorization": f"Bearer {token}"}
    return request("POST", url, data=json.dumps(body).encode(), headers=headers)


def add_items(url: str, token: str) -> None:
    """POST ROWS items to the list endpoint `url`, so its page holds ROWS rows."""
    for number in range(ROWS):
        post_json(url, {"title": f"Item {number}", "description": "A thing"}, token)


def log_in(url: str) -> str:
    form = urllib.parse.urlencode({"username": EMAIL, "password": PASSWORD}).encode()
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    answer = request("POST", url, data=form, headers=headers)
    assert isinstance(answer, dict)
    return str(answer["access_token"])


def psql(sql: str) -> None:
    subprocess.run(
        ["psql", "-h", HOST, "-U", "postgres", "-q", "-c", sql],
        check=True,
        capture_output=True,
        timeout=60,
    )


def fastforge(*args: str, cwd: Path, binary: Path | None = None) -> None:
    binary = binary or Path(sys.executable).parent / "fastforge"
    subprocess.run([str(binary), *args, "-q"], cwd=cwd, check=True, timeout=600)


def project_env(project: Path, **settings: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "VIRTUAL_ENV"}
    env.update(SECRET_KEY=secrets.token_hex(32), ENVIRONMENT="production", **settings)
    env["PATH"] = f"{project / '.venv' / 'bin'}{os.pathsep}{env['PATH']}"
    return env


def migrate(python: Path | str, cwd: Path, env: dict[str, str]) -> None:
    """`alembic upgrade head` with a project's interpreter, its output kept unless it fails."""
    subprocess.run(
        [str(python), "-m", "alembic", "upgrade", "head"],
        cwd=cwd,
        env=env,
        check=True,
        timeout=120,
        capture_output=True,
    )


def prepare_postgres_project(
    scratch: Path, database: str, *, binary: Path | None = None, name: str = "pgapp"
) -> tuple[Path, dict[str, str]]:
    project = scratch / name
    fastforge(
        "new",
        str(project),
        "--defaults",
        "--no-git",
        "--data",
        "database=postgres",
        cwd=scratch,
        binary=binary,
    )
    fastforge(
        "add", "resource", "item", "title:str", "description:str?", cwd=project, binary=binary
    )
    url = f"postgresql+asyncpg://postgres@{HOST}:5432/{database}"
    psql(f'CREATE DATABASE "{database}"')
    env = project_env(project, DATABASE_URL=url)
    python = str(project / ".venv" / "bin" / "python")
    migrate(python, project, env)
    subprocess.run(
        [python, "-m", "app.commands.create_admin", EMAIL, "--password-stdin"],
        cwd=project,
        env=env,
        input=PASSWORD.encode(),
        check=True,
        capture_output=True,
        timeout=120,
    )
    return project, env


def prepare_fsft(backend: Path, database: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "VIRTUAL_ENV"}
    env.update(
        PROJECT_NAME="fsft",
        SECRET_KEY=secrets.token_hex(32),
        # Its settings build the database URL from these; its .env names another database.
        # Trust auth ignores the password, which its settings require to be set and changed.
        POSTGRES_SERVER=HOST,
        POSTGRES_PORT="5432",
        POSTGRES_USER="postgres",
        POSTGRES_PASSWORD=secrets.token_hex(8),
        POSTGRES_DB=database,
        FIRST_SUPERUSER=EMAIL,
        FIRST_SUPERUSER_PASSWORD=PASSWORD,
        ENVIRONMENT="production",
    )
    python = str(backend / ".venv" / "bin" / "python")
    psql(f'CREATE DATABASE "{database}"')
    migrate(python, backend, env)
    subprocess.run(
        [python, "-m", "app.initial_data"],
        cwd=backend,
        env=env,
        check=True,
        timeout=120,
        capture_output=True,
    )
    return env


def measure(cases: list[Case], *, rounds: int, duration: int, connections: int) -> None:
    for case in cases:  # warm-up: imports, pools and caches
        run_wrk(case, duration=1, connections=connections)
    for _ in range(rounds):
        for case in cases:
            rps, p99 = run_wrk(case, duration=duration, connections=connections)
            case.rps.append(rps)
            case.p99_ms.append(p99)


def report(cases: list[Case], *, rounds: int, duration: int, connections: int) -> None:
    by_name = {case.name: case for case in cases}
    rps = {name: statistics.median(case.rps) for name, case in by_name.items()}
    p99 = {name: statistics.median(case.p99_ms) for name, case in by_name.items()}
    print(f"wrk -t1 -c{connections} -d{duration}s, {rounds} interleaved rounds, medians")
    print(f"{'case':<46} {'req/s':>9} {'p99 ms':>9}")
    for name in by_name:
        print(f"{name:<46} {rps[name]:>9.0f} {p99[name]:>9.1f}")
    hello = rps["async def hello"]
    print()
    targets = [
        ("/api/v1/info / hello", rps["default: GET /api/v1/info"] / hello, ">= 0.80"),
        ("/health sqlite / hello", rps["default: GET /health (sqlite)"] / hello, ">= 0.50"),
        ("/health postgres / hello", rps["postgres: GET /health"] / hello, ">= 0.50"),
        (
            "access line cost on /health (1 - info/warning)",
            1
            - rps["default: GET /health (sqlite)"]
            / rps["default: GET /health, --log-level warning"],
            "< 0.05",
        ),
    ]
    if "fsft: GET /api/v1/items/ (100, authenticated)" in rps:
        ours = rps["postgres: GET /api/v1/items (100, authenticated)"]
        targets.append(
            (
                "list 100 / full-stack-fastapi-template's",
                ours / rps["fsft: GET /api/v1/items/ (100, authenticated)"],
                ">= 3.0",
            )
        )
    targets.append(
        ("list 100 p99 ms", p99["postgres: GET /api/v1/items (100, authenticated)"], "<= 250")
    )
    if "other: GET /api/v1/info" in rps:
        other_list = rps["other: GET /api/v1/items (100, authenticated)"]
        targets.append(
            (
                "list 100: ours / other's",
                rps["postgres: GET /api/v1/items (100, authenticated)"] / other_list,
                "(before and after)",
            )
        )
        if "fsft: GET /api/v1/items/ (100, authenticated)" in rps:
            targets.append(
                (
                    "other: list 100 / full-stack-fastapi-template's",
                    other_list / rps["fsft: GET /api/v1/items/ (100, authenticated)"],
                    ">= 3.0",
                )
            )
        targets += [
            ("other: /api/v1/info / hello", rps["other: GET /api/v1/info"] / hello, ">= 0.80"),
            (
                "other: access line cost on /health",
                1
                - rps["other: GET /health (sqlite)"]
                / rps["other: GET /health, --log-level warning"],
                "< 0.05",
            ),
        ]
    for name, value, target in targets:
        print(f"{name:<46} {value:>9.2f}   target {target}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--duration", type=int, default=5, help="seconds per wrk run")
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--fsft", type=Path, help="full-stack-fastapi-template's backend folder")
    parser.add_argument("--other", type=Path, help="another fastforge executable to compare")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed: apt-get install -y wrk")
    scratch = Path(tempfile.mkdtemp(prefix="fastforge-bench-"))
    suffix = secrets.token_hex(4)
    ours_db, fsft_db = f"bench_ours_{suffix}", f"bench_fsft_{suffix}"
    other_db = f"bench_other_{suffix}"
    try:
        default = scratch / "default"
        fastforge("new", str(default), "--defaults", "--no-git", cwd=scratch)
        (scratch / "hello.py").write_text(HELLO)
        default_env = project_env(default)
        python = default / ".venv" / "bin" / "python"
        migrate(python, default, default_env)
        pg, pg_env = prepare_postgres_project(scratch, ours_db)
        pg_python = pg / ".venv" / "bin" / "python"
        with (
            serve(
                python, "hello:app", cwd=scratch, env=default_env, log_level="info", probe="/hello"
            ) as hello,
            serve(
                python, "main:app", cwd=default, env=default_env, log_level="info", probe="/health"
            ) as app,
            serve(
                python,
                "main:app",
                cwd=default,
                env=default_env,
                log_level="warning",
                probe="/health",
            ) as quiet,
            serve(
                pg_python, "main:app", cwd=pg, env=pg_env, log_level="info", probe="/health"
            ) as pg_app,
            _maybe_fsft(args.fsft, fsft_db) as fsft,
            _maybe_other(args.other, scratch, other_db) as other,
        ):
            token = log_in(f"{pg_app}/api/v1/auth/token")
            add_items(f"{pg_app}/api/v1/items", token)
            cases = [
                Case("async def hello", f"{hello}/hello"),
                Case("default: GET /api/v1/info", f"{app}/api/v1/info"),
                Case("default: GET /health (sqlite)", f"{app}/health"),
                Case("default: GET /health, --log-level warning", f"{quiet}/health"),
                Case("postgres: GET /health", f"{pg_app}/health"),
                Case(
                    "postgres: GET /api/v1/items (100, authenticated)",
                    f"{pg_app}/api/v1/items?limit={ROWS}",
                    {"Authorization": f"Bearer {token}"},
                ),
            ]
            if other is not None:
                cases += [
                    Case("other: GET /api/v1/info", f"{other[0]}/api/v1/info"),
                    Case("other: GET /health (sqlite)", f"{other[0]}/health"),
                    Case("other: GET /health, --log-level warning", f"{other[1]}/health"),
                ]
                other_token = log_in(f"{other[2]}/api/v1/auth/token")
                add_items(f"{other[2]}/api/v1/items", other_token)
                cases.append(
                    Case(
                        "other: GET /api/v1/items (100, authenticated)",
                        f"{other[2]}/api/v1/items?limit={ROWS}",
                        {"Authorization": f"Bearer {other_token}"},
                    )
                )
            if fsft is not None:
                fsft_token = log_in(f"{fsft}/api/v1/login/access-token")
                add_items(f"{fsft}/api/v1/items/", fsft_token)
                cases.append(
                    Case(
                        "fsft: GET /api/v1/items/ (100, authenticated)",
                        f"{fsft}/api/v1/items/?limit={ROWS}",
                        {"Authorization": f"Bearer {fsft_token}"},
                    )
                )
            measure(cases, rounds=args.rounds, duration=args.duration, connections=args.connections)
        report(cases, rounds=args.rounds, duration=args.duration, connections=args.connections)
    finally:
        for database in (ours_db, fsft_db, other_db):
            psql(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        shutil.rmtree(scratch, ignore_errors=True)


@contextmanager
def _maybe_other(
    binary: Path | None, scratch: Path, database: str
) -> Iterator[tuple[str, str, str] | None]:
    """The other fastforge's default project, served at info and at warning level, and its
    postgres project with the item resource."""
    if binary is None:
        yield None
        return
    project = scratch / "other"
    fastforge("new", str(project), "--defaults", "--no-git", cwd=scratch, binary=binary)
    env = project_env(project)
    python = project / ".venv" / "bin" / "python"
    migrate(python, project, env)
    pg, pg_env = prepare_postgres_project(scratch, database, binary=binary, name="other-pg")
    pg_python = pg / ".venv" / "bin" / "python"
    with (
        serve(python, "main:app", cwd=project, env=env, log_level="info", probe="/health") as app,
        serve(
            python, "main:app", cwd=project, env=env, log_level="warning", probe="/health"
        ) as quiet,
        serve(
            pg_python, "main:app", cwd=pg, env=pg_env, log_level="info", probe="/health"
        ) as pg_app,
    ):
        yield app, quiet, pg_app


@contextmanager
def _maybe_fsft(backend: Path | None, database: str) -> Iterator[str | None]:
    if backend is None:
        yield None
        return
    backend = backend.resolve()
    env = prepare_fsft(backend, database)
    python = backend / ".venv" / "bin" / "python"
    with serve(
        python,
        "app.main:app",
        cwd=backend,
        env=env,
        log_level="info",
        probe="/api/v1/utils/health-check/",
    ) as base:
        yield base


if __name__ == "__main__":
    main()
