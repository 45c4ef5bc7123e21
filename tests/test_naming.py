"""Names: snake, Pascal, plural and singular, and the names we refuse."""

from __future__ import annotations

import pytest

from fastforge.errors import InvalidNameError
from fastforge.naming import resource_names


@pytest.mark.parametrize(
    ("typed", "singular", "plural", "pascal"),
    [
        ("Product", "product", "products", "Product"),
        ("ProductLine", "product_line", "product_lines", "ProductLine"),
        ("product-lines", "product_line", "product_lines", "ProductLine"),
        ("categories", "category", "categories", "Category"),
        ("box", "box", "boxes", "Box"),
        ("status", "status", "statuses", "Status"),
        ("addresses", "address", "addresses", "Address"),
    ],
)
def test_resource_names(typed: str, singular: str, plural: str, pascal: str) -> None:
    names = resource_names(typed)
    assert (names.singular, names.plural, names.pascal) == (singular, plural, pascal)


@pytest.mark.parametrize(
    ("typed", "reason"),
    [
        ("class", "Python keyword"),
        ("order", "reserved word in SQL"),
        ("9lives", "starting with a letter"),
        ("", "letters"),
    ],
)
def test_bad_resource_names_are_refused(typed: str, reason: str) -> None:
    with pytest.raises(InvalidNameError, match=reason):
        resource_names(typed)
