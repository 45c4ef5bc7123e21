"""Tests for `app.services`."""
