"""Pages of a list: the `Page[T]` envelope and the limit and offset every list takes."""

from collections.abc import Sequence
from typing import Any, Final, Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field

from app.schemas.types import Offset

PAGE_SIZE_DEFAULT: Final = 50
PAGE_SIZE_MAX: Final = 200

T = TypeVar("T")
PageT = TypeVar("PageT", bound="Page[Any]")


class PageQuery(BaseModel):
    """Which page of a list to return; a list's own query model subclasses it to add filters."""

    model_config = ConfigDict(extra="forbid")

    limit: int = Field(default=PAGE_SIZE_DEFAULT, ge=1, le=PAGE_SIZE_MAX)
    offset: Offset = 0


class Page(BaseModel, Generic[T]):
    """One page of items, the page's bounds, and how many items the whole list holds."""

    items: list[T]
    total: int
    limit: int
    offset: int

    @classmethod
    def of(cls: type[PageT], items: Sequence[Any], *, total: int, query: PageQuery) -> PageT:
        """The page `query` asked for, its items validated as `T` (ORM objects included)."""
        return cls.model_validate(
            {"items": items, "total": total, "limit": query.limit, "offset": query.offset}
        )
