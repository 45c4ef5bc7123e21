"""Request-id helpers."""

import pytest

from app.utils.request_id import is_safe_request_id, new_request_id


def test_new_request_ids_are_unique_and_safe() -> None:
    ids = {new_request_id() for _ in range(100)}

    assert len(ids) == 100
    assert all(is_safe_request_id(request_id) for request_id in ids)


@pytest.mark.parametrize(
    ("value", "safe"),
    [
        ("0f8e2c", True),
        ("a" * 128, True),
        ("a" * 129, False),
        ("", False),
        ("with space", False),
        ("line\nbreak", False),
    ],
)
def test_is_safe_request_id(value: str, safe: bool) -> None:
    assert is_safe_request_id(value) is safe
