"""The Slack app through its real interface: request bodies signed with a test secret the
way Slack signs them, posted to the real app under uvicorn; the answers caught by a local
server standing in for ``response_url`` and for Slack's Web API (127.0.0.1, port 0), which
also serves the article pages the app fetches (allowed by ``fetch_allow``)."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import re
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import httpx
import pytest
import yaml
from slack_sdk.models.blocks import Block as SdkBlock

from service.api.slack import router as slack_router
from service.domain import Result
from service.settings import get_settings
from service.slack import SlackApp, render_result
from service.slack.app import MENTION_HINT, USAGE, choose_article, find_article
from service.slack.blocks import (
    MAX_BLOCKS,
    MAX_CONTEXT_ELEMENTS,
    MAX_HEADER_CHARS,
    MAX_MESSAGE_CHARS,
    MAX_SECTION_CHARS,
)
from tests.fakes.openai_server import completion, error, serve_fake_openai, slow

SECRET = "8f14e45fceea167a5a36dedd4bea2543"
TOKEN = "xoxb-test-bot-token"
FORM = "application/x-www-form-urlencoded"
EMPTY_OUTPUT: dict[str, list[object]] = {
    "claims": [],
    "non_responses": [],
    "conflicts": [],
    "summary": [],
}

# a fictional article (no real people, places or events)
HARBOUR = """Harbour cranes at the port of Velmora stood idle on Tuesday after a night of talks \
ended without a deal, the port authority said.

According to the dockworkers' union, more than 2,000 members have stopped work across the \
three terminals.

"We will stay out until the safety rules are enforced," said Lena Brask, the union's chair.

The Port Authority said it had offered to review the rules within a month.

The shipping ministry did not respond to a request for comment.
"""

HARBOUR_PAGE = f"""<!doctype html><html><head><title>Velmora port at a standstill</title></head>
<body><article><h1>Velmora port at a standstill</h1>
{"".join(f"<p>{p}</p>" for p in HARBOUR.split(chr(10) + chr(10)))}
</article></body></html>"""


# the stand-in for Slack: response_url, the Web API, and article pages


@dataclass
class Posted:
    path: str
    headers: dict[str, str]
    body: dict[str, Any]


@dataclass
class SlackStandIn:
    url: str = ""
    pages: dict[str, str] = field(default_factory=dict)
    posts: list[Posted] = field(default_factory=list)
    changed: threading.Condition = field(default_factory=threading.Condition)

    def response_url(self) -> str:
        return f"{self.url}/respond/{uuid.uuid4().hex}"

    def wait_for(self, count: int, timeout: float = 20.0) -> list[Posted]:
        """The first ``count`` posts, waiting for them to arrive."""
        with self.changed:
            if not self.changed.wait_for(lambda: len(self.posts) >= count, timeout):
                raise AssertionError(f"expected {count} posts, got {len(self.posts)}")
            return list(self.posts[:count])

    def quiet_for(self, seconds: float, count: int) -> None:
        """Fails if more than ``count`` posts arrive within ``seconds``."""
        with self.changed:
            self.changed.wait_for(lambda: len(self.posts) > count, seconds)
            assert len(self.posts) == count, [p.body.get("text") for p in self.posts]


def _handler(owner: SlackStandIn) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            page = owner.pages.get(self.path)
            status, body = (200, page.encode()) if page else (404, b"no such page")
            self.send_response(status)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_POST(self) -> None:
            raw = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            posted = Posted(self.path, {k.lower(): v for k, v in self.headers.items()}, {})
            posted.body = json.loads(raw)
            if self.path.startswith("/api/"):  # the Web API answers JSON with "ok"
                answer = {"ok": True, "channel": posted.body.get("channel"), "ts": "1.000200"}
                reply, kind = json.dumps(answer).encode(), "application/json"
            else:  # response_url answers "ok"
                reply, kind = b"ok", "text/plain"
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(reply)))
            self.end_headers()
            self.wfile.write(reply)
            with owner.changed:
                owner.posts.append(posted)
                owner.changed.notify_all()

        def log_message(self, format: str, *args: object) -> None:
            pass

    return Handler


@contextmanager
def serve_slack_stand_in() -> Iterator[SlackStandIn]:
    owner = SlackStandIn()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(owner))
    owner.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        yield owner
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


@pytest.fixture
def slack() -> Iterator[SlackStandIn]:
    with serve_slack_stand_in() as stand_in:
        yield stand_in


@pytest.fixture
def slack_app(
    slack: SlackStandIn, make_client: Callable[..., httpx.Client], tmp_path: Path
) -> Callable[..., httpx.Client]:
    """Builds the real app with the Slack app installed (torn down before ``slack``)."""

    def build(**overrides: object) -> httpx.Client:
        settings: dict[str, object] = {
            "slack_signing_secret": SECRET,
            "slack_bot_token": TOKEN,
            "slack_api_url": f"{slack.url}/api/",
            "fetch_allow": ["127.0.0.1"],
            "data_dir": tmp_path,
        }
        return make_client(**{**settings, **overrides})

    return build


@pytest.fixture
def client(slack_app: Callable[..., httpx.Client]) -> httpx.Client:
    return slack_app()


# signing and sending, as Slack does


def signed(body: bytes, *, secret: str = SECRET, timestamp: int | None = None) -> dict[str, str]:
    """Slack's v0 signature: HMAC-SHA256 of ``v0:<timestamp>:<raw body>`` with the secret."""
    stamp = str(int(time.time()) if timestamp is None else timestamp)
    digest = hmac.new(secret.encode(), b"v0:" + stamp.encode() + b":" + body, hashlib.sha256)
    return {"X-Slack-Request-Timestamp": stamp, "X-Slack-Signature": f"v0={digest.hexdigest()}"}


