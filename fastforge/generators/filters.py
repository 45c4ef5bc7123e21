"""The list endpoint's query parameters: each field's filters and sort key, named without clashes.

Equality for short, exact values; a case-insensitive substring for text; an inclusive range
for numbers (`price_min`, `price_max`), dates and times (`released_from`, `released_to`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from fastforge.fields import Field
from fastforge.naming import ResourceNames

_KINDS = ("equal", "contains", "at_least", "at_most")
# The list's own parameters and the query's methods, which no filter may shadow.
_RESERVED = frozenset(
    [
        "limit",
        "offset",
        "sort",
        "ordering",
        "equal_filters",
        "text_filters",
        "lower_bounds",
        "upper_bounds",
    ]
)


@dataclass(frozen=True)
class FilterView:
    """One filter of the list endpoint: its query parameter, the column it tests, and how."""

    name: str
    column: str
    # equal, contains, at_least or at_most
    kind: str
    field: Field
    description: str


@dataclass(frozen=True)
class RangeView:
    """The two bounds of one range filter, for the generated tests."""

    field: Field
    lower: str
    upper: str


def filter_context(names: ResourceNames, fields: tuple[Field, ...]) -> dict[str, Any]:
    """What the schemas and tests blueprints need to declare and test the filters and sorts."""
    filters = plan_filters(names, fields)
    by_kind = {kind: [f for f in filters if f.kind == kind] for kind in _KINDS}
    lower = {f.column: f for f in by_kind["at_least"]}
    ranges = [RangeView(f.field, lower[f.column].name, f.name) for f in by_kind["at_most"]]
    shared = [f for f in fields if f.field_type.shared_example and not f.unique]
    return {
        "sort_keys": [
            "id",
            *[f.column for f in fields if f.type not in ("json", "many")],
            "created_at",
        ],
        "filters": filters,
        "filters_by_kind": by_kind,
        "contains_filter": by_kind["contains"][0] if by_kind["contains"] else None,
        "range_filter": ranges[0] if ranges else None,
        "sort_field": shared[0].column if shared else "",
        "bad_filter": _bad_filter(filters),
    }


def plan_filters(names: ResourceNames, fields: tuple[Field, ...]) -> list[FilterView]:
    """Every filter of the list endpoint, in field order.

    A derived name (`price_min`) that another field's column or the list's own parameters
    already take is left out: that name keeps its first meaning.
    """
    rows = names.plural.replace("_", " ")
    taken = {*_RESERVED, *(f.column for f in fields)}
    filters: list[FilterView] = []
    for f in fields:
        if f.field_type.equal and f.column not in _RESERVED:
            about = f"Only {rows} whose {f.column} equals this."
            filters.append(FilterView(f.column, f.column, "equal", f, about))
        wanted: list[tuple[str, str, str]] = []
        if f.field_type.contains:
            about = f"Only {rows} whose {f.column} contains this text, ignoring case."
            wanted.append((f"{f.column}_contains", "contains", about))
        if f.field_type.range:
            low, high = f.field_type.range
            for suffix, kind, bound in ((low, "at_least", "least"), (high, "at_most", "most")):
                about = f"Only {rows} whose {f.column} is {_at(f, bound)}."
                wanted.append((f"{f.column}_{suffix}", kind, about))
        if any(name in taken for name, _, _ in wanted):
            continue
        filters.extend(FilterView(name, f.column, kind, f, about) for name, kind, about in wanted)
    return filters


def _at(field: Field, bound: str) -> str:
    if field.type in ("date", "datetime"):
        return "this or later" if bound == "least" else "this or earlier"
    return f"at {bound} this"


def _bad_filter(filters: list[FilterView]) -> tuple[str, str]:
    """A query parameter and a value that the list answers with 422."""
    typed = [f for f in filters if f.field.field_type.bad_filter]
    ranged = [f for f in typed if f.kind == "at_least"]
    if not typed:
        return "no_such_filter", "x"
    chosen = (ranged or typed)[0]
    return chosen.name, chosen.field.field_type.bad_filter
