"""Shell completion: the project's routers and resources, and field types after `name:`.

Completion runs at every <TAB>, so it reads .fastforge.json directly and never fails:
outside a project, or with a damaged manifest, it offers nothing.
"""

from __future__ import annotations

import json
from pathlib import Path

_MANIFEST = ".fastforge.json"


def _generated(kind: str) -> list[str]:
    here = Path.cwd()
    for folder in (here, *here.parents):
        path = folder / _MANIFEST
        if path.is_file() or (folder / ".copier-answers.yml").is_file():
            try:
                entries = json.loads(path.read_text(encoding="utf-8")).get(kind, {})
            except (OSError, ValueError, AttributeError):
                return []
            return sorted(entries) if isinstance(entries, dict) else []
    return []


def complete_router(incomplete: str) -> list[str]:
    """Routers that `fastforge add router` made in this project."""
    return [name for name in _generated("routers") if name.startswith(incomplete)]


def complete_resource(incomplete: str) -> list[str]:
    """Resources that `fastforge add resource` made in this project."""
    return [name for name in _generated("resources") if name.startswith(incomplete)]


def complete_field(incomplete: str) -> list[str]:
    """After `name:` the field types; after `name:ref:` the resources to reference."""
    from fastforge.fields import MODIFIERS, TYPES

    name, colon, rest = incomplete.partition(":")
    if not colon:
        return []
    if rest.startswith("ref:"):
        return [f"{name}:ref:{r}" for r in _generated("resources") if r.startswith(rest[4:])]
    if ":" not in rest and not rest.endswith(("?", "=")):
        typed = [f"{name}:{t}" for t in TYPES if t.startswith(rest)]
        if typed != [incomplete]:
            return typed
    return [f"{incomplete}:{m}" for m in MODIFIERS if f":{m}" not in incomplete]
