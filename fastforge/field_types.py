"""The field types of a resource, one row each: everything fastforge knows about a type.

The spec parser, the generators and the blueprints all read this table (as Rails'
`generated_attribute.rb` is asked by every generator). Spelled values are Python source
for the generated code; `{name}`, `{words}` and `{Words}` stand for the field's name,
the name with spaces, and the same capitalized.
"""

from __future__ import annotations

import datetime as dt
import decimal
import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


def _parse_bool(text: str) -> bool:
    lowered = text.lower()
    if lowered not in {"true", "false"}:
        raise ValueError("expected true or false")
    return lowered == "true"


@dataclass(frozen=True)
class FieldType:
    """One type of field: its Python, Pydantic and SQL types, filters, defaults and examples."""

    name: str
    python: str  # the model's annotation
    schema: str  # the Pydantic type (app/schemas/types.py), bounded like the column
    sql: str | None  # the SQLAlchemy type; None: no column (a link table holds it)
    parse_default: Callable[[str], Any] | None  # reads `=VALUE`; None: takes no default
    example: str  # a test body's value
    schema_example: str  # the OpenAPI document's example
    changed: str = ""  # another value, for update tests; "" for relations
    query: str = ""  # the type of its filters' query parameters, when it is not `schema`
    unique_example: str = ""  # a fresh value per call, for unique fields
    unique_changed: str = ""
    # A bare `Mapped[...]` annotation gives the column; others name their SQL type.
    plain: bool = False
    unique: bool = False  # may be unique: a key every database takes the same way
    index: bool = False  # may be indexed
    equal: bool = False  # filtered by equality
    contains: bool = False  # filtered by a case-insensitive substring
    range: tuple[str, str] | None = None  # filtered by an inclusive range: the suffixes
    bad_filter: str = ""  # a query value its filters refuse with 422
    exact: bool = False  # read back exactly as sent, so tests compare it
    shared_example: bool = False  # the tests give every row the same example value

    @property
    def sql_import(self) -> str | None:
        """The sqlalchemy name a model imports to spell the column, if any."""
        return None if self.plain or self.sql is None else self.sql.split("(")[0]


_NUMBER = "not-a-number"

# One row a type, kept on few lines so the table reads as a table.
# fmt: off
FIELD_TYPES: dict[str, FieldType] = {
    t.name: t
    for t in (
        FieldType(
            "str", "str", "ShortText", "String(length=255)", str,
            example='"{name} example"', unique_example='f"{{marker}}-{name}"',
            changed='"changed"', unique_changed='f"{{uuid4().hex[:8]}}-changed"',
            schema_example='"{Words} example"',
            unique=True, index=True, equal=True, contains=True, exact=True, shared_example=True,
        ),
        FieldType(
            "text", "str", "Text", "Text()", str,
            example='"Some longer text for {name}."', changed='"Changed text."',
            schema_example='"Some longer text for {words}."',
            contains=True, exact=True, shared_example=True,
        ),
        FieldType(
            "int", "int", "Int", "Integer()", int, query="IntParam",
            example="42", unique_example="int(marker[:7], 16)",
            changed="7", unique_changed="int(uuid4().hex[:7], 16)", schema_example="42",
            plain=True, unique=True, index=True, equal=True, range=("min", "max"),
            bad_filter=_NUMBER, exact=True, shared_example=True,
        ),
        FieldType(
            "float", "float", "Float", "Double()", float, query="FloatParam",
            example="1.5", changed="2.25", schema_example="1.5",
            index=True, range=("min", "max"), bad_filter=_NUMBER, exact=True,
            shared_example=True,
        ),
        FieldType(
            "decimal", "Decimal", "Decimal12", "Numeric(precision=12, scale=2)", decimal.Decimal,
            query="DecimalParam", example='"12.50"', changed='"3.75"', schema_example='"12.50"',
            index=True, range=("min", "max"), bad_filter=_NUMBER, shared_example=True,
        ),
        FieldType(
            "bool", "bool", "Bool", "Boolean()", _parse_bool, query="bool",
            example="True", changed="False", schema_example="True",
            plain=True, index=True, equal=True, bad_filter="not-a-bool", exact=True,
            shared_example=True,
        ),
        FieldType(
            "date", "date", "Day", "Date()", dt.date.fromisoformat,
            example='"2024-05-01"', changed='"2025-01-31"', schema_example='"2024-05-01"',
            plain=True, index=True, equal=True, range=("from", "to"), bad_filter="not-a-date",
            exact=True, shared_example=True,
        ),
        FieldType(
            "datetime", "datetime", "Timestamp", "DateTime(timezone=True)",
            dt.datetime.fromisoformat,
            example='"2024-05-01T10:00:00Z"', changed='"2025-01-31T08:30:00Z"',
            schema_example='"2024-05-01T10:00:00Z"',
            plain=True, index=True, range=("from", "to"), bad_filter="not-a-time",
            shared_example=True,
        ),
        FieldType(
            "uuid", "UUID", "UUID", "Uuid()", uuid.UUID,
            example="str(uuid4())", changed="str(uuid4())",
            schema_example='"3fa85f64-5717-4562-b3fc-2c963f66afa6"',
            plain=True, unique=True, index=True, equal=True, bad_filter="not-a-uuid", exact=True,
        ),
        FieldType(
            "json", "dict[str, Any]", "JsonObject", "JSON()", json.loads,
            example='{{"key": "value"}}', changed='{{"changed": True}}',
            schema_example='{{"key": "value"}}', exact=True,
        ),
        FieldType(
            "ref", "int", "Ref", "Integer()", None, query="Id",
            example="0", schema_example="1",
            unique=True, index=True, equal=True, bad_filter=_NUMBER,
        ),
        FieldType(
            "many", "list[int]", "RefIds", None, None, example="[]", schema_example="[1]",
        ),
    )
}
# fmt: on
