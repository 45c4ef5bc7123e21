"""The commands a generated project's README gives to run and test it, read from the README."""

from __future__ import annotations

from pathlib import Path

SECTION = "## Run and test"
# Projects whose README has no such section were made before it existed.
FALLBACK = ["uv run fastapi dev", "uv run pytest"]
APPLY_MIGRATIONS = "uv run alembic upgrade head"


def run_and_test(root: Path) -> list[str]:
    """The lines of the README's first shell block under "Run and test", comments included."""
    readme = root / "README.md"
    lines = readme.read_text(encoding="utf-8").splitlines() if readme.is_file() else []
    if SECTION not in lines:
        return FALLBACK
    block: list[str] = []
    inside = False
    for line in lines[lines.index(SECTION) + 1 :]:
        if line.startswith("```"):
            if inside:
                return block or FALLBACK
            inside = True
        elif inside:
            block.append(line)
    return FALLBACK
