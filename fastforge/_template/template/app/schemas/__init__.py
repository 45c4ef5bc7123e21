"""Schemas: Pydantic v2 models for request and response bodies. They are the API's contract:
routes declare them, controllers build them from service results, and FastAPI validates and
documents them in the OpenAPI schema."""
