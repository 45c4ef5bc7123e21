"""The application package. A request flows routes -> controllers -> services: routes declare
the HTTP surface, controllers translate between HTTP and the services, and services hold the
business logic and data access. Schemas describe request and response bodies, models the
database tables, middlewares wrap every request, and utils hold small shared helpers."""
