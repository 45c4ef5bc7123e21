"""Read the Alembic revision graph from the migration files, without a database.

The graph is read strictly: a file whose ids cannot be read, a revision that no file
defines, or several heads stop the command before anything is planned, naming the files.
"""

from __future__ import annotations

import ast
import hashlib
from dataclasses import dataclass
from pathlib import Path

from fastforge.errors import MigrationStateError

VERSIONS = Path("migrations/versions")


@dataclass(frozen=True)
class Migration:
    """One migration file: its revision and the revisions it builds on."""

    path: Path  # relative to the project root
    revision: str
    down_revisions: tuple[str, ...]


@dataclass(frozen=True)
class MigrationGraph:
    """Every migration of a project, by revision."""

    migrations: dict[str, Migration]

    @property
    def head(self) -> str | None:
        """The single head revision, or None when there is no migration yet."""
        parents = {down for m in self.migrations.values() for down in m.down_revisions}
        heads = [m for r, m in sorted(self.migrations.items()) if r not in parents]
        if len(heads) > 1:
            raise MigrationStateError(
                files=[m.path for m in heads],
                problem="are all heads of the migrations",
                fix="merge them with `uv run alembic merge heads -m merge`",
            )
        return heads[0].revision if heads else None

    def children(self, revision: str) -> list[Migration]:
        """The migrations that name `revision` as the one they build on."""
        return [m for m in self.migrations.values() if revision in m.down_revisions]

    def applied(self, heads: tuple[str, ...]) -> set[str]:
        """Every revision a database at `heads` has applied: the heads and all below them."""
        seen: set[str] = set()
        todo = [h for h in heads if h in self.migrations]
        while todo:
            revision = todo.pop()
            if revision not in seen:
                seen.add(revision)
                todo.extend(self.migrations[revision].down_revisions)
        return seen

    def by_path(self, path: str | Path) -> Migration | None:
        """The migration stored in `path` (relative to the root), if it is one."""
        return next((m for m in self.migrations.values() if m.path == Path(path)), None)


def read_graph(root: Path) -> MigrationGraph:
    """The project's migrations; refuses files in a state fastforge cannot build on."""
    migrations: dict[str, Migration] = {}
    for path in sorted((root / VERSIONS).glob("*.py")):
        if path.name == "__init__.py":
            continue
        found = _read(path, rel=path.relative_to(root))
        if found.revision in migrations:
            raise MigrationStateError(
                files=[migrations[found.revision].path, found.path],
                problem=f"both define revision {found.revision}",
                fix="give one of them a new revision id",
            )
        migrations[found.revision] = found
    for migration in migrations.values():
        missing = [d for d in migration.down_revisions if d not in migrations]
        if missing:
            raise MigrationStateError(
                files=[migration.path],
                problem=f"builds on revision {', '.join(missing)}, which no migration defines",
                fix="restore that migration, or correct its down_revision",
            )
    return MigrationGraph(migrations)


def current_head(root: Path) -> str | None:
    """The single head revision, or None when there is no migration yet."""
    return read_graph(root).head


def revision_id(*parts: str) -> str:
    """A revision id derived from what the migration does, so it is reproducible."""
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()[:12]


def _read(path: Path, *, rel: Path) -> Migration:
    try:
        values = _assignments(path)
    except (SyntaxError, UnicodeDecodeError):
        raise MigrationStateError(
            files=[rel], problem="is not valid Python", fix="fix or remove it"
        ) from None
    revision = values.get("revision")
    down = values.get("down_revision")
    if isinstance(down, str):
        downs: tuple[str, ...] | None = (down,)
    elif down is None:
        downs = ()
    elif isinstance(down, tuple) and all(isinstance(d, str) for d in down):
        downs = tuple(str(d) for d in down)
    else:
        downs = None
    if not isinstance(revision, str) or downs is None:
        raise MigrationStateError(
            files=[rel],
            problem="does not set revision and down_revision to plain strings",
            fix='write them as literals, e.g. revision = "1a2b3c4d5e6f"',
        )
    return Migration(path=rel, revision=revision, down_revisions=downs)


def _assignments(path: Path) -> dict[str, object]:
    values: dict[str, object] = {}
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target, value = node.targets[0], node.value
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            target, value = node.target, node.value
        else:
            continue
        if isinstance(target, ast.Name):
            try:
                values[target.id] = ast.literal_eval(value)
            except (ValueError, TypeError, SyntaxError):
                values[target.id] = ...  # not a literal: unreadable without running the file
    return values
