"""Find the generated project around the working directory and read its options."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from fastforge.errors import NotAProjectError

ANSWERS_FILE = ".copier-answers.yml"
# The tests' own client; projects made before it call the app through Starlette's TestClient.
TEST_CLIENT_MODULE = "app/tests/client.py"


@dataclass(frozen=True)
class ProjectContext:
    """A generated project: its root folder and the answers it was made with."""

    root: Path
    answers: dict[str, Any]

    @property
    def database(self) -> str:
        return str(self.answers.get("database", "none"))

    @property
    def auth(self) -> str:
        return str(self.answers.get("auth", "none"))

    @property
    def test_client(self) -> str:
        """The class the project's tests call the app through: AppClient, or TestClient."""
        return "AppClient" if (self.root / TEST_CLIENT_MODULE).is_file() else "TestClient"


def find_project(start: Path) -> ProjectContext:
    """Walk up from `start` to the folder holding the project's copier answers."""
    here = start.resolve()
    for folder in (here, *here.parents):
        answers_file = folder / ANSWERS_FILE
        if not answers_file.is_file():
            continue
        answers = yaml.safe_load(answers_file.read_text(encoding="utf-8")) or {}
        if (
            isinstance(answers, dict)
            and "project_name" in answers
            and (folder / "main.py").is_file()
        ):
            return ProjectContext(root=folder, answers=answers)
    raise NotAProjectError(start=here, answers_file=ANSWERS_FILE)
