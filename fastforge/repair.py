"""Rebuild .fastforge.json from the project's files, for `fastforge list --repair`.

A router or resource counts as generated when its module is registered in
app/routes/__init__.py, the template does not ship it, and fastforge's files for it
exist. A resource's fields are read back from its migrations: the one that created its
table (with the link tables of its `many` fields, and the owner column of an `--owned`
resource), then the `add field`, `remove field` and `rename field` migrations built on
it, replayed in migration order. Every migration's revision id is a hash of what it
does, so a match for each of them proves the fields exact. Every file is recorded with
its current hash: after a repair, `remove` treats today's content as generated.
"""

from __future__ import annotations

import ast
import itertools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from fastforge import manifest
from fastforge.errors import FieldSpecError, MigrationStateError
from fastforge.fields import Field, link_table, parse_field
from fastforge.migrations import VERSIONS, Migration, MigrationGraph, read_graph, revision_id
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
_ON_DELETE = {"CASCADE": "cascade", "SET NULL": "set_null"}
_ACTIONS = ("add", "remove", "rename")
# How many orders of a migration's columns and link tables to try against its revision id.
_MAX_ORDERS = 5000


@dataclass(frozen=True)
class Repaired:
    """The rebuilt manifest's bytes, and what was recognised."""

    content: bytes | None
    routers: list[str]
    resources: list[str]
    inexact: list[str]  # resources whose fields could not be proven exact


@dataclass(frozen=True)
class _Step:
    """One migration of a resource: the file, its revision and what it builds on."""

    path: Path  # relative to the project root
    revision: str
    downs: tuple[str, ...]
    action: str  # create, add, remove or rename

    @property
    def down(self) -> str | None:
        """The revision the generator built on ("" for the first), None if not one."""
        if len(self.downs) > 1:
            return None
        return self.downs[0] if self.downs else ""


@dataclass(frozen=True)
class _Column:
    name: str
    type: str  # a field type, "" when the column's type is not one fastforge writes
    nullable: bool
    server_default: str | None  # as a spec's `=VALUE` spells it


@dataclass
class _Upgrade:
    """What a migration's upgrade() does, as far as fastforge's migrations go."""

    created: dict[str, list[_Column]] = field(default_factory=dict)
    dropped_tables: list[str] = field(default_factory=list)
    altered: set[str] = field(default_factory=set)  # batch_alter_table tables
    added: list[tuple[str, _Column]] = field(default_factory=list)
    dropped: list[tuple[str, str]] = field(default_factory=list)
    renamed: list[tuple[str, str, str]] = field(default_factory=list)  # table, old, new
    refs: dict[tuple[str, str], tuple[str, str]] = field(default_factory=dict)  # -> target, rule
    unique: set[tuple[str, str]] = field(default_factory=set)
    indexes: dict[tuple[str, str], bool] = field(default_factory=dict)  # -> unique index
    primary: dict[str, list[str]] = field(default_factory=dict)


def rebuild(ctx: ProjectContext, *, shipped: set[str]) -> Repaired:
    """Entries for every registered module that the template (`shipped`) does not provide."""
    entries: dict[str, dict[str, manifest.Entry]] = {kind: {} for kind in manifest.KINDS}
    inexact = []
    history = _History(ctx.root)
    for module in _registered(ctx.root):
        if module in shipped:
            continue
        steps, complete = history.of(module)
        if steps:
            entry, exact = _resource(ctx, module, steps)
            entries["resources"][module] = entry
            if not exact or not complete:
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


