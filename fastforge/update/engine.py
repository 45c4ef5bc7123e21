"""One engine for `set` and `update`: render the base and the new project, merge 3 ways.

The base is the template the project came from, rendered with its old answers and its own
secrets; the new render is the installed template with the new answers. For each file:
unchanged by the template, it stays as it is; untouched by the user, it is replaced; else
the two changes are merged (lines, then by meaning: Python statements, `.env` keys,
pyproject tables). Migrations follow `fastforge.update.migrations`; docs/openapi.json and
uv.lock are rebuilt afterwards, never merged.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fastforge import manifest
from fastforge.errors import (
    InvalidAnswerError,
    MergeConflictError,
    NotPythonError,
    TemplateVersionError,
    UpdateConflictError,
)
from fastforge.project.locate import ANSWERS_FILE, ProjectContext
from fastforge.update import secrets
from fastforge.update.migrations import MigrationChange, is_migration, plan_migrations
from fastforge.update.registries import REGISTRIES, merge_registry
from fastforge.update.structured import merge_env, merge_pyproject
from fastforge.update.text import merge_text
from fastforge.update.versions import KEY, Template, current_template, template_for
from fastforge.writer import Plan

# Rebuilt after the merge from the merged project, never merged as text.
REBUILT = ("docs/openapi.json", "uv.lock")
PYPROJECT = "pyproject.toml"


@dataclass
class OptionChange:
    """What a `set` or `update` writes, and what the user runs next."""

    plan: Plan
    answers: dict[str, Any]
    conflicts: list[str] = field(default_factory=list)
    migrations: MigrationChange = field(default_factory=MigrationChange)

    @property
    def dependencies_changed(self) -> bool:
        return any(c.path == Path(PYPROJECT) for c in self.plan.changes)


def public_answers(answers: Mapping[str, Any]) -> dict[str, Any]:
    """The user's answers in an answers file, without copier's and fastforge's bookkeeping."""
    return {k: v for k, v in answers.items() if not k.startswith("_")}


def plan_option_change(
    ctx: ProjectContext,
    answers: Mapping[str, Any],
    *,
    workdir: Path,
    markers: bool = False,
    reason: str = "",
) -> OptionChange:
    """Plan moving the project to the installed template with `answers`."""
    identity = ctx.answers.get(KEY)
    if not isinstance(identity, str):
        raise TemplateVersionError(identity=None, current=current_template().identity)
    _refuse_lost_resources(ctx, answers)
    old = public_answers(ctx.answers)
    with template_for(identity, scratch=workdir) as template:
        raw_base = _render(ctx, template, old, secrets.placeholders(), workdir / "base")
    mine = _read(ctx.root, raw_base)
    known = secrets.recover(raw_base, mine)
    base = secrets.fill(raw_base, known)
    new = _render(ctx, None, dict(answers), known, workdir / "new")
    return merge_trees(
        ctx,
        base=base,
        new=new,
        answers=dict(answers),
        markers=markers,
        reason=reason,
        workdir=workdir,
    )


def merge_trees(
    ctx: ProjectContext,
    *,
    base: Mapping[str, bytes],
    new: Mapping[str, bytes],
    answers: dict[str, Any],
    markers: bool = False,
    reason: str = "",
    workdir: Path | None = None,
) -> OptionChange:
    """The plan that brings the change from `base` to `new` into the project at `ctx.root`."""
    paths = sorted((set(base) | set(new)) - {*REBUILT, ANSWERS_FILE})
    mine = _read(ctx.root, paths)
    change = OptionChange(Plan(ctx.root), answers)
    python: dict[str, bytes] = {}
    for path in (p for p in paths if not is_migration(p)):
        versions = (base.get(path), mine.get(path), new.get(path))
        merged = _merge_file(path, *versions, change, markers=markers, scratch=workdir)
        if merged is not _KEEP:
            if path.endswith(".py") and merged is not None and merged != new.get(path):
                python[path] = merged  # type: ignore[assignment]
            else:
                _plan(change, ctx.root, path, merged)  # type: ignore[arg-type]
    if python:
        from fastforge.formatting import format_python

        for path, formatted in format_python(python, root=ctx.root).items():
            _plan(change, ctx.root, path, formatted)
    migrations = {p: c for p, c in mine.items() if is_migration(p)}
    migrations.update(_read(ctx.root, _project_migrations(ctx.root)))
    change.migrations = plan_migrations(
        base={p: c for p, c in base.items() if is_migration(p)},
        new={p: c for p, c in new.items() if is_migration(p)},
        mine=migrations,
        reason=reason or "This change",
    )
    for path, content in change.migrations.files.items():
        _plan(change, ctx.root, path, content)
    if change.conflicts and not markers:
        raise UpdateConflictError(hunks=change.conflicts)
    if not change.conflicts:
        _plan(change, ctx.root, ANSWERS_FILE, new[ANSWERS_FILE])
    return change


