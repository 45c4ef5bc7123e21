"""File checks a generated project must pass: hadolint, JSON schemas, no Jinja left behind."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

# A Jinja expression (`{{ name }}`, `{{ x | f }}`) or tag (`{% if ... %}`); nested dict
# literals such as `{"a": {...}}` are Python, not leftovers.
_JINJA = re.compile(
    r"\{\{-?\s*[A-Za-z_][\w.]*\s*(\|[^}]*)?-?\}\}|\{%-?\s*[a-z]+\b|\b[a-z]+\s*-?%\}"
)
_SKIPPED_DIRS = {".git", ".venv", "__pycache__", ".mypy_cache", ".ruff_cache", ".pytest_cache"}


def tool(name: str) -> str:
    """A command-line tool from fastforge's dev extra, found beside this Python first."""
    beside = Path(sys.executable).parent / name
    found = str(beside) if beside.is_file() else shutil.which(name)
    assert found, f"{name} is missing: pip install -e '.[dev]'"
    return found


def run_tool(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, capture_output=True, text=True, check=False, timeout=120)


def validate_schema(schema: str, path: Path) -> None:
    """`check-jsonschema --builtin-schema SCHEMA PATH` must pass."""
    done = run_tool(tool("check-jsonschema"), "--builtin-schema", schema, str(path))
    assert done.returncode == 0, f"{path.name} breaks {schema}:\n{done.stdout}{done.stderr}"


def hadolint_clean(dockerfile: Path) -> None:
    """hadolint finds nothing at all, not even a style note."""
    done = run_tool(tool("hadolint"), "--no-color", "--failure-threshold", "style", str(dockerfile))
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout == "", done.stdout


def jinja_leftovers(root: Path) -> list[str]:
    """Files (and file names) under root that still hold Jinja syntax."""
    found = []
    for path in root.rglob("*"):
        rel = path.relative_to(root)
        if _SKIPPED_DIRS.intersection(rel.parts):
            continue
        if _JINJA.search(str(rel)) or (
            path.is_file() and _JINJA.search(path.read_text(encoding="utf-8", errors="replace"))
        ):
            found.append(str(rel))
    return found
