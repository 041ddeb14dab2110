"""The Slack app: signed requests in, briefs out, within Slack's three-second rule.

``SlackApp`` is made once per service (``app.state.slack``). The routes in
``service/api/slack.py`` hand it a request's raw body and headers; it

- checks the signature with slack_sdk's ``SignatureVerifier`` over the raw body (v0 HMAC
  with the signing secret; a timestamp more than five minutes off is refused by the SDK);
- answers at once, and does the work in a background task (kept in ``_tasks`` so it is not
  garbage-collected, awaited for a grace period and then cancelled on shutdown);
- never starts work for a Slack retry (``X-Slack-Retry-Num``), nor twice for the same
  ``event_id`` or ``trigger_id`` seen in the last ten minutes (in memory, per process);
- summarises through the service's one ``Summarizer`` (URL fetch through the one guarded
  fetcher, cache, engine, verify, deadline; offline-only is enforced there), and
- posts the answer to the ``response_url`` (slash command, message shortcut) or with
  ``chat.postMessage`` in the thread (``app_mention``); errors go back as a short
  ephemeral message written for people, never a stack trace.

Why httpx and not slack_sdk's async clients: ``AsyncWebhookClient`` and ``AsyncWebClient``
are built on aiohttp, which is not a dependency of this service (and is not installed).
Rather than add a second HTTP stack for two POST requests, the answers go through one
shared ``httpx.AsyncClient(trust_env=False)``, made on first use and closed in ``aclose()``;
the Web API base URL is ``settings.slack_api_url`` as it would be for ``AsyncWebClient``.

Nothing secret is logged: not the signing secret, not the bot token (sent only in the
Authorization header), not the ``response_url``, and no article text.
"""

from __future__ import annotations

import asyncio
import html
import json
import logging
import re
import time
import traceback
from collections.abc import Coroutine, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl

import httpx
from slack_sdk.signature import SignatureVerifier

from service import __version__
from service.errors import (
    BackendError,
    BackendTimeoutError,
    EmptyInputError,
    EngineUnavailableError,
    FairbriefError,
    FetchError,
    InputError,
    InputTooLargeError,
    UrlRefusedError,
)
from service.pipeline.summarizer import ArticleRequest, Summarizer
from service.settings import Settings
from service.slack.blocks import Message, escape, render_result

log = logging.getLogger("fairbrief.slack")

DEDUPE_SECONDS = 600.0
DEDUPE_MAX_IDS = 10_000
SHUTDOWN_GRACE_SECONDS = 10.0
LINK_NOTE_CHARS = 280
"""A message with a link and at most this much other text is about the link; with more
text, the text is the article."""

USAGE = (
    "Usage: `/brief <article URL>` or `/brief <pasted article text>`. fairbrief answers in "
    "this channel with a neutral summary and the article's claims, grouped by source, each "
    "with the words of the article that carry it."
)
WORKING = "Working on it\u2026 the brief will appear here in a moment."
MENTION_HINT = "Mention me with a link to an article, and I will brief it in this thread."
NOTHING_TO_BRIEF = "That message has no link or text to brief."
SHUTTING_DOWN = "fairbrief is restarting; please try again in a minute."
UNEXPECTED = "Something went wrong on fairbrief's side; it was logged. Please try again."

_MARKUP = re.compile(r"<([^<>\n]*)>")
_BARE_LINK = re.compile(r"https?://[^\s<>|\"]+", re.IGNORECASE)


class SlackPayloadError(InputError):
    """A signed Slack request whose body is not the form or JSON Slack sends."""

    code = "malformed-slack-request"


@dataclass(frozen=True)
class Destination:
    """Where an answer goes: a ``response_url``, or a channel (and thread) via the Web API."""

    response_url: str | None = None
    channel: str | None = None
    thread_ts: str | None = None
    user: str | None = None


def read_form(body: bytes) -> dict[str, str]:
    """A form-encoded Slack body (slash commands, interactions) as a dict."""
    try:
        return dict(parse_qsl(body.decode("utf-8"), keep_blank_values=True, strict_parsing=False))
    except UnicodeDecodeError as error:
        raise SlackPayloadError("the Slack request body is not UTF-8") from error


