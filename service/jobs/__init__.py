"""Batch jobs: many articles in one request, summarised by in-process workers over SQLite.

``store`` keeps jobs and items in one SQLite file, ``service`` runs the workers and answers
the API, ``webhook`` tells a client's server that a job is done.
"""

from service.jobs.service import ItemInput, JobService
from service.jobs.store import Job, JobItem, JobStore

__all__ = ["ItemInput", "Job", "JobItem", "JobService", "JobStore"]