def send(
    client: httpx.Client,
    path: str,
    body: bytes,
    content_type: str,
    headers: dict[str, str] | None = None,
) -> httpx.Response:
    """``body`` signed with the test secret (``headers`` win over the signature's)."""
    return client.post(
        path,
        content=body,
        headers={"Content-Type": content_type, **signed(body), **(headers or {})},
    )


def command_body(text: str, response_url: str, **fields: str) -> bytes:
    form = {
        "token": "deprecated-verification-token",
        "team_id": "T0001",
        "channel_id": "C0001",
        "user_id": "U0001",
        "command": "/brief",
        "text": text,
        "response_url": response_url,
        "trigger_id": uuid.uuid4().hex,
        **fields,
    }
    return urlencode(form).encode()


def command(
    client: httpx.Client, slack: SlackStandIn, text: str, headers: dict[str, str] | None = None
) -> httpx.Response:
    return send(client, "/slack/commands", command_body(text, slack.response_url()), FORM, headers)


def event_body(event: dict[str, Any], event_id: str | None = None) -> bytes:
    envelope = {
        "token": "deprecated-verification-token",
        "team_id": "T0001",
        "api_app_id": "A0001",
        "type": "event_callback",
        "event_id": event_id or f"Ev{uuid.uuid4().hex[:10]}",
        "event_time": int(time.time()),
        "event": event,
    }
    return json.dumps(envelope).encode()


def mention(text: str) -> dict[str, Any]:
    return {
        "type": "app_mention",
        "user": "U0002",
        "text": text,
        "ts": "1700000000.000200",
        "channel": "C0002",
        "event_ts": "1700000000.000200",
    }


# what a Block Kit answer must be