def read_json(text: str | bytes, what: str) -> dict[str, Any]:
    try:
        data = json.loads(text)
    except (ValueError, UnicodeDecodeError) as error:
        raise SlackPayloadError(f"the Slack {what} is not valid JSON") from error
    if not isinstance(data, dict):
        raise SlackPayloadError(f"the Slack {what} is not a JSON object")
    return data


def find_article(text: str) -> tuple[str | None, str]:
    """``(first link, plain text)`` of a Slack message: links (``<url|label>``) unwrapped,
    mentions dropped, Slack's escapes undone. A bare URL counts as a link too (commands
    that Slack does not escape send them so)."""
    links: list[str] = []

    def unwrap(match: re.Match[str]) -> str:
        target, _, label = match.group(1).partition("|")
        if target.lower().startswith(("http://", "https://")):
            links.append(html.unescape(target))
            return label or target
        if target.startswith("mailto:"):
            return label or target[len("mailto:") :]
        if target.startswith("#"):
            return f"#{label}" if label else ""
        if target.startswith(("@", "!")):
            return ""
        return match.group(0)

    plain = html.unescape(_MARKUP.sub(unwrap, text)).strip()
    if not links and (bare := _BARE_LINK.search(plain)):
        links.append(bare.group(0).rstrip(".,;:!?)]}'\u201d"))
    return (links[0] if links else None), plain


def choose_article(text: str) -> ArticleRequest | None:
    """The link when the message is about a link, else the pasted text; None when empty."""
    link, plain = find_article(text)
    rest = _BARE_LINK.sub("", html.unescape(_MARKUP.sub("", text))).strip()
    if link is not None and len(rest) <= LINK_NOTE_CHARS:
        return ArticleRequest(url=link)
    return ArticleRequest(text=plain) if plain else None


def explain(error: FairbriefError) -> str:
    """A fairbrief error as one line for the person who asked."""
    message = escape(error.message).rstrip(". ")
    if isinstance(error, InputTooLargeError):
        return f":warning: That article is too long for fairbrief: {message}."
    if isinstance(error, EmptyInputError):
        return f":warning: There is no article text to brief ({message}). {USAGE}"
    if isinstance(error, UrlRefusedError):
        return f":no_entry: fairbrief refused that URL: {message}."
    if isinstance(error, FetchError):
        return f":warning: The article could not be fetched: {message}."
    if isinstance(error, EngineUnavailableError):
        return f":warning: That engine is not available on this service: {message}."
    if isinstance(error, BackendTimeoutError):
        return (
            f":hourglass: The brief took too long ({message}); the language model may be slow "
            "or unavailable. Please try again later."
        )
    if isinstance(error, BackendError):
        return (
            f":warning: The language model is unavailable right now ({message}). "
            "Please try again in a few minutes."
        )
    return f":warning: fairbrief could not brief this article: {message}."


