"""The application: routes over services, with their schemas, models and middlewares."""
