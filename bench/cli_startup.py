"""How fast `fastforge --version` and `--help` start, against `python -c pass`.

Run: python bench/cli_startup.py [rounds]
"""

from __future__ import annotations

import shutil
import sys

from _timing import command, compare


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    fastforge = shutil.which("fastforge") or "fastforge"
    compare(
        {
            "python -c pass": command([sys.executable, "-c", "pass"]),
            "fastforge --version": command([fastforge, "--version"]),
            "fastforge --help": command([fastforge, "--help"]),
        },
        rounds=rounds,
        baseline="python -c pass",
    )


if __name__ == "__main__":
    main()
