"""The idle cost of the observability option: /health with it on (no exporter) against off.

Run: python bench/observability.py [--rounds 5] [--duration 5]

One run generates the default project (sqlite) twice, with observability off and on, serves
each with one uvicorn worker on 127.0.0.1 (OTEL_EXPORTER_OTLP_ENDPOINT unset, so tracing is
off and only the Prometheus middleware runs), then runs `wrk -t1 -c50` against each in turn,
round after round, so machine noise hits both alike. It prints the medians and the ratio
on / off; issue 18's target is an overhead under 10%, a ratio above 0.90. Needs wrk and uv.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
from pathlib import Path

from app_throughput import Case, fastforge, migrate, project_env, run_wrk, serve

PATHS = ("/health", "/api/v1/info")


def prepare(scratch: Path, name: str, *, observability: bool) -> tuple[Path, dict[str, str]]:
    project = scratch / name
    data = f"observability={'true' if observability else 'false'}"
    fastforge("new", str(project), "--defaults", "--no-git", "--data", data, cwd=scratch)
    env = project_env(project)
    for variable in ("OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"):
        env.pop(variable, None)
    migrate(project / ".venv" / "bin" / "python", project, env)
    return project, env


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--duration", type=int, default=5, help="seconds per wrk run")
    parser.add_argument("--connections", type=int, default=50)
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed: apt-get install -y wrk")
    scratch = Path(tempfile.mkdtemp(prefix="fastforge-bench-observability-"))
    try:
        off, off_env = prepare(scratch, "off", observability=False)
        on, on_env = prepare(scratch, "on", observability=True)
        python_off = off / ".venv" / "bin" / "python"
        python_on = on / ".venv" / "bin" / "python"
        with (
            serve(
                python_off, "main:app", cwd=off, env=off_env, log_level="info", probe="/health"
            ) as base_off,
            serve(
                python_on, "main:app", cwd=on, env=on_env, log_level="info", probe="/health"
            ) as base_on,
        ):
            cases = [
                Case(f"{label}: GET {path}", f"{base}{path}")
                for path in PATHS
                for label, base in (("off", base_off), ("on", base_on))
            ]
            for case in cases:  # warm-up: imports, pools and caches
                run_wrk(case, duration=1, connections=args.connections)
            for _ in range(args.rounds):
                for case in cases:
                    rps, p99 = run_wrk(case, duration=args.duration, connections=args.connections)
                    case.rps.append(rps)
                    case.p99_ms.append(p99)
        report(cases, rounds=args.rounds, duration=args.duration, connections=args.connections)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def report(cases: list[Case], *, rounds: int, duration: int, connections: int) -> None:
    rps = {case.name: statistics.median(case.rps) for case in cases}
    print(f"wrk -t1 -c{connections} -d{duration}s, {rounds} interleaved rounds, medians")
    print(f"{'case':<28} {'req/s':>9} {'p99 ms':>9}   every round's req/s")
    for case in cases:
        rounds_text = " ".join(f"{value:.0f}" for value in case.rps)
        p99 = statistics.median(case.p99_ms)
        print(f"{case.name:<28} {rps[case.name]:>9.0f} {p99:>9.1f}   {rounds_text}")
    print()
    for path in PATHS:
        ratio = rps[f"on: GET {path}"] / rps[f"off: GET {path}"]
        print(f"{'on / off, ' + path:<28} {ratio:>9.3f}   target > 0.90 (overhead < 10%)")


if __name__ == "__main__":
    main()
