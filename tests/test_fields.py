"""Field specs: every type and modifier, and one clear error per bad part."""

from __future__ import annotations

import datetime as dt
import decimal
import uuid

import pytest

from fastforge.fields import (
    RELATIONS,
    TYPES,
    FieldSpecError,
    LinkTable,
    check_table_fields,
    link_table,
    parse_field,
    parse_fields,
)


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        ("title:str", {"type": "str"}),
        ("body:text", {"type": "text"}),
        ("price:decimal=9.99", {"default": decimal.Decimal("9.99")}),
        ("stock:int=0", {"default": 0}),
        ("ratio:float?", {"optional": True}),
        ("published:bool=false", {"default": False, "has_default": True}),
        ("released:date=2024-05-01", {"default": dt.date(2024, 5, 1)}),
        ("starts_at:datetime:index", {"index": True}),
        ("code:uuid:unique", {"unique": True}),
        ('meta:json={"a":[1]}', {"default": {"a": [1]}}),
        ("author:ref:users?", {"type": "ref", "target": "users", "optional": True}),
        ("sku:str:unique:index", {"unique": True, "index": True}),
        ("author:ref:users", {"on_delete": "restrict", "ondelete_sql": None}),
        ("post:ref:posts:cascade", {"on_delete": "cascade", "ondelete_sql": "CASCADE"}),
        ("tag:ref:tags?:set_null", {"on_delete": "set_null", "ondelete_sql": "SET NULL"}),
    ],
)
def test_specs_parse(spec: str, expected: dict[str, object]) -> None:
    field = parse_field(spec)
    for key, value in expected.items():
        assert getattr(field, key) == value
    assert parse_field(field.spec) == field


def test_every_type_parses() -> None:
    for kind in TYPES:
        spec = f"x:{kind}:users" if kind in RELATIONS else f"x:{kind}"
        assert parse_field(spec).type == kind


def test_a_many_field_is_sent_as_ids_and_stored_in_a_link_table() -> None:
    field = parse_field("tags:many:tags")

    assert (field.column, field.kind, field.spec) == ("tag_ids", "many:tags", "tags:many:tags")
    assert link_table("products", field) == LinkTable(
        name="products_tags",
        column="product_id",
        target_column="tag_id",
        table="products",
        target="tags",
    )


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("tags:many", "use many:RESOURCE, e.g. tags:many:tags"),
        ("tags:many:tags?", "a many field is never null, only empty: drop the '?'"),
        ("tags:many:tags=1", "a many field cannot have a default"),
        ("tags:many:tags:unique", "unique is supported on str, int, uuid, ref fields"),
        ("tags:many:tags:cascade", "cascade is a rule for ref fields only"),
    ],
)
def test_many_fields_refuse_what_a_link_table_cannot_mean(spec: str, message: str) -> None:
    with pytest.raises(FieldSpecError) as caught:
        parse_field(spec)

    assert str(caught.value) == f"Invalid field {spec!r}: {message}"


def test_a_many_field_cannot_link_a_table_to_itself() -> None:
    with pytest.raises(FieldSpecError, match="cannot link products to itself"):
        check_table_fields("products", [parse_field("related:many:products")])


def test_a_link_table_name_past_63_characters_is_refused() -> None:
    field = parse_field(f"{'t' * 50}:many:tags")

    with pytest.raises(FieldSpecError, match="past the 63 that PostgreSQL and MySQL keep"):
        check_table_fields("products", [field])


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("title", "expected NAME:TYPE"),
        ("title:string", "unknown type 'string'; allowed types: str, text"),
        ("class:str", "Python keyword"),
        ("select:str", "reserved word in SQL"),
        ("Title:str", "lower-case"),
        ("id:int", "already has id"),
        ("n:int=abc", "default 'abc' is not a valid int"),
        ("ok:bool=yes", "not a valid bool"),
        ("d:date=tomorrow", "not a valid date"),
        ("u:uuid=xyz", "not a valid uuid"),
        ("p:decimal=cheap", "not a valid decimal"),
        ("a:ref", "use ref:RESOURCE"),
        ("a:ref:users=1", "cannot have a default"),
        ("a:str:uniq", "unknown modifier 'uniq'; modifiers: unique, index"),
    ],
)
def test_bad_specs_name_the_bad_part(spec: str, message: str) -> None:
    with pytest.raises(FieldSpecError, match=message) as error:
        parse_field(spec)
    assert repr(spec) in str(error.value)


def test_duplicate_field_is_refused() -> None:
    with pytest.raises(FieldSpecError, match="given twice"):
        parse_fields(["a:str", "a:int"], known_resources=[])


def test_reference_to_unknown_resource_lists_the_known_ones() -> None:
    with pytest.raises(FieldSpecError, match=r"no resource 'authors'.*existing: users"):
        parse_fields(["author:ref:authors"], known_resources=["users"])


def test_uuid_default_round_trips() -> None:
    value = uuid.uuid4()
    assert parse_field(f"code:uuid={value}").default == value


@pytest.mark.parametrize(
    ("spec", "reason"),
    [
        ("stock:int:cascade", "cascade is a rule for ref fields only"),
        ("tag:ref:tags:set_null", "set_null needs an optional reference"),
        ("tag:ref:tags?:cascade:set_null", "give at most one of restrict, cascade, set_null"),
    ],
)
def test_on_delete_rules_are_checked(spec: str, reason: str) -> None:
    with pytest.raises(FieldSpecError, match=reason):
        parse_field(spec)
