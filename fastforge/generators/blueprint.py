"""Rendering blueprints: the Jinja files in fastforge/blueprints/ hold every generated line."""

from __future__ import annotations

import datetime as dt
import decimal
import uuid
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fastforge.fields import Field

if TYPE_CHECKING:
    import jinja2

BLUEPRINTS = Path(__file__).resolve().parent.parent / "blueprints"


@cache
def _environment() -> jinja2.Environment:
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(BLUEPRINTS)),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,
    )
    env.filters["pyrepr"] = python_literal
    return env


def python_literal(field: Field) -> str:
    """A field's default as Python source (quotes are normalized later by ruff format)."""
    value = field.default
    if isinstance(value, (dt.date, dt.datetime)):
        return f"{type(value).__name__}.fromisoformat({value.isoformat()!r})"
    if isinstance(value, decimal.Decimal):
        return f"Decimal({str(value)!r})"
    if isinstance(value, uuid.UUID):
        return f"UUID({str(value)!r})"
    return repr(value)


def render(blueprint: str, context: dict[str, Any]) -> bytes:
    """Render one blueprint file (e.g. `router/route.py.jinja`)."""
    return _environment().get_template(blueprint).render(context).encode()