class _History:
    """The project's migrations in the order they apply (parents before children)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        try:
            self.graph: MigrationGraph | None = read_graph(root)
        except MigrationStateError:
            self.graph = None  # only the create migrations can be read, each on its own
        self.order = _topological(self.graph) if self.graph else []

    def of(self, plural: str) -> tuple[list[_Step], bool]:
        """The migrations that may be `plural`'s: its latest create migration, then the
        field migrations named for it that build on that one. False: the history could
        not be followed, so some may be missing."""
        create = re.compile(rf"^[0-9a-f]+_create_{re.escape(plural)}\.py$")
        change = re.compile(rf"^[0-9a-f]+_({'|'.join(_ACTIONS)})_\w+_{re.escape(plural)}\.py$")
        if self.graph is None:
            paths = sorted((self.root / VERSIONS).glob(f"*_{plural}.py"))
            first = next((p for p in paths if create.match(p.name)), None)
            if first is None:
                return [], True
            down = _down_revision(first)
            step = _Step(
                path=first.relative_to(self.root),
                revision=first.name.split("_", 1)[0],
                downs=(down,) if down else (),
                action="create",
            )
            return [step], not any(change.match(p.name) for p in paths)
        creates = [m for m in self.order if create.match(m.path.name)]
        if not creates:
            return [], True
        start = creates[-1]
        later: set[str] = set()
        todo = [start.revision]
        while todo:
            for child in self.graph.children(todo.pop()):
                if child.revision not in later:
                    later.add(child.revision)
                    todo.append(child.revision)
        steps = [_Step(start.path, start.revision, start.down_revisions, "create")]
        for m in self.order:
            found = change.match(m.path.name)
            if found and m.revision in later:
                steps.append(_Step(m.path, m.revision, m.down_revisions, found[1]))
        return steps, True


def _topological(graph: MigrationGraph) -> list[Migration]:
    """Every migration after the ones it builds on; ties go by file name."""
    done: set[str] = set()
    order = []
    pending = sorted(graph.migrations.values(), key=lambda m: m.path.as_posix())
    while pending:
        ready = [m for m in pending if all(d in done for d in m.down_revisions)]
        if not ready:  # a cycle: no order is right, keep the rest by name
            ready = pending
        for m in ready:
            done.add(m.revision)
            order.append(m)
        pending = [m for m in pending if m.revision not in done]
    return order


def _resource(ctx: ProjectContext, plural: str, steps: list[_Step]) -> tuple[manifest.Entry, bool]:
    one = singular(plural)
    files = [
        f"app/models/{one}.py",
        f"app/schemas/{one}.py",
        f"app/services/{one}.py",
        f"app/controllers/{one}.py",
        f"app/routes/{plural}.py",
        f"app/tests/routes/test_{plural}.py",
        f"app/tests/services/test_{one}.py",
        f"app/tests/factories/{one}.py",
    ]
    create, *changes = steps
    fields, owned, exact = _created(plural, _upgrade(ctx.root / create.path), create)
    files.append(create.path.as_posix())
    for step in changes:
        changed = _change(plural, fields, _upgrade(ctx.root / step.path), step)
        if changed is None:  # named like one of the resource's, but changes another table
            continue
        fields, proven = changed
        exact = exact and proven
        files.append(step.path.as_posix())
    routes = (ctx.root / f"app/routes/{plural}.py").read_text(encoding="utf-8")
    public = ctx.auth != "none" and "CurrentUser" not in routes
    entry = manifest.Entry(
        kind="resources",
        name=plural,
        files=_hashes(ctx.root, files),
        fields=tuple(f.spec for f in fields),
        options={"module": plural, "public": public, "owned": owned},
    )
    return entry, exact


def _created(plural: str, up: _Upgrade, step: _Step) -> tuple[list[Field], bool, bool]:
    """The fields the create migration gives the table, whether it is owned, and whether
    the revision id proves both."""
    columns = [c for c in up.created.get(plural, []) if c.name not in _BUILT_IN]
    links = [f for owner, f in _links(up) if owner == plural]
    # An owned table's owner_id comes first; a field `owner:ref:users:index:cascade` could
    # look the same, and the revision id tells them apart.
    owner = columns[0] if columns and columns[0].name == "owner_id" else None
    ownership = [True, False] if owner and _is_owner(up, plural, owner) else [False]

    def proves(specs: list[str]) -> bool:
        return step.down is not None and step.revision == revision_id(plural, step.down, *specs)

    fallback: tuple[list[Field], bool] | None = None
    for owned in ownership:
        own = [_column_field(up, plural, c) for c in columns if not (owned and c is owner)]
        fields, exact = _pick(own, links, proves)
        if exact:
            return fields, owned, True
        fallback = fallback or (fields, owned)
    assert fallback is not None
    return fallback[0], fallback[1], False


def _is_owner(up: _Upgrade, plural: str, column: _Column) -> bool:
    key = (plural, column.name)
    return (
        not column.nullable
        and up.refs.get(key) == ("users", "cascade")
        and up.indexes.get(key) is False
        and key not in up.unique
    )


def _change(
    plural: str, fields: list[Field], up: _Upgrade, step: _Step
) -> tuple[list[Field], bool] | None:
    """The fields after a field migration, and whether its revision id proves them; None
    when the migration does not change `plural`."""

    def proves(specs: list[str]) -> bool:
        return bool(step.down) and step.revision == revision_id(
            step.action, plural, str(step.down), *specs
        )

    if step.action == "add":
        columns = [_column_field(up, plural, c) for table, c in up.added if table == plural]
        links = [f for owner, f in _links(up) if owner == plural]
        if not columns and not links:
            return None
        added, exact = _pick(columns, links, proves)
        return [*fields, *added], exact
    if step.action == "remove":
        dropped = [c for table, c in up.dropped if table == plural]
        columns = [f for c in dropped for f in fields if f.type != "many" and f.column == c]
        links = [
            f
            for name in up.dropped_tables
            for f in fields
            if f.type == "many" and link_table(plural, f).name == name
        ]
        if plural not in up.altered and not links:
            return None
        complete = len(columns) == len(dropped) and len(links) == len(
            [t for t in up.dropped_tables if t.startswith(f"{plural}_")]
        )
        removed, exact = _pick(columns, links, proves)
        return [f for f in fields if f not in removed], exact and complete
    renames = [(old, new) for table, old, new in up.renamed if table == plural]
    if not renames:
        return None
    exact = len(renames) == 1
    for old, new in renames:
        found = next((f for f in fields if f.type != "many" and f.column == old), None)
        if found is None:
            exact = False
            continue
        name = new.removesuffix("_id") if found.type == "ref" else new
        renamed = replace(found, name=name)
        exact = exact and renamed.column == new and proves([found.spec, renamed.spec])
        fields = [renamed if f is found else f for f in fields]
    return fields, exact


def _pick(
    columns: list[Field], links: list[Field], proves: Callable[[list[str]], bool]
) -> tuple[list[Field], bool]:
    """The order of the columns and the link tables' fields that the revision id proves,
    or columns then links, unproven. A migration writes the columns first, while the
    specs may mix them: each order keeps the columns' and the links' own order."""
    first: list[Field] | None = None
    for order in itertools.islice(_orders(columns, links), _MAX_ORDERS):
        first = first or order
        if proves([f.spec for f in order]):
            return order, True
    return first or [], False


def _orders(columns: list[Field], links: list[Field]) -> Iterator[list[Field]]:
    size = len(columns) + len(links)
    # Positions of the links, latest first: the first order is columns, then links.
    for spots in itertools.combinations(range(size - 1, -1, -1), len(links)):
        column, link = iter(columns), iter(links)
        yield [next(link) if i in spots else next(column) for i in range(size)]


def _column_field(up: _Upgrade, table: str, column: _Column) -> Field:
    key = (table, column.name)
    unique = key in up.unique or up.indexes.get(key) is True
    index = key in up.indexes
    ref = up.refs.get(key)
    if ref is not None:
        return Field(
            name=column.name.removesuffix("_id"),
            type="ref",
            optional=column.nullable,
            unique=unique,
            index=index,
            target=ref[0],
            on_delete=ref[1],
        )
    kind = column.type or "str"
    default, has_default = _default(kind, column.server_default)
    return Field(
        name=column.name,
        type=kind,
        optional=column.nullable,
        default=default,
        has_default=has_default,
        unique=unique,
        index=index,
    )


def _default(kind: str, text: str | None) -> tuple[object, bool]:
    """A server default (`add field` writes one) as the field's default."""
    if text is None:
        return None, False
    try:
        return parse_field(f"value:{kind}={text}").default, True
    except FieldSpecError:
        return None, False


