"""`add router NAME` and `remove router NAME`."""

from __future__ import annotations

from fastforge import manifest
from fastforge.errors import NotGeneratedError
from fastforge.generators.collisions import check_router_name
from fastforge.generators.records import (
    plan_generated_files,
    plan_manifest,
    plan_removal,
    register_router,
)
from fastforge.naming import check_identifier, snake
from fastforge.project.locate import ProjectContext
from fastforge.writer import Plan


def plan_router(ctx: ProjectContext, name: str) -> Plan:
    """A router module with one endpoint and its test, registered under the API prefix."""
    module = snake(name)
    check_identifier("router", module)
    check_router_name(ctx, module)
    context = {
        "name": module,
        "path": module.replace("_", "-"),
        "title": module.replace("_", " ").capitalize(),
        "test_client": ctx.test_client,
    }
    route, test = router_files(module)
    blueprints = {route: "router/route.py.jinja", test: "router/test_route.py.jinja"}
    plan = Plan(ctx.root)
    previous = manifest.load(ctx.root)["routers"].get(module)
    files = plan_generated_files(ctx, plan, blueprints, context, previous=previous)
    register_router(ctx, plan, module)
    entry = manifest.Entry(kind="routers", name=module, files=files)
    plan_manifest(ctx, plan, entry)
    return plan


def router_files(module: str) -> list[str]:
    """The router's module and its test."""
    return [f"app/routes/{module}.py", f"app/tests/routes/test_{module}.py"]


def plan_router_removal(ctx: ProjectContext, name: str) -> Plan:
    """Undo `add router`: its files, its registration and its manifest entry."""
    module = snake(name)
    routers = manifest.load(ctx.root)["routers"]
    entry = routers.get(module)
    if entry is None:
        raise NotGeneratedError(kind="router", name=name, known=sorted(routers))
    plan = Plan(ctx.root)
    plan_removal(plan, entry)
    register_router(ctx, plan, module, remove=True)
    plan_manifest(ctx, plan, entry, remove=True)
    return plan
