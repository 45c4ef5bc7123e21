"""`add resource NAME FIELD...` and `remove resource NAME`."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from fastforge import manifest
from fastforge.errors import (
    DatabaseRequiredError,
    FieldSpecError,
    NotGeneratedError,
    OwnershipError,
    ReferencedResourceError,
    SchemaHistoryError,
)
from fastforge.fields import Field, LinkTable, check_table_fields, link_table, parse_fields
from fastforge.formatting import format_python
from fastforge.generators.blueprint import render
from fastforge.generators.collisions import check_resource_name
from fastforge.generators.filters import filter_context
from fastforge.generators.records import (
    plan_generated_files,
    plan_manifest,
    plan_removal,
    referable_resources,
    register_router,
)
from fastforge.migrations import VERSIONS, MigrationGraph, read_graph, revision_id
from fastforge.naming import ResourceNames, resource_names, singular
from fastforge.project.commands import APPLY_MIGRATIONS
from fastforge.project.locate import ProjectContext
from fastforge.registry import ImportLine, add_import, add_to_all, remove_from_all, remove_import
from fastforge.writer import Plan

MODELS_REGISTRY = Path("app/models/__init__.py")


@dataclass(frozen=True)
class RefView:
    """What a test needs to create the row a reference points at."""

    column: str
    target: str
    target_path: str
    target_singular: str
    target_title: str
    on_delete: str


@dataclass(frozen=True)
class LinkView:
    """A `many` field: its link table, and what the model and tests need of its target."""

    field: Field
    link: LinkTable
    target_pascal: str
    target_singular: str
    target_path: str


def plan_resource(
    ctx: ProjectContext,
    name: str,
    specs: list[str],
    *,
    public: bool = False,
    owned: bool = False,
) -> Plan:
    """Model, schemas, service, controller, routes, migration and tests of a CRUD resource.

    An `owned` resource's rows belong to the user who created them: regular users reach only
    their own, admins every row.
    """
    if ctx.database == "none":
        raise DatabaseRequiredError
    if owned and (ctx.auth == "none" or public):
        raise OwnershipError(public=public)
    check_resource_name(ctx, name, fields=specs, public=public)
    names = resource_names(name)
    existing = manifest.load(ctx.root)["resources"]
    fields = parse_fields(specs, known_resources=referable_resources(ctx, excluding=names.plural))
    check_table_fields(names.plural, fields)
    for field in fields:
        if owned and "owner_id" in (field.name, field.column):
            raise FieldSpecError(
                spec=field.spec, reason="an owned resource keeps its owner in owner_id; rename it"
            )
    protected = ctx.auth != "none" and not public
    graph = read_graph(ctx.root)
    previous = existing.get(names.plural)
    if previous is None:
        down = graph.head
        revision = revision_id(names.plural, down or "", *[f.spec for f in fields])
        migration = f"{VERSIONS}/{revision}_create_{names.plural}.py"
    else:
        migration, revision, down = _same_migration(ctx, graph, previous, fields)
    context = _context(
        ctx, names, fields, protected=protected, owned=owned, revision=revision, down=down
    )
    plan = Plan(ctx.root)
    files = plan_generated_files(
        ctx,
        plan,
        {**resource_files(names), migration: "resource/migration.py.jinja"},
        context,
        previous=previous,
        # Never rewritten: the database may have applied it as it is on disk.
        keep=frozenset([migration] if previous is not None else []),
    )
    register_router(ctx, plan, names.plural)
    _register_model(ctx, plan, names)
    entry = manifest.Entry(
        kind="resources",
        name=names.plural,
        files=files,
        fields=tuple(f.spec for f in fields),
        options={"module": names.plural, "public": public, "owned": owned},
    )
    plan_manifest(ctx, plan, entry)
    return plan


def resource_files(names: ResourceNames) -> dict[str, str]:
    """Each file of a resource but its migrations, with the blueprint it is rendered from."""
    return {
        f"app/models/{names.singular}.py": "resource/model.py.jinja",
        f"app/schemas/{names.singular}.py": "resource/schemas.py.jinja",
        f"app/services/{names.singular}.py": "resource/service.py.jinja",
        f"app/controllers/{names.singular}.py": "resource/controller.py.jinja",
        f"app/routes/{names.plural}.py": "resource/routes.py.jinja",
        f"app/tests/routes/test_{names.plural}.py": "resource/test_routes.py.jinja",
        f"app/tests/services/test_{names.singular}.py": "resource/test_service.py.jinja",
        f"app/tests/factories/{names.singular}.py": "resource/factory.py.jinja",
    }


def render_resource(
    ctx: ProjectContext,
    names: ResourceNames,
    fields: tuple[Field, ...],
    *,
    public: bool,
    owned: bool,
) -> dict[str, bytes]:
    """A resource's files but its migrations, formatted, as `add resource` writes them."""
    protected = ctx.auth != "none" and not public
    context = _context(ctx, names, fields, protected=protected, owned=owned, revision="", down=None)
    files = resource_files(names)
    return format_python(
        {rel: render(blueprint, context) for rel, blueprint in files.items()}, root=ctx.root
    )


