"""File checks a generated project must pass: hadolint, JSON schemas, no Jinja left behind."""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from tests.helpers import NOT_CONTENT

# A Jinja expression (`{{ name }}`, `{{ x | f }}`) or tag (`{% if ... %}`); nested dict
# literals such as `{"a": {...}}` are Python, not leftovers.
_JINJA = re.compile(
    r"\{\{-?\s*[A-Za-z_][\w.]*\s*(\|[^}]*)?-?\}\}|\{%-?\s*[a-z]+\b|\b[a-z]+\s*-?%\}"
)


def tool(name: str) -> str:
    """A command-line tool from fastforge's dev extra, found beside this Python first."""
    beside = Path(sys.executable).parent / name
    found = str(beside) if beside.is_file() else shutil.which(name)
    assert found, f"{name} is missing: pip install -e '.[dev]'"
    return found


def run_tool(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, capture_output=True, text=True, check=False, timeout=120)


# Many combinations render the same Dockerfile, compose or CI file: each distinct content
# is checked once per test process, and a failure is reported for every file that has it.
_verdicts: dict[tuple[str, str], str] = {}


def _checked(kind: str, path: Path, check: Callable[[], str]) -> None:
    key = (kind, hashlib.sha256(path.read_bytes()).hexdigest())
    if key not in _verdicts:
        _verdicts[key] = check()
    assert not _verdicts[key], f"{path.name}: {_verdicts[key]}"


def validate_schema(schema: str, path: Path) -> None:
    """`check-jsonschema --builtin-schema SCHEMA PATH` must pass."""

    def check() -> str:
        done = run_tool(tool("check-jsonschema"), "--builtin-schema", schema, str(path))
        return "" if done.returncode == 0 else f"breaks {schema}:\n{done.stdout}{done.stderr}"

    _checked(schema, path, check)


def hadolint_clean(dockerfile: Path) -> None:
    """hadolint finds nothing at all, not even a style note."""

    def check() -> str:
        done = run_tool(
            tool("hadolint"), "--no-color", "--failure-threshold", "style", str(dockerfile)
        )
        return "" if done.returncode == 0 and not done.stdout else done.stdout + done.stderr

    _checked("hadolint", dockerfile, check)


def jinja_leftovers(root: Path) -> list[str]:
    """Files (and file names) under root that still hold Jinja syntax."""
    found = []
    for path in root.rglob("*"):
        rel = path.relative_to(root)
        if NOT_CONTENT.intersection(rel.parts):
            continue
        if _JINJA.search(str(rel)) or (
            path.is_file() and _JINJA.search(path.read_text(encoding="utf-8", errors="replace"))
        ):
            found.append(str(rel))
    return found
