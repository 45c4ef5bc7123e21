"""Idempotent, reversible edits of the registry modules, done on the syntax tree.

`app/routes/__init__.py` registers routers and `app/models/__init__.py` imports models.
Each edit is anchored on code, not text: an import goes in sorted place among its
siblings (so ruff's isort stays happy), a call goes after the last call of its kind.
Running an edit twice changes nothing; each `add_*` has a `remove_*` that undoes it.
"""

from __future__ import annotations

from dataclasses import dataclass

import libcst as cst

from fastforge.errors import NotPythonError, RegistryError


@dataclass(frozen=True)
class ImportLine:
    """`from MODULE import NAME [as ALIAS]`."""

    module: str
    name: str
    alias: str | None = None

    @property
    def code(self) -> str:
        alias = f" as {self.alias}" if self.alias else ""
        return f"from {self.module} import {self.name}{alias}"


@dataclass(frozen=True)
class CallLine:
    """`RECEIVER.METHOD(ARGUMENT)`, e.g. `api_router.include_router(items_router)`."""

    receiver: str
    method: str
    argument: str

    @property
    def code(self) -> str:
        return f"{self.receiver}.{self.method}({self.argument})"


def add_import(source: str, line: ImportLine, *, path: str) -> str:
    """Insert the import in sorted place among imports of the same package."""
    module = _parse(source, path)
    if any(_is_import(stmt, line) for stmt in module.body):
        return source
    package = line.module.rsplit(".", 1)[0] + "."
    body = list(module.body)
    siblings = [i for i, s in enumerate(body) if (_module_of(s) or "").startswith(package)]
    later = [i for i in siblings if (_module_of(body[i]) or "") > line.module]
    if later:
        at = later[0]
    elif siblings:
        at = siblings[-1] + 1
    else:
        imports = [i for i, s in enumerate(body) if _module_of(s) is not None]
        if not imports:
            raise RegistryError(path=path, missing="it has no imports", line=line.code)
        at = imports[-1] + 1
    statement = cst.parse_statement(line.code + "\n")
    if later:
        # The new first line of the group takes over the blank line that opened it.
        statement = statement.with_changes(leading_lines=body[at].leading_lines)
        body[at] = body[at].with_changes(leading_lines=())
    body.insert(at, statement)
    return module.with_changes(body=body).code


def remove_import(source: str, line: ImportLine, *, path: str) -> str:
    """Remove exactly this import, if present."""
    module = _parse(source, path)
    return _without(module, lambda stmt: _is_import(stmt, line))


def add_call(source: str, line: CallLine, *, path: str) -> str:
    """Insert the call after the last call of the same receiver and method."""
    module = _parse(source, path)
    body = list(module.body)
    if any(_call_argument(stmt, line) == line.argument for stmt in body):
        return source
    same = [i for i, stmt in enumerate(body) if _call_argument(stmt, line) is not None]
    if not same:
        raise RegistryError(
            path=path,
            missing=f"no `{line.receiver}.{line.method}(...)` call was found",
            line=line.code,
        )
    body.insert(same[-1] + 1, cst.parse_statement(line.code + "\n"))
    return module.with_changes(body=body).code


def remove_call(source: str, line: CallLine, *, path: str) -> str:
    """Remove exactly this call, if present."""
    module = _parse(source, path)
    return _without(module, lambda stmt: _call_argument(stmt, line) == line.argument)


def _parse(source: str, path: str) -> cst.Module:
    try:
        return cst.parse_module(source)
    except cst.ParserSyntaxError as error:
        reason = f"{error.message} at line {error.raw_line}"
        raise NotPythonError(path=path, reason=reason) from None


def _without(module: cst.Module, drop: object) -> str:
    assert callable(drop)
    body = list(module.body)
    kept = [stmt for stmt in body if not drop(stmt)]
    if len(kept) == len(body):
        return module.code
    # A removed statement that opened a group hands its blank lines to the next one.
    for index, stmt in enumerate(body):
        if drop(stmt) and index + 1 < len(body) and not drop(body[index + 1]):
            nxt = body[index + 1]
            if stmt.leading_lines and not nxt.leading_lines:
                kept[kept.index(nxt)] = nxt.with_changes(leading_lines=stmt.leading_lines)
    return module.with_changes(body=kept).code


def _single(stmt: cst.CSTNode) -> cst.BaseSmallStatement | None:
    if isinstance(stmt, cst.SimpleStatementLine) and len(stmt.body) == 1:
        return stmt.body[0]
    return None


def _module_of(stmt: cst.CSTNode) -> str | None:
    small = _single(stmt)
    if isinstance(small, cst.ImportFrom) and small.module is not None:
        return cst.Module([]).code_for_node(small.module)
    if isinstance(small, cst.Import):
        return ""
    return None


def _is_import(stmt: cst.CSTNode, line: ImportLine) -> bool:
    small = _single(stmt)
    if not isinstance(small, cst.ImportFrom) or _module_of(stmt) != line.module:
        return False
    if isinstance(small.names, cst.ImportStar) or len(small.names) != 1:
        return False
    alias = small.names[0]
    asname = alias.asname.name if alias.asname else None
    own = asname.value if isinstance(asname, cst.Name) else None
    return cst.Module([]).code_for_node(alias.name) == line.name and own == line.alias


def _call_argument(stmt: cst.CSTNode, line: CallLine) -> str | None:
    """The first argument's source when `stmt` is `RECEIVER.METHOD(...)`, else None."""
    small = _single(stmt)
    if not isinstance(small, cst.Expr) or not isinstance(small.value, cst.Call):
        return None
    call = small.value
    func = call.func
    if not (
        isinstance(func, cst.Attribute)
        and isinstance(func.value, cst.Name)
        and func.value.value == line.receiver
        and func.attr.value == line.method
    ):
        return None
    return cst.Module([]).code_for_node(call.args[0].value) if call.args else ""


def add_to_all(source: str, name: str, *, path: str) -> str:
    """Add `name` to the module's `__all__` list, in sorted place."""
    return _edit_all(source, name, path=path, add=True)


def remove_from_all(source: str, name: str, *, path: str) -> str:
    """Remove `name` from `__all__`, if present."""
    return _edit_all(source, name, path=path, add=False)


def _edit_all(source: str, name: str, *, path: str, add: bool) -> str:
    module = _parse(source, path)
    body = list(module.body)
    for index, stmt in enumerate(body):
        small = _single(stmt)
        if not (
            isinstance(small, cst.Assign)
            and len(small.targets) == 1
            and isinstance(small.targets[0].target, cst.Name)
            and small.targets[0].target.value == "__all__"
            and isinstance(small.value, cst.List)
        ):
            continue
        names = [
            e.value.evaluated_value
            for e in small.value.elements
            if isinstance(e.value, cst.SimpleString) and isinstance(e.value.evaluated_value, str)
        ]
        if (name in names) == add:
            return source
        names = sorted({*names, name}) if add else [n for n in names if n != name]
        listed = ", ".join(f'"{n}"' for n in names)
        body[index] = cst.parse_statement(f"__all__ = [{listed}]\n").with_changes(
            leading_lines=stmt.leading_lines
        )
        return module.with_changes(body=body).code
    if not add:
        return source
    raise RegistryError(
        path=path, missing="it has no `__all__ = [...]` list", line=f'__all__ += ["{name}"]'
    )
