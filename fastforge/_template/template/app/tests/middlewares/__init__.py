"""Tests for `app.middlewares`."""
