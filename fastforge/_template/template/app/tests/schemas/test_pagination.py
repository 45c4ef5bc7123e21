"""Page[T] and PageQuery: the envelope and the bounds every list shares."""

from dataclasses import dataclass
from typing import Any

import pytest
from pydantic import BaseModel, ConfigDict, ValidationError

from app.schemas.pagination import PAGE_SIZE_DEFAULT, PAGE_SIZE_MAX, Page, PageQuery


@dataclass
class _Row:
    name: str


class _Item(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    name: str


def test_a_page_reads_its_items_from_the_rows_attributes() -> None:
    page = Page[_Item].of([_Row("a"), _Row("b")], total=5, query=PageQuery(limit=2, offset=1))

    assert page.model_dump() == {
        "items": [{"name": "a"}, {"name": "b"}],
        "total": 5,
        "limit": 2,
        "offset": 1,
    }


def test_a_page_query_defaults_to_the_first_page() -> None:
    assert (PageQuery().limit, PageQuery().offset) == (PAGE_SIZE_DEFAULT, 0)


@pytest.mark.parametrize(
    "params", [{"limit": 0}, {"limit": PAGE_SIZE_MAX + 1}, {"offset": -1}, {"page": 2}]
)
def test_a_page_query_refuses_bounds_out_of_range_and_unknown_keys(params: dict[str, Any]) -> None:
    with pytest.raises(ValidationError):
        PageQuery.model_validate(params)


def test_a_list_query_adds_its_filters_to_the_page_bounds() -> None:
    class ItemQuery(PageQuery):
        name: str | None = None

    query = ItemQuery.model_validate({"name": "a", "limit": 10})

    assert (query.name, query.limit, query.offset) == ("a", 10, 0)


def test_the_openapi_schema_of_a_page_is_named_after_its_items() -> None:
    assert Page[_Item].model_json_schema()["title"] == "Page[_Item]"
