"""What the project's development database has applied, asked through the project's Python."""

from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass
from pathlib import Path

from fastforge.steps import find_uv, uv_env

PROBE = Path(__file__).resolve().parent / "probes" / "applied_revisions.py"
TIMEOUT = 120  # `uv run` may first have to install the project's environment


@dataclass(frozen=True)
class DatabaseState:
    """The database's URL (no password) and its heads, or why it could not be asked."""

    url: str
    heads: tuple[str, ...] | None
    error: str = ""


def read_database_state(root: Path) -> DatabaseState:
    """Ask the development database of the project at `root` for its current revisions."""
    uv = find_uv()
    if uv is None:
        return DatabaseState(url="DATABASE_URL", heads=None, error="uv is not installed")
    if not (root / ".venv").is_dir():
        # Asking would install the environment and write uv.lock: not a side effect to have.
        return DatabaseState(
            url="DATABASE_URL",
            heads=None,
            error="the project's environment is not installed (run `uv sync`)",
        )
    try:
        done = subprocess.run(
            [uv, "run", "--frozen", "--quiet", "python", str(PROBE)],
            cwd=root,
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
            check=False,
            env=uv_env(),
        )
    except subprocess.TimeoutExpired:
        return DatabaseState(url="DATABASE_URL", heads=None, error=f"no answer in {TIMEOUT} s")
    lines = done.stdout.strip().splitlines()
    try:
        answer = json.loads(lines[-1]) if lines else {}
    except json.JSONDecodeError:
        answer = {}
    url = str(answer.get("url", "DATABASE_URL"))
    if "heads" in answer:
        return DatabaseState(url=url, heads=tuple(answer["heads"]))
    stderr = done.stderr.strip().splitlines()
    error = answer.get("error") or (stderr[-1] if stderr else f"exit status {done.returncode}")
    return DatabaseState(url=url, heads=None, error=str(error))
