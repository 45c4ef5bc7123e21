"""Configuration: typed settings read from the environment and `.env` (`settings.py`), logging
set-up (`logging.py`) and the database connection once one is chosen (`db.py`). Modules here
hold set-up only; the code that uses it lives in `app`."""
