"""`fastforge add resource` against `fastforge --version`, in a fresh sqlite project.

Run: python bench/add_resource.py [rounds] [OTHER_FASTFORGE...]
Each other fastforge executable (say, an older checkout's) runs `add resource` beside ours.
The project is installed (`uv sync`), so `add` does everything it does by default, the
refresh of docs/openapi.json included; `--no-refresh` is timed beside it. Between rounds,
git puts the project back as it was (not timed).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
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
        [fastforge, "new", str(base), "-y", "-q", "--data", "database=sqlite"], check=True
    )

    def reset() -> None:
        subprocess.run(["git", "checkout", "-q", "."], cwd=base, check=True)
        subprocess.run(["git", "clean", "-fdq"], cwd=base, check=True)

    def add_resource(executable: str, *options: str) -> Callable[[], None]:
        run = command([executable, "add", "resource", "product", *FIELDS, "-q", *options], cwd=base)

        def timed() -> None:
            run()
            reset()

        return timed

    cases = {
        "fastforge --version": command([fastforge, "--version"]),
        "git reset of the project (overhead)": reset,
        "fastforge add resource (8 fields)": add_resource(fastforge),
        "fastforge add resource --no-refresh": add_resource(fastforge, "--no-refresh"),
    }
    for index, other in enumerate(sys.argv[2:], start=1):
        cases[f"other fastforge {index}: add resource"] = add_resource(other)
    try:
        compare(
            cases,
            rounds=rounds,
            baseline="fastforge --version",
        )
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
