"""The README is derived from copier.yml and carries the two commands."""

from __future__ import annotations

from tests.helpers import REPO
from tools.readme import render_readme


def test_readme_option_table_matches_copier_yml() -> None:
    text = (REPO / "README.md").read_text()
    assert render_readme(text) == text, "README is stale: run `python -m tools.readme`"


def test_ci_runs_the_readme_test_command() -> None:
    ci = (REPO / ".ci/run").read_text()
    assert "readme_command test" in ci
    readme = (REPO / "README.md").read_text()
    assert "<!-- command:test -->" in readme
    assert "<!-- command:new -->" in readme
