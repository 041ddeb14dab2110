"""Shared fixtures: a clean environment, and the real app served by uvicorn on 127.0.0.1:0."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager

import httpx
import pytest
import uvicorn

from service.api import create_app
from service.settings import Settings, get_settings

_CLEARED_PREFIXES = ("FAIRBRIEF_", "OPENAI_")
_PROXIES = ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY")


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """No test sees the developer's keys, endpoints or proxies."""
    for name in list(os.environ):
        if name.startswith(_CLEARED_PREFIXES) or name.upper() in _PROXIES:
            monkeypatch.delenv(name, raising=False)


@contextmanager
def serve_in_thread(settings: Settings) -> Iterator[str]:
    """The app under a real uvicorn server in a thread, on a free loopback port."""
    config = uvicorn.Config(
        create_app(settings), host="127.0.0.1", port=0, log_level="warning", lifespan="on"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.01)
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="session")
def base_url() -> Iterator[str]:
    with serve_in_thread(get_settings(_env_file=None)) as url:
        yield url


@pytest.fixture
def client(base_url: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=base_url, timeout=30, trust_env=False) as http:
        yield http


@pytest.fixture
def make_client() -> Iterator[Callable[..., httpx.Client]]:
    """A client for an app with its own settings (limits and the like)."""
    with ExitStack() as stack:

        def build(**overrides: object) -> httpx.Client:
            url = stack.enter_context(serve_in_thread(get_settings(**overrides)))
            return stack.enter_context(httpx.Client(base_url=url, timeout=30, trust_env=False))

        yield build
