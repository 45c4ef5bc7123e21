"""Pydantic models of the request and response bodies: the API's contract."""
