"""Shared fixtures: the app built with test settings and a client that runs its lifespan."""

import os
import secrets
from collections.abc import Iterator

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from config.settings import get_settings

# CI has no .env, so give the required settings test values before the app is imported.
os.environ.setdefault("SECRET_KEY", secrets.token_hex(32))
os.environ.setdefault("ENVIRONMENT", "test")

from main import create_app


@pytest.fixture(autouse=True)
def _fresh_settings() -> Iterator[None]:
    """Re-read settings in every test, so one test's environment never leaks into another."""
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


@pytest.fixture
def app() -> FastAPI:
    """A freshly built application."""
    return create_app()


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    """A client for `app`; the `with` block runs the lifespan start-up and shutdown."""
    with TestClient(app) as client:
        yield client
