"""The questions of copier.yml, read once and typed.

copier.yml is the single source of the project's options. The CLI flags, the README's
option table and the test matrix are all built from the questions returned here.

Every start of the CLI needs them, and PyYAML is slow to import and parse, so the package
ships them as JSON beside this module: `python -m fastforge.questions` rewrites
questions.json from copier.yml, and a test fails while it is stale.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

# In a checkout these are symlinks to the top-level copier.yml and template/; the
# wheel build follows them, so the template ships inside the package either way.
_TEMPLATE = Path(__file__).parent / "_template"
QUESTIONS_JSON = Path(__file__).parent / "questions.json"


@dataclass(frozen=True)
class Question:
    """One copier question, as fastforge needs it."""

    name: str
    type: str
    help: str
    default: Any
    choices: tuple[Any, ...] = ()
    hidden: bool = False
    secret: bool = False

    @property
    def flag(self) -> str:
        """The long CLI flag for this question, e.g. `--project-name`."""
        return "--" + self.name.replace("_", "-")

    @property
    def static_default(self) -> Any:
        """The default when it is a plain value, None when copier computes it."""
        if isinstance(self.default, str) and "{{" in self.default:
            return None
        return self.default


def template_root() -> Path:
    """The folder holding copier.yml and template/."""
    return _TEMPLATE


@cache
def load_questions(root: Path | None = None) -> tuple[Question, ...]:
    """Every question of copier.yml, in file order: from questions.json unless `root` is given."""
    if root is None:
        raw = json.loads(QUESTIONS_JSON.read_text(encoding="utf-8"))
        return tuple(Question(**{**q, "choices": tuple(q["choices"])}) for q in raw)
    return read_copier_yml(root / "copier.yml")


def read_copier_yml(path: Path) -> tuple[Question, ...]:
    """Parse a copier.yml's questions; its `_` settings are left out."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    raw = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
    return tuple(
        _to_question(name, spec)
        for name, spec in raw.items()
        if not name.startswith("_") and isinstance(spec, dict)
    )


def questions_json(questions: tuple[Question, ...]) -> str:
    """The text of questions.json for these questions."""
    rows = [dataclasses.asdict(q) for q in questions]
    return json.dumps(rows, indent=2, ensure_ascii=False) + "\n"


def visible_questions() -> tuple[Question, ...]:
    """The questions a user answers; derived values are left out."""
    return tuple(q for q in load_questions() if not q.hidden)


def _to_question(name: str, spec: dict[str, Any]) -> Question:
    choices = spec.get("choices") or ()
    if isinstance(choices, dict):
        choices = tuple(choices.values())
    return Question(
        name=name,
        type=spec.get("type", "str"),
        help=str(spec.get("help", "")).strip(),
        default=spec.get("default"),
        choices=tuple(choices),
        hidden=spec.get("when") is False,
        secret=bool(spec.get("secret", False)),
    )


if __name__ == "__main__":
    QUESTIONS_JSON.write_text(
        questions_json(read_copier_yml(template_root() / "copier.yml")), encoding="utf-8"
    )
    print(f"wrote {QUESTIONS_JSON}")
