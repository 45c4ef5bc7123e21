"""A pytest plugin: after the run, a table of matrix results with a reproduce command each."""

from __future__ import annotations

import re
from collections import Counter

import pytest

_MATRIX = re.compile(r"tests/test_matrix\.py::(test_combination|test_group)\[(.+)\]$")
_results: dict[str, tuple[str, str]] = {}


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    match = _MATRIX.match(report.nodeid)
    if not match:
        return
    kind, combo = match.groups()
    if report.when == "call" or report.outcome != "passed":
        status = "skipped" if report.skipped else report.outcome
        previous = _results.get(report.nodeid, ("", ""))[0]
        if previous != "failed":
            _results[report.nodeid] = (status, f"{kind}[{combo}]")


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if not _results:
        return
    write = terminalreporter.write_line
    counts = Counter(status for status, _ in _results.values())
    terminalreporter.section("option matrix")
    write("  ".join(f"{status}: {n}" for status, n in sorted(counts.items())))
    for nodeid, (status, name) in sorted(_results.items(), key=lambda kv: kv[1][1]):
        if status == "passed":
            continue
        combo = name.split("[", 1)[1].rstrip("]")
        flags = " ".join(f"--data {pair}" for pair in combo.split(","))
        write(f"{status.upper():8} {name}")
        write(f"         reproduce: python -m pytest '{nodeid}'")
        write(f"         or:        fastforge new demo --defaults {flags}")
