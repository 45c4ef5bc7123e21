"""`new B` then `set B'` gives `new B'`, and setting it back gives `B` again.

Every valid combination of copier.yml's closed questions, and every single-option change of
it, derived as the matrix derives its combinations. Each combination is rendered once per
test process with fixed secrets and merged in memory, so the whole walk costs renders, not
projects. Migrations compare up to what they build on: a migration an option brings is
chained onto the project's head, so its `down_revision` may differ from a fresh render's,
and the chain must have one head.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
import yaml

from fastforge.create import plan_project
from fastforge.errors import InvalidAnswerError
from fastforge.project.locate import ProjectContext
from fastforge.update.engine import merge_trees
from fastforge.update.migrations import is_migration, revision_of, same_but_links
from tools.matrix import Combination, all_combinations, matrix_questions, refusal, values

SECRETS = {
    "secret_key": "k" * 64,
    "deploy_secret_key": "d" * 64,
    "database_password": "p" * 64,
    "broker_password": "b" * 64,
}
Answers = tuple[tuple[str, Any], ...]


@functools.cache
def render(answers: Answers) -> dict[str, bytes] | None:
    """The project these answers give, or None when copier.yml refuses them."""
    try:
        planned = plan_project(
            target=Path("/nowhere/demo"),
            answers={"project_name": "demo", **dict(answers)},
            interactive=False,
            secrets=SECRETS,
        )
    except InvalidAnswerError:
        return None
    return {c.path.as_posix(): c.content for c in planned.plan.changes if c.content is not None}


def neighbours(answers: Answers) -> list[Answers]:
    """Every combination that differs from `answers` in exactly one question."""
    found = []
    for index, question in enumerate(matrix_questions()):
        for value in values(question):
            if value != answers[index][1]:
                changed = list(answers)
                changed[index] = (question.name, value)
                found.append(tuple(changed))
    return found


VALID = [c.answers for c in all_combinations() if refusal(c) is None]


def write(root: Path, files: Mapping[str, bytes]) -> ProjectContext:
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
    answers = yaml.safe_load(files[".copier-answers.yml"])
    return ProjectContext(root=root, answers=answers)


def set_options(
    root: Path, tree: dict[str, bytes], base: Answers, new: Answers
) -> dict[str, bytes]:
    """The tree after merging the change from `base`'s render to `new`'s into `tree`."""
    ctx = write(root, tree)
    change = merge_trees(
        ctx, base=render(base) or {}, new=render(new) or {}, answers=dict(new), reason="set"
    )
    result = dict(tree)
    for planned in change.plan.changes:
        if planned.content is None:
            result.pop(planned.path.as_posix(), None)
        else:
            result[planned.path.as_posix()] = planned.content
    return result


def assert_same_project(got: dict[str, bytes], want: dict[str, bytes]) -> None:
    assert sorted(got) == sorted(want)
    differ = [p for p in want if got[p] != want[p]]
    assert [p for p in differ if not is_migration(p)] == []
    assert all(same_but_links(got[p], want[p]) for p in differ)
    migrations = [revision_of(c) for p, c in got.items() if is_migration(p)]
    parents = {down for _, downs in migrations for down in downs}
    assert len([r for r, _ in migrations if r not in parents]) <= 1, "more than one head"


@pytest.mark.parametrize("base", VALID, ids=lambda a: ",".join(f"{k}={v}" for k, v in a))
def test_set_gives_the_new_project_and_back(tmp_path: Path, base: Answers) -> None:
    tried = 0
    valid = [n for n in neighbours(base) if refusal(Combination(n)) is None]
    # The validators' verdict is copier's: it renders exactly the combinations they accept.
    assert all(render(n) is not None for n in valid)
    assert all(render(n) is None for n in neighbours(base) if n not in valid)
    for index, new in enumerate(valid):
        there = set_options(tmp_path / f"{index}-there", render(base) or {}, base, new)
        assert_same_project(there, render(new) or {})
        back = set_options(tmp_path / f"{index}-back", there, new, base)
        assert_same_project(back, render(base) or {})
        tried += 1
    assert tried >= 3
