"""Steps after rendering: git and dependency install.

A failed step never removes the rendered project; it returns what the user can
run to finish by hand.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path


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
            return StepResult("git", ok=False, detail=_last_line(done.stderr), hint=_GIT_BY_HAND)
    return StepResult("git", ok=True, detail="initial commit created")


_GIT_BY_HAND = 'git init && git add --all && git commit -m "Initial commit"'


def uv_sync(root: Path) -> StepResult:
    """Install the project's dependencies into its own .venv."""
    uv = find_uv()
    if uv is None:
        return StepResult(
            "install", ok=False, detail="uv is not installed", hint="pip install uv && uv sync"
        )
    done = subprocess.run([uv, "sync"], cwd=root, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        return StepResult("install", ok=False, detail=_last_line(done.stderr), hint="uv sync")
    return StepResult("install", ok=True, detail="dependencies installed")


def _last_line(text: str) -> str:
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return lines[-1] if lines else "failed"


def refresh_openapi(root: Path) -> StepResult:
    """Rewrite docs/openapi.json from the project's app, as its README documents."""
    command = "uv run python -m app.utils.openapi"
    uv = find_uv()
    if uv is None:
        return StepResult("openapi", ok=False, detail="uv is not installed", hint=command)
    done = subprocess.run(
        [uv, "run", "--quiet", "python", "-m", "app.utils.openapi"],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        return StepResult("openapi", ok=False, detail=_last_line(done.stderr), hint=command)
    return StepResult("openapi", ok=True, detail="docs/openapi.json refreshed")
