"""The `celery` option: each broker renders a project whose own suite, with a real worker on
the real broker, passes; `none` renders no trace of Celery."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from fastforge.questions import load_questions
from tests.helpers import generate

BROKERS = [
    c for c in next(q for q in load_questions() if q.name == "celery").choices if c != "none"
]


def test_celery_none_renders_no_celery_code_setting_or_dependency(tmp_path: Path) -> None:
    project = generate(tmp_path / "demo-api", {"celery": "none", "docker": "true"})

    assert not (project / "app" / "tasks").exists()
    for path in project.rglob("*"):
        if path.is_file() and path.name != ".copier-answers.yml":
            text = path.read_text(encoding="utf-8").lower()
            assert "celery" not in text, path
            assert "prime" not in text, path


@pytest.mark.parametrize("broker", BROKERS)
def test_compose_worker_runs_the_celery_app_module(tmp_path: Path, broker: str) -> None:
    project = generate(tmp_path / "demo-api", {"celery": broker, "docker": "true"})

    compose = yaml.safe_load((project / "compose.yaml").read_text())
    command = compose["services"]["worker"]["command"]
    module = command[command.index("-A") + 1]
    source = (project / Path(*module.split("."))).with_suffix(".py").read_text()
    assert "celery_app = create_celery_app(get_settings())" in source
    assert f"uv run celery -A {module} worker" in (project / "README.md").read_text()
    assert broker in compose["services"]


# The generated suites with each broker, including the real-worker test, run in
# tests/test_matrix.py (one group per database, auth and celery answer).
