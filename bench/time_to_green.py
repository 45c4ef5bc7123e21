"""From nothing to green tests: `fastforge new demo --defaults`, then `uv run pytest -q`.

Run: python bench/time_to_green.py [rounds] [FASTFORGE ...]
Given several fastforge executables (say, of two branches), each is timed in every round.
Each round creates the default project (git and `uv sync` included, on the warm uv cache
left by a first, untimed round) and runs its test command, with PYTHONDONTWRITEBYTECODE=1
(as on this machine) and without it (as on most users' machines), interleaved. It prints
the medians of `new`, of the test command and of both, and the test command run again in
the same project (the second run a user makes).
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from itertools import count
from pathlib import Path

MODES = {"PYTHONDONTWRITEBYTECODE=1": True, "bytecode written": False}


def environment(no_bytecode: bool) -> dict[str, str]:
    env = {
        k: v for k, v in os.environ.items() if k not in {"VIRTUAL_ENV", "PYTHONDONTWRITEBYTECODE"}
    }
    if no_bytecode:
        env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


def timed(args: list[str], *, cwd: Path, env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(args, cwd=cwd, env=env, check=True, capture_output=True, timeout=600)
    return time.perf_counter() - start


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    binaries = sys.argv[2:] or [str(Path(sys.executable).parent / "fastforge")]
    uv = shutil.which("uv") or str(Path(sys.executable).parent / "uv")
    scratch = Path(tempfile.mkdtemp(prefix="fastforge-bench-"))
    numbers = count()
    cases = {
        (f"{mode} {binary}" if len(binaries) > 1 else mode): (binary, no_bytecode)
        for binary in binaries
        for mode, no_bytecode in MODES.items()
    }
    samples: dict[str, dict[str, list[float]]] = {
        case: {"new": [], "test": [], "total": [], "test again": []} for case in cases
    }
    try:
        for warm_up in [True] + [False] * rounds:
            for case, (fastforge, no_bytecode) in cases.items():
                env = environment(no_bytecode)
                folder = scratch / str(next(numbers))
                folder.mkdir()
                new = timed([fastforge, "new", "demo", "--defaults", "-q"], cwd=folder, env=env)
                test = timed([uv, "run", "pytest", "-q"], cwd=folder / "demo", env=env)
                again = timed([uv, "run", "pytest", "-q"], cwd=folder / "demo", env=env)
                if not warm_up:
                    figures = samples[case]
                    figures["new"].append(new)
                    figures["test"].append(test)
                    figures["total"].append(new + test)
                    figures["test again"].append(again)
                shutil.rmtree(folder, ignore_errors=True)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    print(f"medians of {rounds} rounds (after one warm-up round), seconds")
    print(f"{'':<28} {'new':>7} {'test':>7} {'total':>7} {'test again':>11}")
    for case, figures in samples.items():
        row = {name: statistics.median(values) for name, values in figures.items()}
        print(
            f"{case:<28} {row['new']:>7.2f} {row['test']:>7.2f} {row['total']:>7.2f}"
            f" {row['test again']:>11.2f}"
        )
    print("targets: total <= 5 s, test <= 3 s")


if __name__ == "__main__":
    main()
