"""Shared timing for the benchmarks: interleaved runs, medians, ratios."""

from __future__ import annotations

import statistics
import subprocess
import time
from collections.abc import Callable, Sequence

Runner = Callable[[], None]


def command(args: Sequence[str], **kwargs: object) -> Runner:
    """A runner that executes a command and fails loudly if it fails."""

    def run() -> None:
        subprocess.run(args, check=True, capture_output=True, **kwargs)  # type: ignore[call-overload]

    return run


def compare(cases: dict[str, Runner], *, rounds: int, baseline: str) -> None:
    """Run every case once per round, interleaved so machine noise hits all alike."""
    samples: dict[str, list[float]] = {name: [] for name in cases}
    for _ in range(rounds):
        for name, run in cases.items():
            start = time.perf_counter()
            run()
            samples[name].append(time.perf_counter() - start)
    base = statistics.median(samples[baseline])
    print(f"{'case':<44} {'median ms':>10} {'ratio':>8}   (rounds={rounds}, baseline={baseline})")
    for name, values in samples.items():
        median = statistics.median(values)
        print(f"{name:<44} {median * 1000:>10.1f} {median / base:>8.2f}x")
