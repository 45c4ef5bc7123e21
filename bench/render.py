"""`fastforge new` against plain `copier copy` and a bare Jinja2 render of the same files.

Run: python bench/render.py [rounds]
Each case runs as its own process, so every figure includes interpreter start-up.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from itertools import count
from pathlib import Path
from typing import Any

import jinja2
import yaml
from _timing import command, compare

from fastforge.questions import template_root


def jinja_render(dst: Path) -> None:
    """The floor: render every template file with Jinja2 and write it, nothing else.

    It follows the two rules copier's templates rely on: a path that renders empty is
    skipped, and computed defaults are rendered in question order.
    """
    source = template_root() / "template"
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(source)),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        extensions=["jinja2_ansible_filters.AnsibleCoreFiltersExtension"],
    )
    context = _default_context(env, dst)
    for path in source.rglob("*"):
        if not path.is_file():
            continue
        rel = path.relative_to(source)
        name = rel.as_posix().removesuffix(".jinja")
        parts = [env.from_string(part).render(context) for part in name.split("/")]
        if not all(parts):
            continue
        target = dst.joinpath(*parts)
        target.parent.mkdir(parents=True, exist_ok=True)
        if path.suffix == ".jinja":
            target.write_text(env.get_template(rel.as_posix()).render(context))
        else:
            shutil.copyfile(path, target)


def _default_context(env: jinja2.Environment, dst: Path) -> dict[str, Any]:
    questions = yaml.safe_load((template_root() / "copier.yml").read_text())
    context: dict[str, Any] = {
        "_copier_conf": {"answers_file": ".copier-answers.yml", "dst_path": str(dst)},
        "_copier_answers": {},
    }
    for name, spec in questions.items():
        if name.startswith("_") or not isinstance(spec, dict):
            continue
        value = spec.get("default")
        if isinstance(value, str) and "{{" in value:
            value = env.from_string(value).render(context)
        if spec.get("type") == "bool" and isinstance(value, str):
            value = value.lower() == "true"
        context[name] = value
    return context


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    scratch = Path(tempfile.mkdtemp(prefix="fastforge-bench-"))
    numbers = count()
    bin_dir = Path(sys.executable).parent

    def fresh() -> str:
        return str(scratch / str(next(numbers)) / "demo")

    quick = ["--defaults", "--no-git", "--no-install", "--quiet"]
    cases = {
        "jinja2 render": lambda: command([sys.executable, __file__, "--jinja-only", fresh()])(),
        "copier copy --defaults": lambda: command(
            [
                str(bin_dir / "copier"),
                "copy",
                "--defaults",
                "--quiet",
                str(template_root()),
                fresh(),
            ]
        )(),
        "fastforge new --defaults --no-git --no-install": lambda: command(
            [str(bin_dir / "fastforge"), "new", fresh(), *quick]
        )(),
    }
    try:
        compare(cases, rounds=rounds, baseline="copier copy --defaults")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--jinja-only":
        jinja_render(Path(sys.argv[2]))
    else:
        main()
