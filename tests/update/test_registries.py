"""Registries merge by registration, so an option's router and a resource's can be neighbours."""

from __future__ import annotations

from fastforge.update.registries import merge_registry

BASE = '''"""The routers."""

from fastapi import APIRouter

from app.routes.health import router as health_router
from app.routes.info import router as info_router

api_router = APIRouter()
api_router.include_router(info_router)
api_router.include_router(health_router)
'''


def with_products(source: str) -> str:
    return source.replace(
        "from app.routes.info import router as info_router\n",
        "from app.routes.info import router as info_router\n"
        "from app.routes.products import router as products_router\n",
    ).replace(
        "api_router.include_router(health_router)\n",
        "api_router.include_router(health_router)\napi_router.include_router(products_router)\n",
    )


def with_tasks(source: str) -> str:
    return source.replace(
        "from app.routes.info import router as info_router\n",
        "from app.routes.info import router as info_router\n"
        "from app.routes.tasks import router as tasks_router\n",
    ).replace(
        "api_router.include_router(health_router)\n",
        "api_router.include_router(health_router)\napi_router.include_router(tasks_router)\n",
    )


def test_an_option_router_joins_beside_a_resource_and_a_comment() -> None:
    mine = with_products(BASE) + "# Mine.\n"
    merged = merge_registry(base=BASE, mine=mine, new=with_tasks(BASE), path="r.py")
    assert merged is not None
    assert "from app.routes.products import router as products_router\n" in merged
    assert "from app.routes.tasks import router as tasks_router\n" in merged
    assert merged.count("include_router") == 4
    assert merged.endswith("# Mine.\n")


def test_other_template_changes_merge_as_lines() -> None:
    new = with_tasks(BASE).replace('"""The routers."""', '"""The routers, one per module."""')
    merged = merge_registry(base=BASE, mine=with_products(BASE), new=new, path="r.py")
    assert merged is not None
    assert merged.startswith('"""The routers, one per module."""')
    assert "products_router)" in merged
    assert "tasks_router)" in merged


def test_a_router_the_template_drops_leaves_the_users() -> None:
    mine = with_products(with_tasks(BASE))
    merged = merge_registry(base=with_tasks(BASE), mine=mine, new=BASE, path="r.py")
    assert merged == with_products(BASE)
