"""Slack's endpoints: a slash command, a message shortcut and the Events API.

They are not behind the API keys: Slack cannot send one. Each request is authenticated by
its Slack signature alone (``SlackApp.verify``); a missing, wrong or stale signature gets
401 and nothing else happens. Without a configured signing secret the app is not installed
and the routes answer 404. The work itself happens in ``service.slack``; these handlers
read the raw body (the signature covers the exact bytes), check it and answer at once.
"""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse

from service.api.problems import problem
from service.slack import SlackApp
from service.slack.app import read_form, read_json

router = APIRouter(prefix="/slack", include_in_schema=False)


async def _signed_body(request: Request) -> bytes | Response:
    """The raw body when Slack signed it; otherwise the problem to answer."""
    slack: SlackApp = request.app.state.slack
    if not slack.installed:
        return problem(request, 404, "not-installed", "the Slack app is not installed here")
    body = await request.body()
    timestamp = request.headers.get("x-slack-request-timestamp")
    if not slack.verify(body, timestamp, request.headers.get("x-slack-signature")):
        return problem(
            request, 401, "bad-signature", "the Slack signature is missing, wrong or too old"
        )
    return body


def _retried(request: Request) -> bool:
    return request.headers.get("x-slack-retry-num") is not None


def _answer(body: dict[str, str] | None) -> Response:
    return Response(status_code=200) if body is None else JSONResponse(body)


@router.post("/commands")
async def slack_command(request: Request) -> Response:
    body = await _signed_body(request)
    if isinstance(body, Response):
        return body
    slack: SlackApp = request.app.state.slack
    return _answer(slack.accept_command(read_form(body), retried=_retried(request)))


@router.post("/interactions")
async def slack_interaction(request: Request) -> Response:
    body = await _signed_body(request)
    if isinstance(body, Response):
        return body
    payload = read_json(read_form(body).get("payload", ""), "interaction payload")
    slack: SlackApp = request.app.state.slack
    slack.accept_shortcut(payload, retried=_retried(request))
    return _answer(None)


@router.post("/events")
async def slack_event(request: Request) -> Response:
    body = await _signed_body(request)
    if isinstance(body, Response):
        return body
    slack: SlackApp = request.app.state.slack
    return _answer(slack.accept_event(read_json(body, "event"), retried=_retried(request)))