def assert_within_limits(message: dict[str, Any]) -> list[dict[str, Any]]:
    blocks = message["blocks"]
    assert 0 < len(blocks) <= MAX_BLOCKS
    total = 0
    for block in blocks:
        parsed = SdkBlock.parse(block)  # and slack_sdk's own checks
        assert parsed is not None
        parsed.validate_json()
        if block["type"] == "section":
            assert len(block["text"]["text"]) <= MAX_SECTION_CHARS
            total += len(block["text"]["text"])
        elif block["type"] == "header":
            assert len(block["text"]["text"]) <= MAX_HEADER_CHARS
            total += len(block["text"]["text"])
        elif block["type"] == "context":
            assert 0 < len(block["elements"]) <= MAX_CONTEXT_ELEMENTS
            total += sum(len(e["text"]) for e in block["elements"])
    assert total <= MAX_MESSAGE_CHARS
    assert message["text"]  # the notification text
    return blocks


def texts(blocks: list[dict[str, Any]], kind: str) -> list[str]:
    if kind == "context":
        return [" ".join(e["text"] for e in b["elements"]) for b in blocks if b["type"] == kind]
    return [b["text"]["text"] for b in blocks if b["type"] == kind]


def number(pattern: str, text: str) -> int:
    match = re.search(pattern, text)
    assert match is not None, text
    return int(match.group(1))


def claim_sections(blocks: list[dict[str, Any]]) -> list[str]:
    """The sections between the divider and the end of the claims."""
    start = next(i for i, b in enumerate(blocks) if b["type"] == "divider") + 1
    out = []
    for block in blocks[start:]:  # a source's section starts "*name*"; "*:emoji: ..." do not
        text = block["text"]["text"] if block["type"] == "section" else ""
        if not text.startswith("*") or text.startswith("*:"):
            break
        out.append(text)
    return out


# the slash command


def test_command_with_pasted_text_answers_in_channel_with_the_brief(
    client: httpx.Client, slack: SlackStandIn
) -> None:
    response = command(client, slack, HARBOUR)
    assert response.status_code == 200
    assert response.json()["response_type"] == "ephemeral"
    assert response.json()["text"].startswith("Working on it")

    [answer] = slack.wait_for(1)
    assert answer.path.startswith("/respond/")
    assert answer.body["response_type"] == "in_channel"
    blocks = assert_within_limits(answer.body)
    assert texts(blocks, "header") == ["Brief: pasted article"]
    summary = texts(blocks, "section")[0]
    assert summary.startswith("*Summary*\n") and "Velmora" in summary
    sections = claim_sections(blocks)
    # both wordings of the port authority are one source, with both quotes
    [authority] = [s for s in sections if s.startswith("*the port authority*")]
    assert "\u201cHarbour cranes at the port of Velmora stood idle" in authority
    assert "\u201cit had offered to review the rules within a month\u201d" in authority
    [union] = [s for s in sections if s.startswith("*the dockworkers' union*")]
    assert "\u201cmore than 2,000 members have stopped work" in union
    assert any(s.startswith("*Lena Brask*") for s in sections)
    assert any(
        "No response" in s and "The shipping ministry" in s for s in texts(blocks, "section")
    )
    context = texts(blocks, "context")
    assert any("4 claims from 3 sources" in c for c in context)
    assert "engine *offline-rules*" in context[-1]
    slack.quiet_for(0.3, 1)


def test_command_with_a_url_fetches_the_page(client: httpx.Client, slack: SlackStandIn) -> None:
    slack.pages["/news/velmora"] = HARBOUR_PAGE
    url = f"{slack.url}/news/velmora"
    response = command(client, slack, f"<{url}>")  # Slack sends a link in angle brackets
    assert response.json()["text"].startswith("Working on it")

    [answer] = slack.wait_for(1)
    blocks = assert_within_limits(answer.body)
    assert texts(blocks, "header") == ["Brief: Velmora port at a standstill"]
    assert f"<{url}|127.0.0.1:" in texts(blocks, "context")[0]
    assert any("the dockworkers' union" in s for s in claim_sections(blocks))


