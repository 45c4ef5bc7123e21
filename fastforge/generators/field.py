"""`add field`, `remove field` and `rename field`: change a resource's columns in every layer.

Each command renders the resource with its old fields and with its new ones, and merges the
difference into the files on disk statement by statement (fastforge/merge.py), so a user's
own methods, validators and comments survive. A new migration, chained to the head, changes
the table; the resource's earlier migrations are never touched.
"""

from __future__ import annotations

import datetime as dt
import decimal
import json
from dataclasses import replace
from typing import Any

from fastforge import manifest
from fastforge.errors import FieldChangeError, NotGeneratedError
from fastforge.fields import Field, check_table_fields, parse_fields
from fastforge.formatting import format_python
from fastforge.generators.blueprint import render
from fastforge.generators.records import plan_manifest, referable_resources
from fastforge.generators.resource import link_views, render_resource
from fastforge.merge import merge_module
from fastforge.migrations import VERSIONS, read_graph, revision_id
from fastforge.naming import ResourceNames, check_identifier, resource_names
from fastforge.project.locate import ProjectContext
from fastforge.writer import Plan


def plan_add_fields(ctx: ProjectContext, resource: str, specs: list[str]) -> Plan:
    """New columns: in the model, schemas, filters, sorts and tests, and a migration."""
    names, entry, old = _resource(ctx, resource)
    known = referable_resources(ctx, excluding=entry.name)
    added = parse_fields(specs, known_resources=known)
    check_table_fields(entry.name, added)
    taken = {f.name for f in old} | {f.column for f in old}
    for field in added:
        if field.name in taken or field.column in taken:
            raise FieldChangeError(
                f"{entry.name} already has a field {field.name!r}; "
                f"`fastforge rename field {entry.name} ...` changes its name."
            )
        if field.type != "many" and not field.optional and not field.has_default:
            raise FieldChangeError(
                f"Field {field.spec!r} would be a NOT NULL column without a default, which the "
                f"rows {entry.name} already holds cannot fill. Make it optional "
                f"({field.name}:{field.kind}?) or give it a default "
                f"({field.name}:{field.kind}=VALUE)."
            )
    new = (*old, *added)
    message = f"Add {', '.join(f.column for f in added)} to {entry.name}"
    return _plan_change(
        ctx, names, entry, old=old, new=new, action="add", changed=added, message=message
    )


def plan_remove_fields(ctx: ProjectContext, resource: str, field_names: list[str]) -> Plan:
    """Drop columns everywhere `add resource` or `add field` put them, and a migration."""
    names, entry, old = _resource(ctx, resource)
    removed = [_find(entry, old, name) for name in field_names]
    new = tuple(f for f in old if f not in removed)
    if not new:
        raise FieldChangeError(
            f"{entry.name} would have no fields left; "
            f"`fastforge remove resource {entry.name}` removes the whole resource."
        )
    message = f"Remove {', '.join(f.column for f in removed)} from {entry.name}"
    return _plan_change(
        ctx, names, entry, old=old, new=new, action="remove", changed=removed, message=message
    )


def plan_rename_field(ctx: ProjectContext, resource: str, old_name: str, new_name: str) -> Plan:
    """Rename a column and every generated reference to it, keeping its data."""
    names, entry, old = _resource(ctx, resource)
    field = _find(entry, old, old_name)
    if field.type == "many":
        raise FieldChangeError(
            f"{entry.name}.{field.name} is a many field, stored in its own link table; "
            f"remove it and add it under the new name (`fastforge remove field {entry.name} "
            f"{field.name}`, then `fastforge add field {entry.name} {new_name}:{field.kind}`), "
            "which drops its links."
        )
    check_identifier("field", new_name)
    renamed = replace(field, name=new_name)
    # Reparsing the new spec runs every check a new field gets (keywords, reserved words).
    parse_fields([renamed.spec], known_resources=referable_resources(ctx, excluding=entry.name))
    check_table_fields(entry.name, [renamed])
    if any(f.name == new_name or f.column == renamed.column for f in old):
        raise FieldChangeError(f"{entry.name} already has a field {new_name!r}.")
    new = tuple(renamed if f is field else f for f in old)
    message = f"Rename {entry.name}.{field.column} to {renamed.column}"
    return _plan_change(
        ctx,
        names,
        entry,
        old=old,
        new=new,
        action="rename",
        changed=[field],
        renamed=[renamed],
        message=message,
    )


