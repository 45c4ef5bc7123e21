"""A generated project's Kubernetes manifests, built as `kubectl apply -k` builds them, and checked.

There is no kustomize binary here, so `build` does what kustomize does for the fields the
template's kustomizations use (resources, namespace, images, ConfigMap and Secret generators)
and refuses any other field, so a kustomization it cannot read fails instead of being half-read.
"""

from __future__ import annotations

import ast
import base64
import fnmatch
import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

# The Kubernetes release whose schemas (bundled with kubernetes-validate) the manifests must fit.
KUBERNETES_VERSION = "1.34.0"
OVERLAY = Path("deploy/kubernetes/overlays/example")
_KNOWN_FIELDS = {
    "apiVersion",
    "kind",
    "resources",
    "namespace",
    "images",
    "configMapGenerator",
    "secretGenerator",
}
_CLUSTER_KINDS = {"Namespace"}


@dataclass
class Build:
    """The objects of a kustomization, and where each generated Secret's values came from."""

    objects: list[dict[str, Any]] = field(default_factory=list)
    secret_sources: list[Path] = field(default_factory=list)
    renamed: dict[tuple[str, str], str] = field(default_factory=dict)


def build(root: Path) -> list[dict[str, Any]]:
    """The objects `kubectl apply -k root` would send."""
    return _build(root).objects


def _build(root: Path) -> Build:
    kustomization = yaml.safe_load((root / "kustomization.yaml").read_text())
    unknown = set(kustomization) - _KNOWN_FIELDS
    assert not unknown, f"{root}: kustomization fields this builder cannot read: {unknown}"
    result = Build()
    for entry in kustomization.get("resources", []):
        path = (root / entry).resolve()
        if path.is_dir():
            child = _build(path)
            result.objects += child.objects
            result.secret_sources += child.secret_sources
            result.renamed.update(child.renamed)
        else:
            result.objects += [doc for doc in yaml.safe_load_all(path.read_text()) if doc]
    _generate(root, kustomization, result)
    for obj in result.objects:
        _transform(obj, kustomization, result.renamed)
    return result


def _generate(root: Path, kustomization: dict[str, Any], result: Build) -> None:
    """Add the ConfigMaps and Secrets of the generators, named with a hash of their data."""
    for kind, key in (("ConfigMap", "configMapGenerator"), ("Secret", "secretGenerator")):
        for generator in kustomization.get(key, []):
            assert set(generator) <= {"name", "envs"}, f"{root}: {key} uses {set(generator)}"
            data: dict[str, str] = {}
            for env_file in generator["envs"]:
                data.update(read_env_file(root / env_file))
                if kind == "Secret":
                    result.secret_sources.append(root / env_file)
            digest = hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()
            name = f"{generator['name']}-{digest[:10]}"
            result.renamed[(kind, generator["name"])] = name
            if kind == "Secret":
                data = {k: base64.b64encode(v.encode()).decode() for k, v in data.items()}
            result.objects.append(
                {"apiVersion": "v1", "kind": kind, "metadata": {"name": name}, "data": data}
            )


def _transform(
    obj: dict[str, Any], kustomization: dict[str, Any], renamed: dict[tuple[str, str], str]
) -> None:
    """Apply the namespace, the image tags and the generated names to one object."""
    namespace = kustomization.get("namespace")
    if namespace and obj["kind"] not in _CLUSTER_KINDS:
        obj["metadata"]["namespace"] = namespace
    for container in containers(obj):
        _set_image(container, kustomization.get("images", []))
        for source in container.get("envFrom", []):
            for kind, ref in (("ConfigMap", "configMapRef"), ("Secret", "secretRef")):
                if ref in source:
                    name = source[ref]["name"]
                    source[ref]["name"] = renamed.get((kind, name), name)


def read_env_file(path: Path) -> dict[str, str]:
    """KEY=VALUE lines, as kustomize reads an `envs` file (comments and blank lines skipped)."""
    pairs = {}
    for line in path.read_text().splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            key, separator, value = line.partition("=")
            assert separator, f"{path}: {line!r} is not KEY=VALUE"
            pairs[key.strip()] = value
    return pairs


