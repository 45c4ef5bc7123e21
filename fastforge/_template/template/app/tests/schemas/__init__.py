"""Tests for `app.schemas`."""
