"""Test data of the generated resources: request bodies, and rows over HTTP or services."""
