"""Helpers shared by the tests: file trees, the project factory and the one `uv` runner."""

from __future__ import annotations

import atexit
import functools
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
# Tool state, not project content: left out when comparing or scanning trees.
NOT_CONTENT = frozenset(
    {".git", ".venv", "__pycache__", ".mypy_cache", ".ruff_cache", ".pytest_cache"}
)


def build_file_tree(root: Path, files: dict[str, str]) -> Path:
    """Create `files` ({relative path: text}) under root."""
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file under root with its bytes, to compare trees before and after."""
    if not root.exists():
        return {}
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and not NOT_CONTENT.intersection(p.relative_to(root).parts)
    }


def services_required() -> bool:
    """CI sets FASTFORGE_REQUIRE_SERVICES=1: a missing service is then a failure, not a skip."""
    return os.environ.get("FASTFORGE_REQUIRE_SERVICES") == "1"


def generate(target: Path, answers: dict[str, str] | None = None) -> Path:
    """Render a project with fastforge (no git, no install) and return its folder.

    Each name and set of answers is rendered once per test process, then copied: tests get
    their own tree without a Copier render each.
    """
    shutil.copytree(_rendered(target.name, tuple(sorted((answers or {}).items()))), target)
    return target


@functools.cache
def _rendered(name: str, answers: tuple[tuple[str, str], ...]) -> Path:
    from typer.testing import CliRunner

    from fastforge.cli import app

    folder = tempfile.mkdtemp(prefix="fastforge-render-")
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    target = Path(folder) / name
    data = [arg for key, value in answers for arg in ("--data", f"{key}={value}")]
    result = CliRunner().invoke(
        app, ["new", str(target), "--defaults", "--no-git", "--no-install", "--quiet", *data]
    )
    assert result.exit_code == 0, result.output
    return target


def uv(
    project: Path,
    *args: str,
    env: dict[str, str] | None = None,
    stdin: str | None = None,
    timeout: float = 900,
) -> subprocess.CompletedProcess[str]:
    """Run `uv ARGS` in the project, with extra environment variables; output is kept."""
    from fastforge.steps import find_uv

    binary = find_uv()
    assert binary, "uv is a dependency of fastforge and must be installed"
    return subprocess.run(
        [binary, *args],
        cwd=project,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
        env={**os.environ, **(env or {})},
    )


def assert_ok(done: subprocess.CompletedProcess[str]) -> None:
    """Fail with the command's own output."""
    assert done.returncode == 0, f"{done.args} failed:\n{done.stdout}\n{done.stderr}"
