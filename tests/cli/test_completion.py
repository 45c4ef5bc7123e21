"""Shell completion offers the project's routers, resources and field types."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from fastforge.cli.completion import complete_field, complete_resource, complete_router
from tests.helpers import build_file_tree

FASTFORGE = str(Path(sys.executable).parent / "fastforge")
MANIFEST = '{"routers": {"hooks": {"files": {}}}, "resources": {"products": {"files": {}}, "posts": {"files": {}}}}'


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    build_file_tree(
        tmp_path, {".copier-answers.yml": "project_name: shop\n", ".fastforge.json": MANIFEST}
    )
    (tmp_path / "app").mkdir()
    monkeypatch.chdir(tmp_path / "app")  # from any folder inside the project
    return tmp_path


def complete(words: str, cwd: Path) -> list[str]:
    """What bash would offer after `words` (the last one being completed)."""
    env = {
        **os.environ,
        "_FASTFORGE_COMPLETE": "complete_bash",
        "COMP_WORDS": words,
        "COMP_CWORD": str(len(words.split(" ")) - 1),
    }
    done = subprocess.run(
        [FASTFORGE], cwd=cwd, env=env, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.split()


def test_remove_resource_and_router_complete_what_add_made(project: Path) -> None:
    assert complete("fastforge remove resource ", project) == ["posts", "products"]
    assert complete("fastforge remove resource pr", project) == ["products"]
    assert complete("fastforge remove router ", project) == ["hooks"]


def test_completion_outside_a_project_or_with_a_bad_manifest_offers_nothing(
    project: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    (project / ".fastforge.json").write_text("{")
    assert complete_resource("") == []
    outside = tmp_path_factory.mktemp("outside")
    assert complete("fastforge remove router ", outside) == []


def test_field_types_complete_after_the_name(project: Path) -> None:
    assert complete_field("title") == []
    assert "title:str" in complete_field("title:")
    assert complete_field("title:te") == ["title:text"]
    assert complete_field("title:str") == ["title:str:unique", "title:str:index"]
    assert complete_field("author:ref:p") == ["author:ref:posts", "author:ref:products"]
    assert complete_router("h") == ["hooks"]
