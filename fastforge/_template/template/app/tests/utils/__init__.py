"""Tests for `app.utils`."""
