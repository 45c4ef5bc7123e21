"""`fastforge new`: parse the command line, call the core, map errors."""

from __future__ import annotations

import shlex
import signal
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from fastforge.cli.flags import with_question_flags
from fastforge.errors import AbortedError, FlagValueError
from fastforge.questions import visible_questions

if TYPE_CHECKING:
    from fastforge.steps import StepResult

_ANSWERS = "Answers"
_OUTPUT = "Writing"
# What a user types after a flag that takes no value (`--dry-run true`); never a folder.
_FLAG_VALUES = {"true", "false", "yes", "no", "on", "off"}


def _new(
    path: Annotated[
        str,
        typer.Argument(
            metavar="PATH",
            help="Folder to create. Its name is the default project name.",
            show_default=False,
        ),
    ] = ".",
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
    show: Annotated[
        bool,
        typer.Option(
            "--show",
            help="With --dry-run, print every file's content as a diff that `git apply` takes.",
            rich_help_panel=_OUTPUT,
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
    from fastforge import create, report, writer
    from fastforge.cli.errors import reported_errors
    from fastforge.project.commands import run_and_test

    target = Path(path).absolute()
    with reported_errors():
        if path.lower() in _FLAG_VALUES:
            raise FlagValueError(word=path)
        answers: dict[str, Any] = {}
        if answers_file is not None:
            answers.update(create.read_answers_file(answers_file))
        answers.update(create.parse_data(data or []))
        answers.update(flag_answers)
        create.check_answers(answers)
        note = create.recover_target(target)
        if note:
            report.errors.print(note, soft_wrap=True)
        create.check_target(target, force=force)
        interactive = not defaults and sys.stdin.isatty()
        # One journaled change: a kill or Ctrl-C before it ends leaves no project at all.
        with writer.transaction(target, command=f"fastforge new {target}") as change:
            with change.scratch("render-") as workdir:
                planned = create.plan_project(
                    target=target, answers=answers, interactive=interactive, workdir=workdir
                )
            if dry_run:
                outcomes = writer.check(planned.plan, force=force)
            else:
                outcomes = change.apply(planned.plan, force=force)

        questions = visible_questions()
        command = report.equivalent_command(
            target=target, answers=planned.answers, questions=questions
        )
        if dry_run:
            if not quiet:
                report.print_outcomes(outcomes, dry_run=True, diffs=show, show=show)
                report.console.print(f"\n[bold]Would run:[/] {command}", soft_wrap=True)
            return

        results = _run_steps(target, install=not no_install, git=not no_git)
        if quiet:
            return
        report.console.print(f"[bold green]Created[/] {target}")
        report.print_summary(root=target, answers=planned.answers, questions=questions)
        report.print_steps(results)
        report.print_new_project_steps(root=target, steps=run_and_test(target), command=command)


def _run_steps(target: Path, *, install: bool, git: bool) -> list[StepResult]:
    """Install, then commit; Ctrl-C keeps the complete project and says how to finish."""
    from fastforge import report, steps, writer

    results: list[StepResult] = []
    # A library used while rendering may leave its own SIGINT handler behind: Ctrl-C must
    # interrupt the steps below as it does everywhere else.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        # Install first: `uv sync` writes uv.lock, which the first commit should hold.
        if install:
            with report.console.status("Installing dependencies with uv sync...", spinner="dots"):
                results.append(steps.uv_sync(target))
        if install and results[-1].ok:
            # The API contract comes from the app itself, so the first commit holds it.
            with (
                report.console.status("Writing docs/openapi.json...", spinner="dots"),
                writer.transaction(target, command="fastforge new") as change,
            ):
                results.append(steps.refresh_openapi(target, change))
        if git:
            with report.console.status("Creating the git repository...", spinner="dots"):
                results.append(steps.git_init(target))
    except KeyboardInterrupt:
        left = [
            *(["uv sync", "uv run python -m app.commands.openapi"] if install else []),
            *([steps.GIT_BY_HAND] if git else []),
        ]
        finish = " && ".join([f"cd {shlex.quote(str(target))}", *left[len(results) :]])
        raise AbortedError(
            detail=f"The project files are complete in {target}; finish with: {finish}"
        ) from None
    return results


command = with_question_flags(_new, visible_questions())
