"""`add resource NAME FIELD...` and `remove resource NAME`."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fastforge import manifest
from fastforge.errors import FastforgeError
from fastforge.fields import Field, parse_fields
from fastforge.formatting import format_python
from fastforge.generators.common import (
    NotGeneratedError,
    plan_manifest,
    plan_removal,
    register_router,
    render,
)
from fastforge.inject import ImportLine, add_import, add_to_all, remove_from_all, remove_import
from fastforge.locate import ProjectContext
from fastforge.migrations import VERSIONS, current_head, down_revision, revision_id
from fastforge.naming import ResourceNames, resource_names, singular
from fastforge.writer import Plan

MODELS_REGISTRY = Path("app/models/__init__.py")
_FILTERABLE = ("str", "int", "bool", "date", "uuid", "ref")
_EXACT = ("str", "text", "int", "float", "bool", "date", "uuid", "json")
# Column arguments a bare `Mapped[...]` annotation cannot express.
_PLAIN = ("int", "bool", "date", "datetime", "uuid")


class DatabaseRequiredError(FastforgeError):
    """Resources are stored in a database, and the project has none."""

    def __init__(self) -> None:
        super().__init__(
            "This project was generated with database=none, so it has nowhere to store a "
            "resource. Use `fastforge add router NAME` for endpoints without storage."
        )


@dataclass(frozen=True)
class RefView:
    """What a test needs to create the row a reference points at."""

    column: str
    target: str
    target_path: str
    target_singular: str
    target_title: str


def plan_resource(
    ctx: ProjectContext, name: str, specs: list[str], *, public: bool = False
) -> Plan:
    """Model, schemas, service, controller, routes, migration and tests of a CRUD resource."""
    if ctx.database == "none":
        raise DatabaseRequiredError
    names = resource_names(name)
    existing = manifest.load(ctx.root)["resources"]
    known = [n for n in existing if n != names.plural]
    if ctx.auth != "none":
        known.append("users")
    fields = parse_fields(specs, known_resources=known)
    protected = ctx.auth != "none" and not public
    previous = existing.get(names.plural)
    head = _head_without(ctx, previous)
    revision = revision_id(names.plural, *[f.spec for f in fields])
    context = _context(names, fields, protected=protected, revision=revision, down=head)
    files = {
        f"app/models/{names.singular}.py": "resource/model.py.jinja",
        f"app/schemas/{names.singular}.py": "resource/schemas.py.jinja",
        f"app/services/{names.singular}.py": "resource/service.py.jinja",
        f"app/controllers/{names.singular}.py": "resource/controller.py.jinja",
        f"app/routes/{names.plural}.py": "resource/routes.py.jinja",
        f"{VERSIONS}/{revision}_create_{names.plural}.py": "resource/migration.py.jinja",
        f"app/tests/routes/test_{names.plural}.py": "resource/test_routes.py.jinja",
    }
    rendered = format_python(
        {rel: render(blueprint, context) for rel, blueprint in files.items()}, root=ctx.root
    )
    plan = Plan(ctx.root)
    if previous is not None:
        # Re-adding with other fields replaces the old files (a conflict unless --force).
        for rel in sorted(set(previous.files) - set(rendered)):
            plan.add(rel, None)
    for rel, content in rendered.items():
        plan.add(rel, content)
    register_router(ctx, plan, names.plural)
    _register_model(ctx, plan, names)
    entry = manifest.Entry(
        kind="resources",
        name=names.plural,
        files={rel: manifest.digest(content) for rel, content in rendered.items()},
        fields=tuple(f.spec for f in fields),
        options={"module": names.plural, "public": public},
    )
    plan_manifest(ctx, plan, entry)
    return plan


def plan_resource_removal(ctx: ProjectContext, name: str, *, force: bool) -> Plan:
    """Undo `add resource`: files, migration, registrations and manifest entry."""
    names = resource_names(name)
    resources = manifest.load(ctx.root)["resources"]
    entry = resources.get(names.plural)
    if entry is None:
        raise NotGeneratedError(kind="resource", name=name, known=sorted(resources))
    dependants = [
        other.name
        for other in resources.values()
        if other.name != entry.name and any(f":ref:{entry.name}" in s for s in other.fields)
    ]
    if dependants:
        raise FastforgeError(
            f"Cannot remove {entry.name}: {', '.join(dependants)} reference it. Remove those first."
        )
    plan = Plan(ctx.root)
    plan_removal(ctx, plan, entry, force=force)
    register_router(ctx, plan, names.plural, remove=True)
    _register_model(ctx, plan, names, remove=True)
    plan_manifest(ctx, plan, entry, remove=True)
    return plan


def _head_without(ctx: ProjectContext, previous: manifest.Entry | None) -> str | None:
    """The head to chain to, ignoring this resource's own earlier migration."""
    head = current_head(ctx.root)
    if previous is None or head is None:
        return head
    own = [rel for rel in previous.files if rel.startswith(str(VERSIONS))]
    if own and Path(own[0]).name.startswith(head):
        return down_revision(ctx.root / own[0])
    return head


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
    names: ResourceNames,
    fields: tuple[Field, ...],
    *,
    protected: bool,
    revision: str,
    down: str | None,
) -> dict[str, Any]:
    sortable = [f for f in fields if f.type != "json"]
    keys = ["id", *[f.column for f in sortable], "created_at"]
    filterable = [f for f in fields if f.type in _FILTERABLE]
    non_ref = [f for f in fields if f.type != "ref"]
    refs = [
        RefView(
            column=f.column,
            target=str(f.target),
            target_path=str(f.target).replace("_", "-"),
            # The referenced table exists already; its name needs no checking here.
            target_singular=singular(str(f.target)),
            target_title=singular(str(f.target)).replace("_", " "),
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
        "needs_mapped_column": any(
            f.type not in _PLAIN or f.has_default or f.unique or f.index for f in fields
        ),
        "sort_keys": [k for key in keys for k in (key, f"-{key}")],
        "filter_fields": filterable,
        "filter_example": filterable[0].column if filterable else "",
        "refs": refs,
        "exact_fields": [f for f in fields if f.type in _EXACT],
        "changed_fields": changed,
        "exact_update_fields": [f for f in changed if f.type in _EXACT],
        "kept_fields": [f for f in non_ref[1:] if f.type in _EXACT][:1],
        "unique_field": unique.column if unique else "",
        "protected": protected,
        "logged_in": protected or uses_users,
        "revision": revision,
        "down_revision": down,
    }
