"""The baseline for bench/service_rps.py: a bare FastAPI endpoint that parses the same body."""

from __future__ import annotations

from fastapi import FastAPI
from pydantic import BaseModel

app = FastAPI()


class Body(BaseModel):
    text: str


@app.post("/v1/summaries")
async def summaries(body: Body) -> dict[str, int]:
    return {"characters": len(body.text)}
