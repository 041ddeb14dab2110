"""Shared fixtures: a clean environment, and the real app served by uvicorn on 127.0.0.1:0."""

from __future__ import annotations

import os
import shutil
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

import httpx
import pytest
import uvicorn

from service.api import create_app
from service.settings import Settings, get_settings

_CLEARED_PREFIXES = ("FAIRBRIEF_", "OPENAI_")
_PROXIES = ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY")


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No test sees the developer's keys, endpoints or proxies, or writes to their data
    directory: each test has its own."""
    for name in list(os.environ):
        if name.startswith(_CLEARED_PREFIXES) or name.upper() in _PROXIES:
            monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("FAIRBRIEF_DATA_DIR", str(tmp_path / "fairbrief-data"))


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
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    settings = get_settings(data_dir=tmp_path_factory.mktemp("session-data"))
    with serve_in_thread(settings) as url:
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


@pytest.fixture(scope="session")
def redis_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real redis-server for the tests, on a Unix socket (no TCP port at all).

    Missing redis-server skips the Redis tests on a developer's machine; under CI=true it
    fails them (.ci/run installs it).
    """
    binary = shutil.which("redis-server")
    if binary is None:
        if os.environ.get("CI") == "true":
            pytest.fail("redis-server is not installed (CI installs it with apt-get)")
        pytest.skip("redis-server is not installed (apt-get install redis-server)")
    folder = tmp_path_factory.mktemp("redis")
    socket_path = folder / "redis.sock"
    process = subprocess.Popen(
        [
            binary,
            "--port",
            "0",
            "--unixsocket",
            str(socket_path),
            "--unixsocketperm",
            "700",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(folder),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 10
    while not socket_path.exists():
        if time.monotonic() > deadline or process.poll() is not None:
            process.kill()
            raise RuntimeError("redis-server did not start")
        time.sleep(0.02)
    try:
        yield f"unix://{socket_path}"
    finally:
        process.terminate()
        process.wait(timeout=10)
