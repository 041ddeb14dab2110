"""The Slack shell: signature checks, the three entry points, Block Kit rendering.

Only this package imports Slack libraries; the routes live in ``service/api/slack.py``.
"""

from service.slack.app import SlackApp, SlackPayloadError
from service.slack.blocks import render_result

__all__ = ["SlackApp", "SlackPayloadError", "render_result"]