def test_command_without_text_answers_the_usage_at_once(
    client: httpx.Client, slack: SlackStandIn
) -> None:
    for text in ("", "   ", "help"):
        response = command(client, slack, text)
        assert response.status_code == 200
        assert response.json() == {"response_type": "ephemeral", "text": USAGE}
    slack.quiet_for(0.3, 0)


def test_a_refused_url_gets_an_ephemeral_message(client: httpx.Client, slack: SlackStandIn) -> None:
    response = command(client, slack, "http://10.0.0.1/internal/report")
    assert response.json()["text"].startswith("Working on it")
    [answer] = slack.wait_for(1)
    assert answer.body["response_type"] == "ephemeral"
    assert "refused" in answer.body["text"]
    assert "Traceback" not in answer.body["text"] and "blocks" not in answer.body


def test_a_page_that_is_not_there_gets_an_ephemeral_message(
    client: httpx.Client, slack: SlackStandIn
) -> None:
    command(client, slack, f"{slack.url}/news/gone")
    [answer] = slack.wait_for(1)
    assert answer.body["response_type"] == "ephemeral"
    assert answer.body["text"].startswith(":warning: The article could not be fetched")


def test_a_long_article_stays_within_the_limits_with_a_more_note(
    client: httpx.Client, slack: SlackStandIn
) -> None:
    article = "\n\n".join(  # 200 claims from 50 sources: more sections than a message holds
        f"The spokesperson for district {i % 50} said ferry line {i} would open in spring."
        for i in range(200)
    )
    command(client, slack, article)
    [answer] = slack.wait_for(1, timeout=30)
    blocks = assert_within_limits(answer.body)
    total = number(r"(\d+) claims from", texts(blocks, "context")[0])
    assert total >= 150
    shown = sum(s.count("\n\u2022 \u201c") for s in claim_sections(blocks))
    [note] = [c for c in texts(blocks, "context") if "not shown" in c]
    hidden = number(r"(\d+) more claims not shown", note)
    assert "full result: use the API" in note
    assert shown > 10 and shown + hidden == total


def test_an_article_too_long_gets_an_ephemeral_message(
    slack_app: Callable[..., httpx.Client], slack: SlackStandIn
) -> None:
    client = slack_app(max_text_chars=200)
    command(client, slack, HARBOUR)
    [answer] = slack.wait_for(1)
    assert answer.body["response_type"] == "ephemeral"
    assert answer.body["text"].startswith(":warning: That article is too long for fairbrief")


# signatures


def test_a_forged_or_tampered_request_is_refused_and_nothing_happens(
    client: httpx.Client, slack: SlackStandIn
) -> None:
    body = command_body(HARBOUR, slack.response_url())
    forged = client.post(
        "/slack/commands",
        content=body,
        headers={"Content-Type": FORM, **signed(body, secret="not-the-secret")},
    )
    tampered = client.post(
        "/slack/commands",
        content=body.replace(b"Velmora", b"Velmorb"),
        headers={"Content-Type": FORM, **signed(body)},
    )
    for response in (forged, tampered):
        assert response.status_code == 401
        assert response.headers["content-type"] == "application/problem+json"
        assert response.json()["type"] == "urn:fairbrief:problem:bad-signature"
        assert SECRET not in response.text
    slack.quiet_for(1.0, 0)


def test_a_stale_timestamp_is_refused(client: httpx.Client, slack: SlackStandIn) -> None:
    body = command_body(HARBOUR, slack.response_url())
    stale = signed(body, timestamp=int(time.time()) - 6 * 60)
    response = client.post("/slack/commands", content=body, headers={"Content-Type": FORM, **stale})
    assert response.status_code == 401
    slack.quiet_for(0.5, 0)


