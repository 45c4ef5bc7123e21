"""The docker and ci options: files that lint clean, validate, and whose commands run green."""

from __future__ import annotations

import contextlib
import itertools
import json
import os
import re
import subprocess
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from fastforge.questions import load_questions
from fastforge.steps import find_uv
from tests.checks import hadolint_clean, validate_schema
from tests.databases import SERVERS
from tests.generated import free_port, get, serving
from tests.helpers import assert_ok, generate, uv
from tests.services import MARIADB, POSTGRES, RABBITMQ, REDIS, Service, require

# The options whose values change the Docker and CI files. A question that does not exist
# yet (database, celery) is simply left out of the matrix until copier.yml has it.
SERVICE_OPTIONS = ("database", "celery")
CI_FILES = {"github": ".github/workflows/ci.yml", "gitlab": ".gitlab-ci.yml"}
SCHEMAS = {"github": "vendor.github-workflows", "gitlab": "vendor.gitlab-ci"}
# CI service images, by name, and the local server that stands in for each.
LOCAL_SERVERS = {"postgres": POSTGRES, "mariadb": MARIADB, "redis": REDIS, "rabbitmq": RABBITMQ}

Answers = dict[str, str]
Render = Callable[[Answers], Path]


def _choices(name: str) -> tuple[str, ...]:
    """The choices of a question; none while copier.yml does not have it."""
    found = (tuple(str(c) for c in q.choices) for q in load_questions() if q.name == name)
    return next(found, ())


def _service_matrix() -> list[Answers]:
    """Every combination of the service options that copier.yml has today."""
    existing = {q.name for q in load_questions()}
    names = [name for name in SERVICE_OPTIONS if name in existing]
    return [
        dict(zip(names, values, strict=True))
        for values in itertools.product(*(_choices(n) for n in names))
    ]


def _label(answers: Answers) -> str:
    return "-".join(f"{k}={v}" for k, v in answers.items()) or "defaults"


MATRIX = _service_matrix()
CIS = [ci for ci in _choices("ci") if ci != "none"]


@pytest.fixture(scope="module")
def render(tmp_path_factory: pytest.TempPathFactory) -> Render:
    """Render a project for some answers, once per module and answers."""
    cache: dict[tuple[tuple[str, str], ...], Path] = {}

    def render(answers: Answers) -> Path:
        key = tuple(sorted(answers.items()))
        if key not in cache:
            cache[key] = generate(tmp_path_factory.mktemp("project") / "demo-api", answers)
        return cache[key]

    return render


@pytest.mark.parametrize("answers", MATRIX, ids=_label)
def test_dockerfile_passes_hadolint_without_a_single_finding(
    render: Render, answers: Answers
) -> None:
    hadolint_clean(render({**answers, "docker": "true"}) / "Dockerfile")


@pytest.mark.parametrize("answers", MATRIX, ids=_label)
def test_compose_file_follows_the_compose_specification(render: Render, answers: Answers) -> None:
    project = render({**answers, "docker": "true"})
    validate_schema("vendor.compose-spec", project / "compose.yaml")
    compose = yaml.safe_load((project / "compose.yaml").read_text())
    assert "version" not in compose  # obsolete in the compose specification
    assert compose["services"]["api"]["env_file"] == ".env"


@pytest.mark.parametrize("answers", MATRIX, ids=_label)
def test_compose_reads_every_password_from_env_and_writes_none(
    render: Render, answers: Answers
) -> None:
    project = render({**answers, "docker": "true"})
    compose = (project / "compose.yaml").read_text()
    env = _dotenv(project / ".env")
    example = _dotenv(project / ".env.example")
    for secret in env.values():
        if len(secret) >= 32:  # SECRET_KEY and the generated passwords
            assert secret not in compose
    for variable in re.findall(r"\$\{(\w+)", compose):
        assert variable in env, f"compose.yaml reads ${variable}, which .env does not set"
        assert variable in example, f"compose.yaml reads ${variable}; .env.example lacks it"


