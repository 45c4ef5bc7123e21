"""Celery tasks, run by the worker of `worker.py`; they hand the work to the services."""
