"""Names `add` must refuse before planning: the project's own modules and what already exists.

A name that collides is refused as what it is (a module of the project, auth's users table,
an existing resource), never as "files differ", which would offer --force to overwrite it.
"""

from __future__ import annotations

from fastforge import manifest
from fastforge.errors import NameTakenError, ProjectModuleError
from fastforge.naming import plural, singular, snake
from fastforge.project.locate import ProjectContext


def check_router_name(ctx: ProjectContext, module: str) -> None:
    """Refuse a router named like a resource or one of the project's own modules."""
    from fastforge.generators.router import router_files

    entries = manifest.load(ctx.root)
    if module in entries["routers"]:
        return  # adding it again changes nothing
    if module in entries["resources"]:
        raise NameTakenError(
            f"Cannot add router {module!r}: resource {module} already has app/routes/"
            f"{module}.py. Nothing was changed. Choose another name for the router."
        )
    _refuse_project_modules(ctx, kind="router", name=module, paths=router_files(module))


def check_resource_name(ctx: ProjectContext, name: str, *, fields: list[str], public: bool) -> None:
    """Refuse auth's users, a resource that exists already, or the project's own modules."""
    from fastforge.generators.resource import resource_files
    from fastforge.naming import resource_names

    words = snake(name).split("_")
    many = "_".join([*words[:-1], plural(singular(words[-1]))])
    if ctx.auth != "none" and many == "users":
        raise NameTakenError(
            f"Cannot add resource {name!r}: auth owns the users table (the User model in "
            "app/models/user.py, with its routes in app/routes/users.py). Nothing was "
            "changed. Choose another name, e.g. members, or extend the User model by hand."
        )
    names = resource_names(name)
    entries = manifest.load(ctx.root)
    existing = entries["resources"].get(names.plural)
    if existing is not None:
        _refuse_other_options(existing, name=name, fields=fields, public=public)
        return
    if names.plural in entries["routers"]:
        raise NameTakenError(
            f"Cannot add resource {name!r}: router {names.plural} already has app/routes/"
            f"{names.plural}.py. Nothing was changed. Choose another name for the resource."
        )
    _refuse_project_modules(ctx, kind="resource", name=name, paths=list(resource_files(names)))


def _refuse_other_options(
    existing: manifest.Entry, *, name: str, fields: list[str], public: bool
) -> None:
    shown = " ".join(existing.fields) or "none"
    exists = f"Resource {existing.name} already exists (fields: {shown})"
    if not fields:
        raise NameTakenError(
            f"{exists}. Nothing was changed. Add columns to it with "
            f"`fastforge add field {existing.name} NAME:TYPE`, or see `fastforge list`."
        )
    was_public = bool(existing.options.get("public", False))
    if public != was_public:
        raise NameTakenError(
            f"{exists}, added {'with' if was_public else 'without'} --public. Nothing was "
            f"changed. To change that, run `fastforge remove resource {existing.name}` and "
            f"add it again{'' if was_public else ' with --public'}."
        )


def _refuse_project_modules(ctx: ProjectContext, *, kind: str, name: str, paths: list[str]) -> None:
    owned = {rel for entry in _all_entries(ctx) for rel in entry.files}
    taken = [rel for rel in paths if (ctx.root / rel).exists() and rel not in owned]
    if taken:
        raise ProjectModuleError(kind=kind, name=name, paths=taken)


def _all_entries(ctx: ProjectContext) -> list[manifest.Entry]:
    return [entry for kind in manifest.load(ctx.root).values() for entry in kind.values()]