def plan_resource_removal(
    ctx: ProjectContext,
    name: str,
    *,
    drop_table: bool = False,
    check_database: bool = True,
) -> Plan:
    """Undo `add resource`: files, registrations and manifest entry, and the migration.

    The migration goes only while no database needs it: when it is the head, and the
    development database has not applied it. With `drop_table` it stays, and a new
    migration drops the table instead, so the history only grows.
    """
    names = resource_names(name)
    resources = manifest.load(ctx.root)["resources"]
    entry = resources.get(names.plural)
    if entry is None:
        raise NotGeneratedError(kind="resource", name=name, known=sorted(resources))
    dependants = [
        other.name
        for other in resources.values()
        if other.name != entry.name
        and any(f":{kind}:{entry.name}" in s for s in other.fields for kind in ("ref", "many"))
    ]
    if dependants:
        raise ReferencedResourceError(name=entry.name, dependants=dependants)
    graph = read_graph(ctx.root)
    migrations = _migrations(entry)
    plan = Plan(ctx.root)
    if drop_table:
        kept = set(migrations)
        plan_removal(
            plan,
            replace(
                entry, files={rel: digest for rel, digest in entry.files.items() if rel not in kept}
            ),
        )
        _plan_drop_migration(ctx, plan, graph, entry, names)
    else:
        _check_removable(ctx, graph, migrations, check_database=check_database)
        plan_removal(plan, entry)
    register_router(ctx, plan, names.plural, remove=True)
    _register_model(ctx, plan, names, remove=True)
    plan_manifest(ctx, plan, entry, remove=True)
    return plan


def resource_next_steps(name: str) -> list[str]:
    """What to run after adding a resource: apply its migration, then use its routes."""
    names = resource_names(name)
    prefix = f"/api/v1/{names.path}"
    return [
        f"{APPLY_MIGRATIONS}   # create the {names.plural} table in the development database",
        f"uv run fastapi dev            # then try {prefix} at http://127.0.0.1:8000/docs",
    ]


def _own_migration(entry: manifest.Entry) -> str | None:
    """The migration that created the resource's table."""
    return next((rel for rel in _migrations(entry) if "_create_" in rel), None)


def _migrations(entry: manifest.Entry) -> list[str]:
    """Every migration fastforge wrote for the resource: its table, then its field changes."""
    return sorted(rel for rel in entry.files if rel.startswith(f"{VERSIONS}/"))


def _same_migration(
    ctx: ProjectContext,
    graph: MigrationGraph,
    previous: manifest.Entry,
    fields: tuple[Field, ...],
) -> tuple[str, str, str | None]:
    """The existing migration of a resource added again; refuses other fields."""
    wanted = [f.spec for f in fields]
    if list(previous.fields) != wanted:
        added = [s for s in wanted if s not in previous.fields]
        removed = [s for s in previous.fields if s not in wanted]
        changes = "; ".join(
            part
            for part in (
                f"it would add {' '.join(added)}" if added else "",
                f"remove {' '.join(removed)}" if removed else "",
                "" if added or removed else "reorder the fields",
            )
            if part
        )
        raise SchemaHistoryError(
            f"Resource {previous.name} exists with other fields ({changes}). fastforge does not "
            "rewrite a resource's migration: change the model and schemas by hand, then write "
            "a migration with `uv run alembic revision --autogenerate -m "
            f'"change {previous.name}"`.'
        )
    migration = _own_migration(previous)
    found = graph.by_path(migration) if migration else None
    if migration is None or found is None:
        raise SchemaHistoryError(
            f"Resource {previous.name} is recorded in {manifest.MANIFEST}, but its migration "
            f"{migration or ''} is missing. Restore it (e.g. from git) and run the command again."
        )
    return migration, found.revision, found.down_revisions[0] if found.down_revisions else None


