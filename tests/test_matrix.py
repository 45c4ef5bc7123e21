"""Every combination of options, rendered and checked; every distinct Python tree, tested.

The combinations come from `tools.matrix` (derived from copier.yml). Each one is
rendered, or refused by both fastforge and plain copier with a clear message, and gets its
own file checks. Combinations whose Python code is byte-identical form a group. Every group
installs its project and runs its migrations, tests (against the real services), lint and
types. A pairwise cover of the groups (every answer and every pair of answers of the
questions that change the code is in one of them) also runs the generators: lint, types and
migrations of the new project, then `add resource`, `add field`, `rename`, `remove field`
and `add router`; the tests then run once, after the adds, which keep every test file of the
new project beside the ones they add, and the removes give back the new project's tree.

Sharding for CI: FASTFORGE_SHARD=I/N keeps the groups and combinations with index % N == I.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest
from copier import run_copy
from typer.testing import CliRunner

from fastforge.cli import app
from fastforge.questions import template_root
from tests.checks import hadolint_clean, jinja_leftovers, validate_schema
from tests.databases import SERVERS, migrations_round_trip
from tests.generated import check_project
from tests.helpers import assert_ok, snapshot, uv
from tests.kubernetes import check_manifests
from tests.services import RABBITMQ, REDIS, Service, require
from tools.matrix import (
    Combination,
    all_combinations,
    matrix_questions,
    pairwise_cover,
    refusal,
    shard,
    values,
)

pytestmark = pytest.mark.slow

COMBINATIONS = all_combinations()
CI_FILES = {
    "github": (".github/workflows/ci.yml", "vendor.github-workflows"),
    "gitlab": (".gitlab-ci.yml", "vendor.gitlab-ci"),
}
# The servers each broker answer uses: with RabbitMQ, task results are kept in Redis.
BROKERS: dict[str, tuple[Service, ...]] = {"redis": (REDIS,), "rabbitmq": (RABBITMQ, REDIS)}
RESOURCE = [
    "title:str:unique",
    "body:text?",
    "price:decimal=9.99",
    "stock:int=0:index",
    "ratio:float?",
    "published:bool=false",
    "released:date",
    "starts_at:datetime",
    "code:uuid",
    "meta:json",
]
_PYTHON_FILES = ("*.py", "pyproject.toml", "alembic.ini")


def _render(combination: Combination, dest: Path) -> tuple[Path | None, str]:
    """Render with fastforge; return the project, or None and fastforge's message."""
    result = CliRunner().invoke(
        app,
        [
            "new",
            str(dest),
            "--defaults",
            "--no-git",
            "--no-install",
            "--quiet",
            *combination.flags(),
        ],
    )
    if result.exit_code == 0:
        return dest, ""
    assert result.exit_code == 1, result.output
    return None, result.output


