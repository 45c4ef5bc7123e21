"""Registry edits: sorted, idempotent, reversible, and refused when the anchor is gone."""

from __future__ import annotations

import pytest

from fastforge.errors import RegistryError
from fastforge.registry import (
    CallLine,
    ImportLine,
    add_call,
    add_import,
    remove_call,
    remove_import,
)

REGISTRY = '''"""Routers."""

from fastapi import APIRouter

# Keep these sorted.
from app.routes.health import router as health_router
from app.routes.info import router as info_router
from config.settings import API_PREFIX

api_router = APIRouter(prefix=API_PREFIX)
api_router.include_router(info_router)  # the example
'''


def line(name: str) -> tuple[ImportLine, CallLine]:
    return (
        ImportLine(f"app.routes.{name}", "router", f"{name}_router"),
        CallLine("api_router", "include_router", f"{name}_router"),
    )


def add(source: str, name: str) -> str:
    imp, call = line(name)
    return add_call(add_import(source, imp, path="r.py"), call, path="r.py")


def remove(source: str, name: str) -> str:
    imp, call = line(name)
    return remove_call(remove_import(source, imp, path="r.py"), call, path="r.py")


def test_import_goes_in_sorted_place_and_call_after_the_last() -> None:
    edited = add(add(REGISTRY, "items"), "aardvarks")
    lines = edited.splitlines()
    imports = [x for x in lines if x.startswith("from app.routes.")]
    assert imports == sorted(imports)
    assert lines[-1] == "api_router.include_router(aardvarks_router)"
    assert "# Keep these sorted." in edited
    assert "# the example" in edited


def test_adding_twice_changes_nothing() -> None:
    once = add(REGISTRY, "items")
    assert add(once, "items") == once


def test_remove_undoes_add_exactly() -> None:
    for name in ("items", "aardvarks", "zebras"):
        assert remove(add(REGISTRY, name), name) == REGISTRY


def test_missing_registration_point_is_refused_with_the_line_to_add() -> None:
    rewritten = REGISTRY.replace("api_router.include_router(info_router)  # the example\n", "")
    with pytest.raises(RegistryError, match=r"api_router.include_router\(items_router\)"):
        add(rewritten, "items")
