"""Rails-like field specs for `add resource`: `price:decimal`, `subtitle:str?`,
`published:bool=false`, `sku:str:unique`, `author:ref:users`, `tags:many:tags`.

Parsing is strict: each bad part gets one error naming it and listing what is allowed.
"""

from __future__ import annotations

import datetime as dt
import decimal
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from fastforge.errors import FieldSpecError, InvalidNameError
from fastforge.field_types import FIELD_TYPES, FieldType
from fastforge.naming import check_identifier, singular

# The columns every model already has (see the template's app/models/base.py).
_BUILT_IN = ("id", "created_at", "updated_at")
# Attributes SQLAlchemy's declarative base keeps for itself on every model class.
_DECLARATIVE = ("metadata", "registry")
# PostgreSQL cuts longer names silently, and MySQL refuses past 64.
MAX_IDENTIFIER = 63
MODIFIERS = ("unique", "index")
# What deleting a referenced row does to the rows that reference it (`ref` fields only).
# restrict, the default, refuses the delete (409); set_null needs an optional field.
ON_DELETE = ("restrict", "cascade", "set_null")
TYPES = tuple(FIELD_TYPES)
# Keys on TEXT or JSON need a prefix length on MariaDB, and a unique bool, date or float
# is rarely meant: the table leaves these out, so every database takes the same migration.
UNIQUE_TYPES = tuple(t.name for t in FIELD_TYPES.values() if t.unique)
INDEX_TYPES = tuple(t.name for t in FIELD_TYPES.values() if t.index)

# Types that name another resource after the type: `author:ref:users`, `tags:many:tags`.
RELATIONS = ("ref", "many")

_HEAD = re.compile(r"^(?P<name>[^:=?]*):(?P<type>[a-z]*)")
_TARGET = re.compile(r"^:(?P<target>[a-z_][a-z0-9_]*)")
_TAIL = re.compile(r"^(?P<optional>\?)?(?:=(?P<default>.*?))?(?P<mods>(?::[a-z_]+)*)$")


@dataclass(frozen=True)
class Field:
    """One parsed field of a resource."""

    name: str
    type: str
    optional: bool = False
    default: Any = None
    has_default: bool = False
    unique: bool = False
    index: bool = False
    target: str | None = None  # the related resource's plural name, for `ref` and `many`
    on_delete: str = "restrict"  # for `ref`: one of ON_DELETE

    @property
    def column(self) -> str:
        """The name clients and the model use: `author:ref:users` is stored as `author_id`,
        and `tags:many:tags` is sent and read as `tag_ids` (a link table holds them)."""
        if self.type == "many":
            return f"{singular(self.name)}_ids"
        return f"{self.name}_id" if self.type == "ref" else self.name

    @property
    def field_type(self) -> FieldType:
        """Everything the type means: Python, schema and SQL types, filters, examples."""
        return FIELD_TYPES[self.type]

    def spelled(self, what: str) -> str:
        """The type's `what` (example, changed, schema_example) as source for this field."""
        kind = self.field_type
        text = getattr(kind, f"unique_{what}", "") if self.unique else ""
        words = self.name.replace("_", " ")
        return (text or getattr(kind, what)).format(
            name=self.name, words=words, Words=words.capitalize()
        )

    @property
    def kind(self) -> str:
        """The type as a spec spells it, with its target: `str`, `ref:users`, `many:tags`."""
        return f"{self.type}:{self.target}" if self.type in RELATIONS else self.type

    @property
    def spec(self) -> str:
        """The canonical spec text, the inverse of `parse_field`."""
        kind = self.kind
        text = f"{self.name}:{kind}{'?' if self.optional else ''}"
        if self.has_default:
            text += "=" + _show_default(self.default)
        text += "".join(f":{m}" for m in MODIFIERS if getattr(self, m))
        return text + (f":{self.on_delete}" if self.on_delete != "restrict" else "")

    @property
    def ondelete_sql(self) -> str | None:
        """The foreign key's ON DELETE action, or None for the database's default (restrict)."""
        return {"cascade": "CASCADE", "set_null": "SET NULL"}.get(self.on_delete)


@dataclass(frozen=True)
class LinkTable:
    """The association table of a `many` field: `products_tags(product_id, tag_id)`.

    Deleting a row on either side deletes its links (ON DELETE CASCADE).
    """

    name: str
    column: str  # points at the owning table
    target_column: str  # points at the field's target
    table: str
    target: str


def link_table(table: str, field: Field) -> LinkTable:
    """The association table that stores `field` (a `many` field) of `table`."""
    target = str(field.target)
    return LinkTable(
        name=f"{table}_{field.name}",
        column=f"{singular(table)}_id",
        target_column=f"{singular(target)}_id",
        table=table,
        target=target,
    )


def _show_default(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dict, list)):
        return json.dumps(value, separators=(",", ":"))
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return str(value)