def python_fingerprint(root: Path) -> str:
    """A hash of every Python-relevant file: equal fingerprints test the same."""
    digest = hashlib.sha256()
    for pattern in _PYTHON_FILES:
        for path in sorted(root.rglob(pattern)):
            digest.update(str(path.relative_to(root)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


@cache
def _scratch() -> Path:
    import tempfile

    return Path(tempfile.mkdtemp(prefix="fastforge-matrix-"))


@cache
def rendered(combination: Combination) -> tuple[Path | None, str]:
    """Each combination rendered once per process (under one shared project name)."""
    return _render(combination, _scratch() / combination.id.replace(",", "_") / "matrix-app")


@cache
def python_questions() -> tuple[str, ...]:
    """Questions that change the Python code, found by flipping each one with the others fixed.

    The others take the first answers (in matrix order) under which at least two of the
    question's answers render: an answer that one option refuses (kubernetes without docker)
    must not hide whether the question changes the code. A question is left out (shares test
    runs) only when flipping it changes no fingerprint; `test_combination` then checks every
    member really matches its group.
    """
    changing = []
    for question in matrix_questions():
        by_others: dict[tuple[tuple[str, object], ...], list[Combination]] = {}
        for combination in COMBINATIONS:
            others = tuple((k, v) for k, v in combination.answers if k != question.name)
            by_others.setdefault(others, []).append(combination)
        fingerprints: list[str] = []
        for members in by_others.values():
            projects = [rendered(c)[0] for c in members]
            fingerprints = [python_fingerprint(p) for p in projects if p is not None]
            if len(fingerprints) >= 2:
                break
        # Fewer than two valid renders proves nothing: keep the question to be safe.
        if len(fingerprints) < 2 or len(set(fingerprints)) > 1:
            changing.append(question.name)
    return tuple(changing)


def group_key(combination: Combination) -> tuple[tuple[str, object], ...]:
    keep = python_questions()
    return tuple((k, v) for k, v in combination.answers if k in keep)


def _groups() -> dict[tuple[tuple[str, object], ...], list[Combination]]:
    groups: dict[tuple[tuple[str, object], ...], list[Combination]] = {}
    for combination in COMBINATIONS:
        groups.setdefault(group_key(combination), []).append(combination)
    return groups


@cache
def generator_groups() -> frozenset[tuple[tuple[str, object], ...]]:
    """The group keys that run the generators: a pairwise cover of the groups that render."""
    keys = [key for key, members in _groups().items() if any(refusal(c) is None for c in members)]
    return frozenset(keys[i] for i in pairwise_cover(keys))


def _representative(members: list[Combination]) -> Combination | None:
    return next((c for c in members if rendered(c)[0] is not None), None)


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "combination" in metafunc.fixturenames:
        chosen = shard(list(COMBINATIONS), os.environ.get("FASTFORGE_SHARD"))
        metafunc.parametrize("combination", chosen, ids=[c.id for c in chosen])  # type: ignore[attr-defined]
    if "group" in metafunc.fixturenames:
        groups = shard(list(_groups().values()), os.environ.get("FASTFORGE_SHARD"))
        ids = [",".join(f"{k}={v}" for k, v in group_key(g[0])) or "all" for g in groups]  # type: ignore[index]
        metafunc.parametrize("group", groups, ids=ids)


def test_combination(combination: Combination, tmp_path: Path) -> None:
    """Rendered with clean files, or refused by fastforge and by plain copier alike."""
    project, message = rendered(combination)
    if project is None:
        assert "Invalid" in message, message
        offending = [k for k, v in combination.answers if f"{k}" in message or str(v) in message]
        assert offending, f"the refusal does not name the bad option: {message}"
        with pytest.raises(ValueError, match="Validation error"):
            run_copy(
                str(template_root()),
                tmp_path / "copied",
                data=combination.data,
                defaults=True,
                quiet=True,
            )
        assert not (tmp_path / "copied").exists() or not any((tmp_path / "copied").iterdir())
        return
    assert jinja_leftovers(project) == []
    data = combination.data
    if data.get("docker"):
        hadolint_clean(project / "Dockerfile")
        validate_schema("vendor.compose-spec", project / "compose.yaml")
    assert (project / "deploy").is_dir() == bool(data.get("kubernetes")), "deploy/"
    if data.get("kubernetes"):
        check_manifests(project, data)
    for ci, (path, schema) in CI_FILES.items():
        assert (project / path).is_file() == (data.get("ci") == ci), path
        if data.get("ci") == ci:
            validate_schema(schema, project / path)
    representative = _representative(_groups()[group_key(combination)])
    assert representative is not None
    same = python_fingerprint(project) == python_fingerprint(rendered(representative)[0])  # type: ignore[arg-type]
    assert same, f"{combination.id} changes Python code that its group ({representative.id}) tests"


def test_group(group: list[Combination], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each distinct Python tree passes its own checks; the generator groups also add and remove."""
    representative = _representative(group)
    if representative is None:
        # Every member is refused; test_combination checks each refusal.
        assert all(rendered(c)[0] is None for c in group)
        return
    data = representative.data
    database, broker = str(data.get("database", "none")), str(data.get("celery", "none"))
    if database in SERVERS:
        require(SERVERS[database])
    if broker in BROKERS:
        require(*BROKERS[broker])
    project, _ = _render(representative, tmp_path / "matrix-app")
    assert project is not None

    # The services are up (required above), so the generated tests must not skip.
    required = {"FASTFORGE_REQUIRE_SERVICES": "1"}
    assert_ok(uv(project, "sync", "--quiet"))
    # Rendered without installing, so written here, as `fastforge new` writes it after install.
    assert_ok(uv(project, "run", "python", "-m", "app.commands.openapi"))
    if database != "none":
        migrations_round_trip(project, database)
    if group_key(representative) not in generator_groups():
        check_project(project, required)
        return
    # The generator groups run the tests once, after the adds below.
    check_project(project, required, tests=False)

    before = snapshot(project)
    monkeypatch.chdir(project)
    if database != "none":
        # A public resource (its routes open even with auth on), then one with every type,
        # modifier, a reference and a many-to-many link to it, and, when auth is on, a
        # reference to users and rows owned by their creator.
        _cli("add", "resource", "category", "name:str:unique", "--public", "--no-refresh")
        spec = [*RESOURCE, "category:ref:categories?:set_null", "tags:many:categories"]
        if data.get("auth", "none") != "none":
            spec += ["editor:ref:users", "--owned"]
        _cli("add", "resource", "product", *spec, "--no-refresh")
        # Then the resource evolves: new columns (one unique) and a second link table,
        # renames of an indexed column and of a reference, and a dropped column and link
        # table, each with its own migration.
        _cli("add", "field", "product", "sku:str?:unique", "on_sale:bool=false", "--no-refresh")
        _cli("add", "field", "product", "labels:many:categories", "--no-refresh")
        _cli("rename", "field", "product", "stock", "quantity", "--no-refresh")
        _cli("rename", "field", "product", "category", "section", "--no-refresh")
        _cli("remove", "field", "product", "ratio", "labels", "--no-refresh")
    # The last command refreshes docs/openapi.json, which the project's tests then check.
    _cli("add", "router", "webhooks")
    # So the tests below are the new project's too.
    after = snapshot(project)
    missing = [p for p in before if p.startswith("app/tests/") and p not in after]
    assert missing == [], f"the adds removed test files of the new project: {missing}"
    # Includes the generated test_migrations.py: upgrade head, then `alembic check` finds
    # the new resource's migration equal to its model on this database.
    check_project(project, required)

    if database != "none":
        _cli("remove", "resource", "product", "--no-refresh")
        _cli("remove", "resource", "category", "--no-refresh")
    _cli("remove", "router", "webhooks")
    assert snapshot(project) == before, "remove did not give back the tree add started from"


def _cli(*args: str) -> None:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.output


def test_every_choice_is_exercised() -> None:
    """Each value of each closed question renders in at least one combination."""
    for question in matrix_questions():
        for value in values(question):
            members = [c for c in COMBINATIONS if c.data[question.name] == value]
            assert any(rendered(c)[0] is not None for c in members), (
                f"{question.name}={value} never renders"
            )


@pytest.fixture(autouse=True, scope="module")
def _clean_scratch() -> Iterator[None]:
    yield
    import shutil

    shutil.rmtree(_scratch(), ignore_errors=True)
