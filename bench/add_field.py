"""`fastforge add field` against `fastforge --version`, on a sqlite project with a resource.

Run: python bench/add_field.py [rounds]
Each round adds two fields to a new copy of the project (without refreshing
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


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    fastforge = str(Path(sys.executable).parent / "fastforge")
    scratch = Path(tempfile.mkdtemp(prefix="fastforge-bench-"))
    base = scratch / "base"
    new = [fastforge, "new", str(base), "-y", "--no-git", "--no-install", "-q"]
    subprocess.run([*new, "--data", "database=sqlite", "--data", "auth=none"], check=True)
    add = [fastforge, "add", "resource", "product", "title:str", "price:decimal=0"]
    subprocess.run([*add, "--no-refresh", "-q"], cwd=base, check=True)
    numbers = count()

    def add_field() -> None:
        copy = scratch / str(next(numbers))
        shutil.copytree(base, copy)
        fields = ["sku:str?:unique", "stock:int=0:index"]
        command([fastforge, "add", "field", "product", *fields, "--no-refresh", "-q"], cwd=copy)()

    def copy_only() -> None:
        shutil.copytree(base, scratch / str(next(numbers)))

    try:
        compare(
            {
                "fastforge --version": command([fastforge, "--version"]),
                "copy of the project (overhead)": copy_only,
                "fastforge add field (2 fields)": add_field,
            },
            rounds=rounds,
            baseline="fastforge --version",
        )
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
