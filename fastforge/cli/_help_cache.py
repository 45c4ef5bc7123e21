"""Help pages replayed from a user cache, so `fastforge ... --help` skips typer and rich.

Typer's rich help costs most of `--help`'s start-up. The text it prints depends only on
the command words, the code that draws it and the terminal it is drawn for, so a page is
stored once, with everything it depends on, and printed again while all of that is
unchanged:

- the key: fastforge's version, the Python and its arguments, whether each standard
  stream is a terminal, the terminal's size, stdout's encoding and every environment
  variable rich, typer or fastforge read for colour, width or help;
- the sources: size and mtime of every non-stdlib module loaded while drawing the page
  (fastforge, typer, rich, ...) and of questions.json; an edit or upgrade of any of
  them draws the page afresh.

Pages live in `$XDG_CACHE_HOME/fastforge` or `~/.cache/fastforge`, never in a project.
Any cache error falls back to drawing the page; `FASTFORGE_NO_HELP_CACHE=1` turns the
cache off.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys

TYPE_CHECKING = False

if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any, TextIO

HELP_FLAGS = ("--help", "-h")
FORMAT = 1
# Read by rich (colour, width, terminal), typer (width, rich, terminal) or Python's I/O.
ENVIRONMENT = (
    "COLORTERM",
    "COLUMNS",
    "DATABRICKS_RUNTIME_VERSION",
    "FORCE_COLOR",
    "GITHUB_ACTIONS",
    "JUPYTER_COLUMNS",
    "JUPYTER_LINES",
    "LANG",
    "LC_ALL",
    "LC_CTYPE",
    "LINES",
    "NO_COLOR",
    "PY_COLORS",
    "PYTHONIOENCODING",
    "PYTHONUTF8",
    "TERM",
    "TERMINAL_WIDTH",
    "TTY_COMPATIBLE",
    "TTY_INTERACTIVE",
    "TYPER_USE_RICH",
    "UNICODE_VERSION",
    "_TYPER_FORCE_DISABLE_TERMINAL",
    "_TYPER_STANDARD_TRACEBACK",
)


def run_with_cache(argv: list[str], run: Callable[[], object]) -> None:
    """Print the help page for `argv` from the cache, or `run()` and store what it printed."""
    path = _page_path(argv)
    if path is None:
        run()
        return
    key = _key(argv)
    if _replay(path, key):
        return
    recorder = _Recorder()
    try:
        with recorder:
            run()
    except SystemExit as done:
        if done.code in (0, None):
            _store(path, key, recorder)
        raise
    _store(path, key, recorder)


def cache_dir() -> str | None:
    """Where help pages are kept: the user's cache directory, or None without one."""
    base = os.environ.get("XDG_CACHE_HOME", "")
    if not os.path.isabs(base):
        home = os.path.expanduser("~")
        if not os.path.isabs(home):
            return None
        base = os.path.join(home, ".cache")
    return os.path.join(base, "fastforge")


def _page_path(argv: list[str]) -> str | None:
    """The cache file for a plain help request, or None when the request is no such thing."""
    if os.environ.get("FASTFORGE_NO_HELP_CACHE") or sys.platform == "win32":
        return None
    if not argv or argv[-1] not in HELP_FLAGS:
        return None
    words = argv[:-1]
    if not all(word.replace("-", "").isalnum() and word[0] != "-" for word in words):
        return None
    if any("COMPLETE" in name for name in os.environ):  # shell completion, never help
        return None
    directory = cache_dir()
    if directory is None:
        return None
    name = "-".join(["help", *words]) if len(words) < 8 else "help-long"
    return os.path.join(directory, f"{name}.json")


def _key(argv: list[str]) -> dict[str, Any]:
    from fastforge import __version__

    streams = (sys.stdin, sys.stdout, sys.stderr)
    return {
        "format": FORMAT,
        "fastforge": __version__,
        "python": [sys.executable, sys.version, sys.platform],
        "argv": [*getattr(sys, "orig_argv", []), "|", *sys.argv[:1], *argv],
        "main": _main_spec(),
        "tty": [_isatty(stream) for stream in streams],
        "size": [_terminal_size(fd) for fd in (0, 1, 2)],
        "encoding": getattr(sys.stdout, "encoding", None),
        "env": {name: os.environ.get(name) for name in ENVIRONMENT},
    }


