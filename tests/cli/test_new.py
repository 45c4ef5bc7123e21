"""`fastforge new` through the command line."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from fastforge.cli import app
from tests.helpers import build_file_tree, snapshot

runner = CliRunner()
QUICK = ["--defaults", "--no-git", "--no-install"]


def test_new_with_defaults_renders_the_project(tmp_path: Path) -> None:
    result = runner.invoke(app, ["new", str(tmp_path / "demo"), *QUICK])
    assert result.exit_code == 0, result.output
    project = tmp_path / "demo"
    assert (project / "main.py").is_file()
    answers = yaml.safe_load((project / ".copier-answers.yml").read_text())
    assert answers["project_name"] == "demo"
    assert "secret_key" not in answers
    assert "Next steps" in result.output
    assert "uv run fastapi dev" in result.output
    assert "uv run pytest" in result.output
    assert "fastforge new" in result.output


def test_project_name_defaults_to_the_folder_name(tmp_path: Path) -> None:
    result = runner.invoke(app, ["new", str(tmp_path / "shop-api"), *QUICK])
    assert result.exit_code == 0, result.output
    answers = yaml.safe_load((tmp_path / "shop-api/.copier-answers.yml").read_text())
    assert answers["project_name"] == "shop-api"


def test_flags_data_and_answers_file_are_answers(tmp_path: Path) -> None:
    answers_file = tmp_path / "answers.yml"
    answers_file.write_text("description: From a file\n_src_path: ignored\n")
    result = runner.invoke(
        app,
        [
            "new",
            str(tmp_path / "p"),
            *QUICK,
            "--answers-file",
            str(answers_file),
            "--data",
            "project_name=from-data",
            "--project-name",
            "from-flag",
        ],
    )
    assert result.exit_code == 0, result.output
    answers = yaml.safe_load((tmp_path / "p/.copier-answers.yml").read_text())
    # Flags beat --data, which beats the answers file.
    assert answers["project_name"] == "from-flag"
    assert answers["description"] == "From a file"


def test_dry_run_lists_files_and_writes_nothing(tmp_path: Path) -> None:
    result = runner.invoke(app, ["new", str(tmp_path / "demo"), *QUICK, "--dry-run"])
    assert result.exit_code == 0, result.output
    assert "create" in result.output
    assert "main.py" in result.output
    assert not (tmp_path / "demo").exists()


def test_non_empty_target_is_refused_without_force(tmp_path: Path) -> None:
    build_file_tree(tmp_path / "demo", {"notes.txt": "mine\n"})
    before = snapshot(tmp_path)
    result = runner.invoke(app, ["new", str(tmp_path / "demo"), *QUICK])
    assert result.exit_code == 1
    assert "is not empty" in result.output
    assert "--force" in result.output
    assert snapshot(tmp_path) == before


def test_force_writes_into_a_non_empty_target_and_keeps_other_files(tmp_path: Path) -> None:
    build_file_tree(tmp_path / "demo", {"notes.txt": "mine\n"})
    result = runner.invoke(app, ["new", str(tmp_path / "demo"), *QUICK, "--force"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "demo/notes.txt").read_text() == "mine\n"
    assert (tmp_path / "demo/main.py").is_file()


@pytest.mark.parametrize(
    "name",
    [
        "",
        "my api!",
        "it's",
        'say"hi',
        "a/b",
        "a\\b",
        "{{ name }}",
        "café",
        "-lead",
        "trail.",
        "ünï",
    ],
)
def test_bad_project_names_are_refused_with_nothing_written(tmp_path: Path, name: str) -> None:
    result = runner.invoke(app, ["new", str(tmp_path / "demo"), *QUICK, "--project-name", name])
    assert result.exit_code == 1, result.output
    assert "Invalid project_name" in result.output
    assert repr(name) in result.output
    assert "letters, digits" in result.output
    assert "Traceback" not in result.output
    assert list(tmp_path.iterdir()) == []


def test_bad_folder_name_is_refused_as_project_name(tmp_path: Path) -> None:
    result = runner.invoke(app, ["new", str(tmp_path / "my api!"), *QUICK])
    assert result.exit_code == 1
    assert "'my api!' is not a valid project name" in result.output
    assert list(tmp_path.iterdir()) == []


def test_unknown_data_key_is_refused(tmp_path: Path) -> None:
    result = runner.invoke(app, ["new", str(tmp_path / "d"), *QUICK, "--data", "colour=blue"])
    assert result.exit_code == 1
    assert "Invalid colour 'blue': no such question" in result.output
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    "given", [["--database", "oracle"], ["--data", "database=oracle"]], ids=["flag", "data"]
)
def test_unknown_database_is_one_line_naming_value_and_choices(
    tmp_path: Path, given: list[str]
) -> None:
    result = runner.invoke(app, ["new", str(tmp_path / "d"), *QUICK, *given])
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert lines == [
        "Error: Invalid database 'oracle': choose one of none, sqlite, postgres, mysql"
    ]
    assert list(tmp_path.iterdir()) == []


def test_unknown_data_key_lists_only_the_questions_a_user_answers(tmp_path: Path) -> None:
    result = runner.invoke(app, ["new", str(tmp_path / "d"), *QUICK, "--data", "nosuchkey=1"])
    assert result.exit_code == 1
    assert "project_name, description, database" in result.output
    for internal in ("secret_key", "broker_password", "dist_name", "uv_version"):
        assert internal not in result.output
    assert list(tmp_path.iterdir()) == []


def test_data_without_equals_is_refused(tmp_path: Path) -> None:
    result = runner.invoke(app, ["new", str(tmp_path / "d"), *QUICK, "--data", "description"])
    assert result.exit_code == 1
    assert "KEY=VALUE" in result.output


def test_missing_answers_file_is_refused(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["new", str(tmp_path / "d"), *QUICK, "--answers-file", str(tmp_path / "no.yml")]
    )
    assert result.exit_code == 1
    assert "no such file" in result.output
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("text", ["key: [unclosed\n", "- just\n- a list\n"])
def test_answers_file_that_is_not_a_yaml_mapping_is_refused(tmp_path: Path, text: str) -> None:
    bad = tmp_path / "bad.yml"
    bad.write_text(text)
    result = runner.invoke(app, ["new", str(tmp_path / "d"), *QUICK, "--answers-file", str(bad)])
    assert result.exit_code == 1
    assert "Cannot use answers file" in result.output
    assert not (tmp_path / "d").exists()


def test_version_and_help() -> None:
    version = runner.invoke(app, ["--version"])
    assert version.exit_code == 0
    assert version.output.startswith("fastforge ")
    top = runner.invoke(app, ["--help"])
    assert top.exit_code == 0
    assert "new" in top.output


def test_new_help_groups_options_in_panels() -> None:
    result = runner.invoke(app, ["new", "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    for panel in ("Answers", "Writing", "Project options"):
        assert panel in result.output
    assert "--project-name" in result.output
    assert "--dry-run" in result.output


def test_help_and_version_do_not_import_copier() -> None:
    for args in (["--version"], ["--help"]):
        code = (
            "import sys; from fastforge.cli import app\n"
            f"try: app({args!r})\n"
            "except SystemExit: pass\n"
            "assert 'copier' not in sys.modules, 'copier was imported'"
        )
        done = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=False
        )
        assert done.returncode == 0, done.stderr


def test_python_dash_m_runs_the_cli() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "fastforge", "--version"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("fastforge ")


def test_env_is_readable_by_its_owner_only(tmp_path: Path) -> None:
    result = runner.invoke(app, ["new", str(tmp_path / "demo"), *QUICK])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "demo/.env").stat().st_mode & 0o777 == 0o600
    assert (tmp_path / "demo/main.py").stat().st_mode & 0o777 == 0o644


def test_a_new_killed_midway_is_undone_by_the_rerun(tmp_path: Path) -> None:
    from tests import forked

    target = tmp_path / "demo"
    code, output = forked.run(
        tmp_path,
        ["new", str(target), *QUICK],
        log=tmp_path / "new.log",
        env={"FASTFORGE_TEST_KILL_AFTER": "20"},
    )
    assert code == -9, output
    assert (target / ".fastforge-journal").is_dir()
    result = runner.invoke(app, ["new", str(target), *QUICK])
    assert result.exit_code == 0, result.output
    assert "Recovered: undid the interrupted `fastforge new" in result.output
    assert not (target / ".fastforge-journal").exists()
    assert (target / "main.py").is_file()
