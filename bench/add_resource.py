"""`fastforge add resource` against `fastforge --version`, in a fresh sqlite project.

Run: python bench/add_resource.py [rounds]
Each round adds the resource to a new copy of the project (without refreshing
docs/openapi.json, which runs the project's own interpreter and is timed apart).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from itertools import count
from pathlib import Path

from _timing import command, compare

FIELDS = [
    "title:str:unique",
    "body:text?",
    "price:decimal=9.99",
    "stock:int=0:index",
    "published:bool=false",
    "released:date",
    "code:uuid",
    "meta:json",
]


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    fastforge = str(Path(sys.executable).parent / "fastforge")
    scratch = Path(tempfile.mkdtemp(prefix="fastforge-bench-"))
    base = scratch / "base"
    subprocess.run(
        [
            fastforge,
            "new",
            str(base),
            "-y",
            "--no-git",
            "--no-install",
            "-q",
            "--data",
            "database=sqlite",
        ],
        check=True,
    )
    numbers = count()

    def add_resource() -> None:
        copy = scratch / str(next(numbers))
        shutil.copytree(base, copy)
        command(
            [fastforge, "add", "resource", "product", *FIELDS, "--no-refresh", "-q"], cwd=copy
        )()

    def copy_only() -> None:
        shutil.copytree(base, scratch / str(next(numbers)))

    try:
        compare(
            {
                "fastforge --version": command([fastforge, "--version"]),
                "copy of the project (overhead)": copy_only,
                "fastforge add resource (8 fields)": add_resource,
            },
            rounds=rounds,
            baseline="fastforge --version",
        )
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
