"""Answers handling and planning, tested without the CLI."""

from __future__ import annotations

from pathlib import Path

import pytest

from fastforge.create import (
    check_answers,
    check_target,
    parse_data,
    plan_project,
    read_answers_file,
)
from fastforge.errors import AnswersFileError, InvalidAnswerError, TargetNotEmptyError
from tests.helpers import build_file_tree


def test_parse_data_splits_on_the_first_equals() -> None:
    assert parse_data(["description=a=b", "project_name=x"]) == {
        "description": "a=b",
        "project_name": "x",
    }


def test_answers_file_ignores_copier_private_keys(tmp_path: Path) -> None:
    path = build_file_tree(tmp_path, {"a.yml": "_commit: abc\ndescription: hi\n"}) / "a.yml"
    assert read_answers_file(path) == {"description": "hi"}


def test_answers_file_errors_name_the_file(tmp_path: Path) -> None:
    with pytest.raises(AnswersFileError, match=r"missing\.yml"):
        read_answers_file(tmp_path / "missing.yml")


def test_unknown_question_lists_the_known_ones() -> None:
    with pytest.raises(InvalidAnswerError, match=r"the questions are .*project_name"):
        check_answers({"colour": "blue"})


def test_target_that_is_a_file_is_refused(tmp_path: Path) -> None:
    build_file_tree(tmp_path, {"f": "x"})
    with pytest.raises(TargetNotEmptyError):
        check_target(tmp_path / "f", force=True)


def test_plan_project_renders_nothing_into_the_target(tmp_path: Path) -> None:
    planned = plan_project(target=tmp_path / "demo", answers={}, interactive=False)
    assert not (tmp_path / "demo").exists()
    paths = {str(c.path) for c in planned.plan.changes}
    assert {"main.py", "config/settings.py", ".env", ".copier-answers.yml"} <= paths
    assert planned.answers["project_name"] == "demo"
    assert "secret_key" not in planned.answers


def test_each_project_gets_its_own_secret(tmp_path: Path) -> None:
    def secret(name: str) -> bytes:
        planned = plan_project(target=tmp_path / name, answers={}, interactive=False)
        env = next(c for c in planned.plan.changes if str(c.path) == ".env")
        assert env.content is not None
        return next(line for line in env.content.splitlines() if line.startswith(b"SECRET_KEY="))

    first, second = secret("a"), secret("b")
    assert first != second
    assert len(first.split(b"=", 1)[1]) >= 32
