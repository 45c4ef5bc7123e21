"""The `kubernetes` option: deploy/kubernetes builds, fits the schemas, and keeps its promises.

tests/test_matrix.py runs `check_manifests` on every combination with kubernetes on; these
tests run it on a few, show that it catches what it is for, and check the refusals.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from kubernetes_validate import ValidationError
from typer.testing import CliRunner

from fastforge.cli import app
from tests.helpers import generate
from tests.kubernetes import OVERLAY, build, check_manifests

OPTIONS = [
    {"database": "postgres", "auth": "jwt", "celery": "rabbitmq"},
    {"database": "mysql", "auth": "jwt", "celery": "redis"},
    {"database": "none", "auth": "none", "celery": "none"},
]
BASE = Path("deploy/kubernetes/base")


def _project(tmp_path: Path, options: dict[str, str]) -> Path:
    return generate(tmp_path / "shop-api", {**options, "kubernetes": "true", "docker": "true"})


@pytest.mark.parametrize("options", OPTIONS, ids=lambda o: o["database"] + "," + o["celery"])
def test_manifests_build_validate_and_keep_their_promises(
    tmp_path: Path, options: dict[str, str]
) -> None:
    project = _project(tmp_path, options)

    check_manifests(project, options)
    kinds = sorted(o["kind"] for o in build(project / OVERLAY))
    expected = ["ConfigMap", "Deployment", "HorizontalPodAutoscaler", "Namespace"]
    expected += ["PodDisruptionBudget", "Secret", "Service"]
    expected += ["Deployment"] if options["celery"] != "none" else []
    expected += ["Job"] if options["database"] != "none" else []
    assert kinds == sorted(expected)


@pytest.mark.parametrize("observability", [True, False], ids=["observability", "none"])
def test_prometheus_scrapes_the_api_exactly_with_observability(
    tmp_path: Path, observability: bool
) -> None:
    options = {**OPTIONS[0], "observability": str(observability).lower()}
    project = _project(tmp_path, options)

    check_manifests(project, {**options, "observability": observability})
    api = next(
        o
        for o in build(project / OVERLAY)
        if o["kind"] == "Deployment" and o["metadata"]["name"].endswith("-api")
    )
    annotations = api["spec"]["template"]["metadata"].get("annotations", {})
    if observability:
        assert annotations == {
            "prometheus.io/scrape": "true",
            "prometheus.io/port": "8000",
            "prometheus.io/path": "/metrics",
        }
    else:
        assert annotations == {}


def test_kubernetes_off_renders_no_manifest(tmp_path: Path) -> None:
    project = generate(tmp_path / "shop-api", {"database": "postgres"})

    assert not (project / "deploy").exists()
    assert "kubectl" not in (project / "README.md").read_text()


def _edit(project: Path, name: str, change: dict[str, str]) -> None:
    path = project / BASE / name
    text = path.read_text()
    for old, new in change.items():
        assert old in text, old
        text = text.replace(old, new)
    path.write_text(text)


@pytest.mark.parametrize(
    ("file", "change", "problem"),
    [
        ("api.yaml", {"path: /health/live": "path: /healthz"}, "which the app does not serve"),
        ("api.yaml", {"readOnlyRootFilesystem: true": "readOnlyRootFilesystem: false"}, "api"),
        ("api.yaml", {"image: shop-api": "image: other-api"}, "runs other-api"),
        ("worker.yaml", {"kind: Deployment": "kind: StatefulSet"}, None),
    ],
    ids=["probe", "root-filesystem", "image", "no-worker-deployment"],
)
def test_the_check_catches_a_broken_promise(
    tmp_path: Path, file: str, change: dict[str, str], problem: str | None
) -> None:
    project = _project(tmp_path, OPTIONS[0])
    _edit(project, file, change)

    with pytest.raises((AssertionError, ValidationError, KeyError), match=problem):
        check_manifests(project, OPTIONS[0])


def test_the_check_catches_a_field_the_schema_does_not_know(tmp_path: Path) -> None:
    project = _project(tmp_path, OPTIONS[0])
    _edit(project, "service.yaml", {"  selector:": "  selecter:"})

    with pytest.raises(ValidationError):
        check_manifests(project, OPTIONS[0])


def test_the_check_catches_a_secret_written_in_a_manifest(tmp_path: Path) -> None:
    project = _project(tmp_path, OPTIONS[0])
    kustomization = project / OVERLAY / "kustomization.yaml"
    data = yaml.safe_load(kustomization.read_text())
    secret = {"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "extra"}}
    (project / OVERLAY / "extra.yaml").write_text(yaml.safe_dump(secret))
    data["resources"].append("extra.yaml")
    kustomization.write_text(yaml.safe_dump(data))

    with pytest.raises(AssertionError, match="writes a Secret"):
        check_manifests(project, OPTIONS[0])


@pytest.mark.parametrize(
    ("flags", "message"),
    [
        (["--data", "database=sqlite"], "cannot share one SQLite file"),
        (["--data", "database=postgres", "--no-docker"], "the image the Dockerfile builds"),
    ],
)
def test_kubernetes_is_refused_where_it_cannot_work(
    tmp_path: Path, flags: list[str], message: str
) -> None:
    target = tmp_path / "shop-api"
    result = CliRunner().invoke(
        app, ["new", str(target), "--defaults", "--no-git", "--no-install", "--kubernetes", *flags]
    )

    assert result.exit_code == 1, result.output
    assert message in result.output
    assert "Traceback" not in result.output
    assert not target.exists()
