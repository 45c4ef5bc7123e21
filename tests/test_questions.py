"""copier.yml, read as the questions that drive the CLI, the README and the matrix."""

from __future__ import annotations

from fastforge.questions import (
    QUESTIONS_JSON,
    load_questions,
    questions_json,
    read_copier_yml,
    template_root,
    visible_questions,
)


def test_every_question_has_type_help_and_default() -> None:
    for question in load_questions():
        assert question.type, question.name
        assert question.help, question.name
        assert question.default is not None, question.name


def test_copier_yml_renders_the_template_subdirectory() -> None:
    text = (template_root() / "copier.yml").read_text()
    assert "_subdirectory: template" in text
    assert (template_root() / "template").is_dir()


def test_derived_values_are_not_flags() -> None:
    visible = {q.name for q in visible_questions()}
    assert "project_name" in visible
    assert not visible & {"dist_name", "project_title", "secret_key"}


def test_flags_are_unique() -> None:
    flags = [q.flag for q in visible_questions()]
    assert len(flags) == len(set(flags))


def test_the_shipped_questions_json_is_copier_yml() -> None:
    parsed = read_copier_yml(template_root() / "copier.yml")
    assert load_questions() == parsed
    assert QUESTIONS_JSON.read_text(encoding="utf-8") == questions_json(parsed), (
        "questions.json is stale: run `python -m fastforge.questions`"
    )
