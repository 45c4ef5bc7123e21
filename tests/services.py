"""The machine's real services, and what a test does when one is unreachable."""

from __future__ import annotations

import socket
from dataclasses import dataclass

import pytest

from tests.helpers import services_required


@dataclass(frozen=True)
class Service:
    """A server a generated project talks to."""

    name: str
    host: str
    port: int


POSTGRES = Service("PostgreSQL", "127.0.0.1", 5432)
MARIADB = Service("MariaDB", "127.0.0.1", 3306)
REDIS = Service("Redis", "127.0.0.1", 6379)
RABBITMQ = Service("RabbitMQ", "127.0.0.1", 5672)


def is_reachable(service: Service, timeout: float = 2.0) -> bool:
    try:
        with socket.create_connection((service.host, service.port), timeout=timeout):
            return True
    except OSError:
        return False


def require(*services: Service) -> None:
    """Skip with the reason when a service is down; fail instead when CI requires services."""
    for service in services:
        if is_reachable(service):
            continue
        reason = f"{service.name} is not reachable at {service.host}:{service.port}"
        if services_required():
            pytest.fail(f"{reason}, and FASTFORGE_REQUIRE_SERVICES=1")
        pytest.skip(reason)
