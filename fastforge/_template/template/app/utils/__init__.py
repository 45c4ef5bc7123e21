"""Utilities: small helpers shared by every layer that know nothing about routes or business
rules, such as the request-id context, the version lookup and the OpenAPI exporter."""