def parse_field(spec: str) -> Field:
    """Parse one `name:type[?][=default][:unique][:index]` spec."""
    head = _HEAD.match(spec)
    if not head:
        raise FieldSpecError(
            spec=spec,
            reason="expected NAME:TYPE, e.g. title:str, subtitle:str?, "
            "published:bool=false, sku:str:unique, author:ref:users",
        )
    name, kind, rest = head["name"], head["type"], spec[head.end() :]
    try:
        check_identifier("field", name)
    except InvalidNameError as error:
        raise FieldSpecError(spec=spec, reason=error.reason) from None
    if name in _BUILT_IN:
        raise FieldSpecError(spec=spec, reason=f"every resource already has {', '.join(_BUILT_IN)}")
    if name in _DECLARATIVE:
        raise FieldSpecError(
            spec=spec, reason=f"SQLAlchemy models use {name!r} themselves; choose another name"
        )
    if kind not in FIELD_TYPES:
        raise FieldSpecError(
            spec=spec, reason=f"unknown type {kind!r}; allowed types: {', '.join(TYPES)}"
        )
    target = None
    if kind in RELATIONS:
        found = _TARGET.match(rest)
        if not found:
            example = "author:ref:users" if kind == "ref" else "tags:many:tags"
            raise FieldSpecError(spec=spec, reason=f"use {kind}:RESOURCE, e.g. {example}")
        target, rest = found["target"], rest[found.end() :]
    match = _TAIL.match(rest)
    if not match:
        raise FieldSpecError(spec=spec, reason=f"cannot read {rest!r} after the type")
    mods = [m for m in match["mods"].split(":") if m]
    rules = [m for m in mods if m in ON_DELETE]
    mods = [m for m in mods if m not in ON_DELETE]
    _check_modifiers(spec, kind, mods)
    _check_on_delete(spec, kind, rules, optional=bool(match["optional"]))
    if kind == "many" and match["optional"]:
        raise FieldSpecError(
            spec=spec, reason="a many field is never null, only empty: drop the '?'"
        )
    has_default = match["default"] is not None
    return Field(
        name=name,
        type=kind,
        optional=bool(match["optional"]),
        default=_parse_default(spec, kind, match["default"]) if has_default else None,
        has_default=has_default,
        unique="unique" in mods,
        index="index" in mods,
        target=target,
        on_delete=rules[0] if rules else "restrict",
    )


def _check_on_delete(spec: str, kind: str, rules: list[str], *, optional: bool) -> None:
    if rules and kind != "ref":
        raise FieldSpecError(spec=spec, reason=f"{rules[0]} is a rule for ref fields only")
    if len(rules) > 1:
        raise FieldSpecError(spec=spec, reason="give at most one of " + ", ".join(ON_DELETE))
    if rules == ["set_null"] and not optional:
        raise FieldSpecError(
            spec=spec, reason="set_null needs an optional reference: add '?' after the target"
        )


def _check_modifiers(spec: str, kind: str, mods: list[str]) -> None:
    unknown = [m for m in mods if m not in MODIFIERS]
    if unknown:
        raise FieldSpecError(
            spec=spec,
            reason=f"unknown modifier {unknown[0]!r}; modifiers: {', '.join(MODIFIERS)}, "
            f"on ref fields {', '.join(ON_DELETE)}, "
            "'?' for optional and '=VALUE' for a default",
        )
    for modifier, allowed in (("unique", UNIQUE_TYPES), ("index", INDEX_TYPES)):
        if modifier in mods and kind not in allowed:
            raise FieldSpecError(
                spec=spec, reason=f"{modifier} is supported on {', '.join(allowed)} fields"
            )


def _parse_default(spec: str, kind: str, text: str) -> Any:
    parser = FIELD_TYPES[kind].parse_default
    if parser is None:
        raise FieldSpecError(spec=spec, reason=f"a {kind} field cannot have a default")
    try:
        value = parser(text)
    except (ValueError, decimal.InvalidOperation) as error:
        raise FieldSpecError(
            spec=spec, reason=f"default {text!r} is not a valid {kind} ({error})"
        ) from None
    if isinstance(value, dt.datetime) and value.tzinfo is None:
        # Timestamps are stored in UTC; a default without a zone is read as UTC.
        value = value.replace(tzinfo=dt.timezone.utc)
    return value


def parse_fields(specs: Iterable[str], *, known_resources: Iterable[str]) -> tuple[Field, ...]:
    """Parse every spec; refuse duplicates and references to resources that do not exist."""
    fields: list[Field] = []
    known = sorted(set(known_resources))
    specs = list(specs)
    if not specs:
        raise FieldSpecError(spec="", reason="give at least one field, e.g. title:str")
    for spec in specs:
        field = parse_field(spec)
        if any(f.column == field.column for f in fields):
            raise FieldSpecError(spec=spec, reason=f"field {field.name!r} is given twice")
        if field.target is not None and field.target not in known:
            allowed = ", ".join(known) if known else "none yet: add that resource first"
            raise FieldSpecError(
                spec=spec,
                reason=f"no resource {field.target!r} to reference; existing: {allowed}",
            )
        fields.append(field)
    return tuple(fields)


def check_table_fields(table: str, fields: Iterable[Field]) -> None:
    """Refuse what `table` cannot hold: a name the databases would cut (table, column, index,
    constraint, link table), or a many field to the table itself."""
    if len(f"pk_{table}") > MAX_IDENTIFIER:
        raise InvalidNameError(
            kind="resource",
            value=table,
            reason=f"its primary key 'pk_{table}' would be past the {MAX_IDENTIFIER} characters "
            "that PostgreSQL and MySQL keep; choose a shorter name",
        )
    for field in fields:
        if field.type == "many":
            link = link_table(table, field)
            if link.column == link.target_column:
                raise FieldSpecError(
                    spec=field.spec,
                    reason=f"a many field cannot link {table} to itself; link another resource",
                )
            names = [
                link.name,
                f"pk_{link.name}",
                f"fk_{link.name}_{link.column}_{table}",
                f"fk_{link.name}_{link.target_column}_{link.target}",
            ]
        else:
            names = [field.column, f"ix_{table}_{field.column}", f"uq_{table}_{field.column}"]
        if field.type == "ref":
            names.append(f"fk_{table}_{field.column}_{field.target}")
        too_long = next((n for n in names if len(n) > MAX_IDENTIFIER), None)
        if too_long:
            raise FieldSpecError(
                spec=field.spec,
                reason=f"the database name {too_long!r} would be {len(too_long)} characters, "
                f"past the {MAX_IDENTIFIER} that PostgreSQL and MySQL keep; shorten the field "
                "or the resource name",
            )
