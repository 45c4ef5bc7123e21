"""`fastforge update` from an older template, rebuilt from the patch this package ships."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from fastforge import __version__, create, writer
from fastforge.cli import app
from fastforge.questions import template_root
from fastforge.update import versions
from fastforge.update.versions import Template, template_identity
from tools.template_history import write_patch

runner = CliRunner()
OLD_LINE = "An older template said this.\n"


def older_template(folder: Path) -> Path:
    """The current template with a README line and a docstring of its own."""
    shutil.copytree(template_root(), folder, ignore=shutil.ignore_patterns("__pycache__"))
    readme = folder / "template/README.md.jinja"
    readme.write_text(OLD_LINE + readme.read_text(encoding="utf-8"), encoding="utf-8")
    info = folder / "template/app/routes/info.py"
    text = info.read_text(encoding="utf-8")
    info.write_text(text.replace('"""', '"""Older. ', 1), encoding="utf-8")
    return folder


def test_update_brings_an_older_project_to_this_template(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = older_template(tmp_path / "old-template")
    monkeypatch.setattr(versions, "HISTORY", tmp_path / "history")
    write_patch(old, "0.0.9", history=tmp_path / "history")
    identity = template_identity(old, "0.0.9")
    project = tmp_path / "shop"
    planned = create.plan_project(
        target=project,
        answers={"project_name": "shop", "database": "sqlite"},
        interactive=False,
        template=Template(old, identity),
    )
    writer.apply(planned.plan)
    assert (project / "README.md").read_text(encoding="utf-8").startswith(OLD_LINE)
    monkeypatch.chdir(project)
    added = runner.invoke(app, ["add", "resource", "product", "title:str", "--no-refresh"])
    assert added.exit_code == 0, added.output
    with (project / "config/settings.py").open("a", encoding="utf-8") as settings:
        settings.write("# Tuned for the shop.\n")

    result = runner.invoke(app, ["update"])
    assert result.exit_code == 0, result.output

    assert not (project / "README.md").read_text(encoding="utf-8").startswith(OLD_LINE)
    assert '"""Older. ' not in (project / "app/routes/info.py").read_text(encoding="utf-8")
    assert "# Tuned for the shop.\n" in (project / "config/settings.py").read_text(encoding="utf-8")
    assert "products_router" in (project / "app/routes/__init__.py").read_text(encoding="utf-8")
    answers = (project / ".copier-answers.yml").read_text(encoding="utf-8")
    assert f"_fastforge_template: {__version__}+" in answers
    assert identity not in answers
    again = runner.invoke(app, ["update"])
    assert again.exit_code == 0
    assert "Nothing to do" in again.output


def test_an_unknown_template_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = tmp_path / "shop"
    planned = create.plan_project(
        target=project, answers={"project_name": "shop"}, interactive=False
    )
    writer.apply(planned.plan)
    answers = project / ".copier-answers.yml"
    text = answers.read_text(encoding="utf-8")
    answers.write_text(text.replace("_fastforge_template: ", "_fastforge_template: 0.0.1+x"))
    monkeypatch.chdir(project)
    result = runner.invoke(app, ["update"])
    assert result.exit_code == 1
    assert "cannot rebuild" in " ".join(result.output.split())
