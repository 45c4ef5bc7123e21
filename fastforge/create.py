"""Create a project: the only caller of copier.

`plan_project` renders the template into a scratch folder and returns a plan;
`fastforge.writer` applies it. Rendering never touches the target, so a refused
answer or a failed render leaves the user's disk exactly as it was.
"""

from __future__ import annotations

import contextlib
import dataclasses
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from fastforge.errors import (
    AnswersFileError,
    InvalidAnswerError,
    ProjectExistsError,
    RenderError,
    TargetNotEmptyError,
)
from fastforge.questions import Question, load_questions, visible_questions
from fastforge.writer import Plan, plan_from_tree

if TYPE_CHECKING:
    from collections.abc import Mapping

    from fastforge.update.versions import Template

SECRET_FILES = (Path(".env"),)
ANSWERS_FILE = Path(".copier-answers.yml")
_COPIER_ERROR = re.compile(
    r"^(?:Validation error for question|Invalid choice for) '(?P<name>\w+)': (?P<reason>.*)$",
    re.DOTALL,
)


@dataclass(frozen=True)
class ProjectPlan:
    """The rendered files and the answers that produced them."""

    plan: Plan
    answers: dict[str, Any]


def read_answers_file(path: Path) -> dict[str, Any]:
    """Load a YAML mapping of answers; copier's private `_` keys are ignored."""
    try:
        loaded = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise AnswersFileError(path=path, reason="no such file") from None
    except (OSError, UnicodeDecodeError) as error:
        raise AnswersFileError(path=path, reason=str(error)) from None
    except yaml.YAMLError as error:
        raise AnswersFileError(path=path, reason=f"not valid YAML ({_first_line(error)})") from None
    if loaded is None:
        return {}
    if not isinstance(loaded, dict):
        raise AnswersFileError(path=path, reason="expected a mapping of question: answer")
    return {str(k): v for k, v in loaded.items() if not str(k).startswith("_")}


def check_answers(answers: dict[str, Any]) -> None:
    """Refuse an answer to a question a user is not asked, or a value outside its choices."""
    questions = {q.name: q for q in visible_questions()}
    for name, value in answers.items():
        question = questions.get(name)
        if question is None:
            raise InvalidAnswerError(
                question=name,
                value=value,
                reason=f"no such question; the questions are {', '.join(questions)}",
            )
        allowed = [str(c) for c in question.choices]
        if allowed and str(value) not in allowed:
            raise InvalidAnswerError(
                question=name, value=value, reason=f"choose one of {', '.join(allowed)}"
            )


def recover_target(target: Path) -> str | None:
    """Undo a `new` into `target` that was killed midway; the line saying so, if it was."""
    from fastforge import journal
    from fastforge.lock import project_lock

    if not journal.journal_dir(target).is_dir():
        return None
    with project_lock(target):
        return journal.recover(target)


def check_target(target: Path, *, force: bool) -> None:
    """Refuse a target folder that already has files, unless forced."""
    if target.exists() and not target.is_dir():
        raise TargetNotEmptyError(path=target)
    if not force and target.is_dir() and any(target.iterdir()):
        if (target / ".copier-answers.yml").is_file():
            raise ProjectExistsError(path=target)
        raise TargetNotEmptyError(path=target)


def plan_project(
    *,
    target: Path,
    answers: dict[str, Any],
    interactive: bool,
    workdir: Path | None = None,
    template: Template | None = None,
    secrets: Mapping[str, str] | None = None,
) -> ProjectPlan:
    """Render the template with these answers (in `workdir`) and plan writing it to `target`.

    `template` is the installed one unless given (`fastforge update` renders older ones),
    and `secrets` answers secret questions that would otherwise get fresh random values.
    """
    from copier.errors import CopierError

    from fastforge import scratch as scratch_render
    from fastforge.update.versions import current_template

    if template is None:
        check_answers(answers)
    data = {**answers, **(secrets or {})}
    if not interactive:
        # Copier does not validate defaults, so the folder-derived name is passed as an
        # answer, which it does validate.
        data.setdefault("project_name", target.name)
    with contextlib.ExitStack() as stack:
        scratch = workdir or Path(stack.enter_context(tempfile.TemporaryDirectory()))
        # Same folder name as the target, so copier's own default name matches it.
        rendered = scratch / target.name
        if interactive:
            from fastforge.prompts import readable_prompts

            stack.enter_context(readable_prompts())
        try:
            worker = scratch_render.render(
                str((template or current_template()).root),
                rendered,
                data=data,
                defaults=not interactive,
                quiet=True,
                unsafe=False,
                skip_tasks=True,
            )
        except KeyboardInterrupt:
            raise  # copier's CopierAnswersInterrupt is a CopierError too; Ctrl-C is not one
        except ValueError as error:
            raise _answer_error(error, data) from None
        except CopierError as error:
            raise RenderError(reason=str(error)) from None
        _record_template(rendered / ANSWERS_FILE, (template or current_template()).identity)
        plan = plan_from_tree(rendered, target, exclude=(".git",))
        # git cannot store mode 600, so the template cannot carry it: set it here.
        plan.changes = [
            dataclasses.replace(c, mode=0o600) if c.path in SECRET_FILES else c
            for c in plan.changes
        ]
        return ProjectPlan(
            plan=plan,
            answers=_public_answers(worker.answers.combined, load_questions()),
        )


def _record_template(answers_file: Path, identity: str) -> None:
    """Name the template in the answers file by its identity, never by a local path."""
    from fastforge.update.versions import KEY

    lines = answers_file.read_text(encoding="utf-8").splitlines(keepends=True)
    kept = [line for line in lines if not line.startswith(("_src_path:", "_commit:", KEY))]
    at = next((i for i, line in enumerate(kept) if not line.startswith("#")), len(kept))
    kept.insert(at, f"{KEY}: {identity}\n")
    answers_file.write_text("".join(kept), encoding="utf-8")


def _public_answers(combined: Any, questions: tuple[Question, ...]) -> dict[str, Any]:
    return {q.name: combined[q.name] for q in questions if not q.secret and q.name in combined}


def _answer_error(error: ValueError, data: dict[str, Any]) -> InvalidAnswerError:
    match = _COPIER_ERROR.match(str(error))
    if not match:
        return InvalidAnswerError(question="answers", value=None, reason=str(error))
    name = match["name"]
    reason = " ".join(match["reason"].split())
    return InvalidAnswerError(question=name, value=data.get(name), reason=reason)


def _first_line(error: Exception) -> str:
    return str(error).strip().splitlines()[0]


def parse_data(pairs: list[str]) -> dict[str, str]:
    """Turn repeated `--data KEY=VALUE` into a mapping."""
    answers = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise InvalidAnswerError(
                question="--data",
                value=pair,
                reason="expected KEY=VALUE, e.g. --data description='My API'",
            )
        answers[key.strip()] = value
    return answers
