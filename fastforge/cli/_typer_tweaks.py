"""Small adjustments to typer's help and start-up, each undone by a typer that lacks its hook.

- Flags take no value, so help shows no `<bool>` beside them (typer 0.2x shows one).
- Typer builds a pydantic adapter to coerce each value, which costs pydantic's import
  (0.1 s or more) on every command. Flags (a bool, or None), text and lists of text,
  as click hands them over, need no converting: they pass through.
- Typer's help module imports rich's Markdown and Traceback, about half of `--help`'s
  start-up; fastforge's help is rich markup, never Markdown, and a traceback is drawn
  only on a crash. Both are loaded when first used instead.
"""

from __future__ import annotations

import dataclasses
import sys
import types
from typing import Any


def apply() -> None:
    """Install the adjustments; safe to call more than once."""
    _flags_without_metavar()
    _plain_values_without_adapter()
    _help_without_markdown()


def _flags_without_metavar() -> None:
    from typer import core

    option = getattr(core, "TyperOption", None)
    shown = getattr(option, "display_type_rich", None)
    if option is None or shown is None or getattr(shown, "_fastforge", False):
        return

    def display_type_rich(self: Any, ctx: Any) -> str | None:
        if getattr(self, "is_flag", False) and getattr(self, "metavar", None) is None:
            return None
        return shown(self, ctx)  # type: ignore[no-any-return]

    display_type_rich._fastforge = True  # type: ignore[attr-defined]
    option.display_type_rich = display_type_rich


def _plain_values_without_adapter() -> None:
    from typer import _coercion, core

    parameter = getattr(core, "_TyperParameter", None)
    passthrough = getattr(_coercion, "PassThroughRuntimeParam", None)
    build = getattr(parameter, "get_runtime_param", None)
    if parameter is None or passthrough is None or build is None:
        return
    if getattr(build, "_fastforge", False):
        return

    @dataclasses.dataclass(frozen=True)
    class TextsParam(passthrough):  # type: ignore[misc,valid-type]
        """A list[str] parameter: click gives a tuple of str, the command takes a list."""

        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            if isinstance(value, tuple | list) and all(isinstance(v, str) for v in value):
                return list(value)
            return super()._coerce_value(value, param, ctx)

    def get_runtime_param(self: Any) -> Any:
        descriptor = self.type_descriptor
        if self._runtime_param is None:
            annotation = descriptor.annotation
            info = descriptor.parameter_info
            if annotation in (bool, str):
                # Flags parse to a bool or stay None, text to a str; neither needs converting.
                self._runtime_param = passthrough(annotation=annotation, parameter_info=info)
            elif annotation == list[str]:
                self._runtime_param = TextsParam(annotation=annotation, parameter_info=info)
        return build(self)

    get_runtime_param._fastforge = True  # type: ignore[attr-defined]
    parameter.get_runtime_param = get_runtime_param


def _help_without_markdown() -> None:
    if "typer.rich_utils" in sys.modules:
        return
    stand_ins = {
        name: _stand_in_module(name, attribute)
        for name, attribute in (("rich.markdown", "Markdown"), ("rich.traceback", "Traceback"))
        if name not in sys.modules
    }
    sys.modules.update(stand_ins)
    try:
        import typer.rich_utils  # noqa: F401
    except ImportError:  # a typer without rich: plain help, nothing to defer
        pass
    finally:
        for name, module in stand_ins.items():
            if sys.modules.get(name) is module:
                del sys.modules[name]


def _stand_in_module(name: str, attribute: str) -> types.ModuleType:
    """A module whose one class imports the real module when used."""

    def real() -> Any:
        import importlib

        return getattr(importlib.import_module(name), attribute)

    class _Deferred(type):
        def __getattr__(cls, item: str) -> Any:
            return getattr(real(), item)

        def __instancecheck__(cls, instance: Any) -> bool:
            return isinstance(instance, real())

    class StandIn(metaclass=_Deferred):
        def __new__(cls, *args: Any, **kwargs: Any) -> Any:
            return real()(*args, **kwargs)

    StandIn.__name__ = StandIn.__qualname__ = attribute
    module = types.ModuleType(name)
    setattr(module, attribute, StandIn)
    return module
