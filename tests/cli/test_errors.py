"""Every failure reaches the user as one line and an exit code, with nothing changed."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pexpect
import pytest
from typer.testing import CliRunner

from fastforge import journal, steps
from fastforge.cli import app
from tests.helpers import snapshot

runner = CliRunner()
FASTFORGE = str(Path(sys.executable).parent / "fastforge")
LONG = "a" * 300


def one_line(output: str) -> str:
    lines = output.strip().splitlines()
    assert len(lines) == 1, output
    assert "Traceback" not in output
    return lines[0]


def test_a_name_too_long_for_the_file_system_is_one_line(tmp_path: Path) -> None:
    result = runner.invoke(app, ["new", str(tmp_path / LONG), "--defaults", "--no-git"])
    assert result.exit_code == 1
    assert "File name too long" in one_line(result.output)
    assert list(tmp_path.iterdir()) == []


def test_a_resource_name_too_long_is_one_line_and_changes_nothing(project: Path) -> None:
    before = snapshot(project)
    result = runner.invoke(app, ["add", "resource", LONG, "title:str", "--no-refresh"])
    assert result.exit_code == 1
    line = one_line(result.output)
    assert "File name too long" in line
    assert f"{project}/app/" in line, "names the project path, not a scratch copy"
    assert snapshot(project) == before


@pytest.mark.parametrize("code", [errno.EACCES, errno.EROFS, errno.ENOSPC])
def test_an_os_error_midway_is_one_line_and_changes_nothing(
    project: Path, monkeypatch: pytest.MonkeyPatch, code: int
) -> None:
    real = journal.write_file
    failed = []

    def failing(path: Path, content: bytes, **kwargs: object) -> None:
        # Once, at the first registry: after the new files were written.
        if path.name == "__init__.py" and not failed:
            failed.append(path)
            raise OSError(code, os.strerror(code), str(path))
        real(path, content, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(journal, "write_file", failing)
    before = snapshot(project)
    result = runner.invoke(app, ["add", "resource", "product", "title:str", "--no-refresh"])
    assert result.exit_code == 1
    line = one_line(result.output)
    assert os.strerror(code) in line
    assert "app/routes/__init__.py" in line
    assert snapshot(project) == before


def test_a_failed_openapi_write_fails_the_command_and_undoes_it(
    project: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    fake_uv = tmp_path / "uv"
    fake_uv.write_text('#!/bin/sh\necho \'{"openapi": "3.1.0", "paths": {}}\'\n')
    fake_uv.chmod(0o755)
    monkeypatch.setattr(steps, "find_uv", lambda: str(fake_uv))
    real = journal.write_file

    def disk_full(path: Path, content: bytes, **kwargs: object) -> None:
        if path.name == "openapi.json":
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))
        real(path, content, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(journal, "write_file", disk_full)
    before = snapshot(project)
    result = runner.invoke(app, ["add", "resource", "product", "title:str", "--quiet"])
    assert result.exit_code == 1, result.output
    assert "docs/openapi.json" in one_line(result.output)
    assert snapshot(project) == before


def test_openapi_is_written_whole_by_fastforge(
    project: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    fake_uv = tmp_path / "uv"
    fake_uv.write_text('#!/bin/sh\necho "the app says hello" >&2\necho \'{"openapi": "3.1.0"}\'\n')
    fake_uv.chmod(0o755)
    monkeypatch.setattr(steps, "find_uv", lambda: str(fake_uv))
    result = runner.invoke(app, ["add", "router", "hooks"])
    assert result.exit_code == 0, result.output
    assert (project / "docs/openapi.json").read_text() == '{"openapi": "3.1.0"}\n'


@pytest.mark.parametrize("content", ["{", "[]", '{"resources": {"x": []}}'])
def test_a_corrupt_manifest_is_one_line_naming_it_and_the_repair(
    project: Path, content: str
) -> None:
    (project / ".fastforge.json").write_text(content)
    for args in (["list"], ["add", "resource", "product", "title:str", "--no-refresh"]):
        result = runner.invoke(app, args)
        assert result.exit_code == 1
        line = one_line(result.output)
        assert ".fastforge.json" in line
        assert "fastforge list --repair" in line
        assert "git checkout -- .fastforge.json" in line


def test_ctrl_c_during_uv_sync_keeps_the_project_and_says_how_to_finish(tmp_path: Path) -> None:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    started = tmp_path / "uv-started"
    (bin_dir / "uv").write_text(f"#!/bin/sh\ntouch {started}\nsleep 30\n")
    (bin_dir / "uv").chmod(0o755)
    process = subprocess.Popen(
        [FASTFORGE, "new", "demo", "--defaults"],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PATH": f"{bin_dir}:{os.environ['PATH']}"},
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while not started.exists():
        assert time.monotonic() < deadline, "uv sync never started"
        time.sleep(0.05)
    os.killpg(process.pid, signal.SIGINT)  # what a terminal's Ctrl-C does
    _, stderr = process.communicate(timeout=90)  # a loaded CI machine is slow
    assert process.returncode == 130
    assert "Traceback" not in stderr
    line = one_line(stderr)
    assert line.startswith("Aborted")
    assert "uv sync" in line
    assert "git init" in line
    assert (tmp_path / "demo/main.py").is_file()
    assert not (tmp_path / "demo" / journal.JOURNAL_DIR).exists()
    rerun = runner.invoke(app, ["new", str(tmp_path / "demo"), "--defaults"])
    assert rerun.exit_code == 1
    assert "already holds a project" in rerun.output
    assert "uv sync" in rerun.output


def test_ctrl_c_at_a_question_prints_aborted_and_leaves_no_project(tmp_path: Path) -> None:
    child = pexpect.spawn(
        FASTFORGE,
        ["new", "demo", "--no-git", "--no-install"],
        cwd=str(tmp_path),
        encoding="utf-8",
        timeout=30,
        dimensions=(50, 200),
    )
    child.expect("🎤")
    child.sendintr()
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130, child.before
    assert child.before.rstrip().endswith("Aborted"), child.before[-500:]
    assert "Traceback" not in child.before
    assert "AnswersMap" not in child.before
    assert "Invalid template" not in child.before
    assert not (tmp_path / "demo").exists()


def test_a_copier_error_is_reported_in_its_own_words(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from copier.errors import UnsupportedVersionError

    from fastforge import scratch

    def refuse(*args: object, **kwargs: object) -> None:
        raise UnsupportedVersionError("This template requires Copier version >= 99.0")

    monkeypatch.setattr(scratch, "render", refuse)
    result = runner.invoke(app, ["new", str(tmp_path / "demo"), "--defaults", "--no-git"])
    assert result.exit_code == 1
    line = one_line(result.output)
    assert line == "Error: This template requires Copier version >= 99.0. Nothing was written."
    assert "Invalid template" not in line
    assert not (tmp_path / "demo").exists()