def _plan_change(
    ctx: ProjectContext,
    names: ResourceNames,
    entry: manifest.Entry,
    *,
    old: tuple[Field, ...],
    new: tuple[Field, ...],
    action: str,
    changed: list[Field] | tuple[Field, ...],
    message: str,
    renamed: list[Field] | None = None,
) -> Plan:
    public = bool(entry.options.get("public", False))
    owned = bool(entry.options.get("owned", False))
    # A file the resource's blueprints gained after it was generated is not created here.
    fresh = {
        rel: content
        for rel, content in render_resource(ctx, names, new, public=public, owned=owned).items()
        if rel in entry.files
    }
    current = {rel: _read(ctx, entry, rel) for rel in fresh}
    # A file as generated is its own base (even if the blueprints changed since); only
    # the files the user changed need the old fields rendered again.
    pristine = {
        rel for rel, mine in current.items() if manifest.digest(mine) == entry.files.get(rel)
    }
    base = (
        current
        if pristine == set(fresh)
        else render_resource(ctx, names, old, public=public, owned=owned)
    )
    merged = {
        rel: merge_module(
            base=(current[rel] if rel in pristine else base[rel]).decode(),
            new=content.decode(),
            mine=current[rel].decode(),
            path=rel,
        ).encode()
        for rel, content in fresh.items()
    }
    migration, source = _plan_migration(
        ctx, names, action=action, changed=changed, renamed=renamed or [], message=message
    )
    formatted = format_python({**merged, migration: source}, root=ctx.root)
    plan = Plan(ctx.root)
    files = dict(entry.files)
    for rel, content in formatted.items():
        plan.add(rel, content, edit=rel != migration)
        if rel in pristine or rel == migration:  # a file the user changed stays so recorded
            files[rel] = manifest.digest(content)
    plan_manifest(ctx, plan, replace(entry, files=files, fields=tuple(f.spec for f in new)))
    return plan


def _plan_migration(
    ctx: ProjectContext,
    names: ResourceNames,
    *,
    action: str,
    changed: list[Field] | tuple[Field, ...],
    renamed: list[Field],
    message: str,
) -> tuple[str, bytes]:
    down = read_graph(ctx.root).head
    specs = [f.spec for f in (*changed, *renamed)]
    revision = revision_id(action, names.plural, down or "", *specs)
    slug = "_".join(f.column for f in changed)[:40]
    rel = f"{VERSIONS}/{revision}_{action}_{slug}_{names.plural}.py"
    context = {
        "names": names,
        "action": action,
        "changed": list(changed),
        "renamed": renamed,
        "message": message + ".",
        "revision": revision,
        "down_revision": down,
        "server_defaults": {f.column: _server_default(f) for f in changed if f.has_default},
        "links": link_views(names, changed),
    }
    return rel, render("field/migration.py.jinja", context)


def _server_default(field: Field) -> str:
    """The column's default as the database stores it, so existing rows get it too."""
    value: Any = field.default
    if isinstance(value, bool):
        return "sa.true()" if value else "sa.false()"
    if isinstance(value, (dict, list)):
        text = json.dumps(value, separators=(",", ":"))
    elif isinstance(value, (dt.date, dt.datetime, decimal.Decimal)):
        text = value.isoformat() if not isinstance(value, decimal.Decimal) else str(value)
    else:
        text = str(value)
    return repr(text)


def _read(ctx: ProjectContext, entry: manifest.Entry, rel: str) -> bytes:
    path = ctx.root / rel
    if not path.is_file():
        raise FieldChangeError(
            f"{rel} is missing, so fastforge cannot change {entry.name} there. Restore it "
            "(e.g. from git), then run the command again."
        )
    return path.read_bytes()


def _resource(
    ctx: ProjectContext, resource: str
) -> tuple[ResourceNames, manifest.Entry, tuple[Field, ...]]:
    names = resource_names(resource)
    resources = manifest.load(ctx.root)["resources"]
    entry = resources.get(names.plural)
    if entry is None:
        raise NotGeneratedError(kind="resource", name=resource, known=sorted(resources))
    known = referable_resources(ctx, excluding=entry.name)
    fields = parse_fields(list(entry.fields), known_resources=known)
    return names, entry, fields


def _find(entry: manifest.Entry, fields: tuple[Field, ...], name: str) -> Field:
    found = next((f for f in fields if name in (f.name, f.column)), None)
    if found is None:
        listed = ", ".join(f.name for f in fields)
        raise FieldChangeError(f"{entry.name} has no field {name!r} (its fields: {listed}).")
    return found
