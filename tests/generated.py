"""Helpers to serve and check a generated project, as its README tells users to."""

from __future__ import annotations

import atexit
import contextlib
import functools
import json
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import IO, Any

from fastforge.steps import find_uv
from tests.helpers import assert_ok, uv


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextlib.contextmanager
def serving(project: Path, command: list[str], port: int) -> Iterator[str]:
    """Start the project's server (`uv COMMAND --port PORT`) until /health; yield its URL."""
    binary = find_uv()
    assert binary
    with in_background(project, [binary, *command, "--port", str(port)], port=port) as base:
        yield base


@contextlib.contextmanager
def in_background(
    project: Path, argv: list[str], *, port: int, ready: str = "/health", timeout: float = 60
) -> Iterator[str]:
    """Run `argv` in its own process group until `ready` answers on the port; yield the URL.

    The whole group is stopped afterwards, so a server's reloader or workers go with it.
    """
    # Output goes to a file, not a pipe: nobody reads a pipe while the test runs, and a server
    # that logs a line per request would block once the pipe's buffer is full.
    with tempfile.TemporaryFile("w+") as output:
        process = subprocess.Popen(
            argv,
            cwd=project,
            stdout=output,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            _wait_until_up(base + ready, process, output, timeout)
            yield base
        finally:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)


def _wait_until_up(
    url: str, process: subprocess.Popen[str], output: IO[str], timeout: float = 60
) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            output.seek(0)
            raise AssertionError(f"server exited with {process.returncode}:\n{output.read()}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except urllib.error.HTTPError:
            return  # it answers: a 503 from /health is for the test to judge
        except OSError:
            pass
        time.sleep(0.3)
    raise AssertionError(f"{url} did not answer within {timeout}s")


def request_json(
    method: str,
    url: str,
    *,
    body: Any = None,
    form: Mapping[str, str] | None = None,
    token: str | None = None,
) -> tuple[int, Any]:
    """One request with a JSON or form body; the status and the decoded JSON answer, errors too."""
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    data = None
    if body is not None:
        data, headers["Content-Type"] = json.dumps(body).encode(), "application/json"
    elif form is not None:
        data = urllib.parse.urlencode(form).encode()
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    request = urllib.request.Request(url, data=data, headers=headers, method=method)
    try:
        with urllib.request.urlopen(request, timeout=15) as response:
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"null")


def get(url: str) -> tuple[int, bytes]:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.status, response.read()


# The test suite first, then lint and types.
CHECKS = (
    ("run", "pytest", "-q", "-p", "no:cacheprovider"),
    ("run", "ruff", "check", "."),
    ("run", "ruff", "format", "--check", "."),
    ("run", "mypy", "."),
)


@functools.cache
def _mypy_cache() -> str:
    """One mypy cache per test process, shared by every generated project it checks.

    mypy validates cached modules by content hash, so sharing stays correct while the
    third-party stubs (pydantic, SQLAlchemy, FastAPI) are analysed once, not per project.
    """
    folder = tempfile.mkdtemp(prefix="fastforge-mypy-")
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return folder


def check_project(project: Path, env: dict[str, str] | None = None, *, tests: bool = True) -> None:
    """Install the project and run its tests, lint and type checks; fail on the first red one.

    With `tests=False`, lint and type checks only.
    """
    assert_ok(uv(project, "sync", "--quiet"))
    for command in CHECKS if tests else CHECKS[1:]:
        assert_ok(uv(project, *command, env={"MYPY_CACHE_DIR": _mypy_cache(), **(env or {})}))
