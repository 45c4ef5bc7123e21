"""The option schema: copier.yml read once, as typed questions.

copier.yml is the single source of the project's options. The CLI flags, the README's
option table and the test matrix are all built from the questions returned here.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

# In a checkout these are symlinks to the top-level copier.yml and template/; the
# wheel build follows them, so the template ships inside the package either way.
_TEMPLATE = Path(__file__).parent / "_template"


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
    """Read every question of copier.yml, in file order."""
    path = (root or template_root()) / "copier.yml"
    # The C loader, when PyYAML has it, keeps `fastforge --help` quick.
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    raw = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
    return tuple(
        _to_question(name, spec)
        for name, spec in raw.items()
        if not name.startswith("_") and isinstance(spec, dict)
    )


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