class _RecentIds:
    """Ids seen in the last ``seconds`` (Slack's event and trigger ids), oldest first."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self._seen: dict[str, float] = {}

    def first_time(self, key: str) -> bool:
        now = time.monotonic()
        while self._seen:
            oldest, seen_at = next(iter(self._seen.items()))
            if now - seen_at < self.seconds and len(self._seen) < DEDUPE_MAX_IDS:
                break
            del self._seen[oldest]
        if key in self._seen:
            return False
        self._seen[key] = now
        return True


class SlackApp:
    """Slack's three entry points over the summarizer; ``aclose()`` at shutdown."""

    def __init__(
        self,
        settings: Settings,
        summarizer: Summarizer,
        *,
        shutdown_grace_seconds: float = SHUTDOWN_GRACE_SECONDS,
    ) -> None:
        self.settings = settings
        self.summarizer = summarizer
        self.shutdown_grace_seconds = shutdown_grace_seconds
        secret = settings.slack_signing_secret
        secret_text = secret.get_secret_value().strip() if secret is not None else ""
        self._verifier = SignatureVerifier(secret_text) if secret_text else None
        self._recent = _RecentIds(DEDUPE_SECONDS)
        self._tasks: set[asyncio.Task[None]] = set()
        self._http: httpx.AsyncClient | None = None
        self._closing = False

    @property
    def installed(self) -> bool:
        """True when a signing secret is configured; without one, no request is taken."""
        return self._verifier is not None

    def verify(self, body: bytes, timestamp: str | None, signature: str | None) -> bool:
        """Slack's v0 signature over the raw body, checked by slack_sdk (which also refuses a
        timestamp more than five minutes off)."""
        if self._verifier is None or not timestamp or not signature:
            return False
        if not timestamp.isascii() or not timestamp.isdigit():
            return False  # the SDK would raise on int()
        return self._verifier.is_valid(body=body, timestamp=timestamp, signature=signature)

    # entry points: each returns at once; the work goes on in a task

    def accept_command(self, form: Mapping[str, str], *, retried: bool) -> dict[str, str] | None:
        """``/brief <url or text>``: the immediate ephemeral answer (None: an empty 200)."""
        if retried or not self._first_time("trigger", form.get("trigger_id")):
            return None
        text = form.get("text", "")
        article = choose_article(text)
        if article is None or text.strip().lower() in {"help", "-h", "--help"}:
            return {"response_type": "ephemeral", "text": USAGE}
        response_url = form.get("response_url", "")
        if not response_url.startswith(("https://", "http://")):
            raise SlackPayloadError("the slash command carries no response_url")
        if not self._spawn(self._brief(article, Destination(response_url=response_url))):
            return {"response_type": "ephemeral", "text": SHUTTING_DOWN}
        return {"response_type": "ephemeral", "text": WORKING}

    def accept_shortcut(self, payload: Mapping[str, Any], *, retried: bool) -> None:
        """The "Brief this article" message shortcut (``message_action``)."""
        if retried or payload.get("type") != "message_action":
            return
        if not self._first_time("trigger", payload.get("trigger_id")):
            return
        response_url = payload.get("response_url")
        if not isinstance(response_url, str) or not response_url.startswith("http"):
            raise SlackPayloadError("the message shortcut carries no response_url")
        message = payload.get("message")
        text = message.get("text") if isinstance(message, dict) else None
        to = Destination(response_url=response_url)
        article = choose_article(text) if isinstance(text, str) else None
        if article is None:
            self._spawn(self._say(to, NOTHING_TO_BRIEF))
        else:
            self._spawn(self._brief(article, to, working=True))

    def accept_event(self, envelope: Mapping[str, Any], *, retried: bool) -> dict[str, str] | None:
        """The Events API: the URL verification challenge is answered; an ``app_mention``
        with a link is briefed in its thread."""
        if envelope.get("type") == "url_verification":
            return {"challenge": str(envelope.get("challenge", ""))}
        event = envelope.get("event")
        if retried or envelope.get("type") != "event_callback" or not isinstance(event, dict):
            return None
        if event.get("type") != "app_mention" or event.get("bot_id"):
            return None
        if not self._first_time("event", envelope.get("event_id")):
            return None
        channel = event.get("channel")
        if not isinstance(channel, str):
            raise SlackPayloadError("the app_mention event names no channel")
        to = Destination(
            channel=channel,
            thread_ts=event.get("thread_ts") or event.get("ts"),
            user=event.get("user"),
        )
        link, _ = find_article(str(event.get("text", "")))
        if link is None:
            self._spawn(self._say(to, MENTION_HINT))
        else:
            self._spawn(self._brief(ArticleRequest(url=link), to))
        return None

    # background work

    async def _brief(self, article: ArticleRequest, to: Destination, working: bool = False) -> None:
        if working:
            await self._say(to, WORKING)
        try:
            result = await self.summarizer.summarize(article)
        except FairbriefError as error:
            log.info("slack brief refused or failed: %s", error.code)
            await self._say(to, explain(error))
            return
        except Exception as error:
            frames = traceback.extract_tb(error.__traceback__)
            where = f"{frames[-1].filename}:{frames[-1].lineno}" if frames else "unknown"
            log.error("slack brief failed unexpectedly: %s at %s", type(error).__name__, where)
            await self._say(to, UNEXPECTED)
            return
        await self._post(to, render_result(result, origin=article.url), public=True)

    async def _say(self, to: Destination, text: str) -> None:
        """A short message only the person who asked sees."""
        await self._post(to, {"text": text}, public=False)

    async def _post(self, to: Destination, message: Message, *, public: bool) -> None:
        if to.response_url is not None:
            kind = "in_channel" if public else "ephemeral"
            body = {**message, "response_type": kind, "replace_original": False}
            await self._send("response_url", to.response_url, body)
        elif to.channel is not None:
            where: dict[str, Any] = {"channel": to.channel}
            if to.thread_ts:
                where["thread_ts"] = to.thread_ts
            if public or not to.user:
                body = {**message, **where, "unfurl_links": False, "unfurl_media": False}
                await self._call("chat.postMessage", body)
            else:
                await self._call("chat.postEphemeral", {**message, **where, "user": to.user})

    async def _call(self, method: str, body: dict[str, Any]) -> None:
        """A Slack Web API method, with the bot token."""
        token = self.settings.slack_bot_token
        if token is None:
            log.warning("cannot call Slack's %s: FAIRBRIEF_SLACK_BOT_TOKEN is not set", method)
            return
        url = f"{self.settings.slack_api_url.rstrip('/')}/{method}"
        headers = {"Authorization": f"Bearer {token.get_secret_value()}"}
        response = await self._send(method, url, body, headers)
        if response is None:
            return
        try:
            answer = response.json()
        except ValueError:
            answer = {}
        if not isinstance(answer, dict) or not answer.get("ok"):
            error = answer.get("error") if isinstance(answer, dict) else None
            log.warning("Slack's %s refused the message: %s", method, error or "no answer")

    async def _send(
        self, what: str, url: str, body: dict[str, Any], headers: dict[str, str] | None = None
    ) -> httpx.Response | None:
        try:
            response = await self._client().post(
                url,
                content=json.dumps(body).encode("utf-8"),
                headers={"Content-Type": "application/json; charset=utf-8", **(headers or {})},
            )
        except httpx.HTTPError as error:
            log.warning("posting to Slack (%s) failed: %s", what, type(error).__name__)
            return None
        if response.status_code >= 300:
            log.warning("posting to Slack (%s) answered %d", what, response.status_code)
        return response

    def _client(self) -> httpx.AsyncClient:
        if self._http is None:
            self._http = httpx.AsyncClient(
                trust_env=False,
                follow_redirects=False,
                timeout=httpx.Timeout(10.0, connect=5.0),
                headers={"User-Agent": f"fairbrief/{__version__} (slack)"},
            )
        return self._http

    def _first_time(self, kind: str, key: object) -> bool:
        """False for an event or trigger id already seen lately (a duplicate delivery)."""
        if not isinstance(key, str) or not key:
            return True
        return self._recent.first_time(f"{kind}:{key}")

    def _spawn(self, work: Coroutine[Any, Any, None]) -> bool:
        """Runs ``work`` in a task the app keeps; False when shutting down (not started)."""
        if self._closing:
            work.close()
            log.warning("the service is shutting down; a Slack request was not started")
            return False
        task = asyncio.get_running_loop().create_task(work)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return True

    async def aclose(self) -> None:
        """Let running briefs finish for a grace period, cancel the rest, close the client."""
        self._closing = True
        if self._tasks:
            _, pending = await asyncio.wait(set(self._tasks), timeout=self.shutdown_grace_seconds)
            for task in pending:
                task.cancel()
            if pending:
                log.warning("cancelled %d Slack briefs at shutdown", len(pending))
                await asyncio.gather(*pending, return_exceptions=True)
        if self._http is not None:
            await self._http.aclose()
            self._http = None
