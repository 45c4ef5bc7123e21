"""The `auth` option: refused without a database, and with jwt a project whose login works.

The slow tests run each generated suite against the real servers, and log in over HTTP the
way the Authorize button of /docs does, as the admin the README's command creates.
"""

from __future__ import annotations

import json
import subprocess
import sys
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from fastforge.cli import app
from tests.databases import throwaway_database
from tests.generated import free_port, serving
from tests.helpers import REPO, assert_ok, generate, uv
from tests.services import POSTGRES, require

REFUSAL = "auth 'jwt' needs a database to store its users, and database is 'none'"
ADMIN_EMAIL = "admin@example.com"
ADMIN_PASSWORD = "a long admin password"
QUICK = ["--defaults", "--no-git", "--no-install"]


def test_jwt_without_a_database_is_refused_with_nothing_written(tmp_path: Path) -> None:
    target = tmp_path / "demo"
    result = CliRunner().invoke(
        app,
        ["new", str(target), *QUICK, "--auth", "jwt", "--database", "none"],
    )

    assert result.exit_code == 1, result.output
    assert REFUSAL in result.output
    assert "choose database sqlite, postgres or mysql, or choose auth none" in result.output
    assert "Traceback" not in result.output
    assert list(tmp_path.iterdir()) == []


def test_plain_copier_refuses_jwt_without_a_database(tmp_path: Path) -> None:
    copier = Path(sys.executable).parent / "copier"
    done = subprocess.run(
        [
            *(str(copier), "copy", "--defaults", "--quiet"),
            *("--data", "auth=jwt", "--data", "database=none"),
            *(str(REPO / "fastforge/_template"), str(tmp_path / "d")),
        ],
        capture_output=True,
        text=True,
        check=False,
    )

    assert done.returncode != 0
    assert REFUSAL in done.stderr
    assert not (tmp_path / "d").exists() or not any((tmp_path / "d").iterdir())


def test_without_a_database_auth_defaults_to_none(tmp_path: Path) -> None:
    project = generate(tmp_path / "plain", {"database": "none"})

    answers = yaml.safe_load((project / ".copier-answers.yml").read_text())
    assert answers["auth"] == "none"


def test_auth_defaults_to_jwt_with_a_database(tmp_path: Path) -> None:
    project = generate(tmp_path / "demo")

    answers = yaml.safe_load((project / ".copier-answers.yml").read_text())
    assert (answers["database"], answers["auth"]) == ("sqlite", "jwt")
    assert (project / "app/commands/create_admin.py").is_file()


def test_auth_none_generates_no_auth_code(tmp_path: Path) -> None:
    project = generate(tmp_path / "open", {"auth": "none", "database": "sqlite"})

    pyproject = (project / "pyproject.toml").read_text().lower()
    assert "pwdlib" not in pyproject
    assert "pyjwt" not in pyproject
    assert not list((project / "migrations/versions").glob("*.py"))
    for path in project.rglob("*.py"):
        text = path.read_text()
        for marker in ("CurrentUser", "jwt", "app.models.user", "user_client"):
            assert marker not in text, f"{path} mentions {marker}"
    assert not (project / "app/routes/auth.py").exists()


# The generated suites with auth on every database run in tests/test_matrix.py.


@pytest.mark.slow
def test_docs_authorize_logs_in_the_admin_the_readme_command_creates(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    require(POSTGRES)
    project = generate(tmp_path / "demo", {"auth": "jwt", "database": "postgres"})
    assert_ok(uv(project, "sync", "--quiet"))
    readme = (project / "README.md").read_text()
    command = "uv run python -m app.commands.create_admin admin@example.com --password-stdin"
    assert command in readme

    with throwaway_database(project, "postgres") as url:
        env = {"DATABASE_URL": url}
        assert_ok(uv(project, "run", "alembic", "upgrade", "head", env=env))
        created = uv(project, *command.split()[1:], env=env, stdin=ADMIN_PASSWORD)
        assert_ok(created)
        assert created.stdout.strip() == f"Created admin {ADMIN_EMAIL}"

        monkeypatch.setenv("DATABASE_URL", url)
        with serving(project, ["run", "fastapi", "run"], free_port()) as base:
            schema = json.loads(_fetch(base + "/openapi.json"))
            flow = schema["components"]["securitySchemes"]["OAuth2PasswordBearer"]["flows"]
            # Swagger UI resolves a relative tokenUrl against the page it runs on.
            token_url = urllib.parse.urljoin(base + "/docs", flow["password"]["tokenUrl"])
            form = {"grant_type": "password", "username": ADMIN_EMAIL, "password": ADMIN_PASSWORD}
            token = json.loads(_fetch(token_url, form=form))
            assert token["token_type"] == "bearer"

            me = json.loads(
                _fetch(
                    base + "/api/v1/users/me",
                    headers={"Authorization": f"Bearer {token['access_token']}"},
                )
            )
            assert (me["email"], me["role"], me["is_active"]) == (ADMIN_EMAIL, "admin", True)
            assert "hashed_password" not in me

            users = json.loads(
                _fetch(
                    base + "/api/v1/users",
                    headers={"Authorization": f"Bearer {token['access_token']}"},
                )
            )
            assert [user["email"] for user in users["items"]] == [ADMIN_EMAIL]


def _fetch(
    url: str, *, form: dict[str, str] | None = None, headers: dict[str, str] | None = None
) -> bytes:
    data = urllib.parse.urlencode(form).encode() if form is not None else None
    request = urllib.request.Request(url, data=data, headers=headers or {})
    with urllib.request.urlopen(request, timeout=10) as response:
        body: bytes = response.read()
        return body
