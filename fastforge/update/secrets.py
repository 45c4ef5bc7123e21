"""The secrets a project was made with, read back from its files.

The base render must hold the project's own secrets, or every secret line would look like
a user's edit. The template is rendered once with a placeholder for each secret; where a
placeholder lands on a `KEY=...` line, the project's same file and key hold its value.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from fastforge.questions import load_questions


def placeholders() -> dict[str, str]:
    """A placeholder value for each secret question."""
    return {q.name: f"fastforge-secret-{q.name}" for q in load_questions() if q.secret}


def recover(rendered: Mapping[str, bytes], project: Mapping[str, bytes]) -> dict[str, str]:
    """Each secret's value in the project, found where its placeholder is in `rendered`."""
    found: dict[str, str] = {}
    for name, placeholder in placeholders().items():
        for path, content in rendered.items():
            mine = project.get(path)
            if mine is None or placeholder.encode() not in content:
                continue
            value = _value_at(content.decode(), mine.decode(errors="replace"), placeholder)
            if value is not None:
                found[name] = value
                break
    return found


def fill(rendered: Mapping[str, bytes], values: Mapping[str, str]) -> dict[str, bytes]:
    """`rendered` with each recovered secret in place of its placeholder."""
    marks = placeholders()
    filled = {}
    for path, content in rendered.items():
        for name, value in values.items():
            content = content.replace(marks[name].encode(), value.encode())
        filled[path] = content
    return filled


def _value_at(rendered: str, mine: str, placeholder: str) -> str | None:
    for line in rendered.splitlines():
        if placeholder not in line or "=" not in line:
            continue
        before, _, after = line.partition(placeholder)
        pattern = re.escape(before) + r"(.+?)" + re.escape(after) + "$"
        for candidate in mine.splitlines():
            match = re.match(pattern, candidate)
            if match:
                return match[1]
    return None
