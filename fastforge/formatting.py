"""Format generated Python the way the project checks it: ruff's isort, then ruff format.

Blueprint output varies in line length with the names in it; running the project's own
formatter on it (with the project's ruff settings) is what makes `ruff format --check`
pass for any name, and drops imports a blueprint needed only for other field types.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from fastforge.errors import FastforgeError


def _ruff() -> str:
    from ruff.__main__ import find_ruff_bin  # type: ignore[import-untyped]

    return str(find_ruff_bin())


def format_python(code: bytes, *, root: Path, path: str) -> bytes:
    """Sort imports, drop unused ones, and format `code` as the file `path` under `root`."""
    ruff = _ruff()
    steps = (
        [ruff, "check", "--fix-only", "--select", "I,F401", "--exit-zero", "--quiet"],
        [ruff, "format", "--quiet"],
    )
    for step in steps:
        done = subprocess.run(
            [*step, "--stdin-filename", str(root / path), "-"],
            input=code,
            capture_output=True,
            cwd=root,
            check=False,
        )
        if done.returncode != 0:
            raise FastforgeError(
                f"Generated {path} is not valid Python (a fastforge bug, please report it): "
                + done.stderr.decode(errors="replace").strip()
            )
        code = done.stdout
    return code
