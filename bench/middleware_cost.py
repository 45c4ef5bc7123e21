"""Microseconds per request that each middleware of the generated app adds, in process.

Run: python bench/middleware_cost.py [rounds]
It generates the default project, then, in the project's own interpreter, calls the app
through ASGI (no server, no sockets) for GET /health/live and GET /api/v1/info: with every
middleware, with none, and with one at a time, beside an `async def` hello. Each figure is
the best of `rounds` runs of 4,000 requests. This is where /api/v1/info's time goes beyond
a hello's: the server's own share (parsing, sockets) is the same for both and not here.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from app_throughput import fastforge, migrate, project_env

REQUESTS = 4000


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    scratch = Path(tempfile.mkdtemp(prefix="fastforge-bench-"))
    try:
        project = scratch / "demo"
        fastforge("new", str(project), "--defaults", "--no-git", cwd=scratch)
        env = project_env(project, PYTHONPATH=".")
        python = project / ".venv" / "bin" / "python"
        migrate(python, project, env)
        subprocess.run(
            [str(python), __file__, "--inside", str(rounds)], cwd=project, env=env, check=True
        )
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


async def per_request(app: Any, path: str) -> float:
    """Microseconds per GET of `path`, after a warm-up."""
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "root_path": "",
        "headers": [(b"host", b"bench")],
        "client": ("127.0.0.1", 1),
        "server": ("127.0.0.1", 80),
    }

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        pass

    for _ in range(200):
        await app({**scope, "state": {}}, receive, send)
    start = time.perf_counter()
    for _ in range(REQUESTS):
        await app({**scope, "state": {}}, receive, send)
    return (time.perf_counter() - start) / REQUESTS * 1e6


def middleware_names(project_main: Any) -> list[str]:
    """The middlewares `add_middlewares` installs, by class name, innermost first."""
    from fastapi import FastAPI

    names: list[str] = []
    app = FastAPI()
    app.add_middleware = lambda cls, *a, **k: names.append(cls.__name__)  # type: ignore[method-assign]
    project_main.add_middlewares(app, project_main.get_settings())
    return names


def build(project_main: Any, kept: set[str]) -> Any:
    """The project's app with only the middlewares named in `kept`."""
    add_middlewares = project_main.add_middlewares

    def add(app: Any, settings: Any) -> None:
        real = app.add_middleware

        def only_kept(cls: type, *args: Any, **kwargs: Any) -> None:
            if cls.__name__ in kept:
                real(cls, *args, **kwargs)

        app.add_middleware = only_kept
        add_middlewares(app, settings)
        app.add_middleware = real

    project_main.add_middlewares = add
    try:
        return project_main.create_app()
    finally:
        project_main.add_middlewares = add_middlewares


async def measure(project_main: Any, hello: Any, rounds: int) -> None:
    """Every variant once per round, so drift hits all alike; print the best of each."""
    import logging

    names = middleware_names(project_main)
    variants = {"every middleware": set(names), "no middleware": set()}
    variants.update({f"only {name}": {name} for name in names})
    figures: dict[str, list[tuple[float, float]]] = {label: [] for label in variants}
    hello_figures = []
    for _ in range(rounds):
        hello_figures.append(await per_request(hello, "/hello"))
        for label, kept in variants.items():
            app = build(project_main, kept)
            async with app.router.lifespan_context(app):
                logging.getLogger("app.access").setLevel(logging.INFO)
                live = await per_request(app, "/health/live")
                info = await per_request(app, "/api/v1/info")
            figures[label].append((live, info))
    out = sys.stderr
    header = f"{'case (best of rounds)':<40} {'/health/live us':>16} {'/api/v1/info us':>16}"
    print(header, file=out)
    print(f"{'async def hello (/hello)':<40} {min(hello_figures):>16.1f}", file=out)
    for label, pairs in figures.items():
        live, info = min(p[0] for p in pairs), min(p[1] for p in pairs)
        print(f"{label:<40} {live:>16.1f} {info:>16.1f}", file=out)


def inside(rounds: int) -> None:
    """Runs in the generated project's interpreter, from its folder."""
    import main as project_main
    from fastapi import FastAPI

    hello = FastAPI()

    @hello.get("/hello")
    async def say_hello() -> dict[str, str]:
        return {"message": "hello"}

    # The app's access lines are written, as under a server, to nowhere; figures to stderr.
    with open(os.devnull, "w") as nowhere:
        sys.stdout = nowhere
        asyncio.run(measure(project_main, hello, rounds))


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--inside":
        inside(int(sys.argv[2]))
    else:
        main()
