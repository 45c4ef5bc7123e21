"""The package as pip installs it: a wheel whose template makes projects without bytecode."""

from __future__ import annotations

import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from tests.helpers import REPO


def run(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    # Never from the checkout, whose fastforge/ would shadow the installed one.
    done = subprocess.run(
        [str(a) for a in args], cwd=cwd, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, f"{args} failed:\n{done.stdout}\n{done.stderr}"
    return done


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """fastforge built as a wheel, once for this module."""
    dist = tmp_path_factory.mktemp("dist")
    run(sys.executable, "-m", "build", "--wheel", "--outdir", dist, REPO, cwd=dist)
    (built,) = dist.glob("fastforge-*.whl")
    return built


def test_the_wheel_holds_the_package_and_not_the_repository_tools(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    # tools/ (the README's option table, the test matrix) serves this repository only.
    assert {n.split("/")[0] for n in names if ".dist-info/" not in n} == {"fastforge"}, names
    assert not {"fastforge/readme.py", "fastforge/matrix.py"} & set(names)
    assert "fastforge/questions.json" in names


def test_a_project_from_the_installed_wheel_has_no_pycache(tmp_path: Path, wheel: Path) -> None:
    venv = tmp_path / "venv"
    run(sys.executable, "-m", "venv", "--without-pip", venv, cwd=tmp_path)
    python = venv / "bin/python"
    # pip byte-compiles every .py of the wheel, the template's too: what a user gets.
    run(
        sys.executable,
        "-m",
        "pip",
        "--python",
        python,
        "install",
        "--no-deps",
        "-q",
        wheel,
        cwd=tmp_path,
    )
    site = Path(
        run(
            python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))", cwd=tmp_path
        ).stdout.strip()
    )
    assert list((site / "fastforge/_template/template").rglob("__pycache__")), "pip compiled"
    # fastforge's dependencies come from this environment, after the wheel's own files.
    (site / "deps.pth").write_text(sysconfig.get_path("purelib") + "\n")
    where = run(python, "-c", "import fastforge; print(fastforge.__file__)", cwd=tmp_path).stdout
    assert where.startswith(str(site)), where
    run(
        python,
        "-m",
        "fastforge",
        "new",
        "demo",
        "-y",
        "--no-git",
        "--no-install",
        "-q",
        cwd=tmp_path,
    )
    project = tmp_path / "demo"
    assert (project / "main.py").is_file()
    assert not [p for p in project.rglob("*") if p.name == "__pycache__" or p.suffix == ".pyc"]
