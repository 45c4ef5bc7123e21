"""How fast `fastforge --version`, `--help` and `add --help` start, against `python -c pass`.

Run with the Python fastforge is installed in: python bench/cli_startup.py [rounds]
Targets (issue 16): --version at most 4x, --help and add --help at most 8x.
Help pages are replayed from the user's cache after their first drawing (the first round
fills it); the `(drawn)` rows turn the cache off, to show what drawing a page costs.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

from _timing import command, compare


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    beside = Path(sys.executable).parent / "fastforge"
    fastforge = str(beside) if beside.exists() else shutil.which("fastforge") or "fastforge"
    drawn = {**os.environ, "FASTFORGE_NO_HELP_CACHE": "1"}
    compare(
        {
            "python -c pass": command([sys.executable, "-c", "pass"]),
            "fastforge --version": command([fastforge, "--version"]),
            "fastforge --help": command([fastforge, "--help"]),
            "fastforge add --help": command([fastforge, "add", "--help"]),
            "fastforge --help (drawn)": command([fastforge, "--help"], env=drawn),
            "fastforge add --help (drawn)": command([fastforge, "add", "--help"], env=drawn),
        },
        rounds=rounds,
        baseline="python -c pass",
    )


if __name__ == "__main__":
    main()
