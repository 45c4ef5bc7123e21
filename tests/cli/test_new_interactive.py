"""`fastforge new` in a terminal asks each question; without one it never waits."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pexpect
import yaml

from fastforge.schema import visible_questions

FASTFORGE = str(Path(sys.executable).parent / "fastforge")


def test_in_a_terminal_each_question_is_asked(tmp_path: Path) -> None:
    child = pexpect.spawn(
        FASTFORGE,
        ["new", "demo", "--no-git", "--no-install"],
        cwd=str(tmp_path),
        encoding="utf-8",
        timeout=30,
        dimensions=(50, 200),
    )
    asked = 0
    while child.expect(["🎤", pexpect.EOF]) == 0:
        asked += 1
        child.send("\r")  # take the default shown
    child.close()
    assert child.exitstatus == 0, child.before
    # Questions asked only for some answers (e.g. auth without a database) may be skipped.
    assert asked >= len(visible_questions()) - 1
    answers = yaml.safe_load((tmp_path / "demo/.copier-answers.yml").read_text())
    assert answers["project_name"] == "demo"


def test_without_a_terminal_it_takes_defaults_and_never_blocks(tmp_path: Path) -> None:
    done = subprocess.run(
        [FASTFORGE, "new", "demo", "--no-git", "--no-install"],
        cwd=tmp_path,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "demo/main.py").is_file()
