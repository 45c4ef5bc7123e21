"""Keep the README's option table derived from copier.yml.

Run `python -m tools.readme` after changing copier.yml; a test fails while the
README is stale.
"""

from __future__ import annotations

import re
from pathlib import Path

from fastforge.questions import Question, visible_questions

START, END = "<!-- options:start -->", "<!-- options:end -->"
_BLOCK = re.compile(re.escape(START) + r".*?" + re.escape(END), re.DOTALL)


def options_table(questions: tuple[Question, ...]) -> str:
    """A Markdown table of the questions: flag, type, choices, default and help."""
    rows = ["| Flag | Type | Choices | Default | What it sets |", "| --- | --- | --- | --- | --- |"]
    for q in questions:
        flag = f"`{q.flag}/--no-{q.flag[2:]}`" if q.type == "bool" else f"`{q.flag}`"
        listed = ", ".join(f"`{c}`" for c in q.choices)
        choices = listed or ("yes, no" if q.type == "bool" else "any")
        default = _shown_default(q, questions)
        rows.append(f"| {flag} | {q.type} | {choices} | {default} | {q.help} |")
    return "\n".join(rows)


def _shown_default(question: Question, questions: tuple[Question, ...]) -> str:
    if question.name == "project_name":
        return "the folder's name"
    default = _default(question, questions)
    if isinstance(default, bool):
        default = "yes" if default else "no"
    return f"`{default}`"


def _default(question: Question, questions: tuple[Question, ...]) -> object:
    """The default as a user taking every default gets it, even when copier computes it."""
    if question.static_default is not None:
        return question.static_default
    # Imported here: only a computed default (such as auth's, which follows the database
    # answer) needs Jinja.
    from jinja2 import Environment

    others = {q.name: q.static_default for q in questions if q.static_default is not None}
    return Environment().from_string(str(question.default)).render(others)


def render_readme(text: str) -> str:
    """The README with its option table replaced by the current one."""
    block = f"{START}\n{options_table(visible_questions())}\n{END}"
    return _BLOCK.sub(lambda _: block, text)


def main() -> None:
    """Rewrite README.md in place."""
    path = Path(__file__).resolve().parent.parent / "README.md"
    path.write_text(render_readme(path.read_text(encoding="utf-8")), encoding="utf-8")


if __name__ == "__main__":
    main()
