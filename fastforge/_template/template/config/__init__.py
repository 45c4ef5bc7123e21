"""Set-up read at start: settings, logging and the database connection; nothing from `app`."""
