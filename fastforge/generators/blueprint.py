"""Rendering blueprints: the Jinja files in fastforge/blueprints/ hold every generated line."""

from __future__ import annotations

import datetime as dt
import decimal
import os
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
        bytecode_cache=_bytecode_cache(),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,
    )
    env.filters["pyrepr"] = python_literal
    return env


def _bytecode_cache() -> jinja2.BytecodeCache | None:
    # Compiling the blueprints costs more than rendering them; Jinja keys each compiled
    # blueprint on its source's checksum, so an edited blueprint is compiled again.
    import jinja2

    from fastforge.cli._help_cache import cache_dir

    base = cache_dir()
    if base is None:
        return None
    directory = os.path.join(base, "blueprints")
    try:
        os.makedirs(directory, exist_ok=True)
    except OSError:
        return None
    if not os.access(directory, os.W_OK):
        return None
    return jinja2.FileSystemBytecodeCache(directory)


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