def _main_spec() -> str | None:
    spec = getattr(sys.modules.get("__main__"), "__spec__", None)
    return getattr(spec, "name", None)


def _isatty(stream: TextIO | None) -> bool | None:
    try:
        return None if stream is None else stream.isatty()
    except (OSError, ValueError):
        return None


def _terminal_size(fd: int) -> list[int] | None:
    try:
        return list(os.get_terminal_size(fd))
    except (OSError, ValueError):
        return None


def _replay(path: str, key: dict[str, Any]) -> bool:
    """Print the stored page if its key matches and no source changed since."""
    try:
        with open(path, encoding="utf-8") as file:
            page = json.load(file)
        if page["key"] != key or page["sources"] != _stat_all(page["sources"]):
            return False
        text = page["text"]
        if not isinstance(text, str):
            return False
    except (OSError, ValueError, KeyError, TypeError):
        return False
    sys.stdout.write(text)
    sys.stdout.flush()
    return True


def _stat_all(sources: dict[str, Any]) -> dict[str, list[int] | None]:
    return {path: _stat(path) for path in sources}


def _stat(path: str) -> list[int] | None:
    try:
        status = os.stat(path)
    except OSError:
        return None
    return [status.st_size, status.st_mtime_ns]


def _sources() -> dict[str, list[int] | None]:
    """Every loaded module file outside the standard library, and fastforge's data."""
    stdlib = os.path.dirname(os.__file__)
    paths: set[str] = set()
    for module in list(sys.modules.values()):
        path = getattr(module, "__file__", None)
        if isinstance(path, str) and not path.startswith(stdlib + os.sep):
            paths.add(path)
    paths.add(os.path.join(os.path.dirname(os.path.dirname(__file__)), "questions.json"))
    return {path: _stat(path) for path in sorted(paths)}


def _store(path: str, key: dict[str, Any], recorder: _Recorder) -> None:
    """Write the page atomically; a page that cannot be stored is simply not cached."""
    if recorder.spoiled or not recorder.text:
        return
    page = {"key": key, "sources": _sources(), "text": "".join(recorder.text)}
    partial = f"{path}.{os.getpid()}.tmp"
    try:
        os.makedirs(os.path.dirname(path), mode=0o700, exist_ok=True)
        with open(partial, "w", encoding="utf-8") as file:
            json.dump(page, file)
        os.replace(partial, path)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(partial)


class _Recorder:
    """Stand-ins for stdout and stderr that pass everything through and keep stdout's text.

    Anything written to stderr, or to stdout other than as text, spoils the page.
    """

    def __init__(self) -> None:
        self.text: list[str] = []
        self.spoiled = False

    def __enter__(self) -> None:
        self._saved = (sys.stdout, sys.stderr)
        sys.stdout = _Tee(sys.stdout, self, keep=True)
        sys.stderr = _Tee(sys.stderr, self, keep=False)

    def __exit__(self, *exc: object) -> None:
        sys.stdout, sys.stderr = self._saved
        if exc[0] is not None and not issubclass(exc[0], SystemExit):  # type: ignore[arg-type]
            self.spoiled = True


class _Tee:
    def __init__(self, stream: TextIO, recorder: _Recorder, *, keep: bool) -> None:
        self._stream = stream
        self._recorder = recorder
        self._keep = keep

    def write(self, text: str) -> int:
        written = self._stream.write(text)  # click probes with b"", which a text stream refuses
        if self._keep and isinstance(text, str):
            self._recorder.text.append(text)
        elif text:
            self._recorder.spoiled = True
        return written

    def writelines(self, lines: list[str]) -> None:
        for line in lines:
            self.write(line)

    @property
    def buffer(self) -> Any:
        # Bytes written past the text layer are not recorded.
        self._recorder.spoiled = True
        return self._stream.buffer

    def fileno(self) -> int:
        return self._stream.fileno()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)
