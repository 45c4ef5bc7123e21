"""What `add` generated, so `remove` can undo exactly that and `list` can show it.

Stored as `.fastforge.json` at the project root: each router and resource with its
fields and the hash of every file as generated. A file whose hash no longer matches was
changed by the user, and `remove` keeps it unless forced. The file disappears with the
last entry, so `remove` after `add` gives back the tree as it was.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fastforge.errors import ManifestError

MANIFEST = ".fastforge.json"
KINDS = ("routers", "resources")


@dataclass(frozen=True)
class Entry:
    """One generated router or resource."""

    kind: str
    name: str
    files: dict[str, str]  # path -> sha256 of the content as generated
    fields: tuple[str, ...] = ()
    options: dict[str, Any] = field(default_factory=dict)


def digest(content: bytes) -> str:
    """The hash recorded for a generated file."""
    return hashlib.sha256(content).hexdigest()


def load(root: Path) -> dict[str, dict[str, Entry]]:
    """Every entry by kind and name; empty when nothing was generated yet."""
    path = root / MANIFEST
    if not path.is_file():
        return {kind: {} for kind in KINDS}
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise ManifestError(path=path, reason="not UTF-8 text") from None
    except ValueError as error:
        raise ManifestError(path=path, reason=f"not valid JSON ({error})") from None
    try:
        return {kind: _entries(kind, raw.get(kind, {})) for kind in KINDS}
    except (AttributeError, TypeError, ValueError):
        raise ManifestError(
            path=path, reason="not a manifest (expected routers and resources by name)"
        ) from None


def _entries(kind: str, items: dict[str, Any]) -> dict[str, Entry]:
    return {
        str(name): Entry(
            kind=kind,
            name=str(name),
            files={str(k): str(v) for k, v in dict(item.get("files", {})).items()},
            fields=tuple(str(f) for f in item.get("fields", ())),
            options=dict(item.get("options", {})),
        )
        for name, item in items.items()
    }


def render(entries: dict[str, dict[str, Entry]]) -> bytes | None:
    """The manifest's new bytes, or None when it has no entries left (delete it)."""
    data: dict[str, Any] = {}
    for kind in KINDS:
        items = entries.get(kind, {})
        if items:
            data[kind] = {name: _as_json(entry) for name, entry in sorted(items.items())}
    if not data:
        return None
    return (json.dumps(data, indent=2, sort_keys=True) + "\n").encode()


def _as_json(entry: Entry) -> dict[str, Any]:
    item: dict[str, Any] = {"files": dict(sorted(entry.files.items()))}
    if entry.fields:
        item["fields"] = list(entry.fields)
    if entry.options:
        item["options"] = entry.options
    return item
