"""Copier's render of the template into a fresh scratch folder, which fastforge then plans from."""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import Any

from copier._jinja_ext import SandboxedEnvironment, get_yield_context
from copier._main import Worker
from copier._types import LazyDict, Phase
from jinja2 import BytecodeCache, Template
from jinja2.bccache import Bucket


class _MemoryBytecodeCache(BytecodeCache):
    """Compiled template files, kept for this process and keyed by their source's checksum."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


# Shared by every render in the process: set and update render the template twice.
_FILES = _MemoryBytecodeCache()


class ScratchWorker(Worker):
    """A copier Worker whose destination is a new folder outside any git repository."""

    @cached_property
    def jinja_env(self) -> SandboxedEnvironment:
        """Copier's environment, compiling each template file once per process and each
        path part once per render: copier compiled a path part again for every path."""
        env: SandboxedEnvironment = Worker.jinja_env.func(self)  # type: ignore[attr-defined]
        env.bytecode_cache = _FILES
        compiled: dict[str, Template] = {}
        from_string = env.from_string

        def from_string_once(source: Any, globals: Any = None, template_class: Any = None) -> Any:
            if globals is not None or template_class is not None or not isinstance(source, str):
                return from_string(source, globals, template_class)
            if source not in compiled:
                compiled[source] = from_string(source)
            else:
                # What copier's yield extension does each time it compiles a string.
                context = get_yield_context(env)
                context.yield_name = context.yield_iterable = None
            return compiled[source]

        env.from_string = from_string_once  # type: ignore[method-assign]
        return env

    @cached_property
    def _rendering_context(self) -> dict[str, Any]:
        return dict(Worker._render_context(self))

    def _render_context(self) -> Any:
        """Copier's context, built once for the render phase, where the answers are final:
        copier merged every answer again for each path and file, a quarter of a render."""
        if Phase.current() is not Phase.RENDER:
            return super()._render_context()
        context = dict(self._rendering_context)
        # A fresh `_copier_conf` each call, as copier gives: it writes into the one it gets.
        context["_copier_conf"] = LazyDict(context["_copier_conf"]._pending)
        return context

    def _sync_git_index_executable_bit(self, dst_relpath: Path, src_mode: int) -> None:
        # Copier asks git, once per file, whether the destination's index needs a new mode;
        # a fresh scratch folder has no index, so the answer is always no.
        return None


def render(src_path: str, dst_path: Path, **options: Any) -> Worker:
    """Render `src_path` into `dst_path` as `copier.run_copy` does, with the same options."""
    with ScratchWorker(src_path=src_path, dst_path=dst_path, **options) as worker:
        worker.run_copy()
    return worker
