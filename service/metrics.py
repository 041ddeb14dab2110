"""Prometheus metrics, one registry per app (so that several apps in one process, as in the
tests, never share counters). Labels carry routes, engines and outcomes, never article text.

With several service processes (``fairbrief serve --workers N``), ``PROMETHEUS_MULTIPROC_DIR``
is set before they start: prometheus_client then keeps every value in a file per process
there, and ``exposition()`` adds them up, so that /metrics tells the same totals whichever
process answers."""

from __future__ import annotations

import os

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest
from prometheus_client.multiprocess import MultiProcessCollector

MULTIPROCESS_ENV = "PROMETHEUS_MULTIPROC_DIR"

_LATENCY_BUCKETS = (0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120)


class Metrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        r = self.registry
        self.requests = Counter(
            "fairbrief_http_requests",
            "HTTP requests by route, method and status",
            ["route", "method", "status"],
            registry=r,
        )
        self.latency = Histogram(
            "fairbrief_http_request_duration_seconds",
            "HTTP request latency by route",
            ["route"],
            buckets=_LATENCY_BUCKETS,
            registry=r,
        )
        self.summaries = Counter(
            "fairbrief_summaries",
            "Results produced, by engine and outcome",
            ["engine", "outcome"],
            registry=r,
        )
        self.llm_calls = Counter("fairbrief_llm_calls", "Calls to the LLM", registry=r)
        self.llm_tokens = Counter(
            "fairbrief_llm_tokens",
            "LLM tokens, by kind (prompt, completion)",
            ["kind"],
            registry=r,
        )
        self.llm_cost = Counter(
            "fairbrief_llm_cost_usd", "Estimated LLM cost from the price table", registry=r
        )
        self.cache = Counter(
            "fairbrief_cache_lookups",
            "Result cache lookups, by result (hit, miss)",
            ["result"],
            registry=r,
        )
        self.verify_dropped = Counter(
            "fairbrief_verify_dropped",
            "Draft items verify dropped, by kind (claim, non_response, conflict, summary)",
            ["kind"],
            registry=r,
        )
        self.verify_flagged = Counter(
            "fairbrief_verify_flagged",
            "Draft items kept but flagged unverified, by kind (claim, summary)",
            ["kind"],
            registry=r,
        )
        self.jobs_queued = Gauge(
            "fairbrief_batch_items_queued",
            "Batch items waiting or running",
            registry=r,
            multiprocess_mode="mostrecent",  # every process counts the same shared queue
        )
        self.batch_items = Counter(
            "fairbrief_batch_items",
            "Batch items finished, by outcome (done, failed)",
            ["outcome"],
            registry=r,
        )

    def exposition(self) -> bytes:
        """The text /metrics answers: this app's registry, or every process's files."""
        if os.environ.get(MULTIPROCESS_ENV):
            registry = CollectorRegistry()
            MultiProcessCollector(registry)
            return generate_latest(registry)
        return generate_latest(self.registry)
