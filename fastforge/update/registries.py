"""Registries merged as registrations: the template's added and dropped lines, onto yours.

`app/routes/__init__.py` and `app/models/__init__.py` sort their imports, so an option's
router and a resource's land on neighbouring lines, where a line merge conflicts. Here the
template's change is read as registrations (imports, `X.include_router(...)` calls,
`__all__` names) and replayed with `fastforge.registry` on the user's file, comments and
all. Where the template also changes other statements, those are merged as lines between
the two replayed files.
"""

from __future__ import annotations

import libcst as cst

from fastforge import registry
from fastforge.errors import NotPythonError, RegistryError
from fastforge.registry import CallLine, ImportLine
from fastforge.update.text import merge_text

REGISTRIES = ("app/routes/__init__.py", "app/models/__init__.py")
_Line = ImportLine | CallLine | str  # a str is a name in __all__


def merge_registry(*, base: str, mine: str, new: str, path: str) -> str | None:
    """`mine` with the registrations `new` adds or drops; None if `new` changes more."""
    try:
        old_lines, old_rest = _registrations(base)
        new_lines, new_rest = _registrations(new)
    except cst.ParserSyntaxError:
        return None
    try:
        merged = _replay(mine, old_lines, new_lines, path)
        if old_rest == new_rest:
            return merged
        replayed = _replay(base, old_lines, new_lines, path)
    except (RegistryError, NotPythonError):
        return None
    text = merge_text(base=replayed.encode(), mine=merged.encode(), new=new.encode())
    return None if text.conflicts else text.content.decode()


def _replay(source: str, old: list[_Line], new: list[_Line], path: str) -> str:
    """`source` with the registrations dropped from `old` to `new` removed, the added added."""
    for line in [x for x in old if x not in new]:
        source = _remove(source, line, path)
    for line in [x for x in new if x not in old]:
        source = _add(source, line, path)
    return source


def _registrations(source: str) -> tuple[list[_Line], list[str]]:
    """The module's registrations, and the code of every other statement."""
    module = cst.parse_module(source)
    code = cst.Module([]).code_for_node
    lines: list[_Line] = []
    rest = []
    for statement in module.body:
        small = statement.body[0] if isinstance(statement, cst.SimpleStatementLine) else None
        if isinstance(small, cst.ImportFrom) and small.module and _single_name(small):
            alias = small.names[0]  # type: ignore[index]
            asname = alias.asname.name if alias.asname else None
            lines.append(
                ImportLine(
                    code(small.module),
                    code(alias.name),
                    asname.value if isinstance(asname, cst.Name) else None,
                )
            )
        elif _is_call(small):
            call = small.value  # type: ignore[union-attr]
            func = call.func
            lines.append(CallLine(func.value.value, func.attr.value, code(call.args[0].value)))
        elif (names := _all_names(small)) is not None:
            lines.extend(names)
        else:
            rest.append(code(statement).strip())
    return lines, rest


def _single_name(node: cst.ImportFrom) -> bool:
    return not isinstance(node.names, cst.ImportStar) and len(node.names) == 1


def _is_call(small: cst.BaseSmallStatement | None) -> bool:
    if not isinstance(small, cst.Expr) or not isinstance(small.value, cst.Call):
        return False
    func, args = small.value.func, small.value.args
    return isinstance(func, cst.Attribute) and isinstance(func.value, cst.Name) and len(args) == 1


def _all_names(small: cst.BaseSmallStatement | None) -> list[str] | None:
    if not (
        isinstance(small, cst.Assign)
        and isinstance(small.targets[0].target, cst.Name)
        and small.targets[0].target.value == "__all__"
        and isinstance(small.value, cst.List)
    ):
        return None
    return [
        e.value.evaluated_value
        for e in small.value.elements
        if isinstance(e.value, cst.SimpleString) and isinstance(e.value.evaluated_value, str)
    ]


def _add(source: str, line: _Line, path: str) -> str:
    if isinstance(line, ImportLine):
        return registry.add_import(source, line, path=path)
    if isinstance(line, CallLine):
        return registry.add_call(source, line, path=path)
    return registry.add_to_all(source, line, path=path)


def _remove(source: str, line: _Line, path: str) -> str:
    if isinstance(line, ImportLine):
        return registry.remove_import(source, line, path=path)
    if isinstance(line, CallLine):
        return registry.remove_call(source, line, path=path)
    return registry.remove_from_all(source, line, path=path)
