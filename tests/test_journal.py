"""A killed `add resource` leaves the tree before it or after it, never a mix (kill sweep)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from fastforge.cli import app
from fastforge.journal import JOURNAL_DIR
from fastforge.migrations import current_head
from tests import forked
from tests.helpers import assert_ok, generate, snapshot, uv

ADD = ["add", "resource", "widget", "name:str", "price:decimal=0", "--quiet"]


def run_fastforge(project: Path, args: list[str], env: dict[str, str]) -> tuple[int, str]:
    """fastforge in its own (forked) process, so SIGKILL ends only it."""
    return forked.run(project, args, log=project.parent / "fastforge.log", env=env)


def assert_runs(project: Path, args: list[str], env: dict[str, str]) -> None:
    code, output = run_fastforge(project, args, env)
    assert code == 0, output


def restore_tree(root: Path, tree: dict[str, bytes]) -> None:
    """Put `root` back to `tree` (as `snapshot` sees it), leaving tool state alone."""
    for rel in set(snapshot(root)) - set(tree):
        (root / rel).unlink()
    for rel, content in tree.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.is_file() or path.read_bytes() != content:
            path.write_bytes(content)
    for folder in sorted(root.rglob("*"), reverse=True):
        if folder.is_dir() and not any(folder.iterdir()) and ".venv" not in folder.parts:
            folder.rmdir()


def leftovers(folder: Path) -> list[str]:
    """What a command left in a temporary directory; uv keeps its own lock file there."""
    return sorted(p.name for p in folder.iterdir() if not p.name.startswith("uv-"))


@pytest.fixture(scope="module")
def synced(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A sqlite project with its dependencies installed, so docs/openapi.json is refreshed."""
    root = generate(tmp_path_factory.mktemp("kill") / "shop", {"database": "sqlite"})
    assert_ok(uv(root, "sync", "--quiet"))
    return root


def test_a_kill_after_any_file_operation_is_undone_or_finished(
    synced: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    private_tmp = tmp_path / "tmp"
    private_tmp.mkdir()
    env = {"TMPDIR": str(private_tmp)}
    before = snapshot(synced)
    monkeypatch.chdir(synced)
    kills = 0
    finished_trees = {}  # operation -> tree, when a kill came after the change was done
    for n in range(1, 200):
        code, output = run_fastforge(synced, ADD, {**env, "FASTFORGE_TEST_KILL_AFTER": str(n)})
        if code == 0:
            break
        assert code == -9, output
        kills += 1
        listed = CliRunner().invoke(app, ["list"])
        assert listed.exit_code == 0, listed.output
        assert "Recovered" in listed.output
        assert not (synced / JOURNAL_DIR).exists()
        assert current_head(synced) is not None  # one head, or it raises
        tree = snapshot(synced)
        if tree != before:
            finished_trees[n] = tree
            restore_tree(synced, before)
    after = snapshot(synced)
    assert after.get("docs/openapi.json") != before.get("docs/openapi.json"), "refresh is swept"
    for n, tree in finished_trees.items():
        assert tree == after, f"mixed tree after a kill at operation {n}"
    assert kills >= 15, "the sweep should reach every backup, replace and commit step"
    assert leftovers(private_tmp) == [], "nothing is left in the temporary directory"
    print(f"kill sweep: {kills} kills, completed at operation {kills + 1}")


@pytest.mark.slow
def test_after_a_kill_and_recovery_the_project_passes_its_checks(synced: Path) -> None:
    add = ["add", "resource", "gizmo", "label:str", "--quiet"]
    code, output = run_fastforge(synced, add, {"FASTFORGE_TEST_KILL_AFTER": "10"})
    assert code == -9, output
    assert_runs(synced, ["list"], {})
    assert_runs(synced, add, {})
    heads = uv(synced, "run", "alembic", "heads")
    assert_ok(heads)
    assert len(heads.stdout.strip().splitlines()) == 1, heads.stdout
    assert_ok(uv(synced, "run", "pytest", "-q", "-p", "no:cacheprovider"))


def test_scratch_and_backups_stay_inside_the_project(tmp_path: Path) -> None:
    root = generate(tmp_path / "p", {"database": "sqlite"})
    private_tmp = tmp_path / "tmp"
    private_tmp.mkdir()
    for n in (3, 6):
        kill = {"TMPDIR": str(private_tmp), "FASTFORGE_TEST_KILL_AFTER": str(n)}
        code, output = run_fastforge(root, [*ADD, "--no-refresh"], kill)
        assert code == -9, output
        assert (root / JOURNAL_DIR).is_dir()
        assert leftovers(private_tmp) == []
        assert_runs(root, ["list"], {"TMPDIR": str(private_tmp)})
        assert not (root / JOURNAL_DIR).exists()
    stray = [p for p in root.rglob(".*.py.*")]
    assert stray == []
    shutil.rmtree(private_tmp)
