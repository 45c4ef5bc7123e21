"""Tasks: work that runs outside the request, in a Celery worker. `worker.py` holds the one
Celery application, which the API imports to enqueue tasks and the worker to run them; each
other module holds tasks that, like controllers, hand the real work to the services."""
