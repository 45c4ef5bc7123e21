"""Controllers: compose service results into responses; `errors.py` renders every error."""
