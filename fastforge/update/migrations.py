"""Template migrations across an option change: one head, and no applied history rewritten.

A migration the new options bring is chained onto the project's head (its `down_revision`
set there), so a project with its own migrations never gets a second head. A migration an
option takes away goes only if the user never changed it and no migration of theirs builds
on it; the template's own migrations above it are chained over the gap. Whether the
development database applied any of them is checked by the caller.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from fastforge.errors import SchemaHistoryError

VERSIONS = "migrations/versions/"
_DOWN = re.compile(rb"^(down_revision\b[^=]*=\s*).*$", re.MULTILINE)
_REVISES = re.compile(rb"^Revises:.*$", re.MULTILINE)


def is_migration(path: str) -> bool:
    return path.startswith(VERSIONS) and path.endswith(".py") and "/" not in path[len(VERSIONS) :]


def revision_of(content: bytes) -> tuple[str, tuple[str, ...]]:
    """The revision a migration file defines and the ones it builds on."""
    values: dict[str, object] = {}
    target: ast.expr
    for node in ast.parse(content).body:
        if isinstance(node, ast.AnnAssign) and node.value is not None:
            target, value = node.target, node.value
        elif isinstance(node, ast.Assign) and len(node.targets) == 1:
            target, value = node.targets[0], node.value
        else:
            continue
        if isinstance(target, ast.Name):
            try:
                values[target.id] = ast.literal_eval(value)
            except ValueError:
                continue
    down = values.get("down_revision")
    downs = () if down is None else (down,) if isinstance(down, str) else tuple(down)  # type: ignore[arg-type]
    return str(values.get("revision")), downs


def relink(content: bytes, down: str | None) -> bytes:
    """The migration built on `down` instead (None: on nothing)."""
    value = b"None" if down is None else b'"' + down.encode() + b'"'
    content = _DOWN.sub(lambda m: m[1] + value, content, count=1)
    revises = b"Revises:" + (b" " + down.encode() if down else b"")
    return _REVISES.sub(revises, content, count=1)


def same_but_links(left: bytes | None, right: bytes | None) -> bool:
    """Whether two migrations differ at most in what they build on."""
    if left is None or right is None:
        return left is right
    return relink(left, None) == relink(right, None)


@dataclass
class MigrationChange:
    """The migration files to write or delete, and the revisions that touches."""

    files: dict[str, bytes | None] = field(default_factory=dict)
    deleted: list[str] = field(default_factory=list)
    rewritten: list[str] = field(default_factory=list)


def plan_migrations(
    *,
    base: Mapping[str, bytes],
    new: Mapping[str, bytes],
    mine: Mapping[str, bytes],
    reason: str,
) -> MigrationChange:
    """The template's migrations moved from `base` to `new`, onto the project's `mine`."""
    change = MigrationChange()
    graph = {path: revision_of(content) for path, content in mine.items()}
    removed = [p for p in base if p not in new and p in mine]
    for path in removed:
        if not same_but_links(mine[path], base[path]):
            raise SchemaHistoryError(
                f"{reason} would delete {path}, which you changed. Nothing was changed: "
                "restore it as generated, or keep the option."
            )
    gone = {graph[p][0]: graph[p][1] for p in removed}
    for path, (revision, downs) in sorted(graph.items()):
        if path in removed or not set(downs) & gone.keys():
            continue
        if path not in base or not same_but_links(mine[path], base[path]):
            raise SchemaHistoryError(
                f"{reason} would delete {', '.join(removed)}, and {path} builds on it. "
                "Nothing was changed: keep the option, or remove what builds on it first."
            )
        down: str | None = downs[0]
        while down in gone:
            parents = gone[down]
            down = parents[0] if parents else None
        change.files[path] = relink(mine[path], down)
        change.rewritten.append(path)
        graph[path] = (revision, () if down is None else (down,))
    for path in removed:
        change.files[path] = None
        change.deleted.append(path)
        del graph[path]
    head = _head(graph)
    for path in _in_chain_order({p: new[p] for p in new if p not in base and p not in mine}):
        content = new[path]
        if revision_of(content)[1] != ((head,) if head else ()):
            content = relink(content, head)
        change.files[path] = content
        head = revision_of(content)[0]
    return change


def _head(graph: Mapping[str, tuple[str, tuple[str, ...]]]) -> str | None:
    parents = {down for _, downs in graph.values() for down in downs}
    heads = sorted(revision for revision, _ in graph.values() if revision not in parents)
    if len(heads) > 1:
        raise SchemaHistoryError(
            f"The project's migrations have several heads ({', '.join(heads)}). Merge them "
            "first with `uv run alembic merge heads`, then run the command again."
        )
    return heads[0] if heads else None


def _in_chain_order(files: Mapping[str, bytes]) -> list[str]:
    """Paths ordered so that each comes after the ones among them it builds on."""
    revisions = {path: revision_of(content) for path, content in files.items()}
    ordered: list[str] = []
    pending = sorted(revisions)
    while pending:
        placed = {revisions[p][0] for p in ordered}
        local = {revisions[p][0] for p in pending}
        ready = [p for p in pending if not set(revisions[p][1]) & (local - placed)]
        ordered.extend(ready or pending)
        pending = [p for p in pending if p not in ordered]
    return ordered
