"""A project made by plain `copier copy` from a git checkout updates with `copier update`."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from fastforge.update.migrations import revision_of
from tests.helpers import REPO


def run(cwd: Path, *args: str) -> None:
    done = subprocess.run(args, cwd=cwd, capture_output=True, text=True, check=False)
    assert done.returncode == 0, f"{args}:\n{done.stdout}\n{done.stderr}"


def test_copier_update_adds_celery_without_markers_or_a_second_head(tmp_path: Path) -> None:
    checkout = tmp_path / "fastforge"
    run(tmp_path, "git", "clone", "--quiet", str(REPO), str(checkout))
    project = tmp_path / "shop"
    copier = (sys.executable, "-m", "copier")
    run(tmp_path, *copier, "copy", "--defaults", "--vcs-ref", "HEAD", str(checkout), str(project))
    git = ("git", "-c", "user.name=t", "-c", "user.email=t@example.com")
    run(project, *git, "init", "-q")
    run(project, *git, "add", "-A")
    run(project, *git, "commit", "-qm", "copy")
    run(project, *copier, "update", "--defaults", "--data", "celery=redis")
    texts = [p for p in project.rglob("*") if p.is_file() and ".git" not in p.parts]
    assert [
        p for p in texts if any(line.startswith(b"<<<<<<<") for line in p.read_bytes().splitlines())
    ] == []
    assert (project / "app/routes/tasks.py").is_file()
    migrations = [
        revision_of(p.read_bytes()) for p in (project / "migrations/versions").glob("*.py")
    ]
    parents = {down for _, downs in migrations for down in downs}
    assert len([r for r, _ in migrations if r not in parents]) == 1
