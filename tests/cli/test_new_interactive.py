"""`fastforge new` in a terminal asks each question; without one it never waits."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pexpect
import pyte
import pytest
import yaml

from fastforge.questions import visible_questions

FASTFORGE = str(Path(sys.executable).parent / "fastforge")


class _Terminal:
    """`fastforge new` in a pseudo-terminal, with the screen a user would see."""

    def __init__(self, tmp_path: Path, *, columns: int, target: str = "demo") -> None:
        self.columns = columns
        self.screen = pyte.Screen(columns, 50)
        self.stream = pyte.Stream(self.screen)
        self.child = pexpect.spawn(
            FASTFORGE,
            ["new", target, "--no-git", "--no-install"],
            cwd=str(tmp_path),
            encoding="utf-8",
            timeout=30,
            dimensions=(50, columns),
        )

    def expect(self, pattern: object, **kwargs: Any) -> int:
        index: int = self.child.expect(pattern, **kwargs)
        self.stream.feed(self.child.before)
        if isinstance(self.child.after, str):
            self.stream.feed(self.child.after)
        return index

    def settle(self) -> None:
        """Wait until the prompt stops drawing."""
        while self.expect([pexpect.TIMEOUT, r".+"], timeout=0.5) == 1:
            pass

    def lines(self) -> list[str]:
        return [line.rstrip() for line in self.screen.display]

    def text(self) -> str:
        """The screen's words, one line of them."""
        return " ".join(" ".join(self.lines()).split())


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


def test_in_a_narrow_terminal_each_help_line_wraps_whole(tmp_path: Path) -> None:
    terminal = _Terminal(tmp_path, columns=60)
    for question in visible_questions()[:4]:  # up to auth, whose help is the longest
        terminal.expect(re.escape(question.help[:12]))
        terminal.settle()
        assert " ".join(question.help.split()) in terminal.text(), question.name
        assert all(len(line) < 60 for line in terminal.lines())
        terminal.child.send("\r")
    assert "so without one the default is none" in terminal.text()
    terminal.child.sendcontrol("c")
    terminal.child.expect(pexpect.EOF)


@pytest.mark.parametrize("columns", [60, 120])
def test_a_project_name_error_shows_whole(tmp_path: Path, columns: int) -> None:
    terminal = _Terminal(tmp_path, columns=columns)
    terminal.expect("🎤")
    terminal.child.sendcontrol("u")  # clear the default name
    terminal.child.send("bad name!")
    terminal.settle()
    shown = terminal.text()
    terminal.child.sendcontrol("c")
    terminal.child.expect(pexpect.EOF)
    assert (
        "'bad name!' is not a valid project name: use ASCII letters, digits, '-', '_' and '.',"
        " starting and ending with a letter or digit (for example: my-api)."
    ) in shown
    assert not (tmp_path / "demo").exists()