def _check_removable(
    ctx: ProjectContext, graph: MigrationGraph, migrations: list[str], *, check_database: bool
) -> None:
    """Refuse to delete migrations that another one builds on, or that were applied."""
    own = [m for m in (graph.by_path(rel) for rel in migrations) if m is not None]
    if not own:
        return
    revisions = {m.revision for m in own}
    later = [c for m in own for c in graph.children(m.revision) if c.revision not in revisions]
    listed = ", ".join(str(m.path) for m in own)
    if later:
        raise SchemaHistoryError(
            f"Cannot delete {listed}: {', '.join(str(m.path) for m in later)} build on it. "
            "Pass --drop-table to keep the history and add a migration that drops the table."
        )
    if not check_database:
        return
    from fastforge.devdb import read_database_state

    state = read_database_state(ctx.root)
    if state.heads is None:
        raise SchemaHistoryError(
            f"Could not check whether the development database ({state.url}) applied "
            f"{listed}: {state.error}. Start the database and run the command again, or "
            "pass --no-db-check if no database ever applied it."
        )
    applied = graph.applied(state.heads)
    if revisions & applied:
        # The oldest of them builds on a revision outside the resource: go back to that one.
        first = next(m for m in own if not set(m.down_revisions) & revisions)
        target = first.down_revisions[0] if first.down_revisions else "base"
        names = ", ".join(str(m.path) for m in own if m.revision in applied)
        raise SchemaHistoryError(
            f"The development database ({state.url}) has applied {names}. Run "
            f"`uv run alembic downgrade {target}` first, or pass --drop-table to keep the "
            "history and add a migration that drops the table."
        )


def _plan_drop_migration(
    ctx: ProjectContext,
    plan: Plan,
    graph: MigrationGraph,
    entry: manifest.Entry,
    names: ResourceNames,
) -> None:
    known = referable_resources(ctx, excluding=entry.name)
    fields = parse_fields(list(entry.fields), known_resources=known)
    down = graph.head
    revision = revision_id("drop", names.plural, down or "")
    rel = f"{VERSIONS}/{revision}_drop_{names.plural}.py"
    context = {
        "names": names,
        "fields": fields,
        "links": link_views(names, fields),
        "owned": bool(entry.options.get("owned", False)),
        "revision": revision,
        "down_revision": down,
    }
    # The user's history from now on, so the manifest does not record it.
    plan_generated_files(ctx, plan, {rel: "resource/drop_migration.py.jinja"}, context)


def link_views(names: ResourceNames, fields: Iterable[Field]) -> list[LinkView]:
    """The `many` fields among `fields`, each with its link table."""
    return [
        LinkView(
            field=f,
            link=link_table(names.plural, f),
            # The target exists already; its name needs no checking here.
            target_pascal=resource_names(str(f.target)).pascal,
            target_singular=singular(str(f.target)),
            target_path=str(f.target).replace("_", "-"),
        )
        for f in fields
        if f.type == "many"
    ]


def _register_model(
    ctx: ProjectContext, plan: Plan, names: ResourceNames, *, remove: bool = False
) -> None:
    path = ctx.root / MODELS_REGISTRY
    source = path.read_text(encoding="utf-8")
    line = ImportLine(f"app.models.{names.singular}", names.pascal)
    where = str(MODELS_REGISTRY)
    if remove:
        updated = remove_from_all(remove_import(source, line, path=where), names.pascal, path=where)
    else:
        updated = add_to_all(add_import(source, line, path=where), names.pascal, path=where)
    plan.add(MODELS_REGISTRY, updated.encode(), edit=True)


def _context(
    ctx: ProjectContext,
    names: ResourceNames,
    fields: tuple[Field, ...],
    *,
    protected: bool,
    owned: bool,
    revision: str,
    down: str | None,
) -> dict[str, Any]:
    filterable = [f for f in fields if f.field_type.equal]
    non_ref = [f for f in fields if f.type not in ("ref", "many")]
    refs = [
        RefView(
            column=f.column,
            target=str(f.target),
            target_path=str(f.target).replace("_", "-"),
            # The referenced table exists already; its name needs no checking here.
            target_singular=singular(str(f.target)),
            target_title=singular(str(f.target)).replace("_", " "),
            on_delete=f.on_delete,
        )
        for f in fields
        if f.type == "ref"
    ]
    changed = non_ref[:1]
    unique = next((f for f in fields if f.unique), None)
    uses_users = any(r.target == "users" for r in refs)
    return {
        "names": names,
        "fields": fields,
        "types": {f.type for f in fields},
        "columns": [f for f in fields if f.type != "many"],
        "links": link_views(names, fields),
        # The columns that point at other rows, which test data must create first.
        "related_columns": [
            *(f.column for f in fields if f.type == "ref"),
            *(f.column for f in fields if f.type == "many"),
        ],
        "needs_mapped_column": owned
        or any(
            not f.field_type.plain or f.has_default or f.unique or f.index
            for f in fields
            if f.type != "many"
        ),
        **filter_context(names, fields),
        "filter_example": filterable[0].column if filterable else "",
        "refs": refs,
        "exact_fields": [f for f in fields if f.field_type.exact],
        "changed_fields": changed,
        "exact_update_fields": [f for f in changed if f.field_type.exact],
        "kept_fields": [f for f in non_ref[1:] if f.field_type.exact][:1],
        "unique_field": unique.column if unique else "",
        "protected": protected,
        "owned": owned,
        "logged_in": protected or uses_users,
        "revision": revision,
        "down_revision": down,
        "test_client": ctx.test_client,
    }