_KEEP = object()


def _merge_file(
    path: str,
    base: bytes | None,
    mine: bytes | None,
    new: bytes | None,
    change: OptionChange,
    *,
    markers: bool,
    scratch: Path | None,
) -> bytes | object | None:
    """The file's content after the merge, None to delete it, or _KEEP to leave it."""
    if new == base or mine == new:
        return _KEEP
    if mine == base:
        return new
    if mine is None:
        return _KEEP  # the user deleted it: that stays
    if base is None or new is None:
        what = "is where the template now adds a file" if base is None else "is removed by it"
        change.conflicts.append(f"{path}: your file {what}")
        return _KEEP
    text = merge_text(base=base, mine=mine, new=new, scratch=scratch)
    if not text.conflicts:
        return text.content
    structured = _merge_by_meaning(path, base, mine, new)
    if structured is not None:
        return structured
    change.conflicts.extend(f"{path}: lines {a}-{b}" for a, b in text.conflicts)
    return text.content if markers else _KEEP


def _merge_by_meaning(path: str, base: bytes, mine: bytes, new: bytes) -> bytes | None:
    try:
        texts = {"base": base.decode(), "mine": mine.decode(), "new": new.decode()}
    except UnicodeDecodeError:
        return None  # not UTF-8 text: its conflicts stay as git merge-file reports them
    name = Path(path).name
    if name in (".env", ".env.example"):
        merged = merge_env(**texts)
    elif path == PYPROJECT:
        merged = merge_pyproject(**texts)
    elif path in REGISTRIES:
        merged = merge_registry(path=path, **texts)
    elif path.endswith(".py"):
        from fastforge.merge import merge_module

        try:
            merged = merge_module(path=path, **texts)
        except (MergeConflictError, NotPythonError):
            merged = None
    else:
        merged = None
    return None if merged is None else merged.encode()


def _plan(change: OptionChange, root: Path, path: str, content: bytes | None) -> None:
    target = root / path
    mode = target.stat().st_mode & 0o777 if target.is_file() else 0o644
    if Path(path).name == ".env" and not target.is_file():
        mode = 0o600
    change.plan.add(path, content, mode, edit=True)


def _render(
    ctx: ProjectContext,
    template: Template | None,
    answers: dict[str, Any],
    secret_values: Mapping[str, str],
    workdir: Path,
) -> dict[str, bytes]:
    from fastforge.create import plan_project

    workdir.mkdir(parents=True)
    planned = plan_project(
        target=ctx.root,
        answers=answers,
        interactive=False,
        workdir=workdir,
        template=template,
        secrets=secret_values,
    )
    return {c.path.as_posix(): c.content for c in planned.plan.changes if c.content is not None}


def _read(root: Path, paths: Any) -> dict[str, bytes]:
    return {p: (root / p).read_bytes() for p in paths if (root / p).is_file()}


def _project_migrations(root: Path) -> list[str]:
    folder = root / "migrations" / "versions"
    return [f"migrations/versions/{p.name}" for p in sorted(folder.glob("*.py"))]


def _refuse_lost_resources(ctx: ProjectContext, answers: Mapping[str, Any]) -> None:
    if answers.get("database") != "none" or ctx.database == "none":
        return
    resources = sorted(manifest.load(ctx.root).get("resources", {}))
    if resources:
        raise InvalidAnswerError(
            question="database",
            value="none",
            reason=f"the resources {', '.join(resources)} keep their rows in the database; "
            "remove them first with `fastforge remove resource NAME`, or keep a database",
        )
