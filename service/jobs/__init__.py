"""Batch jobs: many articles in one request, summarised in the background.

Two queues behind one interface: ``service.JobService`` (the default: jobs and items in one
SQLite file, ``store``, and workers in the service process) and ``arq_queue.ArqJobService``
(jobs in Redis, ``redis_store``, and ``fairbrief worker`` processes on any machine, through
arq). ``webhook`` tells a client's server that a job is done.
"""

from service.jobs.service import ItemInput, JobService
from service.jobs.store import Job, JobItem, JobStore

__all__ = ["ItemInput", "Job", "JobItem", "JobService", "JobStore"]
