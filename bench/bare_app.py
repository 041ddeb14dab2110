"""Baselines for the benchmarks: bare FastAPI endpoints with none of fairbrief's work.

- ``POST /v1/summaries`` parses the same body and answers at once (bench/service_rps.py);
- ``POST /v1/forward`` parses the same body and makes one chat call to the fake LLM at
  ``FAKE_LLM_URL`` with a shared aiohttp session, the transport fairbrief's LLM client
  uses (bench/load.py): the least any service that waits on that LLM could cost.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import aiohttp
from fastapi import FastAPI
from pydantic import BaseModel


@asynccontextmanager
async def _client(app: FastAPI) -> AsyncIterator[None]:
    connector = aiohttp.TCPConnector(limit=1000)
    timeout = aiohttp.ClientTimeout(total=120)
    async with aiohttp.ClientSession(connector=connector, timeout=timeout) as session:
        app.state.client = session
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
    async with app.state.client.post(
        f"{os.environ['FAKE_LLM_URL']}/chat/completions",
        json={"model": "fake", "messages": [{"role": "user", "content": body.text}]},
    ) as response:
        await response.json()
        return {"status": response.status}