def _set_image(container: dict[str, Any], images: list[dict[str, str]]) -> None:
    name, _, _ = container["image"].partition(":")
    for image in images:
        if image["name"] == name:
            container["image"] = f"{image.get('newName', name)}:{image['newTag']}"


def pod_spec(obj: dict[str, Any]) -> dict[str, Any] | None:
    """The pod template's spec of a Deployment or Job, else None."""
    if obj["kind"] in ("Deployment", "Job"):
        return obj["spec"]["template"]["spec"]  # type: ignore[no-any-return]
    return None


def containers(obj: dict[str, Any]) -> list[dict[str, Any]]:
    spec = pod_spec(obj)
    return [*spec.get("initContainers", []), *spec["containers"]] if spec else []


def by_component(objects: list[dict[str, Any]], kind: str) -> dict[str, dict[str, Any]]:
    """The objects of one kind, by their `app.kubernetes.io/component` label."""
    return {
        o["metadata"]["labels"]["app.kubernetes.io/component"]: o
        for o in objects
        if o["kind"] == kind
    }


def app_get_routes(project: Path) -> set[str]:
    """The GET paths of the health router, read from its source (mounted without a prefix)."""
    tree = ast.parse((project / "app" / "routes" / "health.py").read_text())
    paths = set()
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "get"
            and node.args
            and isinstance(node.args[0], ast.Constant)
        ):
            paths.add(str(node.args[0].value))
    return paths


def readme_image(project: Path) -> str:
    """The image that the README's `docker build -t IMAGE .` command tags."""
    found = re.findall(r"^docker build -t (\S+) \.$", (project / "README.md").read_text(), re.M)
    assert len(found) == 1, f"the README has {len(found)} docker build commands: {found}"
    return str(found[0])


def committed_files(project: Path) -> list[Path]:
    """Every file of the project that its .gitignore does not exclude."""
    patterns = [
        line.strip()
        for line in (project / ".gitignore").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    ]
    files = []
    for path in project.rglob("*"):
        relative = path.relative_to(project).as_posix()
        if not path.is_file() or relative.startswith(".venv/"):
            continue
        if any(fnmatch.fnmatch(relative, p) or fnmatch.fnmatch(path.name, p) for p in patterns):
            continue
        files.append(path)
    return files


def check_manifests(project: Path, answers: dict[str, Any]) -> None:
    """Everything fastforge promises of deploy/kubernetes, for a project with these answers."""
    import kubernetes_validate

    built = _build(project / OVERLAY)
    for obj in built.objects:
        kubernetes_validate.validate(obj, KUBERNETES_VERSION, strict=True)
    api = _check_workloads(built.objects, answers)
    _check_job_command(project, built.objects)
    _check_api(project, api, built.objects)
    _check_scraping(
        api, built.objects, observability=answers.get("observability") in (True, "true")
    )
    _check_pods(project, built.objects)
    _check_secret(project, built)


def _check_workloads(objects: list[dict[str, Any]], answers: dict[str, Any]) -> dict[str, Any]:
    """A worker Deployment exactly with Celery, a migration Job exactly with a database."""
    deployments = by_component(objects, "Deployment")
    celery = answers.get("celery", "none") != "none"
    database = answers.get("database", "none") != "none"
    assert set(deployments) == ({"api", "worker"} if celery else {"api"}), set(deployments)
    jobs = by_component(objects, "Job")
    assert set(jobs) == ({"migrate"} if database else set()), set(jobs)
    if database:
        assert containers(jobs["migrate"])[0]["command"] == ["alembic", "upgrade", "head"]
    return deployments["api"]


def _check_job_command(project: Path, objects: list[dict[str, Any]]) -> None:
    """The README's `kubectl delete job` names the built migration Job, in its namespace."""
    found = re.findall(r"`kubectl delete job -n (\S+) (\S+)`", (project / "README.md").read_text())
    expected = [
        (obj["metadata"]["namespace"], obj["metadata"]["name"])
        for obj in objects
        if obj["kind"] == "Job"
    ]
    assert found == expected, (found, expected)


