"""Turn copier.yml questions into typer options, so the flags never drift from the schema."""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import Annotated, Any

import typer

from fastforge.questions import Question

PANEL = "Project options (from copier.yml)"

_PYTHON_TYPES: dict[str, type] = {"str": str, "int": int, "float": float, "bool": bool}


def with_question_flags(
    func: Callable[..., Any], questions: tuple[Question, ...]
) -> Callable[..., Any]:
    """Wrap `func` so it gains one option per question and receives them as `flag_answers`."""
    names = [q.name for q in questions]
    base = inspect.signature(func, eval_str=True)
    params = [p for p in base.parameters.values() if p.name != "flag_answers"]
    params += [_parameter(q) for q in questions]

    @functools.wraps(func)
    def wrapper(**kwargs: Any) -> Any:
        given = {n: kwargs.pop(n) for n in names}
        return func(**kwargs, flag_answers={n: v for n, v in given.items() if v is not None})

    wrapper.__signature__ = base.replace(parameters=params)  # type: ignore[attr-defined]
    wrapper.__annotations__ = {p.name: p.annotation for p in params}
    return wrapper


def _parameter(question: Question) -> inspect.Parameter:
    return inspect.Parameter(
        question.name,
        inspect.Parameter.KEYWORD_ONLY,
        default=None,
        annotation=Annotated[_python_type(question) | None, _option(question)],
    )


def _python_type(question: Question) -> Any:
    # Choices are checked with the other answers (fastforge.create.check_answers), so a
    # bad --database and a bad --data database=... are refused alike, in one line.
    return _PYTHON_TYPES.get(question.type, str)


def _option(question: Question) -> Any:
    decls = [question.flag]
    if question.type == "bool":
        decls = [f"{question.flag}/--no-{question.flag[2:]}"]
    default = question.static_default
    suffix = f" (default: {_show(default)})" if default is not None else ""
    return typer.Option(
        *decls,
        metavar="|".join(str(c) for c in question.choices) if question.choices else None,
        help=question.help + suffix,
        rich_help_panel=PANEL,
        show_default=False,
    )


def _show(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)
