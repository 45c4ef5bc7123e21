"""Rebuild .fastforge.json from the project's files, for `fastforge list --repair`.

A router or resource counts as generated when its module is registered in
app/routes/__init__.py, the template does not ship it, and fastforge's files for it
exist. A resource's fields are read back from its migration's columns; the migration's
revision id is a hash of the field specs, so a match proves them exact. Every file is
recorded with its current hash: after a repair, `remove` treats today's content as
generated.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

from fastforge import manifest
from fastforge.migrations import VERSIONS, revision_id
from fastforge.naming import singular
from fastforge.project.locate import ProjectContext

_ROUTES = Path("app/routes")
_TYPES = {
    "String": "str",
    "Text": "text",
    "Integer": "int",
    "BigInteger": "int",
    "Float": "float",
    "Double": "float",
    "Numeric": "decimal",
    "Boolean": "bool",
    "Date": "date",
    "DateTime": "datetime",
    "Uuid": "uuid",
    "UUID": "uuid",
    "JSON": "json",
}
_BUILT_IN = ("id", "created_at", "updated_at")


@dataclass(frozen=True)
class Repaired:
    """The rebuilt manifest's bytes, and what was recognised."""

    content: bytes | None
    routers: list[str]
    resources: list[str]
    inexact: list[str]  # resources whose fields could not be proven exact


def rebuild(ctx: ProjectContext, *, shipped: set[str]) -> Repaired:
    """Entries for every registered module that the template (`shipped`) does not provide."""
    entries: dict[str, dict[str, manifest.Entry]] = {kind: {} for kind in manifest.KINDS}
    inexact = []
    for module in _registered(ctx.root):
        if module in shipped:
            continue
        migration = next(iter(sorted((ctx.root / VERSIONS).glob(f"*_create_{module}.py"))), None)
        if migration is not None:
            entry, exact = _resource(ctx, module, migration)
            entries["resources"][module] = entry
            if not exact:
                inexact.append(module)
        elif (ctx.root / f"app/tests/routes/test_{module}.py").is_file():
            files = [f"app/routes/{module}.py", f"app/tests/routes/test_{module}.py"]
            entries["routers"][module] = manifest.Entry(
                kind="routers", name=module, files=_hashes(ctx.root, files)
            )
    return Repaired(
        content=manifest.render(entries),
        routers=sorted(entries["routers"]),
        resources=sorted(entries["resources"]),
        inexact=inexact,
    )


def _registered(root: Path) -> list[str]:
    registry = root / _ROUTES / "__init__.py"
    tree = ast.parse(registry.read_text(encoding="utf-8"))
    return [
        node.module.rsplit(".", 1)[1]
        for node in tree.body
        if isinstance(node, ast.ImportFrom)
        and node.module is not None
        and node.module.startswith("app.routes.")
    ]


def _resource(ctx: ProjectContext, plural: str, migration: Path) -> tuple[manifest.Entry, bool]:
    one = singular(plural)
    files = [
        f"app/models/{one}.py",
        f"app/schemas/{one}.py",
        f"app/services/{one}.py",
        f"app/controllers/{one}.py",
        f"app/routes/{plural}.py",
        migration.relative_to(ctx.root).as_posix(),
        f"app/tests/routes/test_{plural}.py",
    ]
    fields = _fields(migration)
    # The generator's id hashes the name, the revision it builds on, and the specs.
    down = _down_revision(migration)
    exact = migration.name.split("_", 1)[0] == revision_id(plural, down, *fields)
    routes = (ctx.root / f"app/routes/{plural}.py").read_text(encoding="utf-8")
    public = ctx.auth != "none" and "CurrentUser" not in routes
    entry = manifest.Entry(
        kind="resources",
        name=plural,
        files=_hashes(ctx.root, files),
        fields=tuple(fields),
        options={"module": plural, "public": public},
    )
    return entry, exact


def _fields(migration: Path) -> list[str]:
    """`name:type` specs (with `?`, `ref:`, `:unique`, `:index`) from the migration."""
    tree = ast.parse(migration.read_text(encoding="utf-8"))
    calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call)]
    refs: dict[str, str] = {}
    unique: set[str] = set()
    indexed: set[str] = set()
    for call in calls:
        name, values = _name(call.func), [_strings(a) for a in call.args]
        if name == "ForeignKeyConstraint" and len(values) >= 2 and values[0] and values[1]:
            refs[values[0][0]] = values[1][0].split(".")[0]
        elif name == "UniqueConstraint" and len(values) == 1 and values[0]:
            unique.add(values[0][0])
        elif name == "create_index" and len(values) >= 3 and values[2]:
            indexed.add(values[2][0])
    specs = []
    for call in calls:
        if _name(call.func) != "Column" or not call.args:
            continue
        first = call.args[0]
        if not isinstance(first, ast.Constant) or first.value in _BUILT_IN:
            continue
        column = str(first.value)
        kinds = [_TYPES[_name(_callee(a))] for a in call.args[1:] if _name(_callee(a)) in _TYPES]
        if column in refs:
            spec = f"{column.removesuffix('_id')}:ref:{refs[column]}"
        else:
            spec = f"{column}:{kinds[0] if kinds else 'str'}"
        keywords = {k.arg: k.value for k in call.keywords}
        spec += "?" if _is_true(keywords.get("nullable")) else ""
        spec += ":unique" if column in unique or _is_true(keywords.get("unique")) else ""
        spec += ":index" if column in indexed else ""
        specs.append(spec)
    return specs


def _down_revision(migration: Path) -> str:
    for node in ast.parse(migration.read_text(encoding="utf-8")).body:
        target = node.target if isinstance(node, ast.AnnAssign) else None
        if (
            isinstance(target, ast.Name)
            and target.id == "down_revision"
            and isinstance(node, ast.AnnAssign)
            and isinstance(node.value, ast.Constant)
            and isinstance(node.value.value, str)
        ):
            return node.value.value
    return ""


def _callee(node: ast.expr) -> ast.expr:
    return node.func if isinstance(node, ast.Call) else node


def _strings(node: ast.expr) -> list[str]:
    """A string argument, or a list of them, as a list."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.List):
        return [str(e.value) for e in node.elts if isinstance(e, ast.Constant)]
    return []


def _name(node: ast.expr) -> str:
    if isinstance(node, ast.Attribute):
        return node.attr
    return node.id if isinstance(node, ast.Name) else ""


def _is_true(node: ast.expr | None) -> bool:
    return isinstance(node, ast.Constant) and node.value is True


def _hashes(root: Path, files: list[str]) -> dict[str, str]:
    return {
        rel: manifest.digest((root / rel).read_bytes()) for rel in files if (root / rel).is_file()
    }


def shipped_routes(ctx: ProjectContext) -> set[str]:
    """The route modules the template itself gives a project with these answers."""
    from fastforge import create, journal
    from fastforge.questions import load_questions

    known = {q.name for q in load_questions()}
    answers = {k: v for k, v in ctx.answers.items() if k in known}
    with journal.scratch(ctx.root, "render-") as workdir:
        planned = create.plan_project(
            target=ctx.root, answers=answers, interactive=False, workdir=workdir
        )
    return {c.path.stem for c in planned.plan.changes if c.path.parent == _ROUTES}
