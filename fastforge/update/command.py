"""Run a `set` or `update`: lock, refuse unsafe starts, plan, lock the dependencies, write.

Everything the change writes, uv.lock included, is one journaled transaction: a failure or
a kill leaves every file as it was. Installing the new dependencies and rebuilding
docs/openapi.json come after, as steps that say how to finish by hand if they fail.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fastforge.errors import (
    DependencyLockError,
    DirtyTreeError,
    SchemaHistoryError,
    UnresolvedConflictError,
)
from fastforge.journal import JOURNAL_DIR
from fastforge.project.locate import ProjectContext
from fastforge.steps import StepResult, find_uv, uv_env
from fastforge.update.engine import OptionChange, plan_option_change, public_answers
from fastforge.update.text import has_markers
from fastforge.update.versions import KEY, current_template
from fastforge.writer import Outcome, Transaction


@dataclass(frozen=True)
class Flags:
    """The choices every option change shares."""

    dry_run: bool = False
    allow_dirty: bool = False
    markers: bool = False
    check_database: bool = True


@dataclass
class Result:
    """What happened, for the CLI to print."""

    outcomes: list[Outcome]
    change: OptionChange | None
    steps: list[StepResult]


def change_options(
    ctx: ProjectContext,
    transaction: Transaction,
    answers_for: Callable[[ProjectContext], dict[str, Any]],
    *,
    flags: Flags,
    reason: str,
) -> Result:
    """Move the locked project `ctx` to the installed template with `answers_for(ctx)`."""
    from fastforge import writer

    _refuse_markers(ctx.root)
    if not flags.allow_dirty:
        _refuse_dirty(ctx.root)
    answers = answers_for(ctx)
    current = ctx.answers.get(KEY) == current_template().identity
    if current and answers == public_answers(ctx.answers):
        return Result([], None, [])
    with transaction.scratch("update-") as workdir:
        change = plan_option_change(
            ctx, answers, workdir=Path(workdir), markers=flags.markers, reason=reason
        )
        if change.dependencies_changed:
            _plan_lock(ctx.root, change, Path(workdir) / "lock")
    if flags.check_database:
        _check_database(ctx.root, change)
    if flags.dry_run:
        return Result(writer.check(change.plan), change, [])
    outcomes = transaction.apply(change.plan)
    return Result(outcomes, change, [])


def finish(root: Path, change: OptionChange, transaction: Transaction) -> list[StepResult]:
    """Install the dependencies when they changed, then rebuild docs/openapi.json."""
    from fastforge import steps

    results = []
    if change.dependencies_changed and (root / ".venv").is_dir():
        results.append(steps.uv_sync(root))
    if (root / steps.OPENAPI).is_file() and all(r.ok for r in results):
        results.append(steps.refresh_openapi(root, transaction))
    return results


def prune_folders(root: Path, outcomes: list[Outcome]) -> None:
    """Remove folders that the change's deletions left empty (after it is done)."""
    from fastforge.writer import Status

    for outcome in outcomes:
        if outcome.status is not Status.DELETE:
            continue
        folder = (root / outcome.path).parent
        while folder != root and folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
            folder = folder.parent


def _refuse_markers(root: Path) -> None:
    left = []
    for path in _project_files(root):
        try:
            if has_markers(path.read_bytes()):
                left.append(path.relative_to(root).as_posix())
        except OSError:
            continue
    if left:
        raise UnresolvedConflictError(paths=left)


def _project_files(root: Path) -> list[Path]:
    git = shutil.which("git")
    if git and (root / ".git").exists():
        done = subprocess.run(
            [git, "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
            cwd=root,
            capture_output=True,
            check=False,
        )
        if done.returncode == 0:
            return [root / p for p in done.stdout.decode().split("\0") if p]
    skipped = {".git", ".venv", JOURNAL_DIR, "node_modules", "__pycache__"}
    return [
        p
        for p in root.rglob("*")
        if p.is_file() and not skipped.intersection(p.relative_to(root).parts)
    ]


def _refuse_dirty(root: Path) -> None:
    git = shutil.which("git")
    if git is None or not (root / ".git").exists():
        return
    done = subprocess.run(
        [git, "status", "--porcelain", "--untracked-files=all"],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )
    paths = [line[3:] for line in done.stdout.splitlines() if not line[3:].startswith(JOURNAL_DIR)]
    if paths:
        raise DirtyTreeError(paths=paths)


def _plan_lock(root: Path, change: OptionChange, scratch: Path) -> None:
    """Lock the merged pyproject.toml in a scratch copy, so uv.lock changes with the rest."""
    uv = find_uv()
    if uv is None or not (root / "uv.lock").is_file():
        return
    scratch.mkdir(parents=True)
    pyproject = next(c.content for c in change.plan.changes if c.path == Path("pyproject.toml"))
    (scratch / "pyproject.toml").write_bytes(pyproject or b"")
    shutil.copy2(root / "uv.lock", scratch / "uv.lock")
    if (root / "README.md").is_file():
        shutil.copy2(root / "README.md", scratch / "README.md")
    done = subprocess.run(
        [uv, "lock", "--quiet"], cwd=scratch, capture_output=True, text=True, env=uv_env()
    )
    if done.returncode != 0:
        lines = done.stderr.strip().splitlines()
        raise DependencyLockError(reason=lines[-1] if lines else "failed")
    change.plan.add("uv.lock", (scratch / "uv.lock").read_bytes(), edit=True)


def _check_database(root: Path, change: OptionChange) -> None:
    touched = [*change.migrations.deleted, *change.migrations.rewritten]
    if not touched:
        return
    from fastforge.devdb import read_database_state
    from fastforge.update.migrations import revision_of

    state = read_database_state(root)
    listed = ", ".join(touched)
    if state.heads is None:
        raise SchemaHistoryError(
            f"Could not check whether the development database ({state.url}) applied "
            f"{listed}: {state.error}. Start the database and run the command again, or "
            "pass --no-db-check if no database ever applied them."
        )
    from fastforge.migrations import read_graph

    applied = read_graph(root).applied(state.heads)
    hit = [p for p in touched if revision_of((root / p).read_bytes())[0] in applied]
    if hit:
        raise SchemaHistoryError(
            f"The development database ({state.url}) has applied {', '.join(hit)}, which this "
            "change would delete or rechain. Nothing was changed: downgrade below them first "
            "(`uv run alembic downgrade -1`, as often as needed), or keep the option."
        )
