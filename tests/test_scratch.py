"""fastforge.scratch renders what copier's own Worker renders, render after render."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from copier import run_copy

from fastforge import scratch
from fastforge.questions import template_root
from tests.helpers import snapshot

SECRETS = {
    "secret_key": "k" * 64,
    "deploy_secret_key": "d" * 64,
    "database_password": "p" * 64,
    "broker_password": "b" * 64,
}
# Renders in turn in one process, back to the first: compiled templates are reused across
# renders and path parts within one, so any state they carried would show in the second.
ANSWERS: list[dict[str, Any]] = [
    {"database": "postgres", "celery": "redis", "kubernetes": True, "observability": True},
    {"database": "none", "auth": "none", "celery": "none", "docker": False, "ci": "gitlab"},
    {"database": "postgres", "celery": "redis", "kubernetes": True, "observability": True},
]


def _options(answers: dict[str, Any]) -> dict[str, Any]:
    data = {"project_name": "demo", **answers, **SECRETS}
    return {"data": data, "defaults": True, "quiet": True, "unsafe": False, "skip_tasks": True}


def test_each_render_equals_copiers_own(tmp_path: Path) -> None:
    for index, answers in enumerate(ANSWERS):
        ours = tmp_path / f"ours-{index}" / "demo"
        copiers = tmp_path / f"copier-{index}" / "demo"
        scratch.render(str(template_root()), ours, **_options(answers))
        run_copy(str(template_root()), copiers, **_options(answers))
        assert snapshot(ours) == snapshot(copiers), answers
        modes = {p.relative_to(ours): p.stat().st_mode for p in ours.rglob("*")}
        assert modes == {p.relative_to(copiers): p.stat().st_mode for p in copiers.rglob("*")}