@pytest.mark.parametrize(
    "keep", [(), ("X-Slack-Request-Timestamp",), ("X-Slack-Signature",), ("bad-timestamp",)]
)
def test_missing_or_malformed_signature_headers_are_refused(
    client: httpx.Client, slack: SlackStandIn, keep: tuple[str, ...]
) -> None:
    body = command_body(HARBOUR, slack.response_url())
    headers = {k: v for k, v in signed(body).items() if k in keep}
    if keep == ("bad-timestamp",):
        headers = {**signed(body), "X-Slack-Request-Timestamp": "yesterday"}
    for path in ("/slack/commands", "/slack/interactions", "/slack/events"):
        response = client.post(path, content=body, headers={"Content-Type": FORM, **headers})
        assert response.status_code == 401
    slack.quiet_for(0.3, 0)


def test_not_installed_without_a_signing_secret(
    make_client: Callable[..., httpx.Client], slack: SlackStandIn, tmp_path: Path
) -> None:
    client = make_client(data_dir=tmp_path)
    body = command_body(HARBOUR, slack.response_url())
    for path in ("/slack/commands", "/slack/interactions", "/slack/events"):
        response = client.post(path, content=body, headers={"Content-Type": FORM, **signed(body)})
        assert response.status_code == 404
    assert all(not p.startswith("/slack") for p in client.get("/openapi.json").json()["paths"])
    slack.quiet_for(0.3, 0)


# retries and duplicates


def test_a_retried_request_is_acknowledged_without_a_second_answer(
    client: httpx.Client, slack: SlackStandIn
) -> None:
    body = command_body(HARBOUR, slack.response_url())
    first = send(client, "/slack/commands", body, FORM)
    retry = send(client, "/slack/commands", body, FORM, {"X-Slack-Retry-Num": "1"})
    same_trigger = send(client, "/slack/commands", body, FORM)
    assert first.json()["text"].startswith("Working on it")
    for response in (retry, same_trigger):
        assert response.status_code == 200 and response.content == b""
    slack.wait_for(1)

    retried_event = event_body(mention(f"<@UBOT> <{slack.url}/news/velmora>"))
    response = send(
        client,
        "/slack/events",
        retried_event,
        "application/json",
        {
            "X-Slack-Retry-Num": "2",
            "X-Slack-Retry-Reason": "http_timeout",
        },
    )
    assert response.status_code == 200
    slack.quiet_for(1.0, 1)


def test_an_event_delivered_twice_is_answered_once(
    client: httpx.Client, slack: SlackStandIn
) -> None:
    slack.pages["/news/velmora"] = HARBOUR_PAGE
    body = event_body(mention(f"<@UBOT> brief <{slack.url}/news/velmora>"), event_id="Ev0TWICE")
    for _ in range(2):
        assert send(client, "/slack/events", body, "application/json").status_code == 200
    slack.wait_for(1)
    slack.quiet_for(1.0, 1)


# the Events API


def test_url_verification_challenge_is_answered(client: httpx.Client) -> None:
    body = json.dumps(
        {
            "token": "x",
            "challenge": "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P",
            "type": "url_verification",
        }
    ).encode()
    response = send(client, "/slack/events", body, "application/json")
    assert response.status_code == 200
    assert response.json() == {"challenge": "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P"}


def test_app_mention_with_a_link_is_briefed_in_its_thread(
    client: httpx.Client, slack: SlackStandIn
) -> None:
    slack.pages["/news/velmora"] = HARBOUR_PAGE
    body = event_body(mention(f"<@UBOT> what does this say? <{slack.url}/news/velmora|the story>"))
    response = send(client, "/slack/events", body, "application/json")
    assert response.status_code == 200 and response.content == b""

    [answer] = slack.wait_for(1)
    assert answer.path == "/api/chat.postMessage"
    assert answer.headers["authorization"] == f"Bearer {TOKEN}"
    assert answer.headers["content-type"].startswith("application/json")
    assert answer.body["channel"] == "C0002"
    assert answer.body["thread_ts"] == "1700000000.000200"
    blocks = assert_within_limits(answer.body)
    assert texts(blocks, "header") == ["Brief: Velmora port at a standstill"]
    assert any("the port authority" in s for s in claim_sections(blocks))


