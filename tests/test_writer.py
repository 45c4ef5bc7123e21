"""The writer: classify, apply all or nothing, dry-run."""

from __future__ import annotations

from pathlib import Path

import pytest

from fastforge.errors import ConflictError, ModifiedFilesError
from fastforge.manifest import digest
from fastforge.writer import Plan, Status, apply, classify
from tests.helpers import build_file_tree, snapshot


def test_apply_creates_files_and_folders(tmp_path: Path) -> None:
    plan = Plan(tmp_path / "new")
    plan.add("a/b/c.txt", b"hello\n")
    outcomes = apply(plan)
    assert [o.status for o in outcomes] == [Status.CREATE]
    assert (tmp_path / "new/a/b/c.txt").read_bytes() == b"hello\n"


def test_second_apply_reports_identical_and_changes_nothing(tmp_path: Path) -> None:
    plan = Plan(tmp_path)
    plan.add("x.py", b"x = 1\n")
    apply(plan)
    assert [o.status for o in apply(plan)] == [Status.IDENTICAL]


def test_conflict_is_refused_and_nothing_is_written(tmp_path: Path) -> None:
    build_file_tree(tmp_path, {"keep.txt": "mine\n"})
    plan = Plan(tmp_path)
    plan.add("fresh.txt", b"new\n")
    plan.add("keep.txt", b"theirs\n")
    before = snapshot(tmp_path)
    with pytest.raises(ConflictError, match=r"keep\.txt.*--force.*--skip"):
        apply(plan)
    assert snapshot(tmp_path) == before


def test_force_overwrites_and_skip_keeps(tmp_path: Path) -> None:
    build_file_tree(tmp_path, {"f.txt": "mine\n"})
    plan = Plan(tmp_path)
    plan.add("f.txt", b"theirs\n")
    assert apply(plan, skip=True)[0].status is Status.SKIP
    assert (tmp_path / "f.txt").read_text() == "mine\n"
    assert apply(plan, force=True)[0].status is Status.OVERWRITE
    assert (tmp_path / "f.txt").read_text() == "theirs\n"


def test_a_file_still_as_generated_is_replaced_or_deleted(tmp_path: Path) -> None:
    build_file_tree(tmp_path, {"a.py": "generated = 1\n", "b.py": "generated = 2\n"})
    plan = Plan(tmp_path)
    plan.add("a.py", b"generated = 3\n", expected=digest(b"generated = 1\n"))
    plan.add("b.py", None, expected=digest(b"generated = 2\n"))

    assert [o.status for o in apply(plan)] == [Status.UPDATE, Status.DELETE]
    assert (tmp_path / "a.py").read_text() == "generated = 3\n"
    assert not (tmp_path / "b.py").exists()


def test_a_file_the_user_changed_is_kept_unless_forced(tmp_path: Path) -> None:
    build_file_tree(tmp_path, {"a.py": "mine = 1\n", "b.py": "mine = 2\n"})
    plan = Plan(tmp_path)
    plan.add("a.py", b"generated = 3\n", expected=digest(b"generated = 1\n"))
    plan.add("b.py", None, expected=digest(b"generated = 2\n"))
    before = snapshot(tmp_path)

    with pytest.raises(ModifiedFilesError, match=r"b\.py.*--force"):
        apply(plan)
    assert snapshot(tmp_path) == before
    assert [o.status for o in apply(plan, force=True)] == [Status.OVERWRITE, Status.DELETE]
    assert not (tmp_path / "b.py").exists()


def test_dry_run_writes_nothing(tmp_path: Path) -> None:
    plan = Plan(tmp_path / "p")
    plan.add("a.txt", b"a\n")
    outcomes = apply(plan, dry_run=True)
    assert outcomes[0].status is Status.CREATE
    assert not (tmp_path / "p").exists()


def test_failure_midway_restores_every_file(tmp_path: Path) -> None:
    build_file_tree(tmp_path, {"main.py": "original\n", "blocker": "a file, not a folder\n"})
    before = snapshot(tmp_path)
    plan = Plan(tmp_path)
    plan.add("main.py", b"edited\n")
    plan.add("new/dir/file.py", b"created\n")
    plan.add("blocker/inside.py", b"cannot exist\n")  # parent is a file: fails
    with pytest.raises(Exception, match="blocker"):
        apply(plan, force=True)
    assert snapshot(tmp_path) == before
    assert not (tmp_path / "new").exists()


def test_delete_is_planned_and_applied(tmp_path: Path) -> None:
    build_file_tree(tmp_path, {"gone.py": "x\n"})
    plan = Plan(tmp_path)
    plan.add("gone.py", None)
    assert classify(plan)[0].status is Status.DELETE
    apply(plan)
    assert not (tmp_path / "gone.py").exists()
