"""Plain `copier copy` of this repository gives the same project as `fastforge new`."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from tests.helpers import REPO, generate, snapshot

# The secret is random per project; the answers file records where the template came
# from (a git clone and commit for copier, the template's identity for fastforge).
_VOLATILE = re.compile(rb"^(SECRET_KEY=|_src_path: |_fastforge_template: ).*$", re.MULTILINE)
_GIT_ONLY = re.compile(rb"^_commit: .*\n", re.MULTILINE)


def _normalized(root: Path) -> dict[str, bytes]:
    return {
        path: _GIT_ONLY.sub(b"", _VOLATILE.sub(rb"\1<volatile>", data))
        for path, data in snapshot(root).items()
    }


def test_plain_copier_copy_matches_fastforge_new(tmp_path: Path) -> None:
    by_copier = tmp_path / "copier" / "demo"
    by_fastforge = tmp_path / "fastforge" / "demo"
    copier = Path(sys.executable).parent / "copier"
    done = subprocess.run(
        [
            str(copier),
            "copy",
            "--defaults",
            "--quiet",
            "--vcs-ref",
            "HEAD",
            str(REPO),
            str(by_copier),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    generate(by_fastforge)
    copied, forged = _normalized(by_copier), _normalized(by_fastforge)
    # fastforge names the template by identity, never by a path on this machine.
    answers = (by_fastforge / ".copier-answers.yml").read_text(encoding="utf-8")
    assert "_src_path" not in answers
    copied[".copier-answers.yml"] = copied[".copier-answers.yml"].replace(
        b"_src_path: <volatile>", b"_fastforge_template: <volatile>"
    )
    assert sorted(copied) == sorted(forged)
    assert copied == forged