def test_app_mention_without_a_link_gets_a_hint(client: httpx.Client, slack: SlackStandIn) -> None:
    body = event_body(mention("<@UBOT> hello there"))
    assert send(client, "/slack/events", body, "application/json").status_code == 200
    [answer] = slack.wait_for(1)
    assert answer.path == "/api/chat.postEphemeral"
    assert answer.body == {
        "text": MENTION_HINT,
        "channel": "C0002",
        "thread_ts": "1700000000.000200",
        "user": "U0002",
    }


# the message shortcut


def test_message_shortcut_briefs_the_link_in_the_message(
    client: httpx.Client, slack: SlackStandIn
) -> None:
    slack.pages["/news/velmora"] = HARBOUR_PAGE
    response_url = slack.response_url()
    payload = {
        "type": "message_action",
        "callback_id": "brief_article",
        "trigger_id": uuid.uuid4().hex,
        "response_url": response_url,
        "team": {"id": "T0001", "domain": "newsroom"},
        "channel": {"id": "C0003", "name": "desk"},
        "user": {"id": "U0003", "name": "editor"},
        "message_ts": "1700000000.000300",
        "message": {
            "type": "message",
            "user": "U0004",
            "ts": "1700000000.000300",
            "text": f"Worth a look before the meeting: <{slack.url}/news/velmora>",
        },
    }
    body = urlencode({"payload": json.dumps(payload)}).encode()
    response = send(client, "/slack/interactions", body, FORM)
    assert response.status_code == 200 and response.content == b""

    working, answer = slack.wait_for(2)
    assert working.path == answer.path == response_url.removeprefix(slack.url)
    assert working.body["response_type"] == "ephemeral"
    assert working.body["text"].startswith("Working on it")
    assert answer.body["response_type"] == "in_channel"
    blocks = assert_within_limits(answer.body)
    assert texts(blocks, "header") == ["Brief: Velmora port at a standstill"]


def test_a_malformed_interaction_is_refused(client: httpx.Client, slack: SlackStandIn) -> None:
    body = urlencode({"payload": "{not json"}).encode()
    response = send(client, "/slack/interactions", body, FORM)
    assert response.status_code == 422
    assert response.json()["type"] == "urn:fairbrief:problem:malformed-slack-request"
    slack.quiet_for(0.3, 0)


# the three-second rule, the LLM and offline-only


def test_the_acknowledgement_is_fast_when_the_engine_is_slow(
    slack_app: Callable[..., httpx.Client], slack: SlackStandIn
) -> None:
    with serve_fake_openai() as fake:
        fake.fallback = lambda body: slow(completion(EMPTY_OUTPUT), 4.0)
        client = slack_app(openai_api_key="test", openai_base_url=fake.base_url, engine="llm")
        started = time.perf_counter()
        response = command(client, slack, HARBOUR)
        acknowledged = time.perf_counter() - started
        assert response.json()["text"].startswith("Working on it")
        assert acknowledged < 1.0

        [answer] = slack.wait_for(1, timeout=30)
        assert time.perf_counter() - started > 3.5  # the brief came after the engine's delay
        assert len(fake.requests) == 1
    blocks = assert_within_limits(answer.body)
    assert answer.body["response_type"] == "in_channel"
    assert "engine *llm*" in texts(blocks, "context")[-1]
    assert "No attributed claims" in "".join(texts(blocks, "section"))


def test_an_unavailable_llm_gets_an_ephemeral_message(
    slack_app: Callable[..., httpx.Client], slack: SlackStandIn
) -> None:
    with serve_fake_openai() as fake:
        fake.fallback = lambda body: error(503, "overloaded")
        client = slack_app(
            openai_api_key="test", openai_base_url=fake.base_url, engine="llm", llm_max_retries=0
        )
        command(client, slack, HARBOUR)
        [answer] = slack.wait_for(1, timeout=30)
    assert answer.body["response_type"] == "ephemeral"
    assert answer.body["text"].startswith(":warning: The language model is unavailable")


