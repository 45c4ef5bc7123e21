"""What a generator records in the project besides its files: router registrations in
app/routes/__init__.py, and the entries of .fastforge.json."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastforge import manifest
from fastforge.formatting import format_python
from fastforge.generators.blueprint import render
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

ROUTES_REGISTRY = Path("app/routes/__init__.py")


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


def plan_removal(plan: Plan, entry: manifest.Entry) -> None:
    """Plan deleting an entry's files; the writer keeps any the user changed, unless forced."""
    for rel, expected in sorted(entry.files.items()):
        plan.add(rel, None, expected=expected)


def referable_resources(ctx: ProjectContext, *, excluding: str) -> list[str]:
    """The tables a field of resource `excluding` may reference or link to: every other
    generated resource, and users when the project has auth."""
    known = [name for name in manifest.load(ctx.root)["resources"] if name != excluding]
    return [*known, "users"] if ctx.auth != "none" else known


def plan_generated_files(
    ctx: ProjectContext,
    plan: Plan,
    blueprints: dict[str, str],
    context: dict[str, Any],
    *,
    previous: manifest.Entry | None = None,
    keep: frozenset[str] = frozenset(),
) -> dict[str, str]:
    """Render each file from its blueprint, format them all with the project's ruff, and plan
    them; returns their digests for the manifest entry.

    A file of `previous` (the entry of an earlier `add`) that is still as generated takes
    the new content. Files in `keep` stay as they are on disk and keep their recorded digest.
    """
    rendered = format_python(
        {rel: render(blueprint, context) for rel, blueprint in blueprints.items()}, root=ctx.root
    )
    recorded = previous.files if previous is not None else {}
    digests = {}
    for rel, content in rendered.items():
        if rel in keep:
            plan.add(rel, (ctx.root / rel).read_bytes())
            digests[rel] = recorded[rel]
        else:
            plan.add(rel, content, expected=recorded.get(rel))
            digests[rel] = manifest.digest(content)
    return digests
