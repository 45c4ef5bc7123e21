"""merge_trees on small made-up trees: what the engine does with files the template never makes."""

from __future__ import annotations

from pathlib import Path

import pytest

from fastforge.errors import UpdateConflictError
from fastforge.project.locate import ProjectContext
from fastforge.update.engine import merge_trees

ANSWERS = b"_fastforge_template: 0.1.0+000000000000\ndatabase: none\n"


def test_a_file_that_is_not_utf8_and_changed_on_both_sides_is_a_conflict(tmp_path: Path) -> None:
    (tmp_path / ".copier-answers.yml").write_bytes(ANSWERS)
    (tmp_path / ".env").write_bytes(b"NAME=caf\xe9 of the user\n")
    base = {".copier-answers.yml": ANSWERS, ".env": b"NAME=caf\xe9\n"}
    new = {".copier-answers.yml": ANSWERS, ".env": b"NAME=caf\xe9 of the template\n"}
    with pytest.raises(UpdateConflictError) as refused:
        merge_trees(
            ProjectContext(root=tmp_path, answers={"database": "none"}),
            base=base,
            new=new,
            answers={"database": "none"},
        )
    assert refused.value.hunks == [".env: lines 1-5"]
    assert (tmp_path / ".env").read_bytes() == b"NAME=caf\xe9 of the user\n"
