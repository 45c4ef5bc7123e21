"""Every combination of the template's options, enumerated from copier.yml.

Only questions with a closed set of answers (choices, or a bool) span the matrix; free
text questions keep their defaults. Which combinations are valid is not listed here:
copier's own validators decide, when a combination is rendered.

`python -m tools.matrix` prints the combinations, one per line.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any, TypeVar

from fastforge.questions import Question, visible_questions

if TYPE_CHECKING:
    import jinja2

T = TypeVar("T")


@dataclass(frozen=True)
class Combination:
    """One answer for every closed question."""

    answers: tuple[tuple[str, Any], ...]

    @property
    def data(self) -> dict[str, Any]:
        return dict(self.answers)

    @property
    def id(self) -> str:
        """A stable, readable name, e.g. `database=sqlite,docker=true`."""
        return ",".join(f"{k}={_text(v)}" for k, v in self.answers)

    def flags(self) -> list[str]:
        """The `fastforge new` flags that reproduce this combination."""
        return [arg for k, v in self.answers for arg in ("--data", f"{k}={_text(v)}")]


def matrix_questions() -> tuple[Question, ...]:
    """The questions whose every answer the matrix tries."""
    return tuple(q for q in visible_questions() if q.choices or q.type == "bool")


def values(question: Question) -> tuple[Any, ...]:
    """Every answer a closed question accepts."""
    return question.choices if question.choices else (True, False)


def all_combinations() -> list[Combination]:
    """The full product of every closed question's answers, in copier.yml order."""
    questions = matrix_questions()
    return [
        Combination(tuple(zip([q.name for q in questions], combo, strict=True)))
        for combo in itertools.product(*(values(q) for q in questions))
    ]


def shard(items: list[T], spec: str | None) -> list[T]:
    """The share of `items` for shard `I/N` (every N-th item from I); all when no spec."""
    if not spec:
        return items
    index, count = (int(part) for part in spec.split("/"))
    if not 0 <= index < count:
        raise ValueError(f"shard {spec!r} must be I/N with 0 <= I < N")
    return items[index::count]


def pairwise_cover(keys: Sequence[tuple[tuple[str, Any], ...]]) -> list[int]:
    """Indexes of a few keys that together hold every answer, and every pair of answers, that
    any of the keys holds (all-pairs testing).

    Greedy and deterministic: each step takes the key holding the most pairs not yet held,
    the first one on ties.
    """
    held = [_pairs(key) for key in keys]
    remaining: set[tuple[tuple[str, Any], ...]] = set().union(*held)
    chosen: list[int] = []
    while remaining:
        best = max(range(len(keys)), key=lambda i: len(held[i] & remaining))
        chosen.append(best)
        remaining -= held[best]
    return sorted(chosen)


def _pairs(key: tuple[tuple[str, Any], ...]) -> set[tuple[tuple[str, Any], ...]]:
    return {(answer,) for answer in key} | set(itertools.combinations(key, 2))


def refusal(combination: Combination) -> str | None:
    """What copier.yml's validators say about this combination, None when they accept it.

    The validators are Jinja over the answers, parsed and compiled once per process:
    evaluating them costs microseconds, where a render that copier refuses costs a render.
    """
    data = combination.data
    for name in data:
        validator = _validators().get(name)
        if validator:
            said = validator.render(data).strip()
            if said:
                return " ".join(said.split())
    return None


@cache
def _validators() -> dict[str, jinja2.Template]:
    """copier.yml's validator of each question that has one, compiled."""
    import jinja2
    import yaml

    from fastforge.questions import template_root

    spec = yaml.safe_load((template_root() / "copier.yml").read_text(encoding="utf-8"))
    environment = jinja2.Environment(autoescape=False)
    return {
        name: environment.from_string(question["validator"])
        for name, question in spec.items()
        if isinstance(question, dict) and question.get("validator")
    }


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def main() -> None:
    """Print every combination id."""
    for combination in all_combinations():
        print(combination.id)


if __name__ == "__main__":
    main()