def _links(up: _Upgrade) -> list[tuple[str, Field]]:
    """The link tables the migration creates, each as (owning table, its `many` field)."""
    found = []
    for name, columns in up.created.items():
        names = [c.name for c in columns]
        refs = [up.refs.get((name, c)) for c in names]
        if len(names) != 2 or up.primary.get(name) != names:
            continue
        targets = [r[0] for r in refs if r is not None and r[1] == "cascade"]
        if len(targets) != 2:
            continue
        owner, target = targets
        if not name.startswith(f"{owner}_"):
            continue
        link_field = Field(name=name[len(owner) + 1 :], type="many", target=target)
        link = link_table(owner, link_field)
        if (link.name, link.column, link.target_column) == (name, *names):
            found.append((owner, link_field))
    return found


def _upgrade(path: Path) -> _Upgrade:
    up = _Upgrade()
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and node.name == "upgrade":
            _statements(node.body, up, batch=None)
    return up


def _statements(body: list[ast.stmt], up: _Upgrade, *, batch: str | None) -> None:
    for statement in body:
        if isinstance(statement, ast.With):
            table = batch
            for item in statement.items:
                call = item.context_expr
                if isinstance(call, ast.Call) and _name(call.func) == "batch_alter_table":
                    table = _string(call.args[0]) if call.args else None
                    if table:
                        up.altered.add(table)
            _statements(statement.body, up, batch=table)
        elif isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Call):
            _operation(statement.value, up, batch=batch)


