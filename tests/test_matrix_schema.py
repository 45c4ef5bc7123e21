"""The matrix as derived from copier.yml, and fastforge's own CI workflow that shards it."""

from __future__ import annotations

import itertools
import re

import pytest
import yaml

from fastforge.questions import visible_questions
from tests.checks import validate_schema
from tests.helpers import REPO
from tools.matrix import all_combinations, matrix_questions, pairwise_cover, refusal, shard, values


def test_matrix_spans_every_closed_question_and_value() -> None:
    combos = all_combinations()
    expected = 1
    for question in matrix_questions():
        expected *= len(values(question))
        seen = {c.data[question.name] for c in combos}
        assert seen == set(values(question)), question.name
    assert len(combos) == expected
    assert len({c.id for c in combos}) == len(combos)


def test_every_closed_question_is_in_the_matrix() -> None:
    closed = {q.name for q in visible_questions() if q.choices or q.type == "bool"}
    assert {q.name for q in matrix_questions()} == closed


def test_shards_split_the_matrix_without_gaps_or_overlap() -> None:
    combos = all_combinations()
    parts = [shard(combos, f"{i}/4") for i in range(4)]
    assert sorted(c.id for part in parts for c in part) == sorted(c.id for c in combos)
    with pytest.raises(ValueError, match="0 <= I < N"):
        shard(combos, "4/4")


def test_pairwise_cover_holds_every_pair_of_answers_that_renders() -> None:
    keys = sorted({c.answers for c in all_combinations() if refusal(c) is None})
    chosen = [keys[i] for i in pairwise_cover(keys)]
    for key in keys:
        for pair in itertools.combinations(key, 2):
            assert any(set(pair) <= set(other) for other in chosen), pair
    assert len(chosen) < len(keys) / 4
    # A pair that no key holds (a refused combination) is not asked for.
    assert pairwise_cover([(("a", 1), ("b", 1)), (("a", 2), ("b", 2))]) == [0, 1]


def test_own_workflow_is_valid_and_runs_every_shard() -> None:
    path = REPO / ".github/workflows/ci.yml"
    validate_schema("vendor.github-workflows", path)
    workflow = yaml.safe_load(path.read_text())
    matrix_job = workflow["jobs"]["matrix"]
    shards = matrix_job["strategy"]["matrix"]["shard"]
    count = int(re.search(r"/(\d+)", matrix_job["env"]["FASTFORGE_SHARD"]).group(1))  # type: ignore[union-attr]
    assert sorted(shards) == list(range(count))
    for job in workflow["jobs"].values():
        assert {"postgres", "mariadb", "redis", "rabbitmq"} <= set(job["services"])
    assert "--ignore=tests/test_matrix.py" in workflow["jobs"]["tests"]["steps"][-1]["run"]
    assert "tests/test_matrix.py" in matrix_job["steps"][-1]["run"]
