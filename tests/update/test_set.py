"""`fastforge set`: refusals in one line with nothing written, dry runs, conflicts."""

from __future__ import annotations

import difflib
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from fastforge.cli import app
from fastforge.update.text import has_markers
from tests.helpers import generate, snapshot

runner = CliRunner()


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A sqlite project without auth, with a resource, rendered once."""
    return generate(
        tmp_path_factory.mktemp("made") / "shop", {"database": "sqlite", "auth": "none"}
    )


@pytest.fixture
def project(made: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "shop"
    shutil.copytree(made, root, symlinks=True)
    monkeypatch.chdir(root)
    return root


def invoke(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.output


def git(root: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=root, check=True, capture_output=True)


@pytest.mark.parametrize(
    ("pairs", "said"),
    [
        (["nosuchkey=1"], "no such question"),
        (["celery=kafka"], "choose one of none, redis, rabbitmq"),
        (["docker=maybe"], "choose true or false"),
        (["celery"], "expected KEY=VALUE"),
        (["kubernetes=true"], "cannot share one SQLite file"),
    ],
)
def test_bad_input_is_one_line_and_writes_nothing(
    project: Path, pairs: list[str], said: str
) -> None:
    before = snapshot(project)
    code, output = invoke("set", *pairs)
    assert code == 1
    assert said in " ".join(output.split())
    assert "Traceback" not in output
    assert snapshot(project) == before


def test_database_none_is_refused_while_resources_exist(project: Path) -> None:
    assert invoke("add", "resource", "product", "title:str", "--no-refresh")[0] == 0
    before = snapshot(project)
    code, output = invoke("set", "database=none")
    assert code == 1
    assert "the resources products keep their rows" in " ".join(output.split())
    assert snapshot(project) == before


def test_outside_a_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, output = invoke("set", "celery=redis")
    assert code == 1
    assert "is not inside a fastforge project" in " ".join(output.split())


def test_dry_run_shows_the_diff_and_writes_nothing(project: Path) -> None:
    before = snapshot(project)
    code, output = invoke("set", "celery=redis", "--dry-run")
    assert code == 0, output
    assert "diff --git a/app/routes/__init__.py" in output
    assert "create  app/routes/tasks.py" in output
    assert snapshot(project) == before


def test_a_dirty_tree_is_refused_unless_allowed(project: Path) -> None:
    git(project, "init", "-q")
    git(project, "add", "-A")
    git(project, "-c", "user.name=t", "-c", "user.email=t@e", "commit", "-qm", "init")
    with (project / "README.md").open("a", encoding="utf-8") as readme:
        readme.write("\nMy notes.\n")
    before = snapshot(project)
    code, output = invoke("set", "ci=gitlab")
    assert code == 1
    assert "uncommitted changes (README.md)" in " ".join(output.split())
    assert snapshot(project) == before
    code, output = invoke("set", "ci=gitlab", "--allow-dirty")
    assert code == 0, output
    assert (project / ".gitlab-ci.yml").is_file()
    assert not (project / ".github").exists()
    assert (project / "README.md").read_text(encoding="utf-8").endswith("\nMy notes.\n")


def test_set_twice_changes_nothing_the_second_time(project: Path) -> None:
    assert invoke("set", "auth=jwt")[0] == 0
    after = snapshot(project)
    code, output = invoke("set", "auth=jwt")
    assert code == 0
    assert "Nothing to do" in output
    assert snapshot(project) == after


def _edit_beside_the_change(project: Path, path: str, pairs: list[str]) -> None:
    """Change the line just above where `set PAIRS` changes `path`, so the edits overlap."""
    import os

    scratch = project.parent / "scratch"
    shutil.copytree(project, scratch)
    here = Path.cwd()
    os.chdir(scratch)
    try:
        assert invoke("set", *pairs, "--quiet")[0] == 0
    finally:
        os.chdir(here)
    current = (project / path).read_text(encoding="utf-8").splitlines(keepends=True)
    changed = (scratch / path).read_text(encoding="utf-8").splitlines(keepends=True)
    shutil.rmtree(scratch)
    opcodes = difflib.SequenceMatcher(a=current, b=changed).get_opcodes()
    start = next(op[1] for op in opcodes if op[0] != "equal")
    line = max(start - 1, 0)
    current[line] = current[line].rstrip("\n") + "  # my edit\n"
    (project / path).write_text("".join(current), encoding="utf-8")


def test_an_overlapping_edit_is_reported_and_nothing_is_written(project: Path) -> None:
    _edit_beside_the_change(project, "compose.yaml", ["celery=redis"])
    before = snapshot(project)
    code, output = invoke("set", "celery=redis")
    assert code == 1
    assert "compose.yaml: lines" in output
    assert "--conflicts=markers" in output
    assert snapshot(project) == before


def test_markers_then_resolved_then_finished(project: Path) -> None:
    _edit_beside_the_change(project, "compose.yaml", ["celery=redis"])
    code, output = invoke("set", "celery=redis", "--conflicts=markers")
    assert code == 0, output
    compose = project / "compose.yaml"
    assert has_markers(compose.read_bytes())
    assert "celery: none" in (project / ".copier-answers.yml").read_text(encoding="utf-8")
    code, output = invoke("set", "celery=redis")
    assert code == 1
    assert "still hold conflict markers" in " ".join(output.split())
    # Resolve: keep both sides, as a user taking both edits would.
    lines = compose.read_text(encoding="utf-8").splitlines(keepends=True)
    kept, side = [], None
    for line in lines:
        if line.startswith("<<<<<<< "):
            side = "mine"
        elif line.startswith("||||||| ") or line.startswith("======="):
            side = "skip" if line.startswith("|||||||") else "theirs"
        elif line.startswith(">>>>>>> "):
            side = None
        elif side != "skip":
            kept.append(line)
    compose.write_text("".join(kept), encoding="utf-8")
    code, output = invoke("set", "celery=redis")
    assert code == 0, output
    assert "celery: redis" in (project / ".copier-answers.yml").read_text(encoding="utf-8")
    assert "# my edit" in compose.read_text(encoding="utf-8")
    assert invoke("set", "celery=redis")[1].startswith("Nothing to do")


def test_a_killed_set_leaves_the_project_before_or_after(
    made: Path, project: Path, tmp_path: Path
) -> None:
    from tests import forked

    private_tmp = tmp_path / "tmp"
    private_tmp.mkdir()
    before = snapshot(project)
    kills, finished = 0, []
    for n in range(1, 600, 7):
        env = {"TMPDIR": str(private_tmp), "FASTFORGE_TEST_KILL_AFTER": str(n)}
        code, output = forked.run(
            project, ["set", "celery=redis", "-q"], log=tmp_path / "log", env=env
        )
        if code == 0:
            break
        assert code == -9, output
        kills += 1
        assert invoke("list")[0] == 0  # the next command recovers the interrupted change
        tree = snapshot(project)
        if tree != before:
            finished.append(tree)
            shutil.rmtree(project)
            shutil.copytree(made, project, symlinks=True)
    else:
        pytest.fail("set never finished")
    after = snapshot(project)
    assert after != before
    assert all(tree == after for tree in finished), "a kill left a mix of before and after"
    assert kills >= 5, "the sweep should kill it several times"
    assert sorted(p.name for p in private_tmp.iterdir() if not p.name.startswith("uv-")) == []
    print(f"kill sweep of set: {kills} kills, {len(finished)} after the change was done")
