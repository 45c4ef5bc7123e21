"""Format generated Python the way the project checks it: ruff's isort, then ruff format.

Blueprint output varies in line length with the names in it; running the project's own
formatter on it (with the project's ruff settings) is what makes `ruff format --check`
pass for any name, and drops imports a blueprint needed only for other field types.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from fastforge import journal
from fastforge.errors import GeneratedCodeError


def _ruff() -> str:
    from ruff.__main__ import find_ruff_bin  # type: ignore[import-untyped]

    return str(find_ruff_bin())


def format_python(files: dict[str, bytes], *, root: Path) -> dict[str, bytes]:
    """Sort imports, drop unused ones and format every file, with the project's settings.

    The files are formatted in a scratch copy of their paths (two ruff runs in all), so
    the project's files are not touched before the writer applies the plan. The scratch
    folder is in the project's journal folder, so a kill leaves nothing in /tmp.
    """
    config = root / "pyproject.toml"
    with journal.scratch(root, "format-") as scratch:
        paths = []
        for rel, content in files.items():
            path = Path(scratch) / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)
            paths.append(str(path))
        ruff = _ruff()
        settings = ["--no-cache", *(["--config", str(config)] if config.is_file() else [])]
        # The new modules are not in the project yet, so ruff cannot find them there and
        # would sort them as third-party; the project's top-level packages are first-party.
        settings += ["--config", "lint.isort.known-first-party = ['app', 'config', 'main']"]
        for step in (
            [ruff, "check", "--fix-only", "--select", "I,F401", "--exit-zero", "--quiet"],
            [ruff, "format", "--quiet"],
        ):
            done = subprocess.run(
                [*step, *settings, *paths], capture_output=True, cwd=root, check=False
            )
            if done.returncode != 0:
                output = done.stderr.decode(errors="replace").strip()
                raise GeneratedCodeError(output=output)
        return {rel: (Path(scratch) / rel).read_bytes() for rel in files}
