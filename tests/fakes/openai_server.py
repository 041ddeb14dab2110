"""A fake OpenAI-compatible server for tests: real HTTP on 127.0.0.1, port 0.

It records every request and answers from a queue of replies (or a function when the
queue is empty). Replies are small dicts: a chat completion, an error status with headers,
a delay. The real ``openai`` client talks to it over the wire; nothing is monkeypatched.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

Reply = dict[str, Any]


def completion(
    content: str | dict[str, Any],
    *,
    finish_reason: str = "stop",
    refusal: str | None = None,
    prompt_tokens: int = 100,
    completion_tokens: int = 50,
) -> Reply:
    text = content if isinstance(content, str) else json.dumps(content)
    return {
        "status": 200,
        "body": {
            "id": "chatcmpl-fake",
            "object": "chat.completion",
            "created": 1_700_000_000,
            "model": "fake-model",
            "choices": [
                {
                    "index": 0,
                    "message": {
                        "role": "assistant",
                        "content": None if refusal else text,
                        "refusal": refusal,
                    },
                    "finish_reason": finish_reason,
                    "logprobs": None,
                }
            ],
            "usage": {
                "prompt_tokens": prompt_tokens,
                "completion_tokens": completion_tokens,
                "total_tokens": prompt_tokens + completion_tokens,
            },
        },
    }


def error(status: int, message: str = "fake error", headers: dict[str, str] | None = None) -> Reply:
    return {
        "status": status,
        "body": {"error": {"message": message, "type": "fake", "code": None}},
        "headers": headers or {},
    }


def slow(reply: Reply, seconds: float) -> Reply:
    return {**reply, "delay": seconds}


def dropped() -> Reply:
    """The connection cut in the middle of the answer: headers and part of the body sent,
    then the socket closed (a proxy or a server restarting under the client)."""
    return {"status": 200, "body": None, "drop": True}


class _CutOff(Response):
    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        head = [(b"content-type", b"application/json"), (b"content-length", b"4096")]
        await send({"type": "http.response.start", "status": 200, "headers": head})
        await send({"type": "http.response.body", "body": b'{"id": "chatcm', "more_body": True})
        raise ConnectionAbortedError("the fake cuts the connection")  # uvicorn closes it


@dataclass
class FakeOpenAI:
    url: str = ""
    replies: deque[Reply] = field(default_factory=deque)
    fallback: Callable[[dict[str, Any]], Reply] | None = None
    requests: list[dict[str, Any]] = field(default_factory=list)

    def queue(self, *replies: Reply) -> None:
        self.replies.extend(replies)

    @property
    def base_url(self) -> str:
        return f"{self.url}/v1"

    async def _chat(self, request: Request) -> Response:
        body = json.loads(await request.body())
        self.requests.append({"body": body, "headers": dict(request.headers)})
        if self.replies:
            reply = self.replies.popleft()
        elif self.fallback is not None:
            reply = self.fallback(body)
        else:
            reply = error(500, "the fake has no reply queued")
        if reply.get("delay"):
            await asyncio.sleep(reply["delay"])
        if reply.get("drop"):
            return _CutOff()
        return JSONResponse(
            reply["body"], status_code=reply["status"], headers=reply.get("headers")
        )

    def app(self) -> Starlette:
        return Starlette(routes=[Route("/v1/chat/completions", self._chat, methods=["POST"])])


@contextmanager
def serve_fake_openai() -> Iterator[FakeOpenAI]:
    fake = FakeOpenAI()
    config = uvicorn.Config(
        fake.app(), host="127.0.0.1", port=0, log_level="warning", lifespan="off"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline:
            raise RuntimeError("the fake OpenAI server did not start")
        time.sleep(0.01)
    fake.url = f"http://127.0.0.1:{server.servers[0].sockets[0].getsockname()[1]}"
    try:
        yield fake
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def load_app(latency: float, fail_every: int = 0) -> Starlette:
    """The fake for load runs, lean because it shares the machine with what is measured:
    every call answers empty valid output after ``latency`` (every ``fail_every``-th call a
    500 instead). Each request is read in full but neither parsed nor kept; the two
    replies are encoded once."""
    empty = {"claims": [], "non_responses": [], "conflicts": [], "summary": []}
    ok, failure = _encoded(completion(empty)), _encoded(error(500, "fake failure"))
    calls = itertools.count(1)

    async def chat(request: Request) -> Response:
        await request.body()
        status, content = failure if fail_every and next(calls) % fail_every == 0 else ok
        await asyncio.sleep(latency)
        return Response(content, status_code=status, media_type="application/json")

    return Starlette(routes=[Route("/v1/chat/completions", chat, methods=["POST"])])


def _encoded(reply: Reply) -> tuple[int, bytes]:
    return reply["status"], json.dumps(reply["body"]).encode("utf-8")


def main() -> None:
    """``python -m tests.fakes.openai_server --latency 1 [--fail-every N]``: ``load_app`` in
    its own process, on a free port it prints (``PORT n``)."""
    import argparse
    import socket

    parser = argparse.ArgumentParser()
    parser.add_argument("--latency", type=float, default=1.0)
    parser.add_argument("--fail-every", type=int, default=0)
    args = parser.parse_args()
    # IPPROTO_TCP named: asyncio turns Nagle's algorithm off only on sockets that say they
    # are TCP, and without that every reply on a kept-alive connection waited ~40 ms for
    # the client's delayed ACK
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.bind(("127.0.0.1", 0))
    print(f"PORT {sock.getsockname()[1]}", flush=True)
    config = uvicorn.Config(
        load_app(args.latency, args.fail_every), log_level="warning", lifespan="off", backlog=2048
    )
    uvicorn.Server(config).run(sockets=[sock])


if __name__ == "__main__":
    main()