def _operation(call: ast.Call, up: _Upgrade, *, batch: str | None) -> None:  # noqa: C901
    name, args = _name(call.func), call.args
    keywords = {k.arg: k.value for k in call.keywords if k.arg}
    values = [_strings(a) for a in args]
    if name == "create_table" and batch is None and values and values[0]:
        _table(values[0][0], args[1:], up)
    elif name == "drop_table" and batch is None and values and values[0]:
        up.dropped_tables.append(values[0][0])
    elif name == "create_index":
        table, columns = (batch, values[1:2]) if batch else (_first(values[1:2]), values[2:3])
        if table and columns and len(columns[0]) == 1:
            up.indexes[(table, columns[0][0])] = _is_true(keywords.get("unique"))
    elif batch is None:
        return
    elif name == "add_column" and args and isinstance(args[0], ast.Call):
        column = _column(args[0])
        if column is not None:
            up.added.append((batch, column))
    elif name == "drop_column" and values and values[0]:
        up.dropped.append((batch, values[0][0]))
    elif name == "alter_column" and values and values[0]:
        new = _string(keywords["new_column_name"]) if "new_column_name" in keywords else None
        if new:
            up.renamed.append((batch, values[0][0], new))
    elif name == "create_unique_constraint" and len(values) >= 2 and len(values[1]) == 1:
        up.unique.add((batch, values[1][0]))
    elif name == "create_foreign_key" and len(values) >= 3 and values[1] and len(values[2]) == 1:
        up.refs[(batch, values[2][0])] = (values[1][0], _rule(keywords.get("ondelete")))


def _table(table: str, items: list[ast.expr], up: _Upgrade) -> None:
    columns = up.created.setdefault(table, [])
    for item in items:
        if not isinstance(item, ast.Call):
            continue
        name, values = _name(item.func), [_strings(a) for a in item.args]
        keywords = {k.arg: k.value for k in item.keywords if k.arg}
        if name == "Column":
            column = _column(item)
            if column is not None:
                columns.append(column)
                if _is_true(keywords.get("unique")):
                    up.unique.add((table, column.name))
        elif name == "ForeignKeyConstraint" and len(values) >= 2 and len(values[0]) == 1:
            target = values[1][0].split(".")[0] if values[1] else ""
            up.refs[(table, values[0][0])] = (target, _rule(keywords.get("ondelete")))
        elif name == "UniqueConstraint" and len(values) == 1 and values[0]:
            up.unique.add((table, values[0][0]))
        elif name == "PrimaryKeyConstraint":
            up.primary[table] = [v for vs in values for v in vs]


def _column(call: ast.Call) -> _Column | None:
    if _name(call.func) != "Column" or not call.args:
        return None
    name = _string(call.args[0])
    if name is None:
        return None
    kinds = [_TYPES[_name(_callee(a))] for a in call.args[1:] if _name(_callee(a)) in _TYPES]
    keywords = {k.arg: k.value for k in call.keywords if k.arg}
    default = keywords.get("server_default")
    if isinstance(default, ast.Call) and _name(default.func) in ("true", "false"):
        server_default: str | None = _name(default.func)
    else:
        server_default = _string(default) if default is not None else None
    return _Column(
        name=name,
        type=kinds[0] if kinds else "",
        nullable=_is_true(keywords.get("nullable")),
        server_default=server_default,
    )


def _rule(node: ast.expr | None) -> str:
    """A foreign key's ondelete as a field's on-delete rule (restrict when there is none)."""
    text = _string(node) if node is not None else None
    return _ON_DELETE.get((text or "").upper(), "restrict")


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


def _string(node: ast.expr) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _first(values: list[list[str]]) -> str | None:
    return values[0][0] if values and values[0] else None


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
