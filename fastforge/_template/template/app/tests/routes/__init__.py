"""Tests for `app.routes`."""