def _check_api(project: Path, api: dict[str, Any], objects: list[dict[str, Any]]) -> None:
    """Probes on real routes; the Service, budget and autoscaler aim at the API's pods."""
    (container,) = containers(api)
    routes = app_get_routes(project)
    ports = {port["name"] for port in container["ports"]}
    for probe in ("readinessProbe", "livenessProbe"):
        get = container[probe]["httpGet"]
        assert get["path"] in routes, f"{probe} asks {get['path']}, which the app does not serve"
        assert get["port"] in ports, f"{probe} asks port {get['port']}, not one of {ports}"
    assert container["readinessProbe"]["httpGet"]["path"] == "/health"
    assert container["livenessProbe"]["httpGet"]["path"] != "/health"
    labels = api["spec"]["template"]["metadata"]["labels"]
    for kind in ("Service", "PodDisruptionBudget"):
        (obj,) = (o for o in objects if o["kind"] == kind)
        selector = obj["spec"]["selector"]
        selector = selector.get("matchLabels", selector)
        assert selector.items() <= labels.items(), f"the {kind} selects no API pod"
    (autoscaler,) = (o for o in objects if o["kind"] == "HorizontalPodAutoscaler")
    assert autoscaler["spec"]["scaleTargetRef"]["name"] == api["metadata"]["name"]


def _check_scraping(
    api: dict[str, Any], objects: list[dict[str, Any]], *, observability: bool
) -> None:
    """With observability, Prometheus scrapes the API's /metrics and its logs are JSON."""
    annotations = api["spec"]["template"]["metadata"].get("annotations", {})
    scraping = {k: v for k, v in annotations.items() if k.startswith("prometheus.io/")}
    (config,) = (o for o in objects if o["kind"] == "ConfigMap")
    if not observability:
        assert scraping == {}, scraping
        assert "LOG_FORMAT" not in config["data"]
        return
    (container,) = containers(api)
    ports = {str(port["containerPort"]) for port in container["ports"]}
    assert scraping["prometheus.io/scrape"] == "true"
    assert scraping["prometheus.io/port"] in ports, f"scraped on a port the API lacks: {ports}"
    assert scraping["prometheus.io/path"] == "/metrics"
    assert config["data"]["LOG_FORMAT"] == "json"


def _check_pods(project: Path, objects: list[dict[str, Any]]) -> None:
    """The README's image, non-root, read-only root, requests and limits, graceful stop."""
    image = readme_image(project)
    for obj in objects:
        spec = pod_spec(obj)
        if spec is None:
            continue
        name = obj["metadata"]["name"]
        assert spec["securityContext"]["runAsNonRoot"] is True, name
        if obj["kind"] == "Deployment":
            assert spec["terminationGracePeriodSeconds"] > 0, name
        for each in containers(obj):
            assert each["image"] == image, f"{name} runs {each['image']}, not {image}"
            security = each["securityContext"]
            assert security["readOnlyRootFilesystem"] is True, name
            assert security["allowPrivilegeEscalation"] is False, name
            assert each["resources"]["requests"], name
            assert each["resources"]["limits"], name


def _check_secret(project: Path, built: Build) -> None:
    """The Secret's values come only from git-ignored files, and no committed file holds one."""
    assert built.secret_sources, "no Secret is generated"
    committed = committed_files(project)
    for source in built.secret_sources:
        assert source not in committed, f"{source} holds secrets and is not git-ignored"
    # The keys whose values are secrets in themselves; the addresses are placeholders to edit.
    secret_values = {
        value
        for source in built.secret_sources
        for key, value in read_env_file(source).items()
        if re.search("SECRET|PASSWORD|TOKEN", key)
    }
    assert secret_values, "the Secret has no SECRET_KEY"
    assert all(len(value) >= 32 for value in secret_values), "a secret is short"
    manifests = project / "deploy"
    for path in committed:
        text = path.read_text(errors="replace")
        if path.is_relative_to(manifests) and path.suffix == ".yaml":
            kinds = {doc.get("kind") for doc in yaml.safe_load_all(text) if doc}
            assert "Secret" not in kinds, f"{path} writes a Secret"
        leaked = [value for value in secret_values if value in text]
        assert not leaked, f"{path} holds a value of the Secret"
