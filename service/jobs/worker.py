"""The worker process behind ``fairbrief worker``: an arq worker over ``arq_queue``'s jobs.

Start as many as the work needs, on any machine that reaches the Redis server; each runs
``batch_workers`` items at a time. SIGTERM (or Ctrl-C) stops it taking items and gives those
it holds the job timeout to finish; anything unfinished goes back to the queue. A worker
that dies without a word (SIGKILL, a lost machine) has its items taken by another worker
once their "in progress" keys expire.
"""

from __future__ import annotations

from arq.worker import Worker, create_worker

from service.jobs.arq_queue import IN_PROGRESS_GRACE_SECONDS, item_timeout, worker_settings
from service.settings import Settings


def build_worker(settings: Settings) -> Worker:
    """The arq worker for these settings (a ``ValueError`` when they do not allow one);
    ``run()`` runs it until a signal stops it."""
    worker = create_worker(worker_settings(settings))
    # arq keeps a job "in progress" for its longest timeout plus 10 s; a dead worker's items
    # wait that long before another worker takes them. The job timeout already bounds a run
    # that is still alive, so a few seconds past it are enough.
    worker.in_progress_timeout_s = item_timeout(settings) + IN_PROGRESS_GRACE_SECONDS
    return worker
