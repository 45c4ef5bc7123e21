"""A test client that calls the app on an event loop in the test's own thread.

Starlette's TestClient runs the app on a loop in a second thread and hands every message of a
request across, each a switch between threads; this one runs each request to completion on a
loop in the test's thread, which makes a request several times cheaper. It is an
`httpx.Client`, and its `with` block runs the app's lifespan start-up and shutdown, as
TestClient's does.
"""

import asyncio
import atexit
from collections.abc import AsyncIterator, Awaitable
from functools import cache
from types import TracebackType
from typing import Any, TypeVar

import httpx
from starlette.types import ASGIApp, Message, Receive, Scope, Send

BASE_URL = "http://testserver"
# The address requests come from, as TestClient gives it.
CLIENT_ADDRESS = ("testclient", 50000)

T = TypeVar("T")


class AppClient(httpx.Client):
    """An httpx client for `app`, which follows redirects as TestClient does.

    `raise_server_exceptions` and `client` (the address requests come from) mean what they
    mean for TestClient; other keywords go to `httpx.Client`.
    """

    def __init__(
        self,
        app: ASGIApp,
        *,
        raise_server_exceptions: bool = True,
        client: tuple[str, int] = CLIENT_ADDRESS,
        **kwargs: Any,
    ) -> None:
        self._lifespan = _Lifespan(app)
        transport = httpx.ASGITransport(
            app=self._lifespan.with_state,
            raise_app_exceptions=raise_server_exceptions,
            client=client,
        )
        kwargs.setdefault("base_url", BASE_URL)
        kwargs.setdefault("follow_redirects", True)
        self._runner = _LoopTransport(transport)
        super().__init__(transport=self._runner, **kwargs)

    def __enter__(self) -> "AppClient":
        super().__enter__()
        try:
            self._runner.run(self._lifespan.start())
        except BaseException:
            self.close()
            raise
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None = None,
        exc_value: BaseException | None = None,
        traceback: TracebackType | None = None,
    ) -> None:
        try:
            self._runner.run(self._lifespan.stop())
        finally:
            super().__exit__(exc_type, exc_value, traceback)


@cache
def _event_loop() -> asyncio.AbstractEventLoop:
    """The loop every client of this process runs the app on; it closes when the process exits.

    Not earlier: a driver's thread may hand a result back after its client is done (aiosqlite
    does, after a failed connect), and handing it to a closed loop fails in that thread.
    """
    loop = asyncio.new_event_loop()
    atexit.register(loop.close)
    return loop


class _LoopTransport(httpx.BaseTransport):
    """Send each request through an ASGI transport, run to completion on the clients' loop."""

    def __init__(self, transport: httpx.ASGITransport) -> None:
        self._transport = transport

    def run(self, awaitable: Awaitable[T]) -> T:
        """Run `awaitable` on the loop, and return what it returns."""
        return _event_loop().run_until_complete(awaitable)

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        return self.run(self._send(request))

    async def _send(self, request: httpx.Request) -> httpx.Response:
        if not isinstance(request.stream, httpx.AsyncByteStream):
            request.stream = _AsyncBody(request.stream)
        response = await self._transport.handle_async_request(request)
        body = await response.aread()
        return httpx.Response(
            response.status_code,
            headers=response.headers,
            content=body,
            extensions=response.extensions,
        )


class _AsyncBody(httpx.AsyncByteStream):
    """A body given as a sync iterable, such as a generator, handed over chunk by chunk."""

    def __init__(self, stream: httpx.SyncByteStream) -> None:
        self._stream = stream

    async def __aiter__(self) -> AsyncIterator[bytes]:
        for chunk in self._stream:
            yield chunk


class _Lifespan:
    """Drive the app's ASGI lifespan: start-up on `start`, shutdown on `stop`."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        # What the lifespan yields; each request gets a shallow copy, as servers give it.
        self.state: dict[str, Any] = {}
        self._inbox: asyncio.Queue[Message] = asyncio.Queue()
        self._outbox: asyncio.Queue[Message] = asyncio.Queue()
        self._task: asyncio.Task[None] | None = None

    async def with_state(self, scope: Scope, receive: Receive, send: Send) -> None:
        await self.app({**scope, "state": self.state.copy()}, receive, send)

    async def start(self) -> None:
        scope = {"type": "lifespan", "asgi": {"version": "3.0"}, "state": self.state}
        self._task = asyncio.ensure_future(self.app(scope, self._inbox.get, self._outbox.put))
        await self._exchange("startup")

    async def stop(self) -> None:
        if self._task is None or self._task.done():
            return
        await self._exchange("shutdown")
        await self._task

    async def _exchange(self, event: str) -> None:
        """Send `lifespan.<event>` and wait for the app's answer; raise what it failed with."""
        assert self._task is not None
        await self._inbox.put({"type": f"lifespan.{event}"})
        answer = asyncio.ensure_future(self._outbox.get())
        await asyncio.wait({answer, self._task}, return_when=asyncio.FIRST_COMPLETED)
        if not answer.done():
            answer.cancel()
            self._task.result()  # the app's own error
            raise RuntimeError(f"the app ended its lifespan without answering {event}")
        message = answer.result()
        if message["type"] == f"lifespan.{event}.failed":
            # The app has sent its reason, then ends by raising the error itself.
            await asyncio.wait({self._task})
            self._task.result()
            raise RuntimeError(message.get("message") or f"lifespan {event} failed")
