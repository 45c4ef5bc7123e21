"""What every generator shares: blueprints, the router registry and the manifest."""

from __future__ import annotations

import datetime as dt
import decimal
import uuid
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fastforge import manifest
from fastforge.errors import ModifiedFilesError
from fastforge.fields import Field
from fastforge.project.locate import ProjectContext
from fastforge.registry import (
    CallLine,
    ImportLine,
    add_call,
    add_import,
    remove_call,
    remove_import,
)
from fastforge.writer import Plan

if TYPE_CHECKING:
    import jinja2

BLUEPRINTS = Path(__file__).resolve().parent.parent / "blueprints"
ROUTES_REGISTRY = Path("app/routes/__init__.py")


@cache
def _environment() -> jinja2.Environment:
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(BLUEPRINTS)),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,
    )
    env.filters["pyrepr"] = python_literal
    return env


def python_literal(field: Field) -> str:
    """A field's default as Python source (quotes are normalized later by ruff format)."""
    value = field.default
    if isinstance(value, (dt.date, dt.datetime)):
        return f"{type(value).__name__}.fromisoformat({value.isoformat()!r})"
    if isinstance(value, decimal.Decimal):
        return f"Decimal({str(value)!r})"
    if isinstance(value, uuid.UUID):
        return f"UUID({str(value)!r})"
    return repr(value)


def render(blueprint: str, context: dict[str, Any]) -> bytes:
    """Render one blueprint file (e.g. `router/route.py.jinja`)."""
    return _environment().get_template(blueprint).render(context).encode()


def router_lines(module: str) -> tuple[ImportLine, CallLine]:
    """The two lines that register `app/routes/<module>.py` under the API prefix."""
    alias = f"{module}_router"
    return (
        ImportLine(f"app.routes.{module}", "router", alias),
        CallLine("api_router", "include_router", alias),
    )


def register_router(ctx: ProjectContext, plan: Plan, module: str, *, remove: bool = False) -> None:
    """Plan the registry edit that adds (or removes) a router."""
    path = ctx.root / ROUTES_REGISTRY
    source = path.read_text(encoding="utf-8") if path.is_file() else ""
    imp, call = router_lines(module)
    where = str(ROUTES_REGISTRY)
    if remove:
        updated = remove_call(remove_import(source, imp, path=where), call, path=where)
    else:
        updated = add_call(add_import(source, imp, path=where), call, path=where)
    plan.add(ROUTES_REGISTRY, updated.encode(), edit=True)


def plan_manifest(
    ctx: ProjectContext, plan: Plan, entry: manifest.Entry, *, remove: bool = False
) -> None:
    """Plan recording (or forgetting) a generated entry."""
    entries = manifest.load(ctx.root)
    if remove:
        entries[entry.kind].pop(entry.name, None)
    else:
        entries[entry.kind][entry.name] = entry
    plan.add(manifest.MANIFEST, manifest.render(entries), edit=True)


def plan_removal(ctx: ProjectContext, plan: Plan, entry: manifest.Entry, *, force: bool) -> None:
    """Plan deleting an entry's files, refusing ones the user changed unless forced."""
    changed = []
    for rel, expected in sorted(entry.files.items()):
        path = ctx.root / rel
        if path.is_file() and manifest.digest(path.read_bytes()) != expected:
            changed.append(rel)
    if changed and not force:
        raise ModifiedFilesError(paths=changed)
    for rel in sorted(entry.files):
        plan.add(rel, None)
