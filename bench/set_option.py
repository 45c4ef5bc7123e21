"""`fastforge set celery=redis` against `fastforge new` of the same project.

Run: python bench/set_option.py [rounds]
Both install (`uv sync`) and refresh docs/openapi.json, as they do by default; `new` also
makes the git repository. `set` runs in a committed sqlite project, which git puts back
between rounds (that reset is timed on its own, as overhead); `new` writes a fresh folder
each round.
"""

from __future__ import annotations

import itertools
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from _timing import command, compare


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    fastforge = str(Path(sys.executable).parent / "fastforge")
    scratch = Path(tempfile.mkdtemp(prefix="fastforge-bench-"))
    base = scratch / "base"
    subprocess.run([fastforge, "new", str(base), "-y", "-q"], check=True)
    counter = itertools.count()

    def reset() -> None:
        subprocess.run(["git", "checkout", "-q", "."], cwd=base, check=True)
        subprocess.run(["git", "clean", "-fdq", "-e", ".venv"], cwd=base, check=True)
        # The worker's packages stay installed; uninstalling them is not what set costs.

    run_set = command([fastforge, "set", "celery=redis", "-q"], cwd=base)

    def set_celery() -> None:
        run_set()
        reset()

    def new_with_celery() -> None:
        target = scratch / f"new-{next(counter)}"
        subprocess.run(
            [fastforge, "new", str(target), "-y", "-q", "--data", "celery=redis"],
            check=True,
            capture_output=True,
        )
        shutil.rmtree(target)

    try:
        compare(
            {
                "fastforge new --data celery=redis": new_with_celery,
                "git reset of the project (overhead)": reset,
                "fastforge set celery=redis": set_celery,
            },
            rounds=rounds,
            baseline="fastforge new --data celery=redis",
        )
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
