"""A 3-way merge of Python modules, statement by statement, on the syntax tree.

`base` is what fastforge generated, `new` is what it generates now, and `mine` is the file
as the user keeps it. Statements are matched by what they define (a class, a function, an
assigned name), so a user's own methods, validators and comments survive, while each
statement fastforge changes is replaced only where the user left it as generated.
Imports are unioned: the formatter drops the ones nothing uses any more.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import libcst as cst

from fastforge.errors import MergeConflictError

Key = tuple[str, ...]


def merge_module(*, base: str, new: str, mine: str, path: str) -> str:
    """`mine` with every change from `base` to `new` applied; refuses overlapping edits."""
    if mine == base:
        return new
    trees = [_parse(code, path) for code in (base, new, mine)]
    body = _merge_body([list(t.body) for t in trees], modules=trees, path=path, where=())
    return trees[2].with_changes(body=body).code


def _merge_body(
    bodies: list[list[cst.BaseStatement]],
    *,
    modules: list[cst.Module],
    path: str,
    where: Key,
) -> list[cst.BaseStatement]:
    base, new, mine = ({_key(s, i): s for i, s in enumerate(body)} for body in bodies)
    code = [_coder(m) for m in modules]
    result = list(bodies[2])
    placed = dict(mine)
    for key, statement in base.items():
        if key in new or key[0] == "import" or key not in mine:
            continue
        if code[2](mine[key]) != code[0](statement):
            raise _conflict(path, where, key, "you changed what fastforge removes")
        result.remove(mine[key])
        del placed[key]
    order = list(new)
    for index, (key, statement) in enumerate(new.items()):
        if key in base and key in mine:
            if code[1](statement) == code[0](base[key]):
                continue
            merged = _merged(
                base[key], statement, mine[key], modules=modules, path=path, key=(*where, *key)
            )
            result[result.index(mine[key])] = merged
            placed[key] = merged
        elif key not in mine and (key not in base or key[0] == "import"):
            result.insert(_position(result, order[:index], placed), statement)
            placed[key] = statement
    return result


def _merged(
    base: cst.BaseStatement,
    new: cst.BaseStatement,
    mine: cst.BaseStatement,
    *,
    modules: list[cst.Module],
    path: str,
    key: Key,
) -> cst.BaseStatement:
    """One changed statement: a class merges member by member, anything else whole."""
    versions = (base, new, mine)
    if all(isinstance(v, cst.ClassDef) for v in versions):
        classes = [v for v in versions if isinstance(v, cst.ClassDef)]
        headers = {_coder(m)(_header(c)) for m, c in zip(modules, classes, strict=True)}
        blocks = [c.body for c in classes if isinstance(c.body, cst.IndentedBlock)]
        if len(headers) == 1 and len(blocks) == len(classes):
            bodies = [list(b.body) for b in blocks]
            merged = _merge_body(bodies, modules=modules, path=path, where=key)
            return classes[2].with_changes(body=blocks[2].with_changes(body=merged))
    if _coder(modules[2])(mine) != _coder(modules[0])(base):
        raise _conflict(path, (), key, "you changed what fastforge changes")
    return new


def _header(node: cst.ClassDef) -> cst.ClassDef:
    return node.with_changes(body=cst.IndentedBlock(body=[cst.SimpleStatementLine([cst.Pass()])]))


def _position(
    result: Sequence[cst.BaseStatement], before: list[Key], placed: dict[Key, cst.BaseStatement]
) -> int:
    """Just after the nearest statement that precedes this one in the new render."""
    for key in reversed(before):
        if key in placed and placed[key] in result:
            return list(result).index(placed[key]) + 1
    return 0


def _key(statement: cst.BaseStatement, index: int) -> Key:
    """What a statement defines, so it can be found again in another version of the file."""
    if isinstance(statement, (cst.ClassDef, cst.FunctionDef)):
        return (type(statement).__name__, statement.name.value)
    if isinstance(statement, cst.SimpleStatementLine) and len(statement.body) == 1:
        small = statement.body[0]
        if isinstance(small, (cst.Import, cst.ImportFrom)):
            return ("import", cst.Module(body=[statement]).code.strip())
        if isinstance(small, cst.Expr) and isinstance(small.value, cst.SimpleString):
            return ("docstring",)
        target = None
        if isinstance(small, cst.AnnAssign):
            target = small.target
        elif isinstance(small, cst.Assign) and len(small.targets) == 1:
            target = small.targets[0].target
        if isinstance(target, cst.Name):
            return ("name", target.value)
    return ("statement", str(index))


def _coder(module: cst.Module) -> Callable[[cst.CSTNode], str]:
    return lambda node: module.code_for_node(node).strip()


def _conflict(path: str, where: Key, key: Key, reason: str) -> MergeConflictError:
    named = ".".join(
        part for part in (*where, *key) if part not in ("ClassDef", "FunctionDef", "name")
    )
    return MergeConflictError(path=path, where=named or "the module", reason=reason)


def _parse(code: str, path: str) -> cst.Module:
    try:
        return cst.parse_module(code)
    except cst.ParserSyntaxError:
        raise MergeConflictError(
            path=path, where="the module", reason="it is not valid Python"
        ) from None
