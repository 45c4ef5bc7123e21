"""Write the reverse patch that lets this fastforge rebuild an older template.

`python -m tools.template_history REV...` takes each git revision's
fastforge/_template and writes fastforge/update/template_history/IDENTITY.patch: the diff
from the current template to that one. `fastforge update` applies it to a copy of the
installed template to render the base a project of that version came from.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from fastforge.questions import template_root
from fastforge.update.versions import HISTORY, history_patch, template_identity

REPO = Path(__file__).resolve().parent.parent


def write_patch(old: Path, version: str, history: Path = HISTORY) -> Path:
    """The patch from the current template to the one in `old`, named by its identity."""
    identity = template_identity(old, version)
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch) / "t"
        shutil.copytree(template_root(), work, ignore=shutil.ignore_patterns("__pycache__"))
        git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.com"]
        for args in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "current"]):
            subprocess.run([*git, *args], cwd=work, check=True, capture_output=True)
        for path in list(work.iterdir()):
            if path.name != ".git":
                shutil.rmtree(path) if path.is_dir() else path.unlink()
        for path in old.iterdir():
            target = work / path.name
            shutil.copytree(path, target) if path.is_dir() else shutil.copy2(path, target)
        subprocess.run([*git, "add", "-A"], cwd=work, check=True, capture_output=True)
        diff = subprocess.run(
            [*git, "diff", "--cached", "--binary"], cwd=work, check=True, capture_output=True
        ).stdout
    history.mkdir(parents=True, exist_ok=True)
    patch = history / history_patch(identity).name
    patch.write_bytes(diff)
    return patch


def main(revisions: list[str]) -> None:
    for revision in revisions:
        with tempfile.TemporaryDirectory() as scratch:
            archive = subprocess.run(
                ["git", "archive", revision, "fastforge/_template", "fastforge/__init__.py"],
                cwd=REPO,
                check=True,
                capture_output=True,
            ).stdout
            subprocess.run(["tar", "-x", "-C", scratch], input=archive, check=True)
            init = (Path(scratch) / "fastforge/__init__.py").read_text(encoding="utf-8")
            found = re.search(r'__version__ = "([^"]+)"', init)
            version = found[1] if found else "0"
            print(write_patch(Path(scratch) / "fastforge/_template", version))


if __name__ == "__main__":
    main(sys.argv[1:])
