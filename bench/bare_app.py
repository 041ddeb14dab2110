"""Baselines for the benchmarks: bare FastAPI endpoints with none of fairbrief's work.

- ``POST /v1/summaries`` parses the same body and answers at once (bench/service_rps.py);
- ``POST /v1/forward`` parses the same body and makes one chat call to the fake LLM at
  ``FAKE_LLM_URL`` with a shared httpx client (bench/load.py): the least any service that
  waits on that LLM could cost.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx
from fastapi import FastAPI
from pydantic import BaseModel


@asynccontextmanager
async def _client(app: FastAPI) -> AsyncIterator[None]:
    # No idle connection is kept: httpcore 1.0 walks its whole pool once for every idle
    # connection in it, which at 200 calls at once cost this baseline ~25 ms of CPU a call,
    # ten times its real cost (a fresh connection on loopback is cheap).
    limits = httpx.Limits(max_connections=1000, max_keepalive_connections=0)
    async with httpx.AsyncClient(timeout=120, limits=limits, trust_env=False) as client:
        app.state.client = client
        yield


app = FastAPI(lifespan=_client)


class Body(BaseModel):
    text: str
    engine: str | None = None


@app.post("/v1/summaries")
async def summaries(body: Body) -> dict[str, int]:
    return {"characters": len(body.text)}


@app.post("/v1/forward")
async def forward(body: Body) -> dict[str, int]:
    response = await app.state.client.post(
        f"{os.environ['FAKE_LLM_URL']}/chat/completions",
        json={"model": "fake", "messages": [{"role": "user", "content": body.text}]},
    )
    return {"status": response.status_code}
