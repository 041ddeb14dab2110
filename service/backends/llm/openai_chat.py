"""Chat completions through the official ``openai`` SDK: the only module that imports it.

Structured output is asked for as a strict JSON schema; a server that rejects
``json_schema`` is asked again with JSON mode, then with plain instructions, and the mode
that worked is remembered (``llm_output_mode`` fixes it instead). Retries with backoff for
429, 5xx, timeouts and dropped connections are the SDK's own (``max_retries``), with no
second retry layer on top. An answer that does not validate gets one repair round that
shows the model its errors; a refusal and a truncated answer are errors, not crashes.
"""

from __future__ import annotations

import json
import re
import time
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, TypeVar

import openai
from openai.lib._pydantic import to_strict_json_schema  # the SDK's own strict-schema builder
from openai.types.chat import ChatCompletion
from pydantic import BaseModel, ValidationError

from service.errors import (
    BackendError,
    BackendTimeoutError,
    BackendUnavailableError,
    IncompleteOutputError,
    RefusalError,
    SchemaError,
)
from service.settings import Settings

T = TypeVar("T", bound=BaseModel)
MODES = ("json_schema", "json_object", "text")
_FENCE = re.compile(r"^\s*```(?:json)?\s*|\s*```\s*$")


@dataclass
class Usage:
    calls: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    latency_ms: list[float] = field(default_factory=list)

    def add(self, response: Any, started: float) -> None:
        self.calls += 1
        self.latency_ms.append((time.perf_counter() - started) * 1000)
        if response.usage is not None:
            self.prompt_tokens += response.usage.prompt_tokens or 0
            self.completion_tokens += response.usage.completion_tokens or 0


class ChatClient:
    def __init__(self, settings: Settings) -> None:
        key = (
            settings.openai_api_key.get_secret_value() if settings.openai_api_key else "not-needed"
        )
        self.client = openai.AsyncOpenAI(
            api_key=key,
            base_url=settings.openai_base_url,
            timeout=settings.llm_timeout_seconds,
            max_retries=settings.llm_max_retries,
            # aiohttp, the SDK's own option for many concurrent calls: httpx's pool probes
            # every idle connection's socket each time a call ends, which at 200 calls at
            # once was a quarter of the service's CPU (bench/llm_overhead.py)
            http_client=(
                openai.DefaultAioHttpClient() if settings.llm_http_client == "aiohttp" else None
            ),
        )
        self.model = settings.llm_model
        self.fixed = settings.llm_output_mode != "auto"
        self.mode: str = settings.llm_output_mode if self.fixed else "json_schema"

    async def aclose(self) -> None:
        await self.client.close()

    async def complete(
        self, system: str, user: str, schema: type[T], max_tokens: int, usage: Usage
    ) -> T:
        while True:
            try:
                return await self._complete(self.mode, system, user, schema, max_tokens, usage)
            except openai.BadRequestError as error:
                if self.fixed or self.mode == "text" or not _rejects_format(error):
                    raise _backend_error(error) from error
                self.mode = MODES[MODES.index(self.mode) + 1]  # remembered for later calls
            except openai.APIError as error:
                raise _backend_error(error) from error

    async def _complete(
        self, mode: str, system: str, user: str, schema: type[T], max_tokens: int, usage: Usage
    ) -> T:
        messages: list[dict[str, str]] = [
            {"role": "system", "content": system + _instructions(mode, schema)},
            {"role": "user", "content": user},
        ]
        content = await self._call(mode, messages, schema, max_tokens, usage)
        try:
            return _parse(content, schema)
        except (ValidationError, ValueError) as error:
            messages += [
                {"role": "assistant", "content": content},
                {
                    "role": "user",
                    "content": "That reply does not fit the schema:\n"
                    + _errors(error)
                    + "\nReply again with JSON that fits the schema exactly, and nothing else.",
                },
            ]
        repaired = await self._call(mode, messages, schema, max_tokens, usage)
        try:
            return _parse(repaired, schema)
        except (ValidationError, ValueError) as error:
            raise SchemaError(
                f"the model's output did not fit the schema after one repair: {_errors(error)[:300]}",
                raw_output=repaired,
                attempts=2,
                usage={
                    "prompt_tokens": usage.prompt_tokens,
                    "completion_tokens": usage.completion_tokens,
                },
            ) from error

    async def _call(
        self,
        mode: str,
        messages: list[dict[str, str]],
        schema: type[BaseModel],
        max_tokens: int,
        usage: Usage,
    ) -> str:
        body: dict[str, Any] = {
            "model": self.model,
            "messages": messages,
            "max_tokens": max_tokens,
            "temperature": 0,
        }
        if mode == "json_schema":
            body["response_format"] = _response_format(schema)
        elif mode == "json_object":
            body["response_format"] = {"type": "json_object"}
        started = time.perf_counter()
        # The SDK's own POST, not chat.completions.create(): create() runs every call's
        # parameters through a transform driven by their type annotations (each message is
        # checked against every member of the message union; a response_format given as a
        # parameter would add its schema's ~90 nodes), 1.5 to 2 ms of CPU a call that
        # changes nothing in plain JSON like this. What goes on the wire, the retries, the
        # errors and the parsed ChatCompletion are create()'s own.
        response = await self.client.post(
            "/chat/completions",
            body=body,
            cast_to=ChatCompletion,
            options={"security": {"bearer_auth": True}},  # create()'s authentication
        )
        usage.add(response, started)
        if not response.choices:
            raise BackendError("the server answered with no choices")
        choice = response.choices[0]
        refusal = getattr(choice.message, "refusal", None)
        if refusal:
            raise RefusalError(f"the model refused: {refusal[:200]}")
        if choice.finish_reason == "length":
            raise IncompleteOutputError(
                f"the model's answer was cut off at {max_tokens} output tokens"
            )
        return choice.message.content or ""


