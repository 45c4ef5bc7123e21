"""Help pages replayed from the user's cache are exactly what typer draws, or are redrawn."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pexpect
import pytest

FASTFORGE = str(Path(sys.executable).parent / "fastforge")
RICH_ENV = ("COLUMNS", "LINES", "FORCE_COLOR", "NO_COLOR", "TERM", "COLORTERM", "TTY_COMPATIBLE")
REPLAY_CHECK = (
    "import sys; sys.argv = ['fastforge', *sys.argv[1:]]\n"
    "from fastforge.cli import main\n"
    "try: main()\n"
    "except SystemExit: pass\n"
    "drawn = {'typer', 'rich'} & set(sys.modules)\n"
    "print('drawn' if drawn else 'replayed', file=sys.stderr)"
)


def _env(cache: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in RICH_ENV}
    env.pop("FASTFORGE_NO_HELP_CACHE", None)
    return {**env, "XDG_CACHE_HOME": str(cache), **extra}


def _help(args: list[str], env: dict[str, str], cwd: Path) -> bytes:
    done = subprocess.run([FASTFORGE, *args], env=env, cwd=cwd, capture_output=True, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stderr == b""
    return done.stdout


def _how_help_is_printed(args: list[str], env: dict[str, str]) -> str:
    done = subprocess.run(
        [sys.executable, "-c", REPLAY_CHECK, *args],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    return done.stderr.strip().splitlines()[-1]


@pytest.mark.parametrize(
    ("args", "settings"),
    [
        (["--help"], {"COLUMNS": "60"}),
        (["add", "--help"], {"COLUMNS": "200", "FORCE_COLOR": "1"}),
        (["add", "resource", "-h"], {"COLUMNS": "90", "TERM": "dumb"}),
        (["new", "--help"], {"NO_COLOR": "1"}),
    ],
    ids=["narrow", "wide-colour", "dumb", "no-colour"],
)
def test_a_cached_page_equals_a_fresh_render(
    tmp_path: Path, args: list[str], settings: dict[str, str]
) -> None:
    cache = tmp_path / "cache"
    fresh = _help(args, _env(cache, FASTFORGE_NO_HELP_CACHE="1", **settings), tmp_path)
    assert not cache.exists()
    first = _help(args, _env(cache, **settings), tmp_path)
    (page_file,) = (cache / "fastforge").iterdir()
    stored = json.loads(page_file.read_text(encoding="utf-8"))["text"].encode()
    replayed = _help(args, _env(cache, **settings), tmp_path)
    assert fresh == first == stored == replayed
    assert b"fastforge" in fresh
    assert (b"\x1b[" in fresh) == ("FORCE_COLOR" in settings)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cache"]  # nothing in the project


def test_a_cached_page_in_a_terminal_equals_a_fresh_render(tmp_path: Path) -> None:
    def draw(**extra: str) -> str:
        child = pexpect.spawn(
            FASTFORGE,
            ["add", "--help"],
            env=_env(tmp_path, TERM="xterm-256color", **extra),
            encoding="utf-8",
            timeout=30,
            dimensions=(40, 72),
        )
        text = child.read()
        child.close()
        assert child.exitstatus == 0, text
        return text

    fresh = draw(FASTFORGE_NO_HELP_CACHE="1")
    first = draw()
    replayed = draw()
    assert "\x1b[" in fresh  # coloured, drawn for the terminal
    assert fresh == first == replayed
    assert (tmp_path / "fastforge" / "help-add.json").is_file()


def test_a_replayed_page_loads_neither_typer_nor_rich(tmp_path: Path) -> None:
    assert _how_help_is_printed(["add", "--help"], _env(tmp_path)) == "drawn"
    assert _how_help_is_printed(["add", "--help"], _env(tmp_path)) == "replayed"


def test_another_width_draws_its_own_page(tmp_path: Path) -> None:
    narrow = _help(["add", "--help"], _env(tmp_path, COLUMNS="60"), tmp_path)
    wide = _help(["add", "--help"], _env(tmp_path, COLUMNS="160"), tmp_path)
    fresh_wide = _help(
        ["add", "--help"], _env(tmp_path, COLUMNS="160", FASTFORGE_NO_HELP_CACHE="1"), tmp_path
    )
    assert narrow != wide == fresh_wide


def test_a_changed_source_draws_the_page_afresh(tmp_path: Path) -> None:
    env = _env(tmp_path, COLUMNS="100")
    real = _help(["add", "--help"], env, tmp_path)
    page_file = tmp_path / "fastforge" / "help-add.json"
    page = json.loads(page_file.read_text())
    page["text"] = "stale\n"
    page_file.write_text(json.dumps(page))
    assert _help(["add", "--help"], env, tmp_path) == b"stale\n"  # the stored page is used
    source = next(path for path in page["sources"] if path.endswith("commands.py"))
    page["sources"][source] = [0, 0]  # as if fastforge/cli/commands.py had been edited
    page_file.write_text(json.dumps(page))
    assert _help(["add", "--help"], env, tmp_path) == real
    assert _help(["add", "--help"], env, tmp_path) == real


@pytest.mark.parametrize("damage", ["corrupt", "unwritable"])
def test_a_broken_cache_falls_back_to_drawing(tmp_path: Path, damage: str) -> None:
    cache = tmp_path / "cache"
    fresh = _help(["--help"], _env(cache, FASTFORGE_NO_HELP_CACHE="1"), tmp_path)
    if damage == "corrupt":
        (cache / "fastforge").mkdir(parents=True)
        (cache / "fastforge" / "help.json").write_bytes(b"\x00{not json")
    else:
        cache.write_text("a file where the cache directory should be")
    assert _help(["--help"], _env(cache), tmp_path) == fresh
    assert _help(["--help"], _env(cache), tmp_path) == fresh


def test_only_help_requests_are_cached(tmp_path: Path) -> None:
    done = subprocess.run(
        [FASTFORGE, "add", "nosuchthing", "--help"],
        env=_env(tmp_path),
        capture_output=True,
        check=False,
    )
    assert done.returncode != 0
    assert not list(tmp_path.glob("fastforge/*"))
