"""Steps after rendering (git, dependency install) and after a change (docs/openapi.json).

A failed step never removes the rendered project; it returns what the user can
run to finish by hand.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fastforge.writer import Transaction


@dataclass(frozen=True)
class StepResult:
    """How a step ended; `hint` says how to finish by hand when it did not."""

    name: str
    ok: bool
    detail: str = ""
    hint: str = ""


def find_uv() -> str | None:
    """uv on PATH, or beside this Python (pip installs it there)."""
    found = shutil.which("uv")
    if found:
        return found
    sibling = Path(sys.executable).parent / "uv"
    return str(sibling) if sibling.is_file() else None


def uv_env() -> dict[str, str]:
    """The environment for the uv fastforge runs in a project: without VIRTUAL_ENV.

    fastforge's own virtual environment is not the project's; passed on, it makes every
    `uv run` warn that VIRTUAL_ENV does not match the project's .venv.
    """
    return {k: v for k, v in os.environ.items() if k != "VIRTUAL_ENV"}


def git_init(root: Path) -> StepResult:
    """Create a repository and commit the generated files."""
    git = shutil.which("git")
    if git is None:
        return StepResult("git", ok=False, detail="git is not installed", hint="git init")
    commands = [
        [git, "init", "--quiet"],
        [git, "add", "--all"],
        [git, "commit", "--quiet", "--message", "Initial commit from fastforge"],
    ]
    for command in commands:
        done = subprocess.run(command, cwd=root, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            return StepResult("git", ok=False, detail=_last_line(done.stderr), hint=GIT_BY_HAND)
    return StepResult("git", ok=True, detail="initial commit created")


GIT_BY_HAND = 'git init && git add --all && git commit -m "Initial commit"'


def uv_sync(root: Path) -> StepResult:
    """Install the project's dependencies into its own .venv."""
    uv = find_uv()
    if uv is None:
        return StepResult(
            "install", ok=False, detail="uv is not installed", hint="pip install uv && uv sync"
        )
    done = subprocess.run(
        # Not --compile-bytecode: compiling every installed module takes seconds, while Python
        # compiles and caches only what a run imports (the project's README has the trade-off).
        [uv, "sync"],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
        env=uv_env(),
    )
    if done.returncode != 0:
        return StepResult("install", ok=False, detail=_last_line(done.stderr), hint="uv sync")
    return StepResult("install", ok=True, detail="dependencies installed")


def _last_line(text: str) -> str:
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return lines[-1] if lines else "failed"


OPENAPI = Path("docs/openapi.json")
# Libraries a generated app imports, loaded while fastforge plans and writes the change:
# they are not the project's files, so loading them before the change is written is safe.
_WARM_IMPORTS = (
    "fastapi",
    "fastapi.routing",
    "fastapi.openapi.utils",
    "pydantic",
    "pydantic_settings",
    "sqlalchemy.orm",
    "sqlalchemy.ext.asyncio",
    "greenlet",
    "jwt",
    "pwdlib.hashers.argon2",
)
# The project's own serializer, run with stdout kept for the JSON alone: whatever the app
# prints while it starts goes to stderr, so it cannot end up inside the document. It loads
# the libraries first, then waits for a line on stdin before it imports the project's app;
# end of input without a line means the change was abandoned.
_PRINT_OPENAPI = f"""
import importlib, os, sys
out = os.fdopen(os.dup(1), "w", encoding="utf-8")
os.dup2(2, 1)
sys.stdout = sys.stderr
for name in {_WARM_IMPORTS!r}:
    try:
        importlib.import_module(name)
    except ImportError:
        pass
try:  # a throwaway app loads what FastAPI imports only when it builds routes and a schema
    from fastapi import FastAPI
    from pydantic import BaseModel
    class Warm(BaseModel):
        value: int
    warm = FastAPI()
    warm.post("/warm")(lambda body: body)
    warm.get("/warm", response_model=Warm)(lambda: None)
    warm.openapi()
except Exception:
    pass
if not sys.stdin.readline():
    sys.exit(0)
try:
    from app.commands.openapi import render_openapi
except ModuleNotFoundError:  # a project generated before the commands moved to app/commands
    from app.utils.openapi import render_openapi
from main import app
out.write(render_openapi(app.openapi()))
out.close()
"""
_REFRESH_BY_HAND = "uv run python -m app.commands.openapi"


class OpenAPIPrinter:
    """The project's interpreter, started ahead of the change, that prints its OpenAPI document.

    Its start-up and library imports overlap fastforge's planning and writing; the project's
    app is imported only when `refresh_openapi` asks, after the change is written.
    """

    def __init__(self, root: Path) -> None:
        self.root = root
        self.process: subprocess.Popen[bytes] | None = None
        self.problem = ""

    def start(self) -> None:
        """Start the interpreter: the project's .venv when there is one, else through uv."""
        python = self.root / ".venv" / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
        if python.is_file():
            command = [str(python), "-c", _PRINT_OPENAPI]
        else:
            uv = find_uv()
            if uv is None:
                self.problem = "uv is not installed"
                return
            command = [uv, "run", "--quiet", "python", "-c", _PRINT_OPENAPI]
        self.process = subprocess.Popen(
            command,
            cwd=self.root,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=uv_env(),
        )

    def print_document(self) -> tuple[int, bytes, str]:
        """Let the interpreter import the app; its exit status, document and error output."""
        if self.process is None:
            self.start()
        if self.process is None:
            return 1, b"", self.problem
        stdout, stderr = self.process.communicate(b"go\n")
        return self.process.returncode, stdout, stderr.decode(errors="replace")

    def close(self) -> None:
        """Stop an interpreter that was never asked (the change was abandoned or empty)."""
        if self.process is not None and self.process.returncode is None:
            self.process.kill()
            self.process.communicate()


def refresh_openapi(
    root: Path, change: Transaction, *, printer: OpenAPIPrinter | None = None
) -> StepResult:
    """Rebuild docs/openapi.json from the project's app, written as part of `change`.

    fastforge writes the file itself, so it is complete or unchanged, and a failed write
    undoes the whole change. The app failing to build leaves the file as it was.
    """
    from fastforge.writer import Plan

    printer = printer or OpenAPIPrinter(root)
    try:
        returncode, stdout, stderr = printer.print_document()
    finally:
        printer.close()
    if returncode != 0:
        return StepResult("openapi", ok=False, detail=_last_line(stderr), hint=_REFRESH_BY_HAND)
    try:
        document = json.loads(stdout)
    except ValueError:
        document = None
    if not isinstance(document, dict):
        return StepResult(
            "openapi", ok=False, detail="the app gave no OpenAPI document", hint=_REFRESH_BY_HAND
        )
    plan = Plan(root)
    plan.add(OPENAPI, stdout, edit=True)
    change.apply(plan)
    return StepResult("openapi", ok=True, detail="docs/openapi.json refreshed")
