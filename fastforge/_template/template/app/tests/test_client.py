"""The tests' client: it runs the lifespan around its `with` block and serves each request."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import pytest
from fastapi import FastAPI, Request

from app.tests.client import AppClient


def recording_app(events: list[str], *, fail_start: bool = False) -> FastAPI:
    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[dict[str, str]]:
        if fail_start:
            raise RuntimeError("cannot start")
        events.append("startup")
        yield {"greeting": "hello"}
        events.append("shutdown")

    app = FastAPI(lifespan=lifespan)

    @app.post("/echo")
    async def echo(request: Request) -> dict[str, object]:
        return {
            "body": (await request.body()).decode(),
            "client": request.client.host if request.client else None,
            "greeting": request.state.greeting,
        }

    return app


def test_the_lifespan_runs_around_the_with_block() -> None:
    events: list[str] = []

    with AppClient(recording_app(events)) as client:
        assert events == ["startup"]
        response = client.post("/echo", content=b"hi")

    assert events == ["startup", "shutdown"]
    assert response.json() == {"body": "hi", "client": "testclient", "greeting": "hello"}


def test_a_failed_start_up_raises_the_apps_error() -> None:
    client = AppClient(recording_app([], fail_start=True))

    with pytest.raises(RuntimeError, match="cannot start"), client:
        pass


def test_a_streamed_body_reaches_the_app_whole() -> None:
    with AppClient(recording_app([]), client=("203.0.113.9", 4000)) as client:
        response = client.post("/echo", content=iter([b"a", b"b", b"c"]))

    assert response.json()["body"] == "abc"
    assert response.json()["client"] == "203.0.113.9"
