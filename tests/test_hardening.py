"""The generated API under a fuzzer, and login timing: proof for the hardening of issue 12.

Each test runs a generated project (auth=jwt, a resource with every field type, references
and a many-to-many link, and an owned resource) as a real server on this machine, the way
its README runs it.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from fastforge.cli import app
from fastforge.steps import find_uv
from tests.databases import throwaway_database
from tests.generated import free_port, serving
from tests.helpers import assert_ok, generate, uv
from tests.services import POSTGRES, require

pytestmark = pytest.mark.slow

ADMIN_EMAIL = "admin@example.com"
USER_EMAIL = "user@example.com"
PASSWORD = "a long enough password"
TOKEN_PATH = "/api/v1/auth/token"
# Every field type, a public resource to reference and link to, a reference to users, and
# an owned resource whose rows reference and link other rows.
RESOURCES = [
    ["category", "name:str:unique", "--public"],
    [
        "product",
        *("title:str:unique", "body:text?", "price:decimal=9.99", "stock:int=0:index"),
        *("ratio:float?", "published:bool=false", "released:date", "starts_at:datetime"),
        *("code:uuid", "meta:json", "category:ref:categories?", "owner:ref:users"),
        "tags:many:categories",
    ],
    [
        "review",
        *("comment:text", "stars:int=5", "product:ref:products:cascade"),
        *("topics:many:categories", "--owned"),
    ],
]
# Fixed, so a failure reproduces; bounded, so both databases take about a minute each.
SEED = "12345"
MAX_EXAMPLES = "30"


def schemathesis_command(base: str, token: str) -> list[str]:
    """The fuzzing command tests/README.md documents."""
    binary = shutil.which("schemathesis") or str(Path(sys.executable).parent / "schemathesis")
    return [
        *(binary, "run", f"{base}/openapi.json"),
        *("--checks", "all", "--seed", SEED, "--max-examples", MAX_EXAMPLES),
        *("--header", f"Authorization: Bearer {token}"),
        "--no-color",
    ]


@contextlib.contextmanager
def served_project(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, database: str, *, cheap_hashing: bool
) -> Iterator[tuple[Path, str]]:
    """A generated project with an admin, on a throwaway database, served; yields its URL."""
    project = generate(tmp_path / "hardened", {"database": database, "auth": "jwt"})
    assert_ok(uv(project, "sync", "--quiet"))
    monkeypatch.chdir(project)
    for spec in RESOURCES:
        result = CliRunner().invoke(app, ["add", "resource", *spec])
        assert result.exit_code == 0, result.output
    with throwaway_database(project, database) as url:
        monkeypatch.setenv("DATABASE_URL", url)
        # The fuzzer and the timing test log in far more often than a person would.
        monkeypatch.setenv("LOGIN_ATTEMPTS_PER_ACCOUNT", "1000000")
        monkeypatch.setenv("LOGIN_ATTEMPTS_PER_ADDRESS", "1000000")
        # `serving` pipes the server's output and reads it only if it dies: an access log
        # line per request would fill the pipe and stall the server.
        monkeypatch.setenv("LOG_LEVEL", "WARNING")
        if cheap_hashing:
            # Argon2 at its cheapest, as the generated tests use it: the fuzzer registers
            # and logs in hundreds of times.
            cheapest = {
                "ARGON2_TIME_COST": "1",
                "ARGON2_MEMORY_COST": "8",
                "ARGON2_PARALLELISM": "1",
            }
            for name, value in cheapest.items():
                monkeypatch.setenv(name, value)
        env = {"DATABASE_URL": url}
        assert_ok(uv(project, "run", "alembic", "upgrade", "head", env=env))
        create_admin = ("run", "python", "-m", "app.commands.create_admin", ADMIN_EMAIL)
        done = subprocess.run(
            [find_uv() or "uv", *create_admin, "--password-stdin"],
            cwd=project,
            input=PASSWORD,
            capture_output=True,
            text=True,
            check=False,
            env={**os.environ, **env},
        )
        assert_ok(done)
        with serving(project, ["run", "fastapi", "run"], free_port()) as base:
            yield project, base


def post(url: str, *, form: dict[str, str] | None = None, body: object = None) -> int:
    """POST a form or a JSON body; return the status."""
    if form is not None:
        data, kind = urllib.parse.urlencode(form).encode(), "application/x-www-form-urlencoded"
    else:
        data, kind = json.dumps(body).encode(), "application/json"
    request = urllib.request.Request(url, data=data, headers={"Content-Type": kind})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return int(response.status)
    except urllib.error.HTTPError as error:
        return int(error.code)


def log_in(base: str, email: str) -> str:
    form = urllib.parse.urlencode({"username": email, "password": PASSWORD}).encode()
    with urllib.request.urlopen(base + TOKEN_PATH, data=form, timeout=30) as response:
        return str(json.loads(response.read())["access_token"])


@pytest.mark.parametrize("database", ["sqlite", "postgres"])
def test_schemathesis_finds_no_failure(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, database: str
) -> None:
    if database == "postgres":
        require(POSTGRES)
    with served_project(tmp_path, monkeypatch, database, cheap_hashing=True) as (_, base):
        registered = post(
            base + "/api/v1/auth/register", body={"email": USER_EMAIL, "password": PASSWORD}
        )
        assert registered == 201
        for token in (log_in(base, ADMIN_EMAIL), log_in(base, USER_EMAIL)):
            done = subprocess.run(
                schemathesis_command(base, token),
                capture_output=True,
                text=True,
                timeout=300,
                check=False,
            )
            summary = done.stdout[-3000:]
            assert done.returncode == 0, f"schemathesis failed on {database}:\n{summary}"
            # "1913 generated, 1913 passed": warnings may also say "generated".
            counts = next(
                line for line in summary.splitlines() if re.match(r"\s*\d+ generated", line)
            )
            assert "found" not in counts, summary
            print(database, counts.strip())


def test_login_costs_the_same_for_known_and_unknown_emails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Medians over 20 interleaved tries differ by less than 25%, for any password length."""
    # The default Argon2 cost: the timing a deployment would show.
    with served_project(tmp_path, monkeypatch, "sqlite", cheap_hashing=False) as (_, base):
        url = base + TOKEN_PATH
        for password in (PASSWORD, "x" * 10_240):
            known: list[float] = []
            unknown: list[float] = []
            for attempt in range(20):
                for email, times in (
                    (ADMIN_EMAIL, known),
                    (f"nobody{attempt}@example.com", unknown),
                ):
                    started = time.perf_counter()
                    post(url, form={"username": email, "password": password})
                    times.append(time.perf_counter() - started)
            quicker, slower = sorted((statistics.median(known), statistics.median(unknown)))
            difference = (slower - quicker) / slower
            print(f"{len(password)} characters: medians differ by {difference:.1%}")
            assert difference < 0.25, (
                f"password of {len(password)} characters: medians differ by {difference:.0%}"
            )