def test_offline_only_never_sends_the_article_to_the_llm(
    slack_app: Callable[..., httpx.Client], slack: SlackStandIn
) -> None:
    with serve_fake_openai() as fake:
        client = slack_app(
            openai_api_key="test", openai_base_url=fake.base_url, engine="llm", offline_only=True
        )
        command(client, slack, HARBOUR)
        [answer] = slack.wait_for(1, timeout=30)
        assert fake.requests == []
    assert "engine *offline-rules*" in texts(answer.body["blocks"], "context")[-1]


# pure parts: reading Slack's text, rendering a Result


@pytest.mark.parametrize(
    ("text", "link", "plain"),
    [
        (
            "<https://news.example/a?b=1&amp;c=2|the story>",
            "https://news.example/a?b=1&c=2",
            "the story",
        ),
        (
            "<@U123> see <https://news.example/a>",
            "https://news.example/a",
            "see https://news.example/a",
        ),
        ("read https://news.example/a.", "https://news.example/a", "read https://news.example/a."),
        (
            "Rates rose &amp; fell &lt;sharply&gt; in <#C1|markets>",
            None,
            "Rates rose & fell <sharply> in #markets",
        ),
        ("<!here> nothing", None, "nothing"),
    ],
)
def test_find_article_reads_slack_markup(text: str, link: str | None, plain: str) -> None:
    assert find_article(text) == (link, plain)


def test_choose_article_prefers_the_link_unless_the_text_is_the_article() -> None:
    assert choose_article("<https://news.example/a>") is not None
    about_link = choose_article("look: <https://news.example/a>")
    assert about_link is not None and about_link.url == "https://news.example/a"
    long_text = HARBOUR + " See also <https://news.example/a>."
    chosen = choose_article(long_text)
    assert chosen is not None and chosen.url is None and chosen.text is not None
    assert "https://news.example/a" in chosen.text
    assert choose_article("  <@U1>  ") is None


def _result(**changes: Any) -> Result:
    text = "The council said the bridge would reopen. <!channel> was typed here."
    base: dict[str, Any] = {
        "article": {
            "id": "0123456789abcdef",
            "title": None,
            "language": "en",
            "format": "text",
            "text": text,
            "paragraphs": [],
            "sentences": [],
            "chrome": [],
        },
        "summary": {"text": "The council said the bridge would reopen.", "sentences": []},
        "claims": [],
        "non_responses": [],
        "conflicts": [],
        "warnings": [],
        "meta": {
            "engine": "offline-rules",
            "engine_version": "0.2.0",
            "model": None,
            "fairbrief_version": "0.1.0",
            "timings_ms": {"total": 1.0},
            "usage": {},
            "verify": {},
        },
    }
    base.update(changes)
    return Result.model_validate(base)


def _claim(i: int, source: str, quote: str, **changes: Any) -> dict[str, Any]:
    return {
        "id": f"c{i}",
        "statement": quote,
        "source": {"name": source, "type": "organization"},
        "stance": "asserts",
        "evidence": {"start": 0, "end": len(quote), "text": quote},
        "sentence_ids": ["S1"],
        "verified": True,
        **changes,
    }