@pytest.mark.parametrize("ci", CIS)
@pytest.mark.parametrize("answers", MATRIX, ids=_label)
def test_ci_file_follows_its_schema(render: Render, answers: Answers, ci: str) -> None:
    project = render({**answers, "ci": ci})
    validate_schema(SCHEMAS[ci], project / CI_FILES[ci])
    other = next(path for name, path in CI_FILES.items() if name != ci)
    assert not (project / other).exists()


def test_image_starts_with_the_start_script(render: Render) -> None:
    project = render({"docker": "true"})
    assert 'CMD ["/app/scripts/start.sh"]' in (project / "Dockerfile").read_text()
    assert os.access(project / "scripts" / "start.sh", os.X_OK)
    assert ".env" in (project / ".dockerignore").read_text().splitlines()


def test_no_docker_and_no_ci_add_none_of_their_files(render: Render) -> None:
    project = render({"docker": "false", "ci": "none"})
    for name in ("Dockerfile", ".dockerignore", "compose.yaml", "scripts", *CI_FILES.values()):
        assert not (project / name).exists(), name
    assert not (project / ".github").exists()
    readme = (project / "README.md").read_text()
    assert "docker compose" not in readme
    assert "## Continuous integration" not in readme


# The slow half: install the generated project and run what CI and the image would run.


@dataclass(frozen=True)
class CiJob:
    """What a CI file asks for: its environment, its service images and its shell steps."""

    env: dict[str, str]
    images: tuple[str, ...]
    commands: tuple[str, ...]

    def local_env(self) -> dict[str, str]:
        """The job's environment with each service's host name pointed at this machine."""
        hosts = {_image_name(image) for image in self.images} | {"localhost"}
        pattern = re.compile(r"(?<=[@/])(" + "|".join(sorted(hosts)) + r")(?=:\d)")
        return {name: pattern.sub("127.0.0.1", value) for name, value in self.env.items()}

    def local_servers(self) -> list[Service]:
        return [LOCAL_SERVERS[_image_name(image)] for image in self.images]


def _image_name(image: str) -> str:
    return image.rsplit("/", 1)[-1].split(":", 1)[0]


def read_github_job(path: Path) -> CiJob:
    """The single job of a GitHub workflow; `uses:` steps are the runner's setup, not commands."""
    workflow = yaml.safe_load(path.read_text())
    (job,) = workflow["jobs"].values()
    return CiJob(
        env={k: str(v) for k, v in job.get("env", {}).items()},
        images=tuple(s["image"] for s in job.get("services", {}).values()),
        commands=tuple(step["run"] for step in job["steps"] if "run" in step),
    )


def read_gitlab_job(path: Path) -> CiJob:
    """The `test` job of a GitLab pipeline; services are reached by their alias."""
    job = yaml.safe_load(path.read_text())["test"]
    env = {k: str(v) for k, v in job.get("variables", {}).items()}
    # Where the runner keeps uv's cache between pipelines: a runner concern, and a
    # project-local cache would make this test download every package again.
    env.pop("UV_CACHE_DIR", None)
    return CiJob(
        env=env,
        images=tuple(s["name"] if isinstance(s, dict) else s for s in job.get("services", [])),
        commands=tuple(job["script"]),
    )


READERS = {"github": read_github_job, "gitlab": read_gitlab_job}


def _dotenv(path: Path) -> dict[str, str]:
    pairs = (line.split("=", 1) for line in path.read_text().splitlines())
    return {p[0]: p[1] for p in pairs if len(p) == 2 and not p[0].startswith("#")}


def _checkout(tmp_path: Path, answers: Answers) -> Path:
    """A project as CI checks it out: rendered, locked as `fastforge new` leaves it, no .env."""
    project = generate(tmp_path / "demo-api", answers)
    assert_ok(uv(project, "lock", "--quiet"))
    (project / ".env").unlink()  # git-ignored, so never in a CI checkout
    return project


