"""`fastforge new`: parse the command line, call the core, map errors."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from fastforge.cli.flags import with_question_flags
from fastforge.errors import FastforgeError
from fastforge.schema import visible_questions

_ANSWERS = "Answers"
_OUTPUT = "Writing"


def _new(
    path: Annotated[
        Path,
        typer.Argument(
            help="Folder to create. Its name is the default project name.", show_default=False
        ),
    ] = Path("."),
    *,
    defaults: Annotated[
        bool,
        typer.Option(
            "--defaults",
            "-y",
            help="Take the default for every question not answered.",
            rich_help_panel=_ANSWERS,
        ),
    ] = False,
    data: Annotated[
        list[str] | None,
        typer.Option(
            "--data",
            "-d",
            metavar="KEY=VALUE",
            help="Answer one question; repeatable.",
            rich_help_panel=_ANSWERS,
        ),
    ] = None,
    answers_file: Annotated[
        Path | None,
        typer.Option(
            "--answers-file",
            metavar="FILE",
            help="Read answers from a YAML file.",
            rich_help_panel=_ANSWERS,
        ),
    ] = None,
    dry_run: Annotated[
        bool,
        typer.Option(
            "--dry-run", help="Show what would be created; write nothing.", rich_help_panel=_OUTPUT
        ),
    ] = False,
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            "-f",
            help="Write into a non-empty folder, overwriting files.",
            rich_help_panel=_OUTPUT,
        ),
    ] = False,
    no_git: Annotated[
        bool,
        typer.Option("--no-git", help="Do not create a git repository.", rich_help_panel=_OUTPUT),
    ] = False,
    no_install: Annotated[
        bool,
        typer.Option(
            "--no-install", help="Do not install dependencies with uv.", rich_help_panel=_OUTPUT
        ),
    ] = False,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="Print only errors.", rich_help_panel=_OUTPUT)
    ] = False,
    flag_answers: dict[str, Any],
) -> None:
    """Create a new FastAPI project from the fastforge template.

    Asks each question in a terminal unless answered by a flag, --data or --answers-file;
    with --defaults (or without a terminal) it never asks.
    """
    from fastforge import project, report, steps, writer

    target = path.absolute()
    try:
        answers: dict[str, Any] = {}
        if answers_file is not None:
            answers.update(project.read_answers_file(answers_file))
        answers.update(project.parse_data(data or []))
        answers.update(flag_answers)
        project.check_target(target, force=force)
        interactive = not defaults and sys.stdin.isatty()
        planned = project.plan_project(target=target, answers=answers, interactive=interactive)
        outcomes = writer.apply(planned.plan, force=force, dry_run=dry_run)
    except FastforgeError as error:
        report.print_error(str(error))
        raise typer.Exit(code=1) from None

    questions = visible_questions()
    command = report.equivalent_command(target=target, answers=planned.answers, questions=questions)
    if dry_run:
        if not quiet:
            report.print_outcomes(outcomes, dry_run=True)
            report.console.print(f"\n[bold]Would run:[/] {command}", soft_wrap=True)
        return

    results = []
    # Install first: `uv sync` writes uv.lock, which the first commit should hold.
    if not no_install:
        with report.console.status("Installing dependencies with uv sync...", spinner="dots"):
            results.append(steps.uv_sync(target))
    if not no_git:
        with report.console.status("Creating the git repository...", spinner="dots"):
            results.append(steps.git_init(target))
    if quiet:
        return
    report.console.print(f"[bold green]Created[/] {target}")
    report.print_summary(root=target, answers=planned.answers, questions=questions)
    report.print_steps(results)
    report.print_next_steps(root=target, command=command)


command = with_question_flags(_new, visible_questions())
