"""Read the Alembic revision graph from the migration files, without a database."""

from __future__ import annotations

import ast
import hashlib
from pathlib import Path

from fastforge.errors import FastforgeError

VERSIONS = Path("migrations/versions")


def current_head(root: Path) -> str | None:
    """The single head revision, or None when there is no migration yet."""
    revisions: dict[str, str | None] = {}
    for path in sorted((root / VERSIONS).glob("*.py")):
        values = _assignments(path)
        if isinstance(values.get("revision"), str):
            down = values.get("down_revision")
            revisions[str(values["revision"])] = down if isinstance(down, str) else None
    parents = set(revisions.values())
    heads = sorted(r for r in revisions if r not in parents)
    if len(heads) > 1:
        raise FastforgeError(
            f"The migrations have several heads ({', '.join(heads)}). Merge them with "
            "`uv run alembic merge heads -m merge`, then run the command again."
        )
    return heads[0] if heads else None


def down_revision(path: Path) -> str | None:
    """The revision a migration file chains to, or None for the first one."""
    value = _assignments(path).get("down_revision")
    return value if isinstance(value, str) else None


def revision_id(*parts: str) -> str:
    """A revision id derived from what the migration creates, so it is reproducible."""
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()[:12]


def _assignments(path: Path) -> dict[str, object]:
    values: dict[str, object] = {}
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target, value = node.targets[0], node.value
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            target, value = node.target, node.value
        else:
            continue
        if isinstance(target, ast.Name) and isinstance(value, ast.Constant):
            values[target.id] = value.value
    return values