@lru_cache(maxsize=16)
def _response_format(schema: type[BaseModel]) -> dict[str, Any]:
    """The strict JSON schema of ``schema`` as the SDK's response_format: building it costs
    about 6 ms (pydantic's schema generation), so it is built once, not on every call."""
    strict = to_strict_json_schema(schema)
    return {
        "type": "json_schema",
        "json_schema": {"name": schema.__name__, "schema": strict, "strict": True},
    }


@lru_cache(maxsize=16)
def _instructions(mode: str, schema: type[BaseModel]) -> str:
    if mode == "json_schema":
        return ""
    return (
        "\n\nReply with one JSON object only (no prose, no code fences) that fits this JSON "
        f"schema:\n{json.dumps(schema.model_json_schema())}"
    )


def _parse(content: str, schema: type[T]) -> T:
    return schema.model_validate_json(_FENCE.sub("", content.strip()))


def _errors(error: Exception) -> str:
    if isinstance(error, ValidationError):
        return "\n".join(
            f"- {'.'.join(map(str, e['loc'])) or '(root)'}: {e['msg']}" for e in error.errors()[:20]
        )
    return f"- {error}"


def _rejects_format(error: openai.BadRequestError) -> bool:
    text = str(error).lower()
    return any(
        word in text
        for word in (
            "response_format",
            "json_schema",
            "json schema",
            "structured output",
            "json_object",
        )
    )


def _backend_error(error: openai.APIError) -> BackendError:
    request_id = getattr(error, "request_id", None)
    if isinstance(error, openai.APITimeoutError):
        return BackendTimeoutError("the LLM server did not answer in time", request_id=request_id)
    if isinstance(error, openai.APIConnectionError):
        return BackendUnavailableError("the LLM server could not be reached", request_id=request_id)
    if isinstance(error, openai.RateLimitError):
        after = error.response.headers.get("retry-after")
        return BackendUnavailableError(
            "the LLM server is rate-limiting requests",
            status=429,
            request_id=request_id,
            retry_after=float(after) if after and after.replace(".", "", 1).isdigit() else None,
        )
    if isinstance(error, openai.APIStatusError):
        return BackendError(
            f"the LLM server answered {error.status_code}",
            status=error.status_code,
            request_id=request_id,
        )
    return BackendError(f"the LLM call failed: {type(error).__name__}")
