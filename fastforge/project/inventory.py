"""What a project serves: its routers, their routes, and what fastforge generated.

Read from the source with `ast`, so routers written by hand are listed too.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from pathlib import Path

from fastforge import manifest
from fastforge.project.locate import ProjectContext

_METHODS = ("get", "post", "put", "patch", "delete", "head", "options")


@dataclass(frozen=True)
class RouterInfo:
    """One router module and its routes as `METHOD /full/path`."""

    module: str
    routes: list[str]
    generated: str = ""  # "router" or "resource" when `fastforge add` made it
    fields: tuple[str, ...] = field(default_factory=tuple)


def list_routers(ctx: ProjectContext) -> list[RouterInfo]:
    """Every module in app/routes that declares a `router`, with full paths."""
    routes_dir = ctx.root / "app" / "routes"
    prefixes = _mount_prefixes(ctx.root)
    generated = manifest.load(ctx.root)
    owners = {name: "router" for name in generated["routers"]}
    resources = {
        str(entry.options.get("module", name)): entry
        for name, entry in generated["resources"].items()
    }
    owners.update(dict.fromkeys(resources, "resource"))
    infos = []
    for path in sorted(routes_dir.glob("*.py")):
        if path.name == "__init__.py":
            continue
        found = _routes_in(path)
        if found is None:
            continue
        prefix, routes = found
        mount = prefixes.get(path.stem, "")
        module = path.stem
        resource = resources.get(module)
        infos.append(
            RouterInfo(
                module=module,
                routes=[f"{m.upper():<6} {mount}{prefix}{p}" for m, p in routes],
                generated=owners.get(module, ""),
                fields=resource.fields if resource else (),
            )
        )
    return infos


def _routes_in(path: Path) -> tuple[str, list[tuple[str, str]]] | None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    prefix = None
    routes = []
    for node in tree.body:
        if isinstance(node, ast.Assign) and _assigns(node, "router"):
            prefix = _keyword(node.value, "prefix") or ""
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            for deco in node.decorator_list:
                route = _route(deco)
                if route:
                    routes.append(route)
    return None if prefix is None else (prefix, routes)


def _assigns(node: ast.Assign, name: str) -> bool:
    return any(isinstance(t, ast.Name) and t.id == name for t in node.targets)


def _keyword(value: ast.expr, name: str) -> str | None:
    if isinstance(value, ast.Call):
        for kw in value.keywords:
            if kw.arg == name and isinstance(kw.value, ast.Constant):
                return str(kw.value.value)
    return None


def _route(deco: ast.expr) -> tuple[str, str] | None:
    if not (isinstance(deco, ast.Call) and isinstance(deco.func, ast.Attribute)):
        return None
    if deco.func.attr not in _METHODS or not deco.args:
        return None
    first = deco.args[0]
    path = first.value if isinstance(first, ast.Constant) else "?"
    return deco.func.attr, str(path)


def _mount_prefixes(root: Path) -> dict[str, str]:
    """Module name -> the prefix its router is mounted under (the API prefix or none)."""
    registry = root / "app" / "routes" / "__init__.py"
    api_prefix = _api_prefix(root)
    if not registry.is_file():
        return {}
    tree = ast.parse(registry.read_text(encoding="utf-8"))
    alias_to_module = {}
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("app.routes."):
            for alias in node.names:
                alias_to_module[alias.asname or alias.name] = (node.module or "").rsplit(".", 1)[1]
    prefixes = {}
    for node in tree.body:
        call = node.value if isinstance(node, ast.Expr) else None
        if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute)):
            continue
        owner = call.func.value
        if call.args and isinstance(call.args[0], ast.Name) and isinstance(owner, ast.Name):
            module = alias_to_module.get(call.args[0].id)
            if module:
                prefixes[module] = api_prefix if owner.id == "api_router" else ""
    return prefixes


def _api_prefix(root: Path) -> str:
    settings = root / "config" / "settings.py"
    if settings.is_file():
        for node in ast.parse(settings.read_text(encoding="utf-8")).body:
            target = node.target if isinstance(node, ast.AnnAssign) else None
            if isinstance(target, ast.Name) and target.id == "API_PREFIX":
                value = node.value if isinstance(node, ast.AnnAssign) else None
                if isinstance(value, ast.Constant):
                    return str(value.value)
    return ""
