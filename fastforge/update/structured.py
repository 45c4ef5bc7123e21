"""Merges by meaning where lines collide: `.env` by key, pyproject.toml by table and package.

Each takes what fastforge generated (`base`), the project's file (`mine`) and the new
render (`new`), and returns `mine` with the template's change applied, or None when the
user changed the same key or package the template changes.
"""

from __future__ import annotations

import re
from typing import Any

_ENV_KEY = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*)=(.*)$")
_PACKAGE = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)")


class _ConflictError(Exception):
    pass


def merge_env(*, base: str, mine: str, new: str) -> str | None:
    """Keys the template adds are added, keys it drops go if unchanged, values never change
    unless the user left them as generated."""
    base_values, new_values = _env_values(base), _env_values(new)
    lines = mine.splitlines(keepends=True)
    mine_values = _env_values(mine)
    for key, value in new_values.items():
        old = base_values.get(key)
        if key in mine_values:
            if mine_values[key] == old and value != old:
                index = _env_line(lines, key)
                lines[index] = f"{key}={value}\n"
            elif mine_values[key] not in (old, value) and value != old:
                return None
        elif old is None:
            _insert_env(lines, key, new)
    for key, old in base_values.items():
        if key not in new_values and mine_values.get(key) == old:
            index = _env_line(lines, key)
            start = index
            comments = _comment_block(base, key)
            while start > 0 and comments and lines[start - 1].strip() in comments:
                start -= 1
            del lines[start : index + 1]
    return "".join(lines)


def _env_values(text: str) -> dict[str, str]:
    found = (_ENV_KEY.match(line) for line in text.splitlines())
    return {m[1]: m[2] for m in found if m}


def _env_line(lines: list[str], key: str) -> int:
    return next(i for i, line in enumerate(lines) if line.startswith(f"{key}="))


def _comment_block(text: str, key: str) -> set[str]:
    """The comment lines right above `key` in `text`."""
    lines = text.splitlines()
    index = next(i for i, line in enumerate(lines) if line.startswith(f"{key}="))
    block = set()
    while index > 0 and lines[index - 1].startswith("#"):
        index -= 1
        block.add(lines[index].strip())
    return block


def _insert_env(lines: list[str], key: str, new: str) -> None:
    """Put `key` (with its comments) after the key that precedes it in `new`."""
    new_lines = new.splitlines(keepends=True)
    index = next(i for i, line in enumerate(new_lines) if line.startswith(f"{key}="))
    start = index
    while start > 0 and new_lines[start - 1].startswith("#"):
        start -= 1
    block = new_lines[start : index + 1]
    at = len(lines)
    for previous in reversed(new_lines[:start]):
        match = _ENV_KEY.match(previous)
        if match and any(line.startswith(f"{match[1]}=") for line in lines):
            at = _env_line(lines, match[1]) + 1
            break
    if at == len(lines) and lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    lines[at:at] = block


def merge_pyproject(*, base: str, mine: str, new: str) -> str | None:
    """Tables merged key by key, and lists of requirements package by package."""
    import tomlkit

    documents = [tomlkit.parse(text) for text in (base, mine, new)]
    try:
        _merge_table(documents[0], documents[1], documents[2])
    except _ConflictError:
        return None
    return tomlkit.dumps(documents[1])


def _merge_table(base: Any, mine: Any, new: Any) -> None:
    for key in [*new.keys(), *(k for k in base if k not in new)]:
        b, n = base.get(key), new.get(key)
        if key not in mine:
            if b is None and n is not None:
                mine[key] = n
            continue
        m = mine[key]
        if _unwrap(n) == _unwrap(b):
            continue
        if isinstance(m, dict) and isinstance(b, dict) and isinstance(n, dict):
            _merge_table(b, m, n)
        elif _requirements(m) and _requirements(b) and _requirements(n):
            _merge_requirements(b, m, n)
        elif _unwrap(m) == _unwrap(b):
            if n is None:
                del mine[key]
            else:
                mine[key] = n
        elif _unwrap(m) != _unwrap(n):
            raise _ConflictError


def _merge_requirements(base: Any, mine: Any, new: Any) -> None:
    by_name = [{_package(r): str(r) for r in array} for array in (base, mine, new)]
    b, m, n = by_name
    for name, requirement in b.items():
        if name not in n and name in m:
            if m[name] != requirement:
                raise _ConflictError
            mine.remove(next(r for r in mine if _package(r) == name))
    for name, requirement in n.items():
        if name not in m and name not in b:
            mine.append(requirement)
        elif name in m and name in b and m[name] == b[name] != requirement:
            index = next(i for i, r in enumerate(mine) if _package(r) == name)
            mine[index] = requirement
    mine.multiline(True)


def _requirements(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) and _PACKAGE.match(v) for v in value)


def _package(requirement: Any) -> str:
    match = _PACKAGE.match(str(requirement))
    return re.sub(r"[-_.]+", "-", match[1]).lower() if match else str(requirement)


def _unwrap(value: Any) -> Any:
    return value.unwrap() if hasattr(value, "unwrap") else value
