"""A fake OpenAI-compatible server for tests: real HTTP on 127.0.0.1, port 0.

It records every request and answers from a queue of replies (or a function when the
queue is empty). Replies are small dicts: a chat completion, an error status with headers,
a delay. The real ``openai`` client talks to it over the wire; nothing is monkeypatched.
"""

from __future__ import annotations

import asyncio
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
from starlette.responses import JSONResponse
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

    async def _chat(self, request: Request) -> JSONResponse:
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


def main() -> None:
    """``python -m tests.fakes.openai_server --latency 1 [--fail-every N]``: a fake LLM in
    its own process (for load tests), answering every call with empty valid output after
    ``latency``; with ``--fail-every N``, every Nth call answers 500 instead."""
    import argparse
    import socket

    parser = argparse.ArgumentParser()
    parser.add_argument("--latency", type=float, default=1.0)
    parser.add_argument("--fail-every", type=int, default=0)
    args = parser.parse_args()
    fake = FakeOpenAI()
    empty = {"claims": [], "non_responses": [], "conflicts": [], "summary": []}
    calls = 0

    def answer(body: dict[str, Any]) -> Reply:
        nonlocal calls
        calls += 1
        fake.requests.clear()  # a long load run keeps no bodies
        if args.fail_every and calls % args.fail_every == 0:
            return slow(error(500, "fake failure"), args.latency)
        return slow(completion(empty), args.latency)

    fake.fallback = answer
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    print(f"PORT {sock.getsockname()[1]}", flush=True)
    config = uvicorn.Config(fake.app(), log_level="warning", lifespan="off", backlog=2048)
    uvicorn.Server(config).run(sockets=[sock])


if __name__ == "__main__":
    main()