def _run_job(project: Path, job: CiJob) -> None:
    uv_binary = find_uv()
    assert uv_binary
    # What the setup-uv step or the uv image provides: uv on PATH.
    path = os.pathsep.join([str(Path(uv_binary).parent), os.environ["PATH"]])
    env = {**os.environ, **job.local_env(), "PATH": path}
    for command in job.commands:
        done = subprocess.run(
            ["bash", "-eo", "pipefail", "-c", command],
            cwd=project,
            env=env,
            capture_output=True,
            text=True,
            timeout=900,
            check=False,
        )
        assert done.returncode == 0, f"CI step `{command}` failed:\n{done.stdout}\n{done.stderr}"


def _networked_database() -> Answers:
    """A database answer that needs a server (and so a CI service), when one exists."""
    servers = [db for db in _choices("database") if db in ("postgres", "mysql")]
    return {"database": servers[0]} if servers else {}


@pytest.mark.slow
@pytest.mark.parametrize(
    ("ci", "answers"),
    [
        pytest.param("github", {}, id="github-defaults"),
        pytest.param(
            "gitlab", {**_networked_database(), "docker": "false"}, id="gitlab-service-no-docker"
        ),
    ],
)
def test_ci_steps_run_green_against_local_servers(
    tmp_path: Path, ci: str, answers: Answers
) -> None:
    project = _checkout(tmp_path, {**answers, "ci": ci})
    job = READERS[ci](project / CI_FILES[ci])
    assert job.commands[0] == "uv sync --locked"
    assert any("pytest" in command for command in job.commands)
    require(*job.local_servers())
    _run_job(project, job)


@pytest.mark.slow
@pytest.mark.parametrize("database", _choices("database") or ("none",))
def test_start_script_of_the_image_migrates_and_serves_health(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, database: str
) -> None:
    answers = {"database": database} if _choices("database") else {}
    project = generate(tmp_path / f"start-{uuid.uuid4().hex[:8]}", {**answers, "docker": "true"})
    assert_ok(uv(project, "sync", "--quiet"))
    with _own_database(project, database) as url:
        if url:
            monkeypatch.setenv("DATABASE_URL", url)  # the server's database, as compose sets it
        # The same file the image's CMD runs; the later --host and --port win over its defaults.
        command = ["run", "scripts/start.sh", "--host", "127.0.0.1"]
        with serving(project, command, free_port()) as base:
            status, body = get(base + "/health")
    assert status == 200, body
    if database != "none":
        assert "database" in json.loads(body)["checks"]  # probed, and 200 means it passed


@contextlib.contextmanager
def _own_database(project: Path, database: str) -> Iterator[str | None]:
    """A fresh database on the local server, as the compose container creates it; None for
    SQLite (the file is created by the migrations) and for no database."""
    if database not in SERVERS:
        yield None
        return
    require(SERVERS[database])
    server = _dotenv(project / ".env.example")["DATABASE_URL"]
    base, _, name = server.rpartition("/")
    admin = f"{base}/postgres" if database == "postgres" else f"{base}/"
    quote = '"' if database == "postgres" else "`"
    _execute_sql(project, admin, f"CREATE DATABASE {quote}{name}{quote}")
    try:
        yield server
    finally:
        _execute_sql(project, admin, f"DROP DATABASE IF EXISTS {quote}{name}{quote}")


# Runs in the generated project's environment, which has SQLAlchemy and the async driver.
_EXECUTE = """
import asyncio, sys
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

async def main(url, statement):
    engine = create_async_engine(url, isolation_level="AUTOCOMMIT")
    async with engine.connect() as connection:
        await connection.execute(text(statement))
    await engine.dispose()

asyncio.run(main(*sys.argv[1:]))
"""


def _execute_sql(project: Path, url: str, statement: str) -> None:
    assert_ok(uv(project, "run", "python", "-c", _EXECUTE, url, statement))