def test_render_result_stays_within_every_limit_however_large_the_result() -> None:
    huge = "word " * 2000
    result = _result(
        article={**_result().article.model_dump(), "title": "T" * 400},
        summary={"text": huge, "sentences": []},
        claims=[_claim(i, f"Source {i % 3}", f"quote {i} " + "x" * (i % 700)) for i in range(300)]
        + [_claim(999, "The Long One", huge, stance="denies", verified=False)],
        non_responses=[
            {
                "source": {"name": f"Ministry {i}", "type": "government"},
                "evidence": {"start": 0, "end": 4, "text": huge},
                "sentence_ids": ["S1"],
            }
            for i in range(20)
        ],
        conflicts=[{"claim_ids": ["c1", "c2"], "about": huge} for _ in range(20)],
        warnings=[{"code": "unverified-claim", "message": huge} for _ in range(200)],
        meta={
            **_result().meta.model_dump(),
            "model": "m" * 100,
            "cached": True,
            "prompt_version": "claims@v3",
        },
    )
    message = render_result(result, origin="https://news.example/" + "a" * 5000)
    blocks = assert_within_limits(message)
    header = blocks[0]["text"]["text"]
    assert header.startswith("Brief: TTT") and header.endswith("\u2026")
    [note] = [c for c in texts(blocks, "context") if "not shown" in c]
    assert "more claims not shown \u2014 full result: use the API" in note
    sections = "\n".join(texts(blocks, "section"))
    assert "*:warning: Warnings (200)*" in sections and "and 197 more" in sections
    assert "Conflicts (20)" in sections and "No response (20)" in sections
    assert texts(blocks, "context")[-1] == (
        f"engine *offline-rules* 0.2.0 model {'m' * 100} prompt claims@v3 cached fairbrief 0.1.0"
    )


def test_render_result_escapes_article_text_and_marks_unverified_claims() -> None:
    result = _result(
        claims=[
            _claim(1, "the port authority", "cranes <!channel> stood & idle"),
            _claim(2, "The Port  Authority", "talks failed", stance="denies", verified=False),
        ]
    )
    blocks = assert_within_limits(render_result(result))
    [section] = claim_sections(blocks)
    assert section == (
        "*the port authority* \u00b7 organization\n"
        "\u2022 \u201ccranes &lt;!channel&gt; stood &amp; idle\u201d\n"
        "\u2022 \u201ctalks failed\u201d _(denies)_ :warning: _unverified_"
    )
    assert "<!channel>" not in json.dumps(blocks)


def test_shutdown_cancels_briefs_still_running(tmp_path: Path) -> None:
    class StuckSummarizer:
        async def summarize(self, request: object) -> None:
            await asyncio.sleep(3600)

    settings = get_settings(slack_signing_secret=SECRET, data_dir=tmp_path)

    async def run() -> tuple[asyncio.Task[None], dict[str, str] | None]:
        slack = SlackApp(settings, StuckSummarizer(), shutdown_grace_seconds=0.05)  # type: ignore[arg-type]
        form = {"text": HARBOUR, "response_url": "http://127.0.0.1:9/respond", "trigger_id": "t1"}
        slack.accept_command(form, retried=False)
        [task] = slack._tasks
        await slack.aclose()
        late = slack.accept_command({**form, "trigger_id": "t2"}, retried=False)
        return task, late

    task, late = asyncio.run(run())
    assert task.cancelled()
    assert late is not None and "try again" in late["text"]


def test_the_manifest_points_at_the_routes_with_the_scopes_it_needs() -> None:
    manifest = yaml.safe_load(
        (Path(__file__).parent.parent / "deploy/slack-manifest.yaml").read_text()
    )
    paths = {getattr(route, "path", None) for route in slack_router.routes}
    urls = [
        *(c["url"] for c in manifest["features"]["slash_commands"]),
        manifest["settings"]["event_subscriptions"]["request_url"],
        manifest["settings"]["interactivity"]["request_url"],
    ]
    assert all(u.startswith("https://fairbrief.example.org/slack/") for u in urls)
    assert {u.removeprefix("https://fairbrief.example.org") for u in urls} <= paths
    assert [c["command"] for c in manifest["features"]["slash_commands"]] == ["/brief"]
    assert manifest["features"]["shortcuts"][0]["type"] == "message"
    assert manifest["features"]["shortcuts"][0]["name"] == "Brief this article"
    assert manifest["settings"]["event_subscriptions"]["bot_events"] == ["app_mention"]
    assert set(manifest["oauth_config"]["scopes"]["bot"]) == {
        "commands",
        "chat:write",
        "app_mentions:read",
    }
