"""The `observability` option: on, the project's own suite proves its metrics, spans and logs,
and /metrics adds up several worker processes; off, none of its packages is listed or loaded.

FastAPI itself depends on opentelemetry-api (and `fastapi[standard]` on the SDK and the OTLP
exporter, for its native telemetry), so "off" cannot mean no OpenTelemetry distribution is
installed: it means the project lists none of the packages the option adds, and importing
the app loads none of their modules. (redis-py 8, with Redis, imports `opentelemetry.sdk`'s
metrics part itself whenever the SDK is installed; the option's tracing SDK stays unloaded.)
"""

from __future__ import annotations

import json
import os
import subprocess
import urllib.request
from pathlib import Path

import pytest
from typer.testing import CliRunner

from fastforge.cli import app
from fastforge.steps import find_uv
from tests.databases import throwaway_database
from tests.generated import check_project, free_port, in_background
from tests.helpers import assert_ok, generate, uv
from tests.services import POSTGRES, REDIS, require

# What the option adds to pyproject.toml, and the modules those install.
OPTION_PACKAGES = (
    "prometheus-client",
    "opentelemetry-sdk",
    "opentelemetry-exporter-otlp",
    "opentelemetry-instrumentation",
)
OPTION_MODULES = (
    "prometheus_client",
    "opentelemetry.sdk.trace",
    "opentelemetry.exporter",
    "opentelemetry.instrumentation",
)
LOADED_MODULES = f"""
import json, sys
import main
print(json.dumps(sorted(m for m in sys.modules if m.startswith({OPTION_MODULES!r}))))
"""
OPTIONS = {"database": "postgres", "auth": "jwt", "celery": "redis"}


def _pyproject_dependencies(project: Path) -> str:
    return (project / "pyproject.toml").read_text()


def test_off_lists_and_loads_none_of_the_options_packages(tmp_path: Path) -> None:
    project = generate(tmp_path / "quiet-api", {**OPTIONS, "observability": "false"})

    dependencies = _pyproject_dependencies(project)
    assert [p for p in OPTION_PACKAGES if p in dependencies] == []
    for path in project.rglob("*.py"):
        text = path.read_text()
        assert "prometheus" not in text, path
        assert "opentelemetry" not in text, path
    assert not (project / "config" / "tracing.py").exists()
    assert_ok(uv(project, "sync", "--quiet"))
    done = uv(project, "run", "python", "-c", LOADED_MODULES, env={"SECRET_KEY": "k" * 64})
    assert_ok(done)
    assert json.loads(done.stdout) == []


def test_on_lists_the_packages_and_idles_without_an_exporter(tmp_path: Path) -> None:
    project = generate(tmp_path / "loud-api", {**OPTIONS, "observability": "true"})

    dependencies = _pyproject_dependencies(project)
    assert [p for p in OPTION_PACKAGES if p not in dependencies] == []
    assert_ok(uv(project, "sync", "--quiet"))
    env = {"SECRET_KEY": "k" * 64, "OTEL_EXPORTER_OTLP_ENDPOINT": ""}
    done = uv(project, "run", "python", "-c", LOADED_MODULES, env=env)
    assert_ok(done)
    # Metrics are always on; without an endpoint the exporter is never imported.
    loaded = json.loads(done.stdout)
    assert "prometheus_client" in loaded
    assert not [m for m in loaded if m.startswith("opentelemetry.exporter")], loaded


@pytest.mark.slow
def test_on_passes_its_suite_and_metrics_add_up_across_workers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    require(POSTGRES, REDIS)
    project = generate(tmp_path / "shop-api", {**OPTIONS, "observability": "true"})
    monkeypatch.chdir(project)
    added = CliRunner().invoke(app, ["add", "resource", "product", "name:str", "--public"])
    assert added.exit_code == 0, added.output

    # The generated suite: spans, the task's trace on a real worker, metrics and JSON logs.
    check_project(project, {"FASTFORGE_REQUIRE_SERVICES": "1"})

    metrics_dir = tmp_path / "metrics"
    metrics_dir.mkdir()
    binary = find_uv()
    assert binary
    port = free_port()
    argv = [binary, "run", "fastapi", "run", "--workers", "2", "--port", str(port)]
    with throwaway_database(project, "postgres") as url:
        monkeypatch.setenv("DATABASE_URL", url)
        monkeypatch.setenv("PROMETHEUS_MULTIPROC_DIR", str(metrics_dir))
        assert_ok(uv(project, "run", "alembic", "upgrade", "head"))
        with in_background(project, argv, port=port) as base:
            statuses = [_status(f"{base}/api/v1/products/123") for _ in range(3)]
            # Each scrape is answered by either process, and each sees all three requests.
            pages = [_read(f"{base}/metrics") for _ in range(6)]

    assert statuses == [404, 404, 404]
    route = 'method="GET",route="/api/v1/products/{product_id}",status="404"'
    for page in pages:
        assert f"http_requests_total{{{route}}} 3.0" in page, page
        series = [line for line in page.splitlines() if not line.startswith("#")]
        assert not [line for line in series if "123" in line.split(" ")[0]]
    writers = {name.rsplit("_", 1)[-1] for name in os.listdir(metrics_dir)}
    assert len(writers) >= 2, f"one process wrote metrics: {sorted(os.listdir(metrics_dir))}"


def _commit(project: Path, message: str) -> None:
    for args in (["add", "-A"], ["-c", "user.name=t", "-c", "user.email=t@e", "commit", "-qm", message]):
        subprocess.run(["git", *args], cwd=project, check=True, capture_output=True)


@pytest.mark.slow
def test_set_turns_it_on_and_off_in_a_project_with_a_resource(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = generate(tmp_path / "shop-api", OPTIONS)
    monkeypatch.chdir(project)
    runner = CliRunner()
    added = runner.invoke(app, ["add", "resource", "product", "name:str", "--no-refresh"])
    assert added.exit_code == 0, added.output
    subprocess.run(["git", "init", "-q"], cwd=project, check=True)
    _commit(project, "a product")

    on = runner.invoke(app, ["set", "observability=true", "-q"])

    assert on.exit_code == 0, on.output
    routes = (project / "app" / "routes" / "__init__.py").read_text()
    assert "root_router.include_router(metrics_router)" in routes
    assert "api_router.include_router(products_router)" in routes
    assert "opentelemetry-sdk" in _pyproject_dependencies(project)
    _commit(project, "observability")

    off = runner.invoke(app, ["set", "observability=false", "-q"])

    assert off.exit_code == 0, off.output
    assert not (project / "config" / "tracing.py").exists()
    routes = (project / "app" / "routes" / "__init__.py").read_text()
    assert "metrics" not in routes
    assert "api_router.include_router(products_router)" in routes
    assert [p for p in OPTION_PACKAGES if p in _pyproject_dependencies(project)] == []


def _status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return int(response.status)
    except urllib.error.HTTPError as error:
        return error.code


def _read(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        return str(response.read().decode())
