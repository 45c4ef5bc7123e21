"""Which template made a project, and where to find that template again.

A project records its template as `_fastforge_template: VERSION+DIGEST` in its answers
file: the digest is of the template's files, so two builds of one version that ship
different templates are told apart, and no path of one machine is ever recorded. The
installed template is one of them; an older one is rebuilt from the reverse patch this
package ships for it in `template_history/`, made by `python -m tools.template_history`.
"""

from __future__ import annotations

import contextlib
import hashlib
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from fastforge import __version__
from fastforge.errors import TemplateVersionError
from fastforge.questions import template_root

KEY = "_fastforge_template"
HISTORY = Path(__file__).parent / "template_history"
_SKIPPED = {"__pycache__", ".mypy_cache", ".ruff_cache", ".pytest_cache"}


@dataclass(frozen=True)
class Template:
    """A template folder (copier.yml and template/) and its identity."""

    root: Path
    identity: str


def template_files(root: Path) -> Iterator[Path]:
    """The files of the template under `root` (copier.yml and template/), sorted."""
    for path in sorted(root.rglob("*")):
        parts = path.relative_to(root).parts
        if path.is_file() and not _SKIPPED.intersection(parts) and path.suffix != ".pyc":
            yield path


def template_identity(root: Path, version: str) -> str:
    """`VERSION+DIGEST` of the template under `root`."""
    digest = hashlib.sha256()
    for path in template_files(root):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return f"{version}+{digest.hexdigest()[:12]}"


@cache
def current_template() -> Template:
    """The template this fastforge ships."""
    return Template(template_root(), template_identity(template_root(), __version__))


def history_patch(identity: str) -> Path:
    return HISTORY / f"{identity}.patch"


@contextlib.contextmanager
def template_for(identity: str, *, scratch: Path | None = None) -> Iterator[Template]:
    """The template `identity` names: this one, or one rebuilt from history."""
    current = current_template()
    if identity == current.identity:
        yield current
        return
    patch = history_patch(identity)
    if not patch.is_file():
        raise TemplateVersionError(identity=identity, current=current.identity)
    git = shutil.which("git")
    if git is None:
        raise TemplateVersionError(
            identity=identity, current=current.identity, reason="git is not installed"
        )
    with tempfile.TemporaryDirectory(prefix="template-", dir=scratch) as folder:
        old = Path(folder) / "template"
        shutil.copytree(template_root(), old, ignore=shutil.ignore_patterns(*_SKIPPED, "*.pyc"))
        done = subprocess.run(
            [git, "apply", "--whitespace=nowarn", str(patch)],
            cwd=old,
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            raise TemplateVersionError(
                identity=identity, current=current.identity, reason=done.stderr.strip()
            )
        yield Template(old, identity)
