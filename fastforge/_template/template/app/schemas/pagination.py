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
        """The page `query` asked for, its items validated as `T` (ORM objects and rows included)."""
        return cls.model_validate(
            {"items": _plain(items), "total": total, "limit": query.limit, "offset": query.offset}
        )


def _plain(items: Sequence[Any]) -> Sequence[Any]:
    """Rows (SQLAlchemy's, or named tuples) as dicts of their fields; other items as they are.

    A dict validates in half the time pydantic takes to read a row's attributes, and the rows
    of one result share their fields, so those are read once.
    """
    fields = getattr(items[0], "_fields", None) if items else None
    if fields is None:
        return items
    return [dict(zip(fields, item, strict=True)) for item in items]
