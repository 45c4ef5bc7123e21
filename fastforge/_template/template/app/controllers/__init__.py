"""Controllers: the glue between HTTP and the services. A controller takes what a route
received, calls the services, builds the response schema, and maps domain errors such as
`NotFoundError` to HTTP errors; `errors.py` also renders every error in one JSON shape."""
